/* Taking faxes from the gateway's spool folder: claim by rename, finish by
 * moving to done/ only after the store has committed the item. */
#define _GNU_SOURCE   /* renameat2 */
#define G_LOG_DOMAIN "xf-intake"
#include "intake/spool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common/common.h"

/* The metadata file beside a fax is small; anything larger is not ours. */
#define MAX_META_BYTES 65536
/* How long metadata waits for its fax before it is taken for a lone one. */
#define LONE_META_SECONDS 60

void
xf_spool_file_free (XfSpoolFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->path);
  g_free (file->meta_path);
  g_free (file->sender);
  g_free (file);
}

static gboolean
ensure_dir (const char *path, GError **error)
{
  if (g_mkdir_with_parents (path, 0750) != 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Renames @from to @to unless @to exists: 0, or -1 with errno (EEXIST when
 * it does).  renameat2() needs only the folders to be writable; link()
 * also needs the file to be ours or read-write for us under Linux's
 * protected_hardlinks, and a gateway's fax is its own, so link() is only
 * for file systems without RENAME_NOREPLACE. */
static int
rename_no_replace (const char *from, const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
  if (link (from, to) != 0)
    return -1;
  if (g_unlink (from) != 0)
    {
      int saved = errno;
      g_unlink (to);
      errno = saved;
      return -1;
    }
  return 0;
}

/* Renames @from to @dir/@name, or @dir/@name.1, .2 ... when that is taken,
 * never replacing a file.  Returns the new path (g_free) or NULL. */
static char *
move_unique (const char *from, const char *dir, const char *name,
             GError **error)
{
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *candidate = i == 0
          ? g_strdup (name) : g_strdup_printf ("%s.%u", name, i);
      g_autofree char *to = g_build_filename (dir, candidate, NULL);

      if (rename_no_replace (from, to) == 0)
        return g_steal_pointer (&to);
      if (errno != EEXIST)
        {
          int saved = errno;
          g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "moving %s to %s: %s",
                       from, dir, g_strerror (saved));
          return NULL;
        }
    }
  g_set_error (error, XF_ERROR, XF_ERROR_FAILED,
               "moving %s: too many files named %s in %s", from, name, dir);
  return NULL;
}

static char *
meta_path_of (const char *path)
{
  return g_strconcat (path, ".meta", NULL);
}

/* The sender from a metadata file: "sender=", else "tsi=", else
 * "callid=".  Values are kept to printable ASCII, 64 bytes at most. */
static char *
read_sender (const char *meta_path)
{
  static const char *const keys[] = { "sender", "tsi", "callid" };
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  struct stat st;

  if (g_stat (meta_path, &st) != 0 || st.st_size > MAX_META_BYTES
      || !g_file_get_contents (meta_path, &contents, &length, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    for (char **line = lines; *line != NULL; line++)
      {
        char *eq = strchr (*line, '=');
        GString *value;

        if (eq == NULL)
          continue;
        *eq = '\0';
        g_strstrip (*line);
        if (g_ascii_strcasecmp (*line, keys[k]) != 0)
          {
            *eq = '=';
            continue;
          }
        value = g_string_new (NULL);
        for (const char *c = eq + 1; *c != '\0' && value->len < 64; c++)
          if (g_ascii_isprint (*c))
            g_string_append_c (value, *c);
        *eq = '=';
        g_strstrip (value->str);
        g_string_set_size (value, strlen (value->str));
        if (value->len > 0)
          return g_string_free (value, FALSE);
        g_string_free (value, TRUE);
      }
  return NULL;
}

static XfSpoolFile *
describe (const char *name, const char *path, gint64 size)
{
  XfSpoolFile *file = g_new0 (XfSpoolFile, 1);
  g_autofree char *meta = meta_path_of (path);

  file->name = g_strdup (name);
  file->path = g_strdup (path);
  file->size = size;
  if (g_file_test (meta, G_FILE_TEST_IS_REGULAR))
    {
      file->meta_path = g_steal_pointer (&meta);
      file->sender = read_sender (file->meta_path);
    }
  return file;
}

static gboolean
is_candidate_name (const char *name)
{
  return name[0] != '.' && !g_str_has_suffix (name, ".meta")
         && !g_str_has_suffix (name, ".reason");
}

static gint
compare_files (gconstpointer a, gconstpointer b)
{
  const XfSpoolFile *fa = *(XfSpoolFile *const *) a;
  const XfSpoolFile *fb = *(XfSpoolFile *const *) b;
  return strcmp (fa->name, fb->name);
}

/* The files of @dir (not folders), by name. */
static GPtrArray *
list_names (const char *dir, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &local);
  GPtrArray *names;
  const char *name;

  if (d == NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "[spool] dir: %s",
                   local->message);
      return NULL;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    if (is_candidate_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

/* Whether @path was changed within the last @settle_seconds before @now. */
static gboolean
changed_lately (const char *path, gint64 now, guint settle_seconds)
{
  GStatBuf st;

  return g_stat (path, &st) == 0
         && now - (gint64) st.st_mtime < (gint64) settle_seconds;
}

/* A NAME.meta in @dir without NAME beside it came after its fax was
 * claimed (or without one).  Once settled, it joins its fax in work/ when
 * that is still there, and otherwise is set aside in rejected/ with a
 * reason, so that the spool does not keep it for ever.  A gateway may put
 * the metadata in place a moment before its fax, so a lone one is left
 * alone for LONE_META_SECONDS at least, whatever [spool] settle_seconds. */
static void
sweep_lone_metadata (const char *dir, const char *work, gint64 now,
                     guint settle_seconds, XfSpoolCounts *counts)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lone = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, ".meta"))
      g_ptr_array_add (lone, g_strdup (name));
  for (guint i = 0; i < lone->len; i++)
    {
      const char *meta_name = g_ptr_array_index (lone, i);
      g_autofree char *fax_name = g_strndup (meta_name,
                                             strlen (meta_name) - strlen (".meta"));
      g_autofree char *fax = g_build_filename (dir, fax_name, NULL);
      g_autofree char *meta = g_build_filename (dir, meta_name, NULL);
      g_autofree char *claimed = g_build_filename (work, fax_name, NULL);
      g_autofree char *claimed_meta = meta_path_of (claimed);
      g_autoptr(GError) local = NULL;

      if (g_file_test (fax, G_FILE_TEST_EXISTS)
          || !g_file_test (meta, G_FILE_TEST_IS_REGULAR)
          || changed_lately (meta, now, MAX (settle_seconds, LONE_META_SECONDS)))
        continue;
      if (g_file_test (claimed, G_FILE_TEST_IS_REGULAR)
          && !g_file_test (claimed_meta, G_FILE_TEST_EXISTS))
        {
          if (g_rename (meta, claimed_meta) != 0)
            {
              g_warning ("spool: moving %s: %s", meta, g_strerror (errno));
              counts->unclaimed++;
            }
          continue;
        }
      XfSpoolFile lone_file = { .name = (char *) meta_name, .path = meta };
      g_autofree char *reason = g_strdup_printf (
          "%s came without its fax (taken before it came, or never sent):"
          " the sender it names is not on any case", meta_name);
      if (!xf_spool_reject (dir, &lone_file, reason, &local))
        {
          g_warning ("spool: %s", local->message);
          counts->unclaimed++;
          continue;
        }
      g_warning ("spool: %s set aside in rejected/: %s", meta_name, reason);
      counts->rejected++;
    }
}

/* A file dated ahead of this machine's clock (the gateway's clock runs
 * ahead, or this one was set back) waits until the clock reaches it: said
 * once for each file in @told (NULL: every time). */
static void
warn_future (const char *path, gint64 ahead, GHashTable *told)
{
  g_autofree char *key = g_strconcat ("spool-ahead:", path, NULL);

  if (told != NULL && !g_hash_table_add (told, g_steal_pointer (&key)))
    return;
  g_warning ("spool: %s is dated %" G_GINT64_FORMAT " s ahead of this"
             " machine's clock; it is taken once the clock has passed that"
             " time and [spool] settle_seconds (check the clocks)",
             path, ahead);
}

GPtrArray *
xf_spool_claim (const char *dir, guint settle_seconds, gint64 max_bytes,
                XfSpoolCounts *counts, GHashTable *told, GError **error)
{
  g_autofree char *work = g_build_filename (dir, "work", NULL);
  g_autoptr(GPtrArray) claimed = g_ptr_array_new_with_free_func (
      (GDestroyNotify) xf_spool_file_free);
  g_autoptr(GPtrArray) leftovers = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "[spool] dir: %s is not a folder", dir);
      return NULL;
    }
  if (!ensure_dir (work, error))
    return NULL;

  *counts = (XfSpoolCounts) { 0 };
  sweep_lone_metadata (dir, work, now, settle_seconds, counts);

  /* What an interrupted poll claimed is ours already: take it again. */
  leftovers = list_names (work, error);
  if (leftovers == NULL)
    return NULL;
  for (guint i = 0; i < leftovers->len; i++)
    {
      const char *name = g_ptr_array_index (leftovers, i);
      g_autofree char *path = g_build_filename (work, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      g_ptr_array_add (claimed, describe (name, path, st.st_size));
    }

  fresh = list_names (dir, error);
  if (fresh == NULL)
    return NULL;
  for (guint i = 0; i < fresh->len; i++)
    {
      const char *name = g_ptr_array_index (fresh, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *meta = meta_path_of (path);
      g_autofree char *claimed_path = NULL;
      g_autoptr(GError) local = NULL;
      GStatBuf st;

      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if ((gint64) st.st_mtime > now + MAX (settle_seconds, 60u))
        warn_future (path, (gint64) st.st_mtime - now, told);
      /* Still being written, or written a moment ago, or its metadata
       * is: next poll. */
      if (now - (gint64) st.st_mtime < (gint64) settle_seconds
          || changed_lately (meta, now, settle_seconds))
        continue;

      claimed_path = move_unique (path, work, name, &local);
      if (claimed_path == NULL)
        {
          g_warning ("spool: %s", local->message);
          counts->unclaimed++;
          continue;
        }
      if (g_file_test (meta, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *meta_to = meta_path_of (claimed_path);
          if (g_rename (meta, meta_to) != 0)
            g_warning ("spool: moving %s: %s", meta, g_strerror (errno));
        }
      g_debug ("spool: claimed %s", name);
      g_ptr_array_add (claimed, describe (name, claimed_path, st.st_size));
    }

  /* Over the limit: set aside before anyone reads it into memory. */
  for (guint i = 0; i < claimed->len;)
    {
      XfSpoolFile *file = g_ptr_array_index (claimed, i);
      if (max_bytes > 0 && file->size > max_bytes)
        {
          g_autofree char *reason = g_strdup_printf (
              "%" G_GINT64_FORMAT " bytes, over the limit of %" G_GINT64_FORMAT
              " ([ocr] max_file_bytes)", file->size, max_bytes);
          g_autoptr(GError) local = NULL;
          if (xf_spool_reject (dir, file, reason, &local))
            {
              g_warning ("spool: %s set aside in rejected/: %s", file->name,
                         reason);
              counts->rejected++;
            }
          else
            {
              g_warning ("spool: %s", local->message);
              counts->unclaimed++;
            }
          g_ptr_array_remove_index (claimed, i);
          continue;
        }
      i++;
    }
  g_ptr_array_sort (claimed, compare_files);
  return g_steal_pointer (&claimed);
}

/* Moves @file and its metadata into @dir/@sub/. */
static gboolean
move_to (const char *dir, const char *sub, const XfSpoolFile *file,
         GError **error)
{
  g_autofree char *target = g_build_filename (dir, sub, NULL);
  g_autofree char *base = g_path_get_basename (file->path);
  g_autofree char *moved = NULL;

  if (!ensure_dir (target, error))
    return FALSE;
  moved = move_unique (file->path, target, base, error);
  if (moved == NULL)
    return FALSE;
  if (file->meta_path != NULL)
    {
      g_autofree char *meta_to = meta_path_of (moved);
      if (g_rename (file->meta_path, meta_to) != 0)
        g_warning ("spool: moving %s: %s", file->meta_path,
                   g_strerror (errno));
    }
  return TRUE;
}

gboolean
xf_spool_finish (const char *dir, const XfSpoolFile *file, gboolean remove,
                 GError **error)
{
  if (!remove)
    return move_to (dir, "done", file, error);
  if (g_unlink (file->path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "removing %s: %s",
                   file->path, g_strerror (saved));
      return FALSE;
    }
  if (file->meta_path != NULL)
    g_unlink (file->meta_path);
  return TRUE;
}

gboolean
xf_spool_reject (const char *dir, const XfSpoolFile *file,
                 const char *reason, GError **error)
{
  g_autofree char *rejected = g_build_filename (dir, "rejected", NULL);
  g_autofree char *base = g_path_get_basename (file->path);
  g_autofree char *moved = NULL;
  g_autofree char *reason_path = NULL;
  g_autofree char *line = g_strconcat (reason, "\n", NULL);

  if (!ensure_dir (rejected, error))
    return FALSE;
  moved = move_unique (file->path, rejected, base, error);
  if (moved == NULL)
    return FALSE;
  if (file->meta_path != NULL)
    {
      g_autofree char *meta_to = meta_path_of (moved);
      g_rename (file->meta_path, meta_to);
    }
  reason_path = g_strconcat (moved, ".reason", NULL);
  return g_file_set_contents (reason_path, line, -1, error);
}
