/* import-speech.c: a verbatim record of speaker turns, as plain text → <speech-record>.
 *
 * The form.  Councils write the same thing in different ways, so nothing about a turn's
 * look is assumed; the reader learns the file's convention first and reads its turns after:
 *   - the mark that opens a turn: ○, ◯ (U+25EF), 〇 (U+3007), ● or ◎ (many Tokyo-area
 *     committee records give the chair's turns ◎ and the members' ○; DiscussNet gives
 *     answers ◎), or none at all;
 *   - the mark that opens a section head: ◎ in most records, △ ◆ ■ … in others, or a line
 *     wholly in 【】;
 *   - how the speaker is written: ROLE（NAME）, ROLE(NAME君), NAME ROLE (おのせ康裕議長,
 *     山田議長), a role alone (総務課長), closed by a bracket only (谷田川委員長)ただ今から…),
 *     after a number (12　議長（…）　…, a numbered record).
 *
 * Learning (learn).  Every line is read as a possible turn opener (read_opener: number, mark,
 * speaker, text).  A speaker is "like a speaker" when it is ROLE（NAME） or ends with a role
 * word (the list below, or a role of the file's own roster); a line is "like a turn" when
 * its speaker is, and speech follows on the line or on the next, indented line.  Per mark,
 * the share of its lines that are like turns decides: most of them → it opens turns (its
 * other lines are not turns: ○議事日程 in a header), few of them → it opens heads.  Lines
 * without a mark open turns only when the file shows the form again and again (two turns
 * closed by a bracket; three numbered turns with ascending numbers; three ROLE（NAME） turns
 * in a file with no marked turn), so a paragraph that starts with 市長（…） is never taken
 * for one.  A note says what was learned.
 *
 * Reading.  Everything before the first turn or head is the front matter (import-header.c);
 * the notes of the record just before the first turn (〇午後１時開会, 〔…登壇〕, 午前10時
 * 開会, a 【】 head) open the speech record instead.  A stage note or a rule inside a turn that
 * goes on after it stays in the turn as a paragraph (the schema keeps turns whole).  The mark
 * a turn or head was written with, when it is not the usual one, is kept in @mark and a
 * turn's number in @n, so every character of the source stays in the session.
 */
#include <string.h>

#include "base/i18n.h"
#include "import-internal.h"

/* === speakers === */

/* Role words, longest first within each family; a speaker "NAME ROLE" ends with one. */
static const char *const roles[] = {
  "臨時議長", "副議長", "議長", "副委員長", "委員長", "副部会長", "部会長", "分科会長", "副会長", "会長",
  "副区長", "区長", "副市長", "市長", "副町長", "町長", "副村長", "村長", "副知事", "知事",
  "教育長", "事務局長", "事務局次長", "局長", "次長", "部長", "課長", "室長", "所長", "係長",
  "計画官", "審議官", "参事官", "調整官", "政策官", "参事", "監", "理事", "大臣", "副大臣", "政務官",
  "委員", "議員", "臨時委員", "専門委員", "幹事", "主査", "主事", "説明員", "参考人", "書記", "事務局",
  "管理者", "主幹",
};

/* The role `spk` ends with: the longest of the file's roster roles and of the list; NULL if
 * none.  *at is where it starts in `spk`. */
static const char *
role_suffix (const importer *im, const char *spk, const char **at)
{
  const char *best = NULL;
  *at = NULL;
  for (guint k = 0; im->roster_roles && k < im->roster_roles->len; k++)
    {
      const char *r = im->roster_roles->pdata[k];
      char *sq = imp_squeeze_dup (r);
      if (*sq && g_str_has_suffix (spk, sq))
        {
          const char *here = spk + strlen (spk) - strlen (sq);
          if (!*at || here < *at)
            {
              *at = here;
              best = r;
            }
        }
      g_free (sq);
    }
  for (size_t k = 0; k < G_N_ELEMENTS (roles); k++)
    if (g_str_has_suffix (spk, roles[k]))
      {
        const char *here = spk + strlen (spk) - strlen (roles[k]);
        if (!*at || here < *at)
          {
            *at = here;
            best = roles[k];
          }
      }
  return best;
}

/* Where ROLE（NAME） or ROLE(NAME) opens its bracket in `spk`, the name's span, or NULL when
 * `spk` is not of that form (the bracket must close at the end). */
static const char *
bracketed (const char *spk, const char **name, const char **name_end)
{
  const char *open = strstr (spk, "（");
  size_t olen = strlen ("（");
  const char *half = strchr (spk, '(');
  if (!open || (half && half < open))
    {
      open = half;
      olen = 1;
    }
  if (!open || open == spk)
    return NULL;
  if (g_str_has_suffix (spk, "）"))
    *name_end = spk + strlen (spk) - strlen ("）");
  else if (g_str_has_suffix (spk, ")"))
    *name_end = spk + strlen (spk) - 1;
  else
    return NULL;
  *name = open + olen;
  return *name <= *name_end ? open : NULL;
}

/* How much `spk` looks like a speaker: 2 for ROLE（NAME）, 1 when it ends with a role word
 * or an honorific (君), 0 otherwise. */
static int
speaker_like (const importer *im, const char *spk)
{
  const char *name, *name_end, *at;
  if (!*spk || g_utf8_strlen (spk, -1) > 30)
    return 0;
  if (bracketed (spk, &name, &name_end) && name < name_end)
    return 2;
  if (g_utf8_strlen (spk, -1) > 20)
    return 0;
  if (role_suffix (im, spk, &at) || g_str_has_suffix (spk, "君"))
    return 1;
  return 0;
}

/* Split a speaker (the text after its mark) into role and name, in source order. */
void
imp_add_speaker (importer *im, xmlNodePtr turn, const char *spk, long lineno)
{
  xmlNodePtr sp = imp_child (turn, "speaker");
  const char *name, *name_end, *at;
  const char *open = bracketed (spk, &name, &name_end);
  if (open)
    {
      /* ROLE（NAME）: 議長（青木早苗）, ２０番（鈴木まさし議員）, 議会事務局長(中路崇弘君) */
      char *role = g_strndup (spk, open - spk);
      char *nm = g_strndup (name, name_end - name);
      imp_add_inline (imp_child (sp, "role"), role);
      imp_add_inline (imp_child (sp, "name"), nm);
      g_free (role);
      g_free (nm);
      return;
    }
  /* NAME ROLE: おのせ康裕議長, 東岡計画官, 髙橋（清）委員, 山田議長; a role of the file's
   * roster alone (総務課長) is a role, not a name 総務 and a role 課長 */
  for (guint k = 0; im->roster_roles && k < im->roster_roles->len; k++)
    {
      char *sq = imp_squeeze_dup (im->roster_roles->pdata[k]);
      int same = strcmp (sq, spk) == 0;
      g_free (sq);
      if (same)
        {
          imp_add_inline (imp_child (sp, "role"), spk);
          return;
        }
    }
  if (role_suffix (im, spk, &at) && at > spk)
    {
      char *nm = g_strndup (spk, at - spk);
      imp_add_inline (imp_child (sp, "name"), nm);
      imp_add_inline (imp_child (sp, "role"), at);
      g_free (nm);
    }
  else if (at)
    imp_add_inline (imp_child (sp, "role"), spk);
  else
    {
      mn_warning (im->d, im->name, lineno, _("cannot tell the role from the name in the speaker \"%s\"; all of it is kept as the name"), spk);
      imp_add_inline (imp_child (sp, "name"), spk);
    }
}

/* === openers: a line read as the start of a turn === */

typedef struct opener {
  long n;            /* the number before the speaker (a numbered record), 0 if none */
  gunichar mark;     /* the mark before the speaker, 0 if none */
  gunichar closing;  /* ) or ） that closes a speaker with no opening bracket, 0 if none */
  int indented;      /* white space before it */
  char *speaker;     /* the speaker as written (owned), or NULL if the line is no opener */
  char *text;        /* the rest of the line, trimmed (owned; "" if none) */
} opener;

static void
opener_clear (opener *o)
{
  g_free (o->speaker);
  g_free (o->text);
  memset (o, 0, sizeof *o);
}

/* Read line `s` as an opener.  Returns 1 if there is a speaker to read. */
static int
read_opener (const char *s, opener *o)
{
  memset (o, 0, sizeof *o);
  const char *p = s;
  o->indented = imp_is_space_char (g_utf8_get_char (p));
  imp_skip_space (&p);
  /* a number: 12　議長…, 12 ○議長… */
  const char *q = p;
  long n = imp_read_number (&q);
  if (n > 0 && imp_is_space_char (g_utf8_get_char (q)))
    {
      imp_skip_space (&q);
      o->n = n;
      p = q;
    }
  gunichar c = g_utf8_get_char (p);
  if (imp_is_mark (c))
    {
      o->mark = c;
      p = g_utf8_next_char (p);
    }
  /* a speaker closed by a bracket only: 谷田川委員長)ただ今から… (no space, no opening
   * bracket before it, within the first 24 characters) */
  int count = 0;
  for (const char *e = p; *e && count < 24; e = g_utf8_next_char (e), count++)
    {
      gunichar d = g_utf8_get_char (e);
      if (d == 0xFF08 || d == '(' || imp_is_space_char (d))
        break;
      if ((d == 0xFF09 || d == ')') && e > p)
        {
          o->closing = d;
          o->speaker = g_strndup (p, e - p);
          o->text = imp_trim_dup (g_utf8_next_char (e));
          return 1;
        }
    }
  /* the speaker runs to the first white space outside brackets */
  const char *e = p;
  int depth = 0;
  while (*e)
    {
      gunichar d = g_utf8_get_char (e);
      if (d == 0xFF08 || d == '(')
        depth++;
      else if ((d == 0xFF09 || d == ')') && depth > 0)
        depth--;
      else if (imp_is_space_char (d) && depth == 0)
        break;
      e = g_utf8_next_char (e);
    }
  if (e == p)
    {
      opener_clear (o);
      return 0;
    }
  o->speaker = g_strndup (p, e - p);
  o->text = imp_trim_dup (e);
  return 1;
}

/* === the convention of a file === */

/* What a line of the record is, once the convention is known. */
enum line_class { LC_OTHER, LC_TURN, LC_HEAD };

/* The marks counted (index 0 is "no mark"). */
#define N_MARK_SLOTS 16

typedef struct convention {
  gunichar mark[N_MARK_SLOTS];  /* the marks seen, in order of first use (slot 0: none) */
  int lines[N_MARK_SLOTS];      /* lines opening with each mark */
  int like[N_MARK_SLOTS];       /* … of which look like turns */
  int turns[N_MARK_SLOTS];      /* turns read with each mark */
  int heads[N_MARK_SLOTS];      /* heads read with each mark */
  int closing;                  /* turns whose speaker a bracket closes: 谷田川委員長) */
  int numbered;                 /* numbered turns */
  int bare;                     /* unmarked turns ROLE（NAME）　text */
  int bracket_heads;            /* heads 【…】 */
  enum line_class *cls;         /* per line */
  opener *op;                   /* per line */
} convention;

static int
mark_slot (convention *cv, gunichar m)
{
  for (int k = 1; k < N_MARK_SLOTS; k++)
    {
      if (cv->mark[k] == m)
        return k;
      if (!cv->mark[k])
        {
          cv->mark[k] = m;
          return k;
        }
    }
  return 0;
}

/* 1 if the line after `i` (skipping blank ones) is an indented continuation: speech that
 * goes on under a speaker standing alone on its line. */
static int
continued (const importer *im, size_t i)
{
  for (size_t k = i + 1; k < im->n_lines; k++)
    {
      const char *t = im->lines[k].text;
      if (imp_is_blank (t))
        continue;
      if (!imp_is_space_char (g_utf8_get_char (t)))
        return 0;
      char *tt = imp_trim_dup (t);
      int cont = !imp_stage_line (tt) && !imp_is_mark (g_utf8_get_char (tt));
      g_free (tt);
      return cont;
    }
  return 0;
}

/* 1 if the trimmed line is a head in 【】. */
static int
bracket_head (const char *t)
{
  return g_str_has_prefix (t, "【") && g_str_has_suffix (t, "】") && g_utf8_strlen (t, -1) <= 60;
}

/* Learn the file's convention and class every line (see the essay at the top). */
static void
learn (importer *im, convention *cv)
{
  size_t n = im->n_lines;
  memset (cv, 0, sizeof *cv);
  cv->cls = g_new0 (enum line_class, n);
  cv->op = g_new0 (opener, n);
  int *like = g_new0 (int, n);
  int closing = 0, numbered = 0, bare = 0, ascending = 1;
  long last_n = 0;
  /* 1. every line as an opener, counted by its mark */
  for (size_t i = 0; i < n; i++)
    {
      opener *o = &cv->op[i];
      if (imp_is_blank (im->lines[i].text) || !read_opener (im->lines[i].text, o))
        continue;
      int sl = speaker_like (im, o->speaker);
      int has_text = *o->text != '\0';
      like[i] = sl >= 1 && (has_text || continued (im, i));
      if (o->mark)
        {
          int k = mark_slot (cv, o->mark);
          cv->lines[k]++;
          cv->like[k] += like[i];
        }
      else if (!o->indented && has_text && sl >= 1)
        {
          if (o->closing)
            closing++;
          else if (o->n)
            {
              numbered++;
              ascending &= o->n > last_n;
              last_n = o->n;
            }
          else if (sl == 2)
            bare++;
        }
    }
  int marked_turns = 0;
  for (int k = 1; k < N_MARK_SLOTS && cv->mark[k]; k++)
    if (cv->like[k] * 2 >= cv->lines[k] && cv->like[k] > 0)
      marked_turns += cv->like[k];
  int closing_on = closing >= 2;
  int numbered_on = numbered >= 3 && ascending;
  int bare_on = bare >= 3 && !marked_turns && !closing_on && !numbered_on;
  /* 2. every line classed by the convention */
  for (size_t i = 0; i < n; i++)
    {
      opener *o = &cv->op[i];
      char *t = imp_trim_dup (im->lines[i].text);
      if (o->mark)
        {
          int k = mark_slot (cv, o->mark);
          int turn_mark = cv->like[k] * 2 >= cv->lines[k] && cv->like[k] > 0;
          int strong = speaker_like (im, o->speaker) == 2 && *o->text;
          if (turn_mark && (like[i] || (*o->text && !o->closing)))
            cv->cls[i] = LC_TURN;
          else if (!turn_mark && strong)
            cv->cls[i] = LC_TURN;
          else if (!turn_mark && !imp_is_circle (o->mark))
            cv->cls[i] = LC_HEAD;
          if (cv->cls[i] == LC_TURN)
            cv->turns[k]++;
          else if (cv->cls[i] == LC_HEAD)
            cv->heads[k]++;
        }
      else if (o->speaker && !o->indented && *o->text && speaker_like (im, o->speaker) >= 1
               && ((closing_on && o->closing) || (numbered_on && o->n && !o->closing)
                   || (bare_on && !o->closing && !o->n && speaker_like (im, o->speaker) == 2)))
        {
          cv->cls[i] = LC_TURN;
          if (o->closing)
            cv->closing++;
          else if (o->n)
            cv->numbered++;
          else
            cv->bare++;
        }
      else if (bracket_head (t))
        {
          cv->cls[i] = LC_HEAD;
          cv->bracket_heads++;
        }
      g_free (t);
    }
  g_free (like);
}

static void
convention_clear (convention *cv, size_t n)
{
  for (size_t i = 0; i < n; i++)
    opener_clear (&cv->op[i]);
  g_free (cv->op);
  g_free (cv->cls);
}

/* A note saying what was learned: which marks opened turns and heads, how many. */
static void
note_convention (importer *im, const convention *cv, long first_line)
{
  GString *turns = g_string_new (NULL), *heads = g_string_new (NULL);
  for (int k = 1; k < N_MARK_SLOTS && cv->mark[k]; k++)
    {
      char m[8] = { 0 };
      g_unichar_to_utf8 (cv->mark[k], m);
      if (cv->turns[k])
        g_string_append_printf (turns, "%s%s %d", turns->len ? ", " : "", m, cv->turns[k]);
      if (cv->heads[k])
        g_string_append_printf (heads, "%s%s %d", heads->len ? ", " : "", m, cv->heads[k]);
    }
  if (cv->closing)
    g_string_append_printf (turns, _("%sa speaker closed by a bracket only (ROLE)text) %d"), turns->len ? ", " : "", cv->closing);
  if (cv->numbered)
    g_string_append_printf (turns, _("%snumbered, without a mark %d"), turns->len ? ", " : "", cv->numbered);
  if (cv->bare)
    g_string_append_printf (turns, _("%sROLE（NAME） without a mark %d"), turns->len ? ", " : "", cv->bare);
  if (cv->bracket_heads)
    g_string_append_printf (heads, "%s【…】 %d", heads->len ? ", " : "", cv->bracket_heads);
  if (turns->len)
    mn_note (im->d, im->name, first_line, _("speaker turns open with: %s; section heads with: %s"),
             turns->str, heads->len ? heads->str : _("none"));
  g_string_free (turns, TRUE);
  g_string_free (heads, TRUE);
}

/* === reading the record === */

/* 1 if the trimmed line is a note of the record: 〔…〕, （…） alone, a time and its event
 * (午前10時00分　開会, 〇午後１時開会, （午前１１時２５分）). */
int
imp_record_note (const char *t)
{
  if (imp_stage_line (t))
    return 1;
  const char *p = t;
  if (imp_is_circle (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  int minutes;
  const char *end;
  if (!imp_time_at (p, &minutes, &end))
    return 0;
  imp_skip_space (&end);
  const char *after;
  if (imp_event_at (end, &after) >= 0)
    end = after;
  imp_skip_space (&end);
  return !*end;
}

/* The mark attribute for a turn or head written with `o` ("" when the usual one). */
static void
set_mark (xmlNodePtr node, gunichar mark, gunichar usual, gunichar closing)
{
  char m[8] = { 0 };
  if (closing)
    g_unichar_to_utf8 (closing, m);
  else if (!mark)
    strcpy (m, "none");
  else if (mark != usual)
    g_unichar_to_utf8 (mark, m);
  if (*m)
    xmlSetProp (node, BAD_CAST "mark", BAD_CAST m);
}

/* 1 if a stage note or rule at line `i` ends the turn: no speech follows before the next
 * turn or head. */
static int
ends_turn (const importer *im, const convention *cv, size_t i)
{
  for (size_t k = i + 1; k < im->n_lines; k++)
    {
      char *nt = imp_trim_dup (im->lines[k].text);
      int skip = !*nt || imp_stage_line (nt) || imp_rule_line (nt) || imp_record_note (nt);
      g_free (nt);
      if (skip)
        continue;
      return cv->cls[k] != LC_OTHER;
    }
  return 1;
}

void
imp_read_speech_form (importer *im)
{
  convention cv;
  learn (im, &cv);
  size_t n = im->n_lines;
  /* the front matter: everything before the first turn, or the first head of a mark that
   * opens heads; the notes of the record just before it open the speech record */
  size_t body = 0;
  while (body < n && !(cv.cls[body] == LC_TURN || (cv.cls[body] == LC_HEAD && cv.op[body].mark)))
    body++;
  size_t start = body;
  for (size_t k = body; k > 0; k--)
    {
      char *t = imp_trim_dup (im->lines[k - 1].text);
      int note = !*t || imp_record_note (t) || bracket_head (t);
      g_free (t);
      if (!note)
        break;
      start = k - 1;
    }
  while (start < body && imp_is_blank (im->lines[start].text))
    start++;
  imp_read_speech_header (im, im->lines, start);

  im->speech = imp_new_part (im, "speech-record");
  xmlNodePtr turn = NULL;
  for (size_t i = start; i < n; i++)
    {
      const line *l = &im->lines[i];
      if (imp_is_blank (l->text))
        continue;
      char *t = imp_trim_dup (l->text);
      opener *o = &cv.op[i];
      if (cv.cls[i] == LC_HEAD)
        {
          xmlNodePtr sec = imp_child (im->speech, "section");
          if (o->mark && !bracket_head (t))
            {
              set_mark (sec, o->mark, 0x25CE /* ◎ */, 0);
              imp_add_inline_trimmed (sec, g_utf8_next_char (t));
            }
          else
            {
              xmlSetProp (sec, BAD_CAST "mark", BAD_CAST "none");
              imp_add_inline_trimmed (sec, t);
            }
          imp_last_block (im, sec, l->no);
          turn = NULL;
        }
      else if (cv.cls[i] == LC_TURN)
        {
          turn = imp_child (im->speech, "turn");
          if (!imp_is_circle (o->mark) || o->closing)
            set_mark (turn, o->mark, 0x25CB /* ○ */, o->closing);
          else if (o->mark != 0x25CB)
            set_mark (turn, o->mark, 0x25CB, 0);
          if (o->n)
            imp_set_number (turn, "n", o->n);
          imp_add_speaker (im, turn, o->speaker, l->no);
          if (*o->text)
            imp_add_p (im, turn, o->text, l->no);
        }
      else if (imp_stage_line (t) || imp_rule_line (t) || imp_record_note (t))
        {
          /* a stage note or a rule between turns; inside a turn that goes on after it (a
           * report read out after 〔事務局次長報告〕 and a rule, say), a paragraph */
          if (turn && !ends_turn (im, &cv, i))
            imp_add_p (im, turn, t, l->no);
          else if (imp_rule_line (t))
            {
              imp_child (im->speech, "separator");  /* the layout draws the rule */
              turn = NULL;
            }
          else
            {
              imp_add_stage (im, t, l->no);
              turn = NULL;
            }
        }
      else if (turn)
        imp_add_p (im, turn, t, l->no);
      else
        {
          mn_warning (im->d, im->name, l->no, _("a line between turns that belongs to no speaker; kept as a stage note"));
          imp_add_stage (im, t, l->no);
        }
      g_free (t);
    }
  /* a turn needs a block: a speaker line with nothing after it gets an empty paragraph */
  for (xmlNodePtr c = im->speech->children; c; c = c->next)
    if (xmlStrEqual (c->name, BAD_CAST "turn") && c->children && !c->children->next)
      imp_child (c, "p");
  note_convention (im, &cv, body < n ? im->lines[body].no : 1);
  convention_clear (&cv, n);
  imp_drop_empty_speech (im);
}

/* A speech record with nothing in it is dropped (the schema wants at least one child). */
void
imp_drop_empty_speech (importer *im)
{
  if (im->speech && !im->speech->children)
    {
      xmlFreeNode (im->speech);
      im->speech = NULL;
    }
}
