/* watch.c: mn_archive_watch (`minutes watch`) — rebuild sessions whenever they or the stylesheets
 * change.
 *
 * The model:
 *   1. Watch folders, never files.  Editors save by renaming a new file over the old one
 *      (vim, emacs, gedit) or by truncating and rewriting it in place (VS Code, nano); a
 *      watch on the file itself is lost after a rename.  So each session's folder is watched
 *      for IN_CLOSE_WRITE (a rewrite finished) and IN_MOVED_TO (a file renamed into place),
 *      and events are matched by name.  The data folder's xsl/ and schema/ are watched the
 *      same way: a change there marks every session.
 *   2. Debounce: after the first event, keep collecting until DEBOUNCE_MS pass with no new
 *      event, so one save (which may close the file twice, or rename and then chmod) makes
 *      one build.
 *   3. Build each marked session in a child process (fork, no exec) with mn_archive_build, as
 *      `minutes build FILE` would (PDF, HTML, index, sums): a crash or an abort in the engine
 *      is reported as one line and the watch goes on; nothing leaks into the next build.  The
 *      child sends its result (status, and the pages the engine laid out) back through a pipe.
 *   4. One line per build on stdout: the time, the file, then the time taken and the pages,
 *      or that it failed (the errors themselves were printed above it, as `minutes build`
 *      prints them).
 *   5. SIGINT/SIGTERM arrive through a signalfd.  Between builds they end the watch at once
 *      (exit 0).  During a build the first one lets the build finish, so its atomic writes
 *      complete; a second one stops the build (SIGTERM: its temporaries are removed).
 *
 * With no FILE, the folder input/ (under the current folder, as for `minutes build`) is
 * watched, and any *.xml saved there, new ones included, is built. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "base/i18n.h"
#include "base/paths.h"

/* Quiet time that ends a burst of events (milliseconds). */
#define DEBOUNCE_MS 200

/* One session file being watched. */
typedef struct session {
  char *path;   /* as given on the command line (or input/NAME.xml); printed in lines */
  char *dir;    /* its folder, resolved (owned) */
  char *base;   /* its file name (owned) */
  int wd;       /* the inotify watch on `dir` */
  int dirty;    /* changed since its last build */
} session;

/* The whole watch. */
typedef struct watch {
  int ifd;              /* inotify */
  int sfd;              /* signalfd: SIGINT, SIGTERM, SIGHUP, SIGCHLD */
  GPtrArray *sessions;  /* of session* (owned) */
  int data_wd[2];       /* watches on DATA/xsl and DATA/schema, or -1 */
  int input_wd;         /* with no FILE: the watch on input/, else -1 */
  int stop;             /* a stop signal arrived */
  const mn_archive_opts *opts;  /* how to build (borrowed) */
} watch;

/* What one build gave, sent from the child to the watch. */
typedef struct mn_watch_result {
  int status;  /* an enum mn_exit code */
  int pages;   /* pages of the PDF written (0 when the build failed) */
} mn_watch_result;

/* Build one session (in the child), as `minutes build -o DIR PATH` would: validate, transform,
 * typeset, write DIR/NAME.pdf, DIR/NAME.html, DIR/index.html and DIR/SHA256SUMS.  Nothing is
 * said on standard output (one line per build is ours to print); errors go to stderr. */
static void
build_session (mn_watch_result *out, const watch *w, const char *path)
{
  mn_archive_opts o = *w->opts;
  o.quiet = 1;
  o.jobs = 1;
  mn_archive_report rep = MN_ARCHIVE_REPORT_INIT;
  mn_diag d = MN_DIAG_INIT;
  char *files[] = { (char *) path };
  out->status = mn_exit_code (mn_archive_build (&rep, files, 1, &o, &d));
  out->pages = rep.count == 1 ? rep.sessions[0].pages : 0;
  mn_archive_report_clear (&rep);
}

static void
session_free (gpointer p)
{
  session *s = p;
  g_free (s->path);
  g_free (s->dir);
  g_free (s->base);
  g_free (s);
}

/* Add `path` to the watch.  Returns 0, or MN_EIO (reported) if its folder cannot be watched. */
static int
add_session (watch *w, const char *path, mn_diag *d)
{
  char real[PATH_MAX];
  char *dir = g_path_get_dirname (path);
  if (!realpath (dir, real))
    {
      mn_error (d, path, 0, _("cannot watch this file: its folder '%s' does not exist"), dir);
      g_free (dir);
      return MN_EIO;
    }
  g_free (dir);
  int wd = inotify_add_watch (w->ifd, real, IN_CLOSE_WRITE | IN_MOVED_TO);
  if (wd < 0)
    {
      mn_error (d, path, 0, _("cannot watch the folder '%s' (%s); raise fs.inotify.max_user_watches if it is full"),
                real, strerror (errno));
      return MN_EIO;
    }
  char *base = g_path_get_basename (path);
  for (guint i = 0; i < w->sessions->len; i++)
    {
      session *o = w->sessions->pdata[i];
      if (o->wd == wd && strcmp (o->base, base) == 0)
        {
          g_free (base);  /* named twice: watch it once */
          return 0;
        }
    }
  session *s = g_new0 (session, 1);
  s->path = g_strdup (path);
  s->dir = g_strdup (real);
  s->base = base;
  s->wd = wd;
  s->dirty = 1;
  g_ptr_array_add (w->sessions, s);
  return 0;
}

static int
is_session_name (const char *name)
{
  return name[0] != '.' && g_str_has_suffix (name, ".xml");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* With no FILE: every *.xml already in input/, sorted, and a watch on input/ itself. */
static int
add_input_folder (watch *w, mn_diag *d)
{
  GDir *dir = g_dir_open ("input", 0, NULL);
  if (!dir)
    {
      mn_error (d, NULL, 0, _("no FILE given and no input/ folder here; name the session files, or run this in the folder that holds input/"));
      return MN_EIO;
    }
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    if (is_session_name (name))
      g_ptr_array_add (names, g_build_filename ("input", name, NULL));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  int rc = 0;
  for (guint i = 0; i < names->len && rc == 0; i++)
    rc = add_session (w, names->pdata[i], d);
  g_ptr_array_free (names, TRUE);
  if (rc == 0)
    {
      char real[PATH_MAX];
      w->input_wd = realpath ("input", real) ? inotify_add_watch (w->ifd, real, IN_CLOSE_WRITE | IN_MOVED_TO) : -1;
      if (w->input_wd < 0)
        {
          mn_error (d, "input", 0, _("cannot watch this folder (%s)"), strerror (errno));
          rc = MN_EIO;
        }
    }
  return rc;
}

/* Watch DATA/xsl and DATA/schema, where they exist. */
static void
add_data_watches (watch *w)
{
  static const char *const sub[2] = { "xsl", "schema" };
  for (int i = 0; i < 2; i++)
    {
      char *p = mn_paths_data_file (sub[i]);
      w->data_wd[i] = p ? inotify_add_watch (w->ifd, p, IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE) : -1;
      free (p);
    }
}

/* Mark what one inotify event touches. */
static void
mark (watch *w, const struct inotify_event *ev)
{
  if (ev->len == 0)
    return;
  if (ev->wd == w->data_wd[0] || ev->wd == w->data_wd[1])
    {
      /* Stylesheets and the schema: ignore editors' temporaries (.x.swp, x~, .#x). */
      if (ev->name[0] == '.' || g_str_has_suffix (ev->name, "~"))
        return;
      for (guint i = 0; i < w->sessions->len; i++)
        ((session *) w->sessions->pdata[i])->dirty = 1;
      return;
    }
  int known = 0;
  for (guint i = 0; i < w->sessions->len; i++)
    {
      session *s = w->sessions->pdata[i];
      if (s->wd == ev->wd && strcmp (s->base, ev->name) == 0)
        s->dirty = known = 1;
    }
  if (!known && ev->wd == w->input_wd && is_session_name (ev->name))
    {
      char *path = g_build_filename ("input", ev->name, NULL);
      mn_diag d = MN_DIAG_INIT;
      add_session (w, path, &d);
      g_free (path);
    }
}

/* Read and mark every pending inotify event.  Returns how many were read. */
static int
drain (watch *w)
{
  char buf[8192] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  int count = 0;
  for (;;)
    {
      ssize_t n = read (w->ifd, buf, sizeof buf);
      if (n <= 0)
        return count;
      for (char *p = buf; p < buf + n;)
        {
          const struct inotify_event *ev = (const struct inotify_event *) p;
          mark (w, ev);
          count++;
          p += sizeof *ev + ev->len;
        }
    }
}

/* Consume pending signals: note stop requests; return 1 if one arrived now. */
static int
take_signals (watch *w)
{
  struct signalfd_siginfo si;
  int stop = 0;
  while (read (w->sfd, &si, sizeof si) == (ssize_t) sizeof si)
    if (si.ssi_signo != SIGCHLD)
      stop = 1;
  if (stop)
    w->stop = 1;
  return stop;
}

static double
now_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "HH:MM:SS" of the wall clock, for the start of each line. */
static void
clock_text (char out[16])
{
  time_t t = time (NULL);
  struct tm tm;
  localtime_r (&t, &tm);
  strftime (out, 16, "%H:%M:%S", &tm);
}

/* Build `s` in a child process and print its line.  A stop signal during the build lets it
 * finish; a second one kills it. */
static void
build (watch *w, session *s)
{
  char hms[16];
  s->dirty = 0;
  struct stat st;
  if (stat (s->path, &st) != 0)
    {
      clock_text (hms);
      printf (_("%s %s: gone (%s); waiting for it to be saved again\n"), hms, s->path, strerror (errno));
      fflush (stdout);
      return;
    }

  int fds[2];
  if (pipe (fds) != 0)
    return;
  double t0 = now_seconds ();
  fflush (NULL);
  pid_t pid = fork ();
  if (pid == 0)
    {
      /* The child: SIGINT and SIGHUP stay blocked, so a Ctrl-C (which the terminal sends
       * to the child too) lets its atomic writes finish.  SIGTERM, which only the watch
       * sends, at a second Ctrl-C, stops it, its temporaries removed (signals.h). */
      close (fds[0]);
      sigset_t term;
      sigemptyset (&term);
      sigaddset (&term, SIGTERM);
      sigprocmask (SIG_UNBLOCK, &term, NULL);
      mn_watch_result r = { MN_EXIT_INTERNAL, 0 };
      build_session (&r, w, s->path);
      fflush (NULL);
      ssize_t ignored = write (fds[1], &r, sizeof r);
      (void) ignored;
      _exit (0);
    }
  close (fds[1]);
  if (pid < 0)
    {
      close (fds[0]);
      clock_text (hms);
      printf (_("%s %s: cannot start the build (%s)\n"), hms, s->path, strerror (errno));
      fflush (stdout);
      return;
    }

  int status = 0, stops = 0;
  for (;;)
    {
      pid_t got = waitpid (pid, &status, WNOHANG);
      if (got == pid)
        break;
      struct pollfd pfd = { w->sfd, POLLIN, 0 };
      if (poll (&pfd, 1, 500) > 0 && take_signals (w) && ++stops >= 2)
        kill (pid, SIGTERM);
    }
  mn_watch_result r = { MN_EXIT_INTERNAL, 0 };
  ssize_t n = read (fds[0], &r, sizeof r);
  close (fds[0]);
  double took = now_seconds () - t0;

  clock_text (hms);
  if (n != (ssize_t) sizeof r)
    {
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGTERM && stops >= 2)
        printf (_("%s %s: build stopped\n"), hms, s->path);
      else
        printf (_("%s %s: the build crashed (%s) after %.2f s; this is a bug, please report it with the file\n"),
                hms, s->path, WIFSIGNALED (status) ? strsignal (WTERMSIG (status)) : "?", took);
    }
  else if (r.status == MN_EXIT_OK && r.pages > 0)
    printf (ngettext ("%s %s: built in %.2f s, %d page\n", "%s %s: built in %.2f s, %d pages\n",
                         (unsigned long) r.pages),
            hms, s->path, took, r.pages);
  else if (r.status == MN_EXIT_OK)
    printf (_("%s %s: built in %.2f s\n"), hms, s->path, took);
  else if (r.status == MN_EXIT_INVALID)
    printf (_("%s %s: not built: fix the errors above and save again (%.2f s)\n"), hms, s->path, took);
  else
    printf (_("%s %s: not built: see the message above (exit code %d, %.2f s)\n"), hms, s->path, r.status, took);
  fflush (stdout);
}

/* Wait for the first event, then for DEBOUNCE_MS of quiet.  Returns 0, or 1 on a stop signal. */
static int
wait_for_changes (watch *w)
{
  struct pollfd pfd[2] = { { w->ifd, POLLIN, 0 }, { w->sfd, POLLIN, 0 } };
  int seen = 0;
  for (;;)
    {
      int n = poll (pfd, 2, seen ? DEBOUNCE_MS : -1);
      if (n < 0 && errno != EINTR)
        return 1;
      if (pfd[1].revents & POLLIN)
        if (take_signals (w))
          return 1;
      if (n > 0 && (pfd[0].revents & POLLIN))
        {
          if (drain (w) > 0)
            seen = 1;
          continue;
        }
      if (n == 0 && seen)
        return 0;
    }
}

int
mn_archive_watch (char **files, size_t nfiles, const mn_archive_opts *opts, mn_diag *d)
{
  watch w = { -1, -1, g_ptr_array_new_with_free_func (session_free), { -1, -1 }, -1, 0, opts };
  int rc = MN_EIO;
  sigset_t mask, old;
  sigemptyset (&mask);
  sigaddset (&mask, SIGINT);
  sigaddset (&mask, SIGTERM);
  sigaddset (&mask, SIGHUP);
  sigaddset (&mask, SIGCHLD);
  sigprocmask (SIG_BLOCK, &mask, &old);

  w.ifd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  w.sfd = signalfd (-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (w.ifd < 0 || w.sfd < 0)
    {
      mn_error (d, NULL, 0, _("cannot watch files on this system (%s)"), strerror (errno));
      rc = MN_EENV;
      goto out;
    }

  for (size_t i = 0; i < nfiles; i++)
    {
      const char *f = files[i];
      if (access (f, R_OK) != 0)
        {
          mn_error (d, f, 0, _("cannot read this file (%s); create it with `minutes new %s`, or check its name"),
                    strerror (errno), f);
          continue;
        }
      add_session (&w, f, d);
    }
  if (nfiles == 0)
    add_input_folder (&w, d);
  if (d->errors)
    goto out;
  add_data_watches (&w);

  printf (ngettext ("watching %u session and the stylesheets; press Ctrl-C to stop\n",
                       "watching %u sessions and the stylesheets; press Ctrl-C to stop\n", w.sessions->len),
          w.sessions->len);
  fflush (stdout);
  for (;;)
    {
      for (guint i = 0; i < w.sessions->len && !w.stop; i++)
        {
          session *s = w.sessions->pdata[i];
          if (s->dirty)
            build (&w, s);
        }
      if (w.stop || wait_for_changes (&w))
        break;
    }
  rc = 0;

out:
  if (w.ifd >= 0)
    close (w.ifd);
  if (w.sfd >= 0)
    close (w.sfd);
  g_ptr_array_free (w.sessions, TRUE);
  sigprocmask (SIG_SETMASK, &old, NULL);
  return rc;
}
