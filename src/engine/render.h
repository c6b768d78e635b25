/* render.h: the typesetting engine's one entry point — an XSL-FO document in, a PDF out.
 * Owned by the engine (issue 3); used by the pipeline (src/minutes.h: mn_render, mn_build_session). */
#ifndef MN_RENDER_H
#define MN_RENDER_H

#include <libxml/tree.h>

#include "base/diag.h"
#include "fox.h"

typedef struct mn_fo_doc mn_fo_doc;  /* the engine's input tree (fotree.h) */

typedef struct mn_render_opts {
  const char *source_name;  /* file name for diagnostics (the FO file, or the session) */
  int strict;               /* constructs outside the FO subset are errors, not warnings */
  const char *dump_layout;  /* if not NULL, also write the area-tree dump (text) here */
  int *pages_out;           /* if not NULL, receives the number of pages written (0 on failure) */
} mn_render_opts;

#define MN_RENDER_OPTS_INIT { NULL, 0, NULL, NULL }

/* Typeset `fo` (borrowed, unchanged) into a PDF at `out_path`, written atomically: on any
 * failure the previous file at `out_path` is left as it was.  Diagnostics go to `d`.
 * Returns 0, MN_EINVALID (the FO is wrong: diagnostics say where), MN_EFONT, MN_EIO,
 * MN_ELIMIT, or MN_EFAIL. */
int mn_render_pdf (const char *out_path, xmlDocPtr fo, const mn_render_opts *opts, mn_diag *d);

/* The same in two steps, without the FO document, the engine's input tree and the finished
 * PDF whole in memory together (for a long session they are the largest things there).
 * mn_render_parse_take builds the input tree from `fo`, which it takes and frees piece by
 * piece as it goes (also on failure), and returns 0 with *out owned by the caller
 * (mn_render_doc_free), or MN_EINVALID with *out NULL.  mn_render_doc_take typesets it as
 * mn_render_pdf does, taking `doc`: it is freed as soon as the pages are painted, before the
 * publishing stage reads the whole PDF back, and on every failure.  Both honour opts->strict. */
int mn_render_parse_take (mn_fo_doc **out, xmlDocPtr fo, const mn_render_opts *opts, mn_diag *d);
int mn_render_doc_take (const char *out_path, mn_fo_doc *doc, const mn_render_opts *opts, mn_diag *d);
void mn_render_doc_free (mn_fo_doc *doc);

/* Free what mn_render_pdf keeps for the rest of the process (the verified fonts and Pango's
 * font map), so that leak checkers see a clean exit.  Safe to call twice, or never. */
void mn_render_cleanup (void);

#endif
