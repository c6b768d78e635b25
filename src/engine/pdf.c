/* pdf.c: paint area-tree pages with cairo into a PDF.
 *
 * 1. Text is drawn glyph run by glyph run with cairo_show_text_glyphs and the cluster map
 *    Pango computed, so cairo writes ToUnicode/ActualText that give back exactly the source
 *    characters (人 日 月 黒 copy as themselves, not as Kangxi radicals).  Fonts are embedded
 *    by cairo as subsets.
 * 2. Structure (Cairo 1.16 tagged PDF): "Document" is the first tag, or cairo does not mark
 *    the file tagged; then P / H1..H6 (the FO role) around each block's lines, L, LI, Lbl,
 *    LBody for lists, Table, TR, TH, TD for tables.  Any other name puts the surface in an
 *    error state, so roles are checked against that list.  Static content (headers and
 *    footers) is not given structure tags (cairo 1.16 has no Artifact), nor is a table header
 *    repeated on a later page (it is a copy: the table's TH are on its first page).
 *    A table, row, cell, list or paragraph continued from the page before is tagged on each
 *    page (cairo's tags nest, and pages are painted in turn), and the element it continues is
 *    noted (pdf->conts): after cairo, pdfstruct.c joins each continued element with the one it
 *    continues, so that a cell split over two pages is one TD with content on both (a screen
 *    reader reads the question whole, then the answer), while each page's text stays in the
 *    page's order (its part of the question, then its part of the answer).
 *    TH is for the cells of a table-header (column headers) and for a cell with role="TH" (a
 *    row header).  Cairo's tags take no attributes: each TH's scope and each link's alternate
 *    text (its printed text) are noted in the order the tags open, for the post-processing
 *    stage to write (pdfpost.c), which also joins the continued elements (pdfstruct.c).
 * 3. Links: CAIRO_TAG_LINK around the glyphs of a basic-link (uri='…' or dest='…'); every id
 *    a link or bookmark points at gets a named destination where its first area is.
 * 4. Metadata: title, author, subject, keywords from the document, creator "minutes VERSION";
 *    the creation date from the document, else SOURCE_DATE_EPOCH, else none.  Cairo 1.16
 *    would write the current time: it gets an empty date, which makes it write none, and
 *    pdfpost.c writes the date (it also writes /Lang, the XMP and a deterministic /ID).
 * 5. cairo's status is sticky: checked once per page and at the end.
 * 6. Cairo writes into a temporary file (in $TMPDIR, removed at the end); pdfpost.c then
 *    finishes it (catalogue, XMP, output intent, structure attributes, unhinted fonts,
 *    object streams) into the output.  A file, not memory: qpdf reads the streams from it
 *    as it needs them, so a long document costs disk, not memory (tests/mem). */
#include "pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "base/i18n.h"
#include "base/paths.h"
#include "para.h"
#include "pdfpost.h"

/* One rule: a border side of a box, a line from (x0, y0) to (x1, y1) in points, horizontal
 * or vertical, from left to right or top to bottom. */
typedef struct rule {
  int style;                /* MN_BORDER_SOLID, DASHED or DOTTED (a double side is two solid) */
  double width;             /* line width, points */
  guint32 color;            /* 0xRRGGBB */
  double x0, y0, x1, y1;
} rule;

struct mn_pdf {
  cairo_surface_t *surface; /* the PDF surface (owned) */
  cairo_t *cr;              /* drawing context (owned) */
  FILE *fp;                 /* output (borrowed) */
  FILE *raw;                /* what cairo writes: a temporary file (owned), finished into fp */
  char *raw_path;           /* its name, removed when done (owned) */
  char *date;               /* creation date as given to cairo, or NULL (owned) */
  GString *th_scopes;       /* per TH tag opened: 'C' column header, 'R' row header (owned) */
  GPtrArray *link_nodes;    /* per Link tag opened: its fo:basic-link (borrowed) */
  GHashTable *link_texts;   /* fo:basic-link -> GString of its printed text (owned) */
  const mn_fo_doc *doc;     /* borrowed */
  mn_fonts *fonts;          /* where the painting fonts come from (borrowed) */
  mn_diag *d;               /* diagnostics (borrowed) */
  const char *file;         /* file name for diagnostics */
  GHashTable *dests_done;   /* ids whose destination is emitted */
  int in_static;            /* painting a header/footer region: no structure tags */
  int pages;                /* pages painted */
  GArray *glyphs;           /* scratch: a run's glyphs placed on the page (cairo_glyph_t) */
  GArray *rules;            /* the page's border sides, stroked at its end (rule) */
  GArray *conts;            /* per structure element opened, in order (Document first): the
                               index of the earlier element it continues, or -1 (int) */
  GHashTable *last_elem;    /* FO node -> 1 + index of the last element opened for it */
  int page_w, page_h;       /* size of the last page, Pango units */
};

/* The drawing context and the "Document" structure element, at the first page. */
static void
start (mn_pdf *pdf)
{
  if (pdf->cr)
    return;
  pdf->cr = cairo_create (pdf->surface);
  int none = -1;
  g_array_append_val (pdf->conts, none);
  cairo_tag_begin (pdf->cr, "Document", "");
}

/* Open structure tag `tag` (attributes `attrs`) for the areas of FO node `fo` (NULL: none);
 * `continued`: they continue fo's element on an earlier page (noted for pdfstruct.c, which
 * joins the two).  Returns whether the element opened continues an earlier one. */
static int
begin_struct (mn_pdf *pdf, const char *tag, const char *attrs, const mn_fo_node *fo, int continued)
{
  gpointer last = fo && continued ? g_hash_table_lookup (pdf->last_elem, fo) : NULL;
  int cont = last ? GPOINTER_TO_INT (last) - 1 : -1;
  g_array_append_val (pdf->conts, cont);
  if (fo)
    g_hash_table_insert (pdf->last_elem, (gpointer) fo, GINT_TO_POINTER ((int) pdf->conts->len));
  cairo_tag_begin (pdf->cr, tag, attrs);
  return cont >= 0;
}

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  FILE *fp = closure;
  return fwrite (data, 1, length, fp) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* === strings handed to cairo's tag attributes ===
 *
 * Cairo 1.16 reads an attribute value between quotes (backslash escapes the quote), then
 * writes link targets into the PDF as they are: `/URI (%s)` for uri='…' and `(%s)` for the
 * names of destinations.  A parenthesis or backslash in them would end the PDF string early:
 * an unbalanced one corrupts the file, a crafted one adds keys of its own (`/S /JavaScript`,
 * `/Launch`) to the action (issue 13).  So nothing but letters, digits and marks that mean
 * nothing in a PDF string or to cairo's attribute parser ever reaches cairo; every other byte
 * is written %XX.  For a URI that is percent-encoding (RFC 3986 §2.1; a non-ASCII IRI
 * becomes its URI as RFC 3987 §3.1 maps it), which a browser reads as the same address; an
 * existing %XX is kept.  For a destination name it is our own spelling, the same at the link
 * and at the destination, so every id links, whatever characters it holds (ids of plain
 * letters, digits, `-`, `_`, `.` and `:` are written unchanged). */

/* `s` with every byte outside [A-Za-z0-9] and `keep` written %XX (newly allocated). */
static char *
percent_encode (const char *s, const char *keep)
{
  GString *o = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    if (g_ascii_isalnum (*p) || (*p < 0x80 && strchr (keep, *p)))
      g_string_append_c (o, (char) *p);
    else
      g_string_append_printf (o, "%%%02X", *p);
  return g_string_free (o, FALSE);
}

/* A URI as cairo may write it (no parenthesis, backslash, quote, space or non-ASCII byte). */
static char *
safe_uri (const char *uri)
{
  return percent_encode (uri, "-._~:/?#[]@!$&*+,;=%");
}

/* The name of the destination of `id` (no parenthesis, backslash, quote or %). */
static char *
dest_name (const char *id)
{
  return percent_encode (id, "-._:");
}

/* xmp:CreateDate (ISO 8601) -> cairo's "YYYY-MM-DDThh:mm:ss[Z|+hh:mm]". */
static char *
cairo_date (const char *iso)
{
  GTimeZone *utc = g_time_zone_new_utc ();
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, utc);
  if (!dt && strlen (iso) == 10)
    {
      char *full = g_strconcat (iso, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (full, utc);
      g_free (full);
    }
  g_time_zone_unref (utc);
  if (!dt)
    return NULL;
  char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  GTimeSpan off = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;
  char *res = off == 0 ? g_strconcat (base, "Z", NULL)
                       : g_strdup_printf ("%s%c%02d:%02d", base, off < 0 ? '-' : '+',
                                          (int) (labs (off) / 60), (int) (labs (off) % 60));
  g_free (base);
  g_date_time_unref (dt);
  return res;
}

static void
free_gstring (gpointer s)
{
  g_string_free (s, TRUE);
}

int
mn_pdf_open (mn_pdf **out, FILE *fp, const mn_fo_doc *doc, mn_fonts *fonts, const char *file,
             mn_diag *d)
{
  mn_pdf *pdf = g_new0 (mn_pdf, 1);
  int rc = 0;
  char *date = NULL;
  *out = NULL;
  pdf->fp = fp;
  pdf->doc = doc;
  pdf->fonts = fonts;
  pdf->d = d;
  pdf->file = file;
  pdf->dests_done = g_hash_table_new (g_str_hash, g_str_equal);
  pdf->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  pdf->rules = g_array_new (FALSE, FALSE, sizeof (rule));
  pdf->conts = g_array_new (FALSE, FALSE, sizeof (int));
  pdf->last_elem = g_hash_table_new (g_direct_hash, g_direct_equal);
  pdf->th_scopes = g_string_new (NULL);
  pdf->link_nodes = g_ptr_array_new ();
  pdf->link_texts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, free_gstring);
  /* cairo writes into a temporary file, which pdfpost.c finishes into fp */
  int fd = g_file_open_tmp ("minutes-XXXXXX.pdf", &pdf->raw_path, NULL);
  if (fd < 0 || !(pdf->raw = fdopen (fd, "w+b")))
    {
      if (fd >= 0)
        close (fd);
      mn_error (d, file, 0, _("cannot create a temporary file in %s for the PDF; check that the folder is writable (TMPDIR)"),
                g_get_tmp_dir ());
      rc = MN_EIO;
      goto out;
    }
  pdf->surface = cairo_pdf_surface_create_for_stream (write_cb, pdf->raw, 595.28, 841.89);
  cairo_pdf_surface_restrict_to_version (pdf->surface, CAIRO_PDF_VERSION_1_5);
  const mn_fo_meta *m = &doc->meta;
  if (m->title)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, m->title);
  if (m->author)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
  if (m->subject)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
  if (m->keywords)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "minutes " MN_VERSION);
  if (m->create_date)
    {
      date = cairo_date (m->create_date);
      if (!date)
        {
          mn_error (d, file, m->date_line, _("xmp:CreateDate \"%s\" is not an ISO 8601 date; write it like 2024-03-05T10:00:00+09:00"),
                    m->create_date);
          rc = MN_EINVALID;
          goto out;
        }
    }
  else if (getenv ("SOURCE_DATE_EPOCH"))
    {
      char *end;
      long long t = strtoll (getenv ("SOURCE_DATE_EPOCH"), &end, 10);
      GDateTime *dt = *end == 0 && t >= 0 ? g_date_time_new_from_unix_utc (t) : NULL;
      if (dt)
        {
          date = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
          g_date_time_unref (dt);
        }
    }
  /* An empty date makes cairo 1.16 leave /CreationDate out instead of writing the clock;
   * pdfpost.c writes the dates (Info and XMP) from `date`. */
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_MOD_DATE, "");
  if (cairo_surface_status (pdf->surface) != CAIRO_STATUS_SUCCESS)
    {
      mn_error (d, file, 0, _("cairo cannot create the PDF: %s"),
                cairo_status_to_string (cairo_surface_status (pdf->surface)));
      rc = MN_EFAIL;
    }
out:
  pdf->date = date;
  if (rc != 0)
    mn_pdf_abort (pdf);
  else
    *out = pdf;
  return rc;
}

/* === painting === */

static double
pt (int pu)
{
  return pu / (double) PANGO_SCALE;
}

static void
set_rgb (cairo_t *cr, guint32 c)
{
  cairo_set_source_rgb (cr, (c >> 16 & 0xff) / 255.0, (c >> 8 & 0xff) / 255.0, (c & 0xff) / 255.0);
}

static void
emit_dest (mn_pdf *pdf, const char *id, int x, int y)
{
  if (!id || !g_hash_table_contains (pdf->doc->targets, id)
      || g_hash_table_contains (pdf->dests_done, id))
    return;
  g_hash_table_add (pdf->dests_done, (gpointer) id);
  char *e = dest_name (id);
  char *attrs = g_strdup_printf ("name='%s' x=%g y=%g", e, pt (x), pt (y));
  cairo_tag_begin (pdf->cr, CAIRO_TAG_DEST, attrs);
  cairo_tag_end (pdf->cr, CAIRO_TAG_DEST);
  g_free (attrs);
  g_free (e);
}

static void
paint_line (mn_pdf *pdf, const mn_area *a)
{
  cairo_t *cr = pdf->cr;
  const mn_line *line = a->line;
  const mn_para_line *ln = &line->geom;
  double tx = pt (a->x - ln->box_x + ln->x), by = pt (a->baseline);
  for (int i = 0; i < line->nids; i++)
    emit_dest (pdf, line->ids[i], a->x, a->y);
  const mn_fo_node *open_link = NULL;
  for (int i = 0; i < line->nruns; i++)
    {
      const mn_glyph_run *r = &line->runs[i];
      if (r->link != open_link)
        {
          if (open_link)
            cairo_tag_end (cr, CAIRO_TAG_LINK);
          open_link = r->link;
          if (open_link)
            {
              /* A link broken across lines is a Link tag per line; each part's alternate
               * text is the whole link's printed text (gathered as it is painted). */
              g_ptr_array_add (pdf->link_nodes, (gpointer) open_link);
              if (!g_hash_table_contains (pdf->link_texts, open_link))
                g_hash_table_insert (pdf->link_texts, (gpointer) open_link, g_string_new (NULL));
              char *e = open_link->uri ? safe_uri (open_link->uri) : dest_name (open_link->ref);
              char *attrs = g_strdup_printf (open_link->uri ? "uri='%s'" : "dest='%s'", e);
              begin_struct (pdf, CAIRO_TAG_LINK, attrs, NULL, 0);
              g_free (attrs);
              g_free (e);
            }
        }
      if (open_link)
        g_string_append_len (g_hash_table_lookup (pdf->link_texts, open_link), r->utf8, r->utf8_len);
      /* the run's glyphs are relative to the line's text start and baseline */
      g_array_set_size (pdf->glyphs, (guint) r->nglyphs);
      cairo_glyph_t *gl = (cairo_glyph_t *) pdf->glyphs->data;
      for (int g = 0; g < r->nglyphs; g++)
        {
          gl[g] = r->glyphs[g];
          gl[g].x += tx;
          gl[g].y += by;
        }
      set_rgb (cr, r->color);
      cairo_set_scaled_font (cr, mn_fonts_paint_font (pdf->fonts, r->font));
      if (r->nglyphs || r->utf8_len)
        cairo_show_text_glyphs (cr, r->utf8, r->utf8_len, gl, r->nglyphs, r->clusters,
                                r->nclusters, 0);
      if (r->decoration & (MN_DECO_UNDERLINE | MN_DECO_LINE_THROUGH))
        {
          double th = r->size * 0.05;
          double y = r->decoration & MN_DECO_UNDERLINE ? by + r->size * 0.12 : by - r->size * 0.3;
          cairo_rectangle (cr, tx + r->x0, y, r->x1 - r->x0, th);
          cairo_fill (cr);
        }
    }
  if (open_link)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* === borders ===
 *
 * Border sides are not stroked as they are met: each becomes a rule of the page, and the
 * page's rules are stroked together after everything else on it (flush_rules).  Rules that
 * draw alike (style, width, colour) are one path, stroked once; a side two cells share (the
 * collapsed border of a grid) is drawn once; solid rules on one line that meet are one line.
 * A Q&A row of three cells was twelve strokes, each with its own colour, width, cap and dash
 * operators; now its rules are part of one path for the whole page.  That is fewer bytes in
 * the content stream (issue 16) and fewer operations for cairo to analyse and replay, which
 * it does one at a time (bench/README.md F1).  Borders are drawn over backgrounds either way
 * (a cell's background never reaches over a border already drawn: they meet on the edge),
 * and nothing else on a page is drawn where a border is. */

/* Coordinates are compared at a thousandth of a point: a side two cells share is computed
 * from each cell's own position and size, and may differ in the last bits. */
static double
snap (double v)
{
  return round (v * 1000) / 1000;
}

static void
add_rule (mn_pdf *pdf, int style, double width, guint32 color, double x0, double y0, double x1, double y1)
{
  rule r = { style, width, color, snap (MIN (x0, x1)), snap (MIN (y0, y1)), snap (MAX (x0, x1)),
             snap (MAX (y0, y1)) };
  g_array_append_val (pdf->rules, r);
}

/* A border side as rules. */
static void
stroke_side (mn_pdf *pdf, const mn_border *b, double x0, double y0, double x1, double y1)
{
  if (b->style == MN_BORDER_NONE || b->width <= 0)
    return;
  double w = pt (b->width);
  if (b->style == MN_BORDER_DOUBLE)
    {
      /* two lines of a third each */
      double t = w / 3, dx = y0 == y1 ? 0 : t, dy = y0 == y1 ? t : 0;
      add_rule (pdf, MN_BORDER_SOLID, t, b->color, x0 - dx, y0 - dy, x1 - dx, y1 - dy);
      add_rule (pdf, MN_BORDER_SOLID, t, b->color, x0 + dx, y0 + dy, x1 + dx, y1 + dy);
    }
  else
    add_rule (pdf, b->style, w, b->color, x0, y0, x1, y1);
}

static int
cmp_double (double a, double b)
{
  return a < b ? -1 : a > b;
}

/* How rules are ordered: by how they draw, then horizontal before vertical, then by the line
 * they are on, then along it. */
static int
cmp_rule (const void *pa, const void *pb)
{
  const rule *a = pa, *b = pb;
  int va = a->x0 == a->x1, vb = b->x0 == b->x1, c;
  if ((c = (a->style > b->style) - (a->style < b->style)) || (c = cmp_double (a->width, b->width))
      || (c = (a->color > b->color) - (a->color < b->color)) || (c = va - vb))
    return c;
  if ((c = va ? cmp_double (a->x0, b->x0) : cmp_double (a->y0, b->y0)))
    return c;
  if ((c = va ? cmp_double (a->y0, b->y0) : cmp_double (a->x0, b->x0)))
    return c;
  return va ? cmp_double (a->y1, b->y1) : cmp_double (a->x1, b->x1);
}

static int
draws_alike (const rule *a, const rule *b)
{
  return a->style == b->style && a->width == b->width && a->color == b->color;
}

/* Stroke the page's rules, a path for each way of drawing, and forget them. */
static void
flush_rules (mn_pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  guint n = pdf->rules->len;
  if (n == 0)
    return;   /* (and the array has no data yet) */
  rule *r = (rule *) (void *) pdf->rules->data;
  qsort (r, n, sizeof *r, cmp_rule);
  for (guint i = 0; i < n;)
    {
      const rule *first = &r[i];
      set_rgb (cr, first->color);
      cairo_set_line_width (cr, first->width);
      cairo_set_line_cap (cr, first->style == MN_BORDER_DOTTED ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_SQUARE);
      if (first->style == MN_BORDER_DASHED)
        {
          double dash[1] = { 3 * first->width };
          cairo_set_dash (cr, dash, 1, 0);
        }
      else if (first->style == MN_BORDER_DOTTED)
        {
          double dash[2] = { 0, 2 * first->width };
          cairo_set_dash (cr, dash, 2, 0);
        }
      for (; i < n && draws_alike (first, &r[i]); i++)
        {
          rule line = r[i];
          int vertical = line.x0 == line.x1;
          /* the same line again, or (solid) one that continues it: one line */
          while (i + 1 < n && draws_alike (&line, &r[i + 1]) && (r[i + 1].x0 == r[i + 1].x1) == vertical
                 && (vertical ? r[i + 1].x0 == line.x0 : r[i + 1].y0 == line.y0)
                 && ((vertical ? r[i + 1].y0 <= line.y1 : r[i + 1].x0 <= line.x1)
                     && (line.style == MN_BORDER_SOLID
                         || (r[i + 1].x0 == line.x0 && r[i + 1].y0 == line.y0
                             && r[i + 1].x1 == line.x1 && r[i + 1].y1 == line.y1))))
            {
              i++;
              line.x1 = MAX (line.x1, r[i].x1);
              line.y1 = MAX (line.y1, r[i].y1);
            }
          cairo_move_to (cr, line.x0, line.y0);
          cairo_line_to (cr, line.x1, line.y1);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  g_array_set_size (pdf->rules, 0);
}

/* Background and borders of a box.  Cells stroke centred on their edges (table.c rule 3);
 * blocks and tables inside their border box. */
static void
paint_box (mn_pdf *pdf, const mn_area *a)
{
  cairo_t *cr = pdf->cr;
  const mn_style *st = &a->fo->st;
  double x = pt (a->x), y = pt (a->y), w = pt (a->w), h = pt (a->h);
  if (st->has_background)
    {
      set_rgb (cr, st->background);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
    }
  const mn_border *b = st->border;
  int cell = a->kind == MN_AREA_CELL;
  double it = cell ? 0 : pt (b[MN_SIDE_TOP].width) / 2, ib = cell ? 0 : pt (b[MN_SIDE_BOTTOM].width) / 2;
  double il = cell ? 0 : pt (b[MN_SIDE_LEFT].width) / 2, ir = cell ? 0 : pt (b[MN_SIDE_RIGHT].width) / 2;
  double top = y + it, bottom = y + h - ib, left = x + il, right = x + w - ir;
  if (!a->open_top || cell)
    stroke_side (pdf, &b[MN_SIDE_TOP], left, top, right, top);
  if (!a->open_bottom || cell)
    stroke_side (pdf, &b[MN_SIDE_BOTTOM], left, bottom, right, bottom);
  stroke_side (pdf, &b[MN_SIDE_LEFT], left, top, left, bottom);
  stroke_side (pdf, &b[MN_SIDE_RIGHT], right, top, right, bottom);
}

static const char *
block_tag (const mn_area *a)
{
  static const char *const ok[] = { "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "BlockQuote",
    "Caption", "Code", "Quote", "Note", NULL };
  const char *role = a->fo ? a->fo->role : NULL;
  for (const mn_fo_node *n = a->fo; !role && n && n->kind == MN_FO_PARA; n = n->parent)
    role = n->parent ? n->parent->role : NULL;
  for (int i = 0; role && ok[i]; i++)
    if (!strcmp (role, ok[i]))
      return ok[i];
  return "P";
}

static void paint_area (mn_pdf *pdf, const mn_area *a);
static void paint_untagged (mn_pdf *pdf, const mn_area *a);

static void
paint_children (mn_pdf *pdf, const mn_area *a)
{
  const char *open = NULL;
  for (const mn_area *k = a->first; k; k = k->next)
    {
      if (k->kind == MN_AREA_LINE && !open && !pdf->in_static)
        {
          /* a paragraph's lines; continued when they are not its first (k->fo: the PARA) */
          open = block_tag (k);
          begin_struct (pdf, open, "", k->fo, k->line->geom.start > 0);
        }
      else if (k->kind != MN_AREA_LINE && open)
        {
          cairo_tag_end (pdf->cr, open);
          open = NULL;
        }
      paint_area (pdf, k);
    }
  if (open)
    cairo_tag_end (pdf->cr, open);
}

static void
paint_area (mn_pdf *pdf, const mn_area *a)
{
  const char *tag = NULL;
  char scope = 0;
  if (a->fo && a->kind != MN_AREA_LINE && a->kind != MN_AREA_LINK)
    emit_dest (pdf, a->fo->id, a->x, a->y);
  switch (a->kind)
    {
    case MN_AREA_LINE:
      paint_line (pdf, a);
      return;
    case MN_AREA_LINK:
      return;
    case MN_AREA_REGION:
      pdf->in_static = a->region != MN_REGION_BODY;
      paint_children (pdf, a);
      pdf->in_static = 0;
      return;
    case MN_AREA_ROW:
      if (a->header && a->parent && a->parent->open_top && !pdf->in_static)
        {
          /* the header repeated on a continued table: painted, not tagged again */
          paint_untagged (pdf, a);
          return;
        }
      tag = "TR";
      break;
    case MN_AREA_TABLE:
      tag = "Table";
      break;
    case MN_AREA_CELL:
      /* a table-header cell heads its column; a cell with role="TH" its row */
      if (a->header)
        tag = "TH", scope = 'C';
      else if (a->fo && a->fo->role && !strcmp (a->fo->role, "TH"))
        tag = "TH", scope = 'R';
      else
        tag = "TD";
      break;
    case MN_AREA_LIST_ITEM:
      tag = "LI";
      break;
    case MN_AREA_LIST_LABEL:
      tag = "Lbl";
      break;
    case MN_AREA_LIST_BODY:
      tag = "LBody";
      break;
    case MN_AREA_BLOCK:
      if (a->fo && a->fo->kind == MN_FO_LIST)
        tag = "L";
      break;
    default:
      break;
    }
  if (pdf->in_static)
    tag = NULL;
  if (a->fo && a->kind != MN_AREA_ROW && a->kind != MN_AREA_LIST_LABEL && a->kind != MN_AREA_LIST_BODY)
    paint_box (pdf, a);
  if (tag)
    {
      int cont = begin_struct (pdf, tag, "", a->fo, a->open_top);
      /* a TH's scope once per element: a continued part is joined to it (pdfstruct.c) */
      if (scope && !cont)
        g_string_append_c (pdf->th_scopes, scope);
    }
  paint_children (pdf, a);
  if (tag)
    cairo_tag_end (pdf->cr, tag);
}

/* Paint `a` and what it holds outside the structure tree (as static content is). */
static void
paint_untagged (mn_pdf *pdf, const mn_area *a)
{
  pdf->in_static = 1;
  paint_children (pdf, a);
  pdf->in_static = 0;
}

int
mn_pdf_page (mn_pdf *pdf, const mn_area *page)
{
  /* Cairo 1.16 drops the document's tagging when the size changes after the first structure
   * tag: size the first page before "Document" is opened, later ones between pages. */
  if (!pdf->cr || pdf->page_w != page->w || pdf->page_h != page->h)
    cairo_pdf_surface_set_size (pdf->surface, pt (page->w), pt (page->h));
  pdf->page_w = page->w;
  pdf->page_h = page->h;
  start (pdf);
  /* The running header first, then the body, then the rest: the order pdftotext -raw and
   * screen readers follow (the area tree keeps the body first). */
  for (const mn_area *r = page->first; r; r = r->next)
    if (r->kind == MN_AREA_REGION && r->region == MN_REGION_BEFORE)
      paint_area (pdf, r);
  for (const mn_area *r = page->first; r; r = r->next)
    if (!(r->kind == MN_AREA_REGION && r->region == MN_REGION_BEFORE))
      paint_area (pdf, r);
  flush_rules (pdf);
  cairo_show_page (pdf->cr);
  pdf->pages++;
  cairo_status_t s = cairo_status (pdf->cr);
  if (s == CAIRO_STATUS_SUCCESS)
    s = cairo_surface_status (pdf->surface);
  if (s == CAIRO_STATUS_WRITE_ERROR)
    return MN_EIO;   /* the file is full or gone: the caller says so, with the errno */
  if (s != CAIRO_STATUS_SUCCESS)
    {
      mn_error (pdf->d, pdf->file, 0, _("cairo failed while painting page %d: %s"), page->number,
                cairo_status_to_string (s));
      return MN_EFAIL;
    }
  return 0;
}

static void
add_outline (mn_pdf *pdf, GPtrArray *marks, int parent, GHashTable *pages)
{
  for (guint i = 0; i < marks->len; i++)
    {
      const mn_fo_bookmark *b = g_ptr_array_index (marks, i);
      if (!b->dest)
        continue;
      if (!g_hash_table_contains (pdf->dests_done, b->dest))
        {
          mn_warning (pdf->d, pdf->file, b->line, _("the bookmark \"%s\" points at \"%s\", which is not on any page; it is left out"),
                      b->title, b->dest);
          continue;
        }
      char *e = dest_name (b->dest);
      char *attrs = g_strdup_printf ("dest='%s'", e);
      int id = cairo_pdf_surface_add_outline (pdf->surface, parent, b->title, attrs,
                                              b->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      g_free (attrs);
      g_free (e);
      add_outline (pdf, b->children, id, pages);
    }
}

int
mn_pdf_close (mn_pdf *pdf, GHashTable *pages, void (*painted) (void *data), void *data)
{
  int rc = 0;
  start (pdf);
  cairo_tag_end (pdf->cr, "Document");
  add_outline (pdf, pdf->doc->bookmarks, CAIRO_PDF_OUTLINE_ROOT, pages);
  cairo_destroy (pdf->cr);
  pdf->cr = NULL;
  cairo_surface_finish (pdf->surface);
  cairo_status_t s = cairo_surface_status (pdf->surface);
  if (s == CAIRO_STATUS_WRITE_ERROR || fflush (pdf->raw) != 0 || ferror (pdf->raw))
    {
      mn_error (pdf->d, pdf->file, 0, _("cannot write the PDF's temporary file in %s: %s"), g_get_tmp_dir (),
                g_strerror (errno));
      rc = MN_EIO;
      goto out;
    }
  if (s != CAIRO_STATUS_SUCCESS)
    {
      mn_error (pdf->d, pdf->file, 0, _("cairo failed while finishing the PDF: %s"), cairo_status_to_string (s));
      rc = MN_EFAIL;
      goto out;
    }
  /* cairo's memory (its copy of the structure tree, the font subsets) goes back before
   * qpdf's comes: the peak is the larger of the two, not their sum */
  cairo_surface_destroy (pdf->surface);
  pdf->surface = NULL;
  /* what the publishing stage needs of the document, copied: it is not read from here on */
  const mn_fo_meta *m = &pdf->doc->meta;
  char *meta[] = { g_strdup (m->lang), g_strdup (m->title), g_strdup (m->author),
                   g_strdup (m->subject), g_strdup (m->keywords) };
  pdf->doc = NULL;
  if (painted)
    painted (data);
  char *fontdir = mn_paths_data_file ("fonts");
  char *icc = g_build_filename (fontdir, "sRGB.icc", NULL);
  mn_pdfpost_doc post = MN_PDFPOST_DOC_INIT;
  post.lang = meta[0];
  post.title = meta[1];
  post.author = meta[2];
  post.subject = meta[3];
  post.keywords = meta[4];
  post.creator = "minutes " MN_VERSION;
  post.date = pdf->date;
  post.th_scopes = pdf->th_scopes->str;
  GPtrArray *alts = g_ptr_array_new ();
  for (guint i = 0; i < pdf->link_nodes->len; i++)
    {
      GString *t = g_hash_table_lookup (pdf->link_texts, pdf->link_nodes->pdata[i]);
      g_ptr_array_add (alts, t->str);
    }
  post.link_alts = alts;
  post.continues = (const int *) (void *) pdf->conts->data;
  post.ncontinues = (int) pdf->conts->len;
  post.icc_path = icc;
  rc = mn_pdfpost_run (pdf->fp, pdf->raw_path, &post, pdf->file, pdf->d);
  free (fontdir);
  g_free (icc);
  g_ptr_array_free (alts, TRUE);
  for (size_t i = 0; i < G_N_ELEMENTS (meta); i++)
    g_free (meta[i]);
out:
  mn_pdf_abort (pdf);
  return rc;
}

void
mn_pdf_abort (mn_pdf *pdf)
{
  if (!pdf)
    return;
  cairo_destroy (pdf->cr);  /* both accept NULL (no page painted yet) */
  cairo_surface_destroy (pdf->surface);
  if (pdf->raw)
    fclose (pdf->raw);
  if (pdf->raw_path)
    g_unlink (pdf->raw_path);
  g_free (pdf->raw_path);
  g_hash_table_destroy (pdf->dests_done);
  g_hash_table_destroy (pdf->last_elem);
  g_array_free (pdf->conts, TRUE);
  g_free (pdf->date);
  g_string_free (pdf->th_scopes, TRUE);
  g_ptr_array_unref (pdf->link_nodes);
  g_hash_table_destroy (pdf->link_texts);
  g_array_free (pdf->glyphs, TRUE);
  g_array_free (pdf->rules, TRUE);
  g_free (pdf);
}
