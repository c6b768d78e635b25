/* diag.c: printing and counting diagnostics. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

void
mn_diag_vreport (mn_diag *d, enum mn_severity sev, const char *file, long line,
                 const char *fmt, va_list ap)
{
  if (sev == MN_WARNING && d->strict)
    sev = MN_ERROR;
  if (sev == MN_ERROR)
    d->errors++;
  else if (sev == MN_WARNING)
    d->warnings++;
  else
    d->notes++;
  if (d->quiet)
    return;

  char *msg = NULL;
  if (vasprintf (&msg, fmt, ap) < 0)
    msg = NULL;
  FILE *out = d->out ? d->out : stderr;
  const char *what = sev == MN_ERROR ? _("error") : sev == MN_WARNING ? _("warning") : _("note");
  if (file && line > 0)
    fprintf (out, "%s:%ld: %s: %s\n", file, line, what, msg ? msg : fmt);
  else if (file)
    fprintf (out, "%s: %s: %s\n", file, what, msg ? msg : fmt);
  else
    fprintf (out, "minutes: %s: %s\n", what, msg ? msg : fmt);
  free (msg);
}

void
mn_diag_report (mn_diag *d, enum mn_severity sev, const char *file, long line,
                const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  mn_diag_vreport (d, sev, file, line, fmt, ap);
  va_end (ap);
}
