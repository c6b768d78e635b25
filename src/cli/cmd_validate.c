/* cmd_validate.c: `minutes validate FILE...` — check session files, report every error. */
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "base/diag.h"
#include "exitcode.h"
#include "base/i18n.h"
#include "session/load.h"

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

  int status = MN_EXIT_OK;
  for (int i = first; i < argc; i++)
    {
      mn_diag d = MN_DIAG_INIT;
      xmlDocPtr doc = NULL;
      int rc = mn_load_session (&doc, argv[i], &d);
      xmlFreeDoc (doc);
      if (rc == 0)
        {
          if (verbose)
            printf (_("%s: valid\n"), argv[i]);
          continue;
        }
      /* The worst outcome decides: broken install > unreadable > invalid. */
      int code = rc == MN_EIO ? MN_EXIT_USAGE
                 : rc == MN_EFAIL ? MN_EXIT_ENV
                 : MN_EXIT_INVALID;
      if (code == MN_EXIT_ENV)
        {
          status = code;
          break;
        }
      if (status == MN_EXIT_OK || (status == MN_EXIT_INVALID && code == MN_EXIT_USAGE))
        status = code;
    }
  mn_load_cleanup ();
  return status;
}
