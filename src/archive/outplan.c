/* outplan.c: what `minutes build` will write, checked before it writes anything (outplan.h). */
#include "outplan.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "minutes.h"

/* A file's identity, as a key of a hash table. */
static char *
identity (const struct stat *st)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t) st->st_dev, (uintmax_t) st->st_ino);
}

/* Rules 3 and 4 for the output `path`: it may be missing, or a regular file (a folder when
 * `folder`) that is not one of the sessions (`inputs`: identity -> the session's path).
 * Returns 1 if it is fine. */
static int
check_output (const char *path, int folder, GHashTable *inputs, mn_diag *d)
{
  struct stat st;
  if (stat (path, &st) != 0)
    return 1;   /* not there yet (or a dangling link, which the rename replaces) */
  if (folder && !S_ISDIR (st.st_mode))
    {
      mn_error (d, path, 0, _("this is not a folder, where minutes keeps what the index needs of each session; remove it or build into another folder (-o)"));
      return 0;
    }
  if (folder)
    return 1;
  if (!S_ISREG (st.st_mode))
    {
      mn_error (d, path, 0, S_ISDIR (st.st_mode)
                ? _("this is a folder, where minutes must write a file; move it away or build into another folder (-o)")
                : _("this is not a regular file, where minutes must write one; remove it or build into another folder (-o)"));
      return 0;
    }
  char *id = identity (&st);
  const char *session = g_hash_table_lookup (inputs, id);
  g_free (id);
  if (session)
    {
      mn_error (d, path, 0, _("this output is the session file %s itself; building would destroy it: build into another folder (-o)"),
                session);
      return 0;
    }
  return 1;
}

int
mn_outplan_check (const char *dir, char *const *files, size_t nfiles, mn_diag *d)
{
  int before = d->errors;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (size_t k = 0; k < nfiles; k++)
    {
      struct stat st;
      if (stat (files[k], &st) == 0)
        g_hash_table_insert (inputs, identity (&st), files[k]);
    }
  for (size_t k = 0; k < nfiles; k++)
    {
      char *name = mn_session_name (files[k]);
      char *pdf = g_strdup_printf ("%s/%s.pdf", dir, name);
      char *html = g_strdup_printf ("%s/%s.html", dir, name);
      const char *first = g_hash_table_lookup (names, name);
      if (first)   /* rule 1 */
        {
          if (strcmp (first, files[k]) == 0)
            mn_error (d, files[k], 0, _("this session is named twice; name each session once"));
          else
            mn_error (d, files[k], 0, _("this session and %s would both be written to %s and its .html; rename one of them"),
                      first, pdf);
        }
      else if (strcmp (name, "index") == 0)   /* rule 2 */
        mn_error (d, files[k], 0, _("a session named index would have its page %s replaced by the list of sessions; rename the file (index-1.xml, say)"),
                  html);
      else
        {
          g_hash_table_insert (names, g_strdup (name), files[k]);
          char *summary = mn_summary_path (dir, name);
          check_output (pdf, 0, inputs, d);
          check_output (html, 0, inputs, d);
          check_output (summary, 0, inputs, d);
          g_free (summary);
        }
      g_free (pdf);
      g_free (html);
      g_free (name);
    }
  static const struct { const char *name; int folder; } shared[] = {
    { "index.html", 0 }, { "SHA256SUMS", 0 }, { ".summaries", 1 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      char *path = g_build_filename (dir, shared[i].name, NULL);
      check_output (path, shared[i].folder, inputs, d);
      g_free (path);
    }
  g_hash_table_destroy (names);
  g_hash_table_destroy (inputs);
  return d->errors > before ? MN_EUSAGE : 0;
}
