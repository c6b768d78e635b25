/* infile.h: the files a user names — read only when they are regular files, never past a
 * limit — and whether two names are one file.
 *
 * A name can stand for something that is not a file: a FIFO (reading it blocks until someone
 * writes, for ever in a batch build), a device (/dev/zero never ends), a folder, a socket.
 * Everything minutes reads on a user's say-so (a session, an FO file, a stylesheet and what it
 * includes or reads with document(), a text to import, a session's bytes for its sha256) is
 * opened here, which refuses those before reading a byte. */
#ifndef MN_INFILE_H
#define MN_INFILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* Open `path` for reading, only if it is a regular file (a FIFO is opened without waiting for a
 * writer, then refused).  Returns 0 with *out open (the caller fcloses it), or MN_EIO with *out
 * NULL and errno set; the problem is reported to `d` unless `d` is NULL. */
int mn_infile_open (FILE **out, const char *path, mn_diag *d);

/* Whether `path` names a regular file (without opening it: for files another library opens).
 * Returns 0, or MN_EIO after reporting to `d` (unless NULL) as mn_infile_open does. */
int mn_infile_check (const char *path, mn_diag *d);

/* Read the regular file `path` whole, at most `max` bytes.  Returns 0 with *out (g_free; a NUL
 * is added after the `*len` bytes), MN_EIO (reported to `d` unless NULL), or MN_ELIMIT when
 * the file is larger than `max` (not reported: the caller says what the limit is for). */
int mn_infile_read (char **out, size_t *len, const char *path, size_t max, mn_diag *d);

/* 1 if `a` and `b` name the same file: the same device and inode when both exist (a link or
 * another spelling of the path counts), else the same absolute path once the folders are
 * resolved; 0 otherwise. */
int mn_infile_same (const char *a, const char *b);

#endif
