/* test-load.c: unit tests of the safe loader (src/session/load.c): entity bombs refused fast, no file
 * reachable through libxml2, line numbers past 65535, ownership of the returned document. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "session/load.h"
#include "base/paths.h"

static int failures;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (!(cond))                                                               \
      {                                                                        \
        printf ("FAIL line %d: ", __LINE__);                                   \
        printf (__VA_ARGS__);                                                  \
        printf ("\n");                                                         \
        failures++;                                                            \
      }                                                                        \
  } while (0)

/* Write `text` to a new temporary file; returns its path (g_free it). */
static char *
temp_file (const char *text, gsize len)
{
  char *path = NULL;
  int fd = g_file_open_tmp ("minutes-test-XXXXXX.xml", &path, NULL);
  g_assert (fd >= 0);
  close (fd);
  g_assert (g_file_set_contents (path, text, (gssize) len, NULL));
  return path;
}

/* Ten levels of ten references: 10^9 "lol"s if ever expanded. */
static char *
billion_laughs (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE session [\n"
                             "<!ENTITY lol0 \"lol\">\n");
  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (s, "<!ENTITY lol%d \"", i);
      for (int k = 0; k < 10; k++)
        g_string_append_printf (s, "&lol%d;", i - 1);
      g_string_append (s, "\">\n");
    }
  g_string_append (s, "]>\n<session xmlns=\"urn:minutes:session:1\"><title>&lol9;</title></session>\n");
  return g_string_free (s, FALSE);
}

/* One entity of 100 000 characters referenced 100 000 times: 10^10 characters. */
static char *
quadratic_blowup (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE session [<!ENTITY a \"");
  for (int i = 0; i < 100000; i++)
    g_string_append_c (s, 'a');
  g_string_append (s, "\">]>\n<session xmlns=\"urn:minutes:session:1\"><title>");
  for (int i = 0; i < 100000; i++)
    g_string_append (s, "&a;");
  g_string_append (s, "</title></session>\n");
  return g_string_free (s, FALSE);
}

/* Our loader refuses the bomb within a second, with one error at the declaration. */
static void
bomb_refused (const char *what, char *text)
{
  char *path = temp_file (text, strlen (text));
  char *out = NULL;
  size_t outlen = 0;
  FILE *mem = open_memstream (&out, &outlen);
  mn_diag d = MN_DIAG_INIT;
  d.out = mem;
  xmlDocPtr doc = (xmlDocPtr) 1;
  gint64 t0 = g_get_monotonic_time ();
  int rc = mn_load_session (&doc, path, &d);
  gint64 us = g_get_monotonic_time () - t0;
  fclose (mem);
  CHECK (rc == MN_EINVALID, "%s: rc %d", what, rc);
  CHECK (doc == NULL, "%s: *out not NULL on failure", what);
  CHECK (d.errors == 1, "%s: %d errors", what, d.errors);
  CHECK (us < 1000000, "%s: took %lld us", what, (long long) us);
  CHECK (out && strstr (out, "declares the entity"), "%s: message %s", what, out ? out : "");
  free (out);
  g_unlink (path);
  g_free (path);
}

/* libxml2's own limit, the second line behind our refusal: parsed with the stock SAX
 * handlers and entity substitution, the bomb still fails fast with an entity error. */
static void
libxml2_refuses (const char *what, const char *text)
{
  gint64 t0 = g_get_monotonic_time ();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDocPtr doc = xmlCtxtReadMemory (ctxt, text, (int) strlen (text), "bomb.xml", NULL,
                                     XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOERROR
                                     | XML_PARSE_NOWARNING);
  gint64 us = g_get_monotonic_time () - t0;
  CHECK (doc == NULL || !ctxt->wellFormed, "%s: libxml2 accepted the expanded bomb", what);
  CHECK (ctxt->errNo == XML_ERR_ENTITY_LOOP, "%s: libxml2 error %d, want %d (entity loop)",
         what, ctxt->errNo, XML_ERR_ENTITY_LOOP);
  /* No bound on the time: libxml2 copies the entity until its amplification limit trips
   * (0.1 s here, 14 s under AddressSanitizer); meson's timeout bounds it.  Our own refusal,
   * in bomb_refused, is the one held to a second. */
  printf ("%s: libxml2 refused it in %lld ms\n", what, (long long) us / 1000);
  xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
}

int
main (void)
{
  const char *root = getenv ("SOURCE_ROOT");
  if (mn_paths_init (root) != 0 && mn_paths_init (NULL) != 0)
    {
      printf ("FAIL: no data folder (set SOURCE_ROOT)\n");
      return 1;
    }
  mn_load_init ();

  /* 1. Nothing can be loaded through libxml2: the entity loader refuses, catalogs are off. */
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlParserInputPtr in = xmlLoadExternalEntity ("/etc/passwd", NULL, ctxt);
  CHECK (in == NULL, "the entity loader let /etc/passwd through");
  if (in)
    xmlFreeInputStream (in);
  in = xmlLoadExternalEntity ("file:///etc/hostname", NULL, ctxt);
  CHECK (in == NULL, "the entity loader let file:///etc/hostname through");
  if (in)
    xmlFreeInputStream (in);
  /* …except our own data (the schema here; the stylesheets the same way), not by a detour. */
  char *xsd = mn_paths_data_file ("schema/session.xsd");
  in = xmlLoadExternalEntity (xsd, NULL, ctxt);
  CHECK (in != NULL, "the entity loader refused our own schema %s", xsd);
  if (in)
    xmlFreeInputStream (in);
  char *uri = g_filename_to_uri (xsd, NULL, NULL);
  in = xmlLoadExternalEntity (uri, NULL, ctxt);
  CHECK (in != NULL, "the entity loader refused our own schema as %s", uri);
  if (in)
    xmlFreeInputStream (in);
  char *detour = g_strdup_printf ("%s/schema/../../../../../../../../etc/passwd", mn_paths_data_dir ());
  in = xmlLoadExternalEntity (detour, NULL, ctxt);
  CHECK (in == NULL, "the entity loader let %s through", detour);
  if (in)
    xmlFreeInputStream (in);
  /* A folder trusted later. */
  char *dir = g_dir_make_tmp ("minutes-test-XXXXXX", NULL);
  char *file = g_build_filename (dir, "a.xml", NULL);
  g_file_set_contents (file, "<a/>", -1, NULL);
  in = xmlLoadExternalEntity (file, NULL, ctxt);
  CHECK (in == NULL, "the entity loader let %s through before it was trusted", file);
  if (in)
    xmlFreeInputStream (in);
  CHECK (mn_load_trust_folder (dir) == 0, "mn_load_trust_folder failed");
  in = xmlLoadExternalEntity (file, NULL, ctxt);
  CHECK (in != NULL, "the entity loader refused %s in a trusted folder", file);
  if (in)
    xmlFreeInputStream (in);
  g_unlink (file);
  g_rmdir (dir);
  g_free (file);
  g_free (dir);
  g_free (detour);
  g_free (uri);
  free (xsd);
  xmlFreeParserCtxt (ctxt);
  CHECK (xmlCatalogGetDefaults () == XML_CATA_ALLOW_NONE, "catalogs are on");

  /* 2. Bombs: refused by us at the first declaration, and by libxml2 if ever expanded. */
  char *laughs = billion_laughs (), *quad = quadratic_blowup ();
  libxml2_refuses ("billion laughs", laughs);
  libxml2_refuses ("quadratic blow-up", quad);
  bomb_refused ("billion laughs", laughs);
  bomb_refused ("quadratic blow-up", quad);

  /* 3. Line numbers past 65535 (XML_PARSE_BIG_LINES).  libxml2 keeps an element's line in
   * 16 bits and, past 65535, xmlGetLineNo takes it from the element's first text: exact for
   * elements whose text starts on their own line, as here. */
  GString *big = g_string_new ("<?xml version=\"1.0\"?>\n<session xmlns=\"urn:minutes:session:1\">\n"
                               "<title>t</title><council>c</council>\n");
  for (int i = 0; i < 70000; i++)   /* lines 4 to 70003 */
    g_string_append_c (big, '\n');
  g_string_append (big, "<dates>\n"                                      /* line 70004 */
                        "<start iso=\"2021-05-10\">令和3年5月10日</start>\n"
                        "<decision iso=\"2021-05-24\">令和3年5月24日</decision>\n"
                        "</dates>\n"                                     /* 70007 */
                        "<inquiry n=\"1\"><title>t</title><qa>\n"        /* 70008 */
                        "<entry n=\"1\"><question><p>q</p></question><answer><p> </p></answer></entry>\n"
                        "</qa></inquiry>\n"                              /* 70010 */
                        "<foo>x</foo>\n"                                 /* 70011 */
                        "</session>\n");
  char *path = temp_file (big->str, big->len);
  char *out = NULL;
  size_t outlen = 0;
  FILE *mem = open_memstream (&out, &outlen);
  mn_diag d = MN_DIAG_INIT;
  d.out = mem;
  xmlDocPtr doc = NULL;
  int rc = mn_load_session (&doc, path, &d);
  fclose (mem);
  char *want_answer = g_strdup_printf ("%s:70009: error: <answer> is empty", path);
  char *want_held = g_strdup_printf ("%s:70011: error: <foo> is not an element", path);
  CHECK (rc == MN_EINVALID && doc == NULL, "big file: rc %d", rc);
  CHECK (out && strstr (out, want_answer), "big file: no '%s' in:\n%s", want_answer, out);
  CHECK (out && strstr (out, want_held), "big file: no '%s' in:\n%s", want_held, out);
  free (out);
  g_free (want_answer);
  g_free (want_held);
  g_unlink (path);
  g_free (path);
  g_string_free (big, TRUE);

  /* 4. A valid document comes back owned by the caller. */
  const char *ok = "<?xml version=\"1.0\"?>\n<session xmlns=\"urn:minutes:session:1\">"
                   "<title>t</title><council>c</council><dates>"
                   "<decision iso=\"2019-05-01\">令和元年5月1日(水)</decision></dates></session>\n";
  path = temp_file (ok, strlen (ok));
  mn_diag quiet = MN_DIAG_INIT;
  quiet.quiet = 1;
  rc = mn_load_session (&doc, path, &quiet);
  CHECK (rc == 0 && doc != NULL && quiet.errors == 0, "valid document: rc %d, %d errors", rc,
         quiet.errors);
  xmlFreeDoc (doc);
  g_unlink (path);
  g_free (path);

  g_free (laughs);
  g_free (quad);
  mn_load_cleanup ();
  printf ("%s\n", failures ? "load: FAILED" : "load: all passed");
  return failures != 0;
}
