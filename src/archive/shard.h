/* shard.h: sharded rebuilds — `minutes build --shard K/N` builds shard K of N of the sessions and
 * writes its part of the sums, DIR/SHA256SUMS.K-of-N; `minutes build --merge` checks the parts
 * gathered in DIR are one whole and writes DIR/index.html and DIR/SHA256SUMS, the same bytes a
 * build in one process makes. */
#ifndef MN_SHARD_H
#define MN_SHARD_H

#include <glib.h>

#include "minutes.h"

/* The most shards a build is split into. */
#define MN_SHARD_MAX 10000

/* The shard (1 to n) session NAME belongs to when the sessions are split into `n`: 1 + the
 * first 8 hex digits of the sha256 of NAME, as a number, modulo n.  It depends on the name
 * alone, so every machine agrees on it whatever sessions it sees; `printf %s NAME | sha256sum`
 * computes it in a shell.  `n` is 1 to MN_SHARD_MAX. */
unsigned mn_shard_of (const char *name, unsigned n);

/* Write shard k of n's part of the sums, DIR/SHA256SUMS.K-of-N: for each session of `built`
 * (their NAMEs), the sums of NAME.pdf, NAME.html and .summaries/NAME.xml, sorted by file name,
 * in sha256sum's form (`sha256sum -c` checks a shard's folder with it).  An empty `built`
 * writes an empty part: the shard is done and had no session.  Say "written …" unless
 * `quiet`.  Returns 0 or MN_EIO (reported). */
int mn_shard_write_part (const char *dir, unsigned k, unsigned n, GPtrArray *built, int quiet,
                         mn_diag *d);

/* The merge: check that DIR holds the parts SHA256SUMS.1-of-N to SHA256SUMS.N-of-N of one N,
 * each once; that every line of part K is a file of a session of `files` (the session paths
 * the shards were given) that belongs to shard K, no session in two parts; that every
 * session of `files` is in its part with its PDF, HTML and summary; and that every file a
 * part names is in DIR with the bytes it records (the gathering copied it whole).  Then write
 * DIR/index.html (of the sessions of `folders`, with `params`) and DIR/SHA256SUMS as a build in
 * one process does, and remove the parts.  Every problem is reported, one a line, and nothing
 * is written when there is one.  Returns 0, MN_EINVALID (the parts are not one whole), or
 * the code of a failed write or index (reported). */
int mn_shard_merge (const char *dir, GPtrArray *files, GPtrArray *folders,
                    const mn_params *params, int quiet, mn_diag *d);

#endif
