/* page.c: the page loop — choose a master, lay the flow into the body region, set the static
 * content (headers, footers) with this page's number, hand the page on, free it.
 *
 * Region geometry (XSL-FO 1.1 §6.4.13–6.4.14, §7.27): the page's content rectangle is the
 * page minus the simple-page-master's margins; region-body is that minus its own margins;
 * region-before/after span the content rectangle's full width at its top/bottom with their
 * extent; region-start/end its full height at its left/right (precedence is not applied).
 * Static content is set on every page, never split: what does not fit its region is cut with a
 * warning.  Its paragraphs are laid out once per distinct text: one that shows no page number
 * or citation is laid out on the first page and reused (flow.c, mn_layout.statics); one that
 * does is laid out for each page.  A page the flow continues from (not the sequence's last, not
 * ended by a forced break) is filled to the bottom of its body when the sequence asks for it
 * (mx:vertical-justify, vjust.c). */
#include "page.h"

#include <string.h>

#include "base/i18n.h"
#include "flow.h"
#include "vjust.h"

/* The most pages one document may have.  Pages are written as they are made (memory stays
 * flat), but time does not: some 1.5 ms a page, so 100,000 pages took minutes.  The seed
 * session is 10 pages and a 5,000-row Q&A table 90 (docs/hardening.md). */
#define MAX_PAGES 10000

/* §6.4.8–6.4.11: the master for page `index` (0-based in its sequence) numbered `number`. */
static const mn_fo_master *
choose_master (const mn_fo_doc *doc, const mn_fo_seq *seq, int index, int number)
{
  const mn_fo_master *m = mn_fo_doc_lookup_master (doc, seq->master_ref);
  if (m)
    return m;
  const mn_fo_seq_master *sm = mn_fo_doc_lookup_seq_master (doc, seq->master_ref);
  const mn_fo_master *last = NULL;
  int start = 0;
  for (guint r = 0; sm && r < sm->refs->len; r++)
    {
      const mn_fo_master_ref *ref = &g_array_index (sm->refs, mn_fo_master_ref, r);
      int count = ref->max_repeats < 0 ? G_MAXINT / 2 : ref->max_repeats;
      if (ref->kind != MN_MASTER_REF_ALTERNATIVES)
        last = mn_fo_doc_lookup_master (doc, ref->master);
      if (index >= start + count)
        {
          start += count;
          continue;
        }
      if (ref->kind != MN_MASTER_REF_ALTERNATIVES)
        return last;
      for (guint k = 0; k < ref->conds->len; k++)
        {
          const mn_fo_cond *c = &g_array_index (ref->conds, mn_fo_cond, k);
          if (c->position == MN_POSITION_NEVER || (c->position == MN_POSITION_FIRST && index != 0)
              || (c->position == MN_POSITION_REST && index == 0))
            continue;
          if ((c->odd_even == MN_ODD_EVEN_ODD && number % 2 == 0)
              || (c->odd_even == MN_ODD_EVEN_EVEN && number % 2 == 1))
            continue;
          return mn_fo_doc_lookup_master (doc, c->master);
        }
      return NULL;
    }
  /* the sequence master is exhausted: keep using the last one named */
  return last ? last : g_ptr_array_index (doc->masters, 0);
}

static void
region_box (const mn_fo_master *m, int r, int *x, int *y, int *w, int *h)
{
  int cx = m->margin[MN_SIDE_LEFT], cy = m->margin[MN_SIDE_TOP];
  int cw = m->page_w - m->margin[MN_SIDE_LEFT] - m->margin[MN_SIDE_RIGHT];
  int ch = m->page_h - m->margin[MN_SIDE_TOP] - m->margin[MN_SIDE_BOTTOM];
  switch (r)
    {
    case MN_REGION_BODY:
      *x = cx + m->body_margin[MN_SIDE_LEFT];
      *y = cy + m->body_margin[MN_SIDE_TOP];
      *w = cw - m->body_margin[MN_SIDE_LEFT] - m->body_margin[MN_SIDE_RIGHT];
      *h = ch - m->body_margin[MN_SIDE_TOP] - m->body_margin[MN_SIDE_BOTTOM];
      break;
    case MN_REGION_BEFORE:
      *x = cx, *y = cy, *w = cw, *h = m->extent_before;
      break;
    case MN_REGION_AFTER:
      *x = cx, *y = cy + ch - m->extent_after, *w = cw, *h = m->extent_after;
      break;
    case MN_REGION_START:
      *x = cx, *y = cy, *w = m->extent_start, *h = ch;
      break;
    default:
      *x = cx + cw - m->extent_end, *y = cy, *w = m->extent_end, *h = ch;
      break;
    }
}

/* The static content of `seq` for the regions of `m`, laid out into `page` with this page's
 * number (a state of its own: its paragraphs are not kept).  Returns 0 or an error. */
static int
layout_statics (mn_layout *L, const mn_fo_seq *seq, const mn_fo_master *m, mn_area *page)
{
  mn_layout S = mn_layout_for_statics (L);
  for (int r = MN_REGION_BEFORE; r <= MN_REGION_END; r++)
    {
      if (!m->has_region[r])
        continue;
      for (guint i = 0; i < seq->statics->len; i++)
        {
          const mn_fo_node *sc = g_ptr_array_index (seq->statics, i);
          if (strcmp (sc->text, m->region_name[r]))
            continue;
          mn_area *ra = mn_area_new (MN_AREA_REGION, page, sc);
          ra->region = r;
          region_box (m, r, &ra->x, &ra->y, &ra->w, &ra->h);
          mn_room room = { ra->x, ra->w, ra->y, ra->y + ra->h, 1, ra };
          mn_result res = mn_flow_layout_children (&S, sc, room, NULL);
          if (res.error)
            return res.error;
          if (res.status == MN_SPLIT)
            {
              if (!L->overfull_warned)
                mn_warning (L->doc->d, L->doc->file, sc->line, _("the static content does not fit its region; the rest is cut (make the region's extent larger)"));
              L->overfull_warned = 1;
              mn_resume_free (res.rest);
            }
          break;
        }
    }
  return 0;
}

int
mn_page_layout_document (mn_layout *L, int with_statics, mn_page_sink sink, void *data)
{
  int rc = 0, number = 0, total = 0;
  const mn_fo_doc *doc = L->doc->fo;
  for (guint si = 0; si < doc->seqs->len && rc == 0; si++)
    {
      const mn_fo_seq *seq = g_ptr_array_index (doc->seqs, si);
      if (!seq->flow)
        continue;
      if (seq->initial_page_number > 0)
        number = seq->initial_page_number - 1;
      mn_resume *tok = NULL;
      for (int index = 0;; index++)
        {
          number++;
          L->page_number = number;
          const mn_fo_master *m = choose_master (doc, seq, index, number);
          if (!m)
            {
              mn_error (L->doc->d, L->doc->file, seq->line, _("no conditional-page-master-reference applies to page %d; add one without conditions"), number);
              rc = MN_EINVALID;
              break;
            }
          mn_area *page = mn_area_new (MN_AREA_PAGE, NULL, NULL);
          page->w = m->page_w;
          page->h = m->page_h;
          page->number = number;
          page->master = m;
          page->seq = (int) si;
          mn_area *body = mn_area_new (MN_AREA_REGION, page, seq->flow);
          body->region = MN_REGION_BODY;
          region_box (m, MN_REGION_BODY, &body->x, &body->y, &body->w, &body->h);
          mn_layout_note_id (L, seq->id);
          mn_room room = { body->x, body->w, body->y, body->y + body->h, 1, body };
          mn_result res = mn_flow_layout_children (L, seq->flow, room, tok);
          rc = res.error;
          /* flush bottom: a page the flow goes on from, not at a forced break (vjust.c) */
          if (rc == 0 && res.status == MN_SPLIT && !res.forced && seq->vjust >= 0)
            mn_vjust_page (body, seq->vjust);
          if (rc == 0)
            mn_flow_page_done (L, body);
          if (rc == 0 && with_statics)
            rc = layout_statics (L, seq, m, page);
          if (rc == 0 && sink)
            rc = sink (data, page);
          mn_area_free (page);
          mn_resume_free (tok);
          tok = res.status == MN_SPLIT ? res.rest : NULL;
          if (++total > MAX_PAGES && rc == 0)
            {
              mn_error (L->doc->d, L->doc->file, seq->line, _("the document runs past %d pages; check for content that cannot be laid out"), MAX_PAGES);
              rc = MN_ELIMIT;
            }
          if (rc != 0 || !tok)
            break;
        }
      mn_resume_free (tok);
    }
  return rc;
}

int
mn_page_layout_statics (mn_layout *L, mn_area *page)
{
  const mn_fo_seq *seq = g_ptr_array_index (L->doc->fo->seqs, page->seq);
  L->page_number = page->number;
  return layout_statics (L, seq, page->master, page);
}
