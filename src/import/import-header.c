/* import-header.c: the front matter of a speech record (会議録の冒頭) → header structure.
 *
 * The form.  Before the first turn a verbatim record prints its front matter: a title line
 * (「…会議録　第N号」, or a scraper's 会議名：), the day (開催日：, a 日時 row, a bare date
 * line), times (開会　午前10時 / 午前10時00分開会 …), the place, rosters (出席議員, 欠席議員,
 * 説明のため出席した者, 事務局職員 … each a heading and its names in justified columns), and
 * the order of business (議事日程) and the business taken up (本日の会議に付した事件).  Rows
 * may be numbered (１　日時, 1.日 時, （３）) and their labels spaced out (場　　所).
 *
 * The reading.  One pass over the header lines with a small state machine (enum block): a
 * label line opens its block (a roster group, an agenda, the 日時 row), and the lines that
 * follow belong to it until a blank line, a rule or the next label.  Roster rows are split
 * into persons by tokens, not by columns: a seat token (１番) starts a member; a token ending
 * like a role (…長, …者, …員, …監, …事, 書記 …) starts an official; the tokens after it are
 * the name (its justification spaces dropped); an honorific token (君, 議員) ends it.  A line
 * holding only （…） adds to the role of the person it stands under (its column), and a line
 * holding only a name completes a person whose name was wrapped (a long role).  An agenda's
 * lines before its first item are its heading; an item line (第１, 日程第１, （１）) opens an
 * entry and indented lines under it continue it (<br/>).  Every label the layout prints again
 * (日時, 場所, the row numbers, 会議録, 第N号, the ○ of ○議事日程, rules) becomes structure;
 * everything else is kept as text.  A line that fits no block goes to <remarks> with a
 * warning, so no character is lost and the archivist sees where to look.
 *
 * The title line gives the council (the body's name: …議会, …委員会, …審議会, …部会), the
 * session's title (the rest: 令和５年第４回定例会) and the issue (第N号); when it names no
 * body, imp_speech_finish looks in the record's own text (令和５年第１回弘前市議会定例会を
 * 開会…) and says what it chose — never in a roster, whose 選挙管理委員会委員長 names a body
 * that is not the one meeting.  Lines of the scraper (SOURCE:, and 開催日： / 会議名： when
 * the record gives the same again) are provenance: an XML comment, not part of the minutes.
 */
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "import-internal.h"

/* === small readers === */

/* A row number at `*s`: 1. / １　/ （３） / 一、, with the space after it.  Returns 1 and
 * moves *s past it, or 0. */
static int
row_number (const char **s)
{
  const char *p = *s;
  int bracket = 0;
  if (imp_after_prefix (p, "（") || *p == '(')
    {
      p = *p == '(' ? p + 1 : p + strlen ("（");
      bracket = 1;
    }
  long n = imp_read_number (&p);
  if (n < 0)
    {
      static const char *const kanji[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
      for (size_t k = 0; k < G_N_ELEMENTS (kanji) && n < 0; k++)
        if (imp_after_prefix (p, kanji[k]) && !bracket)
          {
            p += strlen (kanji[k]);
            n = (long) k + 1;
          }
      if (n < 0 || !(imp_after_prefix (p, "、") || imp_after_prefix (p, "．")))
        return 0;
    }
  if (bracket)
    {
      if (imp_after_prefix (p, "）"))
        p += strlen ("）");
      else if (*p == ')')
        p++;
      else
        return 0;
    }
  else if (*p == '.' || imp_after_prefix (p, "．") || imp_after_prefix (p, "、"))
    p = g_utf8_next_char (p);
  else if (!imp_is_space_char (g_utf8_get_char (p)))
    return 0;
  imp_skip_space (&p);
  *s = p;
  return 1;
}

/* The text after a label: a colon (：:) and white space skipped. */
static const char *
label_value (const char *after)
{
  const char *p = after;
  imp_skip_space (&p);
  if (imp_after_prefix (p, "："))
    p += strlen ("：");
  else if (*p == ':')
    p++;
  imp_skip_space (&p);
  return p;
}

/* If `s` starts with one of `labels` (spaces between the characters allowed), return the
 * value after it; else NULL. */
static const char *
match_labels (const char *s, const char *const *labels, size_t n)
{
  for (size_t k = 0; k < n; k++)
    {
      const char *after = imp_after_label (s, labels[k]);
      if (!after)
        continue;
      /* the label ends there: white space, a colon or the end follows */
      gunichar c = g_utf8_get_char (after);
      if (!c || imp_is_space_char (c) || c == 0xFF1A || c == ':')
        return label_value (after);
    }
  return NULL;
}

static const char *const date_labels[] = {
  "開会日時", "開催日時", "開議日時", "会議日時", "開催年月日", "開催日", "日時", "期日", "日付",
};
static const char *const place_labels[] = { "開催場所", "会議場所", "場所", "会場" };
static const char *const order_labels[] = { "追加議事日程", "議事日程", "議事次第" };
static const char *const business_labels[] = {
  "本日の会議に付した事件", "会議に付した事件", "本日の付議事件", "付議事件", "審査事件", "議題", "案件",
};

/* The kinds of attendee groups, and the headings that open each (matched without spaces). */
static const struct {
  const char *prefix;  /* the heading starts so */
  const char *kind;    /* group/@kind */
} group_heads[] = {
  { "欠席理事者", "other" }, { "欠席説明員", "other" }, { "委員外", "other" }, { "傍聴", "other" },
  { "会議録署名", "other" },
  { "出席議員", "present" }, { "出席委員", "present" }, { "欠席議員", "absent" }, { "欠席委員", "absent" },
  { "説明のため", "officials" }, { "出席説明員", "officials" }, { "説明員", "officials" },
  { "出席理事者", "officials" }, { "理事者", "officials" }, { "地方自治法", "officials" },
  { "出席事務局", "secretariat" }, { "事務局職員", "secretariat" }, { "議会事務局", "secretariat" },
  { "区議会事務局", "secretariat" }, { "市議会事務局", "secretariat" }, { "町議会事務局", "secretariat" },
  { "村議会事務局", "secretariat" }, { "職務のため", "secretariat" }, { "事務局出席者", "secretariat" },
};

/* A roster heading at `s` (after any row number): 出席議員（２５名）, 説明のため出席した者 …
 * Returns the group's kind and sets *label (owned: the heading as written, with its count in
 * brackets) and *rest (what follows on the line: the first roster row, or ""); NULL if `s` is
 * no roster heading. */
static const char *
group_heading (const char *s, char **label, const char **rest)
{
  char *sq = imp_squeeze_dup (s);
  const char *kind = NULL;
  for (size_t k = 0; k < G_N_ELEMENTS (group_heads) && !kind; k++)
    if (g_str_has_prefix (sq, group_heads[k].prefix))
      kind = group_heads[k].kind;
  g_free (sq);
  if (!kind)
    return NULL;
  /* 議会事務局長 is a role in a roster, not the heading 議会事務局 */
  const char *w = s;
  while (*w && !imp_is_space_char (g_utf8_get_char (w)) && !imp_after_prefix (w, "（") && *w != '(')
    w = g_utf8_next_char (w);
  if (w - s >= 3 && imp_after_prefix (g_utf8_prev_char (w), "長"))
    return NULL;
  /* the heading runs to the first white space (outside brackets), and takes a count in
   * brackets after it: 出席議員（２５名）, 欠席委員（なし）, 出席議員 (３４名) */
  const char *p = s;
  int depth = 0;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xFF08 || c == '(')
        depth++;
      else if ((c == 0xFF09 || c == ')') && depth > 0)
        depth--;
      else if (depth == 0 && imp_is_space_char (c))
        {
          const char *q = p;
          imp_skip_space (&q);
          if (!imp_after_prefix (q, "（") && *q != '(')
            break;
        }
      p = g_utf8_next_char (p);
    }
  /* a heading is short: a long line that merely starts so is text */
  char *head = g_strndup (s, p - s);
  char *trimmed = imp_trim_dup (head);
  g_free (head);
  if (g_utf8_strlen (trimmed, -1) > 40)
    {
      g_free (trimmed);
      return NULL;
    }
  *label = trimmed;
  imp_skip_space (&p);
  *rest = p;
  return kind;
}

/* === the title line === */

/* What a title line holds. */
typedef struct title_parts {
  char *title;    /* the session's name, without the council when that is split off (owned) */
  char *council;  /* the body's name: 目黒区議会, 見本町議会総務常任委員会 (owned), or NULL */
  long issue;     /* 第N号 after the record's title, 0 if none */
  char *day;      /* （11月19日）: a day written without its year (owned), or NULL */
  int record;     /* the line names the record itself (…会議録, …記録) */
} title_parts;

static void
title_parts_clear (title_parts *t)
{
  g_free (t->title);
  g_free (t->council);
  g_free (t->day);
  memset (t, 0, sizeof *t);
}

/* The words a body's name ends with. */
static const char *const body_words[] = {
  "議会", "委員会", "審議会", "協議会", "部会", "分科会", "調査会", "懇談会", "総会",
};

/* 1 if `s` (no white space) can be a body's name: it ends with a body word and holds no
 * digit and no word of a session (定例会, 臨時会, 緊急, 年, 回). */
static int
body_name (const char *s)
{
  if (!*s || !imp_ends_with_any (s, body_words, G_N_ELEMENTS (body_words)))
    return 0;
  static const char *const not_in_name[] = { "定例会", "臨時会", "緊急", "年", "回", "号" };
  for (size_t k = 0; k < G_N_ELEMENTS (not_in_name); k++)
    if (strstr (s, not_in_name[k]))
      return 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (g_unichar_isdigit (g_utf8_get_char (p)))
      return 0;
  return 1;
}

/* Split one token (no white space) into [prefix][body][suffix] where the body is a body's
 * name: 令和５年第４回|試行町議会|定例会.  Returns 1 and the byte offsets of the body. */
static int
token_body (const char *tok, size_t *from, size_t *to)
{
  /* the prefix: era, year, 年度, 第N回 (what a session's title starts with) */
  static GRegex *prefix;
  if (!prefix)
    prefix = g_regex_new ("^(?:(?:令和|平成|昭和)\\s*[0-9０-９元]+\\s*年度?)?(?:第\\s*[0-9０-９]+\\s*回)?", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  int s = 0, e = 0;
  if (g_regex_match (prefix, tok, 0, &mi))
    g_match_info_fetch_pos (mi, 0, &s, &e);
  g_match_info_free (mi);
  /* the longest body name from there: up to the last body word whose span is a name */
  size_t len = strlen (tok);
  for (size_t end = len; end > (size_t) e; end = (size_t) (g_utf8_prev_char (tok + end) - tok))
    {
      char *cand = g_strndup (tok + e, end - (size_t) e);
      int ok = body_name (cand);
      g_free (cand);
      if (ok)
        {
          *from = (size_t) e;
          *to = end;
          return 1;
        }
    }
  return 0;
}

/* If `*s` ends with a match of `re`, cut it off (and the white space before it) and return
 * it (owned); else NULL. */
static char *
cut_end (char **s, GRegex *re)
{
  GMatchInfo *mi = NULL;
  char *cut = NULL;
  if (g_regex_match (re, *s, 0, &mi))
    {
      int st, en;
      g_match_info_fetch_pos (mi, 0, &st, &en);
      cut = g_strdup (*s + st);
      (*s)[st] = '\0';
      char *t = imp_trim_dup (*s);
      g_free (*s);
      *s = t;
    }
  g_match_info_free (mi);
  return cut;
}

/* Read a title line: 令和５年第４回試行町議会定例会会議録（第２号）, 目黒区議会会議録　第１号,
 * 令和元年度　見本町議会総務常任委員会会議録（11月19日）, 第１１３回　中央環境審議会　総合政策部会.
 * 1. a day without its year at the end, in brackets, is the day (held-on);
 * 2. 第N号 after the record's label is the issue;
 * 3. the label 会議録 / 記録 (the layout prints 会議録) is structure;
 * 4. the council is the first body's name among the tokens (and the tokens right after it
 *    that are bodies' names too: 中央環境審議会　総合政策部会); a token's era and number
 *    before it (令和５年第４回) and its session word after it (定例会) stay in the title. */
static void
read_title_line (const char *text, title_parts *out)
{
  memset (out, 0, sizeof *out);
  static GRegex *day, *issue, *label;
  if (!day)
    {
      day = g_regex_new ("[（(]\\s*[0-9０-９]{1,2}\\s*月\\s*[0-9０-９]{1,2}\\s*日\\s*[)）]$", 0, 0, NULL);
      issue = g_regex_new ("(?<=会議録|記録)\\s*[（(]?\\s*第\\s*[0-9０-９]+\\s*号\\s*[)）]?$", 0, 0, NULL);
      label = g_regex_new ("(?:会議録|速記録|記録)$", 0, 0, NULL);
    }
  char *s = imp_trim_dup (text);
  out->day = cut_end (&s, day);
  char *iss = cut_end (&s, issue);
  if (iss)
    {
      const char *p = strstr (iss, "第") + strlen ("第");
      imp_skip_space (&p);
      out->issue = imp_read_number (&p);
      g_free (iss);
    }
  char *lab = cut_end (&s, label);
  out->record = lab != NULL;
  g_free (lab);

  GString *title = g_string_new (NULL), *council = g_string_new (NULL);
  enum { BEFORE, IN, AFTER } where = BEFORE;
  const char *p = s;
  while (*p)
    {
      const char *ws = p;
      imp_skip_space (&p);
      const char *tok = p;
      while (*p && !imp_is_space_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      char *t = g_strndup (tok, p - tok);
      size_t from = 0, to = 0;
      int body = where != AFTER && token_body (t, &from, &to);
      if (body && where == IN && (from > 0))
        body = 0;  /* a later body with a prefix of its own is not part of the council */
      if (body)
        {
          if (where == BEFORE)
            {
              if (from > 0)
                {
                  g_string_append_len (title, ws, tok - ws);
                  g_string_append_len (title, t, from);
                }
            }
          else
            g_string_append_len (council, ws, tok - ws);
          g_string_append_len (council, t + from, to - from);
          where = IN;
          if (to < strlen (t))
            {
              g_string_append (title, t + to);  /* 定例会 after 試行町議会 */
              where = AFTER;
            }
        }
      else
        {
          if (where == IN)
            where = AFTER;
          g_string_append_len (title, ws, tok - ws);
          g_string_append (title, t);
        }
      g_free (t);
    }
  char *tt = imp_trim_dup (title->str);
  out->title = tt;
  g_string_free (title, TRUE);
  out->council = council->len ? g_string_free (council, FALSE) : NULL;
  if (!out->council)
    g_string_free (council, TRUE);
  g_free (s);
}

/* 1 if a line reads as a session's title: short, no sentence, and naming a session
 * (第N回, 定例会, 臨時会, 委員会, 会議録 …). */
static int
title_like (const char *t)
{
  if (!*t || g_utf8_strlen (t, -1) > 60 || strstr (t, "。"))
    return 0;
  return g_regex_match_simple ("第\\s*[0-9０-９]+\\s*[回号]|定例会|臨時会|緊急議会|委員会|審議会|部会|会議録|記録$", t, 0, 0);
}

/* === the state of one header === */

/* Which block the lines being read belong to. */
enum block { B_NONE, B_DATES, B_GROUP, B_AGENDA, B_MATERIALS };

typedef struct header {
  importer *im;
  enum block block;         /* the open block */
  int head_indent;          /* the indentation of the open group's heading */
  int blank_before;         /* a blank line came since the block's last line */
  xmlNodePtr group;         /* the open roster group */
  GPtrArray *rows;          /* its rows (line *, borrowed), read when it closes */
  xmlNodePtr agenda;        /* the open agenda */
  xmlNodePtr entry;         /* its last entry, which indented lines continue */
  xmlNodePtr heading;       /* its heading, which lines before the first entry continue */
  long entry_n;             /* the last entry's number */
  const line *scraper_title;/* 会議名：… (a scraper's), used unless the record has its own */
  const line *scraper_date; /* 開催日：… */
  char *day;                /* a day without its year from the title line (owned) */
  long day_line;
  int have_title;           /* a title was taken from the record */
  long weak_title;          /* … from a line that merely reads like one (its line), 0 if not */
} header;

/* === parts of the session === */

static xmlNodePtr
remarks (importer *im)
{
  return imp_part (im, &im->remarks, "remarks");
}

/* Keep a line nothing else takes, as a paragraph of <remarks>, with a warning. */
static void
keep_in_remarks (importer *im, const line *l)
{
  mn_warning (im->d, im->name, l->no,
              _("a line of the record's front matter that is neither a title, a date, a place, a roster nor an agenda; kept under 備考 (<remarks>): check where it belongs"));
  imp_add_p (im, remarks (im), l->text, l->no);
}

/* Provenance (SOURCE: …, a scraper's 開催日：/会議名： repeated by the record): an XML comment
 * before the session.  A line a comment cannot hold (with "--") goes to <remarks>. */
static void
keep_as_provenance (importer *im, const line *l)
{
  char *t = imp_trim_dup (l->text);
  if (strstr (t, "--") || g_str_has_suffix (t, "-"))
    imp_add_p (im, remarks (im), t, l->no);
  else
    {
      if (!im->provenance)
        im->provenance = g_string_new (NULL);
      g_string_append_printf (im->provenance, "\n  %s", t);
    }
  g_free (t);
}

static xmlNodePtr
dates (importer *im)
{
  return imp_part (im, &im->dates, "dates");
}

/* Put <held-on> first in <dates>, before any time read earlier. */
static void
put_held_on (importer *im, xmlNodePtr on)
{
  xmlNodePtr first = dates (im)->children;
  if (first)
    xmlAddPrevSibling (first, on);
  else
    xmlAddChild (im->dates, on);
}

/* <held-on> from an era date in `fd`. */
static void
set_held_on (importer *im, const found_date *fd, long lineno)
{
  xmlNodePtr on = xmlNewDocNode (im->doc, im->ns, BAD_CAST "held-on", NULL);
  imp_add_date_text (on, fd);
  imp_set_iso (on, "iso", fd);
  imp_check_date (im->d, im->name, lineno, fd);
  put_held_on (im, on);
}

static int
have_held_on (importer *im)
{
  for (xmlNodePtr c = im->dates ? im->dates->children : NULL; c; c = c->next)
    if (xmlStrEqual (c->name, BAD_CAST "held-on"))
      return 1;
  return 0;
}

/* A <time> with its event: the text as written (white space dropped), iso HH:MM:00. */
static void
add_time (importer *im, const char *start, const char *end, int minutes, int event)
{
  xmlNodePtr t = imp_child (dates (im), "time");
  char *span = g_strndup (start, end - start);
  char *sq = imp_squeeze_dup (span);
  imp_add_text (t, sq, strlen (sq));
  char iso[32];
  snprintf (iso, sizeof iso, "%02d:%02d:00", minutes / 60, minutes % 60);
  xmlSetProp (t, BAD_CAST "iso", BAD_CAST iso);
  if (event >= 0)
    xmlSetProp (t, BAD_CAST "event", BAD_CAST imp_event_name (event));
  g_free (sq);
  g_free (span);
}

/* The value of a 日時 row, or a line continuing it: the day (an era date), the times with
 * their events (午前10時00分開会, 開　会　午前１０時).  What is neither (a time written
 * ９：３０～１１：５６, a note) stays with the day as a paragraph of <held>.  Returns 1 if
 * anything was read as a date or a time. */
static int
read_dates_value (importer *im, const char *value, long lineno)
{
  GString *rest = g_string_new (NULL);
  int found = 0;
  const char *s = value;
  while (*s)
    {
      found_date fd;
      int minutes;
      const char *end;
      int ev = imp_event_at (s, &end);
      if (ev >= 0)
        {
          /* 開会　午前10時: the event word before its time */
          const char *q = end;
          imp_skip_space (&q);
          const char *tend;
          if (imp_time_at (q, &minutes, &tend))
            {
              add_time (im, q, tend, minutes, ev);
              s = tend;
              found = 1;
              continue;
            }
        }
      if (imp_time_at (s, &minutes, &end))
        {
          /* 午前10時00分開会: the event word after its time (or none: the time it began) */
          const char *q = end;
          imp_skip_space (&q);
          const char *eend;
          int after = imp_event_at (q, &eend);
          add_time (im, s, end, minutes, after);
          s = after >= 0 ? eend : end;
          found = 1;
          continue;
        }
      if (!have_held_on (im) && imp_date_at (s, &fd))
        {
          set_held_on (im, &fd, lineno);
          s = fd.end;
          found = 1;
          continue;
        }
      gunichar c = g_utf8_get_char (s);
      const char *next = g_utf8_next_char (s);
      if (!imp_is_space_char (c) || rest->len)
        g_string_append_len (rest, s, next - s);
      s = next;
    }
  char *r = imp_trim_dup (rest->str);
  if (*r)
    imp_add_held_note (im, r, lineno);
  g_free (r);
  g_string_free (rest, TRUE);
  return found;
}

/* === rosters === */

/* 1 if `tok` (white space squeezed) reads like a role: it ends with a word roles end with. */
static int
role_token (const char *tok)
{
  static const char *const two[] = {
    "町長", "区長", "市長", "村長", "議長", "委員", "書記", "局長", "次長", "主事", "主査", "参事",
    "理事", "会長", "係長", "室長", "所長", "課長", "部長", "監事", "知事", "主幹", "参与", "顧問",
  };
  long n = g_utf8_strlen (tok, -1);
  if (n < 2)
    return 0;
  if (n == 2)
    {
      for (size_t k = 0; k < G_N_ELEMENTS (two); k++)
        if (strcmp (tok, two[k]) == 0)
          return 1;
      return 0;
    }
  static const char *const ends[] = {
    "長", "者", "員", "監", "官", "事", "記", "査", "幹", "補佐", "参与", "顧問", "主任", "係",
  };
  return imp_ends_with_any (tok, ends, G_N_ELEMENTS (ends));
}

/* 1 if `tok` is an honorific standing after a name. */
static int
suffix_token (const char *tok)
{
  return strcmp (tok, "君") == 0 || strcmp (tok, "議員") == 0 || strcmp (tok, "さん") == 0
         || strcmp (tok, "氏") == 0 || strcmp (tok, "委員") == 0;
}

/* A token of a roster row: its text and the column it starts at. */
typedef struct token {
  char *text;  /* owned */
  int col;     /* display column of its first character */
  int gap;     /* display width of the white space before it */
} token;

/* The tokens of a row (split at white space). */
static GArray *
tokens_of (const char *s)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (token));
  int col = 0, gap = 0;
  const char *p = s;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (imp_is_space_char (c))
        {
          int w = c == '\t' ? 8 - col % 8 : imp_char_width (c);
          col += w;
          gap += w;
          p = g_utf8_next_char (p);
          continue;
        }
      const char *start = p;
      int start_col = col;
      while (*p && !imp_is_space_char (g_utf8_get_char (p)))
        {
          col += imp_char_width (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
      token t = { g_strndup (start, p - start), start_col, gap };
      g_array_append_val (a, t);
      gap = 0;
    }
  return a;
}

static void
tokens_free (GArray *a)
{
  for (guint i = 0; i < a->len; i++)
    g_free (g_array_index (a, token, i).text);
  g_array_free (a, TRUE);
}

/* A person of the row being read. */
typedef struct person {
  xmlNodePtr node;  /* its <person> in the group */
  int col;          /* the display column where it starts on its row */
  GString *name;    /* its name so far, without white space */
} person;

/* The seat a token names (１番, 10番), or 0; *rest is set to what follows 番 in the token. */
static long
seat_of (const char *tok, const char **rest)
{
  const char *p = tok;
  long n = imp_read_number (&p);
  const char *after = n > 0 ? imp_after_prefix (p, "番") : NULL;
  if (!after)
    return 0;
  *rest = after;
  return n;
}

/* Start a person at column `col` of line `lineno`: a new <person> of `group`. */
static person *
new_person (importer *im, xmlNodePtr group, GArray *row, int col, long seat, const char *role)
{
  person p = { imp_child (group, "person"), col, g_string_new (NULL) };
  if (seat)
    imp_set_number (p.node, "seat", seat);
  if (role)
    {
      xmlSetProp (p.node, BAD_CAST "role", BAD_CAST role);
      g_ptr_array_add (im->roster_roles, g_strdup (role));
    }
  g_array_append_val (row, p);
  return &g_array_index (row, person, row->len - 1);
}

/* Write a row's names into its persons; the row becomes the one above the next. */
static void
end_row (GArray *row, GArray *above)
{
  for (guint i = 0; i < above->len; i++)
    g_string_free (g_array_index (above, person, i).name, TRUE);
  g_array_set_size (above, 0);
  for (guint i = 0; i < row->len; i++)
    {
      person *p = &g_array_index (row, person, i);
      imp_add_text (p->node, p->name->str, p->name->len);
      g_string_truncate (p->name, 0);
      g_array_append_val (above, *p);
    }
  g_array_set_size (row, 0);
}

/* The person of the row above whose column a token at `col` stands under. */
static person *
person_above (GArray *above, int col)
{
  person *best = NULL;
  for (guint i = 0; i < above->len; i++)
    {
      person *p = &g_array_index (above, person, i);
      if (p->col <= col + 1 && (!best || p->col > best->col))
        best = p;
    }
  return best ? best : above->len ? &g_array_index (above, person, 0) : NULL;
}

/* 1 if `node` has no name yet. */
static int
nameless (xmlNodePtr node)
{
  xmlChar *c = xmlNodeGetContent (node);
  int r = !c || !*c;
  xmlFree (c);
  return r;
}

/* Read the rows of a roster group into persons (see the essay at the top):
 * 1. the roster's kind: seats (members), roles (officials), or names alone;
 * 2. per row: a row holding only （…） adds to the role of the person above it; なし is a
 *    note; in a roster of roles, a row without a role completes a person above it whose
 *    name was wrapped;
 * 3. otherwise each seat (１番) or role token starts a person (two single characters that
 *    spell a role, 町　長, are one token), the tokens after it are its name, and an
 *    honorific (君, 議員) after the name is its suffix; names alone are split by 君, or by a
 *    wide gap. */
static void
read_roster (importer *im, xmlNodePtr group, GPtrArray *rows)
{
  int seats = 0, roles = 0;
  for (guint r = 0; r < rows->len; r++)
    {
      GArray *toks = tokens_of (((const line *) rows->pdata[r])->text);
      for (guint i = 0; i < toks->len; i++)
        {
          const char *rest;
          const char *t = g_array_index (toks, token, i).text;
          if (seat_of (t, &rest))
            seats++;
          else if (role_token (t) && !suffix_token (t))
            roles++;
        }
      tokens_free (toks);
    }
  if (seats)
    roles = 0;
  GArray *row = g_array_new (FALSE, FALSE, sizeof (person));
  GArray *above = g_array_new (FALSE, FALSE, sizeof (person));
  for (guint r = 0; r < rows->len; r++)
    {
      const line *l = rows->pdata[r];
      char *t = imp_trim_dup (l->text);
      GArray *toks = tokens_of (l->text);
      person *up = toks->len ? person_above (above, g_array_index (toks, token, 0).col) : NULL;
      if (toks->len == 1 && up && imp_stage_line (t))
        {
          /* （福祉事務所長） under 健康福祉部長 */
          xmlChar *role = xmlGetProp (up->node, BAD_CAST "role");
          char *joined = g_strconcat (role ? (const char *) role : "", t, NULL);
          xmlSetProp (up->node, BAD_CAST "role", BAD_CAST joined);
          g_free (joined);
          xmlFree (role);
        }
      else if (strcmp (t, "なし") == 0 || strcmp (t, "無し") == 0)
        imp_add_inline (imp_child (group, "note"), t);
      else
        {
          person *waiting = NULL;
          for (guint i = 0; roles && i < above->len && !waiting; i++)
            if (nameless (g_array_index (above, person, i).node))
              waiting = &g_array_index (above, person, i);
          if (waiting && toks->len && !role_token (g_array_index (toks, token, 0).text))
            {
              /* 子ども・子育て支援部長 / (next row) 酒井敏春 */
              char *name = imp_squeeze_dup (t);
              imp_add_text (waiting->node, name, strlen (name));
              g_free (name);
            }
          else
            {
              person *p = NULL;
              for (guint i = 0; i < toks->len; i++)
                {
                  token *tk = &g_array_index (toks, token, i);
                  const char *rest = NULL;
                  long seat = seat_of (tk->text, &rest);
                  char *two = NULL;
                  if (roles && i + 1 < toks->len && g_utf8_strlen (tk->text, -1) == 1
                      && g_utf8_strlen (g_array_index (toks, token, i + 1).text, -1) == 1)
                    {
                      two = g_strconcat (tk->text, g_array_index (toks, token, i + 1).text, NULL);
                      if (!role_token (two))
                        {
                          g_free (two);
                          two = NULL;
                        }
                    }
                  const char *role = two ? two : roles && role_token (tk->text) && !suffix_token (tk->text) ? tk->text : NULL;
                  if (seat)
                    {
                      p = new_person (im, group, row, tk->col, seat, NULL);
                      g_string_append (p->name, rest);
                    }
                  else if (role && (!p || p->name->len))
                    {
                      p = new_person (im, group, row, tk->col, 0, role);
                      if (two)
                        i++;
                    }
                  else if (p && p->name->len && suffix_token (tk->text))
                    {
                      xmlSetProp (p->node, BAD_CAST "suffix", BAD_CAST tk->text);
                      if (!seats && !roles)
                        p = NULL;  /* names alone: the honorific ends each */
                    }
                  else
                    {
                      /* names alone: a wide gap after a name of two characters or more
                       * starts the next one (a justified name has gaps of one or three) */
                      if (p && !seats && !roles && tk->gap >= 8 && g_utf8_strlen (p->name->str, -1) >= 2)
                        p = NULL;
                      if (!p)
                        p = new_person (im, group, row, tk->col, 0, NULL);
                      g_string_append (p->name, tk->text);
                      if (g_str_has_suffix (p->name->str, "君") && g_utf8_strlen (p->name->str, -1) > 1)
                        {
                          g_string_truncate (p->name, p->name->len - strlen ("君"));
                          xmlSetProp (p->node, BAD_CAST "suffix", BAD_CAST "君");
                          if (!seats && !roles)
                            p = NULL;
                        }
                    }
                  g_free (two);
                }
              end_row (row, above);
            }
        }
      tokens_free (toks);
      g_free (t);
    }
  end_row (row, above);
  for (guint i = 0; i < above->len; i++)
    g_string_free (g_array_index (above, person, i).name, TRUE);
  g_array_free (row, TRUE);
  g_array_free (above, TRUE);
  /* every person has a name; one that has not keeps its role, with a warning */
  for (xmlNodePtr c = group->children; c; c = c->next)
    if (xmlStrEqual (c->name, BAD_CAST "person") && nameless (c))
      {
        xmlChar *role = xmlGetProp (c, BAD_CAST "role");
        mn_warning (im->d, im->name, rows->len ? ((const line *) rows->pdata[0])->no : 0,
                    _("a roster entry \"%s\" without a name; kept as a person with only a role: check it"),
                    role ? (const char *) role : "");
        xmlFree (role);
      }
}

/* Close the open roster group: read its rows. */
static void
close_group (header *h)
{
  if (h->group)
    {
      read_roster (h->im, h->group, h->rows);
      g_ptr_array_set_size (h->rows, 0);
    }
  h->group = NULL;
}

/* === agendas === */

/* An agenda item at `s`: 第１　…, 日程第１　…, （１）…, 1.…, ①…  Returns its number and
 * sets *label (owned, as printed) and *text (after the label); 0 if `s` is no item. */
static long
agenda_item (const char *s, char **label, const char **text)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("^((?:日程)?第\\s*([0-9０-９]+)(?:[\\s　]|$)|[（(]([0-9０-９]+)[)）]|([0-9０-９]+)[.．]|([①-⑳]))", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  long n = 0;
  if (g_regex_match (re, s, 0, &mi))
    {
      int st, en;
      g_match_info_fetch_pos (mi, 0, &st, &en);
      for (int g = 2; g <= 5 && !n; g++)
        {
          char *num = g_match_info_fetch (mi, g);
          if (num && *num)
            n = g == 5 ? imp_whole_number (num) : imp_whole_number (num);
          g_free (num);
        }
      char *lab = g_strndup (s, en);
      *label = imp_trim_dup (lab);
      g_free (lab);
      *text = s + en;
      imp_skip_space (text);
    }
  g_match_info_free (mi);
  return n;
}

/* Open an agenda of `kind` ("order" or "business") under the heading word `label` as
 * printed (NULL when it is the layout's own: 議事日程); `heading` (may be "") opens its
 * heading. */
static void
open_agenda (header *h, const char *kind, const char *label, const char *heading, long lineno)
{
  importer *im = h->im;
  h->agenda = imp_child (im->agendas, "agenda");
  xmlSetProp (h->agenda, BAD_CAST "kind", BAD_CAST kind);
  if (label && *label)
    xmlSetProp (h->agenda, BAD_CAST "label", BAD_CAST label);
  h->entry = NULL;
  h->heading = NULL;
  h->entry_n = 0;
  h->block = B_AGENDA;
  if (*heading)
    {
      h->heading = imp_child (h->agenda, "heading");
      imp_add_inline_trimmed (h->heading, heading);
      imp_last_block (im, h->heading, lineno);
    }
}

/* A line inside an open agenda.  Returns 0 if the line does not belong to it. */
static int
agenda_line (header *h, const line *l, const char *t)
{
  importer *im = h->im;
  char *label = NULL;
  const char *text = NULL;
  long n = agenda_item (t, &label, &text);
  if (n > 0)
    {
      if (n <= h->entry_n)
        n = h->entry_n + 1;  /* numbers as printed stay in label; n ascends */
      h->entry = imp_child (h->agenda, "entry");
      imp_set_number (h->entry, "n", n);
      xmlSetProp (h->entry, BAD_CAST "label", BAD_CAST label);
      imp_add_inline_trimmed (h->entry, text);
      imp_last_block (im, h->entry, l->no);
      h->entry_n = n;
      g_free (label);
      return 1;
    }
  g_free (label);
  if (strcmp (t, "議事日程に同じ") == 0 || strcmp (t, "日程に同じ") == 0 || g_str_has_suffix (t, "に同じ"))
    {
      imp_add_inline (imp_child (h->agenda, "note"), t);
      return 1;
    }
  /* after a blank line only an item continues the agenda */
  if (h->blank_before)
    return 0;
  int indented = imp_is_space_char (g_utf8_get_char (l->text));
  if (h->entry && (indented || g_str_has_prefix (t, "・")))
    {
      imp_child (h->entry, "br");
      imp_add_inline_trimmed (h->entry, t);
      return 1;
    }
  if (!h->entry && !xmlGetLastChild (h->agenda))
    {
      /* before the first item: the heading (議事日程（第１号）<br/>午前10時　開議) */
      if (!h->heading)
        h->heading = imp_child (h->agenda, "heading");
      else
        imp_child (h->heading, "br");
      imp_add_inline_trimmed (h->heading, t);
      return 1;
    }
  if (!h->entry && h->heading && xmlGetLastChild (h->agenda) == h->heading)
    {
      imp_child (h->heading, "br");
      imp_add_inline_trimmed (h->heading, t);
      return 1;
    }
  return 0;
}

/* An agenda needs an entry or a note: an agenda with only a heading keeps it as a note. */
static void
close_agenda (header *h)
{
  if (h->agenda && !h->entry)
    {
      int has_note = 0;
      for (xmlNodePtr c = h->agenda->children; c; c = c->next)
        if (xmlStrEqual (c->name, BAD_CAST "note"))
          has_note = 1;
      if (!has_note)
        {
          if (h->heading)
            {
              xmlNodeSetName (h->heading, BAD_CAST "note");
              h->heading = NULL;
            }
          else
            {
              xmlUnlinkNode (h->agenda);
              xmlFreeNode (h->agenda);
            }
        }
    }
  h->agenda = NULL;
  h->entry = NULL;
  h->heading = NULL;
}

static void
close_block (header *h)
{
  if (h->block == B_GROUP)
    close_group (h);
  else if (h->block == B_AGENDA)
    close_agenda (h);
  h->block = B_NONE;
  h->blank_before = 0;
}

/* === one header line === */

/* 〇　第　１　日: the day of the sitting (title/@day). */
static long
sitting_day (const char *t)
{
  char *sq = imp_squeeze_dup (t);
  const char *p = sq;
  if (imp_is_circle (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  long n = 0;
  const char *q = imp_after_prefix (p, "第");
  if (q)
    {
      n = imp_read_number (&q);
      if (n <= 0 || strcmp (q, "日") != 0)
        n = 0;
    }
  g_free (sq);
  return n;
}

/* 1 if the line is only a page heading of the front matter: ○議事日程. */
static int
page_heading (const char *t)
{
  const char *p = t;
  if (imp_is_mark (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  char *sq = imp_squeeze_dup (p);
  int r = p != t && strcmp (sq, "議事日程") == 0;
  g_free (sq);
  return r;
}

/* A title-ish line: the council, the title, the issue and a day without its year. */
static int
title_line (header *h, const line *l, const char *t)
{
  importer *im = h->im;
  title_parts tp;
  read_title_line (t, &tp);
  int used = 0;
  if (tp.council && !im->council)
    {
      im->council = imp_new_part (im, "council");
      imp_add_inline (im->council, tp.council);
      im->council_line = l->no;
      used = 1;
      if (*tp.title && h->weak_title)
        {
          /* the record's own title line names the session better than a line before it
           * that only read like a title (DiscussNet's 令和　６年　定例会緊急議会（１２月）) */
          xmlChar *old = xmlNodeGetContent (im->title);
          mn_warning (im->d, im->name, h->weak_title,
                      _("two titles: \"%s\" here and \"%s\" in the record's title line (line %ld); took the second and kept the first under 備考 (<remarks>): check it"),
                      (const char *) old, tp.title, l->no);
          imp_add_p (im, remarks (im), (const char *) old, h->weak_title);
          xmlFree (old);
          xmlFreeNode (im->title);
          im->title = NULL;
          h->have_title = 0;
          h->weak_title = 0;
        }
      if (*tp.title && !h->have_title)
        {
          im->title = imp_new_part (im, "title");
          imp_add_inline (im->title, tp.title);
          h->have_title = 1;
        }
      else if (*tp.title)
        {
          mn_warning (im->d, im->name, l->no,
                      _("a second title (\"%s\") besides the one already read; kept under 備考 (<remarks>): check which is the session's"),
                      tp.title);
          imp_add_p (im, remarks (im), tp.title, l->no);
        }
    }
  else if ((tp.record || tp.issue) && !tp.council && !*tp.title)
    used = 1;  /* 会議録　第１号 alone */
  else if (!h->have_title && title_like (t))
    {
      /* the session's name as a whole (its council, if any, stays in it) */
      im->title = imp_new_part (im, "title");
      imp_add_inline_trimmed (im->title, t);
      h->have_title = 1;
      h->weak_title = l->no;
      tp.issue = 0;
      g_free (tp.day);
      tp.day = NULL;
      used = 1;
    }
  if (used)
    {
      if (tp.issue)
        im->issue = tp.issue;
      if (tp.day && !h->day)
        {
          h->day = g_strdup (tp.day);
          h->day_line = l->no;
        }
    }
  title_parts_clear (&tp);
  return used;
}

/* 配付資料 (a bare label, which the layout prints) or 【資料】, 【参考資料】 (headings of
 * the list, kept as materials): opens the materials.  Returns 1 if it did. */
static int
materials_label (header *h, const line *l, const char *t, const char *s)
{
  static const char *const bare[] = { "配付資料一覧", "配布資料一覧", "配付資料", "配布資料" };
  int kept = g_str_has_prefix (t, "【") && g_str_has_suffix (t, "】") && strstr (t, "資料");
  int label = 0;
  for (size_t k = 0; k < G_N_ELEMENTS (bare) && !kept && !label; k++)
    {
      const char *after = imp_after_label (s, bare[k]);
      label = after && !*after;
    }
  /* the layout prints 配布資料; another word for it is kept as the first material */
  char *sq = imp_squeeze_dup (s);
  if (label && strcmp (sq, "配布資料") != 0)
    kept = 1;
  g_free (sq);
  if (!kept && !label)
    return 0;
  close_block (h);
  importer *im = h->im;
  imp_part (im, &im->materials, "materials");
  if (kept)
    imp_add_inline (imp_child (im->materials, "material"), t);
  (void) l;
  h->block = B_MATERIALS;
  return 1;
}

/* A label row: returns 1 if the line opened (or was) a row of the header.  `as_row`: the
 * line stands where a roster row does, so a roster heading in it is read as a row. */
static int
label_row (header *h, const line *l, const char *t, int as_row)
{
  importer *im = h->im;
  const char *s = t;
  row_number (&s);
  const char *v;
  char *label = NULL;
  const char *rest = NULL;
  if ((v = match_labels (s, date_labels, G_N_ELEMENTS (date_labels))))
    {
      close_block (h);
      read_dates_value (im, v, l->no);
      h->block = B_DATES;
      return 1;
    }
  if ((v = match_labels (s, place_labels, G_N_ELEMENTS (place_labels))))
    {
      close_block (h);
      if (!im->place)
        {
          im->place = imp_new_part (im, "place");
          imp_add_inline_trimmed (im->place, v);
        }
      else
        keep_in_remarks (im, l);
      return 1;
    }
  if ((v = match_labels (s, order_labels, G_N_ELEMENTS (order_labels))) && !strstr (v, "に同じ"))
    {
      close_block (h);
      /* a bare 議事日程 is the label the layout prints; 追加議事日程 and 議事次第 are kept as
       * the agenda's label; 議事日程（第１号）… is its heading, whole */
      char *word = g_strndup (s, v - s);
      char *lab = imp_trim_dup (word);
      char *sq = imp_squeeze_dup (lab);
      if (!*v)
        open_agenda (h, "order", strcmp (sq, "議事日程") == 0 ? NULL : lab, "", l->no);
      else
        open_agenda (h, "order", NULL, s, l->no);
      g_free (sq);
      g_free (lab);
      g_free (word);
      return 1;
    }
  if (strstr (s, "議事日程") && !strstr (s, "。") && !g_str_has_suffix (s, "に同じ")
      && g_utf8_strlen (s, -1) <= 60 && !agenda_item (s, &label, &rest))
    {
      /* 議事日程（第１号）　令和５年２月17日, 第１回目黒区議会定例会議事日程　第１号 */
      close_block (h);
      open_agenda (h, "order", NULL, t, l->no);
      return 1;
    }
  g_free (label);
  label = NULL;
  if ((v = match_labels (s, business_labels, G_N_ELEMENTS (business_labels))))
    {
      close_block (h);
      char *word = g_strndup (s, v - s);
      char *lab = imp_trim_dup (word);
      char *sq = imp_squeeze_dup (lab);
      /* the label the layout prints for the business is 会議に付した事件; any other is kept */
      open_agenda (h, "business", strcmp (sq, "会議に付した事件") == 0 ? NULL : lab, "", l->no);
      g_free (sq);
      g_free (lab);
      g_free (word);
      char *item = NULL;
      const char *itext;
      if (*v && agenda_item (v, &item, &itext))
        agenda_line (h, l, v);
      else if (*v)
        {
          /* 議題　予算の執行状況について: the value is the one item */
          h->entry = imp_child (h->agenda, "entry");
          imp_set_number (h->entry, "n", h->entry_n = 1);
          imp_add_inline_trimmed (h->entry, v);
        }
      g_free (item);
      return 1;
    }
  if (materials_label (h, l, t, s))
    return 1;
  const char *kind = as_row ? NULL : group_heading (s, &label, &rest);
  if (kind)
    {
      close_block (h);
      imp_part (im, &im->attendees, "attendees");
      h->group = imp_child (im->attendees, "group");
      xmlSetProp (h->group, BAD_CAST "label", BAD_CAST label);
      xmlSetProp (h->group, BAD_CAST "kind", BAD_CAST kind);
      g_free (label);
      h->block = B_GROUP;
      h->head_indent = 0;
      for (const char *p = l->text; *p && imp_is_space_char (g_utf8_get_char (p)); p = g_utf8_next_char (p))
        h->head_indent += imp_char_width (g_utf8_get_char (p));
      if (*rest)
        {
          /* the first row on the heading's line: the heading blanked out, columns kept */
          line *first = g_new (line, 1);
          GString *row = g_string_new (NULL);
          for (const char *p = l->text; p < rest; p = g_utf8_next_char (p))
            g_string_append (row, imp_char_width (g_utf8_get_char (p)) == 2 ? "\u3000" : " ");
          g_string_append (row, rest);
          first->text = g_string_free (row, FALSE);
          first->no = l->no;
          g_ptr_array_add (im->owned_lines, first);
          g_ptr_array_add (h->rows, first);
        }
      return 1;
    }
  /* a time row: 開議　午前１０時００分 */
  const char *end;
  if (imp_event_at (s, &end) >= 0)
    {
      const char *q = end;
      imp_skip_space (&q);
      int minutes;
      const char *tend;
      if (imp_time_at (q, &minutes, &tend))
        {
          close_block (h);
          read_dates_value (im, s, l->no);
          return 1;
        }
    }
  return 0;
}

/* An unlabelled line the header knows: a bare date, a place, a manner note. */
static int
bare_line (header *h, const line *l, const char *t)
{
  importer *im = h->im;
  found_date fd;
  if (!have_held_on (im) && imp_date_at (t, &fd))
    {
      read_dates_value (im, t, l->no);
      return 1;
    }
  if (!im->place && g_utf8_strlen (t, -1) <= 40 && !strstr (t, "。")
      && g_regex_match_simple ("(会議室|委員会室|議場|議事堂|会館|ホール|講堂|庁舎)$", t, 0, 0))
    {
      im->place = imp_new_part (im, "place");
      imp_add_inline_trimmed (im->place, t);
      return 1;
    }
  if (g_utf8_strlen (t, -1) <= 40 && imp_manner_of (t))
    {
      imp_add_held_note (im, t, l->no);
      return 1;
    }
  return 0;
}

/* The scraper's lines (開催日：…, 会議名：…) before the record. */
static int
scraper_line (header *h, const line *l, const char *t)
{
  if (imp_after_prefix (t, "会議名：") || imp_after_prefix (t, "会議名:"))
    {
      h->scraper_title = l;
      return 1;
    }
  if (imp_after_prefix (t, "開催日：") || imp_after_prefix (t, "開催日:"))
    {
      h->scraper_date = l;
      return 1;
    }
  return 0;
}

/* One line of the header. */
static void
header_line (header *h, const line *l)
{
  importer *im = h->im;
  if (imp_is_blank (l->text))
    {
      h->blank_before = 1;
      if (h->block == B_GROUP || h->block == B_DATES || h->block == B_MATERIALS)
        close_block (h);
      return;
    }
  char *t = imp_trim_dup (l->text);
  int indented = imp_is_space_char (g_utf8_get_char (l->text));
  int indent = 0;
  for (const char *p = l->text; *p && imp_is_space_char (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    indent += imp_char_width (g_utf8_get_char (p));
  /* a line indented as far as the open group's rows is one of them, unless it is another
   * kind of row (議事日程…); 議会事務局長　… there is a person, not the heading 議会事務局 */
  int as_row = h->block == B_GROUP && indented && !h->blank_before
               && indent > h->head_indent;
  if (g_str_has_prefix (t, "SOURCE:") || g_str_has_prefix (t, "DERIVED"))
    keep_as_provenance (im, l);
  else if (scraper_line (h, l, t))
    ;
  else if (imp_rule_line (t))
    close_block (h);  /* a rule between parts of the front matter: the layout draws its own */
  else if (page_heading (t))
    close_block (h);
  else if (label_row (h, l, t, as_row))
    ;
  else if (as_row)
    g_ptr_array_add (h->rows, (gpointer) l);
  else if (h->block == B_MATERIALS)
    imp_add_inline_trimmed (imp_child (im->materials, "material"), t);
  else if (h->block == B_AGENDA && agenda_line (h, l, t))
    ;
  else if (h->block == B_DATES && indented && read_dates_value (im, t, l->no))
    ;
  else if (sitting_day (t) && !im->day)
    {
      close_block (h);
      im->day = sitting_day (t);
    }
  else
    {
      close_block (h);
      if (!title_line (h, l, t) && !bare_line (h, l, t))
        keep_in_remarks (im, l);
    }
  if (!imp_is_blank (l->text))
    h->blank_before = 0;
  g_free (t);
}

/* === the header as a whole === */

void
imp_read_speech_header (importer *im, const line *lines, size_t n)
{
  header h = { 0 };
  h.im = im;
  h.rows = g_ptr_array_new ();
  if (!im->agendas)
    im->agendas = imp_new_part (im, "agendas");
  if (!im->roster_roles)
    im->roster_roles = g_ptr_array_new_with_free_func (g_free);
  if (!im->owned_lines)
    im->owned_lines = g_ptr_array_new_with_free_func (imp_line_free);
  for (size_t i = 0; i < n; i++)
    header_line (&h, &lines[i]);
  close_block (&h);
  g_ptr_array_free (h.rows, TRUE);

  /* the scraper's 会議名 and 開催日: used when the record itself gives no title or day,
   * provenance when it does */
  if (h.scraper_title)
    {
      const char *v = strstr (h.scraper_title->text, "：") ? strstr (h.scraper_title->text, "：") + strlen ("：")
                                                           : strchr (h.scraper_title->text, ':') + 1;
      if (!h.have_title)
        {
          title_parts tp;
          read_title_line (v, &tp);
          im->title = imp_new_part (im, "title");
          if (tp.council && !im->council)
            {
              im->council = imp_new_part (im, "council");
              imp_add_inline (im->council, tp.council);
              im->council_line = h.scraper_title->no;
              imp_add_inline (im->title, tp.title);
            }
          else
            imp_add_inline_trimmed (im->title, v);
          h.have_title = 1;
          title_parts_clear (&tp);
        }
      else
        keep_as_provenance (im, h.scraper_title);
    }
  if (h.scraper_date)
    {
      const char *v = strstr (h.scraper_date->text, "：") ? strstr (h.scraper_date->text, "：") + strlen ("：")
                                                          : strchr (h.scraper_date->text, ':') + 1;
      found_date fd;
      if (!have_held_on (im) && imp_find_date (v, &fd))
        read_dates_value (im, v, h.scraper_date->no);
      else
        keep_as_provenance (im, h.scraper_date);
    }
  /* a day without its year, from the title line (（11月19日）): held-on under the title's
   * fiscal year */
  if (h.day && !have_held_on (im))
    im->fiscal_day = g_strdup (h.day), im->fiscal_day_line = h.day_line;
  else if (h.day)
    {
      imp_add_p (im, remarks (im), h.day, h.day_line);
    }
  g_free (h.day);
}

/* === finishing: what the front matter did not say === */

/* The council named in the session's full name within `text` (令和５年第１回弘前市議会定例会
 * → 弘前市議会, owned; *phrase gets the full name, owned), or NULL. */
static char *
council_in_text (const char *text, char **phrase)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("(?:第[0-9０-９]+回)?([^\\s　、。「」（）()第回年度0-9０-９]+?[区市町村県都府道]議会)(?:定例会|臨時会|緊急議会)", 0, 0, NULL);
  GMatchInfo *mi = NULL;
  char *found = NULL;
  if (g_regex_match (re, text, 0, &mi))
    {
      found = g_match_info_fetch (mi, 1);
      *phrase = g_match_info_fetch (mi, 0);
    }
  g_match_info_free (mi);
  return found;
}

/* The council the record names itself by, where the front matter does not: the heading of
 * its order of business (第１回目黒区議会定例会議事日程), or the words its first turns open the
 * session with (令和５年第１回弘前市議会定例会を開会いたします).  Sets *lineno and *phrase. */
static char *
council_in_record (importer *im, long *lineno, char **phrase)
{
  for (xmlNodePtr a = im->agendas ? im->agendas->children : NULL; a; a = a->next)
    for (xmlNodePtr h = a->children; h; h = h->next)
      if (xmlStrEqual (h->name, BAD_CAST "heading"))
        {
          xmlChar *c = xmlNodeGetContent (h);
          char *found = council_in_text ((const char *) c, phrase);
          xmlFree (c);
          if (found)
            {
              *lineno = xmlGetLineNo (h);
              return found;
            }
        }
  int turns = 0;
  for (xmlNodePtr t = im->speech ? im->speech->children : NULL; t && turns < 10; t = t->next)
    {
      if (!xmlStrEqual (t->name, BAD_CAST "turn"))
        continue;
      turns++;
      for (xmlNodePtr p = t->children; p; p = p->next)
        {
          if (!xmlStrEqual (p->name, BAD_CAST "p"))
            continue;
          xmlChar *c = xmlNodeGetContent (p);
          char *found = council_in_text ((const char *) c, phrase);
          xmlFree (c);
          if (found)
            {
              *lineno = xmlGetLineNo (p);
              return found;
            }
        }
    }
  return NULL;
}

int
imp_speech_finish (importer *im)
{
  /* 1. the council: from a title line (import-header.c); else from the record's own words,
   *    saying so; never from a roster */
  if (!im->council)
    {
      long at = 0;
      char *phrase = NULL;
      char *c = council_in_record (im, &at, &phrase);
      im->council = imp_new_part (im, "council");
      if (c)
        {
          mn_warning (im->d, im->name, at,
                      _("the record's title line names no council; took \"%s\" from \"%s\" here: check <council>"),
                      c, phrase);
          imp_add_inline (im->council, c);
        }
      else
        mn_warning (im->d, im->name, 1, _("no council name (…議会, …委員会, …審議会) in the record's title line or its own words; <council> is left empty, fill it in"));
      g_free (c);
      g_free (phrase);
    }
  /* 2. the title */
  if (!im->title)
    {
      mn_warning (im->d, im->name, 1, _("no title found in the header of the speech record; <title> is left empty, fill it in"));
      im->title = imp_new_part (im, "title");
    }
  xmlChar *tc = xmlNodeGetContent (im->title);
  char *sq = imp_squeeze_dup ((const char *) tc);
  xmlFree (tc);
  long fiscal_year = imp_set_title_numbers (im->title, sq);
  g_free (sq);
  if (im->issue > 0)
    imp_set_number (im->title, "issue", im->issue);
  if (im->day > 0)
    imp_set_number (im->title, "day", im->day);

  /* 3. the day: the 日時 row, a bare date, the scraper's 開催日; a day without its year under
   *    the title's fiscal year; else the first date of the text, saying so */
  int have = have_held_on (im);
  if (!have && im->fiscal_day)
    {
      const char *p = im->fiscal_day;
      while (*p && !g_unichar_isdigit (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      long month = imp_read_number (&p);
      p = imp_after_prefix (p, "月");
      imp_skip_space (&p);
      long day = p ? imp_read_number (&p) : -1;
      if (fiscal_year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
        {
          found_date fd = { 0 };
          fd.year = (int) (month >= 4 ? fiscal_year : fiscal_year + 1);
          fd.month = (int) month;
          fd.day = (int) day;
          xmlNodePtr on = xmlNewDocNode (im->doc, im->ns, BAD_CAST "held-on", NULL);
          imp_add_inline (on, im->fiscal_day);
          imp_set_iso (on, "iso", &fd);
          put_held_on (im, on);
          mn_note (im->d, im->name, im->fiscal_day_line,
                   _("the day %s is written without its year; in the fiscal year %ld of the title it is %04d-%02d-%02d"),
                   im->fiscal_day, fiscal_year, fd.year, fd.month, fd.day);
          have = 1;
        }
      else
        imp_add_p (im, remarks (im), im->fiscal_day, im->fiscal_day_line);
    }
  if (!have)
    {
      found_date fd;
      for (size_t i = 0; i < im->n_lines && !have; i++)
        if (imp_find_date (im->lines[i].text, &fd))
          {
            xmlNodePtr on = xmlNewDocNode (im->doc, im->ns, BAD_CAST "held-on", NULL);
            imp_add_date_text (on, &fd);
            imp_set_iso (on, "iso", &fd);
            put_held_on (im, on);
            char *span = g_strndup (fd.start, fd.end - fd.start);
            mn_warning (im->d, im->name, im->lines[i].no,
                        _("no 日時 row or date line in the front matter; took the day %s from this line: check <held-on>"),
                        span);
            g_free (span);
            have = 1;
          }
    }
  if (!have)
    {
      mn_error (im->d, im->name, 0, _("no era date (令和7年2月17日 …) anywhere in the text, and a session needs the day it was held; add a line such as 開催日：令和7年2月17日 to the header and import again"));
      return MN_EINVALID;
    }
  if (!im->held)
    imp_held (im);
  return 0;
}
