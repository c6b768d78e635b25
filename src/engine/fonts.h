/* fonts.h: the pinned fonts — fontconfig restricted to the data folder's fonts/, and the
 * one Pango context every paragraph is laid out with (72 dpi, unhinted metrics, ja-JP). */
#ifndef MN_FONTS_H
#define MN_FONTS_H

#include <cairo.h>
#include <pango/pango.h>

#include "base/diag.h"

typedef struct mn_fonts mn_fonts;

/* Check every file listed in fonts/MANIFEST against its sha256 (re-hashing only files whose
 * size or mtime changed since the last verified run; the verdicts are cached under
 * $XDG_CACHE_HOME/minutes), then build a private fontconfig configuration holding only those
 * files and a Pango context over it.  On success *out is owned by the caller (mn_fonts_free).
 * Returns 0, or MN_EFONT (a file is missing or differs: the diagnostic names it and says how
 * to re-pin), with *out set to NULL. */
int mn_fonts_new (mn_fonts **out, mn_diag *d);

/* The shared Pango context (borrowed; valid until mn_fonts_free). */
PangoContext *mn_fonts_context (mn_fonts *f);

/* The family fontconfig actually chooses for `family` (a family name or a generic name such as
 * "serif"), as a new string the caller frees with g_free(); NULL if nothing matches. */
char *mn_fonts_resolve_family (mn_fonts *f, const char *family);

/* Whether `family` is one we map on purpose (a generic name, one of our aliases, or a family
 * of a pinned file), i.e. whether asking for it gets that family rather than a substitute. */
int mn_fonts_family_known (mn_fonts *f, const char *family);

/* The scaled font to paint `font`'s glyphs with (borrowed; valid until mn_fonts_free): the
 * same file, size and options as Pango's, on a face whose cmap cairo cannot read, so that
 * cairo takes each glyph's Unicode value from the text it is shown with instead of searching
 * the cmap for it (fonts.c, "painting faces").  Pango's own scaled font where that face cannot
 * be made.  Draw with cairo_show_text_glyphs: glyphs shown without their text would get no
 * Unicode value in the PDF. */
cairo_scaled_font_t *mn_fonts_paint_font (mn_fonts *f, PangoFont *font);

/* Release everything; accepts NULL. */
void mn_fonts_free (mn_fonts *f);

#endif
