/* render.c: mn_render_pdf — fonts, input tree, layout passes, PDF and dump, atomically.
 *
 * == Passes ==
 * A document that cites no page numbers is laid out once, each page painted as soon as it is
 * complete.  One that cites them needs numbers it cannot know before the end:
 * - when every citation is in static content (the usual running footer "3 / 14"), the body
 *   cannot depend on them (the regions have fixed extents): the body is laid out once, its
 *   pages are spooled (spool.h), and at the end each is read back, given its static content
 *   with the numbers now known, and painted;
 * - when the body itself cites pages, a first, quiet pass counts them and the second lays
 *   out and paints with its numbers (a few hundred of the first pass's paragraphs are
 *   carried over, so short documents are not laid out twice).
 * For the tests that check both ways give the same PDF, the environment variable
 * MINUTES_LAYOUT_PASSES=2 forces two passes, and MINUTES_LAYOUT_PASSES=1 requires the spool
 * (an error when the body cites pages or no temporary file can be made). */
#include "render.h"

#include <errno.h>
#include <string.h>

#include "base/atomic.h"
#include "flow.h"
#include "fonts.h"
#include "fotree.h"
#include "base/i18n.h"
#include "page.h"
#include "pdf.h"
#include "spool.h"

/* Paragraphs the counting pass may hand to the painting pass: each is a PangoLayout of about
 * 20 KB, so this bounds the extra memory at about 8 MB whatever the document's length, and
 * covers a 15-20 page session (the seed has about 300).  Later ones are laid out again. */
#define CARRY_BUDGET 400

/* The fonts are verified and loaded once per process: `minutes build` renders many files. */
static mn_fonts *fonts_once;

void
mn_render_cleanup (void)
{
  mn_fonts_free (fonts_once);
  fonts_once = NULL;
}

typedef struct sink_ctx {
  mn_pdf *pdf;              /* painter */
  FILE *dump;               /* layout dump, or NULL */
  int pages;                /* pages painted so far */
} sink_ctx;

static int
sink (void *data, const mn_area *page)
{
  sink_ctx *s = data;
  if (s->dump)
    mn_area_dump (s->dump, page);
  s->pages++;
  return mn_pdf_page (s->pdf, page);
}

static int
spool_sink (void *data, const mn_area *page)
{
  return mn_spool_put (data, page);
}

/* Whether a page-number citation is in `n` or below. */
static int
cites_pages (const mn_fo_node *n)
{
  if (n->kind == MN_FO_CITATION || n->kind == MN_FO_CITATION_LAST)
    return 1;
  for (const mn_fo_node *k = n->first; k; k = k->next)
    if (cites_pages (k))
      return 1;
  return 0;
}

static int
body_cites_pages (const mn_fo_doc *doc)
{
  for (guint i = 0; i < doc->seqs->len; i++)
    {
      const mn_fo_seq *seq = g_ptr_array_index (doc->seqs, i);
      if (seq->flow && cites_pages (seq->flow))
        return 1;
    }
  return 0;
}

/* Report that the spool's temporary file failed (errno says why); returns MN_EIO. */
static int
spool_error (mn_diag *d, const char *file)
{
  mn_error (d, file, 0, _("cannot use a temporary file for the laid-out pages (%s); check that the temporary folder (TMPDIR) exists, is writable and has free space"),
            strerror (errno));
  return MN_EIO;
}

/* Paint the spooled pages, each with its static content laid out now. */
static int
paint_spooled (mn_spool *spool, mn_layout *L, sink_ctx *sc)
{
  int rc = mn_spool_rewind (spool);
  /* every page is laid out: citations now read the final numbers */
  L->prev_first = L->first_page;
  L->prev_last = L->last_page;
  while (rc == 0)
    {
      mn_area *page = NULL;
      int got = mn_spool_get (spool, &page);
      if (got <= 0)
        {
          rc = got;
          break;
        }
      rc = mn_page_layout_statics (L, page);
      if (rc == 0)
        rc = sink (sc, page);
      mn_area_free (page);
    }
  return rc;
}

static void
layout_init (mn_layout *L, const mn_fo_doc *doc, PangoContext *pctx, mn_diag *d, const char *file)
{
  memset (L, 0, sizeof *L);
  L->doc = doc;
  L->pctx = pctx;
  L->d = d;
  L->file = file;
  L->paras = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) mn_para_unref);
  L->first_page = g_hash_table_new (g_str_hash, g_str_equal);
  L->last_page = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
layout_clear (mn_layout *L)
{
  if (L->carry_out)
    g_hash_table_destroy (L->carry_out);
  g_hash_table_destroy (L->paras);
  g_hash_table_destroy (L->first_page);
  g_hash_table_destroy (L->last_page);
}

/* Parse `fo` with opts->strict in force; `take`: fo is ours (mn_fo_doc_parse_take). */
static int
parse (mn_fo_doc **out, xmlDocPtr fo, int take, const mn_render_opts *opts, mn_diag *d)
{
  const char *file = opts && opts->source_name ? opts->source_name : "(fo)";
  int strict_saved = d->strict;
  if (opts && opts->strict)
    d->strict = 1;
  int rc = take ? mn_fo_doc_parse_take (out, fo, file, d) : mn_fo_doc_parse (out, fo, file, d);
  d->strict = strict_saved;
  return rc;
}

int
mn_render_parse_take (mn_fo_doc **out, xmlDocPtr fo, const mn_render_opts *opts, mn_diag *d)
{
  return parse (out, fo, 1, opts, d);
}

void
mn_render_doc_free (mn_fo_doc *doc)
{
  mn_fo_doc_free (doc);
}

int
mn_render_pdf (const char *out_path, xmlDocPtr fo, const mn_render_opts *opts, mn_diag *d)
{
  mn_fo_doc *doc = NULL;
  int rc = parse (&doc, fo, 0, opts, d);
  if (rc == 0)
    rc = mn_render_doc (out_path, doc, opts, d);
  mn_fo_doc_free (doc);
  return rc;
}

int
mn_render_doc (const char *out_path, const mn_fo_doc *doc, const mn_render_opts *opts, mn_diag *d)
{
  int rc = 0;
  const char *file = opts && opts->source_name ? opts->source_name : "(fo)";
  mn_layout pass1, pass2;
  int have1 = 0, have2 = 0;
  mn_atomic pdf_file = MN_ATOMIC_INIT, dump_file = MN_ATOMIC_INIT;
  mn_pdf *pdf = NULL;
  mn_spool *spool = NULL;
  int strict_saved = d->strict;

  if (opts && opts->pages_out)
    *opts->pages_out = 0;
  if (opts && opts->strict)
    d->strict = 1;
  if (!fonts_once && (rc = mn_fonts_new (&fonts_once, d)) != 0)
    goto out;
  /* A family the pinned fonts lack would be silently substituted: say so. */
  for (guint i = 0; i < doc->families->len; i++)
    {
      const mn_fo_family *f = g_ptr_array_index (doc->families, i);
      if (!mn_fonts_family_known (fonts_once, f->name))
        {
          char *got = mn_fonts_resolve_family (fonts_once, f->name);
          if (f->line <= 0 && doc->generated)  /* set by the stylesheet (build): no line of ours */
            mn_warning (d, file, 0, _("font family \"%s\", set by the stylesheet or a --param value, is not among the pinned fonts; %s is used (write serif, sans-serif, IPAexMincho or IPAexGothic)"),
                        f->name, got ? got : "IPAexMincho");
          else
            mn_warning (d, file, f->line, _("font family \"%s\" is not among the pinned fonts; %s is used (write serif, sans-serif, IPAexMincho or IPAexGothic)"),
                        f->name, got ? got : "IPAexMincho");
          g_free (got);
        }
    }
  if (d->errors)
    {
      rc = MN_EINVALID;
      goto out;
    }
  PangoContext *pctx = mn_fonts_context (fonts_once);

  /* The spool when only static content cites pages (see the top of this file). */
  const char *passes = g_getenv ("MINUTES_LAYOUT_PASSES");
  int only_one = g_strcmp0 (passes, "1") == 0;
  if (doc->has_citations && g_strcmp0 (passes, "2") != 0)
    {
      if (body_cites_pages (doc))
        {
          if (only_one)
            {
              mn_error (d, file, 0, _("MINUTES_LAYOUT_PASSES=1 asks for one layout pass, but the text cites page numbers in the body; unset it"));
              rc = MN_EINVALID;
              goto out;
            }
        }
      else if (mn_spool_new (&spool, opts && opts->dump_layout) != 0 && only_one)
        {
          rc = spool_error (d, file);
          goto out;
        }
      /* without a temporary file, two passes give the same PDF */
    }

  /* Pass 1, only when the text cites page numbers: learn on which page each id lands. */
  if (doc->has_citations && !spool)
    {
      layout_init (&pass1, doc, pctx, d, file);
      have1 = 1;
      pass1.pass = 1;
      pass1.carry_out = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                               (GDestroyNotify) mn_para_unref);
      pass1.carry_budget = CARRY_BUDGET;
      mn_diag quiet = *d;
      quiet.quiet = 1;
      pass1.d = &quiet;
      rc = mn_page_layout_document (&pass1, NULL, NULL);
      if (rc != 0)
        {
          /* report for real in pass 2 */
          rc = 0;
        }
    }

  layout_init (&pass2, doc, pctx, d, file);
  have2 = 1;
  pass2.pass = 2;
  if (have1)
    {
      pass2.prev_first = pass1.first_page;
      pass2.prev_last = pass1.last_page;
      pass2.carry_in = pass1.carry_out;
    }
  if (mn_atomic_open (&pdf_file, out_path) != 0)
    {
      mn_error (d, out_path, 0, _("cannot write here (%s); check the folder exists and is writable"), strerror (errno));
      rc = MN_EIO;
      goto out;
    }
  if (opts && opts->dump_layout && mn_atomic_open (&dump_file, opts->dump_layout) != 0)
    {
      mn_error (d, opts->dump_layout, 0, _("cannot write here (%s); check the folder exists and is writable"), strerror (errno));
      rc = MN_EIO;
      goto out;
    }
  if ((rc = mn_pdf_open (&pdf, pdf_file.fp, doc, file, d)) != 0)
    goto out;
  sink_ctx sc = { pdf, dump_file.fp, 0 };
  if (spool)
    {
      pass2.defer_statics = 1;
      rc = mn_page_layout_document (&pass2, spool_sink, spool);
      if (rc == 0)
        rc = paint_spooled (spool, &pass2, &sc);
      if (rc == MN_EIO)
        spool_error (d, file);
      if (rc != 0)
        goto out;
    }
  else if ((rc = mn_page_layout_document (&pass2, sink, &sc)) != 0)
    goto out;
  if (have1)
    {
      /* citations must agree with where things landed in the end */
      GHashTableIter it;
      gpointer k, v;
      g_hash_table_iter_init (&it, pass2.last_page);
      while (g_hash_table_iter_next (&it, &k, &v))
        if (g_hash_table_lookup (pass1.last_page, k) != v
            || g_hash_table_lookup (pass1.first_page, k) != g_hash_table_lookup (pass2.first_page, k))
          {
            mn_warning (d, file, 0, _("page citations may be off by a page: the page numbers changed the layout (id \"%s\")"), (const char *) k);
            break;
          }
    }
  rc = mn_pdf_close (pdf, pass2.first_page);
  pdf = NULL;
  if (rc == MN_EIO)
    mn_error (d, out_path, 0, _("cannot write the PDF (%s); check the free space"), strerror (errno));
  if (rc == 0 && d->errors)
    rc = MN_EINVALID;
  if (rc == 0 && dump_file.fp && mn_atomic_commit (&dump_file) != 0)
    {
      mn_error (d, opts->dump_layout, 0, _("cannot write the layout dump (%s)"), strerror (errno));
      rc = MN_EIO;
    }
  if (rc == 0 && mn_atomic_commit (&pdf_file) != 0)
    {
      mn_error (d, out_path, 0, _("cannot write the PDF (%s); check the free space"), strerror (errno));
      rc = MN_EIO;
    }
  if (rc == 0 && opts && opts->pages_out)
    *opts->pages_out = sc.pages;

out:
  mn_spool_free (spool);
  mn_pdf_abort (pdf);
  mn_atomic_abort (&pdf_file);
  mn_atomic_abort (&dump_file);
  if (have2)
    layout_clear (&pass2);
  if (have1)
    layout_clear (&pass1);
  d->strict = strict_saved;
  return rc;
}
