/* cmdline.h: what the subcommands' option loops share. */
#ifndef MN_CMDLINE_H
#define MN_CMDLINE_H

#include "minutes.h"

/* An option with a value, in either of its forms: `name VALUE` (or `short_name VALUE`, when
 * short_name is not NULL) as two arguments, or `name=VALUE` as one.  If argv[*i] is one of
 * them, sets *out to the value (borrowed from argv), moves *i to the last argument it used and
 * returns 1.  Otherwise returns 0 and changes nothing: an option whose value is missing is
 * left to the caller's "unknown option" branch. */
int mn_cmdline_value (const char **out, int argc, char **argv, int *i, const char *name,
                      const char *short_name);

/* `--param VALUE`: add NAME=VALUE to `params` (the value borrowed from argv).  Returns 0, or
 * -1 after saying on stderr what is wrong (`cmd` names the command). */
int mn_cmdline_param (mn_params *params, const char *cmd, const char *val);

/* `-j N`: a whole number from 1 to 1024 into `*out`.  Returns 0, or -1 after saying what is
 * wrong. */
int mn_cmdline_jobs (long *out, const char *cmd, const char *val);

/* If argv[*i] is one of the `n` options `names` with its value (`--opt VALUE` as two
 * arguments, or `--opt=VALUE` for a long one), sets *name to the entry matched and *val to the
 * value (borrowed from argv), moves *i to the last argument used and returns 1.  An option
 * named last, without its value: says so on stderr and returns -1.  Otherwise returns 0. */
int mn_cmdline_option (const char **name, const char **val, int argc, char **argv, int *i,
                       const char *const *names, size_t n);

/* Say that `a` is not an option of the command argv[0]; returns MN_EXIT_USAGE. */
int mn_cmdline_unknown (char **argv, const char *a);

#endif
