/* spool.c: pages written to a temporary file and read back (spool.h says why).
 *
 * The file is a sequence of finished area trees in pre-order.  Each area is one `area_rec`
 * (with the number of its children); a LINE area is followed by its line (area.h, mn_line):
 * a `line_rec`, the text when it has one, the ids (the input tree's pointers), and its glyph
 * runs, each a `run_rec` and its arrays.  A record holds the in-memory struct it stands for,
 * with its pointers to what is written after it (or rebuilt on reading) set to NULL; pointers
 * into the input tree (nodes, masters, ids, links) are kept: the same process reads them back
 * while that tree is alive. */
#include "spool.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct mn_spool {
  FILE *fp;                 /* the temporary file (owned) */
  GPtrArray *fonts;         /* PangoFont* (referenced), named by index in the file */
  int failed;               /* a write or read failed: every later call fails too */
};

typedef struct area_rec {
  mn_area area;             /* parent, first, last, next, line: NULL */
  int nchildren;            /* the areas that follow, its subtrees */
} area_rec;

typedef struct line_rec {
  mn_line line;             /* text, ids, runs: NULL (nids, nruns say how many follow) */
  int text_len;             /* bytes of text that follow, or -1: the line has none */
} line_rec;

typedef struct run_rec {
  mn_glyph_run run;         /* font, glyphs, clusters, utf8: NULL (the counts say how many) */
  int font;                 /* index in fonts */
} run_rec;

int
mn_spool_new (mn_spool **out)
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
  s->fonts = g_ptr_array_new_with_free_func (g_object_unref);
  *out = s;
  return 0;
}

void
mn_spool_free (mn_spool *s)
{
  if (!s)
    return;
  fclose (s->fp);  /* a spool always has its file */
  g_ptr_array_free (s->fonts, TRUE);
  g_free (s);
}

/* --- writing --- */

static void
put (mn_spool *s, const void *p, size_t n)
{
  if (!s->failed && n > 0 && fwrite (p, 1, n, s->fp) != n)
    s->failed = 1;
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
put_line (mn_spool *s, const mn_line *line)
{
  line_rec lr;
  memset (&lr, 0, sizeof lr);
  lr.line = *line;
  lr.line.text = NULL, lr.line.ids = NULL, lr.line.runs = NULL;
  lr.text_len = line->text ? (int) strlen (line->text) : -1;
  put (s, &lr, sizeof lr);
  if (line->text)
    put (s, line->text, (size_t) lr.text_len);
  put (s, line->ids, sizeof line->ids[0] * (size_t) line->nids);
  for (int i = 0; i < line->nruns; i++)
    {
      const mn_glyph_run *r = &line->runs[i];
      run_rec rr;
      memset (&rr, 0, sizeof rr);
      rr.run = *r;
      rr.run.font = NULL, rr.run.glyphs = NULL, rr.run.clusters = NULL, rr.run.utf8 = NULL;
      rr.font = font_index (s, r->font);
      put (s, &rr, sizeof rr);
      put (s, r->glyphs, sizeof r->glyphs[0] * (size_t) r->nglyphs);
      put (s, r->clusters, sizeof r->clusters[0] * (size_t) r->nclusters);
      put (s, r->utf8, (size_t) r->utf8_len);
    }
}

static void
put_area (mn_spool *s, const mn_area *a)
{
  area_rec rec;
  memset (&rec, 0, sizeof rec);
  rec.area = *a;
  rec.area.parent = rec.area.first = rec.area.last = rec.area.next = NULL;
  rec.area.line = NULL;
  for (const mn_area *k = a->first; k; k = k->next)
    rec.nchildren++;
  put (s, &rec, sizeof rec);
  if (a->kind == MN_AREA_LINE)
    put_line (s, a->line);
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

/* A new buffer of `n` bytes read from the file (plus a NUL), or NULL. */
static void *
get_new (mn_spool *s, size_t n)
{
  char *p = g_malloc (n + 1);
  if (get (s, p, n) != 0)
    {
      g_free (p);
      return NULL;
    }
  p[n] = '\0';
  return p;
}

static mn_line *
get_line (mn_spool *s)
{
  line_rec lr;
  if (get (s, &lr, sizeof lr) != 0 || lr.text_len < -1 || lr.line.nids < 0 || lr.line.nruns < 0)
    return NULL;
  mn_line *line = g_new0 (mn_line, 1);
  *line = lr.line;
  line->nruns = 0;  /* counts the runs read so far: mn_line_free frees those */
  if (lr.text_len >= 0 && !(line->text = get_new (s, (size_t) lr.text_len)))
    goto fail;
  if (line->nids > 0 && !(line->ids = get_new (s, sizeof line->ids[0] * (size_t) line->nids)))
    goto fail;
  line->runs = g_new0 (mn_glyph_run, lr.line.nruns);  /* NULL for none */
  for (int i = 0; i < lr.line.nruns; i++)
    {
      run_rec rr;
      if (get (s, &rr, sizeof rr) != 0 || rr.font < 0 || (guint) rr.font >= s->fonts->len
          || rr.run.nglyphs < 0 || rr.run.nclusters < 0 || rr.run.utf8_len < 0)
        goto fail;
      mn_glyph_run *r = &line->runs[i];
      *r = rr.run;
      r->font = g_object_ref (g_ptr_array_index (s->fonts, rr.font));
      line->nruns = i + 1;
      if (!(r->glyphs = get_new (s, sizeof r->glyphs[0] * (size_t) r->nglyphs))
          || !(r->clusters = get_new (s, sizeof r->clusters[0] * (size_t) r->nclusters))
          || !(r->utf8 = get_new (s, (size_t) r->utf8_len)))
        goto fail;
    }
  return line;

fail:
  mn_line_free (line);
  return NULL;
}

static mn_area *
get_area (mn_spool *s, mn_area *parent)
{
  area_rec rec;
  if (get (s, &rec, sizeof rec) != 0 || rec.nchildren < 0)
    return NULL;
  mn_area *a = mn_area_new (rec.area.kind, parent, rec.area.fo);
  /* everything but the links mn_area_new made */
  rec.area.parent = a->parent;
  *a = rec.area;
  int ok = a->kind != MN_AREA_LINE || (a->line = get_line (s)) != NULL;
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
