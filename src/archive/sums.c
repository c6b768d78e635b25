/* sums.c: DIR/SHA256SUMS — the sha256 of every PDF and HTML of an output folder, in the form
 * `sha256sum -c` checks — and `minutes build --check`, which compares a rebuild with it. */
#include "sums.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "base/atomic.h"
#include "base/digest.h"
#include "base/i18n.h"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
is_file (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* The sha256 of the file `dir/name` (g_free), or NULL when it cannot be read. */
static char *
file_sha256 (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  char *sum = mn_sha256_file (path);
  g_free (path);
  return sum;
}

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
  g_ptr_array_sort (names, compare_names);
  return names;
}

int
mn_sums_write (const char *dir, int quiet, mn_diag *d)
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

int
mn_sums_check (const char *dir, const char *fresh, mn_diag *d)
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
