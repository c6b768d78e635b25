/* new.c: mn_new_session — start a session file from the template in the data folder.
 *
 * The template (templates/session.xml) is valid against the schema as it stands; what the
 * staff must fill holds the placeholder 「ここに記入」, which `minutes validate` reports line by
 * line until it is replaced.  Three tokens are substituted here:
 *   @SCHEMA@   where the schema is, for xsi:schemaLocation (relative when the new file lies
 *              inside the data folder, e.g. input/ of a checkout; a file: URI otherwise);
 *   @COUNCIL@  the council's name (escaped), or the placeholder;
 *   @FILE@     the new file's name, for the commands quoted in the opening comment. */
#include "minutes.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/i18n.h"
#include "base/paths.h"

/* What staff must replace; `minutes validate` reports every text that still holds it. */
#define PLACEHOLDER "ここに記入"

/* The value for xsi:schemaLocation's second half: a path relative to the new file when the
 * file lies inside the data folder (so a checkout's input/ keeps "../schema/session.xsd"),
 * else an absolute file: URI.  `dir` is the new file's folder, already resolved. */
static char *
schema_location (const char *dir)
{
  const char *data = mn_paths_data_dir ();
  size_t n = strlen (data);
  if (strncmp (dir, data, n) == 0 && (dir[n] == '/' || dir[n] == '\0'))
    {
      GString *rel = g_string_new ("");
      for (const char *p = dir + n; *p; p++)
        if (*p == '/' && p[1] != '\0')
          g_string_append (rel, "../");
      g_string_append (rel, "schema/session.xsd");
      return g_string_free (rel, FALSE);
    }
  char *xsd = mn_paths_data_file ("schema/session.xsd");
  char *uri = xsd ? g_filename_to_uri (xsd, NULL, NULL) : NULL;
  free (xsd);
  return uri;
}

/* Replace every `token` in `s` by `value`. */
static void
replace_all (GString *s, const char *token, const char *value)
{
  g_string_replace (s, token, value, 0);
}

/* The name shown in the template's opening comment: the base name, made safe for a comment. */
static char *
comment_name (const char *path)
{
  char *base = g_path_get_basename (path);
  if (!g_utf8_validate (base, -1, NULL) || strstr (base, "--"))
    {
      g_free (base);
      return g_strdup ("FILE.xml");
    }
  return base;
}

/* Write `len` bytes as the new file `path`, whole or not at all, and never over an existing
 * file (mn_atomic_commit_new).  Returns 0, EEXIST, or another errno value; the temporary is
 * always removed. */
static int
write_new (const char *path, const char *data, size_t len)
{
  mn_atomic a = MN_ATOMIC_INIT;
  if (mn_atomic_open (&a, path) != 0)
    return errno ? errno : EIO;
  fwrite (data, 1, len, a.fp);   /* a short write is the commit's failure, with its errno */
  return mn_atomic_commit_new (&a) == 0 ? 0 : errno;
}

int
mn_new_session (const char *file, const char *council, mn_diag *d)
{
  int rc = MN_EUSAGE;
  char *tpl_path = NULL, *text = NULL, *dir = NULL, *schema = NULL, *name = NULL;
  char *council_xml = NULL;
  GString *out = NULL;
  char real_dir[PATH_MAX];

  if (!g_str_has_suffix (file, ".xml"))
    {
      mn_error (d, file, 0, _("a session file's name must end in .xml (e.g. r07-1.xml); the minutes take their name from it"));
      goto out;
    }
  if (council && (!*council || !g_utf8_validate (council, -1, NULL)))
    {
      mn_error (d, NULL, 0, _("--council needs the council's name in UTF-8, e.g. --council 情報公開・個人情報保護審議会"));
      goto out;
    }
  struct stat st;
  if (lstat (file, &st) == 0)
    {
      mn_error (d, file, 0, _("the file already exists; it was left unchanged. Give a new file name, or edit this one"));
      goto out;
    }
  dir = g_path_get_dirname (file);
  if (!realpath (dir, real_dir))
    {
      mn_error (d, file, 0, _("cannot write here: the folder '%s' does not exist (%s); create it first"),
                dir, strerror (errno));
      goto out;
    }

  tpl_path = mn_paths_data_file ("templates/session.xml");
  gsize len = 0;
  if (!tpl_path || !g_file_get_contents (tpl_path, &text, &len, NULL))
    {
      mn_error (d, tpl_path, 0, _("cannot read the session template; reinstall minutes, or give its data folder with --data-dir"));
      rc = MN_EENV;
      goto out;
    }
  schema = schema_location (real_dir);
  if (!schema)
    {
      rc = MN_EFAIL;
      goto out;
    }
  name = comment_name (file);
  out = g_string_new_len (text, (gssize) len);
  if (council)
    council_xml = g_markup_escape_text (council, -1);
  /* The schema location sits in an attribute: a file: URI or a relative path has no & < ". */
  replace_all (out, "@SCHEMA@", schema);
  replace_all (out, "@COUNCIL@", council_xml ? council_xml : PLACEHOLDER);
  replace_all (out, "@FILE@", name);

  int werr = write_new (file, out->str, out->len);
  if (werr == EEXIST)
    {
      mn_error (d, file, 0, _("the file already exists; it was left unchanged. Give a new file name, or edit this one"));
      rc = MN_EIO;
      goto out;
    }
  if (werr != 0)
    {
      mn_error (d, file, 0, _("cannot write the file (%s); check the folder's permissions and free space"),
                strerror (werr));
      rc = MN_EIO;
      goto out;
    }
  rc = 0;

out:
  g_free (council_xml);
  if (out)
    g_string_free (out, TRUE);
  g_free (name);
  g_free (schema);
  g_free (text);
  g_free (dir);
  free (tpl_path);
  return rc;
}
