/* Unit tests for classify/numerals.c: numbers as letters write them, in
 * Arabic digits, Chinese and financial numerals, and mixtures. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* Reads the number at the start of @utf8 and checks its value and how many
 * characters it took. */
static void
check_number (const char *utf8, double expected, gsize expected_end,
              gboolean expected_approximate)
{
  g_autoptr(XfText) text = xf_classify_text_new (utf8);
  XfNumber number;

  if (!xf_classify_read_number (text, 0, &number))
    fail_msg ("\"%s\" not read as a number", utf8);
  if (number.value != expected)
    fail_msg ("\"%s\" read as %.3f, not %.3f", utf8, number.value, expected);
  if (number.end != expected_end)
    fail_msg ("\"%s\" ended at %" G_GSIZE_FORMAT ", not %" G_GSIZE_FORMAT,
              utf8, number.end, expected_end);
  if (number.approximate != expected_approximate)
    fail_msg ("\"%s\" approximate is %d", utf8, number.approximate);
}

static void
check_not_number (const char *utf8)
{
  g_autoptr(XfText) text = xf_classify_text_new (utf8);
  XfNumber number;

  if (xf_classify_read_number (text, 0, &number))
    fail_msg ("\"%s\" read as %.3f", utf8, number.value);
}

static void
test_arabic (void **state)
{
  (void) state;
  check_number ("45200元", 45200, 5, FALSE);
  check_number ("0", 0, 1, FALSE);
}

static void
test_arabic_thousands_separator (void **state)
{
  (void) state;
  check_number ("4,800元", 4800, 5, FALSE);
  check_number ("1,234,567元", 1234567, 9, FALSE);
  /* A scanner's stray spaces inside a sum, right up to 元; not a phone's
   * groups, nor digits that stop before another word. */
  check_number ("3 6 500元", 36500, 7, FALSE);
  check_number ("12 6 00块", 12600, 7, FALSE);
  check_number ("3 6 500人", 3, 1, FALSE);
}

static void
test_arabic_stops_as_thousands (void **state)
{
  (void) state;
  /* A faxed comma read as a full stop: a sum has no third decimal place. */
  check_number ("42.100元", 42100, 6, FALSE);
  check_number ("1.234.567元", 1234567, 9, FALSE);
  check_number ("8.250块", 8250, 5, FALSE);
  check_number ("42.100.50元", 42100.5, 9, FALSE);
  /* Decimals stay decimals: two places, a unit price, a figure of 万. */
  check_number ("12.50元", 12.5, 5, FALSE);
  check_number ("7.856元/升", 7.856, 5, FALSE);
  check_number ("7.856元一升", 7.856, 5, FALSE);
  check_number ("0.588元", 0.588, 5, FALSE);
  check_number ("1.875万元", 18750, 6, FALSE);
  check_number ("2.857", 2.857, 5, FALSE);
  check_number ("2.857.7", 2.857, 5, FALSE);
  check_number ("192.168.110.237", 192.168, 7, FALSE);
  check_number ("1234.567元", 1234.567, 8, FALSE);
}

static void
test_arabic_comma_not_grouping (void **state)
{
  (void) state;
  /* Four digits before the comma, or two after: a list, not one number. */
  check_number ("4800,500", 4800, 4, FALSE);
  check_number ("3,50", 3, 1, FALSE);
}

static void
test_arabic_decimal (void **state)
{
  (void) state;
  check_number ("2.7万元", 27000, 4, FALSE);
  check_number ("1.5万", 15000, 4, FALSE);
  check_number ("1.8万", 18000, 4, FALSE);
  check_number ("3.", 3, 1, FALSE);
}

static void
test_arabic_with_wan (void **state)
{
  (void) state;
  check_number ("310万元", 3100000, 4, FALSE);
  /* A scanner's space before the unit; not before another number. */
  check_number ("12.6 万元", 126000, 6, FALSE);
  check_number ("12 5万", 12, 2, FALSE);
}

static void
test_arabic_full_width (void **state)
{
  (void) state;
  check_number ("４５２００元", 45200, 5, FALSE);
  check_number ("２．７万", 27000, 4, FALSE);
}

static void
test_arabic_too_long (void **state)
{
  (void) state;
  check_not_number ("3301061985061227311");
}

/* The k and w of a quick message; not the k of a unit (5kg, 3km). */
static void
test_arabic_k_and_w (void **state)
{
  (void) state;
  check_number ("6.2k，", 6200, 4, FALSE);
  check_number ("8K工资", 8000, 2, FALSE);
  check_number ("1.5w块", 15000, 4, FALSE);
  check_number ("50kg", 50, 2, FALSE);
  check_number ("3km", 3, 1, FALSE);
}

static void
test_mixed_units (void **state)
{
  (void) state;
  check_number ("1万2千", 12000, 4, FALSE);
  check_number ("3千5百元", 3500, 4, FALSE);
  check_number ("4万2千6百元", 42600, 6, FALSE);
}

static void
test_chinese_simple (void **state)
{
  (void) state;
  check_number ("十五", 15, 2, FALSE);
  check_number ("二十", 20, 2, FALSE);
  check_number ("十", 10, 1, FALSE);
  check_number ("两千", 2000, 2, FALSE);
  check_number ("三十五", 35, 3, FALSE);
  check_number ("一百一十", 110, 4, FALSE);
}

static void
test_chinese_wan (void **state)
{
  (void) state;
  check_number ("一万五千元", 15000, 4, FALSE);
  check_number ("四万二千六百元", 42600, 6, FALSE);
  check_number ("十万", 100000, 2, FALSE);
  check_number ("三百一十万", 3100000, 5, FALSE);
}

static void
test_chinese_yi (void **state)
{
  (void) state;
  check_number ("一亿二千万", 120000000, 5, FALSE);
  check_number ("两亿", 200000000, 2, FALSE);
}

static void
test_chinese_zero (void **state)
{
  (void) state;
  check_number ("一万零五百", 10500, 5, FALSE);
  check_number ("一千零五十", 1050, 5, FALSE);
  check_number ("一百零五", 105, 4, FALSE);
  check_number ("一万零五", 10005, 4, FALSE);
}

static void
test_chinese_elliptical (void **state)
{
  (void) state;
  check_number ("三千五", 3500, 3, FALSE);
  check_number ("一万五", 15000, 3, FALSE);
  check_number ("两百五", 250, 3, FALSE);
  check_number ("3千5", 3500, 3, FALSE);
}

static void
test_financial (void **state)
{
  (void) state;
  check_number ("叁万元", 30000, 2, FALSE);
  check_number ("壹万伍仟元", 15000, 4, FALSE);
  check_number ("贰拾肆万陆仟捌佰元整", 246800, 8, FALSE);
  check_number ("玖佰玖拾玖", 999, 5, FALSE);
}

static void
test_approximate_suffixes (void **state)
{
  (void) state;
  check_number ("六万多元", 60000, 3, TRUE);
  check_number ("60多名", 60, 3, TRUE);
  check_number ("二百多名", 200, 3, TRUE);
  check_number ("十多万", 100000, 3, TRUE);
  check_number ("5万余元", 50000, 3, TRUE);
  check_number ("三十来人", 30, 3, TRUE);
  check_number ("三十多个", 30, 3, TRUE);
}

static void
test_ji (void **state)
{
  g_autoptr(XfText) text = xf_classify_text_new ("几千块");
  XfNumber number;

  (void) state;
  check_number ("十几万", 100000, 3, TRUE);
  check_number ("二十几个", 20, 3, TRUE);
  /* 几千 is a number with no known value. */
  assert_true (xf_classify_read_number (text, 0, &number));
  assert_false (number.has_digit);
}

static void
test_range (void **state)
{
  (void) state;
  check_number ("一两个", 1, 2, TRUE);
  check_number ("三四十个", 30, 3, TRUE);
}

static void
test_positional_year (void **state)
{
  (void) state;
  check_number ("二〇二四年", 2024, 4, FALSE);
  check_number ("二零一二年", 2012, 4, FALSE);
}

static void
test_lai_after_lone_digit_is_not_suffix (void **state)
{
  (void) state;
  /* 一来 is "firstly". */
  check_number ("一来", 1, 1, FALSE);
}

static void
test_big_units_never_start (void **state)
{
  (void) state;
  check_not_number ("千万不要");
  check_not_number ("万元");
  check_not_number ("百姓");
  check_not_number ("多人");
  check_not_number ("元");
}

static void
test_units_out_of_order_stop (void **state)
{
  (void) state;
  /* 五百三 is 530, said short; the 千 after it is not read. */
  check_number ("五百三千", 530, 3, FALSE);
  check_number ("一万万", 10000, 2, FALSE);
}

static void
test_has_digit_and_unit (void **state)
{
  g_autoptr(XfText) text = xf_classify_text_new ("2.7万元");
  XfNumber number;

  (void) state;
  assert_true (xf_classify_read_number (text, 0, &number));
  assert_true (number.has_digit);
  assert_true (number.has_unit);
  assert_true (number.arabic);
}

static void
test_number_starts (void **state)
{
  g_autoptr(XfText) text = xf_classify_text_new ("欠45200元，统一");

  (void) state;
  assert_false (xf_classify_number_starts (text, 0));
  assert_true (xf_classify_number_starts (text, 1));
  assert_false (xf_classify_number_starts (text, 2));   /* inside 45200 */
  assert_true (xf_classify_number_starts (text, 9));    /* 一 of 统一 */
  assert_false (xf_classify_number_starts (text, 100));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_arabic),
    cmocka_unit_test (test_arabic_thousands_separator),
    cmocka_unit_test (test_arabic_stops_as_thousands),
    cmocka_unit_test (test_arabic_comma_not_grouping),
    cmocka_unit_test (test_arabic_decimal),
    cmocka_unit_test (test_arabic_with_wan),
    cmocka_unit_test (test_arabic_full_width),
    cmocka_unit_test (test_arabic_too_long),
    cmocka_unit_test (test_arabic_k_and_w),
    cmocka_unit_test (test_mixed_units),
    cmocka_unit_test (test_chinese_simple),
    cmocka_unit_test (test_chinese_wan),
    cmocka_unit_test (test_chinese_yi),
    cmocka_unit_test (test_chinese_zero),
    cmocka_unit_test (test_chinese_elliptical),
    cmocka_unit_test (test_financial),
    cmocka_unit_test (test_approximate_suffixes),
    cmocka_unit_test (test_ji),
    cmocka_unit_test (test_range),
    cmocka_unit_test (test_positional_year),
    cmocka_unit_test (test_lai_after_lone_digit_is_not_suffix),
    cmocka_unit_test (test_big_units_never_start),
    cmocka_unit_test (test_units_out_of_order_stop),
    cmocka_unit_test (test_has_digit_and_unit),
    cmocka_unit_test (test_number_starts),
  };

  return cmocka_run_group_tests_name ("numerals", tests, NULL, NULL);
}
