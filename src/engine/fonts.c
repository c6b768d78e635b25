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

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
