/* script-join.c: what join_japanese_items (src/engine/para.c) relies on.  Adjacent Han,
 * Hiragana and Katakana items are shaped as one run with the script Han; that gives the same
 * glyphs only while the pinned fonts shape kana and kanji alike under each of the three
 * scripts.  For each pinned family, this shapes every kana (Hiragana, Katakana, their
 * extensions and the half-width forms), 3,000 kanji and a few mixed words under each script
 * and compares glyphs, clusters and positions.  Re-pinning a font whose features differ by
 * script makes it fail: then the join must go, or learn the difference.  Prints one line per
 * difference; exit status 0 when there is none. */
#include <hb.h>
#include <stdio.h>
#include <string.h>

#include "test-fonts.h"

static int failures;

static hb_buffer_t *
shaped (hb_font_t *font, const char *text, hb_script_t script)
{
  hb_buffer_t *b = hb_buffer_create ();
  hb_buffer_add_utf8 (b, text, -1, 0, -1);
  hb_buffer_set_direction (b, HB_DIRECTION_LTR);
  hb_buffer_set_script (b, script);
  hb_buffer_set_language (b, hb_language_from_string ("ja", -1));
  hb_shape (font, b, NULL, 0);
  return b;
}

static int
same (hb_buffer_t *a, hb_buffer_t *b)
{
  unsigned na, nb;
  hb_glyph_info_t *ia = hb_buffer_get_glyph_infos (a, &na), *ib = hb_buffer_get_glyph_infos (b, &nb);
  hb_glyph_position_t *pa = hb_buffer_get_glyph_positions (a, NULL), *pb = hb_buffer_get_glyph_positions (b, NULL);
  if (na != nb)
    return 0;
  for (unsigned i = 0; i < na; i++)
    if (ia[i].codepoint != ib[i].codepoint || ia[i].cluster != ib[i].cluster
        || memcmp (&pa[i], &pb[i], sizeof pa[i]) != 0)
      return 0;
  return 1;
}

static void
append_range (GString *s, gunichar from, gunichar to)
{
  for (gunichar c = from; c <= to; c++)
    if (g_unichar_isdefined (c))
      g_string_append_unichar (s, c);
}

int
main (void)
{
  mn_fonts *fonts = test_fonts_open ();
  if (!fonts)
    return 1;
  GString *kana = g_string_new (NULL), *kanji = g_string_new (NULL);
  append_range (kana, 0x3041, 0x309F);   /* Hiragana */
  append_range (kana, 0x30A0, 0x30FF);   /* Katakana */
  append_range (kana, 0x31F0, 0x31FF);   /* Katakana phonetic extensions */
  append_range (kana, 0xFF66, 0xFF9F);   /* half-width Katakana */
  append_range (kanji, 0x4E00, 0x4E00 + 2999);
  const char *const texts[] = { kana->str, kanji->str, "個人情報の取扱いについて", "ペットのお散歩登録業務",
                                "令和三年度第一回審議会", "ヴァイオリンとゝゞヽヾ" };
  static const hb_script_t others[] = { HB_SCRIPT_HIRAGANA, HB_SCRIPT_KATAKANA };
  for (size_t f = 0; f < G_N_ELEMENTS (test_families); f++)
    {
      const char *family = test_families[f];
      PangoFont *font = test_font_load (fonts, family);
      hb_font_t *hb = font ? pango_font_get_hb_font (font) : NULL;
      if (!hb)
        {
          printf ("FAIL: %s: no font\n", family);
          failures++;
          continue;
        }
      for (size_t t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          hb_buffer_t *han = shaped (hb, texts[t], HB_SCRIPT_HAN);
          for (size_t o = 0; o < G_N_ELEMENTS (others); o++)
            {
              hb_buffer_t *b = shaped (hb, texts[t], others[o]);
              if (!same (han, b))
                {
                  printf ("FAIL: %s shapes text %zu otherwise as %s than as Han\n", family, t,
                          o ? "Katakana" : "Hiragana");
                  failures++;
                }
              hb_buffer_destroy (b);
            }
          hb_buffer_destroy (han);
        }
      g_object_unref (font);
    }
  g_string_free (kana, TRUE);
  g_string_free (kanji, TRUE);
  mn_fonts_free (fonts);
  if (!failures)
    printf ("ok: the pinned fonts shape kana and kanji alike as Han, Hiragana and Katakana\n");
  return failures ? 1 : 0;
}
