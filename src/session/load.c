/* load.c: safe parsing of session files, XSD validation, and libxml2's errors in our words. */
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <glib.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/i18n.h"
#include "base/infile.h"
#include "base/paths.h"

/* === process-wide set-up === */

static int initialised;
static xmlSchemaPtr schema;           /* compiled once, then shared */
static GHashTable *schema_elements;   /* names of all elements the schema declares */
static GPtrArray *trusted;            /* folders given to mn_load_trust_folder (resolved) */

/* 1 if the resolved path `real` is inside the resolved folder `dir`. */
static int
inside (const char *real, const char *dir)
{
  size_t n = strlen (dir);
  return n > 1 && strncmp (real, dir, n) == 0 && real[n] == '/';
}

/* 1 if `url` (a path or a file: URL) names a file inside the data folder's schema/ or
 * xsl/, or inside a folder given to mn_load_trust_folder. */
static int
is_trusted (const char *url)
{
  char *path = g_str_has_prefix (url, "file:") ? g_filename_from_uri (url, NULL, NULL)
                                               : g_strdup (url);
  char real[PATH_MAX], dir[PATH_MAX];
  int ok = 0;
  if (path && path[0] == '/' && realpath (path, real))
    {
      const char *data = mn_paths_data_dir ();
      static const char *const shipped[] = { "schema", "xsl" };
      for (size_t i = 0; !ok && data && *data && i < G_N_ELEMENTS (shipped); i++)
        {
          char *sub = g_build_filename (data, shipped[i], NULL);
          ok = realpath (sub, dir) && inside (real, dir);
          g_free (sub);
        }
      for (guint i = 0; !ok && trusted && i < trusted->len; i++)
        ok = inside (real, g_ptr_array_index (trusted, i));
    }
  g_free (path);
  return ok;
}

/* The entity loader: refuses every external resource — DTDs, entities, XIncludes,
 * schema locations — so that no document can make us read a file or the network
 * (NONET alone would still let local files through).  The one exception is our own
 * data: the schema and the stylesheets, which libxml2 and libxslt read through this
 * same loader. */
static xmlParserInputPtr
refuse_everything (const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
  if (url && is_trusted (url))
    return xmlNewInputFromFile (ctxt, url);
  return NULL;
}

/* libxml2's messages that reach no handler of ours (its default prints them on stderr as
 * "I/O error : No space left on device", without a file or a line): dropped.  Every failure
 * they stand for is reported by our caller with its file (a write that fails, a parse that
 * fails), and the parse's own stray errors are caught around it (on_stray_error). */
static void
drop_generic (void *ctx, const char *fmt, ...)
{
}

void
mn_load_init (void)
{
  if (initialised)
    return;
  initialised = 1;
  xmlInitParser ();
  xmlSetGenericErrorFunc (NULL, drop_generic);
  xmlCatalogSetDefaults (XML_CATA_ALLOW_NONE);
  xmlSetExternalEntityLoader (refuse_everything);
}

int
mn_load_trust_folder (const char *folder)
{
  char real[PATH_MAX];
  if (!folder || !realpath (folder, real))
    return MN_EIO;
  if (!trusted)
    trusted = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (trusted, g_strdup (real));
  return 0;
}

void
mn_load_cleanup (void)
{
  if (schema)
    xmlSchemaFree (schema);
  schema = NULL;
  if (schema_elements)
    g_hash_table_destroy (schema_elements);
  schema_elements = NULL;
  if (trusted)
    g_ptr_array_free (trusted, TRUE);
  trusted = NULL;
}

/* === libxml2's text, tidied === */

/* libxml2's message without its trailing newline, the namespace in braces, and the
 * "Element 'x': " / "Attribute 'x': " it starts with (we name those ourselves). */
static char *
detail_of (const xmlError *e)
{
  GString *s = g_string_new (e->message ? e->message : "");
  while (s->len && (s->str[s->len - 1] == '\n' || s->str[s->len - 1] == ' '))
    g_string_truncate (s, s->len - 1);
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == '\n')
      s->str[i] = ' ';
  const char *ns = "{" MN_SESSION_NS "}";
  for (char *p; (p = strstr (s->str, ns));)
    g_string_erase (s, p - s->str, strlen (ns));
  for (int k = 0; k < 2; k++)
    if (g_str_has_prefix (s->str, "Element '") || g_str_has_prefix (s->str, "Attribute '"))
      {
        char *end = strstr (s->str, "': ");
        if (end)
          g_string_erase (s, 0, end + 3 - s->str);
      }
  return g_string_free (s, FALSE);
}

/* The name quoted in "attribute 'NAME'" in libxml2's message, or NULL. */
static char *
attribute_in (const char *msg)
{
  const char *p = msg ? strstr (msg, "attribute '") : NULL;
  p = p ? p + strlen ("attribute '") : NULL;
  const char *q = p ? strchr (p, '\'') : NULL;
  return q ? g_strndup (p, q - p) : NULL;
}

/* "Expected is ( {ns}a, {ns}b )" as "<a>, <b>"; NULL if the message has no list. */
static char *
expected_of (const char *detail)
{
  const char *p = detail ? strstr (detail, "Expected is") : NULL;
  p = p ? strchr (p, '(') : NULL;
  const char *q = p ? strchr (p, ')') : NULL;
  if (!q)
    return NULL;
  char *inner = g_strndup (p + 1, q - p - 1);
  char **names = g_strsplit (inner, ",", -1);
  GString *out = g_string_new (NULL);
  for (char **n = names; *n; n++)
    {
      char *name = g_strstrip (*n);
      if (*name == '{' && strchr (name, '}'))
        name = strchr (name, '}') + 1;
      if (!*name)
        continue;
      g_string_append_printf (out, "%s<%s>", out->len ? ", " : "", name);
    }
  g_strfreev (names);
  g_free (inner);
  return g_string_free (out, out->len == 0);
}

/* === parsing === */

/* What one parse has found so far; ctxt->_private points here. */
struct parse_state {
  mn_diag *d;              /* where errors are held (mn_check_error) */
  int session;             /* a session file (messages say so), or other XML such as FO */
  int fatal;               /* a fatal error or a refusal is recorded: ignore the rest */
  internalSubsetSAXFunc internal_subset;  /* libxml2's own handler, called when allowed */
  GPtrArray *warnings;     /* struct warning *: invisible characters found, or NULL (not sought) */
  charactersSAXFunc characters;           /* libxml2's own handlers, wrapped to look for them */
  startElementNsSAX2Func start_element;
  const xmlNode *warned;   /* the last element warned about (one warning per element) */
  xmlParserCtxtPtr ctxt;   /* the parser (for errors libxml2 raises without it) */
  const char *bytes;       /* the file's bytes, and their number (borrowed) */
  size_t len;
};

/* A warning found while parsing, printed by mn_load_session. */
struct warning {
  long line;
  char *msg;
};

static void
warning_free (gpointer p)
{
  struct warning *w = p;
  g_free (w->msg);
  g_free (w);
}

static struct parse_state *
state_of (void *ctx)
{
  return ((xmlParserCtxtPtr) ctx)->_private;
}

static long
line_of (void *ctx)
{
  xmlParserCtxtPtr ctxt = ctx;
  return ctxt->input ? ctxt->input->line : 0;
}

/* Record one refusal and stop the parser at once. */
static void
refuse (void *ctx, const char *msg)
{
  struct parse_state *st = state_of (ctx);
  if (!st->fatal)
    mn_check_error (st->d, NULL, line_of (ctx), "%s", msg);
  st->fatal = 1;
  xmlStopParser (ctx);
}

static void
on_internal_subset (void *ctx, const xmlChar *name, const xmlChar *public_id,
                    const xmlChar *system_id)
{
  if (public_id || system_id)
    {
      const char *url = (const char *) (system_id ? system_id : public_id);
      char *msg = state_of (ctx)->session
        ? g_strdup_printf (_("the document refers to an external DTD ('%s'); a session "
                             "file must not load other files: remove the <!DOCTYPE …> line"), url)
        : g_strdup_printf (_("the document refers to an external DTD ('%s'); minutes loads no "
                             "other files: remove the <!DOCTYPE …> line"), url);
      refuse (ctx, msg);
      g_free (msg);
      return;
    }
  state_of (ctx)->internal_subset (ctx, name, public_id, system_id);
}

static void
on_entity_decl (void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                const xmlChar *system_id, xmlChar *content)
{
  char *msg = state_of (ctx)->session
    ? g_strdup_printf (_("the document declares the entity '%s'; a session file must not "
                         "declare entities (they can read other files or expand without "
                         "limit): remove the <!DOCTYPE …> block and write the text itself"),
                       (const char *) name)
    : g_strdup_printf (_("the document declares the entity '%s'; minutes reads no entity "
                         "declarations (they can read other files or expand without limit): "
                         "remove the <!DOCTYPE …> block and write the text itself"),
                       (const char *) name);
  refuse (ctx, msg);
  g_free (msg);
}

static void
refuse_declaration (void *ctx, const char *kind)
{
  char *msg = state_of (ctx)->session
    ? g_strdup_printf (_("the document declares a DTD (<!%s …>); a session file has none "
                         "(schema/session.xsd says what is allowed): remove the "
                         "<!DOCTYPE …> block"), kind)
    : g_strdup_printf (_("the document declares a DTD (<!%s …>); minutes reads no DTD: "
                         "remove the <!DOCTYPE …> block"), kind);
  refuse (ctx, msg);
  g_free (msg);
}

static void
on_element_decl (void *ctx, const xmlChar *name, int type, xmlElementContentPtr content)
{
  refuse_declaration (ctx, "ELEMENT");
}

static void
on_attribute_decl (void *ctx, const xmlChar *elem, const xmlChar *fullname, int type, int def,
                   const xmlChar *default_value, xmlEnumerationPtr tree)
{
  xmlFreeEnumeration (tree);  /* the SAX2 handler would have taken it */
  refuse_declaration (ctx, "ATTLIST");
}

static void
on_notation_decl (void *ctx, const xmlChar *name, const xmlChar *public_id,
                  const xmlChar *system_id)
{
  refuse_declaration (ctx, "NOTATION");
}

static void
on_unparsed_entity_decl (void *ctx, const xmlChar *name, const xmlChar *public_id,
                         const xmlChar *system_id, const xmlChar *notation)
{
  on_entity_decl (ctx, name, XML_EXTERNAL_GENERAL_UNPARSED_ENTITY, public_id, system_id, NULL);
}

/* === invisible characters in a session (a warning) ===
 * Bidirectional controls (U+202A–202E, U+2066–2069, the marks) change the order in which a
 * text is shown: a sentence can read one way on screen and another in the file, the PDF's
 * text and a search.  Other format characters (zero-width space, joiners, soft hyphen, …)
 * do not show at all but stay in the text that is searched and copied.  A session has no use
 * for them; they come from copying text out of web pages and word processors.  Not an error:
 * the build goes on, the warning says where and what to do. */

static const struct { gunichar c; const char *name; } invisible_names[] = {
  { 0x00AD, "SOFT HYPHEN" }, { 0x061C, "ARABIC LETTER MARK" },
  { 0x180E, "MONGOLIAN VOWEL SEPARATOR" }, { 0x200B, "ZERO WIDTH SPACE" },
  { 0x200C, "ZERO WIDTH NON-JOINER" }, { 0x200D, "ZERO WIDTH JOINER" },
  { 0x200E, "LEFT-TO-RIGHT MARK" }, { 0x200F, "RIGHT-TO-LEFT MARK" },
  { 0x2028, "LINE SEPARATOR" }, { 0x2029, "PARAGRAPH SEPARATOR" },
  { 0x202A, "LEFT-TO-RIGHT EMBEDDING" }, { 0x202B, "RIGHT-TO-LEFT EMBEDDING" },
  { 0x202C, "POP DIRECTIONAL FORMATTING" }, { 0x202D, "LEFT-TO-RIGHT OVERRIDE" },
  { 0x202E, "RIGHT-TO-LEFT OVERRIDE" }, { 0x2060, "WORD JOINER" },
  { 0x2066, "LEFT-TO-RIGHT ISOLATE" }, { 0x2067, "RIGHT-TO-LEFT ISOLATE" },
  { 0x2068, "FIRST STRONG ISOLATE" }, { 0x2069, "POP DIRECTIONAL ISOLATE" },
  { 0xFEFF, "ZERO WIDTH NO-BREAK SPACE" },
};

static int
is_invisible (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_FORMAT || t == G_UNICODE_LINE_SEPARATOR
         || t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static int
is_bidi_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
         || (c >= 0x2066 && c <= 0x2069);
}

/* Look for an invisible character in `len` bytes of UTF-8 at `s`, which end on line `end_line`;
 * record a warning about `where` (markup such as "<p>", a new string, taken) at its line. */
static void
seek_invisible (struct parse_state *st, const xmlNode *node, char *where, const char *s,
                int len, long end_line)
{
  const char *end = s + len;
  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!is_invisible (c))
        continue;
      long line = end_line;
      for (const char *q = p; q < end; q++)
        line -= *q == '\n';
      char *what = g_strdup_printf ("U+%04X", (unsigned) c);
      for (size_t i = 0; i < G_N_ELEMENTS (invisible_names); i++)
        if (invisible_names[i].c == c)
          {
            g_free (what);
            what = g_strdup_printf ("U+%04X %s", (unsigned) c, invisible_names[i].name);
          }
      struct warning *w = g_new0 (struct warning, 1);
      w->line = line;
      w->msg = is_bidi_control (c)
        ? g_strdup_printf (_("%s holds %s, an invisible control character that changes the order "
                             "in which the text is shown (the PDF can read differently from the "
                             "file); delete it unless it is meant to be there"), where, what)
        : g_strdup_printf (_("%s holds %s, an invisible formatting character (it does not show, "
                             "but it stays in the text that is searched and copied); delete it "
                             "unless it is meant to be there"), where, what);
      g_ptr_array_add (st->warnings, w);
      g_free (what);
      st->warned = node;
      break;
    }
  g_free (where);
}

static void
on_characters (void *ctx, const xmlChar *ch, int len)
{
  xmlParserCtxtPtr ctxt = ctx;
  struct parse_state *st = state_of (ctx);
  st->characters (ctx, ch, len);
  const xmlNode *node = ctxt->node;
  if (node && node != st->warned && !st->fatal)
    seek_invisible (st, node, g_strdup_printf ("<%s>", (const char *) node->name),
                    (const char *) ch, len, line_of (ctx));
}

static void
on_start_element (void *ctx, const xmlChar *localname, const xmlChar *prefix,
                  const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                  int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  struct parse_state *st = state_of (ctx);
  st->start_element (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                     nb_defaulted, attributes);
  for (int i = 0; i < nb_attributes && !st->fatal; i++)
    {
      const xmlChar **a = attributes + 5 * i;  /* localname, prefix, URI, value, end */
      if (ctxt->node == st->warned)
        break;
      seek_invisible (st, ctxt->node,
                      g_strdup_printf ("<%s %s=\"…\">", (const char *) localname,
                                       (const char *) a[0]),
                      (const char *) a[3], (int) (a[4] - a[3]), line_of (ctx));
    }
}

/* One parser error in our words (a new string). */
/* The code point libxml2 names in "... invalid xmlChar value N" / "Char value N", or -1. */
static long
char_value_in (const char *detail)
{
  const char *p = strstr (detail, "Char value ");
  p = p ? p + strlen ("Char value ") : NULL;
  if (!p || !g_ascii_isdigit (*p))
    return -1;
  return strtol (p, NULL, 10);
}

static char *
parse_message (const xmlError *e, const char *detail, int session)
{
  long cp;
  if (strstr (detail, "Excessive depth in document"))
    return g_strdup_printf (_("the elements are nested more than %d deep; no document minutes "
                              "reads goes so deep: check the file for start tags that are "
                              "never closed"), 256);
  switch (e->code)
    {
    case XML_ERR_TAG_NAME_MISMATCH:
      return g_strdup_printf (_("the XML is not well-formed (the end tag </%s> does not match the "
                                "start tag <%s> of line %d); check that every tag is closed, "
                                "innermost first"),
                              e->str2 ? e->str2 : "?", e->str1 ? e->str1 : "?", e->int1);
    case XML_ERR_TAG_NOT_FINISHED:
      return g_strdup_printf (_("the XML is not well-formed (the file ends before <%s> of line "
                                "%d is closed); add its end tag </%s>"),
                              e->str1 ? e->str1 : "?", e->int1, e->str1 ? e->str1 : "?");
    case XML_ERR_DOCUMENT_EMPTY:
      if (!session)
        return g_strdup (_("the file holds no XML; check that it is the file you meant"));
      return g_strdup (_("the file holds no XML; a session file starts with "
                         "<session xmlns=\"urn:minutes:session:1\">"));
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
      if (!session)
        return g_strdup (_("the XML is not well-formed (there is content after the end of the "
                           "root element); remove what follows its end tag"));
      return g_strdup (_("the XML is not well-formed (there is content after the end of the root "
                         "element); a file holds one <session>: remove what follows </session>"));
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      if (strstr (detail, "Bytes: "))
        return g_strdup_printf (_("the file is not valid UTF-8 (bytes %s); save it as UTF-8"),
                                strstr (detail, "Bytes: ") + strlen ("Bytes: "));
      return g_strdup_printf (_("the file is not in a readable encoding (%s); save it as UTF-8"),
                              detail);
    case XML_ERR_INVALID_CHAR:
      if (strstr (detail, "not proper UTF-8") && strstr (detail, "Bytes: "))
        return g_strdup_printf (_("the file is not valid UTF-8 (bytes %s); save it as UTF-8"),
                                strstr (detail, "Bytes: ") + strlen ("Bytes: "));
      /* fall through */
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
      /* Name the character the way the Unicode charts do (U+D800), not in decimal. */
      if ((cp = char_value_in (detail)) >= 0 && cp <= 0x10FFFF)
        return g_strdup_printf (_("the file holds U+%04lX, a character XML does not allow (a "
                                  "control character, or half of a surrogate pair); remove it, "
                                  "or write the character itself"), cp);
      return g_strdup_printf (_("the file holds a character XML does not allow (%s); remove it, "
                                "or check that the file is saved as UTF-8"), detail);
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      return g_strdup_printf (_("the XML uses the unknown entity '&%s;'; write the character "
                                "itself (&amp; for '&', &lt; for '<')"),
                              e->str1 ? e->str1 : "?");
    case XML_ERR_ENTITY_LOOP:
      return g_strdup_printf (_("entity expansion refused (%s): the document would expand "
                                "without limit; remove the <!DOCTYPE …> block"), detail);
    default:
      break;
    }
  if (e->domain == XML_FROM_NAMESPACE && !session)
    return g_strdup_printf (_("the XML namespaces are not well-formed (%s); declare every prefix "
                              "with xmlns:PREFIX=\"…\""), detail);
  if (e->domain == XML_FROM_NAMESPACE)
    return g_strdup_printf (_("the XML namespaces are not well-formed (%s); declare every prefix "
                              "with xmlns:PREFIX=\"…\", or use xmlns=\"urn:minutes:session:1\""),
                            detail);
  return g_strdup_printf (_("the XML is not well-formed (%s); check the tags, quotes and '&' "
                            "near this line"), detail);
}

static void
on_parse_error (void *ctx, xmlErrorPtr e)
{
  struct parse_state *st = state_of (ctx);
  if (st->fatal || e->level == XML_ERR_WARNING)
    return;
  char *detail = detail_of (e);
  char *msg = parse_message (e, detail, st->session);
  mn_check_error (st->d, NULL, e->line, "%s", msg);
  g_free (msg);
  g_free (detail);
  /* After a fatal error the parser's later complaints are echoes of the first. */
  if (e->level == XML_ERR_FATAL)
    st->fatal = 1;
}

/* Errors libxml2 raises during a parse without the parser's context, so they miss its handler:
 * the encoding converter's (XML_FROM_I18N, and XML_IO_ENCODER when the input buffer gives up).
 * Bytes that are not in the declared encoding — a file saved in UTF-8 that declares Shift_JIS,
 * or the reverse — make the parser see a truncated text and complain about whatever it was
 * reading ("Comment not terminated"): the truth is the encoding, said once, at the line where
 * decoding stopped; the parser's echoes after it are dropped. */
static void
on_stray_error (void *data, xmlErrorPtr e)
{
  struct parse_state *st = data;
  int conversion = e->domain == XML_FROM_I18N
                   || (e->domain == XML_FROM_IO && e->code == XML_IO_ENCODER);
  if (!conversion || st->fatal)
    return;
  const char *enc = st->ctxt->encoding ? (const char *) st->ctxt->encoding
                    : st->ctxt->input && st->ctxt->input->encoding
                    ? (const char *) st->ctxt->input->encoding : "?";
  /* The converter reads ahead of the parser: find the line of the first byte it refused. */
  gsize good = 0;
  long line = 1;
  GError *err = NULL;
  char *text = strcmp (enc, "?") != 0
               ? g_convert (st->bytes, (gssize) st->len, "UTF-8", enc, &good, NULL, &err) : NULL;
  for (gsize i = 0; err && i < good && i < st->len; i++)
    line += st->bytes[i] == '\n';
  g_clear_error (&err);
  g_free (text);
  mn_check_error (st->d, NULL, line,
                   _("the file's encoding is not %s as its first line declares "
                     "(<?xml … encoding=\"%s\"?>); save the file in %s, or correct the "
                     "declaration (a session is best saved as UTF-8)"), enc, enc, enc);
  st->fatal = 1;
}

/* Read the whole file, at most MN_LOAD_MAX_BYTES; only a regular file (infile.h). */
static int
read_file (char **out, size_t *len, const char *path, int session, mn_diag *d)
{
  int rc = mn_infile_read (out, len, path, MN_LOAD_MAX_BYTES, d);
  if (rc == MN_ELIMIT)
    {
      if (session)
        mn_error (d, path, 0, _("the file is larger than %ld MB; a session file is far smaller: "
                                "check that this is the right file"),
                  MN_LOAD_MAX_BYTES / (1024 * 1024));
      else
        mn_error (d, path, 0, _("the file is larger than %ld MB, more than minutes reads: check "
                                "that this is the right file"),
                  MN_LOAD_MAX_BYTES / (1024 * 1024));
    }
  return rc;
}

/* libxml2 2.9.14 checks each attribute of a start tag against all the others before it:
 * quadratic time (100,000 attributes on one element take minutes).  Before parsing,
 * scan the bytes for the start tag with the most attributes — each '=' outside quotes,
 * comments, CDATA sections and processing instructions counts as one — and return the
 * line of the first tag with more than MN_LOAD_MAX_ATTRIBUTES, or 0 if there is none. */
static long
tag_with_too_many_attributes (const char *b, size_t len)
{
  long line = 1, tag_line = 0;
  int in_tag = 0, count = 0;
  char quote = 0;
  for (size_t i = 0; i < len; i++)
    {
      char c = b[i];
      if (c == '\n')
        line++;
      if (!in_tag)
        {
          if (c != '<')
            continue;
          const char *rest = b + i, *end = NULL;
          size_t left = len - i;
          if (left >= 4 && memcmp (rest, "<!--", 4) == 0)
            end = g_strstr_len (rest + 4, left - 4, "-->");
          else if (left >= 9 && memcmp (rest, "<![CDATA[", 9) == 0)
            end = g_strstr_len (rest + 9, left - 9, "]]>");
          else if (left >= 2 && rest[1] == '?')
            end = g_strstr_len (rest + 2, left - 2, "?>");
          else
            {
              in_tag = 1, count = 0, quote = 0, tag_line = line;
              continue;
            }
          if (!end)
            return 0;   /* unterminated: the parser says so */
          for (const char *q = rest; q < end; q++)
            line += *q == '\n';
          i = end - b;
          continue;
        }
      if (quote)
        quote = c == quote ? 0 : quote;
      else if (c == '"' || c == '\'')
        quote = c;
      else if (c == '=' && ++count > MN_LOAD_MAX_ATTRIBUTES)
        return tag_line;
      else if (c == '>')
        in_tag = 0;
    }
  return 0;
}

/* Parse into `*out` (NULL on failure), holding every problem in `d` (mn_check_error). */
static int
parse (xmlDocPtr *out, const char *path, int session, GPtrArray *warnings, mn_diag *d)
{
  *out = NULL;
  char *bytes = NULL;
  size_t len = 0;
  int rc = read_file (&bytes, &len, path, session, d);
  if (rc)
    return rc;
  long crowded = tag_with_too_many_attributes (bytes, len);
  if (crowded)
    {
      mn_check_error (d, NULL, crowded, _("an element has more than %d attributes; no document "
                                           "minutes reads needs so many: check the file"),
                       MN_LOAD_MAX_ATTRIBUTES);
      g_free (bytes);
      return MN_ELIMIT;
    }

  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  if (!ctxt)
    {
      g_free (bytes);
      return MN_EFAIL;
    }
  struct parse_state st = { d, session, 0, ctxt->sax->internalSubset, warnings,
                            ctxt->sax->characters, ctxt->sax->startElementNs, NULL, ctxt,
                            bytes, len };
  ctxt->_private = &st;
  if (warnings)
    {
      ctxt->sax->characters = on_characters;
      ctxt->sax->startElementNs = on_start_element;
    }
  ctxt->sax->serror = on_parse_error;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
  ctxt->sax->elementDecl = on_element_decl;
  ctxt->sax->attributeDecl = on_attribute_decl;
  ctxt->sax->notationDecl = on_notation_decl;

  /* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE. */
  int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
  int before = mn_diag_held_count (d);
  xmlSetStructuredErrorFunc (&st, on_stray_error);
  xmlDocPtr doc = xmlCtxtReadMemory (ctxt, bytes, (int) len, path, NULL, options);
  xmlSetStructuredErrorFunc (NULL, NULL);
  int bad = mn_diag_held_count (d) > before || !doc || !ctxt->wellFormed;
  if (bad && mn_diag_held_count (d) == before)
    mn_check_error (d, NULL, 0, _("the XML could not be read; check that it is well-formed"));
  xmlFreeParserCtxt (ctxt);
  g_free (bytes);
  if (bad)
    {
      xmlFreeDoc (doc);
      return MN_EINVALID;
    }
  *out = doc;
  return 0;
}

static int
parse_reporting (xmlDocPtr *out, const char *path, int session, mn_diag *d)
{
  mn_load_init ();
  int rc = parse (out, path, session, NULL, d);
  mn_diag_release (d, path);
  return rc;
}

int
mn_load_parse (xmlDocPtr *out, const char *path, mn_diag *d)
{
  return parse_reporting (out, path, 1, d);
}

int
mn_load_parse_xml (xmlDocPtr *out, const char *path, mn_diag *d)
{
  return parse_reporting (out, path, 0, d);
}

/* === the schema === */

/* The names of every xs:element the schema declares (to tell an unknown element from
 * one in the wrong place). */
static void
collect_names (GHashTable *names, const xmlNode *node)
{
  for (const xmlNode *c = node; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp ((const char *) c->name, "element") == 0)
        {
          xmlChar *name = xmlGetNoNsProp (c, (const xmlChar *) "name");
          if (name)
            g_hash_table_add (names, g_strdup ((const char *) name));
          xmlFree (name);
        }
      collect_names (names, c->children);
    }
}

static void
on_schema_parse_error (void *data, xmlErrorPtr e)
{
  struct { mn_diag *d; const char *path; } *ctx = data;
  if (e->level == XML_ERR_WARNING)
    return;
  char *detail = detail_of (e);
  mn_error (ctx->d, ctx->path, e->line,
            _("the schema cannot be compiled (%s); the installation is broken: reinstall minutes, "
              "or give the right folder with --data-dir"), detail);
  g_free (detail);
}

static int
compile_schema (mn_diag *d)
{
  if (schema)
    return 0;
  char *path = mn_paths_data_file ("schema/session.xsd");
  struct { mn_diag *d; const char *path; } ctx = { d, path };
  int rc = MN_EENV;

  /* The schema parser reads the file with a parser of its own, whose errors go to the
   * global handler: catch those too, for the time of the compile. */
  xmlSetStructuredErrorFunc (&ctx, on_schema_parse_error);
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt (path);
  if (pc)
    {
      xmlSchemaSetParserStructuredErrors (pc, on_schema_parse_error, &ctx);
      schema = xmlSchemaParse (pc);
      xmlSchemaFreeParserCtxt (pc);
    }
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlDocPtr xsd = schema ? xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR
                                                   | XML_PARSE_NOWARNING) : NULL;
  if (!schema || !xsd)
    {
      if (d->errors == 0)
        mn_error (d, path, 0, _("the schema cannot be read; the installation is broken: reinstall "
                                "minutes, or give the right folder with --data-dir"));
      goto out;
    }
  schema_elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect_names (schema_elements, xmlDocGetRootElement (xsd));
  rc = 0;
out:
  xmlFreeDoc (xsd);
  free (path);
  return rc;
}

/* === validation errors in our words === */

struct valid_state {
  mn_diag *d;              /* where errors are held (mn_check_error) */
  GHashTable *valued;      /* "ELEMENT-ADDRESS ATTRIBUTE" of values already reported */
  GHashTable *reported;    /* "ELEMENT-ADDRESS CODE MESSAGE" of every error reported */
  GHashTable *broken;      /* parents an element was set aside from (later errors may echo) */
  GHashTable *patched;     /* elements that got a placeholder before them */
  GPtrArray *unexpected;   /* struct unexpected *: elements "not expected" in this pass */
  GHashTable *placeholders; /* elements validate() added; errors inside them are not real */
  GPtrArray *pending;      /* struct pending *: findings decided after the next pass */
};

/* A finding about an unexpected element whose wording waits for the next pass. */
struct pending {
  const xmlNode *node;     /* the unexpected element */
  long line;               /* its line */
  char *if_missing;        /* the message if a placeholder before it satisfied the parent */
  char *otherwise;         /* the message if it is still unexpected */
};

static void
pending_free (gpointer p)
{
  struct pending *pe = p;
  g_free (pe->if_missing);
  g_free (pe->otherwise);
  g_free (pe);
}

/* An element the schema did not expect, and libxml2's message about it. */
struct unexpected {
  xmlNodePtr node;         /* the element (in the document) */
  char message[];          /* libxml2's message, with its "Expected is ( … )" */
};

/* 1 if `n` is a placeholder or inside one. */
static int
in_placeholder (const struct valid_state *st, const xmlNode *n)
{
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (g_hash_table_contains (st->placeholders, n))
      return 1;
  return 0;
}

static int
in_session_ns (const xmlNode *n)
{
  return n && n->ns && strcmp ((const char *) n->ns->href, MN_SESSION_NS) == 0;
}

/* The one element name in "Expected is ( {ns}name )", or NULL (none, or several). */
static char *
single_expected (const char *msg)
{
  char *list = expected_of (msg);
  char *name = NULL;
  if (list && !strchr (list, ',') && list[0] == '<')
    name = g_strndup (list + 1, strlen (list) - 2);
  g_free (list);
  return name;
}

/* 1 if a later sibling of `n` is the element `name`. */
static int
comes_later (const xmlNode *n, const char *name)
{
  for (const xmlNode *c = n->next; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *) c->name, name) == 0)
      return 1;
  return 0;
}

static void
on_schema_error (void *data, xmlErrorPtr e)
{
  struct valid_state *st = data;
  if (e->level == XML_ERR_WARNING)
    return;
  /* libxml2 2.9 names the element (never the attribute node) and puts the
   * attribute's name in its message: "Element 'x', attribute 'n': …". */
  const xmlNode *node = e->node, *el = node;
  char *attr = attribute_in (e->message);
  if (node && node->type == XML_ATTRIBUTE_NODE)
    el = node->parent;

  /* Once a content model fails, libxml2 skips the rest of that parent's children; the
   * caller sets the unexpected element aside and validates again (see validate()).
   * Here: note it, drop the echoes in the broken parent, and report nothing twice. */
  int content = e->code == XML_SCHEMAV_ELEMENT_CONTENT
                || e->code == XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4;
  if (in_placeholder (st, el))
    {
      g_free (attr);
      return;
    }
  if (content && el && el->parent && el->parent->type == XML_ELEMENT_NODE
      && e->message && strstr (e->message, "not expected"))
    {
      size_t len = strlen (e->message);
      struct unexpected *u = g_malloc (sizeof *u + len + 1);
      u->node = (xmlNodePtr) el;
      memcpy (u->message, e->message, len + 1);
      g_ptr_array_add (st->unexpected, u);
      if (g_hash_table_contains (st->broken, el->parent))
        {
          g_free (attr);
          return;
        }
    }
  if (content && el && g_hash_table_contains (st->broken, el)
      && e->message && strstr (e->message, "Missing child"))
    {
      g_free (attr);
      return;
    }
  /* One content-model complaint per element: after a repair libxml2 may say the same
   * element is unexpected again, with another list of what it expected. */
  if (!g_hash_table_add (st->reported, content
                         ? g_strdup_printf ("%p content", (const void *) el)
                         : g_strdup_printf ("%p %d %s", (const void *) el, e->code,
                                            e->message ? e->message : "")))
    {
      g_free (attr);
      return;
    }

  const char *name = el && el->name ? (const char *) el->name : "?";
  const char *parent = el && el->parent && el->parent->type == XML_ELEMENT_NODE
                       ? (const char *) el->parent->name : "?";
  long line = el ? xmlGetLineNo (el) : e->line;
  char *detail = detail_of (e);
  char *expected = expected_of (e->message);
  xmlChar *value = NULL;
  char *missing = NULL;

  switch (e->code)
    {
    case XML_SCHEMAV_ELEMENT_CONTENT:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_4:
      if (strstr (detail, "Missing child element"))
        mn_check_error_weak (st->d, el, line,
                              _("<%s> lacks a required element (expected: %s); add it"),
                              name, expected ? expected : "?");
      else if (strstr (detail, "not expected") && !in_session_ns (el))
        {
          char *qname = el && el->ns && el->ns->prefix
                        ? g_strdup_printf ("%s:%s", el->ns->prefix, name) : g_strdup (name);
          mn_check_error (st->d, el, line,
                           _("<%s> is not in the namespace urn:minutes:session:1; check its "
                             "prefix and the xmlns declarations"), qname);
          g_free (qname);
        }
      else if (strstr (detail, "not expected")
               && !g_hash_table_contains (schema_elements, name))
        mn_check_error (st->d, el, line,
                         _("<%s> is not an element of the session format; check its spelling, "
                           "or remove it (docs/session-format.md lists the elements)"), name);
      else if (strstr (detail, "not expected") && expected
               && (missing = single_expected (e->message)) && !comes_later (el, missing))
        {
          /* validate() puts a placeholder <missing> here; if that satisfies the parent,
           * the element was missing, else this one is out of place.  Decided after the
           * next pass. */
          struct pending *pe = g_new0 (struct pending, 1);
          pe->node = el;
          pe->line = line;
          pe->if_missing = g_strdup_printf (_("<%s> is missing before <%s> (inside <%s>); add it"),
                                            missing, name, parent);
          pe->otherwise = g_strdup_printf (_("<%s> is not allowed here: expected %s; add the "
                                             "missing element, or check the order of the "
                                             "elements inside <%s> (docs/session-format.md)"),
                                           name, expected, parent);
          g_ptr_array_add (st->pending, pe);
        }
      else if (strstr (detail, "not expected") && expected)
        mn_check_error (st->d, el, line,
                         _("<%s> is not allowed here: expected %s; add the missing element, or "
                           "check the order of the elements inside <%s> (docs/session-format.md)"),
                         name, expected, parent);
      else if (strstr (detail, "not expected"))
        mn_check_error (st->d, el, line,
                         _("<%s> is not allowed here, inside <%s>; move it to its place, or "
                           "remove it"), name, parent);
      else
        goto generic;
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      mn_check_error (st->d, el, line,
                       _("<%s> has no attribute '%s'; remove it, or check its spelling"),
                       name, attr ? attr : "?");
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
      mn_check_error (st->d, el, line,
                       _("<%s> lacks its required attribute %s=\"…\"; add it"),
                       name, attr ? attr : "?");
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
      mn_check_error (st->d, el, line,
                       _("<%s> holds text directly, but its text belongs in child elements; "
                         "wrap the text in <p>…</p>"), name);
      break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
      mn_check_error (st->d, el, line, _("<%s> must be empty; remove what is inside it"), name);
      break;
    case XML_SCHEMAV_CVC_ELT_1:
      mn_check_error (st->d, el, line,
                       _("the root element is <%s>, but a session file starts with "
                         "<session xmlns=\"urn:minutes:session:1\">; correct the root element"),
                       name);
      break;
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_PATTERN_VALID:
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
    case XML_SCHEMAV_CVC_ATTRIBUTE_3:
    case XML_SCHEMAV_CVC_TYPE_3_1_1:
    case XML_SCHEMAV_CVC_TYPE_3_1_2:
      /* libxml2 reports a facet, then the type, for one bad value: keep the first
       * message about each value (an element's text, or one of its attributes). */
      if (!g_hash_table_add (st->valued, g_strdup_printf ("%p %s", (const void *) el,
                                                          attr ? attr : "")))
        break;
      value = attr && el ? xmlGetNoNsProp (el, (const xmlChar *) attr) : xmlNodeGetContent (node);
      if (!attr)
        mn_check_error (st->d, el, line,
                         _("<%s>: the text '%s' is not allowed (%s); correct it"),
                         name, value ? (const char *) value : "", detail);
      else if (strstr (detail, "xs:date"))
        mn_check_error (st->d, el, line,
                         _("<%s>: %s=\"%s\" is not a date; write it as YYYY-MM-DD, "
                           "for example 2021-05-10"),
                         name, attr, value ? (const char *) value : "");
      else if (strstr (detail, "xs:positiveInteger"))
        mn_check_error (st->d, el, line,
                         _("<%s>: %s=\"%s\" is not a number 1, 2, 3 …; write the number in "
                           "ASCII digits"),
                         name, attr, value ? (const char *) value : "");
      else if (e->code == XML_SCHEMAV_CVC_ENUMERATION_VALID && strchr (detail, '{')
               && strchr (strchr (detail, '{'), '}'))
        {
          const char *set = strchr (detail, '{');
          mn_check_error (st->d, el, line,
                           _("<%s>: %s=\"%s\" is not one of the allowed values %.*s; use one of them"),
                           name, attr, value ? (const char *) value : "",
                           (int) (strchr (set, '}') - set + 1), set);
        }
      else
        mn_check_error (st->d, el, line,
                         _("<%s>: %s=\"%s\" is not allowed (%s); correct the value"),
                         name, attr, value ? (const char *) value : "", detail);
      break;
    default:
    generic:
      mn_check_error (st->d, el, line,
                       _("<%s> does not match the schema (%s); see docs/session-format.md"),
                       name, detail);
      break;
    }
  xmlFree (value);
  g_free (missing);
  g_free (attr);
  g_free (expected);
  g_free (detail);
}

/* Validate `doc` against the schema, holding every error in `d`.
 *
 * libxml2 stops checking a parent's children at the first child its content model does
 * not expect: the errors further on would only show in the next run.  So, up to
 * MAX_PASSES times, repair the tree and validate again, reporting only what is new:
 *   1. an unexpected element where exactly one element was expected, and that element
 *      does not come later (a required element is missing), gets an empty placeholder
 *      of the missing element before it — once;
 *   2. any other unexpected element (unknown, out of order, or patched already) is set
 *      aside (unlinked), and its parent marked: its later content errors may be echoes;
 *   3. errors inside placeholders, content errors in marked parents, and anything said
 *      before are never reported.
 * Then everything is undone in reverse order (placeholders freed, elements put back next
 * to the same neighbours), so `doc` is left as it came.
 * Returns xmlSchemaValidateDoc's first result: 0 valid, > 0 invalid, < 0 failure. */
enum { MAX_PASSES = 32 };

/* One repair, to undo. */
struct repair {
  xmlNodePtr node;    /* the element set aside, or the placeholder */
  xmlNodePtr parent;  /* the parent of the element set aside */
  xmlNodePtr next;    /* its next sibling, or NULL if it was the last child */
  int placeholder;    /* 1: `node` is a placeholder to free */
};

/* Word and add the pending findings of the previous pass, now that `unexpected` (this
 * pass's unexpected elements, or NULL after the last pass) tells whether the placeholder
 * before each element satisfied its parent.  Empties `deciding`. */
static void
decide (mn_diag *d, GPtrArray *deciding, const GPtrArray *unexpected)
{
  for (guint i = 0; i < deciding->len; i++)
    {
      struct pending *pe = g_ptr_array_index (deciding, i);
      int still = unexpected == NULL;
      for (guint k = 0; unexpected && k < unexpected->len && !still; k++)
        still = ((struct unexpected *) g_ptr_array_index (unexpected, k))->node == pe->node;
      mn_check_error (d, pe->node, pe->line, "%s", still ? pe->otherwise : pe->if_missing);
    }
  g_ptr_array_set_size (deciding, 0);
}

static int
validate (xmlDocPtr doc, mn_diag *d)
{
  struct valid_state st = {
    .d = d,
    .valued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .broken = g_hash_table_new (g_direct_hash, g_direct_equal),
    .patched = g_hash_table_new (g_direct_hash, g_direct_equal),
    .unexpected = g_ptr_array_new_with_free_func (g_free),
    .placeholders = g_hash_table_new (g_direct_hash, g_direct_equal),
    .pending = g_ptr_array_new_with_free_func (pending_free),
  };
  GPtrArray *deciding = g_ptr_array_new_with_free_func (pending_free);
  GArray *undo = g_array_new (FALSE, FALSE, sizeof (struct repair));
  int first = -1;
  for (int pass = 0; pass < MAX_PASSES; pass++)
    {
      g_ptr_array_set_size (st.unexpected, 0);
      xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt (schema);
      if (!vc)
        break;
      xmlSchemaSetValidStructuredErrors (vc, on_schema_error, &st);
      int r = xmlSchemaValidateDoc (vc, doc);
      xmlSchemaFreeValidCtxt (vc);
      if (pass == 0)
        first = r;
      decide (d, deciding, st.unexpected);
      g_ptr_array_extend_and_steal (deciding, st.pending);
      st.pending = g_ptr_array_new_with_free_func (pending_free);
      if (r <= 0 || st.unexpected->len == 0)
        break;
      for (guint i = 0; i < st.unexpected->len; i++)
        {
          struct unexpected *u = g_ptr_array_index (st.unexpected, i);
          xmlNodePtr n = u->node;
          xmlNsPtr ns = xmlSearchNsByHref (doc, n->parent, (const xmlChar *) MN_SESSION_NS);
          char *want = single_expected (u->message);
          if (want && ns && !g_hash_table_contains (st.patched, n) && !comes_later (n, want))
            {
              g_hash_table_add (st.patched, n);
              xmlNodePtr ph = xmlNewDocNode (doc, ns, (const xmlChar *) want, NULL);
              xmlAddPrevSibling (n, ph);
              g_hash_table_add (st.placeholders, ph);
              struct repair rep = { ph, NULL, NULL, 1 };
              g_array_append_val (undo, rep);
            }
          else
            {
              struct repair rep = { n, n->parent, n->next, 0 };
              g_hash_table_add (st.broken, n->parent);
              xmlUnlinkNode (n);
              g_array_append_val (undo, rep);
            }
          g_free (want);
        }
    }
  decide (d, deciding, NULL);
  g_ptr_array_free (deciding, TRUE);
  g_ptr_array_free (st.pending, TRUE);
  for (guint i = undo->len; i-- > 0;)
    {
      struct repair *rep = &g_array_index (undo, struct repair, i);
      if (rep->placeholder)
        {
          xmlUnlinkNode (rep->node);
          xmlFreeNode (rep->node);
        }
      else if (rep->next)
        xmlAddPrevSibling (rep->next, rep->node);
      else
        xmlAddChild (rep->parent, rep->node);
    }
  g_array_free (undo, TRUE);
  g_ptr_array_free (st.unexpected, TRUE);
  g_hash_table_destroy (st.placeholders);
  g_hash_table_destroy (st.broken);
  g_hash_table_destroy (st.patched);
  g_hash_table_destroy (st.reported);
  g_hash_table_destroy (st.valued);
  return first;
}

/* === the whole load === */

/* The root must be <session> in our namespace; otherwise nothing else is worth saying. */
static int
check_root (xmlDocPtr doc, mn_diag *d)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  if (root && strcmp ((const char *) root->name, "session") == 0 && in_session_ns (root))
    return 0;
  if (root && strcmp ((const char *) root->name, "session") == 0 && !root->ns)
    mn_check_error (d, root, 0,
                     _("<session> has no namespace; write <session xmlns=\"urn:minutes:session:1\">"));
  else if (root && strcmp ((const char *) root->name, "session") == 0)
    mn_check_error (d, root, 0,
                     _("<session> is not in the namespace urn:minutes:session:1 (it is in '%s'); "
                       "write <session xmlns=\"urn:minutes:session:1\">"),
                     root->ns ? (const char *) root->ns->href : "");
  else
    mn_check_error (d, root, 0,
                     _("the root element is <%s>, but a session file starts with "
                       "<session xmlns=\"urn:minutes:session:1\">; correct the root element"),
                     root ? (const char *) root->name : "");
  return MN_EINVALID;
}

int
mn_load_session (xmlDocPtr *out, const char *path, mn_diag *d)
{
  *out = NULL;
  mn_load_init ();
  int rc = compile_schema (d);
  if (rc)
    return rc;

  xmlDocPtr doc = NULL;
  GPtrArray *warnings = g_ptr_array_new_with_free_func (warning_free);
  rc = parse (&doc, path, 1, warnings, d);
  if (rc == 0)
    rc = check_root (doc, d);
  if (rc == 0)
    {
      /* 1. The schema: every error, in our words. */
      int valid = validate (doc, d);
      if (valid != 0 && mn_diag_held_count (d) == 0)
        mn_check_error (d, NULL, 0, _("the document does not match the schema; see "
                                       "docs/session-format.md"));
      /* 2. The rules beyond the schema, on the same tree, so one run finds everything. */
      mn_check_session (doc, d);
      if (mn_diag_held_count (d) > 0)
        rc = MN_EINVALID;
    }
  /* the errors were held: now in line order */
  if (mn_diag_release (d, path) > 0 && rc == 0)
    rc = MN_EINVALID;
  /* The warnings after the errors (those must be fixed first); in line order. */
  for (guint i = 0; i < warnings->len; i++)
    {
      const struct warning *w = g_ptr_array_index (warnings, i);
      mn_warning (d, path, w->line, "%s", w->msg);
    }
  g_ptr_array_unref (warnings);
  if (rc)
    xmlFreeDoc (doc);
  else
    *out = doc;
  return rc;
}

void
mn_load_ignore_error (void *ctx, xmlErrorPtr err)
{
  (void) ctx;
  (void) err;
}
