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
 *   import-check speech SOURCE.txt FILE.xml
 *       Every character of a speech record survived, in order: the non-whitespace characters
 *       of SOURCE (UTF-8) equal those of the XML's <held> and <speech-record> printed back
 *       the way the source wrote them (○ before a speaker, ROLE（NAME） or NAMEROLE, ◎ before
 *       a section head).  title/council/dates are copies made from the header and are skipped.
 *       A line that is only a rule (――――, －－－－) is layout on both sides: the importer
 *       writes it as <separator/> between turns, or keeps it as a paragraph inside a turn.
 *   import-check speech-tei SOURCE.txt FILE.xml
 *       The same for a TEI record (provenance lines, then an XML fragment): the source's
 *       characters are those of its provenance lines and of the fragment's text nodes.
 *   import-check speech-json SOURCE.txt FILE.xml
 *       The same for a DiscussNet JSON record: the source's characters are those of its
 *       provenance lines and of each "body" without its <pre> tags.  One mark is known not to
 *       survive: ◎ before an answer's speaker is printed ○ (the format has no place for it),
 *       so a body line "◎ROLE（NAME）…" counts as "○ROLE（NAME）…".
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

typedef struct stream {
  GArray *chars;  /* gunichar */
  GArray *where;  /* int: source line or XML line */
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

static void
add (stream *s, const char *text, int where)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0xFEFF)
        continue;
      g_array_append_val (s->chars, c);
      g_array_append_val (s->where, where);
    }
}

/* 1 if `text` (white space aside) is only a rule: ――, －－, ──. */
static int
is_rule (const char *text)
{
  int n = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        continue;
      if (c != 0x2015 && c != 0x2500 && c != 0x2501 && c != 0xFF0D && c != 0x2014)
        return 0;
      n++;
    }
  return n >= 2;
}

static void
add_line (stream *s, const char *text, int where)
{
  if (!is_rule (text))
    add (s, text, where);
}

static void
add_node_text (stream *s, xmlNodePtr n)
{
  xmlChar *t = xmlNodeGetContent (n);
  add_line (s, (const char *) t, (int) xmlGetLineNo (n));
  xmlFree (t);
}

/* 1 if `n` is a paragraph holding only a rule (layout on both sides, see is_rule). */
static int
is_rule_p (xmlNodePtr n)
{
  if (!xmlStrEqual (n->name, BAD_CAST "p"))
    return 0;
  xmlChar *t = xmlNodeGetContent (n);
  int rule = is_rule ((const char *) t);
  xmlFree (t);
  return rule;
}

/* The label="…" of `n` (a list item's), if any. */
static void
add_label (stream *s, xmlNodePtr n)
{
  xmlChar *label = xmlGetProp (n, BAD_CAST "label");
  add (s, (const char *) label, (int) xmlGetLineNo (n));
  xmlFree (label);
}

/* The blocks of a container: p text, list items with their labels. */
static void
add_blocks (stream *s, xmlNodePtr c)
{
  for (xmlNodePtr b = c->children; b; b = b->next)
    {
      if (b->type == XML_TEXT_NODE)
        add (s, (const char *) b->content, (int) xmlGetLineNo (b));
      if (b->type != XML_ELEMENT_NODE)
        continue;
      add_label (s, b);
      if (is_rule_p (b))
        continue;
      if (xmlStrEqual (b->name, BAD_CAST "a"))
        add_node_text (s, b);
      else
        add_blocks (s, b);
    }
}

/* One block element: a paragraph's text or a list with its labels. */
static void
stream_one (stream *s, xmlNodePtr block)
{
  if (is_rule_p (block))
    return;
  add_label (s, block);
  add_blocks (s, block);
}

static void
xml_speech (stream *s, xmlDocPtr doc)
{
  for (xmlNodePtr part = xmlDocGetRootElement (doc)->children; part; part = part->next)
    {
      if (part->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (part->name, BAD_CAST "held"))
        add_blocks (s, part);
      if (!xmlStrEqual (part->name, BAD_CAST "speech-record"))
        continue;
      for (xmlNodePtr e = part->children; e; e = e->next)
        {
          if (e->type != XML_ELEMENT_NODE)
            continue;
          int line = (int) xmlGetLineNo (e);
          if (xmlStrEqual (e->name, BAD_CAST "section"))
            {
              add (s, "◎", line);
              add_node_text (s, e);
            }
          else if (xmlStrEqual (e->name, BAD_CAST "stage"))
            add_node_text (s, e);
          else if (xmlStrEqual (e->name, BAD_CAST "turn"))
            {
              add (s, "○", line);
              for (xmlNodePtr c = e->children; c; c = c->next)
                {
                  if (c->type != XML_ELEMENT_NODE)
                    continue;
                  if (xmlStrEqual (c->name, BAD_CAST "speaker"))
                    {
                      xmlNodePtr first = c->children;
                      while (first && first->type != XML_ELEMENT_NODE)
                        first = first->next;
                      int role_first = first && xmlStrEqual (first->name, BAD_CAST "role");
                      int parts = 0;
                      for (xmlNodePtr r = first; r; r = r->next)
                        if (r->type == XML_ELEMENT_NODE)
                          {
                            if (role_first && parts == 1)
                              add (s, "（", line);
                            add_node_text (s, r);
                            if (role_first && parts == 1)
                              add (s, "）", line);
                            parts++;
                          }
                    }
                  else
                    {
                      /* a block: its text, with list labels */
                      stream_one (s, c);
                    }
                }
            }
          else
            add_node_text (s, e);
        }
    }
}

static void
show (const char *what, const stream *s, guint at, const char *path)
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
  int line = len ? g_array_index (s->where, int, MIN (at, len - 1)) : 0;
  fprintf (stderr, "  %s %s:%d: %s\n", what, path, line, out->str);
  g_string_free (out, TRUE);
}

/* All text nodes under `n`, in document order. */
static void
add_text_nodes (stream *s, xmlNodePtr n, int offset)
{
  for (; n; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        add (s, (const char *) n->content, (int) xmlGetLineNo (n) + offset);
      else if (n->type == XML_ELEMENT_NODE)
        add_text_nodes (s, n->children, offset);
    }
}

/* The provenance lines of a record file, up to the first line that begins (after spaces,
 * tabs and CRs) with `opener`: their characters go to `a`.  Returns where the opener is (or
 * the end of `text`) and sets *line to the number of that line. */
static const char *
provenance (stream *a, const char *text, char opener, int *line)
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
      add (a, l, (*line)++);
      g_free (l);
      p = nl ? nl + 1 : p + strlen (p);
    }
  return p;
}

/* The characters of a TEI record file: provenance lines, then the fragment's text. */
static int
tei_source (stream *a, const char *text)
{
  int line;
  const char *p = provenance (a, text, '<', &line);
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
    return -1;
  add_text_nodes (a, xmlDocGetRootElement (doc), line - 1);
  xmlFreeDoc (doc);
  return 0;
}

/* The characters of a DiscussNet JSON record file. */
static int
json_source (stream *a, const char *text)
{
  int line;
  const char *p = provenance (a, text, '{', &line);
  JsonParser *parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, p, -1, NULL))
    {
      g_object_unref (parser);
      return -1;
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
        {
          GString *one = g_string_new (*l);
          if (g_str_has_prefix (one->str, "◎") && strstr (one->str, "（"))
            {
              const char *sp = one->str + strlen ("◎");
              const char *close = strstr (sp, "）");
              const char *space = strstr (sp, "\u3000");
              if (close && space && close < space)
                g_string_overwrite (one, 0, "○");
            }
          add_line (a, one->str, (int) i + 1);
          g_string_free (one, TRUE);
        }
      g_strfreev (ls);
      g_string_free (b, TRUE);
    }
  g_object_unref (parser);
  return 0;
}

static int
cmd_speech (const char *src, const char *xml, int tei)
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
  stream a = stream_init (), b = stream_init ();
  if (tei == 2)
    {
      if (json_source (&a, text) != 0)
        {
          fprintf (stderr, "import-check: cannot read the JSON in %s\n", src);
          return 2;
        }
    }
  else if (tei)
    {
      if (tei_source (&a, text) != 0)
        {
          fprintf (stderr, "import-check: cannot parse the TEI in %s\n", src);
          return 2;
        }
    }
  else
    {
      char **lines = g_strsplit (text, "\n", -1);
      for (int i = 0; lines[i]; i++)
        add_line (&a, lines[i], i + 1);
      g_strfreev (lines);
    }
  xml_speech (&b, doc);
  guint i = 0;
  while (i < a.chars->len && i < b.chars->len
         && g_array_index (a.chars, gunichar, i) == g_array_index (b.chars, gunichar, i))
    i++;
  int ok = i == a.chars->len && i == b.chars->len;
  if (ok)
    printf ("%s keeps the %u characters of %s, in order\n", xml, a.chars->len, src);
  else
    {
      fprintf (stderr, "import-check: %s differs from %s at character %u:\n", xml, src, i);
      show ("source", &a, i, src);
      show ("xml   ", &b, i, xml);
    }
  stream_clear (&a);
  stream_clear (&b);
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
  if (argc == 4 && strcmp (argv[1], "speech") == 0)
    return cmd_speech (argv[2], argv[3], 0);
  if (argc == 4 && strcmp (argv[1], "speech-tei") == 0)
    return cmd_speech (argv[2], argv[3], 1);
  if (argc == 4 && strcmp (argv[1], "speech-json") == 0)
    return cmd_speech (argv[2], argv[3], 2);
  if (argc == 4 && strcmp (argv[1], "nfkc") == 0)
    return cmd_nfkc (argv[2], argv[3]);
  fprintf (stderr, "usage: import-check struct GOT.xml WANT.xml | count FILE.xml XPATH N | "
                   "speech SOURCE.txt FILE.xml | nfkc IN OUT\n");
  return 2;
}
