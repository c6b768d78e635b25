/* render.c: mn_render_pdf — fonts, input tree, layout passes, PDF and dump, atomically.
 *
 * == Passes ==
 * "n / N" needs page numbers that are known only at the end.  Each document takes the fewest
 * passes it can (render-passes.h names them):
 * 1. DIRECT: nothing cites pages.  One pass; each page is painted as soon as it is finished.
 * 2. SPOOL: only static content cites pages (the usual running footer "3 / 14").  The body
 *    cannot depend on the numbers (the regions have fixed extents): it is laid out once, its
 *    finished pages are spooled (spool.h), and at the end each is read back, given its static
 *    content with the numbers now known, and painted.  Without a usable temporary file, COUNT
 *    gives the same PDF.
 * 3. COUNT: the body cites pages.  A first, quiet pass lays out the body only to learn on
 *    which pages each id lands (its lines get no glyph runs, its pages are dropped); the
 *    second lays out and paints as DIRECT does, citing those numbers.
 * Every way gives the same PDF and dump for the documents it can take (tests/engine
 * passes.c checks that through mn_render_doc_passes). */
#include "render.h"

#include <errno.h>
#include <string.h>

#include "base/atomic.h"
#include "base/i18n.h"
#include "fonts.h"
#include "fotree.h"
#include "layout.h"
#include "offpage.h"
#include "page.h"
#include "pdf.h"
#include "render-passes.h"
#include "spool.h"

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
  GHashTable *offpage;      /* source lines already warned about as set off the page (offpage.h) */
  mn_diag *d;               /* where that warning goes */
  const char *file;         /* the file it names */
  const mn_atomic *out;     /* the PDF's file: a failed write (a full disk) stops the layout */
} sink_ctx;

static int
sink (void *data, const mn_area *page)
{
  sink_ctx *s = data;
  mn_offpage_check (page, s->offpage, s->d, s->file);
  if (s->dump)
    mn_area_dump (s->dump, page);
  s->pages++;
  int rc = mn_pdf_page (s->pdf, page);
  if (rc == 0 && mn_atomic_error (s->out))
    rc = MN_EIO;   /* reported by write_failure, with the errno */
  return rc;
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
/* A write to the PDF or the dump failed before the end (cairo saw it mid-page, or at the
 * finish): say so with the error's errno — "No space left on device" — once, and make it an
 * I/O failure (exit 2), whatever the painter returned.  Returns the code to return. */
static int
write_failure (int rc, const mn_atomic *pdf_file, const char *out_path,
               const mn_atomic *dump_file, const mn_render_opts *opts, mn_diag *d)
{
  if (rc == 0 || rc == MN_EINVALID)
    return rc;   /* committed, or the input is wrong: a write error cannot be the cause */
  int e = mn_atomic_error (pdf_file);
  if (e)
    mn_error (d, out_path, 0, _("cannot write the PDF (%s); check the free space"), strerror (e));
  else if ((e = mn_atomic_error (dump_file)))
    mn_error (d, opts->dump_layout, 0, _("cannot write the layout dump (%s); check the free space"), strerror (e));
  return e ? MN_EIO : rc;
}

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
  L->cite_first = L->first_page;
  L->cite_last = L->last_page;
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

/* The pages of the real pass and the counting pass disagree about an id: the numbers the
 * counting pass found changed the layout.  Warn once. */
static void
check_citations (const mn_layout *real, const mn_layout *count, mn_diag *d, const char *file)
{
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, real->last_page);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (g_hash_table_lookup (count->last_page, k) != v
        || g_hash_table_lookup (count->first_page, k) != g_hash_table_lookup (real->first_page, k))
      {
        mn_warning (d, file, 0, _("page citations may be off by a page: the page numbers changed the layout (id \"%s\")"), (const char *) k);
        break;
      }
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
  return rc == 0 ? mn_render_doc_take (out_path, doc, opts, d) : rc;
}

static int render (const char *out_path, const mn_fo_doc *doc, mn_fo_doc *owned,
                   const mn_render_opts *opts, mn_diag *d, mn_passes passes);

int
mn_render_doc_take (const char *out_path, mn_fo_doc *doc, const mn_render_opts *opts, mn_diag *d)
{
  return render (out_path, doc, doc, opts, d, MN_PASSES_AUTO);
}

int
mn_render_doc_passes (const char *out_path, const mn_fo_doc *doc, const mn_render_opts *opts,
                      mn_diag *d, mn_passes passes)
{
  return render (out_path, doc, NULL, opts, d, passes);
}

/* What only the painting needed, freed once cairo is done (mn_pdf_close's `painted`): the
 * publishing stage then holds the whole PDF without the engine's tree beside it. */
typedef struct painted_ctx {
  mn_fo_doc **owned;        /* the input tree, when it is ours to free (else *owned is NULL) */
  mn_spool **spool;         /* the spooled pages, all painted */
  mn_layout *layouts[2];    /* the real and the counting pass's layouts ... */
  int *have[2];             /* ... and whether each is to be cleared */
} painted_ctx;

static void
painted (void *data)
{
  painted_ctx *p = data;
  mn_spool_free (*p->spool);
  *p->spool = NULL;
  for (int i = 0; i < 2; i++)
    if (*p->have[i])
      {
        mn_layout_clear (p->layouts[i]);
        *p->have[i] = 0;
      }
  mn_fo_doc_free (*p->owned);
  *p->owned = NULL;
}

/* The typesetting of `doc`; `owned` is doc itself when the caller hands it over (it is freed
 * as soon as the painting is done, and on every way out), else NULL. */
static int
render (const char *out_path, const mn_fo_doc *doc, mn_fo_doc *owned, const mn_render_opts *opts,
        mn_diag *d, mn_passes passes)
{
  int rc = 0;
  const char *file = opts && opts->source_name ? opts->source_name : "(fo)";
  mn_layout count, real;
  int have_count = 0, have_real = 0;
  mn_atomic pdf_file = MN_ATOMIC_INIT, dump_file = MN_ATOMIC_INIT;
  mn_pdf *pdf = NULL;
  mn_spool *spool = NULL;
  GHashTable *offpage = NULL;
  int strict_saved = d->strict;
  int errors_before = d->errors;  /* an error reported from here on fails the render */
  int body_cites = doc->has_citations && body_cites_pages (doc);
  mn_passes asked = passes;

  if (opts && opts->pages_out)
    *opts->pages_out = 0;
  if (passes == MN_PASSES_AUTO)
    passes = !doc->has_citations ? MN_PASSES_DIRECT : body_cites ? MN_PASSES_COUNT : MN_PASSES_SPOOL;
  if ((passes == MN_PASSES_DIRECT && doc->has_citations) || (passes == MN_PASSES_SPOOL && body_cites))
    {
      mn_fo_doc_free (owned);
      return MN_EFAIL;
    }
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
  if (d->errors > errors_before)
    {
      rc = MN_EINVALID;
      goto out;
    }
  if (passes == MN_PASSES_SPOOL && mn_spool_new (&spool) != 0)
    {
      if (asked != MN_PASSES_AUTO)
        {
          rc = spool_error (d, file);
          goto out;
        }
      passes = MN_PASSES_COUNT;  /* without a temporary file, two passes give the same PDF */
    }
  mn_layout_doc ld = { doc, mn_fonts_context (fonts_once), file, d, opts && opts->dump_layout };

  /* COUNT: learn on which page each id lands, quietly (what goes wrong is reported by the
   * real pass, which meets it again) */
  mn_diag quiet = *d;
  quiet.quiet = 1;
  mn_layout_doc quiet_doc = ld;
  quiet_doc.d = &quiet;
  quiet_doc.keep_text = 0;
  if (passes == MN_PASSES_COUNT)
    {
      mn_layout_init (&count, &quiet_doc, 0);
      have_count = 1;
      mn_page_layout_document (&count, 0, NULL, NULL);
    }

  mn_layout_init (&real, &ld, 1);
  have_real = 1;
  if (have_count)
    {
      real.cite_first = count.first_page;
      real.cite_last = count.last_page;
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
  if ((rc = mn_pdf_open (&pdf, pdf_file.fp, doc, fonts_once, file, d)) != 0)
    goto out;
  offpage = g_hash_table_new (NULL, NULL);
  sink_ctx sc = { pdf, dump_file.fp, 0, offpage, d, file, &pdf_file };
  if (spool)
    {
      rc = mn_page_layout_document (&real, 0, spool_sink, spool);
      if (rc == 0)
        rc = paint_spooled (spool, &real, &sc);
      if (rc == MN_EIO && !mn_atomic_error (&pdf_file))
        spool_error (d, file);
      if (rc != 0)
        goto out;
    }
  else if ((rc = mn_page_layout_document (&real, 1, sink, &sc)) != 0)
    goto out;
  if (have_count)
    check_citations (&real, &count, d, file);
  painted_ctx pc = { &owned, &spool, { &real, &count }, { &have_real, &have_count } };
  rc = mn_pdf_close (pdf, real.first_page, painted, &pc);
  pdf = NULL;
  doc = NULL;   /* (freed if it was ours) */
  if (rc == 0 && d->errors > errors_before)
    rc = MN_EINVALID;
  /* Both files are finished before either replaces its old self: a full disk met by the dump
   * leaves the old PDF too. */
  if (rc == 0 && dump_file.fp && mn_atomic_commit (&dump_file) != 0)
    {
      mn_error (d, opts->dump_layout, 0, _("cannot write the layout dump (%s); check the free space"), strerror (errno));
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
  rc = write_failure (rc, &pdf_file, out_path, &dump_file, opts, d);
  if (offpage)
    g_hash_table_destroy (offpage);
  mn_spool_free (spool);
  mn_pdf_abort (pdf);
  mn_atomic_abort (&pdf_file);
  mn_atomic_abort (&dump_file);
  if (have_real)
    mn_layout_clear (&real);
  if (have_count)
    mn_layout_clear (&count);
  mn_fo_doc_free (owned);
  d->strict = strict_saved;
  return rc;
}
