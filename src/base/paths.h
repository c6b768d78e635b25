/* paths.h: where `minutes` finds its schema, stylesheets, fonts and messages. */
#ifndef MN_PATHS_H
#define MN_PATHS_H

/* Resolve the data folder, once, at start-up.  In order:
 *   1. `option` (the --data-dir argument), if not NULL;
 *   2. $MINUTES_DATA_DIR;
 *   3. next to the program: a build tree (the source tree it was built from)
 *      or an install tree (`<exe>/../share/minutes`, so DESTDIR installs work);
 *   4. the datadir compiled in at configure time.
 * A candidate counts only if it holds `schema/session.xsd`.  Never the current folder.
 * Returns 0, or MN_EIO when no candidate holds the data. */
int mn_paths_init (const char *option);

/* The data folder found by mn_paths_init (borrowed; valid until exit). */
const char *mn_paths_data_dir (void);

/* The folder holding `LANG/LC_MESSAGES/minutes.mo` (borrowed). */
const char *mn_paths_locale_dir (void);

/* `data_dir/rel` as a new string; the caller frees it with free(). */
char *mn_paths_data_file (const char *rel);

#endif
