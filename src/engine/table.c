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
 *    border plus the padding.  Every part of a split cell gets its full border.
 * 4. display-align (center/after) moves a cell's content down within the row, for cell
 *    parts that end in that row.
 * 5. Header: the table-header rows are placed at the top of the table on every page it
 *    occupies (unless table-omit-header-at-break="true"), never split.  If no body row fits
 *    under the header and the page was not empty, the whole table part (header included)
 *    moves on: a header is never left alone at a page bottom; on an empty page the header is
 *    dropped there instead, so the row starts the page.  A header that does not fit even an
 *    empty page is set once, as ordinary rows that split like any other (no-progress guard,
 *    Typst's repeated.rs); the resume token remembers it.
 * 6. A row with keep-together moves whole unless it starts the page.  A break-after at the
 *    end of a cell's content ends the page after the row (the row stays whole, as FOP does):
 *    the neighbouring cells are laid out as if it were not there (§7.20.1).
 * 7. Progress rule: the first body row on an empty page (the repeated header does not count)
 *    is laid out with page_empty set, so it always places at least one line.
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
  int top = 0, bot = 0;
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
                              MAX (mn_clamp_extent ((long long) cwid - l - r), MN_PT), ca, 0 };
      top = MAX (top, st->border[MN_SIDE_TOP].width / 2 + st->padding[MN_SIDE_TOP]);
      bot = MAX (bot, st->border[MN_SIDE_BOTTOM].width / 2 + st->padding[MN_SIDE_BOTTOM]);
    }
  mn_room inner = room;
  inner.y = mn_clamp_extent ((long long) room.y + top);
  inner.bottom = mn_clamp_extent ((long long) room.bottom - bot);
  mn_result res = mn_flow_layout_columns (L, cols, ncells, inner, in);
  if (res.error)
    goto out;
  if (res.status == MN_SPLIT && row->st.keep_together && !room.page_empty && !in)
    {
      mn_resume_free (res.rest);
      res = mn_result_nofit ();
    }
  if (res.status == MN_NOFIT)
    {
      mn_area_free (ra);
      goto out;
    }
  int content = res.used;
  ra->h = mn_clamp_extent ((long long) top + content + bot);
  for (i = 0; i < ncells; i++)
    {
      mn_area *ca = cols[i].area;
      ca->h = ra->h;
      /* rule 4: only for a cell part that ends here */
      const mn_resume *co = res.status == MN_SPLIT ? res.rest->cols[i] : MN_RESUME_DONE;
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
      else if (!fresh && ycur - top > (bottom - y) * 2 / 3)
        {
          /* the repeated header would leave almost no room: drop it on this page */
          mn_area_truncate (a, NULL);
          ycur = top;
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
      rroom.page_empty = room.page_empty && !placed && header_h == 0;
      mn_result r = layout_row (L, row, &tc, rroom, rin, 0);
      if (!r.error && r.status == MN_NOFIT && room.page_empty && !placed && header_h > 0)
        {
          /* no body row fits under the header on an empty page: drop the header here, so
           * the row starts the page (progress rule) instead of overflowing below it */
          mn_area_truncate (a, NULL);
          ycur = top;
          header_h = 0;
          rroom.y = ycur;
          rroom.page_empty = 1;
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
            res = mn_result_split (0, mn_resume_at (mn_resume_table (ri + 1, NULL, demoted), after));
          else
            res.break_after = 1;
          break;
        }
      if (r.status == MN_SPLIT)
        {
          ycur = mn_clamp_extent ((long long) ycur + r.used);
          res = mn_result_split (0, mn_resume_at (mn_resume_table (ri, r.rest, demoted), row));
          break;
        }
      /* NOFIT */
      if (!placed)
        {
          mn_area_free (a);
          res = mn_result_nofit ();
          goto out;
        }
      /* a resumed row always starts an empty page, so it placed something */
      res = mn_result_split (0, mn_resume_at (mn_resume_table (ri, NULL, demoted), row));
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
