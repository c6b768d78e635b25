/* cmd_build.c: `minutes build` (sessions → PDF + HTML + index) and `minutes fo` (session → FO).
 *
 * Where things come from and go to:
 *   - sessions: the FILEs named, or with none every `.xml` file in `input/` of the current folder (staff
 *     run `minutes` from their project folder, which holds input/ and output/);
 *   - stylesheets, schema and fonts: always the data folder (paths.h), never the current folder;
 *   - results: `output/` of the current folder, or `-o DIR`; created if missing.
 *
 * For each session, in order: load and validate → XSLT to HTML (into its temporary file) and to
 * FO → typeset the FO (mn_render_parse_take, mn_render_doc) → `DIR/NAME.pdf`, then `DIR/NAME.html`
 * (build_one says which trees are alive when).  Nothing of a session is written before its
 * transformations have succeeded; the PDF and the HTML are each written atomically (atomic.h),
 * so a session that fails leaves its previous output exactly as it was.  A failing session does
 * not stop the others; the exit status reports the worst failure at the end.
 *
 * Then `DIR/index.html`: every session of the input folder(s) used whose PDF and HTML are in DIR,
 * newest first — so rebuilding one file never drops the others from the index.  The index is made
 * from a small summary of each session (its title, council and dates), never from whole sessions,
 * so a build of a thousand sessions holds a thousand summaries, not a thousand session trees. */
#include <errno.h>
#include <glob.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include "base/atomic.h"
#include "cmd.h"
#include "config.h"
#include "base/diag.h"
#include "base/digest.h"
#include "exitcode.h"
#include "base/i18n.h"
#include "session/load.h"
#include "base/paths.h"
#include "progress.h"
#include "engine/render.h"
#include "session/transform.h"

#define INDEX_NS "urn:minutes:index:1"

/* What the command line asked for. */
struct options {
  const char *out;          /* -o: the output folder (build) or FO file (fo); NULL = default */
  const char *stylesheet;   /* fo --stylesheet: use this instead of xsl/session-fo.xsl */
  mn_params params;         /* --param name=value, in order */
  int strict;               /* --strict: constructs outside the FO subset are errors */
  int source_lines;         /* fo --source-lines: keep the mx:line attributes */
  int check;                /* build --check: rebuild elsewhere, compare with DIR/SHA256SUMS */
  long jobs;                /* build -j: worker processes; 0 = one per core */
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
  fprintf (out, _("Usage: minutes build [-o DIR] [-j N] [--check] [--param NAME=VALUE]... [--strict] [FILE.xml|FOLDER...]\n"
                  "Validate each session, turn it into its official minutes and write\n"
                  "DIR/NAME.pdf and DIR/NAME.html, then DIR/index.html (newest first) and\n"
                  "DIR/SHA256SUMS (the sha256 of every PDF and HTML in DIR, as sha256sum writes).\n"
                  "With no FILE, every input/*.xml of the current folder is built; a FOLDER\n"
                  "stands for its *.xml.\n\n"
                  "Options:\n"
                  "  -o, --output DIR      write into DIR instead of output/\n"
                  "  -j, --jobs N          build N sessions at a time (default: one per core)\n"
                  "  --check               rebuild into a temporary folder and compare every file\n"
                  "                        with DIR/SHA256SUMS; DIR is left as it is\n"
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

/* -j N: a whole number from 1 to 1024.  Returns 0, or -1 after saying what is wrong. */
static int
parse_jobs (struct options *o, const char *cmd, const char *val)
{
  char *end = NULL;
  errno = 0;
  long n = strtol (val, &end, 10);
  if (errno != 0 || end == val || *end != '\0' || n < 1 || n > 1024)
    {
      fprintf (stderr, _("minutes %s: -j needs a number of jobs from 1 to 1024, not '%s'\n"), cmd, val);
      return -1;
    }
  o->jobs = n;
  return 0;
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
      if (strcmp (a, "--check") == 0 && !is_fo)
        {
          o->check = 1;
          continue;
        }
      if (strncmp (a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9' && !is_fo)
        {
          if (parse_jobs (o, argv[0], a + 2) != 0)
            return MN_EXIT_USAGE;
          continue;
        }
      if (strcmp (a, "--source-lines") == 0 && is_fo)
        {
          o->source_lines = 1;
          continue;
        }
      /* Options with a value: `--opt VALUE` or `--opt=VALUE`. */
      static const char *const with_value[] = { "-o", "--output", "--param", "--stylesheet",
                                                "-j", "--jobs" };
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
      if (!name || (strcmp (name, "--stylesheet") == 0 && !is_fo)
          || ((strcmp (name, "-j") == 0 || strcmp (name, "--jobs") == 0) && is_fo))
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
      else if (strcmp (name, "-j") == 0 || strcmp (name, "--jobs") == 0)
        {
          if (parse_jobs (o, argv[0], val) != 0)
            return MN_EXIT_USAGE;
        }
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

/* The same for the file `dir/name`. */
static char *
file_sha256 (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  char *sum = mn_sha256_file (path);
  g_free (path);
  return sum;
}

/* The parameters for the session at `path`: the user's `--param`s, then what the PDF records
 * about its making (docs/stylesheets.md): `source-sha256`, the sha256 of the session file as
 * read, and `generator`, "minutes VERSION".  The user cannot set these two.  `*sha` receives the
 * hex digest (owned; the params borrow it).  Returns 0, or MN_EIO when the file cannot be read
 * (the loader reports that itself, so nothing is said here). */
static int
session_params (mn_params *out, char **sha, const mn_params *user, const char *path)
{
  static const char generator[] = "minutes " MN_VERSION;
  *sha = mn_sha256_file (path);
  if (!*sha)
    return MN_EIO;
  out->count = 0;
  /* two more slots: html_with_pdf_size adds pdf-size and pdf-href */
  out->names = g_new (const char *, user->count + 4);
  out->values = g_new (const char *, user->count + 4);
  for (int i = 0; i < user->count; i++)
    if (strcmp (user->names[i], "source-sha256") != 0 && strcmp (user->names[i], "generator") != 0
        && strcmp (user->names[i], "pdf-size") != 0 && strcmp (user->names[i], "pdf-href") != 0)
      {
        out->names[out->count] = g_strdup (user->names[i]);
        out->values[out->count++] = user->values[i];
      }
  out->names[out->count] = g_strdup ("source-sha256");
  out->values[out->count++] = *sha;
  out->names[out->count] = g_strdup ("generator");
  out->values[out->count++] = generator;
  return 0;
}

/* What the index needs of a session (xsl/index-html.xsl reads only these): a small document
 * whose root is a shallow copy of the session's root (its attributes and namespaces) holding
 * copies of its <title>, <council> and <dates>.  Returns NULL when `doc` has no root. */
static xmlDocPtr
session_summary (xmlDocPtr doc)
{
  static const char *const keep[] = { "title", "council", "dates" };
  xmlNodePtr root = xmlDocGetRootElement (doc);
  if (!root)
    return NULL;
  xmlDocPtr sum = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr top = xmlDocCopyNode (root, sum, 2);
  xmlDocSetRootElement (sum, top);
  for (xmlNodePtr k = root->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE || !k->ns || !xmlStrEqual (k->ns->href, root->ns ? root->ns->href : NULL))
        continue;
      for (size_t i = 0; i < G_N_ELEMENTS (keep); i++)
        if (xmlStrEqual (k->name, BAD_CAST keep[i]))
          xmlAddChild (top, xmlDocCopyNode (k, sum, 1));
    }
  xmlReconciliateNs (sum, top);
  return sum;
}

/* The web page of the session at `path` again, now with `pdf-size` (the bytes of the PDF at
 * `pdf_path`) among `params`, written over the uncommitted `html_file`.  The session is read
 * again, quietly (its messages were printed the first time), and must still be the file of
 * sha256 `sha`.  Returns 0, or a failure's code (reported). */
static int
html_with_pdf_size (mn_atomic *html_file, const struct sheets *sh, mn_params *params,
                    const char *sha, const char *path, const char *pdf_path, mn_diag *d)
{
  char *name = session_name (path);
  char *pdf_name = g_strdup_printf ("%s.pdf", name);
  xmlChar *href = xmlURIEscapeStr (BAD_CAST pdf_name, BAD_CAST "");
  mn_diag quiet = MN_DIAG_INIT;
  xmlDocPtr doc = NULL, html = NULL;
  char *again = mn_sha256_file (path);
  char size[32];
  struct stat st;
  int ret = 0;
  quiet.quiet = 1;
  if (!again || strcmp (again, sha) != 0 || mn_load_session (&doc, path, &quiet) != 0)
    {
      mn_error (d, path, 0, _("the file changed while it was being built; build it again"));
      ret = MN_EIO;
      goto out;
    }
  if (stat (pdf_path, &st) != 0)
    {
      mn_error (d, pdf_path, 0, _("cannot read the file (%s); check it exists and can be read"),
                g_strerror (errno));
      ret = MN_EIO;
      goto out;
    }
  g_snprintf (size, sizeof size, "%lld", (long long) st.st_size);
  params->names[params->count] = g_strdup ("pdf-size");
  params->values[params->count++] = size;
  params->names[params->count] = g_strdup ("pdf-href");
  params->values[params->count++] = (const char *) href;
  ret = mn_transform_apply (&html, sh->html, doc, path, params, d);
  for (int i = 0; i < 2; i++)
    g_free ((char *) params->names[--params->count]);
  if (ret != 0)
    goto out;
  if (fflush (html_file->fp) != 0 || fseek (html_file->fp, 0, SEEK_SET) != 0
      || ftruncate (fileno (html_file->fp), 0) != 0
      || mn_transform_save (html_file->fp, html, sh->html) != 0)
    {
      mn_error (d, path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                g_strerror (errno));
      ret = MN_EIO;
    }
out:
  xmlFree (href);
  g_free (pdf_name);
  g_free (name);
  xmlFreeDoc (html);
  xmlFreeDoc (doc);
  g_free (again);
  return ret;
}

/* Build one session into `dir`; say what was written on `out` (NULL: say nothing).  On success
 * `*summary_out` is what the index needs of the session (session_summary; owned).  Returns 0 or
 * the first failure's code (diagnostics already reported).
 *
 * Order: the HTML and FO transformations first (a stylesheet error leaves both files as they
 * were); the PDF is typeset into `.NAME.pdf.new` beside its place; the web page is made again
 * with the PDF's size (it links 「PDF版（…KB）」, issue 16) from the session read a second
 * time (and checked to be the same bytes: sha256); then the PDF is renamed into place and
 * the HTML committed.  Any failure before that leaves the old PDF and HTML.
 *
 * Memory: only one large tree is alive at a time besides the session — the HTML result until
 * it is written into the (not yet committed) HTML file, then the FO result until the
 * engine's input tree is built from it — and the session itself is freed before typesetting,
 * so a long session costs its session tree, its FO tree and the engine's tree in turn, not all
 * at once; the session is read again only after the engine's tree is freed. */
static int
build_one (xmlDocPtr *summary_out, const struct sheets *sh, const struct options *o,
           const char *dir, const char *path, FILE *out, mn_diag *d)
{
  mn_params params = MN_PARAMS_INIT;
  char *sha = NULL;
  xmlDocPtr doc = NULL, fo = NULL, html = NULL, summary = NULL;
  mn_fo_doc *tree = NULL;
  mn_atomic html_file = MN_ATOMIC_INIT;
  char *name = session_name (path);
  char *pdf_path = g_strdup_printf ("%s/%s.pdf", dir, name);
  char *html_path = g_strdup_printf ("%s/%s.html", dir, name);
  char *new_pdf_path = g_strdup_printf ("%s/.%s.pdf.new", dir, name);
  int new_pdf_written = 0;
  *summary_out = NULL;

  int ret = mn_load_session (&doc, path, d);
  if (ret != 0)
    goto out;
  if ((ret = session_params (&params, &sha, &o->params, path)) != 0)
    {
      mn_error (d, path, 0, _("cannot read the file (%s); check it exists and can be read"),
                g_strerror (errno));
      goto out;
    }
  /* Both transformations before anything is written: a stylesheet error leaves both files.
   * The HTML goes into its temporary file at once, committed only once the PDF is written. */
  if ((ret = mn_transform_apply (&html, sh->html, doc, path, &params, d)) != 0)
    goto out;
  if (mn_atomic_open (&html_file, html_path) != 0
      || mn_transform_save (html_file.fp, html, sh->html) != 0)
    {
      mn_error (d, html_path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                g_strerror (errno));
      ret = MN_EIO;
      goto out;
    }
  xmlFreeDoc (html);
  html = NULL;
  if ((ret = mn_transform_apply (&fo, sh->fo, doc, path, &params, d)) != 0)
    goto out;
  summary = session_summary (doc);
  xmlFreeDoc (doc);
  doc = NULL;

  mn_render_opts ro = MN_RENDER_OPTS_INIT;
  ro.source_name = path;
  ro.strict = o->strict;
  ret = mn_render_parse_take (&tree, fo, &ro, d);
  fo = NULL;
#ifdef __GLIBC__
  /* The session and FO trees are gone, but their pages stay in the process (in the middle of
   * the heap, which malloc does not give back by itself): give them back before typesetting
   * adds its own, so that the peak is the larger of the two stages, not their sum. */
  malloc_trim (0);
#endif
  if (ret != 0 || (ret = mn_render_doc (new_pdf_path, tree, &ro, d)) != 0)
    goto out;
  new_pdf_written = 1;
  mn_render_doc_free (tree);
  tree = NULL;
  if ((ret = html_with_pdf_size (&html_file, sh, &params, sha, path, new_pdf_path, d)) != 0)
    goto out;
  if (rename (new_pdf_path, pdf_path) != 0)
    {
      mn_error (d, pdf_path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                g_strerror (errno));
      ret = MN_EIO;
      goto out;
    }
  new_pdf_written = 0;
  if (mn_atomic_commit (&html_file) != 0)
    {
      mn_error (d, html_path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                g_strerror (errno));
      ret = MN_EIO;
      goto out;
    }
  if (out)
    fprintf (out, _("%s: written %s and %s\n"), path, pdf_path, html_path);
  *summary_out = summary;
  summary = NULL;

out:
  if (ret != 0)
    mn_error (d, path, 0, _("not built: correct the errors above and build again; %s and %s are unchanged"),
              pdf_path, html_path);
  mn_atomic_abort (&html_file);
  if (new_pdf_written)
    unlink (new_pdf_path);
  g_free (new_pdf_path);
  mn_render_doc_free (tree);
  xmlFreeDoc (html);
  xmlFreeDoc (fo);
  xmlFreeDoc (doc);
  xmlFreeDoc (summary);
  mn_params_clear (&params);
  g_free (sha);
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
 * HTML exist in DIR.  `built` maps a session path to its summary (session_summary) when it was
 * built in this run; others are parsed here (well-formedness only: they are listed, not built)
 * and summed up the same way, so the index document stays small however many sessions it lists. */
static int
write_index (const struct sheets *sh, const struct options *o, const char *dir,
             GPtrArray *folders, GHashTable *built, int quiet, mn_diag *d)
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
                  mn_diag silent = MN_DIAG_INIT;
                  silent.quiet = 1;
                  xmlDocPtr whole = NULL;
                  if (mn_load_parse (&whole, path, &silent) == 0)
                    doc = parsed = session_summary (whole);
                  xmlFreeDoc (whole);
                }
              xmlNodePtr item = xmlNewChild (root, ns, BAD_CAST "item", NULL);
              xmlChar *pdf_href = xmlURIEscapeStr (BAD_CAST pdf, BAD_CAST "");
              xmlChar *html_href = xmlURIEscapeStr (BAD_CAST html, BAD_CAST "");
              xmlNewProp (item, BAD_CAST "pdf", pdf_href);
              xmlNewProp (item, BAD_CAST "html", html_href);
              struct stat st;
              if (stat (pdf_path, &st) == 0)
                {
                  char size[32];
                  g_snprintf (size, sizeof size, "%lld", (long long) st.st_size);
                  xmlNewProp (item, BAD_CAST "pdf-size", BAD_CAST size);
                }
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
  if (ret == 0 && !quiet)
    printf (_("written %s\n"), index_path);
  xmlFreeDoc (res);
  xmlFreeDoc (idx);
  g_free (index_path);
  return ret;
}

/* === many sessions at once ===
 *
 * With one job (one session, or -j1) the sessions are built in this process (build_here).
 * Otherwise they are built by worker processes (fork), each building whole sessions, so libxml2,
 * libxslt, fontconfig and Cairo keep their state per process.  The parent hands out one session
 * at a time over a pipe and reads back, per session, its result and everything it had to say
 * (diagnostics and the "written" line), which the parent prints whole: lines of different
 * workers never interleave.  What a session produces does not depend on which worker built it
 * or when, so the output is the same whatever the number of jobs. */

/* What a worker sends back for each session, followed by `errlen` bytes of diagnostics,
 * `outlen` bytes of ordinary output and `sumlen` bytes of the session's summary for the index
 * (session_summary, serialized; none when the session failed). */
struct result_head {
  uint32_t index;
  int32_t err;
  uint32_t errlen;
  uint32_t outlen;
  uint32_t sumlen;
};

struct worker {
  pid_t pid;
  int task_fd;   /* parent → worker: session indexes (uint32), closed when there are no more */
  int res_fd;    /* worker → parent: struct result_head + text */
  long current;  /* the session it is building, or -1 */
};

static int
write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return -1;
      p += n;
      len -= (size_t) n;
    }
  return 0;
}

/* Returns the bytes read: `len`, or less at end of file; -1 on error. */
static ssize_t
read_all (int fd, void *buf, size_t len)
{
  char *p = buf;
  size_t got = 0;
  while (got < len)
    {
      ssize_t n = read (fd, p + got, len - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += (size_t) n;
    }
  return (ssize_t) got;
}

static void G_GNUC_NORETURN
worker_main (int task_fd, int res_fd, const struct sheets *sh, const struct options *o,
             const char *dir, char **files)
{
  uint32_t index;
  while (read_all (task_fd, &index, sizeof index) == (ssize_t) sizeof index)
    {
      char *errbuf = NULL, *outbuf = NULL;
      size_t errlen = 0, outlen = 0;
      FILE *em = open_memstream (&errbuf, &errlen);
      FILE *om = open_memstream (&outbuf, &outlen);
      mn_diag d = MN_DIAG_INIT;
      d.out = em ? em : stderr;
      xmlDocPtr summary = NULL;
      int err = build_one (&summary, sh, o, dir, files[index], o->check ? NULL : (om ? om : stdout), &d);
      xmlChar *sumbuf = NULL;
      int sumlen = 0;
      if (summary)
        xmlDocDumpMemoryEnc (summary, &sumbuf, &sumlen, "UTF-8");
      xmlFreeDoc (summary);
      if (em)
        fclose (em);
      if (om)
        fclose (om);
      struct result_head h = { index, err, (uint32_t) errlen, (uint32_t) outlen,
                               (uint32_t) (sumbuf ? sumlen : 0) };
      int bad = write_all (res_fd, &h, sizeof h) != 0
                || write_all (res_fd, errbuf, errlen) != 0
                || write_all (res_fd, outbuf, outlen) != 0
                || write_all (res_fd, sumbuf, h.sumlen) != 0;
      free (errbuf);
      free (outbuf);
      xmlFree (sumbuf);
      if (bad)
        _exit (MN_EXIT_INTERNAL);
    }
  _exit (MN_EXIT_OK);
}

/* Give worker `w` the next session, or tell it there are none left. */
static void
dispatch (struct worker *w, size_t *next, size_t nfiles)
{
  if (*next < nfiles && w->task_fd >= 0)
    {
      uint32_t index = (uint32_t) *next;
      if (write_all (w->task_fd, &index, sizeof index) == 0)
        {
          w->current = (long) (*next)++;
          return;
        }
    }
  w->current = -1;
  if (w->task_fd >= 0)
    close (w->task_fd);
  w->task_fd = -1;
}

/* Build `files` into `dir` in this process, one after the other (one job: a worker process
 * would only add a fork and a copy of everything over a pipe).  Says the same, in the same
 * order, as the workers of build_all would: each session's diagnostics, then its "written" line
 * (the progress line names the session being built rather than the one just finished). */
static void
build_here (const struct sheets *sh, const struct options *o, const char *dir, char **files,
            size_t nfiles, int *errs, GHashTable *built, mn_diag *d)
{
  mn_progress *progress = mn_progress_new (stderr, (unsigned) nfiles);
  for (size_t k = 0; k < nfiles; k++)
    {
      char *base = g_path_get_basename (files[k]);
      mn_progress_step (progress, (unsigned) k + 1, base);
      g_free (base);
      mn_diag one = MN_DIAG_INIT;
      one.out = d->out;
      xmlDocPtr summary = NULL;
      errs[k] = build_one (&summary, sh, o, dir, files[k], o->check ? NULL : stdout, &one);
      fflush (stdout);
      if (errs[k] != 0)
        d->errors++;
      if (summary)
        g_hash_table_replace (built, g_strdup (files[k]), summary);
    }
  mn_progress_free (progress);
}

/* Build `files` into `dir` with up to `jobs` workers; `errs[k]` receives the result of files[k],
 * and `built` the summary of each session built (path → session_summary).  Returns 0, or
 * MN_EFAIL when no worker could be started at all (reported). */
static int
build_all (const struct sheets *sh, const struct options *o, const char *dir, char **files,
           size_t nfiles, long jobs, int *errs, GHashTable *built, mn_diag *d)
{
  if (jobs > (long) nfiles)
    jobs = (long) nfiles;
  if (jobs <= 1)
    {
      build_here (sh, o, dir, files, nfiles, errs, built, d);
      return 0;
    }
  struct worker *ws = g_new0 (struct worker, jobs);
  long nw = 0;
  fflush (stdout);
  fflush (stderr);
  signal (SIGPIPE, SIG_IGN);  /* a worker that died is noticed by its pipe's end, not by a signal */
  for (long k = 0; k < jobs; k++)
    {
      int t[2], r[2];
      if (pipe (t) != 0)
        break;
      if (pipe (r) != 0)
        {
          close (t[0]);
          close (t[1]);
          break;
        }
      pid_t pid = fork ();
      if (pid < 0)
        {
          close (t[0]); close (t[1]); close (r[0]); close (r[1]);
          break;
        }
      if (pid == 0)
        {
          for (long i = 0; i < nw; i++)
            {
              if (ws[i].task_fd >= 0)
                close (ws[i].task_fd);
              close (ws[i].res_fd);
            }
          close (t[1]);
          close (r[0]);
          worker_main (t[0], r[1], sh, o, dir, files);
        }
      close (t[0]);
      close (r[1]);
      ws[nw++] = (struct worker) { pid, t[1], r[0], -1 };
    }
  if (nw == 0)
    {
      mn_error (d, NULL, 0, _("cannot start a worker process (%s); close some programs and build again"),
                g_strerror (errno));
      g_free (ws);
      return MN_EFAIL;
    }

  size_t next = 0, done = 0;
  for (long k = 0; k < nw; k++)
    dispatch (&ws[k], &next, nfiles);
  mn_progress *progress = mn_progress_new (stderr, (unsigned) nfiles);
  struct pollfd *pfd = g_new (struct pollfd, nw);
  long active = nw;
  while (active > 0)
    {
      for (long k = 0; k < nw; k++)
        pfd[k] = (struct pollfd) { ws[k].res_fd, POLLIN, 0 };
      if (poll (pfd, (nfds_t) nw, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      for (long k = 0; k < nw; k++)
        {
          struct worker *w = &ws[k];
          if (w->res_fd < 0 || !(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
          struct result_head h;
          ssize_t n = read_all (w->res_fd, &h, sizeof h);
          char *text = NULL;
          size_t textlen = (size_t) h.errlen + h.outlen + h.sumlen;
          if (n == (ssize_t) sizeof h && h.index < nfiles && (long) h.index == w->current
              && h.sumlen <= INT_MAX)
            {
              text = g_malloc (textlen + 1);
              if (read_all (w->res_fd, text, textlen) != (ssize_t) textlen)
                n = 0;
            }
          else
            n = 0;
          if (n == 0)
            {
              /* The worker is gone (or talks nonsense): what it was building failed. */
              int st = 0;
              close (w->res_fd);
              w->res_fd = -1;
              if (w->task_fd >= 0)
                close (w->task_fd);
              w->task_fd = -1;
              waitpid (w->pid, &st, 0);
              w->pid = -1;
              if (w->current >= 0)
                {
                  errs[w->current] = MN_EFAIL;
                  if (WIFSIGNALED (st))
                    mn_error (d, files[w->current], 0, _("the process building this session was stopped by signal %d; please report this"),
                              WTERMSIG (st));
                  else
                    mn_error (d, files[w->current], 0, _("the process building this session ended unexpectedly; please report this"));
                  done++;
                }
              w->current = -1;
              active--;
              g_free (text);
              continue;
            }
          fwrite (text, 1, h.errlen, d->out ? d->out : stderr);
          fwrite (text + h.errlen, 1, h.outlen, stdout);
          fflush (stdout);
          errs[h.index] = h.err;
          if (h.err != 0)
            d->errors++;
          xmlDocPtr summary = h.sumlen == 0 ? NULL
            : xmlReadMemory (text + h.errlen + h.outlen, (int) h.sumlen, files[h.index], "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
          if (summary)
            g_hash_table_replace (built, g_strdup (files[h.index]), summary);
          g_free (text);
          done++;
          char *base = g_path_get_basename (files[h.index]);
          mn_progress_step (progress, (unsigned) done, base);
          g_free (base);
          dispatch (w, &next, nfiles);
        }
    }
  mn_progress_free (progress);
  /* Sessions never handed out (every worker died early) failed too. */
  for (; next < nfiles; next++)
    {
      errs[next] = MN_EFAIL;
      mn_error (d, files[next], 0, _("not built: no worker process was left to build it; build again"));
    }
  for (long k = 0; k < nw; k++)
    if (ws[k].pid > 0)
      {
        if (ws[k].task_fd >= 0)
          close (ws[k].task_fd);
        if (ws[k].res_fd >= 0)
          close (ws[k].res_fd);
        waitpid (ws[k].pid, NULL, 0);
      }
  g_free (pfd);
  g_free (ws);
  return 0;
}

/* === SHA256SUMS === */

static int
is_output_name (const char *name)
{
  return name[0] != '.' && (g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".html"));
}

/* The PDF and HTML files of `dir`, sorted by name (bytewise), or NULL if `dir` cannot be read. */
static GPtrArray *
output_files (const char *dir)
{
  GDir *dh = g_dir_open (dir, 0, NULL);
  if (!dh)
    return NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dh)))
    {
      char *path = g_build_filename (dir, name, NULL);
      if (is_output_name (name) && is_file (path))
        g_ptr_array_add (names, g_strdup (name));
      g_free (path);
    }
  g_dir_close (dh);
  g_ptr_array_sort (names, compare_paths);
  return names;
}


/* Write DIR/SHA256SUMS ("HEX  NAME" lines, as sha256sum prints them) for every PDF and HTML
 * in DIR, atomically.  Returns 0 or MN_EIO (reported). */
static int
write_sums (const char *dir, int quiet, mn_diag *d)
{
  char *sums_path = g_build_filename (dir, "SHA256SUMS", NULL);
  GPtrArray *names = output_files (dir);
  GString *text = g_string_new (NULL);
  int ret = names ? 0 : MN_EIO;
  for (guint k = 0; names && k < names->len && ret == 0; k++)
    {
      char *sum = file_sha256 (dir, names->pdata[k]);
      if (!sum)
        ret = MN_EIO;
      else
        g_string_append_printf (text, "%s  %s\n", sum, (const char *) names->pdata[k]);
      g_free (sum);
    }
  if (ret == 0 && mn_atomic_write (sums_path, text->str, text->len) != 0)
    ret = MN_EIO;
  if (ret != 0)
    mn_error (d, sums_path, 0, _("cannot write the checksums (%s); check the output folder can be read and written"),
              g_strerror (errno));
  else if (!quiet)
    printf (_("written %s\n"), sums_path);
  if (names)
    g_ptr_array_free (names, TRUE);
  g_string_free (text, TRUE);
  g_free (sums_path);
  return ret;
}

/* --check: compare the files rebuilt in `fresh`, and the files in `dir` (the published ones),
 * with the sums recorded in `dir`/SHA256SUMS.  One error per file whose published copy or
 * rebuilt copy differs from its sum, that is missing from the rebuild, or that was rebuilt but
 * is not recorded (a recorded file missing from `dir` is fine: the rebuild proves it).  Returns 0 when all match, MN_EINVALID when some differ, MN_EIO when SHA256SUMS
 * cannot be read. */
static int
check_sums (const char *dir, const char *fresh, mn_diag *d)
{
  char *sums_path = g_build_filename (dir, "SHA256SUMS", NULL);
  char *text = NULL;
  int ret = 0;
  unsigned matched = 0, bad = 0;
  if (!g_file_get_contents (sums_path, &text, NULL, NULL))
    {
      mn_error (d, sums_path, 0, _("cannot read the recorded checksums; run `minutes build` first, or name the published folder with -o"));
      g_free (sums_path);
      return MN_EIO;
    }
  GHashTable *recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char **lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      char *l = lines[i];
      if (*l == '\0')
        continue;
      /* "HEX  NAME" (text mode) or "HEX *NAME" (binary mode): 64 hex digits, a space, a mark. */
      size_t hex = strspn (l, "0123456789abcdefABCDEF");
      if (hex != 64 || l[64] != ' ' || (l[65] != ' ' && l[65] != '*') || l[66] == '\0'
          || strchr (l + 66, '/'))
        {
          mn_error (d, sums_path, i + 1, _("not a line of sha256sum (HEX  NAME); restore the file from the published copy"));
          bad++;
          continue;
        }
      l[64] = '\0';
      const char *name = l + 66;
      char *out_path = g_build_filename (dir, name, NULL);
      char *sum = file_sha256 (fresh, name);
      char *published = file_sha256 (dir, name);
      g_hash_table_add (recorded, g_strdup (name));
      if (published && g_ascii_strcasecmp (published, l) != 0)
        {
          mn_error (d, out_path, 0, _("its bytes differ from the sum recorded in %s: this is not the published file; restore it, or rebuild"),
                    sums_path);
          bad++;
        }
      else if (!sum)
        {
          mn_error (d, out_path, 0, _("this file was not rebuilt; check its session is among the files named and builds"));
          bad++;
        }
      else if (g_ascii_strcasecmp (sum, l) != 0)
        {
          mn_error (d, out_path, 0, _("the rebuilt file differs from the sum recorded in %s: these sessions, stylesheets and fonts no longer make the published file"),
                    sums_path);
          bad++;
        }
      else
        matched++;
      g_free (published);
      g_free (sum);
      g_free (out_path);
    }
  GPtrArray *names = output_files (fresh);
  for (guint k = 0; names && k < names->len; k++)
    if (!g_hash_table_contains (recorded, names->pdata[k]))
      {
        char *out_path = g_build_filename (dir, (const char *) names->pdata[k], NULL);
        mn_error (d, out_path, 0, _("this file was rebuilt but is not recorded in %s; build again to record it"), sums_path);
        g_free (out_path);
        bad++;
      }
  if (bad == 0)
    printf (_("all %u files match %s\n"), matched, sums_path);
  else
    ret = MN_EINVALID;
  if (names)
    g_ptr_array_free (names, TRUE);
  g_strfreev (lines);
  g_hash_table_destroy (recorded);
  g_free (text);
  g_free (sums_path);
  return ret;
}

/* Remove the files in `dir` (not below) and `dir` itself. */
static void
remove_folder (const char *dir)
{
  GDir *dh = g_dir_open (dir, 0, NULL);
  if (dh)
    {
      const char *name;
      while ((name = g_dir_read_name (dh)))
        {
          char *path = g_build_filename (dir, name, NULL);
          unlink (path);
          g_free (path);
        }
      g_dir_close (dh);
    }
  rmdir (dir);
}

/* === minutes build === */

/* The session files named: a folder stands for its *.xml (sorted); a file is kept as given. */
static GPtrArray *
expand_files (char **args, size_t n, mn_diag *d)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  for (size_t k = 0; k < n; k++)
    {
      struct stat st;
      if (stat (args[k], &st) != 0 || !S_ISDIR (st.st_mode))
        {
          g_ptr_array_add (files, g_strdup (args[k]));
          continue;
        }
      size_t len = strlen (args[k]);
      char *pattern = g_strdup_printf ("%.*s/*.xml", (int) (len > 1 && args[k][len - 1] == '/' ? len - 1 : len), args[k]);
      glob_t g;
      int gr = glob (pattern, 0, NULL, &g);
      g_free (pattern);
      if (gr != 0)
        {
          mn_error (d, args[k], 0, _("this folder holds no .xml session; name a folder of sessions or the files"));
          continue;
        }
      qsort (g.gl_pathv, g.gl_pathc, sizeof (char *), compare_paths);
      for (size_t i = 0; i < g.gl_pathc; i++)
        g_ptr_array_add (files, g_strdup (g.gl_pathv[i]));
      globfree (&g);
    }
  return files;
}

int
mn_cmd_build (int argc, char **argv)
{
  struct options o = { 0 };
  mn_diag d = MN_DIAG_INIT;
  struct sheets sh = { 0 };
  glob_t g = { 0 };
  int have_glob = 0;
  char *fresh = NULL;
  int *errs = NULL;
  GPtrArray *named = NULL;
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
  else
    {
      int before = d.errors;
      named = expand_files (files, nfiles, &d);
      if (d.errors > before)
        status = MN_EXIT_USAGE;
      files = (char **) named->pdata;
      nfiles = named->len;
      if (nfiles == 0)
        goto out;
    }

  if (o.check)
    {
      /* Rebuild into a fresh folder; `dir` is only read. */
      GError *gerr = NULL;
      fresh = g_dir_make_tmp ("minutes-check-XXXXXX", &gerr);
      if (!fresh)
        {
          mn_error (&d, NULL, 0, _("cannot create a temporary folder (%s); set TMPDIR to a writable folder"),
                    gerr->message);
          g_error_free (gerr);
          status = MN_EXIT_USAGE;
          goto out;
        }
    }
  else if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      mn_error (&d, dir, 0, _("cannot create the output folder (%s); check the path and permissions"),
                g_strerror (errno));
      status = MN_EXIT_USAGE;
      goto out;
    }
  const char *into = fresh ? fresh : dir;

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

  long jobs = o.jobs;
  if (jobs <= 0)
    {
      jobs = sysconf (_SC_NPROCESSORS_ONLN);
      if (jobs < 1)
        jobs = 1;
    }
  errs = g_new0 (int, nfiles);
  if (build_all (&sh, &o, into, files, nfiles, jobs, errs, built, &d) != 0)
    {
      status = MN_EXIT_ENV;
      goto out;
    }

  size_t failed = 0;
  for (size_t k = 0; k < nfiles; k++)
    {
      status = worse (status, exit_for (errs[k]));
      if (errs[k] != 0)
        failed++;
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

  err = write_index (&sh, &o, into, folders, built, fresh != NULL, &d);
  status = worse (status, exit_for (err));
  if (err == 0)
    {
      err = write_sums (into, fresh != NULL, &d);
      status = worse (status, exit_for (err));
    }
  if (err == 0 && fresh)
    {
      err = check_sums (dir, fresh, &d);
      status = worse (status, err == MN_EIO ? MN_EXIT_USAGE : exit_for (err));
    }

  if (failed > 0)
    {
      mn_error (&d, NULL, 0, _("sessions not built: %zu of %zu (listed below); correct the errors above and build again"),
                failed, nfiles);
      for (size_t k = 0; k < nfiles; k++)
        if (errs[k] != 0)
          fprintf (d.out ? d.out : stderr, "  %s\n", files[k]);
    }

out:
  if (fresh)
    {
      remove_folder (fresh);
      g_free (fresh);
    }
  g_free (errs);
  if (named)
    g_ptr_array_free (named, TRUE);
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
  mn_params params = MN_PARAMS_INIT;
  char *sha = NULL;
  if ((err = mn_load_session (&doc, path, &d)) == 0
      && (err = session_params (&params, &sha, &o.params, path)) != 0)
    mn_error (&d, path, 0, _("cannot read the file (%s); check it exists and can be read"),
              g_strerror (errno));
  if (err == 0)
    err = mn_transform_apply (&fo, ss, doc, path, &params, &d);
  mn_params_clear (&params);
  g_free (sha);
  if (err != 0)
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
