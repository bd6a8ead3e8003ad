/* The IMAP client: one session with the chairman's mailbox (RFC 3501, with
 * MOVE from RFC 6851 and UID EXPUNGE from RFC 4315 where the server has
 * them), over libcurl.  The caller keeps the ledger of what it took; this
 * only lists, fetches and, once an item is safely stored, acknowledges it. */
#pragma once

#include <glib.h>

#include "common/common.h"

G_BEGIN_DECLS

typedef struct XfImap XfImap;

/* Opens a session for the [imap] keys of @config: reads the password file
 * (xf_imap_read_password()), connects (imaps:// always verifies the
 * certificate; imap:// requires STARTTLS unless tls = none, which only a
 * loopback host may use), logs in, selects the mailbox of the URL (INBOX
 * when it names none) and reads its UIDVALIDITY and the server's
 * capabilities.  One connection serves the whole session.
 *
 * Errors: XF_ERROR_CONFIG for a missing or insecure setting, a password
 * file open to others, a refused login (naming user and server), a
 * certificate that does not verify, a server without STARTTLS, or a mailbox
 * that cannot be selected; XF_ERROR_TRANSIENT for a connection that fails
 * or times out and other server errors.  Returns a new session (close with
 * xf_imap_close()) or NULL with @error set. */
XfImap *xf_imap_connect (const XfConfig *config, GError **error);

/* Logs out and frees @imap.  NULL is allowed. */
void xf_imap_close (XfImap *imap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfImap, xf_imap_close)

/* The mailbox's stable name for the caller's ledger, without credentials:
 * "imaps://USER@HOST:PORT/MAILBOX", the port always written and the user
 * and mailbox percent-escaped.  Owned by @imap. */
const char *xf_imap_mailbox_key (XfImap *imap);

/* The UIDVALIDITY the server gave when the mailbox was selected.  UIDs in
 * the ledger mean nothing under another one. */
guint32 xf_imap_uidvalidity (XfImap *imap);

/* Every UID in the mailbox (UID SEARCH ALL), seen or not, in ascending
 * order without repeats.  Returns a new GArray of guint32
 * (g_array_unref) or NULL with XF_ERROR_TRANSIENT (or XF_ERROR_LIMIT for
 * a listing over 16 MiB). */
GArray *xf_imap_list_uids (XfImap *imap, GError **error);

/* Whether the server still answers on this connection (NOOP): after a
 * fetch failed, it tells a message the server will not hand over from a
 * server or connection that is gone. */
gboolean xf_imap_answers (XfImap *imap, GError **error);

/* The message @uid, byte for byte as the server holds it.  Its size
 * (RFC822.SIZE) is checked against [imap] max_message_bytes first, and the
 * transfer is cut off should it run past the limit anyway: both are
 * XF_ERROR_LIMIT.  The fetch itself sets \Seen; with [imap] after = none,
 * a message that was unseen is marked unseen again at once, and should
 * that fail, xf_imap_after() ("none") tries again.  Errors:
 * XF_ERROR_NOT_FOUND when there is no such UID, XF_ERROR_TRANSIENT for the
 * connection or the server, and never a part of a message.  Returns a new
 * GBytes (g_bytes_unref) or NULL with @error set. */
GBytes *xf_imap_fetch (XfImap *imap, guint32 uid, GError **error);

/* Acknowledges @uid after the caller has stored it.  @action is
 * "seen" (UID STORE +FLAGS.SILENT (\Seen)); "none" (the mailbox is left as
 * it was: \Seen is taken off again if the message was unseen before
 * xf_imap_fetch() in this session); or "move:FOLDER" (UID MOVE where the
 * server has MOVE, else UID COPY, \Deleted and, where it has UIDPLUS, UID
 * EXPUNGE of this UID alone; without UIDPLUS the message is left marked
 * \Deleted, since a plain EXPUNGE would remove others' deleted mail too).
 * FOLDER (UTF-8) is created when the server says it does not exist.
 * Errors: XF_ERROR_CONFIG for an unknown action or folder name,
 * XF_ERROR_TRANSIENT for the connection or the server. */
gboolean xf_imap_after (XfImap *imap, guint32 uid, const char *action, GError **error);

/* The password in @path: the file's content up to a final line break.  The
 * file must be a regular file of mode 0600 or stricter (no group or other
 * bits); otherwise, and when it is empty, longer than 1 KiB or holds a
 * control character, it is XF_ERROR_CONFIG with a message that names the
 * file.  Returns a new string (free with g_free(), best after clearing it)
 * or NULL with @error set. */
char *xf_imap_read_password (const char *path, GError **error);

G_END_DECLS
