/* workers.c: many sessions at once — in this process, or in a pool of worker processes.
 *
 * With one job (one session, or -j1) the sessions are built in this process (build_here).
 * Otherwise they are built by worker processes (fork), each building whole sessions, so libxml2,
 * libxslt, fontconfig and Cairo keep their state per process.  The parent hands out one session
 * at a time over a pipe and reads back, per session, its result and everything it had to say
 * (diagnostics and the "written" line), which the parent prints whole: lines of different
 * workers never interleave.  What a session produces does not depend on which worker built it
 * or when, so the output is the same whatever the number of jobs.
 *
 * The wire protocol, one pipe each way per worker:
 *   parent → worker: a session's index in `files` (uint32), once per session; the pipe is
 *                    closed when there are no more;
 *   worker → parent: struct result_head, then `errlen` bytes of diagnostics and `outlen` bytes
 *                    of ordinary output.  The session's summary for the index is not sent: the
 *                    worker wrote it beside the session's outputs (minutes.h, mn_summary_path). */
#include "workers.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "base/i18n.h"
#include "base/signals.h"
#include "progress.h"

/* What a worker sends back for each session, before its text. */
struct result_head {
  uint32_t index;   /* the session's index in `files` */
  int32_t err;      /* mn_build_session's result */
  int32_t pages;    /* pages of the PDF written */
  uint32_t errlen;  /* bytes of diagnostics that follow */
  uint32_t outlen;  /* bytes of ordinary output after them */
};

struct worker {
  pid_t pid;
  int task_fd;   /* parent → worker: session indexes (uint32), closed when there are no more */
  int res_fd;    /* worker → parent: struct result_head + text */
  long current;  /* the session it is building, or -1 */
};

/* Build one session and say so: its diagnostics to `d`, its "written" line to `out` (NULL: say
 * nothing). */
static void
build_one (mn_archive_session *s, const char *path, const char *dir, const mn_archive_opts *o,
           FILE *out, mn_diag *d)
{
  mn_build_opts bo = MN_BUILD_OPTS_INIT;
  bo.out_dir = dir;
  bo.params = o->params;
  bo.strict = o->strict;
  mn_build_result r = MN_BUILD_RESULT_INIT;
  s->err = mn_build_session (&r, path, &bo, d);
  s->pages = r.pages;
  if (s->err == 0 && out)
    fprintf (out, _("%s: written %s and %s\n"), path, r.pdf_path, r.html_path);
  mn_build_result_clear (&r);
}

/* Where a session's "written" line goes: nowhere with --check or quiet. */
static FILE *
written_to (const mn_archive_opts *o, FILE *fp)
{
  return o->check || o->quiet ? NULL : fp;
}

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
worker_main (int task_fd, int res_fd, char **files, const char *dir, const mn_archive_opts *o)
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
      mn_archive_session s = { NULL, 0, 0 };
      build_one (&s, files[index], dir, o, written_to (o, om ? om : stdout), &d);
      if (em)
        fclose (em);
      if (om)
        fclose (om);
      struct result_head h = { index, s.err, s.pages, (uint32_t) errlen, (uint32_t) outlen };
      int bad = write_all (res_fd, &h, sizeof h) != 0
                || write_all (res_fd, errbuf, errlen) != 0
                || write_all (res_fd, outbuf, outlen) != 0;
      free (errbuf);
      free (outbuf);
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
 * order, as the workers would: each session's diagnostics, then its "written" line (the
 * progress line names the session being built rather than the one just finished). */
static void
build_here (mn_archive_session *sessions, char **files, size_t nfiles, const char *dir,
            const mn_archive_opts *o, mn_diag *d)
{
  mn_progress *progress = mn_progress_new (stderr, (unsigned) nfiles);
  for (size_t k = 0; k < nfiles; k++)
    {
      char *base = g_path_get_basename (files[k]);
      mn_progress_step (progress, (unsigned) k + 1, base);
      g_free (base);
      mn_diag one = MN_DIAG_INIT;
      one.out = d->out;
      build_one (&sessions[k], files[k], dir, o, written_to (o, stdout), &one);
      fflush (stdout);
      if (sessions[k].err != 0)
        d->errors++;
    }
  mn_progress_free (progress);
}

/* Start up to `jobs` workers into `ws`; returns how many started. */
static long
start_workers (struct worker *ws, long jobs, char **files, const char *dir,
               const mn_archive_opts *o)
{
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
      /* Signals wait until the worker is in the table of those a signal is passed on to. */
      sigset_t mask;
      mn_signals_block (&mask);
      pid_t pid = fork ();
      if (pid < 0)
        {
          mn_signals_unblock (&mask);
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
          mn_signals_forget_children ();
          mn_signals_unblock (&mask);
          worker_main (t[0], r[1], files, dir, o);
        }
      mn_signals_track_child (pid);  /* a signal to us stops it too (signals.h) */
      mn_signals_unblock (&mask);
      close (t[0]);
      close (r[1]);
      ws[nw++] = (struct worker) { pid, t[1], r[0], -1 };
    }
  return nw;
}

/* Worker `w` is gone (or talks nonsense): what it was building failed. */
static void
worker_lost (struct worker *w, mn_archive_session *sessions, char **files, mn_diag *d)
{
  int st = 0;
  close (w->res_fd);
  w->res_fd = -1;
  if (w->task_fd >= 0)
    close (w->task_fd);
  w->task_fd = -1;
  waitpid (w->pid, &st, 0);
  mn_signals_forget_child (w->pid);
  w->pid = -1;
  if (w->current >= 0)
    {
      sessions[w->current].err = MN_EFAIL;
      if (WIFSIGNALED (st))
        mn_error (d, files[w->current], 0, _("the process building this session was stopped by signal %d; please report this"),
                  WTERMSIG (st));
      else
        mn_error (d, files[w->current], 0, _("the process building this session ended unexpectedly; please report this"));
    }
  w->current = -1;
}

/* Read one result from worker `w` and print it.  Returns 1, or 0 when the worker is lost. */
static int
take_result (struct worker *w, mn_archive_session *sessions, char **files, size_t nfiles,
             mn_diag *d)
{
  struct result_head h;
  ssize_t n = read_all (w->res_fd, &h, sizeof h);
  if (n != (ssize_t) sizeof h || h.index >= nfiles || (long) h.index != w->current)
    return 0;
  size_t textlen = (size_t) h.errlen + h.outlen;
  char *text = g_malloc (textlen + 1);
  if (read_all (w->res_fd, text, textlen) != (ssize_t) textlen)
    {
      g_free (text);
      return 0;
    }
  fwrite (text, 1, h.errlen, d->out ? d->out : stderr);
  fwrite (text + h.errlen, 1, h.outlen, stdout);
  fflush (stdout);
  sessions[h.index].err = h.err;
  sessions[h.index].pages = h.pages;
  if (h.err != 0)
    d->errors++;
  g_free (text);
  return 1;
}

int
mn_workers_build (mn_archive_session *sessions, char **files, size_t nfiles, const char *dir,
                  long jobs, const mn_archive_opts *o, mn_diag *d)
{
  if (jobs > (long) nfiles)
    jobs = (long) nfiles;
  if (jobs <= 1)
    {
      build_here (sessions, files, nfiles, dir, o, d);
      return 0;
    }
  struct worker *ws = g_new0 (struct worker, jobs);
  long nw = start_workers (ws, jobs, files, dir, o);
  if (nw == 0)
    {
      mn_error (d, NULL, 0, _("cannot start a worker process (%s); close some programs and build again"),
                g_strerror (errno));
      g_free (ws);
      return MN_EENV;
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
          long index = w->current;
          if (!take_result (w, sessions, files, nfiles, d))
            {
              done += index >= 0;
              worker_lost (w, sessions, files, d);
              active--;
              continue;
            }
          done++;
          char *base = g_path_get_basename (files[index]);
          mn_progress_step (progress, (unsigned) done, base);
          g_free (base);
          dispatch (w, &next, nfiles);
        }
    }
  mn_progress_free (progress);
  /* Sessions never handed out (every worker died early) failed too. */
  for (; next < nfiles; next++)
    {
      sessions[next].err = MN_EFAIL;
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
        mn_signals_forget_child (ws[k].pid);
      }
  g_free (pfd);
  g_free (ws);
  return 0;
}
