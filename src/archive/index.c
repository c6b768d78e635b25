/* index.c: DIR/index.html, made from the sessions' summaries kept beside their outputs.
 *
 * The index lists every session of the input folder(s) used whose PDF and HTML are in DIR — so
 * rebuilding one file never drops the others.  What it says of each (title, council, dates) is
 * the summary mn_build_session wrote with the session's outputs (DIR/.summaries/NAME.xml): the
 * summary of what was published, read in one small file.  Nothing else is read, neither the
 * pages nor the other sessions, so a build of one session costs the same whether DIR holds one
 * session or a thousand (tests/build/check.sh, case index-from-summaries).
 *
 * An output folder written by a minutes before summaries has PDF and HTML without a summary:
 * such a session is described from its source file (parsed, not validated) until it is built
 * again, and listed with its file name alone when that cannot be read either. */
#include "index.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/uri.h>

#include "base/i18n.h"
#include "session/load.h"

#define INDEX_NS "urn:minutes:index:1"

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

/* The summary of session NAME (source `path`) for the index, or NULL. */
static xmlDocPtr
summary_for (const char *dir, const char *name, const char *path)
{
  xmlDocPtr sum = mn_summary_load (dir, name);
  if (sum)
    return sum;
  /* Outputs of a minutes before summaries: the source says the same until it changes. */
  mn_diag silent = MN_DIAG_INIT;
  silent.quiet = 1;
  xmlDocPtr whole = NULL;
  if (mn_load_parse (&whole, path, &silent) == 0)
    sum = mn_summary_of (whole);
  xmlFreeDoc (whole);
  return sum;
}

/* Add an <item> for session NAME (source `path`) to `root` if its PDF and HTML are in `dir`.
 * Returns whether it did. */
static int
add_item (xmlNodePtr root, xmlNsPtr ns, const char *dir, const char *name, const char *path)
{
  char *pdf = g_strdup_printf ("%s.pdf", name);
  char *html = g_strdup_printf ("%s.html", name);
  char *pdf_path = g_build_filename (dir, pdf, NULL);
  char *html_path = g_build_filename (dir, html, NULL);
  int listed = is_file (pdf_path) && is_file (html_path);
  if (listed)
    {
      xmlNodePtr item = xmlNewChild (root, ns, BAD_CAST "item", NULL);
      xmlChar *pdf_href = xmlURIEscapeStr (BAD_CAST pdf, BAD_CAST "");
      xmlChar *html_href = xmlURIEscapeStr (BAD_CAST html, BAD_CAST "");
      xmlNewProp (item, BAD_CAST "pdf", pdf_href);
      xmlNewProp (item, BAD_CAST "html", html_href);
      xmlNewProp (item, BAD_CAST "name", BAD_CAST name);
      struct stat st;
      if (stat (pdf_path, &st) == 0)
        {
          /* the index links 「会議録（PDF：252KB）」 (xsl/index-html.xsl) */
          char size[32];
          g_snprintf (size, sizeof size, "%lld", (long long) st.st_size);
          xmlNewProp (item, BAD_CAST "pdf-size", BAD_CAST size);
        }
      xmlFree (pdf_href);
      xmlFree (html_href);
      xmlDocPtr sum = summary_for (dir, name, path);
      if (sum && xmlDocGetRootElement (sum))
        xmlAddChild (item, xmlDocCopyNode (xmlDocGetRootElement (sum), root->doc, 1));
      xmlFreeDoc (sum);
    }
  g_free (pdf);
  g_free (html);
  g_free (pdf_path);
  g_free (html_path);
  return listed;
}

int
mn_index_write (GPtrArray *listed, const char *dir, GPtrArray *folders, const mn_params *params,
                int quiet, mn_diag *d)
{
  mn_stylesheet *ss = NULL;
  int ret = mn_data_stylesheet (&ss, "xsl/index-html.xsl", d);
  if (ret != 0)
    return ret;
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
          char *name = mn_session_name (g.gl_pathv[k]);
          /* The first folder naming NAME wins: NAME.pdf is one file. */
          if (g_hash_table_add (seen, name) && add_item (root, ns, dir, name, g.gl_pathv[k])
              && listed)
            g_ptr_array_add (listed, g_strdup (name));
        }
      globfree (&g);
    }
  g_hash_table_destroy (seen);

  char *index_path = g_strdup_printf ("%s/index.html", dir);
  xmlDocPtr res = NULL;
  ret = mn_transform_apply (&res, ss, idx, index_path, params, d);
  if (ret == 0)
    ret = mn_transform_write (index_path, res, ss, d);
  if (ret == 0 && !quiet)
    printf (_("written %s\n"), index_path);
  xmlFreeDoc (res);
  xmlFreeDoc (idx);
  g_free (index_path);
  return ret;
}
