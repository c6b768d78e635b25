/* progress.c: the status line of long builds — shown on terminals only. */
#include "progress.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct mn_progress {
  FILE *out;       /* where the line goes (borrowed) */
  unsigned total;  /* steps in all */
  int shown;       /* a status line is on the screen now */
};

mn_progress *
mn_progress_new_forced (FILE *out, unsigned total, int tty)
{
  if (!tty || total < 2)
    return NULL;
  mn_progress *p = calloc (1, sizeof *p);
  if (p)
    {
      p->out = out;
      p->total = total;
    }
  return p;
}

mn_progress *
mn_progress_new (FILE *out, unsigned total)
{
  const char *term = getenv ("TERM");
  int tty = isatty (fileno (out)) && term && *term && strcmp (term, "dumb") != 0;
  return mn_progress_new_forced (out, total, tty);
}

void
mn_progress_step (mn_progress *p, unsigned n, const char *name)
{
  if (!p)
    return;
  /* "\r\033[K": back to the first column and erase the line; then the status, and "\r" so
   * the next line printed (a diagnostic, which is longer) covers it. */
  fprintf (p->out, "\r\033[K[%u/%u] %s\r", n, p->total, name);
  fflush (p->out);
  p->shown = 1;
}

void
mn_progress_free (mn_progress *p)
{
  if (!p)
    return;
  if (p->shown)
    {
      fputs ("\r\033[K", p->out);
      fflush (p->out);
    }
  free (p);
}
