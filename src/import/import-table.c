/* import-table.c: the table form of the seed (../shared/seed) → session XML.
 *
 * The form.  Header rows `LABEL\tvalue` (名称, 日時, 場所, 参加者, 配布資料, 諮問事項, 発言の記録)
 * after the heading 会 議 録; then `諮問事項N` sections, each a title line, a Q&A table
 * (`番号\t質問\t区の考え方`, one row a line, cells possibly holding `<p>…</p>` fragments, rows
 * possibly wrapped onto several lines, follow-up answers such as (再回答) in rows of their own)
 * and `意見` bullets; then `要望事項` with `要望N:`/`回答N:` blocks holding paragraphs and lists.
 *
 * The reading.  One pass over the lines with a small state machine (enum where): a heading
 * line moves to its section, every other line goes to the reader of the current section.
 * A Q&A row is gathered as raw cell text first (struct row) and turned into blocks when the
 * next row starts, since wrapped lines and stray tabs only make sense once the row is whole.
 * Labels the stylesheets print again become structure (n, label attributes); every other
 * character stays text, and a line that fits nowhere becomes a paragraph of <held> with a
 * warning (imp_keep_in_held).
 */
#include <string.h>

#include "base/i18n.h"
#include "import-internal.h"

/* === the table form: header rows === */

/* 名称: "令和3年度第1回 情報公開・個人情報保護審議会" → title + council. */
static void
header_name (importer *im, const char *value, long lineno)
{
  char *v = imp_trim_dup (value);
  const char *split = NULL;
  for (const char *s = v; *s; s = g_utf8_next_char (s))
    if (imp_is_space_char (g_utf8_get_char (s)))
      {
        split = s;
        break;
      }
  char *title = NULL, *council = NULL;
  if (split)
    {
      title = g_strndup (v, split - v);
      council = imp_trim_dup (split);
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
      imp_add_p (im, imp_held (im), value, lineno);
    }
  else
    {
      im->title = imp_new_part (im, "title");
      imp_add_inline (im->title, title);
      im->council = imp_new_part (im, "council");
      imp_add_inline (im->council, council);
      imp_set_title_numbers (im->title, title);
    }
  g_free (title);
  g_free (council);
  g_free (v);
}

/* A date the 日時 row has no place for: its text becomes a paragraph of <held>; `date` is freed. */
static void
date_to_held (importer *im, xmlNodePtr date, long lineno)
{
  xmlChar *c = xmlNodeGetContent (date);
  imp_add_p (im, imp_held (im), (const char *) c, lineno);
  xmlFree (c);
  xmlFreeNode (date);
}

/* 日時: "審議開始日 DATE 議 決 日 DATE 注:…", or one date (a meeting), then notes. */
static void
header_dates (importer *im, const char *value, long lineno)
{
  if (im->dates)
    {
      mn_warning (im->d, im->name, lineno, _("a second 日時 row; kept as a paragraph of <held>, check which one is right"));
      imp_add_p (im, imp_held (im), value, lineno);
      return;
    }
  im->dates = imp_new_part (im, "dates");
  xmlNodePtr start = NULL, decision = NULL, held_on = NULL;
  const char *s = value;
  GString *rest = g_string_new (NULL);  /* what is neither a label nor a date */
  int expect = 0;                       /* 1 after 審議開始日, 2 after 議決日 */
  while (*s)
    {
      const char *t = s;
      imp_skip_space (&t);
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
              imp_skip_space (&p);
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
      if (imp_date_at (t, &fd) && rest->len == 0)
        {
          xmlNodePtr node;
          if (expect == 1 && !start)
            node = start = imp_new_part (im, "start");
          else if (expect == 2 || (expect == 0 && start && !decision))
            node = decision = imp_new_part (im, "decision");
          else
            node = held_on = imp_new_part (im, "held-on");
          imp_add_date_text (node, &fd);
          imp_set_iso (node, "iso", &fd);
          imp_check_date (im->d, im->name, lineno, &fd);
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
          date_to_held (im, held_on, lineno);
        }
    }
  else if (start)
    {
      /* only a start: a meeting held that day */
      mn_warning (im->d, im->name, lineno, _("the 日時 row has 審議開始日 but no 議決日; recorded as the day the meeting was held (<held-on>), check it"));
      xmlNodeSetName (start, BAD_CAST "held-on");
      xmlAddChild (im->dates, start);
      if (held_on)
        date_to_held (im, held_on, lineno);
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
    imp_add_held_note (im, rest->str, lineno);
  g_string_free (rest, TRUE);
}

/* Split `value` at the separators 、 and ， into elements `item` of a new part `name`. */
static xmlNodePtr
header_list (importer *im, const char *name, const char *item, const char *value, int split)
{
  xmlNodePtr part = imp_new_part (im, name);
  if (split)
    {
      char **names = g_regex_split_simple ("[、，,]", value, 0, 0);
      for (char **n = names; *n; n++)
        {
          char *t = imp_trim_dup (*n);
          if (*t)
            imp_add_inline (imp_child (part, item), t);
          g_free (t);
        }
      g_strfreev (names);
    }
  else
    imp_add_inline_trimmed (imp_child (part, item), value);
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
  xmlNodePtr agenda = imp_new_part (im, "agenda");
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
      char *t = imp_trim_dup (between);
      if (*t)
        {
          if (entry)
            imp_add_inline (entry, t);
          else
            {
              mn_warning (im->d, im->name, lineno, _("text before the first (1) of the 諮問事項 row; kept as agenda entry 1, check it"));
              entry = imp_child (agenda, "entry");
              xmlSetProp (entry, BAD_CAST "n", BAD_CAST "1");
              imp_add_inline (entry, t);
            }
        }
      g_free (t);
      g_free (between);
      if (!more)
        break;
      char *num = g_match_info_fetch (mi, 1);
      const char *np = num;
      entry = imp_child (agenda, "entry");
      imp_set_number (entry, "n", imp_read_number (&np));
      g_free (num);
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

/* A part holding one header row's value (場所, 発言の記録); NULL if the value is blank. */
static xmlNodePtr
header_text (importer *im, const char *name, const char *value)
{
  char *t = imp_trim_dup (value);
  xmlNodePtr part = NULL;
  if (*t)
    {
      part = imp_new_part (im, name);
      imp_add_inline (part, t);
    }
  g_free (t);
  return part;
}

/* The part a header row made goes to `*slot`; if a row already filled it, the line is kept
 * as a paragraph of <held> instead, with a warning saying `why`. */
static void
header_part (importer *im, const line *l, xmlNodePtr *slot, xmlNodePtr part, const char *why)
{
  if (part && !*slot)
    *slot = part;
  else if (part)
    {
      xmlFreeNode (part);
      imp_keep_in_held (im, l, why);
    }
}

/* Try one header row `LABEL\tvalue`.  Returns 1 if it was one. */
static int
header_row (importer *im, const line *l)
{
  const char *tab = strchr (l->text, '\t');
  if (!tab)
    return 0;
  char *label0 = g_strndup (l->text, tab - l->text);
  char *label = imp_squeeze_dup (label0);
  g_free (label0);
  const char *value = tab + 1;
  int ok = 1;
  if (strcmp (label, "名称") == 0)
    header_name (im, value, l->no);
  else if (strcmp (label, "日時") == 0)
    header_dates (im, value, l->no);
  else if (strcmp (label, "参加者") == 0 || strcmp (label, "出席者") == 0)
    header_part (im, l, &im->attendees, header_list (im, "attendees", "person", value, 1),
                 _("a second 参加者 row"));
  else if (strcmp (label, "配布資料") == 0)
    header_part (im, l, &im->materials, header_list (im, "materials", "material", value, 0),
                 _("a second 配布資料 row"));
  else if (strcmp (label, "諮問事項") == 0)
    header_agenda (im, value, l->no);
  else if (strcmp (label, "場所") == 0)
    header_part (im, l, &im->place, header_text (im, "place", value), _("a second 場所 row"));
  else if (strcmp (label, "発言の記録") == 0)
    header_part (im, l, &im->record_note, header_text (im, "record-note", value),
                 _("a second 発言の記録 row"));
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

/* Where the match of `re` (anchored at the start) ends in `s`, in bytes; 0 if none. */
static size_t
match_end (const GRegex *re, const char *s)
{
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

/* A list label at the start of `s`: a. ア. (1) ① ・ 1. Returns its length in bytes (0: none). */
static size_t
label_length (const char *s)
{
  static GRegex *re;
  if (!re)
    re = g_regex_new ("^(([A-Za-zＡ-Ｚａ-ｚ]|[0-9０-９]{1,3}|[ア-ン]|[あ-ん]|[イロハニホヘト])[.．、)）]"
                      "|[(（]([0-9０-９]{1,3}|[A-Za-zＡ-Ｚａ-ｚ]|[ア-ン]|[一二三四五六七八九十]{1,2})[)）]"
                      "|[①-⑳]|[㉑-㉟]|・)", 0, 0, NULL);
  return match_end (re, s);
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
  return imp_is_space_char (g_utf8_get_char (text + n)) ? n : 0;
}

/* A new item of `list`: the first `label` bytes of `text` (none if 0) are its label, kept
 * verbatim; the rest, trimmed, is its text. */
static xmlNodePtr
labelled_item (importer *im, xmlNodePtr list, const char *text, size_t label, long lineno)
{
  xmlNodePtr item = imp_child (list, "item");
  if (label)
    {
      char *l = g_strndup (text, label);
      xmlSetProp (item, BAD_CAST "label", BAD_CAST l);
      g_free (l);
    }
  imp_add_inline_trimmed (item, text + label);
  imp_last_block (im, item, lineno);
  return item;
}

/* Add `text` to a cell as an item of the list that ends `parent` (opening one if the last
 * block is not a list); the label is kept verbatim. */
static void
add_cell_item (importer *im, xmlNodePtr parent, const char *text, size_t label, long lineno)
{
  xmlNodePtr last = xmlGetLastChild (parent);
  xmlNodePtr list = last && xmlStrEqual (last->name, BAD_CAST "list") ? last : imp_child (parent, "list");
  labelled_item (im, list, text, label, lineno);
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
      char *t = imp_trim_dup (parts[i]);
      size_t label = item_label (t);
      if (!*t)
        ;
      else if (label)
        add_cell_item (im, parent, t, label, lineno);
      else if (i == 0)
        imp_add_p_or_continue (im, parent, t, lineno);
      else
        imp_add_p (im, parent, t, lineno);
      g_free (t);
    }
  g_strfreev (parts);
}

/* The first of `a` and `b` in `s` (the tag in either case), or NULL. */
static const char *
first_of (const char *s, const char *a, const char *b)
{
  const char *x = strstr (s, a), *y = strstr (s, b);
  return !x || (y && y < x) ? y : x;
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
        if (!imp_is_blank (*l))
          add_segmented (im, parent, *l, lineno);
      g_strfreev (lines);
      return;
    }
  while (*s)
    {
      const char *open = first_of (s, "<p>", "<P>");
      const char *outside_end = open ? open : s + strlen (s);
      char *outside = g_strndup (s, outside_end - s);
      if (!imp_is_blank (outside))
        {
          mn_warning (im->d, im->name, lineno, _("text outside the <p>…</p> fragments of a Q&A cell; kept as a paragraph of its own"));
          char **lines = g_strsplit (outside, "\n", -1);
          for (char **l = lines; *l; l++)
            if (!imp_is_blank (*l))
              imp_add_p (im, parent, *l, lineno);
          g_strfreev (lines);
        }
      g_free (outside);
      if (!open)
        break;
      const char *body = open + 3;
      const char *close = first_of (body, "</p>", "</P>");
      const char *body_end = close ? close : body + strlen (body);
      char *inner = g_strndup (body, body_end - body);
      /* a fragment wrapped onto several lines: the lines join into one paragraph */
      char **lines = g_strsplit (inner, "\n", -1);
      GString *joined = g_string_new (NULL);
      for (char **l = lines; *l; l++)
        {
          char *t = imp_trim_dup (*l);
          g_string_append (joined, t);
          g_free (t);
        }
      g_strfreev (lines);
      /* a fragment that starts with a label and a space (ア. …) is an item of a list */
      size_t label = item_label (joined->str);
      if (label)
        add_cell_item (im, parent, joined->str, label, lineno);
      else if (joined->len)
        imp_add_p (im, parent, joined->str, lineno);
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
  return match_end (re, s);
}

static void
row_flush_followup (importer *im, row *r)
{
  if (!r->cell[2])
    return;
  xmlNodePtr fu = imp_child (r->entry, "follow-up");
  if (r->fu_label)
    {
      char *label = imp_trim_dup (r->fu_label);
      /* the label may have been written inside a <p>: keep the <p> for the body */
      char *plain = label;
      if (g_str_has_prefix (plain, "<p>"))
        plain += 3;
      char *l2 = imp_trim_dup (plain);
      xmlSetProp (fu, BAD_CAST "label", BAD_CAST l2);
      g_free (l2);
      g_free (label);
    }
  /* a date of the follow-up: 本日(令和3年5月19日) */
  const char *today = strstr (r->cell[2]->str, "本日");
  found_date fd;
  if (today && imp_find_date (today, &fd) && fd.start - today <= 12)
    imp_set_iso (fu, "date", &fd);
  cell_blocks (im, fu, r->cell[2]->str, r->cell_line[2]);
  if (!fu->children)
    {
      mn_warning (im->d, im->name, r->cell_line[2], _("a follow-up answer with no text after its label"));
      imp_add_p (im, fu, "", r->cell_line[2]);
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
  xmlNodePtr q = imp_new_part (im, "question");
  xmlNodePtr a = imp_new_part (im, "answer");
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
          imp_add_p (im, box, "", r->cell_line[0]);
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
  if (imp_is_blank (text))
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
  if (imp_is_blank (text))
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
  long num = n >= 2 ? imp_whole_number (cells[0]) : -1;
  if (num >= 1)
    {
      /* a new row: number, question, answer (more tabs join the answer) */
      row_finish (im, r);
      r->entry = imp_child (qa, "entry");
      imp_set_number (r->entry, "n", num);
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
      imp_add_p (im, imp_held (im), l->text, l->no);
    }
  else if (n >= 3 && imp_is_blank (cells[0]) && imp_is_blank (cells[1]) && followup_label (cells[2]))
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
      if (!imp_is_blank (cells[0]))
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
  imp_skip_space (&t);
  if (*t == '-' && (t[1] == ' ' || t[1] == '\t'))
    {
      t += 2;
      imp_skip_space (&t);
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
  imp_skip_space (&p);
  while (1)
    {
      int at_bullet = 0;
      if (*p)
        {
          const char *prev = p == s ? NULL : g_utf8_prev_char (p);
          at_bullet = imp_after_prefix (p, "・") && (!prev || p == s || imp_is_space_char (g_utf8_get_char (prev)) || prev < s);
        }
      if (!*p || at_bullet)
        {
          if (!imp_is_blank (cur->str) || in_bullet)
            {
              if (!*opinions)
                *opinions = imp_child (inquiry, "opinions");
              xmlNodePtr last = xmlGetLastChild (*opinions);
              if (in_bullet || !last)
                {
                  if (!in_bullet)
                    mn_warning (im->d, im->name, l->no, _("an opinion without its bullet \"・\"; kept as an opinion of its own"));
                  xmlNodePtr op = imp_child (*opinions, "opinion");
                  imp_add_p (im, op, cur->str, l->no);
                }
              else
                imp_add_p_or_continue (im, last, cur->str, l->no);
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
  char *t = imp_trim_dup (text);
  xmlNodePtr item = labelled_item (im, list, t, label_length (t), lineno);
  g_free (t);
  return item;
}

/* One line under 要望事項 (not a 要望N:/回答N: line). */
static void
request_line (importer *im, reqstate *st, const line *l)
{
  if (imp_is_blank (l->text))
    {
      st->prev_blank = 1;
      return;
    }
  int was_blank = st->prev_blank;
  st->prev_blank = 0;
  if (!st->box)
    {
      imp_keep_in_held (im, l, _("text under 要望事項 before the first 要望N:"));
      return;
    }
  const char *dashed = strip_dash (l->text);
  char *t = imp_trim_dup (l->text);
  if (dashed != l->text)
    {
      /* "- a. …": an item of the list under the labelled item, or of a list in the box */
      if (!st->list)
        {
          xmlNodePtr parent = st->top_item ? st->top_item : st->box;
          st->list = imp_child (parent, "list");
        }
      st->item = list_item (im, st->list, dashed, l->no);
    }
  else if (imp_whole_number (t) >= 1 || (label_length (t) && label_length (t) == strlen (t)))
    {
      /* a label alone on its line ("1", "(1)", "①"): an item whose content follows */
      xmlNodePtr last = xmlGetLastChild (st->box);
      xmlNodePtr toplist = last && xmlStrEqual (last->name, BAD_CAST "list") && st->top_item ? last : imp_child (st->box, "list");
      st->top_item = imp_child (toplist, "item");
      xmlSetProp (st->top_item, BAD_CAST "label", BAD_CAST t);
      st->list = NULL;
      st->item = NULL;
      imp_last_block (im, st->top_item, l->no);
    }
  else if (st->item && !was_blank)
    {
      /* a line right after an item, without a bullet: the item wrapped in the source */
      imp_child (st->item, "br");
      imp_add_inline (st->item, t);
      imp_last_block (im, st->item, l->no);
    }
  else
    {
      st->top_item = NULL;
      st->list = NULL;
      st->item = NULL;
      if (was_blank)
        imp_add_p (im, st->box, t, l->no);
      else
        imp_add_p_or_continue (im, st->box, t, l->no);
    }
  g_free (t);
}

/* "要望1:" / "回答１：" → kind 'q' or 'a', the number, and the rest of the line. */
static int
request_head (const char *s, char *kind, long *n, const char **rest)
{
  const char *p;
  if ((p = imp_after_prefix (s, "要望")))
    *kind = 'q';
  else if ((p = imp_after_prefix (s, "回答")))
    *kind = 'a';
  else
    return 0;
  imp_skip_space (&p);
  *n = imp_read_number (&p);
  if (*n < 1)
    return 0;
  imp_skip_space (&p);
  const char *c = imp_after_prefix (p, ":");
  if (!c)
    c = imp_after_prefix (p, "：");
  if (!c)
    return 0;
  *rest = c;
  return 1;
}

/* 1 if the line is the heading `諮問事項N`; sets *n. */
static int
inquiry_head (const char *s, long *n)
{
  char *t = imp_trim_dup (s);
  const char *p = imp_after_prefix (t, "諮問事項");
  int ok = 0;
  if (p)
    {
      imp_skip_space (&p);
      *n = imp_read_number (&p);
      imp_skip_space (&p);
      ok = *n >= 1 && !*p;
    }
  g_free (t);
  return ok;
}

/* 1 if the line is the Q&A header 番号 質問 区の考え方 (in any spacing). */
static int
qa_head (const char *s)
{
  char *t = imp_squeeze_dup (s);
  int ok = g_str_has_prefix (t, "番号質問");
  g_free (t);
  return ok;
}

static int
line_is (const char *s, const char *word)
{
  char *t = imp_squeeze_dup (s);
  int ok = strcmp (t, word) == 0;
  g_free (t);
  return ok;
}

/* === the table form: the whole text === */

/* The <requests> part, created on first use. */
static xmlNodePtr
requests_part (importer *im)
{
  if (!im->requests)
    im->requests = imp_new_part (im, "requests");
  return im->requests;
}

/* Where in the text a line stands (what the last heading opened). */
enum where {
  W_HEADER,     /* the header rows, before the first 諮問事項N */
  W_INQ_TITLE,  /* after 諮問事項N: the next line is its title */
  W_INQ,        /* after the title, before the Q&A header */
  W_QA,         /* the rows of a Q&A table */
  W_OPINIONS,   /* under 意見 */
  W_REQUESTS,   /* under 要望事項 */
};

void
imp_read_table_form (importer *im)
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
          inquiry = imp_child (im->inquiries, "inquiry");
          imp_set_number (inquiry, "n", n);
          qa = opinions = inq_title = NULL;
          w = W_INQ_TITLE;
          continue;
        }
      if (line_is (l->text, "要望事項"))
        {
          row_finish (im, &r);
          requests_part (im);
          w = W_REQUESTS;
          continue;
        }
      if (w != W_HEADER && request_head (l->text, &kind, &n, &rest))
        {
          row_finish (im, &r);
          w = W_REQUESTS;
          memset (&rs, 0, sizeof rs);
          rs.box = imp_child (requests_part (im), kind == 'q' ? "request" : "response");
          imp_set_number (rs.box, "n", n);
          if (!imp_is_blank (rest))
            imp_add_p (im, rs.box, rest, l->no);
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
              inq_title = imp_child (inquiry, "title");
            }
          if (!qa)
            qa = imp_child (inquiry, "qa");
          else
            mn_warning (im->d, im->name, l->no, _("a second Q&A header in the same 諮問事項; its rows continue the same table"));
          w = W_QA;
          continue;
        }
      /* blank lines separate blocks under 要望事項 only */
      if (w != W_REQUESTS && imp_is_blank (l->text))
        continue;
      switch (w)
        {
        case W_HEADER:
          if (!header_row (im, l))
            imp_keep_in_held (im, l, _("a line in the header that is not a row the importer knows (名称, 日時, 場所, 参加者, 配布資料, 諮問事項, 発言の記録)"));
          break;
        case W_INQ_TITLE:
          inq_title = imp_child (inquiry, "title");
          imp_add_inline_trimmed (inq_title, l->text);
          imp_last_block (im, inq_title, l->no);
          w = W_INQ;
          break;
        case W_INQ:
          mn_warning (im->d, im->name, l->no, _("a second line after the title of 諮問事項; joined to the title, check it"));
          imp_child (inq_title, "br");
          imp_add_inline_trimmed (inq_title, l->text);
          break;
        case W_QA:
          qa_line (im, qa, &r, l);
          break;
        case W_OPINIONS:
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
          imp_child (inq, "title");
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

/* 1 if the line carries a mark only the table form has (a 名称 or 日時 row, a 諮問事項N
 * heading, the Q&A header). */
int
imp_table_mark (const char *s)
{
  long n;
  return g_str_has_prefix (s, "名称\t") || g_str_has_prefix (s, "日時\t") || inquiry_head (s, &n)
         || qa_head (s);
}
