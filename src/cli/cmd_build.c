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
  mn_archive_opts o = MN_ARCHIVE_OPTS_INIT;
  mn_params params = MN_PARAMS_INIT;
  GPtrArray *files = g_ptr_array_new ();
  int status = MN_EXIT_USAGE;
  const mn_cmdline_spec specs[] = {
    { "--output", "-o", MN_OPT_VALUE, NULL, &o.out_dir, NULL },
    { "--param", NULL, MN_OPT_PARAM, NULL, NULL, NULL },
    { "--jobs", "-j", MN_OPT_JOBS, NULL, NULL, &o.jobs },
    { "--strict", NULL, MN_OPT_FLAG, &o.strict, NULL, NULL },
    { "--check", NULL, MN_OPT_FLAG, &o.check, NULL, NULL },
  };
  status = mn_cmdline_parse (files, &params, argc, argv, specs, G_N_ELEMENTS (specs), usage);
  if (status >= 0)
    goto out;
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
