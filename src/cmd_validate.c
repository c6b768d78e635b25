/* cmd_validate.c: `minutes validate` (being written). */
#include <stdio.h>
#include "cmd.h"
#include "exitcode.h"
#include "i18n.h"
int
mn_cmd_validate (int argc, char **argv)
{
  fprintf (stderr, _("minutes: '%s' is not available in this build yet\n"), argv[0]);
  return MN_EXIT_INTERNAL;
}
