/* minutes.h: the pipeline of `minutes` as a library — the one header every command uses.
 *
 * One file at a time, each call a whole stage picture:
 *   mn_validate       session XML → load, schema, rules (session/)
 *   mn_fo             session XML → validate → XSLT → XSL-FO text
 *   mn_build_session  session XML → validate → XSLT (HTML, FO) → typeset (engine/) →
 *                     DIR/NAME.pdf, DIR/NAME.html and the session's summary for the index
 *   mn_render         XSL-FO file → typeset → PDF
 *   mn_import         legacy text → session XML (import/) → validate
 *   mn_new_session    the template → a new session file
 * Many sessions at once (workers, the index, SHA256SUMS, --check) are src/archive/, above this.
 *
 * Conventions (../shared/STYLE.md): a function that can fail returns 0 or a negative MN_E*
 * code of base/diag.h, after reporting every problem to its `mn_diag`; mn_exit_code turns that
 * code into the process's exit status, the same way for every command.  Options structs have
 * an MN_*_INIT initialiser; strings in them are borrowed for the call.  What a call returns
 * through `out` is owned by the caller, freed by the matching *_clear. */
#ifndef MN_MINUTES_H
#define MN_MINUTES_H

#include <libxml/tree.h>

#include "base/diag.h"
#include "engine/render.h"
#include "import/import.h"
#include "session/transform.h"

/* === exit codes === */

/* The exit codes of `minutes`, one meaning each (README.md, "Exit codes"). */
enum mn_exit {
  MN_EXIT_OK = 0,        /* everything valid, everything written */
  MN_EXIT_INVALID = 1,   /* the input is wrong: validation, FO or stylesheet errors, a limit */
  MN_EXIT_USAGE = 2,     /* bad command line, or a file that cannot be read or written */
  MN_EXIT_ENV = 3,       /* the installation is wrong: fonts differ from the pins, data missing */
  MN_EXIT_INTERNAL = 4,  /* a bug or a library failure: please report it */
};

/* The exit code for `err` (0 or an MN_E* code): the only mapping there is. */
int mn_exit_code (int err);

/* Of two error codes, the one whose exit code is worse (internal > installation > usage >
 * invalid > ok), so that a run of many files exits with its worst failure. */
int mn_error_worse (int a, int b);

/* === one session: validate → transform → typeset → HTML === */

/* How to build a session. */
typedef struct mn_build_opts {
  const char *out_dir;      /* the folder to write into; it must exist */
  const mn_params *params;  /* the user's --param list (NULL: none) */
  int strict;               /* constructs outside the FO subset are errors, not warnings */
} mn_build_opts;

#define MN_BUILD_OPTS_INIT { NULL, NULL, 0 }

/* What a build made, or would have made. */
typedef struct mn_build_result {
  char *name;         /* NAME: the session file's name without its folder and ".xml" */
  char *pdf_path;     /* DIR/NAME.pdf: written on success, untouched on failure */
  char *html_path;    /* DIR/NAME.html: the same */
  int pages;          /* pages of the PDF written; 0 when the build failed */
  xmlDocPtr summary;  /* what the index needs of the session (mn_summary_load's form); NULL on failure */
} mn_build_result;

#define MN_BUILD_RESULT_INIT { NULL, NULL, NULL, 0, NULL }

/* Free what `r` holds and reset it to MN_BUILD_RESULT_INIT. */
void mn_build_result_clear (mn_build_result *r);

/* The data folder's stylesheet `rel` (e.g. "xsl/index-html.xsl"), compiled once per process;
 * `*out` is borrowed.  Returns 0, or MN_EENV (reported): a stylesheet of the installation that
 * cannot be read or compiled means the installation is broken. */
int mn_data_stylesheet (mn_stylesheet **out, const char *rel, mn_diag *d);

/* Compile the data folder's stylesheets (session-fo, session-html, index-html; cached for the
 * process) and check that every name in `params` is declared by one of them.  Call it once
 * before building.  Returns 0, MN_EENV (a stylesheet of the installation is missing or broken)
 * or MN_EUSAGE (an unknown --param name); reported. */
int mn_build_prepare (const mn_params *params, mn_diag *d);

/* Build the session at `path` into opts->out_dir: load and validate it, transform it into
 * HTML and XSL-FO, typeset the FO, then commit DIR/NAME.pdf, DIR/NAME.html and the session's
 * summary (mn_summary_path), each atomically, in that order — nothing is written before both
 * transformations have succeeded, and a failure leaves the previous files as they were.
 * `out` is filled in every case (its paths name the files for messages); on success it also
 * holds the page count and the summary.  Returns 0 or the first failure's code, after
 * reporting it and a last line saying the session was not built. */
int mn_build_session (mn_build_result *out, const char *path, const mn_build_opts *opts,
                      mn_diag *d);

/* NAME of the session file at `path`: its name without the folder and a final ".xml" (owned,
 * g_free). */
char *mn_session_name (const char *path);

/* === the index's view of a session === */

/* Where mn_build_session keeps the summary of session NAME built into `dir`: the hidden file
 * `dir/.summaries/NAME.xml` (owned, g_free).  The index of a folder is made from these, never
 * by reading the pages or the sessions again. */
char *mn_summary_path (const char *dir, const char *name);

/* The summary of session NAME in `dir`, or NULL when there is none (built by a minutes
 * before summaries, or removed) or it cannot be read.  Owned: xmlFreeDoc. */
xmlDocPtr mn_summary_load (const char *dir, const char *name);

/* The summary of a session document (the root's attributes and namespaces, with copies of its
 * <title>, <council> and <dates>: all xsl/index-html.xsl reads), or NULL when `doc` has no
 * root.  Owned: xmlFreeDoc. */
xmlDocPtr mn_summary_of (xmlDocPtr doc);

/* === the other commands' stages === */

/* Validate the session at `path` (load.h: parse, schema, rules; every error reported in line
 * order).  Returns 0, MN_EINVALID, MN_ELIMIT, MN_EIO or MN_EENV. */
int mn_validate (const char *path, mn_diag *d);

/* How to make the XSL-FO of a session. */
typedef struct mn_fo_opts {
  const char *out_path;     /* the FO file to write atomically; NULL: standard output */
  const char *stylesheet;   /* a stylesheet of the user's instead of xsl/session-fo.xsl, or NULL */
  const mn_params *params;  /* the user's --param list (NULL: none) */
  int source_lines;         /* keep the mx:line attributes (other FO processors refuse them) */
} mn_fo_opts;

#define MN_FO_OPTS_INIT { NULL, NULL, NULL, 0 }

/* Validate the session at `path` and write its XSL-FO.  Returns 0, or the failure's code:
 * MN_EINVALID / MN_ELIMIT / MN_EXSLT (the session or the user's stylesheet is wrong), MN_EIO,
 * MN_EUSAGE (an unknown --param, or an out_path that is the session or the stylesheet, refused
 * before reading), MN_EENV (the installation's stylesheet is broken). */
int mn_fo (const char *path, const mn_fo_opts *opts, mn_diag *d);

/* Typeset the XSL-FO file at `fo_path` into the PDF `out_path` (engine/render.h: written
 * whole or not at all; opts->dump_layout too).  The FO is read as safely as a session.
 * opts->source_name may be NULL (then `fo_path`).  Returns 0, MN_EINVALID, MN_ELIMIT, MN_EIO,
 * MN_EFONT, MN_EFAIL, or MN_EUSAGE (the PDF or the dump is the FO file, or the dump is the
 * PDF: refused before reading). */
int mn_render (const char *fo_path, const char *out_path, const mn_render_opts *opts,
               mn_diag *d);

/* Import the legacy text at `in_path` into the new session XML `out_path` (import/import.h),
 * then validate what was written.  An existing `out_path` is never replaced (it may hold
 * corrections made by hand), nor the text itself: MN_EUSAGE before reading.  When the text
 * cannot be read or placed, nothing is written.  When the XML was written but does not
 * validate (the source itself is wrong), it stays, so that it can be corrected by hand, and
 * MN_EINVALID is returned after saying so.  Returns 0, MN_EUSAGE, MN_EIO, MN_EINVALID,
 * MN_ELIMIT or MN_EENV. */
int mn_import (const char *in_path, const char *out_path, const mn_import_options *opts,
               mn_diag *d);

/* Write a new session file at `path` from the data folder's template, with `council` (UTF-8,
 * or NULL for the placeholder) as the council's name; never over an existing file.  Returns
 * 0, MN_EUSAGE (a name not ending in .xml, an empty council), MN_EIO (the file exists or
 * cannot be written) or MN_EENV (no template). */
int mn_new_session (const char *path, const char *council, mn_diag *d);

/* Free what the stages keep for the rest of the process (compiled schema and stylesheets,
 * fonts), so that leak checkers see a clean exit.  Safe to call twice. */
void mn_cleanup (void);

#endif
