/* unhint.c: a TrueType font file without its hinting, made once by fonts/fetch (issue 16).
 *
 *   unhint IN.ttf OUT.ttf
 *
 * PDF viewers draw outlines unhinted, yet IPAexMincho's glyphs carry their TrueType
 * instructions (3 of its 7.3 MB of glyph data), and cairo embeds them with every glyph it
 * subsets.  The publishing stage used to take them out of each PDF again (inflate, hb-subset,
 * deflate: a tenth of a build's instructions).  Instead the pinned fonts are written once,
 * at set-up, with HarfBuzz's subsetter, and pinned by sha256 in fonts/MANIFEST like the
 * Debian originals they come from:
 *
 * - every glyph keeps its id (HB_SUBSET_FLAGS_RETAIN_GIDS) and its outline and metrics;
 * - the glyph programs and the hinting tables (cvt, fpgm, prep, hdmx, VDMX, LTSH) are dropped
 *   (HB_SUBSET_FLAGS_NO_HINTING);
 * - every other table is copied byte for byte (HB_SUBSET_SETS_NO_SUBSET_TABLE_TAG), except
 *   the ones that describe the glyph data or the metrics (glyf, loca, head, maxp, hhea,
 *   hmtx, vhea, vmtx), which the subsetter writes again: the character map, the OpenType
 *   layout tables (so shaping is the original's), the names and the glyph names are the
 *   original font's.
 *
 * The output depends only on the input and on HarfBuzz's version (Debian 12: 6.0.0), which
 * is why fonts/MANIFEST pins both files.  Written to OUT directly: fonts/fetch writes to a
 * temporary name and checks the sha256 before it renames. */
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>

/* Tables the subsetter writes again (the glyph data and what indexes or measures it). */
static const hb_tag_t rewritten[] = {
  HB_TAG ('g', 'l', 'y', 'f'), HB_TAG ('l', 'o', 'c', 'a'), HB_TAG ('h', 'e', 'a', 'd'),
  HB_TAG ('m', 'a', 'x', 'p'), HB_TAG ('h', 'h', 'e', 'a'), HB_TAG ('h', 'm', 't', 'x'),
  HB_TAG ('v', 'h', 'e', 'a'), HB_TAG ('v', 'm', 't', 'x'),
};

/* Hinting tables, dropped. */
static const hb_tag_t hinting[] = {
  HB_TAG ('c', 'v', 't', ' '), HB_TAG ('f', 'p', 'g', 'm'), HB_TAG ('p', 'r', 'e', 'p'),
  HB_TAG ('h', 'd', 'm', 'x'), HB_TAG ('V', 'D', 'M', 'X'), HB_TAG ('L', 'T', 'S', 'H'),
};

static int
is_one_of (hb_tag_t tag, const hb_tag_t *tags, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (tags[i] == tag)
      return 1;
  return 0;
}

/* The subset input for `face`: all glyphs and characters, hinting dropped, the tables
 * neither rewritten nor hinting passed through.  NULL if HarfBuzz cannot allocate it. */
static hb_subset_input_t *
unhint_input (hb_face_t *face)
{
  hb_subset_input_t *in = hb_subset_input_create_or_fail ();
  if (!in)
    return NULL;
  hb_set_add_range (hb_subset_input_glyph_set (in), 0, hb_face_get_glyph_count (face) - 1);
  hb_face_collect_unicodes (face, hb_subset_input_unicode_set (in));
  hb_set_t *drop = hb_subset_input_set (in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_set_clear (drop);
  for (size_t i = 0; i < sizeof hinting / sizeof *hinting; i++)
    hb_set_add (drop, hinting[i]);
  hb_set_t *keep = hb_subset_input_set (in, HB_SUBSET_SETS_NO_SUBSET_TABLE_TAG);
  hb_tag_t tags[64];
  unsigned n = sizeof tags / sizeof *tags;
  hb_face_get_table_tags (face, 0, &n, tags);
  for (unsigned i = 0; i < n; i++)
    if (!is_one_of (tags[i], rewritten, sizeof rewritten / sizeof *rewritten)
        && !is_one_of (tags[i], hinting, sizeof hinting / sizeof *hinting))
      hb_set_add (keep, tags[i]);
  hb_subset_input_set_flags (in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_RETAIN_GIDS
                                 | HB_SUBSET_FLAGS_GLYPH_NAMES | HB_SUBSET_FLAGS_NOTDEF_OUTLINE
                                 | HB_SUBSET_FLAGS_NAME_LEGACY);
  return in;
}

int
main (int argc, char **argv)
{
  int rc = 1;
  if (argc != 3)
    {
      fprintf (stderr, "usage: unhint IN.ttf OUT.ttf\n");
      return 2;
    }
  hb_blob_t *blob = hb_blob_create_from_file_or_fail (argv[1]);
  if (!blob)
    {
      fprintf (stderr, "unhint: cannot read %s\n", argv[1]);
      return 1;
    }
  hb_face_t *face = hb_face_create (blob, 0);
  hb_subset_input_t *in = hb_face_get_glyph_count (face) > 0 ? unhint_input (face) : NULL;
  hb_face_t *sub = in ? hb_subset_or_fail (face, in) : NULL;
  hb_blob_t *out = sub ? hb_face_reference_blob (sub) : NULL;
  unsigned len = 0;
  const char *data = out ? hb_blob_get_data (out, &len) : NULL;
  FILE *fp = NULL;
  if (!data || len == 0)
    fprintf (stderr, "unhint: HarfBuzz cannot subset %s\n", argv[1]);
  else if (!(fp = fopen (argv[2], "wb")))
    perror (argv[2]);
  else if (fwrite (data, 1, len, fp) != len || fflush (fp) != 0)
    perror (argv[2]);
  else
    rc = 0;
  if (fp && fclose (fp) != 0 && rc == 0)
    {
      perror (argv[2]);
      rc = 1;
    }
  hb_blob_destroy (out);
  hb_face_destroy (sub);
  hb_subset_input_destroy (in);
  hb_face_destroy (face);
  hb_blob_destroy (blob);
  return rc;
}
