/* load.h: reading a session file safely, validating it against schema/session.xsd, and
 * checking the rules the schema cannot express — the first stage of every command. */
#ifndef MN_LOAD_H
#define MN_LOAD_H

#include <libxml/tree.h>

#include "base/diag.h"

/* The largest session file we read (a whole session is some 100 KB). */
#define MN_LOAD_MAX_BYTES (32L * 1024 * 1024)

/* The most attributes one element may have (libxml2 2.9.14 checks them in quadratic time;
 * a session element has a handful, an FO element a few dozen). */
#define MN_LOAD_MAX_ATTRIBUTES 1000

/* Make libxml2 safe for every later parse in this process, once (later calls do
 * nothing): external entities, DTDs and catalogs can load nothing — an entity loader
 * that refuses every URL (except our own schema/ and xsl/ folders in the data folder),
 * catalogs off (XML_CATA_ALLOW_NONE), and libxml2's own messages never printed.
 * Call it before any other libxml2/libxslt use; mn_load_session calls it too. */
void mn_load_init (void);

/* mn_load_init's entity loader refuses every file except those in the data folder's
 * schema/ and xsl/ (libxml2 and libxslt read the schema and stylesheets through it).
 * Trust one more folder for the rest of the process (a stage that must read its own
 * files through libxml2).  Returns 0, or MN_EIO if the folder does not exist.  Never
 * trust a folder that users' documents come from. */
int mn_load_trust_folder (const char *folder);

/* Parse the file at `path` (as named in diagnostics) into a tree, safely:
 *   - the file is read whole, at most MN_LOAD_MAX_BYTES;
 *   - no element with more than MN_LOAD_MAX_ATTRIBUTES attributes (checked before parsing);
 *   - elements nested at most 256 deep (libxml2's limit without HUGE);
 *   - never with XML_PARSE_NOENT, DTDLOAD or HUGE; XML_PARSE_NONET and BIG_LINES
 *     (xmlGetLineNo gives true line numbers past 65535);
 *   - a DOCTYPE that names an external DTD, or declares anything (entities, elements,
 *     attributes, notations), is refused the moment it is read: no entity is ever
 *     declared, so none can be expanded, fetched or nested (billion laughs, quadratic
 *     blow-up, XXE).  libxml2's own amplification limits remain as a second line.
 * On success *out is the document (the caller frees it with xmlFreeDoc) and 0 is
 * returned.  Otherwise *out is NULL, the problem has been reported to `d`, and the
 * return is MN_EIO (cannot read the file), MN_ELIMIT (too large) or MN_EINVALID. */
int mn_load_parse (xmlDocPtr *out, const char *path, mn_diag *d);

/* mn_load_parse for XML that is not a session (an XSL-FO file for `minutes render`): the
 * same limits and refusals, in messages that do not speak of sessions. */
int mn_load_parse_xml (xmlDocPtr *out, const char *path, mn_diag *d);

/* mn_load_parse, then: the root is <session> in urn:minutes:session:1; the document
 * is valid against schema/session.xsd (from the data folder, compiled once); and the
 * checks of check.h hold.  Every error found is reported, in line order, one line each.
 * Invisible characters in text or attribute values (bidirectional controls, other format
 * characters) are reported after the errors as warnings, one per element; they do not fail.
 * On success *out is the valid document (the caller frees it with xmlFreeDoc) and 0 is
 * returned.  Otherwise *out is NULL and the return is MN_EIO, MN_ELIMIT, MN_EINVALID
 * (errors reported) or MN_EENV (the schema itself could not be read or compiled: the
 * installation is broken; reported). */
int mn_load_session (xmlDocPtr *out, const char *path, mn_diag *d);

/* A libxml2 structured error handler that drops what it is given: set it around a write
 * whose failure the caller reports itself with the file's name (libxml2 would print "I/O
 * error : No space left on device" on stderr, with no file name). */
void mn_load_ignore_error (void *ctx, xmlErrorPtr err);

/* Free the compiled schema (at exit, for leak checkers).  Safe to call twice. */
void mn_load_cleanup (void);

#endif
