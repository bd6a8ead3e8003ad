/* Mail reading: one RFC 5322 message (with MIME, RFC 2045-2049) walked into
 * its readable text and the images and PDFs worth reading by OCR.  GMime
 * parses; the walk is ours, so nesting and part counts stay under limits
 * and broken Chinese mail (raw 8-bit headers, wrong charset labels) reads. */
#define G_LOG_DOMAIN "xf-intake"

#include <gmime/gmime.h>

#include "common/common.h"
#include "intake/intake.h"
#include "intake/intake-private.h"

#include <string.h>

#define FORWARD_SEPARATOR "---------- 转发的邮件 ----------"

/* How many first children are followed looking for the body's charset. */
#define CHARSET_SEARCH_DEPTH 8

typedef struct {
  const XfMailLimits *limits;
  GMimeParserOptions *options;
  guint parts;             /* MIME objects visited so far */
  GPtrArray *attachments;  /* XfAttachment*, the mail's own array */
  GPtrArray *undecoded;    /* the mail's own array */
} Walk;

static gboolean walk_object (Walk *walk, GMimeObject *object, guint depth, GString *text,
                             GError **error);

static gpointer
init_gmime (gpointer data G_GNUC_UNUSED)
{
  g_mime_init ();
  /* GMime converts header and body text with iconv too. */
  xf_intake_keep_converters_loaded ();
  return NULL;
}

/* GMime keeps process-wide tables (charset map, type registry); they are
 * set up once and, for a library that cannot know its last caller, never
 * torn down. */
static void
ensure_gmime (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gmime, NULL);
}

static void
log_parser_warning (gint64 offset, GMimeParserWarning code, const gchar *item G_GNUC_UNUSED,
                    gpointer user_data G_GNUC_UNUSED)
{
  /* The item is a piece of the letter: it stays out of the log. */
  g_debug ("mime parser warning %d at offset %" G_GINT64_FORMAT, (int) code, offset);
}

static GMimeParserOptions *
new_parser_options (void)
{
  /* For raw 8-bit header bytes (Tencent and Outlook Express send them):
   * GB18030 reads GB2312 and GBK too. */
  static const char *fallback_charsets[] = { "utf-8", "gb18030", "big5", NULL };
  GMimeParserOptions *options = g_mime_parser_options_new ();

  g_mime_parser_options_set_fallback_charsets (options, fallback_charsets);
  g_mime_parser_options_set_rfc2047_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_warning_callback (options, log_parser_warning, NULL);
  return options;
}

/* @text as valid UTF-8, with invalid bytes replaced.  Returns a new string
 * (g_free), NULL for NULL. */
static char *
dup_utf8 (const char *text)
{
  if (text == NULL)
    return NULL;
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  return g_utf8_make_valid (text, -1);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Adds one part's text, a blank line apart from the text before it. */
static void
append_piece (GString *text, const char *piece)
{
  while (*piece == '\n')
    piece++;
  gsize length = strlen (piece);
  while (length > 0 && g_ascii_isspace (piece[length - 1]))
    length--;
  if (length == 0)
    return;
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append_len (text, piece, (gssize) length);
}

/* The charset of the body, found on the top-level part or down its chain
 * of first children, or NULL. */
static const char *
find_body_charset (GMimeObject *object)
{
  for (guint i = 0; object != NULL && i < CHARSET_SEARCH_DEPTH; i++)
    {
      const char *charset = g_mime_object_get_content_type_parameter (object, "charset");
      if (charset != NULL)
        return charset;
      if (!GMIME_IS_MULTIPART (object)
          || g_mime_multipart_get_count (GMIME_MULTIPART (object)) < 1)
        return NULL;
      object = g_mime_multipart_get_part (GMIME_MULTIPART (object), 0);
    }
  return NULL;
}

/* The value of header @name as it stands in the message (folded, not
 * decoded), or NULL.  Decoding is ours: see intake/rfc2047.c for why
 * GMime's is not used.  Of repeated headers the last is taken, as GMime's
 * own accessors do. */
static const char *
get_raw_header (GMimeObject *object, const char *name)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (object);
  int count = headers != NULL ? g_mime_header_list_get_count (headers) : 0;

  for (int i = count - 1; i >= 0; i--)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      if (g_ascii_strcasecmp (g_mime_header_get_name (header), name) == 0)
        return g_mime_header_get_raw_value (header);
    }
  return NULL;
}

/* Raw 8-bit header text is read with the body's charset first: a sender
 * who writes raw Big5 headers labels the body Big5, while a guess would
 * read the bytes as GB18030, which nearly all Big5 byte pairs also are. */
static char *
get_subject (GMimeMessage *message, const char *body_charset)
{
  const char *raw = get_raw_header (GMIME_OBJECT (message), "Subject");

  return raw != NULL ? xf_intake_decode_header (raw, body_charset) : NULL;
}

/* The From addresses as "name <address>", display names decoded by us and
 * the address syntax parsed by GMime; the decoded text itself when it holds
 * no address GMime can read. */
static char *
get_from (GMimeMessage *message, GMimeParserOptions *options, const char *body_charset)
{
  const char *raw = get_raw_header (GMIME_OBJECT (message), "From");

  if (raw == NULL)
    return NULL;
  g_autofree char *decoded = xf_intake_decode_address_header (raw, body_charset);
  InternetAddressList *list = internet_address_list_parse (options, decoded);
  g_autofree char *from = NULL;
  if (list != NULL)
    {
      from = internet_address_list_to_string (list, NULL, FALSE);
      g_object_unref (list);
    }
  if (from != NULL && from[0] != '\0')
    return dup_utf8 (from);
  /* Without the quotes that were only there for the address parser. */
  g_autofree char *text = xf_intake_decode_header (raw, body_charset);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

typedef enum {
  PARAMETER_ABSENT,
  PARAMETER_EXTENDED,  /* RFC 2231 "name*=" or "name*0=" */
  PARAMETER_PLAIN,     /* name=value */
} ParameterForm;

/* The first ';' at or after @p outside a quoted string, or the end. */
static const char *
skip_to_semicolon (const char *p)
{
  gboolean quoted = FALSE;

  for (; *p != '\0'; p++)
    {
      if (quoted && *p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '"')
        quoted = !quoted;
      else if (*p == ';' && !quoted)
        break;
    }
  return p;
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  return p;
}

/* How the raw header value @raw (a Content-Type or Content-Disposition)
 * gives parameter @name.  For PARAMETER_PLAIN, *@value is set to the value
 * without quotes or escapes (g_free). */
static ParameterForm
find_raw_parameter (const char *raw, const char *name, char **value)
{
  gsize name_length = strlen (name);
  ParameterForm form = PARAMETER_ABSENT;

  for (const char *p = skip_to_semicolon (raw); *p == ';';)
    {
      p = skip_blanks (p + 1);
      const char *attribute = p;
      while (*p != '\0' && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
        p++;
      gsize attribute_length = (gsize) (p - attribute);
      p = skip_blanks (p);
      if (*p != '=' || attribute_length < name_length
          || g_ascii_strncasecmp (attribute, name, name_length) != 0)
        {
          p = skip_to_semicolon (p);
          continue;
        }
      if (attribute_length > name_length)
        {
          if (attribute[name_length] == '*')
            form = PARAMETER_EXTENDED;
          p = skip_to_semicolon (p);
          continue;
        }
      p = skip_blanks (p + 1);
      g_autoptr(GString) text = g_string_new (NULL);
      if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (text, *p);
            }
        }
      else
        {
          /* Unquoted encoded words with blanks between them are common
           * enough to read the value up to the ';'. */
          const char *end = skip_to_semicolon (p);
          g_string_append_len (text, p, (gssize) (end - p));
        }
      if (form == PARAMETER_ABSENT)
        {
          *value = g_string_free (g_steal_pointer (&text), FALSE);
          form = PARAMETER_PLAIN;
        }
      p = skip_to_semicolon (p);
    }
  if (form != PARAMETER_PLAIN)
    g_clear_pointer (value, g_free);
  return form;
}

/* The part's file name in UTF-8, or NULL.  GMime decodes RFC 2231 names
 * well, but a name in RFC 2047 words goes through its decoder, which loses
 * all after a padded word, ".pdf" included; those are decoded by us. */
static char *
get_filename (GMimePart *part)
{
  GMimeObject *object = GMIME_OBJECT (part);
  const char *disposition = get_raw_header (object, "Content-Disposition");
  const char *content_type = get_raw_header (object, "Content-Type");
  g_autofree char *raw = NULL;
  ParameterForm form = PARAMETER_ABSENT;

  if (disposition != NULL)
    form = find_raw_parameter (disposition, "filename", &raw);
  if (form == PARAMETER_ABSENT && content_type != NULL)
    form = find_raw_parameter (content_type, "name", &raw);
  if (form == PARAMETER_PLAIN && strstr (raw, "=?") != NULL)
    return xf_intake_decode_header (raw, NULL);
  return dup_utf8 (g_mime_part_get_filename (part));
}

static void
attachment_free (gpointer data)
{
  XfAttachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

void
xf_mail_free (XfMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->subject);
  g_free (mail->from);
  g_free (mail->message_id);
  g_free (mail->text);
  g_clear_pointer (&mail->attachments, g_ptr_array_unref);
  g_clear_pointer (&mail->undecoded, g_ptr_array_unref);
  g_free (mail);
}

/* The transfer-decoded content of @part (base64, quoted-printable and
 * uuencode undone), or NULL with @error set.  Decoding never makes data
 * larger, so the message size limit bounds it.  Returns a new GBytes. */
static GBytes *
decode_content (GMimePart *part, GError **error)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);

  if (content == NULL)
    return g_bytes_new (NULL, 0);

  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  if (g_mime_data_wrapper_write_to_stream (content, stream) < 0)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "a MIME part's content cannot be decoded");
      return NULL;
    }
  /* Take the stream's buffer instead of copying it. */
  GMimeStreamMem *memory = GMIME_STREAM_MEM (stream);
  GByteArray *array = g_mime_stream_mem_get_byte_array (memory);
  g_mime_stream_mem_set_owner (memory, FALSE);
  return g_byte_array_free_to_bytes (array);
}

static gboolean
has_suffix_nocase (const char *name, const char *suffix)
{
  gsize name_length = strlen (name);
  gsize suffix_length = strlen (suffix);

  return name_length >= suffix_length
         && g_ascii_strcasecmp (name + name_length - suffix_length, suffix) == 0;
}

/* The content type under which a part is kept as an attachment, or NULL
 * when it is not one worth reading.  Generic octet-streams are taken by
 * their file name, since many mailers label every attachment that way.
 * Returns a new lower-case string (g_free). */
static char *
attachment_type (const char *type, const char *subtype, const char *filename)
{
  if (g_ascii_strcasecmp (type, "image") == 0)
    {
      g_autofree char *name = g_strconcat (type, "/", subtype, NULL);
      return g_ascii_strdown (name, -1);
    }
  if (g_ascii_strcasecmp (type, "application") != 0)
    return NULL;
  if (g_ascii_strcasecmp (subtype, "pdf") == 0 || g_ascii_strcasecmp (subtype, "x-pdf") == 0)
    return g_strdup ("application/pdf");
  if (g_ascii_strcasecmp (subtype, "octet-stream") != 0 || filename == NULL)
    return NULL;
  if (has_suffix_nocase (filename, ".pdf"))
    return g_strdup ("application/pdf");
  if (has_suffix_nocase (filename, ".tif") || has_suffix_nocase (filename, ".tiff"))
    return g_strdup ("image/tiff");
  if (has_suffix_nocase (filename, ".png"))
    return g_strdup ("image/png");
  if (has_suffix_nocase (filename, ".jpg") || has_suffix_nocase (filename, ".jpeg"))
    return g_strdup ("image/jpeg");
  return NULL;
}

static void
walk_text_part (GMimePart *part, gboolean html, GString *text)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) content = decode_content (part, &local_error);

  if (content == NULL)
    {
      g_debug ("text part skipped: %s", local_error->message);
      return;
    }
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (content, &length);
  const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part), "charset");
  g_autofree char *meta_charset = html ? xf_intake_find_html_charset (data, length) : NULL;

  g_autofree char *decoded = xf_intake_decode_text (data, length, charset != NULL ? charset : meta_charset,
                                                    &local_error);
  /* A garbled charset parameter ("windows-1252http-equivContent-Type")
   * is no reason to ignore a good <meta> one. */
  if (decoded == NULL && charset != NULL && meta_charset != NULL)
    {
      g_clear_error (&local_error);
      decoded = xf_intake_decode_text (data, length, meta_charset, &local_error);
    }
  if (decoded == NULL)
    {
      g_debug ("text part skipped: %s", local_error->message);
      return;
    }
  if (html)
    {
      g_autofree char *plain = xf_intake_convert_html (decoded);
      append_piece (text, plain);
    }
  else
    append_piece (text, decoded);
}

static void
walk_leaf (Walk *walk, GMimePart *part, GString *text)
{
  GMimeContentType *content_type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  const char *type = content_type != NULL ? g_mime_content_type_get_media_type (content_type) : NULL;
  const char *subtype = content_type != NULL ? g_mime_content_type_get_media_subtype (content_type) : NULL;

  /* GMime reads a part without a Content-Type as text/plain already. */
  if (type == NULL || subtype == NULL)
    return;

  if (g_ascii_strcasecmp (type, "text") == 0)
    {
      gboolean plain = g_ascii_strcasecmp (subtype, "plain") == 0;
      gboolean html = g_ascii_strcasecmp (subtype, "html") == 0;
      if ((plain || html) && !g_mime_part_is_attachment (part))
        walk_text_part (part, html, text);
      return;
    }

  g_autofree char *filename = get_filename (part);
  g_autofree char *kept_type = attachment_type (type, subtype, filename);
  if (kept_type == NULL)
    return;

  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) content = decode_content (part, &local_error);
  if (content == NULL)
    {
      /* Kept in the raw message; the reader says what was not read. */
      g_ptr_array_add (walk->undecoded,
                       g_strdup_printf ("%s: %s", filename != NULL ? filename : "(unnamed)",
                                        local_error->message));
      return;
    }
  XfAttachment *attachment = g_new0 (XfAttachment, 1);
  attachment->filename = g_steal_pointer (&filename);
  attachment->content_type = g_steal_pointer (&kept_type);
  attachment->data = g_steal_pointer (&content);
  g_ptr_array_add (walk->attachments, attachment);
}

/* A multipart without parts (no boundary parameter, or boundaries that do
 * not match) leaves the whole body in its prologue; that is the only place
 * the letter is then, so it is read as text rather than lost. */
static void
walk_prologue (GMimeMultipart *multipart, GString *text)
{
  const char *prologue = g_mime_multipart_get_prologue (multipart);

  if (prologue == NULL || is_blank (prologue))
    return;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *decoded = xf_intake_decode_text ((const guint8 *) prologue, strlen (prologue),
                                                    NULL, &local_error);
  if (decoded == NULL)
    {
      g_debug ("multipart prologue skipped: %s", local_error->message);
      return;
    }
  append_piece (text, decoded);
}

/* multipart/alternative holds one text several ways: the plain one is
 * read, HTML only when there is no usable plain text.  Every branch is
 * still walked, because images may sit in any of them (Apple Mail puts a
 * pasted scan inside the HTML branch's multipart/related). */
static gboolean
walk_alternative (Walk *walk, GMimeMultipart *multipart, guint depth, GString *text,
                  GError **error)
{
  int count = g_mime_multipart_get_count (multipart);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  int chosen = -1;

  for (int i = 0; i < count; i++)
    {
      GMimeObject *child = g_mime_multipart_get_part (multipart, i);
      GString *child_text = g_string_new (NULL);
      if (!walk_object (walk, child, depth + 1, child_text, error))
        {
          g_string_free (child_text, TRUE);
          return FALSE;
        }
      g_ptr_array_add (texts, g_string_free (child_text, FALSE));
    }

  static const char *const preferred[] = { "plain", "html" };
  for (gsize p = 0; p < G_N_ELEMENTS (preferred) && chosen < 0; p++)
    for (int i = 0; i < count && chosen < 0; i++)
      {
        GMimeContentType *content_type
          = g_mime_object_get_content_type (g_mime_multipart_get_part (multipart, i));
        if (content_type != NULL && g_mime_content_type_is_type (content_type, "text", preferred[p])
            && !is_blank (g_ptr_array_index (texts, i)))
          chosen = i;
      }
  /* Neither: a nested multipart (related, mixed) carries the text. */
  for (int i = 0; i < count && chosen < 0; i++)
    if (!is_blank (g_ptr_array_index (texts, i)))
      chosen = i;

  if (chosen >= 0)
    append_piece (text, g_ptr_array_index (texts, chosen));
  return TRUE;
}

/* A forwarded or attached message: its text follows a separator line and
 * its subject, as mail clients show a forward. */
static gboolean
walk_message_part (Walk *walk, GMimeMessagePart *message_part, guint depth, GString *text,
                   GError **error)
{
  GMimeMessage *message = g_mime_message_part_get_message (message_part);

  if (message == NULL)
    return TRUE;

  GMimeObject *body = g_mime_message_get_mime_part (message);
  const char *body_charset = body != NULL ? find_body_charset (body) : NULL;
  g_autofree char *subject = get_subject (message, body_charset);
  g_autofree char *from = get_from (message, walk->options, body_charset);
  g_autoptr(GString) piece = g_string_new (FORWARD_SEPARATOR "\n");
  if (from != NULL)
    g_string_append_printf (piece, "发件人: %s\n", from);
  if (subject != NULL)
    g_string_append_printf (piece, "主题: %s\n", subject);

  g_autoptr(GString) inner_text = g_string_new (NULL);
  if (body != NULL && !walk_object (walk, body, depth + 1, inner_text, error))
    return FALSE;
  if (inner_text->len > 0)
    {
      g_string_append_c (piece, '\n');
      g_string_append_len (piece, inner_text->str, (gssize) inner_text->len);
    }
  append_piece (text, piece->str);
  return TRUE;
}

static gboolean
walk_object (Walk *walk, GMimeObject *object, guint depth, GString *text, GError **error)
{
  if (depth > walk->limits->max_depth)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "MIME parts nest deeper than the limit of %u", walk->limits->max_depth);
      return FALSE;
    }
  if (walk->parts >= walk->limits->max_parts)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "message has more MIME parts than the limit of %u", walk->limits->max_parts);
      return FALSE;
    }
  walk->parts++;

  if (GMIME_IS_MESSAGE_PART (object))
    return walk_message_part (walk, GMIME_MESSAGE_PART (object), depth, text, error);

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      GMimeContentType *content_type = g_mime_object_get_content_type (object);
      if (content_type != NULL && g_mime_content_type_is_type (content_type, "multipart", "alternative"))
        return walk_alternative (walk, multipart, depth, text, error);

      int count = g_mime_multipart_get_count (multipart);
      if (count == 0)
        walk_prologue (multipart, text);
      for (int i = 0; i < count; i++)
        if (!walk_object (walk, g_mime_multipart_get_part (multipart, i), depth + 1, text, error))
          return FALSE;
      return TRUE;
    }

  if (GMIME_IS_PART (object))
    walk_leaf (walk, GMIME_PART (object), text);
  return TRUE;
}

/* The value of the boundary parameter at @p (after "boundary="), quoted or
 * not, or NULL when it is empty or longer than RFC 2046's 70 characters
 * allow (with room for broken mailers): the caller then counts every line
 * that may be a delimiter. */
static char *
boundary_value (const guint8 *p, const guint8 *end)
{
  const guint8 *from = p, *to;

  if (p < end && *p == '"')
    {
      from = ++p;
      while (p < end && *p != '"' && *p != '\r' && *p != '\n')
        p++;
    }
  else
    while (p < end && *p != ';' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
      p++;
  to = p;
  if (to == from || to - from > 200)
    return NULL;
  return g_strndup ((const char *) from, (gsize) (to - from));
}

/* How many lines of @data start with "--", stopping at @stop: a bound on
 * the delimiters, every one of which is such a line, found far faster than
 * the delimiters themselves.  It looks for "-" (memchr), which base64
 * bodies never hold. */
static gsize
count_dash_lines (const guint8 *data, gsize length, gsize stop)
{
  const guint8 *end = data + length;
  gsize count = 0;

  for (const guint8 *at = data;
       count < stop && (at = memchr (at, '-', (gsize) (end - at))) != NULL; at++)
    if (at + 1 < end && at[1] == '-' && (at == data || at[-1] == '\n'))
      {
        count++;
        at++;
      }
  return count;
}

/* GMime builds every part before the walk counts them, and "--b" and a
 * blank line make a part in five bytes: a 64 MiB message could hold
 * thirteen million. */
gsize
xf_intake_count_delimiters (const guint8 *data, gsize length, gsize stop_after)
{
  static const char key[] = "boundary";
  g_autoptr(GHashTable) boundaries = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
  const guint8 *end = data + length;
  gboolean any_line = FALSE;  /* a boundary not understood: count every "--" line */
  gsize count = 0;

  for (const guint8 *p = data; p + sizeof key - 1 < end; p++)
    if ((*p == 'b' || *p == 'B')
        && g_ascii_strncasecmp ((const char *) p, key, sizeof key - 1) == 0)
      {
        const guint8 *q = p + sizeof key - 1;
        char *value;

        /* Blanks and a folded line may stand around "=" (boundary ="b"). */
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
          q++;
        if (q < end && *q == '*')
          {
            /* RFC 2231 (boundary*0=, boundary*=): not pieced together here. */
            while (q < end && (*q == '*' || g_ascii_isdigit (*q)))
              q++;
            if (q < end && *q == '=')
              any_line = TRUE;
            continue;
          }
        if (q >= end || *q != '=')
          continue;
        q++;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
          q++;
        value = boundary_value (q, end);
        if (value == NULL)
          any_line = TRUE;  /* empty or too long to be one we know */
        else
          g_hash_table_add (boundaries, value);
        if (g_hash_table_size (boundaries) > stop_after)
          return stop_after + 1;  /* each declares a multipart: a part too */
      }
  if (g_hash_table_size (boundaries) == 0 && !any_line)
    return 0;

  for (const guint8 *line = data; line < end && count <= stop_after;)
    {
      const guint8 *eol = memchr (line, '\n', (gsize) (end - line));
      const guint8 *stop = eol != NULL ? eol : end;
      const guint8 *tail = stop;

      while (tail > line && (tail[-1] == '\r' || tail[-1] == ' ' || tail[-1] == '\t'))
        tail--;
      if (tail - line > 2 && line[0] == '-' && line[1] == '-')
        {
          /* A closing "--b--" is no boundary declared, so not counted. */
          g_autofree char *rest = g_strndup ((const char *) line + 2, (gsize) (tail - line - 2));

          if (any_line || g_hash_table_contains (boundaries, rest))
            count++;
        }
      line = eol != NULL ? eol + 1 : end;
    }
  return count;
}

XfMail *
xf_intake_parse_mail (const guint8 *data, gsize length, const XfMailLimits *limits, GError **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (limits != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > limits->max_bytes)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "message is %" G_GSIZE_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT,
                   length, limits->max_bytes);
      return NULL;
    }

  /* Each delimiter opens a part, and the walk counts the multipart
   * holding them too: more delimiters than the limit are more parts.  Most
   * mail has far fewer lines starting "--" than that, and is not searched
   * for its delimiters at all (the search cost 10 % of the parsing time). */
  if (count_dash_lines (data, length, limits->max_parts) >= limits->max_parts
      && xf_intake_count_delimiters (data, length, limits->max_parts) >= limits->max_parts)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "message has more MIME parts than the limit of %u", limits->max_parts);
      return NULL;
    }

  /* GMime wants a header on the very first line. */
  gsize start = xf_intake_find_header_start (data, length);
  if (start >= length)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "not a parseable e-mail message");
      return NULL;
    }

  ensure_gmime ();
  /* Declared first so that it is freed last: GMime's headers keep a
   * pointer to the options they were parsed with. */
  g_autoptr(GMimeParserOptions) options = new_parser_options ();
  g_autoptr(GMimeStream) stream
    = g_mime_stream_mem_new_with_buffer ((const char *) data + start, length - start);
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  g_autoptr(GMimeMessage) message = g_mime_parser_construct_message (parser, options);
  if (message == NULL)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "not a parseable e-mail message");
      return NULL;
    }

  g_autoptr(XfMail) mail = g_new0 (XfMail, 1);
  mail->attachments = g_ptr_array_new_with_free_func (attachment_free);
  mail->undecoded = g_ptr_array_new_with_free_func (g_free);

  GMimeObject *body = g_mime_message_get_mime_part (message);
  const char *body_charset = body != NULL ? find_body_charset (body) : NULL;
  mail->subject = get_subject (message, body_charset);
  mail->from = get_from (message, options, body_charset);
  mail->message_id = dup_utf8 (g_mime_message_get_message_id (message));

  Walk walk = { limits, options, 0, mail->attachments, mail->undecoded };
  g_autoptr(GString) text = g_string_new (NULL);
  if (body != NULL && !walk_object (&walk, body, 0, text, error))
    return NULL;
  mail->text = g_string_free (g_steal_pointer (&text), FALSE);
  return g_steal_pointer (&mail);
}
