/* flow.h: block-level layout — stacking blocks, paragraphs, lists (and tables via table.h)
 * into a region, with resume tokens so that content continues on the next page. */
#ifndef MN_FLOW_H
#define MN_FLOW_H

#include <pango/pango.h>

#include "area.h"
#include "base/diag.h"
#include "fotree.h"
#include "para.h"

/* The result of laying out a node in the room left on a page. */
typedef enum {
  MN_FIT,    /* all of it was placed */
  MN_SPLIT,  /* part was placed; the rest continues from the resume token */
  MN_NOFIT,  /* nothing was placed (never returned when the page was empty: progress rule) */
} mn_status;

/* Where to continue a node on the next page.  It mirrors the nesting: a container's token
 * names the child to resume and holds that child's token; a paragraph's names its first line;
 * a table row's and a list item's hold one token per column.  NULL means "from the start". */
typedef struct mn_resume mn_resume;
struct mn_resume {
  int index;                /* container: child to resume; PARA: first line; TABLE: body row */
  const mn_fo_node *at;     /* container: that child; TABLE: that row (so that resuming on
                               page 1,000 does not count 50,000 nodes again); NULL: count */
  mn_resume *child;         /* token for that child, or NULL (start it fresh) */
  mn_resume **cols;         /* ROW / LIST_ITEM: one per column, or NULL; MN_RESUME_DONE when the
                               column is finished */
  int ncols;                /* length of cols */
  int flags;                /* MN_RESUME_* */
};

/* TABLE: the header did not fit a page and is laid out as ordinary rows (index counts them). */
#define MN_RESUME_HEADER_AS_BODY 1

/* The token of a finished column (never freed). */
extern mn_resume mn_resume_done;
#define MN_RESUME_DONE (&mn_resume_done)

void mn_resume_free (mn_resume *r);

/* State shared by the whole layout of a document. */
typedef struct mn_layout {
  const mn_fo_doc *doc;     /* the input tree (borrowed) */
  PangoContext *pctx;       /* shared Pango context (borrowed) */
  mn_diag *d;               /* diagnostics */
  const char *file;         /* for diagnostics */
  int pass;                 /* 1: counting pages for citations; 2: the real layout */
  int page_number;          /* number of the page being laid out */
  int in_static;            /* laying out static content (paragraphs are not cached) */
  int failed;               /* an error was reported (e.g. a missing glyph): stop */
  int pending_break;        /* a break-after on the last child, to be honoured by an ancestor */
  GHashTable *paras;        /* PARA node -> mn_para* of paragraphs split across pages */
  GHashTable *first_page;   /* id -> page number (GINT_TO_POINTER) of its first area */
  GHashTable *last_page;    /* id -> page number of its last area */
  GHashTable *prev_first;   /* the same from the first pass, for citations (or NULL) */
  GHashTable *prev_last;
  int overfull_warned;      /* an overfull page was reported already */
  /* Paragraphs carried from the counting pass to the painting pass, so that the second pass
   * does not lay them out again (bounded: memory must not grow with the document). */
  GHashTable *carry_out;    /* pass 1: PARA node -> mn_para* kept for pass 2 (or NULL) */
  GHashTable *carry_in;     /* pass 2: the same table, taken from */
  int carry_budget;         /* paragraphs pass 1 may still keep */
  int defer_statics;        /* static content is laid out when the page is painted (spool.h) */
} mn_layout;

/* Lay out block-level node `n` (any block kind) with its border box between x and x+w
 * (the containing block's content box, before n's own indents) from y down to `bottom`.
 * `in` is the resume token (NULL: from the start); `page_empty` says nothing is on the page
 * yet, so something must be placed.  Areas are appended to `parent`.  On SPLIT, *out is the
 * token for the rest (owned by the caller); *used is the height consumed.  `in` is borrowed. */
mn_status mn_flow_layout_node (mn_layout *L, const mn_fo_node *n, int x, int w, int y, int bottom,
                               const mn_resume *in, int page_empty, mn_area *parent,
                               mn_resume **out, int *used);

/* Lay out the children of `n` (a FLOW, BLOCK, CELL, LIST_LABEL or LIST_BODY) into the
 * content box x..x+w, as above. */
mn_status mn_flow_layout_children (mn_layout *L, const mn_fo_node *n, int x, int w, int y,
                                   int bottom, const mn_resume *in, int page_empty,
                                   mn_area *parent, mn_resume **out, int *used);

/* Lay out several block containers side by side (a table row's cells, a list item's label and
 * body), each from its own token: the columns split independently, so a tall cell continues
 * on the next page while its neighbours are finished.  `nodes`, `xs`, `ws`, `areas` have
 * `n` entries; heights[i] receives each column's used height.  On SPLIT, *out holds a token
 * per column.  NOFIT when a column that still had content could place nothing and the page
 * was not empty (the caller moves the whole row). */
mn_status mn_flow_layout_columns (mn_layout *L, int n, const mn_fo_node *const *nodes,
                                  const int *xs, const int *ws, int y, int bottom,
                                  const mn_resume *in, int page_empty, mn_area *const *areas,
                                  mn_resume **out, int *heights);

/* Record that an area of the element with `id` is on the current page (for citations). */
void mn_flow_note_id (mn_layout *L, const char *id);

/* The page whose body region is `body` is complete: drop the paragraphs that ended on it
 * from the cache of paragraphs in progress (keeping them for the painting pass when this is
 * the counting pass). */
void mn_flow_page_done (mn_layout *L, const mn_area *body);

/* Record every id with an area in the finished page (or region) `a`: ids are noted only on
 * what stays on the page, not on areas a keep moved to the next one. */
void mn_flow_note_page_ids (mn_layout *L, const mn_area *a);

#endif
