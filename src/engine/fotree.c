/* fotree.c: XSL-FO (libxml2 tree) -> the typed input tree of fotree.h.
 *
 * 1. Walk the FO elements; every element is either understood or reported with its line
 *    (warning; --strict: error).  Every attribute is read through the property table (the
 *    "properties" section below: what is known, where it applies, how it is parsed), which
 *    also makes the property section of docs/fo-subset.md; one it does not know is reported.
 * 2. Properties are resolved as XSL-FO 1.1 §5 says for our subset: inherited ones copied from
 *    the parent, lengths converted to Pango units once (em against the font size, % where the
 *    base is known here), shorthands expanded (margin, padding, border*), writing mode lr-tb
 *    only, so before/after/start/end map to top/bottom/left/right (§7.2 corresponding).
 * 3. Inline children of a block are grouped into anonymous PARA nodes, so that a block's
 *    children are all block level: each PARA becomes one PangoLayout in para.c.
 * Absurd values (0-size pages, negative widths, 5000pt fonts) are errors. */
#include "fotree.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

/* Round half away from zero (no libm needed). */
static int
round_int (double x)
{
  return (int) (x >= 0 ? x + 0.5 : x - 0.5);
}

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define PDF_NS "http://ns.adobe.com/pdf/1.3/"
#define XMP_NS "http://ns.adobe.com/xap/1.0/"
#define XMPMETA_NS "adobe:ns:meta/"

/* Lengths beyond this are absurd (about 35 m): an error, not a hang. */
#define MAX_LEN (100000 * MN_PT)

typedef struct ctx {
  mn_fo_doc *doc;     /* being built */
  mn_diag *d;         /* diagnostics */
  const char *file;   /* for diagnostics */
  int errors_before;  /* d->errors when the parse began: the parse fails if it grew */
  int generated;      /* the FO was made in memory by a stylesheet (no file of its own) */
  int take;           /* the FO document is ours: free each block's elements once parsed */
} ctx;

/* Properties parsed from one element before they are combined (margins need border and
 * padding, which may come later in the attribute list). */
typedef struct raw_props {
  int has_start, has_end;       /* start-indent / end-indent given */
  int start, end;               /* their values */
  int margin[4];                /* margin-* (top/bottom go to space-before/after) */
  int has_margin[4];
  int space_max[2];             /* space-before.maximum, space-after.maximum */
  int has_space_max[2];         /* ... given */
} raw_props;

/* === diagnostics === */

/* The line a diagnostic about `n` names: its mx:line, else the nearest ancestor's (text the
 * stylesheets generate inside a block made from a session element belongs to that element's
 * line), else the FO element's own line.  An FO made in memory by a stylesheet (`build`: the
 * document has no URL) has no lines of its own: libxslt gives its elements the lines of the
 * stylesheet, which must not be reported as lines of the session: 0 then. */
static long
node_line (xmlNodePtr n)
{
  for (xmlNodePtr p = n; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    {
      xmlChar *v = xmlGetNsProp (p, BAD_CAST "line", BAD_CAST MN_FOX_NS);
      long line = v ? atol ((const char *) v) : 0;
      xmlFree (v);
      if (line > 0)
        return line;
    }
  if (n && n->doc && !n->doc->URL)
    return 0;
  return xmlGetLineNo (n);
}

/* Errors and warnings go to c->d, which counts them: the parse fails when an error was
 * reported during it (d->errors grew), whether by bad() or by a warning that --strict makes
 * an error. */

/* Report one diagnostic; one about a generated FO that no session line explains says where it
 * comes from instead. */
static void
report (ctx *c, enum mn_severity sev, long line, const char *fmt, va_list ap)
{
  if (line > 0 || !c->generated)
    {
      mn_diag_vreport (c->d, sev, c->file, line, fmt, ap);
      return;
    }
  char *msg = g_strdup_vprintf (fmt, ap);
  mn_diag_report (c->d, sev, c->file, 0,
                  _("%s (in the FO the stylesheet made, not at a line of this file: check the stylesheet and the --param values)"),
                  msg);
  g_free (msg);
}

/* An error, or a construct outside the subset (a warning; --strict makes it an error). */
static void
say (ctx *c, enum mn_severity sev, long line, const char *fmt, ...) __attribute__ ((format (printf, 4, 5)));
static void
say (ctx *c, enum mn_severity sev, long line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  report (c, sev, line, fmt, ap);
  va_end (ap);
}
#define bad(c, line, ...) say ((c), MN_ERROR, (line), __VA_ARGS__)
#define outside(c, line, ...) say ((c), MN_WARNING, (line), __VA_ARGS__)

static const char *
intern (ctx *c, const char *s)
{
  return s ? g_string_chunk_insert_const (c->doc->strings, s) : NULL;
}

/* `v` within ±MAX_LEN. */
static int
clamp_len (long long v)
{
  return v > MAX_LEN ? MAX_LEN : v < -MAX_LEN ? -MAX_LEN : (int) v;
}

/* === value parsers === */

/* A length: `12pt`, `3.5mm`, `1.2em`, `50%` (of `pct_base`, when >= 0), `0`.
 * Returns 0 and sets *out, -1 (not a length), or -2 (a length beyond ±100,000pt). */
static int
parse_length (const char *v, int font_size, int pct_base, int *out)
{
  char *end;
  while (*v == ' ')
    v++;
  double x = g_ascii_strtod (v, &end);
  if (end == v || !isfinite (x))
    return -1;
  while (*end == ' ')
    end++;
  double pt;
  if (!*end)
    {
      if (x != 0)
        return -1;
      pt = 0;
    }
  else if (!strcmp (end, "pt"))
    pt = x;
  else if (!strcmp (end, "mm"))
    pt = x * 72.0 / 25.4;
  else if (!strcmp (end, "cm"))
    pt = x * 72.0 / 2.54;
  else if (!strcmp (end, "in"))
    pt = x * 72.0;
  else if (!strcmp (end, "pc"))
    pt = x * 12.0;
  else if (!strcmp (end, "px"))
    pt = x * 0.75;
  else if (!strcmp (end, "em"))
    pt = x * font_size / (double) MN_PT;
  else if (!strcmp (end, "%") && pct_base >= 0)
    pt = x * pct_base / 100.0 / MN_PT;
  else
    return -1;
  double pu = pt * MN_PT;
  if ((pu > MAX_LEN || pu < -MAX_LEN))
    return -2;
  *out = round_int (pu);
  return 0;
}

static int
parse_color (const char *v, guint32 *out, int *transparent)
{
  static const struct { const char *name; guint32 rgb; } named[] = {
    { "black", 0x000000 }, { "white", 0xffffff }, { "red", 0xff0000 }, { "green", 0x008000 },
    { "blue", 0x0000ff }, { "gray", 0x808080 }, { "grey", 0x808080 }, { "silver", 0xc0c0c0 },
    { "maroon", 0x800000 }, { "navy", 0x000080 }, { "olive", 0x808000 }, { "purple", 0x800080 },
    { "teal", 0x008080 }, { "aqua", 0x00ffff }, { "fuchsia", 0xff00ff }, { "lime", 0x00ff00 },
    { "yellow", 0xffff00 }, { "orange", 0xffa500 }, { "lightgray", 0xd3d3d3 },
    { "lightgrey", 0xd3d3d3 }, { "darkgray", 0xa9a9a9 }, { "darkgrey", 0xa9a9a9 },
  };
  *transparent = 0;
  if (!strcmp (v, "transparent"))
    {
      *transparent = 1;
      return 0;
    }
  for (size_t i = 0; i < G_N_ELEMENTS (named); i++)
    if (!g_ascii_strcasecmp (v, named[i].name))
      {
        *out = named[i].rgb;
        return 0;
      }
  if (v[0] == '#')
    {
      size_t n = strlen (v + 1);
      for (size_t i = 1; i <= n; i++)
        if (!g_ascii_isxdigit (v[i]))
          return -1;
      unsigned long x = strtoul (v + 1, NULL, 16);
      if (n == 6)
        *out = (guint32) x;
      else if (n == 3)
        *out = (guint32) (((x >> 8) & 0xf) * 0x110000 + ((x >> 4) & 0xf) * 0x1100 + (x & 0xf) * 0x11);
      else
        return -1;
      return 0;
    }
  int r, g, b;
  if (sscanf (v, "rgb(%d,%d,%d)", &r, &g, &b) == 3 && r >= 0 && r < 256 && g >= 0 && g < 256
      && b >= 0 && b < 256)
    {
      *out = (guint32) ((r << 16) | (g << 8) | b);
      return 0;
    }
  return -1;
}

/* A keyword and what it stands for. */
typedef struct keyword {
  const char *word;
  int value;
} keyword;

/* The value of keyword `v` in `kw` (ended by a NULL word), or -1. */
static int
keyword_value (const keyword *kw, const char *v)
{
  for (; kw->word; kw++)
    if (!strcmp (kw->word, v))
      return kw->value;
  return -1;
}

static int
parse_border_style (const char *v)
{
  static const keyword kw[] = {
    { "none", MN_BORDER_NONE }, { "hidden", MN_BORDER_NONE }, { "solid", MN_BORDER_SOLID },
    { "groove", MN_BORDER_SOLID }, { "ridge", MN_BORDER_SOLID }, { "inset", MN_BORDER_SOLID },
    { "outset", MN_BORDER_SOLID }, { "dashed", MN_BORDER_DASHED },
    { "dotted", MN_BORDER_DOTTED }, { "double", MN_BORDER_DOUBLE }, { NULL, 0 } };
  return keyword_value (kw, v);
}

static int
parse_border_width (const char *v, int fs, int *out)
{
  if (!strcmp (v, "thin"))
    *out = MN_PT / 2;
  else if (!strcmp (v, "medium"))
    *out = MN_PT;
  else if (!strcmp (v, "thick"))
    *out = 2 * MN_PT;
  else if (parse_length (v, fs, -1, out) != 0 || *out < 0)
    return -1;
  return 0;
}

/* The shorthand `margin`/`padding`: 1 to 4 lengths in CSS order (top, right, bottom, left),
 * into out[MN_SIDE_*].  Returns 1 when set, 0 when the value holds no length, -1 when a part is
 * not a length (or negative, with `nonneg`) or there are more than four. */
static int
parse_four_sides (const char *v, int font_size, int nonneg, int out[4])
{
  char **parts = g_strsplit_set (v, " ", -1);
  int vals[4], n = 0;
  for (int i = 0; parts[i]; i++)
    if (*parts[i])
      {
        if (n == 4 || parse_length (parts[i], font_size, -1, &vals[n]) != 0 || (nonneg && vals[n] < 0))
          {
            g_strfreev (parts);
            return -1;
          }
        n++;
      }
  g_strfreev (parts);
  if (n == 0)
    return 0;
  out[MN_SIDE_TOP] = vals[0];
  out[MN_SIDE_RIGHT] = n > 1 ? vals[1] : vals[0];
  out[MN_SIDE_BOTTOM] = n > 2 ? vals[2] : vals[0];
  out[MN_SIDE_LEFT] = n > 3 ? vals[3] : out[MN_SIDE_RIGHT];
  return 1;
}

static int
parse_align (const char *v)
{
  static const keyword kw[] = {
    { "start", MN_ALIGN_START }, { "left", MN_ALIGN_START }, { "inside", MN_ALIGN_START },
    { "center", MN_ALIGN_CENTER }, { "end", MN_ALIGN_END }, { "right", MN_ALIGN_END },
    { "outside", MN_ALIGN_END }, { "justify", MN_ALIGN_JUSTIFY }, { NULL, 0 } };
  return keyword_value (kw, v);
}

static int
in_list (const char *const *list, const char *name)
{
  for (int i = 0; list[i]; i++)
    if (!strcmp (list[i], name))
      return 1;
  return 0;
}

/* === properties === */

/* The property table below is the one place that says which FO properties the engine knows,
 * what it does with each, and where: parsing (apply_attrs, check_attrs), the "outside the
 * subset" warnings and the property section of docs/fo-subset.md (mn_fo_props_write_doc;
 * the test fo-subset-properties keeps the document equal to it) all come from it.
 *
 * How a property is read depends on its kind:
 *   P_STYLE    a style property (mn_style): computed on every element of the input tree, from
 *              the parent's value when it is inherited (§5.1.4), so it may be written on any
 *              element; `applies` says where it takes effect;
 *   P_NODE     data of the node (an id, a link's destination, a cell's span): read only on
 *              the elements it applies to, accepted and ignored elsewhere;
 *   P_ELEMENT  read by its element's own parser (page masters, regions, sequences, flows,
 *              table columns, cells given directly in a body, bookmarks);
 *   P_NONE     accepted and documented as having no effect here.
 * On the elements of the input tree (blocks, inlines, tables, lists, flows, page-sequence,
 * root) any property of the table is accepted (XSL-FO lets inherited properties be written
 * anywhere, and stylesheets share attribute sets); one it does not know is a warning.  On
 * fo:simple-page-master, the regions and fo:table-column only those that apply there, or are
 * ignored there (`ignored`), are accepted.
 *
 * A name with SIDE stands for eight: SIDE is top, bottom, left, right, before, after, start
 * or end (writing mode lr-tb: before = top, after = bottom, start = left, end = right).  A
 * component (§5.11) .minimum, .maximum, .conditionality, .precedence, .within-line or
 * .within-column of a known property is accepted and ignored; any other (space-before.optimum,
 * keep-with-next.within-page, border-before-width.length) is read as the property itself,
 * for style properties only. */

/* Element classes: where a property applies (bit masks). */
enum {
  ON_BLOCK = 1 << 0,        /* fo:block, fo:block-container, a block-level fo:wrapper */
  ON_INLINE = 1 << 1,       /* fo:inline, an inline fo:wrapper, and the inline elements below */
  ON_LINK = 1 << 2,         /* fo:basic-link */
  ON_CITATION = 1 << 3,     /* fo:page-number-citation, fo:page-number-citation-last */
  ON_LEADER = 1 << 4,       /* fo:leader */
  ON_TABLE = 1 << 5,        /* fo:table */
  ON_ROW = 1 << 6,          /* fo:table-row (and fo:table-header, -body) */
  ON_CELL = 1 << 7,         /* fo:table-cell */
  ON_LIST = 1 << 8,         /* fo:list-block, fo:list-item, its label and body */
  ON_FLOW = 1 << 9,         /* fo:flow, fo:static-content (and fo:root) */
  ON_SEQUENCE = 1 << 10,    /* fo:page-sequence */
  ON_MASTER = 1 << 11,      /* fo:simple-page-master */
  ON_REGION = 1 << 12,      /* fo:region-body, -before, -after, -start, -end */
  ON_COLUMN = 1 << 13,      /* fo:table-column */
  ON_BOOKMARK = 1 << 14,    /* fo:bookmark */
};
/* The elements of the input tree. */
#define ON_TREE (ON_BLOCK | ON_INLINE | ON_LINK | ON_CITATION | ON_LEADER | ON_TABLE | ON_ROW \
                 | ON_CELL | ON_LIST | ON_FLOW | ON_SEQUENCE)
/* The page-master elements, whose attributes are checked against `applies` and `ignored`. */
#define ON_PAGE_MASTERS (ON_MASTER | ON_REGION | ON_COLUMN)
#define ON_TEXT (ON_BLOCK | ON_INLINE)
#define ON_BOXES (ON_BLOCK | ON_TABLE | ON_CELL | ON_LIST)

typedef enum { P_STYLE, P_NODE, P_ELEMENT, P_NONE } prop_kind;

/* The element whose properties are being read. */
typedef struct elem {
  ctx *c;
  mn_fo_node *n;            /* its node (NULL for a page master, region or column) */
  mn_style *st;             /* n's style, being computed */
  const mn_style *parent;   /* the parent's computed style */
  raw_props *raw;           /* margins and indents, combined once every attribute is read */
  long line;                /* for diagnostics */
} elem;

typedef struct prop_def prop_def;

/* Read value `v` of property `name` (SIDE replaced, no component) into `e`; `side` is the
 * MN_SIDE_* a SIDE name stood for, or -1. */
typedef void (*prop_parse) (elem *e, const prop_def *p, int side, const char *name, const char *v);

struct prop_def {
  const char *name;         /* the property (SIDE: see above) */
  prop_kind kind;           /* how it is read */
  gint8 inherited;          /* inherited (§5.1.4, and each property's definition in §7) */
  prop_parse parse;         /* P_STYLE, P_NODE: reads the value; P_ELEMENT: checks it, or NULL */
  int applies;              /* ON_*: where it takes effect */
  int ignored;              /* ON_PAGE_MASTERS: where it is accepted without effect */
  const char *values;       /* docs: the values and what they do ("" : the row above's) */
  const char *initial;      /* docs: the initial value, or NULL */
  const char *example;      /* a value with an effect (fo-props test: inherited or not), or NULL */
};

/* --- value parsers --- */

/* The value of keyword `v` in `kw`; else a warning (`msg`, whose %s is v) and -1. */
static int
keyword_or_warn (elem *e, const keyword *kw, const char *v, const char *msg)
{
  int k = keyword_value (kw, v);
  if (k < 0)
    outside (e->c, e->line, msg, v);
  return k;
}

static void
p_font_family (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  ctx *c = e->c;
  e->st->font_family = intern (c, v);
  char **fams = g_strsplit (v, ",", -1);
  for (int i = 0; fams[i]; i++)
    {
      char *f = g_strstrip (fams[i]);
      size_t n = strlen (f);
      if (n >= 2 && (f[0] == '\'' || f[0] == '"') && f[n - 1] == f[0])
        {
          f[n - 1] = 0;
          f++;
        }
      int seen = 0;
      for (guint k = 0; k < c->doc->families->len && !seen; k++)
        seen = !strcmp (((mn_fo_family *) g_ptr_array_index (c->doc->families, k))->name, f);
      if (!seen && *f)
        {
          mn_fo_family *fam = g_new0 (mn_fo_family, 1);
          fam->name = intern (c, f);
          fam->line = e->line;
          g_ptr_array_add (c->doc->families, fam);
        }
    }
  g_strfreev (fams);
}

static void
p_font_size (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  static const struct { const char *k; double pt; } kw[] = {
    { "xx-small", 7 }, { "x-small", 8 }, { "small", 10 }, { "medium", 12 },
    { "large", 14 }, { "x-large", 18 }, { "xx-large", 24 } };
  mn_style *st = e->st;
  const mn_style *parent = e->parent;
  int done = 0, len;
  for (size_t i = 0; i < G_N_ELEMENTS (kw) && !done; i++)
    if (!strcmp (v, kw[i].k))
      {
        st->font_size = (int) (kw[i].pt * MN_PT);
        done = 1;
      }
  if (!done && !strcmp (v, "smaller"))
    st->font_size = parent->font_size * 5 / 6, done = 1;
  if (!done && !strcmp (v, "larger"))
    st->font_size = parent->font_size * 6 / 5, done = 1;
  if (!done)
    {
      int r = parse_length (v, parent->font_size, parent->font_size, &len);
      if (r == -2)
        len = 0;  /* out of range: said below */
      else if (r != 0)
        {
          bad (e->c, e->line, _("font-size=\"%s\" is not a length; write it like 10.5pt"), v);
          return;
        }
      st->font_size = len;
    }
  if (st->font_size <= 0 || st->font_size > 1000 * MN_PT)
    {
      bad (e->c, e->line, _("font-size=\"%s\" is out of range; use a size between 0 and 1000pt"), v);
      st->font_size = parent->font_size;
    }
}

static void
p_font_weight (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  mn_style *st = e->st;
  if (!strcmp (v, "bold"))
    st->font_weight = 700;
  else if (!strcmp (v, "normal"))
    st->font_weight = 400;
  else if (!strcmp (v, "bolder"))
    st->font_weight = MIN (900, e->parent->font_weight + 300);
  else if (!strcmp (v, "lighter"))
    st->font_weight = MAX (100, e->parent->font_weight - 300);
  else if (atoi (v) >= 100 && atoi (v) <= 900)
    st->font_weight = atoi (v);
  else
    outside (e->c, e->line, _("font-weight=\"%s\" is not supported; use normal, bold or 100-900"), v);
}

static void
p_font_style (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->st->font_italic = !strcmp (v, "italic") || !strcmp (v, "oblique");
  if (!e->st->font_italic && strcmp (v, "normal"))
    outside (e->c, e->line, _("font-style=\"%s\" is not supported; use normal or italic"), v);
}

static void
p_color (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int tr;
  if (parse_color (v, &e->st->color, &tr) != 0 || tr)
    outside (e->c, e->line, _("color=\"%s\" is not a colour this engine knows; use #rrggbb"), v);
}

static void
p_background_color (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int tr;
  if (parse_color (v, &e->st->background, &tr) != 0)
    outside (e->c, e->line, _("background-color=\"%s\" is not a colour this engine knows; use #rrggbb"), v);
  else
    e->st->has_background = !tr;
}

static void
p_line_height (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  mn_style *st = e->st;
  char *end;
  int len;
  double x = g_ascii_strtod (v, &end);
  if (!strcmp (v, "normal"))
    st->line_height_permille = 1200, st->line_height = 0;
  else if (end != v && *end == 0 && x > 0 && x < 100)
    st->line_height_permille = round_int (x * 1000), st->line_height = 0;
  else if (parse_length (v, st->font_size, st->font_size, &len) == 0 && len > 0)
    st->line_height = len, st->line_height_permille = 0;
  else
    bad (e->c, e->line, _("line-height=\"%s\" is not valid; write a number such as 1.7 or a length"), v);
}

/* text-align, text-align-last (arg: which) */
static void
p_text_align (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int last = !strcmp (name, "text-align-last");
  int a = parse_align (v);
  if (a < 0 && last && !strcmp (v, "relative"))
    a = -1;
  else if (a < 0)
    {
      outside (e->c, e->line, _("%s=\"%s\" is not supported; use start, center, end or justify"), name, v);
      return;
    }
  if (last)
    e->st->text_align_last = a;
  else
    e->st->text_align = a;
}

/* A length for `name`; reports what is wrong and returns -1. */
static int
length_value (elem *e, const char *name, const char *v, int *len)
{
  int r = parse_length (v, e->st->font_size, -1, len);
  if (r == -2)
    bad (e->c, e->line, _("%s=\"%s\" is out of range; use a length between -100000pt and 100000pt"), name, v);
  else if (r != 0)
    bad (e->c, e->line, _("%s=\"%s\" is not a length; write it like 10mm"), name, v);
  return r == 0 ? 0 : -1;
}

static void
p_text_indent (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int len;
  if (length_value (e, name, v, &len) == 0)
    e->st->text_indent = len;
}

static void
p_letter_spacing (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int len;
  if (!strcmp (v, "normal"))
    e->st->letter_spacing = 0;
  else if (length_value (e, name, v, &len) == 0)
    e->st->letter_spacing = len;
}

/* start-indent, end-indent */
static void
p_indent (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int len;
  if (strstr (v, "label-end()") || strstr (v, "body-start()"))
    return;  /* the list columns are what layout gives them (flow.c, lists) */
  if (length_value (e, name, v, &len) != 0)
    return;
  if (!strcmp (name, "start-indent"))
    e->raw->has_start = 1, e->raw->start = len;
  else
    e->raw->has_end = 1, e->raw->end = len;
}

/* margin (side -1: 1 to 4 lengths, CSS order), margin-SIDE */
static void
p_margin (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int m[4], len;
  if (side < 0)
    {
      int got = parse_four_sides (v, e->st->font_size, 0, m);
      if (got < 0)
        bad (e->c, e->line, _("%s=\"%s\" is not a length; write it like 10mm"), name, v);
      else if (got > 0)
        for (int s = 0; s < 4; s++)
          e->raw->margin[s] = m[s], e->raw->has_margin[s] = 1;
    }
  else if (length_value (e, name, v, &len) == 0)
    e->raw->margin[side] = len, e->raw->has_margin[side] = 1;
}

/* space-before, space-after (their .optimum), and their .maximum: how far the space may grow
 * when a page is justified (vjust.c).  The maximum is combined with the optimum once every
 * attribute is read (apply_attrs): a maximum below the optimum is the optimum (§5.11). */
static void
p_space (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int after = !strncmp (name, "space-after", 11);
  int len;
  if (length_value (e, name, v, &len) != 0)
    return;
  if (len < 0)
    bad (e->c, e->line, _("%s=\"%s\" is negative; spaces must be 0 or more"), name, v);
  else if (strstr (name, ".maximum"))
    e->raw->space_max[after] = len, e->raw->has_space_max[after] = 1;
  else
    *(after ? &e->st->space_after : &e->st->space_before) = len;
}

/* padding (side -1: 1 to 4 lengths), padding-SIDE */
static void
p_padding (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int len;
  if (side < 0)
    {
      if (parse_four_sides (v, e->st->font_size, 1, e->st->padding) < 0)
        bad (e->c, e->line, _("%s=\"%s\" is not a length of 0 or more; write it like 2pt"), name, v);
    }
  else if (parse_length (v, e->st->font_size, -1, &len) != 0 || len < 0)
    bad (e->c, e->line, _("%s=\"%s\" is not a length of 0 or more; write it like 2pt"), name, v);
  else
    e->st->padding[side] = len;
}

/* One word of a border value: a width, a style or a colour, as `what` allows (NULL: any),
 * for sides s0..s1. */
static void
border_word (elem *e, const char *name, const char *v, const char *what, int s0, int s1,
             const char *w)
{
  mn_style *st = e->st;
  int width, style, tr;
  guint32 col;
  if ((!what || !strcmp (what, "style")) && (style = parse_border_style (w)) >= 0)
    for (int s = s0; s <= s1; s++)
      {
        st->border[s].style = style;
        if (style != MN_BORDER_NONE && st->border[s].width == 0 && !what)
          st->border[s].width = MN_PT;
      }
  else if ((!what || !strcmp (what, "width")) && parse_border_width (w, st->font_size, &width) == 0)
    for (int s = s0; s <= s1; s++)
      st->border[s].width = width;
  else if ((!what || !strcmp (what, "color")) && parse_color (w, &col, &tr) == 0)
    for (int s = s0; s <= s1; s++)
      st->border[s].color = col;
  else
    bad (e->c, e->line, _("%s=\"%s\" is not understood; write it like \"0.5pt solid black\""), name, v);
}

/* border, border-SIDE, border-width/-style/-color, border-SIDE-width/-style/-color: the words
 * of the value, each a width, a style or a colour as the name allows.  border-width, -style
 * and -color take 1 to 4 values in CSS order (top, right, bottom, left), as padding and margin
 * do (XSL-FO 1.1 §7.31.4, §7.31.6, §7.31.8). */
static void
p_border (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  const char *part = strrchr (name, '-');  /* width, style or color; NULL: all three */
  if (part && strcmp (part + 1, "width") && strcmp (part + 1, "style") && strcmp (part + 1, "color"))
    part = NULL;
  const char *what = part ? part + 1 : NULL;
  char **parts = g_strsplit_set (v, " ", -1);
  GPtrArray *words = g_ptr_array_new ();   /* the non-empty parts (borrowed) */
  for (int i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (words, parts[i]);
  int n = (int) words->len;
  if (what && side < 0 && n > 1)
    {
      /* value index for top, right, bottom, left, given 2, 3 or 4 values */
      static const int pick[3][4] = { { 0, 1, 0, 1 }, { 0, 1, 2, 1 }, { 0, 1, 2, 3 } };
      if (n > 4)
        bad (e->c, e->line, _("%s=\"%s\" has more than four values (top, right, bottom, left)"), name, v);
      else
        for (int s = 0; s < 4; s++)
          border_word (e, name, v, what, s, s, g_ptr_array_index (words, pick[n - 2][s]));
    }
  else
    for (int i = 0; i < n; i++)
      border_word (e, name, v, what, side >= 0 ? side : 0, side >= 0 ? side : 3,
                   g_ptr_array_index (words, i));
  g_ptr_array_free (words, TRUE);
  g_strfreev (parts);
}

/* The whole number `v` (digits only, as XSL's <integer> for these properties), when it is
 * within lo..hi: 1 with *out set, else 0. */
static int
whole_in (const char *v, int lo, int hi, int *out)
{
  if (!v || !*v)
    return 0;
  long long n = 0;
  for (const char *q = v; *q; q++)
    {
      if (*q < '0' || *q > '9' || n > hi)
        return 0;
      n = n * 10 + (*q - '0');
    }
  if (n < lo || n > hi)
    return 0;
  *out = (int) n;
  return 1;
}

/* widows, orphans */
static void
p_widows (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int n;
  if (!whole_in (v, 1, 1000, &n))
    bad (e->c, e->line, _("%s=\"%s\" must be a whole number from 1 to %d"), name, v, 1000);
  else if (name[0] == 'w')
    e->st->widows = n;
  else
    e->st->orphans = n;
}

/* break-before, break-after */
static void
p_break (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int b = MN_BREAK_AUTO;
  if (!strcmp (v, "page") || !strcmp (v, "even-page") || !strcmp (v, "odd-page")
      || !strcmp (v, "column"))
    b = MN_BREAK_PAGE;
  else if (strcmp (v, "auto"))
    outside (e->c, e->line, _("%s=\"%s\" is not supported; use page or auto"), name, v);
  if (b == MN_BREAK_PAGE && strcmp (v, "page") && strcmp (v, "column"))
    outside (e->c, e->line, _("%s=\"%s\" is set as a plain page break (no blank page is inserted)"), name, v);
  if (!strcmp (name, "break-before"))
    e->st->break_before = b;
  else
    e->st->break_after = b;
}

/* keep-with-next, keep-with-previous, keep-together, and keep-together.within-line (the one
 * component with an effect here, apply_prop).  keep-together without a component sets
 * .within-line too (§7.20.3: the shorthand sets every component); it matters on inlines only. */
static void
p_keep (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int k = strcmp (v, "auto") != 0;
  if (!strcmp (name, "keep-with-next"))
    e->st->keep_with_next = k;
  else if (!strcmp (name, "keep-with-previous"))
    e->st->keep_with_previous = k;
  else if (!strcmp (name, "keep-together.within-line"))
    e->st->keep_within_line = k;
  else if (!strcmp (name, "keep-together"))
    e->st->keep_together = e->st->keep_within_line = k;
  else /* keep-together.within-page, .within-column */
    e->st->keep_together = k;
}

/* mx:line-break: the kinsoku level (CSS Text 3 §5.2 line-break, JLREQ §3.1.7) */
static void
p_line_break (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  static const keyword kw[] = {
    { "strict", MN_LINE_BREAK_STRICT }, { "normal", MN_LINE_BREAK_NORMAL },
    { "loose", MN_LINE_BREAK_LOOSE }, { NULL, 0 } };
  int k = keyword_value (kw, v);
  if (k < 0)
    bad (e->c, e->line, _("mx:line-break=\"%s\" is not a line-break level; use strict, normal or loose"), v);
  else
    e->st->line_break = (gint8) k;
}

/* mx:keep-together-lines: a whole number of lines, 0 for none */
static void
p_keep_lines (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  char *end;
  long n = strtol (v, &end, 10);
  if (end == v || *end || n < 0 || n > 1000)
    bad (e->c, e->line, _("%s=\"%s\" must be a whole number of lines from 0 to 1000"), name, v);
  else
    e->st->keep_lines = (gint16) n;
}

static void
p_display_align (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  static const keyword kw[] = {
    { "center", MN_DISPLAY_CENTER }, { "after", MN_DISPLAY_AFTER },
    { "before", MN_DISPLAY_BEFORE }, { "auto", MN_DISPLAY_BEFORE }, { NULL, 0 } };
  int k = keyword_or_warn (e, kw, v, _("display-align=\"%s\" is not supported; use before, center or after"));
  if (k >= 0)
    e->st->display_align = k;
}

/* a cell's display-align, or an inline's baseline-shift; other values are ignored */
static void
p_vertical_align (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  static const keyword cell[] = {
    { "middle", MN_DISPLAY_CENTER }, { "bottom", MN_DISPLAY_AFTER }, { NULL, 0 } };
  static const keyword shift[] = {
    { "super", MN_SHIFT_SUPER }, { "sub", MN_SHIFT_SUB }, { NULL, 0 } };
  int k;
  if ((k = keyword_value (cell, v)) >= 0)
    e->st->display_align = k;
  else if ((k = keyword_value (shift, v)) >= 0)
    e->st->baseline_shift = k;
}

static void
p_text_decoration (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  mn_style *st = e->st;
  st->decoration = 0;
  if (strstr (v, "underline") && !strstr (v, "no-underline"))
    st->decoration |= MN_DECO_UNDERLINE;
  if (strstr (v, "line-through") && !strstr (v, "no-line-through"))
    st->decoration |= MN_DECO_LINE_THROUGH;
  if (strstr (v, "overline") && !strstr (v, "no-overline"))
    st->decoration |= MN_DECO_OVERLINE;
}

static void
p_baseline_shift (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  static const keyword kw[] = {
    { "super", MN_SHIFT_SUPER }, { "sub", MN_SHIFT_SUB }, { "baseline", MN_SHIFT_BASELINE },
    { NULL, 0 } };
  int k = keyword_or_warn (e, kw, v, _("baseline-shift=\"%s\" is not supported; use super, sub or baseline"));
  if (k >= 0)
    e->st->baseline_shift = k;
}

static void
p_linefeed_treatment (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->st->preserve_linefeeds = !strcmp (v, "preserve");
}

static void
p_white_space_collapse (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->st->collapse_spaces = strcmp (v, "false") != 0;
}

static void
p_white_space (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  mn_style *st = e->st;
  if (!strcmp (v, "pre"))
    st->preserve_linefeeds = 1, st->collapse_spaces = 0, st->nowrap = 1;
  else if (!strcmp (v, "pre-wrap") || !strcmp (v, "pre-line"))
    st->preserve_linefeeds = 1, st->collapse_spaces = !strcmp (v, "pre-line");
  else if (!strcmp (v, "nowrap"))
    st->nowrap = 1;
}

static void
p_wrap_option (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->st->nowrap = !strcmp (v, "no-wrap");
}

/* provisional-distance-between-starts, provisional-label-separation */
static void
p_provisional (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  int *field = !strcmp (name, "provisional-distance-between-starts") ? &e->st->pdbs : &e->st->pls;
  int len;
  if (parse_length (v, e->st->font_size, -1, &len) != 0 || len < 0)
    bad (e->c, e->line, _("%s=\"%s\" is not a length of 0 or more; write it like 2em"), name, v);
  else
    *field = len;
}

static void
p_id (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  ctx *c = e->c;
  if (g_hash_table_contains (c->doc->ids, v))
    bad (c, e->line, _("id \"%s\" is used twice; ids must be unique"), v);
  else
    {
      e->n->id = intern (c, v);
      g_hash_table_insert (c->doc->ids, (gpointer) e->n->id, e->n);
    }
}

/* internal-destination, ref-id */
static void
p_ref (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->n->ref = intern (e->c, v);
  if (e->n->kind == MN_FO_LINK)
    g_hash_table_add (e->c->doc->targets, (gpointer) e->n->ref);
}

static void
p_external_destination (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  /* url('x'), url("x"), url(x) or a bare URI */
  const char *s = v;
  size_t len = strlen (s);
  if (!strncmp (s, "url(", 4) && len > 5 && s[len - 1] == ')')
    {
      s += 4, len -= 5;
      if (len >= 2 && (s[0] == '\'' || s[0] == '"') && s[len - 1] == s[0])
        s++, len -= 2;
    }
  char *u = g_strndup (s, len);
  e->n->uri = intern (e->c, u);
  g_free (u);
}

static void
p_role (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->n->role = intern (e->c, v);
}

static void
p_colspan (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  if (!whole_in (v, 1, MN_FO_MAX_COLUMN, &e->n->colspan))
    {
      bad (e->c, e->line, _("%s=\"%s\" must be a whole number from 1 to %d"), name, v, MN_FO_MAX_COLUMN);
      e->n->colspan = 1;
    }
}

static void
p_rowspan (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  if (atoi (v) != 1)
    outside (e->c, e->line, _("number-rows-spanned is outside the supported FO subset; the cell spans one row"));
}

static void
p_column_number (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  /* 2147483647 used to make a table of that many columns (14.7 GB) */
  char *end;
  errno = 0;
  long col = strtol (v, &end, 10);
  if (errno || end == v || *end || col < 1 || col > MN_FO_MAX_COLUMN)
    bad (e->c, e->line, _("column-number=\"%s\" must be a whole number from 1 to %d"), v, MN_FO_MAX_COLUMN);
  else
    e->n->column = (int) col;
}

static void
p_leader_pattern (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->n->leader_rule = !strcmp (v, "rule");
}

/* width, inline-progression-dimension of a table */
static void
p_table_width (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  char *end;
  double pc = g_ascii_strtod (v, &end);
  int len;
  if (!strcmp (v, "auto"))
    ;
  else if (end != v && !strcmp (end, "%") && pc > 0 && pc <= 100)
    e->n->width_permille = round_int (pc * 10);
  else if (parse_length (v, e->n->st.font_size, -1, &len) == 0 && len > 0)
    e->n->width = len;
  else
    bad (e->c, e->line, _("%s=\"%s\" is not a positive length or percentage"), name, v);
}

static void
p_omit_header (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  e->n->omit_header = !strcmp (v, "true");
}

/* reference-orientation, writing-mode on a page master or region: checked, never applied */
static void
p_orientation (elem *e, const prop_def *p, int side, const char *name, const char *v)
{
  if (strcmp (v, "0") && strcmp (v, "lr-tb") && strcmp (v, "lr") && strcmp (v, "horizontal-tb"))
    outside (e->c, e->line, _("%s=\"%s\" is outside the supported FO subset (horizontal left-to-right only)"),
             name, v);
}

/* --- the table --- */

#define STYLE(name, inh, parse, applies, values, initial, example) \
  { name, P_STYLE, inh, parse, applies, 0, values, initial, example }
#define NODE(name, parse, applies, values) \
  { name, P_NODE, 0, parse, applies, 0, values, NULL, NULL }
#define ELEMENT(name, check, applies, values, initial) \
  { name, P_ELEMENT, 0, check, applies, 0, values, initial, NULL }
#define NONE(name) { name, P_NONE, 0, NULL, 0, 0, NULL, NULL, NULL }
#define NONE_ON(name, ignored) { name, P_NONE, 0, NULL, 0, ignored, NULL, NULL, NULL }

static const prop_def props[] = {
  STYLE ("font-family", 1, p_font_family, ON_TEXT,
         "comma-separated list; generic `serif`, `sans-serif`, `monospace`; `Mincho`, `Gothic`, "
         "`IPAexMincho`, `IPAexGothic`, `Noto Serif CJK JP`, `Noto Sans CJK JP`. Any other family "
         "is warned about and set in Mincho", "`serif` (IPAex Mincho)", "sans-serif"),
  STYLE ("font-size", 1, p_font_size, ON_TEXT,
         "length, %, `em`, `xx-small`…`xx-large`, `smaller`, `larger`; 0 < size ≤ 1000pt",
         "12pt", "20pt"),
  STYLE ("font-weight", 1, p_font_weight, ON_TEXT,
         "`normal`, `bold`, `bolder`, `lighter`, 100–900 (the pinned IPAex and Noto CJK Regular "
         "files have one weight and no bold is synthesised: use `sans-serif` / Gothic for "
         "emphasis, as Japanese documents do)", "normal", "bold"),
  STYLE ("font-style", 1, p_font_style, ON_TEXT,
         "`normal`, `italic`, `oblique` (the pinned fonts have no italic and no slant is "
         "synthesised: text stays upright)", "normal", "italic"),
  STYLE ("color", 1, p_color, ON_TEXT,
         "`#rgb`, `#rrggbb`, `rgb(r,g,b)`, 22 colour names", "black", "red"),
  { "background-color", P_STYLE, 0, p_background_color, ON_BOXES, ON_REGION,
    "`#rgb`, `#rrggbb`, `rgb(r,g,b)`, 22 colour names, `transparent`; not painted on inlines "
    "(known gap)", "transparent", "red" },
  STYLE ("line-height", 1, p_line_height, ON_BLOCK,
         "`normal` (1.2), a number (inherited as the number), a length, %. The paragraph font's "
         "ascent and descent are centred in it (half-leading); a line holding a larger inline "
         "font or raised text grows to hold it, each run with its own half-leading "
         "(`line-stacking-strategy=\"max-height\"`)", "normal", "30pt"),
  STYLE ("text-align", 1, p_text_align, ON_BLOCK,
         "`start`/`left`/`inside`, `center`, `end`/`right`/`outside`, `justify`", "start",
         "center"),
  STYLE ("text-align-last", 1, p_text_align, ON_BLOCK,
         "the same, and `relative`", "the last line of a justified paragraph is set at start",
         "center"),
  STYLE ("text-indent", 1, p_text_indent, ON_BLOCK,
         "length; negative makes a hanging first line", "0", "2em"),
  STYLE ("start-indent", 1, p_indent, ON_BLOCK | ON_TABLE | ON_LIST,
         "absolute lengths from the reference area (region, table cell, list column); "
         "`label-end()`, `body-start()` are what the list columns get (any other value on a "
         "list item's label and body is ignored)", "0", "10pt"),
  STYLE ("end-indent", 1, p_indent, ON_BLOCK | ON_TABLE | ON_LIST, "", NULL, "10pt"),
  STYLE ("margin", 0, p_margin, ON_BLOCK | ON_TABLE | ON_LIST | ON_MASTER | ON_REGION,
         "lengths (1 to 4 for `margin`, CSS order). Left/right (start/end) add to the inherited "
         "indents, with the block's own border and padding (XSL-FO §5.3.2); top/bottom "
         "(before/after) are `space-before`/`-after`. On page masters and region-body: the "
         "page's and the body's margins (`margin` with 1 to 4 values there too; a side's own "
         "margin wins)", "0", "5pt"),
  STYLE ("margin-SIDE", 0, p_margin, ON_BLOCK | ON_TABLE | ON_LIST | ON_MASTER | ON_REGION, "",
         NULL, "5pt"),
  STYLE ("space-before", 0, p_space, ON_BLOCK | ON_TABLE | ON_LIST,
         "length ≥ 0 (its `.optimum`; `.maximum`: how far it may grow where a page is "
         "justified, see `mx:vertical-justify`); dropped at the top of a page, between siblings "
         "the one with the larger optimum (of equal ones, the smaller maximum: §4.3.1)", "0",
         "5pt"),
  STYLE ("space-after", 0, p_space, ON_BLOCK | ON_TABLE | ON_LIST, "", NULL, "5pt"),
  STYLE ("letter-spacing", 1, p_letter_spacing, ON_TEXT, "length, `normal`", "normal", "1pt"),
  STYLE ("padding", 0, p_padding, ON_BOXES,
         "length ≥ 0 (1 to 4 values for `padding`)", "0", "3pt"),
  STYLE ("padding-SIDE", 0, p_padding, ON_BOXES, "", NULL, "3pt"),
  STYLE ("border", 0, p_border, ON_BOXES,
         "widths `thin` (0.5pt), `medium` (1pt), `thick` (2pt) or lengths; styles `none`, "
         "`hidden`, `solid`, `dashed`, `dotted`, `double` (`groove`, `ridge`, `inset`, `outset` "
         "draw solid); colours. A style with no width (in `border` or `border-SIDE`) is 1pt "
         "wide. `border-width`, `border-style`, `border-color` take 1 to 4 values (CSS order: "
         "top, right, bottom, left)", "none, width 0", "1pt solid red"),
  STYLE ("border-SIDE", 0, p_border, ON_BOXES, "", NULL, "1pt solid red"),
  STYLE ("border-width", 0, p_border, ON_BOXES, "", NULL, NULL),  /* no effect without a style */
  STYLE ("border-style", 0, p_border, ON_BOXES, "", NULL, "solid"),
  STYLE ("border-color", 0, p_border, ON_BOXES, "", NULL, "red"),
  STYLE ("border-SIDE-width", 0, p_border, ON_BOXES, "", NULL, NULL),
  STYLE ("border-SIDE-style", 0, p_border, ON_BOXES, "", NULL, "solid"),
  STYLE ("border-SIDE-color", 0, p_border, ON_BOXES, "", NULL, "red"),
  STYLE ("break-before", 0, p_break, ON_BLOCK | ON_TABLE | ON_LIST,
         "`page` (also `column`, `even-page`, `odd-page`, set as a plain page break, warned), "
         "`auto`; a break-after at the end of a table cell or list column breaks after its row "
         "or item", "auto", "page"),
  STYLE ("break-after", 0, p_break, ON_BLOCK | ON_TABLE | ON_LIST, "", NULL, "page"),
  STYLE ("keep-with-next", 0, p_keep, ON_BLOCK | ON_TABLE | ON_LIST,
         "any value but `auto` keeps (strengths are not compared; `.within-page` is the "
         "property itself); between siblings, and through nesting: a keep on the last (first) "
         "block inside a block keeps that block with its next (previous) sibling", "auto",
         "always"),
  STYLE ("keep-with-previous", 0, p_keep, ON_BLOCK | ON_TABLE | ON_LIST, "", NULL, "always"),
  STYLE ("keep-together", 0, p_keep, ON_BLOCK | ON_INLINE | ON_LIST | ON_ROW,
         "any value but `auto`: the block or row moves whole to the next page unless it starts "
         "one; `.within-line` (also set by `keep-together` itself) on an inline: no line break "
         "inside it (one wider than the line still breaks, with a warning)", "auto", "always"),
  STYLE ("mx:line-break", 1, p_line_break, ON_BLOCK,
         "`strict`, `normal`, `loose` (extension, namespace `urn:minutes:fo-extensions:1`): the "
         "kinsoku level (see \"Japanese text\")", "strict", "loose"),
  STYLE ("mx:keep-together-lines", 1, p_keep_lines, ON_TABLE | ON_ROW,
         "integer ≥ 0 (extension, namespace `urn:minutes:fo-extensions:1`): a table row none of "
         "whose cells has more lines is kept together, as `keep-together`; 0: none", "0", "4"),
  STYLE ("widows", 1, p_widows, ON_BLOCK | ON_CELL,
         "integer ≥ 1; in a table cell also the lines of the cell left on each side of a "
         "page break (a row that cannot leave them moves whole)", "2", "3"),
  STYLE ("orphans", 1, p_widows, ON_BLOCK | ON_CELL, "", NULL, "3"),
  { "display-align", P_STYLE, 0, p_display_align, ON_CELL, ON_REGION,
    "`before`, `center`, `after` (`auto` = before): where a cell's content sits in its row",
    "auto", "center" },
  STYLE ("vertical-align", 0, p_vertical_align, ON_CELL | ON_INLINE,
         "`middle`, `bottom` (a cell's display-align), `super`, `sub` (an inline's "
         "baseline-shift)", NULL, "middle"),
  STYLE ("text-decoration", 0, p_text_decoration, ON_INLINE,
         "`underline`, `line-through` (`overline` is accepted, not drawn)", "none",
         "underline"),
  STYLE ("baseline-shift", 0, p_baseline_shift, ON_INLINE,
         "`super`, `sub` (70 % size, raised a third / lowered a fifth of the font size), "
         "`baseline`", "baseline", "super"),
  STYLE ("linefeed-treatment", 1, p_linefeed_treatment, ON_BLOCK,
         "`preserve` keeps line feeds; anything else treats them as spaces, except that a line "
         "feed (with the spaces around it) between two Japanese (wide, non-Hangul) characters is "
         "removed, as CSS Text 3 §4.1.3 does: a sentence wrapped in the source stays one "
         "sentence", "treat-as-space", "preserve"),
  STYLE ("white-space-collapse", 1, p_white_space_collapse, ON_BLOCK, "`true`, `false`", "true",
         "false"),
  STYLE ("white-space", 1, p_white_space, ON_BLOCK,
         "`pre`, `pre-wrap`, `pre-line`, `nowrap`, `normal`", "normal", "pre"),
  STYLE ("wrap-option", 1, p_wrap_option, ON_BLOCK, "`wrap`, `no-wrap`", "wrap", "no-wrap"),
  STYLE ("provisional-distance-between-starts", 1, p_provisional, ON_LIST,
         "length ≥ 0: the label column is provisional-distance-between-starts − "
         "provisional-label-separation wide, the body starts at "
         "provisional-distance-between-starts", "24pt", "30pt"),
  STYLE ("provisional-label-separation", 1, p_provisional, ON_LIST, "length ≥ 0", "6pt", "3pt"),
  { "id", P_NODE, 0, p_id, ON_TREE, ON_MASTER,
    "unique in the document; a page-sequence's id gives its first / last page for citations",
    NULL, NULL },
  NODE ("role", p_role, ON_TREE,
        "a PDF structure type for the block's text: `P`, `H`, `H1`…`H6`, `BlockQuote`, "
        "`Caption`, `Code`, `Quote`, `Note`; anything else tags as `P`"),
  NODE ("internal-destination", p_ref, ON_LINK, "an `id`: the link goes to its first area"),
  NODE ("external-destination", p_external_destination, ON_LINK,
        "`url('…')` or a bare URI"),
  NODE ("ref-id", p_ref, ON_CITATION, "the `id` whose first / last page is shown"),
  NODE ("number-columns-spanned", p_colspan, ON_CELL, "integer ≥ 1"),
  NODE ("number-rows-spanned", p_rowspan, ON_CELL, "only 1 (more is warned: the cell spans one row)"),
  { "column-number", P_NODE, 0, p_column_number, ON_CELL, ON_COLUMN,
    "places a cell in that column", NULL, NULL },
  NODE ("leader-pattern", p_leader_pattern, ON_LEADER, "`rule`, else space"),
  NODE ("width", p_table_width, ON_TABLE,
        "a table's width: a length or percentage (never wider than the room), `auto`"),
  NODE ("inline-progression-dimension", p_table_width, ON_TABLE, ""),
  NODE ("table-omit-header-at-break", p_omit_header, ON_TABLE,
        "`true`: the header on the first page only"),
  ELEMENT ("master-name", NULL, ON_MASTER, "names a page master", NULL),
  ELEMENT ("master-reference", NULL, ON_SEQUENCE, "the page master (or page-sequence-master) "
           "of a page-sequence", NULL),
  ELEMENT ("page-width", NULL, ON_MASTER, "length", "A4 portrait (210mm × 297mm)"),
  ELEMENT ("page-height", NULL, ON_MASTER, "", NULL),
  ELEMENT ("extent", NULL, ON_REGION, "length: the height of region-before/-after, the width "
           "of region-start/-end", "0"),
  ELEMENT ("region-name", NULL, ON_REGION, "the name fo:static-content's flow-name refers to",
           "`xsl-region-body`, `xsl-region-before` …"),
  ELEMENT ("column-count", NULL, ON_REGION, "only 1 (more is warned: the region has one column)",
           "1"),
  ELEMENT ("reference-orientation", p_orientation, ON_MASTER | ON_REGION,
           "only 0 (others are warned about)", "0"),
  ELEMENT ("writing-mode", p_orientation, ON_MASTER | ON_REGION,
           "only `lr-tb` (others are warned about)", "lr-tb"),
  ELEMENT ("flow-name", NULL, ON_FLOW, "a region's region-name", NULL),
  ELEMENT ("initial-page-number", NULL, ON_SEQUENCE, "integer ≥ 1, `auto` (continue)", "auto"),
  ELEMENT ("mx:vertical-justify", NULL, ON_SEQUENCE,
           "`none`, or a length ≥ 0 up to 100pt (extension, namespace "
           "`urn:minutes:fo-extensions:1`): every page of the sequence but its last and those "
           "ended by a forced break is filled to the bottom of its body, first by growing the "
           "spaces between blocks up to their `.maximum`, then by growing every line by the same "
           "amount, at most this length (0: spaces only); see \"Pagination\"", "none"),
  ELEMENT ("column-width", NULL, ON_COLUMN,
           "length, percentage of the table's content width, `proportional-column-width(N)`",
           "proportional-column-width(1)"),
  ELEMENT ("number-columns-repeated", NULL, ON_COLUMN, "integer ≥ 1", "1"),
  ELEMENT ("starts-row", NULL, ON_CELL, "`true`: a cell given directly in a body starts a row",
           "false"),
  ELEMENT ("ends-row", NULL, ON_CELL, "`true`: it ends its row", "false"),
  ELEMENT ("starting-state", NULL, ON_BOOKMARK, "`show`, `hide`", "show"),
  NONE ("alignment-adjust"), NONE ("alignment-baseline"), NONE ("auto-restore"),
  NONE ("block-progression-dimension"), NONE ("border-collapse"), NONE ("border-separation"),
  NONE ("clip"), NONE_ON ("column-gap", ON_REGION), NONE ("content-height"),
  NONE ("content-width"),
  NONE ("country"), NONE ("destination-placement-offset"), NONE ("dominant-baseline"),
  NONE ("empty-cells"), NONE ("font-selection-strategy"), NONE ("font-stretch"),
  NONE ("font-variant"), NONE ("force-page-count"), NONE ("format"),
  NONE ("grouping-separator"), NONE ("grouping-size"), NONE ("height"), NONE ("hyphenate"),
  NONE ("hyphenation-character"), NONE ("hyphenation-push-character-count"),
  NONE ("hyphenation-remain-character-count"), NONE ("indicate-destination"),
  NONE ("intrusion-displace"), NONE ("language"), NONE ("leader-alignment"),
  NONE ("leader-length"), NONE ("leader-pattern-width"), NONE ("letter-value"),
  NONE ("line-height-shift-adjustment"), NONE ("line-stacking-strategy"), NONE ("media-usage"),
  NONE_ON ("overflow", ON_REGION), NONE_ON ("precedence", ON_REGION), NONE ("relative-align"),
  NONE ("relative-position"),
  NONE ("rule-style"), NONE ("rule-thickness"), NONE ("scaling"), NONE ("score-spaces"),
  NONE ("script"), NONE ("show-destination"), NONE ("source-document"),
  NONE ("table-layout"), NONE ("table-omit-footer-at-break"), NONE ("target-presentation-context"),
  NONE ("target-processing-context"), NONE ("target-stylesheet"), NONE ("text-altitude"),
  NONE ("text-depth"), NONE ("white-space-treatment"),
};

/* --- looking properties up --- */

/* A name the table answers to: an entry, and the side a SIDE in it stood for. */
typedef struct prop_key {
  const prop_def *p;        /* the entry */
  int side;                 /* MN_SIDE_*, or -1 */
} prop_key;

static const struct { const char *word; int side; } side_words[] = {
  { "top", MN_SIDE_TOP }, { "bottom", MN_SIDE_BOTTOM }, { "left", MN_SIDE_LEFT },
  { "right", MN_SIDE_RIGHT }, { "before", MN_SIDE_TOP }, { "after", MN_SIDE_BOTTOM },
  { "start", MN_SIDE_LEFT }, { "end", MN_SIDE_RIGHT },
};

/* name -> prop_key, every SIDE spelt out; made once, kept for the process (reachable). */
static GHashTable *
prop_index (void)
{
  static gsize once;
  static GHashTable *index;
  if (g_once_init_enter (&once))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (size_t i = 0; i < G_N_ELEMENTS (props); i++)
        {
          const char *side = strstr (props[i].name, "SIDE");
          for (size_t w = 0; w < (side ? G_N_ELEMENTS (side_words) : 1); w++)
            {
              prop_key *k = g_new (prop_key, 1);
              k->p = &props[i];
              k->side = side ? side_words[w].side : -1;
              char *name = side ? g_strdup_printf ("%.*s%s%s", (int) (side - props[i].name),
                                                   props[i].name, side_words[w].word, side + 4)
                                : g_strdup (props[i].name);
              g_hash_table_insert (t, name, k);
            }
        }
      index = t;
      g_once_init_leave (&once, 1);
    }
  return index;
}

static const prop_key *
lookup_prop (const char *name)
{
  return g_hash_table_lookup (prop_index (), name);
}

/* The class of the element `n` stands for (P_NODE properties are read where they apply). */
static int
node_class (const mn_fo_node *n)
{
  switch (n->kind)
    {
    case MN_FO_FLOW:
      return ON_FLOW | ON_SEQUENCE;  /* fo:root and fo:page-sequence are FLOW holders too */
    case MN_FO_BLOCK:
    case MN_FO_PARA:
      return ON_BLOCK;
    case MN_FO_TABLE:
      return ON_TABLE;
    case MN_FO_TABLE_HEADER:
    case MN_FO_TABLE_BODY:
    case MN_FO_ROW:
      return ON_ROW;
    case MN_FO_CELL:
      return ON_CELL;
    case MN_FO_LIST:
    case MN_FO_LIST_ITEM:
    case MN_FO_LIST_LABEL:
    case MN_FO_LIST_BODY:
      return ON_LIST;
    case MN_FO_LINK:
      return ON_INLINE | ON_LINK;
    case MN_FO_CITATION:
    case MN_FO_CITATION_LAST:
      return ON_INLINE | ON_CITATION;
    case MN_FO_LEADER:
      return ON_INLINE | ON_LEADER;
    default:
      return ON_INLINE;
    }
}

/* Read attribute `full`="v" of element `e` (of the input tree).  Returns 0 when the table does
 * not know it. */
static int
apply_prop (elem *e, const char *full, const char *v)
{
  static const char *const ignored_components[] = { "minimum", "maximum", "conditionality",
    "precedence", "within-line", "within-column", NULL };
  char base[64];
  const char *name = full;
  const char *dot = strchr (full, '.');
  if (dot)
    {
      snprintf (base, sizeof base, "%.*s", (int) (dot - full), full);
      name = base;
    }
  const prop_key *k = lookup_prop (name);
  if (!k)
    return 0;
  if (dot && (!strcmp (full, "keep-together.within-line") || !strcmp (full, "space-before.maximum")
              || !strcmp (full, "space-after.maximum")))
    {
      k->p->parse (e, k->p, k->side, full, v);  /* the components with an effect */
      return 1;
    }
  if (dot && in_list (ignored_components, dot + 1))
    return 1;
  const prop_def *p = k->p;
  if (dot && p->kind != P_STYLE)
    return 0;  /* only style properties have components that matter */
  if (p->kind == P_STYLE || (p->kind == P_NODE && (p->applies & node_class (e->n))))
    p->parse (e, p, k->side, name, v);
  return 1;
}

/* The attributes of a page master, region or table column (class `on`): those that apply there
 * or are ignored there are accepted (and checked, when the table says how), the others warned
 * about.  Their values are read by the element's parser. */
static void
check_attrs (ctx *c, xmlNodePtr x, int on)
{
  for (xmlAttrPtr a = x->properties; a; a = a->next)
    {
      if (a->ns)
        continue;
      const char *name = (const char *) a->name;
      const prop_key *k = lookup_prop (name);
      if (!k || !((k->p->applies | k->p->ignored) & on))
        {
          outside (c, node_line (x), _("property %s on fo:%s is outside the supported FO subset; ignored"),
                   name, (const char *) x->name);
          continue;
        }
      if (k->p->kind != P_ELEMENT || !k->p->parse)
        continue;
      xmlChar *v = xmlGetNoNsProp (x, a->name);
      elem e = { c, NULL, NULL, NULL, NULL, node_line (x) };
      k->p->parse (&e, k->p, k->side, name, v ? (const char *) v : "");
      xmlFree (v);
    }
}

/* --- the table in docs/fo-subset.md --- */

static void
write_classes (FILE *fp, int on)
{
  static const char *const names[] = { "blocks", "inlines", "fo:basic-link",
    "fo:page-number-citation(-last)", "fo:leader", "tables", "table rows", "table cells",
    "lists", "flows", "fo:page-sequence", "fo:simple-page-master", "regions",
    "fo:table-column", "fo:bookmark" };
  if ((on & ON_TREE) == ON_TREE)
    {
      fputs ("every element", fp);
      on &= ~ON_TREE;
      if (on)
        fputs (", ", fp);
    }
  for (int b = 0, first = 1; b < (int) G_N_ELEMENTS (names); b++)
    if (on & (1 << b))
      {
        fprintf (fp, "%s%s", first ? "" : ", ", names[b]);
        first = 0;
      }
}

void
mn_fo_props_write_doc (FILE *fp)
{
  fputs ("| Property | Inherited | Applies to | Values | Initial |\n|---|---|---|---|---|\n", fp);
  for (size_t i = 0; i < G_N_ELEMENTS (props); i++)
    {
      const prop_def *p = &props[i];
      if (p->kind == P_NONE || !*p->values)
        continue;
      /* the entries that follow with values "" share the row */
      fprintf (fp, "| `%s`", p->name);
      for (size_t k = i + 1; k < G_N_ELEMENTS (props) && props[k].values && !*props[k].values; k++)
        fprintf (fp, ", `%s`", props[k].name);
      /* only style properties are computed and inherited; "—": data read where it applies */
      fprintf (fp, " | %s | ", p->kind == P_STYLE ? (p->inherited ? "yes" : "no") : "—");
      write_classes (fp, p->applies);
      fprintf (fp, " | %s | %s |\n", p->values, p->initial ? p->initial : "");
    }
  fputs ("\n`SIDE` stands for `top`, `bottom`, `left`, `right`, `before`, `after`, `start` or "
         "`end` (before = top, after = bottom, start = left, end = right). The components "
         "`.minimum`, `.maximum` (but `space-before.maximum`, `space-after.maximum`), "
         "`.conditionality`, `.precedence`, `.within-line` (but "
         "`keep-together.within-line`), `.within-column` of a property are accepted, no "
         "effect (spaces never shrink below their optimum); any other component of a "
         "property with yes or no under Inherited (`space-before.optimum`, "
         "`keep-with-next.within-page`, `border-before-width.length`) is read as the property "
         "itself.\n\n", fp);
  fputs ("On the elements of the flow (and `fo:root`, `fo:page-sequence`) every property of "
         "this page is accepted, even where it has no effect; any other is warned about. On "
         "`fo:simple-page-master`, the regions and `fo:table-column` only those that apply "
         "there are accepted, and these without effect:", fp);
  for (size_t i = 0, first = 1; i < G_N_ELEMENTS (props); i++)
    if (props[i].ignored)
      {
        fprintf (fp, "%s `%s` (", first ? "" : ",", props[i].name);
        write_classes (fp, props[i].ignored);
        fputc (')', fp);
        first = 0;
      }
  fputs (".\n\nAccepted without effect (documented, not warned):", fp);
  for (size_t i = 0, first = 1; i < G_N_ELEMENTS (props); i++)
    if (props[i].kind == P_NONE)
      {
        fprintf (fp, "%s `%s`", first ? "" : ",", props[i].name);
        first = 0;
      }
  fputs (", and `xml:lang`. Attributes in the `urn:minutes:fo-extensions:1` namespace: "
         "`mx:line`, `mx:file` give the source line used in messages and in `src=` of the "
         "dump; the others are the extension properties of the table above (`mx:…`); any "
         "other is warned about.\n", fp);
}

int
mn_fo_style_prop (int i, const char **name, int *inherited, const char **example)
{
  for (size_t k = 0; k < G_N_ELEMENTS (props); k++)
    if (props[k].kind == P_STYLE && i-- == 0)
      {
        *name = props[k].name;
        *inherited = props[k].inherited;
        *example = props[k].example;
        return 1;
      }
  return 0;
}

/* Font-size first: em lengths in the other attributes refer to it. */
static void
apply_font_size_first (elem *e, xmlNodePtr x)
{
  xmlChar *v = xmlGetNoNsProp (x, BAD_CAST "font-size");
  if (v)
    apply_prop (e, "font-size", (const char *) v);
  xmlFree (v);
}

static void initial_style (mn_style *st);

/* Start from the parent: the inherited properties copied, the others at their initial values
 * (mn_style keeps the ones not inherited last, from has_background on). */
static void
inherit (mn_style *st, const mn_style *parent)
{
  static mn_style initial;
  static gsize once;
  if (g_once_init_enter (&once))
    {
      initial_style (&initial);
      g_once_init_leave (&once, 1);
    }
  const size_t own = offsetof (mn_style, has_background);
  memcpy (st, parent, own);
  memcpy ((char *) st + own, (const char *) &initial + own, sizeof *st - own);
}

static void
initial_style (mn_style *st)
{
  memset (st, 0, sizeof *st);
  st->font_family = "serif";
  st->font_size = 12 * MN_PT;
  st->font_weight = 400;
  st->line_height_permille = 1200;
  st->text_align = MN_ALIGN_START;
  st->text_align_last = -1;
  st->widows = st->orphans = 2;
  st->collapse_spaces = 1;
  st->pdbs = 24 * MN_PT;
  st->pls = 6 * MN_PT;
}

/* The attributes of element `x` into `n` (of the input tree), by the property table. */
static void
apply_attrs (ctx *c, xmlNodePtr x, mn_fo_node *n, const mn_style *parent, int reset_indent)
{
  raw_props raw;
  memset (&raw, 0, sizeof raw);
  long line = n->line;
  mn_style *st = &n->st;
  elem e = { c, n, st, parent, &raw, line };
  apply_font_size_first (&e, x);
  for (xmlAttrPtr a = x->properties; a; a = a->next)
    {
      const char *name = (const char *) a->name;
      if (a->ns)
        {
          const char *ns = (const char *) a->ns->href;
          if (!strcmp (ns, MN_FOX_NS) && strcmp (name, "line") && strcmp (name, "file"))
            {
              /* an extension property: in the table as mx:NAME */
              char *full = g_strconcat ("mx:", name, NULL);
              xmlChar *vx = xmlNodeListGetString (x->doc, a->children, 1);
              if (!apply_prop (&e, full, vx ? (const char *) vx : ""))
                outside (c, line, _("attribute mx:%s is not a minutes extension; ignored"), name);
              xmlFree (vx);
              g_free (full);
              continue;
            }
          if (!strcmp (ns, MN_FOX_NS) || !strcmp (ns, "http://www.w3.org/XML/1998/namespace"))
            continue;
          outside (c, line, _("attribute %s:%s is outside the supported FO subset; ignored"),
                   a->ns->prefix ? (const char *) a->ns->prefix : "?", name);
          continue;
        }
      if (!strcmp (name, "font-size"))
        continue;
      xmlChar *vx = xmlNodeListGetString (x->doc, a->children, 1);
      const char *v = vx ? (const char *) vx : "";
      while (*v == ' ')
        v++;
      if (!apply_prop (&e, name, v))
        outside (c, line, _("property %s is outside the supported FO subset; ignored"), name);
      xmlFree (vx);
    }
  /* line-height: a number is inherited as a number (XSL-FO 1.1 §7.15.4). */
  if (st->line_height_permille)
    st->line_height = (int) ((long long) st->font_size * st->line_height_permille / 1000);
  /* margin-top/bottom are space-before/after; margin-left/right become indents (§5.3.2). */
  if (raw.has_margin[MN_SIDE_TOP] && !xmlHasProp (x, BAD_CAST "space-before"))
    st->space_before = MAX (0, raw.margin[MN_SIDE_TOP]);
  if (raw.has_margin[MN_SIDE_BOTTOM] && !xmlHasProp (x, BAD_CAST "space-after"))
    st->space_after = MAX (0, raw.margin[MN_SIDE_BOTTOM]);
  /* a space's range: from its optimum up to its maximum (§5.11: never below the optimum) */
  if (raw.has_space_max[0])
    st->space_before_stretch = MAX (0, raw.space_max[0] - st->space_before);
  if (raw.has_space_max[1])
    st->space_after_stretch = MAX (0, raw.space_max[1] - st->space_after);
  int pstart = reset_indent ? 0 : parent->start_indent;
  int pend = reset_indent ? 0 : parent->end_indent;
  int bl = st->border[MN_SIDE_LEFT].style ? st->border[MN_SIDE_LEFT].width : 0;
  int br = st->border[MN_SIDE_RIGHT].style ? st->border[MN_SIDE_RIGHT].width : 0;
  /* Indents add up through nesting: kept within ±MAX_LEN (beyond, the text has no room on any
   * page anyway, which layout reports), so that no later sum overflows. */
  if (raw.has_start)
    st->start_indent = raw.start;
  else
    st->start_indent = clamp_len ((long long) pstart + raw.margin[MN_SIDE_LEFT] + bl
                                  + st->padding[MN_SIDE_LEFT]);
  if (raw.has_end)
    st->end_indent = raw.end;
  else
    st->end_indent = clamp_len ((long long) pend + raw.margin[MN_SIDE_RIGHT] + br
                                + st->padding[MN_SIDE_RIGHT]);
  for (int s = 0; s < 4; s++)
    if (st->border[s].style == MN_BORDER_NONE)
      st->border[s].width = 0;
}

/* === tree building === */

static mn_fo_node *
new_node (ctx *c, mn_fo_kind kind, mn_fo_node *parent, long line)
{
  mn_fo_node *n = g_new0 (mn_fo_node, 1);
  g_ptr_array_add (c->doc->nodes, n);
  n->kind = kind;
  n->line = line;
  n->colspan = 1;
  n->parent = parent;
  if (parent)
    {
      MN_APPEND_CHILD (parent, n);
      parent->nchildren++;
    }
  return n;
}

static int
is_fo (xmlNodePtr x, const char *name)
{
  return x->type == XML_ELEMENT_NODE && x->ns && !strcmp ((const char *) x->ns->href, FO_NS)
         && (!name || !strcmp ((const char *) x->name, name));
}

static void parse_blocks (ctx *c, xmlNodePtr x, mn_fo_node *parent);
static void parse_inlines (ctx *c, xmlNodePtr x, mn_fo_node *parent);

static void
unknown_element (ctx *c, xmlNodePtr x)
{
  if (x->ns && !strcmp ((const char *) x->ns->href, FO_NS))
    outside (c, node_line (x), _("fo:%s is outside the supported FO subset; its content is left out"),
             (const char *) x->name);
  else
    outside (c, node_line (x), _("element %s is not XSL-FO; it is left out"), (const char *) x->name);
}

/* Whether `k` is the element fo:`name`; any other element is reported (and left out), and
 * what is not an element (text, comments) skipped. */
static int
expect_fo (ctx *c, xmlNodePtr k, const char *name)
{
  if (k->type != XML_ELEMENT_NODE)
    return 0;
  if (is_fo (k, name))
    return 1;
  unknown_element (c, k);
  return 0;
}

static int
is_inline_element (xmlNodePtr x)
{
  static const char *const names[] = { "inline", "wrapper", "basic-link", "page-number",
    "page-number-citation", "page-number-citation-last", "leader", "character", NULL };
  return is_fo (x, NULL) && in_list (names, (const char *) x->name);
}

static mn_fo_node *
add_text (ctx *c, mn_fo_node *parent, const char *s, long line)
{
  mn_fo_node *t = new_node (c, MN_FO_TEXT, parent, line);
  inherit (&t->st, &parent->st);
  t->text = intern (c, s);
  return t;
}

static void
parse_inline_element (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  const char *name = (const char *) x->name;
  long line = node_line (x);
  mn_fo_kind kind;
  if (!strcmp (name, "inline") || !strcmp (name, "wrapper"))
    kind = MN_FO_INLINE;
  else if (!strcmp (name, "basic-link"))
    kind = MN_FO_LINK;
  else if (!strcmp (name, "page-number"))
    kind = MN_FO_PAGE_NUMBER;
  else if (!strcmp (name, "page-number-citation"))
    kind = MN_FO_CITATION;
  else if (!strcmp (name, "page-number-citation-last"))
    kind = MN_FO_CITATION_LAST;
  else if (!strcmp (name, "leader"))
    kind = MN_FO_LEADER;
  else /* character */
    {
      xmlChar *ch = xmlGetNoNsProp (x, BAD_CAST "character");
      if (ch)
        add_text (c, parent, (const char *) ch, line);
      xmlFree (ch);
      return;
    }
  mn_fo_node *n = new_node (c, kind, parent, line);
  inherit (&n->st, &parent->st);
  apply_attrs (c, x, n, &parent->st, 0);
  if (kind == MN_FO_CITATION || kind == MN_FO_CITATION_LAST)
    {
      c->doc->has_citations = 1;
      if (!n->ref)
        bad (c, line, _("fo:%s needs a ref-id naming the element whose page it shows"), name);
    }
  if (kind == MN_FO_LINK && !n->ref && !n->uri)
    {
      outside (c, line, _("fo:basic-link has neither internal-destination nor external-destination; it links nowhere"));
      n->kind = kind = MN_FO_INLINE;  /* its text, set as an inline: a link needs a destination */
    }
  if (kind == MN_FO_INLINE || kind == MN_FO_LINK)
    parse_inlines (c, x, n);
}

/* Inline content of `x` into `parent` (an inline-level node or PARA). */
static void
parse_inlines (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
        add_text (c, parent, (const char *) k->content, node_line (k->parent));
      else if (k->type != XML_ELEMENT_NODE)
        continue;
      else if (is_inline_element (k))
        parse_inline_element (c, k, parent);
      else if (is_fo (k, "block") || is_fo (k, "block-container"))
        {
          outside (c, node_line (k), _("fo:%s inside an inline is outside the supported FO subset; its text is set inline"),
                   (const char *) k->name);
          parse_inlines (c, k, parent);
        }
      else
        unknown_element (c, k);
    }
}

static int
whitespace_only (const char *s)
{
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return 0;
  return 1;
}

static void parse_block_element (ctx *c, xmlNodePtr x, mn_fo_node *parent);

/* Block-level content of `x` into `parent`; runs of inline content become PARA nodes.
 * When the document is ours (c->take), each child of `x` is freed once it is parsed, so the
 * FO document shrinks as the tree grows and the two are never both whole in memory. */
static void parse_block_child (ctx *c, xmlNodePtr x, xmlNodePtr k, mn_fo_node *parent,
                               mn_fo_node **para);

static void
parse_blocks (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  mn_fo_node *para = NULL;
  xmlNodePtr after;
  for (xmlNodePtr k = x->children; k; k = after)
    {
      after = k->next;
      parse_block_child (c, x, k, parent, &para);
      if (c->take)
        {
          xmlUnlinkNode (k);
          xmlFreeNode (k);
        }
    }
  /* A run that is only whitespace next to blocks is no paragraph (§7.16.12). */
  mn_fo_node *prev = NULL;
  for (mn_fo_node *n = parent->first; n; )
    {
      mn_fo_node *next = n->next;
      int empty = n->kind == MN_FO_PARA;
      for (mn_fo_node *t = n->first; empty && t; t = t->next)
        empty = t->kind == MN_FO_TEXT && whitespace_only (t->text);
      if (empty)
        {
          if (prev)
            prev->next = next;
          else
            parent->first = next;
          if (parent->last == n)
            parent->last = prev;
          parent->nchildren--;
        }
      else
        prev = n;
      n = next;
    }
}

static void
parse_block_child (ctx *c, xmlNodePtr x, xmlNodePtr k, mn_fo_node *parent, mn_fo_node **para)
{
  int inl = k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE
            || (k->type == XML_ELEMENT_NODE && is_inline_element (k));
  if (inl)
    {
      if (!*para)
        {
          if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
              && whitespace_only ((const char *) k->content))
            return;
          *para = new_node (c, MN_FO_PARA, parent, node_line (k->type == XML_ELEMENT_NODE ? k : x));
          inherit (&(*para)->st, &parent->st);
          (*para)->st.start_indent = parent->st.start_indent;
          (*para)->st.end_indent = parent->st.end_indent;
        }
      if (k->type == XML_ELEMENT_NODE)
        parse_inline_element (c, k, *para);
      else
        add_text (c, *para, (const char *) k->content, node_line (x));
      return;
    }
  if (k->type != XML_ELEMENT_NODE)
    return;
  static const char *const block_names[] = { "block", "block-container", "table",
    "table-and-caption", "list-block", NULL };
  if (!is_fo (k, NULL) || !in_list (block_names, (const char *) k->name))
    {
      /* left out with a warning, without ending the paragraph around it */
      unknown_element (c, k);
      return;
    }
  *para = NULL;
  parse_block_element (c, k, parent);
}

static mn_fo_node *
block_node (ctx *c, xmlNodePtr x, mn_fo_kind kind, mn_fo_node *parent, int reset_indent)
{
  mn_fo_node *n = new_node (c, kind, parent, node_line (x));
  inherit (&n->st, &parent->st);
  apply_attrs (c, x, n, &parent->st, reset_indent);
  return n;
}

/* A table cell or list column: a reference area, so the indents inside it start from its
 * content box (§5.3.2); its blocks parsed. */
static mn_fo_node *
reference_area (ctx *c, xmlNodePtr x, mn_fo_kind kind, mn_fo_node *parent)
{
  mn_fo_node *n = block_node (c, x, kind, parent, 1);
  n->st.start_indent = n->st.end_indent = 0;
  parse_blocks (c, x, n);
  return n;
}

/* Number of columns of table `t`: the declared ones, or the widest row (§7.28.8). */
static int
count_columns (const mn_fo_node *t)
{
  int n = t->columns ? (int) t->columns->len : 0;
  for (const mn_fo_node *sec = t->first; sec; sec = sec->next)
    for (const mn_fo_node *row = sec->first; row; row = row->next)
      {
        int c = 0;
        for (const mn_fo_node *cell = row->first; cell; cell = cell->next)
          {
            if (cell->column > 0)
              c = cell->column - 1;
            c += cell->colspan;
          }
        if (c > n)
          n = c;
      }
  return MAX (n, 1);
}

static void
parse_table (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  mn_fo_node *t = block_node (c, x, MN_FO_TABLE, parent, 0);
  t->columns = g_array_new (FALSE, TRUE, sizeof (mn_fo_column));
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      long line = node_line (k);
      if (is_fo (k, "table-column"))
        {
          mn_fo_column col = { 0, 0, 0, 1 };
          xmlChar *w = xmlGetNoNsProp (k, BAD_CAST "column-width");
          xmlChar *r = xmlGetNoNsProp (k, BAD_CAST "number-columns-repeated");
          if (r && !whole_in ((const char *) r, 1, 1000, &col.repeat))
            {
              bad (c, line, _("%s=\"%s\" must be a whole number from 1 to %d"),
                   "number-columns-repeated", (const char *) r, 1000);
              col.repeat = 1;
            }
          if (w)
            {
              const char *s = (const char *) w;
              double p;
              char *end;
              if (!strncmp (s, "proportional-column-width(", 26)
                  && (p = g_ascii_strtod (s + 26, &end)) > 0 && *end == ')' && p < 1e6)
                col.proportion = round_int (p * 1000);
              else if (s[0] && s[strlen (s) - 1] == '%' && (p = g_ascii_strtod (s, &end)) > 0
                       && p <= 100)
                col.percent = round_int (p * 1000);
              else if (parse_length (s, t->st.font_size, -1, &col.width) != 0 || col.width <= 0)
                {
                  bad (c, line, _("column-width=\"%s\" is not a positive length, percentage or proportional-column-width(N)"), s);
                  col.width = 0, col.proportion = 1000;
                }
            }
          else
            col.proportion = 1000;
          check_attrs (c, k, ON_COLUMN);
          xmlFree (w);
          xmlFree (r);
          for (int i = 0; i < col.repeat; i++)
            {
              mn_fo_column one = col;
              one.repeat = 1;
              g_array_append_val (t->columns, one);
            }
        }
      else if (is_fo (k, "table-header") || is_fo (k, "table-body") || is_fo (k, "table-footer"))
        {
          mn_fo_kind kind = is_fo (k, "table-header") ? MN_FO_TABLE_HEADER : MN_FO_TABLE_BODY;
          if (is_fo (k, "table-footer"))
            outside (c, line, _("fo:table-footer is outside the supported FO subset; its rows are set once, after the body"));
          mn_fo_node *sec = block_node (c, k, kind, t, 0);
          if (kind == MN_FO_TABLE_HEADER && t->first != sec)
            {
              /* keep the header first */
              mn_fo_node *prev = t->first;
              while (prev->next != sec)
                prev = prev->next;
              prev->next = NULL;
              t->last = prev;
              sec->next = t->first;
              t->first = sec;
            }
          mn_fo_node *row = NULL;
          for (xmlNodePtr r = k->children; r; r = r->next)
            {
              if (r->type != XML_ELEMENT_NODE)
                continue;
              if (is_fo (r, "table-row"))
                {
                  row = block_node (c, r, MN_FO_ROW, sec, 0);
                  for (xmlNodePtr cell = r->children; cell; cell = cell->next)
                    if (expect_fo (c, cell, "table-cell"))
                      reference_area (c, cell, MN_FO_CELL, row);
                  row = NULL;
                }
              else if (is_fo (r, "table-cell"))
                {
                  /* cells directly in the body: a row per starts-row/ends-row group */
                  xmlChar *sr = xmlGetNoNsProp (r, BAD_CAST "starts-row");
                  if (!row || (sr && !strcmp ((const char *) sr, "true")))
                    {
                      row = new_node (c, MN_FO_ROW, sec, node_line (r));
                      inherit (&row->st, &sec->st);
                    }
                  xmlFree (sr);
                  reference_area (c, r, MN_FO_CELL, row);
                  xmlChar *er = xmlGetNoNsProp (r, BAD_CAST "ends-row");
                  if (er && !strcmp ((const char *) er, "true"))
                    row = NULL;
                  xmlFree (er);
                }
              else
                unknown_element (c, r);
            }
        }
      else
        unknown_element (c, k);
    }
  t->ncols = count_columns (t);
}

static void
parse_list (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  mn_fo_node *l = block_node (c, x, MN_FO_LIST, parent, 0);
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (!expect_fo (c, k, "list-item"))
        continue;
      mn_fo_node *item = block_node (c, k, MN_FO_LIST_ITEM, l, 0);
      int have_label = 0, have_body = 0;
      for (xmlNodePtr p = k->children; p; p = p->next)
        {
          if (p->type != XML_ELEMENT_NODE)
            continue;
          /* label-end() and body-start() are what layout gives the two columns; the indents
           * inside them start from 0 (docs/fo-subset.md). */
          if (is_fo (p, "list-item-label") && !have_label)
            have_label = reference_area (c, p, MN_FO_LIST_LABEL, item) != NULL;
          else if (is_fo (p, "list-item-body") && !have_body)
            have_body = reference_area (c, p, MN_FO_LIST_BODY, item) != NULL;
          else
            unknown_element (c, p);
        }
      if (!have_label || !have_body)
        bad (c, node_line (k), _("fo:list-item needs one fo:list-item-label and one fo:list-item-body"));
      else if (item->first->kind != MN_FO_LIST_LABEL)
        {
          /* body written first: keep label, body order */
          mn_fo_node *b = item->first, *lab = b->next;
          item->first = lab, lab->next = b, b->next = NULL, item->last = b;
        }
    }
}

static void
parse_block_element (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  if (is_fo (x, "block") || is_fo (x, "block-container"))
    {
      mn_fo_node *b = block_node (c, x, MN_FO_BLOCK, parent, 0);
      parse_blocks (c, x, b);
    }
  else if (is_fo (x, "wrapper"))
    {
      mn_fo_node *b = block_node (c, x, MN_FO_BLOCK, parent, 0);
      parse_blocks (c, x, b);
    }
  else if (is_fo (x, "table"))
    parse_table (c, x, parent);
  else if (is_fo (x, "table-and-caption"))
    {
      outside (c, node_line (x), _("fo:table-and-caption is outside the supported FO subset; its table is set, the caption left out"));
      for (xmlNodePtr k = x->children; k; k = k->next)
        if (is_fo (k, "table"))
          parse_table (c, k, parent);
    }
  else if (is_fo (x, "list-block"))
    parse_list (c, x, parent);
  else
    unknown_element (c, x);
}

/* === pages === */

/* The value of attribute `name` of `x`, interned, or `dflt` when it has none. */
static const char *
attr_string (ctx *c, xmlNodePtr x, const char *name, const char *dflt)
{
  xmlChar *v = xmlGetNoNsProp (x, BAD_CAST name);
  const char *s = v ? intern (c, (const char *) v) : dflt;
  xmlFree (v);
  return s;
}

/* The master-name and the line of a page master or page-sequence master. */
static void
master_name (ctx *c, xmlNodePtr x, const char **name, long *line)
{
  *name = attr_string (c, x, "master-name", "");
  *line = node_line (x);
}

static int
master_length (ctx *c, xmlNodePtr x, const char *prop, int dflt, int min, int max, int *out)
{
  xmlChar *v = xmlGetNoNsProp (x, BAD_CAST prop);
  *out = dflt;
  if (!v)
    return 0;
  int len;
  int rc = 0;
  if (parse_length ((const char *) v, 12 * MN_PT, -1, &len) != 0 || len < min || len > max)
    {
      bad (c, node_line (x), _("%s=\"%s\" is not a usable length here; write it like 210mm"), prop, (const char *) v);
      rc = -1;
    }
  else
    *out = len;
  xmlFree (v);
  return rc;
}

/* The margins of a page master or region-body: the shorthand `margin` (1 to 4 lengths, CSS
 * order, as on blocks), then each side's own (margin-top …, or its relative name
 * margin-before …, which is the same side in lr-tb), which wins. */
static void
margins (ctx *c, xmlNodePtr x, int m[4])
{
  static const char *const names[4][2] = { { "margin-top", "margin-before" },
    { "margin-right", "margin-end" }, { "margin-bottom", "margin-after" },
    { "margin-left", "margin-start" } };
  int all[4] = { 0, 0, 0, 0 };
  xmlChar *v = xmlGetNoNsProp (x, BAD_CAST "margin");
  if (v && (parse_four_sides ((const char *) v, 12 * MN_PT, 1, all) < 0
            || MAX (MAX (all[0], all[1]), MAX (all[2], all[3])) > 14400 * MN_PT))
    {
      bad (c, node_line (x), _("margin=\"%s\" is not a usable margin here; write 1 to 4 lengths of 0 or more, like 15mm 20mm"),
           (const char *) v);
      memset (all, 0, sizeof all);
    }
  xmlFree (v);
  for (int s = 0; s < 4; s++)
    {
      m[s] = all[s];
      for (int k = 0; k < 2; k++)
        master_length (c, x, names[s][k], m[s], 0, 14400 * MN_PT, &m[s]);
    }
}

static void
parse_simple_master (ctx *c, xmlNodePtr x)
{
  mn_fo_master *m = g_new0 (mn_fo_master, 1);
  g_ptr_array_add (c->doc->masters, m);
  master_name (c, x, &m->name, &m->line);
  check_attrs (c, x, ON_MASTER);
  /* A4 portrait unless said otherwise. */
  master_length (c, x, "page-width", round_int (595.28 * MN_PT), MN_PT, 14400 * MN_PT, &m->page_w);
  master_length (c, x, "page-height", round_int (841.89 * MN_PT), MN_PT, 14400 * MN_PT, &m->page_h);
  margins (c, x, m->margin);
  static const char *const defaults[5] = { "xsl-region-body", "xsl-region-before",
    "xsl-region-after", "xsl-region-start", "xsl-region-end" };
  static const char *const elems[5] = { "region-body", "region-before", "region-after",
    "region-start", "region-end" };
  for (int r = 0; r < 5; r++)
    m->region_name[r] = defaults[r];
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      int r = -1;
      for (int i = 0; i < 5; i++)
        if (is_fo (k, elems[i]))
          r = i;
      if (r < 0)
        {
          unknown_element (c, k);
          continue;
        }
      m->has_region[r] = 1;
      check_attrs (c, k, ON_REGION);
      m->region_name[r] = attr_string (c, k, "region-name", m->region_name[r]);
      xmlChar *cc = xmlGetNoNsProp (k, BAD_CAST "column-count");
      if (cc && atoi ((const char *) cc) != 1)
        outside (c, node_line (k), _("column-count is outside the supported FO subset; the region has one column"));
      xmlFree (cc);
      if (r == MN_REGION_BODY)
        margins (c, k, m->body_margin);
      else
        {
          int *ext = r == MN_REGION_BEFORE ? &m->extent_before : r == MN_REGION_AFTER ? &m->extent_after
                     : r == MN_REGION_START ? &m->extent_start : &m->extent_end;
          master_length (c, k, "extent", 0, 0, 14400 * MN_PT, ext);
        }
    }
  int cw = m->page_w - m->margin[MN_SIDE_LEFT] - m->margin[MN_SIDE_RIGHT]
           - m->body_margin[MN_SIDE_LEFT] - m->body_margin[MN_SIDE_RIGHT];
  int ch = m->page_h - m->margin[MN_SIDE_TOP] - m->margin[MN_SIDE_BOTTOM]
           - m->body_margin[MN_SIDE_TOP] - m->body_margin[MN_SIDE_BOTTOM];
  if (!m->has_region[MN_REGION_BODY])
    bad (c, m->line, _("fo:simple-page-master \"%s\" has no fo:region-body"), m->name);
  else if (cw < MN_PT || ch < MN_PT)
    bad (c, m->line, _("the margins of page master \"%s\" leave no room for the body; make them smaller"), m->name);
}

static void
parse_seq_master (ctx *c, xmlNodePtr x)
{
  mn_fo_seq_master *sm = g_new0 (mn_fo_seq_master, 1);
  g_ptr_array_add (c->doc->seq_masters, sm);
  master_name (c, x, &sm->name, &sm->line);
  sm->refs = g_array_new (FALSE, TRUE, sizeof (mn_fo_master_ref));
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      mn_fo_master_ref ref = { MN_MASTER_REF_SINGLE, -1, NULL, NULL };
      xmlChar *mr = xmlGetNoNsProp (k, BAD_CAST "master-reference");
      xmlChar *max = xmlGetNoNsProp (k, BAD_CAST "maximum-repeats");
      ref.master = mr ? intern (c, (const char *) mr) : NULL;
      if (max && strcmp ((const char *) max, "no-limit"))
        ref.max_repeats = atoi ((const char *) max);
      xmlFree (mr);
      xmlFree (max);
      if (is_fo (k, "single-page-master-reference"))
        ref.kind = MN_MASTER_REF_SINGLE, ref.max_repeats = 1;
      else if (is_fo (k, "repeatable-page-master-reference"))
        ref.kind = MN_MASTER_REF_REPEATABLE;
      else if (is_fo (k, "repeatable-page-master-alternatives"))
        {
          ref.kind = MN_MASTER_REF_ALTERNATIVES;
          ref.conds = g_array_new (FALSE, TRUE, sizeof (mn_fo_cond));
          for (xmlNodePtr cp = k->children; cp; cp = cp->next)
            {
              if (!expect_fo (c, cp, "conditional-page-master-reference"))
                continue;
              mn_fo_cond cond = { NULL, MN_POSITION_ANY, MN_ODD_EVEN_ANY };
              xmlChar *m = xmlGetNoNsProp (cp, BAD_CAST "master-reference");
              xmlChar *pp = xmlGetNoNsProp (cp, BAD_CAST "page-position");
              xmlChar *oe = xmlGetNoNsProp (cp, BAD_CAST "odd-or-even");
              xmlChar *bl = xmlGetNoNsProp (cp, BAD_CAST "blank-or-not-blank");
              cond.master = m ? intern (c, (const char *) m) : NULL;
              if (pp)
                cond.position = !strcmp ((const char *) pp, "first") ? MN_POSITION_FIRST
                                : !strcmp ((const char *) pp, "rest") ? MN_POSITION_REST
                                : !strcmp ((const char *) pp, "last") ? MN_POSITION_NEVER
                                : MN_POSITION_ANY;
              if (cond.position == MN_POSITION_NEVER)
                outside (c, node_line (cp), _("page-position=\"last\" is outside the supported FO subset; the condition never applies"));
              if (oe)
                cond.odd_even = !strcmp ((const char *) oe, "odd") ? MN_ODD_EVEN_ODD
                                : !strcmp ((const char *) oe, "even") ? MN_ODD_EVEN_EVEN
                                : MN_ODD_EVEN_ANY;
              if (bl && !strcmp ((const char *) bl, "blank"))
                cond.position = MN_POSITION_NEVER;  /* we make no blank pages */
              g_array_append_val (ref.conds, cond);
              xmlFree (m), xmlFree (pp), xmlFree (oe), xmlFree (bl);
            }
        }
      else
        {
          unknown_element (c, k);
          continue;
        }
      g_array_append_val (sm->refs, ref);
    }
}

static mn_fo_node *
new_flow (ctx *c, xmlNodePtr x, const mn_style *root_style)
{
  mn_fo_node *f = new_node (c, MN_FO_FLOW, NULL, node_line (x));
  inherit (&f->st, root_style);
  apply_attrs (c, x, f, root_style, 1);
  f->st.start_indent = f->st.end_indent = 0;
  f->text = attr_string (c, x, "flow-name", "");
  parse_blocks (c, x, f);
  return f;
}

/* mx:vertical-justify of page-sequence `x` (whose style is `st`): the most each line may grow
 * when a page is justified (vjust.h), or -1 for none (also the initial value). */
static int
vertical_justify (ctx *c, xmlNodePtr x, const mn_style *st)
{
  xmlChar *v = xmlGetNsProp (x, BAD_CAST "vertical-justify", BAD_CAST MN_FOX_NS);
  int len = -1;
  if (v && strcmp ((const char *) v, "none")
      && (parse_length ((const char *) v, st->font_size, -1, &len) != 0 || len < 0
          || len > 100 * MN_PT))
    {
      bad (c, node_line (x), _("mx:vertical-justify=\"%s\" must be none or a length from 0 to 100pt, such as 1pt"),
           (const char *) v);
      len = -1;
    }
  xmlFree (v);
  return len;
}

static void
parse_page_sequence (ctx *c, xmlNodePtr x, const mn_style *root_style)
{
  mn_fo_seq *seq = g_new0 (mn_fo_seq, 1);
  g_ptr_array_add (c->doc->seqs, seq);
  seq->line = node_line (x);
  seq->statics = g_ptr_array_new ();
  xmlChar *mr = xmlGetNoNsProp (x, BAD_CAST "master-reference");
  seq->master_ref = intern (c, mr ? (const char *) mr : "");
  if (!mr)
    bad (c, seq->line, _("fo:page-sequence needs a master-reference naming a page master"));
  xmlFree (mr);
  xmlChar *ipn = xmlGetNoNsProp (x, BAD_CAST "initial-page-number");
  if (ipn && strcmp ((const char *) ipn, "auto"))
    {
      if (!whole_in ((const char *) ipn, 1, 1000000, &seq->initial_page_number))
        {
          bad (c, seq->line, _("%s=\"%s\" must be a whole number from 1 to %d"), "initial-page-number",
               (const char *) ipn, 1000000);
          seq->initial_page_number = 0;
        }
    }
  xmlFree (ipn);
  /* The sequence's own properties are inherited by its flows. */
  mn_fo_node *holder = new_node (c, MN_FO_FLOW, NULL, seq->line);
  inherit (&holder->st, root_style);
  apply_attrs (c, x, holder, root_style, 1);
  if (holder->id)
    seq->id = holder->id;
  seq->vjust = vertical_justify (c, x, &holder->st);
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      if (is_fo (k, "flow"))
        {
          if (seq->flow)
            bad (c, node_line (k), _("a page-sequence has one fo:flow; put all its blocks in the first"));
          else
            seq->flow = new_flow (c, k, &holder->st);
          xmlChar *fn = xmlGetNoNsProp (k, BAD_CAST "flow-name");
          if (fn && strcmp ((const char *) fn, "xsl-region-body"))
            {
              /* the flow goes to the body region, whatever its name (checked in page.c) */
            }
          xmlFree (fn);
        }
      else if (is_fo (k, "static-content"))
        g_ptr_array_add (seq->statics, new_flow (c, k, &holder->st));
      else if (is_fo (k, "title"))
        {
          if (!c->doc->meta.title)
            {
              xmlChar *t = xmlNodeGetContent (k);
              char *s = g_strstrip (g_strdup ((const char *) t));
              c->doc->meta.title = intern (c, s);
              g_free (s);
              xmlFree (t);
            }
        }
      else
        unknown_element (c, k);
    }
  if (!seq->flow)
    bad (c, seq->line, _("fo:page-sequence has no fo:flow; add one holding its blocks"));
}

/* === metadata (XMP in fo:declarations, as Apache FOP reads it) === */

static int
is_ns (xmlNodePtr x, const char *ns, const char *name)
{
  return x->type == XML_ELEMENT_NODE && x->ns && !strcmp ((const char *) x->ns->href, ns)
         && !strcmp ((const char *) x->name, name);
}

/* The text of an XMP property: its rdf:li items joined with ", ", or its own text. */
static char *
xmp_text (xmlNodePtr x)
{
  GString *s = g_string_new (NULL);
  for (xmlNodePtr k = x->children; k; k = k->next)
    if (is_ns (k, RDF_NS, "Alt") || is_ns (k, RDF_NS, "Seq") || is_ns (k, RDF_NS, "Bag"))
      for (xmlNodePtr li = k->children; li; li = li->next)
        if (is_ns (li, RDF_NS, "li"))
          {
            xmlChar *t = xmlNodeGetContent (li);
            char *v = g_strstrip (g_strdup ((const char *) t));
            if (*v)
              {
                if (s->len)
                  g_string_append (s, ", ");
                g_string_append (s, v);
              }
            g_free (v);
            xmlFree (t);
            if (is_ns (k, RDF_NS, "Alt"))
              break;  /* the first (default) language */
          }
  if (!s->len)
    {
      xmlChar *t = xmlNodeGetContent (x);
      char *v = g_strstrip (g_strdup ((const char *) t));
      g_string_append (s, v);
      g_free (v);
      xmlFree (t);
    }
  return g_string_free (s, FALSE);
}

static void
meta_set (ctx *c, const char **slot, const char *v)
{
  if (v && *v)
    *slot = intern (c, v);
}

static void
parse_xmp_description (ctx *c, xmlNodePtr desc)
{
  mn_fo_meta *m = &c->doc->meta;
  for (xmlAttrPtr a = desc->properties; a; a = a->next)
    {
      if (!a->ns)
        continue;
      xmlChar *v = xmlNodeListGetString (desc->doc, a->children, 1);
      const char *ns = (const char *) a->ns->href, *name = (const char *) a->name;
      if (!strcmp (ns, PDF_NS) && !strcmp (name, "Keywords"))
        meta_set (c, &m->keywords, (const char *) v);
      else if (!strcmp (ns, XMP_NS) && !strcmp (name, "CreateDate"))
        meta_set (c, &m->create_date, (const char *) v), m->date_line = node_line (desc);
      xmlFree (v);
    }
  for (xmlNodePtr k = desc->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE || !k->ns)
        continue;
      char *v = xmp_text (k);
      if (is_ns (k, DC_NS, "title"))
        meta_set (c, &m->title, v);
      else if (is_ns (k, DC_NS, "creator"))
        meta_set (c, &m->author, v);
      else if (is_ns (k, DC_NS, "description"))
        meta_set (c, &m->subject, v);
      else if (is_ns (k, PDF_NS, "Keywords"))
        meta_set (c, &m->keywords, v);
      else if (is_ns (k, DC_NS, "subject") && !m->keywords)
        meta_set (c, &m->keywords, v);
      else if (is_ns (k, XMP_NS, "CreateDate"))
        {
          meta_set (c, &m->create_date, v);
          m->date_line = node_line (k);
        }
      g_free (v);
    }
}

static void
parse_declarations (ctx *c, xmlNodePtr x)
{
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      xmlNodePtr rdf = NULL;
      if (is_ns (k, XMPMETA_NS, "xmpmeta"))
        {
          for (xmlNodePtr r = k->children; r; r = r->next)
            if (is_ns (r, RDF_NS, "RDF"))
              rdf = r;
        }
      else if (is_ns (k, RDF_NS, "RDF"))
        rdf = k;
      else
        {
          unknown_element (c, k);
          continue;
        }
      for (xmlNodePtr desc = rdf ? rdf->children : NULL; desc; desc = desc->next)
        if (is_ns (desc, RDF_NS, "Description"))
          parse_xmp_description (c, desc);
    }
}

/* === bookmarks === */

static mn_fo_bookmark *
parse_bookmark (ctx *c, xmlNodePtr x)
{
  mn_fo_bookmark *b = g_new0 (mn_fo_bookmark, 1);
  b->line = node_line (x);
  b->children = g_ptr_array_new ();
  xmlChar *dest = xmlGetNoNsProp (x, BAD_CAST "internal-destination");
  xmlChar *state = xmlGetNoNsProp (x, BAD_CAST "starting-state");
  b->open = !state || strcmp ((const char *) state, "hide") != 0;
  if (dest)
    {
      b->dest = intern (c, (const char *) dest);
      g_hash_table_add (c->doc->targets, (gpointer) b->dest);
    }
  else
    outside (c, b->line, _("fo:bookmark without internal-destination is outside the supported FO subset; it is left out"));
  xmlFree (dest);
  xmlFree (state);
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (is_fo (k, "bookmark-title"))
        {
          xmlChar *t = xmlNodeGetContent (k);
          char *s = g_strstrip (g_strdup ((const char *) t));
          b->title = intern (c, s);
          g_free (s);
          xmlFree (t);
        }
      else if (is_fo (k, "bookmark"))
        {
          mn_fo_bookmark *child = parse_bookmark (c, k);
          g_ptr_array_add (b->children, child);
        }
      else if (k->type == XML_ELEMENT_NODE)
        unknown_element (c, k);
    }
  if (!b->title)
    b->title = intern (c, "");
  return b;
}

static void
free_bookmark (gpointer p)
{
  mn_fo_bookmark *b = p;
  g_ptr_array_free (b->children, TRUE);
  g_free (b);
}

/* === public === */

static int
parse_doc (mn_fo_doc **out, xmlDocPtr fo, int take, const char *file, mn_diag *d)
{
  mn_fo_doc *doc = g_new0 (mn_fo_doc, 1);
  ctx c = { doc, d, file, d->errors, fo->URL == NULL, take };
  doc->file = file;
  doc->generated = c.generated;
  doc->strings = g_string_chunk_new (4096);
  doc->masters = g_ptr_array_new_with_free_func (g_free);
  doc->seq_masters = g_ptr_array_new ();
  doc->seqs = g_ptr_array_new ();
  doc->bookmarks = g_ptr_array_new ();
  doc->ids = g_hash_table_new (g_str_hash, g_str_equal);
  doc->targets = g_hash_table_new (g_str_hash, g_str_equal);
  doc->families = g_ptr_array_new_with_free_func (g_free);
  doc->nodes = g_ptr_array_new ();
  *out = NULL;

  xmlNodePtr root = xmlDocGetRootElement (fo);
  if (!root || !is_fo (root, "root"))
    {
      bad (&c, root ? node_line (root) : 0, _("the document is not XSL-FO: its root must be fo:root in the namespace %s"), FO_NS);
      goto out;
    }
  {
    /* The document's language (xml:lang, XML 1.0 §2.12): the PDF's /Lang and dc:language. */
    xmlChar *lang = xmlNodeGetLang (root);
    if (lang && *lang)
      doc->meta.lang = intern (&c, (const char *) lang);
    xmlFree (lang);
  }
  mn_style root_style;
  initial_style (&root_style);
  {
    /* fo:root's own properties are inherited by everything. */
    mn_fo_node *holder = new_node (&c, MN_FO_FLOW, NULL, node_line (root));
    holder->st = root_style;
    apply_attrs (&c, root, holder, &root_style, 1);
    root_style = holder->st;
    root_style.start_indent = root_style.end_indent = 0;
  }
  for (xmlNodePtr k = root->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      if (is_fo (k, "layout-master-set"))
        {
          for (xmlNodePtr m = k->children; m; m = m->next)
            if (is_fo (m, "simple-page-master"))
              parse_simple_master (&c, m);
            else if (is_fo (m, "page-sequence-master"))
              parse_seq_master (&c, m);
            else if (m->type == XML_ELEMENT_NODE)
              unknown_element (&c, m);
        }
      else if (is_fo (k, "declarations"))
        parse_declarations (&c, k);
      else if (is_fo (k, "bookmark-tree"))
        {
          for (xmlNodePtr b = k->children; b; b = b->next)
            if (is_fo (b, "bookmark"))
              g_ptr_array_add (doc->bookmarks, parse_bookmark (&c, b));
            else if (b->type == XML_ELEMENT_NODE)
              unknown_element (&c, b);
        }
      else if (is_fo (k, "page-sequence"))
        parse_page_sequence (&c, k, &root_style);
      else
        unknown_element (&c, k);
    }
  if (doc->masters->len == 0)
    bad (&c, node_line (root), _("fo:layout-master-set defines no fo:simple-page-master; add one"));
  if (doc->seqs->len == 0)
    bad (&c, node_line (root), _("the document has no fo:page-sequence, so no pages"));
  for (guint i = 0; i < doc->seqs->len; i++)
    {
      mn_fo_seq *s = g_ptr_array_index (doc->seqs, i);
      if (!mn_fo_doc_lookup_master (doc, s->master_ref) && !mn_fo_doc_lookup_seq_master (doc, s->master_ref))
        bad (&c, s->line, _("master-reference=\"%s\" names no page master; define it in fo:layout-master-set"), s->master_ref);
    }
  for (guint i = 0; i < doc->seq_masters->len; i++)
    {
      mn_fo_seq_master *sm = g_ptr_array_index (doc->seq_masters, i);
      for (guint r = 0; r < sm->refs->len; r++)
        {
          mn_fo_master_ref *ref = &g_array_index (sm->refs, mn_fo_master_ref, r);
          if (ref->master && !mn_fo_doc_lookup_master (doc, ref->master))
            bad (&c, sm->line, _("master-reference=\"%s\" names no simple-page-master"), ref->master);
          for (guint k = 0; ref->conds && k < ref->conds->len; k++)
            {
              mn_fo_cond *cond = &g_array_index (ref->conds, mn_fo_cond, k);
              if (!cond->master || !mn_fo_doc_lookup_master (doc, cond->master))
                bad (&c, sm->line, _("master-reference=\"%s\" names no simple-page-master"),
                     cond->master ? cond->master : "");
            }
        }
    }
  /* Links, citations and bookmarks must point at ids that exist. */
  for (guint i = 0; i < doc->nodes->len; i++)
    {
      mn_fo_node *n = g_ptr_array_index (doc->nodes, i);
      if (n->ref && !g_hash_table_contains (doc->ids, n->ref))
        outside (&c, n->line, _("\"%s\" names no element with that id; add the id or fix the reference"), n->ref);
    }

out:
  if (d->errors > c.errors_before)
    {
      mn_fo_doc_free (doc);
      return MN_EINVALID;
    }
  *out = doc;
  return 0;
}

int
mn_fo_doc_parse (mn_fo_doc **out, xmlDocPtr fo, const char *file, mn_diag *d)
{
  return parse_doc (out, fo, 0, file, d);
}

int
mn_fo_doc_parse_take (mn_fo_doc **out, xmlDocPtr fo, const char *file, mn_diag *d)
{
  int rc = parse_doc (out, fo, 1, file, d);
  xmlFreeDoc (fo);
  return rc;
}

void
mn_fo_doc_free (mn_fo_doc *doc)
{
  if (!doc)
    return;
  for (guint i = 0; i < doc->nodes->len; i++)
    {
      mn_fo_node *n = g_ptr_array_index (doc->nodes, i);
      if (n->columns)
        g_array_free (n->columns, TRUE);
      g_free (n);
    }
  g_ptr_array_free (doc->nodes, TRUE);
  for (guint i = 0; i < doc->seqs->len; i++)
    {
      mn_fo_seq *s = g_ptr_array_index (doc->seqs, i);
      g_ptr_array_free (s->statics, TRUE);
      g_free (s);
    }
  g_ptr_array_free (doc->seqs, TRUE);
  for (guint i = 0; i < doc->seq_masters->len; i++)
    {
      mn_fo_seq_master *sm = g_ptr_array_index (doc->seq_masters, i);
      for (guint r = 0; r < sm->refs->len; r++)
        {
          mn_fo_master_ref *ref = &g_array_index (sm->refs, mn_fo_master_ref, r);
          if (ref->conds)
            g_array_free (ref->conds, TRUE);
        }
      g_array_free (sm->refs, TRUE);
      g_free (sm);
    }
  g_ptr_array_free (doc->seq_masters, TRUE);
  /* bookmarks: free recursively */
  GPtrArray *stack = g_ptr_array_new ();
  for (guint i = 0; i < doc->bookmarks->len; i++)
    g_ptr_array_add (stack, g_ptr_array_index (doc->bookmarks, i));
  while (stack->len)
    {
      mn_fo_bookmark *b = g_ptr_array_remove_index (stack, stack->len - 1);
      for (guint i = 0; i < b->children->len; i++)
        g_ptr_array_add (stack, g_ptr_array_index (b->children, i));
      free_bookmark (b);
    }
  g_ptr_array_free (stack, TRUE);
  g_ptr_array_free (doc->bookmarks, TRUE);
  g_ptr_array_free (doc->masters, TRUE);
  g_ptr_array_free (doc->families, TRUE);
  g_hash_table_destroy (doc->ids);
  g_hash_table_destroy (doc->targets);
  g_string_chunk_free (doc->strings);
  g_free (doc);
}

/* The element of `list` named `name`: each element's first field is its name. */
static gpointer
lookup_named (GPtrArray *list, const char *name)
{
  for (guint i = 0; name && i < list->len; i++)
    if (!strcmp (*(const char *const *) g_ptr_array_index (list, i), name))
      return g_ptr_array_index (list, i);
  return NULL;
}

const mn_fo_master *
mn_fo_doc_lookup_master (const mn_fo_doc *doc, const char *name)
{
  return lookup_named (doc->masters, name);
}

const mn_fo_seq_master *
mn_fo_doc_lookup_seq_master (const mn_fo_doc *doc, const char *name)
{
  return lookup_named (doc->seq_masters, name);
}
