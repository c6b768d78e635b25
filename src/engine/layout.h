/* layout.h: the layout contract that flow.c, table.c and page.c share — the room a node is
 * laid out in, what comes back (status, error, break, height, resume token), resume tokens,
 * and the state of a document's layout.
 *
 * Every layout function has one shape:
 *
 *     mn_result f (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in);
 *
 * `room` says where the node goes (its containing box, the current y, the bottom of the usable
 * room, whether the page is still empty, the area to append to); `in` where to continue it
 * (NULL: from the start; borrowed, never changed).  The result says how it went:
 *   FIT    all of it was placed;
 *   SPLIT  part was placed, the rest continues from result.rest (owned by the caller);
 *   NOFIT  nothing was placed, and no area is left behind (never when the page was empty:
 *          progress rule, flow.c rule 7).
 * "Out of room" is a status; an error (reported to the diagnostics already) is result.error,
 * and the caller stops at once and passes it up.  A break-after="page" that ends the node
 * (its own, or its last child's) comes back as result.break_after, so that the container it
 * is in honours it (XSL-FO 1.1 §7.20.1): a block container after this child, a table after
 * the row, a list after the item; side-by-side columns never see each other's.  A SPLIT made
 * by a forced break says so (result.forced), and every container passing the SPLIT on keeps
 * it, so that page.c knows a page that ends there is not to be filled to its bottom.
 *
 * Units: Pango units (1/1024 pt), integers, absolute page coordinates. */
#ifndef MN_LAYOUT_H
#define MN_LAYOUT_H

#include <pango/pango.h>

#include "area.h"
#include "base/diag.h"
#include "fotree.h"

typedef enum {
  MN_FIT,    /* all of it was placed */
  MN_SPLIT,  /* part was placed; the rest continues from result.rest */
  MN_NOFIT,  /* nothing was placed */
} mn_status;

/* === resume tokens === */

/* Where to continue a node on the next page.  It mirrors the nesting (WeasyPrint's skip
 * stack): a container's token names the child to resume and holds that child's token; a
 * paragraph's names its first line; a table row's and a list item's hold one token per column;
 * a table's names its body row and holds that row's token.  NULL means "from the start".
 * Made only by the constructors below; read through the fields. */
typedef enum {
  MN_RESUME_CHILD,          /* a block container: children from `index`, child `index` from `child` */
  MN_RESUME_LINE,           /* a paragraph: from line `index` */
  MN_RESUME_COLUMNS,        /* columns side by side: column i from cols[i] */
  MN_RESUME_TABLE,          /* a table: from body row `index`, that row from `child` */
} mn_resume_kind;

typedef struct mn_resume mn_resume;
struct mn_resume {
  mn_resume_kind kind;      /* which of the shapes above */
  int index;                /* CHILD: child to resume; LINE: first line; TABLE: row */
  const mn_fo_node *at;     /* CHILD: that child; TABLE: that row, so that resuming on page
                               1,000 does not count 50,000 nodes again (NULL: count index) */
  mn_resume *child;         /* CHILD, TABLE: the token of that child or row, or NULL (fresh) */
  mn_resume **cols;         /* COLUMNS: one token per column; NULL for a column not started,
                               MN_RESUME_DONE for a finished one */
  int ncols;                /* COLUMNS: length of cols */
  int header_as_body;       /* TABLE: the header did not fit a page and is laid out as the
                               first ordinary rows (counted by index) */
};

/* The token of a finished column (never freed). */
extern mn_resume mn_resume_done;
#define MN_RESUME_DONE (&mn_resume_done)

/* Continue a block container at child `index`, that child from `child` (taken; NULL: fresh). */
mn_resume *mn_resume_child (int index, mn_resume *child);

/* Continue a paragraph at line `first`. */
mn_resume *mn_resume_line (int first);

/* Continue `n` columns side by side, column i from cols[i] (each taken; the array is copied). */
mn_resume *mn_resume_columns (int n, mn_resume *const *cols);

/* Continue a table at body row `row`, that row from `row_token` (taken; NULL: fresh);
 * `header_as_body`: the header is being set once as ordinary rows (table.c rule 5). */
mn_resume *mn_resume_table (int row, mn_resume *row_token, int header_as_body);

/* Note in `r` (CHILD or TABLE) the node its index counts to — the child, the row — so that
 * resuming finds it at once; returns `r`. */
mn_resume *mn_resume_at (mn_resume *r, const mn_fo_node *at);

/* A copy of `r` (NULL and MN_RESUME_DONE are returned as they are). */
mn_resume *mn_resume_copy (const mn_resume *r);

/* Free `r` and the tokens it holds; accepts NULL and MN_RESUME_DONE. */
void mn_resume_free (mn_resume *r);

/* === room and result === */

/* Where a node is laid out. */
typedef struct mn_room {
  int x, w;                 /* the containing box: left edge and width (before the node's own
                               start-indent / end-indent) */
  int y;                    /* where the node's top goes */
  int bottom;               /* nothing is placed below this (except by the progress rule) */
  int page_empty;           /* nothing is on the page yet: something must be placed */
  mn_area *area;            /* the node's areas are appended to this area's children */
} mn_room;

/* What laying out a node gave. */
typedef struct mn_result {
  mn_status status;         /* FIT, SPLIT or NOFIT (meaningless when error is set) */
  int error;                /* 0, or a negative MN_E* code: reported already; stop */
  int break_after;          /* FIT: the node ends with a break-after="page" its container
                               must honour */
  int used;                 /* the height consumed below room.y (FIT, SPLIT) */
  mn_resume *rest;          /* SPLIT: where the rest continues (owned by the caller) */
  int forced;               /* SPLIT: the part ends at a forced break (break-before/-after=
                               "page"), not for want of room; NOFIT: the node begins with one.
                               Such a page is not justified (vjust.h) */
} mn_result;

static inline mn_result
mn_result_fit (int used)
{
  return (mn_result) { MN_FIT, 0, 0, used, NULL, 0 };
}

static inline mn_result
mn_result_split (int used, mn_resume *rest)
{
  return (mn_result) { MN_SPLIT, 0, 0, used, rest, 0 };
}

static inline mn_result
mn_result_nofit (void)
{
  return (mn_result) { MN_NOFIT, 0, 0, 0, NULL, 0 };
}

/* A SPLIT at a forced break, or (rest NULL) a NOFIT before one. */
static inline mn_result
mn_result_forced (int used, mn_resume *rest)
{
  return (mn_result) { rest ? MN_SPLIT : MN_NOFIT, 0, 0, used, rest, 1 };
}

static inline mn_result
mn_result_error (int error)
{
  return (mn_result) { MN_NOFIT, error, 0, 0, NULL, 0 };
}

/* === state === */

/* What every layout pass over one document reads and never changes. */
typedef struct mn_layout_doc {
  const mn_fo_doc *fo;      /* the input tree (borrowed) */
  PangoContext *pctx;       /* shared Pango context (borrowed) */
  const char *file;         /* file name for diagnostics */
  mn_diag *d;               /* where diagnostics go (a counting pass gets a quiet one) */
  int keep_text;            /* lines keep their text (a layout dump is made) */
} mn_layout_doc;

/* One layout pass over the document: what changes as it goes. */
typedef struct mn_layout {
  const mn_layout_doc *doc; /* the document (borrowed) */
  int paint;                /* the pages are painted: lines get their glyph runs (not in a
                               counting pass) */
  int page_number;          /* number of the page being laid out */
  GHashTable *paras;        /* PARA node -> mn_para* of paragraphs in progress: split across
                               pages, or finished on the page being laid out (so that a keep
                               or a row moving them on does not lay them out again); NULL: none
                               kept (static content: see statics) */
  GHashTable *statics;      /* PARA node -> mn_para* of static content without a page number
                               or citation: the same text on every page, laid out once
                               (issue 13: a long council name in the running header was laid
                               out again on each of hundreds of pages) */
  GHashTable *first_page;   /* id -> page number (GINT_TO_POINTER) of its first area */
  GHashTable *last_page;    /* id -> page number of its last area */
  GHashTable *cite_first;   /* the numbers page-number-citation shows: id -> page (borrowed),
                               or NULL while they are not known (a stand-in is shown) */
  GHashTable *cite_last;    /* the same for page-number-citation-last */
  int overfull_warned;      /* a static region's overflow was reported already */
} mn_layout;

/* A pass over `doc` (borrowed; outlives it): empty tables, no citations known. */
void mn_layout_init (mn_layout *L, const mn_layout_doc *doc, int paint);
void mn_layout_clear (mn_layout *L);

/* The state static content is laid out with: L's, keeping no paragraphs. */
mn_layout mn_layout_for_statics (const mn_layout *L);

/* Record that an area of the element with `id` is on the current page (for citations). */
void mn_layout_note_id (mn_layout *L, const char *id);

#endif
