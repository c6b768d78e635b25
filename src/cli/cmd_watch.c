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
  const mn_cmdline_spec specs[] = {
    { "--output", "-o", MN_OPT_VALUE, NULL, &o.out_dir, NULL },
    { "--param", NULL, MN_OPT_PARAM, NULL, NULL, NULL },
    { "--strict", NULL, MN_OPT_FLAG, &o.strict, NULL, NULL },
  };
  status = mn_cmdline_parse (files, &params, argc, argv, specs, G_N_ELEMENTS (specs), usage);
  if (status >= 0)
    goto out;
  o.params = &params;
  mn_diag d = MN_DIAG_INIT;
  status = mn_exit_code (mn_archive_watch ((char **) files->pdata, files->len, &o, &d));

out:
  mn_params_clear (&params);
  g_ptr_array_free (files, TRUE);
  mn_cleanup ();
  return status;
}
