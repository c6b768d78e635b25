/* cmdline.c: what the subcommands' option loops share (cmdline.h). */
#include "cmdline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

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
mn_cmdline_param (mn_params *params, const char *cmd, const char *val)
{
  if (mn_params_add (params, val) == 0)
    return 0;
  fprintf (stderr, _("minutes %s: --param needs NAME=VALUE (a name of letters, digits, '-' or '_'), not '%s'\n"),
           cmd, val);
  return -1;
}

int
mn_cmdline_jobs (long *out, const char *cmd, const char *val)
{
  char *end = NULL;
  errno = 0;
  long n = strtol (val, &end, 10);
  if (errno != 0 || end == val || *end != '\0' || n < 1 || n > 1024)
    {
      fprintf (stderr, _("minutes %s: -j needs a number of jobs from 1 to 1024, not '%s'\n"), cmd, val);
      return -1;
    }
  *out = n;
  return 0;
}

int
mn_cmdline_option (const char **name, const char **val, int argc, char **argv, int *i,
                   const char *const *names, size_t n)
{
  const char *a = argv[*i];
  for (size_t k = 0; k < n; k++)
    {
      size_t len = strlen (names[k]);
      if (strcmp (a, names[k]) == 0)
        {
          if (*i + 1 >= argc)
            {
              fprintf (stderr, _("minutes %s: option '%s' needs a value\n"), argv[0], a);
              return -1;
            }
          *name = names[k];
          *val = argv[++*i];
          return 1;
        }
      /* `--name=VALUE` (not for one-letter options: -o=x is no form of -o) */
      if (len > 2 && strncmp (a, names[k], len) == 0 && a[len] == '=')
        {
          *name = names[k];
          *val = a + len + 1;
          return 1;
        }
    }
  return 0;
}

int
mn_cmdline_unknown (char **argv, const char *a)
{
  fprintf (stderr, _("minutes %s: unknown option '%s'; see `minutes %s --help`\n"), argv[0], a,
           argv[0]);
  return MN_EXIT_USAGE;
}
