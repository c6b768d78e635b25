/* fuzz_common.h: what the fuzz targets share — a scratch folder, the input written to a file
 * there (our loaders read files: the same path a user's file takes), a quiet diagnostics sink. */
#ifndef MN_FUZZ_COMMON_H
#define MN_FUZZ_COMMON_H

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/diag.h"
#include "session/load.h"
#include "base/paths.h"
#include "engine/render.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The scratch folder (created once, removed at exit). */
static char *fuzz_dir;

static void
fuzz_remove_dir (void)
{
  GDir *dir = fuzz_dir ? g_dir_open (fuzz_dir, 0, NULL) : NULL;
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    {
      char *p = g_build_filename (fuzz_dir, name, NULL);
      unlink (p);
      g_free (p);
    }
  if (dir)
    g_dir_close (dir);
  if (fuzz_dir)
    rmdir (fuzz_dir);
  g_free (fuzz_dir);
  fuzz_dir = NULL;
}

/* Once per process: the data folder (next to the build, or $MINUTES_DATA_DIR), the safe
 * loader, the scratch folder. */
static void
fuzz_init (void)
{
  if (fuzz_dir)
    return;
  if (mn_paths_init (NULL) != 0)
    {
      fprintf (stderr, "fuzz: cannot find the minutes data; set MINUTES_DATA_DIR\n");
      abort ();
    }
  mn_load_init ();
  fuzz_dir = g_dir_make_tmp ("minutes-fuzz-XXXXXX", NULL);
  if (!fuzz_dir)
    abort ();
  atexit (fuzz_remove_dir);
  atexit (mn_render_cleanup);  /* the fonts and Pango's font map, as `minutes` frees them at exit */
}

/* Write `data` to `name` in the scratch folder; returns the path (owned). */
static char *
fuzz_write (const char *name, const uint8_t *data, size_t size)
{
  char *path = g_build_filename (fuzz_dir, name, NULL);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();
  return path;
}

#endif
