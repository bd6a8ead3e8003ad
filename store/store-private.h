/* Internals shared by the store's own files and its tests. */
#pragma once

#include <sqlite3.h>
#include "store/store.h"
#include "common/common.h"

struct XfStore {
  char *home;
  char *blob_dir;
  sqlite3 *db;
};

/* The newest schema version this build knows. */
extern const int xf_store_latest_version;

/* Applies the numbered migrations from the database's version up to
 * @target, each in its own transaction. */
gboolean xf_store_migrate (sqlite3 *db, int target, GError **error);

/* The version recorded in @db; 0 for an empty database. */
int xf_store_read_version (sqlite3 *db, GError **error);

/* Sets XF_ERROR_STORE (or XF_ERROR_TRANSIENT when busy or locked) from the
 * database's last error, prefixed with @what. */
void xf_store_set_error (sqlite3 *db, const char *what, GError **error);

gboolean xf_store_exec (sqlite3 *db, const char *sql, GError **error);

/* Writes @data as a blob if it is not there yet (temporary file, fsync,
 * rename, fsync of the folder).  @created is TRUE when this call made the
 * file.  @sha256 receives its hex name (g_free). */
gboolean xf_store_write_blob (XfStore *store, GBytes *data, char **sha256,
                              gboolean *created, GError **error);

/* One audit row; @case_id and @document_id 0 mean none. */
gboolean xf_store_audit (XfStore *store, const char *at, const char *actor,
                         const char *action, gint64 case_id,
                         gint64 document_id, const char *detail,
                         GError **error);

/* One field revision. */
gboolean xf_store_add_revision (XfStore *store, gint64 case_id,
                                const char *field, const char *value,
                                double confidence, const char *source,
                                const char *by, const char *at,
                                gint64 document_id, GError **error);

/* A prepared statement (sqlite3_finalize, or g_autoptr(XfSqliteStmt)), or
 * NULL with an error. */
sqlite3_stmt *xf_store_prepare (XfStore *store, const char *sql,
                                GError **error);

/* Binds @text, or SQL NULL when it is NULL. */
void xf_store_bind_text (sqlite3_stmt *stmt, int i, const char *text);

/* Steps a statement that returns no rows; FALSE with an error naming
 * @what otherwise. */
gboolean xf_store_step_done (XfStore *store, sqlite3_stmt *stmt,
                             const char *what, GError **error);

/* "2026-11-28T09:30:00+08:00" (g_free). */
char *xf_store_iso_time (GDateTime *t);

/* Writes @data as a blob and, when this call created the file, adds its
 * path to @created_paths for xf_store_rollback(). */
gboolean xf_store_remember_blob (XfStore *store, GBytes *data,
                                 GPtrArray *created_paths, char **sha256,
                                 GError **error);

/* Rolls the open transaction back and removes the blobs it created. */
void xf_store_rollback (XfStore *store, GPtrArray *created_paths);

/* A documents row as inserted. */
typedef struct {
  const char *channel;
  const char *source_key;
  const char *filename;
  const char *media_type;
  const char *sha256;
  gint64 size;
  const char *message_id;
  const char *sender;
  const char *at;
  const char *state;
} XfDocumentRow;

/* Inserts @row; returns its id, or 0 with an error. */
gint64 xf_store_insert_document (XfStore *store, const XfDocumentRow *row,
                                 GError **error);

/* Inside an open transaction: the pages of @filing for document
 * @document_id, a new case holding it, the fields and the audit row. */
gboolean xf_store_attach_reading (XfStore *store, gint64 document_id,
                                  const char *raw_sha, const XfFiling *filing,
                                  GPtrArray *created_paths, GDateTime *now,
                                  XfFiled *filed, GError **error);

/* Column @i as a new string, NULL for SQL NULL (g_free). */
char *xf_store_column_text (sqlite3_stmt *stmt, int i);

/* One row of a result, made from the columns of the statement. */
typedef gpointer (*XfStoreRowFunc) (sqlite3_stmt *stmt);

/* Steps @stmt to its end: each row made by @row, in an array that frees
 * them with @free_row; or NULL, with an error saying it failed @what
 * ("reading the queue"), when a step fails. */
GPtrArray *xf_store_rows (XfStore *store, sqlite3_stmt *stmt,
                          XfStoreRowFunc row, GDestroyNotify free_row,
                          const char *what, GError **error);

/* The clock's time now as xf_store_iso_time() writes it (g_free). */
char *xf_store_now_text (void);

/* The id of case @number (0 with XF_ERROR_NOT_FOUND when there is none),
 * and its summary when @summary is not NULL. */
gint64 xf_store_find_case (XfStore *store, const char *number,
                           XfCaseSummary **summary, GError **error);

/* Whether case @case_id has no value for @field (and so a repeat may
 * supply one), in @lacks. */
gboolean xf_store_case_lacks_field (XfStore *store, gint64 case_id,
                                    const char *field, gboolean *lacks,
                                    GError **error);

/* Adds document @document_id's repeat-index keys, the case's signature
 * (for a new case) and the related link of @filing. */
gboolean xf_store_index_document (XfStore *store, gint64 case_id,
                                  gint64 document_id, const XfFiling *filing,
                                  const char *at, GError **error);

/* A new case numbered in @now's year, with @filing's topic and flags;
 * returns its id (0 with an error) and its number in @number. */
gint64 xf_store_insert_case (XfStore *store, GDateTime *now, const char *at,
                             const XfFiling *filing, char **number,
                             GError **error);

/* The 63-bit hash under which repeat-index key @key is stored. */
gint64 xf_store_key_hash (const char *key);
