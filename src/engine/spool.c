/* spool.c: pages written to a temporary file and read back (spool.h says why).
 *
 * The file is a sequence of area trees in pre-order.  Each area is one `area_rec` (with the
 * number of its children), a LINE area is followed by its line: the mn_para_line, the text
 * (for the layout dump), the ids that start on it, and its glyph runs as the painter will
 * draw them.  Records are written as the in-memory structs they copy, zeroed first: the same
 * process reads them back. */
#include "spool.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>


struct mn_spool {
  FILE *fp;
  GPtrArray *fonts;         /* PangoFont* (referenced), named by index in the file */
  GArray *runs;             /* scratch: the glyph runs of the line being written */
  int keep_text;            /* write each line's text (only the layout dump reads it) */
  int failed;               /* a write failed: every later call fails too */
};

typedef struct area_rec {
  int kind, x, y, w, h;
  int region, header, open_top, open_bottom;
  int line_index, baseline, number, seq;
  int nchildren;
  const mn_fo_node *fo;
  const mn_fo_master *master;
} area_rec;

typedef struct run_rec {
  int font;                 /* index in fonts */
  int nglyphs, nclusters, utf8_len;
  guint32 color;
  int decoration;
  double x0, x1, size;
  const mn_fo_node *link;
} run_rec;

int
mn_spool_new (mn_spool **out, int keep_text)
{
  /* In TMPDIR (g_get_tmp_dir), unlike tmpfile(); removed at once, so nothing is left behind
   * however the process ends. */
  char *path = NULL;
  int fd = g_file_open_tmp ("minutes-pages-XXXXXX", &path, NULL);
  *out = NULL;
  if (fd < 0)
    return MN_EIO;
  unlink (path);
  g_free (path);
  FILE *fp = fdopen (fd, "w+b");
  if (!fp)
    {
      int e = errno;
      close (fd);
      errno = e;
      return MN_EIO;
    }
  mn_spool *s = g_new0 (mn_spool, 1);
  s->fp = fp;
  s->keep_text = keep_text;
  s->fonts = g_ptr_array_new_with_free_func (g_object_unref);
  s->runs = g_array_new (FALSE, FALSE, sizeof (mn_glyph_run));
  *out = s;
  return 0;
}

void
mn_spool_free (mn_spool *s)
{
  if (!s)
    return;
  if (s->fp)
    fclose (s->fp);
  g_ptr_array_free (s->fonts, TRUE);
  mn_glyph_runs_clear (s->runs);
  g_array_free (s->runs, TRUE);
  g_free (s);
}

/* --- writing --- */

static void
put (mn_spool *s, const void *p, size_t n)
{
  if (!s->failed && n > 0 && fwrite (p, 1, n, s->fp) != n)
    s->failed = 1;
}

static void
put_int (mn_spool *s, int v)
{
  put (s, &v, sizeof v);
}

static void
put_string (mn_spool *s, const char *t)
{
  int len = (int) strlen (t);
  put_int (s, len);
  put (s, t, (size_t) len);
}

static int
font_index (mn_spool *s, PangoFont *f)
{
  for (guint i = 0; i < s->fonts->len; i++)
    if (g_ptr_array_index (s->fonts, i) == f)
      return (int) i;
  g_ptr_array_add (s->fonts, g_object_ref (f));
  return (int) s->fonts->len - 1;
}

static void
collect_id (void *data, const char *id)
{
  g_ptr_array_add (data, (gpointer) id);
}

static void
put_line (mn_spool *s, const mn_area *a)
{
  const mn_para_line *ln = mn_para_line_at (a->para, a->line_index);
  put (s, ln, sizeof *ln);
  char *text = s->keep_text ? mn_para_line_text (a->para, a->line_index) : NULL;
  put_string (s, text ? text : "");
  g_free (text);

  GPtrArray *ids = g_ptr_array_new ();
  mn_para_line_ids (a->para, a->line_index, collect_id, ids);
  put_int (s, (int) ids->len);
  for (guint i = 0; i < ids->len; i++)
    put_string (s, ids->pdata[i]);
  g_ptr_array_free (ids, TRUE);

  mn_para_line_runs (a->para, a->line_index, s->runs);
  put_int (s, (int) s->runs->len);
  for (guint i = 0; i < s->runs->len; i++)
    {
      const mn_glyph_run *r = &g_array_index (s->runs, mn_glyph_run, i);
      run_rec rr;
      memset (&rr, 0, sizeof rr);
      rr.font = font_index (s, r->font);
      rr.nglyphs = r->nglyphs;
      rr.nclusters = r->nclusters;
      rr.utf8_len = r->utf8_len;
      rr.color = r->color;
      rr.decoration = r->decoration;
      rr.x0 = r->x0;
      rr.x1 = r->x1;
      rr.size = r->size;
      rr.link = r->link;
      put (s, &rr, sizeof rr);
      put (s, r->glyphs, sizeof r->glyphs[0] * (size_t) r->nglyphs);
      put (s, r->clusters, sizeof r->clusters[0] * (size_t) r->nclusters);
      put (s, r->utf8, (size_t) r->utf8_len);
    }
  mn_glyph_runs_clear (s->runs);
}

static void
put_area (mn_spool *s, const mn_area *a)
{
  area_rec rec;
  memset (&rec, 0, sizeof rec);
  rec.kind = a->kind;
  rec.x = a->x, rec.y = a->y, rec.w = a->w, rec.h = a->h;
  rec.region = a->region;
  rec.header = a->header;
  rec.open_top = a->open_top;
  rec.open_bottom = a->open_bottom;
  rec.line_index = a->line_index;
  rec.baseline = a->baseline;
  rec.number = a->number;
  rec.seq = a->seq;
  rec.fo = a->fo;
  rec.master = a->master;
  for (const mn_area *k = a->first; k; k = k->next)
    rec.nchildren++;
  put (s, &rec, sizeof rec);
  if (a->kind == MN_AREA_LINE)
    put_line (s, a);
  for (const mn_area *k = a->first; k; k = k->next)
    put_area (s, k);
}

int
mn_spool_put (mn_spool *s, const mn_area *page)
{
  put_area (s, page);
  return s->failed ? MN_EIO : 0;
}

/* --- reading --- */

static int
get (mn_spool *s, void *p, size_t n)
{
  if (s->failed || (n > 0 && fread (p, 1, n, s->fp) != n))
    {
      s->failed = 1;
      return -1;
    }
  return 0;
}

static int
get_count (mn_spool *s, int *v)
{
  if (get (s, v, sizeof *v) != 0 || *v < 0)
    {
      s->failed = 1;
      return -1;
    }
  return 0;
}

/* A new NUL-terminated string of the length written before it. */
static char *
get_string (mn_spool *s)
{
  int len;
  if (get_count (s, &len) != 0)
    return NULL;
  char *t = g_malloc ((size_t) len + 1);
  if (get (s, t, (size_t) len) != 0)
    {
      g_free (t);
      return NULL;
    }
  t[len] = '\0';
  return t;
}

static mn_line_copy *
get_line (mn_spool *s)
{
  mn_line_copy *c = g_new0 (mn_line_copy, 1);
  c->ids = g_ptr_array_new_with_free_func (g_free);
  c->runs = g_array_new (FALSE, TRUE, sizeof (mn_glyph_run));
  int n;
  if (get (s, &c->ln, sizeof c->ln) != 0 || !(c->text = get_string (s)) || get_count (s, &n) != 0)
    goto fail;
  for (int i = 0; i < n; i++)
    {
      char *id = get_string (s);
      if (!id)
        goto fail;
      g_ptr_array_add (c->ids, id);
    }
  if (get_count (s, &n) != 0)
    goto fail;
  for (int i = 0; i < n; i++)
    {
      run_rec rr;
      if (get (s, &rr, sizeof rr) != 0 || rr.font < 0 || (guint) rr.font >= s->fonts->len
          || rr.nglyphs < 0 || rr.nclusters < 0 || rr.utf8_len < 0)
        goto fail;
      mn_glyph_run r;
      memset (&r, 0, sizeof r);
      r.font = g_ptr_array_index (s->fonts, rr.font);
      r.nglyphs = rr.nglyphs;
      r.nclusters = rr.nclusters;
      r.utf8_len = rr.utf8_len;
      r.color = rr.color;
      r.decoration = rr.decoration;
      r.x0 = rr.x0;
      r.x1 = rr.x1;
      r.size = rr.size;
      r.link = rr.link;
      r.glyphs = g_new (cairo_glyph_t, MAX (rr.nglyphs, 1));
      r.clusters = g_new (cairo_text_cluster_t, MAX (rr.nclusters, 1));
      r.utf8 = g_malloc ((size_t) rr.utf8_len + 1);
      g_array_append_val (c->runs, r);
      if (get (s, r.glyphs, sizeof r.glyphs[0] * (size_t) rr.nglyphs) != 0
          || get (s, r.clusters, sizeof r.clusters[0] * (size_t) rr.nclusters) != 0
          || get (s, r.utf8, (size_t) rr.utf8_len) != 0)
        goto fail;
      r.utf8[rr.utf8_len] = '\0';
    }
  return c;

fail:
  mn_line_copy_free (c);
  return NULL;
}

static mn_area *
get_area (mn_spool *s, mn_area *parent)
{
  area_rec rec;
  if (get (s, &rec, sizeof rec) != 0 || rec.nchildren < 0)
    return NULL;
  mn_area *a = mn_area_new ((mn_area_kind) rec.kind, parent, rec.fo);
  a->x = rec.x, a->y = rec.y, a->w = rec.w, a->h = rec.h;
  a->region = rec.region;
  a->header = rec.header;
  a->open_top = rec.open_top;
  a->open_bottom = rec.open_bottom;
  a->line_index = rec.line_index;
  a->baseline = rec.baseline;
  a->number = rec.number;
  a->seq = rec.seq;
  a->master = rec.master;
  int ok = rec.kind != MN_AREA_LINE || (a->copy = get_line (s)) != NULL;
  for (int i = 0; ok && i < rec.nchildren; i++)
    ok = get_area (s, a) != NULL;
  if (ok)
    return a;
  /* a failed area stays linked to its parent, which the caller frees; the root is ours */
  if (!parent)
    mn_area_free (a);
  return NULL;
}

int
mn_spool_get (mn_spool *s, mn_area **page)
{
  *page = NULL;
  if (s->failed)
    return MN_EIO;
  int c = getc (s->fp);
  if (c == EOF)
    return ferror (s->fp) ? MN_EIO : 0;
  ungetc (c, s->fp);
  mn_area *p = get_area (s, NULL);
  if (!p)
    return MN_EIO;
  *page = p;
  return 1;
}

/* Switch from writing to reading: the pages come back in the order they were written. */
int
mn_spool_rewind (mn_spool *s)
{
  if (s->failed || fflush (s->fp) != 0 || fseek (s->fp, 0, SEEK_SET) != 0)
    return MN_EIO;
  return 0;
}
