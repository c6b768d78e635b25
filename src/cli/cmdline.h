/* cmdline.h: what the subcommands' option loops share. */
#ifndef MN_CMDLINE_H
#define MN_CMDLINE_H

/* An option with a value, in either of its forms: `name VALUE` (or `short_name VALUE`, when
 * short_name is not NULL) as two arguments, or `name=VALUE` as one.  If argv[*i] is one of
 * them, sets *out to the value (borrowed from argv), moves *i to the last argument it used and
 * returns 1.  Otherwise returns 0 and changes nothing: an option whose value is missing is
 * left to the caller's "unknown option" branch. */
int mn_cmdline_value (const char **out, int argc, char **argv, int *i, const char *name,
                      const char *short_name);

/* Refuse to write `out` (given with option `opt`, such as "-o") when it is the file `in` that the
 * command reads (the same file, or another name for it: infile.h), before anything is read:
 * the reader would meet a half-written file, and the input would be lost.  Reports
 * "OUT: error: …" and returns -1; returns 0 when they differ (or either is NULL). */
int mn_cmdline_refuse_same (const char *in, const char *out, const char *opt);

#endif
