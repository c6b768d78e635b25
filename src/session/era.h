/* era.h: Japanese era dates (和暦) as written in minutes: 「令和3年5月10日(月)」. */
#ifndef MN_ERA_H
#define MN_ERA_H

/* A date read from era text.  All fields are filled by mn_era_parse as far as
 * the text got (a date outside its era still has its Gregorian fields). */
typedef struct mn_era_date {
  int era;        /* index into the era table (0 明治 … 4 令和), -1 if unknown */
  int era_year;   /* the year within the era, 1 for 元年 */
  int year;       /* Gregorian year */
  int month;      /* 1–12 */
  int day;        /* 1–31 */
  int weekday;    /* the weekday written in the text, 0 Sunday … 6 Saturday; -1 if none */
} mn_era_date;

/* What mn_era_parse found. */
enum mn_era_status {
  MN_ERA_OK = 0,
  MN_ERA_SYNTAX,         /* not of the form ERA N年 N月 N日 [(曜)] */
  MN_ERA_UNKNOWN_ERA,    /* the text does not start with 明治/大正/昭和/平成/令和 */
  MN_ERA_NO_SUCH_DAY,    /* e.g. 2月30日, 13月 */
  MN_ERA_BEFORE_ERA,     /* before the era began (大正元年7月29日) */
  MN_ERA_AFTER_ERA,      /* after the era ended (平成31年5月1日) */
  MN_ERA_LUNISOLAR,      /* 明治5年 or earlier: the old calendar, which we do not convert */
  MN_ERA_WEEKDAY,        /* the weekday in brackets is not that date's */
};

/* Parse `text` (UTF-8): an era name, a year (digits, full-width digits, or 元),
 * 年, month, 月, day, 日, then optionally a weekday in () or （） such as (月)
 * or （月曜日）, with optional spaces before it.  Leading and trailing white
 * space is ignored.  Fills `out` (never NULL) and returns an mn_era_status. */
int mn_era_parse (mn_era_date *out, const char *text);

/* The era's name (明治 …) for an index from mn_era_date.era; borrowed, static. */
const char *mn_era_name (int era);

/* The first and last Gregorian day of an era, as yyyymmdd numbers (last is 0
 * for the current era). */
void mn_era_span (int era, long *first, long *last);

/* The weekday of a Gregorian date, 0 Sunday … 6 Saturday. */
int mn_era_weekday (int year, int month, int day);

/* The weekday's one-character name (日 月 … 土); borrowed, static. */
const char *mn_era_weekday_name (int weekday);

/* 1 if year-month-day is a day of the Gregorian calendar. */
int mn_era_valid_day (int year, int month, int day);

/* Write a Gregorian date in era form (「令和元年5月1日」) into `buf` (NUL-terminated,
 * cut to `size`).  Returns 0, or -1 (buf empty) for a date before 明治6年. */
int mn_era_format (char *buf, unsigned long size, int year, int month, int day);

/* Parse a clock time as written in minutes: 「午後１時」, 「午前10時30分」, 「午後1時半」
 * (午前/午後, hours 0–12, optional minutes or 半; digits ASCII or full-width).
 * Sets *minutes to the minutes after midnight (午前12時 is 0:00, 午後12時 is 12:00) and
 * returns 0, or returns -1 if `text` is not of that form. */
int mn_era_parse_time (int *minutes, const char *text);

#endif
