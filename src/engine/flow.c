/* flow.c: block-level layout — blocks, paragraphs and lists stacked into a region.
 *
 * == Model ==
 * Layout walks the input tree (fotree.h) top-down and appends areas (area.h) to the page
 * being built.  Every layout function has the same shape (flow.h): it gets the horizontal
 * extent of its containing box, the current y and the bottom of the usable room, a resume
 * token (NULL: start) and `page_empty`, and answers FIT, SPLIT (with a token for the rest) or
 * NOFIT (nothing placed).  "Out of room" is a status, never an error.
 *
 * == Units ==
 * Pango units (1/1024 pt), integers, absolute page coordinates.
 *
 * == Rules (XSL-FO 1.1 §4.2–4.4, §6.5.2, §7.20) ==
 * 1. Indents: a block's content box is its container's, moved in by the difference of the
 *    start-indent/end-indent (which fotree.c computed from margins, borders and padding,
 *    §5.3.2).  Table cells and list columns are reference areas: indents restart at 0.
 * 2. Space: space-before is dropped at the top of a page (conditionality="discard");
 *    between siblings, the space-after of one and the space-before of the next resolve to
 *    the larger (§4.3.1, all of precedence "force" ignored); the last child's space-after is
 *    kept inside its parent, clipped at the bottom of the room; at a page break it is dropped.
 * 3. Borders and padding: drawn around each part of a split block; at the break the
 *    before/after border and padding are left out (conditionality="discard").
 * 4. Paragraphs split between lines.  widows/orphans (default 2): at most the lines that fit
 *    are placed; fewer than `orphans` at the start of a paragraph means none; lines are pulled
 *    to the next page until at least `widows` go there.
 * 5. keep-with-next / keep-with-previous: when a block does not fit at all, the chain of
 *    siblings kept with it moves to the next page too — unless the chain started the page.
 *    keep-together: a block that would split moves whole, unless it starts the page.
 *    Keeps act between siblings only (known gap: not across nesting levels).
 * 6. break-before="page" starts a new page unless the page is still empty; break-after ends
 *    the page after the block (on the last child it is passed up to the ancestors).
 * 7. Progress rule: with page_empty set, something is always placed (at least one line, even
 *    if it overflows), so oversized content cannot loop forever (WeasyPrint's page_is_empty,
 *    Typst's may_progress).
 *
 * == Resume tokens ==
 * A container's token names the child to resume and that child's token (WeasyPrint's skip
 * stack); a paragraph's names its first line; a list item or table row keeps one token per
 * column, MN_RESUME_DONE for a finished one.  Tokens are owned by the caller and freed with
 * mn_resume_free; the input token is never modified.
 *
 * == Lists ==
 * A list item is two columns side by side: the label, provisional-distance-between-starts
 * minus provisional-label-separation wide, and the body starting at
 * provisional-distance-between-starts (label-end() and body-start() of §7.30.8/§7.30.12,
 * whatever start-/end-indent the label and body say).  Both columns split independently.
 *
 * == Known gaps ==
 * Space resolution only between siblings (not through parent edges; no .precedence), no
 * keeps across levels,
 * no block-container positioning or reference-orientation, no floats or footnotes. */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "table.h"

mn_resume mn_resume_done;

static mn_resume *
resume_new (int index, mn_resume *child)
{
  mn_resume *r = g_new0 (mn_resume, 1);
  r->index = index;
  r->child = child;
  return r;
}

/* A container's token: continue at child `k` (number `index`), from `child`. */
static mn_resume *
resume_at (int index, const mn_fo_node *k, mn_resume *child)
{
  mn_resume *r = resume_new (index, child);
  r->at = k;
  return r;
}

static mn_resume *
resume_copy (const mn_resume *r)
{
  if (!r || r == MN_RESUME_DONE)
    return (mn_resume *) r;
  mn_resume *c = resume_at (r->index, r->at, resume_copy (r->child));
  c->flags = r->flags;
  if (r->cols)
    {
      c->ncols = r->ncols;
      c->cols = g_new0 (mn_resume *, r->ncols);
      for (int i = 0; i < r->ncols; i++)
        c->cols[i] = resume_copy (r->cols[i]);
    }
  return c;
}

void
mn_resume_free (mn_resume *r)
{
  if (!r || r == MN_RESUME_DONE)
    return;
  mn_resume_free (r->child);
  for (int i = 0; i < r->ncols; i++)
    mn_resume_free (r->cols[i]);
  g_free (r->cols);
  g_free (r);
}

void
mn_flow_note_id (mn_layout *L, const char *id)
{
  if (!id)
    return;
  if (!g_hash_table_contains (L->first_page, id))
    g_hash_table_insert (L->first_page, (gpointer) id, GINT_TO_POINTER (L->page_number));
  g_hash_table_insert (L->last_page, (gpointer) id, GINT_TO_POINTER (L->page_number));
}

static void
note_id_cb (void *data, const char *id)
{
  mn_flow_note_id (data, id);
}

static void
collect_finished (mn_layout *L, const mn_area *a, GPtrArray *done)
{
  if (a->kind == MN_AREA_LINE && a->line_index == mn_para_nlines (a->para) - 1)
    g_ptr_array_add (done, a->para);
  for (const mn_area *k = a->first; k; k = k->next)
    collect_finished (L, k, done);
}

void
mn_flow_page_done (mn_layout *L, const mn_area *body)
{
  GPtrArray *done = g_ptr_array_new ();
  collect_finished (L, body, done);
  for (guint i = 0; i < done->len; i++)
    {
      mn_para *p = g_ptr_array_index (done, i);
      const mn_fo_node *n = mn_para_node (p);
      if (g_hash_table_lookup (L->paras, n) != p)
        continue;
      if (L->carry_out && L->carry_budget > 0 && !mn_para_dynamic (p))
        {
          g_hash_table_replace (L->carry_out, (gpointer) n, mn_para_ref (p));
          L->carry_budget--;
        }
      g_hash_table_remove (L->paras, n);
    }
  g_ptr_array_free (done, TRUE);
}

void
mn_flow_note_page_ids (mn_layout *L, const mn_area *a)
{
  if (a->kind == MN_AREA_LINE)
    mn_para_line_ids (a->para, a->line_index, note_id_cb, L);
  else if (a->fo && a->kind != MN_AREA_LINK && a->kind != MN_AREA_REGION)
    mn_flow_note_id (L, a->fo->id);
  for (const mn_area *k = a->first; k; k = k->next)
    mn_flow_note_page_ids (L, k);
}

/* === paragraphs === */

static char *
cite (void *data, const char *id, int last)
{
  mn_layout *L = data;
  GHashTable *t = last ? L->prev_last : L->prev_first;
  gpointer v = t ? g_hash_table_lookup (t, id) : NULL;
  /* First pass: the number is not known yet; "00" stands in (two digits wide). */
  return v ? g_strdup_printf ("%d", GPOINTER_TO_INT (v)) : g_strdup (t ? "?" : "00");
}

static mn_para *
get_para (mn_layout *L, const mn_fo_node *n, int w)
{
  mn_para *p = L->in_static ? NULL : g_hash_table_lookup (L->paras, n);
  if (p && mn_para_width (p) == w)
    return mn_para_ref (p);
  /* A line narrower than a quarter of its font size cannot hold text (a half-width digit
   * needs half the size; a narrow number column holds those): the text would be set a
   * character a line, off the page (found by tests/hostile: padding="1000pt",
   * text-indent="5000pt", a 1pt page).  Refuse rather than write an unreadable PDF. */
  int room = MIN (w, w - n->st.text_indent);
  if (room < n->st.font_size / 4)
    {
      mn_error (L->d, L->file, n->line,
                _("there is no room for the text here: the indents, padding and borders leave "
                  "%.1fpt of width for %.1fpt characters; make them smaller, or the page wider"),
                (double) MAX (room, 0) / MN_PT, (double) n->st.font_size / MN_PT);
      L->failed = 1;
      return NULL;
    }
  mn_para_env env = { L->pctx, L->d, L->file, L->page_number, cite, L };
  /* laid out by the counting pass at the same width: take it over, reporting what that
   * quiet pass did not */
  p = !L->in_static && L->carry_in ? g_hash_table_lookup (L->carry_in, n) : NULL;
  if (p && mn_para_width (p) == w)
    {
      mn_para_ref (p);
      g_hash_table_remove (L->carry_in, n);
      if (mn_para_check (p, &env) != 0)
        {
          L->failed = 1;
          mn_para_unref (p);
          return NULL;
        }
      g_hash_table_replace (L->paras, (gpointer) n, mn_para_ref (p));
      return p;
    }
  if (mn_para_new (&p, n, w, &env) != 0)
    {
      L->failed = 1;
      return NULL;
    }
  if (!L->in_static)
    g_hash_table_replace (L->paras, (gpointer) n, mn_para_ref (p));
  return p;
}

static mn_status
layout_para (mn_layout *L, const mn_fo_node *n, int x, int w, int y, int bottom,
             const mn_resume *in, int page_empty, mn_area *parent, mn_resume **out, int *used)
{
  mn_para *p = get_para (L, n, w);
  *used = 0;
  if (!p)
    return MN_FIT;
  int first = in ? in->index : 0, nl = mn_para_nlines (p);
  int h = 0, k = first;
  while (k < nl && y + h + mn_para_line_at (p, k)->height <= bottom)
    h += mn_para_line_at (p, k++)->height;
  int fit = k - first;
  mn_status st = MN_FIT;
  if (fit < nl - first)
    {
      int widows = n->st.widows, orphans = n->st.orphans;
      if (nl - first - fit < widows)
        fit = nl - first - widows;
      if (first == 0 && fit < orphans)
        fit = 0;
      if (fit <= 0)
        {
          if (!page_empty)
            {
              mn_para_unref (p);
              return MN_NOFIT;
            }
          fit = MAX (1, k - first);  /* progress rule */
        }
      st = fit < nl - first ? MN_SPLIT : MN_FIT;
    }
  int cy = y;
  for (int i = first; i < first + fit; i++)
    {
      const mn_para_line *ln = mn_para_line_at (p, i);
      mn_area *a = mn_area_new (MN_AREA_LINE, parent, n);
      a->x = x + ln->box_x;
      a->y = cy;
      a->w = ln->box_w;
      a->h = ln->height;
      a->baseline = cy + ln->baseline;
      a->para = mn_para_ref (p);
      a->line_index = i;
      GArray *links = mn_para_line_links (p, i);
      for (guint l = 0; l < links->len; l++)
        {
          mn_para_link *pl = &g_array_index (links, mn_para_link, l);
          mn_area *la = mn_area_new (MN_AREA_LINK, a, pl->link);
          la->x = x + pl->x0;
          la->y = cy;
          la->w = pl->x1 - pl->x0;
          la->h = ln->height;
        }
      g_array_unref (links);
      cy += ln->height;
    }
  *used = cy - y;
  if (st == MN_SPLIT)
    *out = resume_new (first + fit, NULL);
  /* A finished paragraph stays in L->paras until its page is complete: if a keep or a
   * table row moves it to the next page, it is not laid out again (mn_flow_page_done). */
  mn_para_unref (p);
  return st;
}

/* === containers === */

static const mn_fo_node *
nth_child (const mn_fo_node *n, int i)
{
  const mn_fo_node *k = n->first;
  while (k && i-- > 0)
    k = k->next;
  return k;
}

mn_status
mn_flow_layout_children (mn_layout *L, const mn_fo_node *n, int x, int w, int y, int bottom,
                         const mn_resume *in, int page_empty, mn_area *parent,
                         mn_resume **out, int *used)
{
  int i = in ? in->index : 0;
  const mn_resume *cin = in ? in->child : NULL;
  int ycur = y, placed = 0;
  int pending_after = 0;  /* space-after of the previous sibling, resolved with the next's
                             space-before as the larger of the two (§4.3.1) */
  /* the chain of siblings kept together by keep-with-next/-previous (rule 5) */
  int chain_i = -1, chain_y = 0, chain_first = 0, chain_placed_before = 0;
  mn_area *chain_mark = NULL;
  const mn_fo_node *chain_k = NULL;

  *used = 0;
  const mn_fo_node *k = in && in->at && in->at->parent == n ? in->at : nth_child (n, i);
  for (; k && !L->failed; k = k->next, i++, cin = NULL)
    {
      int empty = page_empty && !placed;
      int sp = 0;
      if (!cin)
        {
          if (k->st.break_before == MN_BREAK_PAGE && !empty)
            {
              *used = ycur - y;
              if (!placed)
                return MN_NOFIT;
              *out = resume_at (i, k, NULL);
              return MN_SPLIT;
            }
          sp = empty ? 0 : MAX (k->st.space_before, pending_after);
        }
      mn_area *mark = parent->last;
      int y_before = ycur;
      mn_resume *kout = NULL;
      int kused = 0;
      mn_status s = mn_flow_layout_node (L, k, x, w, ycur + sp, bottom, cin, empty, parent,
                                         &kout, &kused);
      if (s == MN_NOFIT && empty)
        {
          /* should not happen (progress rule); never loop */
          s = MN_FIT;
          kused = 0;
        }
      if (s == MN_FIT)
        {
          ycur = mn_clamp_extent ((long long) ycur + sp + kused);
          pending_after = k->st.space_after;
          int keep = k->st.keep_with_next || (k->next && k->next->st.keep_with_previous);
          if (keep && chain_i < 0)
            {
              chain_i = i;
              chain_k = k;
              chain_mark = mark;
              chain_y = y_before;
              chain_first = empty;
              chain_placed_before = placed;
            }
          else if (!keep)
            chain_i = -1;
          placed = 1;
          if (k->st.break_after == MN_BREAK_PAGE || L->pending_break)
            {
              if (k->next)
                {
                  L->pending_break = 0;
                  *out = resume_at (i + 1, k->next, NULL);
                  *used = ycur - y;  /* the space-after is discarded at the break */
                  return MN_SPLIT;
                }
              L->pending_break = 1;
            }
          continue;
        }
      if (s == MN_SPLIT)
        {
          *out = resume_at (i, k, kout);
          *used = mn_clamp_extent ((long long) ycur + sp + kused - y);
          return MN_SPLIT;
        }
      /* NOFIT */
      if (chain_i >= 0 && !chain_first)
        {
          mn_area_truncate (parent, chain_mark);
          *used = chain_y - y;
          if (!chain_placed_before)
            return MN_NOFIT;
          *out = resume_at (chain_i, chain_k, NULL);
          return MN_SPLIT;
        }
      *used = ycur - y;
      if (!placed)
        return MN_NOFIT;
      *out = resume_at (i, k, resume_copy (cin));
      return MN_SPLIT;
    }
  /* the last child's space-after, clipped at the bottom of the room */
  if (pending_after)
    ycur = (int) MIN ((long long) ycur + pending_after, MAX (bottom, ycur));
  *used = mn_clamp_extent ((long long) ycur - y);
  return MN_FIT;
}

mn_status
mn_flow_layout_columns (mn_layout *L, int n, const mn_fo_node *const *nodes, const int *xs,
                        const int *ws, int y, int bottom, const mn_resume *in, int page_empty,
                        mn_area *const *areas, mn_resume **out, int *heights)
{
  mn_status *st = g_new0 (mn_status, n);
  mn_resume **couts = g_new0 (mn_resume *, n);
  int all_fit = 1, nofit = 0;
  for (int c = 0; c < n; c++)
    {
      const mn_resume *cin = in && in->cols ? in->cols[c] : NULL;
      heights[c] = 0;
      if (cin == MN_RESUME_DONE)
        {
          st[c] = MN_FIT;
          continue;
        }
      st[c] = mn_flow_layout_children (L, nodes[c], xs[c], ws[c], y, bottom, cin, page_empty,
                                       areas[c], &couts[c], &heights[c]);
      if (st[c] != MN_FIT)
        all_fit = 0;
      if (st[c] == MN_NOFIT)
        nofit = 1;
    }
  mn_status res;
  if (all_fit)
    res = MN_FIT;
  else if (nofit && !page_empty)
    {
      res = MN_NOFIT;
      for (int c = 0; c < n; c++)
        mn_resume_free (couts[c]);
    }
  else
    {
      res = MN_SPLIT;
      mn_resume *r = resume_new (0, NULL);
      r->ncols = n;
      r->cols = g_new0 (mn_resume *, n);
      for (int c = 0; c < n; c++)
        {
          const mn_resume *cin = in && in->cols ? in->cols[c] : NULL;
          r->cols[c] = st[c] == MN_FIT ? MN_RESUME_DONE
                       : st[c] == MN_SPLIT ? couts[c] : resume_copy (cin);
        }
      *out = r;
    }
  g_free (st);
  g_free (couts);
  return res;
}

/* A list item's label and body as two columns (see the list section above). */
static mn_status
layout_list_item (mn_layout *L, const mn_fo_node *item, int cx, int cw, int y, int bottom,
                  const mn_resume *in, int page_empty, mn_area *a, mn_resume **out, int *used)
{
  const mn_fo_node *label = item->first, *body = label ? label->next : NULL;
  *used = 0;
  if (!label || !body)
    return MN_FIT;
  int pdbs = item->st.pdbs, pls = item->st.pls;
  if (pdbs > cw)
    pdbs = cw / 2;
  const mn_fo_node *nodes[2] = { label, body };
  int xs[2] = { cx, cx + pdbs };
  int ws[2] = { MAX (pdbs - pls, MN_PT), MAX (cw - pdbs, MN_PT) };
  mn_area *la = mn_area_new (MN_AREA_LIST_LABEL, a, label);
  mn_area *ba = mn_area_new (MN_AREA_LIST_BODY, a, body);
  mn_area *areas[2] = { la, ba };
  int heights[2];
  la->x = xs[0], la->w = ws[0], la->y = y;
  ba->x = xs[1], ba->w = ws[1], ba->y = y;
  mn_status s = mn_flow_layout_columns (L, 2, nodes, xs, ws, y, bottom, in, page_empty, areas,
                                        out, heights);
  if (s == MN_NOFIT)
    {
      mn_area_free (la);
      mn_area_free (ba);
      return s;
    }
  la->h = heights[0];
  ba->h = heights[1];
  *used = MAX (heights[0], heights[1]);
  return s;
}

static mn_area_kind
block_area_kind (mn_fo_kind k)
{
  return k == MN_FO_LIST_ITEM ? MN_AREA_LIST_ITEM : MN_AREA_BLOCK;
}

/* A block (or list-block, list-item): borders, padding, background around its children. */
static mn_status
layout_block (mn_layout *L, const mn_fo_node *n, int x, int w, int y, int bottom,
              const mn_resume *in, int page_empty, mn_area *parent, mn_resume **out, int *used)
{
  const mn_style *st = &n->st, *ps = &n->parent->st;
  long long dl = (long long) st->start_indent - ps->start_indent;
  long long dr = (long long) st->end_indent - ps->end_indent;
  int cx = mn_clamp_extent (x + dl), cw = mn_clamp_extent (w - dl - dr);
  if (cw < MN_PT)
    cw = MN_PT;
  int bl = st->border[MN_SIDE_LEFT].width, br = st->border[MN_SIDE_RIGHT].width;
  int bt = st->border[MN_SIDE_TOP].width, bb = st->border[MN_SIDE_BOTTOM].width;
  int fresh = in == NULL;
  int top = fresh ? bt + st->padding[MN_SIDE_TOP] : 0;
  int reserve = st->padding[MN_SIDE_BOTTOM] + bb;
  y = mn_clamp_extent (y);
  mn_area *a = mn_area_new (block_area_kind (n->kind), parent, n);
  a->x = cx - st->padding[MN_SIDE_LEFT] - bl;
  a->w = cw + st->padding[MN_SIDE_LEFT] + st->padding[MN_SIDE_RIGHT] + bl + br;
  a->y = y;
  a->open_top = !fresh;
  mn_resume *cout = NULL;
  int cused = 0;
  mn_status s;
  int inner_top = mn_clamp_extent ((long long) y + top);
  int inner_bottom = mn_clamp_extent ((long long) bottom - reserve);
  if (n->kind == MN_FO_LIST_ITEM)
    s = layout_list_item (L, n, cx, cw, inner_top, inner_bottom, in ? in->child : NULL,
                          page_empty, a, &cout, &cused);
  else
    s = mn_flow_layout_children (L, n, cx, cw, inner_top, inner_bottom, in ? in->child : NULL,
                                 page_empty, a, &cout, &cused);
  *used = 0;
  if (s == MN_FIT && !page_empty && (long long) y + top + cused + reserve > bottom && n->first == NULL)
    s = MN_NOFIT;
  if (s == MN_SPLIT && st->keep_together && !page_empty && fresh)
    {
      mn_resume_free (cout);
      s = MN_NOFIT;
    }
  if (s == MN_NOFIT)
    {
      mn_area_free (a);
      return MN_NOFIT;
    }
  if (s == MN_FIT)
    {
      a->h = mn_clamp_extent ((long long) top + cused + reserve);
      *used = a->h;
      return MN_FIT;
    }
  a->h = mn_clamp_extent ((long long) top + cused);
  a->open_bottom = 1;
  *out = resume_new (0, cout);
  *used = a->h;
  return MN_SPLIT;
}

mn_status
mn_flow_layout_node (mn_layout *L, const mn_fo_node *n, int x, int w, int y, int bottom,
                     const mn_resume *in, int page_empty, mn_area *parent, mn_resume **out,
                     int *used)
{
  switch (n->kind)
    {
    case MN_FO_PARA:
      return layout_para (L, n, x, w, y, bottom, in, page_empty, parent, out, used);
    case MN_FO_TABLE:
      return mn_table_layout (L, n, x, w, y, bottom, in, page_empty, parent, out, used);
    case MN_FO_BLOCK:
    case MN_FO_LIST:
    case MN_FO_LIST_ITEM:
      return layout_block (L, n, x, w, y, bottom, in, page_empty, parent, out, used);
    default:
      return mn_flow_layout_children (L, n, x, w, y, bottom, in, page_empty, parent, out, used);
    }
}
