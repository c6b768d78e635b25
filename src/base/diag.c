/* diag.c: printing and counting diagnostics. */
#include "diag.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* One error held back. */
typedef struct held_error {
  long line;            /* > 0, or 0 if unknown */
  unsigned seq;         /* order of holding, to keep ties stable */
  const void *subject;  /* what it is about (borrowed), or NULL */
  int weak;             /* dropped if a normal error names the same subject */
  char *msg;            /* the message (owned) */
} held_error;

struct mn_diag_held {
  GPtrArray *items;     /* held_error *, owned */
  unsigned seq;         /* next sequence number */
};

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

/* === held errors === */

static void
held_error_free (gpointer p)
{
  held_error *h = p;
  g_free (h->msg);
  g_free (h);
}

void
mn_diag_hold_error (mn_diag *d, long line, const void *subject, int weak, const char *fmt, ...)
{
  if (!d->held)
    {
      d->held = g_new0 (mn_diag_held, 1);
      d->held->items = g_ptr_array_new_with_free_func (held_error_free);
    }
  held_error *h = g_new0 (held_error, 1);
  h->line = line > 0 ? line : 0;
  h->seq = d->held->seq++;
  h->subject = subject;
  h->weak = weak;
  va_list ap;
  va_start (ap, fmt);
  h->msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (d->held->items, h);
}

int
mn_diag_held_count (const mn_diag *d)
{
  return d->held ? (int) d->held->items->len : 0;
}

static gint
by_line (gconstpointer a, gconstpointer b)
{
  const held_error *x = *(held_error *const *) a, *y = *(held_error *const *) b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
mn_diag_release (mn_diag *d, const char *file)
{
  mn_diag_held *held = d->held;
  if (!held)
    return 0;
  d->held = NULL;
  /* the subjects a normal error names: weak errors about them are dropped */
  GHashTable *named = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < held->items->len; i++)
    {
      const held_error *h = g_ptr_array_index (held->items, i);
      if (!h->weak && h->subject)
        g_hash_table_add (named, (gpointer) h->subject);
    }
  g_ptr_array_sort (held->items, by_line);
  int n = 0;
  for (guint i = 0; i < held->items->len; i++)
    {
      const held_error *h = g_ptr_array_index (held->items, i);
      if (h->weak && h->subject && g_hash_table_contains (named, h->subject))
        continue;
      mn_error (d, file, h->line, "%s", h->msg);
      n++;
    }
  g_hash_table_destroy (named);
  g_ptr_array_unref (held->items);
  g_free (held);
  return n;
}
