/* era.c: reading Japanese era dates (和暦) and converting them to the Gregorian calendar. */
#include "era.h"

#include <stdio.h>
#include <string.h>

/* === the eras === */

/* The five modern eras with the Gregorian day each began and ended (yyyymmdd).
 * 明治 dates are converted only from 明治6年1月1日 (1873-01-01), the day Japan
 * adopted the Gregorian calendar; earlier 明治 dates are lunisolar. */
static const struct era {
  const char *name;  /* as written */
  int first_year;    /* the Gregorian year of 元年 */
  long first;        /* first day */
  long last;         /* last day; 0 for the current era */
} eras[] = {
  { "明治", 1868, 18730101, 19120729 },
  { "大正", 1912, 19120730, 19261224 },
  { "昭和", 1926, 19261225, 19890107 },
  { "平成", 1989, 19890108, 20190430 },
  { "令和", 2019, 20190501, 0 },
};
enum { N_ERAS = sizeof eras / sizeof eras[0] };

static const char *const weekday_names[] = { "日", "月", "火", "水", "木", "金", "土" };

const char *
mn_era_name (int era)
{
  return era >= 0 && era < N_ERAS ? eras[era].name : "";
}

void
mn_era_span (int era, long *first, long *last)
{
  *first = era >= 0 && era < N_ERAS ? eras[era].first : 0;
  *last = era >= 0 && era < N_ERAS ? eras[era].last : 0;
}

const char *
mn_era_weekday_name (int weekday)
{
  return weekday >= 0 && weekday < 7 ? weekday_names[weekday] : "";
}

/* === the Gregorian calendar === */

static int
is_leap (int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
mn_era_valid_day (int year, int month, int day)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (year < 1 || month < 1 || month > 12 || day < 1)
    return 0;
  return day <= days[month - 1] + (month == 2 && is_leap (year));
}

/* Sakamoto's method. */
int
mn_era_weekday (int year, int month, int day)
{
  static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
  if (month < 3)
    year -= 1;
  return (year + year / 4 - year / 100 + year / 400 + t[month - 1] + day) % 7;
}

/* === reading the text === */

/* Skip ASCII white space and U+3000 (ideographic space). */
static const char *
skip_space (const char *s)
{
  for (;;)
    {
      if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
      else if (strncmp (s, "\u3000", 3) == 0)
        s += 3;
      else
        return s;
    }
}

/* If `*s` starts with `word`, step past it and return 1. */
static int
eat (const char **s, const char *word)
{
  size_t n = strlen (word);
  if (strncmp (*s, word, n) != 0)
    return 0;
  *s += n;
  return 1;
}

/* One digit, ASCII or full-width (U+FF10–U+FF19): its value, or -1. */
static int
digit (const char **s)
{
  const unsigned char *p = (const unsigned char *) *s;
  if (p[0] >= '0' && p[0] <= '9')
    {
      *s += 1;
      return p[0] - '0';
    }
  if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
    {
      *s += 3;
      return p[2] - 0x90;
    }
  return -1;
}

/* A number of 1 to 4 digits; -1 if there is none. */
static int
number (const char **s)
{
  int v = digit (s);
  if (v < 0)
    return -1;
  for (int i = 1, d; i < 4 && (d = digit (s)) >= 0; i++)
    v = v * 10 + d;
  return digit (s) < 0 ? v : -1;
}

/* An optional weekday: "(月)", "（月）", "(月曜)", "(月曜日)".  Returns 1 and
 * sets *wd if one was read, 0 if there is none, -1 if it is malformed. */
static int
weekday (const char **s, int *wd)
{
  const char *p = skip_space (*s);
  int full;
  if (eat (&p, "("))
    full = 0;
  else if (eat (&p, "（"))
    full = 1;
  else
    return 0;
  p = skip_space (p);
  *wd = -1;
  for (int i = 0; i < 7 && *wd < 0; i++)
    if (eat (&p, weekday_names[i]))
      *wd = i;
  if (*wd < 0)
    return -1;
  if (eat (&p, "曜"))
    eat (&p, "日");
  p = skip_space (p);
  if (!(full ? eat (&p, "）") : eat (&p, ")")))
    return -1;
  *s = p;
  return 1;
}

int
mn_era_parse (mn_era_date *out, const char *text)
{
  memset (out, 0, sizeof *out);
  out->era = -1;
  out->weekday = -1;

  /* 1. The era. */
  const char *s = skip_space (text);
  for (int i = 0; i < N_ERAS && out->era < 0; i++)
    if (eat (&s, eras[i].name))
      out->era = i;
  if (out->era < 0)
    return MN_ERA_UNKNOWN_ERA;

  /* 2. The year (元年 is the first), month and day. */
  s = skip_space (s);
  out->era_year = eat (&s, "元") ? 1 : number (&s);
  if (out->era_year < 1 || !eat (&s, "年"))
    return MN_ERA_SYNTAX;
  out->month = number (&s);
  if (out->month < 0 || !eat (&s, "月"))
    return MN_ERA_SYNTAX;
  out->day = number (&s);
  if (out->day < 0 || !eat (&s, "日"))
    return MN_ERA_SYNTAX;

  /* 3. The weekday, then nothing more. */
  if (weekday (&s, &out->weekday) < 0 || *skip_space (s) != '\0')
    return MN_ERA_SYNTAX;

  /* 4. The Gregorian date, and whether the era covers it. */
  const struct era *e = &eras[out->era];
  out->year = e->first_year + out->era_year - 1;
  if (!mn_era_valid_day (out->year, out->month, out->day))
    return MN_ERA_NO_SUCH_DAY;
  long ymd = out->year * 10000L + out->month * 100L + out->day;
  if (out->era == 0 && out->year < 1873)
    return MN_ERA_LUNISOLAR;
  if (ymd < e->first)
    return MN_ERA_BEFORE_ERA;
  if (e->last && ymd > e->last)
    return MN_ERA_AFTER_ERA;

  /* 5. The weekday, if written, must be that day's. */
  if (out->weekday >= 0 && out->weekday != mn_era_weekday (out->year, out->month, out->day))
    return MN_ERA_WEEKDAY;
  return MN_ERA_OK;
}

int
mn_era_format (char *buf, unsigned long size, int year, int month, int day)
{
  long ymd = year * 10000L + month * 100L + day;
  for (int i = N_ERAS - 1; i >= 0; i--)
    if (ymd >= eras[i].first)
      {
        int ey = year - eras[i].first_year + 1;
        if (ey == 1)
          snprintf (buf, size, "%s元年%d月%d日", eras[i].name, month, day);
        else
          snprintf (buf, size, "%s%d年%d月%d日", eras[i].name, ey, month, day);
        return 0;
      }
  if (size)
    buf[0] = '\0';
  return -1;
}

int
mn_era_parse_time (int *minutes, const char *text)
{
  const char *s = skip_space (text);
  int pm;
  if (eat (&s, "午前"))
    pm = 0;
  else if (eat (&s, "午後"))
    pm = 1;
  else
    return -1;
  int h = number (&s), m = 0;
  if (h < 0 || h > 12 || !eat (&s, "時"))
    return -1;
  if (eat (&s, "半"))
    m = 30;
  else if ((m = number (&s)) >= 0)
    {
      if (m > 59 || !eat (&s, "分"))
        return -1;
    }
  else
    m = 0;
  if (*skip_space (s) != '\0')
    return -1;
  *minutes = ((h % 12) + (pm ? 12 : 0)) * 60 + m;
  return 0;
}
