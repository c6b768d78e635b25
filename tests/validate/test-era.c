/* test-era.c: unit tests of the era-date reader (src/session/era.c). */
#include <stdio.h>
#include <string.h>

#include "session/era.h"

static int failures;

/* Expect `text` to give `status` and, when status is OK or a range error,
 * the Gregorian date y-m-d. */
static void
expect (const char *text, int status, int y, int m, int d)
{
  mn_era_date e;
  int got = mn_era_parse (&e, text);
  int date_ok = y == 0 || (e.year == y && e.month == m && e.day == d);
  if (got != status || !date_ok)
    {
      printf ("FAIL %s: status %d (want %d), date %04d-%02d-%02d (want %04d-%02d-%02d)\n",
              text, got, status, e.year, e.month, e.day, y, m, d);
      failures++;
    }
}

int
main (void)
{
  /* The forms staff write. */
  expect ("令和3年5月10日(月)", MN_ERA_OK, 2021, 5, 10);
  expect ("令和3年5月10日（月）", MN_ERA_OK, 2021, 5, 10);
  expect ("令和3年5月10日 (月曜日)", MN_ERA_OK, 2021, 5, 10);
  expect ("令和3年5月10日", MN_ERA_OK, 2021, 5, 10);
  expect ("令和３年５月１０日", MN_ERA_OK, 2021, 5, 10);
  expect ("令和３年５月１０日（月）", MN_ERA_OK, 2021, 5, 10);
  expect ("  令和3年5月24日(月)\n", MN_ERA_OK, 2021, 5, 24);
  expect ("令和7年2月17日(月)", MN_ERA_OK, 2025, 2, 17);

  /* Era boundaries (the day before, the first day, the last day, the day after). */
  expect ("平成31年4月30日", MN_ERA_OK, 2019, 4, 30);
  expect ("平成31年4月30日(火)", MN_ERA_OK, 2019, 4, 30);
  expect ("平成31年5月1日", MN_ERA_AFTER_ERA, 2019, 5, 1);
  expect ("令和元年5月1日", MN_ERA_OK, 2019, 5, 1);
  expect ("令和元年5月1日(水)", MN_ERA_OK, 2019, 5, 1);
  expect ("令和元年4月30日", MN_ERA_BEFORE_ERA, 2019, 4, 30);
  expect ("令和1年5月1日", MN_ERA_OK, 2019, 5, 1);
  expect ("昭和64年1月7日", MN_ERA_OK, 1989, 1, 7);
  expect ("昭和64年1月8日", MN_ERA_AFTER_ERA, 1989, 1, 8);
  expect ("平成元年1月8日(日)", MN_ERA_OK, 1989, 1, 8);
  expect ("平成元年1月7日", MN_ERA_BEFORE_ERA, 1989, 1, 7);
  expect ("昭和元年12月25日", MN_ERA_OK, 1926, 12, 25);
  expect ("昭和元年12月24日", MN_ERA_BEFORE_ERA, 1926, 12, 24);
  expect ("大正15年12月24日", MN_ERA_OK, 1926, 12, 24);
  expect ("大正15年12月25日", MN_ERA_AFTER_ERA, 1926, 12, 25);
  expect ("大正元年7月30日", MN_ERA_OK, 1912, 7, 30);
  expect ("明治45年7月29日", MN_ERA_OK, 1912, 7, 29);
  expect ("明治45年7月30日", MN_ERA_AFTER_ERA, 1912, 7, 30);
  expect ("明治6年1月1日", MN_ERA_OK, 1873, 1, 1);
  expect ("明治5年12月2日", MN_ERA_LUNISOLAR, 0, 0, 0);

  /* Days that do not exist, and weekdays that are wrong. */
  expect ("令和3年2月29日", MN_ERA_NO_SUCH_DAY, 0, 0, 0);
  expect ("令和2年2月29日(土)", MN_ERA_OK, 2020, 2, 29);
  expect ("令和3年13月1日", MN_ERA_NO_SUCH_DAY, 0, 0, 0);
  expect ("令和3年4月31日", MN_ERA_NO_SUCH_DAY, 0, 0, 0);
  expect ("令和3年5月0日", MN_ERA_NO_SUCH_DAY, 0, 0, 0);
  expect ("令和3年5月10日(火)", MN_ERA_WEEKDAY, 2021, 5, 10);
  expect ("令和3年5月10日（日）", MN_ERA_WEEKDAY, 2021, 5, 10);

  /* Not dates. */
  expect ("", MN_ERA_UNKNOWN_ERA, 0, 0, 0);
  expect ("2021年5月10日", MN_ERA_UNKNOWN_ERA, 0, 0, 0);
  expect ("慶応3年5月10日", MN_ERA_UNKNOWN_ERA, 0, 0, 0);
  expect ("令和年5月10日", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和3年5月10", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和3年5月10日(月", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和3年5月10日(月）", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和3年5月10日(月)から", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和3年5月10日(祝)", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和0年5月10日", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和元元年5月10日", MN_ERA_SYNTAX, 0, 0, 0);
  expect ("令和12345年5月10日", MN_ERA_SYNTAX, 0, 0, 0);

  /* The weekday formula on known days. */
  if (mn_era_weekday (2021, 5, 10) != 1 || mn_era_weekday (2000, 1, 1) != 6
      || mn_era_weekday (1989, 1, 8) != 0 || strcmp (mn_era_weekday_name (1), "月") != 0)
    {
      printf ("FAIL weekday formula\n");
      failures++;
    }

  /* Writing era dates back. */
  static const struct { int y, m, d; const char *want; } fmt[] = {
    { 2019, 5, 1, "令和元年5月1日" }, { 2019, 4, 30, "平成31年4月30日" },
    { 2021, 5, 10, "令和3年5月10日" }, { 1989, 1, 7, "昭和64年1月7日" },
    { 1926, 12, 25, "昭和元年12月25日" }, { 1912, 7, 29, "明治45年7月29日" },
    { 1872, 1, 1, "" },
  };
  for (size_t i = 0; i < sizeof fmt / sizeof fmt[0]; i++)
    {
      char buf[64];
      mn_era_format (buf, sizeof buf, fmt[i].y, fmt[i].m, fmt[i].d);
      if (strcmp (buf, fmt[i].want) != 0)
        {
          printf ("FAIL format %d-%d-%d: '%s' (want '%s')\n", fmt[i].y, fmt[i].m, fmt[i].d, buf, fmt[i].want);
          failures++;
        }
    }

  /* Clock times. */
  static const struct { const char *text; int want; } times[] = {
    { "午後１時", 13 * 60 }, { "午後1時", 13 * 60 }, { "午前10時30分", 10 * 60 + 30 },
    { "午後1時半", 13 * 60 + 30 }, { "午前12時", 0 }, { "午後12時", 12 * 60 },
    { " 午前９時５分 ", 9 * 60 + 5 }, { "13時", -1 }, { "午後13時", -1 }, { "午後1時60分", -1 },
    { "午後1時から", -1 }, { "午後", -1 },
  };
  for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
    {
      int got = -1;
      if (mn_era_parse_time (&got, times[i].text) != 0)
        got = -1;
      if (got != times[i].want)
        {
          printf ("FAIL time '%s': %d (want %d)\n", times[i].text, got, times[i].want);
          failures++;
        }
    }

  printf ("%s\n", failures ? "era: FAILED" : "era: all passed");
  return failures != 0;
}
