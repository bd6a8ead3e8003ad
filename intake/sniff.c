/* Content sniffing: what a raw item is, judged from its bytes and never from
 * a file name, so a mis-named scan or a mail saved as .txt still goes the
 * right way.  Header fields follow RFC 5322 section 2.2; GB18030 structure
 * follows GB 18030-2005. */
#define G_LOG_DOMAIN "xf-intake"

#include "intake/intake.h"
#include "intake/intake-private.h"

#include <string.h>

/* How far into the data a PDF header or a mail's header block is looked
 * for.  Acrobat accepts "%PDF-" anywhere in the first 1024 bytes. */
#define PDF_WINDOW 1024
#define MAIL_WINDOW (64 * 1024)

/* Fields nearly every real message carries; two lines of "Key: value" alone
 * are too common in plain letters to call something mail. */
static const char *const mail_fields[] = {
  "from", "to", "subject", "date", "message-id", "received",
  "mime-version", "content-type", "return-path", "delivered-to",
};

static gboolean
has_prefix (const guint8 *data, gsize length, const char *prefix, gsize prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

static gboolean
find_bytes (const guint8 *data, gsize length, const char *needle, gsize needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* The end of the line starting at @start: the offset of its '\n', or
 * @length when the line runs to the end. */
static gsize
line_end (const guint8 *data, gsize length, gsize start)
{
  const guint8 *newline = memchr (data + start, '\n', length - start);

  return newline != NULL ? (gsize) (newline - data) : length;
}

static gboolean
is_blank_line (const guint8 *data, gsize start, gsize end)
{
  for (gsize i = start; i < end; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r')
      return FALSE;
  return TRUE;
}

/* The length of the field name when the line is "name WSP* :", else 0.
 * RFC 5322 ftext is printable ASCII without ':'; obsolete syntax allows
 * white space before the colon. */
static gsize
field_name_length (const guint8 *data, gsize start, gsize end)
{
  gsize i = start;

  while (i < end && data[i] > 32 && data[i] < 127 && data[i] != ':')
    i++;
  gsize name_length = i - start;
  while (i < end && (data[i] == ' ' || data[i] == '\t'))
    i++;
  if (name_length == 0 || i >= end || data[i] != ':')
    return 0;
  return name_length;
}

gsize
xf_intake_find_header_start (const guint8 *data, gsize length)
{
  gsize start = 0;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  if (has_prefix (data, length, "\xEF\xBB\xBF", 3))
    start = 3;
  while (start < length)
    {
      gsize end = line_end (data, length, start);
      if (!is_blank_line (data, start, end))
        break;
      start = end < length ? end + 1 : length;
    }
  /* Some gateways indent the first field; it cannot be a continuation. */
  while (start < length && (data[start] == ' ' || data[start] == '\t'))
    start++;
  /* An mbox separator ("From alice@example.com Mon Jan  1 ...") rather
   * than a "From:" field: the colon is not right after the name. */
  if (has_prefix (data + start, length - start, "From ", 5))
    {
      gsize end = line_end (data, length, start);
      if (field_name_length (data, start, end) == 0)
        start = end < length ? end + 1 : length;
    }
  return start;
}

static gboolean
looks_like_mail (const guint8 *data, gsize length)
{
  gsize window = MIN (length, (gsize) MAIL_WINDOW);
  gsize start = xf_intake_find_header_start (data, window);
  guint fields = 0;
  guint known_fields = 0;
  guint bad_lines = 0;

  while (start < window)
    {
      gsize end = line_end (data, window, start);

      if (is_blank_line (data, start, end))
        break;                  /* the end of the header block */
      if (data[start] == ' ' || data[start] == '\t')
        {
          /* A folded continuation belongs to a field before it. */
          if (fields == 0)
            return FALSE;
        }
      else
        {
          gsize name_length = field_name_length (data, start, end);
          if (name_length == 0)
            {
              /* Parsers skip the odd junk line among the headers; a
               * letter that opens with "Key: value" lines has many. */
              if (fields == 0)
                return FALSE;
              bad_lines++;
            }
          else
            fields++;
          for (gsize i = 0; name_length > 0 && i < G_N_ELEMENTS (mail_fields); i++)
            if (strlen (mail_fields[i]) == name_length
                && g_ascii_strncasecmp ((const char *) data + start, mail_fields[i],
                                        name_length) == 0)
              {
                known_fields++;
                break;
              }
        }
      start = end < window ? end + 1 : window;
    }
  return fields >= 2 && known_fields >= 1 && bad_lines * 4 <= fields;
}

/* Structural GB18030: one byte 00-7F; two bytes 81-FE then 40-7E or
 * 80-FE; four bytes 81-FE 30-39 81-FE 30-39 within the ranges that map to
 * Unicode (81308130-8431A439 for the BMP, 90308130-E3329A35 above it). */
static gboolean
check_gb18030 (const guint8 *data, gsize length)
{
  gsize i = 0;

  while (i < length)
    {
      guint8 b1 = data[i];

      if (b1 < 0x80)
        {
          i++;
          continue;
        }
      if (b1 == 0x80 || b1 == 0xFF || i + 1 >= length)
        return FALSE;
      guint8 b2 = data[i + 1];
      if ((b2 >= 0x40 && b2 <= 0x7E) || (b2 >= 0x80 && b2 <= 0xFE))
        {
          i += 2;
          continue;
        }
      if (b2 < 0x30 || b2 > 0x39 || i + 3 >= length)
        return FALSE;
      guint8 b3 = data[i + 2];
      guint8 b4 = data[i + 3];
      if (b3 < 0x81 || b3 > 0xFE || b4 < 0x30 || b4 > 0x39)
        return FALSE;
      guint32 linear = (((guint32) (b1 - 0x81) * 10 + (b2 - 0x30)) * 126
                        + (b3 - 0x81)) * 10 + (b4 - 0x30);
      /* 0x8431A439 is linear 39419; 0x90308130 is linear 189000, and the
       * supplementary planes take 0x100000 code points from there. */
      gboolean bmp = b1 <= 0x84 && linear <= 39419;
      gboolean supplementary = b1 >= 0x90 && linear >= 189000
                               && linear - 189000 < 0x100000;
      if (!bmp && !supplementary)
        return FALSE;
      i += 4;
    }
  return TRUE;
}

gboolean
xf_intake_check_text (const guint8 *data, gsize length)
{
  gsize controls = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length == 0 || memchr (data, '\0', length) != NULL)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
        controls++;
    }
  /* A stray control byte (a DOS end-of-file ^Z, an ESC pasted from a
   * terminal) does not stop a letter being a letter; binary data has them
   * on every few dozen bytes. */
  if (controls > 1 + length / 1000)
    return FALSE;

  const guint8 *text = data;
  gsize text_length = length;
  if (has_prefix (data, length, "\xEF\xBB\xBF", 3))
    {
      text += 3;
      text_length -= 3;
    }
  if (g_utf8_validate_len ((const char *) text, text_length, NULL))
    return TRUE;
  return check_gb18030 (data, length);
}

XfMediaType
xf_intake_sniff (const guint8 *data, gsize length)
{
  g_return_val_if_fail (data != NULL || length == 0, XF_MEDIA_UNKNOWN);

  if (length == 0)
    return XF_MEDIA_UNKNOWN;
  if (has_prefix (data, length, "\x89PNG\r\n\x1A\n", 8))
    return XF_MEDIA_PNG;
  if (has_prefix (data, length, "\xFF\xD8\xFF", 3))
    return XF_MEDIA_JPEG;
  if (has_prefix (data, length, "II*\0", 4) || has_prefix (data, length, "MM\0*", 4))
    return XF_MEDIA_TIFF;
  if (find_bytes (data, MIN (length, (gsize) PDF_WINDOW), "%PDF-", 5))
    return XF_MEDIA_PDF;
  if (looks_like_mail (data, length))
    return XF_MEDIA_EMAIL;
  if (xf_intake_check_text (data, length))
    return XF_MEDIA_TEXT;
  return XF_MEDIA_UNKNOWN;
}

const char *
xf_media_type_name (XfMediaType type)
{
  switch (type)
    {
    case XF_MEDIA_PNG:
      return "png";
    case XF_MEDIA_JPEG:
      return "jpeg";
    case XF_MEDIA_TIFF:
      return "tiff";
    case XF_MEDIA_PDF:
      return "pdf";
    case XF_MEDIA_EMAIL:
      return "email";
    case XF_MEDIA_TEXT:
      return "text";
    case XF_MEDIA_UNKNOWN:
    default:
      return "unknown";
    }
}
