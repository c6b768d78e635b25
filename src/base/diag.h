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

/* Errors a sink holds back, to print them in line order (diag.c). */
typedef struct mn_diag_held mn_diag_held;

/* A sink counts and prints diagnostics: the one way every stage reports them.  Messages are
 * printed at once to `out` (stderr by default), so a long run shows its errors as it goes.
 * While a document is read (session/load.c), its errors come from the parser, the schema and
 * the rules of check.c in another order than its lines: they are held (mn_diag_hold_error)
 * and printed sorted by line when released (mn_diag_release).  A sink with `quiet` set only
 * counts.  `strict` turns warnings into errors.  A sink copied by value (a quiet copy for a
 * counting pass) must not be holding errors. */
typedef struct mn_diag {
  FILE *out;            /* where lines go; NULL means stderr */
  int errors;           /* errors reported so far (held ones count when released) */
  int warnings;         /* warnings reported so far */
  int quiet;            /* count only, print nothing */
  int strict;           /* report warnings as errors */
  int notes;            /* notes reported so far */
  mn_diag_held *held;   /* errors held back (owned), or NULL */
} mn_diag;

#define MN_DIAG_INIT { NULL, 0, 0, 0, 0, 0, NULL }

/* Report one diagnostic.  `file` may be NULL (then no location is printed);
 * `line` <= 0 means no line.  `fmt` must already be translated with _(). */
void mn_diag_report (mn_diag *d, enum mn_severity sev, const char *file, long line,
                     const char *fmt, ...) __attribute__ ((format (printf, 5, 6)));
void mn_diag_vreport (mn_diag *d, enum mn_severity sev, const char *file, long line,
                      const char *fmt, va_list ap);

/* Hold one error until mn_diag_release: at `line` (<= 0: unknown), about `subject` (what it
 * names, e.g. an element of the document; NULL: nothing in particular).  A `weak` error says
 * what a better one may say too: it is dropped at release when a normal error names the same
 * subject.  `fmt` is already translated. */
void mn_diag_hold_error (mn_diag *d, long line, const void *subject, int weak,
                         const char *fmt, ...) __attribute__ ((format (printf, 5, 6)));

/* How many errors are held (weak ones included). */
int mn_diag_held_count (const mn_diag *d);

/* Report every held error as an error of `file`, in line order (ties keep the order they were
 * held in), and hold nothing any more.  Returns the number reported. */
int mn_diag_release (mn_diag *d, const char *file);

#define mn_error(d, file, line, ...) mn_diag_report ((d), MN_ERROR, (file), (line), __VA_ARGS__)
#define mn_warning(d, file, line, ...) mn_diag_report ((d), MN_WARNING, (file), (line), __VA_ARGS__)
#define mn_note(d, file, line, ...) mn_diag_report ((d), MN_NOTE, (file), (line), __VA_ARGS__)

#endif
