/* fonts.c: pinned fonts — sha256 verification with a stat cache, a private FcConfig, the
 * Pango font map and context.
 *
 * Why private: the output must not depend on what happens to be installed.  We never load the
 * system configuration; the FcConfig we build knows only the files in the data folder's fonts/
 * (each checked against fonts/MANIFEST) and maps the generic families explicitly, because a
 * bare fontconfig silently substitutes *any* font it has for a family it lacks.
 *
 * Why a stat cache: hashing the ~60 MB of CJK fonts costs ~150 ms on every run; start-up should
 * cost a few tens of ms.  A file is re-hashed only when its (size, mtime) differs from the
 * record written after the last successful verification.  The record lives in the user's cache
 * folder; deleting it only costs one slow start. */
#include "fonts.h"

#include <cairo-ft.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include <glib.h>
#include <glib/gstdio.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/digest.h"
#include "base/i18n.h"
#include "base/paths.h"

struct mn_fonts {
  FcConfig *config;         /* private configuration: only fonts/ (owned reference) */
  PangoFontMap *fontmap;    /* cairo-FT font map over `config` (owned) */
  PangoContext *context;    /* 72 dpi, unhinted, ja-JP (owned) */
  GPtrArray *families;      /* family names of the pinned files, plus our aliases (owned) */
  FT_Library ft;            /* FreeType for the painting faces, or NULL until the first (owned
                             * reference; each face holds one more) */
  GHashTable *paint_faces;  /* "FILE\tINDEX" -> cairo_font_face_t of its painting face (owned) */
  GHashTable *paint_fonts;  /* PangoFont -> its painting cairo_scaled_font_t (both owned) */
};

/* The generic names and aliases we map on purpose (see build_config). */
static const char *const alias_names[] = {
  "serif", "sans-serif", "sans", "monospace", "Mincho", "Gothic", "IPAexMincho", "IPAexGothic",
  "IPAex明朝", "IPAexゴシック", "Noto Serif CJK JP", "Noto Sans CJK JP", NULL
};

/* === sha256 verification === */

/* One verified file as recorded in the cache: `sha size mtime_s mtime_ns path`. */
static char *
cache_dir (void)
{
  const char *xdg = g_getenv ("XDG_CACHE_HOME");
  char *dir = (xdg && *xdg) ? g_build_filename (xdg, "minutes", NULL)
                            : g_build_filename (g_get_home_dir (), ".cache", "minutes", NULL);
  if (g_mkdir_with_parents (dir, 0755) == 0 && access (dir, W_OK) == 0)
    return dir;
  g_free (dir);
  char *name = g_strdup_printf ("minutes-cache-%u", (unsigned) getuid ());
  dir = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_free (name);
  g_mkdir_with_parents (dir, 0700);
  return dir;
}

/* Is `path` with `st` recorded in `cache` as having `sha`? */
static int
cache_says_verified (const char *cache, const char *sha, const char *path, const struct stat *st)
{
  if (!cache)
    return 0;
  char *line = g_strdup_printf ("%s %lld %lld %ld %s\n", sha, (long long) st->st_size,
                                (long long) st->st_mtim.tv_sec, (long) st->st_mtim.tv_nsec, path);
  int hit = strstr (cache, line) != NULL;
  g_free (line);
  return hit;
}

/* Verify every file of fonts/MANIFEST; fill `files` with their full paths. */
static int
verify_manifest (const char *fontdir, GPtrArray *files, mn_diag *d)
{
  int rc = 0;
  char *manifest_path = g_build_filename (fontdir, "MANIFEST", NULL);
  char *manifest = NULL, *cache = NULL, *cdir = cache_dir ();
  char *cache_path = g_build_filename (cdir, "fonts-verified", NULL);
  GString *record = g_string_new (NULL);
  int rehashed = 0;
  char **lines = NULL, **cache_lines = NULL;

  if (!g_file_get_contents (manifest_path, &manifest, NULL, NULL))
    {
      mn_error (d, manifest_path, 0, _("cannot read the font manifest; reinstall minutes, or run `sh fonts/fetch` in its source folder"));
      rc = MN_EFONT;
      goto out;
    }
  g_file_get_contents (cache_path, &cache, NULL, NULL);
  if (cache)
    cache_lines = g_strsplit (cache, "\n", -1);

  lines = g_strsplit (manifest, "\n", -1);
  for (int i = 0; lines[i]; i++)
    {
      char sha[65], file[256];
      if (lines[i][0] == '#' || sscanf (lines[i], "%64s %255s", sha, file) != 2)
        continue;
      char *path = g_build_filename (fontdir, file, NULL);
      struct stat st;
      if (g_stat (path, &st) != 0)
        {
          mn_error (d, path, 0, _("pinned font file is missing; run `sh fonts/fetch` to copy it from its Debian package"));
          g_free (path);
          rc = MN_EFONT;
          continue;
        }
      if (!cache_says_verified (cache, sha, path, &st))
        {
          char *have = mn_sha256_file (path);
          rehashed = 1;
          if (!have || strcmp (have, sha) != 0)
            {
              mn_error (d, path, 0, _("font file differs from its pin in fonts/MANIFEST (sha256 %s, pinned %s); restore the pinned file with `sh fonts/fetch`, or pin the new one deliberately with `sh fonts/fetch --repin` and review the change"),
                        have ? have : "?", sha);
              g_free (have);
              g_free (path);
              rc = MN_EFONT;
              continue;
            }
          g_free (have);
        }
      g_string_append_printf (record, "%s %lld %lld %ld %s\n", sha, (long long) st.st_size,
                              (long long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec, path);
      g_ptr_array_add (files, path);
    }
  if (files->len == 0 && rc == 0)
    {
      mn_error (d, manifest_path, 0, _("the font manifest lists no fonts; reinstall minutes"));
      rc = MN_EFONT;
    }
  /* Best effort: an unwritable cache only makes the next start slower.  Records of other
   * data folders (other installs, other checkouts) are kept. */
  if (rc == 0 && rehashed)
    {
      for (int i = 0; cache && cache_lines && cache_lines[i]; i++)
        {
          char *sp = cache_lines[i];
          int mine = 0;
          for (guint k = 0; k < files->len && !mine; k++)
            {
              const char *p = g_ptr_array_index (files, k);
              size_t pl = strlen (p), ll = strlen (sp);
              mine = ll >= pl && !strcmp (sp + ll - pl, p) && (ll == pl || sp[ll - pl - 1] == ' ');
            }
          if (!mine && *sp)
            g_string_append_printf (record, "%s\n", sp);
        }
      mn_atomic_write (cache_path, record->str, record->len);
    }

out:
  g_strfreev (lines);
  g_strfreev (cache_lines);
  g_string_free (record, TRUE);
  g_free (manifest);
  g_free (manifest_path);
  g_free (cache);
  g_free (cache_path);
  g_free (cdir);
  return rc;
}

/* === fontconfig === */

static void
append_escaped (GString *s, const char *text)
{
  char *esc = g_markup_escape_text (text, -1);
  g_string_append (s, esc);
  g_free (esc);
}

static void
append_alias (GString *s, const char *name, const char *first, const char *second)
{
  g_string_append_printf (s, " <alias binding=\"strong\"><family>%s</family><prefer>"
                          "<family>%s</family><family>%s</family></prefer></alias>\n",
                          name, first, second);
}

static FcConfig *
build_config (const char *fontdir, mn_diag *d)
{
  char *cdir = cache_dir ();
  char *fccache = g_build_filename (cdir, "fontconfig", NULL);
  g_mkdir_with_parents (fccache, 0755);
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n <dir>");
  append_escaped (xml, fontdir);
  g_string_append (xml, "</dir>\n <cachedir>");
  append_escaped (xml, fccache);
  g_string_append (xml, "</cachedir>\n");
  /* The generic families and the common Japanese names, mapped explicitly: Mincho (serif)
   * and Gothic (sans), each falling back to Noto CJK for characters IPAex lacks. */
  static const char *const mincho[] = { "serif", "Mincho", "IPAexMincho", "IPAex明朝", "Noto Serif CJK JP" };
  static const char *const gothic[] = { "sans-serif", "sans", "Gothic", "IPAexGothic", "IPAexゴシック", "monospace", "Noto Sans CJK JP" };
  for (size_t i = 0; i < G_N_ELEMENTS (mincho); i++)
    append_alias (xml, mincho[i], "IPAexMincho", "Noto Serif CJK JP");
  for (size_t i = 0; i < G_N_ELEMENTS (gothic); i++)
    append_alias (xml, gothic[i], "IPAexGothic", "Noto Sans CJK JP");
  g_string_append (xml, "</fontconfig>\n");

  FcConfig *config = FcConfigCreate ();
  if (!FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) xml->str, FcTrue)
      || !FcConfigBuildFonts (config))
    {
      mn_error (d, fontdir, 0, _("fontconfig could not load the pinned fonts; check that the folder is readable"));
      FcConfigDestroy (config);
      config = NULL;
    }
  g_string_free (xml, TRUE);
  g_free (fccache);
  g_free (cdir);
  return config;
}

/* Does the configuration really hold `family` (not a substitute)? */
static int
config_has_family (FcConfig *config, const char *family)
{
  FcFontSet *set = FcConfigGetFonts (config, FcSetSystem);
  for (int i = 0; set && i < set->nfont; i++)
    {
      FcChar8 *fam;
      for (int k = 0; FcPatternGetString (set->fonts[i], FC_FAMILY, k, &fam) == FcResultMatch; k++)
        if (g_ascii_strcasecmp ((const char *) fam, family) == 0)
          return 1;
    }
  return 0;
}

/* === painting faces ===
 *
 * cairo 1.16 looks up the Unicode value of every glyph it first puts in a PDF font subset
 * (_cairo_sub_font_map_glyph), even when it is handed the text with the glyphs, as we hand it
 * (cairo_show_text_glyphs, pdf.c).  It copies the font's (3,1) format-4 cmap subtable out of
 * the face and scans its segments; then, for a glyph it did not find, it walks FreeType's
 * current charmap.  IPAex's subtable is 57 KB of thousands of segments: about 90,000
 * instructions per distinct glyph, a fifth of a one-page build and a sixth of the seed's
 * (bench/README.md F5).  What it finds matters for two things only: whether the glyph goes
 * into the WinAnsi subset (its character is in WinAnsi), and the ToUnicode entry of a glyph
 * shown without text of its own (a cluster of several glyphs, such as the blank that fills a
 * Japanese–Latin space beside a Latin letter, para.c).  Both concern characters below U+2E80;
 * for every other glyph the text it is shown with decides.
 *
 * So glyphs are painted with fonts of their own: the same file, size, matrix and options as
 * Pango's, on a FreeType face opened over a private copy-on-write mapping of the file whose
 * cmap is rewritten (in the mapping only) to two subtables: (3,1) format 4 with the font's
 * own mappings of the characters below U+2E80 (as HarfBuzz reads them from the file), and an
 * empty (1,0) format 6, which is made FreeType's current charmap.  cairo then finds what it
 * found before for those characters, and nothing, at once, for the rest.  Pango keeps shaping
 * and measuring with its own fonts (HarfBuzz reads the file itself); these faces are only
 * asked for outlines, metrics and tables, never to map a character.  Where a face cannot be
 * made (an unusual file), Pango's own font is painted: the PDF is the same, only slower to
 * make. */

/* The characters a painting face's cmap keeps: those below this. */
#define PAINT_CMAP_END 0x2E80

/* A painting face: the mapping it lives in, for the destroy notification. */
typedef struct paint_face {
  void *map;                /* the file, mapped privately, its cmap rewritten (owned) */
  size_t size;              /* bytes of the mapping */
  FT_Face face;             /* FreeType's face over it (owned) */
  FT_Library ft;            /* the library it came from (owned reference) */
} paint_face;

static const cairo_user_data_key_t paint_face_key;

static void
paint_face_free (void *data)
{
  paint_face *p = data;
  FT_Done_Face (p->face);
  FT_Done_FreeType (p->ft);
  munmap (p->map, p->size);
  g_free (p);
}

static uint32_t
be32 (const unsigned char *b)
{
  return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
}

static unsigned char *
put16 (unsigned char *b, unsigned v)
{
  b[0] = (unsigned char) (v >> 8);
  b[1] = (unsigned char) v;
  return b + 2;
}

static unsigned char *
put32 (unsigned char *b, uint32_t v)
{
  return put16 (put16 (b, v >> 16), v & 0xFFFF);
}

/* One segment of a format-4 subtable: characters [start, end] map to glyph c + delta. */
typedef struct cmap_seg {
  unsigned start, end, delta;
} cmap_seg;

/* Rewrite, in `m` (a TrueType file or collection, mapped privately), the cmap of face `index`
 * as described above, with the mappings `hb` reads for the characters below PAINT_CMAP_END.
 * The new subtables are written over the old (3,1) subtable, which is larger.  Returns 0, or
 * -1 when the bytes are not laid out as expected (then the face is not used). */
static int
rewrite_cmap (unsigned char *m, size_t size, int index, hb_font_t *hb)
{
  size_t dir = 0;
  if (size >= 12 && memcmp (m, "ttcf", 4) == 0)
    {
      if (index < 0 || (size_t) index >= be32 (m + 8) || 12 + 4 * (size_t) index + 4 > size)
        return -1;
      dir = be32 (m + 12 + 4 * (size_t) index);
    }
  if (dir + 12 > size)
    return -1;
  size_t ntables = (size_t) m[dir + 4] << 8 | m[dir + 5], cmap = 0;
  for (size_t i = 0; i < ntables && dir + 12 + 16 * i + 16 <= size; i++)
    if (memcmp (m + dir + 12 + 16 * i, "cmap", 4) == 0)
      cmap = be32 (m + dir + 12 + 16 * i + 8);
  if (!cmap || cmap + 4 > size)
    return -1;
  /* the old (3,1) subtable: where the new ones go */
  size_t nsub = (size_t) m[cmap + 2] << 8 | m[cmap + 3], room = 0, at = 0;
  if (nsub < 2 || cmap + 4 + 8 * nsub > size)
    return -1;
  for (size_t i = 0; i < nsub; i++)
    {
      const unsigned char *rec = m + cmap + 4 + 8 * i;
      size_t off = cmap + be32 (rec + 4);
      if (rec[0] == 0 && rec[1] == 3 && rec[2] == 0 && rec[3] == 1 && off + 4 <= size
          && m[off] == 0 && m[off + 1] == 4)
        {
          at = off;
          room = (size_t) m[off + 2] << 8 | m[off + 3];   /* a format-4 subtable's length */
        }
    }
  if (!at || at + room > size)
    return -1;

  /* the characters the font has, then their glyphs: HarfBuzz's per-call cost is most of a
   * lookup, and the font lacks most characters below the limit */
  hb_set_t *have = hb_set_create ();
  hb_face_collect_unicodes (hb_font_get_face (hb), have);
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (cmap_seg));
  for (hb_codepoint_t c = HB_SET_VALUE_INVALID; hb_set_next (have, &c) && c < PAINT_CMAP_END;)
    {
      hb_codepoint_t g;
      if (!hb_font_get_nominal_glyph (hb, c, &g) || g == 0 || g > 0xFFFF)
        continue;
      unsigned delta = (g - c) & 0xFFFF;
      cmap_seg *last = segs->len ? &g_array_index (segs, cmap_seg, segs->len - 1) : NULL;
      if (last && last->end + 1 == c && last->delta == delta)
        last->end = c;
      else
        {
          cmap_seg s = { c, c, delta };
          g_array_append_val (segs, s);
        }
    }
  hb_set_destroy (have);
  cmap_seg final = { 0xFFFF, 0xFFFF, 1 };   /* the closing segment format 4 requires */
  g_array_append_val (segs, final);
  size_t n = segs->len, len4 = 16 + 8 * n, len6 = 10;
  int rc = -1;
  if (len4 + len6 > room)
    goto out;
  /* (3,1) format 4 (OpenType cmap §"Format 4"): header, endCode, pad, startCode, idDelta,
   * idRangeOffset (all zero: every segment maps by delta) */
  unsigned char *w = m + at;
  unsigned sel = 0;
  while ((2u << sel) <= n)
    sel++;
  w = put16 (put16 (put16 (w, 4), (unsigned) len4), 0);
  w = put16 (put16 (put16 (put16 (w, (unsigned) (2 * n)), 2u << sel), sel), (unsigned) (2 * n - (2u << sel)));
  for (size_t i = 0; i < n; i++)
    w = put16 (w, g_array_index (segs, cmap_seg, i).end);
  w = put16 (w, 0);
  for (size_t i = 0; i < n; i++)
    w = put16 (w, g_array_index (segs, cmap_seg, i).start);
  for (size_t i = 0; i < n; i++)
    w = put16 (w, g_array_index (segs, cmap_seg, i).delta);
  for (size_t i = 0; i < n; i++)
    w = put16 (w, 0);
  /* (1,0) format 6 with no entries: format, length, language, firstCode, entryCount */
  w = put16 (put16 (put16 (put16 (put16 (w, 6), (unsigned) len6), 0), 0), 0);
  /* the header: two records, in platform order */
  unsigned char *h = put16 (put16 (m + cmap, 0), 2);
  h = put32 (put16 (put16 (h, 1), 0), (uint32_t) (at + len4 - cmap));
  put32 (put16 (put16 (h, 3), 1), (uint32_t) (at - cmap));
  rc = 0;
out:
  g_array_free (segs, TRUE);
  return rc;
}

/* The painting face of face `index` of `file` (a new reference), or NULL. */
static cairo_font_face_t *
paint_face_new (mn_fonts *f, const char *file, int index, hb_font_t *hb)
{
  if (!f->ft && FT_Init_FreeType (&f->ft) != 0)
    {
      f->ft = NULL;
      return NULL;
    }
  int fd = open (file, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0)
    return NULL;
  void *map = fstat (fd, &st) == 0 && st.st_size > 0
              ? mmap (NULL, (size_t) st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0)
              : MAP_FAILED;
  close (fd);
  if (map == MAP_FAILED)
    return NULL;
  paint_face *p = g_new0 (paint_face, 1);
  p->map = map;
  p->size = (size_t) st.st_size;
  if (rewrite_cmap (map, p->size, index, hb) != 0
      || FT_New_Memory_Face (f->ft, map, (FT_Long) p->size, index, &p->face) != 0)
    {
      munmap (map, p->size);
      g_free (p);
      return NULL;
    }
  /* the empty charmap: cairo's walk of FreeType's charmap ends at once */
  for (int i = 0; i < p->face->num_charmaps; i++)
    if (p->face->charmaps[i]->platform_id == 1)
      FT_Set_Charmap (p->face, p->face->charmaps[i]);
  FT_Reference_Library (f->ft);
  p->ft = f->ft;
  cairo_font_face_t *face = cairo_ft_font_face_create_for_ft_face (p->face, 0);
  if (cairo_font_face_set_user_data (face, &paint_face_key, p, paint_face_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_font_face_destroy (face);
      paint_face_free (p);
      return NULL;
    }
  return face;
}

cairo_scaled_font_t *
mn_fonts_paint_font (mn_fonts *f, PangoFont *font)
{
  cairo_scaled_font_t *ours = g_hash_table_lookup (f->paint_fonts, font);
  if (ours)
    return ours;
  cairo_scaled_font_t *pango = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
  FcPattern *pat = PANGO_IS_FC_FONT (font) ? pango_fc_font_get_pattern (PANGO_FC_FONT (font)) : NULL;
  FcChar8 *file;
  int index = 0;
  cairo_font_face_t *face = NULL;
  if (pat && FcPatternGetString (pat, FC_FILE, 0, &file) == FcResultMatch)
    {
      FcPatternGetInteger (pat, FC_INDEX, 0, &index);
      char *key = g_strdup_printf ("%s\t%d", (const char *) file, index);
      face = g_hash_table_lookup (f->paint_faces, key);
      if (!face && (face = paint_face_new (f, (const char *) file, index, pango_font_get_hb_font (font))))
        g_hash_table_insert (f->paint_faces, g_strdup (key), face);
      g_free (key);
    }
  if (face)
    {
      cairo_matrix_t matrix, ctm;
      cairo_font_options_t *opts = cairo_font_options_create ();
      cairo_scaled_font_get_font_matrix (pango, &matrix);
      cairo_scaled_font_get_ctm (pango, &ctm);
      cairo_scaled_font_get_font_options (pango, opts);
      ours = cairo_scaled_font_create (face, &matrix, &ctm, opts);
      cairo_font_options_destroy (opts);
      if (cairo_scaled_font_status (ours) != CAIRO_STATUS_SUCCESS)
        {
          cairo_scaled_font_destroy (ours);
          ours = NULL;
        }
    }
  /* Pango's own where no face of ours could be made: kept too, so that it is tried once */
  if (!ours)
    ours = cairo_scaled_font_reference (pango);
  g_hash_table_insert (f->paint_fonts, g_object_ref (font), ours);
  return ours;
}

/* === public === */

int
mn_fonts_new (mn_fonts **out, mn_diag *d)
{
  int rc = 0;
  mn_fonts *f = g_new0 (mn_fonts, 1);
  char *fontdir = mn_paths_data_file ("fonts");
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  cairo_font_options_t *opts = NULL;
  PangoLanguage *ja = pango_language_from_string ("ja-JP");

  *out = NULL;
  if ((rc = verify_manifest (fontdir, files, d)) != 0)
    goto out;
  if (!(f->config = build_config (fontdir, d)))
    {
      rc = MN_EFONT;
      goto out;
    }
  static const char *const required[] = { "IPAexMincho", "IPAexGothic" };
  for (size_t i = 0; i < G_N_ELEMENTS (required); i++)
    if (!config_has_family (f->config, required[i]))
      {
        mn_error (d, fontdir, 0, _("the pinned fonts do not provide the family %s; run `sh fonts/fetch`"), required[i]);
        rc = MN_EFONT;
        goto out;
      }

  f->families = g_ptr_array_new_with_free_func (g_free);
  f->paint_faces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) cairo_font_face_destroy);
  f->paint_fonts = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                          (GDestroyNotify) cairo_scaled_font_destroy);
  for (int i = 0; alias_names[i]; i++)
    g_ptr_array_add (f->families, g_strdup (alias_names[i]));

  /* Our configuration becomes fontconfig's current one before Pango's first font map: Pango
   * 1.50 then calls FcInit() in a start-up thread, which finds a current configuration and
   * returns at once instead of loading the system's (25 M instructions of XML parsing and
   * directory scans, bench/README.md F4); and nothing in the process can see system fonts.
   * fontconfig keeps a reference to it until the next call (or exit). */
  FcConfigSetCurrent (f->config);
  f->fontmap = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
  if (!f->fontmap)
    {
      mn_error (d, NULL, 0, _("Pango has no FreeType font map; install Pango with FreeType support"));
      rc = MN_EFONT;
      goto out;
    }
  pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (f->fontmap), f->config);
  /* Points are points: Pango assumes 96 dpi otherwise. */
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (f->fontmap), 72.0);
  f->context = pango_font_map_create_context (f->fontmap);
  opts = cairo_font_options_create ();
  /* Layout must not depend on a device: no hinting of metrics or outlines, no rounding. */
  cairo_font_options_set_hint_metrics (opts, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (opts, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (f->context, opts);
  pango_context_set_round_glyph_positions (f->context, FALSE);
  pango_context_set_language (f->context, ja);
  pango_context_set_base_dir (f->context, PANGO_DIRECTION_LTR);

out:
  if (opts)
    cairo_font_options_destroy (opts);
  g_ptr_array_free (files, TRUE);
  g_free (fontdir);
  if (rc != 0)
    mn_fonts_free (f);
  else
    *out = f;
  return rc;
}

PangoContext *
mn_fonts_context (mn_fonts *f)
{
  return f->context;
}

char *
mn_fonts_resolve_family (mn_fonts *f, const char *family)
{
  FcPattern *pat = FcPatternCreate ();
  FcPatternAddString (pat, FC_FAMILY, (const FcChar8 *) family);
  FcPatternAddString (pat, FC_FAMILY, (const FcChar8 *) "serif");  /* as para.c asks */
  FcPatternAddString (pat, FC_LANG, (const FcChar8 *) "ja");
  FcConfigSubstitute (f->config, pat, FcMatchPattern);
  FcDefaultSubstitute (pat);
  FcResult res;
  FcPattern *m = FcFontMatch (f->config, pat, &res);
  char *out = NULL;
  FcChar8 *fam;
  if (m && FcPatternGetString (m, FC_FAMILY, 0, &fam) == FcResultMatch)
    out = g_strdup ((const char *) fam);
  if (m)
    FcPatternDestroy (m);
  FcPatternDestroy (pat);
  return out;
}

int
mn_fonts_family_known (mn_fonts *f, const char *family)
{
  for (guint i = 0; i < f->families->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (f->families, i), family) == 0)
      return 1;
  return config_has_family (f->config, family);
}

/* Set when the font map has been finalized (its qdata is cleared last in finalization). */
static GMutex gone_lock;
static GCond gone_cond;

static void
fontmap_gone (gpointer data)
{
  g_mutex_lock (&gone_lock);
  *(int *) data = 1;
  g_cond_broadcast (&gone_cond);
  g_mutex_unlock (&gone_lock);
}

void
mn_fonts_free (mn_fonts *f)
{
  if (!f)
    return;
  /* the painting fonts first: each holds a Pango font of the map below */
  if (f->paint_fonts)
    g_hash_table_destroy (f->paint_fonts);
  if (f->paint_faces)
    g_hash_table_destroy (f->paint_faces);
  if (f->ft)
    FT_Done_FreeType (f->ft);   /* ours; the faces cairo still holds keep the library */
  if (f->context)
    g_object_unref (f->context);
  if (f->fontmap)
    {
      /* Pango 1.50 takes a reference on the FcConfig in pango_fc_font_map_set_config and
       * never drops it when the font map is finalized (valgrind: our FcConfig "definitely
       * lost"); setting no config drops it. */
      pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (f->fontmap), NULL);
      /* Pango 1.50 matches fonts in a fontconfig thread of its own; each job holds a reference
       * on the font map until the thread has signalled its result and freed the job.  On a
       * loaded machine the thread may still be between the two when we get here, and then the
       * map, its patterns and fontconfig's with them are freed only in that thread, possibly
       * after the process has exited: LeakSanitizer reported them (fontconfig allocations, in
       * perhaps one sanitized run in five under load).  So wait, briefly, for the map to go. */
      static int gone;
      gone = 0;
      g_object_set_data_full (G_OBJECT (f->fontmap), "mn-fonts-gone", &gone, fontmap_gone);
      g_object_unref (f->fontmap);
      gint64 until = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
      g_mutex_lock (&gone_lock);
      while (!gone && g_cond_wait_until (&gone_cond, &gone_lock, until))
        ;
      g_mutex_unlock (&gone_lock);
    }
  if (f->config)
    FcConfigDestroy (f->config);
  if (f->families)
    g_ptr_array_free (f->families, TRUE);
  g_free (f);
}
