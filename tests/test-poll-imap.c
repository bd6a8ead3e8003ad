/* Integration: `xinfang poll` on the chairman's mailbox, a real Dovecot on
 * loopback (tests/imapd.h), through the built binary.  One poll files each
 * mail once and a second files nothing; `move:` empties the INBOX of what
 * was filed; a UIDVALIDITY change doubles nothing; a poll killed at a
 * random moment and run again loses nothing and doubles nothing; a fax
 * gateway's mail is a fax; a wrong password and a stopped server give
 * clear errors. */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include "tests/imapd.h"
#include "tests/testutil.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static XfTestImapd server;

static int
compare_basenames (const char **a, const char **b)
{
  g_autofree char *x = g_path_get_basename (*a);
  g_autofree char *y = g_path_get_basename (*b);
  return strcmp (x, y);
}

static const char *const fixtures[] = {
  "imap/gbk-base64.eml",
  "imap/gb2312-label-gbk-qp.eml",
  "imap/utf8-html-only.eml",
  "imap/gb18030-raw-undeclared.eml",
  "imap/forwarded-rfc822.eml",
};

typedef struct {
  char *home;
} Fixture;

static int
group_setup (void **state)
{
  (void) state;
  return xf_test_imapd_start (&server) ? 0 : -1;
}

static int
group_teardown (void **state)
{
  (void) state;
  xf_test_imapd_destroy (&server);
  return 0;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  if (server.pid == 0)
    assert_true (xf_test_imapd_start (&server));
  xf_test_imapd_clear (&server);
  f->home = xf_test_make_dir ();
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  xf_test_remove_tree (f->home);
  g_free (f->home);
  g_free (f);
  return 0;
}

static void
configure (Fixture *f, const char *extra)
{
  g_autofree char *path = xf_test_imapd_write_config (&server, f->home, extra);
  assert_non_null (path);
}

static int
poll_once (Fixture *f, JsonNode **counts, char **err_out)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = xf_test_run_in (f->home, &out, &err, "poll", "--json", NULL);

  *counts = json_from_string (out, NULL);
  if (*counts == NULL)
    fail_msg ("poll printed no JSON: %s / %s", out, err);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  return status;
}

static gint64
count (JsonNode *counts, const char *name)
{
  return json_object_get_int_member (json_node_get_object (counts), name);
}

/* For the record only: what a killed poll left, or why it cannot be
 * read (the kill may have come while the store was being created). */
static char *
peek (const char *db_path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    value = g_strdup_printf ("no store to read (%s)", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
append_fixtures (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) mail = xf_test_read_data (fixtures[i]);
      xf_test_imapd_append (&server, "INBOX", mail);
    }
}

/* The seven kinds of mail of the issue, filed once each; the fax
 * gateway's mail as a fax. */
static void
test_poll_files_each_once (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GBytes) scan = xf_test_read_data ("samples/letter-3.png");
  g_autoptr(GBytes) fax = xf_test_read_data ("samples/fax-1.tif");
  g_autoptr(GBytes) scan_mail = xf_test_mail_with_attachment (
      "扫描件：反映信", "Wang Fang <wangfang@example.com>", "信.png",
      "image/png", scan);
  g_autoptr(GBytes) fax_mail = xf_test_mail_with_attachment (
      "Fax from +86 10 5555 0177 (1 page)", "Fax Gateway <fax@gateway.example>",
      "fax-0001.tif", "image/tiff", fax);

  append_fixtures ();
  xf_test_imapd_append (&server, "INBOX", scan_mail);
  guint32 fax_uid = xf_test_imapd_append (&server, "INBOX", fax_mail);
  configure (f, "after = seen\nfax_senders = other@example.com; fax@gateway.example\n");

  assert_int_equal (poll_once (f, &first, NULL), 0);
  assert_int_equal (count (first, "received"), 7);
  assert_int_equal (count (first, "filed"), 7);
  assert_int_equal (count (first, "source_errors"), 0);
  assert_true (xf_test_imapd_has_flag (&server, "INBOX", fax_uid, "\\Seen"));
  assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 7);

  g_autofree char *cases = xf_test_query (f->home, "SELECT count (*) FROM cases");
  assert_string_equal (cases, "7");
  g_autofree char *fax_channel = xf_test_query (
      f->home, "SELECT channel FROM documents WHERE sender = '+86 10 5555 0177'");
  assert_non_null (fax_channel);
  assert_string_equal (fax_channel, "fax");
  /* Each phone of the fixtures was read from its own mail. */
  g_autofree char *phones = xf_test_query (
      f->home, "SELECT group_concat (value) FROM (SELECT value FROM field_revisions"
         " WHERE field = 'phone' ORDER BY value)");
  assert_non_null (strstr (phones, "13900000101"));
  assert_non_null (strstr (phones, "15800000202"));
  assert_non_null (strstr (phones, "18600000303"));
  assert_non_null (strstr (phones, "13500000404"));

  /* A second poll: nothing new. */
  assert_int_equal (poll_once (f, &second, NULL), 0);
  assert_int_equal (count (second, "received"), 0);
  assert_int_equal (count (second, "again"), 0);
  assert_int_equal (count (second, "filed"), 0);
  /* One login per poll, not one per message. */
  assert_true (xf_test_imapd_count_log (&server, "Login: user=<") <= 2 + 2);
}

/* The files of the messages in @server's INBOX, by name: Dovecot names
 * them by delivery time (g_ptr_array_unref). */
static GPtrArray *
maildir_files (void)
{
  g_autofree char *home = g_build_filename (server.dir, "home", server.user,
                                            "Maildir", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (const char *const *sub = (const char *const[]) { "cur", "new", NULL };
       *sub != NULL; sub++)
    {
      g_autofree char *dir_path = g_build_filename (home, *sub, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
    }
  g_ptr_array_sort (names, (GCompareFunc) compare_basenames);
  return g_steal_pointer (&names);
}

/* A message the server will not hand over (its file is unreadable: Dovecot
 * answers the fetch NO) costs that message a warning, not the mailbox:
 * the messages after it are taken in the same pass, and it is taken once
 * the server can read it again. */
static void
test_message_the_server_refuses_skipped (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (geteuid () != 0)
    skip ();  /* only a server run as another user is kept out by a mode */
  append_fixtures ();
  configure (f, "after = seen\n");
  files = maildir_files ();
  assert_int_equal (files->len, G_N_ELEMENTS (fixtures));
  assert_int_equal (g_chmod (g_ptr_array_index (files, 0), 0), 0);

  assert_int_equal (poll_once (f, &first, &err), 1);
  assert_int_equal (count (first, "received"), G_N_ELEMENTS (fixtures) - 1);
  assert_int_equal (count (first, "source_errors"), 1);
  assert_non_null (strstr (err, "left in the mailbox until the server hands it over"));

  /* Readable again (under whatever name the server has given it since). */
  g_clear_pointer (&files, g_ptr_array_unref);
  files = maildir_files ();
  for (guint i = 0; i < files->len; i++)
    assert_int_equal (g_chmod (g_ptr_array_index (files, i), 0600), 0);
  assert_int_equal (poll_once (f, &second, NULL), 0);
  assert_int_equal (count (second, "received"), 1);
  g_autofree char *documents = xf_test_query (f->home, "SELECT count (*) FROM documents");
  assert_string_equal (documents, "5");
}

static void
test_move_empties_inbox (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;

  append_fixtures ();
  configure (f, "after = move:Processed\n");
  assert_int_equal (poll_once (f, &counts, NULL), 0);
  assert_int_equal (count (counts, "filed"), G_N_ELEMENTS (fixtures));
  assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 0);
  assert_int_equal (xf_test_imapd_count (&server, "Processed"),
                    G_N_ELEMENTS (fixtures));
}

static void
test_uidvalidity_change_doubles_nothing (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;

  append_fixtures ();
  configure (f, "after = seen\n");
  assert_int_equal (poll_once (f, &first, NULL), 0);
  assert_int_equal (count (first, "received"), G_N_ELEMENTS (fixtures));
  xf_test_imapd_new_uidvalidity (&server, "INBOX");
  assert_int_equal (poll_once (f, &second, NULL), 0);
  assert_int_equal (count (second, "received"), 0);
  assert_int_equal (count (second, "again"), G_N_ELEMENTS (fixtures));
  g_autofree char *documents = xf_test_query (f->home, "SELECT count (*) FROM documents");
  g_autofree char *expected = g_strdup_printf ("%zu", G_N_ELEMENTS (fixtures));
  assert_string_equal (documents, expected);
}

/* SIGKILL at a random moment of a poll that moves what it files, then a
 * poll to the end: every mail is filed once and is in Processed, none is
 * left in the INBOX, none is lost.  Looped. */
static void
test_killed_poll_loses_and_doubles_nothing (void **state)
{
  Fixture *f = *state;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  const guint n = G_N_ELEMENTS (fixtures);

  gint64 t0;
  guint full_ms;

  /* How long a whole poll takes here, so that the kills fall inside it. */
  append_fixtures ();
  configure (f, "after = move:Processed\n");
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(JsonNode) counts = NULL;
    assert_int_equal (poll_once (f, &counts, NULL), 0);
  }
  full_ms = (guint) ((g_get_monotonic_time () - t0) / 1000);

  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *log = g_build_filename (f->home, "poll.log", NULL);
      g_autofree char *db = g_build_filename (f->home, "xinfang.db", NULL);
      g_autoptr(JsonNode) counts = NULL;
      const char *argv[] = { "--home", f->home, "poll", NULL };
      guint delay_ms = (guint) g_rand_int_range (rand, 0, (gint32) full_ms);
      GPid pid;

      xf_test_imapd_clear (&server);
      xf_test_remove_tree (f->home);
      g_mkdir (f->home, 0700);
      append_fixtures ();
      configure (f, "after = move:Processed\n");

      pid = xf_test_spawn (argv, log);
      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      xf_test_wait (pid, 10000);
      {
        g_autofree char *kept = peek (db,
            "SELECT count (*) || ' kept, ' || count (CASE WHEN"
            " state = 'filed' THEN 1 END) || ' filed' FROM documents");
        printf ("round %u: killed after %u ms: %s, %u left in INBOX\n", round,
                delay_ms, kept, xf_test_imapd_count (&server, "INBOX"));
      }

      assert_int_equal (poll_once (f, &counts, NULL), 0);
      g_autofree char *documents = xf_test_query (f->home,
          "SELECT count (DISTINCT message_id) || '/' || count (*)"
          " FROM documents");
      g_autofree char *expected = g_strdup_printf ("%u/%u", n, n);
      g_autofree char *filed = xf_test_query (f->home,
          "SELECT count (*) FROM documents WHERE state = 'filed'");
      g_autofree char *expected_filed = g_strdup_printf ("%u", n);
      if (!g_str_equal (documents, expected))
        fail_msg ("round %u (killed after %u ms): documents %s", round,
                  delay_ms, documents);
      assert_string_equal (filed, expected_filed);
      assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 0);
      assert_int_equal (xf_test_imapd_count (&server, "Processed"), n);
    }
}

static void
test_wrong_password (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pass = g_build_filename (f->home, "wrong.pass", NULL);
  g_autofree char *extra = g_strdup_printf ("password_file = %s\n", pass);
  guint logins_before;

  assert_true (g_file_set_contents (pass, "not-the-password\n", -1, NULL));
  g_chmod (pass, 0600);
  append_fixtures ();
  configure (f, extra);
  logins_before = xf_test_imapd_count_log (&server, "auth failed");
  assert_int_equal (poll_once (f, &counts, &err), 1);
  assert_int_equal (count (counts, "source_errors"), 1);
  assert_int_equal (count (counts, "received"), 0);
  assert_non_null (strstr (err, "refused the login"));
  /* One attempt, not a hammering. */
  g_usleep (300 * 1000);
  assert_true (xf_test_imapd_count_log (&server, "auth failed")
               <= logins_before + 1);
}

static gboolean
wait_for_log (const char *log_path, const char *needle, guint seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      g_autofree char *text = NULL;
      if (g_file_get_contents (log_path, &text, NULL, NULL)
          && strstr (text, needle) != NULL)
        return TRUE;
      g_usleep (100 * 1000);
    }
  return FALSE;
}

/* The daemon tries a refused login once and then leaves the mailbox alone
 * until its configuration is reread, instead of hammering the server. */
static void
test_daemon_does_not_hammer (void **state)
{
  Fixture *f = *state;
  g_autofree char *pass = g_build_filename (f->home, "wrong.pass", NULL);
  g_autofree char *extra = g_strdup_printf (
      "password_file = %s\n[daemon]\ninterval = 5\n", pass);
  g_autofree char *log = g_build_filename (f->home, "daemon.log", NULL);
  const char *argv[] = { "--home", f->home, "daemon", NULL };
  guint refused;
  GPid pid;

  assert_true (g_file_set_contents (pass, "not-the-password\n", -1, NULL));
  g_chmod (pass, 0600);
  configure (f, extra);
  refused = xf_test_imapd_count_log (&server, "auth failed");
  pid = xf_test_spawn (argv, log);
  assert_true (wait_for_log (log, "not trying the mailbox again", 60));
  /* Two more intervals: no second attempt. */
  g_usleep (11 * G_USEC_PER_SEC);
  assert_int_equal (xf_test_imapd_count_log (&server, "auth failed"),
                    refused + 1);
  kill (pid, SIGTERM);
  assert_int_equal (xf_test_wait (pid, 30000), 0);
}

static guint
occurrences (const char *path, const char *needle)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A message over [imap] max_message_bytes stays in the mailbox; the daemon
 * warns of it once, not on every pass. */
static void
test_daemon_warns_once_of_a_message_left (void **state)
{
  Fixture *f = *state;
  g_autofree char *log = g_build_filename (f->home, "daemon.log", NULL);
  const char *argv[] = { "--home", f->home, "daemon", NULL };
  gint64 until;
  guint logins;
  GPid pid;

  append_fixtures ();
  /* forwarded-rfc822.eml alone is over 1024 bytes. */
  configure (f, "after = seen\nmax_message_bytes = 1024\n[daemon]\ninterval = 5\n");
  logins = xf_test_imapd_count_log (&server, "Login: user=");
  pid = xf_test_spawn (argv, log);
  assert_true (wait_for_log (log, "left in the mailbox", 60));
  /* Two more passes. */
  until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (xf_test_imapd_count_log (&server, "Login: user=") < logins + 3
         && g_get_monotonic_time () < until)
    g_usleep (200 * 1000);
  assert_true (xf_test_imapd_count_log (&server, "Login: user=") >= logins + 3);
  kill (pid, SIGTERM);
  assert_int_equal (xf_test_wait (pid, 30000), 0);

  assert_int_equal (occurrences (log, "left in the mailbox"), 1);
  assert_int_equal (occurrences (log, "max_message_bytes"), 1);
  g_autofree char *documents = xf_test_query (f->home, "SELECT count (*) FROM documents");
  assert_string_equal (documents, "4");
}

static void
test_stopped_server (void **state)
{
  Fixture *f = *state;
  g_autoptr(JsonNode) counts = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *err = NULL;

  append_fixtures ();
  configure (f, "after = seen\n");
  xf_test_imapd_stop (&server);
  assert_int_equal (poll_once (f, &counts, &err), 1);
  assert_int_equal (count (counts, "source_errors"), 1);
  assert_non_null (strstr (err, "imap: "));
  /* And when it is back, everything comes in. */
  assert_true (xf_test_imapd_start (&server));
  assert_int_equal (poll_once (f, &after, NULL), 0);
  assert_int_equal (count (after, "received"), G_N_ELEMENTS (fixtures));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_poll_files_each_once, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_message_the_server_refuses_skipped, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_move_empties_inbox, setup, teardown),
    cmocka_unit_test_setup_teardown (test_uidvalidity_change_doubles_nothing,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_killed_poll_loses_and_doubles_nothing,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_wrong_password, setup, teardown),
    cmocka_unit_test_setup_teardown (test_daemon_does_not_hammer, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_daemon_warns_once_of_a_message_left,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_stopped_server, setup, teardown),
  };
  return cmocka_run_group_tests (tests, group_setup, group_teardown);
}
