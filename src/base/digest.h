/* digest.h: the sha256 of a file — for the pinned fonts (fonts.c) and for SHA256SUMS and the
 * PDF's source-sha256 (archive/sums.c, pipeline/build.c). */
#ifndef MN_DIGEST_H
#define MN_DIGEST_H

/* The sha256 of the file at `path` as 64 lowercase hex digits (g_free), or NULL when it
 * cannot be read.  The file is read in pieces: a long session's PDF is tens of megabytes, and
 * need not be in memory whole. */
char *mn_sha256_file (const char *path);

#endif
