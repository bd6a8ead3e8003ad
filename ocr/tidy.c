/* Tidying Tesseract's Chinese output: it separates Chinese characters with
 * spaces as if they were words, gives ASCII punctuation where a Chinese
 * letter has full-width marks, and reads some marks as look-alikes (a dash
 * as the numeral 一), all of which break the patterns that read the text
 * afterwards and count as errors against what the letter says.  Each rule
 * here is one a typesetter of Chinese would make, and bench/README.md
 * says what it earned. */
#define G_LOG_DOMAIN "xf-ocr"
#include "ocr/ocr-private.h"

#include <stdlib.h>
#include <string.h>

/* The farthest apart, in characters, two brackets are taken as a pair. */
#define MAX_BRACKET_SPAN 400

/* Han, CJK punctuation, full-width forms: characters between which a space
 * carries no meaning in Chinese text. */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF)     /* radicals .. CJK unified */
         || (c >= 0xF900 && c <= 0xFAFF)  /* compatibility ideographs */
         || (c >= 0xFE30 && c <= 0xFE4F)  /* CJK compatibility forms */
         || (c >= 0xFF00 && c <= 0xFFEF)  /* full-width forms */
         || (c >= 0x20000 && c <= 0x3FFFF)
         || c == 0x201C || c == 0x201D;   /* “” belong to Chinese text */
}

/* A Chinese character, or a Chinese quote: not a mark, not a full-width
 * digit or letter. */
static gboolean
is_han_like (gunichar c)
{
  return is_cjk (c) && !(c >= 0x3000 && c <= 0x303F)
         && !(c >= 0xFF00 && c <= 0xFFEF);
}

static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000;
}

static gboolean
is_break (gunichar c)
{
  return c == '\n' || c == '\f';
}

/* Full-width digits and Latin letters as ASCII: inside numbers and Latin
 * words a Chinese letter uses half-width forms. */
static gunichar
fold_alnum (gunichar c)
{
  if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A)
      || (c >= 0xFF41 && c <= 0xFF5A))
    return c - 0xFEE0;
  return c;
}

/* Pass 1: drop blanks next to Chinese, at line starts and ends; fold
 * full-width digits and letters.  Returns the characters in @out. */
static void
drop_blanks (const gunichar *in, glong n, GArray *out)
{
  for (glong i = 0; i < n; i++)
    {
      gunichar c = fold_alnum (in[i]);

      if (is_blank (c))
        {
          glong j = i;
          while (j < n && is_blank (in[j]))
            j++;
          gunichar before = out->len > 0
                              ? g_array_index (out, gunichar, out->len - 1)
                              : '\n';
          gunichar after = j < n ? fold_alnum (in[j]) : '\n';
          if (!is_break (before) && !is_break (after) && !is_cjk (before)
              && !is_cjk (after))
            {
              gunichar space = ' ';
              g_array_append_val (out, space);
            }
          i = j - 1;
          continue;
        }
      g_array_append_val (out, c);
    }
}

static gunichar
at (const GArray *text, glong i)
{
  if (i < 0 || i >= (glong) text->len)
    return '\n';
  return g_array_index (text, gunichar, i);
}

static gboolean
is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

/* The full-width form of ASCII punctuation in Chinese context, or 0. */
static gunichar
full_width (gunichar c)
{
  switch (c)
    {
    case ',': return 0xFF0C;  /* ， */
    case ':': return 0xFF1A;  /* ： */
    case ';': return 0xFF1B;  /* ； */
    case '!': return 0xFF01;  /* ！ */
    case '?': return 0xFF1F;  /* ？ */
    case '(': return 0xFF08;  /* （ */
    case ')': return 0xFF09;  /* ） */
    default: return 0;
    }
}

/* The half-width form of full-width punctuation between digits, or 0:
 * 1，000 and 10：30 are numbers, not Chinese text. */
static gunichar
half_width (gunichar c)
{
  switch (c)
    {
    case 0xFF0C: return ',';
    case 0xFF1A: return ':';
    case 0xFF0E: return '.';
    case 0x3002: return '.';  /* 2。7万 is an OCR slip for 2.7 */
    default: return 0;
    }
}

/* TRUE when the comma at @i groups the thousands of a number (1，000，000):
 * exactly three digits follow it and at most three precede it.  Between
 * the numbers of a list (0791-86523147，13970815362; an ID number，2021年)
 * a comma is a Chinese comma and stays full-width. */
static gboolean
separates_thousands (const GArray *text, glong i)
{
  glong digits = 0;
  glong j = i - 1;

  for (glong k = i + 1; k <= i + 3; k++)
    if (!is_digit (at (text, k)))
      return FALSE;
  if (is_digit (at (text, i + 4)))
    return FALSE;
  while (is_digit (at (text, j)))
    {
      digits++;
      j--;
    }
  return digits <= 3;
}

/* The index of the bracket matching the one at @i on the same line, or -1.
 * @step is +1 from an opening bracket, -1 from a closing one. */
static glong
matching_bracket (const GArray *text, glong i, int step)
{
  int depth = 0;

  /* No further than MAX_BRACKET_SPAN: a parenthesis closes within a
   * sentence or two, and an unbounded search would make a line of many
   * brackets (a hostile PDF text layer) quadratic. */
  for (glong j = i; j >= 0 && j < (glong) text->len
                    && labs (j - i) <= MAX_BRACKET_SPAN; j += step)
    {
      gunichar c = at (text, j);
      if (is_break (c))
        return -1;
      if (c == '(' || c == 0xFF08)
        depth += step > 0 ? 1 : -1;
      else if (c == ')' || c == 0xFF09)
        depth -= step > 0 ? 1 : -1;
      if (depth == 0)
        return j;
    }
  return -1;
}

/* The nearest character before (@step -1) or after (+1) @i on the same
 * line that is not a blank, or a line break. */
static gunichar
nearest (const GArray *text, glong i, int step)
{
  glong j = i + step;

  while (is_blank (at (text, j)))
    j += step;
  return at (text, j);
}

static gboolean
span_has_cjk (const GArray *text, glong from, glong to)
{
  for (glong j = from; j <= to; j++)
    if (is_cjk (at (text, j)))
      return TRUE;
  return FALSE;
}

static gboolean
is_opening (gunichar c)
{
  switch (c)
    {
    case '(': case '[': case '{':
    case 0xFF08: case 0xFF3B: case 0xFF5B:  /* （ ［ ｛ */
    case 0x3008: case 0x300A: case 0x300C:  /* 〈 《 「 */
    case 0x300E: case 0x3010: case 0x3014:  /* 『 【 〔 */
    case 0x3016:                            /* 〖 */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_closing (gunichar c)
{
  switch (c)
    {
    case ')': case ']': case '}':
    case 0xFF09: case 0xFF3D: case 0xFF5D:  /* ） ］ ｝ */
    case 0x3009: case 0x300B: case 0x300D:  /* 〉 》 」 */
    case 0x300F: case 0x3011: case 0x3015:  /* 』 】 〕 */
    case 0x3017:                            /* 〗 */
      return TRUE;
    default:
      return FALSE;
    }
}

/* An opening bracket the model may read in place of （: its round stroke
 * looks like the angle of 〈 and 《 or the hook of 【 and [. */
static gboolean
looks_like_parenthesis (gunichar c)
{
  return c == '[' || c == 0xFF3B || c == 0x3008 || c == 0x300A
         || c == 0x3010 || c == 0x3014;
}

/* TRUE when a blank line (or a form feed) is at @i: the end of a
 * paragraph in Tesseract's text. */
static gboolean
ends_paragraph (const GArray *text, glong i)
{
  glong j = i + 1;

  if (at (text, i) == '\f')
    return TRUE;
  if (at (text, i) != '\n')
    return FALSE;
  while (j < (glong) text->len && is_blank (at (text, j)))
    j++;
  return is_break (at (text, j));
}

/* Where a mark was dropped, until the text is compacted. */
#define DROPPED 0

/* TRUE when the character at @i follows a blank inside its line: where
 * Tesseract saw a gap wider than the spacing of the text, such as the
 * one between the columns of a table. */
static gboolean
after_gap (const GArray *text, glong i)
{
  glong j = i - 1;
  gboolean blank = FALSE;

  for (; is_blank (at (text, j)) || at (text, j) == DROPPED; j--)
    blank = blank || is_blank (at (text, j));
  return blank && !is_break (at (text, j));
}

/* Pass 0, on Tesseract's text as it is: drops a quotation mark that has
 * no partner in its paragraph and stands after a gap.  At a wide gap,
 * between the columns of a table, the model reads ” or “ out of nothing
 * (马德福  ”钢筋工); a real quotation mark comes in a pair (a quotation
 * may wrap to the next line, not past its paragraph) and stands against
 * the words it quotes.  An unpaired mark against a word stays: its
 * partner is more likely lost than the mark made up. */
static void
drop_stray_quotes (GArray *text)
{
  glong open = -1;  /* an opening mark not yet closed */
  guint kept = 0;

  for (glong i = 0; i <= (glong) text->len; i++)
    {
      gunichar c = at (text, i);
      glong stray = -1;

      if (c == 0x201C)
        {
          stray = open;  /* two opening marks: the first has no partner */
          open = i;
        }
      else if (c == 0x201D)
        {
          if (open < 0)
            stray = i;
          open = -1;
        }
      else if (i == (glong) text->len || ends_paragraph (text, i))
        {
          stray = open;
          open = -1;
        }
      if (stray >= 0 && after_gap (text, stray))
        g_array_index (text, gunichar, stray) = DROPPED;
    }
  for (guint i = 0; i < text->len; i++)
    if (g_array_index (text, gunichar, i) != DROPPED)
      g_array_index (text, gunichar, kept++) = g_array_index (text, gunichar, i);
  g_array_set_size (text, kept);
}

/* Pass 2: marks among digits that the model reads for others, from @in
 * into @out. */
static void
fix_digit_marks (const GArray *in, GArray *out)
{
  guint open_squares = 0;  /* [ not yet closed on this line */

  for (glong i = 0; i < (glong) in->len; i++)
    {
      gunichar c = at (in, i);
      gunichar before = out->len > 0
                          ? g_array_index (out, gunichar, out->len - 1)
                          : '\n';
      gunichar after = at (in, i + 1);

      if (is_break (c))
        open_squares = 0;
      else if (c == '[')
        open_squares++;
      else if (c == ']' && open_squares > 0)
        open_squares--;
      /* Two hyphens are the typewriter's dash; no number has them. */
      else if (c == '-' && after == '-' && is_digit (before)
               && is_digit (at (in, i + 2)))
        {
          c = 0x2014;
          i++;
        }
      /* The model reads the digit 1 (a stroke with a foot) as ], and
       * sometimes reads it twice, as 1 and as ]: 第]页, 11]月.  A ] that
       * closes nothing, among Chinese or numbers, is that 1. */
      else if (c == ']'
               && (is_cjk (before) || is_cjk (after) || is_digit (before)
                   || is_digit (after)))
        {
          if (before == '1' || after == '1')
            continue;
          c = '1';
        }
      g_array_append_val (out, c);
    }
}

/* Pass 3: an opening bracket of the wrong kind whose partner is ） or ).
 * Brackets come in pairs of one kind, and the closing parenthesis is the
 * one the model reads reliably, so the pair is a parenthesis: 〈复印件）
 * is （复印件）.  《劳动合同法》 keeps its own partner and stays.  Pairs
 * are taken whatever their kinds, within a paragraph (a bracket may wrap
 * to the next line), in one pass with a stack of the open ones. */
static void
fix_brackets (GArray *text)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (glong));

  for (glong i = 0; i < (glong) text->len; i++)
    {
      gunichar c = at (text, i);
      glong opener;

      if (ends_paragraph (text, i))
        g_array_set_size (open, 0);
      else if (is_opening (c))
        g_array_append_val (open, i);
      else if (is_closing (c) && open->len > 0)
        {
          opener = g_array_index (open, glong, open->len - 1);
          g_array_set_size (open, open->len - 1);
          if (!looks_like_parenthesis (at (text, opener)))
            continue;
          if (c == 0xFF09)
            g_array_index (text, gunichar, opener) = 0xFF08;
          else if (c == ')')
            g_array_index (text, gunichar, opener) = '(';
        }
    }
}

/* TRUE when @i is the first character of the text or of a paragraph:
 * Tesseract ends a paragraph with an empty line. */
static gboolean
starts_paragraph (const GArray *text, glong i)
{
  glong j = i - 1;

  while (is_blank (at (text, j)))
    j--;
  if (j < 0)
    return TRUE;
  if (!is_break (at (text, j)))
    return FALSE;
  for (j--; is_blank (at (text, j)); j--)
    ;
  return j < 0 || is_break (at (text, j));
}

/* TRUE when a Chinese clause may start after @c: a line break or a
 * full-width mark that ends a clause or a list entry. */
static gboolean
opens_clause (gunichar c)
{
  return is_break (c) || c == 0x3002 || c == 0x3001  /* 。、 */
         || c == 0xFF0C || c == 0xFF1A || c == 0xFF1B  /* ，：； */
         || c == 0xFF01 || c == 0xFF1F;                /* ！？ */
}

/* TRUE when the '.' at @i ends the number of an entry in a list, as in
 * 附：1.劳动合同；2. 2022年工资流水: a number of one or two digits at the
 * start of a clause, then Chinese text.  It cannot be a decimal point
 * (no digit follows it directly) or a Latin full stop (Chinese follows). */
static gboolean
is_list_point (const GArray *text, glong i)
{
  glong first = i;
  gunichar next = nearest (text, i, 1);

  while (first > 0 && is_digit (at (text, first - 1)))
    first--;
  if (first == i || i - first > 2)
    return FALSE;
  if (!opens_clause (nearest (text, first, -1)))
    return FALSE;
  if (is_cjk (next))
    return TRUE;
  /* A list entry may start with a number (2. 2022年): then the space
   * tells it from 2.2022, and the clause mark before it from a number
   * that ends a line. */
  return is_digit (next) && is_blank (at (text, i + 1))
         && !is_break (nearest (text, first, -1));
}

/* Pass 4: punctuation by context. */
static void
fix_punctuation (GArray *text)
{
  gboolean quote_open = FALSE;

  for (glong i = 0; i < (glong) text->len; i++)
    {
      gunichar c = at (text, i);
      gunichar before = at (text, i - 1);
      gunichar after = at (text, i + 1);
      gunichar *slot = &g_array_index (text, gunichar, i);

      if (is_break (c))
        {
          quote_open = FALSE;
          continue;
        }
      /* The model reads a dash between numbers as the numeral 一, which
       * Chinese never writes between Arabic digits: 2024.1一3 and 6一7月
       * are ranges, set with the dash (GB/T 15834-2011, 连接号). */
      if (c == 0x4E00 && is_digit (before) && is_digit (after))
        {
          *slot = 0x2014;
          continue;
        }
      /* A paragraph that opens with 一一 is a subtitle led by the dash
       * (破折号, two em dashes): the adverb 一一 ("one by one") follows
       * its subject and never opens a paragraph. */
      if (c == 0x4E00 && after == 0x4E00 && starts_paragraph (text, i))
        {
          *slot = 0x2014;
          g_array_index (text, gunichar, i + 1) = 0x2014;
          i++;
          continue;
        }
      if (half_width (c) && is_digit (before) && is_digit (after)
          && (c != 0xFF0C || separates_thousands (text, i)))
        {
          *slot = half_width (c);
          continue;
        }
      /* The point after a list number in Chinese text is full-width, as
       * the other marks: 1．, the form the format of official documents
       * (GB/T 9704-2012, 7.3.3) gives the third level of numbering. */
      if (c == '.' && is_list_point (text, i))
        {
          *slot = 0xFF0E;
          continue;
        }
      /* A full stop read as a point (孩子.我们): after a Chinese character,
       * before one, a line break or the end.  Numbers, Latin and an
       * ellipsis of points keep theirs. */
      if (c == '.' && is_han_like (nearest (text, i, -1)))
        {
          gunichar next = nearest (text, i, 1);

          if (next == 0 || next == '\n' || is_han_like (next))
            *slot = 0x3002;
          continue;
        }
      if (c == '(' || c == ')')
        {
          glong other = matching_bracket (text, i, c == '(' ? 1 : -1);
          glong from = other < 0 ? i : MIN (i, other);
          glong to = other < 0 ? i : MAX (i, other);
          if (is_cjk (nearest (text, from, -1))
              || is_cjk (nearest (text, to, 1))
              || span_has_cjk (text, from, to))
            {
              /* Both of the pair, so no （1) is left half done. */
              for (glong k = 0; k < 2; k++)
                {
                  glong j = k == 0 ? from : to;
                  gunichar wide = full_width (at (text, j));
                  if (wide != 0)
                    g_array_index (text, gunichar, j) = wide;
                }
            }
          continue;
        }
      if (c == '"')
        {
          if (is_cjk (before) || is_cjk (after))
            *slot = quote_open ? 0x201D : 0x201C;
          quote_open = !quote_open;
          continue;
        }
      /* Tesseract often sets a mark apart with a space (签字) :); the
       * context is the text beyond it, on the same line. */
      before = nearest (text, i, -1);
      after = nearest (text, i, 1);
      if (full_width (c) && (is_cjk (before) || is_cjk (after))
          && !(is_digit (before) && is_digit (after)))
        *slot = full_width (c);
    }
}

char *
xf_ocr_tidy_text (const char *text)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) read = NULL;
  g_autoptr(GArray) unspaced = NULL;
  g_autoptr(GArray) work = NULL;
  g_autoptr(GArray) tidy = NULL;
  glong n = 0;

  chars = g_utf8_to_ucs4 (text, -1, NULL, &n, NULL);
  if (chars == NULL)
    return g_strdup (text);

  read = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), (guint) n);
  g_array_append_vals (read, chars, (guint) n);
  drop_stray_quotes (read);
  unspaced = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), read->len);
  drop_blanks ((const gunichar *) read->data, read->len, unspaced);
  work = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), unspaced->len);
  fix_digit_marks (unspaced, work);
  fix_brackets (work);
  fix_punctuation (work);
  /* Again, now that the marks set full-width belong to the Chinese. */
  tidy = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), work->len);
  drop_blanks ((const gunichar *) work->data, work->len, tidy);
  GString *out = g_string_sized_new ((gsize) n * 3);
  for (guint i = 0; i < tidy->len; i++)
    g_string_append_unichar (out, g_array_index (tidy, gunichar, i));
  return g_string_free (out, FALSE);
}

/* Putting back the gaps of a table, from Tesseract's word boxes. */

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* TRUE when @text opens with a quotation mark glued to a letter, digit or
 * Chinese character, the shape of the marks the model makes up at gaps. */
static gboolean
opens_with_glued_quote (const char *text)
{
  gunichar c = g_utf8_get_char (text);

  if (c != 0x201C && c != 0x201D)
    return FALSE;
  return g_unichar_isalnum (g_utf8_get_char (g_utf8_next_char (text)));
}

char *
xf_ocr_space_gaps (const char *raw, const GArray *words)
{
  g_autoptr(GArray) heights = NULL;
  GString *out;
  const char *at_raw = raw;
  const XfOcrWord *previous = NULL;
  int height;

  g_return_val_if_fail (raw != NULL && words != NULL, NULL);
  if (words->len == 0)
    return g_strdup (raw);
  /* The page's character height, which a title or a stray blob moves
   * little: the median of its words' heights. */
  heights = g_array_sized_new (FALSE, FALSE, sizeof (int), words->len);
  for (guint i = 0; i < words->len; i++)
    g_array_append_val (heights, g_array_index (words, XfOcrWord, i).box[3]);
  g_array_sort (heights, compare_int);
  height = g_array_index (heights, int, heights->len / 2);

  out = g_string_sized_new (strlen (raw) + 64);
  for (guint i = 0; i < words->len; i++)
    {
      const XfOcrWord *word = &g_array_index (words, XfOcrWord, i);
      const char *start = at_raw;
      gsize length = strlen (word->text);

      while (*start == ' ' || *start == '\n')
        start++;
      if (strncmp (start, word->text, length) != 0)
        {
          /* Not the text the words were read into: leave it as it is. */
          g_string_free (out, TRUE);
          return g_strdup (raw);
        }
      g_string_append_len (out, at_raw, start - at_raw);
      /* Half a character height is more than Chinese text, solid or
       * justified, leaves between characters.  A real “ may stand as
       * far from the word before (it sits in the right half of its
       * cell), but it has a partner, and the tidy-up keeps it. */
      if (start == at_raw && previous != NULL
          && opens_with_glued_quote (word->text)
          && word->box[0] - (previous->box[0] + previous->box[2])
               > height / 2)
        g_string_append_c (out, ' ');
      g_string_append_len (out, start, (gssize) length);
      at_raw = start + length;
      previous = word;
    }
  g_string_append (out, at_raw);
  return g_string_free (out, FALSE);
}
