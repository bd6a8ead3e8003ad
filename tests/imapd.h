/* A throwaway Dovecot for tests: an IMAP server on loopback whose config,
 * self-signed certificate, password file, Maildir, log and sockets all
 * live in one temporary folder.  Nothing in /etc is read or written.
 * Started as root, Dovecot runs as "nobody" (through setpriv); otherwise
 * as the calling user.  Needs dovecot-imapd, openssl and setpriv
 * (util-linux); tools/setup-debian.sh installs them.
 *
 * Typical use, one server per test binary (starting one takes a fraction
 * of a second, most of it the certificate):
 *
 *   static XfTestImapd server;
 *   group setup:     return xf_test_imapd_start (&server) ? 0 : -1;
 *   each test:       xf_test_imapd_clear (&server);
 *                    xf_test_imapd_append (&server, "INBOX", message);
 *                    g_autoptr(XfConfig) config = xf_test_imapd_new_config (&server);
 *                    ... or, for the binary: xf_test_imapd_write_config (&server, home, NULL)
 *   group teardown:  xf_test_imapd_destroy (&server);
 *
 * Mailbox names given to these helpers are written into IMAP commands as
 * they are: ASCII, or already in modified UTF-7 (RFC 3501 5.1.3).  The
 * helpers keep one connection of their own open (a TLS login costs Dovecot
 * some 80 ms), so call them from one thread.  Helpers fail the calling
 * test (cmocka) when the server cannot be reached. */
#pragma once

#include <glib.h>

#include "common/common.h"

typedef struct {
  char *dir;          /* the server's folder; NULL before the first start */
  char *cert;         /* its certificate (PEM), self-signed for 127.0.0.1 and
                         localhost: the ca_file for clients */
  char *log;          /* Dovecot's log: logins, errors */
  char *password_file;/* the password alone, mode 0600, for clients */
  int imap_port;      /* 127.0.0.1, plain IMAP offering STARTTLS */
  int imaps_port;     /* 127.0.0.1, implicit TLS */
  char *user;         /* the one mail user */
  char *password;
  GPid pid;           /* Dovecot's master process while it runs, else 0 */
  gpointer connection;/* the harness's own libcurl handle, kept open */
} XfTestImapd;

/* Starts @server (zero it first).  The first start makes the folder, the
 * certificate, the user and two free ports; a start after
 * xf_test_imapd_stop() runs Dovecot again on the same folder and ports,
 * with the mail kept.  Returns when both ports accept connections.  On
 * failure prints why (and how to install what is missing) and returns
 * FALSE.  Dovecot dies with the thread that started it, should the test
 * crash. */
gboolean xf_test_imapd_start (XfTestImapd *server);

/* Stops Dovecot at once, open sessions included (its processes are
 * killed: a test server has nothing to save), and waits until its ports
 * refuse connections.  The folder and the mail stay, so it can be started
 * again on the same ports ("server down" tests). */
void xf_test_imapd_stop (XfTestImapd *server);

/* Stops Dovecot, removes the folder and frees the strings. */
void xf_test_imapd_destroy (XfTestImapd *server);

/* "imaps://127.0.0.1:PORT/INBOX", or imap:// on the STARTTLS port when
 * @implicit_tls is FALSE (g_free). */
char *xf_test_imapd_url (XfTestImapd *server, gboolean implicit_tls);

/* A configuration with the defaults and the [imap] keys for this server:
 * the imaps URL, ca_file = its certificate, the user, the password file,
 * a 10 s timeout.  Free with xf_config_free(). */
XfConfig *xf_test_imapd_new_config (XfTestImapd *server);

/* Writes @home/xinfang.conf with an [imap] group for this server (as
 * xf_test_imapd_new_config(), with a copy of the password file of mode
 * 0600 in @home) and then @extra (may be NULL) as it is: bare
 * "key = value" lines there add to [imap], other groups follow with their
 * header.  Returns the path of the file (g_free). */
char *xf_test_imapd_write_config (XfTestImapd *server, const char *home, const char *extra);

/* Puts @message into @mailbox (IMAP APPEND; the mailbox is created when
 * missing), unseen, as newly delivered mail is.  @message must have CRLF line ends to come back byte for
 * byte.  Returns its UID.  Fails the test on error. */
guint32 xf_test_imapd_append (XfTestImapd *server, const char *mailbox, GBytes *message);

/* The number of messages in @mailbox, 0 when it does not exist. */
guint xf_test_imapd_count (XfTestImapd *server, const char *mailbox);

/* Whether message @uid in @mailbox carries @flag ("\\Seen"). */
gboolean xf_test_imapd_has_flag (XfTestImapd *server, const char *mailbox, guint32 uid,
                                 const char *flag);

/* Sets @flag on message @uid in @mailbox, as a person reading the mailbox
 * would ("\\Seen", "\\Deleted"). */
void xf_test_imapd_add_flag (XfTestImapd *server, const char *mailbox, guint32 uid,
                             const char *flag);

/* The UIDVALIDITY of @mailbox now. */
guint32 xf_test_imapd_uidvalidity (XfTestImapd *server, const char *mailbox);

/* Gives @mailbox a new UIDVALIDITY (doveadm mailbox update), keeping its
 * messages, as a server does after its index was rebuilt. */
void xf_test_imapd_new_uidvalidity (XfTestImapd *server, const char *mailbox);

/* Empties INBOX and deletes every other mailbox, for a clean start. */
void xf_test_imapd_clear (XfTestImapd *server);

/* How many lines of Dovecot's log contain @text, e.g. "Login: user=<" for
 * the logins so far.  Dovecot writes its log from a process of its own, a
 * moment after the event. */
guint xf_test_imapd_count_log (XfTestImapd *server, const char *text);

/* Makes a self-signed certificate for 127.0.0.1 and localhost in @dir:
 * @name.pem and @name.key.pem.  Returns the certificate's path (g_free);
 * fails the test on error. */
char *xf_test_make_certificate (const char *dir, const char *name);

/* A mail (CRLF line ends) with a short text part and one base64 attachment
 * of @data, built at run time so that big samples need no copy in the
 * repository.  @subject_utf8 is written as an RFC 2047 word; @from is an
 * ASCII address ("Li Ming <liming@example.com>"); @filename (UTF-8) as an
 * RFC 2231 parameter.  The Message-ID is made from the arguments, so the
 * same arguments give the same bytes.  Returns a new GBytes. */
GBytes *xf_test_mail_with_attachment (const char *subject_utf8, const char *from,
                                      const char *filename, const char *content_type,
                                      GBytes *data);
