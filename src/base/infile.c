/* infile.c: opening the files a user names, regular files only (infile.h). */
#include "infile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

/* What `mode` is, for a message ("… it is a named pipe (FIFO), not a file"). */
static const char *
kind_of (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO)");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a regular file");
}

static void
report_errno (mn_diag *d, const char *path, int e)
{
  if (d)
    mn_error (d, path, 0, _("cannot read the file (%s); check its name and permissions"), g_strerror (e));
}

static void
report_kind (mn_diag *d, const char *path, mode_t mode)
{
  if (d)
    mn_error (d, path, 0, _("cannot read this: it is %s, not a file; name the file itself"), kind_of (mode));
}

int
mn_infile_open (FILE **out, const char *path, mn_diag *d)
{
  *out = NULL;
  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. */
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int e = errno;
      report_errno (d, path, e);
      errno = e;
      return MN_EIO;
    }
  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      int e = errno;
      report_errno (d, path, e);
      close (fd);
      errno = e;
      return MN_EIO;
    }
  if (!S_ISREG (st.st_mode))
    {
      report_kind (d, path, st.st_mode);
      close (fd);
      errno = S_ISDIR (st.st_mode) ? EISDIR : EINVAL;
      return MN_EIO;
    }
  int flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  *out = fdopen (fd, "rb");
  if (!*out)
    {
      int e = errno;
      close (fd);
      report_errno (d, path, e);
      errno = e;
      return MN_EIO;
    }
  return 0;
}

int
mn_infile_check (const char *path, mn_diag *d)
{
  struct stat st;
  if (stat (path, &st) != 0)
    {
      int e = errno;
      report_errno (d, path, e);
      errno = e;
      return MN_EIO;
    }
  if (!S_ISREG (st.st_mode))
    {
      report_kind (d, path, st.st_mode);
      errno = S_ISDIR (st.st_mode) ? EISDIR : EINVAL;
      return MN_EIO;
    }
  return 0;
}

int
mn_infile_read (char **out, size_t *len, const char *path, size_t max, mn_diag *d)
{
  *out = NULL;
  *len = 0;
  FILE *fp = NULL;
  if (mn_infile_open (&fp, path, d) != 0)
    return MN_EIO;
  GString *buf = g_string_new (NULL);
  char chunk[65536];
  size_t n;
  int rc = 0;
  while ((n = fread (chunk, 1, sizeof chunk, fp)) > 0)
    {
      if (buf->len + n > max)
        {
          rc = MN_ELIMIT;
          break;
        }
      g_string_append_len (buf, chunk, (gssize) n);
    }
  if (rc == 0 && ferror (fp))
    {
      int e = errno;
      report_errno (d, path, e);
      rc = MN_EIO;
    }
  fclose (fp);
  if (rc != 0)
    {
      g_string_free (buf, TRUE);
      return rc;
    }
  *len = buf->len;
  *out = g_string_free (buf, FALSE);
  return 0;
}

/* `path` as an absolute path with its folder resolved (the file itself need not exist), or a
 * copy of `path` when its folder cannot be resolved.  g_free. */
static char *
resolved (const char *path)
{
  char *dir = g_path_get_dirname (path), *base = g_path_get_basename (path);
  char real[PATH_MAX];
  char *r = realpath (dir, real) ? g_build_filename (real, base, NULL) : g_strdup (path);
  g_free (dir);
  g_free (base);
  return r;
}

int
mn_infile_same (const char *a, const char *b)
{
  struct stat sa, sb;
  int ha = stat (a, &sa) == 0, hb = stat (b, &sb) == 0;
  if (ha && hb)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ha != hb)
    return 0;
  char *ra = resolved (a), *rb = resolved (b);
  int same = strcmp (ra, rb) == 0;
  g_free (ra);
  g_free (rb);
  return same;
}
