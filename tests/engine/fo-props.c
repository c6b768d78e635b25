/* fo-props.c: the FO property table of src/engine/fotree.c against what it drives.
 *
 *   fo-props check DOC.md    DOC.md's property section (between its "properties" markers) is
 *                            the one the table makes (mn_fo_props_write_doc); exit 1 if not
 *   fo-props update DOC.md   rewrite that section from the table
 *   fo-props inherited       every style property with an example value is inherited exactly
 *                            when the table says so: written on a block, it changes the style
 *                            of a block inside it, or not (and it changes the outer block's)
 *
 * Tests fo-subset-properties and fo-props-inherited (tests/engine/meson.build). */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/fotree.h"

#define BEGIN "<!-- properties: made from the table in src/engine/fotree.c; after changing it, " \
              "run build/tests/engine/fo-props update docs/fo-subset.md -->\n"
#define END "<!-- end of properties -->\n"

static char *
made_section (void)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream (&buf, &len);
  mn_fo_props_write_doc (fp);
  fclose (fp);
  return buf;
}

/* check or update DOC's section; returns the exit status */
static int
doc_section (const char *path, int update)
{
  char *text = NULL, *made = made_section ();
  int rc = 1;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      fprintf (stderr, "fo-props: cannot read %s\n", path);
      goto out;
    }
  char *b = strstr (text, BEGIN), *e = b ? strstr (b, END) : NULL;
  if (!e)
    {
      fprintf (stderr, "fo-props: %s has no section between the markers\n  %s  %s", path, BEGIN, END);
      goto out;
    }
  b += strlen (BEGIN);
  size_t have = (size_t) (e - b);
  if (have == strlen (made) && !memcmp (b, made, have))
    {
      printf ("ok: the property section of %s is the table's\n", path);
      rc = 0;
      goto out;
    }
  if (!update)
    {
      printf ("the property section of %s differs from the table in src/engine/fotree.c; run\n"
              "  build/tests/engine/fo-props update %s\nand read the diff.  It should read:\n%s",
              path, path, made);
      goto out;
    }
  GString *s = g_string_new_len (text, b - text);
  g_string_append (s, made);
  g_string_append (s, e);
  rc = g_file_set_contents (path, s->str, (gssize) s->len, NULL) ? 0 : 1;
  g_string_free (s, TRUE);
  printf ("updated %s\n", path);
out:
  g_free (text);
  free (made);
  return rc;
}

/* The outer and inner block of <fo:block ATTRS><fo:block>x</fo:block></fo:block>, parsed. */
static mn_fo_doc *
parse_nested (const char *attrs, const mn_fo_node **outer, const mn_fo_node **inner)
{
  char *fo = g_strdup_printf (
    "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\"><fo:layout-master-set>"
    "<fo:simple-page-master master-name=\"A\"><fo:region-body/></fo:simple-page-master>"
    "</fo:layout-master-set><fo:page-sequence master-reference=\"A\">"
    "<fo:flow flow-name=\"xsl-region-body\"><fo:block %s><fo:block>x</fo:block></fo:block>"
    "</fo:flow></fo:page-sequence></fo:root>", attrs);
  xmlDocPtr x = xmlReadMemory (fo, (int) strlen (fo), "t.fo", NULL, XML_PARSE_NONET);
  g_free (fo);
  mn_diag d = MN_DIAG_INIT;
  d.quiet = 1;
  mn_fo_doc *doc = NULL;
  if (!x || mn_fo_doc_parse (&doc, x, "t.fo", &d) != 0)
    {
      xmlFreeDoc (x);
      return NULL;
    }
  xmlFreeDoc (x);
  const mn_fo_seq *seq = g_ptr_array_index (doc->seqs, 0);
  *outer = seq->flow->first;
  *inner = (*outer)->first;
  return doc;
}

/* Whether two styles differ; `indents`: compare start-indent and end-indent too (margins,
 * padding and borders are not inherited but move the indents, which are: §5.3.2). */
static int
differ (const mn_style *a, const mn_style *b, int indents)
{
  mn_style x, y;
  memcpy (&x, a, sizeof x);
  memcpy (&y, b, sizeof y);
  if (strcmp (x.font_family, y.font_family))
    return 1;
  x.font_family = y.font_family = NULL;
  if (!indents)
    x.start_indent = y.start_indent = x.end_indent = y.end_indent = 0;
  return memcmp (&x, &y, sizeof x) != 0;
}

static int
inherited (void)
{
  const mn_fo_node *ro, *ri;
  mn_fo_doc *ref = parse_nested ("", &ro, &ri);
  int fails = 0, checked = 0;
  const char *name, *example;
  int inh;
  if (!ref)
    return 1;
  for (int i = 0; mn_fo_style_prop (i, &name, &inh, &example); i++)
    {
      if (!example)
        continue;
      GString *n = g_string_new (name);
      g_string_replace (n, "SIDE", "left", 0);
      char *attrs = g_strdup_printf ("%s=\"%s\"", n->str, example);
      const mn_fo_node *o, *in;
      mn_fo_doc *doc = parse_nested (attrs, &o, &in);
      int indents = !strcmp (n->str, "start-indent") || !strcmp (n->str, "end-indent");
      if (!doc)
        printf ("FAIL: %s does not parse\n", attrs), fails++;
      else if (!differ (&o->st, &ro->st, 1))
        printf ("FAIL: %s has no effect on the block it is written on\n", attrs), fails++;
      else if (differ (&in->st, &ri->st, indents) != inh)
        printf ("FAIL: %s: the table says %s, but the block inside %s\n", attrs,
                inh ? "inherited" : "not inherited", inh ? "does not inherit it" : "inherits it"),
          fails++;
      checked++;
      mn_fo_doc_free (doc);
      g_free (attrs);
      g_string_free (n, TRUE);
    }
  mn_fo_doc_free (ref);
  if (checked < 30)
    printf ("FAIL: only %d style properties have an example value\n", checked), fails++;
  if (!fails)
    printf ("ok: %d style properties are inherited as the table says\n", checked);
  return fails ? 1 : 0;
}

int
main (int argc, char **argv)
{
  if (argc == 3 && !strcmp (argv[1], "check"))
    return doc_section (argv[2], 0);
  if (argc == 3 && !strcmp (argv[1], "update"))
    return doc_section (argv[2], 1);
  if (argc == 2 && !strcmp (argv[1], "inherited"))
    return inherited ();
  fprintf (stderr, "usage: fo-props check|update DOC.md | fo-props inherited\n");
  return 2;
}
