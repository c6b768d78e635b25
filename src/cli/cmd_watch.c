/* cmd_watch.c: `minutes watch` — its options and help; the watch is mn_archive_watch. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "archive/archive.h"
#include "base/i18n.h"
#include "cmd.h"
#include "cmdline.h"

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes watch [-o DIR] [--param NAME=VALUE]... [--strict] [FILE.xml ...]\n"
                  "Builds each session, then rebuilds it whenever it is saved or the stylesheets change,\n"
                  "printing one line per build: the time taken, or that it failed below its errors.\n"
                  "Errors never stop the watch; press Ctrl-C to stop it.\n"
                  "With no FILE, watches every *.xml in input/ (new files too).\n\n"
                  "Options (passed on to `minutes build`):\n"
                  "  -o, --output DIR      write into DIR instead of output/\n"
                  "  --param NAME=VALUE    set a look of the minutes (see `minutes build --help`)\n"
                  "  --strict              treat warnings of the typesetting engine as errors\n"
                  "  --help                print this help and exit\n"));
}

int
mn_cmd_watch (int argc, char **argv)
{
  GPtrArray *files = g_ptr_array_new ();
  mn_params params = MN_PARAMS_INIT;
  mn_archive_opts o = MN_ARCHIVE_OPTS_INIT;
  int status = MN_EXIT_USAGE;
  int only_files = 0;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *val = NULL;
      if (only_files || a[0] != '-' || a[1] == '\0')
        g_ptr_array_add (files, argv[i]);
      else if (strcmp (a, "--") == 0)
        only_files = 1;
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          status = MN_EXIT_OK;
          goto out;
        }
      else if (strcmp (a, "--strict") == 0)
        o.strict = 1;
      else if (mn_cmdline_value (&o.out_dir, argc, argv, &i, "--output", "-o"))
        continue;
      else if (mn_cmdline_value (&val, argc, argv, &i, "--param", NULL))
        {
          if (mn_cmdline_param (&params, argv[0], val) != 0)
            goto out;
        }
      else
        {
          fprintf (stderr, _("minutes watch: unknown option '%s'\n"), a);
          usage (stderr);
          goto out;
        }
    }
  o.params = &params;
  mn_diag d = MN_DIAG_INIT;
  status = mn_exit_code (mn_archive_watch ((char **) files->pdata, files->len, &o, &d));

out:
  mn_params_clear (&params);
  g_ptr_array_free (files, TRUE);
  mn_cleanup ();
  return status;
}
