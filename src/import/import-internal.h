/* import-internal.h: what the modules of `minutes import` share (not part of import.h).
 *
 * The importer is cut by source form: import.c (the entry point: reading, decoding, telling
 * the forms apart, building nodes, assembling and writing the session), import-text.c (text
 * and era-date helpers), import-page.c (page furniture dropped before reading),
 * import-table.c (the seed's table form), import-speech.c (speaker turns as plain text, with
 * the convention learned per file), import-header.c (the front matter of a speech record:
 * title, times, rosters, agendas), import-tei.c (TEI/Parla-CLARIN records) and
 * import-json.c (DiscussNet JSON records).  Names shared between them carry the prefix imp_; each module's
 * own helpers stay static and unprefixed.  The design essay is at the top of import.c.
 */
#ifndef MN_IMPORT_INTERNAL_H
#define MN_IMPORT_INTERNAL_H

#include <glib.h>
#include <libxml/tree.h>

#include "base/diag.h"

#define MN_NS "urn:minutes:session:1"

/* === lines and the importer's state === */

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
  xmlNodePtr agendas;    /* a scratch element holding the <agenda> elements of a speech record */
  xmlNodePtr remarks;    /* <remarks>: front matter that fits nowhere else */
  xmlNodePtr inquiries;  /* a scratch element holding the <inquiry> elements */
  xmlNodePtr requests;
  xmlNodePtr speech;

  /* what the front matter of a speech record said (import-header.c) */
  GString *provenance;   /* SOURCE: lines and a scraper's repeated rows, for an XML comment */
  GPtrArray *roster_roles; /* the roles of the rosters (char *, owned): speakers' roles */
  GPtrArray *owned_lines;  /* lines made while reading (line *, owned) */
  long council_line;     /* the line the council was read from, 0 if none */
  long issue;            /* 第N号 of the record's title line, 0 if none */
  long day;              /* 第N日 of the sitting, 0 if none */
  char *fiscal_day;      /* （11月19日）: the day without its year (owned), or NULL */
  long fiscal_day_line;  /* its line */

  xmlNodePtr last_p;     /* the block that received text last (for <cut/>) */
  long last_line;        /* its source line */
  char *synthetic;       /* the text rebuilt from a JSON record, which `lines` point into */
  int answer_marks;      /* ◎ speaker lines seen (an answer, in DiscussNet records) */
} importer;

/* === text helpers (import-text.c); new strings are the caller's to g_free === */

int imp_is_space_char (gunichar c);             /* ASCII white space, U+3000, U+00A0 */
char *imp_trim_dup (const char *s);             /* `s` without white space at either end */
int imp_is_blank (const char *s);               /* 1 if only white space */
char *imp_squeeze_dup (const char *s);          /* `s` without any white space */
long imp_read_number (const char **s);          /* digits at *s (advanced), or -1 */
long imp_whole_number (const char *s);          /* the number a whole string spells, or -1 */
void imp_skip_space (const char **s);
const char *imp_after_prefix (const char *s, const char *prefix);  /* the rest, or NULL */
int imp_ends_sentence (const char *s);          /* 1 if the text ends with 。 」 ） … */
int imp_char_width (gunichar c);                /* display columns: 2 wide, 1 narrow */
int imp_ends_with_any (const char *s, const char *const *ends, size_t n);
long imp_set_title_numbers (xmlNodePtr title, const char *text);  /* fiscal-year, number */

/* === marks, rules, labels, times of speech records (import-text.c) === */

int imp_is_mark (gunichar c);        /* ○ ◯ ◎ ● 〇 ◆ ◇ △ ▲ ▽ ▼ ■ □ ☆ ★ */
int imp_is_circle (gunichar c);      /* ○ ◯ 〇: the marks printed ○ */
int imp_rule_line (const char *s);   /* only a rule: ――――, ――◇――◇―― */
int imp_stage_line (const char *t);  /* a whole stage note: 〔…〕, （…） (t trimmed) */
const char *imp_after_label (const char *s, const char *label);  /* 日　　時: spaces allowed */
int imp_event_at (const char *s, const char **end);  /* 開会 散会 …: enum index, or -1 */
const char *imp_event_name (int event);              /* open, adjourn … (the schema's) */
const char *imp_event_word (int event);              /* 開会, 散会 … */
int imp_time_at (const char *s, int *minutes, const char **end);  /* 午前10時00分 */

/* === era dates (import-text.c) === */

/* A date found in running text. */
typedef struct found_date {
  const char *start, *end;  /* the span in the text: era … 日, and a weekday in brackets */
  int year, month, day;     /* Gregorian (from mn_era_parse) */
  int status;               /* mn_era_parse's verdict: MN_ERA_OK, or why the date is doubtful */
} found_date;

int imp_date_at (const char *s, found_date *out);     /* a date right at `s`: 1, or 0 */
int imp_find_date (const char *text, found_date *out); /* the first date in `text`: 1, or 0 */
void imp_add_date_text (xmlNodePtr node, const found_date *fd);
void imp_check_date (mn_diag *d, const char *name, long lineno, const found_date *fd);
void imp_set_iso (xmlNodePtr node, const char *attr, const found_date *fd);
long imp_fiscal_year (const char *title);  /* 令和3年度 in `title` → 2021; 0 if none */

/* === building nodes (import.c) === */

xmlNodePtr imp_new_part (importer *im, const char *name);  /* detached, in our namespace */
xmlNodePtr imp_part (importer *im, xmlNodePtr *slot, const char *name);  /* *slot, made if NULL */
xmlNodePtr imp_child (xmlNodePtr parent, const char *name);
void imp_set_number (xmlNodePtr node, const char *attr, long n);  /* attr="n" in decimal */
void imp_add_text (xmlNodePtr parent, const char *text, size_t len);
void imp_add_inline (xmlNodePtr parent, const char *text);  /* links and <br/> made elements */
void imp_add_inline_trimmed (xmlNodePtr parent, const char *text);
xmlNodePtr imp_add_p (importer *im, xmlNodePtr parent, const char *text, long lineno);
void imp_add_p_or_continue (importer *im, xmlNodePtr parent, const char *text, long lineno);
void imp_last_block (importer *im, xmlNodePtr block, long lineno);  /* where <cut/> would go */
xmlNodePtr imp_held (importer *im);  /* <held>, created on first use */
void imp_add_held_note (importer *im, const char *text, long lineno);  /* a paragraph of <held> */
const char *imp_manner_of (const char *note);  /* written/online/hybrid a note says, or NULL */
void imp_line_free (gpointer l);               /* a line of owned_lines */
void imp_add_stage (importer *im, const char *text, long lineno);  /* a <stage> of the record */
void imp_keep_in_held (importer *im, const line *l, const char *why);
void imp_split_lines (importer *im, char *buf, size_t len);  /* `buf` is split in place */
long imp_line_of (const char *buf, size_t off);
int imp_provenance_line (const char **p, const char *end, char opener, const char **start,
                         const char **stop);

/* === the forms === */

/* import-table.c: the seed's table form; 1 if the line carries a mark only it has */
void imp_read_table_form (importer *im);
int imp_table_mark (const char *s);

/* import-page.c: page markers, page numbers and running heads taken out of im->lines */
void imp_drop_page_furniture (importer *im);

/* import-speech.c: speaker turns in plain text (the front matter read by import-header.c) */
void imp_read_speech_form (importer *im);
int imp_record_note (const char *t);  /* 〔…〕, 午前10時00分　開会, 〇午後１時開会 (t trimmed) */
void imp_add_speaker (importer *im, xmlNodePtr turn, const char *spk, long lineno);
void imp_drop_empty_speech (importer *im);

/* import-header.c: the front matter of any speech record (plain, TEI, JSON), from its lines;
 * imp_speech_finish then completes title, council and day from the record when the front
 * matter lacks them (saying so), and returns MN_EINVALID when no day is found at all. */
void imp_read_speech_header (importer *im, const line *lines, size_t n);
int imp_speech_finish (importer *im);

/* import-tei.c, import-json.c: the structured records; both end with imp_speech_metadata */
int imp_read_tei (importer *im, const char *text, size_t len);
int imp_read_json (importer *im, const char *text, size_t len);

#endif
