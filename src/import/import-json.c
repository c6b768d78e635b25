/* import-json.c: a DiscussNet JSON speech record → <speech-record>.
 *
 * The form: provenance lines, then {"tenant_minutes": [{…, "body": "<pre>…</pre>"}, …]} (any
 * object whose first array member lists the speeches, or a bare array), read with json-glib.
 * The bodies, without their <pre> tags, are the text of a plain speech record: they are joined
 * after the provenance lines into one text (importer.synthetic), which import-speech.c reads.
 * Each line of that text keeps, as its line number, the line of its record's "body" key in the
 * file, so warnings point into the JSON.
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "base/i18n.h"
#include "import-internal.h"

/* A DiscussNet record (provenance lines, then {"tenant_minutes": [{…, "body": "<pre>…</pre>"}]}):
 * the bodies, without their <pre> tags, are the text of a speech record, which is then read
 * as plain text.  Each line keeps the line number of its record's "body" in the file. */
int
imp_read_json (importer *im, const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  GString *syn = g_string_new (NULL);
  GArray *nos = g_array_new (FALSE, FALSE, sizeof (long));
  long lineno = 1;
  for (const char *ls, *le; imp_provenance_line (&p, end, '{', &ls, &le); lineno++)
    {
      g_string_append_len (syn, ls, le - ls);
      g_string_append_c (syn, '\n');
      g_array_append_val (nos, lineno);
    }
  /* the line of each "body" key, in order */
  GArray *body_lines = g_array_new (FALSE, FALSE, sizeof (long));
  long ln = lineno;
  for (const char *s = p; s < end; s++)
    {
      if (*s == '\n')
        ln++;
      else if (*s == '"' && strncmp (s, "\"body\"", 6) == 0)
        g_array_append_val (body_lines, ln);
    }

  JsonParser *parser = json_parser_new ();
  GError *err = NULL;
  int rc = 0;
  if (!json_parser_load_from_data (parser, p, (gssize) (end - p), &err))
    {
      mn_error (im->d, im->name, lineno, _("the JSON record cannot be read (%s); correct it, or import its plain-text form"), err->message);
      g_clear_error (&err);
      rc = MN_EINVALID;
      goto out;
    }
  JsonNode *root = json_parser_get_root (parser);
  JsonArray *records = NULL;
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *o = json_node_get_object (root);
      GList *members = json_object_get_members (o);
      for (GList *m = members; m && !records; m = m->next)
        {
          JsonNode *v = json_object_get_member (o, m->data);
          if (JSON_NODE_HOLDS_ARRAY (v))
            records = json_node_get_array (v);
        }
      g_list_free (members);
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    records = json_node_get_array (root);
  if (!records)
    {
      mn_error (im->d, im->name, lineno, _("the JSON record holds no list of speeches (an array of objects with \"body\"); import its plain-text form instead"));
      rc = MN_EINVALID;
      goto out;
    }
  guint k = 0;
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *rn = json_array_get_element (records, i);
      if (!JSON_NODE_HOLDS_OBJECT (rn))
        continue;
      JsonObject *r = json_node_get_object (rn);
      if (!json_object_has_member (r, "body"))
        continue;
      long bl = k < body_lines->len ? g_array_index (body_lines, long, k) : lineno;
      k++;
      const char *body = json_object_get_string_member_with_default (r, "body", "");
      GString *b = g_string_new (body);
      /* <pre>…</pre> is the web page's markup, not text */
      if (g_str_has_prefix (b->str, "<pre>"))
        g_string_erase (b, 0, 5);
      if (g_str_has_suffix (b->str, "</pre>"))
        g_string_truncate (b, b->len - 6);
      else if (g_str_has_suffix (b->str, "</pre>\n"))
        g_string_truncate (b, b->len - 7);
      char **ls = g_strsplit (b->str, "\n", -1);
      for (char **l = ls; *l; l++)
        {
          if (!**l && !l[1])
            break;
          g_string_append (syn, *l);
          g_string_append_c (syn, '\n');
          g_array_append_val (nos, bl);
        }
      g_strfreev (ls);
      g_string_free (b, TRUE);
    }
  /* the rebuilt text, read as a plain speech record */
  im->synthetic = g_string_free (syn, FALSE);
  syn = NULL;
  imp_split_lines (im, im->synthetic, strlen (im->synthetic));
  for (size_t i = 0; i < im->n_lines && i < nos->len; i++)
    im->lines[i].no = g_array_index (nos, long, i);
  imp_drop_page_furniture (im);
  imp_read_speech_form (im);
  rc = imp_speech_finish (im);
out:
  if (syn)
    g_string_free (syn, TRUE);
  g_array_free (nos, TRUE);
  g_array_free (body_lines, TRUE);
  g_object_unref (parser);
  return rc;
}

