/* Header text decoding: RFC 2047 encoded words ("=?charset?B|Q?...?=") and
 * raw 8-bit header bytes turned into UTF-8.  GMime 3.2.13's decoder runs
 * the base64 of adjacent same-charset words through one decoder state, so
 * the '=' padding of the first word ends the text and the rest of a folded
 * Chinese subject is lost; this one decodes each word on its own and only
 * then joins the bytes, as a character may be split across words. */
#define G_LOG_DOMAIN "xf-intake"

#include "intake/intake.h"
#include "intake/intake-private.h"
#include "common/common.h"

#include <string.h>

/* The longest charset label (with an RFC 2231 language) taken as one; real
 * labels are under 20 bytes, so anything longer is not an encoded word. */
#define MAX_CHARSET_LENGTH 64

/* The bytes of one character in any charset met in mail: UTF-8 and
 * GB18030 use at most four. */
#define MAX_CUT_CHARACTER_BYTES 4

typedef enum {
  TOKEN_TEXT,   /* raw text between encoded words */
  TOKEN_WORD,   /* a well-formed encoded word, its payload decoded */
} TokenKind;

typedef struct {
  TokenKind kind;
  gsize start, end;          /* span in the unfolded input */
  gsize charset_start;       /* TOKEN_WORD: label without language */
  gsize charset_length;
  gsize bytes_start;         /* TOKEN_WORD: payload bytes in Decoder.bytes */
  gsize bytes_length;
  gboolean dropped;          /* TOKEN_TEXT: blanks between two words */
} Token;

typedef enum {
  SYNTAX_PLAIN,
  SYNTAX_QUOTED,
  SYNTAX_COMMENT,
} Syntax;

typedef struct {
  const char *input;          /* unfolded, NUL-terminated */
  const char *fallback_charset;
  gboolean quote_phrases;     /* address header: keep decoded runs as one phrase */
  GByteArray *bytes;          /* every word's payload bytes, in input order */
  GArray *tokens;             /* Token */
  GString *out;
  /* Where the output stands in RFC 5322 syntax, for quote_phrases. */
  Syntax syntax;
  guint comment_depth;
  gboolean escaped;
} Decoder;

/* @raw with line breaks removed: RFC 5322 §2.2.3 unfolding deletes the CRLF
 * and keeps the blank that follows it.  At most @limit bytes are read.
 * Returns a new string (g_free). */
static char *
unfold (const char *raw, gsize limit)
{
  gsize length = strnlen (raw, limit);
  GString *out = g_string_sized_new (length + 1);

  for (gsize i = 0; i < length; i++)
    if (raw[i] != '\r' && raw[i] != '\n')
      g_string_append_c (out, raw[i]);
  return g_string_free (out, FALSE);
}

static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/* Appends the base64 @payload to @bytes; FALSE when it holds a byte outside
 * the alphabet.  Padding ends a group and the decoder starts afresh after
 * it, so a payload that is two base64 texts run together (some webmail
 * joins words that way) reads too, and missing padding loses nothing. */
static gboolean
decode_base64 (const char *payload, gsize length, GByteArray *bytes)
{
  guint32 bits = 0;
  guint n_bits = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (payload[i] == '=')
        {
          bits = 0;
          n_bits = 0;
          continue;
        }
      int value = base64_value (payload[i]);
      if (value < 0)
        return FALSE;
      bits = (bits << 6) | (guint32) value;
      n_bits += 6;
      if (n_bits >= 8)
        {
          n_bits -= 8;
          guint8 byte = (guint8) (bits >> n_bits);
          g_byte_array_append (bytes, &byte, 1);
          bits &= (1u << n_bits) - 1;
        }
    }
  return TRUE;
}

/* Appends the RFC 2047 "Q" @payload to @bytes.  An '=' without two hex
 * digits after it is kept as it is, as lenient readers do. */
static void
decode_q (const char *payload, gsize length, GByteArray *bytes)
{
  for (gsize i = 0; i < length; i++)
    {
      guint8 byte = (guint8) payload[i];
      if (payload[i] == '_')
        byte = ' ';
      else if (payload[i] == '=' && i + 2 < length && g_ascii_isxdigit (payload[i + 1])
               && g_ascii_isxdigit (payload[i + 2]))
        {
          byte = (guint8) (g_ascii_xdigit_value (payload[i + 1]) * 16
                           + g_ascii_xdigit_value (payload[i + 2]));
          i += 2;
        }
      g_byte_array_append (bytes, &byte, 1);
    }
}

/* Reads an encoded word "=?charset[*language]?B|Q?payload?=" at @start
 * into @word, its payload decoded onto the decoder's bytes.  The charset
 * and payload end at the first '?' and hold no blanks or controls, which
 * keeps the scan linear on input full of stray "=?".  Returns FALSE, with
 * the bytes unchanged, when there is no well-formed word at @start. */
static gboolean
read_encoded_word (Decoder *decoder, gsize start, Token *word)
{
  const char *input = decoder->input;
  gsize p = start + 2;
  gsize charset_start = p;

  while (input[p] != '?' && input[p] > ' ' && input[p] < 0x7F)
    p++;
  if (input[p] != '?' || p == charset_start || p - charset_start > MAX_CHARSET_LENGTH)
    return FALSE;
  gsize charset_length = p - charset_start;
  /* RFC 2231 §5 lets a language follow the charset: "=?gb2312*zh-cn?B?". */
  const char *star = memchr (input + charset_start, '*', charset_length);
  if (star != NULL)
    charset_length = (gsize) (star - (input + charset_start));
  if (charset_length == 0)
    return FALSE;

  char encoding = g_ascii_toupper (input[p + 1]);
  if ((encoding != 'B' && encoding != 'Q') || input[p + 2] != '?')
    return FALSE;
  gsize payload_start = p + 3;
  p = payload_start;
  while (input[p] != '?' && input[p] != '\0' && (guchar) input[p] > ' ' && input[p] != 0x7F)
    p++;
  if (input[p] != '?' || input[p + 1] != '=')
    return FALSE;
  gsize payload_length = p - payload_start;

  gsize bytes_start = decoder->bytes->len;
  if (encoding == 'B')
    {
      if (!decode_base64 (input + payload_start, payload_length, decoder->bytes))
        {
          g_byte_array_set_size (decoder->bytes, (guint) bytes_start);
          return FALSE;
        }
    }
  else
    decode_q (input + payload_start, payload_length, decoder->bytes);

  *word = (Token) {
    .kind = TOKEN_WORD,
    .start = start,
    .end = p + 2,
    .charset_start = charset_start,
    .charset_length = charset_length,
    .bytes_start = bytes_start,
    .bytes_length = decoder->bytes->len - bytes_start,
  };
  return TRUE;
}

static void
add_text_token (Decoder *decoder, gsize start, gsize end)
{
  if (end <= start)
    return;
  Token token = { .kind = TOKEN_TEXT, .start = start, .end = end };
  g_array_append_val (decoder->tokens, token);
}

static gboolean
is_blank_span (const char *text, gsize start, gsize end)
{
  for (gsize i = start; i < end; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Splits the input into raw text and encoded words.  Words are found
 * anywhere, also glued to a preceding word ("Re:=?gb2312?B?...?="), which
 * RFC 2047 forbids but mailers write. */
static void
tokenise (Decoder *decoder)
{
  const char *input = decoder->input;
  gsize text_start = 0;
  gsize i = 0;

  while (input[i] != '\0')
    {
      Token word;
      if (input[i] != '=' || input[i + 1] != '?' || !read_encoded_word (decoder, i, &word))
        {
          i++;
          continue;
        }
      add_text_token (decoder, text_start, i);
      g_array_append_val (decoder->tokens, word);
      i = word.end;
      text_start = i;
    }
  add_text_token (decoder, text_start, i);

  /* RFC 2047 §6.2: blanks between two encoded words are not text. */
  for (guint t = 1; t + 1 < decoder->tokens->len; t++)
    {
      Token *token = &g_array_index (decoder->tokens, Token, t);
      if (token->kind == TOKEN_TEXT
          && g_array_index (decoder->tokens, Token, t - 1).kind == TOKEN_WORD
          && g_array_index (decoder->tokens, Token, t + 1).kind == TOKEN_WORD
          && is_blank_span (input, token->start, token->end))
        token->dropped = TRUE;
    }
}

/* Follows the RFC 5322 syntax of UTF-8 @text the output now ends with:
 * whether it is inside a quoted string or a comment. */
static void
track_syntax (Decoder *decoder, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (decoder->escaped)
        {
          decoder->escaped = FALSE;
          continue;
        }
      switch (decoder->syntax)
        {
        case SYNTAX_PLAIN:
          if (*p == '"')
            decoder->syntax = SYNTAX_QUOTED;
          else if (*p == '(')
            {
              decoder->syntax = SYNTAX_COMMENT;
              decoder->comment_depth = 1;
            }
          break;
        case SYNTAX_QUOTED:
          if (*p == '\\')
            decoder->escaped = TRUE;
          else if (*p == '"')
            decoder->syntax = SYNTAX_PLAIN;
          break;
        case SYNTAX_COMMENT:
          if (*p == '\\')
            decoder->escaped = TRUE;
          else if (*p == '(')
            decoder->comment_depth++;
          else if (*p == ')' && --decoder->comment_depth == 0)
            decoder->syntax = SYNTAX_PLAIN;
          break;
        }
    }
}

/* Raw header text: kept when it is UTF-8, else read in the fallback
 * charset (senders who write raw GBK or Big5 headers label the body with
 * it), else with its bad bytes replaced. */
static void
append_text (Decoder *decoder, gsize start, gsize end)
{
  const char *text = decoder->input + start;
  gsize length = end - start;
  g_autofree char *decoded = NULL;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_autoptr(GError) local_error = NULL;
      decoded = xf_intake_decode_text ((const guint8 *) text, length, decoder->fallback_charset,
                                       &local_error);
      if (decoded == NULL)
        {
          g_debug ("raw header text has invalid bytes: %s", local_error->message);
          decoded = g_utf8_make_valid (text, (gssize) length);
        }
    }
  else
    decoded = g_strndup (text, length);

  g_string_append (decoder->out, decoded);
  if (decoder->quote_phrases)
    track_syntax (decoder, decoded);
}

/* Decoded text, made to read back as the same text in an address header:
 * a quoted string outside quotes when it holds RFC 5322 specials, escaped
 * inside quotes and comments.  Text without specials stays bare, so that
 * a lone word still reads as the address a bare word is. */
static void
append_decoded (Decoder *decoder, const char *text)
{
  if (!decoder->quote_phrases)
    {
      g_string_append (decoder->out, text);
      return;
    }
  gboolean quote = decoder->syntax == SYNTAX_PLAIN && strpbrk (text, "()<>[]:;@\\,.\"") != NULL;
  Syntax inside = quote ? SYNTAX_QUOTED : decoder->syntax;
  /* A backslash left pending before the word escaped nothing of it. */
  decoder->escaped = FALSE;
  if (quote)
    g_string_append_c (decoder->out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean special = (inside == SYNTAX_QUOTED && (*p == '"' || *p == '\\'))
                         || (inside == SYNTAX_COMMENT && (*p == '(' || *p == ')' || *p == '\\'));
      if (special)
        g_string_append_c (decoder->out, '\\');
      g_string_append_c (decoder->out, *p);
    }
  if (quote)
    g_string_append_c (decoder->out, '"');
}

/* The words tokens[@first..@last] (blanks between them dropped) as one
 * text in their common charset, or NULL when it does not convert.
 * Returns a new string (g_free). */
static char *
convert_words (Decoder *decoder, guint first, guint last)
{
  const Token *head = &g_array_index (decoder->tokens, Token, first);
  const Token *tail = &g_array_index (decoder->tokens, Token, last);
  gsize length = tail->bytes_start + tail->bytes_length - head->bytes_start;

  /* Empty words ("=?utf-8?B??=") are empty text in any charset. */
  if (length == 0)
    return g_strdup ("");
  /* Words are stored in order, so the run's bytes lie together. */
  const guint8 *data = decoder->bytes->data + head->bytes_start;
  g_autofree char *charset = g_strndup (decoder->input + head->charset_start,
                                        head->charset_length);

  char *text = xf_intake_decode_declared (data, length, charset);
  if (text != NULL)
    return text;

  /* Mailers that cut a long subject to a byte count leave the first bytes
   * of a character at the end; that character is lost, the rest is not.
   * This comes before guessing, which would read the whole run in another
   * charset: UTF-8 cut short is often valid GB18030. */
  for (gsize cut = 1; cut < MAX_CUT_CHARACTER_BYTES && cut < length; cut++)
    {
      g_autofree char *head_text = xf_intake_decode_declared (data, length - cut, charset);
      if (head_text != NULL)
        return g_strconcat (head_text, "\uFFFD", NULL);
    }

  /* A wrong label (GBK bytes under "utf-8") or one iconv does not know. */
  g_autoptr(GError) local_error = NULL;
  text = xf_intake_decode_text (data, length, charset, &local_error);
  if (text == NULL)
    g_debug ("encoded words do not convert: %s", local_error->message);
  return text;
}

static gboolean
same_charset (const Decoder *decoder, const Token *a, const Token *b)
{
  return a->charset_length == b->charset_length
         && g_ascii_strncasecmp (decoder->input + a->charset_start,
                                 decoder->input + b->charset_start, a->charset_length) == 0;
}

/* Writes the run of words tokens[@first..@last].  When the joined bytes do
 * not convert, each word is tried alone, and one that still fails stays
 * as its literal text. */
static void
append_words (Decoder *decoder, guint first, guint last)
{
  g_autofree char *text = convert_words (decoder, first, last);

  if (text != NULL)
    {
      append_decoded (decoder, text);
      return;
    }
  for (guint t = first; t <= last; t++)
    {
      const Token *token = &g_array_index (decoder->tokens, Token, t);
      if (token->kind != TOKEN_WORD)
        continue;
      g_autofree char *word = first < last ? convert_words (decoder, t, t) : NULL;
      if (word != NULL)
        append_decoded (decoder, word);
      else
        append_text (decoder, token->start, token->end);
    }
}

static void
write_tokens (Decoder *decoder)
{
  guint n_tokens = decoder->tokens->len;

  for (guint t = 0; t < n_tokens;)
    {
      const Token *token = &g_array_index (decoder->tokens, Token, t);
      if (token->kind == TOKEN_TEXT)
        {
          if (!token->dropped)
            append_text (decoder, token->start, token->end);
          t++;
          continue;
        }
      /* Extend the run over dropped blanks to words in the same charset. */
      guint last = t;
      for (guint next = t + 1; next < n_tokens; next++)
        {
          const Token *candidate = &g_array_index (decoder->tokens, Token, next);
          if (candidate->kind == TOKEN_TEXT && candidate->dropped)
            continue;
          if (candidate->kind == TOKEN_WORD && same_charset (decoder, token, candidate))
            last = next;
          else
            break;
        }
      append_words (decoder, t, last);
      t = last + 1;
    }
}

static char *
decode_header (const char *raw, const char *fallback_charset, gboolean quote_phrases)
{
  g_autofree char *input = unfold (raw, XF_INTAKE_MAX_HEADER_BYTES);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  Decoder decoder = {
    .input = input,
    .fallback_charset = fallback_charset,
    .quote_phrases = quote_phrases,
    .bytes = bytes,
    .tokens = tokens,
    .out = g_string_sized_new (strlen (input) + 1),
  };

  tokenise (&decoder);
  write_tokens (&decoder);
  return g_strstrip (g_string_free (decoder.out, FALSE));
}

char *
xf_intake_decode_header (const char *raw, const char *fallback_charset)
{
  g_return_val_if_fail (raw != NULL, NULL);

  return decode_header (raw, fallback_charset, FALSE);
}

char *
xf_intake_decode_address_header (const char *raw, const char *fallback_charset)
{
  g_return_val_if_fail (raw != NULL, NULL);

  return decode_header (raw, fallback_charset, TRUE);
}
