/* main.c: the `minutes` command line — global options, then one subcommand. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "base/signals.h"

struct command {
  const char *name;                 /* as typed after `minutes` */
  int (*run) (int argc, char **argv);
  const char *summary;              /* one line for --help, untranslated (N_) */
};

static const struct command commands[] = {
  { "validate", mn_cmd_validate, N_("check session files against the schema and the rules") },
  { "render", mn_cmd_render, N_("typeset an XSL-FO file into a PDF") },
  { "fo", mn_cmd_fo, N_("print the XSL-FO of a session (for any FO processor)") },
  { "build", mn_cmd_build, N_("validate, transform and typeset sessions into output/") },
  { "import", mn_cmd_import, N_("turn legacy minutes text into session XML") },
  { "new", mn_cmd_new, N_("start a new session file from the template") },
  { "watch", mn_cmd_watch, N_("rebuild sessions whenever they or the stylesheets change") },
};

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes [--data-dir DIR] COMMAND [OPTIONS] [FILE...]\n"
                  "Turns the XML record of a council session into its official minutes (PDF and HTML).\n\n"
                  "Commands:\n"));
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nOptions:\n"
                  "  --data-dir DIR  take the schema, stylesheets and fonts from DIR\n"
                  "  --version       print the version and exit\n"
                  "  --help          print this help and exit\n\n"
                  "`minutes COMMAND --help` describes each command.\n"));
}

/* Staff machines often lack the ja_JP.UTF-8 locale even when LANG asks for it:
 * fall back to C.UTF-8 and keep the language for gettext. */
static void
init_locale (void)
{
  if (setlocale (LC_ALL, "") == NULL)
    {
      const char *lang = getenv ("LC_ALL");
      if (!lang || !*lang)
        lang = getenv ("LC_MESSAGES");
      if (!lang || !*lang)
        lang = getenv ("LANG");
      setlocale (LC_ALL, "C.UTF-8");
      if (lang && *lang && !getenv ("LANGUAGE"))
        setenv ("LANGUAGE", lang, 1);
    }
}

int
main (int argc, char **argv)
{
  init_locale ();
  /* An interrupted command leaves no temporary file behind (signals.h). */
  mn_signals_install ();
  const char *data_opt = NULL;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--data-dir") == 0 && i + 1 < argc)
        data_opt = argv[++i];
      else if (strncmp (argv[i], "--data-dir=", 11) == 0)
        data_opt = argv[i] + 11;
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("minutes %s\n", MN_VERSION);
          return MN_EXIT_OK;
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          mn_paths_init (data_opt);
          bindtextdomain (MN_PACKAGE, mn_paths_locale_dir ());
          bind_textdomain_codeset (MN_PACKAGE, "UTF-8");
          textdomain (MN_PACKAGE);
          usage (stdout);
          return MN_EXIT_OK;
        }
      else
        break;
    }

  int found = mn_paths_init (data_opt);
  bindtextdomain (MN_PACKAGE, mn_paths_locale_dir ());
  bind_textdomain_codeset (MN_PACKAGE, "UTF-8");
  textdomain (MN_PACKAGE);

  if (i >= argc || argv[i][0] == '-')
    {
      if (i < argc)
        fprintf (stderr, _("minutes: unknown option '%s'\n"), argv[i]);
      usage (stderr);
      return MN_EXIT_USAGE;
    }
  for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      {
        if (found != 0)
          {
            fprintf (stderr, data_opt
                     ? _("minutes: error: '%s' holds no schema/session.xsd; give the folder of the minutes data with --data-dir\n")
                     : _("minutes: error: cannot find the minutes data (schema, stylesheets, fonts)%s; reinstall, or give its folder with --data-dir\n"),
                     data_opt ? data_opt : "");
            return MN_EXIT_ENV;
          }
        return commands[c].run (argc - i, argv + i);
      }
  fprintf (stderr, _("minutes: unknown command '%s'; run `minutes --help` for the list\n"), argv[i]);
  return MN_EXIT_USAGE;
}
