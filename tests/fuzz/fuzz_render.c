/* fuzz_render.c: bytes as an XSL-FO file → safe load, FO input tree, layout, PDF (the whole of
 * `minutes render`).  The PDF goes to the scratch folder and is removed. */
#include "fuzz_common.h"
#include "engine/render.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  char *path = fuzz_write ("in.fo", data, size);
  char *pdf = g_build_filename (fuzz_dir, "out.pdf", NULL);
  mn_diag d = MN_DIAG_INIT;
  d.quiet = 1;
  xmlDocPtr doc = NULL;
  if (mn_load_parse_xml (&doc, path, &d) == 0)
    {
      mn_render_opts opts = MN_RENDER_OPTS_INIT;
      opts.source_name = path;
      int rc = mn_render_pdf (pdf, doc, &opts, &d);
      /* On failure nothing is written (atomic output); on success the PDF exists. */
      if ((rc == 0) != g_file_test (pdf, G_FILE_TEST_EXISTS))
        abort ();
      xmlFreeDoc (doc);
    }
  unlink (pdf);
  g_free (pdf);
  g_free (path);
  return 0;
}
