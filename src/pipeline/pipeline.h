/* pipeline.h: what the files of src/pipeline/ share (not for other stages: they use minutes.h). */
#ifndef MN_PIPELINE_H
#define MN_PIPELINE_H

#include "minutes.h"

/* Load and validate the session at `path` (`*doc` owned), then make its parameters: the
 * user's `--param`s (`user`, may be NULL) and what the PDF records about its making
 * (docs/stylesheets.md: source-sha256 and generator, which the user cannot set); `*sha` is the
 * session's sha256 (owned; the params borrow it).  Returns 0 or the failure's code, reported. */
int mn_pipeline_load (xmlDocPtr *doc, mn_params *params, char **sha, const char *path,
                      const mn_params *user, mn_diag *d);

#endif
