/* What the intake files share among themselves and with their tests: the
 * plain-text test that sniffing and decoding agree on, where a message's
 * header block starts, the HTML-to-text reduction used for mail bodies and
 * the RFC 2047 header decoder, and the IMAP client's mailbox-name encoder
 * and test seam. */
#pragma once

#include <glib.h>

#include "intake/imap.h"

G_BEGIN_DECLS

/* The most bytes xf_intake_decode_text() converts; larger input is
 * XF_ERROR_LIMIT.  No petition text comes anywhere near it. */
#define XF_INTAKE_MAX_TEXT_BYTES ((gsize) 64 * 1024 * 1024)

/* The most bytes of one header value xf_intake_decode_header() reads; the
 * rest is ignored.  A folded subject of a thousand characters is 10 KiB. */
#define XF_INTAKE_MAX_HEADER_BYTES ((gsize) 64 * 1024)

/* Loads the iconv converters of the charsets mail mostly comes in once, for
 * the life of the process, instead of once per conversion (intake/text.c
 * says why).  Cheap after the first call; safe from any thread. */
void xf_intake_keep_converters_loaded (void);

/* TRUE when all of @data is valid UTF-8 (a leading BOM allowed) or valid
 * GB18030, holds no NUL and almost no control bytes other than tab, line
 * feed, carriage return and form feed.  Empty data is not text. */
gboolean xf_intake_check_text (const guint8 *data, gsize length);

/* @data read in @declared_charset alone, mapped as xf_intake_decode_text()
 * maps labels but with no guessing after it.  Returns a new string
 * (g_free), or NULL when the charset is unknown or NULL, a byte does not
 * convert, or @data is over XF_INTAKE_MAX_TEXT_BYTES. */
char *xf_intake_decode_declared (const guint8 *data, gsize length, const char *declared_charset);

/* The offset of the first header line in @data, past what a mail may
 * carry in front of its headers: a UTF-8 BOM, blank lines, indentation and
 * an mbox "From " line.  Returns @length when nothing is left. */
gsize xf_intake_find_header_start (const guint8 *data, gsize length);

/* How many MIME parts the multiparts of message @data open, counted from
 * their delimiter lines before any parsing: a line of "--" and a boundary
 * that a boundary= parameter somewhere in the message declares (trailing
 * blanks allowed; the closing "--boundary--" does not count).  When a
 * boundary parameter is not understood (RFC 2231 pieces, empty, over 200
 * characters), every line starting "--" counts.  Stops counting past
 * @stop_after; more than @stop_after boundaries declared count as
 * @stop_after + 1. */
gsize xf_intake_count_delimiters (const guint8 *data, gsize length, gsize stop_after);

/* The readable text of @html (UTF-8): script, style and title dropped, tags
 * removed, line-breaking elements turned into newlines, entities decoded,
 * runs of blank lines collapsed.  Returns a new string (g_free). */
char *xf_intake_convert_html (const char *html);

/* The charset an HTML document names in a <meta> tag within its first
 * bytes, or NULL.  Returns a new string (g_free). */
char *xf_intake_find_html_charset (const guint8 *html, gsize length);

/* The text of the unstructured header value @raw (as it stands in the
 * message, folded or not) in UTF-8: RFC 2047 encoded words decoded, blanks
 * between adjacent words dropped, and the bytes of adjacent words in one
 * charset joined before conversion, since a character may be split across
 * them.  Raw text that is not UTF-8 is read as @fallback_charset (may be
 * NULL), then as xf_intake_decode_text() guesses.  Malformed or
 * unconvertible words stay as written.  Only the first
 * XF_INTAKE_MAX_HEADER_BYTES are read; leading and trailing blanks are
 * dropped.  Returns a new string (g_free), never NULL. */
char *xf_intake_decode_header (const char *raw, const char *fallback_charset);

/* Like xf_intake_decode_header() for an address header (From, To): each
 * decoded run of words is written as a quoted string, or escaped when it
 * sits inside quotes or a comment, so that an address parser reads it as
 * the display name it encodes even when that holds commas or brackets.
 * Returns a new string (g_free), never NULL. */
char *xf_intake_decode_address_header (const char *raw, const char *fallback_charset);

/* @name (UTF-8) as an IMAP mailbox name: modified UTF-7 (RFC 3501
 * 5.1.3), "&" written "&-", other characters than printable ASCII in
 * runs of modified base64 of UTF-16.  Returns a new string (g_free), or
 * NULL when @name is not UTF-8. */
char *xf_imap_encode_mailbox (const char *name);

/* A test seam: the session acts as if the server had not advertised
 * capability @name ("MOVE" or "UIDPLUS"; others are ignored), so tests
 * reach the fallbacks of xf_imap_after() on a server that has both. */
void xf_imap_forget_capability (XfImap *imap, const char *name);

G_END_DECLS
