/* Integration: `xinfang poll`, `daemon`, `queue` and `retry` on the fax
 * spool, through the built binary, with the real Tesseract and SQLite.
 * Each fax is filed once; what is not complete is left alone; a crash at
 * any point loses nothing and doubles nothing; failures are retried, then
 * quarantined; one poller per home; the daemon obeys its signals. */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include "pipeline/poll.h"
#include "tests/testutil.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <cmocka.h>

typedef struct {
  char *home;
  char *spool;
} Fixture;

static void
write_config (Fixture *f, const char *extra)
{
  g_autofree char *path = g_build_filename (f->home, "xinfang.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[spool]\ndir = %s\n%s", f->spool,
                                           extra ? extra : "");
  assert_true (g_file_set_contents (path, text, -1, NULL));
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->home = xf_test_make_dir ();
  f->spool = xf_test_make_dir ();
  write_config (f, "settle_seconds = 0\n");
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  xf_test_remove_tree (f->home);
  xf_test_remove_tree (f->spool);
  g_free (f->home);
  g_free (f->spool);
  g_free (f);
  return 0;
}

/* `poll --json`: its status, and the counts in @counts. */
static int
poll_once (Fixture *f, JsonNode **counts)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = xf_test_run_in (f->home, &out, &err, "poll", "--json", NULL);

  *counts = json_from_string (out, &error);
  if (*counts == NULL)
    fail_msg ("poll printed no JSON: %s / %s", out, err);
  return status;
}

static gint64
count (JsonNode *counts, const char *name)
{
  return json_object_get_int_member (json_node_get_object (counts), name);
}

static void
drop (Fixture *f, const char *sample, const char *name)
{
  g_autoptr(GBytes) data = xf_test_read_data (sample);
  g_autofree char *path = g_build_filename (f->spool, name, NULL);
  assert_true (g_file_set_contents (path, g_bytes_get_data (data, NULL),
                                    (gssize) g_bytes_get_size (data), NULL));
}

static gboolean
exists (Fixture *f, const char *relative)
{
  g_autofree char *path = g_build_filename (f->spool, relative, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_spool_fax_filed_once (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) third = NULL;
  g_autofree char *meta = g_build_filename (f->spool, "f1.tif.meta", NULL);

  drop (f, "samples/fax-1.tif", "f1.tif");
  assert_true (g_file_set_contents (meta, "tsi=+86 10 5555 0101\npages=1\n",
                                    -1, NULL));
  assert_int_equal (poll_once (f, &first), 0);
  assert_int_equal (count (first, "received"), 1);
  assert_int_equal (count (first, "filed"), 1);
  assert_true (exists (f, "done/f1.tif"));
  assert_true (exists (f, "done/f1.tif.meta"));
  assert_false (exists (f, "f1.tif"));
  assert_int_equal (xf_test_count_files (f->spool), 2);

  g_autofree char *channel = xf_test_query (f->home, "SELECT channel FROM documents");
  g_autofree char *sender = xf_test_query (f->home, "SELECT sender FROM documents");
  g_autofree char *state_text = xf_test_query (f->home, "SELECT state FROM documents");
  assert_string_equal (channel, "fax");
  assert_string_equal (sender, "+86 10 5555 0101");
  assert_string_equal (state_text, "filed");

  /* Nothing new: nothing filed. */
  assert_int_equal (poll_once (f, &second), 0);
  assert_int_equal (count (second, "received"), 0);
  assert_int_equal (count (second, "filed"), 0);

  /* The gateway sends the same fax again under another name: kept once. */
  drop (f, "samples/fax-1.tif", "f1-again.tif");
  assert_int_equal (poll_once (f, &third), 0);
  assert_int_equal (count (third, "received"), 0);
  assert_int_equal (count (third, "again"), 1);
  assert_true (exists (f, "done/f1-again.tif"));
  g_autofree char *documents = xf_test_query (f->home, "SELECT count (*) FROM documents");
  assert_string_equal (documents, "1");
}

/* Makes spool file @name look written @seconds ago. */
static void
set_age (Fixture *f, const char *name, gint64 seconds)
{
  g_autofree char *path = g_build_filename (f->spool, name, NULL);
  struct utimbuf when;

  when.actime = when.modtime = time (NULL) - seconds;
  assert_int_equal (g_utime (path, &when), 0);
}

static void
write_spool_file (Fixture *f, const char *name, const char *text,
                  gint64 age_seconds)
{
  g_autofree char *path = g_build_filename (f->spool, name, NULL);

  assert_true (g_file_set_contents (path, text, -1, NULL));
  set_age (f, name, age_seconds);
}

/* Metadata that comes late: a fax waits while its .meta is being written;
 * a .meta whose fax is claimed but not yet filed joins it in work/; one
 * whose fax is filed already is set aside in rejected/ with a reason,
 * instead of staying in the spool for ever. */
static void
test_spool_late_metadata (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) third = NULL;
  g_autoptr(JsonNode) fourth = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *reason_path = g_build_filename (f->spool, "rejected",
                                                   "a.tif.meta.reason", NULL);
  g_autofree char *work = g_build_filename (f->spool, "work", NULL);

  write_config (f, "settle_seconds = 600\n");
  drop (f, "samples/fax-1.tif", "a.tif");
  set_age (f, "a.tif", 7200);
  assert_int_equal (poll_once (f, &first), 0);
  assert_int_equal (count (first, "filed"), 1);
  assert_true (exists (f, "done/a.tif"));

  /* a.tif's metadata after a.tif was filed. */
  write_spool_file (f, "a.tif.meta", "tsi=+86 10 5555 0102\n", 3600);
  /* c.tif is old, but its metadata is being written. */
  drop (f, "samples/letter-1.png", "c.tif");
  set_age (f, "c.tif", 7200);
  write_spool_file (f, "c.tif.meta", "tsi=+86 10 5555 0103\n", 0);
  assert_int_equal (poll_once (f, &second), 1);
  assert_int_equal (count (second, "rejected"), 1);
  assert_int_equal (count (second, "received"), 0);
  assert_true (exists (f, "c.tif"));
  assert_false (exists (f, "a.tif.meta"));
  assert_true (exists (f, "rejected/a.tif.meta"));
  assert_true (g_file_get_contents (reason_path, &reason, NULL, NULL));
  assert_non_null (strstr (reason, "came without its fax"));

  /* Once the metadata is settled, the fax goes with its sender. */
  write_spool_file (f, "c.tif.meta", "tsi=+86 10 5555 0103\n", 3600);
  assert_int_equal (poll_once (f, &third), 0);
  assert_int_equal (count (third, "filed"), 1);
  g_autofree char *c_sender = xf_test_query (
      f->home, "SELECT sender FROM documents WHERE source_key LIKE '%c.tif%'");
  assert_string_equal (c_sender, "+86 10 5555 0103");

  /* A fax claimed by a poll that was interrupted, its metadata come since:
   * they go together. */
  assert_int_equal (g_mkdir_with_parents (work, 0750), 0);
  drop (f, "samples/letter-2.png", "work/d.tif");
  write_spool_file (f, "d.tif.meta", "tsi=+86 10 5555 0104\n", 3600);
  assert_int_equal (poll_once (f, &fourth), 0);
  assert_int_equal (count (fourth, "filed"), 1);
  g_autofree char *d_sender = xf_test_query (
      f->home, "SELECT sender FROM documents WHERE source_key LIKE '%d.tif%'");
  assert_string_equal (d_sender, "+86 10 5555 0104");
  assert_true (exists (f, "done/d.tif.meta"));
}

/* dist/faxrcvd-xinfang, run as HylaFAX runs it, hands a fax over. */
static void
test_hylafax_hook (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hook = g_build_filename (g_getenv ("XINFANG_SRCDIR"),
                                            "dist", "faxrcvd-xinfang", NULL);
  g_autofree char *qfile = xf_test_data ("samples/fax-1.tif");
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XINFANG_SPOOL",
                                        f->spool, TRUE);
  const char *argv[] = { "/bin/sh", hook, qfile, "ttyS0", "000042", "",
                         "+86 10 5555 0199", NULL };
  int status = -1;

  assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL,
                             NULL, NULL, NULL, &status, &error));
  assert_true (g_spawn_check_wait_status (status, NULL));
  assert_int_equal (xf_test_count_files (f->spool), 2);
  assert_int_equal (poll_once (f, &counts), 0);
  assert_int_equal (count (counts, "filed"), 1);
  g_autofree char *sender = xf_test_query (f->home, "SELECT sender FROM documents");
  assert_string_equal (sender, "+86 10 5555 0199");

  /* HylaFAX keeps its faxes 0600: the copy is readable by the group. */
  g_autofree char *done = g_build_filename (f->spool, "done", NULL);
  g_autoptr(GDir) dir = g_dir_open (done, 0, NULL);
  const char *name;
  guint checked = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (done, name, NULL);
      GStatBuf st;
      assert_int_equal (g_stat (path, &st), 0);
      assert_int_equal (st.st_mode & 0777, 0640);
      checked++;
    }
  assert_int_equal (checked, 2);

  /* A spool it cannot write to: the hook says so, fails, and leaves no
   * half-written file. */
  g_autofree char *missing = g_build_filename (f->spool, "no-such-folder", NULL);
  g_auto(GStrv) bad_env = g_environ_setenv (g_get_environ (), "XINFANG_SPOOL",
                                            missing, TRUE);
  g_autofree char *err = NULL;
  assert_true (g_spawn_sync (NULL, (char **) argv, bad_env, G_SPAWN_DEFAULT,
                             NULL, NULL, NULL, &err, &status, &error));
  assert_false (g_spawn_check_wait_status (status, NULL));
  assert_non_null (strstr (err, "could not hand"));
}

static void
test_spool_leaves_files_being_written (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;

  write_config (f, "settle_seconds = 3600\n");
  drop (f, "samples/fax-1.tif", "young.tif");
  /* A gateway's temporary file, by the usual convention. */
  drop (f, "samples/fax-1.tif", ".incoming.tif");
  assert_int_equal (poll_once (f, &counts), 0);
  assert_int_equal (count (counts, "received"), 0);
  assert_true (exists (f, "young.tif"));
  assert_true (exists (f, ".incoming.tif"));

  /* Dated ahead of the clock: it waits, and the operator is told why. */
  write_config (f, "settle_seconds = 0\n");
  g_autofree char *young = g_build_filename (f->spool, "young.tif", NULL);
  g_unlink (young);
  drop (f, "samples/fax-1.tif", "ahead.tif");
  set_age (f, "ahead.tif", -7200);
  g_autofree char *out = NULL, *err = NULL;
  xf_test_run_in (f->home, &out, &err, "poll", NULL);
  assert_true (exists (f, "ahead.tif"));
  assert_non_null (strstr (err, "ahead of this machine's clock"));
}

/* A crash after the claim (the file in work/, nothing stored) and a crash
 * after the commit (stored, but the file still in work/): the next poll
 * finishes both, and nothing is kept twice. */
static void
test_spool_crash_recovery (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autofree char *work = g_build_filename (f->spool, "work", NULL);
  g_autofree char *done = g_build_filename (f->spool, "done", "a.tif", NULL);
  g_autofree char *back = g_build_filename (work, "a.tif", NULL);

  assert_int_equal (g_mkdir (work, 0750), 0);
  drop (f, "samples/fax-1.tif", "work/a.tif");
  assert_int_equal (poll_once (f, &first), 0);
  assert_int_equal (count (first, "received"), 1);
  assert_true (exists (f, "done/a.tif"));
  assert_int_equal (xf_test_count_files (work), 0);

  assert_int_equal (g_rename (done, back), 0);
  assert_int_equal (poll_once (f, &second), 0);
  assert_int_equal (count (second, "received"), 0);
  assert_int_equal (count (second, "again"), 1);
  assert_true (exists (f, "done/a.tif"));
  g_autofree char *documents = xf_test_query (f->home, "SELECT count (*) FROM documents");
  assert_string_equal (documents, "1");
}

static void
test_spool_delete_after (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;

  write_config (f, "settle_seconds = 0\nafter = delete\n");
  drop (f, "samples/fax-1.tif", "gone.tif");
  assert_int_equal (poll_once (f, &counts), 0);
  assert_int_equal (count (counts, "filed"), 1);
  assert_int_equal (xf_test_count_files (f->spool), 0);
}

static void
test_spool_over_limit_set_aside (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *reason_path = g_build_filename (f->spool, "rejected",
                                                   "big.tif.reason", NULL);

  write_config (f, "settle_seconds = 0\n[ocr]\nmax_file_bytes = 2048\n");
  drop (f, "samples/fax-1.tif", "big.tif");
  /* Set aside: counted, and the exit status says so. */
  assert_int_equal (poll_once (f, &counts), 1);
  assert_int_equal (count (counts, "rejected"), 1);
  assert_int_equal (count (counts, "received"), 0);
  assert_true (exists (f, "rejected/big.tif"));
  assert_true (g_file_get_contents (reason_path, &reason, NULL, NULL));
  assert_non_null (strstr (reason, "max_file_bytes"));
}

/* Puts 600 bytes nothing can read into the spool as @name. */
static void
drop_noise (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->spool, name, NULL);
  guint8 noise[600];

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) (i * 7919u % 251u) | 0x80;
  noise[0] = 0;
  assert_true (g_file_set_contents (path, (const char *) noise, sizeof noise,
                                    NULL));
}

/* Runs @sql on the home's database, as a process that died mid-reading
 * would have left it. */
static void
exec_sql (Fixture *f, const char *sql)
{
  g_autofree char *path = g_build_filename (f->home, "xinfang.db", NULL);
  sqlite3 *db = NULL;

  assert_int_equal (sqlite3_open (path, &db), SQLITE_OK);
  assert_int_equal (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
}

/* Drops a good letter and polls: the document due is quarantined for a
 * reason saying @reason, and the letter after it is filed. */
static void
expect_quarantined_then_next_filed (Fixture *f, const char *reason)
{
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  drop (f, "samples/letter-1.png", "letter-1.png");
  assert_int_equal (poll_once (f, &counts), 1);
  assert_int_equal (count (counts, "quarantined"), 1);
  assert_int_equal (count (counts, "filed"), 1);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "queue", "--state",
                                    "quarantined", NULL), 0);
  assert_non_null (strstr (out, reason));
}

/* A document whose reading was begun three times and never ended (each
 * time the process died) is quarantined with that reason instead of being
 * read a fourth time, and the queue goes on to the next. */
static void
test_document_that_stopped_the_process_quarantined (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autofree char *begun = NULL;

  write_config (f, "settle_seconds = 0\n");
  drop_noise (f, "noise.tif");
  assert_int_equal (poll_once (f, &first), 1);
  assert_int_equal (count (first, "failed"), 1);
  /* Failed: its reading ended, and is no longer counted as begun. */
  begun = xf_test_query (f->home, "SELECT begun FROM documents WHERE id = 1");
  assert_string_equal (begun, "0");

  /* Then three times the process died reading it. */
  exec_sql (f, "UPDATE documents SET state = 'received', retry_after = NULL,"
               " begun = 3 WHERE id = 1");
  expect_quarantined_then_next_filed (f, "stopped 3 times while reading it");
}

/* A document whose original alone is gone from the store (a partial
 * restore) is quarantined with that reason and the queue goes on; with the
 * whole blob folder gone, it is the store's trouble and nothing is
 * quarantined. */
static void
test_document_without_its_original_quarantined (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *blobs = g_build_filename (f->home, "blobs", NULL);
  g_autofree char *moved = g_build_filename (f->home, "blobs-away", NULL);

  write_config (f, "settle_seconds = 0\n");
  drop_noise (f, "noise.tif");
  assert_int_equal (poll_once (f, &first), 1);
  assert_int_equal (count (first, "failed"), 1);
  sha = xf_test_query (f->home, "SELECT sha256 FROM documents WHERE id = 1");
  prefix = g_strndup (sha, 2);
  blob = g_build_filename (blobs, prefix, sha + 2, NULL);
  exec_sql (f, "UPDATE documents SET retry_after = NULL WHERE id = 1");

  /* The whole folder gone: the store's trouble, nothing recorded. */
  assert_int_equal (g_rename (blobs, moved), 0);
  assert_int_equal (poll_once (f, &second), 1);
  assert_int_equal (count (second, "quarantined"), 0);
  assert_int_equal (count (second, "source_errors"), 1);
  xf_test_remove_tree (blobs);  /* the empty one opening the store made */
  assert_int_equal (g_rename (moved, blobs), 0);

  /* Its one file gone: that document is quarantined, the next is filed. */
  assert_int_equal (g_unlink (blob), 0);
  expect_quarantined_then_next_filed (f, "is missing from");
}

/* A file nothing can read: kept, failed with its reason, retried after the
 * delay, quarantined after the last attempt, and put back by `retry`. */
static void
test_failure_retry_quarantine (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) early = NULL;
  g_autoptr(JsonNode) last = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  drop_noise (f, "noise.tif");
  /* The delay leaves room for a slow first poll and `queue` under ASan on
   * a loaded machine (2 s did not, once in CI) before the early poll. */
  write_config (f, "settle_seconds = 0\n[daemon]\nmax_attempts = 2\n"
                   "retry_seconds = 5\n");

  assert_int_equal (poll_once (f, &first), 1);
  assert_int_equal (count (first, "received"), 1);
  assert_int_equal (count (first, "failed"), 1);
  /* The original is kept even though it cannot be read. */
  assert_true (exists (f, "done/noise.tif"));
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "queue", NULL), 0);
  assert_non_null (strstr (out, "failed"));
  assert_non_null (strstr (out, "unrecognised content"));
  /* Which fax it is, and when it is tried again. */
  assert_non_null (strstr (out, "from spool:noise.tif, next try "));

  /* Before the delay: not tried again. */
  assert_int_equal (poll_once (f, &early), 0);
  assert_int_equal (count (early, "failed") + count (early, "quarantined"), 0);

  g_usleep (5100 * 1000);
  assert_int_equal (poll_once (f, &last), 1);
  assert_int_equal (count (last, "quarantined"), 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "queue", "--state", "quarantined",
                         "--json", NULL), 0);
  assert_non_null (strstr (out, "\"state\":\"quarantined\""));
  assert_non_null (strstr (out, "\"attempts\":2"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "retry", "1", NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "queue", "--state", "received", NULL),
                    0);
  assert_non_null (strstr (out, "1 document not filed"));
  g_autofree char *audit = xf_test_query (f->home, "SELECT group_concat (action) FROM audit");
  assert_string_equal (audit, "receive,fail,quarantine,requeue");

  /* Bad usage. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "retry", "x", NULL), 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "retry", "99", NULL), 1);
  assert_non_null (strstr (err, "99"));
}

static void
test_one_poller_per_home (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int fd = xf_poll_lock (f->home, &error);

  assert_true (fd >= 0);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "poll", NULL), 1);
  assert_non_null (strstr (err, "another poll or daemon is running"));
  close (fd);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "poll", NULL), 0);
}

static gboolean
log_contains (const char *log_path, const char *needle)
{
  g_autofree char *text = NULL;
  return g_file_get_contents (log_path, &text, NULL, NULL)
         && strstr (text, needle) != NULL;
}

/* Waits up to @seconds for @needle in the log. */
static gboolean
wait_for_log (const char *log_path, const char *needle, guint seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      if (log_contains (log_path, needle))
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

static void
test_daemon (void **state)
{
  Fixture *f = *state;
  g_autofree char *log = g_build_filename (f->home, "daemon.log", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "--home", f->home, "daemon", NULL };
  GPid pid;

  write_config (f, "settle_seconds = 0\n[daemon]\ninterval = 5\n");
  pid = xf_test_spawn (argv, log);
  assert_true (wait_for_log (log, "daemon started", 60));

  /* One daemon per home, and no poll beside it. */
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "poll", NULL), 1);
  assert_non_null (strstr (err, "another poll or daemon is running"));

  drop (f, "samples/fax-1.tif", "d.tif");
  assert_true (wait_for_log (log, "filed as XF-", 90));
  /* One line per item, naming the document, and no personal data. */
  assert_true (log_contains (log, "document 1 received from spool:d.tif"));
  assert_false (log_contains (log, "13645087291"));

  /* SIGHUP rereads the configuration; a broken one is refused. */
  write_config (f, "settle_seconds = 0\n[daemon]\ninterval = 6\n");
  kill (pid, SIGHUP);
  assert_true (wait_for_log (log, "configuration reread", 30));
  write_config (f, "[daemon]\nbogus = 1\n");
  kill (pid, SIGHUP);
  assert_true (wait_for_log (log, "keeping the running configuration", 30));

  kill (pid, SIGTERM);
  assert_int_equal (xf_test_wait (pid, 30000), 0);
  assert_true (log_contains (log, "daemon stopping"));
}

/* SIGTERM while a mail of many photographed pages is read: the daemon
 * stops after the attachment in hand, not after the last, and the mail
 * waits for the next start at no cost (systemd kills what takes longer
 * than its TimeoutStopSec, and three such kills would quarantine it). */
static void
test_daemon_stops_inside_a_long_mail (void **state)
{
  Fixture *f = *state;
  g_autofree char *log = g_build_filename (f->home, "daemon.log", NULL);
  const char *argv[] = { "--home", f->home, "daemon", NULL };
  g_autoptr(GBytes) png = xf_test_read_data ("samples/letter-1.png");
  g_autoptr(GString) mail = g_string_new (
      "From: a@example.org\r\nTo: b@example.org\r\nSubject: photos\r\n"
      "Message-ID: <many@example.org>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n照片\r\n");
  g_autofree char *path = g_build_filename (f->spool, "many.eml", NULL);
  gint64 started;
  GPid pid;

  /* 24 pages, each its own bytes (a byte after the PNG's end), so that
   * none is a copy of another read once. */
  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_byte_array_append (bytes, g_bytes_get_data (png, NULL),
                           (guint) g_bytes_get_size (png));
      for (guint k = 0; k <= i; k++)
        g_byte_array_append (bytes, (const guint8 *) "", 1);
      g_autofree char *b64 = g_base64_encode (bytes->data, bytes->len);
      g_string_append_printf (mail, "--b\r\nContent-Type: image/png; name=\"p%u.png\"\r\n"
                              "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n",
                              i, b64);
    }
  g_string_append (mail, "--b--\r\n");
  assert_true (g_file_set_contents (path, mail->str, (gssize) mail->len, NULL));

  write_config (f, "settle_seconds = 0\n[daemon]\ninterval = 5\n");
  pid = xf_test_spawn (argv, log);
  assert_true (wait_for_log (log, "taken from the queue", 60));
  g_usleep (G_USEC_PER_SEC);
  started = g_get_monotonic_time ();
  kill (pid, SIGTERM);
  assert_int_equal (xf_test_wait (pid, 30000), 0);
  print_message ("  stopped %.1f s after SIGTERM\n",
                 (g_get_monotonic_time () - started) / 1e6);
  assert_true (log_contains (log, "read again at the next start"));
  g_autofree char *row = xf_test_query (
      f->home, "SELECT state || ' ' || attempts || ' ' || begun FROM documents");
  assert_string_equal (row, "received 0 0");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_spool_fax_filed_once, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_daemon_stops_inside_a_long_mail,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_spool_late_metadata, setup, teardown),
    cmocka_unit_test_setup_teardown (test_hylafax_hook, setup, teardown),
    cmocka_unit_test_setup_teardown (test_spool_leaves_files_being_written,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_spool_crash_recovery, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_spool_delete_after, setup, teardown),
    cmocka_unit_test_setup_teardown (test_spool_over_limit_set_aside, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_document_that_stopped_the_process_quarantined,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_document_without_its_original_quarantined,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_failure_retry_quarantine, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_one_poller_per_home, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_daemon, setup, teardown),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
