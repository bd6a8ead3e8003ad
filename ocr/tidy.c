/* Tidying Tesseract's Chinese output: it separates Chinese characters with
 * spaces as if they were words, which breaks every pattern that reads the
 * text afterwards. */
#define G_LOG_DOMAIN "xf-ocr"
#include "ocr/ocr.h"

/* Han, CJK punctuation, full-width forms: characters between which a space
 * carries no meaning in Chinese text. */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF)     /* radicals .. CJK unified */
         || (c >= 0xF900 && c <= 0xFAFF)  /* compatibility ideographs */
         || (c >= 0xFE30 && c <= 0xFE4F)  /* CJK compatibility forms */
         || (c >= 0xFF00 && c <= 0xFFEF)  /* full-width forms */
         || (c >= 0x20000 && c <= 0x3FFFF);
}

static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000;
}

char *
xf_ocr_tidy_text (const char *text)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  GString *out;

  chars = g_utf8_to_ucs4 (text, -1, NULL, &n, NULL);
  if (chars == NULL)
    return g_strdup (text);

  out = g_string_sized_new ((gsize) n * 3);
  for (glong i = 0; i < n; i++)
    {
      gunichar c = chars[i];

      if (is_blank (c))
        {
          glong j = i;
          while (j < n && is_blank (chars[j]))
            j++;
          /* Blanks at the end of a line or of the text go. */
          if (j == n || chars[j] == '\n' || chars[j] == '\f')
            {
              i = j - 1;
              continue;
            }
          gunichar before = i > 0 ? chars[i - 1] : '\n';
          gunichar after = chars[j];
          if (before == '\n' || is_cjk (before) || is_cjk (after))
            {
              /* Leading blanks too: indentation is layout, not text. */
              i = j - 1;
              continue;
            }
          g_string_append_c (out, ' ');
          i = j - 1;
          continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
