/* table.h: table layout — column widths, rows, cells split across pages, repeated headers. */
#ifndef MN_TABLE_H
#define MN_TABLE_H

#include "flow.h"

/* Lay out the fo:table `n`; same contract as mn_flow_layout_node (flow.h).  The token's
 * index is the body row to resume and its child the row's per-cell tokens. */
mn_status mn_table_layout (mn_layout *L, const mn_fo_node *n, int x, int w, int y, int bottom,
                           const mn_resume *in, int page_empty, mn_area *parent,
                           mn_resume **out, int *used);

#endif
