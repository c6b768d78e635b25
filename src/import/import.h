/* import.h: legacy minutes text (the seed's table form, or speaker turns) → session XML. */
#ifndef MN_IMPORT_H
#define MN_IMPORT_H

#include <libxml/tree.h>

#include "base/diag.h"

/* How to read the text. */
typedef struct mn_import_options {
  const char *encoding;  /* the input's encoding as iconv names it (SHIFT_JIS, CP932 …);
                            NULL or "UTF-8" for UTF-8, with or without a byte-order mark */
  const char *name;      /* the file name diagnostics print; NULL means the path */
} mn_import_options;

#define MN_IMPORT_OPTIONS_INIT { NULL, NULL }

/* Read the minutes text at `path` and build a session document in the namespace
 * urn:minutes:session:1 (docs/session-format.md).  Two forms are recognised:
 *   - the table form of the seed: 会 議 録, header rows 名称/日時/参加者/配布資料/諮問事項/
 *     発言の記録, 諮問事項N sections with tab-separated Q&A rows, 意見 bullets, 要望事項;
 *   - a verbatim record of speaker turns, read by the convention the file shows (the marks
 *     of turns and heads, how speakers are written), its front matter as structure (title,
 *     council, day and times, place, rosters, agendas); page furniture is dropped first.
 * Text is never dropped: what cannot be placed with confidence is kept in the nearest
 * container (<remarks>, a stage note, a paragraph), with a warning `FILE:LINE: warning: …`
 * reported to `d`; what was learned and dropped is reported as notes.
 * On success `*out` is a new document the caller frees with xmlFreeDoc and 0 is returned.
 * On failure `*out` is NULL, an error was reported, and the return is MN_EIO (the file
 * cannot be read, or the encoding is unknown) or MN_EINVALID (bytes not in the encoding, or
 * no date to record). */
int mn_import_load (xmlDocPtr *out, const char *path, const mn_import_options *opt, mn_diag *d);

/* Write `doc` as the new file `path`, whole or not at all and never over an existing file
 * (mn_atomic_commit_new), indented, UTF-8.  Returns 0, or MN_EIO / MN_EFAIL after reporting
 * an error; then `path` is untouched. */
int mn_import_save (xmlDocPtr doc, const char *path, mn_diag *d);

#endif
