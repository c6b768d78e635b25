/* tests/import/import-check.c: checks on what `minutes import` wrote.
 *
 *   import-check struct GOT.xml WANT.xml
 *       Same structure: the same inquiries (by n, in order), each with the same Q&A entry
 *       numbers, the same number of follow-ups and of opinions; the same requests and
 *       responses (by n, in order); the same number of speech turns, sections, stage notes.
 *       Every difference is listed; exit 1 if any.
 *   import-check skeleton GOT.xml WANT.xml
 *       The same element tree: every element with its attributes, in order, except <sic> and
 *       <cut> (an importer cannot know a typo or a cut from the text alone) and the xsi:/xml:
 *       attributes.  The first difference is shown.
 *   import-check speech-prefix GOT.xml WANT.xml
 *       WANT's <speech-record> (a hand-made excerpt) is the beginning of GOT's: the same
 *       elements in the same order, with the same speakers and the same text (white space
 *       aside) in every paragraph, section and stage note, as far as WANT goes.
 *   import-check count FILE.xml XPATH N
 *       count(XPATH) == N, with the prefix s: bound to urn:minutes:session:1.
 *   import-check speech SOURCE.txt FILE.xml [--running-head TEXT]...
 *       Every character of a speech record survived: its speech record in order, its front
 *       matter as a set of characters once the labels the layout prints again are taken out
 *       (the accounting is described at "=== speech ===" below).  Page markers, page numbers
 *       and the running heads given are page furniture, not the record.
 *   import-check speech-tei SOURCE.txt FILE.xml
 *       The same for a TEI record (provenance lines, then an XML fragment): the source's
 *       characters are those of its provenance lines and of the fragment's text nodes.
 *   import-check speech-json SOURCE.txt FILE.xml
 *       The same for a DiscussNet JSON record: the source's characters are those of its
 *       provenance lines and of each "body" without its <pre> tags.
 *   import-check nfkc IN OUT
 *       Writes IN (UTF-8) in Unicode NFKC, so that full-width digits and ① compare equal to
 *       the ASCII numbers the stylesheets print (used with tests/data/roundtrip).
 *
 * Exit 0: the check holds; 1: it does not (the reasons go to stderr); 2: usage or I/O.
 * A test tool: its messages are for developers and are not translated.
 */
#include <glib.h>
#include <limits.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS "urn:minutes:session:1"

static xmlDocPtr
load (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  if (!doc)
    fprintf (stderr, "import-check: cannot parse %s\n", path);
  return doc;
}

/* === count === */

static xmlXPathObjectPtr
eval (xmlDocPtr doc, xmlNodePtr at, const char *xpath)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (ctx, BAD_CAST "s", BAD_CAST NS);
  ctx->node = at ? at : xmlDocGetRootElement (doc);
  xmlXPathObjectPtr r = xmlXPathEvalExpression (BAD_CAST xpath, ctx);
  xmlXPathFreeContext (ctx);
  return r;
}

static double
number (xmlDocPtr doc, xmlNodePtr at, const char *xpath)
{
  xmlXPathObjectPtr r = eval (doc, at, xpath);
  double v = r ? xmlXPathCastToNumber (r) : -1;
  xmlXPathFreeObject (r);
  return v;
}

/* A one-line summary of the nodes XPATH selects: their @n (or name) in order. */
static char *
summary (xmlDocPtr doc, xmlNodePtr at, const char *xpath)
{
  xmlXPathObjectPtr r = eval (doc, at, xpath);
  GString *s = g_string_new (NULL);
  if (r && r->nodesetval)
    for (int i = 0; i < r->nodesetval->nodeNr; i++)
      {
        xmlNodePtr n = r->nodesetval->nodeTab[i];
        xmlChar *v = xmlGetProp (n, BAD_CAST "n");
        g_string_append_printf (s, "%s%s%s%s", i ? " " : "", (const char *) n->name, v ? "=" : "",
                                v ? (const char *) v : "");
        xmlFree (v);
      }
  xmlXPathFreeObject (r);
  return g_string_free (s, FALSE);
}

static xmlNodePtr
nth (xmlDocPtr doc, const char *xpath, int i)
{
  xmlXPathObjectPtr r = eval (doc, NULL, xpath);
  xmlNodePtr n = r && r->nodesetval && i < r->nodesetval->nodeNr ? r->nodesetval->nodeTab[i] : NULL;
  xmlXPathFreeObject (r);
  return n;
}

static int
same (const char *what, char *got, char *want)
{
  int ok = strcmp (got, want) == 0;
  if (!ok)
    fprintf (stderr, "  %s differ:\n    got:  %s\n    want: %s\n", what, got, want);
  g_free (got);
  g_free (want);
  return ok;
}

static int
cmd_struct (const char *got_path, const char *want_path)
{
  xmlDocPtr got = load (got_path), want = load (want_path);
  if (!got || !want)
    return 2;
  int ok = same ("inquiries", summary (got, NULL, "s:inquiry"), summary (want, NULL, "s:inquiry"));
  int n = (int) number (want, NULL, "count(s:inquiry)");
  for (int i = 0; i < n; i++)
    {
      xmlNodePtr g = nth (got, "s:inquiry", i), w = nth (want, "s:inquiry", i);
      if (!g)
        break;
      char what[64];
      snprintf (what, sizeof what, "Q&A entries of inquiry %d", i + 1);
      ok &= same (what, summary (got, g, "s:qa/s:entry"), summary (want, w, "s:qa/s:entry"));
      snprintf (what, sizeof what, "follow-ups of inquiry %d", i + 1);
      ok &= same (what, summary (got, g, "s:qa/s:entry/s:follow-up/.."), summary (want, w, "s:qa/s:entry/s:follow-up/.."));
      snprintf (what, sizeof what, "opinions of inquiry %d", i + 1);
      ok &= same (what, summary (got, g, "s:opinions/s:opinion"), summary (want, w, "s:opinions/s:opinion"));
    }
  ok &= same ("requests and responses", summary (got, NULL, "s:requests/*"), summary (want, NULL, "s:requests/*"));
  ok &= same ("speech record", summary (got, NULL, "s:speech-record/*"), summary (want, NULL, "s:speech-record/*"));
  xmlFreeDoc (got);
  xmlFreeDoc (want);
  if (!ok)
    fprintf (stderr, "import-check: %s does not have the structure of %s\n", got_path, want_path);
  return ok ? 0 : 1;
}

/* How many lines (char *) `a` and `b` have in common from the start. */
static guint
same_lines (const GPtrArray *a, const GPtrArray *b)
{
  guint i = 0;
  while (i < a->len && i < b->len && strcmp (a->pdata[i], b->pdata[i]) == 0)
    i++;
  return i;
}

/* Line `i` of `a`, or "<end>" past its end. */
static const char *
line_at (const GPtrArray *a, guint i)
{
  return i < a->len ? (const char *) a->pdata[i] : "<end>";
}

static void
skeleton (GPtrArray *out, xmlNodePtr n, int depth)
{
  for (; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || xmlStrEqual (n->name, BAD_CAST "sic") || xmlStrEqual (n->name, BAD_CAST "cut"))
        continue;
      GString *l = g_string_new (NULL);
      g_string_append_printf (l, "%*s%s", depth * 2, "", (const char *) n->name);
      for (xmlAttrPtr a = n->properties; a; a = a->next)
        {
          if (a->ns)
            continue;  /* xsi:schemaLocation, xml:lang */
          xmlChar *v = xmlNodeListGetString (n->doc, a->children, 1);
          g_string_append_printf (l, " %s=\"%s\"", (const char *) a->name, (const char *) v);
          xmlFree (v);
        }
      g_ptr_array_add (out, g_string_free (l, FALSE));
      skeleton (out, n->children, depth + 1);
    }
}

static int
is_inline (xmlNodePtr n)
{
  static const char *const names[] = { "sic", "cut", "br", "a" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    if (xmlStrEqual (n->name, BAD_CAST names[i]))
      return 1;
  return 0;
}

static void
flatten (GPtrArray *out, xmlNodePtr n, int depth)
{
  for (; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || is_inline (n))
        continue;
      GString *l = g_string_new (NULL);
      g_string_append_printf (l, "%*s%s", depth * 2, "", (const char *) n->name);
      int leaf = 1;
      for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !is_inline (c))
          leaf = 0;
      if (leaf)
        {
          xmlChar *t = xmlNodeGetContent (n);
          g_string_append (l, " ");
          for (const char *p = (const char *) t; p && *p; p = g_utf8_next_char (p))
            if (!g_unichar_isspace (g_utf8_get_char (p)))
              g_string_append_unichar (l, g_utf8_get_char (p));
          xmlFree (t);
        }
      g_ptr_array_add (out, g_string_free (l, FALSE));
      flatten (out, n->children, depth + 1);
    }
}

/* The lines compare_lines compares: one per element of `doc`. */
typedef void (*lines_fn) (GPtrArray *out, xmlDocPtr doc);

static void
skeleton_lines (GPtrArray *out, xmlDocPtr doc)
{
  skeleton (out, xmlDocGetRootElement (doc), 0);
}

static void
speech_lines (GPtrArray *out, xmlDocPtr doc)
{
  xmlNodePtr r = nth (doc, "s:speech-record", 0);
  if (r)
    flatten (out, r->children, 0);
}

/* skeleton (prefix 0): GOT and WANT give the same lines; speech-prefix (prefix 1): WANT's
 * lines, at least one, begin GOT's.  The first difference goes to stderr. */
static int
compare_lines (const char *got_path, const char *want_path, lines_fn lines, int prefix)
{
  xmlDocPtr got = load (got_path), want = load (want_path);
  if (!got || !want)
    return 2;
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free), *b = g_ptr_array_new_with_free_func (g_free);
  lines (a, got);
  lines (b, want);
  guint i = same_lines (a, b);
  int ok = prefix ? b->len > 0 && i == b->len : i == a->len && i == b->len;
  int width = prefix ? 300 : INT_MAX;  /* speech lines hold whole paragraphs */
  if (ok && prefix)
    printf ("%s begins with the %u elements of the speech record of %s\n", got_path, b->len, want_path);
  else if (!ok)
    fprintf (stderr, "import-check: the %s differ at element %u:\n  got:  %.*s\n  want: %.*s\n",
             prefix ? "speech records" : "element trees", i, width, line_at (a, i), width, line_at (b, i));
  g_ptr_array_free (a, TRUE);
  g_ptr_array_free (b, TRUE);
  xmlFreeDoc (got);
  xmlFreeDoc (want);
  return ok ? 0 : 1;
}

static int
cmd_count (const char *path, const char *xpath, const char *want)
{
  xmlDocPtr doc = load (path);
  if (!doc)
    return 2;
  char *expr = g_strdup_printf ("count(%s)", xpath);
  double got = number (doc, NULL, expr);
  g_free (expr);
  xmlFreeDoc (doc);
  if (got != atof (want))
    {
      fprintf (stderr, "import-check: count(%s) in %s is %g, want %s\n", xpath, path, got, want);
      return 1;
    }
  return 0;
}

/* === speech === */

/* The accounting of a speech record: every character of the source is in the session, and
 * nothing else is (white space aside).
 *
 * The source is read as lines (a plain file's, or a TEI record's provenance lines and text
 * nodes, or a JSON record's provenance lines and body lines).  Page furniture is not the
 * minutes and is left out: <PAGE="n"> markers, page numbers (－ 12 －), and the running heads
 * given with --running-head.  A rule line (――――) is layout on both sides.
 *
 * The session is printed back the way a source writes it: the speech record in order (○ or
 * turn/@mark before a speaker, turn/@n before it, ROLE（NAME） or NAME ROLE, a ")" mark after
 * the speaker, ◎ or section/@mark before a head); the front matter as a set of characters
 * (a roster is read across its columns, rows come in the schema's order, not the source's):
 * comments (provenance), title and title/@issue (第N号) and title/@day (第N日), council,
 * dates (time/@event as its word, 開会 …), held, place, attendees (seat as N番, role, name,
 * suffix, group labels, notes), materials, agendas (label, heading, entries with their
 * labels, notes), record-note, remarks.
 *
 * 1. The speech record must be the end of the source, character for character.
 * 2. The rest of the source — the front matter — must hold the same characters as the
 *    session's front matter, once the labels the layout prints again are taken out of the
 *    source (the list is labels(): 会議名：, 開催日：, row numbers before a label, the labels
 *    of the 日時 and 場所 rows, a bare 議事日程, ○議事日程, 配布資料, 会議録 / 記録 after a
 *    title, the brackets of （第N号）, the 〇 before 第N日).  Both sides are compared in NFKC.
 * 3. A council or a day the importer took from the record's text (and said so) is a copy: it
 *    may be in the session's front matter once more, if its text is in the source.
 * Brackets compare equal in either width (the layout prints ROLE（NAME） whatever the source
 * wrote), and so do digits (a turn's number is printed in ASCII). */

typedef struct stream {
  GArray *chars;  /* gunichar */
  GArray *where;  /* int: the source line (index into the lines), or the XML line */
} stream;

static stream
stream_init (void)
{
  stream s = { g_array_new (FALSE, FALSE, sizeof (gunichar)), g_array_new (FALSE, FALSE, sizeof (int)) };
  return s;
}

static void
stream_clear (stream *s)
{
  g_array_free (s->chars, TRUE);
  g_array_free (s->where, TRUE);
}

/* The character as compared: brackets and digits in their narrow form. */
static gunichar
fold (gunichar c)
{
  if (c == 0xFF08)
    return '(';
  if (c == 0xFF09)
    return ')';
  if (c >= 0xFF10 && c <= 0xFF19)
    return '0' + (c - 0xFF10);
  return c;
}

static void
add (stream *s, const char *text, int where)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0xFEFF)
        continue;
      c = fold (c);
      g_array_append_val (s->chars, c);
      g_array_append_val (s->where, where);
    }
}

/* 1 if `text` (white space aside) is only a rule: ――, －－, ──, with ◇ ◆ ＋ between. */
static int
is_rule (const char *text)
{
  int n = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x25C7 || c == 0x25C6 || c == 0xFF0B)
        continue;
      if (c != 0x2015 && c != 0x2500 && c != 0x2501 && c != 0xFF0D && c != 0x2014)
        return 0;
      n++;
    }
  return n >= 2;
}

/* === the source's lines === */

typedef struct src_line {
  char *text;  /* owned */
  int no;      /* line number in the file */
} src_line;

static void
lines_add (GArray *lines, const char *text, int no)
{
  src_line l = { g_strdup (text), no };
  g_array_append_val (lines, l);
}

static void
lines_free (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    g_free (g_array_index (lines, src_line, i).text);
  g_array_free (lines, TRUE);
}

/* 1 if the line is page furniture: a page marker, a page number, or (right after a page
 * break, `after_break`) one of the running heads. */
static int
furniture (const char *text, char **heads, int after_break)
{
  static GRegex *marker, *number;
  if (!marker)
    {
      marker = g_regex_new ("^\\s*<PAGE\\s*=\\s*\"?[0-9]+\"?\\s*/?>\\s*$", G_REGEX_CASELESS, 0, NULL);
      number = g_regex_new ("^[\\s　]*[-－―—–−ー][\\s　]*[0-9０-９]+[\\s　]*[-－―—–−ー][\\s　]*$", 0, 0, NULL);
    }
  if (g_regex_match (marker, text, 0, NULL) || g_regex_match (number, text, 0, NULL))
    return 1;
  if (!after_break)
    return 0;
  /* white space aside (U+3000 included) */
  stream t = stream_init ();
  add (&t, text, 0);
  int head = 0;
  for (char **h = heads; h && *h && !head; h++)
    {
      stream w = stream_init ();
      add (&w, *h, 0);
      head = t.chars->len && t.chars->len == w.chars->len
             && memcmp (t.chars->data, w.chars->data, t.chars->len * sizeof (gunichar)) == 0;
      stream_clear (&w);
    }
  stream_clear (&t);
  return head;
}

static int
is_blank_line (const char *text)
{
  stream t = stream_init ();
  add (&t, text, 0);
  int blank = t.chars->len == 0;
  stream_clear (&t);
  return blank;
}

static GArray *
plain_lines (const char *text, char **heads)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (src_line));
  char **ls = g_strsplit (text, "\n", -1);
  int after_break = 0;  /* the last line that was not blank was a page break */
  for (int i = 0; ls[i]; i++)
    {
      g_strchomp (ls[i]);  /* CR */
      if (furniture (ls[i], heads, after_break))
        after_break = furniture (ls[i], NULL, 0);
      else
        {
          lines_add (lines, ls[i], i + 1);
          if (!is_blank_line (ls[i]))
            after_break = 0;
        }
    }
  g_strfreev (ls);
  return lines;
}

/* The provenance lines of a record file, up to the first line that begins (after spaces,
 * tabs and CRs) with `opener`.  Returns where the opener is and sets *line to its number. */
static const char *
provenance (GArray *lines, const char *text, char opener, int *line)
{
  const char *p = text;
  *line = 1;
  while (*p)
    {
      const char *q = p;
      while (*q == ' ' || *q == '\t' || *q == '\r')
        q++;
      if (*q == opener)
        return q;
      const char *nl = strchr (p, '\n');
      char *l = g_strndup (p, nl ? (size_t) (nl - p) : strlen (p));
      lines_add (lines, l, (*line)++);
      g_free (l);
      p = nl ? nl + 1 : p + strlen (p);
    }
  return p;
}

/* Each text node under `n` (a TEI record: one <p> or <seg> a line). */
static void
text_node_lines (GArray *lines, xmlNodePtr n, int offset)
{
  for (; n; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (!g_str_is_ascii ((const char *) n->content) || strspn ((const char *) n->content, " \t\r\n") != strlen ((const char *) n->content))
            lines_add (lines, (const char *) n->content, (int) xmlGetLineNo (n) + offset);
        }
      else if (n->type == XML_ELEMENT_NODE)
        text_node_lines (lines, n->children, offset);
    }
}

static GArray *
tei_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (src_line));
  int line;
  const char *p = provenance (lines, text, '<', &line);
  const char *q = p + 1;
  while (g_ascii_isalnum (*q))
    q++;
  char *close = g_strdup_printf ("</%.*s>", (int) (q - p - 1), p + 1);
  const char *last = NULL;
  for (const char *s = p; (s = strstr (s, close)); s += strlen (close))
    last = s;
  size_t n = last ? (size_t) (last - p) + strlen (close) : strlen (p);
  g_free (close);
  xmlDocPtr doc = xmlReadMemory (p, (int) n, "tei", "UTF-8", XML_PARSE_NONET);
  if (!doc)
    {
      lines_free (lines);
      return NULL;
    }
  text_node_lines (lines, xmlDocGetRootElement (doc), line - 1);
  xmlFreeDoc (doc);
  return lines;
}

static GArray *
json_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (src_line));
  int line;
  const char *p = provenance (lines, text, '{', &line);
  JsonParser *parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, p, -1, NULL))
    {
      g_object_unref (parser);
      lines_free (lines);
      return NULL;
    }
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  JsonArray *records = json_object_get_array_member (o, "tenant_minutes");
  for (guint i = 0; records && i < json_array_get_length (records); i++)
    {
      JsonObject *r = json_array_get_object_element (records, i);
      if (!json_object_has_member (r, "body"))
        continue;
      GString *b = g_string_new (json_object_get_string_member (r, "body"));
      for (char *t; (t = strstr (b->str, "<pre>"));)
        g_string_erase (b, t - b->str, 5);
      for (char *t; (t = strstr (b->str, "</pre>"));)
        g_string_erase (b, t - b->str, 6);
      char **ls = g_strsplit (b->str, "\n", -1);
      for (char **l = ls; *l; l++)
        if (!furniture (*l, NULL, 0))
          lines_add (lines, *l, (int) i + 1);
      g_strfreev (ls);
      g_string_free (b, TRUE);
    }
  g_object_unref (parser);
  return lines;
}

/* === the labels of the front matter (what the layout prints again) === */

/* A regex matching `word` with white space allowed between its characters (日　　時). */
static void
spaced (GString *re, const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      if (p != word)
        g_string_append (re, "[\\s　]*");
      g_string_append_len (re, p, g_utf8_next_char (p) - p);
    }
}

/* `s` without white space (U+3000 included) at either end; owned. */
static char *
trim (const char *s)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("^[\\s　]+|[\\s　]+$", 0, 0, NULL);
  return g_regex_replace_literal (re, s, -1, 0, "", 0, NULL);
}

/* A comment line (provenance) without a scraper's label: the importer keeps a scraper's
 * 開催日： row whole there when the record says the day itself, and moves its value when it
 * does not (then labels() takes the label off the source line); either way the label is
 * left out of the accounting.  Owned. */
static char *
comment_line (const char *line)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("^(?:会議名|開催日)[：:]", 0, 0, NULL);
  char *t = trim (line);
  char *u = g_regex_replace_literal (re, t, -1, 0, "", 0, NULL);
  g_free (t);
  return u;
}

/* A front-matter line without the labels the layout prints again; NULL when the whole line
 * is one.  Owned. */
static char *
labels (const char *line)
{
  static GRegex *scraper, *number, *row_label, *bare, *record, *issue_brackets, *day_mark;
  if (!scraper)
    {
      static const char *const row_words[] = {
        "開会日時", "開催日時", "開議日時", "会議日時", "開催年月日", "開催日", "日時", "期日", "日付",
        "開催場所", "会議場所", "場所", "会場",
      };
      static const char *const numbered[] = {
        "出席", "欠席", "説明", "職務", "地方自治法", "委員外", "傍聴", "事務局", "区議会事務局",
        "市議会事務局", "町議会事務局", "村議会事務局", "議会事務局", "議事日程", "追加議事日程",
        "議事次第", "本日の会議に付した事件", "会議に付した事件", "本日の付議事件", "付議事件",
        "審査事件", "議題", "案件", "配付資料", "配布資料", "会議録署名",
      };
      GString *rw = g_string_new ("^(?:");
      for (size_t k = 0; k < G_N_ELEMENTS (row_words); k++)
        {
          if (k)
            g_string_append (rw, "|");
          spaced (rw, row_words[k]);
        }
      g_string_append (rw, ")(?=[\\s　:：]|$)[\\s　]*[:：]?");
      GString *nw = g_string_new ("^(?:[0-9０-９]+[.．、]?|[（(][0-9０-９]+[)）]|[一二三四五六七八九十]+[、．])[\\s　]*(?=");
      for (size_t k = 0; k < G_N_ELEMENTS (row_words); k++)
        {
          if (k)
            g_string_append (nw, "|");
          spaced (nw, row_words[k]);
        }
      for (size_t k = 0; k < G_N_ELEMENTS (numbered); k++)
        {
          g_string_append (nw, "|");
          spaced (nw, numbered[k]);
        }
      g_string_append (nw, ")");
      scraper = g_regex_new ("^(?:会議名|開催日)[：:]", 0, 0, NULL);
      number = g_regex_new (nw->str, 0, 0, NULL);
      row_label = g_regex_new (rw->str, 0, 0, NULL);
      bare = g_regex_new ("^(?:[○◯〇◎●]?[\\s　]*議[\\s　]*事[\\s　]*日[\\s　]*程|配[\\s　]*布[\\s　]*資[\\s　]*料|会議に付した事件)$", 0, 0, NULL);
      record = g_regex_new ("(?:会議録|速記録|記録)(?=[\\s　]*(?:[（(]?[\\s　]*第[\\s　]*[0-9０-９]+[\\s　]*号[\\s　]*[)）]?)?[\\s　]*(?:[（(][0-9０-９]+月[0-9０-９]+日[)）])?$)", 0, 0, NULL);
      issue_brackets = g_regex_new ("[（(]([\\s　]*第[\\s　]*[0-9０-９]+[\\s　]*号[\\s　]*)[)）]$", 0, 0, NULL);
      day_mark = g_regex_new ("^[〇○◯](?=[\\s　]*第[\\s　]*[0-9０-９]+[\\s　]*日$)", 0, 0, NULL);
      g_string_free (rw, TRUE);
      g_string_free (nw, TRUE);
    }
  char *t = trim (line);
  GRegex *strip[] = { scraper, number, row_label, day_mark };
  for (size_t k = 0; k < G_N_ELEMENTS (strip); k++)
    {
      char *u = g_regex_replace_literal (strip[k], t, -1, 0, "", 0, NULL);
      g_free (t);
      t = trim (u);
      g_free (u);
    }
  if (g_regex_match (bare, t, 0, NULL))
    {
      g_free (t);
      return NULL;
    }
  if (g_regex_match (record, t, 0, NULL))
    {
      /* a title line: its label, and the brackets of the issue after it */
      char *u = g_regex_replace_literal (record, t, -1, 0, "", 0, NULL);
      g_free (t);
      t = g_regex_replace (issue_brackets, u, -1, 0, "\\1", 0, NULL);
      g_free (u);
    }
  return t;
}

/* === the session printed back === */

static void
add_text_of (stream *s, xmlNodePtr n)
{
  xmlChar *t = xmlNodeGetContent (n);
  add (s, (const char *) t, (int) xmlGetLineNo (n));
  xmlFree (t);
}

static void
add_prop (stream *s, xmlNodePtr n, const char *name, const char *before, const char *after)
{
  xmlChar *v = xmlGetProp (n, BAD_CAST name);
  if (v)
    {
      char *t = g_strconcat (before, (const char *) v, after, NULL);
      add (s, t, (int) xmlGetLineNo (n));
      g_free (t);
    }
  xmlFree (v);
}

/* The word the layout prints for a time's event. */
static const char *
event_word (const char *event)
{
  static const char *const names[] = { "open", "sitting", "recess", "resume", "adjourn", "close", "postpone" };
  static const char *const words[] = { "開会", "開議", "休憩", "再開", "散会", "閉会", "延会" };
  for (size_t k = 0; event && k < G_N_ELEMENTS (names); k++)
    if (strcmp (event, names[k]) == 0)
      return words[k];
  return "";
}

static int
is (xmlNodePtr n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name);
}

/* Every element under `n`, depth first, printed by what it is (see the essay above). */
static void
front (stream *s, xmlNodePtr n)
{
  for (; n; n = n->next)
    {
      if (n->type == XML_TEXT_NODE)
        add (s, (const char *) n->content, (int) xmlGetLineNo (n));
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is (n, "person"))
        {
          add_prop (s, n, "seat", "", "番");
          add_prop (s, n, "role", "", "");
          front (s, n->children);
          add_prop (s, n, "suffix", "", "");
          continue;
        }
      if (is (n, "time"))
        {
          front (s, n->children);
          xmlChar *ev = xmlGetProp (n, BAD_CAST "event");
          add (s, event_word ((const char *) ev), (int) xmlGetLineNo (n));
          xmlFree (ev);
          continue;
        }
      if (is (n, "title"))
        {
          front (s, n->children);
          add_prop (s, n, "issue", "第", "号");
          add_prop (s, n, "day", "第", "日");
          continue;
        }
      if (is (n, "group") || is (n, "agenda") || is (n, "entry") || is (n, "item"))
        add_prop (s, n, "label", "", "");
      front (s, n->children);
    }
}

static void
xml_front (stream *s, xmlDocPtr doc)
{
  for (xmlNodePtr c = doc->children; c; c = c->next)
    if (c->type == XML_COMMENT_NODE)
      {
        char **ls = g_strsplit ((const char *) c->content, "\n", -1);
        for (char **l = ls; *l; l++)
          {
            char *t = comment_line (*l);
            add (s, t, 0);
            g_free (t);
          }
        g_strfreev (ls);
      }
  for (xmlNodePtr part = xmlDocGetRootElement (doc)->children; part; part = part->next)
    {
      if (part->type == XML_COMMENT_NODE)
        add (s, (const char *) part->content, (int) xmlGetLineNo (part));
      if (part->type != XML_ELEMENT_NODE || is (part, "speech-record") || is (part, "inquiry")
          || is (part, "requests"))
        continue;
      xmlNodePtr one = part->next;
      part->next = NULL;  /* front() walks siblings: this part alone */
      front (s, part);
      part->next = one;
    }
}

/* A paragraph holding only a rule (layout on both sides). */
static int
is_rule_p (xmlNodePtr n)
{
  if (!is (n, "p"))
    return 0;
  xmlChar *t = xmlNodeGetContent (n);
  int rule = is_rule ((const char *) t);
  xmlFree (t);
  return rule;
}

/* The blocks of a turn: paragraphs' text, lists with their labels. */
static void
add_blocks (stream *s, xmlNodePtr c)
{
  for (xmlNodePtr b = c->children; b; b = b->next)
    {
      if (b->type == XML_TEXT_NODE)
        add (s, (const char *) b->content, (int) xmlGetLineNo (b));
      if (b->type != XML_ELEMENT_NODE || is_rule_p (b))
        continue;
      add_prop (s, b, "label", "", "");
      if (is (b, "a"))
        add_text_of (s, b);
      else
        add_blocks (s, b);
    }
}

static void
add_node_line (stream *s, xmlNodePtr n)
{
  xmlChar *t = xmlNodeGetContent (n);
  if (!is_rule ((const char *) t))
    add (s, (const char *) t, (int) xmlGetLineNo (n));
  xmlFree (t);
}

static void
xml_speech (stream *s, xmlDocPtr doc)
{
  for (xmlNodePtr part = xmlDocGetRootElement (doc)->children; part; part = part->next)
    {
      if (part->type != XML_ELEMENT_NODE || !is (part, "speech-record"))
        continue;
      for (xmlNodePtr e = part->children; e; e = e->next)
        {
          if (e->type != XML_ELEMENT_NODE)
            continue;
          int line = (int) xmlGetLineNo (e);
          xmlChar *mark = xmlGetProp (e, BAD_CAST "mark");
          const char *m = (const char *) mark;
          int none = m && strcmp (m, "none") == 0;
          int closing = m && (strcmp (m, ")") == 0 || strcmp (m, "）") == 0);
          if (is (e, "section"))
            {
              add (s, none ? "" : m ? m : "◎", line);
              add_node_line (s, e);
            }
          else if (is (e, "stage"))
            add_node_line (s, e);
          else if (is (e, "turn"))
            {
              add_prop (s, e, "n", "", "");
              if (!none && !closing)
                add (s, m ? m : "○", line);
              for (xmlNodePtr c = e->children; c; c = c->next)
                {
                  if (c->type != XML_ELEMENT_NODE)
                    continue;
                  if (is (c, "speaker"))
                    {
                      xmlNodePtr first = c->children;
                      while (first && first->type != XML_ELEMENT_NODE)
                        first = first->next;
                      int role_first = first && is (first, "role");
                      int parts = 0;
                      for (xmlNodePtr r = first; r; r = r->next)
                        if (r->type == XML_ELEMENT_NODE)
                          {
                            if (role_first && parts == 1)
                              add (s, "（", line);
                            add_text_of (s, r);
                            if (role_first && parts == 1)
                              add (s, "）", line);
                            parts++;
                          }
                      if (closing)
                        add (s, m, line);
                    }
                  else if (!is_rule_p (c))
                    {
                      add_prop (s, c, "label", "", "");
                      add_blocks (s, c);
                    }
                }
            }
          xmlFree (mark);
        }
    }
}

/* === the comparison === */

static void
show (const char *what, const stream *s, guint at, const char *path, const GArray *lines)
{
  guint len = s->chars->len, from = at > 20 ? at - 20 : 0, to = MIN (len, at + 20);
  GString *out = g_string_new (NULL);
  for (guint i = from; i < to; i++)
    {
      if (i == at)
        g_string_append (out, "[");
      g_string_append_unichar (out, g_array_index (s->chars, gunichar, i));
      if (i == at)
        g_string_append (out, "]");
    }
  if (at >= len)
    g_string_append (out, "[<end>]");
  int where = len ? g_array_index (s->where, int, MIN (at, len - 1)) : 0;
  if (lines && where >= 0 && (guint) where < lines->len)
    where = g_array_index (lines, src_line, where).no;
  fprintf (stderr, "  %s %s:%d: %s\n", what, path, where, out->str);
  g_string_free (out, TRUE);
}

/* The characters of `text`, NFKC, counted into `counts` (gunichar -> count) with `sign`. */
static void
count_chars (GHashTable *counts, const stream *s, int sign)
{
  GString *g = g_string_new (NULL);
  for (guint i = 0; i < s->chars->len; i++)
    g_string_append_unichar (g, g_array_index (s->chars, gunichar, i));
  char *n = g_utf8_normalize (g->str, -1, G_NORMALIZE_ALL_COMPOSE);
  for (const char *p = n; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = fold (g_utf8_get_char (p));
      if (g_unichar_isspace (c))
        continue;
      gpointer k = GUINT_TO_POINTER (c);
      int v = GPOINTER_TO_INT (g_hash_table_lookup (counts, k)) + sign;
      g_hash_table_replace (counts, k, GINT_TO_POINTER (v));
    }
  g_free (n);
  g_string_free (g, TRUE);
}

/* The text of the first element `name` of the session (owned, white space dropped), or NULL. */
static char *
part_text (xmlDocPtr doc, const char *xpath)
{
  xmlNodePtr n = nth (doc, xpath, 0);
  if (!n)
    return NULL;
  xmlChar *t = xmlNodeGetContent (n);
  GString *g = g_string_new (NULL);
  for (const char *p = (const char *) t; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (g, g_utf8_get_char (p));
  xmlFree (t);
  return g_string_free (g, FALSE);
}

/* 1 if `needle` (no white space) is in the source text, white space aside. */
static int
in_source (const GArray *lines, const char *needle)
{
  GString *all = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    for (const char *p = g_array_index (lines, src_line, i).text; *p; p = g_utf8_next_char (p))
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        g_string_append_unichar (all, g_utf8_get_char (p));
  int found = strstr (all->str, needle) != NULL;
  g_string_free (all, TRUE);
  return found;
}

/* Take the characters of `text` (a copy the importer made) off `diff` if that leaves no
 * character counted negative; returns 1 if it did. */
static int
discount (GHashTable *diff, const char *text)
{
  stream c = stream_init ();
  add (&c, text, 0);
  GHashTable *copy = g_hash_table_new (g_direct_hash, g_direct_equal);
  count_chars (copy, &c, 1);
  stream_clear (&c);
  GHashTableIter it;
  gpointer k, v;
  int fits = 1;
  g_hash_table_iter_init (&it, copy);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (GPOINTER_TO_INT (g_hash_table_lookup (diff, k)) < GPOINTER_TO_INT (v))
      fits = 0;
  if (fits)
    {
      g_hash_table_iter_init (&it, copy);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_hash_table_replace (diff, k, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (diff, k)) - GPOINTER_TO_INT (v)));
    }
  g_hash_table_destroy (copy);
  return fits;
}

static int
cmd_speech (const char *src, const char *xml, int form, char **heads)
{
  char *text = NULL;
  if (!g_file_get_contents (src, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    {
      fprintf (stderr, "import-check: cannot read %s as UTF-8\n", src);
      return 2;
    }
  xmlDocPtr doc = load (xml);
  if (!doc)
    return 2;
  GArray *lines = form == 2 ? json_lines (text) : form == 1 ? tei_lines (text) : plain_lines (text, heads);
  if (!lines)
    {
      fprintf (stderr, "import-check: cannot read the record in %s\n", src);
      return 2;
    }
  int ok = 1;
  stream a = stream_init (), b = stream_init ();
  for (guint i = 0; i < lines->len; i++)
    if (!is_rule (g_array_index (lines, src_line, i).text))
      add (&a, g_array_index (lines, src_line, i).text, (int) i);
  xml_speech (&b, doc);

  /* 1. the speech record is the end of the source */
  guint la = a.chars->len, lb = b.chars->len, same = 0;
  while (same < la && same < lb
         && g_array_index (a.chars, gunichar, la - 1 - same) == g_array_index (b.chars, gunichar, lb - 1 - same))
    same++;
  guint start = la - same;  /* where the speech record begins in the source */
  if (same < lb)
    {
      ok = 0;
      fprintf (stderr, "import-check: the speech record of %s differs from the end of %s (%u of its %u characters match from the end):\n",
               xml, src, same, lb);
      show ("source", &a, la - same - 1, src, lines);
      show ("xml   ", &b, lb - same - 1, xml, NULL);
    }
  else if (start > 0 && g_array_index (a.where, int, start - 1) == g_array_index (a.where, int, start))
    {
      ok = 0;
      fprintf (stderr, "import-check: the speech record of %s begins in the middle of a line of %s:\n", xml, src);
      show ("source", &a, start, src, lines);
    }
  /* 2. the front matter: the same characters, labels aside */
  if (ok)
    {
      int first_speech_line = start < la ? g_array_index (a.where, int, start) : (int) lines->len;
      stream h = stream_init (), x = stream_init ();
      for (int i = 0; i < first_speech_line; i++)
        {
          const char *t = g_array_index (lines, src_line, i).text;
          if (is_rule (t))
            continue;
          char *kept = labels (t);
          add (&h, kept, i);
          g_free (kept);
        }
      xml_front (&x, doc);
      if (g_getenv ("IMPORT_CHECK_DEBUG"))
        {
          /* both sides as compared, for a developer looking for a difference */
          GString *g1 = g_string_new (NULL), *g2 = g_string_new (NULL);
          for (guint i = 0; i < h.chars->len; i++)
            g_string_append_unichar (g1, g_array_index (h.chars, gunichar, i));
          for (guint i = 0; i < x.chars->len; i++)
            g_string_append_unichar (g2, g_array_index (x.chars, gunichar, i));
          fprintf (stderr, "source front matter: %s\nxml front matter:    %s\n", g1->str, g2->str);
          g_string_free (g1, TRUE);
          g_string_free (g2, TRUE);
        }
      GHashTable *diff = g_hash_table_new (g_direct_hash, g_direct_equal);  /* xml - source */
      count_chars (diff, &x, 1);
      count_chars (diff, &h, -1);
      /* 3. copies the importer said it made: a council or a day taken from the record */
      char *council = part_text (doc, "s:council"), *day = part_text (doc, "s:dates/s:held-on");
      if (council && *council && in_source (lines, council))
        discount (diff, council);
      if (day && *day && in_source (lines, day))
        discount (diff, day);
      g_free (council);
      g_free (day);
      GString *missing = g_string_new (NULL), *extra = g_string_new (NULL);
      GHashTableIter it;
      gpointer k, v;
      g_hash_table_iter_init (&it, diff);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          int d = GPOINTER_TO_INT (v);
          for (int i = 0; i < -d; i++)
            g_string_append_unichar (missing, GPOINTER_TO_UINT (k));
          for (int i = 0; i < d; i++)
            g_string_append_unichar (extra, GPOINTER_TO_UINT (k));
        }
      if (missing->len || extra->len)
        {
          ok = 0;
          fprintf (stderr, "import-check: the front matter of %s does not hold the characters of the front matter of %s (lines 1-%d):\n",
                   xml, src, first_speech_line > 0 ? g_array_index (lines, src_line, first_speech_line - 1).no : 0);
          if (missing->len)
            fprintf (stderr, "  missing from the xml: %s\n", missing->str);
          if (extra->len)
            fprintf (stderr, "  not in the source:    %s\n", extra->str);
        }
      else
        printf ("%s keeps the %u characters of the front matter of %s (as a set) and the %u of its speech record (in order)\n",
                xml, h.chars->len, src, lb);
      g_string_free (missing, TRUE);
      g_string_free (extra, TRUE);
      g_hash_table_destroy (diff);
      stream_clear (&h);
      stream_clear (&x);
    }
  stream_clear (&a);
  stream_clear (&b);
  lines_free (lines);
  xmlFreeDoc (doc);
  g_free (text);
  return ok ? 0 : 1;
}

/* === nfkc === */

static int
cmd_nfkc (const char *in, const char *out)
{
  char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (in, &text, &len, NULL) || !g_utf8_validate (text, (gssize) len, NULL))
    {
      fprintf (stderr, "import-check: cannot read %s as UTF-8\n", in);
      return 2;
    }
  char *n = g_utf8_normalize (text, (gssize) len, G_NORMALIZE_ALL_COMPOSE);
  int ok = n && g_file_set_contents (out, n, -1, NULL);
  g_free (n);
  g_free (text);
  return ok ? 0 : 2;
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "struct") == 0)
    return cmd_struct (argv[2], argv[3]);
  if (argc == 4 && strcmp (argv[1], "skeleton") == 0)
    return compare_lines (argv[2], argv[3], skeleton_lines, 0);
  if (argc == 4 && strcmp (argv[1], "speech-prefix") == 0)
    return compare_lines (argv[2], argv[3], speech_lines, 1);
  if (argc == 5 && strcmp (argv[1], "count") == 0)
    return cmd_count (argv[2], argv[3], argv[4]);
  if (argc >= 4 && (strcmp (argv[1], "speech") == 0 || strcmp (argv[1], "speech-tei") == 0
                    || strcmp (argv[1], "speech-json") == 0))
    {
      /* speech SOURCE XML [--running-head TEXT]... */
      GPtrArray *heads = g_ptr_array_new ();
      for (int i = 4; i + 1 < argc; i += 2)
        if (strcmp (argv[i], "--running-head") == 0)
          g_ptr_array_add (heads, argv[i + 1]);
      g_ptr_array_add (heads, NULL);
      int form = strcmp (argv[1], "speech-tei") == 0 ? 1 : strcmp (argv[1], "speech-json") == 0 ? 2 : 0;
      int rc = cmd_speech (argv[2], argv[3], form, (char **) heads->pdata);
      g_ptr_array_free (heads, TRUE);
      return rc;
    }
  if (argc == 4 && strcmp (argv[1], "nfkc") == 0)
    return cmd_nfkc (argv[2], argv[3]);
  fprintf (stderr, "usage: import-check struct GOT.xml WANT.xml | count FILE.xml XPATH N | "
                   "speech SOURCE.txt FILE.xml | nfkc IN OUT\n");
  return 2;
}
