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
  mn_fo_opts o = MN_FO_OPTS_INIT;
  mn_params params = MN_PARAMS_INIT;
  GPtrArray *files = g_ptr_array_new ();
  int status = MN_EXIT_USAGE;
  const mn_cmdline_spec specs[] = {
    { "--output", "-o", MN_OPT_VALUE, NULL, &o.out_path, NULL },
    { "--param", NULL, MN_OPT_PARAM, NULL, NULL, NULL },
    { "--stylesheet", NULL, MN_OPT_VALUE, NULL, &o.stylesheet, NULL },
    { "--source-lines", NULL, MN_OPT_FLAG, &o.source_lines, NULL, NULL },
  };
  status = mn_cmdline_parse (files, &params, argc, argv, specs, G_N_ELEMENTS (specs), usage);
  if (status >= 0)
    goto out;
  status = MN_EXIT_USAGE;
  if (files->len != 1)
    {
      fprintf (stderr, _("minutes fo: name exactly one session file; see `minutes fo --help`\n"));
      goto out;
    }
  o.params = &params;
  mn_diag d = MN_DIAG_INIT;
  status = mn_exit_code (mn_fo (files->pdata[0], &o, &d));

out:
  mn_params_clear (&params);
  g_ptr_array_free (files, TRUE);
  mn_cleanup ();
  return status;
}
