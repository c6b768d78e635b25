/* paths.c: finding the data folder and the message catalogs, never relative to the current folder. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"

static char data_dir[PATH_MAX];
static char locale_dir[PATH_MAX];

static int
is_file (const char *dir, const char *rel)
{
  char p[PATH_MAX];
  if (snprintf (p, sizeof p, "%s/%s", dir, rel) >= (int) sizeof p)
    return 0;
  return access (p, R_OK) == 0;
}

static int
take (char *dst, const char *dir)
{
  char real[PATH_MAX];
  if (!dir || !*dir || !realpath (dir, real) || !is_file (real, "schema/session.xsd"))
    return 0;
  snprintf (dst, PATH_MAX, "%s", real);
  return 1;
}

/* The folder the running program lives in, from /proc/self/exe. */
static int
exe_dir (char *out)
{
  ssize_t n = readlink ("/proc/self/exe", out, PATH_MAX - 1);
  if (n <= 0)
    return 0;
  out[n] = '\0';
  char *slash = strrchr (out, '/');
  if (!slash)
    return 0;
  *slash = '\0';
  return 1;
}

int
mn_paths_init (const char *option)
{
  char exe[PATH_MAX], cand[PATH_MAX + 32];
  int have_exe = exe_dir (exe);
  /* A program still in its build tree sits in MN_BUILD_ROOT (or below it). */
  int in_build_tree = have_exe && strncmp (exe, MN_BUILD_ROOT, strlen (MN_BUILD_ROOT)) == 0;

  /* Messages: the build tree's compiled catalogs, else the installed ones
   * (relative to the program first, for DESTDIR installs). */
  snprintf (locale_dir, sizeof locale_dir, "%s", MN_LOCALEDIR);
  if (in_build_tree)
    snprintf (locale_dir, sizeof locale_dir, "%s/po", MN_BUILD_ROOT);
  else if (have_exe)
    {
      snprintf (cand, sizeof cand, "%s/../share/locale", exe);
      char real[PATH_MAX];
      if (realpath (cand, real) && is_file (real, "ja/LC_MESSAGES/minutes.mo"))
        snprintf (locale_dir, sizeof locale_dir, "%s", real);
    }

  /* 1-4, first that holds the schema wins. */
  if (option)
    {
      if (!take (data_dir, option))
        return MN_EIO;
    }
  else if (!take (data_dir, getenv ("MINUTES_DATA_DIR")))
    {
      int found = 0;
      if (in_build_tree)
        found = take (data_dir, MN_SOURCE_ROOT);
      if (!found && have_exe)
        {
          snprintf (cand, sizeof cand, "%s/../share/minutes", exe);
          found = take (data_dir, cand);
        }
      if (!found)
        found = take (data_dir, MN_DATADIR);
      if (!found)
        return MN_EIO;
    }

  return 0;
}

const char *
mn_paths_data_dir (void)
{
  return data_dir;
}

const char *
mn_paths_locale_dir (void)
{
  return locale_dir;
}

char *
mn_paths_data_file (const char *rel)
{
  char *p = NULL;
  if (asprintf (&p, "%s/%s", data_dir, rel) < 0)
    return NULL;
  return p;
}
