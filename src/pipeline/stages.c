/* stages.c: the one-file stages of minutes.h besides the build — validate, fo, render, import —
 * and the one mapping from error codes to exit codes. */
#include "minutes.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "base/i18n.h"
#include "base/infile.h"
#include "pipeline.h"
#include "session/load.h"

/* === exit codes === */

int
mn_exit_code (int err)
{
  switch (err)
    {
    case 0:
      return MN_EXIT_OK;
    case MN_EINVALID:
    case MN_EXSLT:
    case MN_ELIMIT:   /* a limit of docs/hardening.md: the input is at fault */
      return MN_EXIT_INVALID;
    case MN_EIO:
    case MN_EUSAGE:
      return MN_EXIT_USAGE;
    case MN_EFONT:
    case MN_EENV:
      return MN_EXIT_ENV;
    default:
      return MN_EXIT_INTERNAL;
    }
}

int
mn_error_worse (int a, int b)
{
  return mn_exit_code (b) > mn_exit_code (a) ? b : a;
}

void
mn_cleanup (void)
{
  mn_transform_cleanup ();
  mn_load_cleanup ();
  mn_render_cleanup ();
}

/* === outputs that are inputs === */

/* Refuse to write `out` (given with option `opt`, such as "-o") when it is the file `in` the
 * command reads (the same file, or another name for it: infile.h), before anything is read:
 * the reader would meet a half-written file, and the input would be lost.  Returns 0 when
 * they differ (or either is NULL), else MN_EUSAGE after saying so. */
static int
refuse_same (const char *in, const char *out, const char *opt, mn_diag *d)
{
  if (!in || !out || !mn_infile_same (in, out))
    return 0;
  mn_error (d, out, 0, _("%s names %s, which this command reads; writing it would destroy it: give %s another file"),
            opt, in, opt);
  return MN_EUSAGE;
}

/* === validate === */

int
mn_validate (const char *path, mn_diag *d)
{
  xmlDocPtr doc = NULL;
  int rc = mn_load_session (&doc, path, d);
  xmlFreeDoc (doc);
  return rc;
}

/* === fo === */

/* Remove our foreign attributes (mx:line …, namespace MN_FOX_NS) from `n` and below. */
static void
strip_fox_attributes (xmlNodePtr n)
{
  for (; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      xmlAttrPtr a = n->properties;
      while (a)
        {
          xmlAttrPtr next = a->next;
          if (a->ns && xmlStrEqual (a->ns->href, BAD_CAST MN_FOX_NS))
            xmlRemoveProp (a);
          a = next;
        }
      strip_fox_attributes (n->children);
    }
}

/* Then their namespace declaration (the stylesheet puts it on the root only), so strict XSL-FO
 * processors such as FOP, which refuse attributes they do not know, take the FO as it is. */
static void
strip_fox (xmlNodePtr root)
{
  strip_fox_attributes (root);
  xmlNsPtr *link = &root->nsDef;
  while (*link)
    {
      xmlNsPtr ns = *link;
      if (xmlStrEqual (ns->href, BAD_CAST MN_FOX_NS))
        {
          *link = ns->next;
          ns->next = NULL;
          xmlFreeNs (ns);
        }
      else
        link = &ns->next;
    }
}

int
mn_fo (const char *path, const mn_fo_opts *opts, mn_diag *d)
{
  mn_stylesheet *ss = NULL;
  mn_params params = MN_PARAMS_INIT;
  char *sha = NULL;
  xmlDocPtr doc = NULL, fo = NULL;
  if (refuse_same (path, opts->out_path, "-o", d) != 0
      || refuse_same (opts->stylesheet, opts->out_path, "-o", d) != 0)
    return MN_EUSAGE;
  mn_load_init ();
  /* The user's stylesheet is an input like the session; the data folder's is the installation. */
  int err = opts->stylesheet ? mn_transform_stylesheet (&ss, opts->stylesheet, d)
                             : mn_data_stylesheet (&ss, "xsl/session-fo.xsl", d);
  if (err == 0)
    {
      const mn_stylesheet *sheets[] = { ss };
      err = mn_transform_check_params (sheets, 1, opts->params, d);
    }
  if (err == 0)
    err = mn_pipeline_load (&doc, &params, &sha, path, opts->params, d);
  if (err == 0)
    err = mn_transform_apply (&fo, ss, doc, path, &params, d);
  if (err == 0)
    {
      xmlNodePtr root = xmlDocGetRootElement (fo);
      if (!opts->source_lines && root)
        strip_fox (root);
      err = mn_transform_write (opts->out_path, fo, ss, d);
    }
  mn_params_clear (&params);
  g_free (sha);
  xmlFreeDoc (fo);
  xmlFreeDoc (doc);
  return err;
}

/* === render === */

int
mn_render (const char *fo_path, const char *out_path, const mn_render_opts *opts, mn_diag *d)
{
  mn_render_opts ro = *opts;
  if (!ro.source_name)
    ro.source_name = fo_path;
  if (refuse_same (fo_path, out_path, "-o", d) != 0
      || refuse_same (fo_path, ro.dump_layout, "--dump-layout", d) != 0)
    return MN_EUSAGE;
  if (ro.dump_layout && mn_infile_same (out_path, ro.dump_layout))
    {
      mn_error (d, ro.dump_layout, 0, _("--dump-layout names the same file as -o; give the layout dump a file of its own"));
      return MN_EUSAGE;
    }
  /* The FO is read as safely as a session (load.h): no DTD, no entities, no other files,
   * size, depth and attribute limits; an FO file can come from anywhere. */
  xmlDocPtr doc = NULL;
  int rc = mn_load_parse_xml (&doc, fo_path, d);
  if (rc == 0)
    rc = mn_render_pdf (out_path, doc, &ro, d);
  xmlFreeDoc (doc);
  return rc;
}

/* === import === */

int
mn_import (const char *in_path, const char *out_path, const mn_import_options *opts, mn_diag *d)
{
  if (refuse_same (in_path, out_path, "-o", d) != 0)
    return MN_EUSAGE;
  /* An imported session is corrected by hand (README: "Importing past minutes"): importing
   * again must never overwrite those corrections.  So the output is a new file; mn_import_save
   * makes sure of it again when it writes (the file may appear meanwhile). */
  struct stat st;
  if (lstat (out_path, &st) == 0)
    {
      mn_error (d, out_path, 0, _("this file exists, and import never replaces a file (it may hold corrections made by hand): remove it first, or give -o a new name"));
      return MN_EUSAGE;
    }
  xmlDocPtr doc = NULL;
  int rc = mn_import_load (&doc, in_path, opts, d);
  if (rc == 0)
    rc = mn_import_save (doc, out_path, d);
  xmlFreeDoc (doc);
  if (rc != 0)
    return rc;

  /* What we wrote must pass `minutes validate`.  When the source itself is wrong (a weekday
   * that is not the date's, a request without its answer) it does not: the new file stays,
   * so it can be corrected by hand, and the errors point into it. */
  rc = mn_validate (out_path, d);
  if (rc != 0 && rc != MN_EENV)
    {
      mn_error (d, out_path, 0, _("the imported session does not pass `minutes validate` (see above); it was written so you can correct it, then run `minutes validate` again"));
      rc = MN_EINVALID;
    }
  return rc;
}
