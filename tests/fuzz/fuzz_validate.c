/* fuzz_validate.c: bytes as a session file → safe load, XSD validation, semantic checks
 * (the whole of `minutes validate`).  Any crash, sanitizer report or hang is a bug. */
#include "fuzz_common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  char *path = fuzz_write ("session.xml", data, size);
  mn_diag d = MN_DIAG_INIT;
  d.quiet = 1;
  xmlDocPtr doc = NULL;
  int rc = mn_load_session (&doc, path, &d);
  /* The contract: a document exactly when 0 is returned, and then no error was reported. */
  if ((rc == 0) != (doc != NULL) || (rc == 0 && d.errors))
    abort ();
  xmlFreeDoc (doc);
  g_free (path);
  return 0;
}
