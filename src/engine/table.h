/* table.h: table layout — column widths, rows, cells split across pages, repeated headers. */
#ifndef MN_TABLE_H
#define MN_TABLE_H

#include "layout.h"

/* Lay out the fo:table `n` on the contract of layout.h (as mn_flow_layout_node); its token is
 * a MN_RESUME_TABLE (the body row to resume, that row's per-cell tokens). */
mn_result mn_table_layout (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in);

#endif
