/* flow.h: block-level layout — blocks, paragraphs and lists stacked into a region (tables in
 * table.h), on the contract of layout.h. */
#ifndef MN_FLOW_H
#define MN_FLOW_H

#include "layout.h"

/* Lay out block-level node `n` (any block kind): its border box goes between room.x and
 * room.x + room.w (the containing block's content box, before n's own indents), from room.y
 * down.  Areas are appended to room.area. */
mn_result mn_flow_layout_node (mn_layout *L, const mn_fo_node *n, mn_room room,
                               const mn_resume *in);

/* Lay out the children of `n` (a FLOW, BLOCK, CELL, LIST_LABEL or LIST_BODY) into the
 * content box room.x .. room.x + room.w. */
mn_result mn_flow_layout_children (mn_layout *L, const mn_fo_node *n, mn_room room,
                                   const mn_resume *in);

/* One of several block containers laid out side by side. */
typedef struct mn_column {
  const mn_fo_node *node;   /* the container (CELL, LIST_LABEL, LIST_BODY) */
  int x, w;                 /* its content box */
  mn_area *area;            /* where its areas go */
  int height;               /* set by mn_flow_layout_columns: the height it used */
} mn_column;

/* Lay out `n` columns side by side (a table row's cells, a list item's label and body) from
 * room.y down to room.bottom (room.x, room.w, room.area are each column's own), each from its
 * own token: the columns split independently, so a tall cell continues on the next page while
 * its neighbours are finished.  FIT when every column fits (break_after when one of them ends
 * with a break: the container of the row or item honours it); SPLIT with a MN_RESUME_COLUMNS
 * token; NOFIT when a column that still had content could place nothing and the page was not
 * empty (the caller moves the whole row).  result.used is the tallest column's height. */
mn_result mn_flow_layout_columns (mn_layout *L, mn_column *cols, int n, mn_room room,
                                  const mn_resume *in);

/* The page whose body region is `body` is finished: record on which page each of its ids is
 * (only what stays on the page: a keep may have moved areas on), and drop from L->paras the
 * paragraphs that ended on it. */
void mn_flow_page_done (mn_layout *L, const mn_area *body);

#endif
