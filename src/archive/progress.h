/* progress.h: one status line on a terminal while many sessions build ("[3/12] r03-1.xml"),
 * nothing at all when the output is not a terminal (logs, CI, pipes). */
#ifndef MN_PROGRESS_H
#define MN_PROGRESS_H

#include <stdio.h>

typedef struct mn_progress mn_progress;

/* A progress line for `total` steps on `out` (usually stderr).  It shows only when `out` is a
 * terminal that understands "\r" and erase-line (TERM is set and not "dumb"), and `total` > 1;
 * otherwise every call is a no-op.  Free with mn_progress_free (accepts NULL). */
mn_progress *mn_progress_new (FILE *out, unsigned total);

/* As mn_progress_new, but `tty` says whether to show (for tests). */
mn_progress *mn_progress_new_forced (FILE *out, unsigned total, int tty);

/* Step `n` (1-based) of `total` begins, working on `name` (borrowed, printed as is).  The
 * line ends with "\r": a diagnostic printed next overwrites it from the first column. */
void mn_progress_step (mn_progress *p, unsigned n, const char *name);

/* Erase the status line (before the final summary) and free.  Accepts NULL. */
void mn_progress_free (mn_progress *p);

#endif
