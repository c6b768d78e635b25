/* cmdline.c: what the subcommands' option loops share (cmdline.h). */
#include "cmdline.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/i18n.h"
#include "base/infile.h"

int
mn_cmdline_value (const char **out, int argc, char **argv, int *i, const char *name,
                  const char *short_name)
{
  const char *a = argv[*i];
  size_t n = strlen (name);
  if ((strcmp (a, name) == 0 || (short_name && strcmp (a, short_name) == 0)) && *i + 1 < argc)
    {
      *out = argv[++*i];
      return 1;
    }
  if (strncmp (a, name, n) == 0 && a[n] == '=')
    {
      *out = a + n + 1;
      return 1;
    }
  return 0;
}

int
mn_cmdline_refuse_same (const char *in, const char *out, const char *opt)
{
  if (!in || !out || !mn_infile_same (in, out))
    return 0;
  mn_diag d = MN_DIAG_INIT;
  mn_error (&d, out, 0, _("%s names %s, which this command reads; writing it would destroy it: give %s another file"),
            opt, in, opt);
  return -1;
}
