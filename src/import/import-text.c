/* import-text.c: text helpers and era dates shared by the import modules.
 *
 * Legacy minutes mix ASCII and full-width characters freely: white space is ASCII, U+3000 or
 * U+00A0; digits are ASCII or full-width (and ①…㊿ in lists); labels may be spaced out (議 決
 * 日).  These helpers read such text without changing it.  Era dates (令和3年5月10日(月),
 * with 元年 and spaces between the parts) are found here and converted by era.h, the same
 * conversion `minutes validate` checks them with, so an imported date always validates the
 * same way it was read.
 */
#include <stdio.h>
#include <string.h>

#include "session/era.h"
#include "base/i18n.h"
#include "import-internal.h"

/* === small text helpers === */

int
imp_is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000 || c == '\r' || c == '\n' || c == 0xA0;
}

/* A new string: `s` without white space (ASCII, U+3000) at either end. */
char *
imp_trim_dup (const char *s)
{
  const char *b = s;
  while (*b && imp_is_space_char (g_utf8_get_char (b)))
    b = g_utf8_next_char (b);
  const char *e = b + strlen (b);
  while (e > b)
    {
      const char *p = g_utf8_prev_char (e);
      if (!imp_is_space_char (g_utf8_get_char (p)))
        break;
      e = p;
    }
  return g_strndup (b, e - b);
}

/* 1 if `s` holds only white space. */
int
imp_is_blank (const char *s)
{
  for (; *s; s = g_utf8_next_char (s))
    if (!imp_is_space_char (g_utf8_get_char (s)))
      return 0;
  return 1;
}

/* A new string: `s` without any white space (for comparing labels such as 議 決 日). */
char *
imp_squeeze_dup (const char *s)
{
  GString *g = g_string_new (NULL);
  for (; *s; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);
      if (!imp_is_space_char (c))
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
long
imp_read_number (const char **s)
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
long
imp_whole_number (const char *s)
{
  char *t = imp_trim_dup (s);
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
          v = imp_read_number (&p);
          if (*p)
            v = -1;
        }
    }
  g_free (t);
  return v;
}

/* Skip white space at `*s`. */
void
imp_skip_space (const char **s)
{
  while (**s && imp_is_space_char (g_utf8_get_char (*s)))
    *s = g_utf8_next_char (*s);
}

/* If `s` starts with `prefix`, return the rest; else NULL. */
const char *
imp_after_prefix (const char *s, const char *prefix)
{
  size_t n = strlen (prefix);
  return strncmp (s, prefix, n) == 0 ? s + n : NULL;
}

/* 1 if the text ends a sentence (so a following line starts a new paragraph). */
int
imp_ends_sentence (const char *s)
{
  char *t = imp_trim_dup (s);
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

/* A number (1 or more) and its unit (月, 日) at *p, with spaces allowed around the number:
 * returns the number and moves *p past the unit, or returns 0. */
static long
number_unit (const char **p, const char *unit)
{
  imp_skip_space (p);
  long v = imp_read_number (p);
  imp_skip_space (p);
  const char *after = imp_after_prefix (*p, unit);
  if (v < 1 || !after)
    return 0;
  *p = after;
  return v;
}

/* Read ERA N年 N月 N日 [(曜)] at `s` (spaces allowed between the parts, full-width digits,
 * 元年).  Returns 1 and fills `out` if a real day is written there. */
int
imp_date_at (const char *s, found_date *out)
{
  for (size_t e = 0; e < G_N_ELEMENTS (eras); e++)
    {
      const char *p = imp_after_prefix (s, eras[e].name);
      if (!p)
        continue;
      imp_skip_space (&p);
      long y;
      const char *gan = imp_after_prefix (p, "元");
      if (gan)
        {
          y = 1;
          p = gan;
        }
      else
        y = imp_read_number (&p);
      imp_skip_space (&p);
      if (y < 1 || !(p = imp_after_prefix (p, "年")))
        return 0;
      if (!number_unit (&p, "月") || !number_unit (&p, "日"))
        return 0;
      /* an optional weekday: (月) （月） (月曜日), spaces allowed before it */
      const char *q = p;
      imp_skip_space (&q);
      const char *open = imp_after_prefix (q, "(");
      if (!open)
        open = imp_after_prefix (q, "（");
      if (open)
        {
          const char *w = open;
          int n = 0;
          while (*w && n < 4 && !imp_after_prefix (w, ")") && !imp_after_prefix (w, "）"))
            {
              w = g_utf8_next_char (w);
              n++;
            }
          const char *close = imp_after_prefix (w, ")");
          if (!close)
            close = imp_after_prefix (w, "）");
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
      char *squeezed = imp_squeeze_dup (span);
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
int
imp_find_date (const char *text, found_date *out)
{
  for (const char *s = text; *s; s = g_utf8_next_char (s))
    if (imp_date_at (s, out))
      return 1;
  return 0;
}

/* A date element's text: the date as written, without the spaces between its parts. */
void
imp_add_date_text (xmlNodePtr node, const found_date *fd)
{
  char *span = g_strndup (fd->start, fd->end - fd->start);
  char *squeezed = imp_squeeze_dup (span);
  xmlNodeAddContent (node, BAD_CAST squeezed);
  g_free (squeezed);
  g_free (span);
}

/* Warn about a date that is written but doubtful (weekday, era boundaries). */
void
imp_check_date (mn_diag *d, const char *name, long lineno, const found_date *fd)
{
  char *span = g_strndup (fd->start, fd->end - fd->start);
  if (fd->status == MN_ERA_WEEKDAY)
    mn_warning (d, name, lineno, _("the weekday in the date %s is not that day's; kept as written, correct the source or the XML"), span);
  else if (fd->status == MN_ERA_BEFORE_ERA || fd->status == MN_ERA_AFTER_ERA)
    mn_warning (d, name, lineno, _("the date %s lies outside its era; kept as written, correct the source or the XML"), span);
  g_free (span);
}

void
imp_set_iso (xmlNodePtr node, const char *attr, const found_date *fd)
{
  char iso[16];
  snprintf (iso, sizeof iso, "%04d-%02d-%02d", fd->year, fd->month, fd->day);
  xmlSetProp (node, BAD_CAST attr, BAD_CAST iso);
}

/* The fiscal year a session title names: 令和3年度 (or 令和3年, 令和元年度) → 2021.  Returns 0
 * when the title names none (machine data only; the title's text is kept as written). */
long
imp_fiscal_year (const char *title)
{
  for (size_t e = 0; e < G_N_ELEMENTS (eras); e++)
    {
      const char *p = strstr (title, eras[e].name);
      if (!p)
        continue;
      p += strlen (eras[e].name);
      long y = imp_after_prefix (p, "元") ? 1 : imp_read_number (&p);
      if (imp_after_prefix (p, "元"))
        p += strlen ("元");
      if (y >= 1 && (imp_after_prefix (p, "年度") || imp_after_prefix (p, "年")))
        return eras[e].base + y;
      break;
    }
  return 0;
}

/* === marks, rules, labels and times of speech records === */

/* The marks records set before a speaker or a head (○ ◯ ◎ ● 〇 ◆ ◇ △ ▲ ▽ ▼ ■ □ ☆ ★). */
int
imp_is_mark (gunichar c)
{
  static const gunichar marks[] = { 0x25CB, 0x25EF, 0x25CE, 0x25CF, 0x3007, 0x25C6, 0x25C7,
                                    0x25B3, 0x25B2, 0x25BD, 0x25BC, 0x25A0, 0x25A1, 0x2606,
                                    0x2605 };
  for (size_t k = 0; k < G_N_ELEMENTS (marks); k++)
    if (marks[k] == c)
      return 1;
  return 0;
}

/* 1 if `c` is a round mark: ○ (U+25CB), ◯ (U+25EF) or 〇 (U+3007), which all print as ○. */
int
imp_is_circle (gunichar c)
{
  return c == 0x25CB || c == 0x25EF || c == 0x3007;
}

/* 1 if `c` draws a rule: ― ─ ━ － —. */
static int
is_rule_char (gunichar c)
{
  return c == 0x2015 || c == 0x2500 || c == 0x2501 || c == 0xFF0D || c == 0x2014;
}

/* 1 if the line is only a rule: two or more of ― ─ ━ － —, possibly with ◇ ◆ ＋ ornaments
 * between them (――――◇―――◇――――), and white space. */
int
imp_rule_line (const char *s)
{
  int n = 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_rule_char (c))
        n++;
      else if (!imp_is_space_char (c) && c != 0x25C7 && c != 0x25C6 && c != 0xFF0B)
        return 0;
    }
  return n >= 2;
}

/* 1 if the trimmed line is a whole stage note: 〔…〕, or （…） / (…) standing alone. */
int
imp_stage_line (const char *t)
{
  if (g_str_has_prefix (t, "〔") && g_str_has_suffix (t, "〕"))
    return 1;
  if ((g_str_has_prefix (t, "（") && g_str_has_suffix (t, "）"))
      || (g_str_has_prefix (t, "(") && g_str_has_suffix (t, ")")))
    {
      /* the brackets close only at the end: （「なし」の声あり）, not （１）…（２） */
      int depth = 0;
      for (const char *p = t; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (c == 0xFF08 || c == '(')
            depth++;
          else if ((c == 0xFF09 || c == ')') && --depth == 0 && p[c == ')' ? 1 : 3])
            return 0;
        }
      return 1;
    }
  return 0;
}

/* If `s` starts with the characters of `label` (white space allowed between them, as in
 * 日　　時), return what follows; else NULL. */
const char *
imp_after_label (const char *s, const char *label)
{
  const char *p = s;
  for (const char *l = label; *l; l = g_utf8_next_char (l))
    {
      if (l != label)
        imp_skip_space (&p);
      gunichar want = g_utf8_get_char (l);
      if (g_utf8_get_char (p) != want)
        return NULL;
      p = g_utf8_next_char (p);
    }
  return p;
}

/* The words of the events a time is written with, in the order of enum imp_event. */
static const char *const event_words[] = { "開会", "開議", "休憩", "再開", "散会", "閉会", "延会" };
static const char *const event_names[] = { "open", "sitting", "recess", "resume", "adjourn", "close", "postpone" };

/* If `s` starts with an event word (開会 開議 休憩 再開 散会 閉会 延会, spaces allowed
 * between its characters), return its enum imp_event and set *end after it; else -1. */
int
imp_event_at (const char *s, const char **end)
{
  for (size_t k = 0; k < G_N_ELEMENTS (event_words); k++)
    {
      const char *after = imp_after_label (s, event_words[k]);
      if (after)
        {
          *end = after;
          return (int) k;
        }
    }
  return -1;
}

/* The event's name in the schema (open, recess …) and its word (開会, 休憩 …). */
const char *
imp_event_name (int event)
{
  return event >= 0 && event < (int) G_N_ELEMENTS (event_names) ? event_names[event] : "";
}

const char *
imp_event_word (int event)
{
  return event >= 0 && event < (int) G_N_ELEMENTS (event_words) ? event_words[event] : "";
}

/* A clock time at `s` as minutes write it: 午前10時, 午後１時30分, 午前１０時半 (white space
 * allowed between the parts).  Returns 1 with the minutes after midnight in *minutes and *end
 * after it, or 0. */
int
imp_time_at (const char *s, int *minutes, const char **end)
{
  const char *p = s;
  int pm;
  if ((p = imp_after_prefix (s, "午前")))
    pm = 0;
  else if ((p = imp_after_prefix (s, "午後")))
    pm = 1;
  else
    return 0;
  imp_skip_space (&p);
  long h = imp_read_number (&p);
  imp_skip_space (&p);
  const char *q;
  if (h < 0 || h > 12 || !(q = imp_after_prefix (p, "時")))
    return 0;
  p = q;
  long m = 0;
  const char *r = p;
  imp_skip_space (&r);
  if ((q = imp_after_prefix (r, "半")))
    {
      m = 30;
      p = q;
    }
  else
    {
      long mm = imp_read_number (&r);
      imp_skip_space (&r);
      if (mm >= 0 && mm <= 59 && (q = imp_after_prefix (r, "分")))
        {
          m = mm;
          p = q;
        }
    }
  *minutes = (int) (((h % 12) + (pm ? 12 : 0)) * 60 + m);
  *end = p;
  return 1;
}

/* 1 if `s` ends with one of the `n` strings of `ends`. */
int
imp_ends_with_any (const char *s, const char *const *ends, size_t n)
{
  for (size_t k = 0; k < n; k++)
    if (g_str_has_suffix (s, ends[k]))
      return 1;
  return 0;
}

/* The machine data a session's title carries, set on `title` from its text (white space
 * squeezed out): 令和3年度 → fiscal-year 2021, 第1回 → number 1.  Returns the fiscal year, or
 * 0 if the title names none. */
long
imp_set_title_numbers (xmlNodePtr title, const char *text)
{
  long fiscal_year = imp_fiscal_year (text);
  if (fiscal_year > 0)
    imp_set_number (title, "fiscal-year", fiscal_year);
  const char *dai = strstr (text, "第");
  if (dai)
    {
      const char *p = dai + strlen ("第");
      long n = imp_read_number (&p);
      if (n >= 1 && imp_after_prefix (p, "回"))
        imp_set_number (title, "number", n);
    }
  return fiscal_year;
}

/* The display width of `c` in columns: 2 for a wide (East Asian) character, 1 otherwise. */
int
imp_char_width (gunichar c)
{
  return g_unichar_iswide (c) ? 2 : 1;
}
