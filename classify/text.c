/* A letter's text as folded code points, and the word matching the field
 * finders share.  Folding is for matching only: the stored text stays as
 * read, and values are rebuilt from the folded characters. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <string.h>

#define MIN_SPELLED 7

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

/* The digit an OCR look-alike letter stands for, or 0. */
static gunichar
look_alike_digit (gunichar c)
{
  switch (c)
    {
    case 'O': case 'o': case 'D':
      return '0';
    case 'l': case 'I': case '|':
      return '1';
    case 'Z': case 'z':
      return '2';
    case 'S': case 's':
      return '5';
    case 'B':
      return '8';
    default:
      return 0;
    }
}

static gboolean
is_ascii_letter (gunichar c)
{
  return c < 0x80 && g_ascii_isalpha ((char) c);
}

typedef struct {
  gsize start;
  gsize end;
  gsize digits;
  gsize letters;
  gsize lead;        /* letters before the first digit */
  gboolean touched;  /* another letter touches it: a word, not a number */
} Run;

/* Whether @c joins two runs of one number, as in "l3O 8966 2751". */
static gboolean
is_joiner (gunichar c)
{
  return c == ' ' || c == '-';
}

/* Whether @c, just after a run, says the run was a number: a unit or a
 * suffix of numbers (25OO元, l3O多人, 2O19年). */
static gboolean
is_number_unit (gunichar c)
{
  static const gunichar units[] = {
    0x591A, 0x4F59, 0x5143, 0x4E07, 0x540D, 0x4EBA, 0x5757, 0x4E2A, 0x5C81,
    0x5E74, 0x6708, 0x65E5, 0x53F7, 0x5343, 0x767E, 0x4EBF,
  };  /* 多 余 元 万 名 人 块 个 岁 年 月 日 号 千 百 亿 */

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (c == units[i])
      return TRUE;
  return FALSE;
}

/* Whether the run, read as digits, is a mobile number (1 and 3-9, eleven
 * digits): lS907943O62 is one, ID330106… is a word before a number. */
static gboolean
is_mobile_shape (const gunichar *c, const Run *run)
{
  gunichar second;

  if (run->end - run->start != 11)
    return FALSE;
  second = xf_classify_is_digit (c[run->start + 1]) ? c[run->start + 1]
                                                     : look_alike_digit (c[run->start + 1]);
  return (c[run->start] == '1' || look_alike_digit (c[run->start]) == '1')
         && second >= '3' && second <= '9';
}

/* Reads start..end as digits into @digits (at most @max, single joiners
 * inside skipped, look-alikes read); returns how many, or @max + 1 when
 * there are more or a character is no digit. */
static gsize
span_digits (const gunichar *c, gsize start, gsize end, char *digits, gsize max)
{
  gsize length = 0;

  for (gsize q = start; q < end; q++)
    {
      gunichar ch = c[q];

      if (is_joiner (ch) && q > start && q + 1 < end)
        continue;
      if (length == max)
        return max + 1;
      if (xf_classify_is_digit (ch))
        digits[length++] = (char) ch;
      else if (look_alike_digit (ch) != 0)
        digits[length++] = (char) look_alike_digit (ch);
      else
        return max + 1;
    }
  return length;
}

/* Whether start..end, read as digits (single joiners inside skipped, an
 * X after kept), is an ID number with its check digit right:
 * Sl07O3l9B7OBl9O772 is one, though it starts with two letters, and so is
 * Zl Ol04l976O9l4O2B4. */
static gboolean
is_id_span (const gunichar *c, gsize start, gsize end, gsize n)
{
  char digits[19];
  gsize length = span_digits (c, start, end, digits, 18);

  /* The check character X may follow the digits. */
  if (length == 17 && end < n && (c[end] == 'X' || c[end] == 'x'))
    digits[length++] = 'X';
  if (length != 18)
    return FALSE;
  digits[18] = '\0';
  return xf_classify_check_id_number (digits, NULL, NULL);
}

/* Whether start..end, read as digits (single joiners inside skipped), has
 * a mobile number's shape: lB3S0 723997 is 18350723997. */
static gboolean
is_mobile_span (const gunichar *c, gsize start, gsize end)
{
  char digits[11];

  return span_digits (c, start, end, digits, 11) == 11 && digits[0] == '1'
         && digits[1] >= '3' && digits[1] <= '9';
}

/* Whether the run alone is an ID number so read. */
static gboolean
is_id_shape (const gunichar *c, const Run *run, gsize n)
{
  return is_id_span (c, run->start, run->end, n);
}

/* A run of digits and look-alike letters is a number misread when no other
 * letter touches it (so SMS or ID330… stay words) and the number it belongs
 * to (runs joined by single spaces or dashes) has at least as many real
 * digits as letters, or starts with a real digit, or is followed by a unit
 * (2O5OO元, l3O多人); or when it is one letter against a decimal point
 * (l.2万) or before 万 or 千 (S万元).  Two or more letters leading a run
 * are a word before a number, as in ID330106…, and are left alone, unless
 * the whole run has the shape of a mobile number. */
static void
read_look_alikes (XfText *text)
{
  gunichar *c = text->chars;
  gsize n = text->length;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  gsize i = 0;

  while (i < n)
    {
      Run run = { i, i, 0, 0, 0, FALSE };

      while (i < n && (xf_classify_is_digit (c[i]) || look_alike_digit (c[i]) != 0))
        {
          if (xf_classify_is_digit (c[i]))
            run.digits++;
          else
            {
              run.letters++;
              if (run.digits == 0)
                run.lead++;
            }
          i++;
        }
      if (i == run.start)
        {
          i++;
          continue;
        }
      run.end = i;
      /* An ID number's check X after seventeen is no word touching it. */
      run.touched = (run.start > 0 && is_ascii_letter (c[run.start - 1]))
                    || (i < n && is_ascii_letter (c[i])
                        && !(i - run.start == 17 && (c[i] == 'X' || c[i] == 'x')
                             && (i + 1 >= n || !is_ascii_letter (c[i + 1]))));
      g_array_append_val (runs, run);
    }

  for (guint r = 0; r < runs->len;)
    {
      guint last = r;
      gsize digits = 0;
      gsize letters = 0;
      gsize after;
      gboolean whole_id, whole_mobile;

      /* The number: this run and those joined to it. */
      while (last + 1 < runs->len
             && g_array_index (runs, Run, last + 1).start
                  == g_array_index (runs, Run, last).end + 1
             && is_joiner (c[g_array_index (runs, Run, last).end]))
        last++;
      for (guint k = r; k <= last; k++)
        {
          digits += g_array_index (runs, Run, k).digits;
          letters += g_array_index (runs, Run, k).letters;
        }
      after = g_array_index (runs, Run, last).end;
      /* Zl Ol04l976O9l4O2B4: an ID number split by a space, its check
       * digit right once read, leading letters and all. */
      whole_id = last > r && is_id_span (c, g_array_index (runs, Run, r).start,
                                         after, n);
      /* lB3S0 723997: a mobile split by a space, leading letters and all. */
      whole_mobile = last > r && is_mobile_span (c, g_array_index (runs, Run, r).start,
                                                 after);
      if (digits > 0
          && (xf_classify_is_digit (c[g_array_index (runs, Run, r).start])
              || (after < n && is_number_unit (c[after]))))
        letters = 0;                   /* counts as numeric below */
      for (guint k = r; k <= last; k++)
        {
          const Run *run = &g_array_index (runs, Run, k);
          gboolean numeric;

          if (run->letters == 0 || run->touched)
            continue;
          numeric = whole_id || whole_mobile || (digits > 0 && letters <= digits)
                    /* l39O4l2S6BB: eleven with a mobile's shape */
                    || (run->digits >= 3 && is_mobile_shape (c, run))
                    /* l3O9O3l972lOOll17O: eighteen whose check digit holds */
                    || (run->digits >= 3 && is_id_shape (c, run, n))
                    /* 每人S万元: one letter before 万 or 千 */
                    || (run->end - run->start == 1 && k == last && after < n
                        && (c[after] == 0x4E07 || c[after] == 0x5343))
                    || (run->end - run->start == 1
                        && ((run->end + 1 < n && c[run->end] == '.'
                             && xf_classify_is_digit (c[run->end + 1]))
                            || (run->start >= 2 && c[run->start - 1] == '.'
                                && xf_classify_is_digit (c[run->start - 2]))));
          if (!numeric)
            continue;
          /* Letters leading the number are a word (ID330…); after a
           * joiner inside it (32 OOO元) they are its digits. */
          for (gsize q = run->lead >= 2 && k == r && !whole_id && !whole_mobile
                             && !is_mobile_shape (c, run)
                             && !is_id_shape (c, run, n)
                             ? run->start + run->lead : run->start;
               q < run->end; q++)
            if (!xf_classify_is_digit (c[q]))
              {
                c[q] = look_alike_digit (c[q]);
                text->swapped[q] = TRUE;
              }
        }
      r = last + 1;
    }
}

/* The digit of a Chinese numeral character with no unit in it, or 0. */
static gunichar
spelled_digit (gunichar c)
{
  static const char digits[] = "零〇一二三四五六七八九";
  gunichar d = '0';

  if (c == 0x5E7A)                                   /* 幺 */
    return '1';
  for (const char *p = digits; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_utf8_get_char (p) == c)
        return p == digits ? '0' : d;
      if (p != digits)
        d++;
    }
  return 0;
}

/* Phones spelled out digit by digit (一三八零七一三二二五六): seven or more
 * Chinese digits with no unit between them are a number, not a figure. */
static void
read_spelled_numbers (XfText *text)
{
  gsize i = 0;

  while (i < text->length)
    {
      gsize start = i;

      while (i < text->length && spelled_digit (text->chars[i]) != 0)
        i++;
      if (i - start >= MIN_SPELLED)
        for (gsize k = start; k < i; k++)
          text->chars[k] = spelled_digit (text->chars[k]);
      if (i == start)
        i++;
    }
}

gboolean
xf_classify_text_damaged (const XfText *text)
{
  return text->damaged;
}

XfText *
xf_classify_text_new (const char *utf8)
{
  gsize length = strlen (utf8);
  const char *p = utf8;
  gsize chars_limit = XF_TEXT_MAX_CHARS;
  const char *end;
  XfText *text = g_new0 (XfText, 1);

  /* Never more code points than bytes. */
  length = MIN (length, (gsize) XF_TEXT_MAX_CHARS * 4);
  end = utf8 + length;
  text->chars = g_new (gunichar, length + 1);
  text->raw = g_new (gunichar, length + 1);
  text->swapped = g_new0 (gboolean, length + 1);
  while (p < end && text->length < chars_limit)
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
  read_look_alikes (text);
  read_spelled_numbers (text);
  /* Asked by every name trigger: found once. */
  for (gsize i = 0; i < text->length && !text->damaged; i++)
    text->damaged = text->swapped[i];
  return text;
}

void
xf_classify_text_free (XfText *text)
{
  if (text == NULL)
    return;
  g_free (text->chars);
  g_free (text->raw);
  g_free (text->swapped);
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

gboolean
xf_classify_text_is_sentence_end (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '\n' || c == '!'
         || c == '?';
}

gboolean
xf_classify_text_is_clause_end (gunichar c)
{
  return c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF01
         || c == 0xFF1F || c == ';' || c == '!' || c == '?' || c == '\n'
         || c == ',';
}

gboolean
xf_classify_text_before_until (const XfText *text, gsize start, gsize window,
                               const char *const *words,
                               gboolean (*is_end) (gunichar c))
{
  for (gsize back = 1; back <= window && back <= start; back++)
    {
      gsize at = start - back;

      if (is_end (text->chars[at]))
        return FALSE;
      for (gsize i = 0; words[i] != NULL; i++)
        {
          gsize n = xf_classify_text_match (text, at, words[i]);

          if (n > 0 && at + n <= start)
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
xf_classify_text_before_in_clause (const XfText *text, gsize start,
                                   gsize window, const char *const *words)
{
  return xf_classify_text_before_until (text, start, window, words,
                                        xf_classify_text_is_clause_end);
}

gboolean
xf_classify_text_after_in_clause (const XfText *text, gsize at, gsize window,
                                  const char *const *words)
{
  for (gsize k = at; k < at + window && k < text->length
                     && !xf_classify_text_is_clause_end (text->chars[k]); k++)
    if (xf_classify_text_match_any (text, k, words) > 0)
      return TRUE;
  return FALSE;
}
