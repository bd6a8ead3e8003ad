/* The IMAP client over libcurl: one easy handle, and so one connection and
 * one login, per session.  libcurl speaks the protocol (RFC 3501; STARTTLS
 * from RFC 2595) and fetches a message by its URL (RFC 5092); everything
 * else is a custom request whose untagged responses libcurl hands to the
 * write callback.  Every response line also reaches the header callback
 * (libcurl's "pingpong" layer passes them all, as measured with 7.88):
 * that is where UIDVALIDITY and the text of a refusal are read.
 *
 * No message content, subject or address is ever logged: only UIDs. */
#define G_LOG_DOMAIN "xf-intake"

#include <curl/curl.h>
#include <gio/gio.h>

#include "common/common.h"
#include "intake/imap.h"
#include "intake/intake-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A password file holds one password, never anything this long. */
#define MAX_PASSWORD_BYTES 1024

/* The most bytes of untagged responses one command may return; UID SEARCH
 * ALL over a mailbox of a million messages stays below it. */
#define MAX_RESPONSE_BYTES ((gsize) 16 * 1024 * 1024)

/* The most bytes of response lines kept from one request for reading
 * UIDVALIDITY and refusals; message data lines are not kept at all. */
#define MAX_LINE_BYTES ((gsize) 1024 * 1024)

struct XfImap {
  CURL *curl;
  char *host;           /* "host:port", for messages */
  char *user;
  char *ca_file;        /* NULL: the system's bundle */
  char *mailbox;        /* UTF-8, as configured */
  char *key;            /* xf_imap_mailbox_key() */
  char *base_url;       /* "imaps://host:port/" */
  char *mailbox_url;    /* base, mailbox and ";UIDVALIDITY=N" */
  guint32 uidvalidity;
  gsize max_message_bytes;
  gboolean has_move;           /* RFC 6851 */
  gboolean has_uidplus;        /* RFC 4315: UID EXPUNGE */
  GHashTable *unseen_before;  /* UIDs that were not \Seen before our fetch,
                                 and are \Seen now */
  gboolean keep_unseen;        /* [imap] after = none */

  /* What the request in hand received. */
  GByteArray *body;
  gsize body_limit;
  gboolean over_limit;
  GPtrArray *lines;     /* response lines, without line ends */
  gsize line_bytes;
  char error_buffer[CURL_ERROR_SIZE];
};

static gpointer
init_curl (gpointer data G_GNUC_UNUSED)
{
  return GINT_TO_POINTER (curl_global_init (CURL_GLOBAL_DEFAULT));
}

/* curl_global_init() is not thread-safe and curl_easy_init() would call it
 * on every first use; it is called once here instead. */
static gboolean
ensure_curl (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  CURLcode code = GPOINTER_TO_INT (g_once (&once, init_curl, NULL));

  if (code != CURLE_OK)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "imap: libcurl cannot start: %s",
                   curl_easy_strerror (code));
      return FALSE;
    }
  return TRUE;
}

/* ---- the password file --------------------------------------------------- */

char *
xf_imap_read_password (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: cannot open the password file %s: %s",
                   path, g_strerror (saved));
      return NULL;
    }

  /* The checks are made on the file opened, not on the name. */
  struct stat status;
  if (fstat (fd, &status) != 0 || !S_ISREG (status.st_mode))
    {
      close (fd);
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: the password file %s is not a regular file",
                   path);
      return NULL;
    }
  if ((status.st_mode & 077) != 0)
    {
      close (fd);
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: the password file %s has mode %04o: it must be 0600 or stricter, "
                   "readable by its owner alone (chmod 600 %s)",
                   path, (unsigned) (status.st_mode & 07777), path);
      return NULL;
    }

  char buffer[MAX_PASSWORD_BYTES + 1];
  gsize length = 0;
  while (length < sizeof buffer)
    {
      ssize_t n = read (fd, buffer + length, sizeof buffer - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          explicit_bzero (buffer, sizeof buffer);
          g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: cannot read the password file %s: %s",
                       path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }
  close (fd);

  const char *problem = NULL;
  if (length > MAX_PASSWORD_BYTES)
    problem = "is longer than 1 KiB: it must hold the password alone";
  else
    {
      if (length > 0 && buffer[length - 1] == '\n')
        length--;
      if (length > 0 && buffer[length - 1] == '\r')
        length--;
      if (length == 0)
        problem = "is empty";
      for (gsize i = 0; i < length && problem == NULL; i++)
        if ((guchar) buffer[i] < 0x20 || buffer[i] == 0x7f)
          problem = "holds a line break or a control character: it must hold the password alone, "
                    "on one line";
    }
  if (problem != NULL)
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: the password file %s %s", path, problem);
      return NULL;
    }
  char *password = g_strndup (buffer, length);
  explicit_bzero (buffer, sizeof buffer);
  return password;
}

/* ---- mailbox names ------------------------------------------------------- */

static const char modified_base64[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/* Appends @data in the modified base64 of RFC 3501 5.1.3: ',' for '/',
 * no padding. */
static void
append_modified_base64 (GString *out, const guint8 *data, gsize length)
{
  gsize i = 0;

  for (; i + 3 <= length; i += 3)
    {
      guint32 group = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8 | data[i + 2];
      for (int shift = 18; shift >= 0; shift -= 6)
        g_string_append_c (out, modified_base64[(group >> shift) & 0x3f]);
    }
  if (i + 1 == length)
    {
      guint32 group = (guint32) data[i] << 16;
      g_string_append_c (out, modified_base64[(group >> 18) & 0x3f]);
      g_string_append_c (out, modified_base64[(group >> 12) & 0x3f]);
    }
  else if (i + 2 == length)
    {
      guint32 group = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8;
      g_string_append_c (out, modified_base64[(group >> 18) & 0x3f]);
      g_string_append_c (out, modified_base64[(group >> 12) & 0x3f]);
      g_string_append_c (out, modified_base64[(group >> 6) & 0x3f]);
    }
}

static gboolean
is_printable_ascii (gunichar c)
{
  return c >= 0x20 && c <= 0x7e;
}

char *
xf_imap_encode_mailbox (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    return NULL;

  GString *out = g_string_new (NULL);
  const char *p = name;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      if (is_printable_ascii (c))
        {
          g_string_append_c (out, (char) c);
          if (c == '&')
            g_string_append_c (out, '-');
          p = g_utf8_next_char (p);
          continue;
        }
      /* A run of other characters: UTF-16 big-endian in base64. */
      const char *start = p;
      while (*p != '\0' && !is_printable_ascii (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      glong units = 0;
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (start, p - start, NULL, &units, NULL);
      g_autofree guint8 *bytes = g_new (guint8, (gsize) units * 2);
      for (glong i = 0; i < units; i++)
        {
          bytes[2 * i] = (guint8) (utf16[i] >> 8);
          bytes[2 * i + 1] = (guint8) (utf16[i] & 0xff);
        }
      g_string_append_c (out, '&');
      append_modified_base64 (out, bytes, (gsize) units * 2);
      g_string_append_c (out, '-');
    }
  return g_string_free (out, FALSE);
}

/* A mailbox name fit for our commands: no control characters, since a
 * line break would end the command.  @setting names where it came from. */
static gboolean
check_mailbox_name (const char *name, const char *setting, GError **error)
{
  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: %s: the folder name is empty or not UTF-8",
                   setting);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                     "imap: %s: the folder name holds a control character", setting);
        return FALSE;
      }
  return TRUE;
}

/* @name (UTF-8) encoded and written as an IMAP quoted string.  Returns a
 * new string (g_free). */
static char *
quote_mailbox (const char *name)
{
  g_autofree char *encoded = xf_imap_encode_mailbox (name);
  GString *out = g_string_new ("\"");

  for (const char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* ---- the session ------------------------------------------------------- */

void
xf_imap_forget_capability (XfImap *imap, const char *name)
{
  g_return_if_fail (imap != NULL && name != NULL);

  if (g_ascii_strcasecmp (name, "MOVE") == 0)
    imap->has_move = FALSE;
  else if (g_ascii_strcasecmp (name, "UIDPLUS") == 0)
    imap->has_uidplus = FALSE;
}

void
xf_imap_close (XfImap *imap)
{
  if (imap == NULL)
    return;
  /* Sends LOGOUT on the open connection. */
  g_clear_pointer (&imap->curl, curl_easy_cleanup);
  g_free (imap->host);
  g_free (imap->user);
  g_free (imap->ca_file);
  g_free (imap->mailbox);
  g_free (imap->key);
  g_free (imap->base_url);
  g_free (imap->mailbox_url);
  g_clear_pointer (&imap->unseen_before, g_hash_table_unref);
  g_clear_pointer (&imap->body, g_byte_array_unref);
  g_clear_pointer (&imap->lines, g_ptr_array_unref);
  g_free (imap);
}

const char *
xf_imap_mailbox_key (XfImap *imap)
{
  g_return_val_if_fail (imap != NULL, NULL);
  return imap->key;
}

guint32
xf_imap_uidvalidity (XfImap *imap)
{
  g_return_val_if_fail (imap != NULL, 0);
  return imap->uidvalidity;
}

static size_t
on_body (char *data, size_t size, size_t count, void *user_data)
{
  XfImap *imap = user_data;
  gsize length = size * count;

  if (length > imap->body_limit - imap->body->len)
    {
      /* Any count other than @length makes libcurl stop the transfer. */
      imap->over_limit = TRUE;
      return length == 0 ? 1 : 0;
    }
  g_byte_array_append (imap->body, (const guint8 *) data, (guint) length);
  return length;
}

/* Message data ("* 12 FETCH …", "* 3 EXISTS") and search results come to
 * the write callback too and are not kept here. */
static gboolean
is_message_data (const char *line, gsize length)
{
  return length > 2 && line[0] == '*' && line[1] == ' '
         && (g_ascii_isdigit (line[2])
             || (length >= 8 && g_ascii_strncasecmp (line + 2, "SEARCH", 6) == 0));
}

static size_t
on_line (char *data, size_t size, size_t count, void *user_data)
{
  XfImap *imap = user_data;
  gsize length = size * count;
  gsize kept = length;

  while (kept > 0 && (data[kept - 1] == '\n' || data[kept - 1] == '\r'))
    kept--;
  if (!is_message_data (data, kept) && imap->line_bytes + kept <= MAX_LINE_BYTES)
    {
      g_ptr_array_add (imap->lines, g_strndup (data, kept));
      imap->line_bytes += kept;
    }
  return length;
}

/* Runs one request on the session's connection: @url with @command as a
 * custom request, or the fetch the URL names when @command is NULL.  The
 * write callback takes up to @body_limit bytes. */
static CURLcode
run (XfImap *imap, const char *url, const char *command, gsize body_limit)
{
  g_byte_array_set_size (imap->body, 0);
  g_ptr_array_set_size (imap->lines, 0);
  imap->line_bytes = 0;
  /* A GByteArray holds at most G_MAXUINT bytes. */
  imap->body_limit = MIN (body_limit, (gsize) G_MAXUINT);
  imap->over_limit = FALSE;
  imap->error_buffer[0] = '\0';
  curl_easy_setopt (imap->curl, CURLOPT_URL, url);
  curl_easy_setopt (imap->curl, CURLOPT_CUSTOMREQUEST, command);
  return curl_easy_perform (imap->curl);
}

/* The text of the server's last tagged NO or BAD ("NO [TRYCREATE] Mailbox
 * doesn't exist"), without its tag, or "" (owned by @imap).  A refusal may
 * be followed by the answer to the LOGOUT libcurl sends after it. */
static const char *
last_refusal (XfImap *imap)
{
  for (guint i = imap->lines->len; i > 0; i--)
    {
      const char *line = g_ptr_array_index (imap->lines, i - 1);
      const char *space = strchr (line, ' ');
      if (line[0] == '*' || line[0] == '+' || space == NULL)
        continue;
      if (g_ascii_strncasecmp (space + 1, "NO", 2) == 0 || g_ascii_strncasecmp (space + 1, "BAD", 3) == 0)
        return space + 1;
    }
  return "";
}

static gboolean
has_word (const char *text, const char *word)
{
  g_auto(GStrv) words = g_strsplit_set (text, " []", -1);

  for (char **w = words; *w != NULL; w++)
    if (g_ascii_strcasecmp (*w, word) == 0)
      return TRUE;
  return FALSE;
}

static const char *
curl_detail (XfImap *imap, CURLcode code)
{
  return imap->error_buffer[0] != '\0' ? imap->error_buffer : curl_easy_strerror (code);
}

/* Converts a failed request into one XF_ERROR.  @what says what was being
 * done ("listing the mailbox"). */
static void
set_request_error (XfImap *imap, CURLcode code, const char *what, GError **error)
{
  const char *server = last_refusal (imap);

  switch (code)
    {
    case CURLE_LOGIN_DENIED:
      /* RFC 5530: [UNAVAILABLE] is the server's own trouble (its password
       * store is down), not a wrong password: try again later. */
      if (has_word (server, "UNAVAILABLE"))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                       "imap: %s cannot check logins just now (the server said: %s)",
                       imap->host, server);
          break;
        }
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: the server refused the login of %s at %s: check [imap] user and "
                   "password_file%s%s%s",
                   imap->user, imap->host, server[0] != '\0' ? " (the server said: " : "", server,
                   server[0] != '\0' ? ")" : "");
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: the certificate of %s does not verify against %s: %s", imap->host,
                   imap->ca_file != NULL ? imap->ca_file : "the system's CA bundle",
                   curl_detail (imap, code));
      break;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: %s does not offer STARTTLS, and the login is never sent in the clear: "
                   "use an imaps:// url",
                   imap->host);
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: [imap] url: %s", curl_detail (imap, code));
      break;
    case CURLE_QUOTE_ERROR:
      /* A custom command answered NO or BAD. */
      g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT, "imap: %s at %s: the server said: %s", what,
                   imap->host, server[0] != '\0' ? server : "NO");
      break;
    default:
      g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT, "imap: %s at %s: %s", what, imap->host,
                   curl_detail (imap, code));
      break;
    }
}

/* Runs @command (an IMAP command without its tag) in the selected mailbox.
 * Its untagged responses are in imap->body afterwards. */
static gboolean
run_command (XfImap *imap, const char *command, const char *what, GError **error)
{
  CURLcode code = run (imap, imap->mailbox_url, command, MAX_RESPONSE_BYTES);

  if (imap->over_limit)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT, "imap: %s at %s: the answer is over %" G_GSIZE_FORMAT " bytes",
                   what, imap->host, MAX_RESPONSE_BYTES);
      return FALSE;
    }
  if (code != CURLE_OK)
    {
      set_request_error (imap, code, what, error);
      return FALSE;
    }
  return TRUE;
}

/* The untagged responses of the last request, one line each, without line
 * ends.  Returns a new NULL-terminated array (g_strfreev). */
static char **
body_lines (XfImap *imap)
{
  g_autofree char *text = imap->body->len > 0 ? g_strndup ((const char *) imap->body->data, imap->body->len)
                                              : g_strdup ("");
  char **lines = g_strsplit (text, "\n", -1);

  for (char **line = lines; *line != NULL; line++)
    g_strchomp (*line);
  return lines;
}

/* Reads MOVE and UIDPLUS from the "* CAPABILITY" answer in the body. */
static void
read_capabilities (XfImap *imap)
{
  g_auto(GStrv) lines = body_lines (imap);

  for (char **line = lines; *line != NULL; line++)
    if (g_ascii_strncasecmp (*line, "* CAPABILITY ", 13) == 0)
      {
        imap->has_move = has_word (*line + 13, "MOVE");
        imap->has_uidplus = has_word (*line + 13, "UIDPLUS");
      }
}

static gboolean
parse_uid (const char *text, gsize length, guint32 *out)
{
  g_autofree char *copy = g_strndup (text, length);
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (copy, 10, 1, G_MAXUINT32, &value, NULL))
    return FALSE;
  *out = (guint32) value;
  return TRUE;
}

/* The UIDVALIDITY of the SELECT answer among the response lines: "* OK
 * [UIDVALIDITY 3857529045] UIDs valid". */
static gboolean
read_uidvalidity (XfImap *imap, guint32 *out)
{
  for (guint i = 0; i < imap->lines->len; i++)
    {
      const char *line = g_ptr_array_index (imap->lines, i);
      if (g_ascii_strncasecmp (line, "* OK [UIDVALIDITY ", 18) != 0)
        continue;
      const char *number = line + 18;
      const char *end = strchr (number, ']');
      if (end != NULL && parse_uid (number, (gsize) (end - number), out))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_loopback_host (const char *host)
{
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* curl writes IPv6 hosts in brackets */
  g_autofree char *bare = g_strdup (host);
  if (bare[0] == '[' && bare[strlen (bare) - 1] == ']')
    {
      memmove (bare, bare + 1, strlen (bare));
      bare[strlen (bare) - 1] = '\0';
    }
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

typedef struct {
  char *scheme;
  char *host;
  char *port;
  char *path;
  char *user;
  char *password;
  char *query;
  char *fragment;
} UrlParts;

static void
url_parts_clear (UrlParts *parts)
{
  curl_free (parts->scheme);
  curl_free (parts->host);
  curl_free (parts->port);
  curl_free (parts->path);
  curl_free (parts->user);
  curl_free (parts->password);
  curl_free (parts->query);
  curl_free (parts->fragment);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UrlParts, url_parts_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURLU, curl_url_cleanup)

/* Reads [imap] url, user, tls and ca_file into @imap: the host, the
 * mailbox, the base URL and the ledger key.  The URL is never repeated in
 * a message, since it might hold a password. */
static gboolean
read_settings (XfImap *imap, const XfConfig *config, GError **error)
{
  g_auto(UrlParts) parts = { NULL };
  g_autoptr(CURLU) url = curl_url ();

  if (config->imap_url == NULL || config->imap_user == NULL || config->imap_password_file == NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: [imap] %s is not set",
                   config->imap_url == NULL    ? "url"
                   : config->imap_user == NULL ? "user"
                                               : "password_file");
      return FALSE;
    }
  if (url == NULL)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_FAILED, "imap: out of memory");
      return FALSE;
    }
  CURLUcode code = curl_url_set (url, CURLUPART_URL, config->imap_url, 0);
  if (code != CURLUE_OK)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: [imap] url is not a URL (%s)",
                   curl_url_strerror (code));
      return FALSE;
    }
  curl_url_get (url, CURLUPART_SCHEME, &parts.scheme, 0);
  curl_url_get (url, CURLUPART_HOST, &parts.host, 0);
  curl_url_get (url, CURLUPART_PORT, &parts.port, CURLU_DEFAULT_PORT);
  curl_url_get (url, CURLUPART_PATH, &parts.path, CURLU_URLDECODE);
  curl_url_get (url, CURLUPART_USER, &parts.user, 0);
  curl_url_get (url, CURLUPART_PASSWORD, &parts.password, 0);
  curl_url_get (url, CURLUPART_QUERY, &parts.query, 0);
  curl_url_get (url, CURLUPART_FRAGMENT, &parts.fragment, 0);

  gboolean implicit_tls = parts.scheme != NULL && g_ascii_strcasecmp (parts.scheme, "imaps") == 0;
  if (!implicit_tls && (parts.scheme == NULL || g_ascii_strcasecmp (parts.scheme, "imap") != 0))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: [imap] url must start with imaps:// (or imap://, which then requires STARTTLS)");
      return FALSE;
    }
  if (parts.user != NULL || parts.password != NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: [imap] url must not hold a user or password: use [imap] user and password_file");
      return FALSE;
    }
  if (parts.host == NULL || parts.port == NULL || parts.query != NULL || parts.fragment != NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: [imap] url must be imaps://HOST[:PORT]/MAILBOX, without a query");
      return FALSE;
    }

  /* "/INBOX" → "INBOX"; no mailbox means INBOX. */
  const char *path = parts.path != NULL ? parts.path : "";
  while (*path == '/')
    path++;
  g_autofree char *mailbox = g_strdup (*path != '\0' ? path : "INBOX");
  gsize length = strlen (mailbox);
  while (length > 0 && mailbox[length - 1] == '/')
    mailbox[--length] = '\0';
  if (strchr (mailbox, ';') != NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: [imap] url: name the mailbox alone, without ;UID or ;UIDVALIDITY");
      return FALSE;
    }
  if (!check_mailbox_name (mailbox, "[imap] url", error))
    return FALSE;

  if (g_strcmp0 (config->imap_tls, "none") == 0 && !implicit_tls && !is_loopback_host (parts.host))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: [imap] tls = none sends the password in the clear and is allowed for a "
                   "loopback host only, not %s",
                   parts.host);
      return FALSE;
    }

  g_autofree char *scheme = g_ascii_strdown (parts.scheme, -1);
  g_autofree char *host = g_ascii_strdown (parts.host, -1);
  g_autofree char *escaped_user = g_uri_escape_string (config->imap_user, NULL, FALSE);
  g_autofree char *escaped_mailbox = g_uri_escape_string (mailbox, NULL, FALSE);
  imap->host = g_strdup_printf ("%s:%s", host, parts.port);
  imap->user = g_strdup (config->imap_user);
  imap->ca_file = g_strdup (config->imap_ca_file);
  imap->base_url = g_strdup_printf ("%s://%s:%s/", scheme, host, parts.port);
  imap->key = g_strdup_printf ("%s://%s@%s:%s/%s", scheme, escaped_user, host, parts.port,
                               escaped_mailbox);
  imap->mailbox = g_steal_pointer (&mailbox);
  imap->max_message_bytes = (gsize) config->imap_max_message_bytes;
  return TRUE;
}

/* The options that hold for every request of the session. */
static gboolean
set_options (XfImap *imap, const XfConfig *config, const char *password, GError **error)
{
  CURL *curl = imap->curl;
  long timeout = (long) config->imap_timeout_seconds;
  gboolean plain = g_strcmp0 (config->imap_tls, "none") == 0;
  CURLcode code = CURLE_OK;

#define SET(option, value) \
  if (code == CURLE_OK) \
    code = curl_easy_setopt (curl, option, value)
  SET (CURLOPT_PROTOCOLS_STR, "imap,imaps");
  SET (CURLOPT_NOSIGNAL, 1L);
  SET (CURLOPT_ERRORBUFFER, imap->error_buffer);
  SET (CURLOPT_USERNAME, imap->user);
  SET (CURLOPT_PASSWORD, password);
  /* imaps:// is TLS whatever this says; for imap:// it makes STARTTLS a
   * must, so a server (or a man in the middle) cannot talk us out of it. */
  SET (CURLOPT_USE_SSL, plain ? (long) CURLUSESSL_NONE : (long) CURLUSESSL_ALL);
  SET (CURLOPT_SSL_VERIFYPEER, 1L);
  SET (CURLOPT_SSL_VERIFYHOST, 2L);
  if (imap->ca_file != NULL)
    SET (CURLOPT_CAINFO, imap->ca_file);
  SET (CURLOPT_CONNECTTIMEOUT, timeout);
  SET (CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
  /* A transfer that moves less than a byte a second for that long stalled. */
  SET (CURLOPT_LOW_SPEED_LIMIT, 1L);
  SET (CURLOPT_LOW_SPEED_TIME, timeout);
  SET (CURLOPT_TCP_KEEPALIVE, 1L);
  SET (CURLOPT_WRITEFUNCTION, on_body);
  SET (CURLOPT_WRITEDATA, imap);
  SET (CURLOPT_HEADERFUNCTION, on_line);
  SET (CURLOPT_HEADERDATA, imap);
#undef SET
  if (code != CURLE_OK)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "imap: libcurl refused an option: %s",
                   curl_easy_strerror (code));
      return FALSE;
    }
  return TRUE;
}

XfImap *
xf_imap_connect (const XfConfig *config, GError **error)
{
  g_return_val_if_fail (config != NULL, NULL);

  g_autoptr(XfImap) imap = g_new0 (XfImap, 1);
  imap->unseen_before = g_hash_table_new (g_direct_hash, g_direct_equal);
  imap->body = g_byte_array_new ();
  imap->lines = g_ptr_array_new_with_free_func (g_free);
  if (!read_settings (imap, config, error))
    return NULL;
  imap->keep_unseen = g_strcmp0 (config->imap_after, "none") == 0;

  g_autofree char *password = xf_imap_read_password (config->imap_password_file, error);
  if (password == NULL || !ensure_curl (error))
    return NULL;
  imap->curl = curl_easy_init ();
  if (imap->curl == NULL)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_FAILED, "imap: libcurl cannot make a handle");
      return NULL;
    }
  gboolean set = set_options (imap, config, password, error);
  /* libcurl keeps its own copy. */
  explicit_bzero (password, strlen (password));
  if (!set)
    return NULL;

  /* Connect and log in, and ask what the server can do now: many servers
   * list MOVE and UIDPLUS only after the login. */
  CURLcode code = run (imap, imap->base_url, "CAPABILITY", MAX_RESPONSE_BYTES);
  if (code != CURLE_OK)
    {
      set_request_error (imap, code, "connecting", error);
      return NULL;
    }
  read_capabilities (imap);

  /* libcurl selects the mailbox of the URL before the NOOP and keeps it
   * selected for the requests that name it again. */
  g_autofree char *encoded = xf_imap_encode_mailbox (imap->mailbox);
  g_autofree char *escaped = g_uri_escape_string (encoded, NULL, FALSE);
  g_autofree char *select_url = g_strconcat (imap->base_url, escaped, NULL);
  code = run (imap, select_url, "NOOP", MAX_RESPONSE_BYTES);
  if (code == CURLE_LOGIN_DENIED)
    {
      /* What libcurl answers for a SELECT that failed. */
      const char *refusal = last_refusal (imap);
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "imap: cannot select the mailbox %s of [imap] url at %s: the server said: %s",
                   imap->mailbox, imap->host, refusal[0] != '\0' ? refusal : "NO");
      return NULL;
    }
  if (code != CURLE_OK)
    {
      set_request_error (imap, code, "selecting the mailbox", error);
      return NULL;
    }
  if (!read_uidvalidity (imap, &imap->uidvalidity))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                   "imap: %s gave no UIDVALIDITY for the mailbox %s", imap->host, imap->mailbox);
      return NULL;
    }
  /* From here libcurl checks, should it ever select again (after a lost
   * connection), that the UIDs still mean what they meant. */
  imap->mailbox_url = g_strdup_printf ("%s;UIDVALIDITY=%" G_GUINT32_FORMAT, select_url,
                                       imap->uidvalidity);
  g_debug ("imap: %s selected at %s, UIDVALIDITY %" G_GUINT32_FORMAT ", MOVE %s, UIDPLUS %s",
           imap->mailbox, imap->host, imap->uidvalidity, imap->has_move ? "yes" : "no",
           imap->has_uidplus ? "yes" : "no");
  return g_steal_pointer (&imap);
}

static gint
compare_uids (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

GArray *
xf_imap_list_uids (XfImap *imap, GError **error)
{
  g_return_val_if_fail (imap != NULL, NULL);

  if (!run_command (imap, "UID SEARCH ALL", "listing the mailbox", error))
    return NULL;

  g_autoptr(GArray) uids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_auto(GStrv) lines = body_lines (imap);
  for (char **line = lines; *line != NULL; line++)
    {
      if (g_ascii_strncasecmp (*line, "* SEARCH", 8) != 0)
        continue;
      g_auto(GStrv) words = g_strsplit (*line + 8, " ", -1);
      for (char **w = words; *w != NULL; w++)
        {
          guint32 uid;
          if (**w == '\0')
            continue;
          if (!parse_uid (*w, strlen (*w), &uid))
            {
              g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                           "imap: listing the mailbox at %s: the server sent a UID that is not one",
                           imap->host);
              return NULL;
            }
          g_array_append_val (uids, uid);
        }
    }
  g_array_sort (uids, compare_uids);
  guint kept = 0;
  for (guint i = 0; i < uids->len; i++)
    if (kept == 0 || g_array_index (uids, guint32, i) != g_array_index (uids, guint32, kept - 1))
      g_array_index (uids, guint32, kept++) = g_array_index (uids, guint32, i);
  g_array_set_size (uids, kept);
  return g_steal_pointer (&uids);
}

typedef struct {
  gboolean found;
  guint64 size;
  gboolean seen;
} MessageFacts;

/* Reads UID, RFC822.SIZE and FLAGS from the attributes of one FETCH answer,
 * "(UID 7 RFC822.SIZE 1583 FLAGS (\Seen))", in whatever order they come.
 * Returns TRUE when it is the answer for @uid. */
static gboolean
read_fetch_attributes (const char *p, guint32 uid, MessageFacts *facts)
{
  guint32 answered_uid = 0;
  guint64 size = 0;
  gboolean have_size = FALSE;
  gboolean seen = FALSE;

  if (*p++ != '(')
    return FALSE;
  while (*p != '\0' && *p != ')')
    {
      while (*p == ' ')
        p++;
      const char *name = p;
      while (*p != '\0' && *p != ' ' && *p != ')')
        p++;
      gsize name_length = (gsize) (p - name);
      while (*p == ' ')
        p++;
      const char *value = p;
      if (*p == '(')
        {
          while (*p != '\0' && *p != ')')
            p++;
          if (*p == ')')
            p++;
        }
      else
        while (*p != '\0' && *p != ' ' && *p != ')')
          p++;
      gsize value_length = (gsize) (p - value);
      g_autofree char *text = g_strndup (value, value_length);

      if (name_length == 3 && g_ascii_strncasecmp (name, "UID", 3) == 0)
        parse_uid (text, value_length, &answered_uid);
      else if (name_length == 11 && g_ascii_strncasecmp (name, "RFC822.SIZE", 11) == 0)
        have_size = g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &size, NULL);
      else if (name_length == 5 && g_ascii_strncasecmp (name, "FLAGS", 5) == 0)
        {
          g_auto(GStrv) flags = g_strsplit_set (text, "() ", -1);
          for (char **flag = flags; *flag != NULL; flag++)
            if (g_ascii_strcasecmp (*flag, "\\Seen") == 0)
              seen = TRUE;
        }
    }
  if (answered_uid != uid || !have_size)
    return FALSE;
  facts->found = TRUE;
  facts->size = size;
  facts->seen = seen;
  return TRUE;
}

/* Asks the size and flags of @uid without touching its flags. */
static gboolean
read_message_facts (XfImap *imap, guint32 uid, MessageFacts *facts, GError **error)
{
  g_autofree char *command = g_strdup_printf ("UID FETCH %" G_GUINT32_FORMAT " (UID RFC822.SIZE FLAGS)", uid);
  g_autofree char *what = g_strdup_printf ("reading the size of UID %" G_GUINT32_FORMAT, uid);

  *facts = (MessageFacts) { FALSE, 0, FALSE };
  if (!run_command (imap, command, what, error))
    return FALSE;
  g_auto(GStrv) lines = body_lines (imap);
  for (char **line = lines; *line != NULL && !facts->found; line++)
    {
      /* "* 3 FETCH (…)" */
      const char *fetch = strstr (*line, " FETCH (");
      if (g_str_has_prefix (*line, "* ") && fetch != NULL)
        read_fetch_attributes (fetch + 7, uid, facts);
    }
  return TRUE;
}

gboolean
xf_imap_answers (XfImap *imap, GError **error)
{
  g_return_val_if_fail (imap != NULL, FALSE);
  return run_command (imap, "NOOP", "checking the connection", error);
}

/* Takes \Seen off @uid again. */
static gboolean
unmark_seen (XfImap *imap, guint32 uid, GError **error)
{
  g_autofree char *command = g_strdup_printf ("UID STORE %" G_GUINT32_FORMAT " -FLAGS.SILENT (\\Seen)", uid);
  g_autofree char *what = g_strdup_printf ("marking UID %" G_GUINT32_FORMAT " unseen again", uid);

  return run_command (imap, command, what, error);
}

GBytes *
xf_imap_fetch (XfImap *imap, guint32 uid, GError **error)
{
  g_return_val_if_fail (imap != NULL, NULL);
  g_return_val_if_fail (uid > 0, NULL);

  MessageFacts facts;
  if (!read_message_facts (imap, uid, &facts, error))
    return NULL;
  if (!facts.found)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND, "imap: no message UID %" G_GUINT32_FORMAT " in %s at %s",
                   uid, imap->mailbox, imap->host);
      return NULL;
    }
  if (facts.size > imap->max_message_bytes)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "imap: message UID %" G_GUINT32_FORMAT " has %" G_GUINT64_FORMAT
                   " bytes, over [imap] max_message_bytes (%" G_GSIZE_FORMAT ")",
                   uid, facts.size, imap->max_message_bytes);
      return NULL;
    }

  /* BODY.PEEK[] as a custom request would keep \Seen off, but libcurl
   * does not hand over the literal of a custom request; the URL's fetch
   * (UID FETCH n BODY[]) does, and sets \Seen (taken off below when
   * after = none). */
  g_autofree char *url = g_strdup_printf ("%s/;UID=%" G_GUINT32_FORMAT, imap->mailbox_url, uid);
  g_autofree char *what = g_strdup_printf ("fetching UID %" G_GUINT32_FORMAT, uid);
  if (!facts.seen)
    g_hash_table_add (imap->unseen_before, GUINT_TO_POINTER (uid));
  CURLcode code = run (imap, url, NULL, imap->max_message_bytes);
  if (imap->over_limit)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "imap: message UID %" G_GUINT32_FORMAT " is larger than its RFC822.SIZE said "
                   "and over [imap] max_message_bytes (%" G_GSIZE_FORMAT ")",
                   uid, imap->max_message_bytes);
      return NULL;
    }
  if (code != CURLE_OK)
    {
      set_request_error (imap, code, what, error);
      return NULL;
    }
  g_debug ("imap: fetched UID %" G_GUINT32_FORMAT ", %u bytes", uid, imap->body->len);
  GBytes *message = g_byte_array_free_to_bytes (g_steal_pointer (&imap->body));
  imap->body = g_byte_array_new ();
  /* With after = none, the flag our fetch set goes at once, not at the
   * acknowledgement: a poll that dies before that leaves it unseen.  If
   * this fails, the acknowledgement tries again. */
  if (imap->keep_unseen && !facts.seen)
    {
      g_autoptr(GError) local = NULL;
      if (unmark_seen (imap, uid, &local))
        g_hash_table_remove (imap->unseen_before, GUINT_TO_POINTER (uid));
      else
        g_debug ("imap: %s", local->message);
    }
  return message;
}

/* Whether @quoted (a quoted mailbox name) exists, by LIST. */
static gboolean
folder_exists (XfImap *imap, const char *quoted, gboolean *exists, GError **error)
{
  g_autofree char *command = g_strdup_printf ("LIST \"\" %s", quoted);

  if (!run_command (imap, command, "looking for the folder of [imap] after", error))
    return FALSE;
  g_auto(GStrv) lines = body_lines (imap);
  *exists = FALSE;
  for (char **line = lines; *line != NULL; line++)
    if (g_ascii_strncasecmp (*line, "* LIST ", 7) == 0)
      *exists = TRUE;
  return TRUE;
}

/* Runs @command, which copies or moves into @quoted.  When the server
 * refuses it because the folder does not exist, creates the folder and
 * tries once more. */
static gboolean
run_into_folder (XfImap *imap, const char *command, const char *quoted, const char *what,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (run_command (imap, command, what, &local_error))
    return TRUE;
  /* Only a refusal can mean a missing folder; anything else is passed on. */
  const char *refusal = last_refusal (imap);
  gboolean missing = refusal[0] != '\0' && has_word (refusal, "TRYCREATE");
  if (refusal[0] != '\0' && !missing)
    {
      /* RFC 3501 6.4.7 says a server SHOULD send [TRYCREATE]; not all do. */
      gboolean exists = TRUE;
      if (folder_exists (imap, quoted, &exists, NULL))
        missing = !exists;
    }
  if (!missing)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_autofree char *create = g_strdup_printf ("CREATE %s", quoted);
  g_autoptr(GError) create_error = NULL;
  if (!run_command (imap, create, "creating the folder of [imap] after", &create_error))
    g_debug ("imap: %s", create_error->message);   /* perhaps made meanwhile: try anyway */
  else
    g_debug ("imap: created the folder of [imap] after");
  return run_command (imap, command, what, error);
}

static gboolean
move_message (XfImap *imap, guint32 uid, const char *folder, GError **error)
{
  if (!check_mailbox_name (folder, "[imap] after", error))
    return FALSE;

  g_autofree char *quoted = quote_mailbox (folder);
  gboolean use_move = imap->has_move;
  g_autofree char *transfer = g_strdup_printf ("UID %s %" G_GUINT32_FORMAT " %s",
                                               use_move ? "MOVE" : "COPY", uid, quoted);
  g_autofree char *what = g_strdup_printf ("moving UID %" G_GUINT32_FORMAT, uid);

  if (!run_into_folder (imap, transfer, quoted, what, error))
    return FALSE;
  if (use_move)
    {
      g_debug ("imap: moved UID %" G_GUINT32_FORMAT, uid);
      return TRUE;
    }

  g_autofree char *flag = g_strdup_printf ("UID STORE %" G_GUINT32_FORMAT " +FLAGS.SILENT (\\Deleted)", uid);
  if (!run_command (imap, flag, what, error))
    return FALSE;
  if (!imap->has_uidplus)
    {
      /* A plain EXPUNGE would remove every message marked \Deleted,
       * including ones staff marked and may still want back. */
      g_debug ("imap: %s has no UIDPLUS: UID %" G_GUINT32_FORMAT " copied and left marked \\Deleted, "
               "not expunged",
               imap->host, uid);
      return TRUE;
    }
  g_autofree char *expunge = g_strdup_printf ("UID EXPUNGE %" G_GUINT32_FORMAT, uid);
  if (!run_command (imap, expunge, what, error))
    return FALSE;
  g_debug ("imap: copied, deleted and expunged UID %" G_GUINT32_FORMAT, uid);
  return TRUE;
}

gboolean
xf_imap_after (XfImap *imap, guint32 uid, const char *action, GError **error)
{
  g_return_val_if_fail (imap != NULL, FALSE);
  g_return_val_if_fail (uid > 0, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (g_str_equal (action, "seen"))
    {
      g_autofree char *command = g_strdup_printf ("UID STORE %" G_GUINT32_FORMAT " +FLAGS.SILENT (\\Seen)", uid);
      g_autofree char *what = g_strdup_printf ("marking UID %" G_GUINT32_FORMAT " seen", uid);
      return run_command (imap, command, what, error);
    }
  if (g_str_equal (action, "none"))
    {
      if (!g_hash_table_contains (imap->unseen_before, GUINT_TO_POINTER (uid)))
        {
          g_debug ("imap: UID %" G_GUINT32_FORMAT " was seen before the fetch (or not fetched here): left as it is",
                   uid);
          return TRUE;
        }
      if (!unmark_seen (imap, uid, error))
        return FALSE;
      g_hash_table_remove (imap->unseen_before, GUINT_TO_POINTER (uid));
      return TRUE;
    }
  if (g_str_has_prefix (action, "move:"))
    return move_message (imap, uid, action + 5, error);

  g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "imap: [imap] after: '%s' is not seen, none or move:FOLDER",
               action);
  return FALSE;
}
