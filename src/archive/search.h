/* search.h: DIR/pagefind/ and DIR/search.js — the full-text search of the published folder. */
#ifndef MN_SEARCH_H
#define MN_SEARCH_H

#include "base/diag.h"

/* The entries of a published folder the search index makes.  They are made from the session
 * pages, which SHA256SUMS records, so they are not recorded themselves (sums.c leaves them
 * out of --check, as it does .summaries/). */
#define MN_SEARCH_BUNDLE "pagefind"
#define MN_SEARCH_SCRIPT "search.js"

/* Make the search index of the session pages in `dir`: node ($MINUTES_NODE if set, an empty
 * value meaning none; else node on PATH) runs the installation's
 * site/build-index.mjs (Pagefind, from site/node_modules), which writes DIR/pagefind/ and
 * DIR/search.js.  Where node or Pagefind is not installed, one line says the search index was
 * skipped and 0 is returned: the PDFs, pages and index.html stand without it (index.html lists
 * every session, and its search form shows only when the script is there).  Say "written …"
 * on standard output unless `quiet`.  Returns 0, or MN_EIO when the index could not be made
 * (reported, with what Pagefind said). */
int mn_search_write (const char *dir, int quiet, mn_diag *d);

#endif
