/* layout.c: the parts of the layout contract (layout.h) that are not one formatting concern —
 * resume tokens, the state of a pass, and what a finished page leaves in it. */
#include "layout.h"

#include <string.h>

#include "para.h"

/* === resume tokens === */

mn_resume mn_resume_done;

static mn_resume *
resume_new (mn_resume_kind kind, int index, mn_resume *child)
{
  mn_resume *r = g_new0 (mn_resume, 1);
  r->kind = kind;
  r->index = index;
  r->child = child;
  return r;
}

mn_resume *
mn_resume_child (int index, mn_resume *child)
{
  return resume_new (MN_RESUME_CHILD, index, child);
}

mn_resume *
mn_resume_line (int first)
{
  return resume_new (MN_RESUME_LINE, first, NULL);
}

mn_resume *
mn_resume_columns (int n, mn_resume *const *cols)
{
  mn_resume *r = resume_new (MN_RESUME_COLUMNS, 0, NULL);
  r->ncols = n;
  r->cols = g_memdup2 (cols, sizeof *cols * (gsize) n);
  return r;
}

mn_resume *
mn_resume_table (int row, mn_resume *row_token, int header_as_body)
{
  mn_resume *r = resume_new (MN_RESUME_TABLE, row, row_token);
  r->header_as_body = header_as_body;
  return r;
}

mn_resume *
mn_resume_at (mn_resume *r, const mn_fo_node *at)
{
  r->at = at;
  return r;
}

mn_resume *
mn_resume_copy (const mn_resume *r)
{
  if (!r || r == MN_RESUME_DONE)
    return (mn_resume *) r;
  mn_resume *c = resume_new (r->kind, r->index, mn_resume_copy (r->child));
  c->at = r->at;
  c->header_as_body = r->header_as_body;
  if (r->cols)
    {
      c->ncols = r->ncols;
      c->cols = g_new0 (mn_resume *, r->ncols);
      for (int i = 0; i < r->ncols; i++)
        c->cols[i] = mn_resume_copy (r->cols[i]);
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

/* === the state of a pass === */

void
mn_layout_init (mn_layout *L, const mn_layout_doc *doc, int paint)
{
  memset (L, 0, sizeof *L);
  L->doc = doc;
  L->paint = paint;
  L->paras = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                    (GDestroyNotify) mn_para_unref);
  L->statics = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                      (GDestroyNotify) mn_para_unref);
  L->first_page = g_hash_table_new (g_str_hash, g_str_equal);
  L->last_page = g_hash_table_new (g_str_hash, g_str_equal);
}

void
mn_layout_clear (mn_layout *L)
{
  g_hash_table_destroy (L->paras);
  g_hash_table_destroy (L->statics);
  g_hash_table_destroy (L->first_page);
  g_hash_table_destroy (L->last_page);
}

mn_layout
mn_layout_for_statics (const mn_layout *L)
{
  mn_layout s = *L;
  s.paras = NULL;
  return s;
}

void
mn_layout_note_id (mn_layout *L, const char *id)
{
  if (!id)
    return;
  if (!g_hash_table_contains (L->first_page, id))
    g_hash_table_insert (L->first_page, (gpointer) id, GINT_TO_POINTER (L->page_number));
  g_hash_table_insert (L->last_page, (gpointer) id, GINT_TO_POINTER (L->page_number));
}
