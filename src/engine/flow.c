/* flow.c: block-level layout — blocks, paragraphs and lists stacked into a region.
 *
 * == Model ==
 * Layout walks the input tree (fotree.h) top-down and appends areas (area.h) to the page
 * being built.  Every layout function has the same shape (layout.h): it gets the room (the
 * horizontal extent of its containing box, the current y, the bottom of the usable room,
 * whether the page is still empty, the area to append to) and a resume token (NULL: start),
 * and answers FIT, SPLIT (with a token for the rest) or NOFIT (nothing placed), with the
 * height used.  "Out of room" is a status, never an error; an error (a character no font
 * has) is the result's error, and every caller stops at once and passes it up.
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
 *    the one with the larger optimum, of equal ones the smaller maximum (§4.3.1 rule 3;
 *    precedence is ignored); the last child's space-after is kept inside its parent, clipped
 *    at the bottom of the room; at a page break it is dropped.  Spaces are laid out at their
 *    optimum; how much the resolved one may grow (its .maximum less its .optimum) is noted on
 *    the first area below it (mn_area.stretch_before), for vertical justification (vjust.c).
 * 3. Borders and padding: drawn around each part of a split block; at the break the
 *    before/after border and padding are left out (conditionality="discard").
 * 4. Paragraphs split between lines.  widows/orphans (default 2): at most the lines that fit
 *    are placed; fewer than `orphans` at the start of a paragraph means none; lines are pulled
 *    to the next page until at least `widows` go there.
 * 5. keep-with-next / keep-with-previous: when a block does not fit at all, the chain of
 *    siblings kept with it moves to the next page too — unless the chain started the page.
 *    A keep on the last block inside a block (at any depth) keeps that block with its next
 *    sibling, and one on the first block inside with its previous (keeps bind areas across
 *    nesting levels).  A block kept with the next goes with at least its first lines, as many
 *    as the next one's own rules place (a paragraph's orphans, a table's header and the
 *    first lines of its first row, table.c rule 6).
 *    keep-together: a block that would split moves whole, unless it starts the page.
 * 6. break-before="page" starts a new page unless the page is still empty; break-after ends
 *    the page after the block; the SPLIT (or the NOFIT of a block starting with such a break)
 *    says result.forced, and every container passes it on (a page ended so is not justified).  On the last child of a container it is the container's
 *    result.break_after, honoured by the next container up that has something after it
 *    (§7.20.1): in a table cell or a list column that is the table after the row, or the list
 *    after the item, never the column beside it.
 * 7. Progress rule: with page_empty set, something is always placed (at least one line, even
 *    if it overflows), so oversized content cannot loop forever (WeasyPrint's page_is_empty,
 *    Typst's may_progress).
 *
 * == Resume tokens ==
 * A container's token names the child to resume and that child's token (WeasyPrint's skip
 * stack); a paragraph's names its first line; a list item or table row keeps one token per
 * column, MN_RESUME_DONE for a finished one (the constructors of layout.h make each shape).
 * Tokens are owned by the caller and freed with mn_resume_free; the input token is never
 * modified.
 *
 * == Lines ==
 * A paragraph's lines become LINE areas that own what they show (area.h: the geometry, the
 * glyph runs when the pass paints, the text when a dump is made, the ids), so the page never
 * refers to the paragraph.  A paragraph split across pages stays in L->paras until its last
 * line's page is finished, and is laid out once however many pages it spans.
 *
 * == Lists ==
 * A list item is two columns side by side: the label, provisional-distance-between-starts
 * minus provisional-label-separation wide, and the body starting at
 * provisional-distance-between-starts (label-end() and body-start() of §7.30.8/§7.30.12,
 * whatever start-/end-indent the label and body say).  Both columns split independently.
 *
 * == Known gaps ==
 * Space resolution only between siblings (not through parent edges; no .precedence), keep
 * strengths are not compared, no block-container positioning or reference-orientation, no
 * floats or footnotes. */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "para.h"
#include "table.h"

/* === finished pages === */

static void
collect_finished (mn_layout *L, const mn_area *a)
{
  if (a->kind == MN_AREA_LINE)
    {
      for (int i = 0; i < a->line->nids; i++)
        mn_layout_note_id (L, a->line->ids[i]);
      /* a->fo is the PARA node */
      if (a->line->last)
        g_hash_table_remove (L->paras, a->fo);
    }
  else if (a->fo && a->kind != MN_AREA_LINK && a->kind != MN_AREA_REGION)
    mn_layout_note_id (L, a->fo->id);
  for (const mn_area *k = a->first; k; k = k->next)
    collect_finished (L, k);
}

void
mn_flow_page_done (mn_layout *L, const mn_area *body)
{
  collect_finished (L, body);
}

/* === paragraphs === */

static char *
cite (void *data, const char *id, int last)
{
  mn_layout *L = data;
  GHashTable *t = last ? L->cite_last : L->cite_first;
  gpointer v = t ? g_hash_table_lookup (t, id) : NULL;
  /* Not known yet (a counting pass): "00" stands in (two digits wide). */
  return v ? g_strdup_printf ("%d", GPOINTER_TO_INT (v)) : g_strdup (t ? "?" : "00");
}

/* The paragraph `n` laid out at width `w` into *out (a reference): the one in progress, or a
 * new one.  Returns 0, or MN_EINVALID (reported). */
static int
get_para (mn_layout *L, const mn_fo_node *n, int w, mn_para **out)
{
  const mn_layout_doc *D = L->doc;
  /* Static content (no paras kept) repeats on every page: what shows no page number or
   * citation is the same text each time, laid out once (L->statics). */
  GHashTable *cache = L->paras ? L->paras : L->statics;
  mn_para *p = cache ? g_hash_table_lookup (cache, n) : NULL;
  *out = NULL;
  if (p && mn_para_width (p) == w)
    {
      *out = mn_para_ref (p);
      return 0;
    }
  /* A line narrower than a quarter of its font size cannot hold text (a half-width digit
   * needs half the size; a narrow number column holds those): the text would be set a
   * character a line, off the page (found by tests/hostile: padding="1000pt",
   * text-indent="5000pt", a 1pt page).  Refuse rather than write an unreadable PDF. */
  int room = MIN (w, w - n->st.text_indent);
  if (room < n->st.font_size / 4)
    {
      mn_error (D->d, D->file, n->line,
                _("there is no room for the text here: the indents, padding and borders leave "
                  "%.1fpt of width for %.1fpt characters; make them smaller, or the page wider"),
                (double) MAX (room, 0) / MN_PT, (double) n->st.font_size / MN_PT);
      return MN_EINVALID;
    }
  mn_para_env env = { D->pctx, D->d, D->file, L->page_number, cite, L };
  int rc = mn_para_new (&p, n, w, &env);
  if (rc != 0)
    return rc;
  if (L->paras)
    g_hash_table_replace (L->paras, (gpointer) n, mn_para_ref (p));
  else if (L->statics && !mn_para_dynamic (p))
    g_hash_table_replace (L->statics, (gpointer) n, mn_para_ref (p));
  *out = p;
  return 0;
}

static mn_result
layout_para (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in)
{
  mn_para *p;
  int rc = get_para (L, n, room.w, &p);
  if (rc != 0)
    return mn_result_error (rc);
  int first = in ? in->index : 0, nl = mn_para_nlines (p);
  int h = 0, k = first;
  while (k < nl && room.y + h + mn_para_line_at (p, k)->height <= room.bottom)
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
          if (!room.page_empty)
            {
              mn_para_unref (p);
              return mn_result_nofit ();
            }
          fit = MAX (1, k - first);  /* progress rule */
        }
      st = fit < nl - first ? MN_SPLIT : MN_FIT;
    }
  int cy = room.y;
  for (int i = first; i < first + fit; i++)
    {
      const mn_para_line *ln = mn_para_line_at (p, i);
      mn_area *a = mn_area_new (MN_AREA_LINE, room.area, n);
      a->x = room.x + ln->box_x;
      a->y = cy;
      a->w = ln->box_w;
      a->h = ln->height;
      a->baseline = cy + ln->baseline;
      a->line = mn_line_new (p, i, L->paint, L->doc->keep_text);
      GArray *links = mn_para_line_links (p, i);
      for (guint l = 0; l < links->len; l++)
        {
          mn_para_link *pl = &g_array_index (links, mn_para_link, l);
          mn_area *la = mn_area_new (MN_AREA_LINK, a, pl->link);
          la->x = room.x + pl->x0;
          la->y = cy;
          la->w = pl->x1 - pl->x0;
          la->h = ln->height;
        }
      g_array_unref (links);
      cy += ln->height;
    }
  /* A finished paragraph stays in L->paras until its page is complete: if a keep or a
   * table row moves it to the next page, it is not laid out again (mn_flow_page_done). */
  mn_para_unref (p);
  return st == MN_SPLIT ? mn_result_split (cy - room.y, mn_resume_line (first + fit))
                        : mn_result_fit (cy - room.y);
}

/* === containers === */

/* Whether block-level `n` is kept with the sibling after it (`next`) or before it (rule 5):
 * its own keep-with-next (keep-with-previous), or that of the last (first) block inside it,
 * at any depth — a keep binds areas, whatever their nesting (XSL-FO 1.1 §4.8), so a heading
 * that ends a container keeps the container with what follows.  Tables and lists keep their
 * own (their rows and items break by their rules). */
static int
kept_with (const mn_fo_node *n, int next)
{
  for (; n; n = next ? n->last : n->first)
    {
      if (next ? n->st.keep_with_next : n->st.keep_with_previous)
        return 1;
      if (n->kind != MN_FO_BLOCK)
        return 0;
    }
  return 0;
}

/* The space between a sibling's space-after (`after`, which may grow by `after_stretch`) and
 * the next one's space-before (`before`, `before_stretch`), §4.3.1 rule 3: the one with the
 * greater optimum; of equal optimums, the smaller maximum.  A space of 0 that may not grow is
 * no space at all (the initial value), so it never takes the other's stretch away.  Its
 * height in *sp, how much it may grow in *stretch. */
static void
resolve_space (int after, int after_stretch, int before, int before_stretch, int *sp, int *stretch)
{
  if (after == 0 && after_stretch == 0)
    *sp = before, *stretch = before_stretch;
  else if (before == 0 && before_stretch == 0)
    *sp = after, *stretch = after_stretch;
  else if (after != before)
    *sp = MAX (after, before), *stretch = after > before ? after_stretch : before_stretch;
  else
    *sp = after, *stretch = MIN (after_stretch, before_stretch);
}

static const mn_fo_node *
nth_child (const mn_fo_node *n, int i)
{
  const mn_fo_node *k = n->first;
  while (k && i-- > 0)
    k = k->next;
  return k;
}

mn_result
mn_flow_layout_children (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in)
{
  int i = in ? in->index : 0;
  const mn_resume *cin = in ? in->child : NULL;
  int ycur = room.y, placed = 0, breaks = 0;
  int pending_after = 0;  /* space-after of the previous sibling, resolved with the next's
                             space-before (§4.3.1, resolve_space) */
  int pending_stretch = 0;  /* how much it may grow (its .maximum less its .optimum) */
  /* the chain of siblings kept together by keep-with-next/-previous (rule 5) */
  int chain_i = -1, chain_y = 0, chain_first = 0, chain_placed_before = 0;
  mn_area *chain_mark = NULL;
  const mn_fo_node *chain_k = NULL;

  /* the token names its child: no walk from the first (a flow of 50,000 blocks, page 1,000) */
  const mn_fo_node *k = in && in->at && in->at->parent == n ? in->at : nth_child (n, i);
  for (; k; k = k->next, i++, cin = NULL)
    {
      int empty = room.page_empty && !placed;
      int sp = 0, sp_stretch = 0;
      if (!cin)
        {
          if (k->st.break_before == MN_BREAK_PAGE && !empty)
            return mn_result_forced (ycur - room.y,
                                     placed ? mn_resume_at (mn_resume_child (i, NULL), k) : NULL);
          if (!empty)
            resolve_space (pending_after, pending_stretch, k->st.space_before,
                           k->st.space_before_stretch, &sp, &sp_stretch);
        }
      mn_area *mark = room.area->last;
      int y_before = ycur;
      mn_room kroom = room;
      kroom.y = mn_clamp_extent ((long long) ycur + sp);
      kroom.page_empty = empty;
      mn_result r = mn_flow_layout_node (L, k, kroom, cin);
      if (r.error)
        return r;
      if (r.status == MN_NOFIT && empty)
        r = mn_result_fit (0);  /* should not happen (progress rule); never loop */
      /* the space above the child's first area may grow when the page is justified */
      mn_area *first = mark ? mark->next : room.area->first;
      if (r.status != MN_NOFIT && first)
        first->stretch_before = sp_stretch;
      if (r.status == MN_FIT)
        {
          ycur = mn_clamp_extent ((long long) ycur + sp + r.used);
          pending_after = k->st.space_after;
          pending_stretch = k->st.space_after_stretch;
          int keep = kept_with (k, 1) || (k->next && kept_with (k->next, 0));
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
          if (k->st.break_after == MN_BREAK_PAGE || r.break_after)
            {
              /* rule 6; the space-after is discarded at the break */
              if (k->next)
                return mn_result_forced (ycur - room.y, mn_resume_at (mn_resume_child (i + 1, NULL), k->next));
              breaks = 1;
            }
          continue;
        }
      /* a SPLIT or NOFIT passed on says whether it was a forced break (layout.h) */
      mn_result out;
      if (r.status == MN_SPLIT)
        out = mn_result_split (mn_clamp_extent ((long long) ycur + sp + r.used - room.y),
                               mn_resume_at (mn_resume_child (i, r.rest), k));
      else if (chain_i >= 0 && !chain_first)
        {
          /* NOFIT: the chain of kept siblings before it moves on with it */
          mn_area_truncate (room.area, chain_mark);
          out = chain_placed_before
                ? mn_result_split (chain_y - room.y, mn_resume_at (mn_resume_child (chain_i, NULL), chain_k))
                : mn_result_nofit ();
        }
      else
        out = placed ? mn_result_split (ycur - room.y, mn_resume_at (mn_resume_child (i, mn_resume_copy (cin)), k))
                     : mn_result_nofit ();
      out.forced = r.forced;
      return out;
    }
  /* the last child's space-after, clipped at the bottom of the room */
  if (pending_after)
    ycur = (int) MIN ((long long) ycur + pending_after, MAX (room.bottom, ycur));
  mn_result res = mn_result_fit (mn_clamp_extent ((long long) ycur - room.y));
  res.break_after = breaks;
  return res;
}

mn_result
mn_flow_layout_columns (mn_layout *L, mn_column *cols, int n, mn_room room, const mn_resume *in)
{
  mn_result *rs = g_new0 (mn_result, n);
  mn_result res = mn_result_fit (0);
  int all_fit = 1, nofit = 0;
  int forced = 1;  /* every column that did not fit stopped at a forced break */
  for (int c = 0; c < n; c++)
    {
      const mn_resume *cin = in && in->cols ? in->cols[c] : NULL;
      cols[c].height = 0;
      if (cin == MN_RESUME_DONE)
        {
          rs[c] = mn_result_fit (0);
          continue;
        }
      mn_room croom = room;
      croom.x = cols[c].x;
      croom.w = cols[c].w;
      croom.area = cols[c].area;
      if (cols[c].bottom && cols[c].bottom < croom.bottom)
        croom.bottom = cols[c].bottom;
      rs[c] = mn_flow_layout_children (L, cols[c].node, croom, cin);
      if (rs[c].error)
        {
          res = rs[c];
          goto out;
        }
      cols[c].height = rs[c].used;
      res.used = MAX (res.used, rs[c].used);
      if (rs[c].status != MN_FIT)
        all_fit = 0;
      if (rs[c].status != MN_FIT && !rs[c].forced)
        forced = 0;
      if (rs[c].status == MN_NOFIT)
        nofit = 1;
      if (rs[c].status == MN_FIT && rs[c].break_after)
        res.break_after = 1;
    }
  if (all_fit)
    goto out;
  if (nofit && !room.page_empty)
    {
      res = mn_result_nofit ();
      res.forced = forced;
      goto out;
    }
  mn_resume **toks = g_new0 (mn_resume *, n);
  for (int c = 0; c < n; c++)
    {
      const mn_resume *cin = in && in->cols ? in->cols[c] : NULL;
      toks[c] = rs[c].status == MN_FIT ? MN_RESUME_DONE
                : rs[c].status == MN_SPLIT ? rs[c].rest : mn_resume_copy (cin);
      rs[c].rest = NULL;
    }
  res = mn_result_split (res.used, mn_resume_columns (n, toks));
  res.forced = forced;
  g_free (toks);
out:
  for (int c = 0; c < n; c++)
    mn_resume_free (rs[c].rest);
  g_free (rs);
  return res;
}

/* A list item's label and body as two columns (see the list section above). */
static mn_result
layout_list_item (mn_layout *L, const mn_fo_node *item, mn_room room, const mn_resume *in)
{
  const mn_fo_node *label = item->first, *body = label ? label->next : NULL;
  if (!label || !body)
    return mn_result_fit (0);
  int cx = room.x, cw = room.w;
  int pdbs = item->st.pdbs, pls = item->st.pls;
  if (pdbs > cw)
    pdbs = cw / 2;
  mn_area *la = mn_area_new (MN_AREA_LIST_LABEL, room.area, label);
  mn_area *ba = mn_area_new (MN_AREA_LIST_BODY, room.area, body);
  mn_column cols[2] = {
    { label, cx, MAX (pdbs - pls, MN_PT), la, 0, 0 },
    { body, cx + pdbs, MAX (cw - pdbs, MN_PT), ba, 0, 0 },
  };
  for (int c = 0; c < 2; c++)
    {
      cols[c].area->x = cols[c].x;
      cols[c].area->w = cols[c].w;
      cols[c].area->y = room.y;
      cols[c].area->open_top = in != NULL;
    }
  mn_result r = mn_flow_layout_columns (L, cols, 2, room, in);
  if (r.error || r.status == MN_NOFIT)
    {
      mn_area_free (la);
      mn_area_free (ba);
      return r;
    }
  la->h = cols[0].height;
  ba->h = cols[1].height;
  return r;
}

static mn_area_kind
block_area_kind (mn_fo_kind k)
{
  return k == MN_FO_LIST_ITEM ? MN_AREA_LIST_ITEM : MN_AREA_BLOCK;
}

/* A block (or list-block, list-item): borders, padding, background around its children. */
static mn_result
layout_block (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in)
{
  const mn_style *st = &n->st, *ps = &n->parent->st;
  long long dl = (long long) st->start_indent - ps->start_indent;
  long long dr = (long long) st->end_indent - ps->end_indent;
  int cx = mn_clamp_extent (room.x + dl), cw = mn_clamp_extent (room.w - dl - dr);
  if (cw < MN_PT)
    cw = MN_PT;
  int bl = st->border[MN_SIDE_LEFT].width, br = st->border[MN_SIDE_RIGHT].width;
  int bt = st->border[MN_SIDE_TOP].width, bb = st->border[MN_SIDE_BOTTOM].width;
  int fresh = in == NULL;
  int top = fresh ? bt + st->padding[MN_SIDE_TOP] : 0;
  int reserve = st->padding[MN_SIDE_BOTTOM] + bb;
  mn_area *a = mn_area_new (block_area_kind (n->kind), room.area, n);
  a->x = cx - st->padding[MN_SIDE_LEFT] - bl;
  a->w = cw + st->padding[MN_SIDE_LEFT] + st->padding[MN_SIDE_RIGHT] + bl + br;
  a->y = room.y;
  a->open_top = !fresh;
  /* sums that nesting makes grow are clamped (fotree.h, MN_MAX_EXTENT) */
  mn_room inner = { cx, cw, mn_clamp_extent ((long long) room.y + top),
                    mn_clamp_extent ((long long) room.bottom - reserve), room.page_empty, a };
  const mn_resume *cin = in ? in->child : NULL;
  mn_result r = n->kind == MN_FO_LIST_ITEM ? layout_list_item (L, n, inner, cin)
                                           : mn_flow_layout_children (L, n, inner, cin);
  if (r.error)
    return r;
  if (r.status == MN_FIT && !room.page_empty && (long long) room.y + top + r.used + reserve > room.bottom
      && n->first == NULL)
    r = mn_result_nofit ();
  if (r.status == MN_SPLIT && st->keep_together && !room.page_empty && fresh)
    {
      mn_resume_free (r.rest);
      r = mn_result_nofit ();
    }
  if (r.status == MN_NOFIT)
    {
      mn_area_free (a);
      return r;
    }
  if (r.status == MN_FIT)
    {
      a->h = mn_clamp_extent ((long long) top + r.used + reserve);
      r.used = a->h;
      return r;
    }
  a->h = mn_clamp_extent ((long long) top + r.used);
  a->open_bottom = 1;
  mn_result split = mn_result_split (a->h, mn_resume_child (0, r.rest));
  split.forced = r.forced;
  return split;
}

mn_result
mn_flow_layout_node (mn_layout *L, const mn_fo_node *n, mn_room room, const mn_resume *in)
{
  switch (n->kind)
    {
    case MN_FO_PARA:
      return layout_para (L, n, room, in);
    case MN_FO_TABLE:
      return mn_table_layout (L, n, room, in);
    case MN_FO_BLOCK:
    case MN_FO_LIST:
    case MN_FO_LIST_ITEM:
      return layout_block (L, n, room, in);
    default:
      return mn_flow_layout_children (L, n, room, in);
    }
}
