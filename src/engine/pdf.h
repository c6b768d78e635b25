/* pdf.h: the painter — area-tree pages into a cairo PDF (embedded font subsets, tagged
 * structure, links, outline, metadata from the document, no clock data). */
#ifndef MN_PDF_H
#define MN_PDF_H

#include <stdio.h>

#include "area.h"
#include "base/diag.h"
#include "fonts.h"
#include "fotree.h"

typedef struct mn_pdf mn_pdf;

/* Start a PDF written to `fp` (borrowed; the caller closes it after mn_pdf_close).  The
 * document information comes from doc->meta; the creation date from xmp:CreateDate, else
 * SOURCE_DATE_EPOCH, else none at all (never the clock).  Returns 0 with *out owned, or
 * MN_EINVALID (a malformed date, reported). */
int mn_pdf_open (mn_pdf **out, FILE *fp, const mn_fo_doc *doc, mn_fonts *fonts, const char *file,
                 mn_diag *d);

/* Paint one page and emit it.  Returns 0, MN_EIO when the file could not be written (not
 * reported: the caller knows the errno), or MN_EFAIL when cairo reports another error. */
int mn_pdf_page (mn_pdf *pdf, const mn_area *page);

/* Add the outline (doc->bookmarks), finish the file and free `pdf`.  `pages` maps ids to the
 * page they are on (bookmarks to ids never laid out are warned about and left out).
 * `painted` (may be NULL) is called with `data` once cairo has finished and the document is
 * no longer read, before the publishing stage (pdfpost.h), which holds the whole PDF: the
 * caller frees there what only the painting needed.  It is not called when cairo failed.
 * Returns 0, or MN_EFAIL / MN_EIO. */
int mn_pdf_close (mn_pdf *pdf, GHashTable *pages, void (*painted) (void *data), void *data);

/* Free without finishing (the output is abandoned); accepts NULL. */
void mn_pdf_abort (mn_pdf *pdf);

#endif
