/* render-passes.h: the ways render.c can lay a document out (its top says when each is
 * used), for the tests that check they give the same PDF.  Engine-internal: the product
 * always lets render.c choose (mn_render_doc_take). */
#ifndef MN_RENDER_PASSES_H
#define MN_RENDER_PASSES_H

#include "render.h"

typedef enum {
  MN_PASSES_AUTO,    /* the fewest the document needs */
  MN_PASSES_DIRECT,  /* one pass, each page painted when finished: no citations at all */
  MN_PASSES_SPOOL,   /* one pass, pages spooled, static content at the end: none in the body */
  MN_PASSES_COUNT,   /* a counting pass, then the real one: any document */
} mn_passes;

/* mn_render_doc_take without taking `doc` (the caller frees it), laid out the way `passes`
 * says.  Returns what mn_render_doc_take returns, or
 * MN_EFAIL (nothing reported) when that way cannot lay out `doc` (DIRECT for a document that
 * cites pages, SPOOL for one whose body does); SPOOL without a temporary file is MN_EIO. */
int mn_render_doc_passes (const char *out_path, const mn_fo_doc *doc, const mn_render_opts *opts,
                          mn_diag *d, mn_passes passes);

#endif
