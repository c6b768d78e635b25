/* index.h: DIR/index.html — the sessions of an output folder, newest first. */
#ifndef MN_INDEX_H
#define MN_INDEX_H

#include <glib.h>

#include "minutes.h"

/* Write DIR/index.html (xsl/index-html.xsl with `params`): every session of the folders in
 * `folders` (their `*.xml` files, as the index lists only what has a source) whose PDF and
 * HTML are in DIR, each described by the summary kept beside its outputs (mn_summary_load),
 * so the cost is one small file per session, whatever the sessions' size.  The NAME of each
 * session listed is added to `listed` (owned strings; may be NULL), whether or not the write
 * succeeds: they are the sessions whose files are published (sums.h).  Say "written …" on
 * standard output unless `quiet`.  Returns 0 or the failure's code (reported). */
int mn_index_write (GPtrArray *listed, const char *dir, GPtrArray *folders,
                    const mn_params *params, int quiet, mn_diag *d);

#endif
