/* check.c: the session rules a schema cannot express (docs/session-format.md). */
#include "check.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "era.h"
#include "base/i18n.h"

/* The text `minutes new` writes wherever staff must fill in (templates/session.xml). */
#define PLACEHOLDER "ここに記入"

/* === errors about a document === */

long
mn_check_line (const xmlNode *node, long line)
{
  if (line <= 0 && node)
    line = xmlGetLineNo (node);
  return line > 0 ? line : 0;
}

/* === reading the tree === */

/* 1 if `node` is the element `name` of the session namespace. */
static int
is_el (const xmlNode *node, const char *name)
{
  return node && node->type == XML_ELEMENT_NODE && node->ns
         && strcmp ((const char *) node->ns->href, MN_SESSION_NS) == 0
         && (!name || strcmp ((const char *) node->name, name) == 0);
}

/* The first child element `name` of `parent`, or NULL. */
static xmlNode *
child (const xmlNode *parent, const char *name)
{
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (is_el (c, name))
      return c;
  return NULL;
}

/* `s` after XML white space (space, tab, LF, CR). */
static const char *
skip_xml_space (const char *s)
{
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
    s++;
  return s;
}

/* The attribute `n` as a positive number; 0 if missing or not a number (the
 * schema reports those). */
static long
number_of (const xmlNode *node)
{
  xmlChar *v = xmlGetNoNsProp (node, (const xmlChar *) "n");
  long n = 0;
  if (v)
    {
      char *end;
      const char *s = skip_xml_space ((const char *) v);
      if (*s >= '0' && *s <= '9')
        {
          n = strtol (s, &end, 10);
          if (*skip_xml_space (end) || n <= 0)
            n = 0;
        }
    }
  xmlFree (v);
  return n;
}

/* 1 if `c` shows nothing in print: white space (U+3000 and U+00A0 included), a format or
 * control character (U+200B ZERO WIDTH SPACE, U+FEFF, bidirectional controls …), or one of
 * the other characters Unicode marks Default_Ignorable_Code_Point (fillers, variation
 * selectors, tags), and the blank braille pattern. */
static int
is_invisible (gunichar c)
{
  if (g_unichar_isspace (c))
    return 1;
  GUnicodeType t = g_unichar_type (c);
  if (t == G_UNICODE_FORMAT || t == G_UNICODE_CONTROL)
    return 1;
  return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
         || (c >= 0x180B && c <= 0x180F) || c == 0x2800 || c == 0x3164
         || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE0FFF);
}

/* 1 if `s` holds a visible character (one is_invisible does not name). */
static int
has_ink (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return 1;   /* not UTF-8: the loader refuses such text; never call it empty */
      if (!is_invisible (c))
        return 1;
    }
  return 0;
}

/* 1 if `node` holds text to print: a visible character somewhere below it.  A <cut/> is not
 * text (it marks text the source lost), nor a <br/>. */
static int
has_text (const xmlNode *node)
{
  for (const xmlNode *c = node->children; c; c = c->next)
    {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
          && c->content && has_ink ((const char *) c->content))
        return 1;
      if (c->type == XML_ELEMENT_NODE && has_text (c))
        return 1;
    }
  return 0;
}

/* === numbers: unique and ascending === */

/* The children `name` of `parent` carry numbers n that are unique and ascend. */
static void
check_numbers (mn_diag *errs, const xmlNode *parent, const char *name)
{
  long max = 0, max_line = 0;
  GHashTable *seen = g_hash_table_new (g_direct_hash, g_direct_equal); /* n -> line */
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    {
      if (!is_el (c, name))
        continue;
      long n = number_of (c);
      if (n <= 0)
        continue;
      long line = xmlGetLineNo (c);
      gpointer prev = g_hash_table_lookup (seen, GSIZE_TO_POINTER ((gsize) n));
      if (prev)
        {
          mn_check_error (errs, c, line,
                           _("<%s n=\"%ld\"> has the same number as the one on line %ld; "
                             "give each its own number, in ascending order"),
                           name, n, (long) GPOINTER_TO_SIZE (prev));
          continue;
        }
      g_hash_table_insert (seen, GSIZE_TO_POINTER ((gsize) n), GSIZE_TO_POINTER ((gsize) line));
      if (n < max)
        {
          mn_check_error (errs, c, line,
                           _("<%s n=\"%ld\"> comes after n=\"%ld\" (line %ld); numbers must "
                             "ascend: put the elements in order, or correct the number"),
                           name, n, max, max_line);
          continue;
        }
      max = n;
      max_line = line;
    }
  g_hash_table_destroy (seen);
}

/* === requests and responses === */

/* A request with no response after it. */
static void
unanswered (mn_diag *errs, const xmlNode *request)
{
  mn_check_error (errs, request, 0,
                   _("<request n=\"%ld\"> has no <response n=\"%ld\"> after it; "
                     "add the response (回答) right after the request"),
                   number_of (request), number_of (request));
}

/* Each <request n="N"> is followed by its <response n="N">, and each response
 * follows its request. */
static void
check_requests (mn_diag *errs, const xmlNode *requests)
{
  const xmlNode *pending = NULL;  /* a request still waiting for its response */
  for (xmlNode *c = requests ? requests->children : NULL; c; c = c->next)
    {
      if (is_el (c, "request"))
        {
          if (pending)
            unanswered (errs, pending);
          pending = c;
        }
      else if (is_el (c, "response"))
        {
          long n = number_of (c);
          if (pending && n == number_of (pending))
            ;
          else if (pending)
            {
              mn_check_error (errs, c, 0,
                               _("<response n=\"%ld\"> follows <request n=\"%ld\"> (line %ld); "
                                 "a response carries the number of the request it answers: "
                                 "correct the number, or move the response after its request"),
                               n, number_of (pending), xmlGetLineNo (pending));
            }
          else
            {
              mn_check_error (errs, c, 0,
                               _("<response n=\"%ld\"> answers no request: no <request n=\"%ld\"> "
                                 "comes right before it; add the request, or move the response "
                                 "after it"),
                               n, n);
            }
          pending = NULL;
        }
    }
  if (pending)
    unanswered (errs, pending);
}

/* === dates === */

/* Read an xs:date "YYYY-MM-DD" (an optional time zone is allowed and ignored) into
 * yyyymmdd.  Returns 0 if it is not one. */
static long
parse_iso (const char *s)
{
  int y, m, d, used = 0;
  if (!s || sscanf (s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10
      || !mn_era_valid_day (y, m, d))
    return 0;
  s += used;
  if (*s == 'Z')
    s++;
  else if (*s == '+' || *s == '-')
    {
      int hh, mm, n2 = 0;
      if (sscanf (s + 1, "%2d:%2d%n", &hh, &mm, &n2) != 2 || n2 != 5)
        return 0;
      s += 6;
    }
  return *s ? 0 : y * 10000L + m * 100L + d;
}

/* Check one date element (<start>, <decision>, <held-on>): its era text is a real day
 * of its era, its weekday (if written) is right, and it is the day of `iso`.
 * Returns the day as yyyymmdd when iso is readable, else 0. */
static long
check_date (mn_diag *errs, const xmlNode *node)
{
  const char *name = (const char *) node->name;
  xmlChar *iso_attr = xmlGetNoNsProp (node, (const xmlChar *) "iso");
  xmlChar *content = xmlNodeGetContent (node);
  const char *text = content ? (const char *) content : "";
  long iso = parse_iso ((const char *) iso_attr);
  char right[64];
  mn_era_date e;
  long first, last;
  int status = mn_era_parse (&e, text);
  mn_era_span (e.era, &first, &last);
  if (strstr (text, PLACEHOLDER))
    status = -1;  /* not written yet: check_placeholders says so */

  if (iso_attr && !iso)
    /* The schema says the same (xs:date) when the document names the schema's type. */
    mn_check_error_weak (errs, node, 0,
                          _("<%s>: %s=\"%s\" is not a date; write it as YYYY-MM-DD, "
                            "for example 2021-05-10"),
                          name, "iso", (const char *) iso_attr);
  switch (status)
    {
    case MN_ERA_OK:
      if (iso && iso != e.year * 10000L + e.month * 100L + e.day)
        {
          mn_era_format (right, sizeof right, (int) (iso / 10000), (int) (iso / 100 % 100),
                         (int) (iso % 100));
          mn_check_error (errs, node, 0,
                           _("<%s>: the era date '%s' is %04d-%02d-%02d, but iso=\"%s\" "
                             "(which is %s); make the two agree"),
                           name, text, e.year, e.month, e.day, (const char *) iso_attr, right);
        }
      break;
    case MN_ERA_SYNTAX:
    case MN_ERA_UNKNOWN_ERA:
      mn_check_error (errs, node, 0,
                       _("<%s>: '%s' is not an era date; write it like 令和3年5月10日(月) "
                         "(era 明治/大正/昭和/平成/令和, year, month, day, optional weekday)"),
                       name, text);
      break;
    case MN_ERA_NO_SUCH_DAY:
      mn_check_error (errs, node, 0,
                       _("<%s>: '%s' is not a day of the calendar; correct the month or the day"),
                       name, text);
      break;
    case MN_ERA_BEFORE_ERA:
    case MN_ERA_AFTER_ERA:
      {
        /* the era's first day (before it) or last day (after it) */
        long bound = status == MN_ERA_BEFORE_ERA ? first : last;
        mn_era_format (right, sizeof right, e.year, e.month, e.day);
        mn_check_error (errs, node, 0,
                         status == MN_ERA_BEFORE_ERA
                         ? _("<%s>: '%s' is before the %s era began on %04ld-%02ld-%02ld; "
                             "that day is %s: correct the era or the year")
                         : _("<%s>: '%s' is after the %s era ended on %04ld-%02ld-%02ld; "
                             "that day is %s: correct the era or the year"),
                         name, text, mn_era_name (e.era), bound / 10000, bound / 100 % 100,
                         bound % 100, right);
        break;
      }
    case MN_ERA_LUNISOLAR:
      mn_check_error (errs, node, 0,
                       _("<%s>: '%s' is before 明治6年 (1873), when Japan used the lunisolar "
                         "calendar; such dates cannot be checked: give a later date"),
                       name, text);
      break;
    case MN_ERA_WEEKDAY:
      mn_check_error (errs, node, 0,
                       _("<%s>: %d-%02d-%02d ('%s') is a (%s), not a (%s); correct the weekday "
                         "or the date"),
                       name, e.year, e.month, e.day, text,
                       mn_era_weekday_name (mn_era_weekday (e.year, e.month, e.day)),
                       mn_era_weekday_name (e.weekday));
      break;
    }
  xmlFree (iso_attr);
  xmlFree (content);
  return iso;
}

/* <time iso="13:00:00">午後１時</time>: the text, when it reads as a time, is the
 * iso time's hour and minute.  Returns the iso time in minutes after midnight, or -1 when
 * iso is unreadable (the schema says so). */
static int
check_time (mn_diag *errs, const xmlNode *node)
{
  xmlChar *iso = xmlGetNoNsProp (node, (const xmlChar *) "iso");
  xmlChar *content = xmlNodeGetContent (node);
  int h, m, written, used = 0, at = -1;
  if (iso && sscanf ((const char *) iso, "%2d:%2d%n", &h, &m, &used) == 2 && used == 5)
    at = h * 60 + m;
  int readable = content && mn_era_parse_time (&written, (const char *) content) == 0;
  if (content && !readable && !strstr ((const char *) content, PLACEHOLDER))
    /* like a date that is not one: the time printed would say nothing its iso can be
     * checked against (午後25時99分, 夕方) */
    mn_check_error (errs, node, 0,
                     _("<time>: '%s' is not a time of day; write it like 午後1時 or 午前10時30分 "
                       "(午前/午後, an hour up to 12, minutes up to 59 or 半)"),
                     (const char *) content);
  else if (at >= 0 && readable && written != at)
    mn_check_error (errs, node, 0,
                     _("<time>: '%s' is %02d:%02d, but iso=\"%s\"; make the two agree"),
                     (const char *) content, written / 60, written % 60, (const char *) iso);
  xmlFree (iso);
  xmlFree (content);
  return at;
}

/* A decimal number of 1 to 2 digits, ASCII or full-width, at *s (advanced); -1 if none. */
static int
small_number (const char **s)
{
  int v = -1;
  for (int i = 0; i < 2; i++)
    {
      const unsigned char *p = (const unsigned char *) *s;
      int d = -1;
      if (p[0] >= '0' && p[0] <= '9')
        d = p[0] - '0', *s += 1;
      else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
        d = p[2] - 0x90, *s += 3;
      if (d < 0)
        break;
      v = (v < 0 ? 0 : v * 10) + d;
    }
  return v;
}

/* Read a day written without its year, as a record whose year is a fiscal year writes it:
 * 「（11月19日）」, 「11月19日(火)」 (brackets, white space and a weekday allowed).  Returns 1
 * and sets month and day, or 0 if `text` is not of that form. */
static int
parse_month_day (const char *text, int *month, int *day)
{
  const char *s = skip_xml_space (text);
  if (strncmp (s, "（", 3) == 0)
    s += 3;
  else if (*s == '(')
    s++;
  s = skip_xml_space (s);
  if ((*month = small_number (&s)) < 1 || strncmp (s, "月", 3) != 0)
    return 0;
  s = skip_xml_space (s + 3);
  if ((*day = small_number (&s)) < 1 || strncmp (s, "日", 3) != 0)
    return 0;
  /* what may follow: a weekday in brackets, the closing bracket, white space */
  for (s += 3; *s; )
    {
      if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '(' || *s == ')')
        s++;
      else if (strncmp (s, "（", 3) == 0 || strncmp (s, "）", 3) == 0 || strncmp (s, "\u3000", 3) == 0
               || strncmp (s, "曜", 3) == 0)
        s += 3;
      else
        {
          int weekday = 0;
          for (int w = 0; w < 7; w++)
            if (strncmp (s, mn_era_weekday_name (w), 3) == 0)
              weekday = 1;
          if (!weekday)
            return 0;
          s += 3;
        }
    }
  return 1;
}

/* <held-on iso="2019-11-19">（11月19日）</held-on> in a session whose title carries
 * fiscal-year="2019": the month and day are iso's, and iso lies in that fiscal year (April
 * to March).  Returns 1 if `node` holds such a day (checked here), 0 if it holds an era date
 * (for check_date) or anything else. */
static int
check_fiscal_day (mn_diag *errs, const xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  int month, day;
  int is_day = content && parse_month_day ((const char *) content, &month, &day);
  if (!is_day)
    {
      xmlFree (content);
      return 0;
    }
  const xmlNode *title = child (node->parent ? node->parent->parent : NULL, "title");
  xmlChar *fy_attr = title ? xmlGetNoNsProp (title, (const xmlChar *) "fiscal-year") : NULL;
  xmlChar *iso_attr = xmlGetNoNsProp (node, (const xmlChar *) "iso");
  long iso = parse_iso ((const char *) iso_attr);
  int fy = fy_attr ? atoi ((const char *) fy_attr) : 0;
  if (fy <= 0)
    mn_check_error (errs, node, 0,
                     _("<held-on>: '%s' names no year; give the title the fiscal year it belongs "
                       "to (<title fiscal-year=\"2019\">令和元年度</title>), or write the era date "
                       "(令和元年11月19日)"),
                     (const char *) content);
  else if (iso && (iso / 100 % 100 != month || iso % 100 != day))
    mn_check_error (errs, node, 0,
                     _("<held-on>: '%s' is month %d, day %d, but iso=\"%s\"; make the two "
                       "agree"),
                     (const char *) content, month, day, (const char *) iso_attr);
  else if (iso)
    {
      /* fiscal year FY runs from FY-04-01 to (FY+1)-03-31 */
      long first = fy * 10000L + 401, last = (fy + 1) * 10000L + 331;
      if (iso < first || iso > last)
        mn_check_error (errs, node, 0,
                         _("<held-on>: iso=\"%s\" is not in the fiscal year %d of the title "
                           "(%d-04-01 to %d-03-31); correct the year of iso or the title's "
                           "fiscal-year"),
                         (const char *) iso_attr, fy, fy, fy + 1);
    }
  xmlFree (fy_attr);
  xmlFree (iso_attr);
  xmlFree (content);
  return 1;
}

static void
check_dates (mn_diag *errs, const xmlNode *dates)
{
  long start = 0, decision = 0;
  const xmlNode *start_el = NULL, *decision_el = NULL, *last_time = NULL;
  int last_at = -1;
  for (xmlNode *c = dates ? dates->children : NULL; c; c = c->next)
    {
      if (is_el (c, "start"))
        start = check_date (errs, start_el = c);
      else if (is_el (c, "decision"))
        decision = check_date (errs, decision_el = c);
      else if (is_el (c, "held-on"))
        {
          if (!check_fiscal_day (errs, c))
            check_date (errs, c);
        }
      else if (is_el (c, "time"))
        {
          /* the times of one day, in the order written: opened, recessed, resumed, closed */
          int at = check_time (errs, c);
          if (at >= 0 && last_at >= 0 && at < last_at)
            mn_check_error (errs, c, 0,
                             _("<time> %02d:%02d comes after %02d:%02d (line %ld); the times "
                               "of a day are written in the order they happened: put them in "
                               "order, or correct the time"),
                             at / 60, at % 60, last_at / 60, last_at % 60, xmlGetLineNo (last_time));
          if (at >= 0)
            {
              last_at = at;
              last_time = c;
            }
        }
    }
  if (start && decision && decision < start)
    {
      mn_check_error (errs, decision_el, 0,
                       _("<decision> %04ld-%02ld-%02ld is before <start> %04ld-%02ld-%02ld "
                         "(line %ld); the decision cannot come before deliberation began: "
                         "correct one of the dates"),
                       decision / 10000, decision / 100 % 100, decision % 100,
                       start / 10000, start / 100 % 100, start % 100, xmlGetLineNo (start_el));
    }
}

/* === empty blocks and names === */

/* The longest council, session title or attendee name, in characters: the longest in the
 * real minutes is some 30; 200 leaves room for any, and stops a paragraph pasted into the
 * header (laid out again on every page of a 5,000-page PDF). */
#define MAX_NAME_CHARS 200

/* 1 if `c` is an element whose text is a name printed as written (it must show something):
 * the session's title and council, an agenda entry or heading, an attendee, a material, an
 * inquiry's title, a speaker's role or name. */
static int
is_name (const xmlNode *c)
{
  const xmlNode *up = c->parent;
  const char *name = (const char *) c->name;
  if (!strcmp (name, "title") || !strcmp (name, "council") || !strcmp (name, "person")
      || !strcmp (name, "material"))
    return 1;
  if (!strcmp (name, "entry") || !strcmp (name, "heading"))
    return is_el (up, "agenda");
  if (!strcmp (name, "role") || !strcmp (name, "name"))
    return is_el (up, "speaker");
  return 0;
}

/* The session's own title, its council and attendees may be at most MAX_NAME_CHARS long. */
static void
check_name_length (mn_diag *errs, const xmlNode *c)
{
  const char *name = (const char *) c->name;
  int bounded = !strcmp (name, "council") || !strcmp (name, "person")
                || (!strcmp (name, "title") && is_el (c->parent, "session"));
  if (!bounded)
    return;
  xmlChar *text = xmlNodeGetContent (c);
  long n = text ? g_utf8_strlen (g_strstrip ((char *) text), -1) : 0;
  if (n > MAX_NAME_CHARS)
    mn_check_error (errs, c, 0,
                     _("<%s> holds %ld characters, more than the %d a name may have; write only the name here"),
                     name, n, MAX_NAME_CHARS);
  xmlFree (text);
}

/* === the header of a speech record: rosters, turn numbers === */

/* One person's seat, against the seats seen so far (seat -> line). */
static void
check_seat (mn_diag *errs, GHashTable *seen, const xmlNode *person)
{
  xmlChar *v = xmlGetNoNsProp (person, (const xmlChar *) "seat");
  long seat = v ? strtol ((const char *) v, NULL, 10) : 0;
  xmlFree (v);
  if (seat <= 0)
    return;
  gpointer prev = g_hash_table_lookup (seen, GSIZE_TO_POINTER ((gsize) seat));
  if (prev)
    mn_check_error (errs, person, 0,
                     _("<person seat=\"%ld\">: the seat is already taken by the person on line "
                       "%ld; a seat belongs to one member: correct one of the numbers"),
                     seat, (long) GPOINTER_TO_SIZE (prev));
  else
    g_hash_table_insert (seen, GSIZE_TO_POINTER ((gsize) seat),
                         GSIZE_TO_POINTER ((gsize) xmlGetLineNo (person)));
}

/* A seat number is one member's: it appears at most once in an attendee list without
 * groups, and in the groups of members present and absent together. */
static void
check_seats (mn_diag *errs, const xmlNode *attendees)
{
  GHashTable *seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (xmlNode *c = attendees ? attendees->children : NULL; c; c = c->next)
    {
      if (is_el (c, "person"))
        check_seat (errs, seen, c);
      if (!is_el (c, "group"))
        continue;
      xmlChar *kind = xmlGetNoNsProp (c, (const xmlChar *) "kind");
      int members = !kind || strcmp ((const char *) kind, "present") == 0
                    || strcmp ((const char *) kind, "absent") == 0;
      xmlFree (kind);
      for (xmlNode *p = members ? c->children : NULL; p; p = p->next)
        if (is_el (p, "person"))
          check_seat (errs, seen, p);
    }
  g_hash_table_destroy (seen);
}

/* The turns of a numbered record carry numbers that are unique and ascend (the numbers the
 * source gives them; turns without a number are left alone). */
static void
check_turn_numbers (mn_diag *errs, const xmlNode *record)
{
  long max = 0, max_line = 0;
  for (xmlNode *c = record ? record->children : NULL; c; c = c->next)
    {
      if (!is_el (c, "turn"))
        continue;
      long n = number_of (c);
      if (n <= 0)
        continue;
      if (n <= max)
        mn_check_error (errs, c, 0,
                         _("<turn n=\"%ld\"> comes after n=\"%ld\" (line %ld); the numbers of "
                           "turns ascend: put the turns in order, or correct the number"),
                         n, max, max_line);
      else
        {
          max = n;
          max_line = xmlGetLineNo (c);
        }
    }
}

/* === empty blocks === */

static void
check_empty (mn_diag *errs, const xmlNode *node)
{
  static const char *const must_hold_text[] = {
    "question", "answer", "opinion", "request", "response",
  };
  for (const xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      int checked = 0;
      for (size_t i = 0; is_el (c, NULL) && i < G_N_ELEMENTS (must_hold_text); i++)
        if (strcmp ((const char *) c->name, must_hold_text[i]) == 0)
          {
            checked = 1;
            if (!has_text (c))
              {
                mn_check_error (errs, c, 0,
                                 _("<%s> is empty (or holds only white space, invisible characters or <cut/>); "
                                   "write its text, for example <p>…</p>"),
                                 (const char *) c->name);
              }
          }
      if (checked)
        continue;
      if (is_el (c, NULL) && is_name (c))
        {
          if (!has_text (c))
            mn_check_error (errs, c, 0,
                             _("<%s> is empty (or holds only white space or invisible characters); "
                               "write it as printed"),
                             (const char *) c->name);
          else
            check_name_length (errs, c);
        }
      xmlChar *role = is_el (c, "person") ? xmlGetNoNsProp (c, BAD_CAST "role") : NULL;
      if (role && !has_ink ((const char *) role))
        mn_check_error (errs, c, 0,
                         _("<person role=\"…\"> holds only white space or invisible characters; write the role as printed, or leave the attribute out"));
      xmlFree (role);
      check_empty (errs, c);
    }
}

/* === placeholders left from the template === */

/* The text `minutes new` writes wherever staff must fill in (templates/session.xml). */

/* Each element whose own text still holds the placeholder is reported once, on its line
 * (the line of the text that staff must replace). */
static void
check_placeholders (mn_diag *errs, const xmlNode *node)
{
  int reported = 0;
  for (const xmlNode *c = node->children; c; c = c->next)
    {
      if (!reported && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
          && c->content && strstr ((const char *) c->content, PLACEHOLDER))
        {
          /* A paragraph is named with its container: <question><p>. */
          const xmlNode *up = node->parent;
          char *name = strcmp ((const char *) node->name, "p") == 0 && up
                       && up->type == XML_ELEMENT_NODE
                       ? g_strdup_printf ("%s><%s", (const char *) up->name,
                                          (const char *) node->name)
                       : g_strdup ((const char *) node->name);
          mn_check_error (errs, node, 0,
                           _("<%s> still holds the template's placeholder 「%s」; write the "
                             "session's text here, or delete the element if the session has "
                             "none"),
                           name, PLACEHOLDER);
          g_free (name);
          reported = 1;
        }
      if (c->type == XML_ELEMENT_NODE)
        check_placeholders (errs, c);
    }
}

/* === link targets === */

/* The scheme of `href` as a browser reads it, lower-cased into `out` (at most `n` bytes), or
 * "" for a relative link.  The URL Standard (WHATWG, "basic URL parser") first strips leading
 * and trailing C0 controls and spaces and removes every tab and line feed inside, so
 * " JaVa\tScRiPt:" is javascript:; the scheme is an ASCII letter, then letters, digits, +, -
 * or ., up to the first colon.  Anything else (a path, ?query, #fragment, //host) is
 * relative. */
static void
href_scheme (char *out, size_t n, const char *href)
{
  size_t len = 0;
  const unsigned char *p = (const unsigned char *) href;
  *out = 0;
  while (*p && *p <= ' ')
    p++;
  for (; *p; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        continue;
      if (*p == ':')
        {
          out[len] = 0;
          return;
        }
      if (!(g_ascii_isalpha (*p) || (len > 0 && (g_ascii_isdigit (*p) || *p == '+'
                                                 || *p == '-' || *p == '.'))))
        break;
      if (len + 1 < n)
        out[len++] = g_ascii_tolower (*p);
    }
  *out = 0;
}

/* Every <a href> points at a web page, a mail address or a relative path: http:, https:,
 * mailto: or no scheme.  javascript:, vbscript:, data: and file: links would run a script
 * or open a local file from the ward's website (stored XSS; the HTML stylesheet refuses
 * them again, xsl/session-html.xsl). */
static void
check_links (mn_diag *errs, const xmlNode *node)
{
  static const char *const allowed[] = { "", "http", "https", "mailto" };
  for (const xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_el (c, "a"))
        {
          xmlChar *href = xmlGetNoNsProp (c, (const xmlChar *) "href");
          char scheme[64];
          int ok = 0;
          href_scheme (scheme, sizeof scheme, href ? (const char *) href : "");
          for (size_t i = 0; i < G_N_ELEMENTS (allowed); i++)
            ok |= strcmp (scheme, allowed[i]) == 0;
          if (!ok)
            {
              /* The address as the browser reads it, cut at 80 characters. */
              GString *shown = g_string_new (NULL);
              const char *p = href ? skip_xml_space ((const char *) href) : "";
              for (; *p && g_utf8_strlen (shown->str, -1) < 80; p = g_utf8_next_char (p))
                if (*p != '\t' && *p != '\n' && *p != '\r')
                  g_string_append_len (shown, p, g_utf8_next_char (p) - p);
              mn_check_error (errs, c, 0,
                               _("<a href=\"%s%s\">: a link to \"%s:\" is not allowed (it could "
                                 "run a script or open a file on the reader's computer); link to "
                                 "an http:, https: or mailto: address, or a relative path"),
                               shown->str, *p ? "…" : "", scheme);
              g_string_free (shown, TRUE);
            }
          xmlFree (href);
        }
      check_links (errs, c);
    }
}

/* === the session === */

int
mn_check_session (xmlDocPtr doc, mn_diag *errs)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  if (!is_el (root, "session"))
    return 0;
  int before = mn_diag_held_count (errs);
  /* 1. Dates. */
  check_dates (errs, child (root, "dates"));
  /* 2. Numbers: the entries of each agenda, inquiries, the entries of each Q&A table,
   *    requests, turns; seats. */
  for (xmlNode *c = root->children; c; c = c->next)
    if (is_el (c, "agenda"))
      check_numbers (errs, c, "entry");
  check_numbers (errs, root, "inquiry");
  for (xmlNode *c = root->children; c; c = c->next)
    if (is_el (c, "inquiry"))
      check_numbers (errs, child (c, "qa"), "entry");
  xmlNode *requests = child (root, "requests");
  check_numbers (errs, requests, "request");
  check_turn_numbers (errs, child (root, "speech-record"));
  check_seats (errs, child (root, "attendees"));
  /* 3. Each request answered. */
  check_requests (errs, requests);
  /* 4. No empty blocks, no placeholder left. */
  check_empty (errs, root);
  check_placeholders (errs, root);
  /* 5. Links: web, mail and relative addresses only. */
  check_links (errs, root);
  return mn_diag_held_count (errs) - before;
}
