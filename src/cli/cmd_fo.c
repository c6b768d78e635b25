/* cmd_fo.c: `minutes fo` — its options and help; the FO is made by mn_fo. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cmd.h"
#include "cmdline.h"

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes fo [-o OUT.fo] [--param NAME=VALUE]... [--stylesheet FILE.xsl] FILE.xml\n"
                  "Validate a session and print its XSL-FO (the official minutes before typesetting),\n"
                  "for `minutes render` or any XSL-FO processor such as Apache FOP.\n\n"
                  "Options:\n"
                  "  -o, --output OUT.fo   write the FO into OUT.fo instead of printing it\n"
                  "  --param NAME=VALUE    set a look of the minutes (see `minutes build --help`)\n"
                  "  --stylesheet FILE     use FILE instead of the data folder's xsl/session-fo.xsl;\n"
                  "                        it may read only its own folder, xsl/ and the session's folder\n"
                  "  --source-lines        keep the mx:line attributes that tell `minutes render` the\n"
                  "                        session line of each block (other FO processors reject them)\n"
                  "  --help                print this help and exit\n"));
}

int
mn_cmd_fo (int argc, char **argv)
{
  static const char *const with_value[] = { "-o", "--output", "--param", "--stylesheet" };
  mn_fo_opts o = MN_FO_OPTS_INIT;
  mn_params params = MN_PARAMS_INIT;
  const char *file = NULL;
  int nfiles = 0;
  int status = MN_EXIT_USAGE;
  int i = 1;
  for (; i < argc; i++)
    {
      const char *a = argv[i];
      const char *name = NULL, *val = NULL;
      int got;
      if (strcmp (a, "--") == 0)
        {
          i++;
          break;
        }
      if (a[0] != '-' || strcmp (a, "-") == 0)
        file = nfiles++ ? file : a;
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          status = MN_EXIT_OK;
          goto out;
        }
      else if (strcmp (a, "--source-lines") == 0)
        o.source_lines = 1;
      else if ((got = mn_cmdline_option (&name, &val, argc, argv, &i, with_value,
                                         G_N_ELEMENTS (with_value))) < 0)
        goto out;
      else if (got == 0)
        {
          status = mn_cmdline_unknown (argv, a);
          goto out;
        }
      else if (strcmp (name, "--param") == 0)
        {
          if (mn_cmdline_param (&params, argv[0], val) != 0)
            goto out;
        }
      else if (strcmp (name, "--stylesheet") == 0)
        o.stylesheet = val;
      else
        o.out_path = val;
    }
  for (; i < argc; i++)
    file = nfiles++ ? file : argv[i];
  if (nfiles != 1)
    {
      fprintf (stderr, _("minutes fo: name exactly one session file; see `minutes fo --help`\n"));
      goto out;
    }

  o.params = &params;
  mn_diag d = MN_DIAG_INIT;
  status = mn_exit_code (mn_fo (file, &o, &d));

out:
  mn_params_clear (&params);
  mn_cleanup ();
  return status;
}
