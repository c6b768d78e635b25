/* area.h: the area tree — pages of positioned boxes and lines, produced by layout (flow.c,
 * table.c, page.c), painted by pdf.c, dumped as text for the tests (--dump-layout).
 *
 * All positions are absolute on the page: x, y of the top-left corner from the page's
 * top-left, in Pango units (1/1024 pt).  A page is self-contained: its LINE areas own what
 * they show (mn_line), so nothing in it points into layout's state, only into the input tree
 * (which outlives it).  The tree of one page is freed once the page is painted (or spooled,
 * spool.h), so memory does not grow with the number of pages.
 *
 * The dump (mn_area_dump) is one area a line, one space of indent per depth:
 *   page N WxH
 *    region body|before|after|start|end X,Y WxH
 *     block X,Y WxH src=N            (border box; split parts of a block are separate areas)
 *      line X,BASELINE W "text"       (X = line box left: content left plus text-indent on a
 *                                      first line; W = line box width; text without ZWSP or
 *                                      trailing spaces; `"` and `\` escaped with `\`)
 *       link X,Y WxH uri="…"|dest="…" (the link's extent on that line; same escaping)
 *     table X,Y WxH src=N / row X,Y WxH [header] / cell X,Y WxH src=N
 *     list-item X,Y WxH src=N / list-label … / list-body …
 * Numbers are points with exactly two decimals, rounded half away from zero from the
 * integer Pango units (so the same layout always prints the same text). */
#ifndef MN_AREA_H
#define MN_AREA_H

#include <stdio.h>

#include "fotree.h"
#include "para.h"

typedef enum {
  MN_AREA_PAGE,
  MN_AREA_REGION,
  MN_AREA_BLOCK,
  MN_AREA_LINE,
  MN_AREA_TABLE,
  MN_AREA_ROW,
  MN_AREA_CELL,
  MN_AREA_LIST_ITEM,
  MN_AREA_LIST_LABEL,
  MN_AREA_LIST_BODY,
  MN_AREA_LINK,
} mn_area_kind;

/* What a LINE area shows, owned by the area: made from its paragraph (para.h) when the line
 * is placed, so a finished page depends on no paragraph (and the spool writes it as it is). */
typedef struct mn_line {
  mn_para_line geom;        /* the line's geometry (x offsets from the content box's left) */
  char *text;               /* its text as a reader sees it (mn_para_line_text), or NULL when
                               no layout dump is made */
  const char **ids;         /* ids of the inline elements that start on it (the input tree's
                               strings, borrowed), or NULL */
  int nids;                 /* length of ids */
  mn_glyph_run *runs;       /* the glyph runs to paint, each holding a reference to its font;
                               NULL in a pass that paints nothing */
  int nruns;                /* length of runs */
  int last;                 /* it is the last line of its paragraph */
} mn_line;

/* Line i of `p` as an owned line: with its glyph runs when `with_runs`, its text when
 * `with_text`.  Free with mn_line_free. */
mn_line *mn_line_new (const mn_para *p, int i, int with_runs, int with_text);

/* Free `line`, its runs and their font references; accepts NULL. */
void mn_line_free (mn_line *line);

typedef struct mn_area mn_area;
struct mn_area {
  mn_area_kind kind;        /* what it is */
  int x, y, w, h;           /* border box (LINE: line box), Pango units, page coordinates */
  const mn_fo_node *fo;     /* the FO node it comes from (borrowed), or NULL */
  mn_area *parent;          /* NULL for a page */
  mn_area *first, *last;    /* children, in painting order */
  mn_area *next;            /* next sibling */
  int region;               /* REGION: MN_REGION_* */
  int header;               /* ROW, CELL: part of a repeated table header */
  int open_top;             /* BLOCK/CELL/...: continues from the previous page (no top border) */
  int open_bottom;          /* continues on the next page (no bottom border) */
  int stretch_before;       /* the space resolved above it (flow.c rule 2) may grow by this
                               much where the page is justified (vjust.h): the .maximum of that
                               space less its .optimum, Pango units */
  mn_line *line;            /* LINE: what it shows (owned) */
  int baseline;             /* LINE: baseline y on the page */
  int number;               /* PAGE: the page number; REGION: 0 */
  const mn_fo_master *master;  /* PAGE: its simple-page-master */
  int seq;                  /* PAGE: index of its page-sequence in the document */
};

/* A new area of `kind` appended to `parent`'s children (parent may be NULL). */
mn_area *mn_area_new (mn_area_kind kind, mn_area *parent, const mn_fo_node *fo);

/* Free `a` and its subtree (unlinking it from its parent first); accepts NULL. */
void mn_area_free (mn_area *a);

/* Free the children of `parent` that come after `keep` (NULL: all of them). */
void mn_area_truncate (mn_area *parent, mn_area *keep);

/* Move `a` and its subtree down by dy. */
void mn_area_shift (mn_area *a, int dy);

/* Write the dump of one page (format above) to `fp`. */
void mn_area_dump (FILE *fp, const mn_area *page);

#endif
