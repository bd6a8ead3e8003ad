/* Intake: what came in, and what it is.  Sniffs a raw item's type from its
 * content, decodes text in the charsets petition mail really uses, and walks
 * a MIME message into its text and attachments.  The IMAP client that
 * takes mail in is declared in intake/imap.h, included here. */
#pragma once

#include <glib.h>

#include "intake/imap.h"

G_BEGIN_DECLS

typedef enum {
  XF_MEDIA_UNKNOWN = 0,
  XF_MEDIA_PNG,
  XF_MEDIA_JPEG,
  XF_MEDIA_TIFF,
  XF_MEDIA_PDF,
  XF_MEDIA_EMAIL,
  XF_MEDIA_TEXT,
} XfMediaType;

/* The type of @data judged from its content alone, never a file name.
 * Plain text means valid UTF-8 or GB18030 without binary control bytes. */
XfMediaType xf_intake_sniff (const guint8 *data, gsize length);

/* "png", "jpeg", "tiff", "pdf", "email", "text" or "unknown" (static). */
const char *xf_media_type_name (XfMediaType type);

/* Decodes @data to UTF-8.  @declared_charset may be NULL.  Declared GB2312
 * and GBK (and their aliases) are read as GB18030, their superset; then the
 * declared charset, UTF-8, GB18030 and Big5 are tried in that order.
 * Returns a new string (g_free) or NULL with XF_ERROR_INVALID_INPUT, or
 * XF_ERROR_LIMIT for input over 64 MiB. */
char *xf_intake_decode_text (const guint8 *data, gsize length,
                             const char *declared_charset, GError **error);

typedef struct {
  gsize max_bytes;     /* whole message */
  guint max_parts;     /* MIME parts walked */
  guint max_depth;     /* multipart / message nesting */
} XfMailLimits;

typedef struct {
  char *filename;      /* UTF-8, may be NULL */
  char *content_type;  /* "image/tiff", lower case */
  GBytes *data;        /* transfer-decoded bytes */
} XfAttachment;

typedef struct {
  char *subject;       /* UTF-8, may be NULL */
  char *from;          /* UTF-8 address list as written, may be NULL */
  char *message_id;    /* without <>, may be NULL */
  char *text;          /* UTF-8 body text, never NULL (may be "") */
  GPtrArray *attachments; /* XfAttachment*, owns them */
  GPtrArray *undecoded;   /* char*: "NAME: why" of each attachment whose
                             transfer encoding could not be undone */
} XfMail;

/* Parses a whole RFC 5322 message: text/plain preferred, HTML turned into
 * text otherwise; image, TIFF and PDF parts returned as attachments.
 * Returns a new XfMail (xf_mail_free) or NULL with @error set. */
XfMail *xf_intake_parse_mail (const guint8 *data, gsize length,
                              const XfMailLimits *limits, GError **error);

void xf_mail_free (XfMail *mail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfMail, xf_mail_free)

G_END_DECLS
