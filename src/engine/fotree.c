/* fotree.c: XSL-FO (libxml2 tree) -> the typed input tree of fotree.h.
 *
 * 1. Walk the FO elements; every element and attribute is either understood, accepted as a
 *    documented no-op (docs/fo-subset.md), or reported with its line (warning; --strict: error).
 * 2. Properties are resolved as XSL-FO 1.1 §5 says for our subset: inherited ones copied from
 *    the parent, lengths converted to Pango units once (em against the font size, % where the
 *    base is known here), shorthands expanded (margin, padding, border*), writing mode lr-tb
 *    only, so before/after/start/end map to top/bottom/left/right (§7.2 corresponding).
 * 3. Inline children of a block are grouped into anonymous PARA nodes, so that a block's
 *    children are all block level: each PARA becomes one PangoLayout in para.c.
 * Absurd values (0-size pages, negative widths, 5000pt fonts) are errors. */
#include "fotree.h"

#include <math.h>

/* Round half away from zero (no libm needed). */
static int
round_int (double x)
{
  return (int) (x >= 0 ? x + 0.5 : x - 0.5);
}
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "render.h"

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
  int errors;         /* errors reported by this parse */
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

static void
bad (ctx *c, long line, const char *fmt, ...) __attribute__ ((format (printf, 3, 4)));
static void
bad (ctx *c, long line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  report (c, MN_ERROR, line, fmt, ap);
  va_end (ap);
  c->errors++;
}

static void
outside (ctx *c, long line, const char *fmt, ...) __attribute__ ((format (printf, 3, 4)));
static void
outside (ctx *c, long line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int before = c->d->errors;
  report (c, MN_WARNING, line, fmt, ap);
  va_end (ap);
  if (c->d->errors > before)
    c->errors++;
}

static const char *
intern (ctx *c, const char *s)
{
  return s ? g_string_chunk_insert_const (c->doc->strings, s) : NULL;
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

static int
parse_border_style (const char *v)
{
  if (!strcmp (v, "none") || !strcmp (v, "hidden"))
    return MN_BORDER_NONE;
  if (!strcmp (v, "solid") || !strcmp (v, "groove") || !strcmp (v, "ridge")
      || !strcmp (v, "inset") || !strcmp (v, "outset"))
    return MN_BORDER_SOLID;
  if (!strcmp (v, "dashed"))
    return MN_BORDER_DASHED;
  if (!strcmp (v, "dotted"))
    return MN_BORDER_DOTTED;
  if (!strcmp (v, "double"))
    return MN_BORDER_DOUBLE;
  return -1;
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
 * not a length (or negative, with `nonneg`). */
static int
parse_four_sides (const char *v, int font_size, int nonneg, int out[4])
{
  char **parts = g_strsplit_set (v, " ", -1);
  int vals[4], n = 0;
  for (int i = 0; parts[i] && n < 4; i++)
    if (*parts[i])
      {
        if (parse_length (parts[i], font_size, -1, &vals[n]) != 0 || (nonneg && vals[n] < 0))
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
side_of (const char *s)
{
  if (!strcmp (s, "top") || !strcmp (s, "before"))
    return MN_SIDE_TOP;
  if (!strcmp (s, "bottom") || !strcmp (s, "after"))
    return MN_SIDE_BOTTOM;
  if (!strcmp (s, "left") || !strcmp (s, "start"))
    return MN_SIDE_LEFT;
  if (!strcmp (s, "right") || !strcmp (s, "end"))
    return MN_SIDE_RIGHT;
  return -1;
}

static int
parse_align (const char *v)
{
  if (!strcmp (v, "start") || !strcmp (v, "left") || !strcmp (v, "inside"))
    return MN_ALIGN_START;
  if (!strcmp (v, "center"))
    return MN_ALIGN_CENTER;
  if (!strcmp (v, "end") || !strcmp (v, "right") || !strcmp (v, "outside"))
    return MN_ALIGN_END;
  if (!strcmp (v, "justify"))
    return MN_ALIGN_JUSTIFY;
  return -1;
}

/* === properties === */

/* Properties accepted and documented as having no effect in this engine. */
static const char *const accepted_noop[] = {
  "language", "country", "script", "hyphenate", "hyphenation-character",
  "hyphenation-push-character-count", "hyphenation-remain-character-count",
  "font-selection-strategy", "font-stretch", "font-variant", "relative-position",
  "relative-align", "table-layout", "border-collapse", "border-separation",
  "table-omit-header-at-break", "table-omit-footer-at-break", "precedence", "text-altitude",
  "text-depth", "score-spaces", "intrusion-displace", "master-name", "master-reference",
  "flow-name", "region-name", "force-page-count", "format", "grouping-separator",
  "grouping-size", "letter-value", "column-number", "number-columns-repeated",
  "starting-state", "show-destination", "destination-placement-offset", "indicate-destination",
  "target-presentation-context", "target-processing-context", "target-stylesheet",
  "ends-row", "starts-row", "empty-cells", "line-height-shift-adjustment",
  "line-stacking-strategy", "white-space-treatment", "auto-restore", "media-usage",
  "overflow", "clip", "dominant-baseline", "alignment-baseline", "alignment-adjust",
  "leader-length", "rule-thickness", "rule-style", "leader-alignment", "leader-pattern-width",
  "page-width", "page-height", "extent", "column-count", "column-gap",
  "reference-orientation", "writing-mode", "display-align", "width", "height",
  "block-progression-dimension", "inline-progression-dimension", "content-width",
  "content-height", "scaling", "initial-page-number", "ref-id", "id", "role",
  "internal-destination", "external-destination", "number-columns-spanned",
  "number-rows-spanned", "column-width", "leader-pattern", "provisional-distance-between-starts",
  "provisional-label-separation", "source-document", "keep-together", "keep-with-next",
  "keep-with-previous", "break-before", "break-after", "widows", "orphans",
  NULL
};

static int
in_list (const char *const *list, const char *name)
{
  for (int i = 0; list[i]; i++)
    if (!strcmp (list[i], name))
      return 1;
  return 0;
}

/* Apply one attribute to `st`.  Returns 1 if handled, 0 if not a style property. */
static int
apply_prop (ctx *c, long line, const char *name, const char *v, mn_style *st,
            const mn_style *parent, raw_props *raw)
{
  int len;
  int fs = st->font_size;
  char base[64];
  /* Components: space-before.optimum, keep-with-next.within-page, border-before-width.length */
  const char *dot = strchr (name, '.');
  if (dot)
    {
      const char *comp = dot + 1;
      snprintf (base, sizeof base, "%.*s", (int) (dot - name), name);
      if (!strcmp (comp, "minimum") || !strcmp (comp, "maximum")
          || !strcmp (comp, "conditionality") || !strcmp (comp, "precedence")
          || !strcmp (comp, "within-line") || !strcmp (comp, "within-column"))
        return 1;  /* documented: only optimum / within-page matter here */
      name = base;
    }

  if (!strcmp (name, "font-family"))
    {
      st->font_family = intern (c, v);
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
              fam->line = line;
              g_ptr_array_add (c->doc->families, fam);
            }
        }
      g_strfreev (fams);
      return 1;
    }
  if (!strcmp (name, "font-size"))
    {
      static const struct { const char *k; double pt; } kw[] = {
        { "xx-small", 7 }, { "x-small", 8 }, { "small", 10 }, { "medium", 12 },
        { "large", 14 }, { "x-large", 18 }, { "xx-large", 24 } };
      int done = 0;
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
              bad (c, line, _("font-size=\"%s\" is not a length; write it like 10.5pt"), v);
              return 1;
            }
          st->font_size = len;
        }
      if (st->font_size <= 0 || st->font_size > 1000 * MN_PT)
        {
          bad (c, line, _("font-size=\"%s\" is out of range; use a size between 0 and 1000pt"), v);
          st->font_size = parent->font_size;
        }
      return 1;
    }
  if (!strcmp (name, "font-weight"))
    {
      if (!strcmp (v, "bold"))
        st->font_weight = 700;
      else if (!strcmp (v, "normal"))
        st->font_weight = 400;
      else if (!strcmp (v, "bolder"))
        st->font_weight = MIN (900, parent->font_weight + 300);
      else if (!strcmp (v, "lighter"))
        st->font_weight = MAX (100, parent->font_weight - 300);
      else if (atoi (v) >= 100 && atoi (v) <= 900)
        st->font_weight = atoi (v);
      else
        outside (c, line, _("font-weight=\"%s\" is not supported; use normal, bold or 100-900"), v);
      return 1;
    }
  if (!strcmp (name, "font-style"))
    {
      st->font_italic = !strcmp (v, "italic") || !strcmp (v, "oblique");
      if (!st->font_italic && strcmp (v, "normal"))
        outside (c, line, _("font-style=\"%s\" is not supported; use normal or italic"), v);
      return 1;
    }
  if (!strcmp (name, "color"))
    {
      int tr;
      if (parse_color (v, &st->color, &tr) != 0 || tr)
        outside (c, line, _("color=\"%s\" is not a colour this engine knows; use #rrggbb"), v);
      return 1;
    }
  if (!strcmp (name, "background-color"))
    {
      int tr;
      if (parse_color (v, &st->background, &tr) != 0)
        outside (c, line, _("background-color=\"%s\" is not a colour this engine knows; use #rrggbb"), v);
      else
        st->has_background = !tr;
      return 1;
    }
  if (!strcmp (name, "line-height"))
    {
      char *end;
      double x = g_ascii_strtod (v, &end);
      if (!strcmp (v, "normal"))
        st->line_height_permille = 1200, st->line_height = 0;
      else if (end != v && *end == 0 && x > 0 && x < 100)
        st->line_height_permille = round_int (x * 1000), st->line_height = 0;
      else if (parse_length (v, st->font_size, st->font_size, &len) == 0 && len > 0)
        st->line_height = len, st->line_height_permille = 0;
      else
        bad (c, line, _("line-height=\"%s\" is not valid; write a number such as 1.7 or a length"), v);
      return 1;
    }
  if (!strcmp (name, "text-align") || !strcmp (name, "text-align-last"))
    {
      int a = parse_align (v);
      if (a < 0 && !strcmp (name, "text-align-last") && !strcmp (v, "relative"))
        a = -1;
      else if (a < 0)
        {
          outside (c, line, _("%s=\"%s\" is not supported; use start, center, end or justify"), name, v);
          return 1;
        }
      if (!strcmp (name, "text-align"))
        st->text_align = a;
      else
        st->text_align_last = a;
      return 1;
    }
  if (!strcmp (name, "text-indent") || !strcmp (name, "start-indent")
      || !strcmp (name, "end-indent") || !strncmp (name, "margin", 6)
      || !strncmp (name, "space-", 6) || !strcmp (name, "letter-spacing"))
    {
      if (!strncmp (name, "margin", 6) && (!strcmp (name, "margin") ))
        {
          /* margin: 1 to 4 lengths, CSS order */
          int m[4];
          int got = parse_four_sides (v, fs, 0, m);
          if (got < 0)
            bad (c, line, _("%s=\"%s\" is not a length; write it like 10mm"), name, v);
          else if (got > 0)
            for (int s = 0; s < 4; s++)
              raw->margin[s] = m[s], raw->has_margin[s] = 1;
          return 1;
        }
      if ((!strcmp (name, "start-indent") || !strcmp (name, "end-indent"))
          && (strstr (v, "label-end()") || strstr (v, "body-start()")))
        return 1;  /* the list columns are what layout gives them (flow.c, lists) */
      if (!strcmp (name, "letter-spacing") && !strcmp (v, "normal"))
        {
          st->letter_spacing = 0;
          return 1;
        }
      int r = parse_length (v, fs, -1, &len);
      if (r != 0)
        {
          if (r == -2)
            bad (c, line, _("%s=\"%s\" is out of range; use a length between -100000pt and 100000pt"), name, v);
          else
            bad (c, line, _("%s=\"%s\" is not a length; write it like 10mm"), name, v);
          return 1;
        }
      if (!strcmp (name, "text-indent"))
        st->text_indent = len;
      else if (!strcmp (name, "letter-spacing"))
        st->letter_spacing = len;
      else if (!strcmp (name, "start-indent"))
        raw->has_start = 1, raw->start = len;
      else if (!strcmp (name, "end-indent"))
        raw->has_end = 1, raw->end = len;
      else if (!strcmp (name, "space-before") || !strcmp (name, "space-after"))
        {
          if (len < 0)
            bad (c, line, _("%s=\"%s\" is negative; spaces must be 0 or more"), name, v);
          else if (!strcmp (name, "space-before"))
            st->space_before = len;
          else
            st->space_after = len;
        }
      else if (!strncmp (name, "margin-", 7) && side_of (name + 7) >= 0)
        {
          int s = side_of (name + 7);
          raw->margin[s] = len, raw->has_margin[s] = 1;
        }
      else
        return 0;
      return 1;
    }
  if (!strncmp (name, "padding", 7))
    {
      if (!strcmp (name, "padding"))
        {
          if (parse_four_sides (v, fs, 1, st->padding) < 0)
            bad (c, line, _("%s=\"%s\" is not a length of 0 or more; write it like 2pt"), name, v);
          return 1;
        }
      int s = name[7] == '-' ? side_of (name + 8) : -1;
      if (s < 0)
        return 0;
      if (parse_length (v, fs, -1, &len) != 0 || len < 0)
        {
          bad (c, line, _("%s=\"%s\" is not a length of 0 or more; write it like 2pt"), name, v);
          return 1;
        }
      st->padding[s] = len;
      return 1;
    }
  if (!strncmp (name, "border", 6))
    {
      /* border, border-top, border-width, border-top-width, border-before-style, ... */
      const char *rest = name + 6;
      int side = -1;
      const char *what = NULL;   /* NULL: shorthand of all three */
      if (*rest == '-')
        {
          rest++;
          char sidebuf[16];
          const char *dash = strchr (rest, '-');
          snprintf (sidebuf, sizeof sidebuf, "%.*s", dash ? (int) (dash - rest) : (int) strlen (rest), rest);
          side = side_of (sidebuf);
          if (side >= 0)
            what = dash ? dash + 1 : NULL;
          else
            what = rest;
        }
      if (what && strcmp (what, "width") && strcmp (what, "style") && strcmp (what, "color"))
        return 0;
      int s0 = side >= 0 ? side : 0, s1 = side >= 0 ? side : 3;
      char **parts = g_strsplit_set (v, " ", -1);
      for (int i = 0; parts[i]; i++)
        {
          const char *p = parts[i];
          if (!*p)
            continue;
          int w, style, tr;
          guint32 col;
          if ((!what || !strcmp (what, "style")) && (style = parse_border_style (p)) >= 0)
            for (int s = s0; s <= s1; s++)
              {
                st->border[s].style = style;
                if (style != MN_BORDER_NONE && st->border[s].width == 0 && !what)
                  st->border[s].width = MN_PT;
              }
          else if ((!what || !strcmp (what, "width")) && parse_border_width (p, fs, &w) == 0)
            for (int s = s0; s <= s1; s++)
              st->border[s].width = w;
          else if ((!what || !strcmp (what, "color")) && parse_color (p, &col, &tr) == 0)
            for (int s = s0; s <= s1; s++)
              st->border[s].color = col;
          else
            bad (c, line, _("%s=\"%s\" is not understood; write it like \"0.5pt solid black\""), name, v);
        }
      g_strfreev (parts);
      return 1;
    }
  if (!strcmp (name, "widows") || !strcmp (name, "orphans"))
    {
      int n = atoi (v);
      if (n < 1 || n > 1000)
        bad (c, line, _("%s=\"%s\" must be a whole number of at least 1"), name, v);
      else if (name[0] == 'w')
        st->widows = n;
      else
        st->orphans = n;
      return 1;
    }
  if (!strcmp (name, "break-before") || !strcmp (name, "break-after"))
    {
      int b = MN_BREAK_AUTO;
      if (!strcmp (v, "page") || !strcmp (v, "even-page") || !strcmp (v, "odd-page")
          || !strcmp (v, "column"))
        b = MN_BREAK_PAGE;
      else if (strcmp (v, "auto"))
        outside (c, line, _("%s=\"%s\" is not supported; use page or auto"), name, v);
      if (b == MN_BREAK_PAGE && strcmp (v, "page") && strcmp (v, "column"))
        outside (c, line, _("%s=\"%s\" is set as a plain page break (no blank page is inserted)"), name, v);
      if (name[6] == 'b')
        st->break_before = b;
      else
        st->break_after = b;
      return 1;
    }
  if (!strcmp (name, "keep-with-next") || !strcmp (name, "keep-with-previous")
      || !strcmp (name, "keep-together"))
    {
      int k = strcmp (v, "auto") != 0;
      if (!strcmp (name, "keep-with-next"))
        st->keep_with_next = k;
      else if (!strcmp (name, "keep-with-previous"))
        st->keep_with_previous = k;
      else
        st->keep_together = k;
      return 1;
    }
  if (!strcmp (name, "display-align"))
    {
      if (!strcmp (v, "center"))
        st->display_align = MN_DISPLAY_CENTER;
      else if (!strcmp (v, "after"))
        st->display_align = MN_DISPLAY_AFTER;
      else if (!strcmp (v, "before") || !strcmp (v, "auto"))
        st->display_align = MN_DISPLAY_BEFORE;
      else
        outside (c, line, _("display-align=\"%s\" is not supported; use before, center or after"), v);
      return 1;
    }
  if (!strcmp (name, "vertical-align"))
    {
      if (!strcmp (v, "middle"))
        st->display_align = MN_DISPLAY_CENTER;
      else if (!strcmp (v, "bottom"))
        st->display_align = MN_DISPLAY_AFTER;
      else if (!strcmp (v, "super"))
        st->baseline_shift = MN_SHIFT_SUPER;
      else if (!strcmp (v, "sub"))
        st->baseline_shift = MN_SHIFT_SUB;
      return 1;
    }
  if (!strcmp (name, "text-decoration"))
    {
      st->decoration = 0;
      if (strstr (v, "underline") && !strstr (v, "no-underline"))
        st->decoration |= MN_DECO_UNDERLINE;
      if (strstr (v, "line-through") && !strstr (v, "no-line-through"))
        st->decoration |= MN_DECO_LINE_THROUGH;
      if (strstr (v, "overline") && !strstr (v, "no-overline"))
        st->decoration |= MN_DECO_OVERLINE;
      return 1;
    }
  if (!strcmp (name, "baseline-shift"))
    {
      if (!strcmp (v, "super"))
        st->baseline_shift = MN_SHIFT_SUPER;
      else if (!strcmp (v, "sub"))
        st->baseline_shift = MN_SHIFT_SUB;
      else if (!strcmp (v, "baseline"))
        st->baseline_shift = MN_SHIFT_BASELINE;
      else
        outside (c, line, _("baseline-shift=\"%s\" is not supported; use super, sub or baseline"), v);
      return 1;
    }
  if (!strcmp (name, "linefeed-treatment"))
    {
      st->preserve_linefeeds = !strcmp (v, "preserve");
      return 1;
    }
  if (!strcmp (name, "white-space-collapse"))
    {
      st->collapse_spaces = strcmp (v, "false") != 0;
      return 1;
    }
  if (!strcmp (name, "white-space"))
    {
      if (!strcmp (v, "pre"))
        st->preserve_linefeeds = 1, st->collapse_spaces = 0, st->nowrap = 1;
      else if (!strcmp (v, "pre-wrap") || !strcmp (v, "pre-line"))
        st->preserve_linefeeds = 1, st->collapse_spaces = !strcmp (v, "pre-line");
      else if (!strcmp (v, "nowrap"))
        st->nowrap = 1;
      return 1;
    }
  if (!strcmp (name, "wrap-option"))
    {
      st->nowrap = !strcmp (v, "no-wrap");
      return 1;
    }
  if (!strcmp (name, "provisional-distance-between-starts")
      || !strcmp (name, "provisional-label-separation"))
    {
      if (parse_length (v, fs, -1, &len) != 0 || len < 0)
        bad (c, line, _("%s=\"%s\" is not a length of 0 or more; write it like 2em"), name, v);
      else if (name[12] == 'd')
        st->pdbs = len;
      else
        st->pls = len;
      return 1;
    }
  return 0;
}

/* Font-size first: em lengths in the other attributes refer to it. */
static void
apply_font_size_first (ctx *c, xmlNodePtr x, mn_style *st, const mn_style *parent, raw_props *raw)
{
  xmlChar *v = xmlGetNoNsProp (x, BAD_CAST "font-size");
  if (v)
    apply_prop (c, node_line (x), "font-size", (const char *) v, st, parent, raw);
  xmlFree (v);
}

/* Start from the parent: inherited properties copied, the others at their initial values. */
static void
inherit (mn_style *st, const mn_style *parent)
{
  *st = *parent;
  st->space_before = st->space_after = 0;
  memset (st->padding, 0, sizeof st->padding);
  memset (st->border, 0, sizeof st->border);
  st->has_background = 0;
  st->break_before = st->break_after = MN_BREAK_AUTO;
  st->keep_with_next = st->keep_with_previous = st->keep_together = 0;
  st->display_align = MN_DISPLAY_BEFORE;
  st->decoration = 0;
  st->baseline_shift = MN_SHIFT_BASELINE;
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

/* Attributes that are not style properties but node data, by element. */
static void
take_node_attr (ctx *c, mn_fo_node *n, const char *name, const char *v, long line)
{
  if (!strcmp (name, "id"))
    {
      if (g_hash_table_contains (c->doc->ids, v))
        bad (c, line, _("id \"%s\" is used twice; ids must be unique"), v);
      else
        {
          n->id = intern (c, v);
          g_hash_table_insert (c->doc->ids, (gpointer) n->id, n);
        }
    }
  else if (!strcmp (name, "internal-destination") || !strcmp (name, "ref-id"))
    {
      n->ref = intern (c, v);
      if (n->kind == MN_FO_LINK)
        g_hash_table_add (c->doc->targets, (gpointer) n->ref);
    }
  else if (!strcmp (name, "external-destination"))
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
      n->uri = intern (c, u);
      g_free (u);
    }
  else if (!strcmp (name, "role"))
    n->role = intern (c, v);
  else if (!strcmp (name, "number-columns-spanned"))
    {
      n->colspan = atoi (v);
      if (n->colspan < 1 || n->colspan > 1000)
        {
          bad (c, line, _("number-columns-spanned=\"%s\" must be a whole number of at least 1"), v);
          n->colspan = 1;
        }
    }
  else if (!strcmp (name, "number-rows-spanned"))
    {
      if (atoi (v) != 1)
        outside (c, line, _("number-rows-spanned is outside the supported FO subset; the cell spans one row"));
    }
  else if (!strcmp (name, "column-number"))
    n->column = atoi (v);
  else if (!strcmp (name, "leader-pattern"))
    n->leader_rule = !strcmp (v, "rule");
  else if (n->kind == MN_FO_TABLE && (!strcmp (name, "width") || !strcmp (name, "inline-progression-dimension")))
    {
      char *end;
      double pc = g_ascii_strtod (v, &end);
      int len;
      if (!strcmp (v, "auto"))
        ;
      else if (end != v && !strcmp (end, "%") && pc > 0 && pc <= 100)
        n->width_permille = round_int (pc * 10);
      else if (parse_length (v, n->st.font_size, -1, &len) == 0 && len > 0)
        n->width = len;
      else
        bad (c, line, _("%s=\"%s\" is not a positive length or percentage"), name, v);
    }
  else if (!strcmp (name, "table-omit-header-at-break"))
    n->omit_header = !strcmp (v, "true");
}

/* Which properties each element accepts besides the common style properties. */
static void
apply_attrs (ctx *c, xmlNodePtr x, mn_fo_node *n, const mn_style *parent, int reset_indent)
{
  raw_props raw;
  memset (&raw, 0, sizeof raw);
  long line = n->line;
  mn_style *st = &n->st;
  apply_font_size_first (c, x, st, parent, &raw);
  for (xmlAttrPtr a = x->properties; a; a = a->next)
    {
      const char *name = (const char *) a->name;
      if (a->ns)
        {
          const char *ns = (const char *) a->ns->href;
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
      take_node_attr (c, n, name, v, line);
      if (!apply_prop (c, line, name, v, st, parent, &raw)
          && !in_list (accepted_noop, name))
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
  int pstart = reset_indent ? 0 : parent->start_indent;
  int pend = reset_indent ? 0 : parent->end_indent;
  int bl = st->border[MN_SIDE_LEFT].style ? st->border[MN_SIDE_LEFT].width : 0;
  int br = st->border[MN_SIDE_RIGHT].style ? st->border[MN_SIDE_RIGHT].width : 0;
  if (raw.has_start)
    st->start_indent = raw.start;
  else
    st->start_indent = pstart + raw.margin[MN_SIDE_LEFT] + bl + st->padding[MN_SIDE_LEFT];
  if (raw.has_end)
    st->end_indent = raw.end;
  else
    st->end_indent = pend + raw.margin[MN_SIDE_RIGHT] + br + st->padding[MN_SIDE_RIGHT];
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
      if (parent->last)
        parent->last->next = n;
      else
        parent->first = n;
      parent->last = n;
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
          if (r)
            col.repeat = atoi ((const char *) r);
          if (col.repeat < 1 || col.repeat > 1000)
            {
              bad (c, line, _("number-columns-repeated must be a whole number of at least 1"));
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
          for (xmlAttrPtr a = k->properties; a; a = a->next)
            if (!a->ns && strcmp ((const char *) a->name, "column-width")
                && strcmp ((const char *) a->name, "number-columns-repeated")
                && strcmp ((const char *) a->name, "column-number"))
              outside (c, line, _("property %s on fo:table-column is outside the supported FO subset; ignored"),
                       (const char *) a->name);
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
                    {
                      if (cell->type != XML_ELEMENT_NODE)
                        continue;
                      if (!is_fo (cell, "table-cell"))
                        {
                          unknown_element (c, cell);
                          continue;
                        }
                      mn_fo_node *cn = block_node (c, cell, MN_FO_CELL, row, 1);
                      /* a reference area: indents inside start from its content box */
                      cn->st.start_indent = cn->st.end_indent = 0;
                      parse_blocks (c, cell, cn);
                    }
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
                  mn_fo_node *cn = block_node (c, r, MN_FO_CELL, row, 1);
                  cn->st.start_indent = cn->st.end_indent = 0;
                  parse_blocks (c, r, cn);
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
}

static void
parse_list (ctx *c, xmlNodePtr x, mn_fo_node *parent)
{
  mn_fo_node *l = block_node (c, x, MN_FO_LIST, parent, 0);
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      if (!is_fo (k, "list-item"))
        {
          unknown_element (c, k);
          continue;
        }
      mn_fo_node *item = block_node (c, k, MN_FO_LIST_ITEM, l, 0);
      int have_label = 0, have_body = 0;
      for (xmlNodePtr p = k->children; p; p = p->next)
        {
          if (p->type != XML_ELEMENT_NODE)
            continue;
          if (is_fo (p, "list-item-label") && !have_label)
            {
              /* label-end() and body-start() are what layout gives the two columns; the
               * indents inside them start from 0 (docs/fo-subset.md). */
              mn_fo_node *lab = block_node (c, p, MN_FO_LIST_LABEL, item, 1);
              lab->st.start_indent = lab->st.end_indent = 0;
              parse_blocks (c, p, lab);
              have_label = 1;
            }
          else if (is_fo (p, "list-item-body") && !have_body)
            {
              mn_fo_node *body = block_node (c, p, MN_FO_LIST_BODY, item, 1);
              body->st.start_indent = body->st.end_indent = 0;
              parse_blocks (c, p, body);
              have_body = 1;
            }
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

static void
margins (ctx *c, xmlNodePtr x, int m[4])
{
  static const char *const names[4] = { "margin-top", "margin-right", "margin-bottom", "margin-left" };
  int all = 0;
  master_length (c, x, "margin", 0, 0, 14400 * MN_PT, &all);
  for (int s = 0; s < 4; s++)
    master_length (c, x, names[s], all, 0, 14400 * MN_PT, &m[s]);
}

static void
check_master_attrs (ctx *c, xmlNodePtr x, const char *const *known)
{
  for (xmlAttrPtr a = x->properties; a; a = a->next)
    {
      if (a->ns)
        continue;
      const char *name = (const char *) a->name;
      if (in_list (known, name) || !strncmp (name, "margin", 6))
        continue;
      if (!strcmp (name, "reference-orientation") || !strcmp (name, "writing-mode"))
        {
          xmlChar *v = xmlGetNoNsProp (x, a->name);
          if (v && strcmp ((const char *) v, "0") && strcmp ((const char *) v, "lr-tb")
              && strcmp ((const char *) v, "lr") && strcmp ((const char *) v, "horizontal-tb"))
            outside (c, node_line (x), _("%s=\"%s\" is outside the supported FO subset (horizontal left-to-right only)"),
                     name, (const char *) v);
          xmlFree (v);
          continue;
        }
      outside (c, node_line (x), _("property %s on fo:%s is outside the supported FO subset; ignored"),
               name, (const char *) x->name);
    }
}

static void
parse_simple_master (ctx *c, xmlNodePtr x)
{
  static const char *const known[] = { "master-name", "page-width", "page-height", "id", NULL };
  static const char *const region_known[] = { "extent", "region-name", "precedence", "column-count",
    "display-align", "overflow", "background-color", "column-gap", NULL };
  mn_fo_master *m = g_new0 (mn_fo_master, 1);
  g_ptr_array_add (c->doc->masters, m);
  m->line = node_line (x);
  xmlChar *name = xmlGetNoNsProp (x, BAD_CAST "master-name");
  m->name = intern (c, name ? (const char *) name : "");
  xmlFree (name);
  check_master_attrs (c, x, known);
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
      check_master_attrs (c, k, region_known);
      xmlChar *rn = xmlGetNoNsProp (k, BAD_CAST "region-name");
      if (rn)
        m->region_name[r] = intern (c, (const char *) rn);
      xmlFree (rn);
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
  sm->line = node_line (x);
  xmlChar *name = xmlGetNoNsProp (x, BAD_CAST "master-name");
  sm->name = intern (c, name ? (const char *) name : "");
  xmlFree (name);
  sm->refs = g_array_new (FALSE, TRUE, sizeof (mn_fo_master_ref));
  for (xmlNodePtr k = x->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      mn_fo_master_ref ref = { 0, -1, NULL, NULL };
      xmlChar *mr = xmlGetNoNsProp (k, BAD_CAST "master-reference");
      xmlChar *max = xmlGetNoNsProp (k, BAD_CAST "maximum-repeats");
      ref.master = mr ? intern (c, (const char *) mr) : NULL;
      if (max && strcmp ((const char *) max, "no-limit"))
        ref.max_repeats = atoi ((const char *) max);
      xmlFree (mr);
      xmlFree (max);
      if (is_fo (k, "single-page-master-reference"))
        ref.kind = 0, ref.max_repeats = 1;
      else if (is_fo (k, "repeatable-page-master-reference"))
        ref.kind = 1;
      else if (is_fo (k, "repeatable-page-master-alternatives"))
        {
          ref.kind = 2;
          ref.conds = g_array_new (FALSE, TRUE, sizeof (mn_fo_cond));
          for (xmlNodePtr cp = k->children; cp; cp = cp->next)
            {
              if (cp->type != XML_ELEMENT_NODE)
                continue;
              if (!is_fo (cp, "conditional-page-master-reference"))
                {
                  unknown_element (c, cp);
                  continue;
                }
              mn_fo_cond cond = { NULL, 0, 0 };
              xmlChar *m = xmlGetNoNsProp (cp, BAD_CAST "master-reference");
              xmlChar *pp = xmlGetNoNsProp (cp, BAD_CAST "page-position");
              xmlChar *oe = xmlGetNoNsProp (cp, BAD_CAST "odd-or-even");
              xmlChar *bl = xmlGetNoNsProp (cp, BAD_CAST "blank-or-not-blank");
              cond.master = m ? intern (c, (const char *) m) : NULL;
              if (pp)
                cond.position = !strcmp ((const char *) pp, "first") ? 1
                                : !strcmp ((const char *) pp, "rest") ? 2
                                : !strcmp ((const char *) pp, "last") ? 3 : 0;
              if (cond.position == 3)
                outside (c, node_line (cp), _("page-position=\"last\" is outside the supported FO subset; the condition never applies"));
              if (oe)
                cond.odd_even = !strcmp ((const char *) oe, "odd") ? 1 : !strcmp ((const char *) oe, "even") ? 2 : 0;
              if (bl && !strcmp ((const char *) bl, "blank"))
                cond.position = 3;  /* we make no blank pages: never applies */
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
  xmlChar *fn = xmlGetNoNsProp (x, BAD_CAST "flow-name");
  f->text = intern (c, fn ? (const char *) fn : "");
  xmlFree (fn);
  parse_blocks (c, x, f);
  return f;
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
      seq->initial_page_number = atoi ((const char *) ipn);
      if (seq->initial_page_number < 1 || seq->initial_page_number > 1000000)
        {
          bad (c, seq->line, _("initial-page-number=\"%s\" must be a whole number of at least 1"), (const char *) ipn);
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
  ctx c = { doc, d, file, 0, fo->URL == NULL, take };
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
  if (c.errors)
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

const mn_fo_master *
mn_fo_doc_lookup_master (const mn_fo_doc *doc, const char *name)
{
  for (guint i = 0; name && i < doc->masters->len; i++)
    {
      const mn_fo_master *m = g_ptr_array_index (doc->masters, i);
      if (!strcmp (m->name, name))
        return m;
    }
  return NULL;
}

const mn_fo_seq_master *
mn_fo_doc_lookup_seq_master (const mn_fo_doc *doc, const char *name)
{
  for (guint i = 0; name && i < doc->seq_masters->len; i++)
    {
      const mn_fo_seq_master *m = g_ptr_array_index (doc->seq_masters, i);
      if (!strcmp (m->name, name))
        return m;
    }
  return NULL;
}
