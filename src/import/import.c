/* import.c: legacy minutes text (the seed's table form, or speaker turns) → session XML.
 *
 * The model.  Legacy minutes reach us as text extracted from published PDFs or web pages.
 * We read it line by line (CRLF or LF, UTF-8 or a legacy encoding converted with
 * g_convert) and recognise one of these forms:
 *
 *   1. the table form of the seed (../shared/seed): header rows `LABEL\tvalue`, then
 *      `諮問事項N` sections with a Q&A table (`番号\t質問\t区の考え方`, one row a line, cells
 *      possibly holding `<p>…</p>` fragments, rows possibly wrapped onto several lines),
 *      `意見` bullets, and `要望事項` with `要望N:`/`回答N:` blocks;
 *   2. a verbatim record of speaker turns (○speaker, ◎ head, 〔 〕 stage note, ―― rule),
 *      as plain text, as a TEI/Parla-CLARIN XML fragment (read with libxml2), or as a
 *      DiscussNet JSON record (read with json-glib; its bodies are read as plain text).
 *
 * The rule that overrides every other: no character of the source is lost.  Labels the
 * stylesheets print again (名称, 諮問事項N, 要望N:, the ・ before an opinion, the ○ before a
 * speaker, a rule line between turns) become structure; everything else is kept as text.  A
 * line we cannot place with confidence becomes a paragraph in the nearest sensible
 * container, with a warning.  (One mark has no place in the format: the ◎ DiscussNet puts
 * before an answer's speaker; the turn is kept, and a warning says the mark prints as ○.)
 *
 * Parts of the session are built as detached nodes while reading (the header parts, the
 * inquiries, the requests, the speech record) and put together in schema order at the end,
 * so a header row found late still lands where the schema wants it.  Dates go through
 * era.h, the conversion `minutes validate` checks them with.
 *
 * The modules (their names shared through import-internal.h): this file reads and decodes
 * the file, tells the forms apart, builds the nodes every form uses, assembles the session
 * and writes it; import-text.c holds the text and era-date helpers; import-table.c reads the
 * table form, import-speech.c speaker turns in plain text, import-tei.c TEI records and
 * import-json.c DiscussNet JSON records (whose bodies it hands to import-speech.c).
 *
 * Known gaps: role/name split of a speaker without brackets relies on the file's roster
 * roles and a list of role words (roles missing from both stay with the name, with a
 * warning); a roster whose columns are neither seats nor roles is split by honorifics (君)
 * or wide gaps only; typos (<sic>) and text cut off mid-file (<cut/>) are never guessed.
 */
#include "import.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "base/atomic.h"
#include "base/i18n.h"
#include "base/infile.h"
#include "import-internal.h"
#include "session/load.h"

/* === building nodes === */

xmlNodePtr
imp_new_part (importer *im, const char *name)
{
  return xmlNewDocNode (im->doc, im->ns, BAD_CAST name, NULL);
}

/* The part in `*slot`, created (detached) on first use. */
xmlNodePtr
imp_part (importer *im, xmlNodePtr *slot, const char *name)
{
  if (!*slot)
    *slot = imp_new_part (im, name);
  return *slot;
}

xmlNodePtr
imp_child (xmlNodePtr parent, const char *name)
{
  return xmlNewChild (parent, NULL, BAD_CAST name, NULL);
}

/* Set attr="N" on `node` (numbers the stylesheets print: n, number, fiscal-year). */
void
imp_set_number (xmlNodePtr node, const char *attr, long n)
{
  char buf[24];
  snprintf (buf, sizeof buf, "%ld", n);
  xmlSetProp (node, BAD_CAST attr, BAD_CAST buf);
}

void
imp_add_text (xmlNodePtr parent, const char *text, size_t len)
{
  if (len > 0)
    xmlNodeAddContentLen (parent, BAD_CAST text, (int) len);
}

/* Append inline content: text, with URLs made links and <br> tags made <br/>. */
void
imp_add_inline (xmlNodePtr parent, const char *text)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("https?://[A-Za-z0-9._~:/?#\\[\\]@!$&'*+,;=%-]+|<br\\s*/?>", G_REGEX_CASELESS, 0, NULL);
  GMatchInfo *mi = NULL;
  const char *done = text;
  g_regex_match (re, text, 0, &mi);
  while (g_match_info_matches (mi))
    {
      int s, e;
      g_match_info_fetch_pos (mi, 0, &s, &e);
      imp_add_text (parent, done, (size_t) (text + s - done));
      if (text[s] == '<')
        imp_child (parent, "br");
      else
        {
          char *url = g_strndup (text + s, e - s);
          xmlNodePtr a = imp_child (parent, "a");
          xmlSetProp (a, BAD_CAST "href", BAD_CAST url);
          imp_add_text (a, url, strlen (url));
          g_free (url);
        }
      done = text + e;
      g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
  imp_add_text (parent, done, strlen (done));
}

/* The same for `text` without white space at either end. */
void
imp_add_inline_trimmed (xmlNodePtr parent, const char *text)
{
  char *t = imp_trim_dup (text);
  imp_add_inline (parent, t);
  g_free (t);
}

/* Remember `block` as the one that received text last: a source cut off mid-sentence gets
 * its <cut/> there (mn_import_load). */
void
imp_last_block (importer *im, xmlNodePtr block, long lineno)
{
  im->last_p = block;
  im->last_line = lineno;
  /* the source line stays on the node (xmlGetLineNo), for messages about it later */
  if (lineno > 0 && lineno < 65535)
    block->line = (unsigned short) lineno;
}

/* Add a paragraph holding `text` (trimmed) to `parent`; returns it. */
xmlNodePtr
imp_add_p (importer *im, xmlNodePtr parent, const char *text, long lineno)
{
  xmlNodePtr p = imp_child (parent, "p");
  imp_add_inline_trimmed (p, text);
  imp_last_block (im, p, lineno);
  return p;
}

/* Continue the last paragraph of `parent` with `text` if that paragraph does not end a
 * sentence (a line wrapped in the source); else start a new paragraph. */
void
imp_add_p_or_continue (importer *im, xmlNodePtr parent, const char *text, long lineno)
{
  xmlNodePtr last = xmlGetLastChild (parent);
  if (last && last->type == XML_ELEMENT_NODE && xmlStrEqual (last->name, BAD_CAST "p"))
    {
      xmlChar *have = xmlNodeGetContent (last);
      int ends = imp_ends_sentence ((const char *) have);
      xmlFree (have);
      if (!ends)
        {
          imp_add_inline_trimmed (last, text);
          imp_last_block (im, last, lineno);
          return;
        }
    }
  imp_add_p (im, parent, text, lineno);
}

/* The <held> part, created on first use (manner "meeting" until told otherwise). */
xmlNodePtr
imp_held (importer *im)
{
  if (!im->held)
    {
      im->held = imp_new_part (im, "held");
      xmlSetProp (im->held, BAD_CAST "manner", BAD_CAST "meeting");
    }
  return im->held;
}

/* How a note says the session was held. */
const char *
imp_manner_of (const char *note)
{
  if (strstr (note, "書面"))
    return "written";
  if (strstr (note, "併用") || strstr (note, "ハイブリッド"))
    return "hybrid";
  if (strstr (note, "オンライン") || strstr (note, "Ｗｅｂ会議") || strstr (note, "Web会議")
      || strstr (note, "ウェブ会議"))
    return "online";
  return NULL;
}

/* A paragraph of <held> from the header of the source; a note that says how the session
 * was held (書面, オンライン, 併用 …) also sets <held manner>. */
void
imp_add_held_note (importer *im, const char *text, long lineno)
{
  imp_add_p (im, imp_held (im), text, lineno);
  const char *manner = imp_manner_of (text);
  if (manner)
    xmlSetProp (im->held, BAD_CAST "manner", BAD_CAST manner);
}

/* A note of the record (<stage>) at the end of the speech record, holding `text` as is. */
void
imp_add_stage (importer *im, const char *text, long lineno)
{
  xmlNodePtr st = imp_child (im->speech, "stage");
  imp_add_inline (st, text);
  imp_last_block (im, st, lineno);
}

void
imp_line_free (gpointer l)
{
  line *ln = l;
  g_free (ln->text);
  g_free (ln);
}

/* Keep an unplaceable line as a paragraph of <held>, with a warning. */
void
imp_keep_in_held (importer *im, const line *l, const char *why)
{
  mn_warning (im->d, im->name, l->no, _("%s; kept as a paragraph of the session's note (<held>): check where it belongs"), why);
  imp_add_p (im, imp_held (im), l->text, l->no);
}

/* === reading and decoding === */

/* The line (1-based) holding byte `off` of `buf`. */
long
imp_line_of (const char *buf, size_t off)
{
  long n = 1;
  for (size_t i = 0; i < off; i++)
    if (buf[i] == '\n')
      n++;
  return n;
}

static int
decode (char **out, size_t *out_len, char *raw, size_t len, const char *encoding,
        const char *name, mn_diag *d)
{
  /* a UTF-16 byte-order mark (Windows' "Unicode" text) says the encoding by itself */
  if (!encoding && len >= 2 && (((unsigned char) raw[0] == 0xFF && (unsigned char) raw[1] == 0xFE)
                                || ((unsigned char) raw[0] == 0xFE && (unsigned char) raw[1] == 0xFF)))
    encoding = "UTF-16";
  int utf8 = !encoding || g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0;
  if (utf8)
    {
      const char *end;
      if (!g_utf8_validate (raw, (gssize) len, &end))
        {
          /* Text files of Japanese minutes that are not UTF-8 are nearly all CP932 (Windows'
           * Shift_JIS, with 﨑 髙 ① and the other vendor characters); say the one that reads
           * the whole file, CP932 when it does, else whatever legacy encoding does. */
          static const char *const legacy[] = { "CP932", "EUC-JP", "SHIFT_JIS" };
          const char *fits = NULL;
          for (size_t k = 0; k < G_N_ELEMENTS (legacy) && !fits; k++)
            {
              char *conv = g_convert (raw, (gssize) len, "UTF-8", legacy[k], NULL, NULL, NULL);
              if (conv)
                fits = legacy[k];
              g_free (conv);
            }
          if (fits)
            mn_error (d, name, imp_line_of (raw, (size_t) (end - raw)),
                      _("this line holds bytes that are not UTF-8; the whole file reads as %s: import it with --encoding %s"),
                      fits, fits);
          else
            mn_error (d, name, imp_line_of (raw, (size_t) (end - raw)),
                      _("this line holds bytes that are not UTF-8, and the file is not CP932 (Windows' Shift_JIS) or EUC-JP either; find out its encoding and give it with --encoding"));
          return MN_EINVALID;
        }
      *out = raw;
      *out_len = len;
      return 0;
    }
  GIConv cd = g_iconv_open ("UTF-8", encoding);
  if (cd == (GIConv) -1)
    {
      mn_error (d, name, 0, _("unknown encoding '%s'; give one iconv knows, such as SHIFT_JIS, CP932 or EUC-JP"), encoding);
      return MN_EIO;
    }
  g_iconv_close (cd);
  GError *err = NULL;
  gsize read = 0, written = 0;
  char *conv = g_convert (raw, (gssize) len, "UTF-8", encoding, &read, &written, &err);
  if (!conv)
    {
      mn_error (d, name, imp_line_of (raw, read),
                _("this line holds bytes that are not valid %s; check the file's encoding and give the right one with --encoding"), encoding);
      g_clear_error (&err);
      return MN_EINVALID;
    }
  g_free (raw);
  *out = conv;
  *out_len = written;
  return 0;
}

/* Split `buf` in place into lines (LF or CRLF). */
void
imp_split_lines (importer *im, char *buf, size_t len)
{
  size_t cap = 64;
  im->lines = g_new (line, cap);
  im->n_lines = 0;
  im->ends_with_newline = len > 0 && buf[len - 1] == '\n';
  char *s = buf;
  long no = 1;
  while (s < buf + len)
    {
      char *nl = memchr (s, '\n', (size_t) (buf + len - s));
      char *end = nl ? nl : buf + len;
      if (end > s && end[-1] == '\r')
        end[-1] = '\0';
      *end = '\0';
      if (im->n_lines == cap)
        im->lines = g_renew (line, im->lines, cap *= 2);
      im->lines[im->n_lines].text = s;
      im->lines[im->n_lines].no = no++;
      im->n_lines++;
      s = end + 1;
      if (!nl)
        break;
    }
}

/* The provenance lines (SOURCE: …) before a TEI or JSON record, one a call.  While the line
 * at *p does not begin (after spaces, tabs and CRs) with `opener`, returns 1 with the line
 * (without its LF) in [*start, *stop) and *p moved to the next line; then returns 0 with *p
 * at the opener, or at `end`. */
int
imp_provenance_line (const char **p, const char *end, char opener, const char **start,
                     const char **stop)
{
  if (*p >= end)
    return 0;
  const char *q = *p;
  while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
    q++;
  if (q < end && *q == opener)
    {
      *p = q;
      return 0;
    }
  const char *nl = memchr (*p, '\n', (size_t) (end - *p));
  *start = *p;
  *stop = nl ? nl : end;
  *p = nl ? nl + 1 : end;
  return 1;
}

/* The speech form is chosen when none of the table form's marks appear and lines open with
 * a mark (○ ◎ ● ◯ 〇 …) or with a speaker closed by a bracket (谷田川委員長)…) or numbered
 * (12　議長（…）…): import-speech.c learns which from the file itself. */
static int
looks_like_speech (importer *im)
{
  int turns = 0, table = 0;
  static GRegex *unmarked;
  if (!unmarked)
    unmarked = g_regex_new ("^(?:[0-9０-９]+[ 　])?[^\\s　()（）]{1,20}(?:[)）]\\S|[（(][^）)]{1,20}[）)][ 　]\\S)", 0, 0, NULL);
  for (size_t i = 0; i < im->n_lines; i++)
    {
      const char *s = im->lines[i].text;
      char *t = imp_trim_dup (s);
      if (*t && imp_is_mark (g_utf8_get_char (t)))
        turns++;
      else if (g_regex_match (unmarked, s, 0, NULL))
        turns++;
      if (imp_table_mark (s))
        table++;
      g_free (t);
    }
  return turns > 0 && table == 0;
}

/* What the text is: plain minutes text, or (after provenance lines such as SOURCE: …) a
 * TEI XML record. */
enum source_kind { SRC_TEXT, SRC_TEI, SRC_JSON };

static enum source_kind
source_kind_of (const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      const char *le = nl ? nl : end;
      const char *q = p;
      while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      if (q == le || g_str_has_prefix (q, "SOURCE:") || g_str_has_prefix (q, "DERIVED"))
        {
          p = nl ? nl + 1 : end;
          continue;
        }
      if (*q == '<' && (g_strstr_len (q, end - q, "<u ") || g_strstr_len (q, end - q, "<u>")))
        return SRC_TEI;
      if (*q == '{' && g_strstr_len (q, end - q, "\"body\""))
        return SRC_JSON;
      return SRC_TEXT;
    }
  return SRC_TEXT;
}

/* === assembling === */

static void
assemble (importer *im)
{
  xmlNodePtr root = xmlDocGetRootElement (im->doc);
  /* the provenance of a scraped record, as a comment before the session */
  if (im->provenance)
    {
      g_string_append (im->provenance, "\n");
      xmlAddPrevSibling (root, xmlNewDocComment (im->doc, BAD_CAST im->provenance->str));
    }
  xmlNodePtr parts[] = { im->title, im->council, im->dates, im->held, im->place, im->attendees,
                         im->materials, im->agenda };
  for (size_t k = 0; k < G_N_ELEMENTS (parts); k++)
    if (parts[k])
      xmlAddChild (root, parts[k]);
  while (im->agendas && im->agendas->children)
    {
      xmlNodePtr c = im->agendas->children;
      xmlUnlinkNode (c);
      xmlAddChild (root, c);
    }
  if (im->record_note)
    xmlAddChild (root, im->record_note);
  if (im->remarks)
    xmlAddChild (root, im->remarks);
  while (im->inquiries->children)
    {
      xmlNodePtr c = im->inquiries->children;
      xmlUnlinkNode (c);
      xmlAddChild (root, c);
    }
  if (im->requests)
    xmlAddChild (root, im->requests);
  if (im->speech)
    xmlAddChild (root, im->speech);
  im->title = im->council = im->dates = im->held = im->place = im->attendees = im->materials = NULL;
  im->agenda = im->record_note = im->requests = im->speech = im->remarks = NULL;
}

static void
free_parts (importer *im)
{
  xmlNodePtr parts[] = { im->title, im->council, im->dates, im->held, im->place, im->attendees,
                         im->materials, im->agenda, im->record_note, im->inquiries, im->requests,
                         im->speech, im->agendas, im->remarks };
  for (size_t k = 0; k < G_N_ELEMENTS (parts); k++)
    xmlFreeNode (parts[k]);
  if (im->provenance)
    g_string_free (im->provenance, TRUE);
  if (im->roster_roles)
    g_ptr_array_free (im->roster_roles, TRUE);
  if (im->owned_lines)
    g_ptr_array_free (im->owned_lines, TRUE);
  g_free (im->fiscal_day);
}

int
mn_import_load (xmlDocPtr *out, const char *path, const mn_import_options *opt, mn_diag *d)
{
  *out = NULL;
  importer im = { 0 };
  im.name = opt && opt->name ? opt->name : path;
  im.d = d;
  char *raw = NULL, *buf = NULL;
  size_t len = 0;
  size_t glen = 0;
  /* A regular file only (a FIFO would block, /dev/zero never end), and no larger than a
   * session may be: the XML made from it is read back by `minutes validate`. */
  int rc = mn_infile_read (&raw, &glen, path, MN_LOAD_MAX_BYTES, d);
  if (rc == MN_ELIMIT)
    {
      mn_error (d, im.name, 0, _("the file is larger than %ld MB; minutes of one session are far smaller: check that this is the right file"),
                MN_LOAD_MAX_BYTES / (1024 * 1024));
      return MN_ELIMIT;
    }
  if (rc != 0)
    return MN_EIO;
  rc = decode (&buf, &len, raw, glen, opt ? opt->encoding : NULL, im.name, d);
  if (rc != 0)
    {
      g_free (raw);
      return rc;
    }
  char *text = buf;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  enum source_kind kind = source_kind_of (text, len);
  if (kind == SRC_TEXT)
    {
      imp_split_lines (&im, text, len);
      imp_drop_page_furniture (&im);
    }

  im.doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root = xmlNewDocNode (im.doc, NULL, BAD_CAST "session", NULL);
  xmlDocSetRootElement (im.doc, root);
  im.ns = xmlNewNs (root, BAD_CAST MN_NS, NULL);
  xmlSetNs (root, im.ns);
  xmlNodeSetLang (root, BAD_CAST "ja");
  im.inquiries = imp_new_part (&im, "inquiries");

  if (kind == SRC_TEI)
    rc = imp_read_tei (&im, text, len);
  else if (kind == SRC_JSON)
    rc = imp_read_json (&im, text, len);
  else if (looks_like_speech (&im))
    {
      imp_read_speech_form (&im);
      rc = imp_speech_finish (&im);
    }
  else
    {
      imp_read_table_form (&im);
      if (!im.title)
        {
          mn_warning (d, im.name, 1, _("no 名称 row; <title> and <council> are left empty, fill them in"));
          im.title = imp_new_part (&im, "title");
          im.council = imp_new_part (&im, "council");
        }
      if (!im.dates)
        {
          mn_error (d, im.name, 1, _("no 日時 row with an era date (令和3年5月24日 …), and a session needs its date; add the row `日時<TAB>議 決 日 令和…年…月…日` and import again"));
          rc = MN_EINVALID;
        }
    }
  /* text cut off in the source: the file ends mid-sentence */
  if (rc == 0 && im.last_p && !im.ends_with_newline && im.n_lines > 0
      && !imp_ends_sentence (im.lines[im.n_lines - 1].text))
    {
      mn_warning (d, im.name, im.last_line, _("the text ends in the middle of a sentence; marked as cut off (<cut/>)"));
      imp_child (im.last_p, "cut");
    }
  if (rc == 0)
    {
      assemble (&im);
      *out = im.doc;
      im.doc = NULL;
    }
  free_parts (&im);
  if (im.doc)
    xmlFreeDoc (im.doc);
  g_free (im.lines);
  g_free (im.synthetic);
  g_free (buf);
  return rc;
}

/* === writing === */

static int
write_cb (void *ctx, const char *buffer, int len)
{
  FILE *fp = ctx;
  return fwrite (buffer, 1, (size_t) len, fp) == (size_t) len ? len : -1;
}

static int
close_cb (void *ctx)
{
  return 0;
}


int
mn_import_save (xmlDocPtr doc, const char *path, mn_diag *d)
{
  mn_atomic a = MN_ATOMIC_INIT;
  if (mn_atomic_open (&a, path) != 0)
    {
      mn_error (d, path, 0, _("cannot create the file (%s); check that its folder exists and is writable"), strerror (errno));
      return MN_EIO;
    }
  xmlSetStructuredErrorFunc (NULL, mn_load_ignore_error);
  xmlSaveCtxtPtr ctxt = xmlSaveToIO (write_cb, close_cb, a.fp, "UTF-8", XML_SAVE_FORMAT);
  int ok = ctxt && xmlSaveDoc (ctxt, doc) >= 0;
  if (ctxt && xmlSaveClose (ctxt) < 0)
    ok = 0;
  xmlSetStructuredErrorFunc (NULL, NULL);
  /* A failed write is the commit's failure, with its errno (a full disk: ENOSPC). */
  if (!ok && !mn_atomic_error (&a))
    {
      mn_error (d, path, 0, _("cannot serialize the imported session; please report this"));
      mn_atomic_abort (&a);
      return MN_EFAIL;
    }
  if (mn_atomic_commit_new (&a) != 0)
    {
      if (errno == EEXIST)
        mn_error (d, path, 0, _("this file appeared while the text was imported, and import never replaces a file: remove it, or give -o a new name"));
      else
        mn_error (d, path, 0, _("cannot write the file (%s); check the free space and permissions"), strerror (errno));
      return MN_EIO;
    }
  return 0;
}
