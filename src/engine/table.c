/* table.c: tables — column widths, rows whose cells split across pages, repeated headers.
 *
 * == Model ==
 * A table is a stack of rows; a row is a set of cells laid out side by side as independent
 * columns (mn_flow_layout_columns), each from its own resume token.  So a row taller than
 * the room left — a long speaker turn — splits *inside* its cells at line boundaries, and a
 * row taller than a whole page continues over as many pages as it needs (WeasyPrint's skip
 * stacks; MuPDF's "move the whole row" would leave it unsolved).
 *
 * == Units ==
 * Pango units, absolute page coordinates.
 *
 * == Rules (XSL-FO 1.1 §6.7, §7.28) ==
 * 1. Columns (§7.28.8): fixed column-width first, then percentages of the table's content
 *    width, then what is left shared by proportional-column-width(N) (a column without a
 *    width counts as proportional-column-width(1)).  Integer arithmetic; the last
 *    proportional column takes the rounding remainder, so the columns fill the width exactly.
 * 2. Cells: number-columns-spanned joins columns; column-number places a cell explicitly.
 *    Cells are reference areas: indents inside restart at the cell's content box.
 * 3. Borders meet cleanly: a cell's border is stroked centred on the cell's edge (the
 *    collapsing model, §6.7.10 approximated), so neighbours' borders coincide instead of
 *    doubling, and square line caps close the corners.  Content is inset by half the
 *    border plus the padding.  Every part of a split cell gets its full border (the table is
 *    closed on each page); the padding at the break is left out, before and after, as for
 *    blocks (padding-before/-after.conditionality="discard", XSL-FO's initial value; §4.2.5).
 * 4. display-align (center/after) moves a cell's content down within the row, for cell
 *    parts that end in that row.
 * 5. Header: the table-header rows are placed at the top of the table on every page that
 *    holds any part of its body (unless table-omit-header-at-break="true"), never split:
 *    whether the row under it was moved there whole, continues from the previous page, or is
 *    longer than a page.  If no body row fits under the header and the page was not empty,
 *    the whole table part (header included) moves on: a header is never left alone at a page
 *    bottom.  Only when not one line of the row fits under the header on an empty page is the
 *    header dropped there, so the row starts the page.  A header that does not fit even an
 *    empty page is set once, as ordinary rows that split like any other (no-progress guard,
 *    Typst's repeated.rs); the resume token remembers it.
 * 6. Where a row splits: as a typesetter splits a long speaker turn, at line boundaries, with
 *    at least `orphans` lines of each cell before the break and `widows` after it (the
 *    cell's properties, 2 unless said: counted over the cell, not only within a paragraph,
 *    so a cell never leaves one line of a paragraph list on either side).  A cell that would
 *    leave too few after it is cut short, lines moving on with it; one that started on this
 *    page and cannot keep enough moves the whole row on — which keeps the first cells (a
 *    row's number) with the first part.  A row with keep-together, or none of whose cells
 *    has more lines than mx:keep-together-lines, moves whole.  On an empty page (progress
 *    rule) a row that cannot split so is split where it falls.  A break-after at the end of
 *    a cell's content ends the page after the row (the row stays whole, as FOP does): the
 *    neighbouring cells are laid out as if it were not there (§7.20.1).
 * 7. Progress rule: the first body row on an empty page is laid out with page_empty set,
 *    so it always places at least one line, and its keeps (keep-together, the rows kept
 *    whole by rule 6) give way: the repeated header above it does not make the page less
 *    empty, since the row would find the same header on the next page.  When that line
 *    overflows below the header, rule 5 drops the header instead.
 *
 * == Known gaps ==
 * No number-rows-spanned, no table-footer repetition (footer rows are set once, as body
 * rows), border conflict resolution is "each cell draws its own", no auto table layout
 * (column widths never depend on content), no border-separation. */
#include "table.h"

#include <string.h>

#include "base/i18n.h"
#include "flow.h"

/* Rule 1. */
static void
column_widths (const mn_fo_node *t, int cw, int ncols, int *out)
{
  long long fixed = 0, props = 0;
  for (int c = 0; c < ncols; c++)
    {
      const mn_fo_column *col = t->columns && c < (int) t->columns->len
                                ? &g_array_index (t->columns, mn_fo_column, c) : NULL;
      out[c] = 0;
      if (col && col->width)
        out[c] = col->width;
      else if (col && col->percent)
        out[c] = (int) ((long long) cw * col->percent / 100000);
      else
        props += col && col->proportion ? col->proportion : 1000;
      fixed += out[c];
    }
  long long rest = cw - fixed;
  if (rest < 0)
    rest = 0;
  long long given = 0, seen = 0;
  for (int c = 0; c < ncols; c++)
    {
      const mn_fo_column *col = t->columns && c < (int) t->columns->len
                                ? &g_array_index (t->columns, mn_fo_column, c) : NULL;
      if ((col && (col->width || col->percent)) || props == 0)
        continue;
      seen += col && col->proportion ? col->proportion : 1000;
      long long upto = rest * seen / props;
      out[c] = (int) (upto - given);
      given = upto;
    }
}

/* The rows of `t` in the order they are laid out: the header's when it is set as ordinary
 * rows (`demoted`, rule 5), then the body's.  first_row gives the first (or NULL), next_row
 * the one after `row`: a walk along the tree, so that a table resumed on its 1,000th page
 * starts at its row at once (the token holds it) instead of listing every row again (80,000
 * rows took 164 s). */
static const mn_fo_node *
first_body_row (const mn_fo_node *sec)
{
  for (; sec; sec = sec->next)
    if (sec->kind == MN_FO_TABLE_BODY && sec->first)
      return sec->first;
  return NULL;
}

static const mn_fo_node *
first_row (const mn_fo_node *t, const mn_fo_node *header, int demoted)
{
  if (demoted && header && header->first)
    return header->first;
  return first_body_row (t->first);
}

static const mn_fo_node *
next_row (const mn_fo_node *row)
{
  return row->next ? row->next : first_body_row (row->parent->next);
}

/* The table's columns (rule 1). */
typedef struct table_cols {
  int n;                    /* number of columns */
  int *x, *w;               /* each column's left edge and width */
} table_cols;

/* === where a row splits (rule 6) === */

static int
compare_int (const void *a, const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return x < y ? -1 : x > y;
}

static void
collect_line_bottoms (const mn_area *a, GArray *out)
{
  if (a->kind == MN_AREA_LINE)
    {
      int b = a->y + a->h;
      g_array_append_val (out, b);
    }
  for (const mn_area *k = a->first; k; k = k->next)
    collect_line_bottoms (k, out);
}

/* The line positions of `a`'s subtree, as the bottoms of its lines, sorted, each once (the
 * lines side by side of a list's label and body are one position): a new array. */
static GArray *
line_bottoms (const mn_area *a)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (int));
  collect_line_bottoms (a, out);
  g_array_sort (out, compare_int);
  guint n = 0;
  for (guint i = 0; i < out->len; i++)
    if (n == 0 || g_array_index (out, int, i) != g_array_index (out, int, n - 1))
      g_array_index (out, int, n++) = g_array_index (out, int, i);
  g_array_set_size (out, n);
  return out;
}

/* How many line positions each of the `n` cells has from where this part of the row starts
 * (`in`) to its end, found by laying the cells out again on a scratch area that reaches
 * `extra` below room.bottom (a long cell costs one more stretch of layout, not the rest of its
 * length): out[i], or -1 when cell i goes on below that.  Nothing is painted, and nothing is
 * left behind.  Returns 0 or the layout's error. */
static int
lines_ahead (mn_layout *L, const mn_column *cols, int n, mn_room room, const mn_resume *in,
             int extra, int *out)
{
  mn_area *scratch = mn_area_new (MN_AREA_ROW, NULL, NULL);
  mn_column *sc = g_new0 (mn_column, n);
  for (int i = 0; i < n; i++)
    {
      sc[i] = cols[i];
      sc[i].bottom = 0;
      sc[i].area = mn_area_new (MN_AREA_CELL, scratch, cols[i].node);
    }
  room.bottom += extra;
  int paint = L->paint;
  L->paint = 0;
  mn_result r = mn_flow_layout_columns (L, sc, n, room, in);
  L->paint = paint;
  for (int i = 0; i < n && !r.error; i++)
    {
      const mn_resume *rest = r.status == MN_SPLIT ? r.rest->cols[i]
                              : r.status == MN_FIT ? MN_RESUME_DONE : NULL;
      GArray *b = line_bottoms (sc[i].area);
      out[i] = rest == MN_RESUME_DONE ? (int) b->len : -1;
      g_array_free (b, TRUE);
    }
  mn_resume_free (r.rest);
  mn_area_free (scratch);
  g_free (sc);
  return r.error;
}

/* The row `row`, laid out in `cols` from `in` into `inner` (its cells' content room), split:
 * res (SPLIT, taken).  Applies rule 6: a row all of whose cells are short is kept whole, and
 * every cell split leaves at least `orphans` of its lines before the break and `widows`
 * after it.  A cell that cannot (it started here, and would keep fewer than `orphans`) moves
 * the row on (NOFIT), unless the page is empty; one that would leave fewer than `widows` is
 * cut short (mn_column.bottom) and the row laid out again.  Returns the row's result. */
static mn_result
settle_split (mn_layout *L, const mn_fo_node *row, mn_column *cols, int n, mn_room inner,
              const mn_resume *in, mn_result res)
{
  int *ahead = g_new (int, n);
  int lh = MN_PT, want = row->st.keep_lines;
  for (int i = 0; i < n; i++)
    {
      lh = MAX (lh, cols[i].node->st.line_height);
      want = MAX (want, cols[i].node->st.widows);
    }
  int err = lines_ahead (L, cols, n, inner, in, (want + 1) * 2 * lh, ahead);
  if (err)
    {
      mn_resume_free (res.rest);
      res = mn_result_error (err);
      goto out;
    }
  /* a) short cells only (each of at most mx:keep-together-lines): kept whole */
  int all_short = !in && row->st.keep_lines > 0;
  for (int i = 0; i < n && all_short; i++)
    all_short = ahead[i] >= 0 && ahead[i] <= row->st.keep_lines;
  int move = all_short && !inner.page_empty, cut = 0;
  /* b) orphans and widows of each cell that goes on */
  for (int i = 0; i < n && !move; i++)
    {
      if (res.rest->cols[i] == MN_RESUME_DONE || ahead[i] < 0)
        continue;
      GArray *b = line_bottoms (cols[i].area);
      int placed = (int) b->len, left = ahead[i] - placed;
      int started = !(in && in->cols && in->cols[i]);
      const mn_style *cs = &cols[i].node->st;
      int keep = left < cs->widows ? placed - (cs->widows - left) : placed;
      if (placed > 0 && started && keep < cs->orphans)
        move = !inner.page_empty;   /* on an empty page it stays as it is (progress rule) */
      else if (placed > 0 && keep > 0 && keep < placed)
        {
          cols[i].bottom = g_array_index (b, int, keep - 1);
          cut = 1;
        }
      g_array_free (b, TRUE);
    }
  if (move)
    {
      mn_resume_free (res.rest);
      res = mn_result_nofit ();
    }
  else if (cut)
    {
      for (int i = 0; i < n; i++)
        mn_area_truncate (cols[i].area, NULL);
      mn_resume_free (res.rest);
      res = mn_flow_layout_columns (L, cols, n, inner, in);
    }
out:
  g_free (ahead);
  return res;
}

/* Lay out one row at room.y into the table area room.area (room.x, room.w: the table's
 * content box); rules 2–4, 6. */
static mn_result
layout_row (mn_layout *L, const mn_fo_node *row, const table_cols *tc, mn_room room,
            const mn_resume *in, int header)
{
  int ncells = row->nchildren;
  if (ncells == 0)
    return mn_result_fit (0);
  mn_column *cols = g_new0 (mn_column, ncells);
  mn_area *ra = mn_area_new (MN_AREA_ROW, room.area, row);
  ra->x = room.x, ra->y = room.y, ra->w = room.w, ra->header = header;
  ra->open_top = in != NULL;
  int top = 0, bot = 0, rule = 0;   /* rule: the bottom border's inner half alone */
  int c = 0, i = 0;
  for (const mn_fo_node *cell = row->first; cell; cell = cell->next, i++)
    {
      const mn_style *st = &cell->st;
      if (cell->column > 0)
        c = cell->column - 1;
      if (c >= tc->n)
        c = tc->n - 1;
      int span = MIN (cell->colspan, tc->n - c);
      int cx = tc->x[c];
      long long spanned = 0;
      for (int k = c; k < c + span; k++)
        spanned += tc->w[k];
      int cwid = mn_clamp_extent (spanned);
      c += span;
      mn_area *ca = mn_area_new (MN_AREA_CELL, ra, cell);
      ca->x = cx, ca->y = room.y, ca->w = cwid, ca->header = header;
      ca->open_top = in != NULL;
      int l = st->border[MN_SIDE_LEFT].width / 2 + st->padding[MN_SIDE_LEFT];
      int r = st->border[MN_SIDE_RIGHT].width / 2 + st->padding[MN_SIDE_RIGHT];
      cols[i] = (mn_column) { cell, mn_clamp_extent ((long long) cx + l),
                              MAX (mn_clamp_extent ((long long) cwid - l - r), MN_PT), ca, 0, 0 };
      /* rule 3: a part continued from the previous page has no top padding */
      top = MAX (top, st->border[MN_SIDE_TOP].width / 2 + (in ? 0 : st->padding[MN_SIDE_TOP]));
      bot = MAX (bot, st->border[MN_SIDE_BOTTOM].width / 2 + st->padding[MN_SIDE_BOTTOM]);
      rule = MAX (rule, st->border[MN_SIDE_BOTTOM].width / 2);
    }
  /* A cell part that goes on to the next page has no bottom padding (rule 3): the cells may
   * reach down to the border; one that ends here needs its padding below it. */
  mn_room inner = room;
  inner.y = mn_clamp_extent ((long long) room.y + top);
  inner.bottom = mn_clamp_extent ((long long) room.bottom - rule);
  mn_result res = mn_flow_layout_columns (L, cols, ncells, inner, in);
  if (!res.error && res.status != MN_NOFIT && bot > rule)
    {
      int recut = 0;
      for (i = 0; i < ncells; i++)
        {
          const mn_resume *co = res.status == MN_SPLIT ? res.rest->cols[i] : MN_RESUME_DONE;
          if (co == MN_RESUME_DONE && inner.y + cols[i].height + bot - rule > inner.bottom)
            {
              cols[i].bottom = inner.bottom - (bot - rule);
              recut = 1;
            }
        }
      if (recut)
        {
          for (i = 0; i < ncells; i++)
            mn_area_truncate (cols[i].area, NULL);
          mn_resume_free (res.rest);
          res = mn_flow_layout_columns (L, cols, ncells, inner, in);
        }
    }
  if (res.error)
    goto out;
  if (res.status == MN_SPLIT && row->st.keep_together && !room.page_empty && !in)
    {
      mn_resume_free (res.rest);
      res = mn_result_nofit ();
    }
  else if (res.status == MN_SPLIT && !header)
    res = settle_split (L, row, cols, ncells, inner, in, res);
  if (res.error)
    {
      mn_area_free (ra);
      goto out;
    }
  if (res.status == MN_NOFIT)
    {
      mn_area_free (ra);
      goto out;
    }
  int content = res.used;
  /* the row's box: below the cells that end here their padding, below the others the rule */
  ra->h = mn_clamp_extent ((long long) top + content + rule);
  for (i = 0; i < ncells; i++)
    {
      const mn_resume *co = res.status == MN_SPLIT ? res.rest->cols[i] : MN_RESUME_DONE;
      if (co == MN_RESUME_DONE)
        ra->h = MAX (ra->h, mn_clamp_extent ((long long) top + cols[i].height + bot));
    }
  for (i = 0; i < ncells; i++)
    {
      mn_area *ca = cols[i].area;
      ca->h = ra->h;
      /* rule 4: only for a cell part that ends here */
      const mn_resume *co = res.status == MN_SPLIT ? res.rest->cols[i] : MN_RESUME_DONE;
      ca->open_bottom = co != MN_RESUME_DONE;
      int slack = content - cols[i].height;
      int align = cols[i].node->st.display_align;
      if (co == MN_RESUME_DONE && slack > 0 && align != MN_DISPLAY_BEFORE)
        {
          int dy = align == MN_DISPLAY_CENTER ? slack / 2 : slack;
          for (mn_area *k = ca->first; k; k = k->next)
            mn_area_shift (k, dy);
        }
    }
  res.used = ra->h;
out:
  g_free (cols);
  return res;
}

mn_result
mn_table_layout (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in)
{
  const mn_style *st = &n->st, *ps = &n->parent->st;
  int dl = st->start_indent - ps->start_indent, dr = st->end_indent - ps->end_indent;
  int y = room.y, bottom = room.bottom;
  int cx = room.x + dl, cw = MAX (room.w - dl - dr, MN_PT);
  /* width: never wider than the room (the table starts at its start edge) */
  int bp = st->padding[MN_SIDE_LEFT] + st->padding[MN_SIDE_RIGHT]
           + st->border[MN_SIDE_LEFT].width + st->border[MN_SIDE_RIGHT].width;
  if (n->width > 0 && n->width - bp < cw)
    cw = MAX (n->width - bp, MN_PT);
  else if (n->width_permille > 0)
    cw = MAX ((int) ((long long) (room.w - dl - dr + bp) * n->width_permille / 1000) - bp, MN_PT);
  int bl = st->border[MN_SIDE_LEFT].width, br = st->border[MN_SIDE_RIGHT].width;
  int bt = st->border[MN_SIDE_TOP].width, bb = st->border[MN_SIDE_BOTTOM].width;
  int fresh = in == NULL;
  table_cols tc;
  tc.n = n->ncols;
  tc.w = g_new0 (int, tc.n);
  tc.x = g_new0 (int, tc.n);
  column_widths (n, cw, tc.n, tc.w);
  long long acc = cx;
  for (int c = 0; c < tc.n; acc += tc.w[c], c++)
    tc.x[c] = mn_clamp_extent (acc);
  mn_result res = mn_result_fit (0);

  mn_area *a = mn_area_new (MN_AREA_TABLE, room.area, n);
  a->x = cx - st->padding[MN_SIDE_LEFT] - bl;
  a->w = cw + st->padding[MN_SIDE_LEFT] + st->padding[MN_SIDE_RIGHT] + bl + br;
  a->y = y;
  a->open_top = !fresh;
  int ycur = mn_clamp_extent ((long long) y + (fresh ? bt + st->padding[MN_SIDE_TOP] : 0));
  /* where rows go: the table's content box, above its bottom padding and border */
  mn_room rroom = { cx, cw, ycur,
                    mn_clamp_extent ((long long) bottom - st->padding[MN_SIDE_BOTTOM] - bb), 0, a };

  /* rule 5: the header, on every page.  It is laid out whole (never split); when it does not
   * fit even on an empty page it is set once, as the first ordinary rows ("demoted").  A
   * break-after in it is not honoured (it would break on every page). */
  const mn_fo_node *header = n->first && n->first->kind == MN_FO_TABLE_HEADER ? n->first : NULL;
  int demoted = in && in->header_as_body;
  int top = ycur, header_h = 0;
  if (header && !demoted && (fresh || !n->omit_header))
    {
      int ok = 1;
      for (const mn_fo_node *row = header->first; row && ok; row = row->next)
        {
          rroom.y = ycur;
          mn_result hr = layout_row (L, row, &tc, rroom, NULL, 1);
          if (hr.error)
            {
              res = hr;
              goto out;
            }
          mn_resume_free (hr.rest);
          if (hr.status != MN_FIT)
            ok = 0;
          else
            ycur = mn_clamp_extent ((long long) ycur + hr.used);
        }
      if (!ok)
        {
          mn_area_truncate (a, NULL);
          ycur = top;
          if (fresh && !room.page_empty)
            {
              /* try the table on the next, empty page */
              mn_area_free (a);
              res = mn_result_nofit ();
              goto out;
            }
          if (fresh)
            {
              mn_warning (L->doc->d, L->doc->file, header->line, _("the table header is taller than the page; it is set once, as ordinary rows (shorten it)"));
              demoted = 1;
            }
        }
      header_h = ycur - top;
    }

  int ri = in ? in->index : 0;
  const mn_fo_node *row = in && in->at ? in->at : first_row (n, header, demoted);
  if (in && !in->at)
    for (int k = 0; row && k < ri; k++)
      row = next_row (row);
  const mn_resume *rin = in ? in->child : NULL;
  int placed = 0;
  for (; row; row = next_row (row), ri++, rin = NULL)
    {
      rroom.y = ycur;
      /* rule 7: the first row on an empty page is laid out as the page's first content,
       * under the repeated header too: its keeps give way, since moving it on would not help */
      int first_on_page = room.page_empty && !placed;
      rroom.page_empty = first_on_page;
      mn_result r = layout_row (L, row, &tc, rroom, rin, 0);
      if (!r.error && first_on_page && header_h > 0
          && (r.status == MN_NOFIT || r.used > rroom.bottom - rroom.y))
        {
          /* not even one line of the row fits under the header (the progress rule made it
           * overflow): the header is dropped on this page, and the row starts it */
          mn_resume_free (r.rest);
          mn_area_truncate (a, NULL);
          ycur = top;
          header_h = 0;
          rroom.y = ycur;
          r = layout_row (L, row, &tc, rroom, rin, 0);
        }
      if (r.error)
        {
          res = r;
          goto out;
        }
      if (r.status == MN_FIT)
        {
          ycur = mn_clamp_extent ((long long) ycur + r.used);
          placed = 1;
          if (!r.break_after)
            continue;
          /* rule 6: a break-after in a cell ends the page after the row */
          const mn_fo_node *after = next_row (row);
          if (after)
            res = mn_result_forced (0, mn_resume_at (mn_resume_table (ri + 1, NULL, demoted), after));
          else
            res.break_after = 1;
          break;
        }
      /* SPLIT or NOFIT: whether at a forced break is passed on (layout.h) */
      if (r.status == MN_SPLIT)
        {
          ycur = mn_clamp_extent ((long long) ycur + r.used);
          res = mn_result_split (0, mn_resume_at (mn_resume_table (ri, r.rest, demoted), row));
          res.forced = r.forced;
          break;
        }
      if (!placed)
        {
          mn_area_free (a);
          res = mn_result_nofit ();
          res.forced = r.forced;
          goto out;
        }
      /* a resumed row always starts an empty page, so it placed something */
      res = mn_result_split (0, mn_resume_at (mn_resume_table (ri, NULL, demoted), row));
      res.forced = r.forced;
      break;
    }
  if (res.status == MN_FIT)
    a->h = mn_clamp_extent ((long long) ycur + st->padding[MN_SIDE_BOTTOM] + bb - y);
  else
    {
      a->h = mn_clamp_extent ((long long) ycur - y);
      a->open_bottom = 1;
    }
  res.used = a->h;

out:
  g_free (tc.w);
  g_free (tc.x);
  return res;
}
