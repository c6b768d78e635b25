/* cmd_new.c: `minutes new` — its options and help; the file is made by mn_new_session. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "base/i18n.h"
#include "minutes.h"

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes new [--council NAME] FILE.xml\n"
                  "Writes a new session file from the template.  Replace every 「ここに記入」 in it,\n"
                  "then check it with `minutes validate FILE.xml`: it names each place still to fill.\n\n"
                  "Options:\n"
                  "  --council NAME  write NAME as the council (会議体の名称)\n"
                  "  --help          print this help and exit\n\n"
                  "An existing FILE.xml is never overwritten.\n"));
}

int
mn_cmd_new (int argc, char **argv)
{
  const char *council = NULL, *file = NULL;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          usage (stdout);
          return MN_EXIT_OK;
        }
      else if (mn_cmdline_value (&council, argc, argv, &i, "--council", NULL))
        continue;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, _("minutes new: unknown option '%s'\n"), argv[i]);
          usage (stderr);
          return MN_EXIT_USAGE;
        }
      else if (!file)
        file = argv[i];
      else
        {
          fprintf (stderr, _("minutes new: give one file only (got '%s' and '%s')\n"), file, argv[i]);
          return MN_EXIT_USAGE;
        }
    }
  if (!file)
    {
      usage (stderr);
      return MN_EXIT_USAGE;
    }

  mn_diag d = MN_DIAG_INIT;
  int err = mn_new_session (file, council, &d);
  if (err == 0)
    printf (_("%s: written. Replace each 「ここに記入」 with the session's text, then run: minutes validate %s\n"),
            file, file);
  return mn_exit_code (err);
}
