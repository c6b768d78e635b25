/* search.c: DIR/pagefind/, the search index of a published folder, made by Pagefind.
 *
 * The index is no code of ours (the house rule: no home-made search index).  Pagefind indexes
 * the session pages as they are published — Japanese cut into words because the pages say
 * lang="ja", a filter for council, fiscal year and speaker and an anchor for every passage
 * from the pages' own attributes (xsl/session-html.xsl) — and its browser half answers the
 * queries (site/search.js).  Pagefind is an npm package, so it is run by node through a short
 * script of the installation (site/build-index.mjs); this file only starts it and says what
 * came of it.  Missing node or Pagefind is not an error: a machine without npm still builds
 * every PDF and page, and one line says the search was skipped. */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>

#include "base/i18n.h"
#include "base/paths.h"
#include "minutes.h"

/* What build-index.mjs exits with when Pagefind is not installed. */
#define NOT_INSTALLED 3

/* The first line of `text` (borrowed, changed in place), for a one-line message. */
static const char *
first_line (char *text)
{
  text[strcspn (text, "\n")] = '\0';
  return text;
}

/* Say the search index was skipped, and why (one line, on standard output: not an error). */
static void
skipped (const char *dir, const char *why)
{
  printf (_("%s: the search index was skipped: %s; the PDFs and pages are written\n"), dir, why);
}

int
mn_search_write (const char *dir, int quiet, mn_diag *d)
{
  int ret = 0;
  const char *chosen = g_getenv ("MINUTES_NODE");
  char *node = chosen && *chosen ? g_find_program_in_path (chosen)
               : chosen ? NULL : g_find_program_in_path ("node");
  char *script = mn_paths_data_file ("site/build-index.mjs");
  char *out = NULL, *err = NULL;
  GError *error = NULL;
  int status = 0;
  if (chosen && !*chosen)
    {
      skipped (dir, _("MINUTES_NODE is set empty"));
      goto out;
    }
  if (!node)
    {
      skipped (dir, _("node (Node.js) is not installed; run ./setup to install it"));
      goto out;
    }
  if (!g_file_test (script, G_FILE_TEST_IS_REGULAR))
    {
      skipped (dir, _("this installation has no site/build-index.mjs"));
      goto out;
    }
  char *argv[] = { node, script, (char *) dir, NULL };
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    {
      mn_error (d, dir, 0, _("cannot run %s to make the search index (%s); check Node.js is installed"),
                node, error->message);
      ret = MN_EIO;
      goto out;
    }
  if (g_spawn_check_wait_status (status, NULL))
    {
      if (!quiet)
        printf (_("written %s/%s/ (the search index) and %s/%s\n"), dir, MN_SEARCH_BUNDLE, dir,
                MN_SEARCH_SCRIPT);
    }
  else if (WIFEXITED (status) && WEXITSTATUS (status) == NOT_INSTALLED)
    skipped (dir, _("Pagefind is not installed; run ./setup (npm ci in site/) to install it"));
  else
    {
      mn_error (d, dir, 0, _("the search index could not be made: %s; the PDFs and pages are written, the previous search index is kept"),
                err && *err ? first_line (err) : _("Pagefind failed"));
      ret = MN_EIO;
    }
out:
  g_clear_error (&error);
  g_free (out);
  g_free (err);
  free (script);
  g_free (node);
  return ret;
}
