/* archive.h: the build of many sessions — each one by mn_build_session (minutes.h), in this
 * process or in worker processes, then the folder's index.html and SHA256SUMS, or with --check
 * the proof that a rebuild gives the recorded bytes; or one shard of them and its part of the
 * sums, or the merge of the parts (shard.h).  Used by `minutes build` and `minutes watch`. */
#ifndef MN_ARCHIVE_H
#define MN_ARCHIVE_H

#include <stddef.h>

#include "minutes.h"

/* How to build. */
typedef struct mn_archive_opts {
  const char *out_dir;      /* the output folder (created if missing); NULL: output/ */
  const mn_params *params;  /* the user's --param list (NULL: none) */
  int strict;               /* constructs outside the FO subset are errors */
  int check;                /* rebuild into a temporary folder, compare with out_dir/SHA256SUMS */
  long jobs;                /* sessions built at a time (worker processes); 0: one per core */
  int quiet;                /* print nothing on standard output (the "written" lines) */
  unsigned shard_k;         /* with shard_n: build only shard shard_k (1 to shard_n) */
  unsigned shard_n;         /* 0: build every session; else the number of shards (not with check) */
  int merge;                /* build nothing: merge the shards' parts in out_dir (not with check) */
} mn_archive_opts;

#define MN_ARCHIVE_OPTS_INIT { NULL, NULL, 0, 0, 0, 0, 0, 0, 0 }

/* What became of one session. */
typedef struct mn_archive_session {
  char *path;  /* the session file (owned) */
  int err;     /* 0, or the code its build failed with */
  int pages;   /* pages of the PDF written; 0 when it failed */
} mn_archive_session;

/* What became of every session of a run, in the order they were named. */
typedef struct mn_archive_report {
  mn_archive_session *sessions;  /* `count` of them (owned) */
  size_t count;
} mn_archive_report;

#define MN_ARCHIVE_REPORT_INIT { NULL, 0 }

/* Free what `r` holds and reset it. */
void mn_archive_report_clear (mn_archive_report *r);

/* Build the sessions named by `args` (`nargs` of them; a folder stands for its *.xml, sorted;
 * with none, the .xml files of input/ in the current folder) into o->out_dir, then write DIR/index.html
 * (every session of the folders used whose PDF and HTML are in DIR, from the summaries kept
 * beside them) and DIR/SHA256SUMS; with o->check, build into a temporary folder instead and
 * compare (DIR is only read).  With o->shard_n, only the sessions of shard o->shard_k are
 * built, and DIR/SHA256SUMS.K-of-N is written instead of the index and the sums; with
 * o->merge, nothing is built: the parts in DIR are merged (mn_shard_merge).  A session that
 * fails does not stop the others; the failed ones are listed at the end.  `out` receives each
 * session's outcome (the sessions built; with merge, every session named, err 0).  Returns 0
 * or the worst failure's code (mn_error_worse), everything reported to `d`. */
int mn_archive_build (mn_archive_report *out, char **args, size_t nargs,
                      const mn_archive_opts *o, mn_diag *d);

/* Watch the sessions `files` (`nfiles`; with none, every *.xml of input/, new ones too) and
 * the data folder's stylesheets and schema, and rebuild a session (mn_archive_build of that
 * one file, in a child process) whenever it or they change, printing one line per build;
 * until SIGINT, SIGTERM or SIGHUP.  Returns 0 after a stop signal, or the code of what kept
 * the watch from starting (reported). */
int mn_archive_watch (char **files, size_t nfiles, const mn_archive_opts *o, mn_diag *d);

#endif
