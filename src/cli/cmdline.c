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

/* The spec of `a`, with `*val` its value when it has one (`--opt VALUE`, `-o VALUE`, or
 * `--opt=VALUE` for a long option; *i moves past the value).  NULL when `a` is no option of
 * the command, or its value is missing (then *missing is set). */
static const mn_cmdline_spec *
find_spec (const char **val, int *missing, int argc, char **argv, int *i,
           const mn_cmdline_spec *specs, size_t n)
{
  const char *a = argv[*i];
  for (size_t k = 0; k < n; k++)
    {
      const mn_cmdline_spec *sp = &specs[k];
      int with_value = sp->kind != MN_OPT_FLAG;
      size_t len = strlen (sp->name);
      if (strcmp (a, sp->name) == 0 || (sp->short_name && strcmp (a, sp->short_name) == 0))
        {
          if (!with_value)
            return sp;
          if (*i + 1 >= argc)
            {
              *missing = 1;
              return NULL;
            }
          *val = argv[++*i];
          return sp;
        }
      if (with_value && strncmp (a, sp->name, len) == 0 && a[len] == '=')
        {
          *val = a + len + 1;
          return sp;
        }
      /* -jN, the value glued to a one-letter option */
      if (sp->kind == MN_OPT_JOBS && sp->short_name && strncmp (a, sp->short_name, 2) == 0
          && a[2] >= '0' && a[2] <= '9')
        {
          *val = a + 2;
          return sp;
        }
    }
  return NULL;
}

int
mn_cmdline_parse (GPtrArray *files, mn_params *params, int argc, char **argv,
                  const mn_cmdline_spec *specs, size_t n, void (*usage) (FILE *))
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (strcmp (a, "--") == 0)
        {
          while (++i < argc)
            g_ptr_array_add (files, argv[i]);
          break;
        }
      if (a[0] != '-' || a[1] == '\0')
        {
          g_ptr_array_add (files, argv[i]);
          continue;
        }
      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          usage (stdout);
          return MN_EXIT_OK;
        }
      const char *val = NULL;
      int missing = 0;
      const mn_cmdline_spec *sp = find_spec (&val, &missing, argc, argv, &i, specs, n);
      if (missing)
        {
          fprintf (stderr, _("minutes %s: option '%s' needs a value\n"), argv[0], a);
          return MN_EXIT_USAGE;
        }
      if (!sp)
        {
          fprintf (stderr, _("minutes %s: unknown option '%s'; see `minutes %s --help`\n"),
                   argv[0], a, argv[0]);
          return MN_EXIT_USAGE;
        }
      int bad = 0;
      switch (sp->kind)
        {
        case MN_OPT_FLAG:
          *sp->flag = 1;
          break;
        case MN_OPT_VALUE:
          *sp->value = val;
          break;
        case MN_OPT_PARAM:
          bad = mn_cmdline_param (params, argv[0], val);
          break;
        case MN_OPT_JOBS:
          bad = mn_cmdline_jobs (sp->jobs, argv[0], val);
          break;
        }
      if (bad)
        return MN_EXIT_USAGE;
    }
  return -1;
}
