/* A letter's text as folded code points, and the word matching the field
 * finders share.  Folding is for matching only: the stored text stays as
 * read, and values are rebuilt from the folded characters. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <string.h>

static gunichar
fold_char (gunichar c)
{
  if ((c >= 0xFF10 && c <= 0xFF19)                /* ０-９ */
      || (c >= 0xFF21 && c <= 0xFF3A)             /* Ａ-Ｚ */
      || (c >= 0xFF41 && c <= 0xFF5A)             /* ａ-ｚ */
      || c == 0xFF0B || c == 0xFF0D || c == 0xFF0E /* ＋ － ． */
      || c == 0xFF05 || c == 0xFF0F               /* ％ ／ */
      || c == 0xFF08 || c == 0xFF09)              /* （ ） */
    return c - 0xFEE0;
  if (c == 0x3000 || c == 0x00A0)
    return ' ';
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212)
    return '-';
  if (c == 0x00A5 || c == 0xFFE5)                 /* ¥ ￥ */
    return 0xFFE5;
  return c;
}

XfText *
xf_classify_text_new (const char *utf8)
{
  gsize length = strlen (utf8);
  const char *p = utf8;
  const char *end = utf8 + length;
  XfText *text = g_new0 (XfText, 1);

  /* Never more code points than bytes. */
  text->chars = g_new (gunichar, length + 1);
  text->raw = g_new (gunichar, length + 1);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          text->raw[text->length] = 0xFFFD;
          text->chars[text->length++] = 0xFFFD;
          p++;
          continue;
        }
      text->raw[text->length] = c;
      text->chars[text->length++] = fold_char (c);
      p = g_utf8_next_char (p);
    }
  text->chars[text->length] = 0;
  text->raw[text->length] = 0;
  return text;
}

void
xf_classify_text_free (XfText *text)
{
  if (text == NULL)
    return;
  g_free (text->chars);
  g_free (text->raw);
  g_free (text);
}

gsize
xf_classify_text_match (const XfText *text, gsize at, const char *word)
{
  gsize n = 0;

  for (const char *w = word; *w != '\0'; w = g_utf8_next_char (w), n++)
    if (at + n >= text->length || text->chars[at + n] != g_utf8_get_char (w))
      return 0;
  return n;
}

gsize
xf_classify_text_match_before (const XfText *text, gsize end, const char *word)
{
  glong n = g_utf8_strlen (word, -1);

  if ((gsize) n > end)
    return 0;
  return xf_classify_text_match (text, end - n, word);
}

gsize
xf_classify_text_match_any (const XfText *text, gsize at,
                            const char *const *words)
{
  for (gsize i = 0; words[i] != NULL; i++)
    {
      gsize n = xf_classify_text_match (text, at, words[i]);

      if (n > 0)
        return n;
    }
  return 0;
}

gsize
xf_classify_text_match_any_before (const XfText *text, gsize end,
                                   const char *const *words)
{
  for (gsize i = 0; words[i] != NULL; i++)
    {
      gsize n = xf_classify_text_match_before (text, end, words[i]);

      if (n > 0)
        return n;
    }
  return 0;
}

gboolean
xf_classify_text_contains (const XfText *text, gsize start, gsize end,
                           const char *word)
{
  if (end > text->length)
    end = text->length;
  for (gsize i = start; i < end; i++)
    {
      gsize n = xf_classify_text_match (text, i, word);

      if (n > 0 && i + n <= end)
        return TRUE;
    }
  return FALSE;
}

char *
xf_classify_text_slice (const XfText *text, gsize start, gsize end)
{
  GString *out = g_string_new (NULL);

  for (gsize i = start; i < end && i < text->length; i++)
    g_string_append_unichar (out, text->chars[i]);
  return g_string_free (out, FALSE);
}

gboolean
xf_classify_is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
         || c == 0x3007;                          /* 〇 */
}

gboolean
xf_classify_is_separator (gunichar c)
{
  switch (c)
    {
    case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF01: case 0xFF1F:
    case 0x3001: case 0xFF1A: case '.': case ',': case ';': case '!':
    case '?': case ':': case '\n': case '\r': case '\f':
      return TRUE;
    default:
      return FALSE;
    }
}

char *
xf_classify_text_quote (const XfText *text, gsize start, gsize end)
{
  GString *out = g_string_new (NULL);

  for (gsize i = start; i < end && i < text->length; i++)
    g_string_append_unichar (out, text->raw[i]);
  return g_string_free (out, FALSE);
}

XfField *
xf_classify_field_new (const char *name, char *value, double confidence)
{
  XfField *field = g_new0 (XfField, 1);

  field->name = name;
  field->value = value;
  field->confidence = CLAMP (confidence, 0.0, 1.0);
  field->repaired = FALSE;
  return field;
}
