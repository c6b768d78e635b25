/* area.c: area-tree nodes and the text dump used as the layout tests' oracle. */
#include "area.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

mn_area *
mn_area_new (mn_area_kind kind, mn_area *parent, const mn_fo_node *fo)
{
  mn_area *a = g_new0 (mn_area, 1);
  a->kind = kind;
  a->fo = fo;
  a->parent = parent;
  if (parent)
    MN_APPEND_CHILD (parent, a);
  return a;
}

static void
collect_id (void *data, const char *id)
{
  g_ptr_array_add (data, (gpointer) id);
}

mn_line *
mn_line_new (const mn_para *p, int i, int with_runs, int with_text)
{
  mn_line *line = g_new0 (mn_line, 1);
  line->geom = *mn_para_line_at (p, i);
  line->last = i == mn_para_nlines (p) - 1;
  if (with_text)
    line->text = mn_para_line_text (p, i);
  GPtrArray *ids = g_ptr_array_new ();
  mn_para_line_ids (p, i, collect_id, ids);
  line->nids = (int) ids->len;
  line->ids = (const char **) g_ptr_array_free (ids, line->nids == 0);
  if (with_runs)
    {
      GArray *runs = g_array_new (FALSE, FALSE, sizeof (mn_glyph_run));
      mn_para_line_runs (p, i, runs);
      for (guint k = 0; k < runs->len; k++)
        g_object_ref (g_array_index (runs, mn_glyph_run, k).font);
      line->nruns = (int) runs->len;
      line->runs = (mn_glyph_run *) g_array_free (runs, line->nruns == 0);
    }
  return line;
}

void
mn_line_free (mn_line *line)
{
  if (!line)
    return;
  for (int k = 0; k < line->nruns; k++)
    {
      mn_glyph_run *r = &line->runs[k];
      g_object_unref (r->font);
      g_free (r->glyphs);
      g_free (r->clusters);
      g_free (r->utf8);
    }
  g_free (line->runs);
  g_free (line->ids);
  g_free (line->text);
  g_free (line);
}

static void
free_tree (mn_area *a)
{
  while (a)
    {
      mn_area *next = a->next;
      free_tree (a->first);
      mn_line_free (a->line);
      g_free (a);
      a = next;
    }
}

void
mn_area_truncate (mn_area *parent, mn_area *keep)
{
  mn_area *rest = keep ? keep->next : parent->first;
  if (keep)
    keep->next = NULL;
  else
    parent->first = NULL;
  parent->last = keep;
  free_tree (rest);
}

void
mn_area_free (mn_area *a)
{
  if (!a)
    return;
  if (a->parent)
    {
      mn_area *prev = NULL;
      for (mn_area *k = a->parent->first; k && k != a; k = k->next)
        prev = k;
      if (prev)
        prev->next = a->next;
      else
        a->parent->first = a->next;
      if (a->parent->last == a)
        a->parent->last = prev;
    }
  a->next = NULL;
  free_tree (a);
}

void
mn_area_shift (mn_area *a, int dy)
{
  a->y += dy;
  a->baseline += dy;
  for (mn_area *k = a->first; k; k = k->next)
    mn_area_shift (k, dy);
}

/* Points with two decimals from Pango units, rounded half away from zero, integers only. */
static void
put_num (FILE *fp, int pu)
{
  long long v = (long long) pu * 100;
  long long q = v >= 0 ? (v + 512) / 1024 : -((-v + 512) / 1024);
  if (q < 0)
    {
      fputc ('-', fp);
      q = -q;
    }
  fprintf (fp, "%lld.%02lld", q / 100, q % 100);
}

static void
put_quoted (FILE *fp, const char *s)
{
  fputc ('"', fp);
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        fputc ('\\', fp);
      fputc (*s, fp);
    }
  fputc ('"', fp);
}

/* " A<sep>B": two numbers after a space, as in " 10.00,20.00" or " 100.00x50.00". */
static void
put_pair (FILE *fp, int a, char sep, int b)
{
  fputc (' ', fp);
  put_num (fp, a);
  fputc (sep, fp);
  put_num (fp, b);
}

static void
put_box (FILE *fp, const mn_area *a)
{
  put_pair (fp, a->x, ',', a->y);
  put_pair (fp, a->w, 'x', a->h);
}

static void
dump (FILE *fp, const mn_area *a, int depth)
{
  static const char *const kinds[] = { "page", "region", "block", "line", "table", "row",
    "cell", "list-item", "list-label", "list-body", "link" };
  static const char *const regions[] = { "body", "before", "after", "start", "end" };
  for (int i = 0; i < depth; i++)
    fputc (' ', fp);
  fputs (kinds[a->kind], fp);
  switch (a->kind)
    {
    case MN_AREA_PAGE:
      fprintf (fp, " %d", a->number);
      put_pair (fp, a->w, 'x', a->h);
      break;
    case MN_AREA_REGION:
      fprintf (fp, " %s", regions[a->region]);
      put_box (fp, a);
      break;
    case MN_AREA_LINE:
      {
        put_pair (fp, a->x, ',', a->baseline);
        fputc (' ', fp);
        put_num (fp, a->w);
        fputc (' ', fp);
        /* the text is kept when a dump is made */
        put_quoted (fp, a->line->text ? a->line->text : "");
        /* the line's adjustment (JLREQ §3.8) and its Japanese–Latin spaces (§3.2.5) */
        const mn_para_line *ln = &a->line->geom;
        if (ln->shrink > 0)
          {
            fputs (" shrink=", fp);
            put_num (fp, ln->shrink);
          }
        else if (ln->extra > 0 && ln->gaps > 0)
          {
            fputs (" stretch=", fp);
            put_num (fp, ln->extra);
          }
        if (ln->jl_spaces > 0)
          fprintf (fp, " jl=%d", ln->jl_spaces);
        break;
      }
    case MN_AREA_LINK:
      put_box (fp, a);
      if (a->fo && a->fo->uri)
        {
          fputs (" uri=", fp);
          put_quoted (fp, a->fo->uri);
        }
      else if (a->fo && a->fo->ref)
        {
          fputs (" dest=", fp);
          put_quoted (fp, a->fo->ref);
        }
      break;
    case MN_AREA_ROW:
      put_box (fp, a);
      if (a->header)
        fputs (" header", fp);
      break;
    default:
      put_box (fp, a);
      if (a->fo)
        fprintf (fp, " src=%ld", a->fo->line);
      break;
    }
  fputc ('\n', fp);
  for (const mn_area *k = a->first; k; k = k->next)
    dump (fp, k, depth + 1);
}

void
mn_area_dump (FILE *fp, const mn_area *page)
{
  dump (fp, page, 0);
}
