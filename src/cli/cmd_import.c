/* cmd_import.c: `minutes import FILE.txt -o FILE.xml [--encoding ENC]` — its options and help;
 * the import is mn_import. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cmd.h"
#include "cmdline.h"

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes import FILE.txt -o FILE.xml [--encoding ENC]\n"
                  "Reads legacy minutes text (the 会議録 table form with 名称/日時/諮問事項N/意見/要望N,\n"
                  "or a verbatim record of ○speaker turns) and writes session XML.\n"
                  "Text that cannot be placed with confidence is kept as a paragraph, with a warning.\n\n"
                  "Options:\n"
                  "  -o, --output FILE   the session XML to write: a new file (an existing file is\n"
                  "                      never replaced: it may hold corrections made by hand)\n"
                  "  --encoding ENC      the text's encoding: UTF-8 (default, with or without BOM),\n"
                  "                      SHIFT_JIS, CP932, EUC-JP …\n"
                  "  --help              print this help and exit\n"));
}

int
mn_cmd_import (int argc, char **argv)
{
  const char *input = NULL, *output = NULL;
  mn_import_options opt = MN_IMPORT_OPTIONS_INIT;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          return MN_EXIT_OK;
        }
      else if (mn_cmdline_value (&output, argc, argv, &i, "--output", "-o")
               || mn_cmdline_value (&opt.encoding, argc, argv, &i, "--encoding", NULL))
        continue;
      else if (a[0] == '-' && a[1] != '\0')
        {
          fprintf (stderr, _("minutes import: unknown option '%s'; run `minutes import --help`\n"), a);
          return MN_EXIT_USAGE;
        }
      else if (!input)
        input = a;
      else
        {
          fprintf (stderr, _("minutes import: one text file at a time ('%s' is one too many)\n"), a);
          return MN_EXIT_USAGE;
        }
    }
  if (!input || !output)
    {
      fprintf (stderr, _("minutes import: give the text to read and the XML to write: minutes import FILE.txt -o FILE.xml\n"));
      return MN_EXIT_USAGE;
    }

  mn_diag d = MN_DIAG_INIT;
  int rc = mn_import (input, output, &opt, &d);
  mn_cleanup ();
  return mn_exit_code (rc);
}
