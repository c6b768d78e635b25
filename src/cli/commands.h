/* commands.h: the subcommands of `minutes`, once, for the launcher (main.c: names and help)
 * and for the core module (run.c: names and the functions that run them).
 * MN_COMMANDS (X) calls X (NAME, SUMMARY) for each: NAME as typed after `minutes` (the
 * command's function is mn_cmd_NAME, cmd.h), SUMMARY one line for --help (N_, translated
 * where it is printed). */
#ifndef MN_COMMANDS_H
#define MN_COMMANDS_H

#define MN_COMMANDS(X)                                                                    \
  X (validate, N_("check session files against the schema and the rules"))                \
  X (render, N_("typeset an XSL-FO file into a PDF"))                                      \
  X (fo, N_("print the XSL-FO of a session (for any FO processor)"))                       \
  X (build, N_("validate, transform and typeset sessions into output/"))                   \
  X (import, N_("turn legacy minutes text into session XML"))                              \
  X (new, N_("start a new session file from the template"))                                \
  X (watch, N_("rebuild sessions whenever they or the stylesheets change"))

/* The core module's entry (run.c), looked up by the launcher with dlsym: runs the command
 * argv[0] (one of MN_COMMANDS) with its arguments; `data_opt` is --data-dir's value or NULL.
 * Returns an enum mn_exit code. */
#define MN_CORE_ENTRY "mn_core_run"
typedef int mn_core_run_fn (const char *data_opt, int argc, char **argv);

#endif
