/* main.c: the `minutes` command line — global options, then one subcommand.
 *
 * The program is a launcher and a module.  This file is the launcher: it links libc only,
 * answers --version and --help itself, and for a command loads the core module
 * (minutes-core.so: the pipeline, with libxml2, libxslt, Pango, Cairo, qpdf, HarfBuzz and
 * what they need — sixty libraries) and calls its entry (run.c).  Loading those libraries
 * is most of what a small command costs before it starts (about 10 ms); --version and
 * --help need none of them.  The module is looked for next to the program (the build tree),
 * then under the program's ../LIBDIR/minutes (an install, also under DESTDIR), then in the
 * configured LIBDIR/minutes. */
#include <dlfcn.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#include "minutes.h"
#include "base/i18n.h"
#include "base/paths.h"

struct command {
  const char *name;                 /* as typed after `minutes` */
  const char *summary;              /* one line for --help, untranslated (N_) */
};

#define MN_HELP_ENTRY(name, summary) { #name, summary },
static const struct command commands[] = { MN_COMMANDS (MN_HELP_ENTRY) };

static void
usage (FILE *out)
{
  fprintf (out, _("Usage: minutes [--data-dir DIR] COMMAND [OPTIONS] [FILE...]\n"
                  "Turns the XML record of a council session into its official minutes (PDF and HTML).\n\n"
                  "Commands:\n"));
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nOptions:\n"
                  "  --data-dir DIR  take the schema, stylesheets and fonts from DIR\n"
                  "  --version       print the version and exit\n"
                  "  --help          print this help and exit\n\n"
                  "`minutes COMMAND --help` describes each command.\n"));
}

/* Staff machines often lack the ja_JP.UTF-8 locale even when LANG asks for it:
 * fall back to C.UTF-8 and keep the language for gettext. */
static void
init_locale (void)
{
  if (setlocale (LC_ALL, "") == NULL)
    {
      const char *lang = getenv ("LC_ALL");
      if (!lang || !*lang)
        lang = getenv ("LC_MESSAGES");
      if (!lang || !*lang)
        lang = getenv ("LANG");
      setlocale (LC_ALL, "C.UTF-8");
      if (lang && *lang && !getenv ("LANGUAGE"))
        setenv ("LANGUAGE", lang, 1);
    }
}

static void
init_messages (const char *data_opt)
{
  mn_paths_init (data_opt);
  bindtextdomain (MN_PACKAGE, mn_paths_locale_dir ());
  bind_textdomain_codeset (MN_PACKAGE, "UTF-8");
  textdomain (MN_PACKAGE);
}

/* The core module, opened (the first of the places in the comment above that holds one),
 * or NULL with the last dlopen error in `why` (borrowed). */
static void *
open_core (const char **why)
{
  char exe[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  const char *candidates[3];
  int count = 0;
  char beside[PATH_MAX + 64], installed[PATH_MAX + 64];
  if (n > 0)
    {
      exe[n] = '\0';
      char *slash = strrchr (exe, '/');
      if (slash)
        {
          *slash = '\0';
          snprintf (beside, sizeof beside, "%s/" MN_CORE_NAME, exe);
          snprintf (installed, sizeof installed, "%s/../" MN_CORE_LIBDIR_REL "/" MN_CORE_NAME, exe);
          candidates[count++] = beside;
          candidates[count++] = installed;
        }
    }
  candidates[count++] = MN_CORE_LIBDIR "/" MN_CORE_NAME;
  *why = NULL;
  for (int i = 0; i < count; i++)
    {
      if (access (candidates[i], R_OK) != 0)
        continue;
      void *core = dlopen (candidates[i], RTLD_LAZY | RTLD_LOCAL);
      if (core)
        return core;
      *why = dlerror ();
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  init_locale ();
  const char *data_opt = NULL;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--data-dir") == 0 && i + 1 < argc)
        data_opt = argv[++i];
      else if (strncmp (argv[i], "--data-dir=", 11) == 0)
        data_opt = argv[i] + 11;
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("minutes %s\n", MN_VERSION);
          return MN_EXIT_OK;
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          init_messages (data_opt);
          usage (stdout);
          return MN_EXIT_OK;
        }
      else
        break;
    }

  if (i >= argc || argv[i][0] == '-')
    {
      init_messages (data_opt);
      if (i < argc)
        fprintf (stderr, _("minutes: unknown option '%s'\n"), argv[i]);
      usage (stderr);
      return MN_EXIT_USAGE;
    }
  int known = 0;
  for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
    known |= strcmp (argv[i], commands[c].name) == 0;
  if (!known)
    {
      init_messages (data_opt);
      fprintf (stderr, _("minutes: unknown command '%s'; run `minutes --help` for the list\n"), argv[i]);
      return MN_EXIT_USAGE;
    }
  const char *why = NULL;
  void *core = open_core (&why);
  mn_core_run_fn *run = core ? (mn_core_run_fn *) dlsym (core, MN_CORE_ENTRY) : NULL;
  if (!run)
    {
      init_messages (data_opt);
      fprintf (stderr, _("minutes: error: cannot load the program's module %s (%s); reinstall minutes\n"),
               MN_CORE_NAME, why ? why : core ? MN_CORE_ENTRY : _("not found"));
      return MN_EXIT_ENV;
    }
  /* the module stays loaded until exit: its atexit handlers and threads live in it */
  return run (data_opt, argc - i, argv + i);
}
