/* The repeat index and the clerks' remedies.  Every filed document adds its
 * keys (identity keys such as "phone:…" and the text signature's LSH band
 * keys, made by classify/) to case_keys, so that the cases a new letter
 * may repeat are found by one index lookup per key, whatever the number of
 * cases.  A key is stored as a 63-bit hash of its text: the index stays
 * small, and no identity key's text is kept twice.  Keys remember their document, so a split moves exactly the keys
 * of the document split off, and a merge moves them all. */
#define G_LOG_DOMAIN "xf-store"
#include "store/store-private.h"
#include "common/json.h"

#include <json-glib/json-glib.h>

gint64
xf_store_key_hash (const char *key)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  guint64 value = 0;

  g_checksum_update (sum, (const guchar *) key, -1);
  g_checksum_get_digest (sum, digest, &length);
  for (int i = 0; i < 8; i++)
    value = value << 8 | digest[i];
  /* 63 bits: a positive SQLite integer, eight bytes in the index instead
   * of the key's text; a collision only adds a candidate to judge. */
  return (gint64) (value >> 1);
}

void
xf_repeat_candidate_free (XfRepeatCandidate *c)
{
  if (c == NULL)
    return;
  g_free (c->number);
  g_clear_pointer (&c->signatures, g_ptr_array_unref);
  g_free (c);
}

gboolean
xf_store_case_lacks_field (XfStore *store, gint64 case_id, const char *field,
                           gboolean *lacks, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "SELECT value IS NULL AND source <> 'clerk' FROM field_revisions"
      " WHERE case_id = ? AND field = ? ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  xf_store_bind_text (stmt, 2, field);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    *lacks = TRUE;
  else if (rc == SQLITE_ROW)
    *lacks = sqlite3_column_int (stmt, 0) != 0;
  else
    {
      xf_store_set_error (store->db, "reading a field", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
xf_store_index_document (XfStore *store, gint64 case_id, gint64 document_id,
                         const XfFiling *filing, const char *at,
                         GError **error)
{
  if (filing->index_keys != NULL)
    {
      g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
          store,
          "INSERT OR IGNORE INTO case_keys (key, case_id, document_id)"
          " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      for (const char *const *k = filing->index_keys; *k != NULL; k++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, xf_store_key_hash (*k));
          sqlite3_bind_int64 (stmt, 2, case_id);
          sqlite3_bind_int64 (stmt, 3, document_id);
          if (!xf_store_step_done (store, stmt, "indexing the document",
                                   error))
            return FALSE;
        }
    }

  if (filing->signature != NULL)
    {
      g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
          store,
          "INSERT OR REPLACE INTO document_signatures (document_id, signature)"
          " VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, document_id);
      xf_store_bind_text (stmt, 2, filing->signature);
      if (!xf_store_step_done (store, stmt, "keeping the signature", error))
        return FALSE;
    }

  if (filing->related_case != NULL && filing->join_case == NULL)
    {
      g_autoptr(XfSqliteStmt) stmt = NULL;
      gint64 other = xf_store_find_case (store, filing->related_case, NULL,
                                         error);
      if (other == 0)
        return FALSE;
      stmt = xf_store_prepare (
          store,
          "INSERT OR IGNORE INTO case_links (case_id, other_case_id, kind,"
          " reasons, at) VALUES (?, ?, 'related', ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, other);
      xf_store_bind_text (stmt, 3, filing->repeat_detail);
      xf_store_bind_text (stmt, 4, at);
      if (!xf_store_step_done (store, stmt, "linking a related case", error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 id;
  guint matched;
} Hit;

static gint
by_matches (gconstpointer a, gconstpointer b)
{
  const Hit *x = a, *y = b;
  if (x->matched != y->matched)
    return x->matched > y->matched ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* How much a key says that two letters have one writer: a case that
 * shares the writer's ID number or phone ranks above one that shares many
 * text bands or only the employer. */
static guint
key_weight (const char *key)
{
  if (g_str_has_prefix (key, "id:") || g_str_has_prefix (key, "phone:")
      || g_str_has_prefix (key, "ne:"))
    return 8;
  if (g_str_has_prefix (key, "name:"))
    return 2;
  return 1;
}

static GPtrArray *candidates_in_transaction (XfStore *store,
                                             const char *const *keys,
                                             guint limit, sqlite3_stmt *lookup,
                                             sqlite3_stmt *describe,
                                             sqlite3_stmt *signatures,
                                             GError **error);

GPtrArray *
xf_store_repeat_candidates (XfStore *store, const char *const *keys,
                            guint limit, GError **error)
{
  GPtrArray *out;
  g_autoptr(XfSqliteStmt) lookup = NULL;
  g_autoptr(XfSqliteStmt) describe = NULL;
  g_autoptr(XfSqliteStmt) signatures = NULL;
  gboolean own_transaction = sqlite3_get_autocommit (store->db) != 0;

  lookup = xf_store_prepare (
      store,
      "SELECT DISTINCT k.case_id FROM case_keys k JOIN cases c"
      " ON c.id = k.case_id WHERE k.key = ? AND c.merged_into IS NULL"
      " ORDER BY k.case_id DESC LIMIT " G_STRINGIFY (XF_REPEAT_CASES_PER_KEY),
      error);
  if (lookup == NULL)
    return NULL;
  describe = xf_store_prepare (store, "SELECT number FROM cases WHERE id = ?",
                               error);
  if (describe == NULL)
    return NULL;
  signatures = xf_store_prepare (
      store,
      "SELECT s.signature FROM case_documents d"
      " JOIN document_signatures s ON s.document_id = d.document_id"
      " WHERE d.case_id = ? ORDER BY d.document_id DESC LIMIT ?", error);
  if (signatures == NULL)
    return NULL;
  /* One read transaction for the many little queries: one lock, one
   * consistent view. */
  if (own_transaction && !xf_store_exec (store->db, "BEGIN", error))
    return NULL;
  out = candidates_in_transaction (store, keys, limit, lookup, describe,
                                   signatures, error);
  sqlite3_reset (lookup);
  sqlite3_reset (describe);
  sqlite3_reset (signatures);
  if (own_transaction)
    {
      /* A COMMIT that fails leaves the transaction open: end it, or every
       * later filing on this connection would fail to begin its own. */
      if (out == NULL || !xf_store_exec (store->db, "COMMIT", error))
        {
          sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
          g_clear_pointer (&out, g_ptr_array_unref);
        }
    }
  return out;
}

static GPtrArray *
candidates_in_transaction (XfStore *store, const char *const *keys,
                           guint limit, sqlite3_stmt *lookup,
                           sqlite3_stmt *describe, sqlite3_stmt *signatures,
                           GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (
      (GDestroyNotify) xf_repeat_candidate_free);
  /* case id -> index into @hits */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash,
                                                      g_int64_equal, g_free,
                                                      NULL);
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  for (const char *const *k = keys; k != NULL && *k != NULL; k++)
    {
      guint weight = key_weight (*k);
      int rc;
      sqlite3_reset (lookup);
      sqlite3_bind_int64 (lookup, 1, xf_store_key_hash (*k));
      while ((rc = sqlite3_step (lookup)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (lookup, 0);
          gpointer index;
          if (g_hash_table_lookup_extended (seen, &id, NULL, &index))
            g_array_index (hits, Hit, GPOINTER_TO_UINT (index)).matched
                += weight;
          else
            {
              Hit hit = { id, weight };
              g_hash_table_insert (seen, g_memdup2 (&id, sizeof id),
                                   GUINT_TO_POINTER (hits->len));
              g_array_append_val (hits, hit);
            }
        }
      if (rc != SQLITE_DONE)
        {
          xf_store_set_error (store->db, "looking up the repeat index",
                              error);
          return NULL;
        }
    }

  g_array_sort (hits, by_matches);
  for (guint i = 0; i < hits->len && i < limit; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      XfRepeatCandidate *c;
      int rc;

      sqlite3_reset (describe);
      sqlite3_bind_int64 (describe, 1, hit->id);
      rc = sqlite3_step (describe);
      if (rc == SQLITE_DONE)
        continue;   /* the key's case is gone: nothing to judge */
      if (rc != SQLITE_ROW)
        {
          xf_store_set_error (store->db, "reading a candidate case", error);
          return NULL;
        }
      c = g_new0 (XfRepeatCandidate, 1);
      c->number = xf_store_column_text (describe, 0);
      c->signatures = g_ptr_array_new_with_free_func (g_free);
      c->matched = hit->matched;
      g_ptr_array_add (out, c);
      sqlite3_reset (signatures);
      sqlite3_bind_int64 (signatures, 1, hit->id);
      sqlite3_bind_int (signatures, 2, XF_REPEAT_SIGNATURES_PER_CASE);
      while ((rc = sqlite3_step (signatures)) == SQLITE_ROW)
        g_ptr_array_add (c->signatures, xf_store_column_text (signatures, 0));
      if (rc != SQLITE_DONE)
        {
          xf_store_set_error (store->db, "reading a candidate's signatures",
                              error);
          return NULL;
        }
    }
  return g_steal_pointer (&out);
}

static char *
remedy_detail (const char *name, const char *value, gint64 document_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
  if (document_id > 0)
    {
      json_builder_set_member_name (b, "document");
      json_builder_add_int_value (b, document_id);
    }
  json_builder_end_object (b);
  return xf_json_text (b);
}

/* Runs @sql (two integer parameters) inside the open transaction. */
static gboolean
exec2 (XfStore *store, const char *sql, gint64 a, gint64 b, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return xf_store_step_done (store, stmt, "moving a case's items", error);
}

gboolean
xf_store_merge_cases (XfStore *store, const char *from, const char *into,
                      const char *by, GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  g_autofree char *out_detail = remedy_detail ("into", into, 0);
  g_autofree char *in_detail = remedy_detail ("from", from, 0);
  g_autoptr(XfCaseSummary) source = NULL;
  g_autoptr(XfCaseSummary) target = NULL;
  gint64 from_id, into_id;

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  from_id = xf_store_find_case (store, from, &source, error);
  if (from_id == 0)
    goto fail;
  into_id = xf_store_find_case (store, into, &target, error);
  if (into_id == 0)
    goto fail;
  if (from_id == into_id || g_str_equal (source->status, "merged")
      || g_str_equal (target->status, "merged"))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "%s cannot be merged into %s: %s", from, into,
                   from_id == into_id ? "they are the same case"
                   : "a merged case takes no part in another merge");
      goto fail;
    }
  if (!exec2 (store, "UPDATE case_documents SET case_id = ?2"
                     " WHERE case_id = ?1", from_id, into_id, error)
      || !exec2 (store, "UPDATE case_keys SET case_id = ?2"
                        " WHERE case_id = ?1", from_id, into_id, error)
      /* Its related cases are the merged case's now: none left on the
       * one merged away, none to itself, none twice. */
      || !exec2 (store, "UPDATE OR IGNORE case_links SET case_id = ?2"
                        " WHERE case_id = ?1", from_id, into_id, error)
      || !exec2 (store, "UPDATE OR IGNORE case_links SET other_case_id = ?2"
                        " WHERE other_case_id = ?1", from_id, into_id, error)
      || !exec2 (store, "DELETE FROM case_links WHERE case_id = ?1"
                        " OR other_case_id = ?1 OR case_id = other_case_id"
                        " OR (case_id = ?2 AND other_case_id IN (SELECT case_id"
                        " FROM case_links WHERE other_case_id = ?2))",
                 from_id, into_id, error)
      || !exec2 (store, "UPDATE cases SET status = 'merged', merged_into = ?2"
                        " WHERE id = ?1", from_id, into_id, error)
      || !xf_store_audit (store, at, by, "merge-out", from_id, 0, out_detail,
                          error)
      || !xf_store_audit (store, at, by, "merge-in", into_id, 0, in_detail,
                          error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* A document's id and repeat signature. */
typedef struct {
  gint64 id;
  char *signature;
} Signed;

static void
signed_free (gpointer data)
{
  Signed *s = data;

  g_free (s->signature);
  g_free (s);
}

static gpointer
signed_from_row (sqlite3_stmt *stmt)
{
  Signed *s = g_new0 (Signed, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->signature = xf_store_column_text (stmt, 1);
  return s;
}

/* Gives the signature of each document of case @case_id to @rewrite and
 * keeps what it returns, the document's index keys replaced by the new
 * ones; inside the caller's transaction. */
static gboolean
resign_documents (XfStore *store, gint64 case_id, XfResignFunc rewrite,
                  gpointer user_data, const char *at, GError **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  {
    /* Read first, written after: no table changes under a running query. */
    g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
        store,
        "SELECT s.document_id, s.signature FROM case_documents d"
        " JOIN document_signatures s ON s.document_id = d.document_id"
        " WHERE d.case_id = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, case_id);
    documents = xf_store_rows (store, stmt, signed_from_row, signed_free,
                               "reading the case's signatures", error);
    if (documents == NULL)
      return FALSE;
  }
  for (guint i = 0; i < documents->len; i++)
    {
      const Signed *s = g_ptr_array_index (documents, i);
      g_autofree char *signature = NULL;
      g_auto(GStrv) keys = NULL;

      if (s->signature == NULL
          || !rewrite (s->signature, &signature, &keys, user_data))
        continue;
      XfFiling filing = { .index_keys = (const char *const *) keys,
                          .signature = signature };
      if (!exec2 (store, "DELETE FROM case_keys WHERE document_id = ?1"
                         " AND case_id = ?2", s->id, case_id, error)
          || !xf_store_index_document (store, case_id, s->id, &filing, at,
                                       error))
        return FALSE;
    }
  return TRUE;
}

gboolean
xf_store_split_case (XfStore *store, const char *number, gint64 document_id,
                     const char *by, XfResignFunc rewrite, gpointer user_data,
                     char **new_number, GError **error)
{
  g_autoptr(GDateTime) now = xf_clock_now ();
  g_autofree char *at = xf_store_iso_time (now);
  g_autoptr(XfCaseSummary) summary = NULL;
  g_autofree char *out_detail = NULL;
  g_autofree char *in_detail = NULL;
  gint64 case_id, new_id;
  gboolean on_case = FALSE;

  *new_number = NULL;
  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  case_id = xf_store_find_case (store, number, &summary, error);
  if (case_id == 0)
    goto fail;
  for (guint i = 0; i < summary->documents->len; i++)
    on_case |= g_array_index (summary->documents, gint64, i) == document_id;
  if (!on_case || summary->documents->len < 2)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   on_case ? "document %" G_GINT64_FORMAT " is the only item"
                             " of %s" : "document %" G_GINT64_FORMAT
                             " is not an item of %s", document_id, number);
      goto fail;
    }

  {
    XfFiling like = { .topic = summary->topic,
                      .topic_score = summary->topic_score,
                      .flags = summary->flags };
    new_id = xf_store_insert_case (store, now, at, &like, new_number, error);
  }
  if (new_id == 0)
    goto fail;
  out_detail = remedy_detail ("to", *new_number, document_id);
  in_detail = remedy_detail ("from", number, document_id);
  if (!exec2 (store, "UPDATE case_documents SET case_id = ?2"
                     " WHERE document_id = ?1", document_id, new_id, error)
      || !exec2 (store, "UPDATE case_keys SET case_id = ?2"
                        " WHERE document_id = ?1", document_id, new_id, error)
      || (rewrite != NULL
          && !resign_documents (store, new_id, rewrite, user_data, at, error))
      || !xf_store_audit (store, at, by, "split-out", case_id, document_id,
                          out_detail, error)
      || !xf_store_audit (store, at, by, "split-in", new_id, document_id,
                          in_detail, error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (new_number, g_free);
  return FALSE;
}

gboolean
xf_store_resign_case (XfStore *store, const char *number,
                      XfResignFunc rewrite, gpointer user_data,
                      GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  gint64 case_id;

  g_return_val_if_fail (store != NULL && number != NULL && rewrite != NULL,
                        FALSE);
  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  case_id = xf_store_find_case (store, number, NULL, error);
  if (case_id == 0
      || !resign_documents (store, case_id, rewrite, user_data, at, error)
      || !xf_store_exec (store->db, "COMMIT", error))
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
