/* sums.h: DIR/SHA256SUMS — the sums of the published files — and the --check that compares a
 * rebuild and the published folder with it.
 *
 * The published files of an output folder are index.html and, for every session index.html
 * lists, NAME.pdf and NAME.html: what a reader of the published folder can reach.  Nothing
 * else is recorded: not SHA256SUMS itself, not the hidden .summaries/ folder (the build's memory
 * of each session for the index, never published; a summary that changed shows in the next
 * index.html, which is recorded), not a file no session makes, not the search index
 * (pagefind/ and search.js, search.h: made from the recorded pages). */
#ifndef MN_SUMS_H
#define MN_SUMS_H

#include <glib.h>

#include "base/diag.h"

/* The name of the whole folder's sums file. */
#define MN_SUMS_NAME "SHA256SUMS"

/* One line of a sums file. */
typedef struct mn_sums_line {
  char *name;    /* the file, relative to the sums file's folder (owned) */
  char hex[65];  /* its recorded sha256: 64 lowercase hex digits */
  int line;      /* the line of the sums file it is on (1-based), for messages */
} mn_sums_line;

/* Read the sums file at `path` ("HEX  NAME" or "HEX *NAME" lines, as sha256sum writes and
 * checks them) into `*out` (owned: a GPtrArray of mn_sums_line *, which frees them).  A NAME
 * must be a file of the folder itself, or with `summaries` also `.summaries/FILE`; a line that
 * is not of this form, or names a file twice, is reported as an error and left out, and
 * counted in `*bad`.  Returns 0, or MN_EIO when the file cannot be read (then nothing is
 * reported: the caller says what to do, and `*out` is NULL). */
int mn_sums_read (GPtrArray **out, unsigned *bad, const char *path, int summaries, mn_diag *d);

/* The sha256 of `dir/name` (64 lowercase hex digits, g_free), or NULL when it is no file that
 * can be read. */
char *mn_sums_of_file (const char *dir, const char *name);

/* Write the sums of `names` (`n` files of `dir`, given relative to it), sorted by name
 * (bytewise), atomically into `dir/file`; say "written …" on standard output unless `quiet`.
 * Returns 0 or MN_EIO (reported). */
int mn_sums_write_files (const char *dir, const char *file, char **names, size_t n, int quiet,
                         mn_diag *d);

/* Write DIR/SHA256SUMS: the sums of the published files — index.html, and NAME.pdf and
 * NAME.html for each of the `listed` session names (the ones index.html lists, from
 * mn_index_write).  Returns 0 or MN_EIO (reported). */
int mn_sums_write (const char *dir, GPtrArray *listed, int quiet, mn_diag *d);

/* --check: compare the published folder `dir` and the rebuild `fresh` (a folder built from
 * the same sessions, with its own SHA256SUMS) with the sums recorded in dir/SHA256SUMS.  One
 * error per file, each on its own line: a recorded file that is missing from `dir`, whose
 * published bytes differ from its sum, that was not rebuilt, or whose rebuild differs; a
 * file of `dir` that is not recorded (an unlisted file: anything but SHA256SUMS and hidden
 * files); a rebuilt published file that is not recorded.  One line on standard output when
 * all match.  Returns 0 when all match, MN_EINVALID when something differs, MN_EIO when
 * SHA256SUMS cannot be read (reported). */
int mn_sums_check (const char *dir, const char *fresh, mn_diag *d);

#endif
