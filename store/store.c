/* Opening the home folder, the content-addressed blob folder, and filing a
 * document as a new case in one transaction. */
#define G_LOG_DOMAIN "xf-store"
#include "store/store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static gboolean
make_dir (const char *path, GError **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_STORE, "cannot create %s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

XfStore *
xf_store_open (const char *home, GError **error)
{
  g_autoptr(XfStore) store = g_new0 (XfStore, 1);
  g_autofree char *db_path = NULL;
  g_autofree char *tmp_dir = NULL;

  g_return_val_if_fail (home != NULL, NULL);

  store->home = g_strdup (home);
  store->blob_dir = g_build_filename (home, "blobs", NULL);
  tmp_dir = g_build_filename (store->blob_dir, "tmp", NULL);
  if (!make_dir (home, error) || !make_dir (tmp_dir, error))
    return NULL;

  db_path = g_build_filename (home, "xinfang.db", NULL);
  if (sqlite3_open_v2 (db_path, &store->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                       | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_STORE, "cannot open %s: %s",
                   db_path, store->db ? sqlite3_errmsg (store->db)
                                      : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 10000);
  sqlite3_extended_result_codes (store->db, 1);
  if (!xf_store_exec (store->db,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;", error)
      || !xf_store_migrate (store->db, xf_store_latest_version, error))
    {
      g_prefix_error (error, "%s: ", db_path);
      return NULL;
    }
  return g_steal_pointer (&store);
}

void
xf_store_close (XfStore *store)
{
  if (store == NULL)
    return;
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  g_free (store->home);
  g_free (store->blob_dir);
  g_free (store);
}

int
xf_store_schema_version (XfStore *store)
{
  return xf_store_read_version (store->db, NULL);
}

const char *
xf_store_home (XfStore *store)
{
  return store->home;
}

char *
xf_store_blob_path (XfStore *store, const char *sha256)
{
  g_autofree char *prefix = g_strndup (sha256, 2);

  g_return_val_if_fail (strlen (sha256) == 64, NULL);
  return g_build_filename (store->blob_dir, prefix, sha256 + 2, NULL);
}

static gboolean
fsync_dir (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  gboolean ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
xf_store_write_blob (XfStore *store, GBytes *data, char **sha256,
                     gboolean *created, GError **error)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  g_autofree char *hex = xf_sha256_hex (bytes, length);
  g_autofree char *path = xf_store_blob_path (store, hex);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (store->blob_dir, "tmp",
                                           "blob-XXXXXX", NULL);
  int fd;

  *created = FALSE;
  /* Content-addressed: a file with this name already holds these bytes,
   * and originals are never rewritten. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *sha256 = g_steal_pointer (&hex);
      return TRUE;
    }
  if (!make_dir (dir, error))
    return FALSE;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0400);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_STORE,
                   "cannot create a blob in %s: %s", store->blob_dir,
                   g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, bytes, length) || fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmp);
      g_set_error (error, XF_ERROR, XF_ERROR_STORE, "cannot write %s: %s",
                   tmp, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* link() rather than rename() so that a blob another process finished
   * meanwhile is kept as it is, never replaced. */
  if (link (tmp, path) == 0)
    *created = TRUE;
  else if (errno != EEXIST)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, XF_ERROR, XF_ERROR_STORE, "cannot store %s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  g_unlink (tmp);
  fsync_dir (dir);
  *sha256 = g_steal_pointer (&hex);
  return TRUE;
}

void
xf_filed_clear (XfFiled *filed)
{
  g_clear_pointer (&filed->case_number, g_free);
}

sqlite3_stmt *
xf_store_prepare (XfStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      xf_store_set_error (store->db, "preparing a statement", error);
      return NULL;
    }
  return stmt;
}

void
xf_store_bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

gboolean
xf_store_step_done (XfStore *store, sqlite3_stmt *stmt, const char *what,
                    GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      xf_store_set_error (store->db, what, error);
      return FALSE;
    }
  return TRUE;
}

char *
xf_store_iso_time (GDateTime *t)
{
  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
xf_store_now_text (void)
{
  g_autoptr(GDateTime) now = xf_clock_now ();
  return xf_store_iso_time (now);
}

char *
xf_store_column_text (sqlite3_stmt *stmt, int i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

GPtrArray *
xf_store_rows (XfStore *store, sqlite3_stmt *stmt, XfStoreRowFunc row,
               GDestroyNotify free_row, const char *what, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row (stmt));
  if (rc != SQLITE_DONE)
    {
      xf_store_set_error (store->db, what, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
xf_store_find_document (XfStore *store, const char *sha256, XfFiled *filed,
                        GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = NULL;
  int rc;

  stmt = xf_store_prepare (store,
                  "SELECT d.id, c.number FROM documents d"
                  " LEFT JOIN case_documents cd ON cd.document_id = d.id"
                  " LEFT JOIN cases c ON c.id = cd.case_id"
                  " WHERE d.sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  xf_store_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      xf_store_set_error (store->db, "looking up a document", error);
      return FALSE;
    }
  filed->document_id = sqlite3_column_int64 (stmt, 0);
  filed->case_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  filed->duplicate = TRUE;
  return TRUE;
}

/* Allocates the next case number of @year; runs inside the filing
 * transaction, whose write lock makes MAX()+1 safe across processes. */
gint64
xf_store_insert_case (XfStore *store, GDateTime *now, const char *at,
                      const XfFiling *filing, char **number, GError **error)
{
  g_autoptr(XfSqliteStmt) next = NULL;
  g_autoptr(XfSqliteStmt) insert = NULL;
  int year = g_date_time_get_year (now);
  gint64 seq;

  next = xf_store_prepare (store,
                  "SELECT COALESCE (MAX (seq), 0) + 1 FROM cases WHERE year = ?",
                  error);
  if (next == NULL)
    return 0;
  sqlite3_bind_int (next, 1, year);
  if (sqlite3_step (next) != SQLITE_ROW)
    {
      xf_store_set_error (store->db, "numbering a case", error);
      return 0;
    }
  seq = sqlite3_column_int64 (next, 0);
  if (seq > 999999)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_STORE,
                   "case numbers for %d are exhausted", year);
      return 0;
    }
  *number = g_strdup_printf ("XF-%04d-%06" G_GINT64_FORMAT, year, seq);

  insert = xf_store_prepare (store,
                    "INSERT INTO cases (number, year, seq, created_at, topic,"
                    " topic_score, flags) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return 0;
  xf_store_bind_text (insert, 1, *number);
  sqlite3_bind_int (insert, 2, year);
  sqlite3_bind_int64 (insert, 3, seq);
  xf_store_bind_text (insert, 4, at);
  xf_store_bind_text (insert, 5, filing->topic);
  if (filing->topic != NULL)
    sqlite3_bind_double (insert, 6, filing->topic_score);
  if (filing->flags >= 0)
    sqlite3_bind_int (insert, 7, filing->flags);
  if (!xf_store_step_done (store, insert, "creating a case", error))
    return 0;
  return sqlite3_last_insert_rowid (store->db);
}

gboolean
xf_store_audit (XfStore *store, const char *at, const char *actor,
                const char *action, gint64 case_id, gint64 document_id,
                const char *detail, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "INSERT INTO audit (at, actor, action, case_id, document_id, detail)"
      " VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  xf_store_bind_text (stmt, 1, at);
  xf_store_bind_text (stmt, 2, actor);
  xf_store_bind_text (stmt, 3, action);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 4, case_id);
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 5, document_id);
  xf_store_bind_text (stmt, 6, detail);
  return xf_store_step_done (store, stmt, "writing the audit log", error);
}

gboolean
xf_store_add_revision (XfStore *store, gint64 case_id, const char *field,
                       const char *value, double confidence,
                       const char *source, const char *by, const char *at,
                       gint64 document_id, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "INSERT INTO field_revisions"
      " (case_id, field, value, confidence, source, by, at, document_id)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  xf_store_bind_text (stmt, 2, field);
  xf_store_bind_text (stmt, 3, value);
  sqlite3_bind_double (stmt, 4, confidence);
  xf_store_bind_text (stmt, 5, source);
  xf_store_bind_text (stmt, 6, by);
  xf_store_bind_text (stmt, 7, at);
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 8, document_id);
  return xf_store_step_done (store, stmt, "writing a field revision", error);
}

gboolean
xf_store_remember_blob (XfStore *store, GBytes *data,
                        GPtrArray *created_paths, char **sha256,
                        GError **error)
{
  gboolean created = FALSE;

  if (!xf_store_write_blob (store, data, sha256, &created, error))
    return FALSE;
  if (created)
    g_ptr_array_add (created_paths, xf_store_blob_path (store, *sha256));
  return TRUE;
}

void
xf_store_rollback (XfStore *store, GPtrArray *created_paths)
{
  /* Blobs this transaction created will be referenced by nothing.  Removed
   * while the write lock is still held, so no other filing can have come to
   * rely on them meanwhile. */
  for (guint i = 0; created_paths != NULL && i < created_paths->len; i++)
    g_unlink (g_ptr_array_index (created_paths, i));
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
xf_store_insert_document (XfStore *store, const XfDocumentRow *row,
                          GError **error)
{
  g_autoptr(XfSqliteStmt) doc = NULL;

  doc = xf_store_prepare (store,
                 "INSERT INTO documents (channel, source_key, filename,"
                 " media_type, sha256, size, message_id, received_at, state,"
                 " sender) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (doc == NULL)
    return 0;
  xf_store_bind_text (doc, 1, row->channel);
  xf_store_bind_text (doc, 2, row->source_key);
  xf_store_bind_text (doc, 3, row->filename);
  xf_store_bind_text (doc, 4, row->media_type);
  xf_store_bind_text (doc, 5, row->sha256);
  sqlite3_bind_int64 (doc, 6, row->size);
  xf_store_bind_text (doc, 7, row->message_id);
  xf_store_bind_text (doc, 8, row->at);
  xf_store_bind_text (doc, 9, row->state);
  xf_store_bind_text (doc, 10, row->sender);
  if (!xf_store_step_done (store, doc, "adding the document", error))
    return 0;
  return sqlite3_last_insert_rowid (store->db);
}

/* The number of the case @number was merged into, or NULL: with @error
 * unset when it was not, set when the store failed. */
static char *
merged_into (XfStore *store, const char *number, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "SELECT m.number FROM cases c JOIN cases m ON m.id = c.merged_into"
      " WHERE c.number = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return xf_store_column_text (stmt, 0);
    case SQLITE_DONE:
      return NULL;
    default:
      xf_store_set_error (store->db, "following a merged case", error);
      return NULL;
    }
}

gboolean
xf_store_attach_reading (XfStore *store, gint64 document_id,
                         const char *raw_sha, const XfFiling *filing,
                         GPtrArray *created_paths, GDateTime *now,
                         XfFiled *filed, GError **error)
{
  g_autofree char *at = xf_store_iso_time (now);
  g_autofree char *detail = NULL;
  g_autoptr(XfSqliteStmt) link_stmt = NULL;
  gint64 case_id;

  for (guint i = 0; filing->pages != NULL && i < filing->pages->len; i++)
    {
      const XfPageRecord *page = g_ptr_array_index (filing->pages, i);
      g_autofree char *image_sha = NULL;
      g_autoptr(XfSqliteStmt) stmt = NULL;

      if (page->image_is_raw)
        image_sha = g_strdup (raw_sha);
      else if (page->image != NULL
               && !xf_store_remember_blob (store, page->image, created_paths,
                                           &image_sha, error))
        return FALSE;

      stmt = xf_store_prepare (store,
                      "INSERT INTO pages (document_id, n, image_sha256, text,"
                      " confidence, words) VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int (stmt, 2, (int) page->n);
      xf_store_bind_text (stmt, 3, image_sha);
      xf_store_bind_text (stmt, 4, page->text ? page->text : "");
      if (page->confidence >= 0)
        sqlite3_bind_double (stmt, 5, page->confidence);
      xf_store_bind_text (stmt, 6, page->words_json);
      if (!xf_store_step_done (store, stmt, "adding a page", error))
        return FALSE;
    }

  if (filing->join_case != NULL)
    {
      g_autoptr(XfCaseSummary) summary = NULL;
      g_autofree char *number = g_strdup (filing->join_case);

      /* A clerk may have merged the case since the repeat was judged (the
       * judging reads outside this transaction): the item goes where the
       * case went. */
      for (guint hops = 0; hops < 64; hops++)
        {
          g_autoptr(GError) local = NULL;
          char *into = merged_into (store, number, &local);

          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (into == NULL)
            break;
          g_free (number);
          number = into;
        }
      case_id = xf_store_find_case (store, number, &summary, error);
      if (case_id == 0)
        return FALSE;
      filed->case_number = g_strdup (summary->number);
      filed->repeat = TRUE;
    }
  else
    {
      case_id = xf_store_insert_case (store, now, at, filing, &filed->case_number,
                             error);
      if (case_id == 0)
        return FALSE;
    }

  link_stmt = xf_store_prepare (store,
                       "INSERT INTO case_documents (document_id, case_id,"
                       " linked_at) VALUES (?, ?, ?)", error);
  if (link_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (link_stmt, 1, document_id);
  sqlite3_bind_int64 (link_stmt, 2, case_id);
  xf_store_bind_text (link_stmt, 3, at);
  if (!xf_store_step_done (store, link_stmt, "linking the document", error))
    return FALSE;

  for (guint i = 0; filing->fields != NULL && i < filing->fields->len; i++)
    {
      const XfFieldRecord *field = g_ptr_array_index (filing->fields, i);
      gboolean wanted = TRUE;

      /* A repeat adds what the case lacks; what it has, above all what a
       * clerk corrected, stays. */
      if (filing->join_case != NULL
          && !xf_store_case_lacks_field (store, case_id, field->name,
                                         &wanted, error))
        return FALSE;
      if (wanted
          && !xf_store_add_revision (store, case_id, field->name,
                                     field->value, field->confidence,
                                     field->source, "xinfang", at,
                                     document_id, error))
        return FALSE;
    }

  if (!xf_store_index_document (store, case_id, document_id, filing, at,
                                error))
    return FALSE;

  if (filing->join_case != NULL)
    detail = g_strdup_printf ("{\"channel\":\"%s\",\"media_type\":\"%s\","
                              "\"pages\":%u,\"repeat\":%s}",
                              filing->channel, filing->media_type,
                              filing->pages ? filing->pages->len : 0,
                              filing->repeat_detail ? filing->repeat_detail
                                                    : "null");
  else
    detail = g_strdup_printf ("{\"channel\":\"%s\",\"media_type\":\"%s\","
                              "\"pages\":%u}",
                              filing->channel, filing->media_type,
                              filing->pages ? filing->pages->len : 0);
  if (!xf_store_audit (store, at, filing->actor,
                       filing->join_case ? "file-repeat" : "file-new-case",
                       case_id, document_id, detail, error))
    return FALSE;

  filed->document_id = document_id;
  filed->duplicate = FALSE;
  return TRUE;
}

static gboolean
file_in_transaction (XfStore *store, const XfFiling *filing,
                     GPtrArray *created_paths, XfFiled *filed,
                     GError **error)
{
  g_autoptr(GDateTime) now = xf_clock_now ();
  g_autofree char *at = xf_store_iso_time (now);
  g_autofree char *raw_sha = NULL;
  gint64 document_id;

  if (!xf_store_remember_blob (store, filing->raw, created_paths, &raw_sha,
                               error))
    return FALSE;

  XfDocumentRow row = {
    .channel = filing->channel,
    .source_key = filing->source_key,
    .filename = filing->filename,
    .media_type = filing->media_type,
    .sha256 = raw_sha,
    .size = (gint64) g_bytes_get_size (filing->raw),
    .message_id = filing->message_id,
    .at = at,
    .state = "filed",
  };
  document_id = xf_store_insert_document (store, &row, error);
  if (document_id == 0
      || !xf_store_audit (store, at, filing->actor, "receive", 0, document_id,
                          NULL, error))
    return FALSE;
  return xf_store_attach_reading (store, document_id, raw_sha, filing,
                                  created_paths, now, filed, error);
}

gboolean
xf_store_file_new_case (XfStore *store, const XfFiling *filing,
                        XfFiled *filed, GError **error)
{
  g_autoptr(GPtrArray) created_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sha = NULL;
  gsize length;
  const guint8 *raw;

  g_return_val_if_fail (filing != NULL && filing->raw != NULL, FALSE);
  g_return_val_if_fail (filed != NULL && filed->case_number == NULL, FALSE);

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Checked under the write lock, so two processes adding the same file at
   * once file it once. */
  raw = g_bytes_get_data (filing->raw, &length);
  sha = xf_sha256_hex (raw, length);
  {
    g_autoptr(GError) local = NULL;
    if (xf_store_find_document (store, sha, filed, &local))
      {
        sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
        return TRUE;
      }
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        goto fail;
      }
  }

  if (file_in_transaction (store, filing, created_paths, filed, error)
      && xf_store_exec (store->db, "COMMIT", error))
    return TRUE;

fail:
  xf_store_rollback (store, created_paths);
  xf_filed_clear (filed);
  filed->document_id = 0;
  return FALSE;
}
