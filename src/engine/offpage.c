/* offpage.c: text set outside the page, warned about at its source line (offpage.h). */
#include "offpage.h"

#include "base/i18n.h"

/* Line boxes may touch the page's edge; rounding may put them a hair beyond it. */
#define SLACK (MN_PT / 2)

static void
check_area (const mn_area *a, const mn_area *page, GHashTable *warned, mn_diag *d,
            const char *file)
{
  for (const mn_area *k = a->first; k; k = k->next)
    {
      if (k->kind != MN_AREA_LINE)
        {
          check_area (k, page, warned, d, file);
          continue;
        }
      gpointer key = GSIZE_TO_POINTER ((gsize) (k->fo ? k->fo->line : 0) + 1);
      if (!k->fo || g_hash_table_contains (warned, key))
        continue;
      /* The line box, widened to the text where the text runs out of it (a line that may not
       * wrap, wrap-option="no-wrap", is as long as its text). */
      long long left = k->x, right = (long long) k->x + k->w;
      if (k->line)
        {
          const mn_para_line *g = &k->line->geom;
          long long text = (long long) k->x - g->box_x + g->x;
          left = MIN (left, text);
          right = MAX (right, text + g->natural);
        }
      /* How far it reaches beyond each edge (Pango units; <= 0: inside). */
      long long beyond[4] = { -left, right - page->w,
                              -(long long) k->y, (long long) k->y + k->h - page->h };
      static const char *const edge[4] = { N_("left"), N_("right"), N_("top"), N_("bottom") };
      int worst = 0;
      for (int e = 1; e < 4; e++)
        if (beyond[e] > beyond[worst])
          worst = e;
      if (beyond[worst] <= SLACK)
        continue;
      g_hash_table_add (warned, key);
      mn_warning (d, file, k->fo->line,
                  _("text is set off the page here: its lines reach %.1fpt beyond the %s edge of page %d, where nothing shows; check the indents, text-indent, margins and column widths"),
                  (double) beyond[worst] / MN_PT, _(edge[worst]), page->number);
    }
}

void
mn_offpage_check (const mn_area *page, GHashTable *warned, mn_diag *d, const char *file)
{
  check_area (page, page, warned, d, file);
}
