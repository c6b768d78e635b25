/* check.h: the rules of the session format that the schema cannot express, and how load and
 * these checks hold a document's errors until they are printed in line order. */
#ifndef MN_CHECK_H
#define MN_CHECK_H

#include <libxml/tree.h>

#include "base/diag.h"

/* The namespace of the session format (docs/session-format.md). */
#define MN_SESSION_NS "urn:minutes:session:1"

/* === errors about a document ===
 * A document's errors are held in its mn_diag (mn_diag_hold_error) and printed in line order
 * when load releases them: the parser, the schema and these checks find them in another
 * order.  The subject of an error about an element is the element. */

/* The line an error about `node` is at: `line` when > 0, else the node's (0 when unknown). */
long mn_check_line (const xmlNode *node, long line);

/* Hold an error about `node` (an element of the document, or NULL) at `line` (<= 0: the
 * line of `node`); the _weak one is dropped when a normal error names the same node. */
#define mn_check_error(d, node, line, ...) \
  mn_diag_hold_error ((d), mn_check_line ((node), (line)), (node), 0, __VA_ARGS__)
#define mn_check_error_weak(d, node, line, ...) \
  mn_diag_hold_error ((d), mn_check_line ((node), (line)), (node), 1, __VA_ARGS__)

/* === the checks === */

/* Check a parsed session (root <session> in MN_SESSION_NS) against the rules of
 * docs/session-format.md, "Checks beyond the schema": numbers unique and ascending,
 * every request answered, ISO and era dates agreeing, the decision not before the
 * start, no empty question/answer/opinion/request/response.  Works on documents the
 * schema rejected too (it skips what it cannot read), so that every error is found
 * in one run.  Holds one error per problem in `d` (mn_check_error); returns how many it
 * held.  `doc` is not changed. */
int mn_check_session (xmlDocPtr doc, mn_diag *d);

#endif
