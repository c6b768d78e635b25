/* cmd_build.c: `minutes build` — its options and help; the build is mn_archive_build. */
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
  fprintf (out, _("Usage: minutes build [-o DIR] [-j N] [--check] [--param NAME=VALUE]... [--strict] [FILE.xml|FOLDER...]\n"
                  "Validate each session, turn it into its official minutes and write\n"
                  "DIR/NAME.pdf and DIR/NAME.html, then DIR/index.html (newest first) and\n"
                  "DIR/SHA256SUMS (the sha256 of every PDF and HTML in DIR, as sha256sum writes).\n"
                  "With no FILE, every input/*.xml of the current folder is built; a FOLDER\n"
                  "stands for its *.xml.\n\n"
                  "Options:\n"
                  "  -o, --output DIR      write into DIR instead of output/\n"
                  "  -j, --jobs N          build N sessions at a time (default: one per core)\n"
                  "  --check               rebuild into a temporary folder and compare every file\n"
                  "                        with DIR/SHA256SUMS; DIR is left as it is\n"
                  "  --param NAME=VALUE    set a look of the minutes (paper, base-font-size,\n"
                  "                        body-font-family, heading-font-family, header-text,\n"
                  "                        margin-top, ...; docs/stylesheets.md lists them all)\n"
                  "  --strict              treat warnings of the typesetting engine as errors\n"
                  "  --help                print this help and exit\n\n"
                  "A session that fails leaves its previous PDF and HTML as they were; the others\n"
                  "are still built, and the exit status is non-zero.\n"));
}

int
mn_cmd_build (int argc, char **argv)
{
  static const char *const with_value[] = { "-o", "--output", "--param", "-j", "--jobs" };
  mn_archive_opts o = MN_ARCHIVE_OPTS_INIT;
  mn_params params = MN_PARAMS_INIT;
  GPtrArray *files = g_ptr_array_new ();
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
        g_ptr_array_add (files, argv[i]);
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          status = MN_EXIT_OK;
          goto out;
        }
      else if (strcmp (a, "--strict") == 0)
        o.strict = 1;
      else if (strcmp (a, "--check") == 0)
        o.check = 1;
      else if (strncmp (a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9')
        {
          if (mn_cmdline_jobs (&o.jobs, argv[0], a + 2) != 0)
            goto out;
        }
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
      else if (strcmp (name, "-j") == 0 || strcmp (name, "--jobs") == 0)
        {
          if (mn_cmdline_jobs (&o.jobs, argv[0], val) != 0)
            goto out;
        }
      else
        o.out_dir = val;
    }
  for (; i < argc; i++)
    g_ptr_array_add (files, argv[i]);

  o.params = &params;
  mn_diag d = MN_DIAG_INIT;
  mn_archive_report rep = MN_ARCHIVE_REPORT_INIT;
  status = mn_exit_code (mn_archive_build (&rep, (char **) files->pdata, files->len, &o, &d));
  mn_archive_report_clear (&rep);

out:
  mn_params_clear (&params);
  g_ptr_array_free (files, TRUE);
  mn_cleanup ();
  return status;
}
