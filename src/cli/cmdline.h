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

#endif
