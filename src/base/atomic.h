/* atomic.h: writing a file so that readers see the old one or the whole new one, never half. */
#ifndef MN_ATOMIC_H
#define MN_ATOMIC_H

#include <stdio.h>

typedef struct mn_atomic_sink mn_atomic_sink;

/* A file being written: a temporary in the same folder, renamed over `path` on commit.
 * Every byte written to `fp` goes through `sink`, which keeps the first write error (errno):
 * a full disk is noticed at whichever write meets it — the first, the last, the flush at the
 * end or the close — and the commit then fails whole.  While the temporary exists it is known
 * to signals.h, which removes it if minutes is interrupted.  An open mn_atomic must not be
 * copied (the signal handler holds a pointer to `tmp`). */
typedef struct mn_atomic {
  char *path;            /* the destination (owned copy) */
  char *tmp;             /* the temporary's name, `DIR/.NAME.XXXXXX` (owned) */
  FILE *fp;              /* open on the temporary; write here */
  mn_atomic_sink *sink;  /* the descriptor under `fp` and its first error (owned) */
} mn_atomic;

#define MN_ATOMIC_INIT { NULL, NULL, NULL, NULL }

/* Create the temporary next to `path`.  Returns 0, or MN_EIO (errno set; nothing created). */
int mn_atomic_open (mn_atomic *a, const char *path);

/* Flush, sync, close and rename the temporary over the destination; frees `a`.  Returns 0, or
 * MN_EIO with errno set to the first failure (ENOSPC for a full disk, even when it happened
 * in an earlier write): then the temporary is removed and the old file is untouched. */
int mn_atomic_commit (mn_atomic *a);

/* The same, but never over an existing file: the temporary is hard-linked to the destination
 * (link(2) fails with EEXIST if it exists, even if it appeared since anyone looked); where the
 * file system has no hard links it is renamed, after one more look.  Frees `a`.  Returns 0,
 * or MN_EIO with errno set (EEXIST when the destination exists). */
int mn_atomic_commit_new (mn_atomic *a);

/* The errno of the first write to `a->fp` that failed, or 0 (the commit fails with it too).
 * Writes to `a->fp` never fail themselves (what follows a failure is dropped): a writer that
 * wants to know at once fflushes and asks here. */
int mn_atomic_error (const mn_atomic *a);

/* Remove the temporary and free `a`; the destination is untouched.  Accepts an unopened `a`. */
void mn_atomic_abort (mn_atomic *a);

/* Write `len` bytes to `path` atomically.  Returns 0 or MN_EIO (errno set). */
int mn_atomic_write (const char *path, const void *data, size_t len);

#endif
