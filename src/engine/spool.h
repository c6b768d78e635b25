/* spool.h: laid-out pages kept in a temporary file until they can be painted.
 *
 * A running footer such as "3 / 14" cites the last page, which is known only when the whole
 * document is laid out.  When every citation is in static content (headers and footers, whose
 * regions have fixed extents), the body's layout cannot depend on the cited numbers.  So the
 * body is laid out once, each finished page (whose lines own their glyph runs, area.h) is
 * written here as it is, and at the end every page is read back, its static content is laid
 * out with the numbers now known, and it is painted.  Memory stays flat however long the
 * document; the file holds about 50 bytes a glyph.
 *
 * Pointers into the input tree (mn_fo_node, mn_fo_master, ids) are written as they are: the
 * spool is read back by the same process while that tree is alive.  Fonts are kept
 * (referenced) by the spool and named by index in the file. */
#ifndef MN_SPOOL_H
#define MN_SPOOL_H

#include "area.h"

typedef struct mn_spool mn_spool;

/* A spool in a new temporary file (removed when closed).  Returns 0 with *out owned, or
 * MN_EIO (errno says why). */
int mn_spool_new (mn_spool **out);

/* Write the finished page `page` (borrowed, unchanged).  Returns 0 or MN_EIO. */
int mn_spool_put (mn_spool *s, const mn_area *page);

/* Switch from writing to reading (once, after the last mn_spool_put).  Returns 0 or MN_EIO. */
int mn_spool_rewind (mn_spool *s);

/* Read the next page back, in the order written: *page is a new tree, the same as the one
 * written (owned: mn_area_free; its runs hold their own font references).  Returns 1 with a
 * page, 0 at the end, or MN_EIO. */
int mn_spool_get (mn_spool *s, mn_area **page);

/* Close the file and drop the fonts; accepts NULL. */
void mn_spool_free (mn_spool *s);

#endif
