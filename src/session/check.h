/* check.h: the rules of the session format that the schema cannot express, and the list of
 * findings that `load` fills from the parser, the schema and these checks. */
#ifndef MN_CHECK_H
#define MN_CHECK_H

#include <libxml/tree.h>

#include "base/diag.h"

/* The namespace of the session format (docs/session-format.md). */
#define MN_SESSION_NS "urn:minutes:session:1"

/* === findings === */

/* Errors about one document, gathered from several sources and then printed in
 * line order (the order the parser and the checks find them in differs). */
typedef struct mn_findings mn_findings;

/* A new, empty list; free it with mn_findings_free (accepts NULL). */
mn_findings *mn_findings_new (void);
void mn_findings_free (mn_findings *f);

/* Add one error about `node` (an element of the document, or NULL) at `line`
 * (<= 0: the line of `node`).  `fmt` is already translated with _().
 * A *weak* finding says something another, better finding may say too: it is
 * dropped at flush time if a normal finding names the same node. */
void mn_findings_add (mn_findings *f, const xmlNode *node, long line, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
void mn_findings_add_weak (mn_findings *f, const xmlNode *node, long line, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* How many findings are in the list (weak ones included). */
int mn_findings_count (const mn_findings *f);

/* Report every finding through mn_error(d, file, line, …), in line order (ties keep
 * the order they were added in), and empty the list.  Returns the number reported. */
int mn_findings_flush (mn_findings *f, mn_diag *d, const char *file);

/* === the checks === */

/* Check a parsed session (root <session> in MN_SESSION_NS) against the rules of
 * docs/session-format.md, "Checks beyond the schema": numbers unique and ascending,
 * every request answered, ISO and era dates agreeing, the decision not before the
 * start, no empty question/answer/opinion/request/response.  Works on documents the
 * schema rejected too (it skips what it cannot read), so that every error is found
 * in one run.  Adds one finding per problem to `f`; returns how many it added.
 * `doc` is not changed. */
int mn_check_session (xmlDocPtr doc, mn_findings *f);

#endif
