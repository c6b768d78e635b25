/* tests/build/textcheck.c: does a rendered document give back every character of the source
 * text, in order?
 *
 *   textcheck [--drop-char N] SEED.txt (--text EXTRACTED.txt | --html PAGE.html)
 *
 * The seed stream is the source text with whitespace (Unicode, including U+3000), the stray HTML
 * tags of the extraction (<p>, </p>, <ul …>, <li> …) and the "- " bullets it put at line starts
 * set aside.  The document stream is the text of the rendering: `pdftotext -raw` output (--text),
 * or the text of an HTML page's body (--html, parsed with libxml2; <style> and <script> left
 * out), whitespace set aside.  The layout prints more than the seed (running headers, page
 * numbers, repeated table headers, captions, a table of contents), so the seed must be a
 * *subsequence* of the document, in runs: where the two differ, the document may hold up to
 * WINDOW characters of extra text before the seed goes on (the next KGRAM seed characters must
 * follow it exactly); a seed character not found so is counted missing and the search goes on
 * from the same place, so one lost character costs one, not the rest of the text.
 *
 * Prints "N/M characters (P%)" and exits 0 when all are found.  Otherwise prints the first
 * missing run (the seed around it, and the document where it was expected) and exits 1.
 * Exit 2: usage or a file that cannot be read.  --drop-char N deletes the N-th character of the
 * document stream first (to prove the check can fail).
 *
 * A test tool: its messages are for developers and are not translated. */
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 2000   /* the largest run of extra text expected between two seed characters */
#define KGRAM 8       /* seed characters that must match after a run of extra text */
#define CONTEXT 24

static void
add_text (GArray *out, const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0xFEFF)
        g_array_append_val (out, c);
    }
}

/* The seed: per line, drop a leading "- " bullet and every <tag …> / </tag>. */
static int
read_seed (GArray *out, const char *path)
{
  char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    return -1;
  GRegex *tag = g_regex_new ("</?[A-Za-z][^<>]*>", 0, 0, NULL);
  char **lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    {
      char *line = *l;
      while (*line == ' ' || *line == '\t')
        line++;
      if (g_str_has_prefix (line, "- "))
        line += 2;
      char *clean = g_regex_replace_literal (tag, line, -1, 0, "", 0, NULL);
      add_text (out, clean);
      g_free (clean);
    }
  g_strfreev (lines);
  g_regex_unref (tag);
  g_free (text);
  return 0;
}

static void
html_text (GArray *out, xmlNodePtr n)
{
  for (; n; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        add_text (out, (const char *) n->content);
      else if (n->type == XML_ELEMENT_NODE
               && !xmlStrEqual (n->name, BAD_CAST "style")
               && !xmlStrEqual (n->name, BAD_CAST "script")
               && !xmlStrEqual (n->name, BAD_CAST "head"))
        html_text (out, n->children);
    }
}

static int
read_html (GArray *out, const char *path)
{
  htmlDocPtr doc = htmlReadFile (path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (!doc)
    return -1;
  html_text (out, xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
  return 0;
}

static int
read_text (GArray *out, const char *path)
{
  char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    return -1;
  add_text (out, text);
  g_free (text);
  return 0;
}

static void
print_run (const char *what, GArray *s, guint from, guint to)
{
  GString *str = g_string_new (NULL);
  for (guint k = from; k < to && k < s->len; k++)
    g_string_append_unichar (str, g_array_index (s, gunichar, k));
  fprintf (stderr, "  %s: %s\n", what, str->str);
  g_string_free (str, TRUE);
}

int
main (int argc, char **argv)
{
  long drop = -1;
  int i = 1;
  if (i + 1 < argc && strcmp (argv[i], "--drop-char") == 0)
    {
      drop = strtol (argv[i + 1], NULL, 10);
      i += 2;
    }
  if (argc - i != 3 || (strcmp (argv[i + 1], "--text") != 0 && strcmp (argv[i + 1], "--html") != 0))
    {
      fprintf (stderr, "usage: textcheck [--drop-char N] SEED.txt (--text FILE | --html FILE)\n");
      return 2;
    }
  GArray *seed = g_array_new (FALSE, FALSE, sizeof (gunichar));
  GArray *doc = g_array_new (FALSE, FALSE, sizeof (gunichar));
  if (read_seed (seed, argv[i]) != 0)
    {
      fprintf (stderr, "textcheck: cannot read %s as UTF-8\n", argv[i]);
      return 2;
    }
  int html = strcmp (argv[i + 1], "--html") == 0;
  if ((html ? read_html (doc, argv[i + 2]) : read_text (doc, argv[i + 2])) != 0)
    {
      fprintf (stderr, "textcheck: cannot read %s\n", argv[i + 2]);
      return 2;
    }
  if (drop >= 0 && (guint) drop < doc->len)
    g_array_remove_index (doc, (guint) drop);

  /* Walk both streams.  Equal characters advance both.  Otherwise the document either holds
   * extra text here (the seed's next KGRAM characters appear within WINDOW: skip to them) or
   * lacks the seed character (count it missing and go on with the next one). */
  guint j = 0, found = 0, first_miss = G_MAXUINT, first_miss_at = 0, run_end = 0;
  for (guint k = 0; k < seed->len; k++)
    {
      gunichar c = g_array_index (seed, gunichar, k);
      int hit = j < doc->len && g_array_index (doc, gunichar, j) == c;
      if (!hit)
        {
          guint n = MIN (KGRAM, seed->len - k);
          guint limit = MIN (doc->len, j + WINDOW);
          for (guint m = j + 1; !hit && m + n <= limit; m++)
            {
              guint q = 0;
              while (q < n && g_array_index (doc, gunichar, m + q) == g_array_index (seed, gunichar, k + q))
                q++;
              if (q == n)
                {
                  j = m;
                  hit = 1;
                }
            }
        }
      if (hit)
        {
          found++;
          j++;
          if (first_miss != G_MAXUINT && run_end == 0)
            run_end = k;
        }
      else if (first_miss == G_MAXUINT)
        {
          first_miss = k;
          first_miss_at = j;
        }
    }
  printf ("%u/%u characters (%.2f%%)\n", found, seed->len,
          seed->len ? 100.0 * found / seed->len : 100.0);
  int ret = 0;
  if (found != seed->len)
    {
      if (run_end == 0)
        run_end = seed->len;
      fprintf (stderr, "first missing run: seed characters %u-%u\n", first_miss, run_end - 1);
      print_run ("missing", seed, first_miss, MIN (run_end, first_miss + 80));
      print_run ("seed before", seed, first_miss > CONTEXT ? first_miss - CONTEXT : 0, first_miss);
      print_run ("document there", doc, first_miss_at > CONTEXT ? first_miss_at - CONTEXT : 0,
                 first_miss_at + CONTEXT);
      ret = 1;
    }
  g_array_free (seed, TRUE);
  g_array_free (doc, TRUE);
  return ret;
}
