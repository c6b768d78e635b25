/* atomic.h: writing a file so that readers see the old one or the whole new one, never half. */
#ifndef MN_ATOMIC_H
#define MN_ATOMIC_H

#include <stdio.h>

/* A file being written: a temporary in the same folder, renamed over `path` on commit. */
typedef struct mn_atomic {
  char *path;  /* the destination (owned copy) */
  char *tmp;   /* the temporary's name, `DIR/.NAME.XXXXXX` (owned) */
  FILE *fp;    /* open on the temporary; write here */
} mn_atomic;

#define MN_ATOMIC_INIT { NULL, NULL, NULL }

/* Create the temporary next to `path`.  Returns 0, or MN_EIO (errno set; nothing created). */
int mn_atomic_open (mn_atomic *a, const char *path);

/* Flush, sync and rename the temporary over the destination; frees `a`.
 * Returns 0, or MN_EIO: then the temporary is removed and the old file is untouched. */
int mn_atomic_commit (mn_atomic *a);

/* Remove the temporary and free `a`; the destination is untouched.  Accepts an unopened `a`. */
void mn_atomic_abort (mn_atomic *a);

/* Write `len` bytes to `path` atomically.  Returns 0 or MN_EIO. */
int mn_atomic_write (const char *path, const void *data, size_t len);

#endif
