/* cmd_build.c: `minutes build` — its options and help; the build is mn_archive_build. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive.h"
#include "archive/shard.h"
#include "base/i18n.h"
#include "cmd.h"
#include "cmdline.h"

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes build [-o DIR] [-j N] [--check | --shard K/N | --merge] [--param NAME=VALUE]... [--strict] [FILE.xml|FOLDER...]\n"
                  "Validate each session, turn it into its official minutes and write\n"
                  "DIR/NAME.pdf and DIR/NAME.html, then DIR/index.html (by council and fiscal\n"
                  "year, newest first, with a search form) and DIR/SHA256SUMS (the sha256 of\n"
                  "index.html and of the PDF and HTML of every session it lists, as sha256sum\n"
                  "writes), and last the search index DIR/pagefind/ and DIR/search.js (made with\n"
                  "Pagefind where node and ./setup's npm packages are installed; else one line\n"
                  "says it was skipped; MINUTES_NODE= skips it).\n"
                  "With no FILE, every input/*.xml of the current folder is built; a FOLDER\n"
                  "stands for its *.xml.\n\n"
                  "Options:\n"
                  "  -o, --output DIR      write into DIR instead of output/\n"
                  "  -j, --jobs N          build N sessions at a time (default: one per core)\n"
                  "  --check               rebuild into a temporary folder and compare it, and every\n"
                  "                        file of DIR, with DIR/SHA256SUMS: each file changed,\n"
                  "                        missing or not recorded is named; DIR is left as it is\n"
                  "  --shard K/N           build only shard K of N of the sessions (chosen by name)\n"
                  "                        and write DIR/SHA256SUMS.K-of-N instead of the index\n"
                  "                        and the sums\n"
                  "  --merge               build nothing: check the parts SHA256SUMS.1-of-N to\n"
                  "                        N-of-N gathered in DIR are whole, then write\n"
                  "                        DIR/index.html and DIR/SHA256SUMS\n"
                  "  --param NAME=VALUE    set a look of the minutes (paper, base-font-size,\n"
                  "                        body-font-family, heading-font-family, header-text,\n"
                  "                        margin-top, ...; docs/stylesheets.md lists them all)\n"
                  "  --strict              treat warnings of the typesetting engine as errors\n"
                  "  --help                print this help and exit\n\n"
                  "A session that fails leaves its previous PDF and HTML as they were; the others\n"
                  "are still built, and the exit status is non-zero.\n"));
}

/* `--shard K/N`: two whole numbers, 1 <= K <= N <= MN_SHARD_MAX.  Returns 0, or -1 after
 * saying what is wrong. */
static int
parse_shard (unsigned *k, unsigned *n, const char *val)
{
  char *end = NULL;
  unsigned long kk = 0, nn = 0;
  if (val[0] >= '1' && val[0] <= '9')
    kk = strtoul (val, &end, 10);
  if (end && *end == '/' && end[1] >= '1' && end[1] <= '9')
    nn = strtoul (end + 1, &end, 10);
  if (nn == 0 || *end != '\0' || kk > nn || nn > MN_SHARD_MAX)
    {
      fprintf (stderr, _("minutes build: --shard needs K/N, shard K of N with 1 <= K <= N <= %u (e.g. --shard 2/3), not '%s'\n"),
               MN_SHARD_MAX, val);
      return -1;
    }
  *k = (unsigned) kk;
  *n = (unsigned) nn;
  return 0;
}

int
mn_cmd_build (int argc, char **argv)
{
  mn_archive_opts o = MN_ARCHIVE_OPTS_INIT;
  mn_params params = MN_PARAMS_INIT;
  const char *shard = NULL;
  GPtrArray *files = g_ptr_array_new ();
  int status = MN_EXIT_USAGE;
  const mn_cmdline_spec specs[] = {
    { "--output", "-o", MN_OPT_VALUE, NULL, &o.out_dir, NULL },
    { "--param", NULL, MN_OPT_PARAM, NULL, NULL, NULL },
    { "--jobs", "-j", MN_OPT_JOBS, NULL, NULL, &o.jobs },
    { "--strict", NULL, MN_OPT_FLAG, &o.strict, NULL, NULL },
    { "--check", NULL, MN_OPT_FLAG, &o.check, NULL, NULL },
    { "--shard", NULL, MN_OPT_VALUE, NULL, &shard, NULL },
    { "--merge", NULL, MN_OPT_FLAG, &o.merge, NULL, NULL },
  };
  status = mn_cmdline_parse (files, &params, argc, argv, specs, G_N_ELEMENTS (specs), usage);
  if (status >= 0)
    goto out;
  status = MN_EXIT_USAGE;
  if (shard && parse_shard (&o.shard_k, &o.shard_n, shard) != 0)
    goto out;
  if ((o.check != 0) + (shard != NULL) + (o.merge != 0) > 1)
    {
      fprintf (stderr, _("minutes build: --check, --shard and --merge are three different builds; give one of them\n"));
      goto out;
    }
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
