/* The petitioner's fields: the checks for an ID number (GB 11643) and a
 * phone number, finding the first of each in a letter's free text (reading
 * OCR look-alikes such as O for 0 inside numbers), and the one entry point
 * that runs every field's finder (names.c, employer.c, amount.c,
 * headcount.c). */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"
#include "common/common.h"

#include <string.h>

const char *const xf_field_names[] = {
  "name", "id_number", "phone", "employer", "amount_yuan", "headcount",
  "address", "uscc", NULL,
};

#define ID_LENGTH 18
#define LEGACY_ID_LENGTH 15

/* Anything longer cannot be an ID or a phone, however it is spaced; checked
 * before the input is copied so a huge field costs nothing. */
#define MAX_CHECK_BYTES 256

/* +86 plus a 4-digit area code and an 8-digit number is 14 digits; a few
 * more leaves room for the error to say "too many digits" rather than
 * something stranger. */
#define PHONE_MAX_DIGITS 20

/* How many digit groups ("138 1234 5678", "+86 10 6512 3456") a phone may be
 * written in, and how many spaces or dashes may join two groups. */
#define PHONE_MAX_GROUPS 8
#define PHONE_MAX_SEPARATORS 3

/* Rule certainties, before the OCR confidence scales them.  A legacy
 * 15-digit ID carries no check digit, so only its birth date vouches for it;
 * a landline has more ways to be some other number than a mobile does. */
#define CERTAINTY_ID_CHECKED 0.95
#define CERTAINTY_ID_LEGACY 0.7
#define CERTAINTY_MOBILE 0.9
#define CERTAINTY_LANDLINE 0.8

/* A value that passed only after look-alike swaps (O read for 0) is
 * likelier wrong: the clerk sees it sooner.  How many swaps a value may
 * need is settled where the text is read (text.c): as many as its real
 * digits, since OCR of one bad fax misreads every 0 of a number alike. */
#define REPAIRED_FACTOR 0.75

/* What fold_to_ascii() writes for a character that is none of the ASCII
 * forms we match; it must not be a digit, letter, '+', '-' or space. */
#define FOLD_OTHER '\x1a'

typedef enum {
  PHONE_MOBILE,
  PHONE_LANDLINE,
} PhoneKind;

gboolean
xf_field_name_is_known (const char *name)
{
  /* NULL is simply not a field name; callers pass names read from JSON. */
  if (name == NULL)
    return FALSE;
  for (gsize i = 0; xf_field_names[i] != NULL; i++)
    if (strcmp (xf_field_names[i], name) == 0)
      return TRUE;
  return FALSE;
}

void
xf_field_free (XfField *field)
{
  if (field == NULL)
    return;
  g_free (field->value);
  g_free (field);
}

/* Letters typed on a Chinese keyboard, and OCR of faxes, often give
 * full-width digits (０-９), letters, '＋' and '－', and Chinese dashes between
 * the parts of a phone number.  Returns one byte per code point of @text:
 * the ASCII form where there is one, FOLD_OTHER otherwise (Chinese text,
 * invalid UTF-8 bytes), so no multi-byte sequence can ever look like a digit.
 * The result is never longer than @length bytes; free with g_free(). */
static char *
fold_to_ascii (const char *text, gsize length, gsize *folded_length)
{
  char *folded = g_malloc (length + 1);
  const char *p = text;
  const char *end = text + length;
  gsize n = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* A broken byte stands for one unknown character, and scanning
           * goes on: one bad byte from a fax must not hide a phone. */
          folded[n++] = FOLD_OTHER;
          p++;
          continue;
        }
      if (c < 0x80)
        folded[n++] = (char) c;
      else if (c >= 0xFF01 && c <= 0xFF5E)        /* full-width ASCII */
        folded[n++] = (char) (c - 0xFEE0);
      else if (c == 0x3000 || c == 0x00A0)        /* ideographic, no-break space */
        folded[n++] = ' ';
      else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) /* dashes, minus */
        folded[n++] = '-';
      else
        folded[n++] = FOLD_OTHER;
      p = g_utf8_next_char (p);
    }
  folded[n] = '\0';
  *folded_length = n;
  return folded;
}

/* Folds @text and strips the spaces around it, for the check functions.
 * Returns NULL with @error set when @text is too long to be worth reading. */
static char *
fold_field (const char *text, const char *what, gsize *folded_length,
            GError **error)
{
  gsize length = strlen (text);
  char *folded;

  if (length > MAX_CHECK_BYTES)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "wrong length: %" G_GSIZE_FORMAT " bytes is too long for %s",
                   length, what);
      return NULL;
    }
  folded = fold_to_ascii (text, length, folded_length);
  g_strstrip (folded);
  *folded_length = strlen (folded);
  return folded;
}

/* The GB 11643 MOD 11-2 check character of the first 17 digits. */
static char
id_check_char (const char *digits)
{
  static const int weights[ID_LENGTH - 1] = {
    7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
  };
  static const char check_chars[] = "10X98765432";
  int sum = 0;

  for (gsize i = 0; i < ID_LENGTH - 1; i++)
    sum += (digits[i] - '0') * weights[i];
  return check_chars[sum % 11];
}

static int
parse_digits (const char *digits, gsize count)
{
  int value = 0;

  for (gsize i = 0; i < count; i++)
    value = value * 10 + (digits[i] - '0');
  return value;
}

/* Checks the eight digits YYYYMMDD of a birth date: a real calendar day,
 * not before 1900 and not after today. */
static gboolean
check_birth_date (const char *date, GError **error)
{
  int year = parse_digits (date, 4);
  int month = parse_digits (date + 4, 2);
  int day = parse_digits (date + 6, 2);
  g_autoptr(GDateTime) now = NULL;
  int this_year, this_month, this_day;

  /* Range-check before the casts to GDate's types, which would otherwise
   * wrap a month of 40 into something valid-looking. */
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                            (GDateYear) year))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "birth date %.8s is not a real date", date);
      return FALSE;
    }
  if (year < 1900)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "birth date %.8s is before 1900", date);
      return FALSE;
    }

  now = xf_clock_now ();
  g_date_time_get_ymd (now, &this_year, &this_month, &this_day);
  if (year > this_year
      || (year == this_year
          && (month > this_month || (month == this_month && day > this_day))))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "birth date %.8s is in the future", date);
      return FALSE;
    }
  return TRUE;
}

/* The ID check on already-folded ASCII of exactly @length bytes.  On success
 * sets @normalised (if not NULL) to the 18-character form (g_free). */
static gboolean
check_id_folded (const char *text, gsize length, char **normalised,
                 GError **error)
{
  char id[ID_LENGTH + 1];

  if (length != ID_LENGTH && length != LEGACY_ID_LENGTH)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "wrong length: %" G_GSIZE_FORMAT " characters, expected 18 "
                   "(or 15 for a legacy number)", length);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      gboolean last_of_18 = length == ID_LENGTH && i == ID_LENGTH - 1;

      if (g_ascii_isdigit (text[i]))
        continue;
      if (last_of_18 && (text[i] == 'X' || text[i] == 'x'))
        continue;
      /* The position, not the character: an ID never goes into a message. */
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   last_of_18 ? "character %" G_GSIZE_FORMAT " is not a digit or X"
                              : "character %" G_GSIZE_FORMAT " is not a digit",
                   i + 1);
      return FALSE;
    }

  if (length == LEGACY_ID_LENGTH)
    {
      /* Legacy numbers (before 1999) wrote the birth year as YY, always
       * 19YY, and had no check digit: insert the century and compute it. */
      memcpy (id, text, 6);
      id[6] = '1';
      id[7] = '9';
      memcpy (id + 8, text + 6, LEGACY_ID_LENGTH - 6);
      id[ID_LENGTH - 1] = id_check_char (id);
    }
  else
    {
      memcpy (id, text, ID_LENGTH);
      id[ID_LENGTH - 1] = g_ascii_toupper (id[ID_LENGTH - 1]);
    }
  id[ID_LENGTH] = '\0';

  if (!check_birth_date (id + 6, error))
    return FALSE;

  if (length == ID_LENGTH)
    {
      char expected = id_check_char (id);

      if (id[ID_LENGTH - 1] != expected)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "check digit should be %c, not %c", expected,
                       id[ID_LENGTH - 1]);
          return FALSE;
        }
    }

  if (normalised != NULL)
    *normalised = g_strdup (id);
  return TRUE;
}

gboolean
xf_classify_check_id_number (const char *text, char **normalised,
                             GError **error)
{
  g_autofree char *folded = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = fold_field (text, "an ID number", &length, error);
  if (folded == NULL)
    return FALSE;
  return check_id_folded (folded, length, normalised, error);
}

static gboolean
is_mobile_prefix (const char *digits, gsize count)
{
  return count >= 2 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

/* @digits is a national number starting with the trunk 0.  Area codes are
 * 010 and 02x (three digits with the 0), all others 0[3-9]xx; the local
 * number that follows has 7 or 8 digits and does not start with 0. */
static char *
parse_landline (const char *digits, gsize count, GError **error)
{
  gsize area_length;
  const char *local;
  gsize local_length;

  if (count >= 3 && digits[1] == '1' && digits[2] == '0')
    area_length = 3;
  else if (count >= 2 && digits[1] == '2')
    area_length = 3;
  else if (count >= 2 && digits[1] >= '3')
    area_length = 4;
  else
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "not a Chinese area code: 010, 02x or 0[3-9]xx expected");
      return NULL;
    }
  if (count < area_length)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "an area code alone is not a phone number");
      return NULL;
    }

  local = digits + area_length;
  local_length = count - area_length;
  if (local_length < 7 || local_length > 8)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "a local number after area code %.*s has 7 or 8 digits, "
                   "not %" G_GSIZE_FORMAT,
                   (int) area_length, digits, local_length);
      return NULL;
    }
  /* A 0 here means the digits were split wrongly or two numbers ran
   * together.  (Real local numbers do not start with 1 either, but letters
   * and forms use 010-12345678-style examples, so 1 is let through.) */
  if (local[0] == '0')
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "a local number does not start with 0");
      return NULL;
    }
  return g_strdup_printf ("%.*s-%.*s", (int) area_length, digits,
                          (int) local_length, local);
}

/* The phone check on already-folded ASCII of @length bytes.  Returns the
 * normalised number (g_free) and its kind, or NULL with @error set. */
static char *
parse_phone (const char *text, gsize length, PhoneKind *kind, GError **error)
{
  char digits[PHONE_MAX_DIGITS + 1];
  gsize count = 0;
  gsize i = 0;
  gboolean plus = FALSE;
  gboolean international = FALSE;
  const char *rest;
  gsize rest_count;

  if (length > 0 && text[0] == '+')
    {
      plus = TRUE;
      i = 1;
    }
  for (; i < length; i++)
    {
      char c = text[i];

      if (g_ascii_isdigit (c))
        {
          if (count == PHONE_MAX_DIGITS)
            {
              g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                                   "too many digits for a phone number");
              return NULL;
            }
          digits[count++] = c;
        }
      else if (c == ' ' || c == '-')
        {
          /* Separators group the digits; they may not start or end it. */
          if (count == 0 || i + 1 == length)
            {
              g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                                   "a space or '-' may only stand between digits");
              return NULL;
            }
        }
      else
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "character %" G_GSIZE_FORMAT " is not a digit, space or '-'",
                       i + 1);
          return NULL;
        }
    }
  digits[count] = '\0';

  rest = digits;
  rest_count = count;
  if (plus)
    {
      if (count < 2 || digits[0] != '8' || digits[1] != '6')
        {
          g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                               "only Chinese numbers (+86) are accepted");
          return NULL;
        }
      international = TRUE;
      rest += 2;
      rest_count -= 2;
    }
  else if (count > 4 && memcmp (digits, "0086", 4) == 0)
    {
      international = TRUE;
      rest += 4;
      rest_count -= 4;
    }
  else if (count == 13 && digits[0] == '8' && digits[1] == '6'
           && is_mobile_prefix (digits + 2, count - 2))
    {
      /* "86" without + or 00 is only taken before a mobile, where 13
       * digits leave no other reading. */
      rest += 2;
      rest_count -= 2;
    }

  if (strcmp (rest, "12351") == 0)
    {
      /* The union's own hotline turns up in letters quoted from posters;
       * filing it as the petitioner's phone would link unrelated cases. */
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "12351 is the union hotline, not the writer's phone");
      return NULL;
    }
  if (rest_count == 0)
    {
      g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "no digits after the country code");
      return NULL;
    }

  if (is_mobile_prefix (rest, rest_count))
    {
      if (rest_count != 11)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "a mobile number has 11 digits, not %" G_GSIZE_FORMAT,
                       rest_count);
          return NULL;
        }
      *kind = PHONE_MOBILE;
      return g_strdup (rest);
    }
  if (rest[0] == '0')
    {
      *kind = PHONE_LANDLINE;
      return parse_landline (rest, rest_count, error);
    }
  if (international)
    {
      /* After +86 the trunk 0 is dropped: +86 10 6512 3456 is 010. */
      char national[PHONE_MAX_DIGITS + 2];

      national[0] = '0';
      memcpy (national + 1, rest, rest_count + 1);
      *kind = PHONE_LANDLINE;
      return parse_landline (national, rest_count + 1, error);
    }

  /* What is left is not a number that reaches one person: 5- and 6-digit
   * service numbers (12345, 10086, 95588), 400/800 company lines, a local
   * number with no area code.  These are rejected rather than filed. */
  if (rest_count <= 6)
    g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                         "too short for a phone number: service numbers "
                         "are not accepted");
  else if (rest_count == 10
           && (strncmp (rest, "400", 3) == 0 || strncmp (rest, "800", 3) == 0))
    g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                         "400 and 800 numbers are company lines, not the "
                         "writer's phone");
  else if (rest[0] == '1')
    g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                         "a mobile number starts with 13 to 19");
  else
    g_set_error_literal (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                         "a landline needs its area code, starting with 0");
  return NULL;
}

gboolean
xf_classify_check_phone (const char *text, char **normalised, GError **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *value = NULL;
  gsize length;
  PhoneKind kind;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  folded = fold_field (text, "a phone number", &length, error);
  if (folded == NULL)
    return FALSE;
  value = parse_phone (folded, length, &kind, error);
  if (value == NULL)
    return FALSE;
  if (normalised != NULL)
    *normalised = g_steal_pointer (&value);
  return TRUE;
}

static XfField *
field_new (const char *name, char *value, double confidence)
{
  return xf_classify_field_new (name, value, confidence);
}

static guint
count_swaps (const gboolean *swapped, gsize start, gsize end)
{
  guint n = 0;

  for (gsize i = start; i < end; i++)
    n += swapped[i] ? 1 : 0;
  return n;
}

/* Marks @field as repaired when a swap made it, and lowers its confidence. */
static XfField *
mark_repaired (XfField *field, guint swaps)
{
  if (field != NULL && swaps > 0)
    {
      field->repaired = TRUE;
      field->confidence *= REPAIRED_FACTOR;
    }
  return field;
}

/* Finds the first ID number in @folded: a digit run of exactly 18 (the last
 * may be X), or 15 for a legacy number, that passes the check.  A checked
 * 18-digit number anywhere wins over a legacy one, because 15-digit runs are
 * also old business registration numbers and carry no check digit to tell
 * them apart.  The chosen span is overwritten with FOLD_OTHER so that no
 * phone can later be read out of it or run into it.
 * Returns a new field (xf_field_free) or NULL. */
/* An ID that OCR or the writer broke with single spaces ("34240l l986…"):
 * the groups from @start, if there are several and they hold exactly 18
 * characters, copied into @id.  Sets @token_end after the last group. */
static gboolean
spaced_id (const char *folded, gsize length, gsize start, char *id,
           gsize *token_end)
{
  gsize count = 0;
  guint groups = 0;
  gsize i = start;

  for (;;)
    {
      while (i < length && g_ascii_isdigit (folded[i]))
        {
          if (count == ID_LENGTH)
            return FALSE;
          id[count++] = folded[i++];
        }
      groups++;
      if (i + 1 < length && folded[i] == ' ' && g_ascii_isdigit (folded[i + 1]))
        {
          i++;
          continue;
        }
      break;
    }
  if (count == ID_LENGTH - 1 && i < length && (folded[i] == 'X' || folded[i] == 'x')
      && (i + 1 >= length || !g_ascii_isalnum (folded[i + 1])))
    id[count++] = folded[i++];
  if (i < length && g_ascii_isalnum (folded[i]))
    return FALSE;
  id[count] = '\0';
  *token_end = i;
  return groups > 1 && count == ID_LENGTH;
}

static XfField *
find_id_number (char *folded, gsize length, const gboolean *swapped,
                double scale)
{
  g_autofree char *legacy = NULL;
  gsize legacy_start = 0;
  guint legacy_swaps = 0;
  gsize i = 0;

  while (i < length)
    {
      gsize start;
      gsize end;
      guint swaps;
      char spaced[ID_LENGTH + 1];

      if (!g_ascii_isdigit (folded[i]))
        {
          i++;
          continue;
        }
      start = i;
      if (spaced_id (folded, length, start, spaced, &end))
        {
          g_autofree char *value = NULL;

          if (check_id_folded (spaced, ID_LENGTH, &value, NULL))
            {
              swaps = count_swaps (swapped, start, end);
              memset (folded + start, FOLD_OTHER, end - start);
              return mark_repaired (field_new ("id_number",
                                               g_steal_pointer (&value),
                                               CERTAINTY_ID_CHECKED * scale),
                                    swaps);
            }
        }
      while (i < length && g_ascii_isdigit (folded[i]))
        i++;
      end = i;

      if (end < length && (folded[end] == 'X' || folded[end] == 'x'))
        {
          /* An X belongs only after 17 digits, and must end the word: in
           * "…X3" or "…Xiao" it is part of something else. */
          gboolean alone = end + 1 >= length
                           || !g_ascii_isalnum (folded[end + 1]);

          if (end - start != ID_LENGTH - 1 || !alone)
            continue;
          end++;
          i = end;
        }

      swaps = count_swaps (swapped, start, end);
      if (end - start == ID_LENGTH)
        {
          g_autofree char *value = NULL;

          if (check_id_folded (folded + start, ID_LENGTH, &value, NULL))
            {
              memset (folded + start, FOLD_OTHER, ID_LENGTH);
              return mark_repaired (field_new ("id_number",
                                               g_steal_pointer (&value),
                                               CERTAINTY_ID_CHECKED * scale),
                                    swaps);
            }
        }
      else if (end - start == LEGACY_ID_LENGTH && legacy == NULL)
        {
          if (check_id_folded (folded + start, LEGACY_ID_LENGTH, &legacy, NULL))
            {
              legacy_start = start;
              legacy_swaps = swaps;
            }
        }
    }

  if (legacy != NULL)
    {
      memset (folded + legacy_start, FOLD_OTHER, LEGACY_ID_LENGTH);
      return mark_repaired (field_new ("id_number", g_steal_pointer (&legacy),
                                       CERTAINTY_ID_LEGACY * scale),
                            legacy_swaps);
    }
  return NULL;
}

typedef struct {
  gsize start;
  gsize end;
} Span;

/* A token is digit groups joined by spaces or dashes ("+86 138-1234-5678").
 * It is read as phones only if it divides into valid phones, taken
 * greedily longest first: so "13705712468 15867123409" gives two phones,
 * while a bank card written in groups ("6222 0571 8812 3456 789"), whose
 * middle groups could pass for a landline, gives none.  What follows the
 * phones may be something else only after a mobile, which no card's groups
 * make ("13812345678 2024.3.15", "13812345678 1号楼"), or when it is one
 * group of up to four digits after a landline: its extension
 * ("0571-88623150-802").
 * Returns its @nth phone (from 0; g_free) or NULL, and where it stands in
 * @span. */
static char *
nth_phone_in_token (const char *folded, gsize token_start,
                    const Span *groups, gsize n_groups, guint nth,
                    PhoneKind *kind, Span *span)
{
  g_autofree char *first = NULL;
  gsize position = 0;
  guint seen = 0;
  PhoneKind last_kind = PHONE_MOBILE;

  while (position < n_groups)
    {
      gboolean found = FALSE;

      for (gsize end = n_groups; end > position && !found; end--)
        {
          /* Only the first group carries the token's leading '+'. */
          gsize start = position == 0 ? token_start : groups[position].start;
          PhoneKind window_kind;
          char *value = parse_phone (folded + start, groups[end - 1].end - start,
                                     &window_kind, NULL);

          if (value == NULL)
            continue;
          if (first == NULL && seen++ == nth)
            {
              first = value;
              *kind = window_kind;
              *span = (Span) { start, groups[end - 1].end };
            }
          else
            g_free (value);
          last_kind = window_kind;
          position = end;
          found = TRUE;
        }
      if (found)
        continue;
      gboolean extension = last_kind == PHONE_LANDLINE
                           && position + 1 == n_groups
                           && groups[position].end - groups[position].start <= 4;
      if (seen == 0 || (last_kind != PHONE_MOBILE && !extension))
        return NULL;
      break;
    }
  return g_steal_pointer (&first);
}

/* 收：, 收件人：, 致：, To: the office written to, whose number there is
 * its own fax, never the writer's. */
const char *const xf_classify_addressee_heads[] = {
  "收件人", "收件方", "收信人", "收件", "收方", "发至", "收", "致", "To", "TO",
  "to", NULL,
};

/* 发：, From: the sending machine, often a shop's or a village office's;
 * a number the letter itself gives is the writer's. */
const char *const xf_classify_sender_heads[] = {
  "发件人", "发件方", "发信人", "发件", "发方", "发自", "发", "From", "FROM",
  "from", NULL,
};

/* The length of a head and its colon at @at (收件人：, From:), or 0. */
static gsize
head_at (const XfText *letter, gsize at, const char *const *heads)
{
  gsize n = xf_classify_text_match_any (letter, at, heads);
  gsize end = at + n;

  if (n == 0)
    return 0;
  while (end < letter->length && letter->chars[end] == ' ')
    end++;
  return end < letter->length
             && (letter->chars[end] == ':' || letter->chars[end] == 0xFF1A)
         ? end + 1 - at : 0;
}

/* Whether @at is in the reach of one of @heads and its colon starting its
 * line (a fax cover's or a mail's header line: 收：, 致：): up to the end of
 * the line, a clause, or the next head (收件人：市总工会 发件人：张三 电话…:
 * the number is the sender's; 致：市总工会，我是张三，电话…: the writer's). */
gboolean
xf_classify_on_header_line (const XfText *letter, gsize at,
                            const char *const *heads)
{
  gsize start = at;
  gsize n;

  while (start > 0 && letter->chars[start - 1] != '\n')
    start--;
  while (start < at && g_unichar_isspace (letter->chars[start]))
    start++;
  n = head_at (letter, start, heads);
  if (n == 0)
    return FALSE;
  for (gsize k = start + n; k < at; k++)
    if (xf_classify_text_is_clause_end (letter->chars[k])
        || head_at (letter, k, xf_classify_addressee_heads) > 0
        || head_at (letter, k, xf_classify_sender_heads) > 0)
      return FALSE;
  return TRUE;
}

/* The office's own numbers as written in the config ((0571) 8862 3150,
 * +86 571 88623150), normalised as the phone finder gives them; those that
 * are no phone are left out (g_strfreev). */
static char **
normalise_office_phones (const char *const *office_phones)
{
  GPtrArray *own = g_ptr_array_new ();

  for (gsize i = 0; office_phones != NULL && office_phones[i] != NULL; i++)
    {
      g_autoptr(GString) digits = g_string_new (NULL);
      char *value = NULL;

      for (const char *c = office_phones[i]; *c != '\0'; c++)
        if (g_ascii_isdigit (*c) || (*c == '+' && digits->len == 0))
          g_string_append_c (digits, *c);
      if (xf_classify_check_phone (digits->str, &value, NULL))
        g_ptr_array_add (own, value);
    }
  g_ptr_array_add (own, NULL);
  return (char **) g_ptr_array_free (own, FALSE);
}

/* Words before a number that say it is someone else's. */
static const char *const others_phone_words[] = {
  "他电话", "他的电话", "她电话", "她的电话", "他手机", "他的手机", "她手机",
  "她的手机", "老板电话", "老板的电话", "老板手机", "老板的手机", "包工头电话",
  "包工头的电话", "对方电话", "对方的电话", "经理电话", "经理的电话", NULL,
};
#define OTHERS_PHONE_WINDOW 8

/* Finds the first valid phone in @folded; the hotline and anything inside a
 * longer digit run never qualify, since groups are whole digit runs, and
 * neither do the office's own numbers: @office_phones (normalised), or one
 * on a line addressed to the office.  A fax cover's sending number gives way to one
 * in the letter.  Returns a new field (xf_field_free) or NULL. */
static XfField *
find_phone (const XfText *letter, const char *folded,
            const char *const *office_phones, double scale)
{
  gsize length = letter->length;
  XfField *sender = NULL;
  gsize i = 0;

  while (i < length)
    {
      gboolean plus = folded[i] == '+' && i + 1 < length
                      && g_ascii_isdigit (folded[i + 1])
                      && (i == 0 || !g_ascii_isdigit (folded[i - 1]));
      Span groups[PHONE_MAX_GROUPS];
      gsize n_groups = 0;
      gboolean too_many = FALSE;
      gsize token_start = i;
      gsize p;
      g_autofree char *value = NULL;
      PhoneKind kind;
      Span span;
      guint swaps;

      if (!plus && !g_ascii_isdigit (folded[i]))
        {
          i++;
          continue;
        }

      p = plus ? i + 1 : i;
      for (;;)
        {
          gsize group_start = p;
          gsize q;

          while (p < length && g_ascii_isdigit (folded[p]))
            p++;
          if (n_groups < PHONE_MAX_GROUPS)
            groups[n_groups++] = (Span) { group_start, p };
          else
            too_many = TRUE;

          q = p;
          while (q < length && q - p < PHONE_MAX_SEPARATORS
                 && (folded[q] == ' ' || folded[q] == '-'))
            q++;
          if (q == p || q >= length || !g_ascii_isdigit (folded[q]))
            break;
          p = q;
        }
      i = p;

      /* A long chain of groups is a table or a list of figures; reading it
       * would cost quadratic time for nothing. */
      if (too_many)
        continue;
      /* The first phone of the token that is not the office's own
       * (电话0571-88623150 13705712468: the second is the writer's). */
      for (guint nth = 0;; nth++)
        {
          g_clear_pointer (&value, g_free);
          value = nth_phone_in_token (folded, token_start, groups, n_groups,
                                      nth, &kind, &span);
          if (value == NULL
              || !(xf_classify_on_header_line (letter, span.start,
                                   xf_classify_addressee_heads)
                   || g_strv_contains (office_phones, value)))
            break;
        }
      if (value == NULL)
        continue;
      /* 找纪老三他电话不接（15891334278）: the boss's number, not the
       * writer's. */
      if (xf_classify_text_before_in_clause (letter, span.start, OTHERS_PHONE_WINDOW,
                                             others_phone_words))
        continue;
      swaps = count_swaps (letter->swapped, span.start, span.end);
      XfField *field = mark_repaired (
        field_new ("phone", g_steal_pointer (&value),
                   (kind == PHONE_MOBILE ? CERTAINTY_MOBILE
                                         : CERTAINTY_LANDLINE) * scale),
        swaps);
      if (!xf_classify_on_header_line (letter, span.start, xf_classify_sender_heads))
        {
          xf_field_free (sender);
          return field;
        }
      if (sender == NULL)
        {
          field->sender = TRUE;
          sender = field;
        }
      else
        xf_field_free (field);
    }
  return sender;
}

/* A digit of a mobile said aloud: a Chinese one, or once one has begun
 * it (一五九 0631 7745), an Arabic one; else -1. */
static int
spoken_digit (gunichar c, gboolean begun)
{
  if (begun && c >= '0' && c <= '9')
    return (int) (c - '0');
  return xf_classify_chinese_digit (c);
}

/* A mobile number said digit by digit, as voice-to-text writes it (一五五
 * 三七一二 八零四六): eleven digits starting with a Chinese one, in groups
 * a single space apart, starting 1 and 3-9, are put in @folded as ASCII
 * digits. */
static void
fold_spoken_mobiles (const XfText *letter, char *folded)
{
  gsize length = letter->length;

  for (gsize i = 0; i < length;)
    {
      gsize k = i, count = 0;
      char value[12];
      int digit;

      while (k < length && count < sizeof value - 1)
        {
          if ((digit = spoken_digit (letter->chars[k], count > 0)) >= 0)
            {
              value[count++] = (char) ('0' + digit);
              k++;
            }
          else if (letter->chars[k] == ' ' && count > 0 && k + 1 < length
                   && spoken_digit (letter->chars[k + 1], TRUE) >= 0)
            k++;
          else
            break;
        }
      if (count == 11 && value[0] == '1' && value[1] >= '3'
          && (k >= length || spoken_digit (letter->chars[k], TRUE) < 0))
        {
          count = 0;
          for (gsize q = i; q < k; q++)
            folded[q] = letter->chars[q] == ' ' ? ' ' : value[count++];
        }
      i = k > i ? k : i + 1;
    }
}

/* (0571)87654321: an area code in brackets is read as 0571-87654321, in
 * place (the bracket after it becomes the dash). */
static void
unbracket_area_codes (char *folded, gsize length)
{
  for (gsize i = 0; i + 5 < length; i++)
    {
      gsize k = i + 1;

      if (folded[i] != '(' || folded[k] != '0')
        continue;
      while (k < length && g_ascii_isdigit (folded[k]))
        k++;
      if ((k - i - 1 == 3 || k - i - 1 == 4) && k + 1 < length
          && folded[k] == ')'
          && (g_ascii_isdigit (folded[k + 1]) || folded[k + 1] == ' '))
        folded[k] = '-';
    }
}

/* Adds @field (may be NULL) to @fields. */
static void
add_field (GPtrArray *fields, XfField *field)
{
  if (field != NULL)
    g_ptr_array_add (fields, field);
}

GPtrArray *
xf_classify_extract_fields (const char *text, double ocr_confidence)
{
  return xf_classify_extract_fields_except (text, ocr_confidence, NULL);
}

GPtrArray *
xf_classify_extract_fields_except (const char *text, double ocr_confidence,
                                   const char *const *office_phones)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(XfText) letter = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) own = NULL;
  XfField *id_number;
  XfField *phone;
  XfField *name;
  XfField *uscc = NULL;
  gsize length;
  double scale;

  g_return_val_if_fail (text != NULL, NULL);

  /* Clamped rather than refused: OCR engines have been seen to report
   * slightly over 1, and NaN must not reach the store as a confidence. */
  if (ocr_confidence > 1.0)
    scale = 1.0;
  else if (ocr_confidence >= 0.0)
    scale = ocr_confidence;
  else
    scale = 0.0;

  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) xf_field_free);
  letter = xf_classify_text_new (text);
  /* One byte per code point for the ID and phone scans: the ASCII form, or
   * FOLD_OTHER for anything else (Chinese, a broken byte). */
  length = letter->length;
  folded = g_malloc (length + 1);
  for (gsize i = 0; i < length; i++)
    folded[i] = letter->chars[i] < 0x80 ? (char) letter->chars[i] : FOLD_OTHER;
  folded[length] = '\0';
  fold_spoken_mobiles (letter, folded);

  /* The ID first: its span is blanked so the phone search cannot see it. */
  id_number = find_id_number (folded, length, letter->swapped, scale);
  unbracket_area_codes (folded, length);
  own = normalise_office_phones (office_phones);
  phone = find_phone (letter, folded, (const char *const *) own, scale);
  name = xf_classify_find_name (letter, scale);

  /* In the order of xf_field_names. */
  add_field (fields, name);
  add_field (fields, id_number);
  add_field (fields, phone);
  add_field (fields, xf_classify_find_employer (letter, scale, &uscc));
  add_field (fields, xf_classify_find_amount (letter, scale));
  add_field (fields, xf_classify_find_headcount (letter, scale, name != NULL));
  add_field (fields, uscc);

  g_debug ("found %u fields", fields->len);
  return g_steal_pointer (&fields);
}
