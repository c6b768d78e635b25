/* test-fonts.h: what the font tests (paint-fonts.c, script-join.c) share: the pinned fonts
 * opened as the program opens them, and a font of each pinned family at 10.5 pt. */
#ifndef MN_TEST_FONTS_H
#define MN_TEST_FONTS_H

#include <pango/pangocairo.h>

#include "base/diag.h"
#include "base/paths.h"
#include "engine/fonts.h"

/* The families the private configuration maps to. */
static const char *const test_families[] = { "IPAexMincho", "IPAexGothic", "Noto Serif CJK JP",
                                             "Noto Sans CJK JP" };

/* The pinned fonts, or NULL (the diagnostic is printed). */
static inline mn_fonts *
test_fonts_open (void)
{
  mn_diag d = MN_DIAG_INIT;
  mn_fonts *fonts = NULL;
  if (mn_paths_init (NULL) != 0 || mn_fonts_new (&fonts, &d) != 0)
    return NULL;
  return fonts;
}

/* A font of `family` at 10.5 pt (a new reference), or NULL. */
static inline PangoFont *
test_font_load (mn_fonts *fonts, const char *family)
{
  PangoFontDescription *desc = pango_font_description_from_string (family);
  pango_font_description_set_absolute_size (desc, 10.5 * PANGO_SCALE);
  PangoFont *font = pango_context_load_font (mn_fonts_context (fonts), desc);
  pango_font_description_free (desc);
  return font;
}

#endif
