/* import-tei.c: a TEI (Parla-CLARIN) speech record → <speech-record>.
 *
 * The form: provenance lines (SOURCE: …), then an XML fragment from <text> (or any element)
 * to the end of that element, possibly followed by closing tags of elements cut off before
 * it.  The fragment is parsed with libxml2 (no network); line numbers in diagnostics are the
 * file's, the fragment's own plus the provenance lines before it.
 *
 * The reading.  <p>, <head>, <note> and <stage> before the first turn are the front matter,
 * one line each, read as a plain record's (import-header.c); the notes of the record right
 * before the first turn (午前　９時３０分　開会) open the speech record; after it they are
 * notes of the record (<stage>).  A turn <u> takes its speaker from
 * <note>○<persName>…</persName></note> (surname and forename are the name, roleName the role,
 * in the record's order) or, without persName, from the note's text as in a plain record;
 * each <seg> is a paragraph.  Line breaks inside an element are the TEI's pretty-printing and
 * become one space.  Text found anywhere else is kept as a paragraph, with a warning.
 */
#include <string.h>

#include "base/i18n.h"
#include "import-internal.h"
#include "session/load.h"

/* The text of `n` with each line break (and the indentation after it) made one space, as
 * the TEI's pretty-printing put it there, not the speaker. */
static char *
tei_text (xmlNodePtr n)
{
  xmlChar *c = xmlNodeGetContent (n);
  static GRegex *re;
  if (!re)
    re = g_regex_new ("\\s*\\n\\s*", 0, 0, NULL);
  char *t = g_regex_replace_literal (re, (const char *) c, -1, 0, " ", 0, NULL);
  xmlFree (c);
  return t;
}

static int
is_el (xmlNodePtr n, const char *name)
{
  return n && n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name);
}

/* <u>: <note>○<persName><surname/><forename/><roleName/></persName></note> <seg/>… */
static void
tei_turn (importer *im, xmlNodePtr u, long offset)
{
  xmlNodePtr turn = imp_child (im->speech, "turn");
  long lineno = xmlGetLineNo (u) + offset;
  xmlNodePtr pers = NULL, note = NULL;
  for (xmlNodePtr c = u->children; c && !pers; c = c->next)
    if (is_el (c, "note"))
      for (xmlNodePtr d = c->children; d; d = d->next)
        if (is_el (d, "persName"))
          {
            pers = d;
            note = c;
            break;
          }
  if (pers)
    {
      /* name (surname, forename) and role, in the order the record gives them */
      xmlNodePtr sp = imp_child (turn, "speaker");
      GString *name = g_string_new (NULL), *role = g_string_new (NULL);
      int role_first = -1;
      for (xmlNodePtr d = pers->children; d; d = d->next)
        {
          if (d->type != XML_ELEMENT_NODE)
            continue;
          char *t = tei_text (d);
          if (xmlStrEqual (d->name, BAD_CAST "roleName"))
            {
              g_string_append (role, t);
              if (role_first < 0)
                role_first = 1;
            }
          else
            {
              g_string_append (name, t);
              if (role_first < 0)
                role_first = 0;
            }
          g_free (t);
        }
      const char *first = role_first == 1 ? "role" : "name", *second = role_first == 1 ? "name" : "role";
      GString *a = role_first == 1 ? role : name, *b = role_first == 1 ? name : role;
      if (a->len)
        imp_add_inline (imp_child (sp, first), a->str);
      if (b->len)
        imp_add_inline (imp_child (sp, second), b->str);
      if (!sp->children)
        imp_add_inline (imp_child (sp, "name"), "");
      g_string_free (name, TRUE);
      g_string_free (role, TRUE);
      /* the note holds the ○ the layout prints; anything else in it is kept as a paragraph */
      char *nt = tei_text (note);
      char *pt = tei_text (pers);
      char *rest = g_strdup (nt);
      char *at = strstr (rest, pt);
      if (at)
        memmove (at, at + strlen (pt), strlen (at + strlen (pt)) + 1);
      char *r2 = imp_trim_dup (rest);
      if (*r2 && strcmp (r2, "○") != 0)
        {
          mn_warning (im->d, im->name, lineno, _("the speaker note holds more than ○ and the name; the rest is kept as the turn's first paragraph"));
          imp_add_p (im, turn, r2, lineno);
        }
      g_free (r2);
      g_free (rest);
      g_free (pt);
      g_free (nt);
    }
  else
    {
      /* no persName: the speaker from the note's text, as in a plain record */
      char *nt = NULL;
      for (xmlNodePtr c = u->children; c; c = c->next)
        if (is_el (c, "note"))
          {
            note = c;
            nt = tei_text (c);
            break;
          }
      char *t = nt ? imp_trim_dup (nt) : g_strdup ("");
      const char *spk = g_str_has_prefix (t, "○") ? t + strlen ("○") : t;
      if (*spk)
        imp_add_speaker (im, turn, spk, lineno);
      else
        {
          mn_warning (im->d, im->name, lineno, _("a turn (<u>) without a speaker; the speaker is left empty, fill it in"));
          imp_add_inline (imp_child (imp_child (turn, "speaker"), "name"), "");
        }
      g_free (t);
      g_free (nt);
    }
  for (xmlNodePtr c = u->children; c; c = c->next)
    {
      if (c == note || (c->type == XML_TEXT_NODE && imp_is_blank ((const char *) c->content)))
        continue;
      if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE)
        continue;
      char *t = tei_text (c);
      if (!is_el (c, "seg"))
        mn_warning (im->d, im->name, xmlGetLineNo (c) + offset, _("<%s> inside a turn (<u>) is not a segment (<seg>); its text is kept as a paragraph"),
                    c->type == XML_TEXT_NODE ? "text" : (const char *) c->name);
      imp_add_p (im, turn, t, xmlGetLineNo (c) + offset);
      g_free (t);
    }
  if (!turn->children->next)
    imp_child (turn, "p");
}

/* A line of the front matter, kept until the walk is done (its text owned). */
static void
add_header_line (GArray *header, const char *text, long lineno)
{
  line l = { imp_trim_dup (text), lineno };
  g_array_append_val (header, l);
}

/* Walk the TEI body: paragraphs before the first turn are the front matter (`header`), turns
 * are turns, paragraphs after them are notes of the record (<stage>). */
static void
tei_walk (importer *im, xmlNodePtr n, long offset, GArray *header)
{
  for (; n; n = n->next)
    {
      long lineno = xmlGetLineNo (n) + offset;
      if (n->type == XML_TEXT_NODE && !imp_is_blank ((const char *) n->content))
        {
          mn_warning (im->d, im->name, lineno, _("text outside any paragraph or turn of the TEI record; kept as a paragraph"));
          char *t = tei_text (n);
          if (im->speech->children)
            imp_add_p (im, im->speech, t, lineno);
          else
            add_header_line (header, t, lineno);
          g_free (t);
          continue;
        }
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (n->name, BAD_CAST "u"))
        tei_turn (im, n, offset);
      else if (xmlStrEqual (n->name, BAD_CAST "p") || xmlStrEqual (n->name, BAD_CAST "head")
               || xmlStrEqual (n->name, BAD_CAST "note") || xmlStrEqual (n->name, BAD_CAST "stage"))
        {
          char *t = tei_text (n);
          char *tt = imp_trim_dup (t);
          if (!im->speech->children)
            add_header_line (header, tt, lineno);
          else if (*tt)
            imp_add_stage (im, tt, lineno);
          g_free (tt);
          g_free (t);
        }
      else
        tei_walk (im, n->children, offset, header);
    }
}

/* A TEI record: provenance lines, then an XML fragment (from <text> to the end of the
 * file, possibly followed by closing tags of elements cut off before it). */
int
imp_read_tei (importer *im, const char *text, size_t len)
{
  im->speech = imp_new_part (im, "speech-record");
  GArray *header = g_array_new (FALSE, FALSE, sizeof (line));
  const char *p = text, *end = text + len;
  long lineno = 1;
  int rc = 0;
  for (const char *ls, *le; imp_provenance_line (&p, end, '<', &ls, &le); lineno++)
    {
      char *l = g_strndup (ls, le - ls);
      if (!imp_is_blank (l))
        add_header_line (header, l, lineno);
      g_free (l);
    }
  /* the fragment: from the first element to the end of that same element */
  const char *q = p + 1;
  while (q < end && (g_ascii_isalnum (*q) || *q == ':' || *q == '_' || *q == '-' || *q == '.'))
    q++;
  char *close = g_strdup_printf ("</%.*s>", (int) (q - p - 1), p + 1);
  const char *last = NULL;
  for (const char *s = p; (s = g_strstr_len (s, end - s, close)); s += strlen (close))
    last = s;
  const char *frag_end = last ? last + strlen (close) : end;
  g_free (close);
  char *after = g_strndup (frag_end, end - frag_end);
  long after_line = imp_line_of (text, (size_t) (frag_end - text));
  mn_load_init ();
  xmlDocPtr tei = xmlReadMemory (p, (int) (frag_end - p), im->name, "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (!tei)
    {
      g_free (after);
      const xmlError *e = xmlGetLastError ();
      mn_error (im->d, im->name, e ? e->line + lineno - 1 : lineno,
                _("the TEI record is not well-formed XML (%s); correct it, or import its plain-text form"),
                e && e->message ? g_strchomp (e->message) : "?");
      rc = MN_EINVALID;
      goto out;
    }
  tei_walk (im, xmlDocGetRootElement (tei), lineno - 1, header);
  xmlFreeDoc (tei);
  /* after the fragment come the closing tags of elements cut off before it; anything else
   * is kept as it stands */
  if (!g_regex_match_simple ("^(\\s|</[A-Za-z_:.-]+>)*$", after, 0, 0))
    {
      mn_warning (im->d, im->name, after_line, _("text after the end of the TEI record; kept as it stands in a stage note, check it"));
      char *t = imp_trim_dup (after);
      imp_add_inline (imp_child (im->speech, "stage"), t);
      g_free (t);
    }
  g_free (after);
  /* the notes right before the first turn open the speech record; the rest is the front
   * matter */
  size_t n = header->len;
  while (n > 0 && imp_record_note (g_array_index (header, line, n - 1).text))
    n--;
  xmlNodePtr first = im->speech->children;
  for (size_t i = n; i < header->len; i++)
    {
      const line *l = &g_array_index (header, line, i);
      xmlNodePtr st = xmlNewDocNode (im->doc, im->ns, BAD_CAST "stage", NULL);
      imp_add_inline (st, l->text);
      if (first)
        xmlAddPrevSibling (first, st);
      else
        xmlAddChild (im->speech, st);
    }
  imp_read_speech_header (im, (const line *) header->data, n);
  imp_drop_empty_speech (im);
  rc = imp_speech_finish (im);
out:
  for (guint i = 0; i < header->len; i++)
    g_free (g_array_index (header, line, i).text);
  g_array_free (header, TRUE);
  return rc;
}

