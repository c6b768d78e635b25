/* transform.h: XSLT (libxslt) under security preferences — a session document in, a result
 * document (XSL-FO or HTML) out.
 *
 * Security (issue 5), set up once per process by the first call into this module:
 *   - no file writes, no directory creation, no network reads or writes, from any stylesheet
 *     (xsl:document, exsl:document and document('http://…') are refused with an error);
 *   - files may be read only inside the data folder's `xsl/`, the folder of the stylesheet being
 *     used and the folder of the session being transformed — this holds for xsl:include and
 *     xsl:import (resolved when a stylesheet is compiled, so these are also the default
 *     preferences) and for document() at run time;
 *   - every XML document libxslt parses on our behalf (stylesheets, includes, document()) is
 *     parsed without entity substitution, without loading external DTDs and without network;
 *   - `--param` values reach the stylesheet as strings (never evaluated as XPath), and a name the
 *     stylesheet does not declare is an error rather than silently ignored.
 *
 * Extension functions, namespace MN_XSLT_NS (conventional prefix `mn`), available to every
 * stylesheet run here (guard them with function-available() to stay portable to xsltproc):
 *   mn:line(node-set)    the source line of the first node (0 when unknown);
 *   mn:source-name()     the session's file name as given on the command line;
 *   mn:inline-run(node-set)  the first node and its following siblings up to (not including)
 *                        the next p or list of the session namespace, in document order: the
 *                        run of text and inlines that becomes one paragraph, in time linear in
 *                        its length (XPath 1.0 can only count siblings, which is quadratic). */
#ifndef MN_TRANSFORM_H
#define MN_TRANSFORM_H

#include <libxml/tree.h>

#include "base/diag.h"

#define MN_XSLT_NS "urn:minutes:xslt-functions:1"

/* A compiled stylesheet (opaque).  Compiled once per process and cached by path. */
typedef struct mn_stylesheet mn_stylesheet;

/* A `--param name=value` list: `count` pairs, names[i] = values[i]. */
typedef struct mn_params {
  const char **names;   /* parameter names (borrowed) */
  const char **values;  /* their values, passed as strings (borrowed) */
  int count;            /* number of pairs */
} mn_params;

#define MN_PARAMS_INIT { NULL, NULL, 0 }

/* Add `name=value` (the text of one `--param` argument) to `p`.  Returns 0, or MN_EINVALID
 * when `arg` has no `=` or an empty or malformed name (nothing is added).  The name is copied;
 * the value is borrowed from `arg`, which must outlive `p`.  A name given again takes the new
 * value (the last one wins).  mn_params_clear frees the list. */
int mn_params_add (mn_params *p, const char *arg);
void mn_params_clear (mn_params *p);

/* The stylesheet at `path`, compiled on first use and cached until mn_transform_cleanup().
 * On success `*out` is borrowed (do not free it).  Errors (not found, not well-formed, not
 * XSLT, an include that is refused) go to `d` with file:line; returns MN_EXSLT or MN_EIO. */
int mn_transform_stylesheet (mn_stylesheet **out, const char *path, mn_diag *d);

/* Report each name in `p` that none of the `nsheets` stylesheets declares as a top-level
 * xsl:param (in itself or its includes/imports), as an error naming the ones they do declare.
 * Returns 0 or MN_EUSAGE (the command line asks for a look that does not exist). */
int mn_transform_check_params (const mn_stylesheet *const *sheets, int nsheets, const mn_params *p,
                               mn_diag *d);

/* Apply `ss` to `doc` (borrowed, unchanged).  `source_path` is the session's file: its folder
 * may be read by document(), and its name is used in diagnostics and by mn:source-name().
 * On success `*out` is the new result document (owned: free it with xmlFreeDoc).  Any error the
 * stylesheet raises (xsl:message terminate="yes", a refused read or write, a bad expression)
 * is reported to `d` and fails the whole transformation: returns MN_EXSLT and `*out` is NULL. */
int mn_transform_apply (xmlDocPtr *out, mn_stylesheet *ss, xmlDocPtr doc,
                        const char *source_path, const mn_params *p, mn_diag *d);

/* Serialize `result` as `ss`'s xsl:output says (method, encoding, doctype).  On success
 * `*out` is owned (free it with xmlFree) and `*len` is its length.  Returns 0 or MN_EFAIL. */
int mn_transform_serialize (unsigned char **out, int *len, xmlDocPtr result,
                            const mn_stylesheet *ss);

/* The same written to `fp` as it is made, without the whole text in memory (a long session's
 * HTML is megabytes).  Returns 0, or MN_EIO when writing failed (errno set). */
int mn_transform_save (FILE *fp, xmlDocPtr result, const mn_stylesheet *ss);

/* Serialize `result` as mn_transform_serialize does and write it to `out_path` atomically
 * (base/atomic.h), or to standard output when `out_path` is NULL.  Returns 0, MN_EIO (the file
 * or standard output cannot be written: reported, an old file kept) or MN_EFAIL. */
int mn_transform_write (const char *out_path, xmlDocPtr result, const mn_stylesheet *ss,
                        mn_diag *d);

/* Free every cached stylesheet and the security preferences (at exit; for leak checkers). */
void mn_transform_cleanup (void);

#endif
