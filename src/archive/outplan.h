/* outplan.h: what `minutes build` will write, checked before it writes anything. */
#ifndef MN_OUTPLAN_H
#define MN_OUTPLAN_H

#include <stddef.h>

#include "base/diag.h"

/* Check the outputs of building `files` into `dir` (DIR/NAME.pdf, DIR/NAME.html and the
 * summary DIR/.summaries/NAME.xml of each (minutes.h: mn_session_name), DIR/index.html,
 * DIR/SHA256SUMS) before anything is written, reporting every problem to `d`:
 *   1. two sessions with one NAME (in different folders, or the same file named twice) would
 *      write the same files;
 *   2. a session named `index` would have its page replaced by the list of sessions;
 *   3. an output that exists but is not a regular file (a folder, a FIFO …) cannot be replaced,
 *      and finding that out half-way would leave one file of a session new and one old;
 *   4. an output that is one of the sessions (or another name for it) would destroy it.
 * Returns 0, or MN_EUSAGE when there was a problem (then nothing may be written). */
int mn_outplan_check (const char *dir, char *const *files, size_t nfiles, mn_diag *d);

#endif
