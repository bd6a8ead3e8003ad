/* The store: migrations, idempotent receive, case numbering, revisions and
 * audit, and that a failed filing leaves nothing behind. */
#include "store/store-private.h"
#include "tests/testutil.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* The clock seam: tests set a fixed time, the rest see the real one. */
GDateTime *__real_xf_clock_now (void);
GDateTime *__wrap_xf_clock_now (void);
static GDateTime *fixed_now;

GDateTime *
__wrap_xf_clock_now (void)
{
  if (fixed_now != NULL)
    return g_date_time_ref (fixed_now);
  return __real_xf_clock_now ();
}

static void
set_now (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_clear_pointer (&fixed_now, g_date_time_unref);
  fixed_now = g_date_time_new (tz, year, month, day, hour, minute, 0);
}

typedef struct {
  char *home;
  XfStore *store;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  f->home = xf_test_make_dir ();
  f->store = xf_store_open (f->home, &error);
  assert_non_null (f->store);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  xf_store_close (f->store);
  xf_test_remove_tree (f->home);
  g_free (f->home);
  g_free (f);
  g_clear_pointer (&fixed_now, g_date_time_unref);
  return 0;
}

static gint64
count_rows (XfStore *store, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);
  g_autoptr(XfSqliteStmt) stmt = NULL;

  assert_int_equal (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL),
                    SQLITE_OK);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static guint
count_blobs (const char *home)
{
  g_autofree char *blobs = g_build_filename (home, "blobs", NULL);
  g_autofree char *tmp = g_build_filename (blobs, "tmp", NULL);
  return xf_test_count_files (blobs) - xf_test_count_files (tmp);
}

/* A one-page filing of @raw with one field. */
typedef struct {
  XfPageRecord page;
  XfFieldRecord field;
  GPtrArray *pages;
  GPtrArray *fields;
  XfFiling filing;
  GBytes *raw;
} Sample;

static void
sample_init (Sample *s, const char *raw_text, const char *field_source)
{
  s->raw = g_bytes_new (raw_text, strlen (raw_text));
  s->page = (XfPageRecord) { .n = 1, .text = raw_text, .confidence = 1.0 };
  s->field = (XfFieldRecord) { .name = "phone", .value = "13912345678",
                               .confidence = 0.9, .source = field_source };
  s->pages = g_ptr_array_new ();
  g_ptr_array_add (s->pages, &s->page);
  s->fields = g_ptr_array_new ();
  g_ptr_array_add (s->fields, &s->field);
  s->filing = (XfFiling) {
    .channel = "letter", .source_key = "test:sample", .filename = "a.txt",
    .media_type = "text", .raw = s->raw, .pages = s->pages,
    .fields = s->fields, .actor = "tester", .flags = -1,
  };
}

static void
sample_clear (Sample *s)
{
  g_bytes_unref (s->raw);
  g_ptr_array_unref (s->pages);
  g_ptr_array_unref (s->fields);
}

static void
file_text (Fixture *f, const char *text, XfFiled *filed)
{
  Sample s;
  g_autoptr(GError) error = NULL;

  sample_init (&s, text, "rule");
  assert_true (xf_store_file_new_case (f->store, &s.filing, filed, &error));
  assert_null (error);
  sample_clear (&s);
}

static void
test_migrate_empty (void **state)
{
  Fixture *f = *state;

  assert_int_equal (xf_store_schema_version (f->store),
                    xf_store_latest_version);
  assert_int_equal (count_rows (f->store, "documents"), 0);
  assert_int_equal (count_rows (f->store, "audit"), 0);
}

static void
test_migrate_from_v1 (void **state)
{
  g_autofree char *home = xf_test_make_dir ();
  g_autofree char *path = g_build_filename (home, "xinfang.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfStore) store = NULL;
  sqlite3 *db = NULL;

  (void) state;
  /* A database as version 1 of the schema left it, with a case in it. */
  assert_int_equal (sqlite3_open (path, &db), SQLITE_OK);
  assert_true (xf_store_migrate (db, 1, &error));
  assert_int_equal (xf_store_read_version (db, NULL), 1);
  assert_true (xf_store_exec (db,
      "INSERT INTO documents (channel, source_key, media_type, sha256, size,"
      " received_at, state) VALUES ('fax', 'k', 'tiff', 'abc', 3,"
      " '2026-01-02T03:04:05+08:00', 'filed');"
      "INSERT INTO pages (document_id, n, text) VALUES (1, 1, '旧的文字');"
      "INSERT INTO cases (number, year, seq, created_at)"
      " VALUES ('XF-2026-000007', 2026, 7, '2026-01-02T03:04:05+08:00');"
      "INSERT INTO case_documents VALUES (1, 1, '2026-01-02T03:04:05+08:00');"
      "INSERT INTO audit (at, actor, action, case_id)"
      " VALUES ('2026-01-02T03:04:05+08:00', 'old', 'file-new-case', 1);",
      &error));
  sqlite3_close (db);

  store = xf_store_open (home, &error);
  assert_non_null (store);
  assert_int_equal (xf_store_schema_version (store), xf_store_latest_version);

  /* The data survived, and v2's column and triggers are in place, and v3's
   * queue columns: the old document stays filed, nothing to retry. */
  g_autoptr(XfCase) c = xf_store_get_case (store, "XF-2026-000007", &error);
  assert_non_null (c);
  assert_string_equal (((XfDocumentInfo *) c->documents->pdata[0])->text,
                       "旧的文字");
  assert_true (xf_store_exec (store->db,
                              "UPDATE pages SET words = '[]'", &error));
  assert_false (xf_store_exec (store->db, "DELETE FROM audit", &error));
  assert_non_null (strstr (error->message, "append-only"));
  g_autoptr(GPtrArray) due = xf_store_due (store, G_MAXINT64, NULL);
  assert_non_null (due);
  assert_int_equal (due->len, 0);
  xf_test_remove_tree (home);
}

static void
test_refuses_newer_schema (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(XfStore) again = NULL;

  assert_true (xf_store_exec (f->store->db,
                              "UPDATE schema_version SET version = 99", &error));
  again = xf_store_open (f->home, &error);
  assert_null (again);
  assert_non_null (strstr (error->message, "schema version 99"));
}

static void
test_receive_is_idempotent (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) first = { 0 };
  g_auto(XfFiled) second = { 0 };

  file_text (f, "同一封信", &first);
  assert_false (first.duplicate);
  file_text (f, "同一封信", &second);
  assert_true (second.duplicate);
  assert_int_equal (second.document_id, first.document_id);
  assert_string_equal (second.case_number, first.case_number);
  assert_int_equal (count_rows (f->store, "documents"), 1);
  assert_int_equal (count_rows (f->store, "cases"), 1);
  assert_int_equal (count_blobs (f->home), 1);
}

static void
test_blob_is_the_original (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) filed = { 0 };
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  file_text (f, "原件要一字不差", &filed);
  sha = xf_sha256_hex ((const guint8 *) "原件要一字不差",
                       strlen ("原件要一字不差"));
  path = xf_store_blob_path (f->store, sha);
  assert_true (g_file_get_contents (path, &contents, &length, NULL));
  assert_int_equal (length, strlen ("原件要一字不差"));
  assert_memory_equal (contents, "原件要一字不差", length);
  /* blobs/ab/cdef…: two characters, then the other 62 */
  g_autofree char *base = g_path_get_basename (path);
  assert_int_equal (strlen (base), 62);
  assert_int_equal (g_stat (path, &st), 0);
  assert_int_equal (st.st_mode & 0222, 0);  /* never rewritten */
}

static void
test_case_numbers_across_year_boundary (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) a = { 0 };
  g_auto(XfFiled) b = { 0 };
  g_auto(XfFiled) c = { 0 };
  g_auto(XfFiled) d = { 0 };

  set_now (2026, 12, 31, 23, 58);
  file_text (f, "第一封", &a);
  set_now (2026, 12, 31, 23, 59);
  file_text (f, "第二封", &b);
  set_now (2027, 1, 1, 0, 1);
  file_text (f, "新年第一封", &c);
  file_text (f, "新年第二封", &d);
  assert_string_equal (a.case_number, "XF-2026-000001");
  assert_string_equal (b.case_number, "XF-2026-000002");
  assert_string_equal (c.case_number, "XF-2027-000001");
  assert_string_equal (d.case_number, "XF-2027-000002");
}

static void
test_field_revisions_and_audit (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) filed = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(XfCase) c = NULL;
  const XfFieldValue *phone = NULL;
  const XfAuditEntry *last;

  file_text (f, "电话写错了", &filed);
  assert_true (xf_store_set_field (f->store, filed.case_number, "phone",
                                   "13987654321", "clerk-wang", &error));
  assert_true (xf_store_set_field (f->store, filed.case_number, "name",
                                   "王小明", "clerk-wang", &error));
  c = xf_store_get_case (f->store, filed.case_number, &error);
  assert_non_null (c);
  for (guint i = 0; i < c->fields->len; i++)
    if (g_str_equal (((XfFieldValue *) c->fields->pdata[i])->name, "phone"))
      phone = c->fields->pdata[i];
  assert_non_null (phone);
  assert_string_equal (phone->value, "13987654321");
  assert_string_equal (phone->source, "clerk");
  assert_string_equal (phone->by, "clerk-wang");
  assert_int_equal (phone->revisions, 2);
  assert_int_equal (count_rows (f->store, "field_revisions"), 3);

  /* receive, file-new-case, set-field (phone), set-field (name) */
  assert_int_equal (c->history->len, 4);
  last = c->history->pdata[2];
  assert_string_equal (last->action, "set-field");
  assert_string_equal (last->actor, "clerk-wang");
  assert_string_equal (last->detail,
                       "{\"field\":\"phone\",\"old\":\"13912345678\","
                       "\"new\":\"13987654321\"}");

  /* The old revision is still there and cannot be changed. */
  assert_false (xf_store_exec (f->store->db,
                               "UPDATE field_revisions SET value = 'x'",
                               &error));
}

static void
test_set_topic_is_audited (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) filed = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(XfCase) c = NULL;

  file_text (f, "拖欠工资", &filed);
  assert_true (xf_store_set_topic (f->store, filed.case_number, "wages",
                                   "clerk-li", &error));
  c = xf_store_get_case (f->store, filed.case_number, &error);
  assert_string_equal (c->summary->topic, "wages");
  assert_string_equal (((XfAuditEntry *) g_ptr_array_index (
                           c->history, c->history->len - 1))->detail,
                       "{\"field\":\"topic\",\"old\":null,\"new\":\"wages\"}");
}

static void
test_set_field_unknown_case (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;

  assert_false (xf_store_set_field (f->store, "XF-2026-999999", "phone",
                                    "13912345678", "clerk", &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_NOT_FOUND));
  assert_int_equal (count_rows (f->store, "audit"), 0);
}

static void
test_failed_filing_leaves_nothing (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) filed = { 0 };
  g_autoptr(GError) error = NULL;
  Sample s;

  /* The field row is written after the blob, the document, its page and
   * the case; its CHECK constraint fails, so all of those must go. */
  sample_init (&s, "写到一半失败", "bogus");
  assert_false (xf_store_file_new_case (f->store, &s.filing, &filed, &error));
  assert_non_null (error);
  sample_clear (&s);
  assert_int_equal (count_rows (f->store, "documents"), 0);
  assert_int_equal (count_rows (f->store, "pages"), 0);
  assert_int_equal (count_rows (f->store, "cases"), 0);
  assert_int_equal (count_rows (f->store, "audit"), 0);
  assert_int_equal (count_blobs (f->home), 0);
  assert_null (filed.case_number);

  /* And the store still works: the number was not used up. */
  g_auto(XfFiled) next = { 0 };
  set_now (2026, 5, 1, 9, 0);
  file_text (f, "下一封正常", &next);
  assert_string_equal (next.case_number, "XF-2026-000001");
}


static void
receive_text (Fixture *f, const char *text, const char *message_id,
              guint32 uidvalidity, guint32 uid, XfReceived *received)
{
  g_autoptr(GBytes) raw = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  XfReceipt receipt = {
    .channel = "email", .source_key = "imap:test", .media_type = "email",
    .message_id = message_id, .raw = raw, .actor = "tester",
    .mailbox = uid > 0 ? "imaps://test/INBOX" : NULL,
    .uidvalidity = uidvalidity, .uid = uid,
  };

  assert_true (xf_store_receive (f->store, &receipt, received, &error));
  assert_null (error);
}

static void
test_receive_then_file (void **state)
{
  Fixture *f = *state;
  XfReceived received = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_auto(XfFiled) filed = { 0 };
  g_autoptr(GError) error = NULL;
  Sample s;

  set_now (2026, 3, 2, 10, 0);
  receive_text (f, "先收下再读", NULL, 0, 0, &received);
  assert_false (received.duplicate);
  assert_int_equal (count_rows (f->store, "cases"), 0);
  assert_int_equal (count_blobs (f->home), 1);

  due = xf_store_due (f->store, g_date_time_to_unix (fixed_now), &error);
  assert_non_null (due);
  assert_int_equal (due->len, 1);
  const XfQueued *q = g_ptr_array_index (due, 0);
  assert_int_equal (q->id, received.document_id);
  assert_string_equal (q->state, "received");
  g_autoptr(GBytes) raw = xf_store_read_blob (f->store, q->sha256, &error);
  assert_non_null (raw);
  assert_int_equal (g_bytes_get_size (raw), strlen ("先收下再读"));

  sample_init (&s, "先收下再读", "rule");
  assert_true (xf_store_file_received (f->store, q->id, &s.filing, &filed,
                                       &error));
  assert_false (filed.duplicate);
  assert_string_equal (filed.case_number, "XF-2026-000001");
  sample_clear (&s);
  assert_int_equal (count_rows (f->store, "pages"), 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = xf_store_due (f->store, g_date_time_to_unix (fixed_now), &error);
  assert_int_equal (due->len, 0);

  /* Filing it again (another process was quicker) writes nothing. */
  g_auto(XfFiled) again = { 0 };
  sample_init (&s, "先收下再读", "rule");
  assert_true (xf_store_file_received (f->store, received.document_id,
                                       &s.filing, &again, &error));
  sample_clear (&s);
  assert_true (again.duplicate);
  assert_string_equal (again.case_number, "XF-2026-000001");
  assert_int_equal (count_rows (f->store, "cases"), 1);
  assert_int_equal (count_rows (f->store, "pages"), 1);
}

static void
test_receive_dedups_bytes_and_message_id (void **state)
{
  Fixture *f = *state;
  XfReceived a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };

  receive_text (f, "Message-ID: <1@x>\n\n甲", "1@x", 0, 0, &a);
  receive_text (f, "Message-ID: <1@x>\n\n甲", "1@x", 0, 0, &b);
  assert_true (b.duplicate);
  assert_int_equal (b.document_id, a.document_id);
  /* The same message with other bytes (a server rewrote a header). */
  receive_text (f, "X-Seen: 1\nMessage-ID: <1@x>\n\n甲", "1@x", 0, 0, &c);
  assert_true (c.duplicate);
  assert_int_equal (c.document_id, a.document_id);
  /* Another Message-ID is another document. */
  receive_text (f, "Message-ID: <2@x>\n\n甲", "2@x", 0, 0, &d);
  assert_false (d.duplicate);
  assert_int_equal (count_rows (f->store, "documents"), 2);
  assert_int_equal (count_blobs (f->home), 2);
}

static void
test_reused_message_id_with_another_body_kept (void **state)
{
  Fixture *f = *state;
  XfReceived a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };

  receive_text (f, "Message-ID: <7@gw>\n\n第一份传真", "7@gw", 0, 0, &a);
  /* A gateway that numbers its mail afresh: the same ID, another mail. */
  receive_text (f, "Message-ID: <7@gw>\n\n第二份传真", "7@gw", 0, 0, &b);
  assert_false (b.duplicate);
  assert_true (b.document_id != a.document_id);
  /* Each is still known again, with the server's headers or line ends. */
  receive_text (f, "Received: by mx\r\nMessage-ID: <7@gw>\r\n\r\n第二份传真", "7@gw",
                0, 0, &c);
  assert_true (c.duplicate);
  assert_int_equal (c.document_id, b.document_id);
  receive_text (f, "Received: by mx\nMessage-ID: <7@gw>\n\n第一份传真", "7@gw", 0, 0, &d);
  assert_true (d.duplicate);
  assert_int_equal (d.document_id, a.document_id);
  assert_int_equal (count_rows (f->store, "documents"), 2);
  assert_int_equal (count_blobs (f->home), 2);
}

static void
test_ledger_records_uids (void **state)
{
  Fixture *f = *state;
  XfReceived r = { 0 };
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GError) error = NULL;

  receive_text (f, "一", "a@x", 7, 1, &r);
  receive_text (f, "二", "b@x", 7, 2, &r);
  /* UIDVALIDITY changed: the same mail under a new UID is a duplicate,
   * and the new UID is recorded as taken. */
  receive_text (f, "一", "a@x", 8, 1, &r);
  assert_true (r.duplicate);

  taken = xf_store_ledger (f->store, "imaps://test/INBOX", 7, &error);
  assert_non_null (taken);
  assert_int_equal (g_hash_table_size (taken), 2);
  assert_int_equal (GPOINTER_TO_INT (g_hash_table_lookup (taken,
                                                          GUINT_TO_POINTER (2))),
                    1);
  assert_true (xf_store_ledger_acted (f->store, "imaps://test/INBOX", 7, 2,
                                      &error));
  g_clear_pointer (&taken, g_hash_table_unref);
  taken = xf_store_ledger (f->store, "imaps://test/INBOX", 7, &error);
  assert_int_equal (GPOINTER_TO_INT (g_hash_table_lookup (taken,
                                                          GUINT_TO_POINTER (2))),
                    2);
  g_clear_pointer (&taken, g_hash_table_unref);
  taken = xf_store_ledger (f->store, "imaps://test/INBOX", 8, &error);
  assert_int_equal (g_hash_table_size (taken), 1);
  assert_int_equal (count_rows (f->store, "documents"), 2);
}

/* The begun count of the one document due. */
static guint
begun_of_due (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = xf_store_due (f->store, G_MAXINT64, &error);

  assert_non_null (due);
  assert_int_equal (due->len, 1);
  return ((XfQueued *) g_ptr_array_index (due, 0))->begun;
}

static void
test_readings_begun_are_counted_until_they_end (void **state)
{
  Fixture *f = *state;
  XfReceived r = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean quarantined = TRUE;

  receive_text (f, "读到一半", NULL, 0, 0, &r);
  assert_int_equal (begun_of_due (f), 0);
  /* Two readings the process died in, then one the store was busy for. */
  assert_true (xf_store_begin_reading (f->store, r.document_id, &error));
  assert_true (xf_store_begin_reading (f->store, r.document_id, &error));
  assert_true (xf_store_begin_reading (f->store, r.document_id, &error));
  assert_int_equal (begun_of_due (f), 3);
  assert_true (xf_store_end_reading (f->store, r.document_id, &error));
  assert_int_equal (begun_of_due (f), 2);
  /* A failure recorded ends them all. */
  assert_true (xf_store_begin_reading (f->store, r.document_id, &error));
  assert_true (xf_store_fail (f->store, r.document_id, "broken", 5, 0, "tester",
                              &quarantined, &error));
  assert_int_equal (begun_of_due (f), 0);
}

static void
test_failures_back_off_then_quarantine (void **state)
{
  Fixture *f = *state;
  XfReceived r = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean quarantined = TRUE;
  gint64 t0;

  set_now (2026, 3, 2, 10, 0);
  t0 = g_date_time_to_unix (fixed_now);
  receive_text (f, "坏的", NULL, 0, 0, &r);

  assert_true (xf_store_fail (f->store, r.document_id, "page 1: broken", 3,
                              60, "tester", &quarantined, &error));
  assert_false (quarantined);
  /* Not due again for 60 s, then due. */
  g_autoptr(GPtrArray) due = xf_store_due (f->store, t0 + 59, &error);
  assert_int_equal (due->len, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = xf_store_due (f->store, t0 + 60, &error);
  assert_int_equal (due->len, 1);
  const XfQueued *q = g_ptr_array_index (due, 0);
  assert_string_equal (q->state, "failed");
  assert_int_equal (q->attempts, 1);
  assert_string_equal (q->last_error, "page 1: broken");
  assert_int_equal (q->retry_after, t0 + 60);

  /* The second failure doubles the delay, the third quarantines. */
  assert_true (xf_store_fail (f->store, r.document_id, "again", 3, 60,
                              "tester", &quarantined, &error));
  assert_false (quarantined);
  g_autoptr(XfQueued) second = xf_store_get_unfiled (f->store, r.document_id,
                                                     &error);
  assert_int_equal (second->retry_after, t0 + 120);
  assert_true (xf_store_fail (f->store, r.document_id, "for good", 3, 60,
                              "tester", &quarantined, &error));
  assert_true (quarantined);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = xf_store_due (f->store, t0 + 1000000, &error);
  assert_int_equal (due->len, 0);
  g_autoptr(GPtrArray) listed = xf_store_list_unfiled (f->store,
                                                       "quarantined", &error);
  assert_int_equal (listed->len, 1);
  assert_string_equal (((XfQueued *) g_ptr_array_index (listed, 0))->last_error,
                       "for good");

  /* The operator's retry puts it back, due now, and says so in the log. */
  assert_true (xf_store_requeue (f->store, r.document_id, "operator", &error));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = xf_store_due (f->store, t0, &error);
  assert_int_equal (due->len, 1);
  assert_int_equal (((XfQueued *) g_ptr_array_index (due, 0))->attempts, 0);
  /* receive, fail, fail, quarantine, requeue */
  assert_int_equal (count_rows (f->store, "audit"), 5);
  assert_false (xf_store_requeue (f->store, 999, "operator", &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_NOT_FOUND));
}

/* Files @text as a new case (or, with @join, as a repeat of it) with the
 * repeat-index keys @keys. */
static void
file_indexed (Fixture *f, const char *text, const char *const *keys,
              const char *join, const char *phone, XfFiled *filed)
{
  Sample s;
  g_autoptr(GError) error = NULL;

  sample_init (&s, text, "rule");
  s.field.value = phone;
  s.filing.index_keys = keys;
  s.filing.signature = "sig:test";
  s.filing.join_case = join;
  s.filing.repeat_detail = join ? "{\"score\":0.9}" : NULL;
  assert_true (xf_store_file_new_case (f->store, &s.filing, filed, &error));
  assert_null (error);
  sample_clear (&s);
}

/* The cases @key finds; the first one's number in @first and how many
 * document signatures it came with in @signatures (either may be NULL). */
static guint
candidates_with (Fixture *f, const char *key, char **first, guint *signatures)
{
  const char *keys[] = { key, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = xf_store_repeat_candidates (f->store, keys, 10,
                                                           &error);
  assert_non_null (found);
  if (first != NULL)
    *first = found->len > 0
        ? g_strdup (((XfRepeatCandidate *) found->pdata[0])->number) : NULL;
  if (signatures != NULL)
    *signatures = found->len > 0
        ? ((XfRepeatCandidate *) found->pdata[0])->signatures->len : 0;
  return found->len;
}

static guint
candidates_for (Fixture *f, const char *key, char **first)
{
  return candidates_with (f, key, first, NULL);
}

static void
test_repeat_joins_case_and_keeps_clerk_fields (void **state)
{
  Fixture *f = *state;
  const char *keys1[] = { "phone:13912345678", "lsh:1:77", NULL };
  const char *keys2[] = { "phone:13912345678", "id:110101199003078515", NULL };
  g_auto(XfFiled) first = { 0 };
  g_auto(XfFiled) again = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  set_now (2026, 6, 1, 9, 0);
  file_indexed (f, "第一封", keys1, NULL, "13912345678", &first);
  assert_int_equal (candidates_for (f, "phone:13912345678", &number), 1);
  assert_string_equal (number, first.case_number);
  assert_int_equal (candidates_for (f, "phone:13000000000", NULL), 0);

  /* A clerk corrects the phone; the repeat brings another phone, which
   * must not replace the clerk's. */
  assert_true (xf_store_set_field (f->store, first.case_number, "phone",
                                   "13900001111", "clerk", &error));
  file_indexed (f, "第二封，换了说法", keys2, first.case_number, "13955556666",
                &again);
  assert_true (again.repeat);
  assert_string_equal (again.case_number, first.case_number);
  assert_int_equal (count_rows (f->store, "cases"), 1);

  g_autoptr(XfCase) c = xf_store_get_case (f->store, first.case_number,
                                           &error);
  assert_int_equal (c->documents->len, 2);
  assert_int_equal (c->summary->repeat_count, 1);
  for (guint i = 0; i < c->fields->len; i++)
    {
      const XfFieldValue *v = g_ptr_array_index (c->fields, i);
      if (g_str_equal (v->name, "phone"))
        assert_string_equal (v->value, "13900001111");
    }
  /* The new document's own key finds the case too, with both letters'
   * signatures to judge against. */
  guint signatures = 0;
  assert_int_equal (candidates_with (f, "id:110101199003078515", NULL,
                                     &signatures), 1);
  assert_int_equal (signatures, 2);
}

/* A filing that fails after its keys and signature are written (the
 * related case it names is gone) leaves no trace in the index. */
static void
test_failed_filing_leaves_index_clean (void **state)
{
  Fixture *f = *state;
  const char *keys[] = { "phone:13944440000", "org:宏达", NULL };
  g_auto(XfFiled) filed = { 0 };
  g_auto(XfFiled) next = { 0 };
  g_autoptr(GError) error = NULL;
  Sample s;

  set_now (2026, 6, 1, 9, 0);
  sample_init (&s, "关联的案件不存在", "rule");
  s.filing.index_keys = keys;
  s.filing.signature = "sig:test";
  s.filing.related_case = "XF-2099-999999";
  assert_false (xf_store_file_new_case (f->store, &s.filing, &filed, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_NOT_FOUND));
  sample_clear (&s);
  assert_int_equal (count_rows (f->store, "case_keys"), 0);
  assert_int_equal (count_rows (f->store, "document_signatures"), 0);
  assert_int_equal (count_rows (f->store, "cases"), 0);
  assert_int_equal (candidates_for (f, "phone:13944440000", NULL), 0);

  file_indexed (f, "再来一次", keys, NULL, "13944440000", &next);
  assert_int_equal (candidates_for (f, "org:宏达", NULL), 1);
}

/* A re-signing that keeps the phone key, adds another and drops the rest. */
static gboolean
resign_with_new_phone (const char *signature, char **new_signature,
                       char ***keys, gpointer user_data)
{
  (void) user_data;
  assert_string_equal (signature, "sig:test");
  *new_signature = g_strdup ("sig:resigned");
  *keys = g_strsplit ("phone:13933330000 phone:13944440000", " ", -1);
  return TRUE;
}

static void
test_merge_and_split (void **state)
{
  Fixture *f = *state;
  const char *keys_a[] = { "phone:13911110000", NULL };
  const char *keys_b[] = { "phone:13922220000", NULL };
  const char *keys_c[] = { "phone:13933330000", "lsh:2:99", NULL };
  g_auto(XfFiled) a = { 0 };
  g_auto(XfFiled) b = { 0 };
  g_auto(XfFiled) c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *split = NULL;

  set_now (2026, 6, 1, 9, 0);
  file_indexed (f, "甲的信", keys_a, NULL, "13911110000", &a);
  file_indexed (f, "乙的信", keys_b, NULL, "13922220000", &b);
  file_indexed (f, "甲的第二封", keys_c, a.case_number, "13933330000", &c);

  /* The machine missed that B is A's matter: the clerk merges. */
  assert_true (xf_store_merge_cases (f->store, b.case_number, a.case_number,
                                     "clerk", &error));
  assert_int_equal (candidates_for (f, "phone:13922220000", &found), 1);
  assert_string_equal (found, a.case_number);
  g_autoptr(XfCase) merged = xf_store_get_case (f->store, b.case_number,
                                                &error);
  assert_string_equal (merged->summary->status, "merged");
  assert_int_equal (merged->documents->len, 0);
  assert_false (xf_store_merge_cases (f->store, b.case_number, a.case_number,
                                      "clerk", &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  g_clear_error (&error);

  /* And splits off the third letter, which was not A's after all; its
   * signature is written anew, and its keys replaced by the new ones. */
  assert_true (xf_store_split_case (f->store, a.case_number, c.document_id,
                                    "clerk", resign_with_new_phone, NULL,
                                    &split, &error));
  g_clear_pointer (&found, g_free);
  assert_int_equal (candidates_with (f, "phone:13944440000", &found, NULL), 1);
  assert_string_equal (found, split);
  assert_int_equal (candidates_with (f, "lsh:2:99", NULL, NULL), 0);
  {
    const char *keys[] = { "phone:13944440000", NULL };
    g_autoptr(GPtrArray) again = xf_store_repeat_candidates (f->store, keys, 10,
                                                             &error);
    assert_non_null (again);
    assert_int_equal (again->len, 1);
    const XfRepeatCandidate *alone = again->pdata[0];
    assert_int_equal (alone->signatures->len, 1);
    assert_string_equal (alone->signatures->pdata[0], "sig:resigned");
  }
  g_clear_pointer (&found, g_free);
  guint signatures = 0;
  assert_int_equal (candidates_with (f, "phone:13933330000", &found,
                                     &signatures), 1);
  assert_string_equal (found, split);
  /* Its signature went with it; the rest of A keeps A's two. */
  assert_int_equal (signatures, 1);
  g_clear_pointer (&found, g_free);
  assert_int_equal (candidates_with (f, "phone:13911110000", &found,
                                     &signatures), 1);
  assert_string_equal (found, a.case_number);
  assert_int_equal (signatures, 2);
  g_autoptr(XfCase) rest = xf_store_get_case (f->store, a.case_number, &error);
  assert_int_equal (rest->documents->len, 2);
  g_autoptr(XfCase) alone = xf_store_get_case (f->store, split, &error);
  assert_int_equal (alone->documents->len, 1);
  /* The only item cannot be split off. */
  g_autofree char *none = NULL;
  assert_false (xf_store_split_case (f->store, split, c.document_id, "clerk",
                                     NULL, NULL, &none, &error));
  assert_null (none);
  /* merge-out, merge-in, split-out, split-in, besides the filings */
  g_autoptr(XfSqliteStmt) stmt = NULL;
  assert_int_equal (sqlite3_prepare_v2 (f->store->db,
      "SELECT group_concat (action) FROM (SELECT action FROM audit"
      " WHERE action LIKE 'merge%' OR action LIKE 'split%' ORDER BY id)",
      -1, &stmt, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  assert_string_equal ((const char *) sqlite3_column_text (stmt, 0),
                       "merge-out,merge-in,split-out,split-in");
}

static void
test_list_cases_filters (void **state)
{
  Fixture *f = *state;
  g_auto(XfFiled) a = { 0 };
  g_auto(XfFiled) b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) wages = NULL;

  file_text (f, "甲", &a);
  file_text (f, "乙", &b);
  assert_true (xf_store_set_topic (f->store, b.case_number, "wages", "c",
                                   &error));
  all = xf_store_list_cases (f->store, NULL, NULL, &error);
  assert_int_equal (all->len, 2);
  /* newest first */
  assert_string_equal (((XfCaseSummary *) all->pdata[0])->number,
                       b.case_number);
  wages = xf_store_list_cases (f->store, NULL, "wages", &error);
  assert_int_equal (wages->len, 1);
  assert_string_equal (((XfCaseSummary *) wages->pdata[0])->channel, "letter");
  assert_int_equal (((XfCaseSummary *) wages->pdata[0])->repeat_count, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_migrate_empty, setup, teardown),
    cmocka_unit_test (test_migrate_from_v1),
    cmocka_unit_test_setup_teardown (test_refuses_newer_schema, setup, teardown),
    cmocka_unit_test_setup_teardown (test_receive_is_idempotent, setup, teardown),
    cmocka_unit_test_setup_teardown (test_blob_is_the_original, setup, teardown),
    cmocka_unit_test_setup_teardown (test_case_numbers_across_year_boundary,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_field_revisions_and_audit, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_set_topic_is_audited, setup, teardown),
    cmocka_unit_test_setup_teardown (test_set_field_unknown_case, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_failed_filing_leaves_nothing, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_list_cases_filters, setup, teardown),
    cmocka_unit_test_setup_teardown (test_receive_then_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_repeat_joins_case_and_keeps_clerk_fields,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_failed_filing_leaves_index_clean,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_merge_and_split, setup, teardown),
    cmocka_unit_test_setup_teardown (test_reused_message_id_with_another_body_kept,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_receive_dedups_bytes_and_message_id,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_ledger_records_uids, setup, teardown),
    cmocka_unit_test_setup_teardown (test_readings_begun_are_counted_until_they_end,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_failures_back_off_then_quarantine,
                                     setup, teardown),
  };
  return cmocka_run_group_tests_name ("store", tests, NULL, NULL);
}
