/* page.h: the page loop — page masters, regions, static content, page numbers. */
#ifndef MN_PAGE_H
#define MN_PAGE_H

#include "area.h"
#include "flow.h"

/* Called with each completed page (borrowed; freed after the call returns).
 * Returns 0, or a negative MN_E* code to stop. */
typedef int (*mn_page_sink) (void *data, const mn_area *page);

/* Lay out every page-sequence of L->doc, handing each page to `sink` (may be NULL: a
 * counting pass) as soon as it is complete, so only one page is in memory at a time.
 * Returns 0, MN_EINVALID (an error was reported during layout), MN_ELIMIT (runaway
 * page count), or the sink's error. */
int mn_page_layout_document (mn_layout *L, mn_page_sink sink, void *data);

/* With L->defer_statics, mn_page_layout_document hands on pages without their static content
 * (headers, footers): this lays it out into `page` later, when every page number it may cite
 * is known.  Returns 0 or MN_EINVALID (an error was reported). */
int mn_page_layout_statics (mn_layout *L, mn_area *page);

#endif
