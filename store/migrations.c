/* The schema and its numbered migrations.  Each migration runs in its own
 * transaction and bumps schema_version; a database newer than this build is
 * refused rather than guessed at.  Never edit a released migration: add one. */
#define G_LOG_DOMAIN "xf-store"
#include "store/store-private.h"

static const char *const migrations[] = {
  /* 1: documents, pages, cases, their link, field revisions, audit log */
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  channel TEXT NOT NULL CHECK (channel IN ('letter','fax','email')),"
  "  source_key TEXT NOT NULL,"
  "  filename TEXT,"
  "  media_type TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  size INTEGER NOT NULL,"
  "  message_id TEXT,"
  "  received_at TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('received','read','understood',"
  "                                       'filed','failed','quarantined')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT"
  ");"
  "CREATE INDEX documents_source ON documents (channel, source_key);"
  "CREATE INDEX documents_message_id ON documents (message_id)"
  "  WHERE message_id IS NOT NULL;"
  "CREATE TABLE pages ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id),"
  "  n INTEGER NOT NULL CHECK (n >= 1),"
  "  image_sha256 TEXT,"
  "  text TEXT NOT NULL,"
  "  confidence REAL,"
  "  PRIMARY KEY (document_id, n)"
  ");"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  year INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'new',"
  "  topic TEXT,"
  "  topic_score REAL,"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (year, seq)"
  ");"
  "CREATE TABLE case_documents ("
  "  document_id INTEGER PRIMARY KEY REFERENCES documents (id),"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  linked_at TEXT NOT NULL"
  ");"
  "CREATE INDEX case_documents_case ON case_documents (case_id);"
  "CREATE TABLE field_revisions ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  field TEXT NOT NULL,"
  "  value TEXT,"
  "  confidence REAL,"
  "  source TEXT NOT NULL CHECK (source IN ('ocr','clerk','rule')),"
  "  by TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  document_id INTEGER REFERENCES documents (id)"
  ");"
  "CREATE INDEX field_revisions_case ON field_revisions (case_id, field, id);"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  case_id INTEGER REFERENCES cases (id),"
  "  document_id INTEGER REFERENCES documents (id),"
  "  detail TEXT"
  ");"
  "CREATE INDEX audit_case ON audit (case_id, id);",

  /* 2: word boxes for the review page; revisions and audit made
   * append-only in the database itself, not only by convention */
  "ALTER TABLE pages ADD COLUMN words TEXT;"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER field_revisions_no_update BEFORE UPDATE ON field_revisions"
  "  BEGIN SELECT RAISE (ABORT, 'field revisions are append-only'); END;"
  "CREATE TRIGGER field_revisions_no_delete BEFORE DELETE ON field_revisions"
  "  BEGIN SELECT RAISE (ABORT, 'field revisions are append-only'); END;",

  /* 3: receiving before reading (the queue), retries, and the IMAP ledger:
   * every UID taken from a mailbox under one UIDVALIDITY, and whether the
   * after-action (seen, move) has been done at the server */
  "ALTER TABLE documents ADD COLUMN retry_after INTEGER;"
  "ALTER TABLE documents ADD COLUMN sender TEXT;"
  "CREATE INDEX documents_queue ON documents (state, retry_after)"
  "  WHERE state IN ('received', 'failed');"
  "CREATE TABLE imap_ledger ("
  "  mailbox TEXT NOT NULL,"
  "  uidvalidity INTEGER NOT NULL,"
  "  uid INTEGER NOT NULL,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id),"
  "  taken_at TEXT NOT NULL,"
  "  acted_at TEXT,"
  "  PRIMARY KEY (mailbox, uidvalidity, uid)"
  ") WITHOUT ROWID;",

  /* 4: the flags of a case, as a bit set (XF_FLAG_*); NULL until
   * classified */
  "ALTER TABLE cases ADD COLUMN flags INTEGER;",

  /* 5: repeats.  The index that finds the cases a new letter may repeat
   * (identity and text-signature keys, each from one document), the
   * signature kept with each case, links between related cases, and
   * where a merged case went */
  "CREATE TABLE case_keys ("
  "  key INTEGER NOT NULL,"  /* xf_store_key_hash() of the key text */
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  document_id INTEGER NOT NULL REFERENCES documents (id),"
  "  PRIMARY KEY (key, case_id, document_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_keys_document ON case_keys (document_id);"
  "CREATE TABLE case_signatures ("
  "  case_id INTEGER PRIMARY KEY REFERENCES cases (id),"
  "  signature TEXT NOT NULL"
  ");"
  "CREATE TABLE case_links ("
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  other_case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('related')),"
  "  score REAL,"
  "  reasons TEXT,"
  "  at TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, other_case_id, kind)"
  ");"
  "ALTER TABLE cases ADD COLUMN merged_into INTEGER REFERENCES cases (id);",

  /* 6: a signature per document, not per case: a case's letters are each
   * judged against, so a group's first representative writing again still
   * meets his own letter.  A case's signature goes to its first document. */
  "CREATE TABLE document_signatures ("
  "  document_id INTEGER PRIMARY KEY REFERENCES documents (id),"
  "  signature TEXT NOT NULL"
  ");"
  "INSERT INTO document_signatures (document_id, signature)"
  "  SELECT (SELECT MIN (d.document_id) FROM case_documents d"
  "          WHERE d.case_id = s.case_id), s.signature"
  "  FROM case_signatures s"
  "  WHERE EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = s.case_id);"
  "DROP TABLE case_signatures;",

  /* 7: a case's links found from either end (show lists both) */
  "CREATE INDEX case_links_other ON case_links (other_case_id);",

  /* 8: readings of a document begun and never ended (filed, failed or put
   * back): what a process that died while reading it leaves behind */
  "ALTER TABLE documents ADD COLUMN begun INTEGER NOT NULL DEFAULT 0;",
};

const int xf_store_latest_version = G_N_ELEMENTS (migrations);

void
xf_store_set_error (sqlite3 *db, const char *what, GError **error)
{
  int code = sqlite3_errcode (db) & 0xff;
  gboolean transient = code == SQLITE_BUSY || code == SQLITE_LOCKED;

  g_set_error (error, XF_ERROR, transient ? XF_ERROR_TRANSIENT : XF_ERROR_STORE,
               "%s: %s", what, sqlite3_errmsg (db));
}

gboolean
xf_store_exec (sqlite3 *db, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_errcode (db) & 0xff;
      g_set_error (error, XF_ERROR,
                   code == SQLITE_BUSY || code == SQLITE_LOCKED
                     ? XF_ERROR_TRANSIENT : XF_ERROR_STORE,
                   "%s", message ? message : sqlite3_errstr (code));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

int
xf_store_read_version (sqlite3 *db, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT count(*) FROM sqlite_master"
                           " WHERE type = 'table' AND name = 'schema_version'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      xf_store_set_error (db, "reading the schema version", error);
      return -1;
    }
  if (sqlite3_column_int (stmt, 0) == 0)
    return 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (db, "SELECT version FROM schema_version", -1,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      xf_store_set_error (db, "reading the schema version", error);
      return -1;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  xf_store_set_error (db, "reading the schema version", error);
  return -1;
}

gboolean
xf_store_migrate (sqlite3 *db, int target, GError **error)
{
  int version;

  g_return_val_if_fail (target <= xf_store_latest_version, FALSE);

  /* IMMEDIATE so that two processes opening a new home at once do not both
   * try to apply the same migration. */
  if (!xf_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  version = xf_store_read_version (db, error);
  if (version < 0)
    goto fail;
  if (version > xf_store_latest_version)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_STORE,
                   "the database has schema version %d, but this xinfang "
                   "knows only up to %d: use a newer xinfang",
                   version, xf_store_latest_version);
      goto fail;
    }
  if (version == 0
      && !xf_store_exec (db,
                         "CREATE TABLE IF NOT EXISTS schema_version"
                         " (version INTEGER NOT NULL);"
                         "DELETE FROM schema_version;"
                         "INSERT INTO schema_version VALUES (0);", error))
    goto fail;
  if (!xf_store_exec (db, "COMMIT", error))
    goto fail;

  for (int v = version + 1; v <= target; v++)
    {
      g_autofree char *bump = g_strdup_printf (
          "UPDATE schema_version SET version = %d", v);

      if (!xf_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* Re-read under the write lock: another process may have got here
       * first. */
      int now = xf_store_read_version (db, error);
      if (now < 0)
        goto fail;
      if (now >= v)
        {
          if (!xf_store_exec (db, "COMMIT", error))
            goto fail;
          continue;
        }
      if (!xf_store_exec (db, migrations[v - 1], error)
          || !xf_store_exec (db, bump, error)
          || !xf_store_exec (db, "COMMIT", error))
        {
          g_prefix_error (error, "migration %d: ", v);
          goto fail;
        }
      g_debug ("database migrated to schema version %d", v);
    }
  return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
