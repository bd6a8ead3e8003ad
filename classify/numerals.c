/* Reading numbers as letters write them: Arabic digits, Chinese numerals
 * with their units, financial numerals, and the two mixed (2.7万, 1万2千).
 * One reader for amounts and headcounts alike, so both agree on 三千五. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <math.h>

/* Past this many Arabic digits it is an ID, a card or a phone, never an
 * amount or a count; and doubles stay exact. */
#define MAX_ARABIC_DIGITS 15

#define NO_VALUE (-1.0)

/* The value of a Chinese digit (零〇 to 九, 两, 幺 and the financial
 * forms), or -1. */
int
xf_classify_chinese_digit (gunichar c)
{
  switch (c)
    {
    case 0x96F6: case 0x3007:                     /* 零 〇 */
      return 0;
    case 0x4E00: case 0x58F9: case 0x5E7A:        /* 一 壹 幺 */
      return 1;
    case 0x4E8C: case 0x4E24: case 0x8D30: case 0x8CB3: /* 二 两 贰 貳 */
      return 2;
    case 0x4E09: case 0x53C1: case 0x53C4:        /* 三 叁 參 */
      return 3;
    case 0x56DB: case 0x8086:                     /* 四 肆 */
      return 4;
    case 0x4E94: case 0x4F0D:                     /* 五 伍 */
      return 5;
    case 0x516D: case 0x9646: case 0x9678:        /* 六 陆 陸 */
      return 6;
    case 0x4E03: case 0x67D2:                     /* 七 柒 */
      return 7;
    case 0x516B: case 0x634C:                     /* 八 捌 */
      return 8;
    case 0x4E5D: case 0x7396:                     /* 九 玖 */
      return 9;
    default:
      return -1;
    }
}

/* 十百千 and their financial forms, or 0. */
static double
small_unit (gunichar c)
{
  switch (c)
    {
    case 0x5341: case 0x62FE:                     /* 十 拾 */
      return 10;
    case 0x767E: case 0x4F70:                     /* 百 佰 */
      return 100;
    case 0x5343: case 0x4EDF:                     /* 千 仟 */
      return 1000;
    default:
      return 0;
    }
}

/* 万 and 亿, or 0. */
static double
big_unit (gunichar c)
{
  switch (c)
    {
    case 0x4E07: case 0x842C:                     /* 万 萬 */
      return 1e4;
    case 0x4EBF: case 0x5104:                     /* 亿 億 */
      return 1e8;
    default:
      return 0;
    }
}

#define CHAR_DUO 0x591A   /* 多 */
#define CHAR_YU 0x4F59    /* 余 */
#define CHAR_LAI 0x6765   /* 来 */
#define CHAR_JI 0x51E0    /* 几 */

/* Whether @c[@i] is 元 or 块 and not a price by the unit (7.856元/升,
 * 7.856元一升, 元每度). */
static gboolean
yuan_at (const gunichar *c, gsize n, gsize i)
{
  return i < n && (c[i] == 0x5143 /* 元 */ || c[i] == 0x5757 /* 块 */)
         && (i + 1 >= n || (c[i + 1] != '/' && c[i + 1] != 0x4E00 /* 一 */
                            && c[i + 1] != 0x6BCF /* 每 */));
}

/* Whether @c[@i] is 百 or 千 standing for one hundred or one thousand with
 * no digit before it, as a rough count is written: 百余名, 千余人, 近百人,
 * 百余万元, 百万元.  Not 千万 on its own (千万不要: never). */
static gboolean
lone_hundreds_at (const gunichar *c, gsize n, gsize i)
{
  double small = i < n ? small_unit (c[i]) : 0;
  gunichar next = i + 1 < n ? c[i + 1] : 0;
  gunichar after = i + 2 < n ? c[i + 2] : 0;

  if (small != 100 && small != 1000)
    return FALSE;
  if (next == CHAR_YU || next == CHAR_DUO || next == CHAR_LAI
      || next == 0x540D /* 名 */ || next == 0x4EBA /* 人 */)
    return TRUE;
  return big_unit (next) == 1e4
         && (after == 0x5143 /* 元 */ || after == CHAR_YU || after == CHAR_DUO);
}

/* Where thousands groups set off by @separator end, with @i at the first
 * one; or 0 when these are no such groups.  A full stop: 42.100元,
 * 1.234.567元, 42.100.50元 (a recogniser reads a faxed comma as a full
 * stop, and a sum of money has no third decimal place).  A full-width
 * comma, as a Chinese keyboard types it: 35，000元, 125，600.50元 (elsewhere
 * it parts clauses).  Either way, groups of exactly three that run up to
 * 元 or 块, or to two decimal places and 元, are thousands. */
static gsize
separated_groups_end (const gunichar *c, gsize n, gsize i, gunichar separator)
{
  gsize cents;
  gsize groups = 0;

  /* No more groups than a sum may have digits: a long run of them is no
   * sum, and is not read to its end from each of its groups. */
  while (groups++ < MAX_ARABIC_DIGITS / 3
         && i + 3 < n && c[i] == separator && xf_classify_is_digit (c[i + 1])
         && xf_classify_is_digit (c[i + 2]) && xf_classify_is_digit (c[i + 3]))
    {
      i += 4;
      if (yuan_at (c, n, i) || (i < n && c[i] == ' ' && yuan_at (c, n, i + 1)))
        return i;
    }
  if (i + 1 >= n || c[i] != '.')
    return 0;
  for (cents = i + 1; cents < n && cents < i + 4 && xf_classify_is_digit (c[cents]); cents++)
    ;
  return cents > i + 1 && cents <= i + 3 && yuan_at (c, n, cents) ? i : 0;
}

/* Reads Arabic digits at @i: 4800, 4,800 (groups of exactly three; set off
 * by full stops, as a fax is misread, before 元: 4.800元), 2.7.
 * Returns the index after them, or @i when there are none or too many. */
static gsize
read_arabic (const XfText *text, gsize i, double *value)
{
  const gunichar *c = text->chars;
  gsize n = text->length;
  gsize start = i;
  gsize digits = 0;
  double whole = 0;
  gsize j = i;
  gsize end;
  guint groups = 0;

  /* A scanner's stray spaces between any digits of a sum (3 6 5OO元):
   * short groups run right up to 元 or 块. */
  while (j < n && xf_classify_is_digit (c[j]) && digits <= MAX_ARABIC_DIGITS)
    {
      gsize run = j;

      while (j < n && xf_classify_is_digit (c[j]))
        j++;
      if (j - run > 3)
        break;
      groups++;
      digits += j - run;
      if (j + 1 < n && c[j] == ' ' && xf_classify_is_digit (c[j + 1]))
        j++;
      else
        break;
    }
  if (groups >= 2 && digits <= MAX_ARABIC_DIGITS && j < n
      && (c[j] == 0x5143 /* 元 */ || c[j] == 0x5757 /* 块 */))
    {
      for (; i < j; i++)
        if (c[i] != ' ')
          whole = whole * 10 + (c[i] - '0');
      *value = whole;
      return j;
    }
  digits = 0;

  while (i < n && xf_classify_is_digit (c[i]))
    {
      whole = whole * 10 + (c[i] - '0');
      i++;
      digits++;
    }
  /* Thousands groups only after a first group of one to three digits,
   * set off by commas, or by spaces as a scanner leaves them (9 8OO元;
   * a phone's groups of four are no such groups). */
  if (digits <= 3)
    while (digits <= MAX_ARABIC_DIGITS && i + 3 < n
           && (c[i] == ',' || c[i] == ' ')
           && xf_classify_is_digit (c[i + 1]) && xf_classify_is_digit (c[i + 2])
           && xf_classify_is_digit (c[i + 3])
           && (i + 4 >= n || !xf_classify_is_digit (c[i + 4]))
           && (c[i] == ',' || i + 4 >= n || c[i + 4] != ' '
               || i + 5 >= n || !xf_classify_is_digit (c[i + 5])))
      {
        whole = whole * 1000 + (c[i + 1] - '0') * 100 + (c[i + 2] - '0') * 10
                + (c[i + 3] - '0');
        digits += 3;
        i += 4;
      }
  /* A first group of 0 is a fraction of a yuan (0.588元), never thousands. */
  if (digits <= 3 && whole > 0
      && (end = separated_groups_end (c, n, i, i < n && c[i] == 0xFF0C /* ， */
                                                 ? 0xFF0C : '.')) > 0)
    for (; i < end; i += 4)
      {
        whole = whole * 1000 + (c[i + 1] - '0') * 100 + (c[i + 2] - '0') * 10
                + (c[i + 3] - '0');
        digits += 3;
      }
  if (digits > MAX_ARABIC_DIGITS)
    return start;
  if (i + 1 < n && c[i] == '.' && xf_classify_is_digit (c[i + 1]))
    {
      double scale = 0.1;

      i++;
      while (i < n && xf_classify_is_digit (c[i]))
        {
          whole += (c[i] - '0') * scale;
          scale /= 10;
          i++;
        }
    }
  *value = whole;
  return i;
}

gboolean
xf_classify_number_starts (const XfText *text, gsize at)
{
  gunichar c;
  gunichar before;

  if (at >= text->length)
    return FALSE;
  c = text->chars[at];
  if (!xf_classify_is_digit (c) && xf_classify_chinese_digit (c) < 0 && small_unit (c) != 10
      && c != CHAR_JI && !lone_hundreds_at (text->chars, text->length, at))
    return FALSE;
  if (at == 0)
    return TRUE;
  before = text->chars[at - 1];
  return !xf_classify_is_digit (before) && xf_classify_chinese_digit (before) < 0
         && small_unit (before) == 0 && big_unit (before) == 0
         && before != '.' && before != CHAR_JI;
}

gboolean
xf_classify_read_number (const XfText *text, gsize start, XfNumber *number)
{
  const gunichar *c = text->chars;
  gsize n = text->length;
  gsize i = start;
  double total = 0;        /* the 亿 and 万 groups closed so far */
  double section = 0;      /* below 万, in the group being read */
  double pending = NO_VALUE;  /* a digit not yet multiplied by a unit */
  double last_small = 0;   /* the last 十百千 in this group, for order */
  double last_big = 0;     /* the last 万亿, for order */
  double last_unit = 0;    /* the unit just before @pending, for 三千五 */
  gboolean zero_seen = FALSE;    /* 零 since the last unit: 一万零五 */
  gboolean pending_chinese = FALSE;
  gboolean pending_single = FALSE;   /* one digit character: 三千五 */
  gboolean positional = FALSE;   /* 二〇二四: digits with no unit */
  gboolean any = FALSE;
  gboolean vague_lead = FALSE;
  gboolean definite = FALSE;
  gboolean after_suffix = FALSE;

  g_return_val_if_fail (number != NULL, FALSE);
  *number = (XfNumber) { 0 };

  while (i < n)
    {
      gunichar ch = c[i];
      int digit = xf_classify_chinese_digit (ch);
      double small = small_unit (ch);
      double big = big_unit (ch);

      if (after_suffix && (xf_classify_is_digit (ch) || digit >= 0 || small > 0))
        break;                                     /* 多 ends the digits */

      if (xf_classify_is_digit (ch))
        {
          double value;
          gsize next;

          if (pending != NO_VALUE)
            break;
          next = read_arabic (text, i, &value);
          if (next == i)
            {
              if (!any)
                return FALSE;
              break;
            }
          pending = value;
          pending_chinese = FALSE;
          pending_single = next == i + 1;
          number->arabic = TRUE;
          definite = TRUE;
          any = TRUE;
          i = next;
          continue;
        }

      if (digit == 0 && pending == NO_VALUE && any)
        {
          zero_seen = TRUE;                        /* 一万零五百 */
          i++;
          continue;
        }

      if (digit >= 0)
        {
          if (pending != NO_VALUE)
            {
              if (!pending_chinese || last_unit > 0)
                break;
              if (!positional && pending < 10 && digit == (int) pending + 1)
                {
                  /* 一两个, 三四十: a range; the lower end stands. */
                  number->approximate = TRUE;
                  i++;
                  continue;
                }
              /* Digits running with no unit: a year or a code written
               * out (二〇二四). */
              positional = TRUE;
              pending = pending * 10 + digit;
            }
          else
            {
              pending = digit;
              pending_chinese = TRUE;
              pending_single = TRUE;
            }
          definite = TRUE;
          any = TRUE;
          i++;
          continue;
        }

      if (ch == CHAR_JI)
        {
          /* 几十, 十几万: a figure nobody knows exactly. */
          if (pending != NO_VALUE)
            break;
          if (!any)
            vague_lead = TRUE;
          pending = 0;
          pending_chinese = TRUE;
          pending_single = FALSE;
          number->approximate = TRUE;
          number->vague = TRUE;
          any = TRUE;
          i++;
          continue;
        }

      if (small > 0)
        {
          if (positional || (last_small > 0 && small >= last_small))
            break;
          /* 百 or 千 leading a rough count (百余名); nothing read before
           * it, so nothing pends either. */
          gboolean lead = !any && lone_hundreds_at (c, n, i);

          if (pending == NO_VALUE)
            {
              /* Only 十 stands without a digit before it (十五), and 百
               * and 千 leading a rough count. */
              if ((small != 10 && !lead)
                  || (any && !zero_seen && last_big == 0))
                {
                  if (!any)
                    return FALSE;
                  break;
                }
              pending = 1;
            }
          /* 十 is ten, and 百余 a hundred and more: a figure given. */
          if ((small == 10 || lead) && !vague_lead)
            definite = TRUE;
          section += pending * small;
          pending = NO_VALUE;
          last_small = small;
          last_unit = small;
          zero_seen = FALSE;
          any = TRUE;
          number->has_unit = TRUE;
          i++;
          continue;
        }

      if (big > 0)
        {
          if (!any || positional || (last_big > 0 && big >= last_big))
            {
              if (!any)
                return FALSE;
              break;
            }
          if (pending != NO_VALUE)
            section += pending;
          if (big == 1e8)
            total = (total + section) * big;
          else
            total += section * big;
          section = 0;
          pending = NO_VALUE;
          last_small = 0;
          last_big = big;
          last_unit = big;
          zero_seen = FALSE;
          number->has_unit = TRUE;
          i++;
          continue;
        }

      /* l2.6 万: a scanner's space between digits and their 万. */
      if (ch == ' ' && pending != NO_VALUE && !pending_chinese && i + 1 < n
          && big_unit (c[i + 1]) > 0)
        {
          i++;
          continue;
        }

      /* 6.2k, 1.5w: the thousands and ten thousands of a quick e-mail,
       * after Arabic digits alone (not 5kg, 3km, 2KB). */
      if ((ch == 'k' || ch == 'K' || ch == 'w' || ch == 'W')
          && pending != NO_VALUE && !pending_chinese && last_unit == 0
          && !after_suffix
          && !(i + 1 < n && c[i + 1] < 0x80 && g_ascii_isalpha ((gchar) c[i + 1])))
        {
          pending *= (ch == 'k' || ch == 'K') ? 1e3 : 1e4;
          number->has_unit = TRUE;
          i++;
          break;
        }

      if ((ch == CHAR_DUO || ch == CHAR_YU || ch == CHAR_LAI) && any
          && !after_suffix)
        {
          /* 来 only after a unit or Arabic digits: 一来 is "firstly". */
          if (ch == CHAR_LAI && pending_chinese && pending != NO_VALUE)
            break;
          number->approximate = TRUE;
          after_suffix = TRUE;
          i++;
          continue;
        }
      break;
    }

  if (!any)
    return FALSE;

  if (pending != NO_VALUE)
    {
      /* 三千五, 一万五, 两百五: a lone digit after a unit stands for the
       * next unit down, unless 零 came between. */
      if (pending_single && !positional && last_unit >= 100 && !zero_seen)
        section += pending * last_unit / 10;
      else
        section += pending;
    }
  number->value = round ((total + section) * 1000) / 1000;
  number->end = i;
  number->has_digit = definite && !vague_lead;
  return TRUE;
}
