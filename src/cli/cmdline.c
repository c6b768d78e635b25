/* cmdline.c: what the subcommands' option loops share (cmdline.h). */
#include "cmdline.h"

#include <string.h>

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
