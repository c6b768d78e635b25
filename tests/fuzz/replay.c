/* replay.c: run files (or every file of folders) through one fuzz target's entry point,
 * without libFuzzer — built with the ordinary compiler, run by `meson test --suite
 * fuzz-replay` over the corpora, so every crash the fuzzers ever found stays fixed. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
run_file (const char *path)
{
  char *bytes = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &bytes, &len, NULL))
    {
      fprintf (stderr, "replay: cannot read %s\n", path);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) bytes, len);
  g_free (bytes);
  return 0;
}

static gint
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

int
main (int argc, char **argv)
{
  int files = 0, bad = 0;
  const char *ext = NULL;   /* --ext .xml: in folders, only files with this ending */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--ext="))
        {
          ext = argv[i] + strlen ("--ext=");
          continue;
        }
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          bad += run_file (argv[i]);
          files++;
          continue;
        }
      GDir *dir = g_dir_open (argv[i], 0, NULL);
      const char *name;
      GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
      while (dir && (name = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      if (dir)
        g_dir_close (dir);
      g_ptr_array_sort (names, by_name);  /* the same order every run */
      for (guint k = 0; k < names->len; k++)
        if (g_file_test (g_ptr_array_index (names, k), G_FILE_TEST_IS_REGULAR)
            && (!ext || g_str_has_suffix (g_ptr_array_index (names, k), ext)))
          {
            bad += run_file (g_ptr_array_index (names, k));
            files++;
          }
      g_ptr_array_free (names, TRUE);
    }
  printf ("replayed %d files\n", files);
  return bad || files == 0;
}
