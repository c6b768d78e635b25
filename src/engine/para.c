/* para.c: a paragraph as one PangoLayout, with Japanese line breaking and justification.
 *
 * == Model ==
 * A PARA node (fotree.h) is a run of inline content.  We flatten it into one UTF-8 string
 * plus a PangoAttrList (fonts, sizes, colours, decorations, rise), lay it out once at the
 * content width with Pango (wrap WORD_CHAR, left aligned, first-line indent via
 * pango_layout_set_indent), and keep per-line geometry.  flow.c places lines on pages, and
 * each placed line takes its glyph runs, text and ids from here into the area tree (area.h,
 * mn_line_new), which the painter (pdf.c) draws.  A paragraph is laid out once per layout
 * pass, whatever the number of pages it spans.
 *
 * == Units ==
 * Pango units (1/1024 pt; the context is at 72 dpi) everywhere; points only in the glyph
 * runs handed to cairo.
 *
 * == Line breaking (W3C JLREQ §3.1.7, 3.1.8) ==
 * 1. Pango's UAX #14 breaking is the base.
 * 2. It is not enough for Japanese: it lets ～ (U+FF5E), some small kana, iteration marks and
 *    prolonged sound marks start a line.  We forbid a break at every boundary JLREQ forbids:
 *    before a character of cl-02 (closing brackets), cl-04 (？！), cl-05 (・：；), cl-06
 *    (。．), cl-07 (、，), cl-11 (small kana, ー, 々, ゝゞヽヾ, ～〜), and after cl-01
 *    (opening brackets); and inside the inseparable cl-08 pairs (……, ――).  The boundaries
 *    are collected into maximal ranges and marked with pango_attr_allow_breaks_new(FALSE):
 *    Pango then never breaks inside them (Pango only allows a break *inside* an
 *    allow-breaks=false span, so each span covers both characters of a boundary).
 * 3. URLs: after / . - ? & = # inside a URL (the text of a link with an external destination,
 *    or a run starting http:// or https://) we insert U+200B ZERO WIDTH SPACE, which UAX #14
 *    treats as a break opportunity; the painter and the dump leave the ZWSP out, so copy and
 *    paste and pdftotext give the URL exactly.
 * 4. A long unbreakable string (no opportunities at all) still breaks between characters
 *    (PANGO_WRAP_WORD_CHAR): an overfull line is worse than an odd break.
 *
 * == Punctuation spacing (JLREQ §3.1.4, "aki") ==
 * Full-width punctuation carries half an em of blank space.  Where two meet (」「, 。」,
 * ）、) the pair must not take two full ems: the first of a closing+closing or
 * closing+opening pair, and the second of an opening+opening pair, gets the OpenType feature
 * 'halt' (IPAex has it; Noto CJK too), which halves its advance and keeps the ink in place.
 * An opening bracket starting a line that is not a paragraph's first is set half-width
 * (JLREQ §3.1.5 allows either): its blank first half is dropped after line breaking, and the
 * half em goes to justification (so a justified line still ends at the edge).
 *
 * == Justification (JLREQ §3.8) ==
 * Pango 1.50's justify does fill a Japanese line, but it spreads the extra over every
 * cluster, letter-spacing Latin words too (checked: the glyphs of "ABCDEFGH" in a justified
 * mixed line get wider advances), which is wrong for HER-SYS or a URL in a Japanese
 * paragraph.  So we lay out left aligned and distribute the remaining width of every line but
 * the last (and but the last of each forced line) over the gaps between clusters where at
 * least one side is Japanese, or after a space — never inside a Latin word.  The extra is
 * integer: gap k (0-based) of G gets E*(k+1)/G - E*k/G, so lines end exactly at the edge.
 * The same walk over clusters is used to count gaps, place glyphs and find link extents, so
 * the dump, the PDF and the links agree.
 *
 * == Missing glyphs ==
 * After Pango's font fallback, a glyph with PANGO_GLYPH_UNKNOWN_FLAG means no pinned font has
 * the character: an error naming U+XXXX and the source line, never a box.  An ideographic
 * variation sequence the font lacks silently shows the base glyph: HarfBuzz
 * (hb_font_get_variation_glyph) tells us, and we warn.
 *
 * == Known gaps ==
 * No quarter-em space between Japanese and Latin (JLREQ §3.2.5), no hanging punctuation, no hyphenation, horizontal writing only. */
#include "para.h"

#include <hb.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

#define ZWSP 0x200B

/* A source segment of the paragraph text, for mapping bytes back to FO nodes. */
typedef struct seg {
  int start, end;           /* bytes */
  const mn_fo_node *node;   /* TEXT, PAGE_NUMBER, ... */
  const mn_fo_node *link;   /* enclosing basic-link or NULL */
} seg;

typedef struct inline_id {
  int offset;               /* byte where the element's content starts */
  const char *id;
} inline_id;

struct mn_para {
  int refs;                 /* reference count */
  const mn_fo_node *node;   /* the PARA node (borrowed) */
  PangoLayout *layout;      /* owned */
  const char *text;         /* the layout's text (owned by the layout) */
  int width;                /* content width it was laid out at */
  GArray *lines;            /* mn_para_line */
  PangoLayoutLine **plines; /* Pango's lines, by index (owned by the layout) */
  GArray *segs;             /* seg, in text order */
  GArray *ids;              /* inline_id */
  int dynamic;              /* shows a page number or citation (differs between passes) */
};

static int run_rise (PangoGlyphItem *run);

/* === character classes (JLREQ Appendix A) === */

static int
compare_gunichar (const void *a, const void *b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;
  return x < y ? -1 : x > y;
}

int
mn_kinsoku_no_start (gunichar c)
{
  /* cl-02 closing brackets, cl-03 hyphens, cl-04 ？！, cl-05 middle dots, cl-06 full stops,
   * cl-07 commas, cl-11 small kana and prolonged sound mark, iteration marks; ASCII closers. */
  static const gunichar set[] = {
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09, 0x3011, 0x3015, 0x3009, 0x300B,
    0xFF3D, 0xFF5D, 0x3019, 0x3017, 0x301F, 0x2019, 0x201D, 0xFF60, 0x00BB, 0x30FB, 0xFF1A,
    0xFF1B, 0xFF01, 0xFF1F, 0x203C, 0x2047, 0x2048, 0x2049, 0x30FC, 0x3041, 0x3043, 0x3045,
    0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3,
    0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x3005,
    0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE, 0xFF5E, 0x301C, 0x30A0, 0x2013, 0x2010, 0xFF65,
    0xFF61, 0xFF64, 0xFF63, 0xFF70, 0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D,
    0xFF6E, 0xFF6F, ')', ']', '}', ',', '.', ':', ';', '!', '?', 0x3003, 0x309B, 0x309C,
  };
  static gunichar sorted[G_N_ELEMENTS (set)];
  static gsize ready;
  if (c >= 0x31F0 && c <= 0x31FF) /* small katakana extension */
    return 1;
  if (c >= 0x3400 && c <= 0x9FFF) /* kanji, most of any Japanese text: none is in the set */
    return 0;
  /* Called for every character of every paragraph: a binary search over a sorted copy. */
  if (g_once_init_enter (&ready))
    {
      memcpy (sorted, set, sizeof set);
      qsort (sorted, G_N_ELEMENTS (sorted), sizeof sorted[0], compare_gunichar);
      g_once_init_leave (&ready, 1);
    }
  return bsearch (&c, sorted, G_N_ELEMENTS (sorted), sizeof sorted[0], compare_gunichar) != NULL;
}

int
mn_kinsoku_no_end (gunichar c)
{
  /* cl-01 opening brackets */
  static const gunichar set[] = {
    0x300C, 0x300E, 0xFF08, 0x3010, 0x3014, 0x3008, 0x300A, 0xFF3B, 0xFF5B, 0x3018, 0x3016,
    0x301D, 0x2018, 0x201C, 0xFF5F, 0x00AB, 0xFF62, '(', '[', '{',
  };
  for (size_t i = 0; i < G_N_ELEMENTS (set); i++)
    if (set[i] == c)
      return 1;
  return 0;
}

/* cl-08 inseparable characters: no break between two of the same. */
static int
inseparable (gunichar a, gunichar b)
{
  return a == b && (a == 0x2026 || a == 0x2025 || a == 0x2014 || a == 0x2015);
}

/* Full-width punctuation that carries half an em of blank space. */
static int
closing_punct (gunichar c)
{
  static const gunichar set[] = { 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09,
    0x3011, 0x3015, 0x3009, 0x300B, 0xFF3D, 0xFF5D, 0x3019, 0x3017, 0x301F };
  for (size_t i = 0; i < G_N_ELEMENTS (set); i++)
    if (set[i] == c)
      return 1;
  return 0;
}

static int
opening_punct (gunichar c)
{
  static const gunichar set[] = { 0x300C, 0x300E, 0xFF08, 0x3010, 0x3014, 0x3008, 0x300A,
    0xFF3B, 0xFF5B, 0x3018, 0x3016, 0x301D };
  for (size_t i = 0; i < G_N_ELEMENTS (set); i++)
    if (set[i] == c)
      return 1;
  return 0;
}

/* Japanese (or other CJK) for justification: ideographs, kana, CJK symbols, full-width forms. */
static int
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
         || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF)
         || (c >= 0x20000 && c <= 0x3FFFF) || (c >= 0x2014 && c <= 0x2026);
}

static int
zero_width (gunichar c)
{
  return c == ZWSP || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)
         || c == 0x200C || c == 0x200D || g_unichar_ismark (c);
}

/* === building the text and attributes === */

typedef struct builder {
  GString *text;            /* paragraph text being built */
  PangoAttrList *attrs;     /* attributes being built */
  GArray *segs;             /* seg */
  GArray *ids;              /* inline_id */
  const mn_style *pst;      /* the paragraph's style */
  const mn_para_env *env;
  int max_font;             /* largest font size used */
  int dynamic;              /* a page number or citation was added */
  int has_rise;             /* some text is raised or lowered (baseline-shift) */
} builder;

static int
last_is_space (builder *b)
{
  return b->text->len == 0 || b->text->str[b->text->len - 1] == ' '
         || b->text->str[b->text->len - 1] == '\n';
}

static void
add_attr (builder *b, PangoAttribute *a, int start, int end)
{
  a->start_index = start;
  a->end_index = end;
  pango_attr_list_insert (b->attrs, a);
}

/* The style of inline content at [start, end): everything that differs from nothing, so the
 * attributes are explicit (the layout's font description is the paragraph's). */
static void
style_attrs (builder *b, const mn_style *st, int start, int end)
{
  if (start >= end)
    return;
  const mn_style *p = b->pst;
  int size = st->font_size;
  if (st->baseline_shift != MN_SHIFT_BASELINE)
    size = size * 7 / 10;
  if (size > b->max_font)
    b->max_font = size;
  if (st->font_family != p->font_family && strcmp (st->font_family, p->font_family))
    {
      char *families = g_strconcat (st->font_family, ",serif", NULL);
      add_attr (b, pango_attr_family_new (families), start, end);
      g_free (families);
    }
  if (size != p->font_size)
    add_attr (b, pango_attr_size_new_absolute (size), start, end);
  if (st->font_weight != p->font_weight)
    add_attr (b, pango_attr_weight_new (st->font_weight), start, end);
  if (st->font_italic != p->font_italic)
    add_attr (b, pango_attr_style_new (st->font_italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL), start, end);
  guint32 col = st->color;
  add_attr (b, pango_attr_foreground_new ((col >> 16 & 0xff) * 257, (col >> 8 & 0xff) * 257, (col & 0xff) * 257), start, end);
  if (st->decoration & MN_DECO_UNDERLINE)
    add_attr (b, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), start, end);
  if (st->decoration & MN_DECO_LINE_THROUGH)
    add_attr (b, pango_attr_strikethrough_new (TRUE), start, end);
  if (st->baseline_shift == MN_SHIFT_SUPER)
    add_attr (b, pango_attr_rise_new (st->font_size / 3), start, end), b->has_rise = 1;
  else if (st->baseline_shift == MN_SHIFT_SUB)
    add_attr (b, pango_attr_rise_new (-st->font_size / 5), start, end), b->has_rise = 1;
  if (st->letter_spacing)
    add_attr (b, pango_attr_letter_spacing_new (st->letter_spacing), start, end);
}

static int
url_break_after (gunichar c)
{
  return c == '/' || c == '.' || c == '-' || c == '?' || c == '&' || c == '=' || c == '#' || c == '_';
}

/* Wide (East Asian Wide or Fullwidth) and not Hangul: CSS Text 3 §4.1.3's test. */
static int
wide_not_hangul (gunichar c)
{
  if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) || (c >= 0xAC00 && c <= 0xD7AF))
    return 0;
  return g_unichar_iswide (c);
}

/* Whether the white space starting at `p` is a line break in the source between two Japanese
 * characters (a staff member wrapping a long sentence in the XML): it must vanish, not become a
 * space in the middle of the sentence (CSS Text 3 §4.1.3, segment break transformation; XSL 1.1
 * would turn it into a space). */
static int
drops_segment_break (const builder *b, const char *p)
{
  int newline = 0;
  const char *q = p;
  for (; *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'; q++)
    newline |= *q == '\n';
  if (!newline || !*q || b->text->len == 0)
    return 0;
  const char *end = b->text->str + b->text->len;
  gunichar before = g_utf8_get_char (g_utf8_prev_char (end));
  return wide_not_hangul (before) && wide_not_hangul (g_utf8_get_char (q));
}

/* Append `s` with XSL white-space handling; in a URL, ZWSP after its separators. */
static void
append_text (builder *b, const char *s, const mn_style *st, int url)
{
  int in_url = url;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\r')
        continue;
      if (c == '\n' && st->preserve_linefeeds)
        {
          while (b->text->len && b->text->str[b->text->len - 1] == ' ' && st->collapse_spaces)
            g_string_truncate (b->text, b->text->len - 1);
          g_string_append_c (b->text, '\n');
          continue;
        }
      if (c == '\n' || c == '\t' || (c == ' ' && st->collapse_spaces))
        {
          if (st->collapse_spaces && last_is_space (b))
            continue;
          if (st->collapse_spaces && drops_segment_break (b, p))
            {
              /* skip the whole run of white space */
              while (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' || p[1] == '\r')
                p++;
              continue;
            }
          g_string_append_c (b->text, ' ');
          if (!url)
            in_url = 0;
          continue;
        }
      if (!in_url && (c == 'h') && (!strncmp (p, "http://", 7) || !strncmp (p, "https://", 8)))
        in_url = 1;
      g_string_append_unichar (b->text, c);
      if (in_url && url_break_after (c))
        {
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));
          if (next && next != '/' && !url_break_after (next) && next != ' ')
            g_string_append_unichar (b->text, ZWSP);
        }
    }
}

static void
add_seg (builder *b, int start, const mn_fo_node *n, const mn_fo_node *link)
{
  if ((int) b->text->len <= start)
    return;
  seg s = { start, (int) b->text->len, n, link };
  g_array_append_val (b->segs, s);
}

static void
build_inline (builder *b, const mn_fo_node *n, const mn_fo_node *link)
{
  for (const mn_fo_node *k = n->first; k; k = k->next)
    {
      int start = (int) b->text->len;
      if (k->id)
        {
          inline_id iid = { start, k->id };
          g_array_append_val (b->ids, iid);
        }
      switch (k->kind)
        {
        case MN_FO_TEXT:
          append_text (b, k->text, &k->st, link && link->uri != NULL);
          style_attrs (b, &k->st, start, (int) b->text->len);
          add_seg (b, start, k, link);
          break;
        case MN_FO_INLINE:
          build_inline (b, k, link);
          break;
        case MN_FO_LINK:
          build_inline (b, k, k);
          break;
        case MN_FO_PAGE_NUMBER:
        case MN_FO_CITATION:
        case MN_FO_CITATION_LAST:
          {
            b->dynamic = 1;
            char *num = k->kind == MN_FO_PAGE_NUMBER
                        ? g_strdup_printf ("%d", b->env->page_number)
                        : b->env->cite (b->env->cite_data, k->ref, k->kind == MN_FO_CITATION_LAST);
            g_string_append (b->text, num);
            g_free (num);
            style_attrs (b, &k->st, start, (int) b->text->len);
            add_seg (b, start, k, link);
            break;
          }
        case MN_FO_LEADER:
          /* simplified: an ideographic space (docs/fo-subset.md) */
          g_string_append (b->text, "\xe3\x80\x80");
          style_attrs (b, &k->st, start, (int) b->text->len);
          add_seg (b, start, k, link);
          break;
        default:
          break;
        }
    }
}

/* Forbid breaks JLREQ forbids, and compress adjacent punctuation with 'halt'. */
static void
kinsoku_attrs (builder *b)
{
  const char *t = b->text->str;
  int len = (int) b->text->len;
  int range_start = -1;   /* start byte of the current no-break range */
  const char *prev = NULL;
  gunichar pc = 0;
  for (const char *p = t; p < t + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int forbid = prev && ((mn_kinsoku_no_start (c) && pc != ' ' && pc != '\n')
                            || (mn_kinsoku_no_end (pc) && c != '\n')
                            || inseparable (pc, c));
      if (forbid)
        {
          if (range_start < 0)
            range_start = (int) (prev - t);
        }
      else if (range_start >= 0)
        {
          add_attr (b, pango_attr_allow_breaks_new (FALSE), range_start, (int) (p - t));
          range_start = -1;
        }
      /* 'halt' on the first of closing+closing / closing+opening, the second of opening+opening */
      if (prev && closing_punct (pc) && (closing_punct (c) || opening_punct (c)))
        add_attr (b, pango_attr_font_features_new ("halt"), (int) (prev - t), (int) (p - t));
      if (prev && opening_punct (c) && opening_punct (pc))
        add_attr (b, pango_attr_font_features_new ("halt"), (int) (p - t),
                  (int) (g_utf8_next_char (p) - t));
      pc = c;
      prev = p;
    }
  if (range_start >= 0)
    add_attr (b, pango_attr_allow_breaks_new (FALSE), range_start, len);
}

/* === the cluster walk (justification, glyphs, links) === */

typedef struct walk {
  const mn_para *p;
  const mn_para_line *ln;
  int content_end;          /* byte after the last non-space character of the line */
  int gap_index;            /* gaps passed so far */
  int x;                    /* current pen position, Pango units, from the line's text start */
} walk;

/* The extra of gap k. */
static int
gap_extra (const mn_para_line *ln, int k)
{
  if (ln->gaps <= 0)
    return 0;
  long long e = ln->extra;
  return (int) (e * (k + 1) / ln->gaps - e * k / ln->gaps);
}

static int
line_content_end (const mn_para *p, const mn_para_line *ln)
{
  int end = ln->start + ln->length;
  while (end > ln->start)
    {
      const char *q = g_utf8_find_prev_char (p->text + ln->start, p->text + end);
      gunichar c = g_utf8_get_char (q);
      if (c != ' ' && c != '\n' && c != ZWSP && c != '\t')
        break;
      end = (int) (q - p->text);
    }
  return end;
}

/* Is the boundary before the cluster starting at `pos` (previous char ends at `pos`) a gap? */
static int
is_gap (const mn_para *p, int line_start, int pos)
{
  if (pos <= line_start)
    return 0;
  const char *q = p->text + pos;
  gunichar c2 = g_utf8_get_char (q);
  const char *pp = g_utf8_find_prev_char (p->text + line_start, q);
  if (!pp)
    return 0;
  gunichar c1 = g_utf8_get_char (pp);
  /* look through a ZWSP */
  if (c1 == ZWSP)
    {
      const char *p2 = g_utf8_find_prev_char (p->text + line_start, pp);
      if (!p2)
        return 0;
      c1 = g_utf8_get_char (p2);
    }
  if (zero_width (c2) || c2 == ' ')
    return 0;
  if (c1 == ' ')
    return 1;
  return is_cjk (c1) || is_cjk (c2);
}

typedef void (*cluster_cb) (void *data, PangoGlyphItem *run, int g0, int g1, int byte0,
                            int byte1, int x);

/* Walk the clusters of line `ln` in visual (= logical, LTR) order; x includes the
 * justification extra of the gaps passed.  Returns the number of gaps seen. */
static int
walk_line (const mn_para *p, const mn_para_line *ln, cluster_cb cb, void *data)
{
  PangoLayoutLine *line = p->plines[ln - &g_array_index (p->lines, mn_para_line, 0)];
  int content_end = line_content_end (p, ln);
  int x = -ln->lead, gaps = 0;
  for (GSList *r = line->runs; r; r = r->next)
    {
      PangoGlyphItem *run = r->data;
      PangoGlyphString *gs = run->glyphs;
      int off = run->item->offset;
      int item_end = off + run->item->length;
      for (int g = 0; g < gs->num_glyphs;)
        {
          int c0 = gs->log_clusters[g];
          int g1 = g + 1;
          int w = gs->glyphs[g].geometry.width;
          while (g1 < gs->num_glyphs && gs->log_clusters[g1] == c0)
            w += gs->glyphs[g1++].geometry.width;
          int byte0 = off + c0;
          int byte1 = g1 < gs->num_glyphs ? off + gs->log_clusters[g1] : item_end;
          if (byte0 < content_end && is_gap (p, ln->start, byte0))
            {
              x += gap_extra (ln, gaps);
              gaps++;
            }
          if (cb)
            cb (data, run, g, g1, byte0, byte1, x);
          x += w;
          g = g1;
        }
    }
  return gaps;
}

/* === layout === */

/* The segment holding `byte` (segments are in text order and do not overlap). */
static const seg *
seg_at (const mn_para *p, int byte)
{
  guint lo = 0, hi = p->segs->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const seg *s = &g_array_index (p->segs, seg, mid);
      if (byte < s->start)
        hi = mid;
      else if (byte >= s->end)
        lo = mid + 1;
      else
        return s;
    }
  return NULL;
}

static long
line_of_byte (const mn_para *p, int byte)
{
  const seg *s = seg_at (p, byte);
  return s ? s->node->line : p->node->line;
}

/* Unknown glyphs are errors; unsupported variation sequences warnings. */
static int
check_glyphs (mn_para *p, const mn_para_env *env)
{
  int rc = 0;
  /* The lines' runs directly: a PangoLayoutIter would also compute every line's ink and
   * logical extents, which nothing here needs (3% of a long session's time). */
  for (GSList *l = pango_layout_get_lines_readonly (p->layout); l; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r; r = r->next)
      {
        PangoGlyphItem *run = r->data;
        for (int g = 0; g < run->glyphs->num_glyphs; g++)
          {
            PangoGlyph gl = run->glyphs->glyphs[g].glyph;
            if (!(gl & PANGO_GLYPH_UNKNOWN_FLAG) || gl == PANGO_GLYPH_EMPTY)
              continue;
            gunichar c = gl & ~PANGO_GLYPH_UNKNOWN_FLAG;
            int byte = run->item->offset + run->glyphs->log_clusters[g];
            if (c == ZWSP || c == '\n' || c == 0x2028 || c == 0x2029)
              continue;
            mn_error (env->d, env->file, line_of_byte (p, byte),
                      _("no pinned font has the character U+%04X; replace it, or add a font that has it to fonts/MANIFEST"),
                      (unsigned) c);
            rc = MN_EINVALID;
          }
      }

  /* ideographic variation sequences */
  for (const char *q = p->text; *q; q = g_utf8_next_char (q))
    {
      gunichar vs = g_utf8_get_char (q);
      if (!((vs >= 0xE0100 && vs <= 0xE01EF) || (vs >= 0xFE00 && vs <= 0xFE0F)) || q == p->text)
        continue;
      const char *bq = g_utf8_prev_char (q);
      gunichar base = g_utf8_get_char (bq);
      int byte = (int) (bq - p->text), line_no = 0, x_pos;
      pango_layout_index_to_line_x (p->layout, byte, FALSE, &line_no, &x_pos);
      PangoLayoutLine *line = pango_layout_get_line_readonly (p->layout, line_no);
      for (GSList *r = line ? line->runs : NULL; r; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          if (byte < run->item->offset || byte >= run->item->offset + run->item->length)
            continue;
          hb_font_t *hb = pango_font_get_hb_font (run->item->analysis.font);
          hb_codepoint_t glyph;
          if (hb && !hb_font_get_variation_glyph (hb, base, vs, &glyph))
            mn_warning (env->d, env->file, line_of_byte (p, byte),
                        _("the font has no variant U+%04X U+%04X of U+%04X; the standard form is shown (check the character)"),
                        (unsigned) base, (unsigned) vs, (unsigned) base);
          break;
        }
    }
  return rc;
}

/* Ascent and descent of a font description, cached (pango_context_get_metrics shapes a
 * sample text each time: too slow to call per paragraph).  The cache lives as long as the
 * process and holds one entry per distinct font description. */
static void
strut (PangoContext *pctx, const PangoFontDescription *fd, int *asc, int *desc)
{
  static GHashTable *cache;
  if (!cache)
    cache = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                   (GEqualFunc) pango_font_description_equal,
                                   (GDestroyNotify) pango_font_description_free, g_free);
  int *v = g_hash_table_lookup (cache, fd);
  if (!v)
    {
      PangoFontMetrics *fm = pango_context_get_metrics (pctx, fd, pango_language_from_string ("ja-JP"));
      v = g_new (int, 2);
      v[0] = pango_font_metrics_get_ascent (fm);
      v[1] = pango_font_metrics_get_descent (fm);
      pango_font_metrics_unref (fm);
      g_hash_table_insert (cache, pango_font_description_copy (fd), v);
    }
  *asc = v[0];
  *desc = v[1];
}

static int
is_last_of_paragraph (const mn_para *p, int i, int n)
{
  return i == n - 1 || p->plines[i + 1]->is_paragraph_start;
}

int
mn_para_new (mn_para **out, const mn_fo_node *node, int width, const mn_para_env *env)
{
  int rc = 0;
  const mn_style *st = &node->st;
  mn_para *p = g_new0 (mn_para, 1);
  builder b = { g_string_new (NULL), pango_attr_list_new (), g_array_new (FALSE, FALSE, sizeof (seg)),
                g_array_new (FALSE, FALSE, sizeof (inline_id)), st, env, st->font_size, 0, 0 };
  PangoFontDescription *fd = NULL;
  *out = NULL;
  p->refs = 1;
  p->node = node;
  p->width = width;
  p->lines = g_array_new (FALSE, TRUE, sizeof (mn_para_line));

  build_inline (&b, node, NULL);
  /* trailing collapsible space */
  while (b.text->len && b.text->str[b.text->len - 1] == ' ' && st->collapse_spaces)
    g_string_truncate (b.text, b.text->len - 1);
  kinsoku_attrs (&b);

  p->layout = pango_layout_new (env->pctx);
  fd = pango_font_description_new ();
  /* "serif" last: a family the pinned fonts lack falls back to Mincho, not to whatever
   * fontconfig would pick (render.c warns about such families). */
  char *families = g_strconcat (st->font_family, ",serif", NULL);
  pango_font_description_set_family (fd, families);
  g_free (families);
  pango_font_description_set_absolute_size (fd, st->font_size);
  pango_font_description_set_weight (fd, st->font_weight);
  pango_font_description_set_style (fd, st->font_italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (p->layout, fd);
  pango_layout_set_text (p->layout, b.text->str, (int) b.text->len);
  pango_layout_set_attributes (p->layout, b.attrs);
  /* A negative text-indent hangs the first line out to the left of the content box: Pango
   * gets the wider box and indents the other lines back to the content edge. */
  int hang = st->text_indent < 0 ? -st->text_indent : 0;
  if (!st->nowrap)
    {
      pango_layout_set_width (p->layout, MAX (width + hang, 1));
      pango_layout_set_wrap (p->layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_indent (p->layout, st->text_indent);
  pango_layout_set_alignment (p->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_justify (p->layout, FALSE);
  p->text = pango_layout_get_text (p->layout);
  p->segs = b.segs;
  p->ids = b.ids;
  p->dynamic = b.dynamic;
  b.segs = NULL;
  b.ids = NULL;

  if ((rc = check_glyphs (p, env)) != 0)
    goto out;

  /* The strut: the paragraph font's ascent and descent, centred in the line-height
   * (half-leading, XSL-FO 1.1 §4.5); a line with a larger inline font or raised text grows
   * (below). */
  int asc, desc;
  strut (env->pctx, fd, &asc, &desc);
  int lh = st->line_height > 0 ? st->line_height : st->font_size * 6 / 5;
  int n = pango_layout_get_line_count (p->layout);
  p->plines = g_new0 (PangoLayoutLine *, n + 1);
  {
    int i = 0;
    for (GSList *l = pango_layout_get_lines_readonly (p->layout); l && i < n; l = l->next)
      p->plines[i++] = l->data;
  }
  for (int i = 0; i < n; i++)
    {
      PangoLayoutLine *line = p->plines[i];
      PangoRectangle logical;
      pango_layout_line_get_extents (line, NULL, &logical);
      mn_para_line ln;
      memset (&ln, 0, sizeof ln);
      ln.start = line->start_index;
      ln.length = line->length;
      ln.height = lh;
      ln.baseline = (lh - (asc + desc)) / 2 + asc;
      if (b.max_font > st->font_size || b.has_rise)
        {
          /* XSL-FO §4.5 line-stacking-strategy max-height: each run's font, with its own
           * half-leading, may push the line's top up or its bottom down; the strut stays. */
          int above = ln.baseline, below = lh - ln.baseline;
          for (GSList *r = line->runs; r; r = r->next)
            {
              PangoGlyphItem *run = r->data;
              PangoFontDescription *rd = pango_font_describe (run->item->analysis.font);
              int ra, rdsc;
              strut (env->pctx, rd, &ra, &rdsc);
              int size = pango_font_description_get_size (rd);
              pango_font_description_free (rd);
              int rlh = st->line_height_permille ? (int) ((long long) size * st->line_height_permille / 1000) : lh;
              int half = (rlh - (ra + rdsc)) / 2;
              int rise = run_rise (run);
              above = MAX (above, ra + half + rise);
              below = MAX (below, rdsc + half - rise);
            }
          ln.height = above + below;
          ln.baseline = above;
        }
      int first = line->is_paragraph_start;
      ln.box_x = first ? st->text_indent : 0;
      ln.box_w = width - (first ? st->text_indent : 0);
      ln.natural = logical.width;
      /* JLREQ §3.1.5: an opening bracket starting a line (not a paragraph) is set half-width:
       * the blank half before its ink is dropped. */
      if (!first && line->runs && opening_punct (g_utf8_get_char (p->text + ln.start)))
        {
          PangoGlyphItem *r0 = line->runs->data;
          if (r0->glyphs->num_glyphs > 0 && r0->item->offset + r0->glyphs->log_clusters[0] == ln.start)
            {
              int w = r0->glyphs->glyphs[0].geometry.width;
              if (w * 10 >= st->font_size * 9)
                ln.lead = w / 2;
            }
        }
      ln.natural -= ln.lead;
      int room = ln.box_w - ln.natural;
      int last = is_last_of_paragraph (p, i, n);
      int align = last ? (st->text_align_last >= 0 ? st->text_align_last
                          : st->text_align == MN_ALIGN_JUSTIFY ? MN_ALIGN_START : st->text_align)
                       : st->text_align;
      ln.x = ln.box_x;
      if (room > 0 && align == MN_ALIGN_CENTER)
        ln.x += room / 2;
      else if (room > 0 && align == MN_ALIGN_END)
        ln.x += room;
      g_array_append_val (p->lines, ln);
      if (room > 0 && align == MN_ALIGN_JUSTIFY)
        {
          mn_para_line *lp = &g_array_index (p->lines, mn_para_line, i);
          int gaps = walk_line (p, lp, NULL, NULL);
          if (gaps > 0)
            {
              lp->gaps = gaps;
              lp->extra = room;
            }
        }
    }

out:
  pango_font_description_free (fd);
  pango_attr_list_unref (b.attrs);
  g_string_free (b.text, TRUE);
  if (b.segs)
    g_array_free (b.segs, TRUE);
  if (b.ids)
    g_array_free (b.ids, TRUE);
  if (rc != 0)
    mn_para_unref (p);
  else
    *out = p;
  return rc;
}

int
mn_para_dynamic (const mn_para *p)
{
  return p->dynamic;
}

mn_para *
mn_para_ref (mn_para *p)
{
  p->refs++;
  return p;
}

void
mn_para_unref (mn_para *p)
{
  if (!p || --p->refs > 0)
    return;
  if (p->layout)
    g_object_unref (p->layout);
  g_array_free (p->lines, TRUE);
  g_free (p->plines);
  if (p->segs)
    g_array_free (p->segs, TRUE);
  if (p->ids)
    g_array_free (p->ids, TRUE);
  g_free (p);
}

int
mn_para_nlines (const mn_para *p)
{
  return (int) p->lines->len;
}

const mn_para_line *
mn_para_line_at (const mn_para *p, int i)
{
  return &g_array_index (p->lines, mn_para_line, i);
}

int
mn_para_width (const mn_para *p)
{
  return p->width;
}

const mn_fo_node *
mn_para_node (const mn_para *p)
{
  return p->node;
}

char *
mn_para_line_text (const mn_para *p, int i)
{
  const mn_para_line *ln = mn_para_line_at (p, i);
  int end = line_content_end (p, ln);
  GString *s = g_string_new (NULL);
  for (const char *q = p->text + ln->start; q < p->text + end; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);
      if (c != ZWSP)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

void
mn_para_line_ids (const mn_para *p, int i, void (*cb) (void *data, const char *id), void *data)
{
  const mn_para_line *ln = mn_para_line_at (p, i);
  int n = mn_para_nlines (p);
  for (guint k = 0; k < p->ids->len; k++)
    {
      const inline_id *iid = &g_array_index (p->ids, inline_id, k);
      int in = iid->offset >= ln->start && (iid->offset < ln->start + ln->length || i == n - 1);
      if (in || (i == 0 && iid->offset < ln->start))
        cb (data, iid->id);
    }
}

/* --- links --- */

typedef struct link_walk {
  const mn_para *p;
  GArray *out;              /* mn_para_link */
  const mn_para_line *ln;
} link_walk;

static void
link_cb (void *data, PangoGlyphItem *run, int g0, int g1, int byte0, int byte1, int x)
{
  link_walk *lw = data;
  const seg *s = seg_at (lw->p, byte0);
  if (!s || !s->link)
    return;
  int w = 0;
  for (int g = g0; g < g1; g++)
    w += run->glyphs->glyphs[g].geometry.width;
  int x0 = lw->ln->x + x, x1 = x0 + w;
  if (lw->out->len)
    {
      mn_para_link *last = &g_array_index (lw->out, mn_para_link, lw->out->len - 1);
      if (last->link == s->link)
        {
          last->x1 = MAX (last->x1, x1);
          return;
        }
    }
  mn_para_link l = { x0, x1, s->link };
  g_array_append_val (lw->out, l);
}

GArray *
mn_para_line_links (const mn_para *p, int i)
{
  link_walk lw = { p, g_array_new (FALSE, FALSE, sizeof (mn_para_link)), mn_para_line_at (p, i) };
  int has = 0;
  for (guint k = 0; k < p->segs->len && !has; k++)
    has = g_array_index (p->segs, seg, k).link != NULL;
  if (has)
    walk_line (p, lw.ln, link_cb, &lw);
  return lw.out;
}

/* --- glyph runs --- */

typedef struct run_walk {
  const mn_para *p;
  GArray *runs;             /* mn_glyph_run */
  PangoGlyphItem *cur_run;  /* the Pango run the current mn_glyph_run comes from */
  const mn_fo_node *cur_link;
  GArray *glyphs;           /* cairo_glyph_t being collected */
  GArray *clusters;         /* cairo_text_cluster_t */
  GString *utf8;
  double x0;
  double xend;
} run_walk;

static void
flush_run (run_walk *rw)
{
  if (!rw->cur_run)
    return;
  if (rw->glyphs->len || rw->utf8->len)
    {
      mn_glyph_run gr;
      memset (&gr, 0, sizeof gr);
      PangoItem *item = rw->cur_run->item;
      gr.font = item->analysis.font;
      gr.nglyphs = (int) rw->glyphs->len;
      gr.glyphs = (cairo_glyph_t *) g_array_free (rw->glyphs, FALSE);
      gr.nclusters = (int) rw->clusters->len;
      gr.clusters = (cairo_text_cluster_t *) g_array_free (rw->clusters, FALSE);
      gr.utf8_len = (int) rw->utf8->len;
      gr.utf8 = g_string_free (rw->utf8, FALSE);
      gr.color = rw->p->node->st.color;
      gr.link = rw->cur_link;
      gr.x0 = rw->x0;
      gr.x1 = rw->xend;
      PangoFontDescription *d = pango_font_describe (gr.font);
      gr.size = pango_font_description_get_size (d) / (double) PANGO_SCALE;
      pango_font_description_free (d);
      for (GSList *a = item->analysis.extra_attrs; a; a = a->next)
        {
          PangoAttribute *at = a->data;
          if (at->klass->type == PANGO_ATTR_FOREGROUND)
            {
              PangoColor *c = &((PangoAttrColor *) at)->color;
              gr.color = (guint32) ((c->red >> 8) << 16 | (c->green >> 8) << 8 | (c->blue >> 8));
            }
          else if (at->klass->type == PANGO_ATTR_UNDERLINE && ((PangoAttrInt *) at)->value)
            gr.decoration |= MN_DECO_UNDERLINE;
          else if (at->klass->type == PANGO_ATTR_STRIKETHROUGH && ((PangoAttrInt *) at)->value)
            gr.decoration |= MN_DECO_LINE_THROUGH;
        }
      g_array_append_val (rw->runs, gr);
    }
  else
    {
      g_array_free (rw->glyphs, TRUE);
      g_array_free (rw->clusters, TRUE);
      g_string_free (rw->utf8, TRUE);
    }
  rw->cur_run = NULL;
}

static int
run_rise (PangoGlyphItem *run)
{
  for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next)
    {
      PangoAttribute *at = a->data;
      if (at->klass->type == PANGO_ATTR_RISE)
        return ((PangoAttrInt *) at)->value;
    }
  return 0;
}

/* Whether two Pango runs draw alike: same font, rise, colour and decorations.  Pango splits
 * Japanese text into a run per script (kanji, kana, punctuation: ~6 a line in the seed); runs
 * that draw alike become one mn_glyph_run, so one cairo text operation, because cairo 1.16's
 * PDF surface analyses and emits every operation separately (bench/README.md, F1). */
static int
runs_alike (const PangoGlyphItem *a, const PangoGlyphItem *b)
{
  if (a->item->analysis.font != b->item->analysis.font)
    return 0;
  const PangoGlyphItem *r[2] = { a, b };
  int rise[2] = { 0, 0 }, deco[2] = { 0, 0 };
  guint32 color[2] = { 0xFFFFFFFF, 0xFFFFFFFF };   /* no foreground attribute */
  for (int k = 0; k < 2; k++)
    for (GSList *l = r[k]->item->analysis.extra_attrs; l; l = l->next)
      {
        const PangoAttribute *at = l->data;
        switch ((int) at->klass->type)
          {
          case PANGO_ATTR_RISE:
            rise[k] = ((const PangoAttrInt *) at)->value;
            break;
          case PANGO_ATTR_FOREGROUND:
            {
              const PangoColor *c = &((const PangoAttrColor *) at)->color;
              color[k] = (guint32) ((c->red >> 8) << 16 | (c->green >> 8) << 8 | (c->blue >> 8));
            }
            break;
          case PANGO_ATTR_UNDERLINE:
            if (((const PangoAttrInt *) at)->value)
              deco[k] |= MN_DECO_UNDERLINE;
            break;
          case PANGO_ATTR_STRIKETHROUGH:
            if (((const PangoAttrInt *) at)->value)
              deco[k] |= MN_DECO_LINE_THROUGH;
            break;
          default:
            break;
          }
      }
  return rise[0] == rise[1] && color[0] == color[1] && deco[0] == deco[1];
}

static void
glyph_cb (void *data, PangoGlyphItem *run, int g0, int g1, int byte0, int byte1, int x)
{
  run_walk *rw = data;
  const seg *s = seg_at (rw->p, byte0);
  const mn_fo_node *link = s ? s->link : NULL;
  /* A run that draws like the current one continues it (its glyphs' x are line positions). */
  if (rw->cur_run && rw->cur_run != run && rw->cur_link == link && runs_alike (rw->cur_run, run))
    rw->cur_run = run;
  if (rw->cur_run != run || rw->cur_link != link)
    {
      flush_run (rw);
      rw->cur_run = run;
      rw->cur_link = link;
      rw->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
      rw->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
      rw->utf8 = g_string_new (NULL);
      rw->x0 = x / (double) PANGO_SCALE;
    }
  int rise = run_rise (run);
  int nglyphs = 0, pos = x;
  for (int g = g0; g < g1; g++)
    {
      PangoGlyphInfo *gi = &run->glyphs->glyphs[g];
      if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        {
          cairo_glyph_t cg;
          cg.index = gi->glyph;
          cg.x = (pos + gi->geometry.x_offset) / (double) PANGO_SCALE;
          cg.y = (gi->geometry.y_offset - rise) / (double) PANGO_SCALE;
          g_array_append_val (rw->glyphs, cg);
          nglyphs++;
        }
      pos += gi->geometry.width;
    }
  int nbytes = 0;
  for (const char *q = rw->p->text + byte0; q < rw->p->text + byte1; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);
      if (c == ZWSP || c == '\n')
        continue;
      int before = (int) rw->utf8->len;
      g_string_append_unichar (rw->utf8, c);
      nbytes += (int) rw->utf8->len - before;
    }
  if (nglyphs || nbytes)
    {
      cairo_text_cluster_t cl = { nbytes, nglyphs };
      g_array_append_val (rw->clusters, cl);
    }
  rw->xend = pos / (double) PANGO_SCALE;
}

void
mn_para_line_runs (const mn_para *p, int i, GArray *runs)
{
  run_walk rw;
  memset (&rw, 0, sizeof rw);
  rw.p = p;
  rw.runs = runs;
  walk_line (p, mn_para_line_at (p, i), glyph_cb, &rw);
  flush_run (&rw);
}

void
mn_glyph_runs_clear (GArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    {
      mn_glyph_run *r = &g_array_index (runs, mn_glyph_run, i);
      g_free (r->glyphs);
      g_free (r->clusters);
      g_free (r->utf8);
    }
  g_array_set_size (runs, 0);
}
