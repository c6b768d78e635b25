/* atomic.c: temporary file in the destination's folder + fsync + rename. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

int
mn_atomic_open (mn_atomic *a, const char *path)
{
  a->path = strdup (path);
  const char *slash = strrchr (path, '/');
  int dirlen = slash ? (int) (slash - path) : 1;
  const char *dir = slash ? path : ".";
  const char *base = slash ? slash + 1 : path;
  if (!a->path || asprintf (&a->tmp, "%.*s/.%s.XXXXXX", dirlen, dir, base) < 0)
    {
      a->tmp = NULL;
      mn_atomic_abort (a);
      return MN_EIO;
    }
  int fd = mkstemp (a->tmp);
  if (fd < 0)
    {
      int e = errno;
      free (a->tmp);
      a->tmp = NULL;
      mn_atomic_abort (a);
      errno = e;
      return MN_EIO;
    }
  /* mkstemp makes 0600; published minutes are world-readable like any file we write. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  a->fp = fdopen (fd, "wb");
  if (!a->fp)
    {
      close (fd);
      mn_atomic_abort (a);
      return MN_EIO;
    }
  return 0;
}

int
mn_atomic_commit (mn_atomic *a)
{
  int ok = a->fp && fflush (a->fp) == 0 && fsync (fileno (a->fp)) == 0;
  if (a->fp && fclose (a->fp) != 0)
    ok = 0;
  a->fp = NULL;
  if (ok && rename (a->tmp, a->path) != 0)
    ok = 0;
  if (!ok)
    {
      int e = errno;
      mn_atomic_abort (a);
      errno = e;
      return MN_EIO;
    }
  free (a->tmp);
  free (a->path);
  a->tmp = a->path = NULL;
  return 0;
}

void
mn_atomic_abort (mn_atomic *a)
{
  if (a->fp)
    fclose (a->fp);
  if (a->tmp)
    unlink (a->tmp);
  free (a->tmp);
  free (a->path);
  a->fp = NULL;
  a->tmp = a->path = NULL;
}

int
mn_atomic_write (const char *path, const void *data, size_t len)
{
  mn_atomic a = MN_ATOMIC_INIT;
  if (mn_atomic_open (&a, path) != 0)
    return MN_EIO;
  if (len && fwrite (data, 1, len, a.fp) != len)
    {
      mn_atomic_abort (&a);
      return MN_EIO;
    }
  return mn_atomic_commit (&a);
}
