/* Receiving first, reading later: an item's raw bytes and its document row
 * are committed before anything is acknowledged at its source, and the
 * document then waits in the queue (state "received") until it is read and
 * filed.  Failed attempts are retried with a doubling delay, then
 * quarantined with the reason.  The IMAP ledger records every UID taken. */
#define G_LOG_DOMAIN "xf-store"
#include "store/store-private.h"
#include "common/json.h"

#include <json-glib/json-glib.h>

static gint64
now_unix (void)
{
  g_autoptr(GDateTime) now = xf_clock_now ();
  return g_date_time_to_unix (now);
}

/* Where the body of mail @data begins: after its first empty line. */
static gsize
body_start (const guint8 *data, gsize length)
{
  for (gsize i = 0; i + 1 < length; i++)
    if (data[i] == '\n')
      {
        if (data[i + 1] == '\n')
          return i + 2;
        if (data[i + 1] == '\r' && i + 2 < length && data[i + 2] == '\n')
          return i + 3;
      }
  return length;
}

/* Whether mails @a and @b have the same body, whatever their headers
 * (a server adds its own) and line ends (a server may turn LF into CRLF). */
static gboolean
same_body (GBytes *a, GBytes *b)
{
  gsize la, lb;
  const guint8 *pa = g_bytes_get_data (a, &la);
  const guint8 *pb = g_bytes_get_data (b, &lb);
  gsize i = body_start (pa, la), j = body_start (pb, lb);

  for (;;)
    {
      while (i < la && pa[i] == '\r')
        i++;
      while (j < lb && pb[j] == '\r')
        j++;
      if (i == la || j == lb)
        return i == la && j == lb;
      if (pa[i++] != pb[j++])
        return FALSE;
    }
}

/* How many earlier mails with one Message-ID are compared, newest first: a
 * sender that reuses its IDs is not to cost a read of all its mail. */
#define SAME_ID_COMPARED 16

/* The id of an earlier document with the same bytes, or (for mail) the
 * same Message-ID and the same body (a server may have added headers); 0
 * when there is none, -1 on error.  A mail that reuses an earlier one's
 * Message-ID with another body (a gateway that numbers its mail afresh)
 * is its own document. */
static gint64
find_earlier (XfStore *store, const char *sha256, const char *message_id,
              GBytes *raw, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = NULL;
  guint others = 0;
  int rc;

  stmt = xf_store_prepare (store, "SELECT id FROM documents WHERE sha256 = ?",
                           error);
  if (stmt == NULL)
    return -1;
  xf_store_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    goto fail;
  if (message_id == NULL)
    return 0;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = xf_store_prepare (store,
                  "SELECT id, sha256 FROM documents WHERE message_id = ?"
                  " AND media_type = 'email' ORDER BY id DESC LIMIT "
                  G_STRINGIFY (SAME_ID_COMPARED), error);
  if (stmt == NULL)
    return -1;
  xf_store_bind_text (stmt, 1, message_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) missing = NULL;
      g_autoptr(GBytes) earlier = xf_store_read_blob (
          store, (const char *) sqlite3_column_text (stmt, 1), &missing);

      if (earlier == NULL
          && g_error_matches (missing, XF_ERROR, XF_ERROR_NOT_FOUND))
        continue;  /* nothing to compare with: not known to be the same */
      if (earlier == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          return -1;
        }
      if (same_body (earlier, raw))
        return sqlite3_column_int64 (stmt, 0);
      others++;
    }
  if (rc == SQLITE_DONE)
    {
      if (others > 0)
        g_message ("a mail with the Message-ID <%s> of %u earlier documents"
                   " but another body: kept as a document of its own",
                   message_id, others);
      return 0;
    }

fail:
  xf_store_set_error (store->db, "looking up a document", error);
  return -1;
}

static gboolean
add_ledger_entry (XfStore *store, const XfReceipt *receipt,
                  gint64 document_id, const char *at, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "INSERT OR IGNORE INTO imap_ledger"
      " (mailbox, uidvalidity, uid, document_id, taken_at)"
      " VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  xf_store_bind_text (stmt, 1, receipt->mailbox);
  sqlite3_bind_int64 (stmt, 2, receipt->uidvalidity);
  sqlite3_bind_int64 (stmt, 3, receipt->uid);
  sqlite3_bind_int64 (stmt, 4, document_id);
  xf_store_bind_text (stmt, 5, at);
  return xf_store_step_done (store, stmt, "recording the IMAP UID", error);
}

gboolean
xf_store_receive (XfStore *store, const XfReceipt *receipt,
                  XfReceived *received, GError **error)
{
  g_autoptr(GPtrArray) created_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *at = xf_store_now_text ();
  g_autofree char *sha = NULL;
  gint64 id;

  g_return_val_if_fail (receipt != NULL && receipt->raw != NULL, FALSE);
  g_return_val_if_fail (receipt->channel != NULL
                        && receipt->media_type != NULL, FALSE);

  *received = (XfReceived) { 0 };
  {
    gsize length;
    const guint8 *data = g_bytes_get_data (receipt->raw, &length);
    sha = xf_sha256_hex (data, length);
  }

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Checked under the write lock: two processes receiving the same item
   * at once keep it once. */
  id = find_earlier (store, sha, receipt->message_id, receipt->raw, error);
  if (id < 0)
    goto fail;
  if (id > 0)
    received->duplicate = TRUE;
  else
    {
      g_autofree char *stored_sha = NULL;
      g_autofree char *detail = NULL;

      if (!xf_store_remember_blob (store, receipt->raw, created_paths,
                                   &stored_sha, error))
        goto fail;
      XfDocumentRow row = {
        .channel = receipt->channel,
        .source_key = receipt->source_key,
        .filename = receipt->filename,
        .media_type = receipt->media_type,
        .sha256 = stored_sha,
        .size = (gint64) g_bytes_get_size (receipt->raw),
        .message_id = receipt->message_id,
        .sender = receipt->sender,
        .at = at,
        .state = "received",
      };
      id = xf_store_insert_document (store, &row, error);
      detail = g_strdup_printf ("{\"channel\":\"%s\",\"media_type\":\"%s\"}",
                                receipt->channel, receipt->media_type);
      if (id == 0
          || !xf_store_audit (store, at, receipt->actor, "receive", 0, id,
                              detail, error))
        goto fail;
    }

  if (receipt->mailbox != NULL
      && !add_ledger_entry (store, receipt, id, at, error))
    goto fail;
  if (!xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  received->document_id = id;
  return TRUE;

fail:
  xf_store_rollback (store, created_paths);
  *received = (XfReceived) { 0 };
  return FALSE;
}

GHashTable *
xf_store_ledger (XfStore *store, const char *mailbox, guint32 uidvalidity,
                 GError **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_direct_hash,
                                                  g_direct_equal);
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "SELECT uid, acted_at IS NOT NULL FROM imap_ledger"
      " WHERE mailbox = ? AND uidvalidity = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  xf_store_bind_text (stmt, 1, mailbox);
  sqlite3_bind_int64 (stmt, 2, uidvalidity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (taken,
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1) ? 2 : 1));
  if (rc != SQLITE_DONE)
    {
      xf_store_set_error (store->db, "reading the IMAP ledger", error);
      return NULL;
    }
  return g_steal_pointer (&taken);
}

gboolean
xf_store_ledger_acted (XfStore *store, const char *mailbox,
                       guint32 uidvalidity, guint32 uid, GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "UPDATE imap_ledger SET acted_at = ?"
      " WHERE mailbox = ? AND uidvalidity = ? AND uid = ?", error);

  if (stmt == NULL)
    return FALSE;
  xf_store_bind_text (stmt, 1, at);
  xf_store_bind_text (stmt, 2, mailbox);
  sqlite3_bind_int64 (stmt, 3, uidvalidity);
  sqlite3_bind_int64 (stmt, 4, uid);
  return xf_store_step_done (store, stmt, "updating the IMAP ledger", error);
}

void
xf_queued_free (XfQueued *q)
{
  if (q == NULL)
    return;
  g_free (q->channel);
  g_free (q->source_key);
  g_free (q->filename);
  g_free (q->media_type);
  g_free (q->sha256);
  g_free (q->sender);
  g_free (q->received_at);
  g_free (q->state);
  g_free (q->last_error);
  g_free (q);
}

#define QUEUED_COLUMNS \
  "SELECT id, channel, source_key, filename, media_type, sha256, sender," \
  " received_at, state, attempts, last_error, COALESCE (retry_after, 0)," \
  " begun FROM documents "

static gpointer
queued_from_row (sqlite3_stmt *stmt)
{
  XfQueued *q = g_new0 (XfQueued, 1);

  q->id = sqlite3_column_int64 (stmt, 0);
  q->channel = xf_store_column_text (stmt, 1);
  q->source_key = xf_store_column_text (stmt, 2);
  q->filename = xf_store_column_text (stmt, 3);
  q->media_type = xf_store_column_text (stmt, 4);
  q->sha256 = xf_store_column_text (stmt, 5);
  q->sender = xf_store_column_text (stmt, 6);
  q->received_at = xf_store_column_text (stmt, 7);
  q->state = xf_store_column_text (stmt, 8);
  q->attempts = (guint) sqlite3_column_int (stmt, 9);
  q->last_error = xf_store_column_text (stmt, 10);
  q->retry_after = sqlite3_column_int64 (stmt, 11);
  q->begun = (guint) sqlite3_column_int (stmt, 12);
  return q;
}

static GPtrArray *
queued_rows (XfStore *store, sqlite3_stmt *stmt, GError **error)
{
  return xf_store_rows (store, stmt, queued_from_row,
                        (GDestroyNotify) xf_queued_free, "reading the queue",
                        error);
}

GPtrArray *
xf_store_due (XfStore *store, gint64 now, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      QUEUED_COLUMNS
      "WHERE state = 'received'"
      " OR (state = 'failed' AND COALESCE (retry_after, 0) <= ?)"
      " ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  return queued_rows (store, stmt, error);
}

GPtrArray *
xf_store_list_unfiled (XfStore *store, const char *state, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      QUEUED_COLUMNS
      "WHERE state <> 'filed' AND (?1 IS NULL OR state = ?1) ORDER BY id",
      error);

  if (stmt == NULL)
    return NULL;
  xf_store_bind_text (stmt, 1, state);
  return queued_rows (store, stmt, error);
}

XfQueued *
xf_store_get_unfiled (XfStore *store, gint64 document_id, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store, QUEUED_COLUMNS "WHERE id = ? AND state <> 'filed'", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return queued_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND,
                 "no document %" G_GINT64_FORMAT " waiting to be filed",
                 document_id);
  else
    xf_store_set_error (store->db, "reading a document", error);
  return NULL;
}

/* Whether blob folder @path holds any blob (its tmp/ folder aside, which
 * opening the store makes). */
static gboolean
holds_anything (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "tmp"))
      return TRUE;
  return FALSE;
}

GBytes *
xf_store_read_blob (XfStore *store, const char *sha256, GError **error)
{
  g_autofree char *path = xf_store_blob_path (store, sha256);
  g_autoptr(GError) local = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      /* One file gone from a folder that holds others (a partial
       * restore) is that document's loss; an empty or missing folder (a
       * volume not mounted) is the store's trouble. */
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          && holds_anything (store->blob_dir))
        g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND,
                     "its original (blob %s) is missing from %s", sha256,
                     store->blob_dir);
      else
        g_set_error (error, XF_ERROR, XF_ERROR_STORE, "blob %s: %s", sha256,
                     local->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* The state and raw SHA-256 of @document_id; FALSE with an error when it
 * does not exist. */
static gboolean
document_state (XfStore *store, gint64 document_id, char **state,
                char **sha256, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store, "SELECT state, sha256 FROM documents WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *state = xf_store_column_text (stmt, 0);
      if (sha256 != NULL)
        *sha256 = xf_store_column_text (stmt, 1);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND,
                 "no document %" G_GINT64_FORMAT, document_id);
  else
    xf_store_set_error (store->db, "reading a document", error);
  return FALSE;
}

gboolean
xf_store_file_received (XfStore *store, gint64 document_id,
                        const XfFiling *filing, XfFiled *filed,
                        GError **error)
{
  g_autoptr(GPtrArray) created_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = xf_clock_now ();
  g_autoptr(XfSqliteStmt) update = NULL;
  g_autofree char *state = NULL;
  g_autofree char *sha = NULL;

  g_return_val_if_fail (filed != NULL && filed->case_number == NULL, FALSE);

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!document_state (store, document_id, &state, &sha, error))
    goto fail;
  if (g_str_equal (state, "filed"))
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      return xf_store_find_document (store, sha, filed, error);
    }
  if (!xf_store_attach_reading (store, document_id, sha, filing,
                                created_paths, now, filed, error))
    goto fail;
  update = xf_store_prepare (store,
                  "UPDATE documents SET state = 'filed', media_type = ?,"
                  " message_id = COALESCE (message_id, ?), retry_after = NULL,"
                  " begun = 0 WHERE id = ?", error);
  if (update == NULL)
    goto fail;
  xf_store_bind_text (update, 1, filing->media_type);
  xf_store_bind_text (update, 2, filing->message_id);
  sqlite3_bind_int64 (update, 3, document_id);
  if (!xf_store_step_done (store, update, "marking the document filed", error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  xf_store_rollback (store, created_paths);
  xf_filed_clear (filed);
  filed->document_id = 0;
  return FALSE;
}

static char *
reason_detail (const char *reason, guint attempts)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason);
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, attempts);
  json_builder_end_object (b);
  return xf_json_text (b);
}

/* Sets begun to @sql's value for @document_id, in its own commit. */
static gboolean
set_begun (XfStore *store, gint64 document_id, const char *sql,
           GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return xf_store_step_done (store, stmt, "noting a reading", error);
}

gboolean
xf_store_begin_reading (XfStore *store, gint64 document_id, GError **error)
{
  return set_begun (store, document_id,
                    "UPDATE documents SET begun = begun + 1 WHERE id = ?",
                    error);
}

gboolean
xf_store_end_reading (XfStore *store, gint64 document_id, GError **error)
{
  return set_begun (store, document_id,
                    "UPDATE documents SET begun = MAX (begun - 1, 0) WHERE id = ?",
                    error);
}

gboolean
xf_store_fail (XfStore *store, gint64 document_id, const char *reason,
               guint max_attempts, guint retry_seconds, const char *actor,
               gboolean *quarantined, GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  g_autofree char *state = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(XfSqliteStmt) read = NULL;
  g_autoptr(XfSqliteStmt) update = NULL;
  guint attempts;
  gint64 delay;

  *quarantined = FALSE;
  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  read = xf_store_prepare (store,
                  "SELECT state, attempts FROM documents WHERE id = ?", error);
  if (read == NULL)
    goto fail;
  sqlite3_bind_int64 (read, 1, document_id);
  switch (sqlite3_step (read))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND,
                   "no document %" G_GINT64_FORMAT, document_id);
      goto fail;
    default:
      xf_store_set_error (store->db, "reading a document", error);
      goto fail;
    }
  state = xf_store_column_text (read, 0);
  attempts = (guint) sqlite3_column_int (read, 1) + 1;
  if (g_str_equal (state, "filed"))
    {
      /* Another process filed it meanwhile: its failure here is moot. */
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      return TRUE;
    }
  *quarantined = attempts >= MAX (max_attempts, 1);
  /* retry_seconds, doubled for each attempt after the first, at most a day */
  delay = MIN ((gint64) retry_seconds << MIN (attempts - 1, 20u),
               (gint64) 24 * 3600);

  update = xf_store_prepare (store,
                  "UPDATE documents SET state = ?, attempts = ?,"
                  " last_error = ?, retry_after = ?, begun = 0 WHERE id = ?",
                  error);
  if (update == NULL)
    goto fail;
  xf_store_bind_text (update, 1, *quarantined ? "quarantined" : "failed");
  sqlite3_bind_int (update, 2, (int) attempts);
  xf_store_bind_text (update, 3, reason);
  if (*quarantined)
    sqlite3_bind_null (update, 4);
  else
    sqlite3_bind_int64 (update, 4, now_unix () + delay);
  sqlite3_bind_int64 (update, 5, document_id);
  detail = reason_detail (reason, attempts);
  if (!xf_store_step_done (store, update, "recording a failure", error)
      || !xf_store_audit (store, at, actor,
                          *quarantined ? "quarantine" : "fail", 0,
                          document_id, detail, error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  *quarantined = FALSE;
  return FALSE;
}

gboolean
xf_store_requeue (XfStore *store, gint64 document_id, const char *by,
                  GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  g_autofree char *state = NULL;
  g_autoptr(XfSqliteStmt) update = NULL;

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!document_state (store, document_id, &state, NULL, error))
    goto fail;
  if (g_str_equal (state, "filed"))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND,
                   "document %" G_GINT64_FORMAT " is already filed",
                   document_id);
      goto fail;
    }
  update = xf_store_prepare (store,
                  "UPDATE documents SET state = 'received', attempts = 0,"
                  " retry_after = NULL, begun = 0 WHERE id = ?", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, document_id);
  if (!xf_store_step_done (store, update, "requeueing a document", error)
      || !xf_store_audit (store, at, by, "requeue", 0, document_id, NULL,
                          error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
