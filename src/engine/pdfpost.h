/* pdfpost.h: the PDF as published — what cairo writes, finished with libqpdf and HarfBuzz's
 * subsetter: catalogue (language, viewer preferences, XMP, sRGB output intent), structure
 * attributes cairo 1.16 cannot write, unhinted fonts, object streams, a deterministic /ID. */
#ifndef MN_PDFPOST_H
#define MN_PDFPOST_H

#include <glib.h>
#include <stdio.h>

#include "base/diag.h"

/* What the painter knows that the file cairo wrote does not say.  Every string is borrowed
 * UTF-8; NULL leaves the entry out. */
typedef struct mn_pdfpost_doc {
  const char *lang;         /* BCP 47 language of the document (xml:lang of the FO root) */
  const char *title;        /* the Info entries as given to cairo, repeated in the XMP */
  const char *author;
  const char *subject;
  const char *keywords;
  const char *creator;
  const char *date;         /* creation (= modification) date, "YYYY-MM-DDThh:mm:ss" + zone */
  const char *th_scopes;    /* one letter per TH, in the order the tags were opened: 'C' for a
                             * column header (/Scope /Column), 'R' for a row header (/Row) */
  GPtrArray *link_alts;     /* one string per Link tag, in order: its alternate text */
  const int *continues;     /* per structure element in the painter's order: the index of the
                             * element it continues on an earlier page, or -1 (pdfstruct.h) */
  int ncontinues;           /* length of continues */
  const char *icc_path;     /* the pinned sRGB profile for the output intent */
} mn_pdfpost_doc;

#define MN_PDFPOST_DOC_INIT { NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL, NULL, 0, NULL }

/* Finish the PDF cairo wrote to the file `in_path` and write the result to `out` (borrowed;
 * nothing else is written to it, and the caller commits or abandons it).  The result is
 * byte-identical for identical input and library versions.  `file` names the document in
 * diagnostics.  Returns 0, MN_EIO (the output or the temporary file qpdf writes cannot be
 * written: reported), or MN_EFAIL (qpdf, HarfBuzz or the colour profile failed: reported). */
int mn_pdfpost_run (FILE *out, const char *in_path, const mn_pdfpost_doc *doc, const char *file,
                    mn_diag *d);

#endif
