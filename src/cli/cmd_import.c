/* cmd_import.c: `minutes import FILE.txt -o FILE.xml [--encoding ENC]`. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "cmd.h"
#include "cmdline.h"
#include "base/diag.h"
#include "exitcode.h"
#include "base/i18n.h"
#include "import/import.h"
#include "session/load.h"

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

  if (mn_cmdline_refuse_same (input, output, "-o") != 0)
    return MN_EXIT_USAGE;
  mn_diag d = MN_DIAG_INIT;
  /* An imported session is corrected by hand (README: "Importing past minutes"): importing
   * again must never overwrite those corrections.  So -o names a new file; mn_import_save
   * makes sure of it again when it writes (the file may appear meanwhile). */
  struct stat st;
  if (lstat (output, &st) == 0)
    {
      mn_error (&d, output, 0, _("this file exists, and import never replaces a file (it may hold corrections made by hand): remove it first, or give -o a new name"));
      return MN_EXIT_USAGE;
    }
  xmlDocPtr doc = NULL;
  int rc = mn_import_load (&doc, input, &opt, &d);
  if (rc == MN_EIO)
    return MN_EXIT_USAGE;
  if (rc != 0)
    return MN_EXIT_INVALID;
  rc = mn_import_save (doc, output, &d);
  xmlFreeDoc (doc);
  if (rc != 0)
    return MN_EXIT_USAGE;

  /* What we wrote must pass `minutes validate`.  When the source itself is wrong (a weekday
   * that is not the date's, a request without its answer) it does not: the new file stays,
   * so it can be corrected by hand, and the errors point into it. */
  xmlDocPtr check = NULL;
  rc = mn_load_session (&check, output, &d);
  xmlFreeDoc (check);
  mn_load_cleanup ();
  if (rc == MN_EFAIL)
    return MN_EXIT_ENV;
  if (rc != 0)
    {
      mn_error (&d, output, 0, _("the imported session does not pass `minutes validate` (see above); it was written so you can correct it, then run `minutes validate` again"));
      return MN_EXIT_INVALID;
    }
  return MN_EXIT_OK;
}
