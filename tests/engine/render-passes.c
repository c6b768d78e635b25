/* render-passes.c: `render-passes MODE IN.fo OUT.pdf [DUMP]` typesets IN.fo as `minutes
 * render` does, but laid out the way MODE says (direct, spool, count or auto:
 * src/engine/render-passes.h), so that engine-tests.py (spool-same-pdf) can check that every
 * way gives the same PDF and dump.  The product has no such switch.  Exit status: 0 written,
 * 1 the FO is wrong (diagnostics on stderr), 2 MODE cannot lay out this document, 3 anything
 * else. */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/paths.h"
#include "engine/render-passes.h"
#include "session/load.h"

int
main (int argc, char **argv)
{
  static const char *const names[] = { "auto", "direct", "spool", "count" };
  int mode = -1;
  for (int i = 0; argc >= 4 && i < 4; i++)
    if (!strcmp (argv[1], names[i]))
      mode = i;
  if (mode < 0 || argc > 5)
    {
      fprintf (stderr, "usage: render-passes auto|direct|spool|count IN.fo OUT.pdf [DUMP]\n");
      return 3;
    }
  if (mn_paths_init (NULL) != 0)
    return 3;
  mn_load_init ();
  mn_diag d = MN_DIAG_INIT;
  xmlDocPtr fo = NULL;
  mn_fo_doc *doc = NULL;
  mn_render_opts opts = MN_RENDER_OPTS_INIT;
  opts.source_name = argv[2];
  opts.dump_layout = argc == 5 ? argv[4] : NULL;
  int rc = mn_load_parse_xml (&fo, argv[2], &d);
  if (rc == 0)
    rc = mn_render_parse_take (&doc, fo, &opts, &d);
  if (rc == 0)
    rc = mn_render_doc_passes (argv[3], doc, &opts, &d, (mn_passes) mode);
  mn_render_doc_free (doc);
  mn_render_cleanup ();
  return rc == 0 ? 0 : rc == MN_EINVALID ? 1 : rc == MN_EFAIL && !d.errors ? 2 : 3;
}
