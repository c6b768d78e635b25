/* transform.c: libxslt under security preferences, with our extension functions and errors
 * collected as `FILE:LINE: error: …` diagnostics (see transform.h for the contract).
 *
 * libxslt keeps much of its configuration in globals (default security preferences, the
 * document loader, extension functions, the generic error handler): this module sets them up
 * once, the first time it is used, and is the only place in `minutes` that touches them.
 * `minutes` is single-threaded; so is this module. */
#include "transform.h"

#include <errno.h>
#include <glib.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "base/atomic.h"
#include "base/i18n.h"
#include "base/infile.h"
#include "base/paths.h"
#include "load.h"

/* How libxslt parses what it reads for us (stylesheets, includes, document()): never
 * substitute entities, never load an external DTD, never touch the network (issue 5). */
#define SAFE_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)
/* Operation limits of one transformation (see mn_transform_apply): a base, plus so many per
 * node of the document transformed.  The stylesheets' work grows linearly with the session
 * (mn:inline-run keeps the one sibling grouping linear): the seed takes about 4,000 XSLT and
 * 15,000 XPath operations with xsl/session-fo.xsl, a session of 80,000 Q&A rows (10 MB, about
 * 800,000 nodes) 3.1 million and 11.4 million, some 4 and 14 a node.  So a valid session of any
 * size minutes reads (32 MB) stays far below its limit, while a runaway expression still stops,
 * within seconds for a session of a normal size. */
#define MAX_XSLT_OPS 5000000UL
#define MAX_XPATH_OPS 50000000UL
#define MAX_XSLT_OPS_PER_NODE 40UL
#define MAX_XPATH_OPS_PER_NODE 160UL

/* The largest file a stylesheet may read (an include or a document() file). */
#define MAX_READ_BYTES (32 * 1024 * 1024)
#define UNSAFE_PARSE_OPTIONS (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDVALID \
                              | XML_PARSE_XINCLUDE)

struct mn_stylesheet {
  char *path;                   /* real path of the main stylesheet file */
  char *dir;                    /* its folder: readable by its includes and document() */
  xsltStylesheetPtr style;      /* the compiled stylesheet (owned) */
  struct mn_stylesheet *next;   /* the cache is a short list */
};

/* What one transformation needs in callbacks; hung on the context's _private. */
struct run {
  const char *source_name;      /* the session file as given (for mn:source-name, messages) */
  char input_dir[PATH_MAX];     /* real path of its folder: readable by document() */
  const char *style_dir;        /* the stylesheet's folder (borrowed from the cache) */
};

/* Collects libxslt's free-text error output line by line and turns each message into one
 * diagnostic.  libxslt first prints a context line (`runtime error: file F line N element E`),
 * then the message; we keep the location from the first and report it with the second. */
struct sink {
  mn_diag *d;
  const char *fallback_file;    /* location for messages that come without one */
  GString *buf;                 /* text received and not yet ended by a newline */
  char *loc_file;               /* file of the pending context line (owned), or NULL */
  long loc_line;                /* its line, or 0 */
  int loc_warning;              /* the pending context was a warning */
  int errors;                   /* errors reported through this sink */
  int in_backtrace;             /* inside libxslt's template/variable stack dump: drop it */
};

static int initialized;
static xsltSecurityPrefsPtr prefs;        /* used as default and for every context */
static char xsl_dir[PATH_MAX];            /* real path of the data folder's xsl/ */
static const char *compiling_dir;         /* folder of the stylesheet being compiled */
static struct mn_stylesheet *cache;

/* === security === */

/* Is the absolute, resolved path `real` inside the folder `dir` (also resolved)? */
static int
inside (const char *real, const char *dir)
{
  size_t n = dir ? strlen (dir) : 0;
  if (n == 0)
    return 0;
  if (strncmp (real, dir, n) != 0)
    return 0;
  return real[n] == '/' || (n == 1 && dir[0] == '/');
}

/* Resolve `path` like realpath(3), also for a file that does not exist (its folder must). */
static int
resolve (char *out, const char *path)
{
  if (realpath (path, out))
    return 1;
  char *copy = g_strdup (path), *copy2 = g_strdup (path);
  char dir[PATH_MAX];
  int ok = realpath (dirname (copy), dir) != NULL;
  if (ok)
    ok = snprintf (out, PATH_MAX, "%s/%s", dir, basename (copy2)) < PATH_MAX;
  g_free (copy);
  g_free (copy2);
  return ok;
}

/* XSLT_SECPREF_READ_FILE: 1 allows, 0 refuses (libxslt then reports the refusal). */
static int
check_read (xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *path)
{
  char real[PATH_MAX];
  if (!path || !*path || !resolve (real, path))
    return 0;
  if (inside (real, xsl_dir))
    return 1;
  const struct run *r = ctxt ? ctxt->_private : NULL;
  if (r)
    return inside (real, r->input_dir) || inside (real, r->style_dir);
  return inside (real, compiling_dir);
}

/* The local file a URI names (owned), or NULL for anything but a file:// URI or a path. */
static char *
local_path (const xmlChar *uri)
{
  xmlURIPtr u = xmlParseURI ((const char *) uri);
  char *path = NULL;
  if (u && u->path && (!u->scheme || strcmp (u->scheme, "file") == 0))
    path = g_strdup (u->path);
  xmlFreeURI (u);
  return path;
}

/* Every document libxslt reads goes through here (stylesheets, includes, document()): we read
 * the file ourselves — after checking the read preferences once more — and parse it from memory
 * without the dangerous options the callers ask for (XSLT_PARSE_OPTIONS asks for entity
 * substitution and DTD loading).  Reading it ourselves also keeps libxml2's external entity
 * loader, which load.c makes refuse everything, for what it guards: entities and DTDs. */
static xmlDocPtr
safe_loader (const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
  char *path = local_path (uri);
  char *data = NULL;
  gsize len = 0;
  xmlDocPtr doc = NULL;
  xsltTransformContextPtr tctxt = type == XSLT_LOAD_DOCUMENT ? ctxt : NULL;
  size_t got = 0;
  if (!path || !check_read (prefs, tctxt, path)
      || mn_infile_read (&data, &got, path, MAX_READ_BYTES, NULL) != 0)
    goto out;
  len = got;
  xmlParserCtxtPtr pctxt = xmlNewParserCtxt ();
  if (!pctxt)
    goto out;
  /* Parse into the caller's dictionary, as libxslt's own loader does (stylesheet strings
   * are interned there). */
  if (dict)
    {
      if (pctxt->dict)
        xmlDictFree (pctxt->dict);
      pctxt->dict = dict;
      xmlDictReference (dict);
    }
  options = (options & ~UNSAFE_PARSE_OPTIONS) | SAFE_PARSE_OPTIONS;
  doc = xmlCtxtReadMemory (pctxt, data, (int) len, (const char *) uri, NULL, options);
  xmlFreeParserCtxt (pctxt);
out:
  g_free (data);
  g_free (path);
  return doc;
}

/* === extension functions === */

/* The one node-set argument of an extension function (owned: xmlXPathFreeObject), or NULL
 * after setting the XPath error (wrong arity, not a node-set). */
static xmlXPathObjectPtr
node_set_arg (xmlXPathParserContextPtr ctxt, int nargs)
{
  if (nargs != 1)
    {
      xmlXPathSetArityError (ctxt);
      return NULL;
    }
  xmlXPathObjectPtr obj = valuePop (ctxt);
  if (!obj || obj->type != XPATH_NODESET)
    {
      xmlXPathFreeObject (obj);
      xmlXPathSetTypeError (ctxt);
      return NULL;
    }
  return obj;
}

/* mn:line(node-set): the source line of the first node in document order, 0 when unknown. */
static void
fn_line (xmlXPathParserContextPtr ctxt, int nargs)
{
  xmlXPathObjectPtr obj = node_set_arg (ctxt, nargs);
  if (!obj)
    return;
  long line = 0;
  if (obj->nodesetval && obj->nodesetval->nodeNr > 0)
    line = xmlGetLineNo (obj->nodesetval->nodeTab[0]);
  xmlXPathFreeObject (obj);
  valuePush (ctxt, xmlXPathNewFloat (line > 0 ? (double) line : 0.0));
}

/* mn:source-name(): the session file's name as given on the command line. */
static void
fn_source_name (xmlXPathParserContextPtr ctxt, int nargs)
{
  if (nargs != 0)
    {
      xmlXPathSetArityError (ctxt);
      return;
    }
  xsltTransformContextPtr tctxt = xsltXPathGetTransformContext (ctxt);
  const struct run *r = tctxt ? tctxt->_private : NULL;
  valuePush (ctxt, xmlXPathNewString (BAD_CAST (r && r->source_name ? r->source_name : "")));
}

/* The elements that end a run of inline content: p and list of the session namespace. */
static int
is_block_element (const xmlNode *n)
{
  return n->type == XML_ELEMENT_NODE && n->ns
         && xmlStrEqual (n->ns->href, BAD_CAST "urn:minutes:session:1")
         && (xmlStrEqual (n->name, BAD_CAST "p") || xmlStrEqual (n->name, BAD_CAST "list"));
}

/* mn:inline-run(node-set): see transform.h.  Empty for an empty set. */
static void
fn_inline_run (xmlXPathParserContextPtr ctxt, int nargs)
{
  xmlXPathObjectPtr obj = node_set_arg (ctxt, nargs);
  if (!obj)
    return;
  xmlNodeSetPtr run = xmlXPathNodeSetCreate (NULL);
  if (run && obj->nodesetval && obj->nodesetval->nodeNr > 0)
    for (xmlNodePtr n = obj->nodesetval->nodeTab[0]; n && !is_block_element (n); n = n->next)
      if (n->type != XML_DTD_NODE && xmlXPathNodeSetAddUnique (run, n) != 0)
        break;
  xmlXPathFreeObject (obj);
  valuePush (ctxt, xmlXPathWrapNodeSet (run));
}

/* === errors === */

static void
sink_init (struct sink *s, mn_diag *d, const char *fallback_file)
{
  memset (s, 0, sizeof *s);
  s->d = d;
  s->fallback_file = fallback_file;
  s->buf = g_string_new (NULL);
}

/* `runtime error: file F line N element E` (or `compilation warning: …`, or a bare `error`)
 * → remember F and N.  Returns 1 if `line` was such a context line. */
static int
take_context (struct sink *s, const char *line)
{
  const char *p = line;
  if (g_str_has_prefix (p, "runtime "))
    p += 8;
  else if (g_str_has_prefix (p, "compilation "))
    p += 12;
  int warning = g_str_has_prefix (p, "warning");
  if (!warning && !g_str_has_prefix (p, "error"))
    return 0;
  p += warning ? 7 : 5;
  if (*p != '\0' && !g_str_has_prefix (p, ": file ") && !g_str_has_prefix (p, ": element "))
    return 0;
  g_free (s->loc_file);
  s->loc_file = NULL;
  s->loc_line = 0;
  s->loc_warning = warning;
  if (g_str_has_prefix (p, ": file "))
    {
      const char *f = p + 7;
      const char *end = strstr (f, " line ");
      const char *elem = strstr (f, " element ");
      if (!end || (elem && elem < end))
        end = elem;
      s->loc_file = end ? g_strndup (f, (gsize) (end - f)) : g_strdup (f);
      const char *l = strstr (f, " line ");
      if (l)
        s->loc_line = strtol (l + 6, NULL, 10);
    }
  return 1;
}

/* What our own stylesheets say with xsl:message (the files in xsl/), listed for translation. */
static const char *const stylesheet_messages[] = {
  N_("the document is not a session (urn:minutes:session:1); run minutes validate on it"),
  N_("--param base-font-size must be a size in points from 5pt to 50pt, such as 10.5pt"),
  N_("--param line-break must be strict, normal or loose"),
  N_("--param flush-bottom must be yes or no"),
  N_("--param flush-bottom-space must be a number from 1 to 3, such as 1.3"),
  N_("unknown paper: use A3, A4, A5, B4, B5 or Letter, or give page-width and page-height"),
  N_("the session holds an element the stylesheet does not know; run minutes validate on it"),
};

static void
sink_line (struct sink *s, const char *line)
{
  if (!*line)
    return;
  if (take_context (s, line))
    {
      s->in_backtrace = 0;
      return;
    }
  /* After "infinite template recursion", libxslt dumps its template and variable stacks
   * ("Templates:", "#0 name again", … "Variables:", …) and suggests xsltproc's --maxdepth:
   * noise for our users, who get the message itself. */
  if (strcmp (line, "Templates:") == 0)
    s->in_backtrace = 1;
  if (s->in_backtrace || g_str_has_prefix (line, "You can adjust xsltMaxDepth"))
    return;
  for (size_t k = 0; k < G_N_ELEMENTS (stylesheet_messages); k++)
    if (strcmp (line, stylesheet_messages[k]) == 0)
      line = _(stylesheet_messages[k]);
  const char *file = s->loc_file ? s->loc_file : s->fallback_file;
  if (s->loc_warning)
    mn_warning (s->d, file, s->loc_line, _("stylesheet: %s"), line);
  else
    {
      mn_error (s->d, file, s->loc_line, _("stylesheet: %s"), line);
      s->errors++;
    }
  g_free (s->loc_file);
  s->loc_file = NULL;
  s->loc_line = 0;
  s->loc_warning = 0;
}

static void
sink_flush (struct sink *s, int all)
{
  char *nl;
  while ((nl = strchr (s->buf->str, '\n')))
    {
      *nl = '\0';
      char *line = g_strdup (s->buf->str);
      g_string_erase (s->buf, 0, (gssize) (nl - s->buf->str) + 1);
      sink_line (s, g_strstrip (line));
      g_free (line);
    }
  if (all && s->buf->len)
    {
      char *line = g_strdup (s->buf->str);
      g_string_truncate (s->buf, 0);
      sink_line (s, g_strstrip (line));
      g_free (line);
    }
}

static void
sink_done (struct sink *s)
{
  sink_flush (s, 1);
  g_string_free (s->buf, TRUE);
  g_free (s->loc_file);
}

/* libxslt's generic error function: printf-style pieces of text. */
static void
on_xslt_error (void *ctx, const char *fmt, ...)
{
  struct sink *s = ctx;
  va_list ap;
  va_start (ap, fmt);
  g_string_append_vprintf (s->buf, fmt, ap);
  va_end (ap);
  sink_flush (s, 0);
}

/* libxml2's structured errors (parsing a stylesheet, an include, a document() file). */
static void
on_xml_error (void *ctx, xmlErrorPtr err)
{
  struct sink *s = ctx;
  if (!err || err->level == XML_ERR_NONE)
    return;
  char *msg = g_strstrip (g_strdup (err->message ? err->message : "?"));
  const char *file = err->file ? err->file : s->fallback_file;
  if (err->level == XML_ERR_WARNING)
    mn_warning (s->d, file, err->line, _("stylesheet: %s"), msg);
  else
    {
      mn_error (s->d, file, err->line, _("stylesheet: %s"), msg);
      s->errors++;
    }
  g_free (msg);
}

/* === set-up === */

static int
init (void)
{
  if (initialized)
    return 0;
  char *dir = mn_paths_data_file ("xsl");
  if (!dir || !realpath (dir, xsl_dir))
    xsl_dir[0] = '\0';
  free (dir);

  prefs = xsltNewSecurityPrefs ();
  if (!prefs
      || xsltSetSecurityPrefs (prefs, XSLT_SECPREF_READ_FILE, check_read) != 0
      || xsltSetSecurityPrefs (prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) != 0
      || xsltSetSecurityPrefs (prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) != 0
      || xsltSetSecurityPrefs (prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) != 0
      || xsltSetSecurityPrefs (prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) != 0)
    return MN_EFAIL;
  /* xsl:include and xsl:import are read while compiling, before any context exists. */
  xsltSetDefaultSecurityPrefs (prefs);

  xsltSetLoaderFunc (safe_loader);

  /* EXSLT (exsl:node-set, str:, date: …) for stylesheet authors; its exsl:document is a
   * write like xsl:document, refused by the preferences above. */
  exsltRegisterAll ();
  xsltRegisterExtModuleFunction (BAD_CAST "line", BAD_CAST MN_XSLT_NS, fn_line);
  xsltRegisterExtModuleFunction (BAD_CAST "source-name", BAD_CAST MN_XSLT_NS, fn_source_name);
  xsltRegisterExtModuleFunction (BAD_CAST "inline-run", BAD_CAST MN_XSLT_NS, fn_inline_run);
  initialized = 1;
  return 0;
}

void
mn_transform_cleanup (void)
{
  while (cache)
    {
      struct mn_stylesheet *next = cache->next;
      xsltFreeStylesheet (cache->style);
      free (cache->path);
      free (cache->dir);
      free (cache);
      cache = next;
    }
  if (initialized)
    {
      xsltSetDefaultSecurityPrefs (NULL);
      xsltFreeSecurityPrefs (prefs);
      prefs = NULL;
      xsltSetLoaderFunc (NULL);
      xsltUnregisterExtModuleFunction (BAD_CAST "line", BAD_CAST MN_XSLT_NS);
      xsltUnregisterExtModuleFunction (BAD_CAST "source-name", BAD_CAST MN_XSLT_NS);
      xsltUnregisterExtModuleFunction (BAD_CAST "inline-run", BAD_CAST MN_XSLT_NS);
      initialized = 0;
    }
  xsltCleanupGlobals ();
}

/* === parameters === */

static int
valid_name (const char *s, size_t n)
{
  if (n == 0 || !(g_ascii_isalpha (s[0]) || s[0] == '_'))
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!(g_ascii_isalnum (s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
      return 0;
  return 1;
}

int
mn_params_add (mn_params *p, const char *arg)
{
  const char *eq = strchr (arg, '=');
  if (!eq || !valid_name (arg, (size_t) (eq - arg)))
    return MN_EINVALID;
  /* The same name again: the last value wins, as with any repeated option. */
  for (int i = 0; i < p->count; i++)
    if (strlen (p->names[i]) == (size_t) (eq - arg) && strncmp (p->names[i], arg, (size_t) (eq - arg)) == 0)
      {
        p->values[i] = eq + 1;
        return 0;
      }
  p->names = g_renew (const char *, p->names, p->count + 1);
  p->values = g_renew (const char *, p->values, p->count + 1);
  p->names[p->count] = g_strndup (arg, (gsize) (eq - arg));
  p->values[p->count] = eq + 1;
  p->count++;
  return 0;
}

void
mn_params_clear (mn_params *p)
{
  for (int i = 0; i < p->count; i++)
    g_free ((char *) p->names[i]);
  g_free (p->names);
  g_free (p->values);
  p->names = p->values = NULL;
  p->count = 0;
}

/* Is `name` a top-level xsl:param of `style` or of anything it imports or includes? */
static int
declares (xsltStylesheetPtr style, const char *name)
{
  for (xsltStylesheetPtr st = style; st; st = xsltNextImport (st))
    for (xsltStackElemPtr v = st->variables; v; v = v->next)
      if (v->comp && v->comp->type == XSLT_FUNC_PARAM && v->nameURI == NULL
          && xmlStrEqual (v->name, BAD_CAST name))
        return 1;
  return 0;
}

static void
list_params (GString *out, xsltStylesheetPtr style)
{
  for (xsltStylesheetPtr st = style; st; st = xsltNextImport (st))
    for (xsltStackElemPtr v = st->variables; v; v = v->next)
      if (v->comp && v->comp->type == XSLT_FUNC_PARAM && v->nameURI == NULL)
        {
          /* skip names already listed (an import may redeclare a parameter) */
          char *quoted = g_strdup_printf (" %s ", (const char *) v->name);
          char *padded = g_strdup_printf (" %s ", out->str);
          if (!strstr (padded, quoted))
            g_string_append_printf (out, "%s%s", out->len ? " " : "", (const char *) v->name);
          g_free (quoted);
          g_free (padded);
        }
}

int
mn_transform_check_params (const mn_stylesheet *const *sheets, int nsheets, const mn_params *p,
                           mn_diag *d)
{
  int ret = 0;
  for (int i = 0; p && i < p->count; i++)
    {
      int known = 0;
      for (int k = 0; k < nsheets && !known; k++)
        known = declares (sheets[k]->style, p->names[i]);
      if (known)
        continue;
      GString *list = g_string_new (NULL);
      for (int k = 0; k < nsheets; k++)
        list_params (list, sheets[k]->style);
      mn_error (d, NULL, 0, _("unknown --param '%s'; the stylesheets take: %s"), p->names[i],
                list->str);
      g_string_free (list, TRUE);
      ret = MN_EUSAGE;
    }
  return ret;
}

/* === compiling === */

int
mn_transform_stylesheet (mn_stylesheet **out, const char *path, mn_diag *d)
{
  *out = NULL;
  if (init () != 0)
    {
      mn_error (d, NULL, 0, _("cannot set up the XSLT security preferences; please report this"));
      return MN_EFAIL;
    }
  char real[PATH_MAX];
  if (!realpath (path, real))
    {
      mn_error (d, path, 0, _("cannot read the stylesheet; check the data folder (--data-dir)"));
      return MN_EIO;
    }
  if (mn_infile_check (real, NULL) != 0)
    {
      mn_error (d, path, 0, _("cannot read the stylesheet: it is not a regular file (a folder, a named pipe or a device); name the file itself"));
      return MN_EIO;
    }
  for (struct mn_stylesheet *c = cache; c; c = c->next)
    if (strcmp (c->path, real) == 0)
      {
        *out = c;
        return 0;
      }

  struct sink s;
  sink_init (&s, d, path);
  char *dir_copy = g_strdup (real);
  char *dir = strdup (dirname (dir_copy));
  g_free (dir_copy);
  compiling_dir = dir;
  xsltSetGenericErrorFunc (&s, on_xslt_error);
  xmlSetStructuredErrorFunc (&s, on_xml_error);
  xsltStylesheetPtr style = xsltParseStylesheetFile (BAD_CAST real);
  xmlSetStructuredErrorFunc (NULL, NULL);
  xsltSetGenericErrorFunc (NULL, NULL);
  compiling_dir = NULL;
  sink_done (&s);

  if (!style || s.errors || style->errors)
    {
      if (!s.errors)
        mn_error (d, path, 0, _("the stylesheet could not be compiled; fix it or reinstall"));
      xsltFreeStylesheet (style);
      free (dir);
      return MN_EXSLT;
    }
  struct mn_stylesheet *c = calloc (1, sizeof *c);
  c->path = strdup (real);
  c->dir = dir;
  c->style = style;
  c->next = cache;
  cache = c;
  *out = c;
  return 0;
}

/* === applying === */

/* The nodes of the tree at `n` (elements, text, attributes …), for the operation limits. */
static unsigned long
count_nodes (const xmlNode *n)
{
  unsigned long count = 0;
  for (; n; n = n->next)
    {
      count++;
      for (const xmlAttr *a = n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next)
        count++;
      count += count_nodes (n->children);
    }
  return count;
}

int
mn_transform_apply (xmlDocPtr *out, mn_stylesheet *ss, xmlDocPtr doc,
                    const char *source_path, const mn_params *p, mn_diag *d)
{
  *out = NULL;
  struct run r = { .source_name = source_path, .style_dir = ss->dir };
  char *copy = g_strdup (source_path);
  if (!realpath (dirname (copy), r.input_dir))
    r.input_dir[0] = '\0';
  g_free (copy);

  struct sink s;
  sink_init (&s, d, source_path);
  int ret = MN_EXSLT;
  xmlDocPtr res = NULL;
  xsltTransformContextPtr ctxt = xsltNewTransformContext (ss->style, doc);
  if (!ctxt)
    {
      mn_error (d, source_path, 0, _("out of memory while transforming"));
      sink_done (&s);
      return MN_EFAIL;
    }
  ctxt->_private = &r;
  xsltSetCtxtSecurityPrefs (prefs, ctxt);
  xsltSetCtxtParseOptions (ctxt, SAFE_PARSE_OPTIONS);
  xsltSetTransformErrorFunc (ctxt, &s, on_xslt_error);
  xsltSetGenericErrorFunc (&s, on_xslt_error);
  xmlSetStructuredErrorFunc (&s, on_xml_error);

  /* Plain strings, never XPath: a value like ')] | document('/etc/passwd') is just text. */
  for (int i = 0; p && i < p->count; i++)
    if (xsltQuoteOneUserParam (ctxt, BAD_CAST p->names[i], BAD_CAST p->values[i]) != 0)
      s.errors++;

  /* Bounded work: libxslt stops a transformation past these many operations (XSLT
   * instructions; XPath steps), so a hostile or broken stylesheet cannot run for hours. */
  unsigned long nodes = count_nodes (xmlDocGetRootElement (doc));
  ctxt->opLimit = MAX_XSLT_OPS + MAX_XSLT_OPS_PER_NODE * nodes;
  ctxt->xpathCtxt->opLimit = MAX_XPATH_OPS + MAX_XPATH_OPS_PER_NODE * nodes;

  if (!s.errors)
    res = xsltApplyStylesheetUser (ss->style, doc, NULL, NULL, NULL, ctxt);

  xmlSetStructuredErrorFunc (NULL, NULL);
  xsltSetGenericErrorFunc (NULL, NULL);
  sink_done (&s);
  if (ctxt->opCount >= ctxt->opLimit || ctxt->xpathCtxt->opCount >= ctxt->xpathCtxt->opLimit)
    mn_error (d, source_path, 0, _("the stylesheet %s stopped at the limit of work it may do for a document of %lu nodes (docs/hardening.md): it loops, or does work that grows faster than the document; correct the stylesheet"),
              ss->path, nodes);
  if (!res || s.errors || ctxt->state != XSLT_STATE_OK)
    {
      if (!s.errors)
        mn_error (d, source_path, 0,
                  _("the stylesheet %s stopped without saying why; please report this"), ss->path);
      xmlFreeDoc (res);
      goto out;
    }
  *out = res;
  ret = 0;
out:
  xsltFreeTransformContext (ctxt);
  return ret;
}

int
mn_transform_serialize (unsigned char **out, int *len, xmlDocPtr result,
                        const mn_stylesheet *ss)
{
  xmlChar *buf = NULL;
  int n = 0;
  *out = NULL;
  *len = 0;
  if (xsltSaveResultToString (&buf, &n, result, ss->style) != 0)
    return MN_EFAIL;
  if (!buf)
    buf = xmlStrdup (BAD_CAST "");
  *out = buf;
  *len = n;
  return 0;
}


int
mn_transform_save (FILE *fp, xmlDocPtr result, const mn_stylesheet *ss)
{
  errno = 0;
  xmlSetStructuredErrorFunc (NULL, mn_load_ignore_error);
  int n = xsltSaveResultToFile (fp, result, ss->style);
  int e = errno;
  xmlSetStructuredErrorFunc (NULL, NULL);
  errno = e;
  if (n < 0 || ferror (fp))
    {
      if (errno == 0)
        errno = EIO;
      return MN_EIO;
    }
  return 0;
}

int
mn_transform_write (const char *out_path, xmlDocPtr result, const mn_stylesheet *ss, mn_diag *d)
{
  unsigned char *buf = NULL;
  int len = 0;
  if (mn_transform_serialize (&buf, &len, result, ss) != 0)
    {
      mn_error (d, out_path, 0, _("cannot serialize the result; please report this"));
      return MN_EFAIL;
    }
  int ret = 0;
  if (out_path)
    {
      if (mn_atomic_write (out_path, buf, (size_t) len) != 0)
        {
          mn_error (d, out_path, 0, _("cannot write the file (%s); check the folder exists and is writable"),
                    g_strerror (errno));
          ret = MN_EIO;
        }
    }
  else if (fwrite (buf, 1, (size_t) len, stdout) != (size_t) len || fflush (stdout) != 0)
    {
      mn_error (d, NULL, 0, _("cannot write to the standard output (%s); check where it goes, or write a file with -o"),
                g_strerror (errno));
      ret = MN_EIO;
    }
  xmlFree (buf);
  return ret;
}
