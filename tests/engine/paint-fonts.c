/* paint-fonts.c: the painting fonts of src/engine/fonts.c ("painting faces").  For each pinned
 * family, the font glyphs are painted with must be a face of its own (not Pango's: otherwise
 * cairo searches the whole cmap once a glyph again), whose current charmap is empty (cairo's
 * walk of it ends at once), whose (3,1) cmap maps every character below U+2E80 to the glyph
 * HarfBuzz finds in the file and nothing above, and whose glyphs measure as Pango's do.
 * Prints one line per failure; exit status 0 when all hold, 1 otherwise. */
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "test-fonts.h"

static int failures;

static void
fail (const char *family, const char *what, unsigned long c)
{
  printf ("FAIL: %s: %s (U+%04lX)\n", family, what, c);
  failures++;
}

static void
check_family (mn_fonts *fonts, const char *family)
{
  PangoFont *font = test_font_load (fonts, family);
  if (!font)
    {
      fail (family, "no font", 0);
      return;
    }
  cairo_scaled_font_t *pango = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
  cairo_scaled_font_t *paint = mn_fonts_paint_font (fonts, font);
  if (paint == pango)
    fail (family, "painted with Pango's own font", 0);
  if (mn_fonts_paint_font (fonts, font) != paint)
    fail (family, "a second painting font for the same font", 0);
  hb_font_t *hb = pango_font_get_hb_font (font);
  FT_Face face = cairo_ft_scaled_font_lock_face (paint);
  if (!face)
    {
      fail (family, "no FreeType face", 0);
      goto out;
    }
  FT_UInt g;
  if (FT_Get_First_Char (face, &g) != 0 || g != 0)
    fail (family, "the current charmap is not empty", 0);
  FT_CharMap current = face->charmap, unicode = NULL;
  for (int i = 0; i < face->num_charmaps; i++)
    if (face->charmaps[i]->platform_id == 3 && face->charmaps[i]->encoding_id == 1)
      unicode = face->charmaps[i];
  if (!unicode || FT_Set_Charmap (face, unicode) != 0)
    fail (family, "no (3,1) charmap", 0);
  else
    {
      int mapped = 0;
      for (unsigned long c = 0; c < 0x10000; c++)
        {
          hb_codepoint_t want = 0;
          if (c < 0x2E80 && !hb_font_get_nominal_glyph (hb, (hb_codepoint_t) c, &want))
            want = 0;
          FT_UInt got = FT_Get_Char_Index (face, c);
          if (got != want)
            fail (family, c < 0x2E80 ? "a character below U+2E80 maps to another glyph"
                                     : "a character from U+2E80 on is mapped", c);
          mapped += got != 0;
          if (failures > 20)
            break;
        }
      if (mapped < 95)
        fail (family, "fewer characters than ASCII mapped", (unsigned long) mapped);
      FT_Set_Charmap (face, current);
    }
  cairo_ft_scaled_font_unlock_face (paint);
  /* the same metrics as Pango's font, on a few glyphs */
  static const hb_codepoint_t sample[] = { 'A', 'g', '1', 0x3042, 0x4E00, 0x3001 };
  for (size_t i = 0; i < sizeof sample / sizeof *sample; i++)
    {
      hb_codepoint_t gid;
      if (!hb_font_get_nominal_glyph (hb, sample[i], &gid))
        continue;
      cairo_glyph_t cg = { gid, 0, 0 };
      cairo_text_extents_t a, b;
      cairo_scaled_font_glyph_extents (pango, &cg, 1, &a);
      cairo_scaled_font_glyph_extents (paint, &cg, 1, &b);
      if (a.x_advance != b.x_advance || a.width != b.width || a.height != b.height)
        fail (family, "a glyph measures otherwise than with Pango's font", sample[i]);
    }
out:
  g_object_unref (font);
}

int
main (void)
{
  mn_fonts *fonts = test_fonts_open ();
  if (!fonts)
    return 1;
  for (size_t i = 0; i < G_N_ELEMENTS (test_families); i++)
    check_family (fonts, test_families[i]);
  mn_fonts_free (fonts);
  if (!failures)
    printf ("ok: painting fonts of %zu families\n", G_N_ELEMENTS (test_families));
  return failures ? 1 : 0;
}
