/* sums.c: DIR/SHA256SUMS — the sha256 of every published file of an output folder, in the form
 * `sha256sum -c` checks — and `minutes build --check`, which compares a rebuild and the
 * published folder with it.  What is published, and so recorded, is said in sums.h. */
#include "sums.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomic.h"
#include "base/digest.h"
#include "base/i18n.h"
#include "search.h"

/* The folder of the summaries inside an output folder (minutes.h, mn_summary_path). */
#define SUMMARIES ".summaries/"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
sums_line_free (gpointer p)
{
  mn_sums_line *l = p;
  g_free (l->name);
  g_free (l);
}

char *
mn_sums_of_file (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  struct stat st;
  char *sum = stat (path, &st) == 0 && S_ISREG (st.st_mode) ? mn_sha256_file (path) : NULL;
  g_free (path);
  return sum;
}

/* Whether `name` may be named by a sums file: a file of the folder itself (no '/', not "." or
 * ".."), or with `summaries` one of .summaries/. */
static int
is_recordable (const char *name, int summaries)
{
  if (summaries && g_str_has_prefix (name, SUMMARIES))
    name += strlen (SUMMARIES);
  return *name != '\0' && !strchr (name, '/') && strcmp (name, ".") != 0
         && strcmp (name, "..") != 0;
}

int
mn_sums_read (GPtrArray **out, unsigned *bad, const char *path, int summaries, mn_diag *d)
{
  char *text = NULL;
  *out = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return MN_EIO;
  GPtrArray *lines = g_ptr_array_new_with_free_func (sums_line_free);
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **split = g_strsplit (text, "\n", -1);
  for (int i = 0; split[i]; i++)
    {
      const char *l = split[i];
      if (*l == '\0')
        continue;
      /* "HEX  NAME" (text mode) or "HEX *NAME" (binary mode): 64 hex digits, a space, a mark. */
      size_t hex = strspn (l, "0123456789abcdefABCDEF");
      if (hex != 64 || l[64] != ' ' || (l[65] != ' ' && l[65] != '*')
          || !is_recordable (l + 66, summaries))
        {
          mn_error (d, path, i + 1, _("not a line of sha256sum (HEX  NAME); restore the file from the published copy"));
          ++*bad;
          continue;
        }
      mn_sums_line *e = g_new0 (mn_sums_line, 1);
      e->name = g_strdup (l + 66);
      for (int k = 0; k < 64; k++)
        e->hex[k] = g_ascii_tolower (l[k]);
      e->line = i + 1;
      if (!g_hash_table_add (seen, e->name))
        {
          mn_error (d, path, i + 1, _("%s is named twice; restore the file from the published copy"), e->name);
          ++*bad;
          sums_line_free (e);
          continue;
        }
      g_ptr_array_add (lines, e);
    }
  g_strfreev (split);
  g_hash_table_destroy (seen);
  g_free (text);
  *out = lines;
  return 0;
}

int
mn_sums_write_files (const char *dir, const char *file, char **names, size_t n, int quiet,
                     mn_diag *d)
{
  char *sums_path = g_build_filename (dir, file, NULL);
  char **sorted = g_memdup2 (names, n * sizeof *names);
  GString *text = g_string_new (NULL);
  int ret = 0;
  qsort (sorted, n, sizeof *sorted, compare_names);
  for (size_t k = 0; k < n && ret == 0; k++)
    {
      char *sum = mn_sums_of_file (dir, sorted[k]);
      if (!sum)
        ret = MN_EIO;
      else
        g_string_append_printf (text, "%s  %s\n", sum, sorted[k]);
      g_free (sum);
    }
  if (ret == 0 && mn_atomic_write (sums_path, text->str, text->len) != 0)
    ret = MN_EIO;
  if (ret != 0)
    mn_error (d, sums_path, 0, _("cannot write the checksums (%s); check the output folder can be read and written"),
              g_strerror (errno));
  else if (!quiet)
    printf (_("written %s\n"), sums_path);
  g_string_free (text, TRUE);
  g_free (sorted);
  g_free (sums_path);
  return ret;
}

int
mn_sums_write (const char *dir, GPtrArray *listed, int quiet, mn_diag *d)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (names, g_strdup ("index.html"));
  for (guint k = 0; k < listed->len; k++)
    {
      g_ptr_array_add (names, g_strdup_printf ("%s.pdf", (const char *) listed->pdata[k]));
      g_ptr_array_add (names, g_strdup_printf ("%s.html", (const char *) listed->pdata[k]));
    }
  int ret = mn_sums_write_files (dir, MN_SUMS_NAME, (char **) names->pdata, names->len, quiet, d);
  g_ptr_array_free (names, TRUE);
  return ret;
}

/* === --check === */

/* The names of the entries of `dir` a published folder may not hold unrecorded: all but
 * SHA256SUMS, hidden ones (.summaries/, the temporaries of interrupted writes) and the search
 * index made from the recorded pages (search.h), sorted; NULL
 * when `dir` cannot be read. */
static GPtrArray *
visible_entries (const char *dir)
{
  GDir *dh = g_dir_open (dir, 0, NULL);
  if (!dh)
    return NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dh)))
    if (name[0] != '.' && strcmp (name, MN_SUMS_NAME) != 0
        && strcmp (name, MN_SEARCH_BUNDLE) != 0 && strcmp (name, MN_SEARCH_SCRIPT) != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dh);
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* The sums of `lines` by name (borrowed from them). */
static GHashTable *
by_name (GPtrArray *lines)
{
  GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; lines && k < lines->len; k++)
    {
      mn_sums_line *e = lines->pdata[k];
      g_hash_table_insert (h, e->name, e->hex);
    }
  return h;
}

/* Check each recorded file: in `dir` with its recorded bytes, and rebuilt with them.  Returns
 * the number of files that do not match (each reported); `*matched` counts the others. */
static unsigned
check_recorded (unsigned *matched, const char *dir, GPtrArray *recorded, GHashTable *rebuilt,
                const char *sums_path, mn_diag *d)
{
  unsigned bad = 0;
  for (guint k = 0; k < recorded->len; k++)
    {
      const mn_sums_line *e = recorded->pdata[k];
      char *out_path = g_build_filename (dir, e->name, NULL);
      char *published = mn_sums_of_file (dir, e->name);
      const char *again = g_hash_table_lookup (rebuilt, e->name);
      bad++;
      if (!published)
        mn_error (d, out_path, 0, _("missing: this published file is recorded in %s but is not in the folder; restore it from the published copy, or build again"),
                  sums_path);
      else if (strcmp (published, e->hex) != 0)
        mn_error (d, out_path, 0, _("its bytes differ from the sum recorded in %s: this is not the published file; restore it, or rebuild"),
                  sums_path);
      else if (!again)
        mn_error (d, out_path, 0, _("this file was not rebuilt; check its session is among the files named and builds"));
      else if (strcmp (again, e->hex) != 0)
        mn_error (d, out_path, 0, _("the rebuilt file differs from the sum recorded in %s: these sessions, stylesheets and fonts no longer make the published file"),
                  sums_path);
      else
        {
          bad--;
          ++*matched;
        }
      g_free (published);
      g_free (out_path);
    }
  return bad;
}

/* Report each name of `names` (sorted) that is not recorded: a rebuilt published file that
 * SHA256SUMS lacks, or a file of `dir` that no session makes.  Returns how many. */
static unsigned
check_unrecorded (const char *dir, GPtrArray *names, GHashTable *recorded, GHashTable *rebuilt,
                  const char *sums_path, mn_diag *d)
{
  unsigned bad = 0;
  for (guint k = 0; k < names->len; k++)
    {
      const char *name = names->pdata[k];
      if (g_hash_table_contains (recorded, name)
          || (k > 0 && strcmp (name, names->pdata[k - 1]) == 0))
        continue;
      char *out_path = g_build_filename (dir, name, NULL);
      if (g_hash_table_contains (rebuilt, name))
        mn_error (d, out_path, 0, _("this file was rebuilt but is not recorded in %s; build again to record it"), sums_path);
      else
        mn_error (d, out_path, 0, _("unlisted: this file is not recorded in %s and no session named makes it; remove it from the published folder"),
                  sums_path);
      g_free (out_path);
      bad++;
    }
  return bad;
}

int
mn_sums_check (const char *dir, const char *fresh, mn_diag *d)
{
  char *sums_path = g_build_filename (dir, MN_SUMS_NAME, NULL);
  char *fresh_path = g_build_filename (fresh, MN_SUMS_NAME, NULL);
  GPtrArray *recorded = NULL, *rebuilt = NULL, *names = NULL;
  GHashTable *recorded_by_name = NULL, *rebuilt_by_name = NULL;
  unsigned matched = 0, bad = 0, ignored = 0;
  int ret = 0;
  if (mn_sums_read (&recorded, &bad, sums_path, 0, d) != 0)
    {
      mn_error (d, sums_path, 0, _("cannot read the recorded checksums; run `minutes build` first, or name the published folder with -o"));
      ret = MN_EIO;
      goto out;
    }
  /* Our own file, just written: it cannot be malformed. */
  if (mn_sums_read (&rebuilt, &ignored, fresh_path, 0, d) != 0)
    {
      mn_error (d, fresh_path, 0, _("cannot read the checksums of the rebuild (%s); check the temporary folder (TMPDIR) can be read"),
                g_strerror (errno));
      ret = MN_EIO;
      goto out;
    }
  recorded_by_name = by_name (recorded);
  rebuilt_by_name = by_name (rebuilt);
  bad += check_recorded (&matched, dir, recorded, rebuilt_by_name, sums_path, d);

  /* What is not recorded: the published folder's entries and the rebuilt published files. */
  names = visible_entries (dir);
  if (!names)
    names = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < rebuilt->len; k++)
    g_ptr_array_add (names, g_strdup (((mn_sums_line *) rebuilt->pdata[k])->name));
  g_ptr_array_sort (names, compare_names);
  bad += check_unrecorded (dir, names, recorded_by_name, rebuilt_by_name, sums_path, d);

  if (bad == 0)
    printf (_("all %u files match %s\n"), matched, sums_path);
  else
    ret = MN_EINVALID;
out:
  if (names)
    g_ptr_array_free (names, TRUE);
  if (recorded_by_name)
    g_hash_table_destroy (recorded_by_name);
  if (rebuilt_by_name)
    g_hash_table_destroy (rebuilt_by_name);
  if (recorded)
    g_ptr_array_free (recorded, TRUE);
  if (rebuilt)
    g_ptr_array_free (rebuilt, TRUE);
  g_free (fresh_path);
  g_free (sums_path);
  return ret;
}
