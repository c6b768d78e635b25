/* para.h: one paragraph (an anonymous run of inline content) shaped once and set in lines —
 * Japanese line breaking at three levels, the Japanese–Latin space, shrink before stretch
 * (JLREQ §3.8), and the glyph runs the painter draws. */
#ifndef MN_PARA_H
#define MN_PARA_H

#include <cairo.h>
#include <pango/pango.h>

#include "base/diag.h"
#include "fotree.h"

/* What a paragraph needs from its surroundings. */
typedef struct mn_para_env {
  PangoContext *pctx;       /* the shared context (fonts.h) */
  mn_diag *d;               /* diagnostics */
  const char *file;         /* file name for diagnostics */
  int page_number;          /* what fo:page-number shows */
  /* Text for fo:page-number-citation(-last) of `id`: a new string (g_free). */
  char *(*cite) (void *data, const char *id, int last);
  void *cite_data;
} mn_para_env;

/* One laid-out line; lengths in Pango units, x relative to the paragraph's content-box left. */
typedef struct mn_para_line {
  int start, length;        /* bytes of the paragraph text */
  int height;               /* line box height (line-height, or more for a larger inline font) */
  int baseline;             /* baseline, from the top of the line box */
  int box_x, box_w;         /* the line box: left offset (text-indent on the first line), width */
  int x;                    /* where the text starts (box_x plus the alignment offset) */
  int natural;              /* the text's natural width */
  int lead;                 /* blank trimmed before a line-start opening bracket (JLREQ) */
  int gaps;                 /* justification: number of stretchable gaps (0: not justified) */
  int extra;                /* justification: width distributed over the gaps (stretched) */
  int shrink;               /* width taken out of the line's natural width (JLREQ §3.8 追い込み) */
  int jl_spaces;            /* Japanese–Latin spaces on the line (JLREQ §3.2.5; in positions) */
} mn_para_line;

/* A run of glyphs in one font, ready for cairo_show_text_glyphs; x, y in points relative to
 * the line's text start and baseline (the Japanese–Latin spaces and the line's adjustment are
 * in the positions, never in the text). */
typedef struct mn_glyph_run {
  PangoFont *font;          /* borrowed from the paragraph's shaped items (an owned line holds
                             * a reference) */
  cairo_glyph_t *glyphs;    /* owned */
  int nglyphs;
  cairo_text_cluster_t *clusters;  /* owned */
  int nclusters;
  char *utf8;               /* the text the clusters map (owned; no ZWSP) */
  int utf8_len;
  guint32 color;            /* 0xRRGGBB */
  int decoration;           /* MN_DECO_* */
  double x0, x1;            /* extent along the line, points */
  double size;              /* font size, points (for decorations) */
  const mn_fo_node *link;   /* the fo:basic-link the run is in, or NULL */
} mn_glyph_run;

/* A link's horizontal extent on one line. */
typedef struct mn_para_link {
  int x0, x1;               /* Pango units, relative to the content-box left */
  const mn_fo_node *link;   /* the fo:basic-link */
} mn_para_link;

typedef struct mn_para mn_para;

/* Lay out `node` (kind PARA, borrowed: must outlive the paragraph) at content width `width`.
 * Returns 0 with *out owned (mn_para_unref), or MN_EINVALID (a character no font can show:
 * reported with U+XXXX and its line) with *out NULL. */
int mn_para_new (mn_para **out, const mn_fo_node *node, int width, const mn_para_env *env);

/* Whether the text holds a page number or citation (its layout differs between passes). */
int mn_para_dynamic (const mn_para *p);

mn_para *mn_para_ref (mn_para *p);
void mn_para_unref (mn_para *p);

int mn_para_nlines (const mn_para *p);
const mn_para_line *mn_para_line_at (const mn_para *p, int i);
int mn_para_width (const mn_para *p);
const mn_fo_node *mn_para_node (const mn_para *p);

/* The text of line i as a reader sees it (no ZWSP, no trailing spaces or newline); g_free. */
char *mn_para_line_text (const mn_para *p, int i);

/* Call `cb` for each id of an inline element that starts on line i (the input tree's
 * strings: they live as long as the tree). */
void mn_para_line_ids (const mn_para *p, int i, void (*cb) (void *data, const char *id), void *data);

/* The links on line i (mn_para_link), as a new array (g_array_unref). */
GArray *mn_para_line_links (const mn_para *p, int i);

/* The glyph runs of line i (mn_glyph_run appended to `runs`); free with mn_glyph_runs_clear. */
void mn_para_line_runs (const mn_para *p, int i, GArray *runs);
void mn_glyph_runs_clear (GArray *runs);

/* Whether `c` may not start a line / end a line (JLREQ cl-02,03,04,05,06,07,11 / cl-01). */
int mn_kinsoku_no_start (gunichar c);
int mn_kinsoku_no_end (gunichar c);

#endif
