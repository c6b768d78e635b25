/* archive.c: mn_archive_build — the sessions named, built into one output folder, then its
 * index and its sums (or, with --check, the comparison with the recorded sums).
 *
 * Where things come from and go to:
 *   - sessions: the FILEs named (a folder stands for its *.xml), or with none every `.xml` file
 *     in `input/` of the current folder (staff run `minutes` from their project folder, which
 *     holds input/ and output/);
 *   - stylesheets, schema and fonts: always the data folder (base/paths.h), never the current
 *     folder;
 *   - results: `output/` of the current folder, or the folder asked for; created if missing.
 * Each session is built by mn_build_session (workers.c hands them out); a failing session
 * does not stop the others, and the result is the worst failure's code at the end.  A shard
 * (--shard K/N) builds only its sessions and writes its part of the sums; a merge builds
 * nothing (shard.c). */
#include "archive.h"

#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "base/i18n.h"
#include "index.h"
#include "outplan.h"
#include "search.h"
#include "shard.h"
#include "sums.h"
#include "workers.h"

void
mn_archive_report_clear (mn_archive_report *r)
{
  for (size_t k = 0; k < r->count; k++)
    g_free (r->sessions[k].path);
  g_free (r->sessions);
  *r = (mn_archive_report) MN_ARCHIVE_REPORT_INIT;
}

static int
compare_paths (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Add the session files of `pattern` (a glob) to `files`, sorted.  Returns glob's result. */
static int
add_glob (GPtrArray *files, const char *pattern)
{
  glob_t g;
  int gr = glob (pattern, 0, NULL, &g);
  if (gr != 0)
    return gr;
  qsort (g.gl_pathv, g.gl_pathc, sizeof (char *), compare_paths);
  for (size_t i = 0; i < g.gl_pathc; i++)
    g_ptr_array_add (files, g_strdup (g.gl_pathv[i]));
  globfree (&g);
  return 0;
}

/* The session files named: a folder stands for its *.xml (sorted); a file is kept as given;
 * nothing named: the .xml files of input/.  Returns 0, or the failure's code (reported; the files that
 * could be found are still in `files`). */
static int
expand_files (GPtrArray *files, char **args, size_t n, mn_diag *d)
{
  if (n == 0)
    {
      int gr = add_glob (files, "input/*.xml");
      if (gr == 0)
        return 0;
      mn_error (d, NULL, 0, gr == GLOB_NOMATCH
                ? _("no input/*.xml in the current folder; run minutes from your project folder, or name the session files")
                : _("cannot list input/*.xml; check the folder can be read"));
      return MN_EIO;
    }
  int ret = 0;
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
      if (add_glob (files, pattern) != 0)
        {
          mn_error (d, args[k], 0, _("this folder holds no .xml session; name a folder of sessions or the files"));
          ret = MN_EUSAGE;
        }
      g_free (pattern);
    }
  return ret;
}

/* The folders of `files`, each once, in the order they first appear. */
static GPtrArray *
folders_of (GPtrArray *files)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < files->len; k++)
    {
      char *copy = g_strdup (files->pdata[k]);
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
  return folders;
}

/* Remove the files in `dir` and in its folders (one level), and `dir` itself. */
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
          if (unlink (path) != 0 && errno == EISDIR)
            remove_folder (path);
          g_free (path);
        }
      g_dir_close (dh);
    }
  rmdir (dir);
}

/* The sessions of `files` in shard k of n (borrowed from `files`). */
static GPtrArray *
shard_files (GPtrArray *files, unsigned k, unsigned n)
{
  GPtrArray *mine = g_ptr_array_new ();
  for (guint i = 0; i < files->len; i++)
    {
      char *name = mn_session_name (files->pdata[i]);
      if (mn_shard_of (name, n) == k)
        g_ptr_array_add (mine, files->pdata[i]);
      g_free (name);
    }
  return mine;
}

/* After the sessions are built: DIR/index.html and DIR/SHA256SUMS (`into` is DIR, or with
 * --check the temporary folder, then compared with DIR), or a shard's part of the sums. */
static int
finish (const char *dir, const char *into, mn_archive_report *rep, GPtrArray *files,
        const mn_archive_opts *o, mn_diag *d)
{
  int quiet = into != dir || o->quiet;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  int err;
  if (o->shard_n)
    {
      for (size_t k = 0; k < rep->count; k++)
        if (rep->sessions[k].err == 0)
          g_ptr_array_add (names, mn_session_name (rep->sessions[k].path));
      err = mn_shard_write_part (into, o->shard_k, o->shard_n, names, quiet, d);
    }
  else
    {
      GPtrArray *folders = folders_of (files);
      err = mn_index_write (names, into, folders, o->params, quiet, d);
      if (err == 0)
        err = mn_sums_write (into, names, quiet, d);
      if (err == 0 && into != dir)
        err = mn_sums_check (dir, into, d);
      /* the search of what was published (a --check rebuild publishes nothing) */
      if (err == 0 && into == dir)
        err = mn_search_write (dir, quiet, d);
      g_ptr_array_free (folders, TRUE);
    }
  g_ptr_array_free (names, TRUE);
  return err;
}

/* --merge: the parts of the shards in DIR into its index.html and SHA256SUMS. */
static int
merge (mn_archive_report *out, const char *dir, GPtrArray *files, const mn_archive_opts *o,
       mn_diag *d)
{
  int err = mn_build_prepare (o->params, d);
  if (err != 0)
    return err;
  out->count = files->len;
  out->sessions = g_new0 (mn_archive_session, files->len);
  for (guint k = 0; k < files->len; k++)
    out->sessions[k].path = g_strdup (files->pdata[k]);
  GPtrArray *folders = folders_of (files);
  err = mn_shard_merge (dir, files, folders, o->params, o->quiet, d);
  g_ptr_array_free (folders, TRUE);
  if (err == 0)
    err = mn_search_write (dir, o->quiet, d);
  return err;
}

int
mn_archive_build (mn_archive_report *out, char **args, size_t nargs, const mn_archive_opts *o,
                  mn_diag *d)
{
  *out = (mn_archive_report) MN_ARCHIVE_REPORT_INIT;
  const char *dir = o->out_dir ? o->out_dir : "output";
  char *fresh = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *mine = NULL;
  int status = expand_files (files, args, nargs, d);
  if (files->len == 0)
    goto out;
  if (o->merge)
    {
      /* Only the very sessions the shards were given can be checked against their parts. */
      if (status == 0)
        status = merge (out, dir, files, o, d);
      goto out;
    }

  if (o->check)
    {
      /* Rebuild into a fresh folder; `dir` is only read. */
      GError *gerr = NULL;
      fresh = g_dir_make_tmp ("minutes-check-XXXXXX", &gerr);
      if (!fresh)
        {
          mn_error (d, NULL, 0, _("cannot create a temporary folder (%s); set TMPDIR to a writable folder"),
                    gerr->message);
          g_error_free (gerr);
          status = MN_EIO;
          goto out;
        }
    }
  else if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      mn_error (d, dir, 0, _("cannot create the output folder (%s); check the path and permissions"),
                g_strerror (errno));
      status = MN_EIO;
      goto out;
    }
  const char *into = fresh ? fresh : dir;
  /* Every output path is checked before any is written (outplan.h). */
  if (mn_outplan_check (into, (char *const *) files->pdata, files->len, d) != 0)
    {
      mn_error (d, NULL, 0, _("nothing was built: correct the problems above and build again"));
      status = MN_EUSAGE;
      goto out;
    }
  int err = mn_build_prepare (o->params, d);
  if (err != 0)
    {
      status = err;
      goto out;
    }

  long jobs = o->jobs;
  if (jobs <= 0)
    {
      jobs = sysconf (_SC_NPROCESSORS_ONLN);
      if (jobs < 1)
        jobs = 1;
    }
  mine = o->shard_n ? shard_files (files, o->shard_k, o->shard_n) : NULL;
  char **todo = (char **) (mine ? mine : files)->pdata;
  size_t nfiles = (mine ? mine : files)->len;
  out->count = nfiles;
  out->sessions = g_new0 (mn_archive_session, nfiles);
  for (size_t k = 0; k < nfiles; k++)
    out->sessions[k].path = g_strdup (todo[k]);
  if ((err = mn_workers_build (out->sessions, todo, nfiles, into, jobs, o, d)) != 0)
    {
      status = err;
      goto out;
    }

  size_t failed = 0;
  for (size_t k = 0; k < nfiles; k++)
    {
      status = mn_error_worse (status, out->sessions[k].err);
      failed += out->sessions[k].err != 0;
    }
  status = mn_error_worse (status, finish (dir, into, out, files, o, d));

  if (failed > 0)
    {
      mn_error (d, NULL, 0, _("sessions not built: %zu of %zu (listed below); correct the errors above and build again"),
                failed, nfiles);
      for (size_t k = 0; k < nfiles; k++)
        if (out->sessions[k].err != 0)
          fprintf (d->out ? d->out : stderr, "  %s\n", out->sessions[k].path);
    }

out:
  if (fresh)
    {
      remove_folder (fresh);
      g_free (fresh);
    }
  if (mine)
    g_ptr_array_free (mine, TRUE);
  g_ptr_array_free (files, TRUE);
  return status;
}
