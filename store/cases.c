/* Reading cases back (the list, one case with its documents, fields and
 * history) and the clerk's audited corrections. */
#define G_LOG_DOMAIN "xf-store"
#include "store/store-private.h"
#include "common/json.h"

#include <json-glib/json-glib.h>
#include <math.h>

const char *const xf_case_statuses[] = { "new", "merged", NULL };

static double
column_double_or (sqlite3_stmt *stmt, int i, double fallback)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_double (stmt, i);
}

void
xf_case_summary_free (XfCaseSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->number);
  g_free (s->status);
  g_free (s->topic);
  g_free (s->channel);
  if (s->documents != NULL)
    g_array_unref (s->documents);
  g_free (s->first_received);
  g_free (s->last_received);
  g_free (s);
}

static void
document_info_free (XfDocumentInfo *d)
{
  g_free (d->channel);
  g_free (d->source_key);
  g_free (d->filename);
  g_free (d->media_type);
  g_free (d->sha256);
  g_free (d->received_at);
  g_free (d->state);
  g_free (d->text);
  g_free (d);
}

static void
field_value_free (XfFieldValue *f)
{
  g_free (f->name);
  g_free (f->value);
  g_free (f->source);
  g_free (f->by);
  g_free (f->at);
  g_free (f);
}

static void
audit_entry_free (XfAuditEntry *e)
{
  g_free (e->at);
  g_free (e->actor);
  g_free (e->action);
  g_free (e->detail);
  g_free (e);
}

void
xf_case_free (XfCase *c)
{
  if (c == NULL)
    return;
  xf_case_summary_free (c->summary);
  if (c->documents != NULL)
    g_ptr_array_unref (c->documents);
  if (c->fields != NULL)
    g_ptr_array_unref (c->fields);
  if (c->history != NULL)
    g_ptr_array_unref (c->history);
  if (c->related != NULL)
    g_ptr_array_unref (c->related);
  g_free (c);
}

static void
related_case_free (XfRelatedCase *r)
{
  g_free (r->number);
  g_free (r->detail);
  g_free (r);
}

/* The columns every summary query selects, in this order. */
#define SUMMARY_COLUMNS                                                      \
  "c.id, c.number, c.status, c.topic, c.topic_score,"                        \
  " (SELECT group_concat (id) FROM (SELECT d.id FROM case_documents cd"      \
  "    JOIN documents d ON d.id = cd.document_id"                            \
  "    WHERE cd.case_id = c.id ORDER BY d.received_at, d.id)),"              \
  " (SELECT d.channel FROM case_documents cd JOIN documents d"               \
  "    ON d.id = cd.document_id WHERE cd.case_id = c.id"                     \
  "    ORDER BY d.received_at, d.id LIMIT 1),"                               \
  " (SELECT MIN (d.received_at) FROM case_documents cd JOIN documents d"     \
  "    ON d.id = cd.document_id WHERE cd.case_id = c.id),"                   \
  " (SELECT MAX (d.received_at) FROM case_documents cd JOIN documents d"     \
  "    ON d.id = cd.document_id WHERE cd.case_id = c.id),"                   \
  " c.flags"

static gpointer
summary_from_row (sqlite3_stmt *stmt)
{
  XfCaseSummary *s = g_new0 (XfCaseSummary, 1);
  const char *ids = (const char *) sqlite3_column_text (stmt, 5);

  s->number = xf_store_column_text (stmt, 1);
  s->status = xf_store_column_text (stmt, 2);
  s->topic = xf_store_column_text (stmt, 3);
  s->topic_score = column_double_or (stmt, 4, NAN);
  s->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (ids != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (ids, ",", -1);
      for (char **p = parts; *p != NULL; p++)
        {
          gint64 id = g_ascii_strtoll (*p, NULL, 10);
          g_array_append_val (s->documents, id);
        }
    }
  s->repeat_count = s->documents->len > 0 ? s->documents->len - 1 : 0;
  s->channel = xf_store_column_text (stmt, 6);
  s->first_received = xf_store_column_text (stmt, 7);
  s->last_received = xf_store_column_text (stmt, 8);
  s->flags = sqlite3_column_type (stmt, 9) == SQLITE_NULL
               ? -1 : sqlite3_column_int (stmt, 9);
  return s;
}

GPtrArray *
xf_store_list_cases (XfStore *store, const char *status, const char *topic,
                     GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = NULL;

  stmt = xf_store_prepare (store,
                  "SELECT " SUMMARY_COLUMNS " FROM cases c"
                  " WHERE (?1 IS NULL OR c.status = ?1)"
                  "   AND (?2 IS NULL OR c.topic = ?2)"
                  " ORDER BY c.year DESC, c.seq DESC", error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if (topic != NULL)
    sqlite3_bind_text (stmt, 2, topic, -1, SQLITE_TRANSIENT);
  return xf_store_rows (store, stmt, summary_from_row,
                        (GDestroyNotify) xf_case_summary_free, "listing cases",
                        error);
}

gint64
xf_store_find_case (XfStore *store, const char *number,
                    XfCaseSummary **summary, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = NULL;
  int rc;

  stmt = xf_store_prepare (store, "SELECT " SUMMARY_COLUMNS
                  " FROM cases c WHERE c.number = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND, "no case %s", number);
      return 0;
    }
  if (rc != SQLITE_ROW)
    {
      xf_store_set_error (store->db, "finding a case", error);
      return 0;
    }
  if (summary != NULL)
    *summary = summary_from_row (stmt);
  return sqlite3_column_int64 (stmt, 0);
}

/* The rows of @sql with case @case_id bound to its first parameter. */
static GPtrArray *
case_rows (XfStore *store, const char *sql, gint64 case_id,
           XfStoreRowFunc row, GDestroyNotify free_row, const char *what,
           GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return xf_store_rows (store, stmt, row, free_row, what, error);
}

static gpointer
document_from_row (sqlite3_stmt *stmt)
{
  XfDocumentInfo *d = g_new0 (XfDocumentInfo, 1);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->channel = xf_store_column_text (stmt, 1);
  d->source_key = xf_store_column_text (stmt, 2);
  d->filename = xf_store_column_text (stmt, 3);
  d->media_type = xf_store_column_text (stmt, 4);
  d->sha256 = xf_store_column_text (stmt, 5);
  d->received_at = xf_store_column_text (stmt, 6);
  d->state = xf_store_column_text (stmt, 7);
  d->pages = (guint) sqlite3_column_int (stmt, 8);
  d->text = xf_store_column_text (stmt, 9);
  if (d->text == NULL)
    d->text = g_strdup ("");
  d->confidence = column_double_or (stmt, 10, -1.0);
  return d;
}

static GPtrArray *
load_documents (XfStore *store, gint64 case_id, GError **error)
{
  return case_rows (store,
                    "SELECT d.id, d.channel, d.source_key, d.filename,"
                    " d.media_type, d.sha256, d.received_at, d.state,"
                    " (SELECT count (*) FROM pages p WHERE p.document_id = d.id),"
                    " (SELECT group_concat (text, char (12, 10)) FROM"
                    "   (SELECT text FROM pages p WHERE p.document_id = d.id"
                    "    ORDER BY p.n)),"
                    " (SELECT AVG (confidence) FROM pages p"
                    "   WHERE p.document_id = d.id)"
                    " FROM case_documents cd JOIN documents d"
                    " ON d.id = cd.document_id WHERE cd.case_id = ?1"
                    " ORDER BY d.received_at, d.id",
                    case_id, document_from_row,
                    (GDestroyNotify) document_info_free, "reading documents",
                    error);
}

static gpointer
field_from_row (sqlite3_stmt *stmt)
{
  XfFieldValue *f = g_new0 (XfFieldValue, 1);

  f->name = xf_store_column_text (stmt, 0);
  f->value = xf_store_column_text (stmt, 1);
  f->confidence = column_double_or (stmt, 2, 0.0);
  f->source = xf_store_column_text (stmt, 3);
  f->by = xf_store_column_text (stmt, 4);
  f->at = xf_store_column_text (stmt, 5);
  f->revisions = (guint) sqlite3_column_int (stmt, 6);
  return f;
}

static GPtrArray *
load_fields (XfStore *store, gint64 case_id, GError **error)
{
  /* The latest revision of each field, with how many it has. */
  return case_rows (store,
                    "SELECT r.field, r.value, r.confidence, r.source, r.by, r.at,"
                    " (SELECT count (*) FROM field_revisions x"
                    "   WHERE x.case_id = r.case_id AND x.field = r.field)"
                    " FROM field_revisions r WHERE r.case_id = ?1 AND r.id ="
                    " (SELECT MAX (id) FROM field_revisions y"
                    "   WHERE y.case_id = ?1 AND y.field = r.field)"
                    " ORDER BY r.field",
                    case_id, field_from_row, (GDestroyNotify) field_value_free,
                    "reading fields", error);
}

static gpointer
audit_entry_from_row (sqlite3_stmt *stmt)
{
  XfAuditEntry *e = g_new0 (XfAuditEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->at = xf_store_column_text (stmt, 1);
  e->actor = xf_store_column_text (stmt, 2);
  e->action = xf_store_column_text (stmt, 3);
  e->document_id = sqlite3_column_int64 (stmt, 4);
  e->detail = xf_store_column_text (stmt, 5);
  return e;
}

static GPtrArray *
load_history (XfStore *store, gint64 case_id, GError **error)
{
  return case_rows (store,
                    "SELECT id, at, actor, action, document_id, detail"
                    " FROM audit WHERE case_id = ?1 OR document_id IN"
                    " (SELECT document_id FROM case_documents WHERE case_id = ?1)"
                    " ORDER BY id",
                    case_id, audit_entry_from_row,
                    (GDestroyNotify) audit_entry_free, "reading the history",
                    error);
}

static gpointer
related_from_row (sqlite3_stmt *stmt)
{
  XfRelatedCase *r = g_new0 (XfRelatedCase, 1);

  r->number = xf_store_column_text (stmt, 0);
  r->detail = xf_store_column_text (stmt, 1);
  return r;
}

static GPtrArray *
load_related (XfStore *store, gint64 case_id, GError **error)
{
  return case_rows (store,
                    "SELECT c.number, l.reasons FROM case_links l JOIN cases c"
                    " ON c.id = CASE WHEN l.case_id = ?1 THEN l.other_case_id"
                    " ELSE l.case_id END"
                    " WHERE (l.case_id = ?1 OR l.other_case_id = ?1)"
                    " AND l.kind = 'related' ORDER BY c.id",
                    case_id, related_from_row,
                    (GDestroyNotify) related_case_free,
                    "reading the related cases", error);
}

XfCase *
xf_store_get_case (XfStore *store, const char *number, GError **error)
{
  g_autoptr(XfCase) c = g_new0 (XfCase, 1);
  gint64 case_id;

  g_return_val_if_fail (number != NULL, NULL);

  case_id = xf_store_find_case (store, number, &c->summary, error);
  if (case_id == 0)
    return NULL;
  c->documents = load_documents (store, case_id, error);
  if (c->documents == NULL)
    return NULL;
  c->fields = load_fields (store, case_id, error);
  if (c->fields == NULL)
    return NULL;
  c->history = load_history (store, case_id, error);
  if (c->history == NULL)
    return NULL;
  c->related = load_related (store, case_id, error);
  if (c->related == NULL)
    return NULL;
  return g_steal_pointer (&c);
}

/* {"field": …, "old": …, "new": …} for the audit row; values may be NULL. */
static char *
change_detail (const char *what, const char *name, const char *old_value,
               const char *new_value)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, what);
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "old");
  if (old_value != NULL)
    json_builder_add_string_value (b, old_value);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "new");
  if (new_value != NULL)
    json_builder_add_string_value (b, new_value);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return xf_json_text (b);
}

static gboolean
current_field_value (XfStore *store, gint64 case_id, const char *field,
                     char **value, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "SELECT value FROM field_revisions WHERE case_id = ? AND field = ?"
      " ORDER BY id DESC LIMIT 1", error);
  int rc;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = xf_store_column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      xf_store_set_error (store->db, "reading a field", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
xf_store_set_field (XfStore *store, const char *number, const char *field,
                    const char *value, const char *by, GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  g_autofree char *old_value = NULL;
  g_autofree char *detail = NULL;
  gint64 case_id;

  g_return_val_if_fail (number != NULL && field != NULL && by != NULL, FALSE);

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  case_id = xf_store_find_case (store, number, NULL, error);
  if (case_id == 0 || !current_field_value (store, case_id, field, &old_value,
                                            error))
    goto fail;
  detail = change_detail ("field", field, old_value, value);
  /* A clerk's value is certain: confidence 1. */
  if (!xf_store_add_revision (store, case_id, field, value, 1.0, "clerk", by,
                              at, 0, error)
      || !xf_store_audit (store, at, by, "set-field", case_id, 0, detail,
                          error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
xf_store_set_topic (XfStore *store, const char *number, const char *topic,
                    const char *by, GError **error)
{
  g_autofree char *at = xf_store_now_text ();
  g_autofree char *detail = NULL;
  g_autoptr(XfCaseSummary) summary = NULL;
  g_autoptr(XfSqliteStmt) stmt = NULL;
  gint64 case_id;

  g_return_val_if_fail (number != NULL && topic != NULL && by != NULL, FALSE);

  if (!xf_store_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  case_id = xf_store_find_case (store, number, &summary, error);
  if (case_id == 0)
    goto fail;
  detail = change_detail ("field", "topic", summary->topic, topic);
  stmt = xf_store_prepare (store,
                  "UPDATE cases SET topic = ?, topic_score = 1.0 WHERE id = ?",
                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, topic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      xf_store_set_error (store->db, "setting the topic", error);
      goto fail;
    }
  if (!xf_store_audit (store, at, by, "set-topic", case_id, 0, detail, error)
      || !xf_store_exec (store->db, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

void
xf_corrected_topic_free (XfCorrectedTopic *c)
{
  if (c == NULL)
    return;
  g_free (c->number);
  g_free (c->topic);
  g_free (c->text);
  g_free (c);
}

static gpointer
corrected_topic_from_row (sqlite3_stmt *stmt)
{
  XfCorrectedTopic *c = g_new0 (XfCorrectedTopic, 1);

  c->number = xf_store_column_text (stmt, 0);
  c->topic = xf_store_column_text (stmt, 1);
  c->text = xf_store_column_text (stmt, 2);
  if (c->text == NULL)
    c->text = g_strdup ("");
  return c;
}

GPtrArray *
xf_store_corrected_topics (XfStore *store, GError **error)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (
      store,
      "SELECT c.number, c.topic,"
      " (SELECT group_concat (text, char (12, 10)) FROM"
      "   (SELECT p.text FROM case_documents cd JOIN pages p"
      "    ON p.document_id = cd.document_id WHERE cd.case_id = c.id"
      "    ORDER BY cd.document_id, p.n))"
      " FROM cases c WHERE c.topic IS NOT NULL AND EXISTS"
      " (SELECT 1 FROM audit a WHERE a.case_id = c.id"
      "  AND a.action = 'set-topic') ORDER BY c.id", error);

  if (stmt == NULL)
    return NULL;
  return xf_store_rows (store, stmt, corrected_topic_from_row,
                        (GDestroyNotify) xf_corrected_topic_free,
                        "reading corrected topics", error);
}
