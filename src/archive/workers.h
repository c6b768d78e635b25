/* workers.h: building a list of sessions, in this process or in a pool of worker processes. */
#ifndef MN_WORKERS_H
#define MN_WORKERS_H

#include <stddef.h>

#include "archive.h"

/* Build `files` (`nfiles` session paths) into `dir` with up to `jobs` worker processes (one
 * job: in this process), as mn_build_session does each; a session's diagnostics and its
 * "written" line (unless o->quiet or o->check) are printed whole, in the order the sessions
 * finish.  `sessions[k]` receives the outcome of files[k] (its path is not set here).
 * Returns 0, or MN_EENV when no worker could be started at all (reported); every session that
 * no worker was left to build is reported and failed with MN_EFAIL. */
int mn_workers_build (mn_archive_session *sessions, char **files, size_t nfiles,
                      const char *dir, long jobs, const mn_archive_opts *o, mn_diag *d);

#endif
