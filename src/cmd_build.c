/* cmd_build.c: `minutes build` (sessions → PDF + HTML + index) and `minutes fo` (session → FO).
 *
 * Where things come from and go to:
 *   - sessions: the FILEs named, or with none every `.xml` file in `input/` of the current folder (staff
 *     run `minutes` from their project folder, which holds input/ and output/);
 *   - stylesheets, schema and fonts: always the data folder (paths.h), never the current folder;
 *   - results: `output/` of the current folder, or `-o DIR`; created if missing.
 *
 * For each session, in order: load and validate → XSLT to FO and to HTML → typeset the FO
 * (mn_render_pdf) → `DIR/NAME.pdf`, `DIR/NAME.html`.  Nothing of a session is written before its
 * transformations have succeeded; the PDF and the HTML are each written atomically (atomic.h),
 * so a session that fails leaves its previous output exactly as it was.  A failing session does
 * not stop the others; the exit status reports the worst failure at the end.
 *
 * Then `DIR/index.html`: every session of the input folder(s) used whose PDF and HTML are in DIR,
 * newest first — so rebuilding one file never drops the others from the index. */
#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include "atomic.h"
#include "cmd.h"
#include "diag.h"
#include "exitcode.h"
#include "i18n.h"
#include "load.h"
#include "paths.h"
#include "render.h"
#include "transform.h"

#define INDEX_NS "urn:minutes:index:1"

/* What the command line asked for. */
struct options {
  const char *out;          /* -o: the output folder (build) or FO file (fo); NULL = default */
  const char *stylesheet;   /* fo --stylesheet: use this instead of xsl/session-fo.xsl */
  mn_params params;         /* --param name=value, in order */
  int strict;               /* --strict: constructs outside the FO subset are errors */
  int source_lines;         /* fo --source-lines: keep the mx:line attributes */
  int nfiles;               /* the FILE arguments */
  char **files;
};

/* The worse of two exit codes: internal > environment > usage > invalid > ok. */
static int
worse (int a, int b)
{
  return a > b ? a : b;
}

static int
exit_for (int err)
{
  switch (err)
    {
    case 0:
      return MN_EXIT_OK;
    case MN_EINVALID:
    case MN_EXSLT:
    case MN_ELIMIT:
      return MN_EXIT_INVALID;
    case MN_EIO:
      return MN_EXIT_USAGE;
    case MN_EFONT:
      return MN_EXIT_ENV;
    default:
      return MN_EXIT_INTERNAL;
    }
}

/* === command line === */

static void
usage_build (FILE *out)
{
  fprintf (out, _("Usage: minutes build [-o DIR] [--param NAME=VALUE]... [--strict] [FILE.xml...]\n"
                  "Validate each session, turn it into its official minutes and write\n"
                  "DIR/NAME.pdf and DIR/NAME.html, then DIR/index.html (newest first).\n"
                  "With no FILE, every input/*.xml of the current folder is built.\n\n"
                  "Options:\n"
                  "  -o, --output DIR      write into DIR instead of output/\n"
                  "  --param NAME=VALUE    set a look of the minutes (paper, base-font-size,\n"
                  "                        body-font-family, heading-font-family, header-text,\n"
                  "                        margin-top, ...; docs/stylesheets.md lists them all)\n"
                  "  --strict              treat warnings of the typesetting engine as errors\n"
                  "  --help                print this help and exit\n\n"
                  "A session that fails leaves its previous PDF and HTML as they were; the others\n"
                  "are still built, and the exit status is non-zero.\n"));
}

static void
usage_fo (FILE *out)
{
  fprintf (out, _("Usage: minutes fo [-o OUT.fo] [--param NAME=VALUE]... [--stylesheet FILE.xsl] FILE.xml\n"
                  "Validate a session and print its XSL-FO (the official minutes before typesetting),\n"
                  "for `minutes render` or any XSL-FO processor such as Apache FOP.\n\n"
                  "Options:\n"
                  "  -o, --output OUT.fo   write the FO into OUT.fo instead of printing it\n"
                  "  --param NAME=VALUE    set a look of the minutes (see `minutes build --help`)\n"
                  "  --stylesheet FILE     use FILE instead of the data folder's xsl/session-fo.xsl;\n"
                  "                        it may read only its own folder, xsl/ and the session's folder\n"
                  "  --source-lines        keep the mx:line attributes that tell `minutes render` the\n"
                  "                        session line of each block (other FO processors reject them)\n"
                  "  --help                print this help and exit\n"));
}

/* Returns -1 to go on, or an exit code. */
static int
parse_options (struct options *o, int argc, char **argv, int is_fo)
{
  void (*usage) (FILE *) = is_fo ? usage_fo : usage_build;
  o->files = g_new0 (char *, argc + 1);
  int i = 1;
  for (; i < argc; i++)
    {
      const char *a = argv[i];
      const char *val = NULL;
      if (strcmp (a, "--") == 0)
        {
          i++;
          break;
        }
      if (a[0] != '-' || strcmp (a, "-") == 0)
        {
          o->files[o->nfiles++] = argv[i];
          continue;
        }
      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          return MN_EXIT_OK;
        }
      if (strcmp (a, "--strict") == 0 && !is_fo)
        {
          o->strict = 1;
          continue;
        }
      if (strcmp (a, "--source-lines") == 0 && is_fo)
        {
          o->source_lines = 1;
          continue;
        }
      /* Options with a value: `--opt VALUE` or `--opt=VALUE`. */
      static const char *const with_value[] = { "-o", "--output", "--param", "--stylesheet" };
      const char *name = NULL;
      for (size_t k = 0; k < G_N_ELEMENTS (with_value); k++)
        {
          size_t n = strlen (with_value[k]);
          if (strcmp (a, with_value[k]) == 0)
            {
              if (i + 1 >= argc)
                {
                  fprintf (stderr, _("minutes %s: option '%s' needs a value\n"), argv[0], a);
                  return MN_EXIT_USAGE;
                }
              name = with_value[k];
              val = argv[++i];
            }
          else if (n > 2 && strncmp (a, with_value[k], n) == 0 && a[n] == '=')
            {
              name = with_value[k];
              val = a + n + 1;
            }
          if (name)
            break;
        }
      if (!name || (strcmp (name, "--stylesheet") == 0 && !is_fo))
        {
          fprintf (stderr, _("minutes %s: unknown option '%s'; see `minutes %s --help`\n"),
                   argv[0], a, argv[0]);
          return MN_EXIT_USAGE;
        }
      if (strcmp (name, "--param") == 0)
        {
          if (mn_params_add (&o->params, val) != 0)
            {
              fprintf (stderr, _("minutes %s: --param needs NAME=VALUE (a name of letters, digits, '-' or '_'), not '%s'\n"),
                       argv[0], val);
              return MN_EXIT_USAGE;
            }
        }
      else if (strcmp (name, "--stylesheet") == 0)
        o->stylesheet = val;
      else
        o->out = val;
    }
  for (; i < argc; i++)
    o->files[o->nfiles++] = argv[i];
  return -1;
}

static void
options_clear (struct options *o)
{
  mn_params_clear (&o->params);
  g_free (o->files);
}

/* === one session === */

/* NAME of `path`: its file name without the folder and a final ".xml". */
static char *
session_name (const char *path)
{
  char *base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".xml") && strlen (base) > 4)
    base[strlen (base) - 4] = '\0';
  return base;
}

/* Serialize `fo` and write it to `out_path` atomically, or to stdout when NULL. */
static int
write_result (const char *out_path, xmlDocPtr res, const mn_stylesheet *ss, mn_diag *d)
{
  unsigned char *buf = NULL;
  int len = 0;
  if (mn_transform_serialize (&buf, &len, res, ss) != 0)
    {
      mn_error (d, out_path, 0, _("cannot serialize the result; please report this"));
      return MN_EFAIL;
    }
  int ret = 0;
  if (out_path)
    {
      if (mn_atomic_write (out_path, buf, (size_t) len) != 0)
        {
          mn_error (d, out_path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                    g_strerror (errno));
          ret = MN_EIO;
        }
    }
  else if (fwrite (buf, 1, (size_t) len, stdout) != (size_t) len || fflush (stdout) != 0)
    ret = MN_EIO;
  xmlFree (buf);
  return ret;
}

/* The stylesheets of `build`, compiled once. */
struct sheets {
  mn_stylesheet *fo;
  mn_stylesheet *html;
  mn_stylesheet *index;
};

static int
load_sheet (mn_stylesheet **out, const char *rel, mn_diag *d)
{
  char *path = mn_paths_data_file (rel);
  int ret = path ? mn_transform_stylesheet (out, path, d) : MN_EFAIL;
  free (path);
  return ret;
}

/* Build one session into `dir`.  On success `*doc_out` is the session document (owned), kept
 * for the index.  Returns 0 or the first failure's code (diagnostics already reported). */
static int
build_one (xmlDocPtr *doc_out, const struct sheets *sh, const struct options *o,
           const char *dir, const char *path, mn_diag *d)
{
  xmlDocPtr doc = NULL, fo = NULL, html = NULL;
  unsigned char *html_text = NULL;
  int html_len = 0;
  char *name = session_name (path);
  char *pdf_path = g_strdup_printf ("%s/%s.pdf", dir, name);
  char *html_path = g_strdup_printf ("%s/%s.html", dir, name);
  *doc_out = NULL;

  int ret = mn_load_session (&doc, path, d);
  if (ret != 0)
    goto out;
  /* Both transformations before anything is written: a stylesheet error leaves both files. */
  if ((ret = mn_transform_apply (&fo, sh->fo, doc, path, &o->params, d)) != 0
      || (ret = mn_transform_apply (&html, sh->html, doc, path, &o->params, d)) != 0)
    goto out;
  if (mn_transform_serialize (&html_text, &html_len, html, sh->html) != 0)
    {
      mn_error (d, path, 0, _("cannot serialize the HTML; please report this"));
      ret = MN_EFAIL;
      goto out;
    }

  mn_render_opts ro = MN_RENDER_OPTS_INIT;
  ro.source_name = path;
  ro.strict = o->strict;
  if ((ret = mn_render_pdf (pdf_path, fo, &ro, d)) != 0)
    goto out;
  if (mn_atomic_write (html_path, html_text, (size_t) html_len) != 0)
    {
      mn_error (d, html_path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                g_strerror (errno));
      ret = MN_EIO;
      goto out;
    }
  printf (_("%s: written %s and %s\n"), path, pdf_path, html_path);
  *doc_out = doc;
  doc = NULL;

out:
  if (ret != 0)
    mn_error (d, path, 0, _("not built: correct the errors above and build again; %s and %s are unchanged"),
              pdf_path, html_path);
  xmlFree (html_text);
  xmlFreeDoc (html);
  xmlFreeDoc (fo);
  xmlFreeDoc (doc);
  g_free (pdf_path);
  g_free (html_path);
  g_free (name);
  return ret;
}

/* === the index === */

static int
compare_paths (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
is_file (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* Put the title and date of an HTML page we wrote earlier (its <title> and its
 * <meta name="dcterms.date">) on `item` as title="…" date="…". */
static void
describe_from_html (xmlNodePtr item, const char *html_path)
{
  char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (html_path, &text, &len, NULL) || len > INT_MAX)
    {
      g_free (text);
      return;
    }
  htmlDocPtr page = htmlReadMemory (text, (int) len, html_path, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  g_free (text);
  if (!page)
    return;
  for (xmlNodePtr n = xmlDocGetRootElement (page) ? xmlDocGetRootElement (page)->children : NULL;
       n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST "head"))
      for (xmlNodePtr h = n->children; h; h = h->next)
        {
          if (h->type != XML_ELEMENT_NODE)
            continue;
          if (xmlStrEqual (h->name, BAD_CAST "title"))
            {
              xmlChar *t = xmlNodeGetContent (h);
              xmlNewProp (item, BAD_CAST "title", t);
              xmlFree (t);
            }
          xmlChar *name = xmlGetProp (h, BAD_CAST "name");
          if (xmlStrEqual (h->name, BAD_CAST "meta") && xmlStrEqual (name, BAD_CAST "dcterms.date"))
            {
              xmlChar *c = xmlGetProp (h, BAD_CAST "content");
              xmlNewProp (item, BAD_CAST "date", c);
              xmlFree (c);
            }
          xmlFree (name);
        }
  xmlFreeDoc (page);
}

/* Write DIR/index.html: the sessions of the folders in `folders` (each `.xml` file) whose PDF and
 * HTML exist in DIR.  `built` maps a session path to its document when it was loaded in this
 * run; others are parsed here (well-formedness only: they are listed, not built). */
static int
write_index (const struct sheets *sh, const struct options *o, const char *dir,
             GPtrArray *folders, GHashTable *built, mn_diag *d)
{
  xmlDocPtr idx = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root = xmlNewNode (NULL, BAD_CAST "index");
  xmlNsPtr ns = xmlNewNs (root, BAD_CAST INDEX_NS, NULL);
  xmlSetNs (root, ns);
  xmlDocSetRootElement (idx, root);
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint f = 0; f < folders->len; f++)
    {
      char *pattern = g_strdup_printf ("%s/*.xml", (const char *) folders->pdata[f]);
      glob_t g;
      int gr = glob (pattern, 0, NULL, &g);
      g_free (pattern);
      if (gr != 0)
        continue;
      qsort (g.gl_pathv, g.gl_pathc, sizeof (char *), compare_paths);
      for (size_t k = 0; k < g.gl_pathc; k++)
        {
          const char *path = g.gl_pathv[k];
          char *name = session_name (path);
          char *pdf = g_strdup_printf ("%s.pdf", name);
          char *html = g_strdup_printf ("%s.html", name);
          char *pdf_path = g_strdup_printf ("%s/%s", dir, pdf);
          char *html_path = g_strdup_printf ("%s/%s", dir, html);
          if (!g_hash_table_contains (seen, name) && is_file (pdf_path) && is_file (html_path))
            {
              xmlDocPtr doc = g_hash_table_lookup (built, path);
              xmlDocPtr parsed = NULL;
              if (!doc)
                {
                  mn_diag quiet = MN_DIAG_INIT;
                  quiet.quiet = 1;
                  if (mn_load_parse (&parsed, path, &quiet) == 0)
                    doc = parsed;
                }
              xmlNodePtr item = xmlNewChild (root, ns, BAD_CAST "item", NULL);
              xmlChar *pdf_href = xmlURIEscapeStr (BAD_CAST pdf, BAD_CAST "");
              xmlChar *html_href = xmlURIEscapeStr (BAD_CAST html, BAD_CAST "");
              xmlNewProp (item, BAD_CAST "pdf", pdf_href);
              xmlNewProp (item, BAD_CAST "html", html_href);
              xmlFree (pdf_href);
              xmlFree (html_href);
              if (doc && xmlDocGetRootElement (doc))
                xmlAddChild (item, xmlDocCopyNode (xmlDocGetRootElement (doc), idx, 1));
              else
                /* The session cannot be read now (it failed this run), but its previous
                 * output is there: list it from what that page says about itself. */
                describe_from_html (item, html_path);
              g_hash_table_add (seen, g_strdup (name));
              xmlFreeDoc (parsed);
            }
          g_free (name);
          g_free (pdf);
          g_free (html);
          g_free (pdf_path);
          g_free (html_path);
        }
      globfree (&g);
    }
  g_hash_table_destroy (seen);

  char *index_path = g_strdup_printf ("%s/index.html", dir);
  xmlDocPtr res = NULL;
  int ret = mn_transform_apply (&res, sh->index, idx, index_path, &o->params, d);
  if (ret == 0)
    ret = write_result (index_path, res, sh->index, d);
  if (ret == 0)
    printf (_("written %s\n"), index_path);
  xmlFreeDoc (res);
  xmlFreeDoc (idx);
  g_free (index_path);
  return ret;
}

/* === minutes build === */

int
mn_cmd_build (int argc, char **argv)
{
  struct options o = { 0 };
  mn_diag d = MN_DIAG_INIT;
  struct sheets sh = { 0 };
  glob_t g = { 0 };
  int have_glob = 0;
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);
  GHashTable *built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) xmlFreeDoc);
  int status = parse_options (&o, argc, argv, 0);
  if (status >= 0)
    goto out;
  status = MN_EXIT_OK;
  mn_load_init ();

  const char *dir = o.out ? o.out : "output";
  char **files = o.files;
  size_t nfiles = (size_t) o.nfiles;
  if (nfiles == 0)
    {
      int gr = glob ("input/*.xml", 0, NULL, &g);
      if (gr != 0)
        {
          mn_error (&d, NULL, 0, gr == GLOB_NOMATCH
                    ? _("no input/*.xml in the current folder; run minutes from your project folder, or name the session files")
                    : _("cannot list input/*.xml; check the folder can be read"));
          status = MN_EXIT_USAGE;
          goto out;
        }
      have_glob = 1;
      qsort (g.gl_pathv, g.gl_pathc, sizeof (char *), compare_paths);
      files = g.gl_pathv;
      nfiles = g.gl_pathc;
    }

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      mn_error (&d, dir, 0, _("cannot create the output folder (%s); check the path and permissions"),
                g_strerror (errno));
      status = MN_EXIT_USAGE;
      goto out;
    }

  int err;
  if ((err = load_sheet (&sh.fo, "xsl/session-fo.xsl", &d)) != 0
      || (err = load_sheet (&sh.html, "xsl/session-html.xsl", &d)) != 0
      || (err = load_sheet (&sh.index, "xsl/index-html.xsl", &d)) != 0)
    {
      status = MN_EXIT_ENV;
      goto out;
    }
  if (mn_transform_check_params (sh.fo, sh.html, &o.params, &d) != 0)
    {
      status = MN_EXIT_USAGE;
      goto out;
    }

  for (size_t k = 0; k < nfiles; k++)
    {
      xmlDocPtr doc = NULL;
      err = build_one (&doc, &sh, &o, dir, files[k], &d);
      status = worse (status, exit_for (err));
      if (doc)
        g_hash_table_replace (built, g_strdup (files[k]), doc);
      char *copy = g_strdup (files[k]);
      char *folder = g_strdup (dirname (copy));
      g_free (copy);
      gboolean known = FALSE;
      for (guint f = 0; f < folders->len; f++)
        known |= strcmp (folders->pdata[f], folder) == 0;
      if (known)
        g_free (folder);
      else
        g_ptr_array_add (folders, folder);
    }

  err = write_index (&sh, &o, dir, folders, built, &d);
  status = worse (status, exit_for (err));

out:
  if (have_glob)
    globfree (&g);
  g_hash_table_destroy (built);
  g_ptr_array_free (folders, TRUE);
  options_clear (&o);
  mn_transform_cleanup ();
  mn_load_cleanup ();
  mn_render_cleanup ();
  return status;
}

/* === minutes fo === */

/* Remove our foreign attributes (mx:line …, namespace MN_FOX_NS) from `n` and below. */
static void
strip_fox_attributes (xmlNodePtr n)
{
  for (; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      xmlAttrPtr a = n->properties;
      while (a)
        {
          xmlAttrPtr next = a->next;
          if (a->ns && xmlStrEqual (a->ns->href, BAD_CAST MN_FOX_NS))
            xmlRemoveProp (a);
          a = next;
        }
      strip_fox_attributes (n->children);
    }
}

/* Then their namespace declaration (the stylesheet puts it on the root only), so strict XSL-FO
 * processors such as FOP, which refuse attributes they do not know, take the FO as it is. */
static void
strip_fox (xmlNodePtr root)
{
  strip_fox_attributes (root);
  xmlNsPtr *link = &root->nsDef;
  while (*link)
    {
      xmlNsPtr ns = *link;
      if (xmlStrEqual (ns->href, BAD_CAST MN_FOX_NS))
        {
          *link = ns->next;
          ns->next = NULL;
          xmlFreeNs (ns);
        }
      else
        link = &ns->next;
    }
}

int
mn_cmd_fo (int argc, char **argv)
{
  struct options o = { 0 };
  mn_diag d = MN_DIAG_INIT;
  mn_stylesheet *ss = NULL;
  xmlDocPtr doc = NULL, fo = NULL;
  int status = parse_options (&o, argc, argv, 1);
  if (status >= 0)
    goto out;
  if (o.nfiles != 1)
    {
      fprintf (stderr, _("minutes fo: name exactly one session file; see `minutes fo --help`\n"));
      status = MN_EXIT_USAGE;
      goto out;
    }
  mn_load_init ();
  int err = o.stylesheet ? mn_transform_stylesheet (&ss, o.stylesheet, &d)
                         : load_sheet (&ss, "xsl/session-fo.xsl", &d);
  if (err != 0)
    {
      status = o.stylesheet ? MN_EXIT_INVALID : MN_EXIT_ENV;
      goto out;
    }
  if (mn_transform_check_params (ss, NULL, &o.params, &d) != 0)
    {
      status = MN_EXIT_USAGE;
      goto out;
    }
  const char *path = o.files[0];
  if ((err = mn_load_session (&doc, path, &d)) != 0
      || (err = mn_transform_apply (&fo, ss, doc, path, &o.params, &d)) != 0)
    status = exit_for (err);
  else
    {
      xmlNodePtr root = xmlDocGetRootElement (fo);
      if (!o.source_lines && root)
        strip_fox (root);
      err = write_result (o.out, fo, ss, &d);
      status = exit_for (err);
    }

out:
  xmlFreeDoc (fo);
  xmlFreeDoc (doc);
  options_clear (&o);
  mn_transform_cleanup ();
  mn_load_cleanup ();
  mn_render_cleanup ();
  return status;
}
