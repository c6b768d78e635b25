/* vjust.c: vertical justification — a finished page's body filled down to its bottom edge
 * (flush bottom), by its spaces first and then by feathering its lines.
 *
 * == Why ==
 * Pages are broken first-fit at the natural sizes of what they hold (flow.c, table.c), with
 * the rules a typesetter keeps: widows and orphans, headings kept with what follows, short
 * rows kept whole.  Those rules leave each page's last line somewhere above the bottom edge —
 * a line or two short after a widow is pulled over, much more where a heading moved on — and
 * a stack of such pages looks unfinished: the foot of every page at a different height.
 * Typesetters justify the page vertically so that every full page ends at the same place.
 *
 * == The model ==
 * Two ways are known, and they fill different pages:
 *   - Glue: the spaces between paragraphs and around headings stretch (LaTeX's \flushbottom
 *     stretching \parskip and the section skips; XSL-FO 1.1 gives each space a range,
 *     space-before/-after .minimum/.optimum/.maximum, §4.3 and §5.11, and lets the formatter
 *     choose within it).  Lines keep their leading, so facing pages keep their grid.  But a
 *     page that is one long table — most pages of the minutes, a Q&A table of 番号 / 質問 /
 *     区の考え方 whose rows have no space between them — has nothing to stretch.
 *   - Feathering: every line's leading grows by the same small amount (InDesign's vertical
 *     justification, QuarkXPress's feathering; Arbortext's priorities put it after the
 *     spaces).  It works inside tables, where the rows simply grow as their tallest cell.
 * So both, in that order, each within a limit: first the spaces that may grow (a stylesheet
 * says which, with their .maximum: the space above a heading may open a little, the gap
 * between two table rows cannot), each in proportion to its range and at most all of it; then,
 * for the room still left, every line by the same δ, at most `line_max`
 * (mx:vertical-justify, fo:page-sequence).  A page that needs more than both can give keeps
 * the rest of its gap: a heading moved on to the next page with its table header leaves a
 * gap that is legitimate, and stretching it away would set that page visibly looser than its
 * neighbours.  Capped, it stays within a fraction of a point a line of them.
 *
 * == Which pages ==
 * page.c hands over every page of a sequence that has mx:vertical-justify except (1) the
 * sequence's last page: its text ends there, and a last page is set at its natural height
 * (LaTeX's \flushbottom leaves \clearpage's page short too); (2) a page ended by a forced
 * break (break-before/-after="page", also one in a table cell): the author ended that page
 * where its text ends (result.forced, layout.h); (3) a page whose content reaches or overflows
 * its bottom already (nothing to do).
 *
 * == Where ==
 * A transform of the finished page's area tree, after breaking and before painting: what is on
 * each page, the text and its order, the structure tags, the ids and the page numbers are those
 * of the unjustified layout; only positions and heights change.  (FOP chooses page breaks with
 * the stretch in mind, Knuth-style; first fit, then fill, is linear and keeps every rule of
 * flow.c and table.c as it is.)
 *
 * == Arithmetic ==
 * Integer Pango units.  Each pass gives every area a weight: in the space pass the stretch of
 * the space above it (mn_area.stretch_before), in the line pass 1 for each line box; along a
 * stack of areas weights add up, across areas side by side (a row's cells, a list item's label
 * and body) the heaviest counts.  The content's weight W is the body's, counted from its top.
 * An edge lying at weight c (from the top) moves down by floor (c × room / W), or by
 * floor (c × line_max) where the cap binds.  So:
 *   1. the lowest edge (at weight W) moves by exactly the room: it lands on the body's bottom
 *      with no rounding left over;
 *   2. no edge moves up, and nothing moves past what is below it (growth only grows with c);
 *   3. areas side by side start at the same weight and the row ends at the heaviest column's,
 *      so a row's cells stay the row's height: the lighter cells grow to it (their content
 *      stays at the top, or is aligned again by display-align where the cell's part ends in
 *      that row, table.c rule 4);
 *   4. a line box growing by dh keeps its text centred in it: the baseline moves down by the
 *      line's top's movement plus dh / 2 (the half-leading grows on both sides, as a larger
 *      line-height would make it).
 * The repeated header rows of a table weigh nothing and hold nothing that grows, so the header
 * looks the same on every page.  Two walks over the page's areas a pass: linear in its size.
 *
 * == Known gaps ==
 * The space-after of a container's last child (inside its parent) does not grow; spaces
 * never shrink (.minimum has no effect: the page is broken at the optimum sizes); a region
 * other than the body is never justified. */
#include "vjust.h"

/* What a pass grows. */
typedef enum {
  BY_SPACES,                /* the spaces between blocks, by their stretch */
  BY_LINES,                 /* every line box, by the same amount (feathering) */
} vj_by;

/* One pass: an edge at weight c from the body's top moves down by c × num / den. */
typedef struct vj_pass {
  vj_by by;                 /* what weighs */
  long long num, den;       /* the growth per unit of weight, as a fraction (den > 0) */
} vj_pass;

static long long
grow (const vj_pass *p, long long c)
{
  return c * p->num / p->den;
}

/* Whether the children of `a` stand side by side (else they are stacked). */
static int
side_by_side (const mn_area *a)
{
  return a->kind == MN_AREA_ROW || a->kind == MN_AREA_LIST_ITEM;
}

/* The weight `a` adds in a pass over `by`, its own space above it included. */
static long long
weight (const mn_area *a, vj_by by)
{
  if (a->header || a->kind == MN_AREA_LINK)
    return 0;
  long long w = by == BY_SPACES ? a->stretch_before : 0;
  if (a->kind == MN_AREA_LINE)
    return w + (by == BY_LINES);
  long long inner = 0;
  for (const mn_area *k = a->first; k; k = k->next)
    {
      long long kw = weight (k, by);
      inner = side_by_side (a) ? MAX (inner, kw) : inner + kw;
    }
  return w + inner;
}

/* Move and grow `a`, whose space above it begins at weight c: returns the weight at its
 * bottom (what weight() adds, from c). */
static long long
apply (mn_area *a, long long c, const vj_pass *p)
{
  if (a->header)
    {
      mn_area_shift (a, (int) grow (p, c));
      return c;
    }
  long long top = c + (p->by == BY_SPACES ? a->stretch_before : 0);
  int dy = (int) grow (p, top);
  if (a->kind == MN_AREA_LINE)
    {
      long long end = top + (p->by == BY_LINES);
      int dh = (int) (grow (p, end) - dy);
      a->y += dy;
      a->baseline += dy + dh / 2;
      a->h += dh;
      for (mn_area *l = a->first; l; l = l->next)  /* its links */
        l->y += dy, l->h += dh;
      return end;
    }
  long long end = top;
  for (mn_area *k = a->first; k; k = k->next)
    {
      long long kend = apply (k, side_by_side (a) ? top : end, p);
      end = side_by_side (a) ? MAX (end, kend) : kend;
    }
  int bottom = a->y + a->h + (int) grow (p, end);
  a->y += dy;
  a->h = bottom - a->y;
  if (a->kind == MN_AREA_ROW)
    for (mn_area *cell = a->first; cell; cell = cell->next)
      {
        /* rule 3 above: the cell grows to the row; rule 4 of table.c aligns its content */
        int extra = bottom - (cell->y + cell->h);
        cell->h += extra;
        int align = cell->fo ? cell->fo->st.display_align : MN_DISPLAY_BEFORE;
        if (extra > 0 && !cell->open_bottom && align != MN_DISPLAY_BEFORE)
          for (mn_area *k = cell->first; k; k = k->next)
            mn_area_shift (k, align == MN_DISPLAY_CENTER ? extra / 2 : extra);
      }
  return end;
}

/* The lowest edge of what the body holds (its top when empty). */
static int
content_bottom (const mn_area *body)
{
  int bottom = body->y;
  for (const mn_area *k = body->first; k; k = k->next)
    bottom = MAX (bottom, k->y + k->h);
  return bottom;
}

/* One pass over the body's content: the content's weight, or (when `p`) the pass applied. */
static long long
body_pass (mn_area *body, vj_by by, const vj_pass *p)
{
  long long c = 0;
  for (mn_area *k = body->first; k; k = k->next)
    c = p ? apply (k, c, p) : c + weight (k, by);
  return c;
}

void
mn_vjust_page (mn_area *body, int line_max)
{
  long long room = (long long) body->y + body->h - content_bottom (body);
  long long w = room > 0 ? body_pass (body, BY_SPACES, NULL) : 0;
  if (w > 0)
    {
      /* 1. the spaces, in proportion to their stretch, at most all of it */
      vj_pass p = { BY_SPACES, MIN (room, w), w };
      body_pass (body, BY_SPACES, &p);
      room = (long long) body->y + body->h - content_bottom (body);
    }
  w = room > 0 && line_max > 0 ? body_pass (body, BY_LINES, NULL) : 0;
  if (w > 0)
    {
      /* 2. every line by the same amount, at most line_max */
      vj_pass p = { BY_LINES, room, w };
      if ((long long) line_max * w < room)
        p.num = line_max, p.den = 1;
      body_pass (body, BY_LINES, &p);
    }
}
