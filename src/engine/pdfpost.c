/* pdfpost.c: the publishing stage after cairo — libqpdf and HarfBuzz's subsetter finish the
 * PDF for the web and the archive (issue 16).
 *
 * Cairo 1.16 writes a tagged PDF with embedded subsets, but not what a screen reader, an
 * archive (PDF/A-2u) or a web page budget asks for.  Rather than writing PDF syntax of our
 * own, the file cairo wrote (in memory) is read with libqpdf's C API, changed through its
 * object handles, and written again by qpdf:
 *
 * 1. Fonts.  They are embedded as cairo subsets them, without TrueType hinting: the pinned
 *    IPAex files are written unhinted once, at set-up (fonts/unhint.c, HarfBuzz's subsetter,
 *    pinned by sha256 in fonts/MANIFEST).  Until 3 December 2026 this stage took the hinting
 *    out of each PDF instead (inflate, hb-subset, deflate of every font program: a tenth of
 *    a build's instructions), with the same result.
 * 2. Catalogue: /Lang from xml:lang of the FO root (PDF 1.7 §14.9.2), /ViewerPreferences
 *    << /DisplayDocTitle true >>, /MarkInfo << /Marked true >>, an XMP metadata stream whose
 *    properties repeat the Info dictionary (PDF/A-2 §6.6.2.3, ISO 16684-1: dc:title,
 *    dc:creator, dc:description, dc:language, xmp:CreateDate, xmp:ModifyDate,
 *    xmp:CreatorTool, pdf:Producer, pdf:Keywords, pdfaid:part 2, pdfaid:conformance U), and
 *    an sRGB output intent (/S /GTS_PDFA1) with the pinned ICC profile (fonts/MANIFEST).
 *    The XMP is an XML document built and serialised with libxml2.
 * 3. Info: cairo 1.16 writes its dates without the "D:" prefix; they are written again in
 *    the form of PDF 1.7 §7.9.4, the same instant as the XMP's.  /Producer names the
 *    libraries that made the bytes (cairo, qpdf, HarfBuzz and their versions).
 * 4. Pages: /Tabs /S (tab order follows the structure, PDF/UA); every annotation gets /F 4
 *    (printed, PDF/A-2 §6.3.2).  Cairo writes a resource dictionary for every page, mostly
 *    the same one: pages whose dictionaries are equal share one object.
 * 5. Structure (cairo 1.16 tags take no attributes): each TH gets /A << /O /Table /Scope
 *    /Column >> or /Row, in the order the painter opened them (mn_pdfpost_doc.th_scopes);
 *    each Link gets /Alt, and its link annotation /Contents, from the painter's alternate
 *    text (PDF/UA-1 §7.18.5).  Structure elements are visited in document order, which is
 *    the order cairo made them.
 * 6. Writing: into a temporary file (qpdf writes only to a file name or to memory), then
 *    copied to the caller's output; object streams (qpdf_o_generate), compressed streams (the XMP stays
 *    uncompressed, as qpdf leaves /Type /Metadata streams), unreferenced objects dropped,
 *    and a deterministic /ID (an MD5 of the written file, qpdf_set_deterministic_ID), so
 *    the same FO still gives the same bytes.
 *
 * qpdf's C API reports errors through qpdf_has_error (it never throws through C); it is
 * checked after reading, before writing and after writing; an error writes nothing to the
 * output and returns MN_EFAIL. */
#include "pdfpost.h"

#include <cairo.h>
#include <hb.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "base/i18n.h"
#include "pdfstruct.h"

/* === 2. the XMP packet (libxml2) === */

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

typedef struct xmp_ns {
  xmlNsPtr dc, xmp, pdf, pdfaid, rdf, xml;
} xmp_ns;

/* <dc:NAME><rdf:CONTAINER><rdf:li [xml:lang="x-default"]>VALUE</rdf:li>… */
static void
xmp_container (xmlNodePtr desc, const xmp_ns *ns, const char *name, const char *container,
               const char *value)
{
  if (!value)
    return;
  xmlNodePtr prop = xmlNewChild (desc, ns->dc, BAD_CAST name, NULL);
  xmlNodePtr c = xmlNewChild (prop, ns->rdf, BAD_CAST container, NULL);
  xmlNodePtr li = xmlNewTextChild (c, ns->rdf, BAD_CAST "li", BAD_CAST value);
  if (!strcmp (container, "Alt"))
    xmlNewNsProp (li, ns->xml, BAD_CAST "lang", BAD_CAST "x-default");
}

static void
xmp_simple (xmlNodePtr desc, xmlNsPtr ns, const char *name, const char *value)
{
  if (value)
    xmlNewTextChild (desc, ns, BAD_CAST name, BAD_CAST value);
}

/* The metadata packet, as a new GString. */
static GString *
xmp_packet (const mn_pdfpost_doc *doc, const char *producer)
{
  xmlDocPtr x = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr meta = xmlNewDocNode (x, NULL, BAD_CAST "xmpmeta", NULL);
  xmlDocSetRootElement (x, meta);
  xmlSetNs (meta, xmlNewNs (meta, BAD_CAST "adobe:ns:meta/", BAD_CAST "x"));
  xmp_ns ns;
  ns.rdf = xmlNewNs (meta, BAD_CAST RDF_NS, BAD_CAST "rdf");
  xmlNodePtr rdf = xmlNewChild (meta, ns.rdf, BAD_CAST "RDF", NULL);
  xmlNodePtr desc = xmlNewChild (rdf, ns.rdf, BAD_CAST "Description", NULL);
  xmlNewNsProp (desc, ns.rdf, BAD_CAST "about", BAD_CAST "");
  ns.dc = xmlNewNs (desc, BAD_CAST "http://purl.org/dc/elements/1.1/", BAD_CAST "dc");
  ns.xmp = xmlNewNs (desc, BAD_CAST "http://ns.adobe.com/xap/1.0/", BAD_CAST "xmp");
  ns.pdf = xmlNewNs (desc, BAD_CAST "http://ns.adobe.com/pdf/1.3/", BAD_CAST "pdf");
  ns.pdfaid = xmlNewNs (desc, BAD_CAST "http://www.aiim.org/pdfa/ns/id/", BAD_CAST "pdfaid");
  ns.xml = xmlSearchNs (x, meta, BAD_CAST "xml");
  xmp_simple (desc, ns.dc, "format", "application/pdf");
  xmp_container (desc, &ns, "title", "Alt", doc->title);
  xmp_container (desc, &ns, "creator", "Seq", doc->author);
  xmp_container (desc, &ns, "description", "Alt", doc->subject);
  xmp_container (desc, &ns, "language", "Bag", doc->lang);
  xmp_simple (desc, ns.xmp, "CreatorTool", doc->creator);
  xmp_simple (desc, ns.xmp, "CreateDate", doc->date);
  xmp_simple (desc, ns.xmp, "ModifyDate", doc->date);
  xmp_simple (desc, ns.pdf, "Producer", producer);
  xmp_simple (desc, ns.pdf, "Keywords", doc->keywords);
  xmp_simple (desc, ns.pdfaid, "part", "2");
  xmp_simple (desc, ns.pdfaid, "conformance", "U");
  /* The packet wrapper (XMP part 1, §7.3): begin carries U+FEFF, end="w" a writable packet. */
  xmlAddPrevSibling (meta, xmlNewDocPI (x, BAD_CAST "xpacket",
                                        BAD_CAST "begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\""));
  xmlAddNextSibling (meta, xmlNewDocPI (x, BAD_CAST "xpacket", BAD_CAST "end=\"w\""));

  xmlBufferPtr buf = xmlBufferCreate ();
  xmlSaveCtxtPtr save = xmlSaveToBuffer (buf, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_FORMAT);
  xmlSaveDoc (save, x);
  xmlSaveClose (save);
  GString *s = g_string_new_len ((const char *) xmlBufferContent (buf), xmlBufferLength (buf));
  xmlBufferFree (buf);
  xmlFreeDoc (x);
  return s;
}

/* === 3. dates === */

/* "YYYY-MM-DDThh:mm:ss" + "Z" or "±hh:mm" (as pdf.c's cairo_date writes it) ->
 * "D:YYYYMMDDhhmmss" + "Z" or "±hh'mm'" (PDF 1.7 §7.9.4); NULL if it is not in that form. */
static char *
pdf_date (const char *iso)
{
  GString *d = g_string_new ("D:");
  const char *p = iso;
  for (; *p && p - iso < 19; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d, *p);
  if (d->len != 16)
    ;
  else if (!strcmp (p, "Z"))
    {
      g_string_append_c (d, 'Z');
      return g_string_free (d, FALSE);
    }
  else if ((p[0] == '+' || p[0] == '-') && strlen (p) == 6 && p[3] == ':')
    {
      g_string_append_printf (d, "%.3s'%.2s'", p, p + 4);
      return g_string_free (d, FALSE);
    }
  g_string_free (d, TRUE);
  return NULL;
}

/* === 5. structure === */

typedef struct walk_ctx {
  qpdf_data q;
  const mn_pdfpost_doc *doc;
  size_t th;                /* THs seen so far */
  guint links;              /* Links seen so far */
  int depth;                /* nesting, bounded against a loop in the tree */
} walk_ctx;

/* qpdf's C API keeps every handle it gives until it is released: on a 1,000-page document
 * the walks below would otherwise hold millions.  Each function releases the handles it
 * made; a handle passed to a function named "taken" is released by it. */

/* dict[key] = value (taken) */
static void
put (qpdf_data q, qpdf_oh dict, const char *key, qpdf_oh value)
{
  qpdf_oh_replace_key (q, dict, key, value);
  qpdf_oh_release (q, value);
}

/* The link annotation of each /OBJR kid of Link element `e` gets /Contents `alt`. */
static void
link_contents (qpdf_data q, qpdf_oh e, const char *alt)
{
  qpdf_oh k = qpdf_oh_get_key (q, e, "/K");
  int n = qpdf_oh_is_array (q, k) ? qpdf_oh_get_array_n_items (q, k) : 1;
  for (int i = 0; i < n; i++)
    {
      qpdf_oh kid = qpdf_oh_is_array (q, k) ? qpdf_oh_get_array_item (q, k, i) : k;
      qpdf_oh type = qpdf_oh_get_key (q, kid, "/Type");
      if (qpdf_oh_is_name_and_equals (q, type, "/OBJR"))
        {
          qpdf_oh annot = qpdf_oh_get_key (q, kid, "/Obj");
          put (q, annot, "/Contents", qpdf_oh_new_unicode_string (q, alt));
          qpdf_oh_release (q, annot);
        }
      qpdf_oh_release (q, type);
      if (kid != k)
        qpdf_oh_release (q, kid);
    }
  qpdf_oh_release (q, k);
}

static void walk_kids (walk_ctx *w, qpdf_oh k);

/* `e` is taken. */
static void
walk_element (walk_ctx *w, qpdf_oh e)
{
  qpdf_data q = w->q;
  if (!mn_pdfstruct_is_elem (q, e))
    {
      qpdf_oh_release (q, e);
      return;
    }
  qpdf_oh s = qpdf_oh_get_key (q, e, "/S");
  if (qpdf_oh_is_name_and_equals (q, s, "/TH"))
    {
      char scope = w->th < strlen (w->doc->th_scopes) ? w->doc->th_scopes[w->th] : 'C';
      w->th++;
      qpdf_oh a = qpdf_oh_new_dictionary (q);
      put (q, a, "/O", qpdf_oh_new_name (q, "/Table"));
      put (q, a, "/Scope", qpdf_oh_new_name (q, scope == 'R' ? "/Row" : "/Column"));
      put (q, e, "/A", a);
    }
  else if (qpdf_oh_is_name_and_equals (q, s, "/Link"))
    {
      const char *alt = w->doc->link_alts && w->links < w->doc->link_alts->len
                        ? g_ptr_array_index (w->doc->link_alts, w->links) : NULL;
      w->links++;
      if (alt && *alt)
        {
          put (q, e, "/Alt", qpdf_oh_new_unicode_string (q, alt));
          link_contents (q, e, alt);
        }
    }
  qpdf_oh_release (q, s);
  walk_kids (w, qpdf_oh_get_key (q, e, "/K"));
  qpdf_oh_release (q, e);
}

/* `k` is taken. */
static void
walk_kids (walk_ctx *w, qpdf_oh k)
{
  qpdf_data q = w->q;
  if (++w->depth > 256)
    qpdf_oh_release (q, k);
  else if (qpdf_oh_is_array (q, k))
    {
      int n = qpdf_oh_get_array_n_items (q, k);
      for (int i = 0; i < n; i++)
        walk_element (w, qpdf_oh_get_array_item (q, k, i));
      qpdf_oh_release (q, k);
    }
  else
    walk_element (w, k);
  w->depth--;
}

/* === the stage === */

static void
set_info_date (qpdf_data q, qpdf_oh info, const char *key, const char *date)
{
  if (date)
    qpdf_oh_replace_key (q, info, key, qpdf_oh_new_string (q, date));
  else
    qpdf_oh_remove_key (q, info, key);
}

/* The output intent: sRGB, with the pinned profile.  Returns 0, or -1 if it is unreadable. */
static int
add_output_intent (qpdf_data q, qpdf_oh root, const char *icc_path)
{
  gchar *icc = NULL;
  gsize icc_len = 0;
  if (!icc_path || !g_file_get_contents (icc_path, &icc, &icc_len, NULL))
    return -1;
  qpdf_oh profile = qpdf_oh_new_stream (q);
  qpdf_oh_replace_stream_data (q, profile, (const unsigned char *) icc, icc_len,
                               qpdf_oh_new_null (q), qpdf_oh_new_null (q));
  qpdf_oh_replace_key (q, qpdf_oh_get_dict (q, profile), "/N", qpdf_oh_new_integer (q, 3));
  g_free (icc);
  qpdf_oh intent = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, intent, "/Type", qpdf_oh_new_name (q, "/OutputIntent"));
  qpdf_oh_replace_key (q, intent, "/S", qpdf_oh_new_name (q, "/GTS_PDFA1"));
  qpdf_oh_replace_key (q, intent, "/OutputConditionIdentifier", qpdf_oh_new_string (q, "sRGB IEC61966-2.1"));
  qpdf_oh_replace_key (q, intent, "/Info", qpdf_oh_new_string (q, "sRGB IEC61966-2.1"));
  qpdf_oh_replace_key (q, intent, "/DestOutputProfile", profile);
  qpdf_oh intents = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, intents, intent);
  qpdf_oh_replace_key (q, root, "/OutputIntents", intents);
  return 0;
}

/* Copy the file `path` to `out`.  Returns 0, or -1 with errno set. */
static int
copy_to (FILE *out, const char *path)
{
  FILE *in = fopen (path, "rb");
  char buf[65536];
  size_t n;
  int rc = in ? 0 : -1;
  while (rc == 0 && (n = fread (buf, 1, sizeof buf, in)) > 0)
    if (fwrite (buf, 1, n, out) != n)
      rc = -1;
  if (in && ferror (in))
    rc = -1;
  if (in)
    fclose (in);
  return rc;
}

int
mn_pdfpost_run (FILE *out, const char *in_path, const mn_pdfpost_doc *doc, const char *file,
                mn_diag *d)
{
  int rc = 0;
  char *out_path = NULL;
  qpdf_data q = qpdf_init ();
  GHashTable *resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *xmp = NULL;
  GMappedFile *raw = NULL;      /* cairo's file, read by qpdf */
  char *producer = NULL, *date = doc->date ? pdf_date (doc->date) : NULL;
  const char *what = "reading";

  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  /* cairo's file is read mapped: qpdf reading a file seeks before every read (thousands of
   * lseek calls a page); from memory it does not.  The mapping lives until qpdf is done
   * (it reads stream data while writing). */
  raw = g_mapped_file_new (in_path, FALSE, NULL);
  if (!raw)
    {
      mn_error (d, file, 0, _("cannot write the PDF's temporary file in %s: %s"), g_get_tmp_dir (),
                g_strerror (errno));
      rc = MN_EIO;
      goto out;
    }
  if (qpdf_read_memory (q, in_path, g_mapped_file_get_contents (raw), g_mapped_file_get_length (raw), NULL)
      & QPDF_ERRORS)
    goto qpdf_failed;
  qpdf_oh root = qpdf_get_root (q);
  qpdf_oh info = qpdf_oh_get_key (q, qpdf_get_trailer (q), "/Info");

  /* 1. fonts, page by page; 4. pages */
  what = "sharing the pages' resources";
  int npages = qpdf_get_num_pages (q);
  for (int i = 0; i < npages; i++)
    {
      qpdf_oh page = qpdf_get_page_n (q, (size_t) i);
      qpdf_oh res = qpdf_oh_get_key (q, page, "/Resources");
      /* cairo writes each page's resource dictionary anew, most often the same as the last
       * page's: pages with equal ones share the first (qpdf drops the others) */
      if (qpdf_oh_is_indirect (q, res))
        {
          char *key = g_strdup (qpdf_oh_unparse_resolved (q, res));
          gpointer first = g_hash_table_lookup (resources, key);
          if (first)
            {
              qpdf_oh_replace_key (q, page, "/Resources", (qpdf_oh) GPOINTER_TO_UINT (first));
              g_free (key);
              qpdf_oh_release (q, res);
            }
          else
            g_hash_table_insert (resources, key, GUINT_TO_POINTER (res));
        }
      else
        qpdf_oh_release (q, res);
      put (q, page, "/Tabs", qpdf_oh_new_name (q, "/S"));
      qpdf_oh annots = qpdf_oh_get_key (q, page, "/Annots");
      int n = qpdf_oh_is_array (q, annots) ? qpdf_oh_get_array_n_items (q, annots) : 0;
      for (int k = 0; k < n; k++)
        {
          qpdf_oh annot = qpdf_oh_get_array_item (q, annots, k);
          put (q, annot, "/F", qpdf_oh_new_integer (q, 4));
          qpdf_oh_release (q, annot);
        }
      qpdf_oh_release (q, annots);
      qpdf_oh_release (q, page);
    }

  /* 3. Info */
  what = "writing the document information";
  producer = g_strdup_printf ("minutes %s (cairo %s, qpdf %s, HarfBuzz %s)", MN_VERSION,
                              cairo_version_string (), qpdf_get_qpdf_version (), hb_version_string ());
  if (!qpdf_oh_is_dictionary (q, info))
    {
      info = qpdf_make_indirect_object (q, qpdf_oh_new_dictionary (q));
      qpdf_oh_replace_key (q, qpdf_get_trailer (q), "/Info", info);
    }
  qpdf_oh_replace_key (q, info, "/Producer", qpdf_oh_new_unicode_string (q, producer));
  set_info_date (q, info, "/CreationDate", date);
  set_info_date (q, info, "/ModDate", date);

  /* 2. catalogue */
  what = "writing the catalogue";
  if (doc->lang)
    qpdf_oh_replace_key (q, root, "/Lang", qpdf_oh_new_unicode_string (q, doc->lang));
  qpdf_oh prefs = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, prefs, "/DisplayDocTitle", qpdf_oh_new_bool (q, QPDF_TRUE));
  qpdf_oh_replace_key (q, root, "/ViewerPreferences", prefs);
  qpdf_oh mark = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, mark, "/Marked", qpdf_oh_new_bool (q, QPDF_TRUE));
  qpdf_oh_replace_key (q, root, "/MarkInfo", mark);
  xmp = xmp_packet (doc, producer);
  qpdf_oh meta = qpdf_oh_new_stream (q);
  qpdf_oh_replace_stream_data (q, meta, (const unsigned char *) xmp->str, xmp->len,
                               qpdf_oh_new_null (q), qpdf_oh_new_null (q));
  qpdf_oh_replace_key (q, qpdf_oh_get_dict (q, meta), "/Type", qpdf_oh_new_name (q, "/Metadata"));
  qpdf_oh_replace_key (q, qpdf_oh_get_dict (q, meta), "/Subtype", qpdf_oh_new_name (q, "/XML"));
  qpdf_oh_replace_key (q, root, "/Metadata", meta);
  if (add_output_intent (q, root, doc->icc_path) != 0)
    {
      mn_error (d, doc->icc_path, 0, _("cannot read the sRGB colour profile the PDF embeds; run `sh fonts/fetch` (it is pinned in fonts/MANIFEST)"));
      rc = MN_EFAIL;
      goto out;
    }

  /* 5. structure: the parts of an element continued over pages joined into one (issue 14,
   * pdfstruct.h), then the attributes cairo cannot write */
  what = "joining the structure elements continued over pages";
  if (mn_pdfstruct_any (doc->continues, doc->ncontinues)
      && mn_pdfstruct_join (q, doc->continues, doc->ncontinues) != 0)
    {
      if (qpdf_has_error (q))
        goto qpdf_failed;
      mn_error (d, file, 0, _("the PDF's structure tree is not the one the painter made; the PDF is not written (report this)"));
      rc = MN_EFAIL;
      goto out;
    }
  what = "adding structure attributes";
  walk_ctx w = { q, doc, 0, 0, 0 };
  walk_kids (&w, qpdf_oh_get_key (q, qpdf_oh_get_key (q, root, "/StructTreeRoot"), "/K"));
  if (qpdf_has_error (q))
    goto qpdf_failed;

  /* 6. writing */
  what = "writing";
  int fd = g_file_open_tmp ("minutes-XXXXXX.pdf", &out_path, NULL);
  if (fd < 0)
    {
      mn_error (d, file, 0, _("cannot create a temporary file in %s for the PDF; check that the folder is writable (TMPDIR)"),
                g_get_tmp_dir ());
      rc = MN_EIO;
      goto out;
    }
  close (fd);
  if (qpdf_init_write (q, out_path) & QPDF_ERRORS)
    goto qpdf_failed;
  qpdf_set_object_stream_mode (q, qpdf_o_generate);
  qpdf_set_compress_streams (q, QPDF_TRUE);
  qpdf_set_stream_data_mode (q, qpdf_s_compress);
  qpdf_set_deterministic_ID (q, QPDF_TRUE);
  if (qpdf_write (q) & QPDF_ERRORS)
    goto qpdf_failed;
  if (copy_to (out, out_path) != 0)
    rc = MN_EIO;  /* the caller reports it, with errno */
  goto out;

qpdf_failed:
  {
    qpdf_error e = qpdf_get_error (q);
    if (e && qpdf_get_error_code (q, e) == qpdf_e_system)
      {
        /* the temporary files: a full or unwritable $TMPDIR */
        mn_error (d, file, 0, _("cannot write the PDF's temporary file in %s: %s"), g_get_tmp_dir (),
                  qpdf_get_error_full_text (q, e));
        rc = MN_EIO;
        goto out;
      }
    mn_error (d, file, 0, _("the PDF could not be finished (qpdf, %s): %s; this is a bug in minutes, please report it"),
              what, e ? qpdf_get_error_full_text (q, e) : "?");
    rc = MN_EFAIL;
    goto out;
  }
out:
  if (xmp)
    g_string_free (xmp, TRUE);
  g_free (producer);
  g_free (date);
  g_hash_table_destroy (resources);
  qpdf_cleanup (&q);
  if (raw)
    g_mapped_file_unref (raw);
  if (out_path)
    g_unlink (out_path);
  g_free (out_path);
  return rc;
}
