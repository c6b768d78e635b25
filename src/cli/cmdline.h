/* cmdline.h: what the subcommands' option loops share. */
#ifndef MN_CMDLINE_H
#define MN_CMDLINE_H

#include <glib.h>
#include <stdio.h>

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

/* One option of a command, for mn_cmdline_parse. */
typedef struct mn_cmdline_spec {
  const char *name;        /* the long form, "--output" */
  const char *short_name;  /* the short form, "-o", or NULL */
  enum { MN_OPT_FLAG, MN_OPT_VALUE, MN_OPT_PARAM, MN_OPT_JOBS } kind;
  int *flag;               /* MN_OPT_FLAG: set to 1 */
  const char **value;      /* MN_OPT_VALUE: the value (borrowed from argv) */
  long *jobs;              /* MN_OPT_JOBS: the number, 1 to 1024 (also glued: -j4) */
} mn_cmdline_spec;

/* The option loop of build, fo and watch: FILE arguments ("-" is one, and every argument after
 * "--") go to `files` (borrowed from argv), --help / -h prints `usage` on stdout, `--param`
 * goes to `params`, and each of the `n` `specs` sets what it points to; a value is given as
 * `--opt VALUE`, `-o VALUE` or `--opt=VALUE`.  Returns -1 to go on, or the exit code to end
 * with (MN_EXIT_OK after --help; MN_EXIT_USAGE after saying on stderr what is wrong). */
int mn_cmdline_parse (GPtrArray *files, mn_params *params, int argc, char **argv,
                      const mn_cmdline_spec *specs, size_t n, void (*usage) (FILE *));

#endif
