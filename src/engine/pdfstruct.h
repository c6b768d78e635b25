/* pdfstruct.h: one structure element for each table cell, paragraph, list or table, however
 * many pages it spans — the parts cairo 1.16 tags page by page, joined with libqpdf. */
#ifndef MN_PDFSTRUCT_H
#define MN_PDFSTRUCT_H

#include <glib.h>
#include <qpdf/qpdf-c.h>

/* Join the structure elements of the PDF open in `q`: element i of the structure tree, in
 * document order (the order cairo made them: the painter's order of cairo_tag_begin),
 * continues element continues[i] (an earlier one), or starts anew (-1).  A continued element's
 * content and children are appended to the one it continues (its marked content keeps its
 * page), its entries in the parent tree point there, and it is taken out of the tree.  `n` is
 * the length of `continues`.  Returns 0, or -1 when the tree is not the one the painter made
 * (a different number of elements: nothing is changed) or qpdf failed. */
int mn_pdfstruct_join (qpdf_data q, const int *continues, int n);

/* Whether `o` is a structure element (a dictionary of /Type /StructElem). */
int mn_pdfstruct_is_elem (qpdf_data q, qpdf_oh o);

/* Whether any element of `continues` (length n) continues another: a join is needed. */
int mn_pdfstruct_any (const int *continues, int n);

#endif
