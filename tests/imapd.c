/* The tests' own Dovecot: writes a config for one loopback server into a
 * temporary folder, runs the master in the foreground as our child (so it
 * is ours to stop, by its pid), and talks to it with plain libcurl for
 * seeding and checking, never through the client under test. */
#include <curl/curl.h>

/* After curl.h, so that common/autocleanups.h defines g_autoptr(CURL). */
#include "tests/imapd.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEST_USER "petition"
#define TEST_PASSWORD "xf-test-pass"

/* How long Dovecot gets to come up, and to go down. */
#define START_WAIT_MS 10000
#define STOP_WAIT_MS 10000

static const char *const install_hint =
  "install dovecot-imapd, openssl and util-linux (tools/setup-debian.sh does)";

static char *
find_program (const char *name, const char *fallback)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_file_test (fallback, G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup (fallback);
  return path;
}

/* A port on 127.0.0.1 that was free a moment ago: the kernel's choice for
 * a socket bound to port 0. */
static int
free_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int port = -1;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && bind (fd, (struct sockaddr *) &address, sizeof address) == 0
      && getsockname (fd, (struct sockaddr *) &address, &length) == 0)
    port = ntohs (address.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

static gboolean
port_accepts (int port)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons ((guint16) port) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gboolean open = FALSE;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0)
    {
      open = connect (fd, (struct sockaddr *) &address, sizeof address) == 0;
      close (fd);
    }
  return open;
}

/* Who Dovecot runs as: "nobody" when we are root (Dovecot refuses to keep
 * root for its mail processes and needs no privilege on high ports). */
static gboolean
server_account (uid_t *uid, gid_t *gid, char **user, char **group)
{
  const struct passwd *account = geteuid () == 0 ? getpwnam ("nobody") : getpwuid (geteuid ());

  if (account == NULL)
    return FALSE;
  *uid = account->pw_uid;
  *gid = account->pw_gid;
  *user = g_strdup (account->pw_name);
  const struct group *entry = getgrgid (account->pw_gid);
  if (entry == NULL)
    return FALSE;
  *group = g_strdup (entry->gr_name);
  return TRUE;
}

/* A new argv (g_ptr_array_unref; NULL-terminated) that runs @program and
 * @args as the server's account, and kills it when our thread ends:
 * setpriv sets the parent-death signal after its change of user, which
 * would otherwise clear it. */
static GPtrArray *
new_argv_run_as (const char *program, const char *const *args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  uid_t uid;
  gid_t gid;
  g_autofree char *user = NULL, *group = NULL;

  g_ptr_array_add (argv, g_strdup ("setpriv"));
  g_ptr_array_add (argv, g_strdup ("--pdeathsig=TERM"));
  if (geteuid () == 0 && server_account (&uid, &gid, &user, &group))
    {
      g_ptr_array_add (argv, g_strdup_printf ("--reuid=%u", (unsigned) uid));
      g_ptr_array_add (argv, g_strdup_printf ("--regid=%u", (unsigned) gid));
      g_ptr_array_add (argv, g_strdup ("--clear-groups"));
    }
  g_ptr_array_add (argv, g_strdup ("--"));
  g_ptr_array_add (argv, g_strdup (program));
  for (const char *const *a = args; *a != NULL; a++)
    g_ptr_array_add (argv, g_strdup (*a));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static gboolean
run_quietly (const char *const *argv, char **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    {
      print_error ("imapd: cannot run %s: %s (%s)\n", argv[0], error->message, install_hint);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      print_error ("imapd: %s failed: %s%s\n", argv[0], err, out);
      return FALSE;
    }
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return TRUE;
}

char *
xf_test_make_certificate (const char *dir, const char *name)
{
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key.pem", dir, name);
  /* An EC key: as good for a test, and much quicker to make than RSA. */
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                         "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                         "-keyout", key, "-out", cert, NULL };

  if (!run_quietly (argv, NULL))
    fail_msg ("imapd: cannot make a certificate in %s", dir);
  return g_steal_pointer (&cert);
}

static gboolean
write_text (const char *path, const char *text, int mode)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, mode, &error))
    {
      print_error ("imapd: cannot write %s: %s\n", path, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
chown_tree (const char *path, uid_t uid, gid_t gid)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (lchown (path, uid, gid) != 0)
    print_error ("imapd: chown %s: %s\n", path, g_strerror (errno));
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      chown_tree (child, uid, gid);
    }
  g_dir_close (dir);
}

/* The one-time part of a start: folder, certificate, user, config. */
static gboolean
prepare (XfTestImapd *server)
{
  uid_t uid;
  gid_t gid;
  g_autofree char *account = NULL, *group = NULL;
  g_autoptr(GError) error = NULL;

  if (!server_account (&uid, &gid, &account, &group))
    {
      print_error ("imapd: no account 'nobody' to run Dovecot as\n");
      return FALSE;
    }
  server->dir = g_dir_make_tmp ("xinfang-imapd-XXXXXX", &error);
  if (server->dir == NULL)
    {
      print_error ("imapd: cannot make a folder: %s\n", error->message);
      return FALSE;
    }
  server->user = g_strdup (TEST_USER);
  server->password = g_strdup (TEST_PASSWORD);
  server->imap_port = free_port ();
  server->imaps_port = free_port ();
  while (server->imaps_port == server->imap_port)
    server->imaps_port = free_port ();
  if (server->imap_port < 0 || server->imaps_port < 0)
    {
      print_error ("imapd: no free port on 127.0.0.1\n");
      return FALSE;
    }

  const char *dir = server->dir;
  for (const char *const *sub = (const char *const[]) { "run", "state", "log", "tls", "home", NULL };
       *sub != NULL; sub++)
    {
      g_autofree char *path = g_build_filename (dir, *sub, NULL);
      /* Dovecot wants its socket folder open to all (it says so if not). */
      g_mkdir (path, g_str_equal (*sub, "run") ? 0755 : 0700);
    }
  g_autofree char *tls = g_build_filename (dir, "tls", NULL);
  server->cert = xf_test_make_certificate (tls, "server");
  server->log = g_build_filename (dir, "log", "dovecot.log", NULL);

  /* The client's password file stays ours (root's when we are root). */
  server->password_file = g_build_filename (dir, "client-password", NULL);
  if (!write_text (server->password_file, TEST_PASSWORD "\n", 0600))
    return FALSE;

  g_autofree char *passwd = g_build_filename (dir, "passwd", NULL);
  g_autofree char *passwd_line = g_strdup_printf ("%s:{PLAIN}%s:%u:%u::%s/home/%s\n", TEST_USER,
                                                  TEST_PASSWORD, (unsigned) uid, (unsigned) gid,
                                                  dir, TEST_USER);
  if (!write_text (passwd, passwd_line, 0600))
    return FALSE;

  g_autofree char *config = g_strdup_printf (
    "# One throwaway server for xinfang's tests (tests/imapd.c): loopback only,\n"
    "# every file in this folder, nothing from /etc/dovecot.\n"
    "protocols = imap\n"
    "listen = 127.0.0.1\n"
    "base_dir = %1$s/run\n"
    "state_dir = %1$s/state\n"
    "instance_name = xinfang-test-%2$d\n"
    "log_path = %1$s/log/dovecot.log\n"
    "info_log_path = %1$s/log/dovecot.log\n"
    "default_internal_user = %3$s\n"
    "default_internal_group = %4$s\n"
    "default_login_user = %3$s\n"
    "first_valid_uid = 1\n"
    "first_valid_gid = 1\n"
    "# Plain LOGIN is allowed so that tls = none can be tested on loopback.\n"
    "disable_plaintext_auth = no\n"
    "auth_mechanisms = plain login\n"
    "# A refused login is answered at once, not after the usual 2 s.\n"
    "auth_failure_delay = 0\n"
    "# The local port tells a STARTTLS login from an imaps one.\n"
    "login_log_format_elements = user=<%%u> method=%%m rip=%%r lip=%%l lport=%%{lport} mpid=%%e %%c "
    "session=<%%{session}>\n"
    "ssl = yes\n"
    "ssl_cert = <%5$s\n"
    "ssl_key = <%1$s/tls/server.key.pem\n"
    "ssl_min_protocol = TLSv1.2\n"
    "mail_location = maildir:~/Maildir\n"
    "mail_fsync = never\n"
    "namespace inbox {\n"
    "  inbox = yes\n"
    "  separator = /\n"
    "}\n"
    "passdb {\n"
    "  driver = passwd-file\n"
    "  args = scheme=PLAIN username_format=%%u %1$s/passwd\n"
    "}\n"
    "userdb {\n"
    "  driver = passwd-file\n"
    "  args = username_format=%%u %1$s/passwd\n"
    "}\n"
    "service imap-login {\n"
    "  chroot =\n"
    "  inet_listener imap {\n"
    "    address = 127.0.0.1\n"
    "    port = %6$d\n"
    "  }\n"
    "  inet_listener imaps {\n"
    "    address = 127.0.0.1\n"
    "    port = %2$d\n"
    "    ssl = yes\n"
    "  }\n"
    "}\n"
    "# No growing delay after refused logins (auth penalty): tests refuse\n"
    "# many on purpose.\n"
    "service anvil {\n"
    "  chroot =\n"
    "  unix_listener anvil-auth-penalty {\n"
    "    mode = 0\n"
    "  }\n"
    "}\n",
    dir, server->imaps_port, account, group, server->cert, server->imap_port);
  g_autofree char *config_path = g_build_filename (dir, "dovecot.conf", NULL);
  if (!write_text (config_path, config, 0600))
    return FALSE;

  /* Dovecot's processes need the whole folder; the client password file
   * stays the caller's. */
  chown_tree (dir, uid, gid);
  if (lchown (server->password_file, geteuid (), getegid ()) != 0)
    return FALSE;
  return TRUE;
}

static void
print_log_tail (XfTestImapd *server)
{
  g_autofree char *log = NULL;

  if (g_file_get_contents (server->log, &log, NULL, NULL))
    {
      gsize length = strlen (log);
      print_error ("imapd: the end of %s:\n%s\n", server->log, log + (length > 2000 ? length - 2000 : 0));
    }
}

gboolean
xf_test_imapd_start (XfTestImapd *server)
{
  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (server->pid == 0, FALSE);

  g_autofree char *dovecot = find_program ("dovecot", "/usr/sbin/dovecot");
  g_autofree char *setpriv = find_program ("setpriv", "/usr/bin/setpriv");
  g_autofree char *openssl = find_program ("openssl", "/usr/bin/openssl");
  if (dovecot == NULL || setpriv == NULL || openssl == NULL)
    {
      print_error ("imapd: %s not found: %s\n",
                   dovecot == NULL ? "dovecot" : setpriv == NULL ? "setpriv" : "openssl",
                   install_hint);
      return FALSE;
    }
  if (server->dir == NULL && !prepare (server))
    return FALSE;

  g_autofree char *config = g_build_filename (server->dir, "dovecot.conf", NULL);
  g_autofree char *stderr_path = g_build_filename (server->dir, "log", "stderr.log", NULL);
  int output = open (stderr_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  /* In the foreground, Dovecot's master is our child: stopped by its pid. */
  g_autoptr(GPtrArray) argv = new_argv_run_as (dovecot, (const char *const[]) { "-F", "-c", config, NULL });

  g_autoptr(GError) error = NULL;
  GPid pid = 0;
  gboolean spawned = g_spawn_async_with_fds (NULL, (char **) argv->pdata, NULL,
                                             G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                             NULL, NULL, &pid, -1, output, output, &error);
  if (output >= 0)
    close (output);
  if (!spawned)
    {
      print_error ("imapd: cannot run dovecot: %s (%s)\n", error->message, install_hint);
      return FALSE;
    }
  server->pid = pid;

  for (int waited = 0; waited < START_WAIT_MS; waited += 20)
    {
      int status;
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          server->pid = 0;
          g_autofree char *complaint = NULL;
          g_file_get_contents (stderr_path, &complaint, NULL, NULL);
          print_error ("imapd: dovecot exited at once: %s\n", complaint != NULL ? complaint : "");
          print_log_tail (server);
          return FALSE;
        }
      if (port_accepts (server->imap_port) && port_accepts (server->imaps_port))
        return TRUE;
      g_usleep (20 * 1000);
    }
  print_error ("imapd: dovecot does not listen on ports %d and %d\n", server->imap_port,
               server->imaps_port);
  print_log_tail (server);
  xf_test_imapd_stop (server);
  return FALSE;
}

static void close_handle (XfTestImapd *server);

/* The processes whose parent is @pid, read from /proc.  Returns a new
 * array of GPid (g_array_unref). */
static GArray *
list_children (GPid pid)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (GPid));
  GDir *proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      guint64 child;
      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &child, NULL))
        continue;
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …"; comm may hold spaces and brackets. */
      const char *end = strrchr (stat, ')');
      int parent = 0;
      char state;
      if (end != NULL && sscanf (end + 1, " %c %d", &state, &parent) == 2 && parent == pid)
        {
          GPid id = (GPid) child;
          g_array_append_val (children, id);
        }
    }
  if (proc != NULL)
    g_dir_close (proc);
  return children;
}

/* Whether process @pid has ended: gone, or a zombie that its new parent
 * has yet to reap (init may take its time). */
static gboolean
is_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  char state = 0;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  const char *end = strrchr (stat, ')');
  return end == NULL || sscanf (end + 1, " %c", &state) != 1 || state == 'Z' || state == 'X';
}

void
xf_test_imapd_stop (XfTestImapd *server)
{
  g_return_if_fail (server != NULL);

  close_handle (server);
  if (server->pid == 0)
    return;
  GPid pid = server->pid;
  server->pid = 0;
  /* Dovecot's master, stopped with SIGTERM, waits a second or more for its
   * processes, some of which take a second more over SIGTERM themselves,
   * and an IMAP process serving a client outlives it (all measured with
   * 2.3.19).  A test server has nothing to save: the master and the
   * processes it had are killed, and "server down" means down at once. */
  g_autoptr(GArray) children = list_children (pid);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  for (guint i = 0; i < children->len; i++)
    kill (g_array_index (children, GPid, i), SIGKILL);
  for (guint i = 0; i < children->len; i++)
    {
      GPid child = g_array_index (children, GPid, i);
      for (int waited = 0; !is_gone (child) && waited < STOP_WAIT_MS; waited += 5)
        g_usleep (5 * 1000);
    }
  /* A login process may hold the listening sockets a moment longer. */
  for (int waited = 0; waited < STOP_WAIT_MS; waited += 10)
    {
      if (!port_accepts (server->imap_port) && !port_accepts (server->imaps_port))
        break;
      g_usleep (10 * 1000);
    }
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
xf_test_imapd_destroy (XfTestImapd *server)
{
  g_return_if_fail (server != NULL);

  xf_test_imapd_stop (server);
  if (server->dir != NULL)
    remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->cert);
  g_free (server->log);
  g_free (server->password_file);
  g_free (server->user);
  g_free (server->password);
  memset (server, 0, sizeof *server);
}

char *
xf_test_imapd_url (XfTestImapd *server, gboolean implicit_tls)
{
  return implicit_tls ? g_strdup_printf ("imaps://127.0.0.1:%d/INBOX", server->imaps_port)
                      : g_strdup_printf ("imap://127.0.0.1:%d/INBOX", server->imap_port);
}

XfConfig *
xf_test_imapd_new_config (XfTestImapd *server)
{
  XfConfig *config = xf_config_new_defaults ();

  g_free (config->imap_url);
  config->imap_url = xf_test_imapd_url (server, TRUE);
  g_free (config->imap_ca_file);
  config->imap_ca_file = g_strdup (server->cert);
  g_free (config->imap_user);
  config->imap_user = g_strdup (server->user);
  g_free (config->imap_password_file);
  config->imap_password_file = g_strdup (server->password_file);
  config->imap_timeout_seconds = 10;
  return config;
}

char *
xf_test_imapd_write_config (XfTestImapd *server, const char *home, const char *extra)
{
  g_autofree char *password_file = g_build_filename (home, "imap.pass", NULL);
  g_autofree char *path = g_build_filename (home, "xinfang.conf", NULL);
  g_autofree char *url = xf_test_imapd_url (server, TRUE);
  g_autofree char *text = g_strdup_printf ("[imap]\n"
                                           "url = %s\n"
                                           "ca_file = %s\n"
                                           "user = %s\n"
                                           "password_file = %s\n"
                                           "timeout_seconds = 10\n"
                                           "%s",
                                           url, server->cert, server->user, password_file,
                                           extra != NULL ? extra : "");
  g_autofree char *password = g_strdup_printf ("%s\n", server->password);

  if (!write_text (password_file, password, 0600) || !write_text (path, text, 0644))
    fail_msg ("imapd: cannot write the config in %s", home);
  return g_steal_pointer (&path);
}

/* ---- talking to the server --------------------------------------------- */

typedef struct {
  GString *body;
  GString *lines;
} Answer;

static size_t
collect (char *data, size_t size, size_t count, void *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * count));
  return size * count;
}

typedef struct {
  const guint8 *data;
  gsize length;
  gsize offset;
} Upload;

static size_t
feed (char *buffer, size_t size, size_t count, void *user_data)
{
  Upload *upload = user_data;
  gsize n = MIN (size * count, upload->length - upload->offset);

  memcpy (buffer, upload->data + upload->offset, n);
  upload->offset += n;
  return n;
}

/* The harness's own handle, logged in as the test user over implicit TLS
 * and set up for @mailbox (NULL: none) and @answer.  One handle, so one
 * connection, serves all calls: a TLS login costs Dovecot some 80 ms. */
static CURL *
reset_handle (XfTestImapd *server, const char *mailbox, Answer *answer)
{
  g_autofree char *escaped = mailbox != NULL ? g_uri_escape_string (mailbox, NULL, FALSE) : NULL;
  g_autofree char *url = g_strdup_printf ("imaps://127.0.0.1:%d/%s", server->imaps_port,
                                          escaped != NULL ? escaped : "");

  if (server->connection == NULL)
    server->connection = curl_easy_init ();
  CURL *curl = server->connection;
  assert_non_null (curl);
  /* Options go back to their defaults; the connection stays open. */
  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_USERNAME, server->user);
  curl_easy_setopt (curl, CURLOPT_PASSWORD, server->password);
  curl_easy_setopt (curl, CURLOPT_CAINFO, server->cert);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer->body);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, answer->lines);
  return curl;
}

static size_t
discard (char *data G_GNUC_UNUSED, size_t size, size_t count, void *user_data G_GNUC_UNUSED)
{
  return size * count;
}

static void
close_handle (XfTestImapd *server)
{
  if (server->connection == NULL)
    return;
  /* The LOGOUT answer must not go to the buffers of a call long over. */
  curl_easy_setopt (server->connection, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt (server->connection, CURLOPT_HEADERFUNCTION, discard);
  g_clear_pointer (&server->connection, curl_easy_cleanup);
}

/* Makes the harness's connection see the mailbox as it is now: a NOOP
 * there.  A session's view of its selected mailbox (STATUS, FLAGS) changes
 * only when it syncs, and the client under test changes it all the time.
 * A connection Dovecot has closed meanwhile (as it does when UIDVALIDITY
 * changes) is dropped, so the next request opens a new one. */
static void
sync_connection (XfTestImapd *server, const char *mailbox)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  Answer answer = { body, lines };
  CURL *curl = reset_handle (server, mailbox, &answer);

  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, "NOOP");
  CURLcode code = curl_easy_perform (curl);
  if (code != CURLE_OK && code != CURLE_QUOTE_ERROR && code != CURLE_LOGIN_DENIED)
    close_handle (server);
}

/* Runs @command in @mailbox (NULL: none selected).  Returns its untagged
 * answers (g_free), or NULL when the server said NO or BAD; fails the
 * test when the server cannot be reached. */
static char *
command (XfTestImapd *server, const char *mailbox, const char *text)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  Answer answer = { body, lines };

  sync_connection (server, mailbox);
  CURL *curl = reset_handle (server, mailbox, &answer);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, text);
  CURLcode code = curl_easy_perform (curl);
  /* NO to the command, or (what libcurl says then) to the SELECT of a
   * missing mailbox. */
  if (code == CURLE_QUOTE_ERROR || (code == CURLE_LOGIN_DENIED && mailbox != NULL))
    return NULL;
  if (code != CURLE_OK)
    fail_msg ("imapd: '%s' failed: %s", text, curl_easy_strerror (code));
  return g_string_free (g_steal_pointer (&body), FALSE);
}

guint32
xf_test_imapd_append (XfTestImapd *server, const char *mailbox, GBytes *message)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GString) lines = g_string_new (NULL);
      Answer answer = { body, lines };
      sync_connection (server, NULL);
      CURL *curl = reset_handle (server, mailbox, &answer);
      Upload upload = { NULL, 0, 0 };

      upload.data = g_bytes_get_data (message, &upload.length);
      curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt (curl, CURLOPT_READFUNCTION, feed);
      curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
      curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) upload.length);
      CURLcode code = curl_easy_perform (curl);
      if (code == CURLE_OK)
        {
          /* "A003 OK [APPENDUID 1795836856 8] Append completed." (UIDPLUS) */
          const char *appenduid = strstr (lines->str, "[APPENDUID ");
          guint32 validity, uid;
          if (appenduid == NULL || sscanf (appenduid, "[APPENDUID %u %u]", &validity, &uid) != 2)
            fail_msg ("imapd: no APPENDUID in the answer to APPEND");
          /* libcurl appends with the \Seen flag; new mail is unseen. */
          g_autofree char *unseen = g_strdup_printf ("UID STORE %u -FLAGS.SILENT (\\Seen)", uid);
          g_autofree char *stored = command (server, mailbox, unseen);
          if (stored == NULL)
            fail_msg ("imapd: cannot take \\Seen off UID %u", uid);
          return uid;
        }
      if (attempt > 0)
        fail_msg ("imapd: APPEND to %s failed: %s", mailbox, curl_easy_strerror (code));
      g_autofree char *create = g_strdup_printf ("CREATE \"%s\"", mailbox);
      g_free (command (server, NULL, create));
    }
  return 0;
}

guint
xf_test_imapd_count (XfTestImapd *server, const char *mailbox)
{
  g_autofree char *text = g_strdup_printf ("STATUS \"%s\" (MESSAGES)", mailbox);
  g_autofree char *answer = command (server, NULL, text);
  const char *messages = answer != NULL ? strstr (answer, "(MESSAGES ") : NULL;
  unsigned count = 0;

  if (messages != NULL && sscanf (messages, "(MESSAGES %u)", &count) != 1)
    fail_msg ("imapd: unreadable STATUS answer");
  return count;
}

guint32
xf_test_imapd_uidvalidity (XfTestImapd *server, const char *mailbox)
{
  g_autofree char *text = g_strdup_printf ("STATUS \"%s\" (UIDVALIDITY)", mailbox);
  g_autofree char *answer = command (server, NULL, text);
  const char *value = answer != NULL ? strstr (answer, "(UIDVALIDITY ") : NULL;
  unsigned uidvalidity = 0;

  if (value == NULL || sscanf (value, "(UIDVALIDITY %u)", &uidvalidity) != 1)
    fail_msg ("imapd: no UIDVALIDITY for %s", mailbox);
  return uidvalidity;
}

gboolean
xf_test_imapd_has_flag (XfTestImapd *server, const char *mailbox, guint32 uid, const char *flag)
{
  g_autofree char *text = g_strdup_printf ("UID FETCH %u (FLAGS)", uid);
  g_autofree char *answer = command (server, mailbox, text);
  const char *flags = answer != NULL ? strstr (answer, "FLAGS (") : NULL;

  if (flags == NULL)
    fail_msg ("imapd: no flags for UID %u in %s", uid, mailbox);
  const char *end = strchr (flags, ')');
  g_autofree char *list = g_strndup (flags + 7, end != NULL ? (gsize) (end - flags - 7) : 0);
  g_auto(GStrv) names = g_strsplit (list, " ", -1);
  return g_strv_contains ((const char *const *) names, flag);
}

void
xf_test_imapd_add_flag (XfTestImapd *server, const char *mailbox, guint32 uid, const char *flag)
{
  g_autofree char *text = g_strdup_printf ("UID STORE %u +FLAGS.SILENT (%s)", uid, flag);
  g_autofree char *answer = command (server, mailbox, text);

  if (answer == NULL)
    fail_msg ("imapd: cannot flag UID %u in %s", uid, mailbox);
}

void
xf_test_imapd_new_uidvalidity (XfTestImapd *server, const char *mailbox)
{
  g_autofree char *config = g_build_filename (server->dir, "dovecot.conf", NULL);
  g_autofree char *doveadm = find_program ("doveadm", "/usr/bin/doveadm");
  g_autofree char *value = g_strdup_printf ("%u", xf_test_imapd_uidvalidity (server, mailbox) + 1);

  if (doveadm == NULL)
    fail_msg ("imapd: doveadm not found: %s", install_hint);
  /* Dovecot ends the sessions that have the mailbox open. */
  close_handle (server);
  g_autoptr(GPtrArray) argv = new_argv_run_as (
    doveadm, (const char *const[]) { "-c", config, "mailbox", "update", "-u", server->user,
                                     "--uid-validity", value, mailbox, NULL });
  if (!run_quietly ((const char *const *) argv->pdata, NULL))
    fail_msg ("imapd: doveadm mailbox update failed");
}

void
xf_test_imapd_clear (XfTestImapd *server)
{
  /* INBOX first: it leaves INBOX selected, and Dovecot does not delete
   * the selected mailbox. */
  g_free (command (server, "INBOX", "UID STORE 1:* +FLAGS.SILENT (\\Deleted)"));
  g_free (command (server, "INBOX", "EXPUNGE"));

  g_autofree char *list = command (server, NULL, "LIST \"\" \"*\"");
  g_auto(GStrv) lines = g_strsplit (list != NULL ? list : "", "\n", -1);
  /* "* LIST (\HasNoChildren) "/" Processed", the name quoted or not;
   * children come after their parents, so the list is walked backwards. */
  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      char *line = g_strchomp (lines[i - 1]);
      const char *separator = strstr (line, ") \"/\" ");
      if (!g_str_has_prefix (line, "* LIST ") || separator == NULL)
        continue;
      g_autofree char *name = g_strdup (separator + 6);
      if (name[0] == '"')
        {
          memmove (name, name + 1, strlen (name));
          name[strlen (name) - 1] = '\0';
        }
      if (g_ascii_strcasecmp (name, "INBOX") == 0)
        continue;
      g_autofree char *text = g_strdup_printf ("DELETE \"%s\"", name);
      g_free (command (server, NULL, text));
    }
  assert_int_equal (xf_test_imapd_count (server, "INBOX"), 0);
}

guint
xf_test_imapd_count_log (XfTestImapd *server, const char *text)
{
  g_autofree char *log = NULL;
  guint count = 0;

  if (!g_file_get_contents (server->log, &log, NULL, NULL))
    return 0;
  for (const char *p = strstr (log, text); p != NULL; p = strstr (p + 1, text))
    count++;
  return count;
}

/* ---- mails ------------------------------------------------------------- */

static void
append_base64_lines (GString *out, const guint8 *data, gsize length)
{
  g_autofree char *encoded = g_base64_encode (data, length);
  gsize total = strlen (encoded);

  for (gsize i = 0; i < total; i += 76)
    {
      g_string_append_len (out, encoded + i, (gssize) MIN (76, total - i));
      g_string_append (out, "\r\n");
    }
}

GBytes *
xf_test_mail_with_attachment (const char *subject_utf8, const char *from, const char *filename,
                              const char *content_type, GBytes *data)
{
  static const char text[] = "材料见附件。";
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *subject = g_base64_encode ((const guint8 *) subject_utf8, strlen (subject_utf8));
  g_autofree char *name = g_uri_escape_string (filename, NULL, FALSE);
  GString *mail = g_string_new (NULL);

  g_checksum_update (checksum, (const guint8 *) subject_utf8, -1);
  g_checksum_update (checksum, (const guint8 *) from, -1);
  g_checksum_update (checksum, (const guint8 *) filename, -1);
  g_checksum_update (checksum, bytes, (gssize) length);
  g_string_append_printf (mail,
                          "From: %s\r\n"
                          "To: zhuxi@union.example.cn\r\n"
                          "Subject: =?UTF-8?B?%s?=\r\n"
                          "Date: Mon, 16 Mar 2026 09:00:00 +0800\r\n"
                          "Message-ID: <%.24s@test.xinfang.example>\r\n"
                          "MIME-Version: 1.0\r\n"
                          "Content-Type: multipart/mixed; boundary=\"xf-test-boundary\"\r\n"
                          "\r\n"
                          "--xf-test-boundary\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "\r\n",
                          from, subject, g_checksum_get_string (checksum));
  append_base64_lines (mail, (const guint8 *) text, sizeof text - 1);
  g_string_append_printf (mail,
                          "--xf-test-boundary\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Transfer-Encoding: base64\r\n"
                          "Content-Disposition: attachment; filename*=UTF-8''%s\r\n"
                          "\r\n",
                          content_type, name);
  append_base64_lines (mail, bytes, length);
  g_string_append (mail, "--xf-test-boundary--\r\n");
  return g_string_free_to_bytes (mail);
}
