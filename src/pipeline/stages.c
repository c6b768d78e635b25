/* stages.c: the one-file stages of minutes.h besides the build — validate, fo, render, import —
 * and the one mapping from error codes to exit codes. */
#include "minutes.h"

#include <errno.h>
#include <string.h>

#include <glib.h>

#include "base/i18n.h"
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
  xmlDocPtr doc = NULL;
  int rc = mn_import_load (&doc, in_path, opts, d);
  if (rc == 0)
    rc = mn_import_save (doc, out_path, d);
  xmlFreeDoc (doc);
  if (rc != 0)
    return rc;

  /* What we wrote must pass `minutes validate`.  When the source itself is wrong (a weekday
   * that is not the date's, a request without its answer) it does not: the file stays, so
   * it can be corrected by hand, and the errors point into it. */
  rc = mn_validate (out_path, d);
  if (rc != 0 && rc != MN_EENV)
    {
      mn_error (d, out_path, 0, _("the imported session does not pass `minutes validate` (see above); it was written so you can correct it, then run `minutes validate` again"));
      rc = MN_EINVALID;
    }
  return rc;
}
