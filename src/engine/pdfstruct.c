/* pdfstruct.c: one structure element for each table cell, paragraph, list or table, however
 * many pages it spans.
 *
 * == Why ==
 * Cairo 1.16 builds the structure tree from a stack of tags (cairo_tag_begin/_end), and the
 * painter paints page by page: a table row split over two pages is one TR with its TDs on
 * the first page and another TR with other TDs on the second.  A screen reader then reads the
 * first part of the question, the first part of the answer, the second part of the question…
 * — the order of the page, not of the cells.  Each page must hold its part of the question and
 * then its part of the answer (that is what pdftotext -raw and the eye read), but the
 * structure must say that a cell is one TD whose content lies on two pages (PDF 1.7 §14.7.2:
 * a structure element's kids may be marked content on any page, through marked-content
 * references).  Cairo 1.18's content tags could express it; 1.16 (Debian 12) cannot.
 *
 * == How ==
 * The painter (pdf.c) notes, for every structure element it opens, which earlier element it
 * continues — the element of the same FO node on the page before (a continued table, row,
 * cell, list, item or paragraph), or none.  After cairo has written the file, libqpdf reads
 * it, and for every continued element, in document order:
 *   1. its kids are appended to the element it continues (after that one's own): marked
 *      content ids become marked-content references that keep their page (/MCR with /Pg),
 *      child elements get their new parent (/P);
 *   2. the parent tree's entries (page → marked content → element, annotation → element)
 *      that name it name the element it continues;
 *   3. it is taken out of its parent's kids (by then the joined parent), and no longer
 *      referenced, it is not written.
 * Joining a row joins its cells' lists of kids; each cell is then joined with its part on the
 * page before, and so on down to the paragraphs: the tree has one TD per cell, one P per
 * paragraph, in the order of the source.  The content streams are not touched: the text and
 * its order on each page stay as painted.  The join runs inside the publishing stage
 * (pdfpost.c, step 5), on the document it has read, before the TH scopes are written.
 *
 * == Limits ==
 * The tree must be the one the painter made: as many elements, in the same order (checked).
 * Parent-tree number trees with /Kids are followed; cairo writes one flat /Nums array. */
#include "pdfstruct.h"

#include <string.h>

/* === walking the tree === */

int
mn_pdfstruct_is_elem (qpdf_data q, qpdf_oh o)
{
  if (!qpdf_oh_is_dictionary (q, o))
    return 0;
  qpdf_oh type = qpdf_oh_get_key (q, o, "/Type");
  int yes = qpdf_oh_is_name_and_equals (q, type, "/StructElem");
  qpdf_oh_release (q, type);
  return yes;
}

/* The structure elements under kids `k` (an element, or an array of kids; taken), in
 * document order, appended to `out` (qpdf_oh, owned by `out`).  Marked content (integers,
 * /MCR, /OBJR) is skipped. */
static void
collect (qpdf_data q, qpdf_oh k, GArray *out, int depth)
{
  if (depth > 512)
    ;   /* no structure is this deep: a loop */
  else if (qpdf_oh_is_array (q, k))
    {
      int n = qpdf_oh_get_array_n_items (q, k);
      for (int i = 0; i < n; i++)
        collect (q, qpdf_oh_get_array_item (q, k, i), out, depth + 1);
    }
  else if (mn_pdfstruct_is_elem (q, k))
    {
      g_array_append_val (out, k);
      collect (q, qpdf_oh_get_key (q, k, "/K"), out, depth + 1);
      return;
    }
  qpdf_oh_release (q, k);
}

/* The kids of element `e` as a new array handle (made one, and stored, if it was a single
 * kid or none). */
static qpdf_oh
kids_array (qpdf_data q, qpdf_oh e)
{
  qpdf_oh k = qpdf_oh_get_key (q, e, "/K");
  if (qpdf_oh_is_array (q, k))
    return k;
  qpdf_oh a = qpdf_oh_new_array (q);
  if (!qpdf_oh_is_null (q, k))
    qpdf_oh_append_item (q, a, k);
  qpdf_oh_replace_key (q, e, "/K", a);
  qpdf_oh_release (q, k);
  qpdf_oh_release (q, a);
  return qpdf_oh_get_key (q, e, "/K");
}

/* dict[key] = /name */
static void
set_name (qpdf_data q, qpdf_oh dict, const char *key, const char *name)
{
  qpdf_oh v = qpdf_oh_new_name (q, name);
  qpdf_oh_replace_key (q, dict, key, v);
  qpdf_oh_release (q, v);
}

static int
same_object (qpdf_data q, qpdf_oh a, qpdf_oh b)
{
  int id = qpdf_oh_get_object_id (q, a);
  return id != 0 && id == qpdf_oh_get_object_id (q, b);
}

/* === 1. the kids === */

static void
move_kids (qpdf_data q, qpdf_oh from, qpdf_oh to)
{
  qpdf_oh dest = kids_array (q, to);
  qpdf_oh src = kids_array (q, from);
  qpdf_oh page = qpdf_oh_get_key (q, from, "/Pg");
  qpdf_oh to_page = qpdf_oh_get_key (q, to, "/Pg");
  int n = qpdf_oh_get_array_n_items (q, src);
  for (int i = 0; i < n; i++)
    {
      qpdf_oh kid = qpdf_oh_get_array_item (q, src, i);
      if (qpdf_oh_is_integer (q, kid) && !same_object (q, page, to_page))
        {
          /* a marked content id of `from`'s page: a reference that names its page */
          qpdf_oh mcr = qpdf_oh_new_dictionary (q);
          set_name (q, mcr, "/Type", "/MCR");
          qpdf_oh_replace_key (q, mcr, "/Pg", page);
          qpdf_oh_replace_key (q, mcr, "/MCID", kid);
          qpdf_oh_append_item (q, dest, mcr);
          qpdf_oh_release (q, mcr);
        }
      else
        {
          if (mn_pdfstruct_is_elem (q, kid))
            qpdf_oh_replace_key (q, kid, "/P", to);
          qpdf_oh_append_item (q, dest, kid);
        }
      qpdf_oh_release (q, kid);
    }
  qpdf_oh none = qpdf_oh_new_array (q);
  qpdf_oh_replace_key (q, from, "/K", none);
  qpdf_oh_release (q, none);
  qpdf_oh h[] = { dest, src, page, to_page };
  for (size_t i = 0; i < G_N_ELEMENTS (h); i++)
    qpdf_oh_release (q, h[i]);
}

/* === 3. out of their parents === */

/* Drop from the kids of every element of `parents` (object id -> qpdf_oh) the elements of
 * `moved`: one pass over each parent's kids, however many of them were joined. */
static void
unlink_moved (qpdf_data q, GHashTable *parents, GHashTable *moved)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, parents);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      qpdf_oh k = kids_array (q, (qpdf_oh) GPOINTER_TO_UINT (value));
      for (int i = qpdf_oh_get_array_n_items (q, k) - 1; i >= 0; i--)
        {
          qpdf_oh kid = qpdf_oh_get_array_item (q, k, i);
          int id = qpdf_oh_get_object_id (q, kid);
          if (id != 0 && g_hash_table_contains (moved, GINT_TO_POINTER (id)))
            qpdf_oh_erase_item (q, k, i);
          qpdf_oh_release (q, kid);
        }
      qpdf_oh_release (q, k);
    }
}

/* === 2. the parent tree === */

/* Point the parent tree's values that name an element of `moved` (object id -> the qpdf_oh of
 * the element it is joined to, GUINT_TO_POINTER) at that element. */
/* If item i of `array` is an element of `moved`, make it the element that one is joined to. */
static void
repoint_item (qpdf_data q, qpdf_oh array, int i, GHashTable *moved)
{
  qpdf_oh v = qpdf_oh_get_array_item (q, array, i);
  gpointer to;
  if (g_hash_table_lookup_extended (moved, GINT_TO_POINTER (qpdf_oh_get_object_id (q, v)), NULL, &to))
    qpdf_oh_set_array_item (q, array, i, (qpdf_oh) GPOINTER_TO_UINT (to));
  qpdf_oh_release (q, v);
}

/* `node` is taken. */
static void
repoint (qpdf_data q, qpdf_oh node, GHashTable *moved, int depth)
{
  if (depth > 64 || !qpdf_oh_is_dictionary (q, node))
    {
      qpdf_oh_release (q, node);
      return;
    }
  qpdf_oh nums = qpdf_oh_get_key (q, node, "/Nums");
  if (qpdf_oh_is_array (q, nums))
    {
      int n = qpdf_oh_get_array_n_items (q, nums);
      for (int i = 1; i < n; i += 2)
        {
          qpdf_oh v = qpdf_oh_get_array_item (q, nums, i);
          if (qpdf_oh_is_array (q, v))
            for (int j = 0, m = qpdf_oh_get_array_n_items (q, v); j < m; j++)
              repoint_item (q, v, j, moved);
          else
            repoint_item (q, nums, i, moved);
          qpdf_oh_release (q, v);
        }
    }
  qpdf_oh kids = qpdf_oh_get_key (q, node, "/Kids");
  if (qpdf_oh_is_array (q, kids))
    {
      int n = qpdf_oh_get_array_n_items (q, kids);
      for (int i = 0; i < n; i++)
        repoint (q, qpdf_oh_get_array_item (q, kids, i), moved, depth + 1);
    }
  qpdf_oh h[] = { nums, kids, node };
  for (size_t i = 0; i < G_N_ELEMENTS (h); i++)
    qpdf_oh_release (q, h[i]);
}

int
mn_pdfstruct_any (const int *continues, int n)
{
  for (int i = 0; i < n; i++)
    if (continues[i] >= 0)
      return 1;
  return 0;
}

int
mn_pdfstruct_join (qpdf_data q, const int *continues, int n)
{
  qpdf_oh root = qpdf_oh_get_key (q, qpdf_get_root (q), "/StructTreeRoot");
  GArray *elems = g_array_new (FALSE, FALSE, sizeof (qpdf_oh));
  GHashTable *moved = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTable *parents = g_hash_table_new (g_direct_hash, g_direct_equal);
  int *target = NULL, rc = -1;
  collect (q, qpdf_oh_get_key (q, root, "/K"), elems, 0);
  if ((int) elems->len != n)
    goto out;
  target = g_new (int, n);
  for (int i = 0; i < n; i++)
    {
      int c = continues[i];
      target[i] = c >= 0 && c < i ? target[c] : i;
      if (target[i] == i)
        continue;
      qpdf_oh from = g_array_index (elems, qpdf_oh, i), to = g_array_index (elems, qpdf_oh, target[i]);
      move_kids (q, from, to);
      /* its parent by now (a parent comes before its kids, so it was joined already) */
      qpdf_oh parent = qpdf_oh_get_key (q, from, "/P");
      int pid = qpdf_oh_get_object_id (q, parent);
      if (pid != 0 && !g_hash_table_contains (parents, GINT_TO_POINTER (pid)))
        g_hash_table_insert (parents, GINT_TO_POINTER (pid), GUINT_TO_POINTER (parent));
      else
        qpdf_oh_release (q, parent);
      int id = qpdf_oh_get_object_id (q, from);
      if (id != 0)   /* (cairo writes every element as an object of its own) */
        g_hash_table_insert (moved, GINT_TO_POINTER (id), GUINT_TO_POINTER (to));
    }
  unlink_moved (q, parents, moved);
  repoint (q, qpdf_oh_get_key (q, root, "/ParentTree"), moved, 0);
  rc = qpdf_has_error (q) ? -1 : 0;
out:
  g_free (target);
  /* qpdf keeps every handle until it is released: the elements' and the parents' go now */
  for (guint i = 0; i < elems->len; i++)
    qpdf_oh_release (q, g_array_index (elems, qpdf_oh, i));
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, parents);
  while (g_hash_table_iter_next (&it, NULL, &value))
    qpdf_oh_release (q, (qpdf_oh) GPOINTER_TO_UINT (value));
  qpdf_oh_release (q, root);
  g_hash_table_destroy (parents);
  g_hash_table_destroy (moved);
  g_array_free (elems, TRUE);
  return rc;
}
