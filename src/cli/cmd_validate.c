/* cmd_validate.c: `minutes validate FILE...` — its options and help; each file is checked by
 * mn_validate, which reports every error. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cmd.h"

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes validate [-v] FILE...\n"
                  "Checks session files against schema/session.xsd and the rules of the session\n"
                  "format (numbers in order, each request answered, dates that agree, no empty\n"
                  "question or answer).  Every error is printed as FILE:LINE: error: …\n\n"
                  "  -v, --verbose  also say which files are valid\n"
                  "  -h, --help     print this help and exit\n\n"
                  "Exit status: 0 all files valid, 1 some file invalid, 2 a file could not be\n"
                  "read or the command line is wrong.\n"));
}

int
mn_cmd_validate (int argc, char **argv)
{
  int verbose = 0, first = 1;
  for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++)
    {
      if (strcmp (argv[first], "--") == 0)
        {
          first++;
          break;
        }
      if (strcmp (argv[first], "-v") == 0 || strcmp (argv[first], "--verbose") == 0)
        verbose = 1;
      else if (strcmp (argv[first], "-h") == 0 || strcmp (argv[first], "--help") == 0)
        {
          usage (stdout);
          return MN_EXIT_OK;
        }
      else
        {
          fprintf (stderr, _("minutes validate: unknown option '%s'\n"), argv[first]);
          usage (stderr);
          return MN_EXIT_USAGE;
        }
    }
  if (first >= argc)
    {
      fprintf (stderr, _("minutes validate: name at least one session file\n"));
      usage (stderr);
      return MN_EXIT_USAGE;
    }

  int worst = 0;
  for (int i = first; i < argc; i++)
    {
      mn_diag d = MN_DIAG_INIT;
      int rc = mn_validate (argv[i], &d);
      if (rc == 0 && verbose)
        printf (_("%s: valid\n"), argv[i]);
      worst = mn_error_worse (worst, rc);
      /* A broken installation fails every file alike: say it once. */
      if (rc == MN_EENV)
        break;
    }
  mn_cleanup ();
  return mn_exit_code (worst);
}
