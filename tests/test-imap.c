/* Tests for intake/imap.c against a real Dovecot on loopback (tests/imapd.c,
 * one server for the whole binary) with the fixture mails of testdata/imap,
 * and against a fake server in a thread for the failures Dovecot will not
 * produce: a connection that breaks in the middle of a message, a message
 * larger than its RFC822.SIZE, and a server that never answers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/imapd.h"
#include "tests/testutil.h"

#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/common.h"
#include "intake/intake.h"
#include "intake/intake-private.h"

static XfTestImapd server;

static const char *const fixtures[] = {
  "gbk-base64.eml",
  "gb2312-label-gbk-qp.eml",
  "utf8-html-only.eml",
  "gb18030-raw-undeclared.eml",
  "forwarded-rfc822.eml",
};

/* The phone number written in each fixture, in the same order. */
static const char *const fixture_phones[] = {
  "13900000101", "15800000202", "18600000303", "13500000404", "17700000505",
};

static int
start_server (void **state G_GNUC_UNUSED)
{
  if (xf_test_imapd_start (&server))
    return 0;
  xf_test_imapd_destroy (&server);
  return -1;
}

static int
destroy_server (void **state G_GNUC_UNUSED)
{
  xf_test_imapd_destroy (&server);
  return 0;
}

static int
clear_mailboxes (void **state G_GNUC_UNUSED)
{
  xf_test_imapd_clear (&server);
  return 0;
}

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *relative = g_build_filename ("imap", name, NULL);
  return xf_test_read_data (relative);
}

static guint32
append_fixture (const char *name)
{
  g_autoptr(GBytes) message = read_fixture (name);
  return xf_test_imapd_append (&server, "INBOX", message);
}

/* A plain mail of about @size bytes, CRLF line ends. */
static GBytes *
mail_of_size (gsize size, const char *message_id)
{
  GString *mail = g_string_new (NULL);

  g_string_append_printf (mail,
                          "From: test@example.com\r\n"
                          "Subject: size\r\n"
                          "Message-ID: <%s@example.com>\r\n\r\n",
                          message_id);
  while (mail->len + 2 < size)
    g_string_append (mail, mail->len % 70 == 0 ? "\r\n" : "x");
  g_string_append (mail, "\r\n");
  return g_string_free_to_bytes (mail);
}

static XfImap *
connect_or_fail (const XfConfig *config)
{
  g_autoptr(GError) error = NULL;
  XfImap *imap = xf_imap_connect (config, &error);

  if (imap == NULL)
    fail_msg ("connect failed: %s", error->message);
  return imap;
}

static XfImap *
connect_default (void)
{
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  return connect_or_fail (config);
}

static GBytes *
fetch_or_fail (XfImap *imap, guint32 uid)
{
  g_autoptr(GError) error = NULL;
  GBytes *message = xf_imap_fetch (imap, uid, &error);

  if (message == NULL)
    fail_msg ("fetch of UID %u failed: %s", uid, error->message);
  return message;
}

static void
after_or_fail (XfImap *imap, guint32 uid, const char *action)
{
  g_autoptr(GError) error = NULL;

  if (!xf_imap_after (imap, uid, action, &error))
    fail_msg ("after %s of UID %u failed: %s", action, uid, error->message);
}

static void
assert_error (const GError *error, XfErrorCode code)
{
  if (error == NULL)
    fail_msg ("no error, expected code %d", code);
  if (!g_error_matches (error, XF_ERROR, (int) code))
    fail_msg ("error code %d, expected %d: %s", error->code, code, error->message);
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    fail_msg ("'%s' does not contain '%s'", text, part);
}

static char *
write_password (const char *dir, const char *text, int mode)
{
  g_autofree char *path = g_build_filename (dir, "password", NULL);

  assert_true (g_file_set_contents (path, text, -1, NULL));
  assert_int_equal (g_chmod (path, mode), 0);
  return g_steal_pointer (&path);
}

/* ---- without a server ---------------------------------------------------- */

static void
test_mailbox_names_in_modified_utf7 (void **state G_GNUC_UNUSED)
{
  struct { const char *utf8, *encoded; } cases[] = {
    { "INBOX", "INBOX" },
    { "~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-" }, /* RFC 3501 5.1.3 */
    { "已处理", "&XfJZBHQG-" },
    { "投诉&来信", "&YpWLyQ-&-&Z2VP4Q-" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encoded = xf_imap_encode_mailbox (cases[i].utf8);
      assert_string_equal (encoded, cases[i].encoded);
    }
}

static void
test_password_without_final_line_break (void **state G_GNUC_UNUSED)
{
  g_autofree char *dir = xf_test_make_dir ();
  const char *contents[] = { "s3cret\n", "s3cret\r\n", "s3cret" };

  for (gsize i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = write_password (dir, contents[i], 0600);
      g_autofree char *password = xf_imap_read_password (path, &error);
      assert_non_null (password);
      assert_string_equal (password, "s3cret");
    }
  xf_test_remove_tree (dir);
}

static void
test_password_file_open_to_others_refused (void **state G_GNUC_UNUSED)
{
  g_autofree char *dir = xf_test_make_dir ();
  g_autofree char *path = write_password (dir, "s3cret\n", 0644);
  g_autoptr(GError) error = NULL;

  assert_null (xf_imap_read_password (path, &error));
  assert_error (error, XF_ERROR_CONFIG);
  assert_contains (error->message, path);
  assert_contains (error->message, "0644");
  assert_contains (error->message, "0600");
  xf_test_remove_tree (dir);
}

static void
test_password_file_empty_refused (void **state G_GNUC_UNUSED)
{
  g_autofree char *dir = xf_test_make_dir ();
  g_autofree char *path = write_password (dir, "\n", 0400);
  g_autoptr(GError) error = NULL;

  assert_null (xf_imap_read_password (path, &error));
  assert_error (error, XF_ERROR_CONFIG);
  assert_contains (error->message, path);
  xf_test_remove_tree (dir);
}

static void
test_bad_urls_are_config_errors (void **state G_GNUC_UNUSED)
{
  const char *urls[] = {
    "pop3s://127.0.0.1/INBOX",
    "https://127.0.0.1/INBOX",
    "imaps://petition:hunter2@127.0.0.1/INBOX",
    "imaps://127.0.0.1/INBOX;UIDVALIDITY=5",
    "not a url",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
      g_autoptr(GError) error = NULL;
      g_free (config->imap_url);
      config->imap_url = g_strdup (urls[i]);
      assert_null (xf_imap_connect (config, &error));
      assert_error (error, XF_ERROR_CONFIG);
      /* A URL may hold a password: it is never repeated. */
      if (strstr (error->message, "hunter2") != NULL)
        fail_msg ("the password is in the message: %s", error->message);
    }
}

static void
test_plain_imap_only_to_loopback (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  g_autoptr(GError) error = NULL;

  g_free (config->imap_url);
  config->imap_url = g_strdup ("imap://mail.union.example.cn/INBOX");
  g_free (config->imap_tls);
  config->imap_tls = g_strdup ("none");
  assert_null (xf_imap_connect (config, &error));
  assert_error (error, XF_ERROR_CONFIG);
  assert_contains (error->message, "loopback");
}

/* ---- against Dovecot ----------------------------------------------------- */

static void
test_list_and_fetch_give_the_appended_bytes (void **state G_GNUC_UNUSED)
{
  guint32 uids[G_N_ELEMENTS (fixtures)];

  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    uids[i] = append_fixture (fixtures[i]);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) listed = xf_imap_list_uids (imap, &error);

  assert_non_null (listed);
  assert_int_equal (listed->len, G_N_ELEMENTS (fixtures));
  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      assert_int_equal (g_array_index (listed, guint32, i), uids[i]);
      g_autoptr(GBytes) expected = read_fixture (fixtures[i]);
      g_autoptr(GBytes) fetched = fetch_or_fail (imap, uids[i]);
      if (!g_bytes_equal (fetched, expected))
        fail_msg ("%s: fetched %" G_GSIZE_FORMAT " bytes that differ from the %" G_GSIZE_FORMAT " appended",
                  fixtures[i], g_bytes_get_size (fetched), g_bytes_get_size (expected));
    }
}

static void
test_fetched_fixtures_read_as_mail (void **state G_GNUC_UNUSED)
{
  static const XfMailLimits limits = { 4 * 1024 * 1024, 100, 10 };
  guint32 uids[G_N_ELEMENTS (fixtures)];

  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    uids[i] = append_fixture (fixtures[i]);
  g_autoptr(XfImap) imap = connect_default ();
  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) fetched = fetch_or_fail (imap, uids[i]);
      g_autoptr(GError) error = NULL;
      gsize length;
      const guint8 *data = g_bytes_get_data (fetched, &length);
      g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits, &error);
      if (mail == NULL)
        fail_msg ("%s: %s", fixtures[i], error->message);
      if (strstr (mail->text, fixture_phones[i]) == NULL)
        fail_msg ("%s: the phone is not in the text: %s", fixtures[i], mail->text);
    }
}

static void
test_mail_with_an_attachment_built_at_run_time (void **state G_GNUC_UNUSED)
{
  static const XfMailLimits limits = { 4 * 1024 * 1024, 100, 10 };
  g_autoptr(GBytes) fax = xf_test_read_data ("samples/fax-1.tif");
  g_autoptr(GBytes) mail = xf_test_mail_with_attachment ("传真：欠薪投诉", "Fax Gateway <fax@example.com>",
                                                         "传真-1.tif", "image/tiff", fax);
  guint32 uid = xf_test_imapd_append (&server, "INBOX", mail);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GBytes) fetched = fetch_or_fail (imap, uid);
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (fetched, &length);

  assert_true (g_bytes_equal (fetched, mail));
  g_autoptr(XfMail) parsed = xf_intake_parse_mail (data, length, &limits, &error);
  assert_non_null (parsed);
  assert_string_equal (parsed->subject, "传真：欠薪投诉");
  assert_int_equal (parsed->attachments->len, 1);
  const XfAttachment *attachment = g_ptr_array_index (parsed->attachments, 0);
  assert_string_equal (attachment->filename, "传真-1.tif");
  assert_string_equal (attachment->content_type, "image/tiff");
  assert_true (g_bytes_equal (attachment->data, fax));
}

static void
test_written_config_connects (void **state G_GNUC_UNUSED)
{
  g_autofree char *home = xf_test_make_dir ();
  g_autofree char *path = xf_test_imapd_write_config (&server, home, "after = none\n[daemon]\ninterval = 30\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(XfConfig) config = xf_config_load (path, &error);

  if (config == NULL)
    fail_msg ("%s", error->message);
  assert_string_equal (config->imap_after, "none");
  assert_int_equal (config->daemon_interval, 30);
  g_autoptr(XfImap) imap = connect_or_fail (config);
  xf_test_remove_tree (home);
}

static void
test_empty_mailbox_lists_nothing (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) listed = xf_imap_list_uids (imap, &error);

  assert_non_null (listed);
  assert_int_equal (listed->len, 0);
}

static void
test_mailbox_key_has_no_credentials (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfImap) imap = connect_default ();
  g_autofree char *expected = g_strdup_printf ("imaps://petition@127.0.0.1:%d/INBOX", server.imaps_port);

  assert_string_equal (xf_imap_mailbox_key (imap), expected);
}

static void
wait_for_log (const char *text, guint count)
{
  for (int waited = 0; waited < 3000 && xf_test_imapd_count_log (&server, text) < count; waited += 20)
    g_usleep (20 * 1000);
}

static void
test_one_login_per_session (void **state G_GNUC_UNUSED)
{
  const char *login = "Login: user=<petition>";
  const char *logout = "Logged out";
  guint32 uids[3];

  for (gsize i = 0; i < G_N_ELEMENTS (uids); i++)
    uids[i] = append_fixture (fixtures[i]);
  /* The harness's own logins are over once its log lines are written. */
  g_usleep (200 * 1000);
  guint logins = xf_test_imapd_count_log (&server, login);
  guint logouts = xf_test_imapd_count_log (&server, logout);

  XfImap *imap = connect_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) listed = xf_imap_list_uids (imap, &error);
  assert_non_null (listed);
  for (gsize i = 0; i < G_N_ELEMENTS (uids); i++)
    {
      g_autoptr(GBytes) message = fetch_or_fail (imap, uids[i]);
      after_or_fail (imap, uids[i], "seen");
    }
  xf_imap_close (imap);

  wait_for_log (logout, logouts + 1);
  assert_int_equal (xf_test_imapd_count_log (&server, login), logins + 1);
  assert_int_equal (xf_test_imapd_count_log (&server, logout), logouts + 1);
}

static void
test_uidvalidity_read_and_changed (void **state G_GNUC_UNUSED)
{
  append_fixture (fixtures[0]);
  guint32 before = xf_test_imapd_uidvalidity (&server, "INBOX");
  {
    g_autoptr(XfImap) imap = connect_default ();
    assert_int_equal (xf_imap_uidvalidity (imap), before);
  }
  xf_test_imapd_new_uidvalidity (&server, "INBOX");
  g_autoptr(XfImap) imap = connect_default ();
  assert_int_not_equal (xf_imap_uidvalidity (imap), before);
  assert_int_equal (xf_imap_uidvalidity (imap), xf_test_imapd_uidvalidity (&server, "INBOX"));
}

static void
test_uidvalidity_changed_under_a_session (void **state G_GNUC_UNUSED)
{
  append_fixture (fixtures[0]);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) second = NULL;

  xf_test_imapd_new_uidvalidity (&server, "INBOX");
  /* Dovecot drops the session; libcurl's new one finds the mailbox under
   * another UIDVALIDITY, and no UID of it may be taken for an old one. */
  g_autoptr(GArray) listed = xf_imap_list_uids (imap, &first);
  if (listed != NULL)
    fail_msg ("listed %u UIDs under a changed UIDVALIDITY", listed->len);
  assert_error (first, XF_ERROR_TRANSIENT);
  g_autoptr(GArray) again = xf_imap_list_uids (imap, &second);
  assert_null (again);
  assert_error (second, XF_ERROR_TRANSIENT);
  assert_contains (second->message, "UIDVALIDITY");
}

static void
test_seen_sets_the_flag (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[0]);
  g_autoptr(XfImap) imap = connect_default ();

  /* Without a fetch first, which would set it as well. */
  assert_false (xf_test_imapd_has_flag (&server, "INBOX", uid, "\\Seen"));
  after_or_fail (imap, uid, "seen");
  assert_true (xf_test_imapd_has_flag (&server, "INBOX", uid, "\\Seen"));
}

static void
test_none_leaves_an_unseen_message_unseen (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[1]);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GBytes) message = fetch_or_fail (imap, uid);

  after_or_fail (imap, uid, "none");
  assert_false (xf_test_imapd_has_flag (&server, "INBOX", uid, "\\Seen"));
  assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 1);
}

/* With after = none, a message is unseen again as soon as it is fetched:
 * a poll that dies before its acknowledgement leaves no \Seen behind. */
static void
test_none_unmarks_at_the_fetch (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[1]);
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);

  g_free (config->imap_after);
  config->imap_after = g_strdup ("none");
  g_autoptr(XfImap) imap = connect_or_fail (config);
  g_autoptr(GBytes) message = fetch_or_fail (imap, uid);

  assert_false (xf_test_imapd_has_flag (&server, "INBOX", uid, "\\Seen"));
}

static void
test_none_leaves_a_seen_message_seen (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[1]);
  xf_test_imapd_add_flag (&server, "INBOX", uid, "\\Seen");
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GBytes) message = fetch_or_fail (imap, uid);

  after_or_fail (imap, uid, "none");
  assert_true (xf_test_imapd_has_flag (&server, "INBOX", uid, "\\Seen"));
}

static void
check_move (gboolean use_move, const char *folder, const char *encoded_folder)
{
  guint32 taken = append_fixture (fixtures[2]);
  guint32 other = append_fixture (fixtures[3]);
  /* Someone marked the other message \Deleted and has not expunged it: the
   * COPY path must expunge our UID alone. */
  xf_test_imapd_add_flag (&server, "INBOX", other, "\\Deleted");
  g_autoptr(XfImap) imap = connect_default ();
  g_autofree char *action = g_strconcat ("move:", folder, NULL);

  if (!use_move)
    xf_imap_forget_capability (imap, "MOVE");
  g_autoptr(GBytes) message = fetch_or_fail (imap, taken);
  assert_int_equal (xf_test_imapd_count (&server, encoded_folder), 0);
  after_or_fail (imap, taken, action);
  assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 1);
  assert_int_equal (xf_test_imapd_count (&server, encoded_folder), 1);
  assert_true (xf_test_imapd_has_flag (&server, "INBOX", other, "\\Deleted"));

  /* The folder exists now; the next move goes straight in. */
  xf_test_imapd_add_flag (&server, "INBOX", other, "\\Seen");
  after_or_fail (imap, other, action);
  assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 0);
  assert_int_equal (xf_test_imapd_count (&server, encoded_folder), 2);
}

static void
test_move_with_move (void **state G_GNUC_UNUSED)
{
  check_move (TRUE, "Processed", "Processed");
}

static void
test_move_with_copy_and_uid_expunge (void **state G_GNUC_UNUSED)
{
  check_move (FALSE, "Processed", "Processed");
}

static void
test_move_without_uidplus_leaves_the_message_deleted (void **state G_GNUC_UNUSED)
{
  guint32 taken = append_fixture (fixtures[2]);
  guint32 other = append_fixture (fixtures[3]);
  xf_test_imapd_add_flag (&server, "INBOX", other, "\\Deleted");
  g_autoptr(XfImap) imap = connect_default ();

  xf_imap_forget_capability (imap, "MOVE");
  xf_imap_forget_capability (imap, "UIDPLUS");
  g_autoptr(GBytes) message = fetch_or_fail (imap, taken);
  after_or_fail (imap, taken, "move:Processed");
  /* Copied and marked, but no EXPUNGE: a plain one would also remove the
   * other message, which someone else marked \Deleted. */
  assert_int_equal (xf_test_imapd_count (&server, "Processed"), 1);
  assert_int_equal (xf_test_imapd_count (&server, "INBOX"), 2);
  assert_true (xf_test_imapd_has_flag (&server, "INBOX", taken, "\\Deleted"));
  assert_true (xf_test_imapd_has_flag (&server, "INBOX", other, "\\Deleted"));
}

static void
test_move_to_a_chinese_folder (void **state G_GNUC_UNUSED)
{
  check_move (TRUE, "已处理", "&XfJZBHQG-");
}

static void
test_unknown_action_refused (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[0]);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GError) error = NULL;

  assert_false (xf_imap_after (imap, uid, "delete", &error));
  assert_error (error, XF_ERROR_CONFIG);
}

static void
test_wrong_password_is_a_config_error (void **state G_GNUC_UNUSED)
{
  g_autofree char *dir = xf_test_make_dir ();
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  g_autoptr(GError) error = NULL;

  g_free (config->imap_password_file);
  config->imap_password_file = write_password (dir, "not-the-password\n", 0600);
  gint64 start = g_get_monotonic_time ();
  assert_null (xf_imap_connect (config, &error));
  gint64 elapsed = g_get_monotonic_time () - start;
  assert_error (error, XF_ERROR_CONFIG);
  assert_contains (error->message, "refused the login of petition at 127.0.0.1");
  assert_contains (error->message, "password_file");
  if (elapsed > 5 * G_USEC_PER_SEC)
    fail_msg ("a refused login took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  xf_test_remove_tree (dir);
}

static void
test_stopped_server_is_transient (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  g_autoptr(GError) error = NULL;

  xf_test_imapd_stop (&server);
  XfImap *imap = xf_imap_connect (config, &error);
  gboolean restarted = xf_test_imapd_start (&server);
  assert_null (imap);
  assert_error (error, XF_ERROR_TRANSIENT);
  assert_true (restarted);
}

static void
test_server_gone_mid_session_is_transient (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[0]);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GError) fetch_error = NULL;

  xf_test_imapd_stop (&server);
  g_autoptr(GArray) listed = xf_imap_list_uids (imap, &list_error);
  g_autoptr(GBytes) message = xf_imap_fetch (imap, uid, &fetch_error);
  gboolean restarted = xf_test_imapd_start (&server);
  assert_null (listed);
  assert_error (list_error, XF_ERROR_TRANSIENT);
  assert_null (message);
  assert_error (fetch_error, XF_ERROR_TRANSIENT);
  assert_true (restarted);
}

static void
test_starttls_on_plain_port (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  guint32 uid = append_fixture (fixtures[4]);

  g_free (config->imap_url);
  config->imap_url = xf_test_imapd_url (&server, FALSE);
  g_autoptr(XfImap) imap = connect_or_fail (config);
  g_autoptr(GBytes) expected = read_fixture (fixtures[4]);
  g_autoptr(GBytes) fetched = fetch_or_fail (imap, uid);
  assert_true (g_bytes_equal (fetched, expected));
  /* Dovecot writes "TLS" in the login line of a secured connection. */
  wait_for_log ("Login: user=<petition>", 1);
  g_autofree char *log = NULL;
  assert_true (g_file_get_contents (server.log, &log, NULL, NULL));
  g_autofree char *port = g_strdup_printf ("lport=%d", server.imap_port);
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  gboolean secured_login = FALSE;
  for (char **line = lines; *line != NULL; line++)
    if (strstr (*line, "Login: user=<petition>") != NULL && strstr (*line, "TLS") != NULL
        && strstr (*line, port) != NULL)
      secured_login = TRUE;
  assert_true (secured_login);
}

static void
test_certificate_of_another_ca_refused (void **state G_GNUC_UNUSED)
{
  g_autofree char *dir = xf_test_make_dir ();
  g_autofree char *other = xf_test_make_certificate (dir, "other");
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  g_autoptr(GError) error = NULL;

  g_free (config->imap_ca_file);
  config->imap_ca_file = g_strdup (other);
  assert_null (xf_imap_connect (config, &error));
  assert_error (error, XF_ERROR_CONFIG);
  assert_contains (error->message, "certificate");
  assert_contains (error->message, other);
  xf_test_remove_tree (dir);
}

static void
test_message_over_the_limit (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  g_autoptr(GBytes) big = mail_of_size (5000, "big");
  g_autoptr(GBytes) small = mail_of_size (500, "small");
  guint32 big_uid = xf_test_imapd_append (&server, "INBOX", big);
  guint32 small_uid = xf_test_imapd_append (&server, "INBOX", small);
  g_autoptr(GError) error = NULL;

  config->imap_max_message_bytes = 1024;
  g_autoptr(XfImap) imap = connect_or_fail (config);
  assert_null (xf_imap_fetch (imap, big_uid, &error));
  assert_error (error, XF_ERROR_LIMIT);
  assert_contains (error->message, "max_message_bytes");
  /* Refused before the fetch: still unseen, and the session goes on. */
  assert_false (xf_test_imapd_has_flag (&server, "INBOX", big_uid, "\\Seen"));
  g_autoptr(GBytes) fetched = fetch_or_fail (imap, small_uid);
  assert_true (g_bytes_equal (fetched, small));
}

static void
test_missing_uid_not_found (void **state G_GNUC_UNUSED)
{
  guint32 uid = append_fixture (fixtures[0]);
  g_autoptr(XfImap) imap = connect_default ();
  g_autoptr(GError) error = NULL;

  assert_null (xf_imap_fetch (imap, uid + 100, &error));
  assert_error (error, XF_ERROR_NOT_FOUND);
}

static void
test_missing_mailbox_is_a_config_error (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
  g_autoptr(GError) error = NULL;

  g_free (config->imap_url);
  config->imap_url = g_strdup_printf ("imaps://127.0.0.1:%d/NoSuchBox", server.imaps_port);
  assert_null (xf_imap_connect (config, &error));
  assert_error (error, XF_ERROR_CONFIG);
  assert_contains (error->message, "NoSuchBox");
  assert_contains (error->message, "the server said: NO");
}

/* ---- a fake server that breaks off ------------------------------------- */

typedef struct {
  int listener;
  int port;
  guint size_claimed;     /* RFC822.SIZE */
  guint literal_claimed;  /* {n} of the BODY[] literal */
  guint literal_sent;     /* bytes of it sent before closing (or all) */
  gboolean silent;        /* says nothing at all */
  const char *login_refusal;  /* answers LOGIN with this NO, when set */
  GThread *thread;
} FakeServer;

static gboolean
send_text (int fd, const char *text, gsize length)
{
  while (length > 0)
    {
      ssize_t n = send (fd, text, length, MSG_NOSIGNAL);
      if (n <= 0)
        return FALSE;
      text += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
send_printf (int fd, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
send_printf (int fd, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  return send_text (fd, text, strlen (text));
}

/* Answers one client with just enough IMAP for a session, then breaks off
 * in the message literal (or sends it all, when literal_sent says so). */
static gpointer
fake_serve (gpointer data)
{
  FakeServer *fake = data;
  int fd = accept (fake->listener, NULL, NULL);
  struct timeval timeout = { 10, 0 };
  char buffer[4096];
  gsize held = 0;

  if (fd < 0)
    return NULL;
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (fake->silent)
    {
      /* Not even a greeting, until the client gives up. */
      while (recv (fd, buffer, sizeof buffer, 0) > 0)
        ;
      close (fd);
      return NULL;
    }
  send_printf (fd, "* OK fake IMAP ready\r\n");
  for (;;)
    {
      char *end = memchr (buffer, '\n', held);
      if (end == NULL)
        {
          ssize_t n = held < sizeof buffer ? recv (fd, buffer + held, sizeof buffer - held, 0) : 0;
          if (n <= 0)
            break;
          held += (gsize) n;
          continue;
        }
      g_autofree char *line = g_strndup (buffer, (gsize) (end - buffer));
      memmove (buffer, end + 1, held - (gsize) (end + 1 - buffer));
      held -= (gsize) (end + 1 - buffer);
      g_strchomp (line);
      g_auto(GStrv) words = g_strsplit (line, " ", 3);
      if (words[0] == NULL || words[1] == NULL)
        break;
      const char *tag = words[0];
      const char *rest = line + strlen (tag) + 1;
      gboolean go_on = TRUE;

      if (g_ascii_strcasecmp (words[1], "CAPABILITY") == 0)
        go_on = send_printf (fd, "* CAPABILITY IMAP4rev1\r\n%s OK done\r\n", tag);
      else if (g_ascii_strcasecmp (words[1], "LOGIN") == 0 && fake->login_refusal != NULL)
        go_on = send_printf (fd, "%s NO %s\r\n", tag, fake->login_refusal);
      else if (g_ascii_strcasecmp (words[1], "LOGIN") == 0 || g_ascii_strcasecmp (words[1], "NOOP") == 0)
        go_on = send_printf (fd, "%s OK done\r\n", tag);
      else if (g_ascii_strcasecmp (words[1], "SELECT") == 0)
        go_on = send_printf (fd,
                             "* 1 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n"
                             "* OK [UIDNEXT 8] next\r\n%s OK [READ-WRITE] done\r\n",
                             tag);
      else if (g_str_has_prefix (rest, "UID FETCH 7 (UID RFC822.SIZE FLAGS)"))
        go_on = send_printf (fd, "* 1 FETCH (UID 7 RFC822.SIZE %u FLAGS ())\r\n%s OK done\r\n",
                             fake->size_claimed, tag);
      else if (g_str_has_prefix (rest, "UID FETCH 7 BODY[]"))
        {
          g_autofree char *literal = g_strnfill (fake->literal_sent, 'x');
          send_printf (fd, "* 1 FETCH (UID 7 BODY[] {%u}\r\n", fake->literal_claimed);
          send_text (fd, literal, fake->literal_sent);
          if (fake->literal_sent < fake->literal_claimed)
            break;
          go_on = send_printf (fd, ")\r\n%s OK done\r\n", tag);
        }
      else if (g_ascii_strcasecmp (words[1], "LOGOUT") == 0)
        {
          send_printf (fd, "* BYE\r\n%s OK done\r\n", tag);
          break;
        }
      else
        go_on = send_printf (fd, "%s BAD not in this fake\r\n", tag);
      if (!go_on)
        break;
    }
  close (fd);
  return NULL;
}

static void
fake_start (FakeServer *fake)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  fake->listener = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  assert_true (fake->listener >= 0);
  assert_int_equal (bind (fake->listener, (struct sockaddr *) &address, sizeof address), 0);
  assert_int_equal (listen (fake->listener, 1), 0);
  assert_int_equal (getsockname (fake->listener, (struct sockaddr *) &address, &length), 0);
  fake->port = ntohs (address.sin_port);
  fake->thread = g_thread_new ("fake-imap", fake_serve, fake);
}

static void
fake_stop (FakeServer *fake)
{
  /* The thread ends when the client has gone. */
  g_thread_join (fake->thread);
  close (fake->listener);
}

static XfConfig *
fake_config (FakeServer *fake)
{
  XfConfig *config = xf_test_imapd_new_config (&server);

  g_free (config->imap_url);
  config->imap_url = g_strdup_printf ("imap://127.0.0.1:%d/INBOX", fake->port);
  g_free (config->imap_tls);
  config->imap_tls = g_strdup ("none");
  config->imap_max_message_bytes = 1024;
  return config;
}

static void
test_connection_lost_in_the_literal (void **state G_GNUC_UNUSED)
{
  FakeServer fake = { .size_claimed = 400, .literal_claimed = 400, .literal_sent = 150 };
  fake_start (&fake);
  g_autoptr(XfConfig) config = fake_config (&fake);
  g_autoptr(GError) error = NULL;
  XfImap *imap = connect_or_fail (config);

  assert_int_equal (xf_imap_uidvalidity (imap), 42);
  g_autoptr(GBytes) message = xf_imap_fetch (imap, 7, &error);
  xf_imap_close (imap);
  fake_stop (&fake);
  assert_null (message);
  assert_error (error, XF_ERROR_TRANSIENT);
}

static void
test_literal_past_the_limit_cut_off (void **state G_GNUC_UNUSED)
{
  /* RFC822.SIZE says 400, the literal is 3000: the write callback stops it. */
  FakeServer fake = { .size_claimed = 400, .literal_claimed = 3000, .literal_sent = 3000 };
  fake_start (&fake);
  g_autoptr(XfConfig) config = fake_config (&fake);
  g_autoptr(GError) error = NULL;
  XfImap *imap = connect_or_fail (config);

  g_autoptr(GBytes) message = xf_imap_fetch (imap, 7, &error);
  xf_imap_close (imap);
  fake_stop (&fake);
  assert_null (message);
  assert_error (error, XF_ERROR_LIMIT);
}

static void
test_silent_server_times_out (void **state G_GNUC_UNUSED)
{
  FakeServer fake = { .silent = TRUE };
  fake_start (&fake);
  g_autoptr(XfConfig) config = fake_config (&fake);
  g_autoptr(GError) error = NULL;

  config->imap_timeout_seconds = 1;
  gint64 start = g_get_monotonic_time ();
  XfImap *imap = xf_imap_connect (config, &error);
  gint64 elapsed = g_get_monotonic_time () - start;
  fake_stop (&fake);
  assert_null (imap);
  assert_error (error, XF_ERROR_TRANSIENT);
  if (elapsed > 5 * G_USEC_PER_SEC)
    fail_msg ("a silent server held the client %" G_GINT64_FORMAT " ms", elapsed / 1000);
}

/* A login refused because the server cannot check passwords just now
 * (RFC 5530 [UNAVAILABLE]) is the server's trouble, to try again; one
 * refused as wrong is the configuration's.  Dovecot gives the first only
 * when its password store fails, hence the fake server. */
static void
test_login_unavailable_is_transient (void **state G_GNUC_UNUSED)
{
  static const char *const refusals[] = {
    "[UNAVAILABLE] Temporary authentication failure",
    "[AUTHENTICATIONFAILED] Authentication failed",
  };
  static const int codes[] = { XF_ERROR_TRANSIENT, XF_ERROR_CONFIG };

  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      FakeServer fake = { .login_refusal = refusals[i] };
      fake_start (&fake);
      g_autoptr(XfConfig) config = fake_config (&fake);
      g_autoptr(GError) error = NULL;
      XfImap *imap = xf_imap_connect (config, &error);

      fake_stop (&fake);
      assert_null (imap);
      assert_error (error, codes[i]);
    }
}

#define DOVECOT_TEST(name) cmocka_unit_test_setup (name, clear_mailboxes)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_mailbox_names_in_modified_utf7),
    cmocka_unit_test (test_password_without_final_line_break),
    cmocka_unit_test (test_password_file_open_to_others_refused),
    cmocka_unit_test (test_password_file_empty_refused),
    cmocka_unit_test (test_bad_urls_are_config_errors),
    cmocka_unit_test (test_plain_imap_only_to_loopback),
    DOVECOT_TEST (test_list_and_fetch_give_the_appended_bytes),
    DOVECOT_TEST (test_fetched_fixtures_read_as_mail),
    DOVECOT_TEST (test_mail_with_an_attachment_built_at_run_time),
    DOVECOT_TEST (test_written_config_connects),
    DOVECOT_TEST (test_empty_mailbox_lists_nothing),
    DOVECOT_TEST (test_mailbox_key_has_no_credentials),
    DOVECOT_TEST (test_one_login_per_session),
    DOVECOT_TEST (test_uidvalidity_read_and_changed),
    DOVECOT_TEST (test_uidvalidity_changed_under_a_session),
    DOVECOT_TEST (test_seen_sets_the_flag),
    DOVECOT_TEST (test_none_leaves_an_unseen_message_unseen),
    DOVECOT_TEST (test_none_unmarks_at_the_fetch),
    DOVECOT_TEST (test_none_leaves_a_seen_message_seen),
    DOVECOT_TEST (test_move_with_move),
    DOVECOT_TEST (test_move_with_copy_and_uid_expunge),
    DOVECOT_TEST (test_move_without_uidplus_leaves_the_message_deleted),
    DOVECOT_TEST (test_move_to_a_chinese_folder),
    DOVECOT_TEST (test_unknown_action_refused),
    DOVECOT_TEST (test_wrong_password_is_a_config_error),
    DOVECOT_TEST (test_stopped_server_is_transient),
    DOVECOT_TEST (test_server_gone_mid_session_is_transient),
    DOVECOT_TEST (test_starttls_on_plain_port),
    DOVECOT_TEST (test_certificate_of_another_ca_refused),
    DOVECOT_TEST (test_message_over_the_limit),
    DOVECOT_TEST (test_missing_uid_not_found),
    DOVECOT_TEST (test_missing_mailbox_is_a_config_error),
    cmocka_unit_test (test_connection_lost_in_the_literal),
    cmocka_unit_test (test_literal_past_the_limit_cut_off),
    cmocka_unit_test (test_silent_server_times_out),
    cmocka_unit_test (test_login_unavailable_is_transient),
  };
  return cmocka_run_group_tests_name ("imap", tests, start_server, destroy_server);
}
