/* import-page.c: the page furniture of scraped or PDF-extracted text, dropped before reading.
 *
 * Text taken from published PDFs or scraped from web pages carries what the page put there,
 * not the minutes: the page markers a scraper writes between pages (<PAGE="2">), the page
 * numbers of the printed minutes (－ 12 －, - 12 -), and the running head repeated at the top
 * of every page.  None of it is the record (a page marker printed in the minutes as a stage
 * note was issue 17's bug), so these lines are taken out of the line array before any form is
 * read.  The lines that stay keep their numbers, so every message still points into the text.
 * One note per kind says how many were dropped, with the first one's line.
 *
 * A running head is recognised only as a line that stands, identically, right after two page
 * breaks or more (a page marker or a page number, then possibly blank lines): a line that
 * repeats elsewhere (〔「異議なし」と呼ぶ者あり〕) is never touched, nor is the record's own
 * title on its first page, which no page break precedes.  A head that looks like a turn or a
 * stage note (it opens with a speaker mark or a bracket) is never taken for one.
 */
#include <string.h>

#include "base/i18n.h"
#include "import-internal.h"

/* What a line of the page (not of the minutes) is. */
enum furniture {
  NOT_FURNITURE,
  PAGE_MARKER,   /* <PAGE="2">: written by a scraper between pages */
  PAGE_NUMBER,   /* － 12 －: the printed page number */
  RUNNING_HEAD,  /* the line repeated at the top of every page */
  N_FURNITURE
};

/* 1 if `c` is one of the dashes printed around a page number. */
static int
is_dash (gunichar c)
{
  return c == '-' || c == 0xFF0D /* － */ || c == 0x2015 /* ― */ || c == 0x2014 /* — */
         || c == 0x2013 /* – */ || c == 0x2212 /* − */ || c == 0x30FC /* ー */;
}

/* PAGE_MARKER, PAGE_NUMBER or NOT_FURNITURE for one line. */
static enum furniture
page_break_kind (const char *text)
{
  char *t = imp_trim_dup (text);
  enum furniture kind = NOT_FURNITURE;
  static GRegex *marker;
  if (!marker)
    marker = g_regex_new ("^<PAGE\\s*=\\s*\"?[0-9]+\"?\\s*/?>$", G_REGEX_CASELESS, 0, NULL);
  if (g_regex_match (marker, t, 0, NULL))
    kind = PAGE_MARKER;
  else if (*t && is_dash (g_utf8_get_char (t)))
    {
      /* a dash, a number, a dash, with spaces allowed between */
      const char *p = g_utf8_next_char (t);
      imp_skip_space (&p);
      long n = imp_read_number (&p);
      imp_skip_space (&p);
      if (n >= 0 && *p && is_dash (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          imp_skip_space (&p);
          if (!*p)
            kind = PAGE_NUMBER;
        }
    }
  g_free (t);
  return kind;
}

/* The first line after `i` that is neither blank nor a page break, or n. */
static size_t
next_content (const importer *im, const enum furniture *kind, size_t i)
{
  size_t j = i + 1;
  while (j < im->n_lines && (imp_is_blank (im->lines[j].text) || kind[j] == PAGE_MARKER
                             || kind[j] == PAGE_NUMBER))
    j++;
  return j;
}

/* 1 if `t` (trimmed) could be a running head: short, and not a turn, a head or a stage note. */
static int
plausible_head (const char *t)
{
  if (!*t || g_utf8_strlen (t, -1) > 60)
    return 0;
  gunichar c = g_utf8_get_char (t);
  return !imp_is_mark (c) && c != 0x3014 /* 〔 */ && c != 0xFF08 /* （ */ && c != '(';
}

void
imp_drop_page_furniture (importer *im)
{
  size_t n = im->n_lines;
  if (n == 0)
    return;
  enum furniture *kind = g_new0 (enum furniture, n);
  for (size_t i = 0; i < n; i++)
    kind[i] = page_break_kind (im->lines[i].text);

  /* running heads: the text standing right after each break (heads[], the lines), counted */
  GHashTable *after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *heads = g_array_new (FALSE, FALSE, sizeof (size_t));
  for (size_t i = 0; i < n; i++)
    {
      size_t j = kind[i] == PAGE_MARKER || kind[i] == PAGE_NUMBER ? next_content (im, kind, i) : n;
      if (j >= n)
        continue;
      g_array_append_val (heads, j);
      char *t = imp_trim_dup (im->lines[j].text);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (after, t));
      g_hash_table_replace (after, t, GUINT_TO_POINTER (count + 1));
    }
  for (guint k = 0; k < heads->len; k++)
    {
      size_t j = g_array_index (heads, size_t, k);
      char *t = imp_trim_dup (im->lines[j].text);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (after, t)) >= 2 && plausible_head (t))
        kind[j] = RUNNING_HEAD;
      g_free (t);
    }
  g_array_free (heads, TRUE);
  g_hash_table_destroy (after);

  /* drop them, keeping the numbers of the lines that stay; one note per kind */
  size_t kept = 0, count[N_FURNITURE] = { 0 };
  const line *first[N_FURNITURE] = { NULL };
  line *dropped = g_new (line, n);
  for (size_t i = 0; i < n; i++)
    {
      if (kind[i] == NOT_FURNITURE)
        {
          im->lines[kept++] = im->lines[i];
          continue;
        }
      dropped[i] = im->lines[i];
      if (count[kind[i]]++ == 0)
        first[kind[i]] = &dropped[i];
    }
  im->n_lines = kept;
  static const char *const said[N_FURNITURE] = {
    NULL,
    N_("dropped %zu page markers such as %s, which the text's scraper wrote between pages (the first is here); messages keep the line numbers of the text"),
    N_("dropped %zu page numbers such as %s, the page furniture of the printed minutes (the first is here)"),
    N_("dropped %zu running heads \"%s\" repeated at the top of the pages (the first is here)"),
  };
  for (int k = PAGE_MARKER; k < N_FURNITURE; k++)
    if (count[k])
      {
        char *t = imp_trim_dup (first[k]->text);
        mn_note (im->d, im->name, first[k]->no, _(said[k]), count[k], t);
        g_free (t);
      }
  g_free (dropped);
  g_free (kind);
}
