/* page.h: the page loop — page masters, regions, static content, page numbers. */
#ifndef MN_PAGE_H
#define MN_PAGE_H

#include "area.h"
#include "layout.h"

/* Called with each finished page (borrowed; freed after the call returns).
 * Returns 0, or a negative MN_E* code to stop. */
typedef int (*mn_page_sink) (void *data, const mn_area *page);

/* Lay out every page-sequence of L->doc, handing each page to `sink` (may be NULL: a
 * counting pass) as soon as it is finished, so only one page is in memory at a time.
 * `with_statics`: each page gets its static content (headers, footers) now; otherwise it is
 * handed on without, for mn_page_layout_statics later (or never, in a counting pass: static
 * content places no id).  Returns 0, MN_EINVALID (an error was reported during layout),
 * MN_ELIMIT (runaway page count), or the sink's error. */
int mn_page_layout_document (mn_layout *L, int with_statics, mn_page_sink sink, void *data);

/* Lay out the static content of `page` (handed on without it), when every page number it
 * may cite is known.  Returns 0 or MN_EINVALID (an error was reported). */
int mn_page_layout_statics (mn_layout *L, mn_area *page);

#endif
