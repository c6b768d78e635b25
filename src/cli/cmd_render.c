/* cmd_render.c: `minutes render FILE.fo -o OUT.pdf [--strict] [--dump-layout FILE]` — its options
 * and help; the typesetting is mn_render. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cmd.h"
#include "cmdline.h"

static void
help (FILE *out)
{
  fprintf (out, _("Usage: minutes render FILE.fo -o OUT.pdf [--strict] [--dump-layout FILE]\n"
                  "Typesets an XSL-FO document (the subset in docs/fo-subset.md) into a PDF.\n\n"
                  "  -o, --output FILE     the PDF to write (written whole or not at all)\n"
                  "  --strict              constructs outside the FO subset are errors, not warnings\n"
                  "  --dump-layout FILE    also write the laid-out pages as text (for tests)\n"
                  "  --help                print this help\n"));
}

int
mn_cmd_render (int argc, char **argv)
{
  const char *in = NULL, *out = NULL;
  mn_render_opts opts = MN_RENDER_OPTS_INIT;
  for (int i = 1; i < argc; i++)
    {
      if (!strcmp (argv[i], "--help") || !strcmp (argv[i], "-h"))
        {
          help (stdout);
          return MN_EXIT_OK;
        }
      else if (mn_cmdline_value (&out, argc, argv, &i, "--output", "-o"))
        continue;
      else if (!strcmp (argv[i], "--strict"))
        opts.strict = 1;
      else if (mn_cmdline_value (&opts.dump_layout, argc, argv, &i, "--dump-layout", NULL))
        continue;
      else if (argv[i][0] == '-' && argv[i][1])
        {
          fprintf (stderr, _("minutes render: unknown option '%s'\n"), argv[i]);
          help (stderr);
          return MN_EXIT_USAGE;
        }
      else if (!in)
        in = argv[i];
      else
        {
          fprintf (stderr, _("minutes render: one FO file at a time ('%s' is extra)\n"), argv[i]);
          return MN_EXIT_USAGE;
        }
    }
  if (!in || !out)
    {
      help (stderr);
      return MN_EXIT_USAGE;
    }
  mn_diag d = MN_DIAG_INIT;
  d.strict = opts.strict;
  int rc = mn_render (in, out, &opts, &d);
  mn_cleanup ();
  return mn_exit_code (rc);
}
