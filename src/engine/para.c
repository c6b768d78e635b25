/* para.c: a paragraph shaped once and broken into lines the JLREQ way — kinsoku at three
 * levels, the Japanese–Latin space, shrink before stretch.
 *
 * == Model ==
 * A PARA node (fotree.h) is a run of inline content.  We flatten it into one UTF-8 string
 * plus a PangoAttrList (fonts, sizes, colours, decorations, rise, 'halt'), then:
 *   1. itemize the whole text once (pango_itemize, with every attribute: each item carries its
 *      own extra attributes, so nothing is applied to items afterwards),
 *   2. shape every item once (pango_shape_with_flags, the paragraph text given as context),
 *   3. take the break opportunities of the whole text once (pango_get_log_attrs, UAX #14),
 *   4. cut the shaped text into clusters (a cluster: glyphs that map to the same characters)
 *      and classify the boundary before each cluster (may break there at this level, must,
 *      stretchable gap, Japanese–Latin space, how far it may shrink),
 *   5. choose each line's end with one forward walk over the clusters (below).
 * Every step looks at each character a bounded number of times, so the cost is linear in the
 * text: no item is reshaped when a line is broken (a wrapped PangoLayout reshapes the rest of
 * a long item at every line, and applies attributes run by run, scanning the whole attribute
 * list each time: both grew with the square of a paragraph's length or its inline count).
 * A line is a range of clusters; its glyph runs for painting are the shaped items' glyphs
 * sliced at the line's ends, positioned by the same walk that measured it.  flow.c places
 * lines on pages, and each placed line takes its glyph runs, text and ids from here into the
 * area tree (area.h, mn_line_new), which the painter (pdf.c) draws.  A paragraph is laid out
 * once per layout pass, whatever the number of pages it spans.
 *
 * == Units ==
 * Pango units (1/1024 pt; the context is at 72 dpi) everywhere; points only in the glyph
 * runs handed to cairo.  "em" is the font size of the item a cluster belongs to.
 *
 * == Line breaking (W3C JLREQ §3.1.7, 3.1.8; CSS Text 3 §5.2) ==
 * 1. Pango's UAX #14 opportunities are the base (we never invent a rule of our own beyond the
 *    tailorings CSS line-break names).
 * 2. Kinsoku at the paragraph's level (mx:line-break, inherited, initial strict):
 *    strict forbids a break before every character of JLREQ cl-02 (closing brackets), cl-03
 *    (hyphens ‐ – 〜 ゠), cl-04 (？！‼⁇⁈⁉), cl-05 (・：；), cl-06 (。．), cl-07 (、，), cl-11
 *    (small kana, ー; CSS "CJ"), the iteration marks 々〻ゝゞヽヾ and ～, after cl-01 (opening
 *    brackets), and inside the cl-08 pairs (……, ――); UAX #14 itself keeps PO (％ ° ℃ …)
 *    and IN (… ‥) from starting a line after a kanji.
 *    normal also lets small kana, ー and the hyphens ‐ – 〜 ～ ゠ start a line.
 *    loose also lets iteration marks, the centred punctuation ・：；･！？‼⁇⁈⁉, the postfix
 *    characters of CSS's PO-AFW list and the inseparable characters … ‥ ⋯ start a line.
 *    Where a level allows what Pango's UAX #14 refused (small kana after a kanji is NS to
 *    Pango), the break is the CSS tailoring of that class (CJ as ID; NS, IN, PO after ID),
 *    taken only after an ideograph or kana.  tests/layout/line-break-levels.py checks the three
 *    levels against every case of the WPT css-text line-break-ja-* lists.
 * 3. URLs: after / . - ? & = # inside a URL (the text of a link with an external destination,
 *    or a run starting http:// or https://) we insert U+200B ZERO WIDTH SPACE, which UAX #14
 *    treats as a break opportunity; the painter and the dump leave the ZWSP out, so copy and
 *    paste and pdftotext give the URL exactly.  A break opportunity inside a URL is never a
 *    stretchable gap: a line holding a URL justifies on its Japanese side.
 * 4. A word longer than the line (no opportunity fits) breaks between clusters, at a boundary
 *    kinsoku allows when there is one (CSS overflow-wrap: an overfull line is worse than an
 *    odd break).  wrap-option="no-wrap" breaks only at forced line feeds.
 * 5. An inline with keep-together.within-line (a name, a date, a number) has no opportunity
 *    inside it, so the line ends before it; one wider than the line keeps them, with a
 *    warning (keep_within_lines).
 *
 * == The Japanese–Latin space (JLREQ §3.2.5; CSS Text 4 text-autospace) ==
 * Between a Japanese character (kanji, kana, 々〆〇ー; not full-width punctuation, which has
 * blank of its own) and a Latin letter or digit (not full-width), in either order, a quarter
 * em of the Japanese side's font.  Half-width brackets ( ) [ ] count as Latin when the
 * character inside them is Latin: 「税(VAT)」 gets the space before "(".  None where the
 * source has a space (the boundary is then between a character and a space), none inside a
 * word or number (Latin–Latin), none at a line's start or end (it belongs to the boundary, and
 * a line break takes the boundary away).  It is glue in the glyph positions, never a
 * character: copy and paste, pdftotext and the dump give the source text.  It may shrink to an
 * eighth em and stretch to half an em (below).
 *
 * == Punctuation spacing (JLREQ §3.1.4, "aki") ==
 * Full-width punctuation carries half an em of blank space.  Where two meet (」「, 。」,
 * ）、) the pair must not take two full ems: the first of a closing+closing or
 * closing+opening pair, and the second of an opening+opening pair, gets the OpenType feature
 * 'halt' (IPAex has it; Noto CJK too), which halves its advance and keeps the ink in place.
 * An opening bracket starting a line that is not a paragraph's first is set half-width
 * (JLREQ §3.1.5 allows either): its blank first half is dropped (CSS text-spacing-trim
 * trim-start).
 *
 * == Choosing the line's end: shrink before stretch (JLREQ §3.8) ==
 * One walk from the line's start adds the clusters' advances and the Japanese–Latin spaces
 * (the natural width) and the shrink each boundary allows: an eighth em after a closing
 * bracket, comma or full stop and before an opening bracket that still has its blank half
 * (JLREQ §3.8.3: the punctuation blanks are the first to give), and the Japanese–Latin space's
 * eighth em (from a quarter down to an eighth).  A punctuation blank gives at most an eighth em
 * in our setting, less than JLREQ's limit of all of it: the shrink then spreads over the line
 * instead of closing one comma up, as jlreq's glue does.  At each allowed break the walk notes
 * the last one that fits as set (natural ≤ measure) and the last one that fits when shrunk
 * (natural − shrink ≤ measure); it stops at the first break that fits neither.  If the
 * shrinking one is further on, the line is set to it and shrunk (追い込み: the shortfall is
 * taken from the shrinkable places in proportion to what each may give); otherwise the line
 * ends at the last that fits and is stretched (追い出し).  Kinsoku is never traded for fit:
 * only allowed breaks are candidates.  Shrinking is for justified text (text-align="justify");
 * other alignments keep their natural spacing.
 *
 * == Stretching (JLREQ §3.8.4) ==
 * Every line of a justified paragraph but the last (and but the last before a forced line
 * feed) is filled to the measure.  The extra goes to the gaps between clusters where at least
 * one side is Japanese, or after a space — never inside a Latin word or a URL.  A Japanese–
 * Latin space is a gap that may grow only to half an em (a quarter more than its natural
 * quarter): when the even share is more than that, it takes its limit and the others share
 * the rest; when a line has no other gap it stays short rather than open a Latin–Japanese
 * boundary wider than half an em.  Shares are integer and cumulative (gap k of G gets
 * E*(k+1)/G - E*k/G), so lines end exactly at the edge.  The same walk over clusters measures a
 * line, counts its gaps, places glyphs and finds link extents, so the dump, the PDF and the
 * links agree.  The dump shows each line's adjustment (shrink=, stretch=).
 *
 * == Missing glyphs ==
 * After Pango's font fallback, a glyph with PANGO_GLYPH_UNKNOWN_FLAG means no pinned font has
 * the character: an error naming U+XXXX and the source line, never a box.  An ideographic
 * variation sequence the font lacks silently shows the base glyph: HarfBuzz
 * (hb_font_get_variation_glyph) tells us, and we warn.
 *
 * == Known gaps ==
 * Horizontal writing only, left to right: clusters are set in logical order and items are not
 * reordered within a line (no bidi).  Right-to-left scripts do not reach this far today: no
 * pinned font has them, and a missing glyph is an error.  No hanging punctuation, no
 * hyphenation. */
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

/* One shaped item.  `gi` first: a shaped * is a PangoGlyphItem * for the walk's callbacks. */
typedef struct shaped {
  PangoGlyphItem gi;        /* the item (owned) and its glyphs (owned) */
  int em;                   /* the item's font size, Pango units */
  int letter_spacing;       /* letter-spacing attribute added after each cluster, Pango units */
} shaped;

/* What the boundary before a cluster allows (cluster.flags). */
enum {
  B_BREAK = 1,              /* a line may end here at the paragraph's level */
  B_MANDATORY = 2,          /* a line must end here (after a preserved line feed) */
  B_GAP = 4,                /* stretchable in justification */
  B_JL = 8,                 /* a Japanese–Latin space: stretches to half an em only */
  B_BLANK = 16,             /* the cluster itself is white space or ZWSP (not line content) */
  B_KINSOKU_OK = 32,        /* kinsoku allows a break here (for breaking an overlong word) */
};

/* One cluster of the shaped text, in logical order. */
typedef struct cluster {
  int byte0;                /* its first byte; it ends where the next cluster begins */
  int item;                 /* index in mn_para.items */
  int g0, g1;               /* its glyphs [g0, g1) in that item's glyph string */
  int width;                /* its advance, letter-spacing included */
  int space;                /* Japanese–Latin space before it (natural; 0 = none) */
  int shrink;               /* how much the boundary before it may give when shrinking */
  guint8 flags;             /* B_* for the boundary before it (B_BLANK: for itself) */
} cluster;

/* A line's clusters and how its adjustment is spread (the walk reads it). */
typedef struct span {
  int c0, c1;               /* clusters [c0, c1), trailing blanks included */
  int cend;                 /* end of the content: trailing blanks excluded */
  int shrink_cap;           /* total shrink of the boundaries inside the content */
  int jl_cap;               /* stretch mode: the share of a Japanese–Latin gap when capped, or
                             * 0 when every gap takes the even share */
  int others;               /* capped mode: number of the other gaps */
  int others_extra;         /* capped mode: what the other gaps share */
} span;

struct mn_para {
  int refs;                 /* reference count */
  const mn_fo_node *node;   /* the PARA node (borrowed) */
  char *text;               /* the paragraph text (owned) */
  int text_len;             /* its length in bytes */
  int width;                /* content width it was laid out at */
  GArray *lines;            /* mn_para_line */
  GArray *spans;            /* span, one a line */
  GArray *items;            /* shaped, in text order */
  GArray *clusters;         /* cluster, in text order */
  GArray *segs;             /* seg, in text order */
  GArray *ids;              /* inline_id, in text order */
  int has_links;            /* some segment is inside a basic-link */
  int dynamic;              /* shows a page number or citation (differs between passes) */
};

static int run_rise (PangoGlyphItem *run);

/* === character classes (JLREQ Appendix A) === */

/* Whether `c` is one of the n characters of `set`. */
static int
in_set (gunichar c, const gunichar *set, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (set[i] == c)
      return 1;
  return 0;
}

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
  return in_set (c, set, G_N_ELEMENTS (set));
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
  return in_set (c, set, G_N_ELEMENTS (set));
}

static int
opening_punct (gunichar c)
{
  static const gunichar set[] = { 0x300C, 0x300E, 0xFF08, 0x3010, 0x3014, 0x3008, 0x300A,
    0xFF3B, 0xFF5B, 0x3018, 0x3016, 0x301D };
  return in_set (c, set, G_N_ELEMENTS (set));
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

/* CSS Text 3 §5.2 "CJ": small kana and the prolonged sound marks (normal lets them start a
 * line). */
static int
conditional_starter (gunichar c)
{
  static const gunichar set[] = { 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083,
    0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
    0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FC, 0xFF67, 0xFF68, 0xFF69, 0xFF6A,
    0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70 };
  return (c >= 0x31F0 && c <= 0x31FF) || in_set (c, set, G_N_ELEMENTS (set));
}

/* JLREQ cl-03 and the wave dashes: normal lets them start a line (WPT line-break-ja-hyphens). */
static int
hyphen_like (gunichar c)
{
  return c == 0x2010 || c == 0x2013 || c == 0x301C || c == 0x30A0 || c == 0xFF5E;
}

/* What loose alone lets start a line: iteration marks, centred punctuation, the PO characters
 * of East Asian width A, F or W, and the inseparable characters (CSS Text 3 §5.2; the WPT
 * line-break-ja-{iteration,cpm,po,in} lists). */
static int
loose_starter (gunichar c)
{
  static const gunichar set[] = {
    0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE,                 /* iteration marks */
    0x30FB, 0xFF1A, 0xFF1B, 0xFF65, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF01, 0xFF1F, /* CPM */
    0x00B0, 0x2030, 0x2032, 0x2033, 0x2035, 0x2103, 0x2109, 0xFE6A, 0xFF05, 0xFFE0, /* PO */
    0x2024, 0x2025, 0x2026, 0x22EF, 0xFE19, 0x10AF6,                /* IN */
  };
  return in_set (c, set, G_N_ELEMENTS (set));
}

/* Whether `c` may not start a line at `level` (strict is mn_kinsoku_no_start). */
static int
no_start_at (int level, gunichar c)
{
  if (level == MN_LINE_BREAK_STRICT)
    return mn_kinsoku_no_start (c) || loose_starter (c);
  if (conditional_starter (c) || hyphen_like (c))
    return 0;
  if (level == MN_LINE_BREAK_LOOSE && loose_starter (c))
    return 0;
  return mn_kinsoku_no_start (c) || loose_starter (c);
}

/* Whether a break before `c` after `pc` is one `level` allows although UAX #14 (Pango) does
 * not: the CSS tailorings (CJ as ID at normal and loose; NS, IN and PO after an ideograph at
 * loose), only after an ideograph or kana. */
static int
level_adds_break (int level, gunichar pc, gunichar c)
{
  if (level == MN_LINE_BREAK_STRICT)
    return 0;
  int ideographic = (pc >= 0x3040 && pc <= 0x30FF && pc != 0x30FB && pc != 0x30A0)
                    || (pc >= 0x3400 && pc <= 0x9FFF) || (pc >= 0xF900 && pc <= 0xFAFF)
                    || (pc >= 0x20000 && pc <= 0x3FFFF) || pc == 0x3005 || pc == 0x3007;
  if (!ideographic)
    return 0;
  if (conditional_starter (c) || hyphen_like (c))
    return 1;
  return level == MN_LINE_BREAK_LOOSE && loose_starter (c);
}

/* Japanese for the Japanese–Latin space (JLREQ §3.2.5): kanji, kana, 々〆〇, ー and the
 * small kana; not punctuation (its blank is its own), not the middle dot. */
static int
japanese_letter (gunichar c)
{
  return (c >= 0x3041 && c <= 0x309F && c != 0x309B && c != 0x309C)
         || (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB)
         || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF)
         || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
         || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3005 || c == 0x3006 || c == 0x3007;
}

/* Latin for the Japanese–Latin space: a letter or digit that is not wide (Latin, Greek,
 * Cyrillic, ASCII digits; not full-width forms, not half-width kana). */
static int
latin_letter (gunichar c)
{
  return c < 0x2E80 && g_unichar_isalnum (c) && !g_unichar_iswide (c);
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
  GArray *keeps;            /* keep_range: inlines kept on one line */
} builder;

/* The text of an inline with keep-together.within-line (a name, a date): no break inside. */
typedef struct keep_range {
  int start, end;           /* bytes of the paragraph text */
  const mn_fo_node *node;   /* the inline (for the warning's line) */
} keep_range;

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
      if (k->st.keep_within_line && (k->kind == MN_FO_INLINE || k->kind == MN_FO_LINK)
          && (int) b->text->len > start)
        {
          keep_range r = { start, (int) b->text->len, k };
          g_array_append_val (b->keeps, r);
        }
    }
}

/* Compress adjacent punctuation with 'halt' (JLREQ §3.1.4): the first of a closing+closing or
 * closing+opening pair, the second of an opening+opening pair. */
static void
halt_attrs (builder *b)
{
  const char *t = b->text->str;
  int len = (int) b->text->len;
  const char *prev = NULL;
  gunichar pc = 0;
  for (const char *p = t; p < t + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (prev && closing_punct (pc) && (closing_punct (c) || opening_punct (c)))
        add_attr (b, pango_attr_font_features_new ("halt"), (int) (prev - t), (int) (p - t));
      if (prev && opening_punct (c) && opening_punct (pc))
        add_attr (b, pango_attr_font_features_new ("halt"), (int) (p - t),
                  (int) (g_utf8_next_char (p) - t));
      pc = c;
      prev = p;
    }
}

/* === shaping, once per paragraph === */

/* The font size of `font`, cached in `ems` (pango_font_describe allocates). */
static int
font_em (GHashTable *ems, PangoFont *font, int fallback)
{
  if (!font)
    return fallback;
  gpointer v = g_hash_table_lookup (ems, font);
  if (v)
    return GPOINTER_TO_INT (v);
  PangoFontDescription *d = pango_font_describe (font);
  int em = pango_font_description_get_size (d);
  pango_font_description_free (d);
  if (em <= 0)
    em = fallback;
  g_hash_table_insert (ems, font, GINT_TO_POINTER (em));
  return em;
}

/* Scripts Japanese text turns between every few characters. */
static int
japanese_script (PangoScript s)
{
  return s == PANGO_SCRIPT_HAN || s == PANGO_SCRIPT_HIRAGANA || s == PANGO_SCRIPT_KATAKANA;
}

/* Whether two items' extra attributes are the same, and ask for no font feature (the 'halt'
 * of punctuation: its lookups are not the same for every script). */
static int
same_attrs (GSList *a, GSList *b)
{
  for (; a && b; a = a->next, b = b->next)
    if (!pango_attribute_equal (a->data, b->data)
        || ((PangoAttribute *) a->data)->klass->type == PANGO_ATTR_FONT_FEATURES)
      return 0;
  return !a && !b;
}

/* Join adjacent items that differ only in a Japanese script (Han, Hiragana, Katakana, and the
 * punctuation between them), shaped then as Han.  Pango itemizes by script, and Japanese text
 * changes script every three or four characters: the 20× session had 91,000 items, and each
 * shaping call has a fixed cost of several thousand instructions (bench/README.md F3, F17).
 * Shaping such a run in one call gives the same glyphs: the pinned fonts' default features for
 * horizontal Japanese (ccmp, locl, and the halt we ask for) are the same for these scripts,
 * which build-output-sums checks on every PDF the suite makes.  Items of any other script
 * (Latin, Greek, Hangul), font, size, language or attributes stay apart. */
static GList *
join_japanese_items (GList *items)
{
  for (GList *l = items; l && l->next;)
    {
      PangoItem *a = l->data, *b = l->next->data;
      if (a->analysis.font == b->analysis.font && a->analysis.level == b->analysis.level
          && a->analysis.gravity == b->analysis.gravity && a->analysis.flags == b->analysis.flags
          && a->analysis.language == b->analysis.language
          && japanese_script (a->analysis.script) && japanese_script (b->analysis.script)
          && a->offset + a->length == b->offset
          && same_attrs (a->analysis.extra_attrs, b->analysis.extra_attrs))
        {
          a->length += b->length;
          a->num_chars += b->num_chars;
          a->analysis.script = PANGO_SCRIPT_HAN;
          pango_item_free (b);
          items = g_list_delete_link (items, l->next);
        }
      else
        l = l->next;
    }
  return items;
}

/* Itemize the whole text with every attribute (each item gets its extra attributes from the
 * itemizer's one pass over the list) and shape each item once. */
static void
shape_text (mn_para *p, PangoContext *pctx, PangoAttrList *attrs, int font_size)
{
  GList *items = join_japanese_items (pango_itemize (pctx, p->text, 0, p->text_len, attrs, NULL));
  GHashTable *ems = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (GList *l = items; l; l = l->next)
    {
      shaped sh;
      memset (&sh, 0, sizeof sh);
      sh.gi.item = l->data;
      sh.gi.glyphs = pango_glyph_string_new ();
      pango_shape_with_flags (p->text + sh.gi.item->offset, sh.gi.item->length, p->text,
                              p->text_len, &sh.gi.item->analysis, sh.gi.glyphs, PANGO_SHAPE_NONE);
      sh.em = font_em (ems, sh.gi.item->analysis.font, font_size);
      for (GSList *a = sh.gi.item->analysis.extra_attrs; a; a = a->next)
        if (((PangoAttribute *) a->data)->klass->type == PANGO_ATTR_LETTER_SPACING)
          sh.letter_spacing = ((PangoAttrInt *) a->data)->value;
      g_array_append_val (p->items, sh);
    }
  g_list_free (items);
  g_hash_table_destroy (ems);
}

/* Cut the shaped items into clusters, in logical order (a right-to-left item's glyphs run
 * backwards). */
static void
make_clusters (mn_para *p)
{
  for (guint i = 0; i < p->items->len; i++)
    {
      const shaped *sh = &g_array_index (p->items, shaped, i);
      const PangoGlyphString *gs = sh->gi.glyphs;
      int n = gs->num_glyphs, rtl = sh->gi.item->analysis.level & 1;
      for (int g = rtl ? n - 1 : 0; rtl ? g >= 0 : g < n;)
        {
          int lc = gs->log_clusters[g], e = g, w = 0;
          while ((rtl ? e >= 0 : e < n) && gs->log_clusters[e] == lc)
            {
              w += gs->glyphs[e].geometry.width;
              e += rtl ? -1 : 1;
            }
          cluster c;
          memset (&c, 0, sizeof c);
          c.byte0 = sh->gi.item->offset + lc;
          c.item = (int) i;
          c.g0 = rtl ? e + 1 : g;
          c.g1 = rtl ? g + 1 : e;
          c.width = w + sh->letter_spacing;
          g_array_append_val (p->clusters, c);
          g = e;
        }
    }
}

static int
cluster_end (const mn_para *p, int k)
{
  return k + 1 < (int) p->clusters->len ? g_array_index (p->clusters, cluster, k + 1).byte0
                                        : p->text_len;
}

/* The last character of bytes [from, to) that is not zero-width (a variation selector or a
 * combining mark belongs to its base), or 0. */
static gunichar
last_base_char (const char *from, const char *to)
{
  for (const char *q = to; q > from;)
    {
      q = g_utf8_prev_char (q);
      gunichar c = g_utf8_get_char (q);
      if (!zero_width (c) || c == ZWSP)
        return c;
    }
  return 0;
}

/* Classify the boundary before every cluster (cluster.flags, space, shrink): JLREQ §3.1.7
 * kinsoku at `level` over Pango's opportunities `la` (one per character), the gaps of
 * justification, the Japanese–Latin space (§3.2.5) and what may shrink (§3.8.3). */
static void
classify (mn_para *p, const PangoLogAttr *la, int level, int nowrap)
{
  cluster *cl = (cluster *) (void *) p->clusters->data;
  const shaped *items = (const shaped *) (void *) p->items->data;
  int n = (int) p->clusters->len;
  const char *t = p->text;
  const char *q = t;
  int ci = 0;               /* the character index of q */
  for (int k = 0; k < n; k++)
    {
      const char *here = t + cl[k].byte0;
      while (q < here)
        q = g_utf8_next_char (q), ci++;
      gunichar c = g_utf8_get_char (here);
      if (c == ' ' || c == '\n' || c == '\t' || c == ZWSP)
        cl[k].flags |= B_BLANK;
      if (k == 0)
        continue;
      const cluster *pv = &cl[k - 1];
      const char *pstart = t + pv->byte0;
      gunichar pc = last_base_char (pstart, here);

      /* break opportunities: Pango's, the level's additions, kinsoku's prohibitions */
      int brk = la[ci].is_line_break || level_adds_break (level, pc, c);
      int forbid = (no_start_at (level, c) && pc != ' ' && pc != '\n')
                   || (mn_kinsoku_no_end (pc) && c != '\n')
                   || (inseparable (pc, c) && level != MN_LINE_BREAK_LOOSE);
      if (!forbid)
        cl[k].flags |= B_KINSOKU_OK;
      if (brk && !forbid && !nowrap)
        cl[k].flags |= B_BREAK;
      if (la[ci].is_mandatory_break)
        cl[k].flags |= B_BREAK | B_MANDATORY;

      /* a stretchable gap: one side Japanese, or after a space (a ZWSP is looked through:
       * a URL's opportunities are not gaps) */
      gunichar gp = pc;
      if (gp == ZWSP && k >= 2)
        gp = last_base_char (t + cl[k - 2].byte0, pstart);
      if (!(zero_width (c) || c == ' ' || c == '\n' || c == '\t')
          && (gp == ' ' || is_cjk (gp) || is_cjk (c)))
        cl[k].flags |= B_GAP;

      /* the Japanese–Latin space; half-width brackets around Latin count as Latin */
      const char *after = g_utf8_next_char (here);
      int c_latin = latin_letter (c)
                    || ((c == '(' || c == '[') && after < t + p->text_len
                        && latin_letter (g_utf8_get_char (after)));
      const char *pq = g_utf8_find_prev_char (t, here);
      const char *before = pq ? g_utf8_find_prev_char (t, pq) : NULL;
      int pc_latin = latin_letter (pc)
                     || ((pc == ')' || pc == ']') && before && latin_letter (g_utf8_get_char (before)));
      int em = 0;
      if (japanese_letter (pc) && c_latin)
        em = items[pv->item].em;
      else if (pc_latin && japanese_letter (c))
        em = items[cl[k].item].em;
      if (em > 0)
        {
          cl[k].space = em / 4;
          cl[k].shrink += em / 8;
          cl[k].flags |= B_JL | B_GAP;
        }

      /* the blank halves of punctuation that still have them ('halt' took the others') */
      int pem = items[pv->item].em, cem = items[cl[k].item].em;
      if (closing_punct (pc) && (long long) pv->width * 10 >= (long long) pem * 9)
        cl[k].shrink += pem / 8;
      if (opening_punct (c) && (long long) cl[k].width * 10 >= (long long) cem * 9)
        cl[k].shrink += cem / 8;
    }
}

/* Line breaking rule 5: no break opportunity at a boundary strictly inside an inline with
 * keep-together.within-line (XSL-FO 1.1 §7.20.3): its edges stay breakable, so the line ends
 * before it.  A forced line feed inside still breaks.  One wider than the measure `width`
 * keeps its opportunities (it would overflow the line: an odd break is better), with a
 * warning naming its line. */
static void
keep_within_lines (mn_para *p, const GArray *keeps, int width, const mn_para_env *env)
{
  cluster *cl = (cluster *) (void *) p->clusters->data;
  int n = (int) p->clusters->len;
  for (guint r = 0; r < keeps->len; r++)
    {
      /* (an inner inline's range comes before its outer one's: they are not in text order) */
      const keep_range *kr = &g_array_index (keeps, keep_range, r);
      int lo = 0, hi = n;   /* the first cluster that ends after the range's start */
      while (lo < hi)
        {
          int mid = (lo + hi) / 2;
          if (cluster_end (p, mid) <= kr->start)
            lo = mid + 1;
          else
            hi = mid;
        }
      int k = lo;
      long long w = 0;
      int k1 = k;
      for (; k1 < n && cl[k1].byte0 < kr->end; k1++)
        w += cl[k1].width + (cl[k1].byte0 > kr->start ? cl[k1].space : 0);
      if (w > width)
        {
          mn_warning (env->d, env->file, kr->node->line,
                      _("text kept on one line (keep-together.within-line) is wider than the line; it is broken (make it shorter, or the column wider)"));
          continue;
        }
      for (int j = k; j < k1; j++)
        if (cl[j].byte0 > kr->start && !(cl[j].flags & B_MANDATORY))
          cl[j].flags &= (guint8) ~B_BREAK;
    }
}

/* === choosing line ends (JLREQ §3.8) === */

/* A possible end of the line being set: before cluster e, content up to cend. */
typedef struct cand {
  int e, cend;              /* the line is clusters [s, e); its content ends at cend; -1: none */
  long long nat;            /* natural width of the content */
  long long shr;            /* what its inner boundaries may give */
} cand;

/* Where the line from cluster s ends, for a measure `avail`, `lead` trimmed at its start.
 * *out is the chosen end; returns how much the line must shrink (0: none). */
static int
choose_end (const mn_para *p, int s, int avail, int lead, int may_shrink, int nowrap, cand *out)
{
  const cluster *cl = (const cluster *) (void *) p->clusters->data;
  int n = (int) p->clusters->len;
  long long nat = -lead, shr = 0;
  cand cur = { s, s, -lead, 0 };       /* the content so far */
  cand fit = { -1, 0, 0, 0 }, squeeze = { -1, 0, 0, 0 };
  cand any = { -1, 0, 0, 0 }, kinsoku_ok = { -1, 0, 0, 0 };
  for (int k = s;; k++)
    {
      if (k > s)
        {
          int f = k < n ? cl[k].flags : B_BREAK | B_MANDATORY;   /* the end of the text */
          cur.e = k;
          if (cur.nat <= avail)
            {
              any = cur;
              if (f & (B_KINSOKU_OK | B_MANDATORY))
                kinsoku_ok = cur;
            }
          if (f & B_BREAK)
            {
              if (nowrap || cur.nat <= avail)
                fit = cur;
              else if (may_shrink && cur.nat - cur.shr <= avail)
                squeeze = cur;
              else
                break;        /* wider than any shrink allows: so is every later end */
              if (f & B_MANDATORY)
                break;
            }
          else if (!nowrap && cur.nat - cur.shr > avail)
            break;
          nat += cl[k].space;
          shr += cl[k].shrink;
        }
      nat += cl[k].width;
      if (!(cl[k].flags & B_BLANK))
        {
          cur.cend = k + 1;
          cur.nat = nat;
          cur.shr = shr;
        }
    }
  /* 追い込み before 追い出し: the further end that fits when shrunk wins over one that must
   * stretch (not over one that fits exactly) */
  if (squeeze.e > fit.e && (fit.e < 0 || fit.nat < avail))
    {
      *out = squeeze;
      return (int) (squeeze.nat - avail);
    }
  if (fit.e >= 0)
    *out = fit;
  else if (kinsoku_ok.e > s)
    *out = kinsoku_ok;   /* a word longer than the line: break inside it where kinsoku allows */
  else if (any.e > s)
    *out = any;
  else
    {
      /* not even one cluster fits: it goes alone (with what follows it up to content) */
      out->e = s + 1;
      out->cend = cl[s].flags & B_BLANK ? s : s + 1;
      out->nat = cl[s].width - lead;
      out->shr = 0;
    }
  return 0;
}

/* The extra of gap k of G sharing E. */
static int
share (long long e, int g, int k)
{
  return g <= 0 ? 0 : (int) (e * (k + 1) / g - e * k / g);
}

/* How a justified line's room is spread: counts the gaps (ln->gaps), fills ln->extra with
 * what is actually given and sp's capped mode when Japanese–Latin spaces reach their limit. */
static void
plan_stretch (const mn_para *p, mn_para_line *ln, span *sp, int room)
{
  const cluster *cl = (const cluster *) (void *) p->clusters->data;
  int gaps = 0, jl = 0;
  for (int k = sp->c0 + 1; k < sp->cend; k++)
    if (cl[k].flags & B_GAP)
      {
        gaps++;
        jl += (cl[k].flags & B_JL) != 0;
      }
  if (gaps == 0)
    return;
  ln->gaps = gaps;
  ln->extra = room;
  int x = room / gaps;
  int capped = 0;
  long long given = 0;
  for (int k = sp->c0 + 1; k < sp->cend && jl; k++)
    if (cl[k].flags & B_JL)
      {
        capped |= cl[k].space < x;
        given += MIN (x, cl[k].space);
      }
  if (!capped)
    return;
  sp->jl_cap = x;
  sp->others = gaps - jl;
  sp->others_extra = sp->others > 0 ? (int) (room - given) : 0;
  ln->extra = sp->others > 0 ? room : (int) given;
}

/* One cluster of a line: glyphs [g0, g1) of `run` for bytes [byte0, byte1) at x; `jl`: a
 * Japanese–Latin space lies before it. */
typedef void (*cluster_cb) (void *data, PangoGlyphItem *run, int g0, int g1, int byte0,
                            int byte1, int x, int jl);

/* Walk the clusters of line i in logical order; x (from the line's text start) includes the
 * Japanese–Latin spaces and the adjustment of the boundaries passed. */
static void
walk_line (const mn_para *p, int i, cluster_cb cb, void *data)
{
  const mn_para_line *ln = &g_array_index (p->lines, mn_para_line, i);
  const span *sp = &g_array_index (p->spans, span, i);
  const cluster *cl = (const cluster *) (void *) p->clusters->data;
  shaped *items = (shaped *) (void *) p->items->data;
  /* long long: a no-wrap line may be millions of points long (its end is off the page; the
   * positions handed on are clamped, never overflowed) */
  long long x = -ln->lead;
  int gap = 0, other = 0;
  long long cum = 0;        /* shrink capacity passed */
  for (int k = sp->c0; k < sp->c1; k++)
    {
      if (k > sp->c0 && k < sp->cend)
        {
          x += cl[k].space;
          if (ln->shrink > 0 && cl[k].shrink > 0 && sp->shrink_cap > 0)
            {
              long long before = (long long) ln->shrink * cum / sp->shrink_cap;
              cum += cl[k].shrink;
              x -= (int) ((long long) ln->shrink * cum / sp->shrink_cap - before);
            }
          if (ln->extra > 0 && (cl[k].flags & B_GAP))
            {
              if (!sp->jl_cap)
                x += share (ln->extra, ln->gaps, gap);
              else if (cl[k].flags & B_JL)
                x += MIN (sp->jl_cap, cl[k].space);
              else
                x += share (sp->others_extra, sp->others, other++);
              gap++;
            }
        }
      if (cb)
        cb (data, &items[cl[k].item].gi, cl[k].g0, cl[k].g1, cl[k].byte0, cluster_end (p, k),
            (int) CLAMP (x, G_MININT / 2, G_MAXINT / 2),
            k > sp->c0 && k < sp->cend && (cl[k].flags & B_JL));
      x += cl[k].width;
    }
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

/* The shaped item holding `byte`, or NULL. */
static const shaped *
item_at (const mn_para *p, int byte)
{
  guint lo = 0, hi = p->items->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const shaped *sh = &g_array_index (p->items, shaped, mid);
      if (byte < sh->gi.item->offset)
        hi = mid;
      else if (byte >= sh->gi.item->offset + sh->gi.item->length)
        lo = mid + 1;
      else
        return sh;
    }
  return NULL;
}

/* Unknown glyphs are errors; unsupported variation sequences warnings. */
static int
check_glyphs (mn_para *p, const mn_para_env *env)
{
  int rc = 0;
  for (guint i = 0; i < p->items->len; i++)
    {
      const shaped *sh = &g_array_index (p->items, shaped, i);
      for (int g = 0; g < sh->gi.glyphs->num_glyphs; g++)
        {
          PangoGlyph gl = sh->gi.glyphs->glyphs[g].glyph;
          if (!(gl & PANGO_GLYPH_UNKNOWN_FLAG) || gl == PANGO_GLYPH_EMPTY)
            continue;
          gunichar c = gl & ~PANGO_GLYPH_UNKNOWN_FLAG;
          int byte = sh->gi.item->offset + sh->gi.glyphs->log_clusters[g];
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
      int byte = (int) (bq - p->text);
      const shaped *sh = item_at (p, byte);
      hb_font_t *hb = sh && sh->gi.item->analysis.font ? pango_font_get_hb_font (sh->gi.item->analysis.font) : NULL;
      hb_codepoint_t glyph;
      if (hb && !hb_font_get_variation_glyph (hb, base, vs, &glyph))
        mn_warning (env->d, env->file, line_of_byte (p, byte),
                    _("the font has no variant U+%04X U+%04X of U+%04X; the standard form is shown (check the character)"),
                    (unsigned) base, (unsigned) vs, (unsigned) base);
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

/* What every line of a paragraph shares. */
typedef struct line_env {
  const mn_style *st;       /* the paragraph's style */
  PangoContext *pctx;
  int width;                /* the content width */
  int lh;                   /* the line height */
  int asc, desc;            /* the strut */
  int tall;                 /* some inline is larger or raised: lines measure their runs */
} line_env;

/* XSL-FO §4.5 line-stacking-strategy max-height: each item's font, with its own
 * half-leading, may push the line's top up or its bottom down; the strut stays. */
static void
line_height (const mn_para *p, const line_env *le, const span *sp, mn_para_line *ln)
{
  int above = ln->baseline, below = le->lh - ln->baseline, last = -1;
  const cluster *cl = (const cluster *) (void *) p->clusters->data;
  for (int k = sp->c0; k < sp->c1; k++)
    {
      if (cl[k].item == last)
        continue;
      last = cl[k].item;
      PangoGlyphItem *run = &g_array_index (p->items, shaped, last).gi;
      if (!run->item->analysis.font)
        continue;
      PangoFontDescription *rd = pango_font_describe (run->item->analysis.font);
      int ra, rdsc;
      strut (le->pctx, rd, &ra, &rdsc);
      int size = pango_font_description_get_size (rd);
      pango_font_description_free (rd);
      int rlh = le->st->line_height_permille
                ? (int) ((long long) size * le->st->line_height_permille / 1000) : le->lh;
      int half = (rlh - (ra + rdsc)) / 2;
      int rise = run_rise (run);
      above = MAX (above, ra + half + rise);
      below = MAX (below, rdsc + half - rise);
    }
  ln->height = above + below;
  ln->baseline = above;
}

/* Append the line of clusters [s, c->e) with its geometry and adjustment. */
static void
add_line (mn_para *p, const line_env *le, int s, const cand *c, int lead, int first, int last,
          int shrink)
{
  const mn_style *st = le->st;
  mn_para_line ln;
  span sp;
  memset (&ln, 0, sizeof ln);
  memset (&sp, 0, sizeof sp);
  int n = (int) p->clusters->len;
  sp.c0 = s;
  sp.c1 = c->e;
  sp.cend = c->cend;
  sp.shrink_cap = (int) MIN (c->shr, G_MAXINT);
  ln.start = s < n ? g_array_index (p->clusters, cluster, s).byte0 : p->text_len;
  ln.length = (c->e < n ? g_array_index (p->clusters, cluster, c->e).byte0 : p->text_len) - ln.start;
  ln.height = le->lh;
  ln.baseline = (le->lh - (le->asc + le->desc)) / 2 + le->asc;
  if (le->tall)
    line_height (p, le, &sp, &ln);
  ln.box_x = first ? st->text_indent : 0;
  ln.box_w = le->width - (first ? st->text_indent : 0);
  ln.lead = lead;
  ln.natural = (int) CLAMP (c->nat, G_MININT / 2, G_MAXINT / 2);
  ln.shrink = shrink;
  int room = ln.box_w - ln.natural + shrink;
  int align = last ? (st->text_align_last >= 0 ? st->text_align_last
                      : st->text_align == MN_ALIGN_JUSTIFY ? MN_ALIGN_START : st->text_align)
                   : st->text_align;
  ln.x = ln.box_x;
  if (room > 0 && align == MN_ALIGN_CENTER)
    ln.x += room / 2;
  else if (room > 0 && align == MN_ALIGN_END)
    ln.x += room;
  else if (room > 0 && align == MN_ALIGN_JUSTIFY && shrink == 0)
    plan_stretch (p, &ln, &sp, room);
  const cluster *cl = (const cluster *) (void *) p->clusters->data;
  for (int k = sp.c0 + 1; k < sp.cend; k++)
    ln.jl_spaces += (cl[k].flags & B_JL) != 0;
  g_array_append_val (p->lines, ln);
  g_array_append_val (p->spans, sp);
}

/* Break the shaped paragraph into lines. */
static void
break_lines (mn_para *p, const line_env *le)
{
  const mn_style *st = le->st;
  const cluster *cl = (const cluster *) (void *) p->clusters->data;
  shaped *items = (shaped *) (void *) p->items->data;
  int n = (int) p->clusters->len;
  int may_shrink = st->text_align == MN_ALIGN_JUSTIFY;
  for (int s = 0; s < n;)
    {
      int first = s == 0 || (cl[s].flags & B_MANDATORY);
      int avail = le->width - (first ? st->text_indent : 0);
      /* JLREQ §3.1.5: an opening bracket starting a line (not a paragraph) is set half-width:
       * the blank half before its ink is dropped. */
      int lead = 0;
      if (!first && opening_punct (g_utf8_get_char (p->text + cl[s].byte0))
          && (long long) cl[s].width * 10 >= (long long) items[cl[s].item].em * 9)
        lead = cl[s].width / 2;
      cand c;
      int shrink = choose_end (p, s, avail, lead, may_shrink, st->nowrap, &c);
      int last = c.e >= n || (cl[c.e].flags & B_MANDATORY);
      add_line (p, le, s, &c, lead, first, last, shrink);
      s = c.e;
    }
  /* an empty paragraph, or a forced line feed at the end, still makes a line (as Pango) */
  if (n == 0 || g_utf8_get_char (p->text + cl[n - 1].byte0) == '\n')
    {
      cand c = { n, n, 0, 0 };
      add_line (p, le, n, &c, 0, 1, 1, 0);
    }
}

int
mn_para_new (mn_para **out, const mn_fo_node *node, int width, const mn_para_env *env)
{
  int rc = 0;
  const mn_style *st = &node->st;
  mn_para *p = g_new0 (mn_para, 1);
  builder b = { g_string_new (NULL), pango_attr_list_new (), g_array_new (FALSE, FALSE, sizeof (seg)),
                g_array_new (FALSE, FALSE, sizeof (inline_id)), st, env, st->font_size, 0, 0,
                g_array_new (FALSE, FALSE, sizeof (keep_range)) };
  PangoFontDescription *fd = NULL;
  PangoLogAttr *la = NULL;
  *out = NULL;
  p->refs = 1;
  p->node = node;
  p->width = width;
  p->lines = g_array_new (FALSE, TRUE, sizeof (mn_para_line));
  p->spans = g_array_new (FALSE, TRUE, sizeof (span));
  p->items = g_array_new (FALSE, TRUE, sizeof (shaped));
  p->clusters = g_array_new (FALSE, TRUE, sizeof (cluster));

  build_inline (&b, node, NULL);
  /* trailing collapsible space */
  while (b.text->len && b.text->str[b.text->len - 1] == ' ' && st->collapse_spaces)
    g_string_truncate (b.text, b.text->len - 1);
  halt_attrs (&b);

  fd = pango_font_description_new ();
  /* "serif" last: a family the pinned fonts lack falls back to Mincho, not to whatever
   * fontconfig would pick (render.c warns about such families). */
  char *families = g_strconcat (st->font_family, ",serif", NULL);
  pango_font_description_set_family (fd, families);
  g_free (families);
  pango_font_description_set_absolute_size (fd, st->font_size);
  pango_font_description_set_weight (fd, st->font_weight);
  pango_font_description_set_style (fd, st->font_italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  /* the paragraph's font under every other attribute (inserted first, so they win) */
  PangoAttribute *fa = pango_attr_font_desc_new (fd);
  fa->start_index = 0;
  fa->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
  pango_attr_list_insert_before (b.attrs, fa);

  p->text_len = (int) b.text->len;
  p->text = g_string_free (b.text, FALSE);
  b.text = NULL;
  p->segs = b.segs;
  p->ids = b.ids;
  p->dynamic = b.dynamic;
  b.segs = NULL;
  b.ids = NULL;
  for (guint k = 0; k < p->segs->len && !p->has_links; k++)
    p->has_links = g_array_index (p->segs, seg, k).link != NULL;

  shape_text (p, env->pctx, b.attrs, st->font_size);
  make_clusters (p);
  int nchars = (int) g_utf8_strlen (p->text, p->text_len);
  la = g_new0 (PangoLogAttr, nchars + 1);
  pango_get_log_attrs (p->text, p->text_len, -1, pango_context_get_language (env->pctx), la, nchars + 1);
  classify (p, la, st->line_break, st->nowrap);
  if (!st->nowrap)
    keep_within_lines (p, b.keeps, width, env);

  if ((rc = check_glyphs (p, env)) != 0)
    goto out;

  /* The strut: the paragraph font's ascent and descent, centred in the line-height
   * (half-leading, XSL-FO 1.1 §4.5); a line with a larger inline font or raised text grows. */
  line_env le = { st, env->pctx, width, st->line_height > 0 ? st->line_height : st->font_size * 6 / 5,
                  0, 0, b.max_font > st->font_size || b.has_rise };
  strut (env->pctx, fd, &le.asc, &le.desc);
  break_lines (p, &le);

out:
  g_free (la);
  pango_font_description_free (fd);
  pango_attr_list_unref (b.attrs);
  if (b.text)
    g_string_free (b.text, TRUE);
  if (b.segs)
    g_array_free (b.segs, TRUE);
  if (b.ids)
    g_array_free (b.ids, TRUE);
  g_array_free (b.keeps, TRUE);
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
  for (guint i = 0; p->items && i < p->items->len; i++)
    {
      shaped *sh = &g_array_index (p->items, shaped, i);
      pango_item_free (sh->gi.item);
      pango_glyph_string_free (sh->gi.glyphs);
    }
  if (p->items)
    g_array_free (p->items, TRUE);
  if (p->clusters)
    g_array_free (p->clusters, TRUE);
  g_array_free (p->lines, TRUE);
  g_array_free (p->spans, TRUE);
  if (p->segs)
    g_array_free (p->segs, TRUE);
  if (p->ids)
    g_array_free (p->ids, TRUE);
  g_free (p->text);
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
  const span *sp = &g_array_index (p->spans, span, i);
  const mn_para_line *ln = mn_para_line_at (p, i);
  int end = sp->cend < (int) p->clusters->len ? g_array_index (p->clusters, cluster, sp->cend).byte0 : p->text_len;
  if (sp->cend <= sp->c0)
    end = ln->start;
  GString *s = g_string_new (NULL);
  for (const char *q = p->text + ln->start; q < p->text + end; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);
      if (c != ZWSP)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* The first id whose offset is `byte` or more (ids are in text order). */
static guint
first_id_from (const mn_para *p, int byte)
{
  guint lo = 0, hi = p->ids->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (p->ids, inline_id, mid).offset < byte)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
mn_para_line_ids (const mn_para *p, int i, void (*cb) (void *data, const char *id), void *data)
{
  const mn_para_line *ln = mn_para_line_at (p, i);
  int n = mn_para_nlines (p);
  guint from = i == 0 ? 0 : first_id_from (p, ln->start);
  guint to = i == n - 1 ? p->ids->len : first_id_from (p, ln->start + ln->length);
  for (guint k = from; k < to; k++)
    cb (data, g_array_index (p->ids, inline_id, k).id);
}

/* --- links --- */

typedef struct link_walk {
  const mn_para *p;
  GArray *out;              /* mn_para_link */
  const mn_para_line *ln;
} link_walk;

static void
link_cb (void *data, PangoGlyphItem *run, int g0, int g1, int byte0, int byte1, int x, int jl)
{
  (void) jl;
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
  if (p->has_links)
    walk_line (p, i, link_cb, &lw);
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

/* The blank space glyph of `font` and its advance in points, or 0 when it has none. */
static int
blank_glyph (PangoFont *font, unsigned long *glyph, double *advance)
{
  hb_font_t *hb = font ? pango_font_get_hb_font (font) : NULL;
  hb_codepoint_t g;
  if (!hb || !hb_font_get_nominal_glyph (hb, ' ', &g) || g == 0)
    return 0;
  cairo_glyph_t cg = { g, 0, 0 };
  cairo_text_extents_t ext;
  cairo_scaled_font_glyph_extents (pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)), &cg, 1, &ext);
  *glyph = g;
  *advance = ext.x_advance;
  return 1;
}

static void
glyph_cb (void *data, PangoGlyphItem *run, int g0, int g1, int byte0, int byte1, int x, int jl)
{
  run_walk *rw = data;
  const seg *s = seg_at (rw->p, byte0);
  const mn_fo_node *link = s ? s->link : NULL;
  /* A Japanese–Latin space is a gap in the positions, and text extraction reads a gap of more
   * than 0.15 em as a word space (pdftotext printed "HER-SYS は").  So the Latin side's text
   * cluster also holds its font's blank space glyph, filling the gap: cairo writes a cluster of
   * several glyphs as a marked span with /ActualText (PDF 1.7 §14.9.4), whose extent then
   * reaches the Japanese glyph and whose text is the Latin side's own ("HER-SYSは").  The blank
   * glyph draws nothing; the Japanese glyph keeps its one-to-one ToUnicode mapping. */
  int filler_first = 0;
  cairo_glyph_t fg;
  double adv;
  if (jl)
    {
      gunichar c = g_utf8_get_char (rw->p->text + byte0);
      if (latin_letter (c) || c == '(' || c == '[')
        filler_first = 1;   /* Japanese | Latin: the filler opens this cluster (below) */
      else if (rw->cur_run && rw->clusters->len > 0
               && blank_glyph (rw->cur_run->item->analysis.font, &fg.index, &adv))
        {
          /* Latin | Japanese: the filler closes the Latin cluster, up to this glyph */
          fg.x = x / (double) PANGO_SCALE - adv;
          fg.y = -run_rise (rw->cur_run) / (double) PANGO_SCALE;
          g_array_append_val (rw->glyphs, fg);
          g_array_index (rw->clusters, cairo_text_cluster_t, rw->clusters->len - 1).num_glyphs++;
        }
    }
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
  if (filler_first && blank_glyph (run->item->analysis.font, &fg.index, &adv))
    {
      fg.x = rw->xend;   /* from the Japanese glyph's end */
      fg.y = -rise / (double) PANGO_SCALE;
      g_array_append_val (rw->glyphs, fg);
    }
  else
    filler_first = 0;
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
  if (filler_first || nglyphs || nbytes)
    {
      cairo_text_cluster_t cl = { nbytes, nglyphs + filler_first };
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
  walk_line (p, i, glyph_cb, &rw);
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
