/* Text decoding for petition mail and files: the charsets Chinese senders
 * really use, which are often labelled wrongly (GBK sent as "gb2312", Big5
 * as "big5" when it is Big5-HKSCS), read into UTF-8 with LF line ends. */
#define G_LOG_DOMAIN "xf-intake"

#include "intake/intake.h"
#include "intake/intake-private.h"
#include "common/common.h"

#include <string.h>

/* Labels read as a superset of what they name, because senders write
 * characters outside the charset they declare: GBK's 镕 and 喆 under
 * "gb2312", HKSCS characters under "big5".  GB18030 contains GBK, which
 * contains GB2312; Big5-HKSCS contains Big5 and nearly all of CP950.  A
 * label iconv does not know would otherwise be read as a guess. */
static const struct {
  const char *label;
  const char *charset;
} charset_aliases[] = {
  { "gb2312", "GB18030" },
  { "gb_2312-80", "GB18030" },
  { "csgb2312", "GB18030" },
  { "gbk", "GB18030" },
  { "x-gbk", "GB18030" },
  { "cp936", "GB18030" },
  { "ms936", "GB18030" },
  { "windows-936", "GB18030" },
  { "euc-cn", "GB18030" },
  { "x-euc-cn", "GB18030" },
  { "gb18030", "GB18030" },
  { "big5", "BIG5-HKSCS" },
  { "csbig5", "BIG5-HKSCS" },
  { "x-big5", "BIG5-HKSCS" },
  { "big5-hkscs", "BIG5-HKSCS" },
  { "big5hkscs", "BIG5-HKSCS" },
  { "cp950", "BIG5-HKSCS" },
  { "windows-950", "BIG5-HKSCS" },
  { "utf8", "UTF-8" },
  /* Outlook's name for Korean, which iconv does not know; CP949 (Unified
   * Hangul) contains EUC-KR as GB18030 contains GB2312. */
  { "ks_c_5601-1987", "CP949" },
  { "ks_c_5601", "CP949" },
  { "ksc5601", "CP949" },
  { "euc-kr", "CP949" },
  { "windows-949", "CP949" },
};

/* The order undeclared text is tried in.  GB18030 before Big5: nearly every
 * Big5 byte sequence is also valid GB18030, so only a label can pick Big5
 * for Big5 text, while GBK text with a lead byte below A1 is never Big5. */
static const char *const fallback_charsets[] = { "UTF-8", "GB18030", "BIG5-HKSCS" };

/* The iconv name for @declared, or NULL when it names nothing usable.
 * Returns a new string (g_free). */
static char *
map_charset (const char *declared)
{
  if (declared == NULL)
    return NULL;
  g_autofree char *label = g_ascii_strdown (declared, -1);
  g_strstrip (label);
  /* Headers seen in the wild quote the value a second time. */
  gsize length = strlen (label);
  if (length >= 2 && (label[0] == '"' || label[0] == '\'') && label[length - 1] == label[0])
    {
      label[length - 1] = '\0';
      memmove (label, label + 1, length - 1);
      g_strstrip (label);
    }
  if (label[0] == '\0')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (charset_aliases); i++)
    if (strcmp (label, charset_aliases[i].label) == 0)
      return g_strdup (charset_aliases[i].charset);
  return g_steal_pointer (&label);
}

/* The charsets whose converters stay loaded: the Chinese ones and their
 * Korean and Japanese neighbours, under the names both we and GMime give
 * them, and the Western ones that label so much of the rest. */
static const char *const resident_charsets[] = {
  "GB18030", "GBK", "BIG5-HKSCS", "BIG5", "CP949", "EUC-KR",
  "ISO-2022-JP", "SHIFT_JIS", "ISO-8859-1", "WINDOWS-1252",
};

static gpointer
open_resident_converters (gpointer data G_GNUC_UNUSED)
{
  GIConv *converters = g_new (GIConv, G_N_ELEMENTS (resident_charsets));

  for (gsize i = 0; i < G_N_ELEMENTS (resident_charsets); i++)
    {
      converters[i] = g_iconv_open ("UTF-8", resident_charsets[i]);
      if (converters[i] == (GIConv) -1)
        g_debug ("no converter for %s", resident_charsets[i]);
    }
  /* Kept in the GOnce, so they are still reachable (for LeakSanitizer)
   * when the process ends. */
  return converters;
}

/* glibc loads every converter but UTF-8's from a shared object (gconv/
 * GB18030.so) on iconv_open() and unloads it again soon after the last
 * iconv_close(): dlopen, relocation, munmap and a TLB flush each time,
 * 1-2 ms on the development VM, more than the rest of parsing a message.
 * g_convert() and GMime open and close a converter for every piece of
 * text, so a Chinese message loaded GB18030 several times.  One converter
 * per charset above, opened once and never used or closed, keeps its
 * module loaded for the life of the process, as GMime keeps its tables. */
void
xf_intake_keep_converters_loaded (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, open_resident_converters, NULL);
}

/* @data converted from @charset, or NULL when any byte does not convert.
 * Returns a new buffer (g_free) of *@out_length bytes plus a NUL. */
static char *
convert (const guint8 *data, gsize length, const char *charset, gsize *out_length)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;

  xf_intake_keep_converters_loaded ();
  g_autofree char *out = g_convert ((const char *) data, (gssize) length, "UTF-8", charset,
                                    &bytes_read, &bytes_written, &local_error);
  if (out == NULL)
    {
      g_debug ("text is not %s: %s", charset, local_error->message);
      return NULL;
    }
  if (bytes_read != length)
    return NULL;
  *out_length = bytes_written;
  return g_steal_pointer (&out);
}

/* The converted text as the rest of the program wants it: no byte order
 * mark, LF line ends, and no NUL characters, which carry nothing in a
 * letter and would cut a C string short.  Returns a new string (g_free) or
 * NULL when the result is not valid UTF-8. */
static char *
tidy_text (const char *text, gsize length)
{
  gsize start = 0;

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  GString *out = g_string_sized_new (length - start + 1);
  for (gsize i = start; i < length; i++)
    {
      if (text[i] == '\0')
        continue;
      if (text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
        continue;
      g_string_append_c (out, text[i]);
    }
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_private_use (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
        return TRUE;
    }
  return FALSE;
}

char *
xf_intake_decode_declared (const guint8 *data, gsize length, const char *declared_charset)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  g_autofree char *charset = map_charset (declared_charset);
  if (charset == NULL || length > XF_INTAKE_MAX_TEXT_BYTES)
    return NULL;
  if (length == 0)
    return g_strdup ("");
  gsize converted_length = 0;
  g_autofree char *converted = convert (data, length, charset, &converted_length);
  return converted != NULL ? tidy_text (converted, converted_length) : NULL;
}

char *
xf_intake_decode_text (const guint8 *data, gsize length,
                       const char *declared_charset, GError **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > XF_INTAKE_MAX_TEXT_BYTES)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "text is %" G_GSIZE_FORMAT " bytes, over the limit of %" G_GSIZE_FORMAT,
                   length, XF_INTAKE_MAX_TEXT_BYTES);
      return NULL;
    }

  /* Empty content (GBytes hands out NULL for it) is valid in any charset. */
  if (length == 0)
    return g_strdup ("");

  g_autofree char *declared = map_charset (declared_charset);
  const char *candidates[1 + G_N_ELEMENTS (fallback_charsets)];
  gsize n_candidates = 0;
  if (declared != NULL)
    candidates[n_candidates++] = declared;
  for (gsize i = 0; i < G_N_ELEMENTS (fallback_charsets); i++)
    if (declared == NULL || g_ascii_strcasecmp (declared, fallback_charsets[i]) != 0)
      candidates[n_candidates++] = fallback_charsets[i];

  g_autofree char *deferred = NULL;
  for (gsize i = 0; i < n_candidates; i++)
    {
      gsize converted_length = 0;
      g_autofree char *converted = convert (data, length, candidates[i], &converted_length);
      if (converted == NULL)
        continue;
      g_autofree char *text = tidy_text (converted, converted_length);
      if (text == NULL)
        continue;
      /* Big5's commonest bytes (the full-width comma A1 41, lead bytes AA
       * to AF) fall in GB18030's user-defined areas, which convert to
       * private-use characters no real GBK letter contains.  Such a
       * reading is kept only in case Big5 fails too. */
      if (candidates[i] != declared && strcmp (candidates[i], "GB18030") == 0
          && has_private_use (text))
        {
          if (deferred == NULL)
            deferred = g_steal_pointer (&text);
          continue;
        }
      return g_steal_pointer (&text);
    }
  if (deferred != NULL)
    return g_steal_pointer (&deferred);

  g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "text is not valid UTF-8, GB18030 or Big5");
  return NULL;
}
