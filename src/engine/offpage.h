/* offpage.h: text set outside the page — found on each finished page, warned about once per
 * source line (a negative text-indent, an indent or a column wider than the page, a line that
 * may not wrap and runs past the edge, a line taller than the page: the PDF would show nothing
 * there, and exit 0). */
#ifndef MN_OFFPAGE_H
#define MN_OFFPAGE_H

#include <glib.h>

#include "area.h"
#include "base/diag.h"

/* Check every line of `page` against the page's box; warn (to `d`, naming `file` and the source
 * line of the paragraph) for each source line with a line box outside it, unless `warned` (a
 * set, g_hash_table_new (NULL, NULL), of the lines already warned about, as line + 1) holds
 * it already; add it there. */
void mn_offpage_check (const mn_area *page, GHashTable *warned, mn_diag *d, const char *file);

#endif
