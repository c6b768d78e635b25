/* run.c: the core module's entry — one subcommand, with the data folder, the message
 * catalog and the signal handlers set up first.  main.c (the launcher) loads the module
 * only for a command, so `minutes --version` and `--help` load no library but libc. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "commands.h"
#include "config.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "base/signals.h"

mn_core_run_fn mn_core_run;

struct command {
  const char *name;                   /* as typed after `minutes` */
  int (*run) (int argc, char **argv);
};

#define MN_RUN_ENTRY(name, summary) { #name, mn_cmd_##name },
static const struct command commands[] = { MN_COMMANDS (MN_RUN_ENTRY) };

int
mn_core_run (const char *data_opt, int argc, char **argv)
{
  /* An interrupted command leaves no temporary file behind (signals.h). */
  mn_signals_install ();
  int found = mn_paths_init (data_opt);
  bindtextdomain (MN_PACKAGE, mn_paths_locale_dir ());
  bind_textdomain_codeset (MN_PACKAGE, "UTF-8");
  textdomain (MN_PACKAGE);
  for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
    if (strcmp (argv[0], commands[c].name) == 0)
      {
        if (found != 0)
          {
            fprintf (stderr, data_opt
                     ? _("minutes: error: '%s' holds no schema/session.xsd; give the folder of the minutes data with --data-dir\n")
                     : _("minutes: error: cannot find the minutes data (schema, stylesheets, fonts)%s; reinstall, or give its folder with --data-dir\n"),
                     data_opt ? data_opt : "");
            return MN_EXIT_ENV;
          }
        return commands[c].run (argc, argv);
      }
  return MN_EXIT_USAGE;   /* (the launcher lets only the names of MN_COMMANDS through) */
}
