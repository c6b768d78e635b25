/* sums.h: DIR/SHA256SUMS, and the --check that compares a rebuild with it. */
#ifndef MN_SUMS_H
#define MN_SUMS_H

#include "base/diag.h"

/* Write DIR/SHA256SUMS ("HEX  NAME" lines, as sha256sum prints them) for every PDF and HTML
 * in DIR (hidden files left out), sorted by name, atomically; say "written …" on standard
 * output unless `quiet`.  Returns 0 or MN_EIO (reported). */
int mn_sums_write (const char *dir, int quiet, mn_diag *d);

/* --check: compare the files rebuilt in `fresh`, and the files in `dir` (the published ones),
 * with the sums recorded in `dir`/SHA256SUMS.  One error per file whose published copy or
 * rebuilt copy differs from its sum, that is missing from the rebuild, or that was rebuilt but
 * is not recorded (a recorded file missing from `dir` is fine: the rebuild proves it); one
 * line on standard output when all match.  Returns 0 when all match, MN_EINVALID when some
 * differ, MN_EIO when SHA256SUMS cannot be read. */
int mn_sums_check (const char *dir, const char *fresh, mn_diag *d);

#endif
