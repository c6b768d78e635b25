/* atomic.c: temporary file in the destination's folder + checked writes + fsync + rename.
 *
 * The stream handed to writers (cairo's write callback, libxslt's serializer, fprintf) is a
 * glibc cookie stream over the temporary's descriptor, so that no write error can be lost in
 * stdio's buffer: the first failing write(2), fsync(2) or close(2) is kept with its errno, and
 * the commit fails with that errno.  (A plain FILE loses it: after a failed flush, glibc drops
 * the buffer, and the next fflush and fclose return success.)  After a failure the stream
 * takes every later byte and drops it, telling stdio the write succeeded: the file is lost
 * anyway, and glibc's fwrite, told of a failure in the middle of a large write to a cookie
 * stream, can overrun its own buffer (a crash, found by tests/reliability/full-disk.sh).
 * Writers that want to stop early ask mn_atomic_error. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "signals.h"

struct mn_atomic_sink {
  int fd;    /* the temporary, open for writing; -1 once closed */
  int err;   /* errno of the first failure, or 0 */
};

static ssize_t
sink_write (void *cookie, const char *buf, size_t len)
{
  mn_atomic_sink *s = cookie;
  size_t done = 0;
  while (!s->err && done < len)   /* after a failure nothing more reaches the file: no holes */
    {
      ssize_t n = write (s->fd, buf + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        s->err = n < 0 ? errno : EIO;
      else
        done += (size_t) n;
    }
  return (ssize_t) len;
}

static int
sink_close (void *cookie)
{
  mn_atomic_sink *s = cookie;
  if (s->fd >= 0 && close (s->fd) != 0 && !s->err)
    s->err = errno;
  s->fd = -1;
  return s->err ? -1 : 0;
}

int
mn_atomic_open (mn_atomic *a, const char *path)
{
  *a = (mn_atomic) MN_ATOMIC_INIT;
  a->path = strdup (path);
  const char *slash = strrchr (path, '/');
  int dirlen = slash ? (int) (slash - path) : 1;
  const char *dir = slash ? path : ".";
  const char *base = slash ? slash + 1 : path;
  a->sink = calloc (1, sizeof *a->sink);
  if (!a->path || !a->sink || asprintf (&a->tmp, "%.*s/.%s.XXXXXX", dirlen, dir, base) < 0)
    {
      a->tmp = NULL;
      mn_atomic_abort (a);
      errno = ENOMEM;
      return MN_EIO;
    }
  a->sink->fd = -1;
  /* The file and its entry in the signal handler's table appear together. */
  sigset_t old;
  mn_signals_block (&old);
  int fd = mkstemp (a->tmp);
  int e = errno;
  if (fd >= 0)
    mn_signals_track_path (a->tmp);
  mn_signals_unblock (&old);
  if (fd < 0)
    {
      free (a->tmp);
      a->tmp = NULL;
      mn_atomic_abort (a);
      errno = e;
      return MN_EIO;
    }
  a->sink->fd = fd;
  /* mkstemp makes 0600; published minutes are world-readable like any file we write. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  cookie_io_functions_t io = { NULL, sink_write, NULL, sink_close };
  a->fp = fopencookie (a->sink, "wb", io);
  if (!a->fp)
    {
      e = errno;
      mn_atomic_abort (a);
      errno = e;
      return MN_EIO;
    }
  return 0;
}

/* Flush, sync and close the temporary; 0, or the errno of the first failure (anywhere). */
static int
finish (mn_atomic *a)
{
  if (!a->fp)
    return EBADF;
  if (fflush (a->fp) != 0 && !a->sink->err)
    a->sink->err = errno ? errno : EIO;
  if (ferror (a->fp) && !a->sink->err)
    a->sink->err = EIO;
  if (!a->sink->err && fsync (a->sink->fd) != 0)
    a->sink->err = errno;
  if (fclose (a->fp) != 0 && !a->sink->err)
    a->sink->err = errno ? errno : EIO;
  a->fp = NULL;
  return a->sink->err;
}

/* After the temporary was renamed or linked: forget it and free `a`. */
static void
release (mn_atomic *a)
{
  mn_signals_forget_path (a->tmp);
  free (a->tmp);
  free (a->path);
  free (a->sink);
  *a = (mn_atomic) MN_ATOMIC_INIT;
}

int
mn_atomic_commit (mn_atomic *a)
{
  int e = finish (a);
  if (!e && rename (a->tmp, a->path) != 0)
    e = errno;
  if (e)
    {
      mn_atomic_abort (a);
      errno = e;
      return MN_EIO;
    }
  release (a);
  return 0;
}

int
mn_atomic_commit_new (mn_atomic *a)
{
  int e = finish (a);
  if (!e && link (a->tmp, a->path) != 0)
    {
      e = errno;
      struct stat st;
      if ((e == EPERM || e == EOPNOTSUPP || e == EXDEV) && lstat (a->path, &st) != 0)
        e = rename (a->tmp, a->path) == 0 ? 0 : errno;
    }
  mn_atomic_abort (a);  /* removes the temporary (after a rename, there is none left) */
  errno = e;
  return e ? MN_EIO : 0;
}

int
mn_atomic_error (const mn_atomic *a)
{
  return a->sink ? a->sink->err : 0;
}

void
mn_atomic_abort (mn_atomic *a)
{
  if (a->fp)
    {
      if (a->sink && !a->sink->err)
        a->sink->err = ECANCELED;   /* what is still buffered need not reach the disk */
      fclose (a->fp);
    }
  else if (a->sink && a->sink->fd >= 0)
    close (a->sink->fd);
  if (a->tmp)
    unlink (a->tmp);
  release (a);
}

int
mn_atomic_write (const char *path, const void *data, size_t len)
{
  mn_atomic a = MN_ATOMIC_INIT;
  if (mn_atomic_open (&a, path) != 0)
    return MN_EIO;
  fwrite (data, 1, len, a.fp);   /* a short write fails the commit, with its errno */
  return mn_atomic_commit (&a);
}
