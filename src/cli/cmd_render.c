/* cmd_render.c: `minutes render FILE.fo -o OUT.pdf [--strict] [--dump-layout FILE]`. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmdline.h"
#include "base/diag.h"
#include "exitcode.h"
#include "base/i18n.h"
#include "base/infile.h"
#include "session/load.h"
#include "engine/render.h"

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
  if (mn_cmdline_refuse_same (in, out, "-o") != 0
      || mn_cmdline_refuse_same (in, opts.dump_layout, "--dump-layout") != 0)
    return MN_EXIT_USAGE;
  if (opts.dump_layout && mn_infile_same (out, opts.dump_layout))
    {
      mn_diag u = MN_DIAG_INIT;
      mn_error (&u, opts.dump_layout, 0, _("--dump-layout names the same file as -o; give the layout dump a file of its own"));
      return MN_EXIT_USAGE;
    }
  mn_diag d = MN_DIAG_INIT;
  d.strict = opts.strict;
  opts.source_name = in;
  /* The FO is read as safely as a session (load.h): no DTD, no entities, no other files,
   * size, depth and attribute limits; an FO file can come from anywhere. */
  xmlDocPtr doc = NULL;
  switch (mn_load_parse_xml (&doc, in, &d))
    {
    case 0:
      break;
    case MN_EIO:
      return MN_EXIT_USAGE;
    case MN_EINVALID:
    case MN_ELIMIT:
      return MN_EXIT_INVALID;
    default:
      return MN_EXIT_INTERNAL;
    }
  int rc = mn_render_pdf (out, doc, &opts, &d);
  xmlFreeDoc (doc);
  mn_render_cleanup ();
  mn_load_cleanup ();
  switch (rc)
    {
    case 0:
      return MN_EXIT_OK;
    case MN_EINVALID:
    case MN_ELIMIT:   /* a limit of docs/hardening.md (pages): the input is at fault */
      return MN_EXIT_INVALID;
    case MN_EFONT:
      return MN_EXIT_ENV;
    case MN_EIO:
      return MN_EXIT_USAGE;
    default:
      return MN_EXIT_INTERNAL;
    }
}
