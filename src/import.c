/* import.c: legacy minutes text (the seed's table form, or speaker turns) → session XML.
 *
 * The model.  Legacy minutes reach us as text extracted from published PDFs or web pages.
 * We read it line by line (CRLF or LF, UTF-8 or a legacy encoding converted with
 * g_convert) and recognise one of these forms:
 *
 *   1. the table form of the seed (/work/shared/seed): header rows `LABEL\tvalue`, then
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
 * Known gaps: role/name split of a speaker without brackets relies on a list of role words
 * (roles missing from it stay with the name); the header of a speech record (roster, place,
 * agenda) stays as paragraphs of <held>, with title, council and day copied from it; typos
 * (<sic>) and text cut off mid-file (<cut/>) are never guessed.
 */
#include "import.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/xmlsave.h>

#include "atomic.h"
#include "era.h"
#include "i18n.h"
#include "load.h"

#define MN_NS "urn:minutes:session:1"

/* === lines === */

typedef struct line {
  char *text;  /* the line without its end (\n or \r\n), UTF-8 (owned by the text buffer) */
  long no;     /* 1-based line number in the source */
} line;

/* The state of one import. */
typedef struct importer {
  const char *name;      /* file name for diagnostics */
  mn_diag *d;            /* where warnings go */
  line *lines;           /* all lines of the source */
  size_t n_lines;        /* how many */
  int ends_with_newline; /* the source's last byte is a line end */
  xmlDocPtr doc;         /* the document being built */
  xmlNsPtr ns;           /* our namespace, declared on the root */

  /* the parts, detached until assembled (NULL when absent) */
  xmlNodePtr title, council, dates, held, place, attendees, materials, agenda, record_note;
  xmlNodePtr inquiries;  /* a scratch element holding the <inquiry> elements */
  xmlNodePtr requests;
  xmlNodePtr speech;

  xmlNodePtr last_p;     /* the block that received text last (for <cut/>) */
  long last_line;        /* its source line */
  char *synthetic;       /* the text rebuilt from a JSON record, which `lines` point into */
  int answer_marks;      /* ◎ speaker lines seen (an answer, in DiscussNet records) */
} importer;

/* === small text helpers === */

static int
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000 || c == '\r' || c == '\n' || c == 0xA0;
}

/* A new string: `s` without white space (ASCII, U+3000) at either end. */
static char *
trim_dup (const char *s)
{
  const char *b = s;
  while (*b && is_space_char (g_utf8_get_char (b)))
    b = g_utf8_next_char (b);
  const char *e = b + strlen (b);
  while (e > b)
    {
      const char *p = g_utf8_prev_char (e);
      if (!is_space_char (g_utf8_get_char (p)))
        break;
      e = p;
    }
  return g_strndup (b, e - b);
}

/* 1 if `s` holds only white space. */
static int
is_blank (const char *s)
{
  for (; *s; s = g_utf8_next_char (s))
    if (!is_space_char (g_utf8_get_char (s)))
      return 0;
  return 1;
}

/* A new string: `s` without any white space (for comparing labels such as 議 決 日). */
static char *
squeeze_dup (const char *s)
{
  GString *g = g_string_new (NULL);
  for (; *s; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);
      if (!is_space_char (c))
        g_string_append_unichar (g, c);
    }
  return g_string_free (g, FALSE);
}

/* The value of a decimal digit, ASCII or full-width; -1 otherwise. */
static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int) (c - 0xFF10);
  return -1;
}

/* Read a number at `*s` (ASCII or full-width digits); advances `*s`.  Returns -1 if none. */
static long
read_number (const char **s)
{
  long v = -1;
  const char *p = *s;
  int dv;
  while (*p && (dv = digit_value (g_utf8_get_char (p))) >= 0)
    {
      v = (v < 0 ? 0 : v) * 10 + dv;
      if (v > 1000000)
        return -1;
      p = g_utf8_next_char (p);
    }
  if (v >= 0)
    *s = p;
  return v;
}

/* The number a whole string spells: digits (ASCII or full-width) or one circled number
 * ①–⑳ (and ㉑–㊿).  Surrounding white space is allowed.  Returns -1 otherwise. */
static long
whole_number (const char *s)
{
  char *t = trim_dup (s);
  long v = -1;
  const char *p = t;
  if (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0x2460 && c <= 0x2473 && !*g_utf8_next_char (p))
        v = (long) (c - 0x2460 + 1);
      else if (c >= 0x3251 && c <= 0x325F && !*g_utf8_next_char (p))
        v = (long) (c - 0x3251 + 21);
      else if (c >= 0x32B1 && c <= 0x32BF && !*g_utf8_next_char (p))
        v = (long) (c - 0x32B1 + 36);
      else
        {
          v = read_number (&p);
          if (*p)
            v = -1;
        }
    }
  g_free (t);
  return v;
}

/* Skip white space at `*s`. */
static void
skip_space (const char **s)
{
  while (**s && is_space_char (g_utf8_get_char (*s)))
    *s = g_utf8_next_char (*s);
}

/* If `s` starts with `prefix`, return the rest; else NULL. */
static const char *
after_prefix (const char *s, const char *prefix)
{
  size_t n = strlen (prefix);
  return strncmp (s, prefix, n) == 0 ? s + n : NULL;
}

/* 1 if the text ends a sentence (so a following line starts a new paragraph). */
static int
ends_sentence (const char *s)
{
  char *t = trim_dup (s);
  int r = 0;
  if (*t)
    {
      gunichar c = g_utf8_get_char (g_utf8_prev_char (t + strlen (t)));
      r = c == 0x3002 /* 。 */ || c == 0xFF0E || c == '.' || c == 0xFF01 || c == 0xFF1F
          || c == '!' || c == '?' || c == 0x300D /* 」 */ || c == 0x300F || c == 0xFF09
          || c == ')' || c == 0x3011;
    }
  g_free (t);
  return r;
}

/* === era dates === */

/* The era names a date may start with, and (for 令和3年度 → fiscal-year 2021 only; dates are
 * converted by era.h) the Gregorian year before each era's first. */
struct era { const char *name; int base; };
static const struct era eras[] = {
  { "令和", 2018 }, { "平成", 1988 }, { "昭和", 1925 }, { "大正", 1911 }, { "明治", 1867 },
};

/* A date found in running text. */
typedef struct found_date {
  const char *start, *end;  /* the span in the text: era … 日, and a weekday in brackets */
  int year, month, day;     /* Gregorian (from mn_era_parse) */
  int status;               /* mn_era_parse's verdict: MN_ERA_OK, or why the date is doubtful */
} found_date;

/* Read ERA N年 N月 N日 [(曜)] at `s` (spaces allowed between the parts, full-width digits,
 * 元年).  Returns 1 and fills `out` if a real day is written there. */
static int
date_at (const char *s, found_date *out)
{
  for (size_t e = 0; e < G_N_ELEMENTS (eras); e++)
    {
      const char *p = after_prefix (s, eras[e].name);
      if (!p)
        continue;
      skip_space (&p);
      long y;
      const char *gan = after_prefix (p, "元");
      if (gan)
        {
          y = 1;
          p = gan;
        }
      else
        y = read_number (&p);
      skip_space (&p);
      if (y < 1 || !(p = after_prefix (p, "年")))
        return 0;
      skip_space (&p);
      long m = read_number (&p);
      skip_space (&p);
      if (m < 1 || !(p = after_prefix (p, "月")))
        return 0;
      skip_space (&p);
      long dd = read_number (&p);
      skip_space (&p);
      if (dd < 1 || !(p = after_prefix (p, "日")))
        return 0;
      /* an optional weekday: (月) （月） (月曜日), spaces allowed before it */
      const char *q = p;
      skip_space (&q);
      const char *open = after_prefix (q, "(");
      if (!open)
        open = after_prefix (q, "（");
      if (open)
        {
          const char *w = open;
          int n = 0;
          while (*w && n < 4 && !after_prefix (w, ")") && !after_prefix (w, "）"))
            {
              w = g_utf8_next_char (w);
              n++;
            }
          const char *close = after_prefix (w, ")");
          if (!close)
            close = after_prefix (w, "）");
          if (close && n >= 1)
            {
              gchar *wd = g_strndup (open, w - open);
              static const char *const days[] = { "日", "月", "火", "水", "木", "金", "土" };
              for (int k = 0; k < 7; k++)
                if (g_str_has_prefix (wd, days[k])
                    && (strcmp (wd + strlen (days[k]), "") == 0 || strcmp (wd + strlen (days[k]), "曜") == 0
                        || strcmp (wd + strlen (days[k]), "曜日") == 0))
                  p = close;
              g_free (wd);
            }
        }
      out->start = s;
      out->end = p;
      /* the conversion is era.h's (the one `minutes validate` checks against); it wants the
       * date without the spaces some sources put between its parts */
      char *span = g_strndup (s, p - s);
      char *squeezed = squeeze_dup (span);
      mn_era_date ed;
      out->status = mn_era_parse (&ed, squeezed);
      g_free (squeezed);
      g_free (span);
      if (out->status == MN_ERA_SYNTAX || out->status == MN_ERA_UNKNOWN_ERA
          || out->status == MN_ERA_NO_SUCH_DAY || out->status == MN_ERA_LUNISOLAR)
        return 0;
      out->year = ed.year;
      out->month = ed.month;
      out->day = ed.day;
      return 1;
    }
  return 0;
}

/* Find the first era date in `text`.  Returns 1 and fills `out`, or 0. */
static int
find_date (const char *text, found_date *out)
{
  for (const char *s = text; *s; s = g_utf8_next_char (s))
    if (date_at (s, out))
      return 1;
  return 0;
}

/* A date element's text: the date as written, without the spaces between its parts. */
static void
add_date_text (xmlNodePtr node, const found_date *fd)
{
  char *span = g_strndup (fd->start, fd->end - fd->start);
  char *squeezed = squeeze_dup (span);
  xmlNodeAddContent (node, BAD_CAST squeezed);
  g_free (squeezed);
  g_free (span);
}

/* Warn about a date that is written but doubtful (weekday, era boundaries). */
static void
check_date (mn_diag *d, const char *name, long lineno, const found_date *fd)
{
  char *span = g_strndup (fd->start, fd->end - fd->start);
  if (fd->status == MN_ERA_WEEKDAY)
    mn_warning (d, name, lineno, _("the weekday in the date %s is not that day's; kept as written, correct the source or the XML"), span);
  else if (fd->status == MN_ERA_BEFORE_ERA || fd->status == MN_ERA_AFTER_ERA)
    mn_warning (d, name, lineno, _("the date %s lies outside its era; kept as written, correct the source or the XML"), span);
  g_free (span);
}

static void
set_iso (xmlNodePtr node, const char *attr, const found_date *fd)
{
  char iso[16];
  snprintf (iso, sizeof iso, "%04d-%02d-%02d", fd->year, fd->month, fd->day);
  xmlSetProp (node, BAD_CAST attr, BAD_CAST iso);
}

/* === building nodes === */

static xmlNodePtr
new_part (importer *im, const char *name)
{
  return xmlNewDocNode (im->doc, im->ns, BAD_CAST name, NULL);
}

static xmlNodePtr
child (xmlNodePtr parent, const char *name)
{
  return xmlNewChild (parent, NULL, BAD_CAST name, NULL);
}

static void
add_text (xmlNodePtr parent, const char *text, size_t len)
{
  if (len > 0)
    xmlNodeAddContentLen (parent, BAD_CAST text, (int) len);
}

/* Append inline content: text, with URLs made links and <br> tags made <br/>. */
static void
add_inline (xmlNodePtr parent, const char *text)
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
      add_text (parent, done, (size_t) (text + s - done));
      if (text[s] == '<')
        child (parent, "br");
      else
        {
          char *url = g_strndup (text + s, e - s);
          xmlNodePtr a = child (parent, "a");
          xmlSetProp (a, BAD_CAST "href", BAD_CAST url);
          add_text (a, url, strlen (url));
          g_free (url);
        }
      done = text + e;
      g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
  add_text (parent, done, strlen (done));
}

/* Add a paragraph holding `text` (trimmed) to `parent`; returns it. */
static xmlNodePtr
add_p (importer *im, xmlNodePtr parent, const char *text, long lineno)
{
  char *t = trim_dup (text);
  xmlNodePtr p = child (parent, "p");
  add_inline (p, t);
  g_free (t);
  im->last_p = p;
  im->last_line = lineno;
  return p;
}

/* Continue the last paragraph of `parent` with `text` if that paragraph does not end a
 * sentence (a line wrapped in the source); else start a new paragraph. */
static void
add_p_or_continue (importer *im, xmlNodePtr parent, const char *text, long lineno)
{
  xmlNodePtr last = xmlGetLastChild (parent);
  if (last && last->type == XML_ELEMENT_NODE && xmlStrEqual (last->name, BAD_CAST "p"))
    {
      xmlChar *have = xmlNodeGetContent (last);
      int ends = ends_sentence ((const char *) have);
      xmlFree (have);
      if (!ends)
        {
          char *t = trim_dup (text);
          add_inline (last, t);
          g_free (t);
          im->last_p = last;
          im->last_line = lineno;
          return;
        }
    }
  add_p (im, parent, text, lineno);
}

/* The <held> part, created on first use (manner "meeting" until told otherwise). */
static xmlNodePtr
held (importer *im)
{
  if (!im->held)
    {
      im->held = new_part (im, "held");
      xmlSetProp (im->held, BAD_CAST "manner", BAD_CAST "meeting");
    }
  return im->held;
}

/* How a note says the session was held. */
static const char *
manner_of (const char *note)
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

/* Keep an unplaceable line as a paragraph of <held>, with a warning. */
static void
keep_in_held (importer *im, const line *l, const char *why)
{
  mn_warning (im->d, im->name, l->no, _("%s; kept as a paragraph of the session's note (<held>): check where it belongs"), why);
  add_p (im, held (im), l->text, l->no);
}

/* === the table form: header rows === */

/* 名称: "令和3年度第1回 情報公開・個人情報保護審議会" → title + council. */
static void
header_name (importer *im, const char *value, long lineno)
{
  char *v = trim_dup (value);
  const char *split = NULL;
  for (const char *s = v; *s; s = g_utf8_next_char (s))
    if (is_space_char (g_utf8_get_char (s)))
      {
        split = s;
        break;
      }
  char *title = NULL, *council = NULL;
  if (split)
    {
      title = g_strndup (v, split - v);
      council = trim_dup (split);
    }
  else
    {
      /* no space: split after 第N回 if there is one */
      GRegex *re = g_regex_new ("^(.*?第[0-9０-９]+回)(.+)$", 0, 0, NULL);
      GMatchInfo *mi = NULL;
      if (g_regex_match (re, v, 0, &mi))
        {
          title = g_match_info_fetch (mi, 1);
          council = g_match_info_fetch (mi, 2);
        }
      g_match_info_free (mi);
      g_regex_unref (re);
      if (!title)
        {
          mn_warning (im->d, im->name, lineno,
                      _("cannot tell the session's title from the council's name in the 名称 row; all of it is kept as the council's name, check <title> and <council>"));
          title = g_strdup ("");
          council = g_strdup (v);
        }
    }
  if (im->title)
    {
      mn_warning (im->d, im->name, lineno, _("a second 名称 row; kept as a paragraph of <held>, check which one is right"));
      add_p (im, held (im), value, lineno);
    }
  else
    {
      im->title = new_part (im, "title");
      add_inline (im->title, title);
      im->council = new_part (im, "council");
      add_inline (im->council, council);
      /* machine data: 令和3年度 → fiscal-year 2021, 第1回 → number 1 */
      for (size_t e = 0; e < G_N_ELEMENTS (eras); e++)
        {
          const char *p = strstr (title, eras[e].name);
          if (!p)
            continue;
          p += strlen (eras[e].name);
          long y = after_prefix (p, "元") ? 1 : read_number (&p);
          if (after_prefix (p, "元"))
            p += strlen ("元");
          if (y >= 1 && (after_prefix (p, "年度") || after_prefix (p, "年")))
            {
              char buf[24];
              snprintf (buf, sizeof buf, "%ld", eras[e].base + y);
              xmlSetProp (im->title, BAD_CAST "fiscal-year", BAD_CAST buf);
            }
          break;
        }
      const char *dai = strstr (title, "第");
      if (dai)
        {
          const char *p = dai + strlen ("第");
          long n = read_number (&p);
          if (n >= 1 && after_prefix (p, "回"))
            {
              char buf[24];
              snprintf (buf, sizeof buf, "%ld", n);
              xmlSetProp (im->title, BAD_CAST "number", BAD_CAST buf);
            }
        }
    }
  g_free (title);
  g_free (council);
  g_free (v);
}

/* 日時: "審議開始日 DATE 議 決 日 DATE 注:…", or one date (a meeting), then notes. */
static void
header_dates (importer *im, const char *value, long lineno)
{
  if (im->dates)
    {
      mn_warning (im->d, im->name, lineno, _("a second 日時 row; kept as a paragraph of <held>, check which one is right"));
      add_p (im, held (im), value, lineno);
      return;
    }
  im->dates = new_part (im, "dates");
  xmlNodePtr start = NULL, decision = NULL, held_on = NULL;
  const char *s = value;
  GString *rest = g_string_new (NULL);  /* what is neither a label nor a date */
  int expect = 0;                       /* 1 after 審議開始日, 2 after 議決日 */
  while (*s)
    {
      const char *t = s;
      skip_space (&t);
      if (!*t)
        break;
      /* labels, which may be spaced out: 審議開始日, 議 決 日, 開催日 */
      const char *labels[] = { "審議開始日", "議決日", "開催日", "日時" };
      int matched = -1;
      const char *after = NULL;
      for (int k = 0; k < 4 && matched < 0; k++)
        {
          const char *p = t;
          const char *want = labels[k];
          while (*want)
            {
              skip_space (&p);
              gunichar a = g_utf8_get_char (p), b = g_utf8_get_char (want);
              if (a != b)
                break;
              p = g_utf8_next_char (p);
              want = g_utf8_next_char (want);
            }
          if (!*want)
            {
              matched = k;
              after = p;
            }
        }
      if (matched >= 0)
        {
          expect = matched == 0 ? 1 : matched == 1 ? 2 : 3;
          s = after;
          continue;
        }
      found_date fd;
      if (date_at (t, &fd) && rest->len == 0)
        {
          xmlNodePtr node;
          if (expect == 1 && !start)
            node = start = new_part (im, "start");
          else if (expect == 2 || (expect == 0 && start && !decision))
            node = decision = new_part (im, "decision");
          else
            node = held_on = new_part (im, "held-on");
          add_date_text (node, &fd);
          set_iso (node, "iso", &fd);
          check_date (im->d, im->name, lineno, &fd);
          expect = 0;
          s = fd.end;
          continue;
        }
      /* the rest of the row: notes such as 注:… */
      g_string_append (rest, t);
      break;
    }
  if (decision)
    {
      if (start)
        xmlAddChild (im->dates, start);
      xmlAddChild (im->dates, decision);
      if (held_on)
        {
          mn_warning (im->d, im->name, lineno, _("the 日時 row has a third date; kept as a paragraph of <held>"));
          xmlChar *c = xmlNodeGetContent (held_on);
          add_p (im, held (im), (const char *) c, lineno);
          xmlFree (c);
          xmlFreeNode (held_on);
        }
    }
  else if (start)
    {
      /* only a start: a meeting held that day */
      mn_warning (im->d, im->name, lineno, _("the 日時 row has 審議開始日 but no 議決日; recorded as the day the meeting was held (<held-on>), check it"));
      xmlNodeSetName (start, BAD_CAST "held-on");
      xmlAddChild (im->dates, start);
      if (held_on)
        {
          xmlChar *c = xmlNodeGetContent (held_on);
          add_p (im, held (im), (const char *) c, lineno);
          xmlFree (c);
          xmlFreeNode (held_on);
        }
    }
  else if (held_on)
    xmlAddChild (im->dates, held_on);
  else
    {
      mn_warning (im->d, im->name, lineno, _("no era date (令和3年5月10日 …) in the 日時 row; kept as a paragraph of <held>"));
      xmlFreeNode (im->dates);
      im->dates = NULL;
      g_string_assign (rest, value);
    }
  if (rest->len)
    {
      const char *manner = manner_of (rest->str);
      add_p (im, held (im), rest->str, lineno);
      if (manner)
        xmlSetProp (im->held, BAD_CAST "manner", BAD_CAST manner);
    }
  g_string_free (rest, TRUE);
}

/* Split `value` at the separators 、 and ， into elements `item` of a new part `name`. */
static xmlNodePtr
header_list (importer *im, const char *name, const char *item, const char *value, int split)
{
  xmlNodePtr part = new_part (im, name);
  if (split)
    {
      char **names = g_regex_split_simple ("[、，,]", value, 0, 0);
      for (char **n = names; *n; n++)
        {
          char *t = trim_dup (*n);
          if (*t)
            add_inline (child (part, item), t);
          g_free (t);
        }
      g_strfreev (names);
    }
  else
    {
      char *t = trim_dup (value);
      add_inline (child (part, item), t);
      g_free (t);
    }
  if (!part->children)
    {
      xmlFreeNode (part);
      return NULL;
    }
  return part;
}

/* 諮問事項: "(1)… (2)…" → <agenda><entry n="1">…</entry>… */
static void
header_agenda (importer *im, const char *value, long lineno)
{
  GRegex *re = g_regex_new ("[(（]([0-9０-９]+)[)）]", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  xmlNodePtr agenda = new_part (im, "agenda");
  xmlNodePtr entry = NULL;
  const char *done = value;
  g_regex_match (re, value, 0, &mi);
  while (1)
    {
      int s = (int) strlen (value), e = s;
      int more = g_match_info_matches (mi);
      if (more)
        g_match_info_fetch_pos (mi, 0, &s, &e);
      char *between = g_strndup (done, value + s - done);
      char *t = trim_dup (between);
      if (*t)
        {
          if (entry)
            add_inline (entry, t);
          else
            {
              mn_warning (im->d, im->name, lineno, _("text before the first (1) of the 諮問事項 row; kept as agenda entry 1, check it"));
              entry = child (agenda, "entry");
              xmlSetProp (entry, BAD_CAST "n", BAD_CAST "1");
              add_inline (entry, t);
            }
        }
      g_free (t);
      g_free (between);
      if (!more)
        break;
      char *num = g_match_info_fetch (mi, 1);
      const char *np = num;
      char buf[24];
      snprintf (buf, sizeof buf, "%ld", read_number (&np));
      g_free (num);
      entry = child (agenda, "entry");
      xmlSetProp (entry, BAD_CAST "n", BAD_CAST buf);
      done = value + e;
      g_match_info_next (mi, NULL);
    }
  g_match_info_free (mi);
  g_regex_unref (re);
  if (!agenda->children)
    xmlFreeNode (agenda);
  else if (im->agenda)
    {
      mn_warning (im->d, im->name, lineno, _("a second 諮問事項 row; its entries are added to the agenda"));
      for (xmlNodePtr c = agenda->children; c;)
        {
          xmlNodePtr next = c->next;
          xmlUnlinkNode (c);
          xmlAddChild (im->agenda, c);
          c = next;
        }
      xmlFreeNode (agenda);
    }
  else
    im->agenda = agenda;
}

/* Try one header row `LABEL\tvalue`.  Returns 1 if it was one. */
static int
header_row (importer *im, const line *l)
{
  const char *tab = strchr (l->text, '\t');
  if (!tab)
    return 0;
  char *label0 = g_strndup (l->text, tab - l->text);
  char *label = squeeze_dup (label0);
  g_free (label0);
  const char *value = tab + 1;
  int ok = 1;
  if (strcmp (label, "名称") == 0)
    header_name (im, value, l->no);
  else if (strcmp (label, "日時") == 0)
    header_dates (im, value, l->no);
  else if (strcmp (label, "参加者") == 0 || strcmp (label, "出席者") == 0)
    {
      xmlNodePtr part = header_list (im, "attendees", "person", value, 1);
      if (part && !im->attendees)
        im->attendees = part;
      else if (part)
        {
          xmlFreeNode (part);
          keep_in_held (im, l, _("a second 参加者 row"));
        }
    }
  else if (strcmp (label, "配布資料") == 0)
    {
      xmlNodePtr part = header_list (im, "materials", "material", value, 0);
      if (part && !im->materials)
        im->materials = part;
      else if (part)
        {
          xmlFreeNode (part);
          keep_in_held (im, l, _("a second 配布資料 row"));
        }
    }
  else if (strcmp (label, "諮問事項") == 0)
    header_agenda (im, value, l->no);
  else if (strcmp (label, "場所") == 0)
    {
      char *t = trim_dup (value);
      if (!im->place && *t)
        {
          im->place = new_part (im, "place");
          add_inline (im->place, t);
        }
      else if (*t)
        keep_in_held (im, l, _("a second 場所 row"));
      g_free (t);
    }
  else if (strcmp (label, "発言の記録") == 0)
    {
      char *t = trim_dup (value);
      if (!im->record_note && *t)
        {
          im->record_note = new_part (im, "record-note");
          add_inline (im->record_note, t);
        }
      else if (*t)
        keep_in_held (im, l, _("a second 発言の記録 row"));
      g_free (t);
    }
  else
    ok = 0;
  g_free (label);
  return ok;
}

/* === the table form: Q&A rows === */

/* A Q&A row being read: raw cell text, turned into blocks when the row is complete. */
typedef struct row {
  xmlNodePtr entry;     /* the <entry> (NULL: no row open) */
  GString *cell[3];     /* question, answer, follow-up being read */
  long cell_line[3];    /* where each cell started */
  int cur;              /* the cell that receives continuation text: 0 question, 1 answer, 2 follow-up */
  char *fu_label;       /* the follow-up's label, e.g. (再回答) */
} row;

/* A list label at the start of `s`: a. ア. (1) ① ・ 1. Returns its length in bytes (0: none). */
static size_t
label_length (const char *s)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("^(([A-Za-zＡ-Ｚａ-ｚ]|[0-9０-９]{1,3}|[ア-ン]|[あ-ん]|[イロハニホヘト])[.．、)）]"
                      "|[(（]([0-9０-９]{1,3}|[A-Za-zＡ-Ｚａ-ｚ]|[ア-ン]|[一二三四五六七八九十]{1,2})[)）]"
                      "|[①-⑳]|[㉑-㉟]|・)", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  size_t n = 0;
  if (g_regex_match (re, s, 0, &mi))
    {
      int st, e;
      g_match_info_fetch_pos (mi, 0, &st, &e);
      n = (size_t) e;
    }
  g_match_info_free (mi);
  return n;
}

/* If `text` starts with a list label followed by white space (ア. FAX…, ・平成27年…), the
 * label's length; else 0.  "・" needs no space after it. */
static size_t
item_label (const char *text)
{
  size_t n = label_length (text);
  if (!n)
    return 0;
  if (strncmp (text, "・", strlen ("・")) == 0 && n == strlen ("・"))
    return n;
  return is_space_char (g_utf8_get_char (text + n)) ? n : 0;
}

/* Add `text` to a cell as an item of the list that ends `parent` (opening one if the last
 * block is not a list); the label is kept verbatim. */
static void
add_cell_item (importer *im, xmlNodePtr parent, const char *text, size_t label, long lineno)
{
  xmlNodePtr last = xmlGetLastChild (parent);
  xmlNodePtr list = last && xmlStrEqual (last->name, BAD_CAST "list") ? last : child (parent, "list");
  xmlNodePtr item = child (list, "item");
  char *l = g_strndup (text, label);
  xmlSetProp (item, BAD_CAST "label", BAD_CAST l);
  g_free (l);
  char *body = trim_dup (text + label);
  add_inline (item, body);
  g_free (body);
  im->last_p = item;
  im->last_line = lineno;
}

/* One line of a cell written without <p>: the source separates its paragraphs by a space
 * after a sentence ends (。 」 ） …), and writes bulleted lines as " ・…" within the line.
 * The first part may continue the cell's last paragraph (a wrapped line). */
static void
add_segmented (importer *im, xmlNodePtr parent, const char *text, long lineno)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("(?<=[。」』）)？！?!])[ \\x{3000}]+(?=\\S)|[ \\x{3000}]+(?=・)", 0, 0, NULL);
  char **parts = g_regex_split (re, text, 0);
  for (int i = 0; parts[i]; i++)
    {
      char *t = trim_dup (parts[i]);
      size_t label = item_label (t);
      if (!*t)
        ;
      else if (label)
        add_cell_item (im, parent, t, label, lineno);
      else if (i == 0)
        add_p_or_continue (im, parent, t, lineno);
      else
        add_p (im, parent, t, lineno);
      g_free (t);
    }
  g_strfreev (parts);
}

/* Blocks from a cell: `<p>…</p>` fragments become paragraphs; lines outside them too. */
static void
cell_blocks (importer *im, xmlNodePtr parent, const char *raw, long lineno)
{
  const char *s = raw;
  int any_p = strstr (raw, "<p>") != NULL || strstr (raw, "<P>") != NULL;
  if (!any_p)
    {
      char **lines = g_strsplit (raw, "\n", -1);
      for (char **l = lines; *l; l++)
        if (!is_blank (*l))
          add_segmented (im, parent, *l, lineno);
      g_strfreev (lines);
      return;
    }
  while (*s)
    {
      const char *open = strstr (s, "<p>");
      const char *open2 = strstr (s, "<P>");
      if (!open || (open2 && open2 < open))
        open = open2;
      const char *outside_end = open ? open : s + strlen (s);
      char *outside = g_strndup (s, outside_end - s);
      if (!is_blank (outside))
        {
          mn_warning (im->d, im->name, lineno, _("text outside the <p>…</p> fragments of a Q&A cell; kept as a paragraph of its own"));
          char **lines = g_strsplit (outside, "\n", -1);
          for (char **l = lines; *l; l++)
            if (!is_blank (*l))
              add_p (im, parent, *l, lineno);
          g_strfreev (lines);
        }
      g_free (outside);
      if (!open)
        break;
      const char *body = open + 3;
      const char *close = strstr (body, "</p>");
      const char *close2 = strstr (body, "</P>");
      if (!close || (close2 && close2 < close))
        close = close2;
      const char *body_end = close ? close : body + strlen (body);
      char *inner = g_strndup (body, body_end - body);
      /* a fragment wrapped onto several lines: the lines join into one paragraph */
      char **lines = g_strsplit (inner, "\n", -1);
      GString *joined = g_string_new (NULL);
      for (char **l = lines; *l; l++)
        {
          char *t = trim_dup (*l);
          g_string_append (joined, t);
          g_free (t);
        }
      g_strfreev (lines);
      /* a fragment that starts with a label and a space (ア. …) is an item of a list */
      size_t label = item_label (joined->str);
      if (label)
        add_cell_item (im, parent, joined->str, label, lineno);
      else if (joined->len)
        add_p (im, parent, joined->str, lineno);
      g_string_free (joined, TRUE);
      g_free (inner);
      if (!close)
        {
          mn_warning (im->d, im->name, lineno, _("a <p> fragment without </p> in a Q&A cell; its text ends the paragraph"));
          break;
        }
      s = close + 4;
    }
}

/* A follow-up label at the start of an answer: (再回答), （追加回答）… Returns its length. */
static size_t
followup_label (const char *s)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("^\\s*(<p>)?\\s*([(（][^()（）]{0,8}回答[^()（）]{0,4}[)）])", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  size_t n = 0;
  if (g_regex_match (re, s, 0, &mi))
    {
      int st, e;
      g_match_info_fetch_pos (mi, 0, &st, &e);
      n = (size_t) e;
    }
  g_match_info_free (mi);
  return n;
}

static void
row_flush_followup (importer *im, row *r)
{
  if (!r->cell[2])
    return;
  xmlNodePtr fu = child (r->entry, "follow-up");
  if (r->fu_label)
    {
      char *label = trim_dup (r->fu_label);
      /* the label may have been written inside a <p>: keep the <p> for the body */
      char *plain = label;
      if (g_str_has_prefix (plain, "<p>"))
        plain += 3;
      char *l2 = trim_dup (plain);
      xmlSetProp (fu, BAD_CAST "label", BAD_CAST l2);
      g_free (l2);
      g_free (label);
    }
  /* a date of the follow-up: 本日(令和3年5月19日) */
  const char *today = strstr (r->cell[2]->str, "本日");
  found_date fd;
  if (today && find_date (today, &fd) && fd.start - today <= 12)
    set_iso (fu, "date", &fd);
  cell_blocks (im, fu, r->cell[2]->str, r->cell_line[2]);
  if (!fu->children)
    {
      mn_warning (im->d, im->name, r->cell_line[2], _("a follow-up answer with no text after its label"));
      add_p (im, fu, "", r->cell_line[2]);
    }
  g_string_free (r->cell[2], TRUE);
  r->cell[2] = NULL;
  g_free (r->fu_label);
  r->fu_label = NULL;
}

/* Finish the open row: its cells become blocks. */
static void
row_finish (importer *im, row *r)
{
  if (!r->entry)
    return;
  /* the entry's children so far are follow-ups already flushed; question and answer go first */
  xmlNodePtr first = r->entry->children;
  xmlNodePtr q = xmlNewDocNode (im->doc, im->ns, BAD_CAST "question", NULL);
  xmlNodePtr a = xmlNewDocNode (im->doc, im->ns, BAD_CAST "answer", NULL);
  if (first)
    {
      xmlAddPrevSibling (first, q);
      xmlAddPrevSibling (first, a);
    }
  else
    {
      xmlAddChild (r->entry, q);
      xmlAddChild (r->entry, a);
    }
  for (int k = 0; k < 2; k++)
    {
      xmlNodePtr box = k == 0 ? q : a;
      if (r->cell[k])
        cell_blocks (im, box, r->cell[k]->str, r->cell_line[k]);
      if (!box->children)
        {
          char *n = (char *) xmlGetProp (r->entry, BAD_CAST "n");
          mn_warning (im->d, im->name, r->cell_line[0],
                      k == 0 ? _("Q&A entry %s has no question; an empty paragraph stands in for it, fill it in")
                             : _("Q&A entry %s has no answer; an empty paragraph stands in for it, fill it in"),
                      n);
          xmlFree (n);
          add_p (im, box, "", r->cell_line[0]);
        }
      if (r->cell[k])
        g_string_free (r->cell[k], TRUE);
      r->cell[k] = NULL;
    }
  row_flush_followup (im, r);
  r->entry = NULL;
}

/* Append `text` to cell `k` of the open row. */
static void
row_append (row *r, int k, const char *text, long lineno)
{
  if (!r->cell[k])
    {
      r->cell[k] = g_string_new (NULL);
      r->cell_line[k] = lineno;
    }
  if (is_blank (text))
    return;
  if (r->cell[k]->len)
    g_string_append_c (r->cell[k], '\n');
  g_string_append (r->cell[k], text);
}

/* Append `text` to cell `k` on the same line, after a space (a cell split by a stray tab). */
static void
row_append_cell (row *r, int k, const char *text, long lineno)
{
  if (!r->cell[k] || !r->cell[k]->len)
    {
      row_append (r, k, text, lineno);
      return;
    }
  if (is_blank (text))
    return;
  g_string_append_c (r->cell[k], ' ');
  g_string_append (r->cell[k], text);
}

/* One line inside a Q&A table. */
static void
qa_line (importer *im, xmlNodePtr qa, row *r, const line *l)
{
  char **cells = g_strsplit (l->text, "\t", -1);
  int n = (int) g_strv_length (cells);
  long num = n >= 2 ? whole_number (cells[0]) : -1;
  if (num >= 1)
    {
      /* a new row: number, question, answer (more tabs join the answer) */
      row_finish (im, r);
      r->entry = child (qa, "entry");
      char buf[24];
      snprintf (buf, sizeof buf, "%ld", num);
      xmlSetProp (r->entry, BAD_CAST "n", BAD_CAST buf);
      r->cur = 0;
      row_append (r, 0, cells[1], l->no);
      if (n >= 3)
        {
          r->cur = 1;
          row_append (r, 1, cells[2], l->no);
        }
      if (n > 3)
        {
          mn_warning (im->d, im->name, l->no, _("more than three cells in a Q&A row; the extra cells are joined to the answer"));
          for (int k = 3; k < n; k++)
            row_append_cell (r, 1, cells[k], l->no);
        }
    }
  else if (!r->entry)
    {
      mn_warning (im->d, im->name, l->no, _("a line in the Q&A table before its first numbered row; kept as a paragraph of the session's note (<held>), check where it belongs"));
      add_p (im, held (im), l->text, l->no);
    }
  else if (n >= 3 && is_blank (cells[0]) && is_blank (cells[1]) && followup_label (cells[2]))
    {
      /* empty number and question, a label: a follow-up answer such as (再回答) */
      row_flush_followup (im, r);
      size_t len = followup_label (cells[2]);
      r->fu_label = g_strndup (cells[2], len);
      r->cur = 2;
      GString *body = g_string_new (NULL);
      if (strstr (r->fu_label, "<p>"))
        g_string_append (body, "<p>");
      g_string_append (body, cells[2] + len);
      row_append (r, 2, body->str, l->no);
      g_string_free (body, TRUE);
      for (int k = 3; k < n; k++)
        row_append (r, 2, cells[k], l->no);
    }
  else if (n >= 3)
    {
      /* a wrapped row in table form: empty number, then more question and more answer */
      if (!is_blank (cells[0]))
        {
          mn_warning (im->d, im->name, l->no, _("the first cell of this Q&A line is not a number; its text is joined to the question of the row above"));
          row_append (r, 0, cells[0], l->no);
        }
      row_append (r, r->cur == 2 ? 2 : 0, cells[1], l->no);
      int target = r->cur == 2 ? 2 : 1;
      for (int k = 2; k < n; k++)
        row_append (r, target, cells[k], l->no);
      if (r->cur < 1)
        r->cur = 1;
    }
  else if (n == 2)
    {
      /* "question continued<TAB>answer": the tab moves on to the next cell */
      int from = r->cur;
      row_append (r, from, cells[0], l->no);
      int to = from == 0 ? 1 : from;
      if (from != 0)
        {
          mn_warning (im->d, im->name, l->no, _("a tab in the middle of an answer; both parts are kept in the answer"));
          row_append_cell (r, to, cells[1], l->no);
        }
      else
        row_append (r, to, cells[1], l->no);
      r->cur = to;
    }
  else
    {
      /* no tab: the current cell wrapped onto this line */
      row_append (r, r->cur, cells[0], l->no);
    }
  g_strfreev (cells);
}

/* === the table form: opinions and requests === */

/* Remove the markup left by the extraction around bullets: <ul …>, </ul>, <li …>, </li>. */
static char *
strip_list_tags (const char *s)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("</?(ul|ol|li)(\\s[^>]*)?>", G_REGEX_CASELESS, 0, NULL);
  return g_regex_replace_literal (re, s, -1, 0, "", 0, NULL);
}

/* The text of a line without a leading markdown bullet "- ". */
static const char *
strip_dash (const char *s)
{
  const char *t = s;
  skip_space (&t);
  if (*t == '-' && (t[1] == ' ' || t[1] == '\t'))
    {
      t += 2;
      skip_space (&t);
      return t;
    }
  return s;
}

/* One line under 意見. */
static void
opinion_line (importer *im, xmlNodePtr inquiry, xmlNodePtr *opinions, const line *l)
{
  char *clean = strip_list_tags (l->text);
  const char *s = strip_dash (clean);
  /* split at "・" that starts the line or follows white space */
  GString *cur = g_string_new (NULL);
  int in_bullet = 0;
  const char *p = s;
  skip_space (&p);
  while (1)
    {
      int at_bullet = 0;
      if (*p)
        {
          const char *prev = p == s ? NULL : g_utf8_prev_char (p);
          at_bullet = after_prefix (p, "・") && (!prev || p == s || is_space_char (g_utf8_get_char (prev)) || prev < s);
        }
      if (!*p || at_bullet)
        {
          if (!is_blank (cur->str) || in_bullet)
            {
              if (!*opinions)
                *opinions = child (inquiry, "opinions");
              xmlNodePtr last = xmlGetLastChild (*opinions);
              if (in_bullet || !last)
                {
                  if (!in_bullet)
                    mn_warning (im->d, im->name, l->no, _("an opinion without its bullet \"・\"; kept as an opinion of its own"));
                  xmlNodePtr op = child (*opinions, "opinion");
                  add_p (im, op, cur->str, l->no);
                }
              else
                add_p_or_continue (im, last, cur->str, l->no);
            }
          g_string_truncate (cur, 0);
          if (!*p)
            break;
          in_bullet = 1;
          p += strlen ("・");
          continue;
        }
      const char *next = g_utf8_next_char (p);
      g_string_append_len (cur, p, next - p);
      p = next;
    }
  g_string_free (cur, TRUE);
  g_free (clean);
}

/* A block container under 要望事項 while it is read. */
typedef struct reqstate {
  xmlNodePtr box;        /* the current <request> or <response> (NULL: none yet) */
  xmlNodePtr top_item;   /* a labelled item given on a line of its own ("1"), holding a nested list */
  xmlNodePtr list;       /* the list "- " items go to (NULL: none open) */
  xmlNodePtr item;       /* the last item, which a following line may continue */
  int prev_blank;        /* the previous line was blank */
} reqstate;

static xmlNodePtr
list_item (importer *im, xmlNodePtr list, const char *text, long lineno)
{
  xmlNodePtr item = child (list, "item");
  char *t = trim_dup (text);
  size_t n = label_length (t);
  if (n)
    {
      char *label = g_strndup (t, n);
      xmlSetProp (item, BAD_CAST "label", BAD_CAST label);
      g_free (label);
    }
  char *body = trim_dup (t + n);
  add_inline (item, body);
  g_free (body);
  g_free (t);
  im->last_p = item;
  im->last_line = lineno;
  return item;
}

/* One line under 要望事項 (not a 要望N:/回答N: line). */
static void
request_line (importer *im, reqstate *st, const line *l)
{
  if (is_blank (l->text))
    {
      st->prev_blank = 1;
      return;
    }
  int was_blank = st->prev_blank;
  st->prev_blank = 0;
  if (!st->box)
    {
      keep_in_held (im, l, _("text under 要望事項 before the first 要望N:"));
      return;
    }
  const char *dashed = strip_dash (l->text);
  char *t = trim_dup (l->text);
  if (dashed != l->text)
    {
      /* "- a. …": an item of the list under the labelled item, or of a list in the box */
      if (!st->list)
        {
          xmlNodePtr parent = st->top_item ? st->top_item : st->box;
          st->list = child (parent, "list");
        }
      st->item = list_item (im, st->list, dashed, l->no);
    }
  else if (whole_number (t) >= 1 || (label_length (t) && label_length (t) == strlen (t)))
    {
      /* a label alone on its line ("1", "(1)", "①"): an item whose content follows */
      xmlNodePtr last = xmlGetLastChild (st->box);
      xmlNodePtr toplist = last && xmlStrEqual (last->name, BAD_CAST "list") && st->top_item ? last : child (st->box, "list");
      st->top_item = child (toplist, "item");
      xmlSetProp (st->top_item, BAD_CAST "label", BAD_CAST t);
      st->list = NULL;
      st->item = NULL;
      im->last_p = st->top_item;
      im->last_line = l->no;
    }
  else if (st->item && !was_blank)
    {
      /* a line right after an item, without a bullet: the item wrapped in the source */
      child (st->item, "br");
      add_inline (st->item, t);
      im->last_p = st->item;
      im->last_line = l->no;
    }
  else
    {
      st->top_item = NULL;
      st->list = NULL;
      st->item = NULL;
      if (was_blank)
        add_p (im, st->box, t, l->no);
      else
        add_p_or_continue (im, st->box, t, l->no);
    }
  g_free (t);
}

/* "要望1:" / "回答１：" → kind 'q' or 'a', the number, and the rest of the line. */
static int
request_head (const char *s, char *kind, long *n, const char **rest)
{
  const char *p;
  if ((p = after_prefix (s, "要望")))
    *kind = 'q';
  else if ((p = after_prefix (s, "回答")))
    *kind = 'a';
  else
    return 0;
  skip_space (&p);
  *n = read_number (&p);
  if (*n < 1)
    return 0;
  skip_space (&p);
  const char *c = after_prefix (p, ":");
  if (!c)
    c = after_prefix (p, "：");
  if (!c)
    return 0;
  *rest = c;
  return 1;
}

/* 1 if the line is the heading `諮問事項N`; sets *n. */
static int
inquiry_head (const char *s, long *n)
{
  char *t = trim_dup (s);
  const char *p = after_prefix (t, "諮問事項");
  int ok = 0;
  if (p)
    {
      skip_space (&p);
      *n = read_number (&p);
      skip_space (&p);
      ok = *n >= 1 && !*p;
    }
  g_free (t);
  return ok;
}

/* 1 if the line is the Q&A header 番号 質問 区の考え方 (in any spacing). */
static int
qa_head (const char *s)
{
  char *t = squeeze_dup (s);
  int ok = g_str_has_prefix (t, "番号質問");
  g_free (t);
  return ok;
}

static int
line_is (const char *s, const char *word)
{
  char *t = squeeze_dup (s);
  int ok = strcmp (t, word) == 0;
  g_free (t);
  return ok;
}

/* === the table form: the whole text === */

enum where { W_HEADER, W_INQ_TITLE, W_INQ, W_QA, W_OPINIONS, W_REQUESTS };

static void
read_table_form (importer *im)
{
  enum where w = W_HEADER;
  xmlNodePtr inquiry = NULL, qa = NULL, opinions = NULL, inq_title = NULL;
  row r = { 0 };
  reqstate rs = { 0 };
  for (size_t i = 0; i < im->n_lines; i++)
    {
      const line *l = &im->lines[i];
      long n;
      char kind;
      const char *rest;
      if (w == W_HEADER && line_is (l->text, "会議録"))
        continue;
      if (inquiry_head (l->text, &n))
        {
          row_finish (im, &r);
          inquiry = child (im->inquiries, "inquiry");
          char buf[24];
          snprintf (buf, sizeof buf, "%ld", n);
          xmlSetProp (inquiry, BAD_CAST "n", BAD_CAST buf);
          qa = opinions = inq_title = NULL;
          w = W_INQ_TITLE;
          continue;
        }
      if (line_is (l->text, "要望事項"))
        {
          row_finish (im, &r);
          if (!im->requests)
            im->requests = new_part (im, "requests");
          w = W_REQUESTS;
          continue;
        }
      if (w != W_HEADER && request_head (l->text, &kind, &n, &rest))
        {
          row_finish (im, &r);
          if (!im->requests)
            im->requests = new_part (im, "requests");
          w = W_REQUESTS;
          memset (&rs, 0, sizeof rs);
          rs.box = child (im->requests, kind == 'q' ? "request" : "response");
          char buf[24];
          snprintf (buf, sizeof buf, "%ld", n);
          xmlSetProp (rs.box, BAD_CAST "n", BAD_CAST buf);
          if (!is_blank (rest))
            add_p (im, rs.box, rest, l->no);
          continue;
        }
      if (inquiry && w != W_REQUESTS && line_is (l->text, "意見"))
        {
          row_finish (im, &r);
          w = W_OPINIONS;
          continue;
        }
      if (inquiry && w != W_REQUESTS && qa_head (l->text))
        {
          row_finish (im, &r);
          if (!inq_title)
            {
              mn_warning (im->d, im->name, l->no, _("諮問事項 has no title line before its Q&A table; the title is left empty, fill it in"));
              inq_title = child (inquiry, "title");
            }
          if (!qa)
            qa = child (inquiry, "qa");
          else
            mn_warning (im->d, im->name, l->no, _("a second Q&A header in the same 諮問事項; its rows continue the same table"));
          w = W_QA;
          continue;
        }
      switch (w)
        {
        case W_HEADER:
          if (is_blank (l->text))
            break;
          if (!header_row (im, l))
            keep_in_held (im, l, _("a line in the header that is not a row the importer knows (名称, 日時, 場所, 参加者, 配布資料, 諮問事項, 発言の記録)"));
          break;
        case W_INQ_TITLE:
          if (is_blank (l->text))
            break;
          inq_title = child (inquiry, "title");
          {
            char *t = trim_dup (l->text);
            add_inline (inq_title, t);
            g_free (t);
          }
          im->last_p = inq_title;
          im->last_line = l->no;
          w = W_INQ;
          break;
        case W_INQ:
          if (is_blank (l->text))
            break;
          mn_warning (im->d, im->name, l->no, _("a second line after the title of 諮問事項; joined to the title, check it"));
          child (inq_title, "br");
          {
            char *t = trim_dup (l->text);
            add_inline (inq_title, t);
            g_free (t);
          }
          break;
        case W_QA:
          if (is_blank (l->text))
            break;
          qa_line (im, qa, &r, l);
          break;
        case W_OPINIONS:
          if (is_blank (l->text))
            break;
          opinion_line (im, inquiry, &opinions, l);
          break;
        case W_REQUESTS:
          request_line (im, &rs, l);
          break;
        }
    }
  row_finish (im, &r);
  /* an inquiry whose Q&A table holds no row cannot keep an empty <qa> */
  for (xmlNodePtr inq = im->inquiries->children; inq; inq = inq->next)
    {
      xmlNodePtr c = inq->children;
      if (!c)
        {
          child (inq, "title");
          continue;
        }
      for (; c; c = c->next)
        if (xmlStrEqual (c->name, BAD_CAST "qa") && !c->children)
          {
            xmlUnlinkNode (c);
            xmlFreeNode (c);
            break;
          }
    }
  /* requests without any request (only a heading) */
  if (im->requests && !im->requests->children)
    {
      xmlFreeNode (im->requests);
      im->requests = NULL;
    }
}

/* === the speech form === */

/* Role words, longest first within each family; a speaker "NAME ROLE" ends with one. */
static const char *const roles[] = {
  "臨時議長", "副議長", "議長", "副委員長", "委員長", "副部会長", "部会長", "分科会長", "副会長", "会長",
  "副区長", "区長", "副市長", "市長", "副町長", "町長", "副村長", "村長", "副知事", "知事",
  "教育長", "事務局長", "事務局次長", "局長", "次長", "部長", "課長", "室長", "所長", "係長",
  "計画官", "審議官", "参事官", "調整官", "政策官", "参事", "監", "理事", "大臣", "副大臣", "政務官",
  "委員", "議員", "臨時委員", "専門委員", "幹事", "主査", "主事", "説明員", "参考人", "書記", "事務局",
};

/* Split a speaker (the text after ○) into role and name, in source order. */
static void
add_speaker (importer *im, xmlNodePtr turn, const char *spk, long lineno)
{
  xmlNodePtr sp = child (turn, "speaker");
  const char *open = strstr (spk, "（");
  const char *close = open ? strstr (open, "）") : NULL;
  if (open && close && open > spk && !*(close + strlen ("）")))
    {
      /* ROLE（NAME）: 議長（青木早苗）, ２０番（鈴木まさし議員） */
      char *role = g_strndup (spk, open - spk);
      const char *nb = open + strlen ("（");
      char *name = g_strndup (nb, close - nb);
      add_inline (child (sp, "role"), role);
      add_inline (child (sp, "name"), name);
      g_free (role);
      g_free (name);
      return;
    }
  /* NAME ROLE: おのせ康裕議長, 東岡計画官, 髙橋（清）委員 — the longest role word at the end */
  const char *best = NULL;
  for (size_t k = 0; k < G_N_ELEMENTS (roles); k++)
    if (g_str_has_suffix (spk, roles[k]))
      {
        const char *at = spk + strlen (spk) - strlen (roles[k]);
        if (!best || at < best)
          best = at;
      }
  if (best && best > spk)
    {
      char *name = g_strndup (spk, best - spk);
      add_inline (child (sp, "name"), name);
      add_inline (child (sp, "role"), best);
      g_free (name);
    }
  else if (best)
    add_inline (child (sp, "role"), spk);
  else
    {
      mn_warning (im->d, im->name, lineno, _("cannot tell the role from the name in the speaker \"%s\"; all of it is kept as the name"), spk);
      add_inline (child (sp, "name"), spk);
    }
}

/* A ○ line: the speaker and the text after it.  Returns 1 if `s` (trimmed) starts with ○. */
static int
speaker_line (const char *s, char **speaker, char **text)
{
  const char *p = after_prefix (s, "○");
  if (!p)
    return 0;
  const char *e = p;
  int depth = 0;
  while (*e)
    {
      gunichar c = g_utf8_get_char (e);
      if (c == 0xFF08)
        depth++;
      else if (c == 0xFF09 && depth > 0)
        depth--;
      else if (is_space_char (c) && depth == 0)
        break;
      e = g_utf8_next_char (e);
    }
  if (e == p)
    return 0;
  *speaker = g_strndup (p, e - p);
  *text = trim_dup (e);
  return 1;
}

/* 1 if the trimmed line is a whole stage note 〔…〕. */
static int
stage_line (const char *t)
{
  return g_str_has_prefix (t, "〔") && g_str_has_suffix (t, "〕");
}

/* 1 if the trimmed line is only a rule: ―――, －－－, ─── (two or more). */
static int
rule_line (const char *t)
{
  int n = 0;
  for (const char *p = t; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != 0x2015 && c != 0x2500 && c != 0x2501 && c != 0xFF0D && c != 0x2014)
        return 0;
      n++;
    }
  return n >= 2;
}

/* The first non-blank line after `i`, or NULL. */
static const line *
next_nonblank (importer *im, size_t i)
{
  for (size_t k = i + 1; k < im->n_lines; k++)
    if (!is_blank (im->lines[k].text) && !g_str_has_prefix (im->lines[k].text, "<PAGE="))
      return &im->lines[k];
  return NULL;
}

static void
read_speech_form (importer *im)
{
  im->speech = new_part (im, "speech-record");
  xmlNodePtr turn = NULL;
  int started = 0;  /* a section or a turn with speech has been seen */
  for (size_t i = 0; i < im->n_lines; i++)
    {
      const line *l = &im->lines[i];
      if (is_blank (l->text))
        continue;
      char *t = trim_dup (l->text);
      char *spk = NULL, *text = NULL;
      int is_spk = speaker_line (t, &spk, &text);
      /* ◎ROLE（NAME）　text: DiscussNet marks an answer's speaker with ◎, not a section */
      if (!is_spk && g_str_has_prefix (t, "◎"))
        {
          char *as_turn = g_strconcat ("○", t + strlen ("◎"), NULL);
          if (speaker_line (as_turn, &spk, &text))
            {
              const char *open = strstr (spk, "（");
              if (*text && open && open > spk && g_str_has_suffix (spk, "）"))
                {
                  is_spk = 1;
                  if (im->answer_marks++ == 0)
                    mn_warning (im->d, im->name, l->no, _("◎ before a speaker (an answer, in DiscussNet records) is read as a turn; the session format has no place for the mark, so the minutes will print ○"));
                }
              else
                {
                  g_free (spk);
                  g_free (text);
                  spk = text = NULL;
                }
            }
          g_free (as_turn);
        }
      if (!started)
        {
          /* the header: everything before the first ◎ head or ○ turn with speech */
          const line *nx = next_nonblank (im, i);
          int turn_here = is_spk && (*text || (nx && g_utf8_get_char (nx->text) == 0x3000 && !stage_line (nx->text)));
          if (g_str_has_prefix (t, "◎") || (turn_here && strcmp (spk, "議事日程") != 0))
            {
              started = 1;
              /* notes of the record just before the first turn (〇午後１時開会, 〔…登壇〕)
               * open the speech record as stage notes */
              xmlNodePtr first = NULL;
              for (xmlNodePtr c = im->held ? xmlGetLastChild (im->held) : NULL; c; c = c->prev)
                {
                  xmlChar *ct = xmlNodeGetContent (c);
                  int note = g_str_has_prefix ((const char *) ct, "〇") || stage_line ((const char *) ct);
                  xmlFree (ct);
                  if (!note)
                    break;
                  first = c;
                }
              while (first)
                {
                  xmlNodePtr next = first->next;
                  xmlUnlinkNode (first);
                  xmlNodeSetName (first, BAD_CAST "stage");
                  xmlAddChild (im->speech, first);
                  first = next;
                }
            }
          else
            {
              add_p (im, held (im), t, l->no);
              const char *manner = manner_of (t);
              if (manner)
                xmlSetProp (im->held, BAD_CAST "manner", BAD_CAST manner);
              g_free (spk);
              g_free (text);
              g_free (t);
              continue;
            }
        }
      if (g_str_has_prefix (t, "◎") && !is_spk)
        {
          xmlNodePtr sec = child (im->speech, "section");
          char *h = trim_dup (t + strlen ("◎"));
          add_inline (sec, h);
          g_free (h);
          im->last_p = sec;
          im->last_line = l->no;
          turn = NULL;
        }
      else if (is_spk)
        {
          turn = child (im->speech, "turn");
          add_speaker (im, turn, spk, l->no);
          if (*text)
            add_p (im, turn, text, l->no);
        }
      else if (stage_line (t) || rule_line (t))
        {
          /* a stage note or a rule between turns; inside a turn that goes on after it, a
           * paragraph (the schema keeps turns whole) */
          /* the turn goes on if text follows before the next speaker or head (a report
           * read out after 〔事務局次長報告〕 and a rule, say) */
          int ends_turn = 1;
          for (size_t k = i + 1; k < im->n_lines; k++)
            {
              char *nt = trim_dup (im->lines[k].text);
              char *s2 = NULL, *x2 = NULL;
              int skip = !*nt || stage_line (nt) || rule_line (nt) || g_str_has_prefix (nt, "<PAGE=");
              int stop = !skip && (g_str_has_prefix (nt, "◎") || speaker_line (nt, &s2, &x2));
              g_free (s2);
              g_free (x2);
              g_free (nt);
              if (skip)
                continue;
              ends_turn = stop;
              break;
            }
          if (turn && !ends_turn)
            add_p (im, turn, t, l->no);
          else if (rule_line (t))
            {
              /* a rule line is drawn by the layout: <separator/> */
              child (im->speech, "separator");
              turn = NULL;
            }
          else
            {
              xmlNodePtr st = child (im->speech, "stage");
              add_inline (st, t);
              im->last_p = st;
              im->last_line = l->no;
              turn = NULL;
            }
        }
      else if (turn)
        add_p (im, turn, t, l->no);
      else
        {
          /* a page marker such as <PAGE="3"> is a note of the record, not speech */
          if (!g_str_has_prefix (t, "<PAGE="))
            mn_warning (im->d, im->name, l->no, _("a line between turns that belongs to no speaker; kept as a stage note"));
          xmlNodePtr st = child (im->speech, "stage");
          add_inline (st, t);
          im->last_p = st;
          im->last_line = l->no;
        }
      g_free (spk);
      g_free (text);
      g_free (t);
    }
  /* a turn needs a block: a speaker line with nothing after it gets an empty paragraph */
  for (xmlNodePtr c = im->speech->children; c; c = c->next)
    if (xmlStrEqual (c->name, BAD_CAST "turn") && c->children && !c->children->next)
      child (c, "p");
  if (!im->speech->children)
    {
      xmlFreeNode (im->speech);
      im->speech = NULL;
    }
}

/* Title, council and the day for a speech record: copied from its header (machine data). */
static int
speech_metadata (importer *im)
{
  xmlNodePtr held_node = im->held;
  char *title = NULL, *council = NULL;
  found_date fd = { 0 };
  int have_date = 0;
  char *span = NULL;  /* the date's text (fd points into freed content otherwise) */
  for (xmlNodePtr p = held_node ? held_node->children : NULL; p; p = p->next)
    {
      xmlChar *c = xmlNodeGetContent (p);
      const char *s = (const char *) c;
      const char *v;
      if (!title && ((v = after_prefix (s, "会議名：")) || (v = after_prefix (s, "会議名:"))))
        title = trim_dup (v);
      if (!have_date && find_date (s, &fd))
        {
          have_date = 1;
          span = g_strndup (fd.start, fd.end - fd.start);
        }
      xmlFree (c);
    }
  /* the council: an assembly (…区議会, …市議会) first, then a council or a committee */
  static const char *const council_res[] = {
    "[一-龥々ぁ-んァ-ヶー]*?[区市町村県都府道]議会",
    "[一-龥々ぁ-んァ-ヶー・]*?審議会",
    "[一-龥々ぁ-んァ-ヶー・]*?委員会",
  };
  for (size_t k = 0; k < G_N_ELEMENTS (council_res) && !council; k++)
    {
      GRegex *re = g_regex_new (council_res[k], 0, 0, NULL);
      for (xmlNodePtr p = held_node ? held_node->children : NULL; p && !council; p = p->next)
        {
          xmlChar *c = xmlNodeGetContent (p);
          GMatchInfo *mi = NULL;
          if (g_regex_match (re, (const char *) c, 0, &mi))
            council = g_match_info_fetch (mi, 0);
          g_match_info_free (mi);
          xmlFree (c);
        }
      g_regex_unref (re);
    }
  /* a title: 第N回/第N号 in a short header line, else the first short line */
  for (int pass = 0; pass < 2 && !title; pass++)
    for (xmlNodePtr p = held_node ? held_node->children : NULL; p && !title; p = p->next)
      {
        xmlChar *c = xmlNodeGetContent (p);
        const char *s = (const char *) c;
        if (g_utf8_strlen (s, -1) <= 60 && !g_str_has_prefix (s, "SOURCE:") && !g_str_has_prefix (s, "DERIVED")
            && (pass == 1 || g_regex_match_simple ("第[0-9０-９]+[回号]", s, 0, 0)))
          title = trim_dup (s);
        xmlFree (c);
      }
  if (!have_date)
    {
      for (size_t i = 0; i < im->n_lines && !have_date; i++)
        if ((have_date = find_date (im->lines[i].text, &fd)))
          span = g_strndup (fd.start, fd.end - fd.start);
    }
  if (!title)
    {
      mn_warning (im->d, im->name, 1, _("no title found in the header of the speech record; <title> is left empty, fill it in"));
      title = g_strdup ("");
    }
  if (!council)
    {
      mn_warning (im->d, im->name, 1, _("no council name (…議会, …審議会, …委員会) found in the header; <council> is left empty, fill it in"));
      council = g_strdup ("");
    }
  im->title = new_part (im, "title");
  add_inline (im->title, title);
  im->council = new_part (im, "council");
  add_inline (im->council, council);
  g_free (title);
  g_free (council);
  if (!have_date)
    {
      mn_error (im->d, im->name, 0, _("no era date (令和7年2月17日 …) anywhere in the text, and a session needs the day it was held; add a line such as 開催日：令和7年2月17日 to the header and import again"));
      return MN_EINVALID;
    }
  im->dates = new_part (im, "dates");
  xmlNodePtr on = child (im->dates, "held-on");
  char *squeezed = squeeze_dup (span);
  add_text (on, squeezed, strlen (squeezed));
  set_iso (on, "iso", &fd);
  g_free (squeezed);
  g_free (span);
  return 0;
}

/* === TEI (Parla-CLARIN) speech records === */

static long line_of (const char *buf, size_t off);

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
  xmlNodePtr turn = child (im->speech, "turn");
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
      xmlNodePtr sp = child (turn, "speaker");
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
        add_inline (child (sp, first), a->str);
      if (b->len)
        add_inline (child (sp, second), b->str);
      if (!sp->children)
        add_inline (child (sp, "name"), "");
      g_string_free (name, TRUE);
      g_string_free (role, TRUE);
      /* the note holds the ○ the layout prints; anything else in it is kept as a paragraph */
      char *nt = tei_text (note);
      char *pt = tei_text (pers);
      char *rest = g_strdup (nt);
      char *at = strstr (rest, pt);
      if (at)
        memmove (at, at + strlen (pt), strlen (at + strlen (pt)) + 1);
      char *r2 = trim_dup (rest);
      if (*r2 && strcmp (r2, "○") != 0)
        {
          mn_warning (im->d, im->name, lineno, _("the speaker note holds more than ○ and the name; the rest is kept as the turn's first paragraph"));
          add_p (im, turn, r2, lineno);
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
      char *t = nt ? trim_dup (nt) : g_strdup ("");
      const char *spk = g_str_has_prefix (t, "○") ? t + strlen ("○") : t;
      if (*spk)
        add_speaker (im, turn, spk, lineno);
      else
        {
          mn_warning (im->d, im->name, lineno, _("a turn (<u>) without a speaker; the speaker is left empty, fill it in"));
          add_inline (child (child (turn, "speaker"), "name"), "");
        }
      g_free (t);
      g_free (nt);
    }
  for (xmlNodePtr c = u->children; c; c = c->next)
    {
      if (c == note || (c->type == XML_TEXT_NODE && is_blank ((const char *) c->content)))
        continue;
      if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE)
        continue;
      char *t = tei_text (c);
      if (!is_el (c, "seg"))
        mn_warning (im->d, im->name, xmlGetLineNo (c) + offset, _("<%s> inside a turn (<u>) is not a segment (<seg>); its text is kept as a paragraph"),
                    c->type == XML_TEXT_NODE ? "text" : (const char *) c->name);
      add_p (im, turn, t, xmlGetLineNo (c) + offset);
      g_free (t);
    }
  if (!turn->children->next)
    child (turn, "p");
}

/* Walk the TEI body: paragraphs before the first turn are the header (<held>), turns are
 * turns, paragraphs after them are notes of the record (<stage>). */
static void
tei_walk (importer *im, xmlNodePtr n, long offset)
{
  for (; n; n = n->next)
    {
      long lineno = xmlGetLineNo (n) + offset;
      if (n->type == XML_TEXT_NODE && !is_blank ((const char *) n->content))
        {
          mn_warning (im->d, im->name, lineno, _("text outside any paragraph or turn of the TEI record; kept as a paragraph"));
          char *t = tei_text (n);
          add_p (im, im->speech->children ? im->speech : held (im), t, lineno);
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
          char *tt = trim_dup (t);
          if (!im->speech->children)
            {
              add_p (im, held (im), tt, lineno);
              const char *manner = manner_of (tt);
              if (manner)
                xmlSetProp (im->held, BAD_CAST "manner", BAD_CAST manner);
            }
          else if (*tt)
            {
              xmlNodePtr st = child (im->speech, "stage");
              add_inline (st, tt);
              im->last_p = st;
              im->last_line = lineno;
            }
          g_free (tt);
          g_free (t);
        }
      else
        tei_walk (im, n->children, offset);
    }
}

/* A TEI record: provenance lines, then an XML fragment (from <text> to the end of the
 * file, possibly followed by closing tags of elements cut off before it). */
static int
read_tei (importer *im, const char *text, size_t len)
{
  im->speech = new_part (im, "speech-record");
  const char *p = text, *end = text + len;
  long lineno = 1;
  while (p < end)
    {
      const char *q0 = p;
      while (q0 < end && (*q0 == ' ' || *q0 == '\t' || *q0 == '\r'))
        q0++;
      if (q0 < end && *q0 == '<')
        {
          p = q0;
          break;
        }
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      const char *le = nl ? nl : end;
      char *l = g_strndup (p, le - p);
      if (!is_blank (l))
        add_p (im, held (im), l, lineno);
      g_free (l);
      p = nl ? nl + 1 : end;
      lineno++;
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
  long after_line = line_of (text, (size_t) (frag_end - text));
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
      return MN_EINVALID;
    }
  tei_walk (im, xmlDocGetRootElement (tei), lineno - 1);
  xmlFreeDoc (tei);
  /* after the fragment come the closing tags of elements cut off before it; anything else
   * is kept as it stands */
  if (!g_regex_match_simple ("^(\\s|</[A-Za-z_:.-]+>)*$", after, 0, 0))
    {
      mn_warning (im->d, im->name, after_line, _("text after the end of the TEI record; kept as it stands in a stage note, check it"));
      char *t = trim_dup (after);
      add_inline (child (im->speech, "stage"), t);
      g_free (t);
    }
  g_free (after);
  if (!im->speech->children)
    {
      xmlFreeNode (im->speech);
      im->speech = NULL;
    }
  return speech_metadata (im);
}

/* === DiscussNet JSON speech records === */

static void split_lines (importer *im, char *buf, size_t len);

/* A DiscussNet record (provenance lines, then {"tenant_minutes": [{…, "body": "<pre>…</pre>"}]}):
 * the bodies, without their <pre> tags, are the text of a speech record, which is then read
 * as plain text.  Each line keeps the line number of its record's "body" in the file. */
static int
read_json (importer *im, const char *text, size_t len)
{
  const char *p = text, *end = text + len;
  GString *syn = g_string_new (NULL);
  GArray *nos = g_array_new (FALSE, FALSE, sizeof (long));
  long lineno = 1;
  while (p < end)
    {
      const char *q = p;
      while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      if (q < end && *q == '{')
        {
          p = q;
          break;
        }
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      const char *le = nl ? nl : end;
      g_string_append_len (syn, p, le - p);
      g_string_append_c (syn, '\n');
      g_array_append_val (nos, lineno);
      lineno++;
      p = nl ? nl + 1 : end;
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
  split_lines (im, im->synthetic, strlen (im->synthetic));
  for (size_t i = 0; i < im->n_lines && i < nos->len; i++)
    im->lines[i].no = g_array_index (nos, long, i);
  read_speech_form (im);
  rc = speech_metadata (im);
out:
  if (syn)
    g_string_free (syn, TRUE);
  g_array_free (nos, TRUE);
  g_array_free (body_lines, TRUE);
  g_object_unref (parser);
  return rc;
}

/* === reading and decoding === */

/* The line (1-based) holding byte `off` of `buf`. */
static long
line_of (const char *buf, size_t off)
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
          mn_error (d, name, line_of (raw, (size_t) (end - raw)),
                    _("this line holds bytes that are not UTF-8; if the file is in Shift_JIS, import it with --encoding SHIFT_JIS (or CP932)"));
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
      mn_error (d, name, line_of (raw, read),
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
static void
split_lines (importer *im, char *buf, size_t len)
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

/* The speech form is chosen when ○ lines appear and none of the table form's marks do. */
static int
looks_like_speech (importer *im)
{
  int turns = 0, table = 0;
  for (size_t i = 0; i < im->n_lines; i++)
    {
      const char *s = im->lines[i].text;
      long n;
      char *t = trim_dup (s);
      if (g_str_has_prefix (t, "○") || g_str_has_prefix (t, "◎"))
        turns++;
      if (g_str_has_prefix (s, "名称\t") || g_str_has_prefix (s, "日時\t") || inquiry_head (s, &n) || qa_head (s))
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
  xmlNodePtr parts[] = { im->title, im->council, im->dates, im->held, im->place, im->attendees,
                         im->materials, im->agenda, im->record_note };
  for (size_t k = 0; k < G_N_ELEMENTS (parts); k++)
    if (parts[k])
      xmlAddChild (root, parts[k]);
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
  im->agenda = im->record_note = im->requests = im->speech = NULL;
}

static void
free_parts (importer *im)
{
  xmlNodePtr parts[] = { im->title, im->council, im->dates, im->held, im->place, im->attendees,
                         im->materials, im->agenda, im->record_note, im->inquiries, im->requests,
                         im->speech };
  for (size_t k = 0; k < G_N_ELEMENTS (parts); k++)
    xmlFreeNode (parts[k]);
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
  GError *err = NULL;
  int rc = 0;
  gsize glen = 0;
  if (!g_file_get_contents (path, &raw, &glen, &err))
    {
      mn_error (d, im.name, 0, _("cannot read the file (%s); check its name and permissions"), err->message);
      g_clear_error (&err);
      return MN_EIO;
    }
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
    split_lines (&im, text, len);

  im.doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root = xmlNewDocNode (im.doc, NULL, BAD_CAST "session", NULL);
  xmlDocSetRootElement (im.doc, root);
  im.ns = xmlNewNs (root, BAD_CAST MN_NS, NULL);
  xmlSetNs (root, im.ns);
  xmlNodeSetLang (root, BAD_CAST "ja");
  im.inquiries = new_part (&im, "inquiries");

  if (kind == SRC_TEI)
    rc = read_tei (&im, text, len);
  else if (kind == SRC_JSON)
    rc = read_json (&im, text, len);
  else if (looks_like_speech (&im))
    {
      read_speech_form (&im);
      rc = speech_metadata (&im);
    }
  else
    {
      read_table_form (&im);
      if (!im.title)
        {
          mn_warning (d, im.name, 1, _("no 名称 row; <title> and <council> are left empty, fill them in"));
          im.title = new_part (&im, "title");
          im.council = new_part (&im, "council");
        }
      if (!im.dates)
        {
          mn_error (d, im.name, 1, _("no 日時 row with an era date (令和3年5月24日 …), and a session needs its date; add the row `日時<TAB>議 決 日 令和…年…月…日` and import again"));
          rc = MN_EINVALID;
        }
    }
  /* text cut off in the source: the file ends mid-sentence */
  if (rc == 0 && im.last_p && !im.ends_with_newline && im.n_lines > 0
      && !ends_sentence (im.lines[im.n_lines - 1].text))
    {
      mn_warning (d, im.name, im.last_line, _("the text ends in the middle of a sentence; marked as cut off (<cut/>)"));
      child (im.last_p, "cut");
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
  xmlSaveCtxtPtr ctxt = xmlSaveToIO (write_cb, close_cb, a.fp, "UTF-8", XML_SAVE_FORMAT);
  int ok = ctxt && xmlSaveDoc (ctxt, doc) >= 0;
  if (ctxt && xmlSaveClose (ctxt) < 0)
    ok = 0;
  if (!ok || ferror (a.fp))
    {
      mn_error (d, path, 0, _("cannot write the file (%s); check the free space"), strerror (errno));
      mn_atomic_abort (&a);
      return MN_EIO;
    }
  if (mn_atomic_commit (&a) != 0)
    {
      mn_error (d, path, 0, _("cannot write the file (%s); check the free space and permissions"), strerror (errno));
      return MN_EIO;
    }
  return 0;
}
