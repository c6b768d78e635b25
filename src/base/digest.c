/* digest.c: the sha256 of a file, with GLib's GChecksum (digest.h). */
#include "digest.h"

#include <glib.h>
#include <stdio.h>

#include "infile.h"

char *
mn_sha256_file (const char *path)
{
  FILE *fp = NULL;
  if (mn_infile_open (&fp, path, NULL) != 0)   /* a regular file only: never wait on a FIFO */
    return NULL;
  GChecksum *ck = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buf[65536];
  size_t n;
  while ((n = fread (buf, 1, sizeof buf, fp)) > 0)
    g_checksum_update (ck, buf, (gssize) n);
  char *sum = ferror (fp) ? NULL : g_strdup (g_checksum_get_string (ck));
  fclose (fp);
  g_checksum_free (ck);
  return sum;
}
