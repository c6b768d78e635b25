/* vjust.h: vertical justification — a finished page's body filled down to its bottom edge
 * (flush bottom), by its spaces first and then by feathering its lines. */
#ifndef MN_VJUST_H
#define MN_VJUST_H

#include "area.h"

/* Fill the body region `body` of a finished page down to its bottom (vjust.c says which pages
 * page.c hands it and why): first every space between blocks that may grow
 * (mn_area.stretch_before) grows in proportion to its stretch, up to all of it; then, if room
 * is left, every line box grows by the same amount, at most `line_max` (Pango units; 0: lines
 * do not grow).  What is below a grown area moves down; a table row or list item grows as its
 * tallest column.  The repeated header rows of a table neither grow nor hold anything that
 * does.  Nothing changes when the content reaches the bottom already (or overflows it). */
void mn_vjust_page (mn_area *body, int line_max);

#endif
