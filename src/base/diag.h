/* diag.h: diagnostics — one line each, `FILE:LINE: error: what is wrong and what to do`. */
#ifndef MN_DIAG_H
#define MN_DIAG_H

#include <stdarg.h>
#include <stdio.h>

/* Negative error codes returned by functions that can fail (0 is success).  Each has one
 * meaning, and one exit code (mn_exit_code in minutes.h, the only place that maps them). */
enum {
  MN_EFAIL = -1,     /* a bug or a library failure (out of memory, cairo, libxml2 internals) */
  MN_EINVALID = -2,  /* the input document is invalid (diagnostics were reported) */
  MN_EIO = -3,       /* a file could not be read or written */
  MN_EFONT = -4,     /* fonts are missing, or differ from their pins */
  MN_EXSLT = -5,     /* the stylesheet failed */
  MN_ELIMIT = -6,    /* a resource limit was hit */
  MN_EENV = -7,      /* the installation is broken: the data folder's schema or stylesheets */
  MN_EUSAGE = -8,    /* the command line asks for something that does not exist (--param) */
};

/* A note says what was done that the user may want to know (a convention learned, lines
 * dropped as page furniture); it is neither a problem nor counted as one, and --strict
 * leaves it a note. */
enum mn_severity { MN_WARNING, MN_ERROR, MN_NOTE };

/* A sink counts and prints diagnostics.  Messages are printed at once to `out`
 * (stderr by default), so a long run shows its errors as it goes.  A sink with
 * `quiet` set only counts.  `strict` turns warnings into errors. */
typedef struct mn_diag {
  FILE *out;        /* where lines go; NULL means stderr */
  int errors;       /* errors reported so far */
  int warnings;     /* warnings reported so far */
  int quiet;        /* count only, print nothing */
  int strict;       /* report warnings as errors */
  int notes;        /* notes reported so far */
} mn_diag;

#define MN_DIAG_INIT { NULL, 0, 0, 0, 0, 0 }

/* Report one diagnostic.  `file` may be NULL (then no location is printed);
 * `line` <= 0 means no line.  `fmt` must already be translated with _(). */
void mn_diag_report (mn_diag *d, enum mn_severity sev, const char *file, long line,
                     const char *fmt, ...) __attribute__ ((format (printf, 5, 6)));
void mn_diag_vreport (mn_diag *d, enum mn_severity sev, const char *file, long line,
                      const char *fmt, va_list ap);

#define mn_error(d, file, line, ...) mn_diag_report ((d), MN_ERROR, (file), (line), __VA_ARGS__)
#define mn_warning(d, file, line, ...) mn_diag_report ((d), MN_WARNING, (file), (line), __VA_ARGS__)
#define mn_note(d, file, line, ...) mn_diag_report ((d), MN_NOTE, (file), (line), __VA_ARGS__)

#endif
