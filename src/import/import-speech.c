/* import-speech.c: a verbatim record of speaker turns, as plain text → <speech-record>.
 *
 * The form (the real minutes in /work/shared/real-minutes): a header (roster, place, agenda),
 * then ○speaker lines opening turns, ◎ section heads, 〔 〕 stage notes and ―― rules between
 * turns, and paragraphs indented with U+3000.  DiscussNet records mark an answer's speaker
 * with ◎ instead of ○; such a line is read as a turn, with one warning.
 *
 * The reading.  Everything before the first ◎ head or ○ turn with speech is the header and
 * becomes paragraphs of <held>; the notes of the record just before the first turn
 * (〇午後１時開会, 〔…登壇〕) open the speech record as stage notes instead.  A stage note or a
 * rule inside a turn that goes on after it stays in the turn as a paragraph (the schema keeps
 * turns whole).  A speaker splits into role and name: ROLE（NAME）, or NAME ROLE with the role
 * word from a list (roles missing from it stay with the name, with a warning).
 * imp_speech_metadata then copies title, council and the day from the header (TEI and JSON
 * records use it too).
 */
#include <string.h>

#include "base/i18n.h"
#include "import-internal.h"

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
void
imp_add_speaker (importer *im, xmlNodePtr turn, const char *spk, long lineno)
{
  xmlNodePtr sp = imp_child (turn, "speaker");
  const char *open = strstr (spk, "（");
  const char *close = open ? strstr (open, "）") : NULL;
  if (open && close && open > spk && !*(close + strlen ("）")))
    {
      /* ROLE（NAME）: 議長（青木早苗）, ２０番（鈴木まさし議員） */
      char *role = g_strndup (spk, open - spk);
      const char *nb = open + strlen ("（");
      char *name = g_strndup (nb, close - nb);
      imp_add_inline (imp_child (sp, "role"), role);
      imp_add_inline (imp_child (sp, "name"), name);
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
      imp_add_inline (imp_child (sp, "name"), name);
      imp_add_inline (imp_child (sp, "role"), best);
      g_free (name);
    }
  else if (best)
    imp_add_inline (imp_child (sp, "role"), spk);
  else
    {
      mn_warning (im->d, im->name, lineno, _("cannot tell the role from the name in the speaker \"%s\"; all of it is kept as the name"), spk);
      imp_add_inline (imp_child (sp, "name"), spk);
    }
}

/* A ○ line: the speaker and the text after it.  Returns 1 if `s` (trimmed) starts with ○. */
static int
speaker_line (const char *s, char **speaker, char **text)
{
  const char *p = imp_after_prefix (s, "○");
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
      else if (imp_is_space_char (c) && depth == 0)
        break;
      e = g_utf8_next_char (e);
    }
  if (e == p)
    return 0;
  *speaker = g_strndup (p, e - p);
  *text = imp_trim_dup (e);
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
    if (!imp_is_blank (im->lines[k].text) && !g_str_has_prefix (im->lines[k].text, "<PAGE="))
      return &im->lines[k];
  return NULL;
}

void
imp_read_speech_form (importer *im)
{
  im->speech = imp_new_part (im, "speech-record");
  xmlNodePtr turn = NULL;
  int started = 0;  /* a section or a turn with speech has been seen */
  for (size_t i = 0; i < im->n_lines; i++)
    {
      const line *l = &im->lines[i];
      if (imp_is_blank (l->text))
        continue;
      char *t = imp_trim_dup (l->text);
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
              imp_add_held_note (im, t, l->no);
              g_free (spk);
              g_free (text);
              g_free (t);
              continue;
            }
        }
      if (g_str_has_prefix (t, "◎") && !is_spk)
        {
          xmlNodePtr sec = imp_child (im->speech, "section");
          imp_add_inline_trimmed (sec, t + strlen ("◎"));
          imp_last_block (im, sec, l->no);
          turn = NULL;
        }
      else if (is_spk)
        {
          turn = imp_child (im->speech, "turn");
          imp_add_speaker (im, turn, spk, l->no);
          if (*text)
            imp_add_p (im, turn, text, l->no);
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
              char *nt = imp_trim_dup (im->lines[k].text);
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
            imp_add_p (im, turn, t, l->no);
          else if (rule_line (t))
            {
              /* a rule line is drawn by the layout: <separator/> */
              imp_child (im->speech, "separator");
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
          /* a page marker such as <PAGE="3"> is a note of the record, not speech */
          if (!g_str_has_prefix (t, "<PAGE="))
            mn_warning (im->d, im->name, l->no, _("a line between turns that belongs to no speaker; kept as a stage note"));
          imp_add_stage (im, t, l->no);
        }
      g_free (spk);
      g_free (text);
      g_free (t);
    }
  /* a turn needs a block: a speaker line with nothing after it gets an empty paragraph */
  for (xmlNodePtr c = im->speech->children; c; c = c->next)
    if (xmlStrEqual (c->name, BAD_CAST "turn") && c->children && !c->children->next)
      imp_child (c, "p");
  imp_drop_empty_speech (im);
}

/* A speech record with nothing in it is dropped (the schema wants at least one child). */
void
imp_drop_empty_speech (importer *im)
{
  if (!im->speech->children)
    {
      xmlFreeNode (im->speech);
      im->speech = NULL;
    }
}

/* Title, council and the day for a speech record: copied from its header (machine data). */
int
imp_speech_metadata (importer *im)
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
      if (!title && ((v = imp_after_prefix (s, "会議名：")) || (v = imp_after_prefix (s, "会議名:"))))
        title = imp_trim_dup (v);
      if (!have_date && imp_find_date (s, &fd))
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
          title = imp_trim_dup (s);
        xmlFree (c);
      }
  if (!have_date)
    {
      for (size_t i = 0; i < im->n_lines && !have_date; i++)
        if ((have_date = imp_find_date (im->lines[i].text, &fd)))
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
  im->title = imp_new_part (im, "title");
  imp_add_inline (im->title, title);
  im->council = imp_new_part (im, "council");
  imp_add_inline (im->council, council);
  g_free (title);
  g_free (council);
  if (!have_date)
    {
      mn_error (im->d, im->name, 0, _("no era date (令和7年2月17日 …) anywhere in the text, and a session needs the day it was held; add a line such as 開催日：令和7年2月17日 to the header and import again"));
      return MN_EINVALID;
    }
  im->dates = imp_new_part (im, "dates");
  xmlNodePtr on = imp_child (im->dates, "held-on");
  char *squeezed = imp_squeeze_dup (span);
  imp_add_text (on, squeezed, strlen (squeezed));
  imp_set_iso (on, "iso", &fd);
  g_free (squeezed);
  g_free (span);
  return 0;
}

