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

static int
is_struct_elem (qpdf_data q, qpdf_oh o)
{
  return qpdf_oh_is_dictionary (q, o)
         && qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, o, "/Type"), "/StructElem");
}

/* The structure elements under kids `k` (an element, or an array of kids), in document
 * order, appended to `out` (qpdf_oh).  Marked content (integers, /MCR, /OBJR) is skipped. */
static void
collect (qpdf_data q, qpdf_oh k, GArray *out, int depth)
{
  if (depth > 512)
    return;   /* no structure is this deep: a loop */
  if (qpdf_oh_is_array (q, k))
    {
      int n = qpdf_oh_get_array_n_items (q, k);
      for (int i = 0; i < n; i++)
        collect (q, qpdf_oh_get_array_item (q, k, i), out, depth + 1);
      return;
    }
  if (!is_struct_elem (q, k))
    return;
  g_array_append_val (out, k);
  collect (q, qpdf_oh_get_key (q, k, "/K"), out, depth + 1);
}

/* The kids of element `e` as an array handle (made one, and stored, if it was a single kid
 * or none). */
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
  return qpdf_oh_get_key (q, e, "/K");
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
          qpdf_oh_replace_key (q, mcr, "/Type", qpdf_oh_new_name (q, "/MCR"));
          qpdf_oh_replace_key (q, mcr, "/Pg", page);
          qpdf_oh_replace_key (q, mcr, "/MCID", kid);
          qpdf_oh_append_item (q, dest, mcr);
          continue;
        }
      if (is_struct_elem (q, kid))
        qpdf_oh_replace_key (q, kid, "/P", to);
      qpdf_oh_append_item (q, dest, kid);
    }
  qpdf_oh_replace_key (q, from, "/K", qpdf_oh_new_array (q));
}

/* === 3. out of its parent === */

static void
unlink_from_parent (qpdf_data q, qpdf_oh e)
{
  qpdf_oh parent = qpdf_oh_get_key (q, e, "/P");
  if (!qpdf_oh_is_dictionary (q, parent))
    return;
  qpdf_oh k = kids_array (q, parent);
  int n = qpdf_oh_get_array_n_items (q, k);
  for (int i = n - 1; i >= 0; i--)
    if (same_object (q, qpdf_oh_get_array_item (q, k, i), e))
      qpdf_oh_erase_item (q, k, i);
}

/* === 2. the parent tree === */

/* Point the parent tree's values that name an element of `moved` (object id -> the qpdf_oh of
 * the element it is joined to, GUINT_TO_POINTER) at that element. */
static void
repoint (qpdf_data q, qpdf_oh node, GHashTable *moved, int depth)
{
  if (depth > 64 || !qpdf_oh_is_dictionary (q, node))
    return;
  qpdf_oh nums = qpdf_oh_get_key (q, node, "/Nums");
  if (qpdf_oh_is_array (q, nums))
    {
      int n = qpdf_oh_get_array_n_items (q, nums);
      for (int i = 1; i < n; i += 2)
        {
          qpdf_oh v = qpdf_oh_get_array_item (q, nums, i);
          gpointer to;
          if (qpdf_oh_is_array (q, v))
            {
              int m = qpdf_oh_get_array_n_items (q, v);
              for (int j = 0; j < m; j++)
                if (g_hash_table_lookup_extended (moved, GINT_TO_POINTER (qpdf_oh_get_object_id (
                                                    q, qpdf_oh_get_array_item (q, v, j))), NULL, &to))
                  qpdf_oh_set_array_item (q, v, j, (qpdf_oh) GPOINTER_TO_UINT (to));
            }
          else if (g_hash_table_lookup_extended (moved, GINT_TO_POINTER (qpdf_oh_get_object_id (q, v)),
                                                 NULL, &to))
            qpdf_oh_set_array_item (q, nums, i, (qpdf_oh) GPOINTER_TO_UINT (to));
        }
    }
  qpdf_oh kids = qpdf_oh_get_key (q, node, "/Kids");
  if (qpdf_oh_is_array (q, kids))
    {
      int n = qpdf_oh_get_array_n_items (q, kids);
      for (int i = 0; i < n; i++)
        repoint (q, qpdf_oh_get_array_item (q, kids, i), moved, depth + 1);
    }
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
      unlink_from_parent (q, from);
      int id = qpdf_oh_get_object_id (q, from);
      if (id != 0)   /* (cairo writes every element as an object of its own) */
        g_hash_table_insert (moved, GINT_TO_POINTER (id), GUINT_TO_POINTER (to));
    }
  repoint (q, qpdf_oh_get_key (q, root, "/ParentTree"), moved, 0);
  rc = qpdf_has_error (q) ? -1 : 0;
out:
  g_free (target);
  g_hash_table_destroy (moved);
  g_array_free (elems, TRUE);
  return rc;
}
