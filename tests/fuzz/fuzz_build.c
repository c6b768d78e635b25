/* fuzz_build.c: bytes as a session file → load and validate → the official stylesheet
 * (xsl/session-fo.xsl, under the transform module's security preferences) → layout → PDF:
 * the path of `minutes build` for one session. */
#include "fuzz_common.h"
#include "engine/render.h"
#include "session/transform.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  static mn_stylesheet *ss;
  mn_diag d = MN_DIAG_INIT;
  d.quiet = 1;
  if (!ss)
    {
      char *xsl = mn_paths_data_file ("xsl/session-fo.xsl");
      if (mn_transform_stylesheet (&ss, xsl, &d) != 0)
        abort ();
      free (xsl);
    }
  char *path = fuzz_write ("session.xml", data, size);
  char *pdf = g_build_filename (fuzz_dir, "out.pdf", NULL);
  xmlDocPtr doc = NULL, fo = NULL;
  mn_params params = MN_PARAMS_INIT;
  if (mn_load_session (&doc, path, &d) == 0
      && mn_transform_apply (&fo, ss, doc, path, &params, &d) == 0)
    {
      mn_render_opts opts = MN_RENDER_OPTS_INIT;
      opts.source_name = path;
      int rc = mn_render_pdf (pdf, fo, &opts, &d);
      if ((rc == 0) != g_file_test (pdf, G_FILE_TEST_EXISTS))
        abort ();
    }
  xmlFreeDoc (fo);
  xmlFreeDoc (doc);
  unlink (pdf);
  g_free (pdf);
  g_free (path);
  return 0;
}
