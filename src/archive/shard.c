/* shard.c: sharded rebuilds — each shard's part of the sums, and the merge of the parts.
 *
 * An archive too big for one machine is rebuilt in N shards, by whatever runs jobs (GNU
 * parallel over ssh, a Slurm job array, N terminals): we schedule nothing.  What makes the
 * shards agree without talking to each other:
 *   1. a session's shard depends on its name alone (mn_shard_of), so the shards never overlap
 *      and together cover every session, whichever machine runs which shard and in which
 *      order;
 *   2. a shard writes its sessions' files as any build does (NAME.pdf, NAME.html and the
 *      summary .summaries/NAME.xml), but no index.html or SHA256SUMS, which need every
 *      session: it writes its part of the sums instead, SHA256SUMS.K-of-N, a name that cannot
 *      be taken for the whole.  A part lists the sessions the shard built in this run — a
 *      session that failed is not in it, so the merge refuses the set — and the summaries too,
 *      which the merge makes the index from;
 *   3. the merge, in the folder the shards' folders were gathered into (rsync, or one shared
 *      folder), proves the parts are one whole (every K of one N once, every session of the
 *      sessions named in its own part, every file with the bytes its part records) before it
 *      writes the index and SHA256SUMS by the same code as a build in one process
 *      (mn_index_write, mn_sums_write): the same sessions give the same bytes.  The parts are
 *      removed then, so the folder is the one a build in one process leaves.
 * A merge that finds a problem reports every one, a line each, and writes nothing. */
#include "shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "index.h"
#include "sums.h"

#define SUMMARIES ".summaries/"

unsigned
mn_shard_of (const char *name, unsigned n)
{
  g_assert (n >= 1 && n <= MN_SHARD_MAX);
  char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);
  hex[8] = '\0';
  guint64 v = g_ascii_strtoull (hex, NULL, 16);
  g_free (hex);
  return 1 + (unsigned) (v % n);
}

/* "SHA256SUMS.K-of-N" (owned). */
static char *
part_name (unsigned k, unsigned n)
{
  return g_strdup_printf (MN_SUMS_NAME ".%u-of-%u", k, n);
}

int
mn_shard_write_part (const char *dir, unsigned k, unsigned n, GPtrArray *built, int quiet,
                     mn_diag *d)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (guint s = 0; s < built->len; s++)
    {
      const char *name = built->pdata[s];
      g_ptr_array_add (names, g_strdup_printf ("%s.pdf", name));
      g_ptr_array_add (names, g_strdup_printf ("%s.html", name));
      g_ptr_array_add (names, g_strdup_printf (SUMMARIES "%s.xml", name));
    }
  char *part = part_name (k, n);
  int ret = mn_sums_write_files (dir, part, (char **) names->pdata, names->len, quiet, d);
  g_free (part);
  g_ptr_array_free (names, TRUE);
  return ret;
}

/* === the merge === */

/* A part found in the folder. */
struct part {
  unsigned k, n;  /* it is shard k of n's */
  char *name;     /* its file name, SHA256SUMS.K-of-N (owned) */
  char *path;     /* DIR/name (owned) */
};

/* A session the shards were given. */
struct session {
  const char *path;  /* its file (borrowed from the caller's list) */
  unsigned shard;    /* the shard it belongs to (mn_shard_of) */
  unsigned found;    /* which of its files its part names: FOUND_* bits */
};

enum { FOUND_PDF = 1, FOUND_HTML = 2, FOUND_SUMMARY = 4, FOUND_ALL = 7 };

static void
part_free (gpointer p)
{
  struct part *pt = p;
  g_free (pt->name);
  g_free (pt->path);
  g_free (pt);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static int
compare_parts (gconstpointer a, gconstpointer b)
{
  const struct part *x = *(struct part *const *) a, *y = *(struct part *const *) b;
  if (x->n != y->n)
    return x->n < y->n ? -1 : 1;
  return x->k < y->k ? -1 : x->k > y->k;
}

/* A whole number from 1 to MN_SHARD_MAX written without leading zeros, from *s up to the
 * first character not a digit (*s moves past it).  0 when there is none. */
static unsigned
part_number (const char **s)
{
  const char *p = *s;
  unsigned v = 0;
  if (*p < '1' || *p > '9')
    return 0;
  for (; *p >= '0' && *p <= '9'; p++)
    if ((v = v * 10 + (unsigned) (*p - '0')) > MN_SHARD_MAX)
      return 0;
  *s = p;
  return v;
}

/* If the file name `name` is a part's, SHA256SUMS.K-of-N with 1 <= K <= N, set *k and *n and
 * return 1; a name of that shape that is not a part's (SHA256SUMS.0-of-3, .4-of-3, .01-of-3)
 * returns -1; any other name 0. */
static int
parse_part_name (unsigned *k, unsigned *n, const char *name)
{
  const char *prefix = MN_SUMS_NAME ".";
  if (!g_str_has_prefix (name, prefix) || !strstr (name, "-of-"))
    return 0;
  const char *p = name + strlen (prefix);
  *k = part_number (&p);
  if (*k == 0 || strncmp (p, "-of-", 4) != 0)
    return -1;
  p += 4;
  *n = part_number (&p);
  return *n != 0 && *p == '\0' && *k <= *n ? 1 : -1;
}

/* The parts in `dir`, sorted by N then K (a GPtrArray of struct part *), or NULL when `dir`
 * cannot be read (reported).  A name of a part's shape that is not one is reported, counted
 * in *bad. */
static GPtrArray *
find_parts (unsigned *bad, const char *dir, mn_diag *d)
{
  GDir *dh = g_dir_open (dir, 0, NULL);
  if (!dh)
    {
      mn_error (d, dir, 0, _("cannot read the folder (%s); name the folder the shards were gathered into with -o"),
                g_strerror (errno));
      return NULL;
    }
  /* In name order, for the messages' order not to depend on the file system's. */
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  while ((entry = g_dir_read_name (dh)))
    g_ptr_array_add (names, g_strdup (entry));
  g_dir_close (dh);
  g_ptr_array_sort (names, compare_names);
  GPtrArray *parts = g_ptr_array_new_with_free_func (part_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      unsigned k = 0, n = 0;
      int r = parse_part_name (&k, &n, name);
      char *path = g_build_filename (dir, name, NULL);
      if (r < 0)
        {
          mn_error (d, path, 0, _("not the name of a part of the sums (SHA256SUMS.K-of-N, with 1 <= K <= N <= %u); remove or rename it"),
                    MN_SHARD_MAX);
          ++*bad;
        }
      if (r <= 0)
        {
          g_free (path);
          continue;
        }
      struct part *pt = g_new0 (struct part, 1);
      pt->k = k;
      pt->n = n;
      pt->name = g_strdup (name);
      pt->path = path;
      g_ptr_array_add (parts, pt);
    }
  g_ptr_array_free (names, TRUE);
  g_ptr_array_sort (parts, compare_parts);
  return parts;
}

/* The first of the parts of the N most parts in `parts` (sorted) are of; of two such N, the
 * smaller.  The merge takes that N for the sharding meant, and reports the others. */
static const struct part *
main_sharding (GPtrArray *parts)
{
  const struct part *best = NULL;
  guint best_count = 0;
  for (guint i = 0; i < parts->len;)
    {
      guint j = i;
      while (j < parts->len && ((struct part *) parts->pdata[j])->n == ((struct part *) parts->pdata[i])->n)
        j++;
      if (j - i > best_count)
        {
          best = parts->pdata[i];
          best_count = j - i;
        }
      i = j;
    }
  return best;
}

/* Check that `parts` (sorted, not empty) are the parts 1 to N of one N, each once (one folder
 * holds a name once).  Returns the number of problems (each reported). */
static unsigned
check_parts_whole (unsigned *out_n, const char *dir, GPtrArray *parts, mn_diag *d)
{
  unsigned bad = 0;
  const struct part *first = main_sharding (parts);
  unsigned n = first->n;
  gboolean *present = g_new0 (gboolean, n + 1);
  *out_n = n;
  for (guint i = 0; i < parts->len; i++)
    {
      const struct part *pt = parts->pdata[i];
      if (pt->n == n)
        present[pt->k] = TRUE;
      else
        {
          mn_error (d, pt->path, 0, _("this part is of a build in %u shards, but %s is of one in %u: all parts must come from one sharding; remove the parts of the other"),
                    pt->n, first->name, n);
          bad++;
        }
    }
  for (unsigned k = 1; k <= n; k++)
    if (!present[k])
      {
        char *missing = part_name (k, n);
        char *path = g_build_filename (dir, missing, NULL);
        mn_error (d, path, 0, _("this part is missing: build shard %u of %u (--shard %u/%u) and gather its folder here"),
                  k, n, k, n);
        g_free (path);
        g_free (missing);
        bad++;
      }
  g_free (present);
  return bad;
}

/* Which file of a session the part's line `file` names: a FOUND_* bit, with *name set to the
 * session's NAME (owned); 0 when it is no file a shard writes. */
static unsigned
classify (char **name, const char *file)
{
  const char *suffix = NULL;
  unsigned kind = 0;
  if (g_str_has_prefix (file, SUMMARIES) && g_str_has_suffix (file, ".xml"))
    {
      file += strlen (SUMMARIES);
      suffix = ".xml";
      kind = FOUND_SUMMARY;
    }
  else if (g_str_has_suffix (file, ".pdf"))
    suffix = ".pdf", kind = FOUND_PDF;
  else if (g_str_has_suffix (file, ".html"))
    suffix = ".html", kind = FOUND_HTML;
  size_t len = suffix ? strlen (file) - strlen (suffix) : 0;
  if (len == 0)
    return 0;
  *name = g_strndup (file, len);
  return kind;
}

/* Check each line of part `pt`: a file of a session named that belongs to this shard, in
 * `dir` with the bytes recorded; mark in `sessions` the files it lists.  A session named
 * wrongly is reported once for the part, not once a file.  Returns the problems. */
static unsigned
check_part (const char *dir, const struct part *pt, GHashTable *sessions, mn_diag *d)
{
  GPtrArray *lines = NULL;
  unsigned bad = 0;
  if (mn_sums_read (&lines, &bad, pt->path, 1, d) != 0)
    {
      mn_error (d, pt->path, 0, _("cannot read this part; check it can be read, or gather the shard's folder again"));
      return bad + 1;
    }
  GHashTable *reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      const mn_sums_line *e = lines->pdata[i];
      char *name = NULL;
      unsigned kind = classify (&name, e->name);
      struct session *s = name ? g_hash_table_lookup (sessions, name) : NULL;
      if (kind == 0)
        {
          mn_error (d, pt->path, e->line, _("%s is not a file a shard writes (NAME.pdf, NAME.html, .summaries/NAME.xml); restore the part from the shard's folder"),
                    e->name);
          bad++;
          continue;
        }
      if (!s || s->shard != pt->k)
        {
          if (!g_hash_table_contains (reported, name))
            {
              if (!s)
                mn_error (d, pt->path, e->line, _("session %s is not among the sessions named; merge with the sessions the shards were given"),
                          name);
              else
                mn_error (d, pt->path, e->line, _("session %s belongs to shard %u of %u, not to this part: the part was edited, or made by another sharding; build this shard again"),
                          name, s->shard, pt->n);
              bad++;
            }
          g_hash_table_add (reported, name);
          continue;
        }
      g_free (name);
      s->found |= kind;
      char *sum = mn_sums_of_file (dir, e->name);
      char *path = g_build_filename (dir, e->name, NULL);
      if (!sum)
        mn_error (d, path, 0, _("this file of shard %u is not in the folder: gather the shard's folder whole, its hidden .summaries/ included (rsync -a)"),
                  pt->k);
      else if (strcmp (sum, e->hex) != 0)
        mn_error (d, path, 0, _("its bytes differ from the sum in %s: it was not copied whole, or was changed since; gather the shard's folder again"),
                  pt->name);
      bad += !sum || strcmp (sum, e->hex) != 0;
      g_free (path);
      g_free (sum);
    }
  g_hash_table_destroy (reported);
  g_ptr_array_free (lines, TRUE);
  return bad;
}

/* Remove the parts, merged into SHA256SUMS: the folder is then the one a build in one process
 * leaves.  A part that cannot be removed is only a warning. */
static void
remove_parts (GPtrArray *parts, mn_diag *d)
{
  for (guint i = 0; i < parts->len; i++)
    {
      const struct part *pt = parts->pdata[i];
      if (unlink (pt->path) != 0)
        mn_warning (d, pt->path, 0, _("cannot remove this part, merged into SHA256SUMS (%s); remove it by hand"),
                    g_strerror (errno));
    }
}

int
mn_shard_merge (const char *dir, GPtrArray *files, GPtrArray *folders,
                const mn_params *params, int quiet, mn_diag *d)
{
  unsigned bad = 0;
  GHashTable *sessions = NULL;
  GPtrArray *listed = NULL;
  GPtrArray *parts = find_parts (&bad, dir, d);
  int ret = MN_EINVALID;
  if (!parts)
    {
      ret = MN_EIO;
      goto out;
    }
  if (parts->len == 0)
    {
      if (bad == 0)
        mn_error (d, dir, 0, _("this folder holds no part of a sharded build (SHA256SUMS.K-of-N); build each shard with --shard K/N into it, or gather the shards' folders into it, then merge"));
      goto out;
    }
  unsigned n = 0;
  if ((bad += check_parts_whole (&n, dir, parts, d)) > 0)
    goto out;

  /* 1. The sessions named, each with its shard; the first of a NAME named twice stands. */
  sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *order = g_ptr_array_new ();
  for (guint i = 0; i < files->len; i++)
    {
      char *name = mn_session_name (files->pdata[i]);
      if (g_hash_table_contains (sessions, name))
        {
          g_free (name);
          continue;
        }
      struct session *s = g_new0 (struct session, 1);
      s->path = files->pdata[i];
      s->shard = mn_shard_of (name, n);
      g_hash_table_insert (sessions, name, s);
      g_ptr_array_add (order, name);
    }

  /* 2. Every line of every part. */
  for (guint i = 0; i < parts->len; i++)
    bad += check_part (dir, parts->pdata[i], sessions, d);

  /* 3. Every session in its part, whole. */
  for (guint i = 0; i < order->len; i++)
    {
      const struct session *s = g_hash_table_lookup (sessions, order->pdata[i]);
      if (s->found == FOUND_ALL)
        continue;
      char *part = part_name (s->shard, n);
      mn_error (d, s->path, 0, _("shard %u of %u did not build this session (%s lacks its files); correct its errors and build that shard again"),
                s->shard, n, part);
      g_free (part);
      bad++;
    }
  g_ptr_array_free (order, TRUE);
  if (bad > 0)
    goto out;

  /* 4. The index and the sums, as a build in one process writes them. */
  listed = g_ptr_array_new_with_free_func (g_free);
  if ((ret = mn_index_write (listed, dir, folders, params, quiet, d)) != 0
      || (ret = mn_sums_write (dir, listed, quiet, d)) != 0)
    goto out;
  remove_parts (parts, d);
  if (!quiet)
    printf (_("merged %u parts: %u sessions\n"), n, g_hash_table_size (sessions));

out:
  if (bad > 0)
    ret = MN_EINVALID;
  if (listed)
    g_ptr_array_free (listed, TRUE);
  if (sessions)
    g_hash_table_destroy (sessions);
  if (parts)
    g_ptr_array_free (parts, TRUE);
  return ret;
}
