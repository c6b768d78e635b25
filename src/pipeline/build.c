/* build.c: mn_build_session — one session file to its PDF, its HTML page and its summary.
 *
 * In order: load and validate → XSLT to HTML (into its temporary file) and to FO → typeset the
 * FO (mn_render_parse_take, mn_render_doc_take) into DIR/.NAME.pdf.new → the HTML again, now with
 * the PDF's size (the page links 「PDF版（252KB）」, issue 16), from the session read a second
 * time and checked to be the same bytes → DIR/NAME.pdf (renamed into place), DIR/NAME.html,
 * then the summary DIR/.summaries/NAME.xml.  Nothing of a session is written before its
 * transformations have succeeded; each file is written atomically (base/atomic.h), so a
 * session that fails leaves its previous output exactly as it was.
 *
 * The summary is what the index needs of the session (its title, council and dates), kept
 * beside the outputs, so that the index of a folder of a thousand sessions is made from a
 * thousand small files and never from the pages or the sessions themselves. */
#include "minutes.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/uri.h>

#include "base/atomic.h"
#include "base/digest.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "config.h"
#include "pipeline.h"
#include "session/load.h"

/* The folder of the summaries inside an output folder (hidden: it is not published). */
#define SUMMARY_DIR ".summaries"

void
mn_build_result_clear (mn_build_result *r)
{
  g_free (r->name);
  g_free (r->pdf_path);
  g_free (r->html_path);
  xmlFreeDoc (r->summary);
  *r = (mn_build_result) MN_BUILD_RESULT_INIT;
}

char *
mn_session_name (const char *path)
{
  char *base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".xml") && strlen (base) > 4)
    base[strlen (base) - 4] = '\0';
  return base;
}

/* === stylesheets === */

int
mn_data_stylesheet (mn_stylesheet **out, const char *rel, mn_diag *d)
{
  char *path = mn_paths_data_file (rel);
  int ret = path ? mn_transform_stylesheet (out, path, d) : MN_EENV;
  /* A stylesheet of the data folder that cannot be read or compiled: the installation. */
  if (ret != 0)
    mn_error (d, path, 0, _("this stylesheet of minutes cannot be used, so the installation is broken: reinstall minutes, or give the right folder with --data-dir"));
  free (path);
  return ret == 0 ? 0 : MN_EENV;
}

/* The three stylesheets of a build. */
struct sheets {
  mn_stylesheet *fo;
  mn_stylesheet *html;
  mn_stylesheet *index;
};

static int
load_sheets (struct sheets *sh, mn_diag *d)
{
  int err;
  if ((err = mn_data_stylesheet (&sh->fo, "xsl/session-fo.xsl", d)) != 0
      || (err = mn_data_stylesheet (&sh->html, "xsl/session-html.xsl", d)) != 0
      || (err = mn_data_stylesheet (&sh->index, "xsl/index-html.xsl", d)) != 0)
    return err;
  return 0;
}

int
mn_build_prepare (const mn_params *params, mn_diag *d)
{
  mn_load_init ();
  struct sheets sh = { 0 };
  int err = load_sheets (&sh, d);
  if (err != 0)
    return err;
  const mn_stylesheet *all[] = { sh.fo, sh.html, sh.index };
  return mn_transform_check_params (all, G_N_ELEMENTS (all), params, d);
}

/* === parameters === */

/* The parameters for the session at `path`: the user's `--param`s (`user`, may be NULL), then
 * what the PDF records about its making (docs/stylesheets.md): `source-sha256`, the sha256 of
 * the session file as read, and `generator`, "minutes VERSION"; the user cannot set these two.
 * `*sha` receives the hex digest (owned; the params borrow it).  Returns 0, or MN_EIO when
 * the file cannot be read (not reported). */
static int
session_params (mn_params *out, char **sha, const mn_params *user, const char *path)
{
  static const char generator[] = "minutes " MN_VERSION;
  int n = user ? user->count : 0;
  *sha = mn_sha256_file (path);
  if (!*sha)
    return MN_EIO;
  out->count = 0;
  /* two more slots: html_with_pdf_size adds pdf-size and pdf-href */
  out->names = g_new (const char *, n + 4);
  out->values = g_new (const char *, n + 4);
  for (int i = 0; i < n; i++)
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

int
mn_pipeline_load (xmlDocPtr *doc, mn_params *params, char **sha, const char *path,
                  const mn_params *user, mn_diag *d)
{
  int ret = mn_load_session (doc, path, d);
  if (ret == 0 && (ret = session_params (params, sha, user, path)) != 0)
    mn_error (d, path, 0, _("cannot read the file (%s); check it exists and can be read"),
              g_strerror (errno));
  return ret;
}

/* === summaries === */

xmlDocPtr
mn_summary_of (xmlDocPtr doc)
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

char *
mn_summary_path (const char *dir, const char *name)
{
  return g_strdup_printf ("%s/" SUMMARY_DIR "/%s.xml", dir, name);
}

xmlDocPtr
mn_summary_load (const char *dir, const char *name)
{
  char *path = mn_summary_path (dir, name);
  char *text = NULL;
  gsize len = 0;
  xmlDocPtr doc = NULL;
  /* Our own small file (read whole: the entity loader of load.h lets libxml2 open no file),
   * parsed as carefully as any: no network, no entities, no messages. */
  if (g_file_get_contents (path, &text, &len, NULL) && len < MN_LOAD_MAX_BYTES)
    doc = xmlReadMemory (text, (int) len, path, "UTF-8",
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_free (text);
  g_free (path);
  return doc;
}

/* Open the temporary file of the summary `path` (in `dir`) and write `summary` into it (committed with the
 * session's other files).  Returns 0 or MN_EIO (errno set). */
static int
summary_open (mn_atomic *a, const char *dir, const char *path, xmlDocPtr summary)
{
  char *folder = g_build_filename (dir, SUMMARY_DIR, NULL);
  xmlChar *text = NULL;
  int len = 0;
  int ret = MN_EIO;
  if (g_mkdir_with_parents (folder, 0777) != 0 || mn_atomic_open (a, path) != 0)
    goto out;
  xmlDocDumpMemoryEnc (summary, &text, &len, "UTF-8");
  if (text && len > 0 && fwrite (text, 1, (size_t) len, a->fp) == (size_t) len)
    ret = 0;
out:
  xmlFree (text);
  g_free (folder);
  return ret;
}

/* === one session === */

static int
cannot_write (mn_diag *d, const char *path)
{
  mn_error (d, path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
            g_strerror (errno));
  return MN_EIO;
}

/* The web page of the session at `path` again, now with `pdf-size` (the bytes of the PDF at
 * `pdf_path`) and `pdf-href` among `params`, in place of the uncommitted `html_file`.  The
 * session is read again, quietly (its messages were printed the first time), and must still
 * be the file of sha256 `sha`.  Returns 0, or a failure's code (reported). */
static int
html_with_pdf_size (mn_atomic *html_file, mn_stylesheet *style, mn_params *params,
                    const char *sha, const char *path, const char *pdf_path, mn_diag *d)
{
  char *name = mn_session_name (path);
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
      ret = cannot_write (d, pdf_path);
      goto out;
    }
  g_snprintf (size, sizeof size, "%lld", (long long) st.st_size);
  params->names[params->count] = g_strdup ("pdf-size");
  params->values[params->count++] = size;
  params->names[params->count] = g_strdup ("pdf-href");
  params->values[params->count++] = (const char *) href;
  ret = mn_transform_apply (&html, style, doc, path, params, d);
  for (int i = 0; i < 2; i++)
    g_free ((char *) params->names[--params->count]);
  if (ret != 0)
    goto out;
  /* a new temporary for the page (the first one only proved the page can be made) */
  char *html_path = g_strdup (html_file->path);
  mn_atomic_abort (html_file);
  *html_file = (mn_atomic) MN_ATOMIC_INIT;
  if (mn_atomic_open (html_file, html_path) != 0
      || mn_transform_save (html_file->fp, html, style) != 0
      || fflush (html_file->fp) != 0 || mn_atomic_error (html_file))
    {
      if (mn_atomic_error (html_file))
        errno = mn_atomic_error (html_file);
      ret = cannot_write (d, html_path);
    }
  g_free (html_path);
out:
  xmlFree (href);
  g_free (pdf_name);
  g_free (name);
  xmlFreeDoc (html);
  xmlFreeDoc (doc);
  g_free (again);
  return ret;
}

/* Memory: only one large tree is alive at a time besides the session — the HTML result until
 * it is written into the (not yet committed) HTML file, then the FO result until the engine's
 * input tree is built from it — and the session itself is freed before typesetting, so a long
 * session costs its session tree, its FO tree and the engine's tree in turn, not all at once. */
int
mn_build_session (mn_build_result *out, const char *path, const mn_build_opts *opts, mn_diag *d)
{
  struct sheets sh = { 0 };
  mn_params params = MN_PARAMS_INIT;
  char *sha = NULL;
  xmlDocPtr doc = NULL, fo = NULL, html = NULL, summary = NULL;
  mn_fo_doc *tree = NULL;
  mn_atomic html_file = MN_ATOMIC_INIT, summary_file = MN_ATOMIC_INIT;
  const char *dir = opts->out_dir;
  *out = (mn_build_result) MN_BUILD_RESULT_INIT;
  out->name = mn_session_name (path);
  out->pdf_path = g_strdup_printf ("%s/%s.pdf", dir, out->name);
  out->html_path = g_strdup_printf ("%s/%s.html", dir, out->name);
  const char *html_path = out->html_path;
  char *sum_path = mn_summary_path (dir, out->name);
  char *new_pdf_path = g_strdup_printf ("%s/.%s.pdf.new", dir, out->name);
  int new_pdf_written = 0;  /* the PDF is typeset into new_pdf_path, not yet renamed */
  int pdf_written = 0;   /* the PDF was replaced, and then a later file failed */

  int ret = load_sheets (&sh, d);
  if (ret != 0 || (ret = mn_pipeline_load (&doc, &params, &sha, path, opts->params, d)) != 0)
    goto out;
  /* Both transformations before anything is written: a stylesheet error leaves both files.
   * The HTML goes into its temporary file at once, committed only once the PDF is written. */
  if ((ret = mn_transform_apply (&html, sh.html, doc, path, &params, d)) != 0)
    goto out;
  if (mn_atomic_open (&html_file, html_path) != 0
      || mn_transform_save (html_file.fp, html, sh.html) != 0
      || fflush (html_file.fp) != 0 || mn_atomic_error (&html_file))
    {
      if (mn_atomic_error (&html_file))   /* the first failed write's errno, ENOSPC say */
        errno = mn_atomic_error (&html_file);
      ret = cannot_write (d, html_path);
      goto out;
    }
  xmlFreeDoc (html);
  html = NULL;
  if ((ret = mn_transform_apply (&fo, sh.fo, doc, path, &params, d)) != 0)
    goto out;
  summary = mn_summary_of (doc);
  xmlFreeDoc (doc);
  doc = NULL;
  if (!summary || summary_open (&summary_file, dir, sum_path, summary) != 0)
    {
      ret = cannot_write (d, sum_path);
      goto out;
    }

  mn_render_opts ro = MN_RENDER_OPTS_INIT;
  ro.source_name = path;
  ro.strict = opts->strict;
  ro.pages_out = &out->pages;
  ret = mn_render_parse_take (&tree, fo, &ro, d);
  fo = NULL;
#ifdef __GLIBC__
  /* The session and FO trees are gone, but their pages stay in the process (in the middle of
   * the heap, which malloc does not give back by itself): give them back before typesetting
   * adds its own, so that the peak is the larger of the two stages, not their sum. */
  malloc_trim (0);
#endif
  if (ret != 0)
    goto out;
  ret = mn_render_doc_take (new_pdf_path, tree, &ro, d);
  tree = NULL;   /* freed by the engine once its pages are painted */
  if (ret != 0)
    goto out;
  new_pdf_written = 1;
  if ((ret = html_with_pdf_size (&html_file, sh.html, &params, sha, path, new_pdf_path, d)) != 0)
    goto out;
  if (rename (new_pdf_path, out->pdf_path) != 0)
    {
      ret = cannot_write (d, out->pdf_path);
      goto out;
    }
  new_pdf_written = 0;
  /* The PDF is in place now.  The output plan checked every path before (archive/outplan.h),
   * so a failure here is a disk that filled up or a folder that changed since: say what is
   * where rather than "unchanged". */
  if (mn_atomic_commit (&html_file) != 0)
    {
      mn_error (d, html_path, 0, _("cannot write the file (%s); %s was written, but this page is the old one (or none): free some space and build again"),
                g_strerror (errno), out->pdf_path);
      ret = MN_EIO;
      pdf_written = 1;
      goto out;
    }
  if (mn_atomic_commit (&summary_file) != 0)
    {
      mn_error (d, sum_path, 0, _("cannot write the file (%s); %s and %s were written, but the index may list the session as it was: free some space and build again"),
                g_strerror (errno), out->pdf_path, html_path);
      ret = MN_EIO;
      pdf_written = 1;
      goto out;
    }
  out->summary = summary;
  summary = NULL;

out:
  if (ret != 0)
    {
      if (!pdf_written)
        mn_error (d, path, 0, _("not built: correct the errors above and build again; %s and %s are unchanged"),
                  out->pdf_path, html_path);
      out->pages = 0;
    }
  mn_atomic_abort (&html_file);
  mn_atomic_abort (&summary_file);
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
  g_free (sum_path);
  return ret;
}
