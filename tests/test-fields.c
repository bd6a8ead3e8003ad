/* Unit tests for classify/fields.c: the ID number and phone checks and
 * finding both in a letter's text.  Every ID here is invented (area, birth
 * date and sequence made up, check digit computed); none is a real person's. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify.h"
#include "classify/classify-private.h"
#include "common/common.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <json-glib/json-glib.h>

/* Invented IDs with correct check digits. */
#define ID_VALID "330106198506122731"
#define ID_VALID_X "44030519920315102X"
#define ID_OTHER "230103197809115267"
#define ID_LEAP_DAY "210203200002291186"        /* 2000-02-29: a leap year */
#define ID_1900_FEB_29 "370102190002290614"     /* 1900 was not a leap year */
#define ID_FEB_30 "51010419880230045X"
#define ID_MONTH_13 "420106199913400221"
#define ID_BEFORE_1900 "650102189912310775"
/* Digits 2-12 of this one, 13812197901, look like a mobile number. */
#define ID_HOLDS_MOBILE "513812197901012345"
#define ID_LEGACY "320102650419183"
#define ID_LEGACY_UPGRADED "320102196504191833"

/* The test's own copy of the GB 11643 weights, for the one ID whose birth
 * date has to follow the real clock. */
static char
check_char (const char *digits)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (digits[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

/* Asserts that @error is XF_ERROR_INVALID_INPUT and mentions @fragment. */
static void
assert_invalid (const GError *error, const char *fragment)
{
  assert_non_null (error);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  if (strstr (error->message, fragment) == NULL)
    fail_msg ("message \"%s\" lacks \"%s\"", error->message, fragment);
}

static const XfField *
find_field (GPtrArray *fields, const char *name)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const XfField *field = g_ptr_array_index (fields, i);

      if (strcmp (field->name, name) == 0)
        return field;
    }
  return NULL;
}

/* ---- field names ---- */

static void
test_field_names_known (void **state)
{
  (void) state;
  assert_true (xf_field_name_is_known ("id_number"));
  assert_true (xf_field_name_is_known ("address"));
}

static void
test_field_names_unknown (void **state)
{
  (void) state;
  assert_false (xf_field_name_is_known ("passport"));
  assert_false (xf_field_name_is_known (""));
  assert_false (xf_field_name_is_known (NULL));
}

static void
test_field_names_order (void **state)
{
  /* New names only ever go at the end. */
  static const char *const expected[] = {
    "name", "id_number", "phone", "employer", "amount_yuan", "headcount",
    "address", "uscc",
  };

  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_string_equal (xf_field_names[i], expected[i]);
  assert_null (xf_field_names[G_N_ELEMENTS (expected)]);
}

static void
test_field_free_null (void **state)
{
  (void) state;
  xf_field_free (NULL);
}

/* ---- ID numbers ---- */

static void
test_id_valid (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  (void) state;
  assert_true (xf_classify_check_id_number (ID_VALID, &normalised, &error));
  assert_null (error);
  assert_string_equal (normalised, ID_VALID);
}

static void
test_id_valid_without_normalised (void **state)
{
  (void) state;
  assert_true (xf_classify_check_id_number (ID_OTHER, NULL, NULL));
}

static void
test_id_valid_check_x (void **state)
{
  g_autofree char *normalised = NULL;

  (void) state;
  assert_true (xf_classify_check_id_number (ID_VALID_X, &normalised, NULL));
  assert_string_equal (normalised, ID_VALID_X);
}

static void
test_id_lowercase_x_normalised (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  (void) state;
  assert_true (xf_classify_check_id_number ("44030519920315102x", &normalised,
                                            &error));
  assert_null (error);
  assert_string_equal (normalised, ID_VALID_X);
}

static void
test_id_surrounding_spaces_ignored (void **state)
{
  g_autofree char *normalised = NULL;

  (void) state;
  assert_true (xf_classify_check_id_number ("  " ID_VALID "\n", &normalised, NULL));
  assert_string_equal (normalised, ID_VALID);
}

static void
test_id_full_width_digits_accepted (void **state)
{
  g_autofree char *normalised = NULL;

  (void) state;
  assert_true (xf_classify_check_id_number ("４４０３０５１９９２０３１５１０２ｘ",
                                            &normalised, NULL));
  assert_string_equal (normalised, ID_VALID_X);
}

static void
test_id_wrong_check_digit (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number ("330106198506122735", &normalised,
                                             &error));
  assert_invalid (error, "check digit should be 1");
  assert_null (normalised);
}

static void
test_id_x_where_digit_expected (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number ("33010619850612273X", NULL, &error));
  assert_invalid (error, "check digit should be 1");
}

static void
test_id_legacy_upgraded (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  (void) state;
  assert_true (xf_classify_check_id_number (ID_LEGACY, &normalised, &error));
  assert_null (error);
  assert_string_equal (normalised, ID_LEGACY_UPGRADED);
}

static void
test_id_legacy_impossible_date (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  /* 65-02-30 */
  assert_false (xf_classify_check_id_number ("320102650230183", NULL, &error));
  assert_invalid (error, "birth date 19650230 is not a real date");
}

static void
test_id_feb_30_rejected (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number (ID_FEB_30, NULL, &error));
  assert_invalid (error, "birth date 19880230 is not a real date");
}

static void
test_id_month_13_rejected (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number (ID_MONTH_13, NULL, &error));
  assert_invalid (error, "birth date 19991340 is not a real date");
}

static void
test_id_leap_day_accepted (void **state)
{
  (void) state;
  assert_true (xf_classify_check_id_number (ID_LEAP_DAY, NULL, NULL));
}

static void
test_id_1900_feb_29_rejected (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number (ID_1900_FEB_29, NULL, &error));
  assert_invalid (error, "not a real date");
}

static void
test_id_before_1900_rejected (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number (ID_BEFORE_1900, NULL, &error));
  assert_invalid (error, "before 1900");
}

static void
test_id_future_birth_date_rejected (void **state)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  char id[19];
  char digits[18];

  (void) state;
  /* New Year's Day of next year: always a real date, always ahead. */
  g_snprintf (digits, sizeof digits, "110105%04d0101123",
              g_date_time_get_year (now) + 1);
  g_snprintf (id, sizeof id, "%s%c", digits, check_char (digits));
  assert_false (xf_classify_check_id_number (id, NULL, &error));
  assert_invalid (error, "in the future");
}

static void
test_id_wrong_length (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number ("33010619850612273", NULL, &error));
  assert_invalid (error, "wrong length");
}

static void
test_id_empty_wrong_length (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number ("", NULL, &error));
  assert_invalid (error, "wrong length");
}

static void
test_id_huge_input_wrong_length (void **state)
{
  g_autofree char *huge = g_strnfill (100000, '1');
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number (huge, NULL, &error));
  assert_invalid (error, "wrong length");
}

static void
test_id_letter_inside_rejected (void **state)
{
  g_autoptr(GError) error = NULL;

  (void) state;
  assert_false (xf_classify_check_id_number ("3301O6198506122731", NULL, &error));
  assert_invalid (error, "character 5 is not a digit");
}

/* ---- phone checks ---- */

static void
check_phone_ok (const char *text, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  if (!xf_classify_check_phone (text, &normalised, &error))
    fail_msg ("\"%s\" rejected: %s", text, error->message);
  assert_string_equal (normalised, expected);
}

static void
check_phone_rejected (const char *text, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalised = NULL;

  if (xf_classify_check_phone (text, &normalised, &error))
    fail_msg ("\"%s\" accepted as %s", text, normalised);
  assert_invalid (error, fragment);
  assert_null (normalised);
}

static void
test_phone_mobile (void **state)
{
  (void) state;
  check_phone_ok ("13705712468", "13705712468");
}

static void
test_phone_mobile_plus86 (void **state)
{
  (void) state;
  check_phone_ok ("+8615867123409", "15867123409");
}

static void
test_phone_mobile_plus86_spaced (void **state)
{
  (void) state;
  check_phone_ok ("+86 158 6712 3409", "15867123409");
}

static void
test_phone_mobile_0086 (void **state)
{
  (void) state;
  check_phone_ok ("0086-18612345670", "18612345670");
}

static void
test_phone_mobile_bare_86 (void **state)
{
  (void) state;
  check_phone_ok ("8617722334455", "17722334455");
}

static void
test_phone_mobile_dashes (void **state)
{
  (void) state;
  check_phone_ok ("139-0571-2468", "13905712468");
}

static void
test_phone_mobile_spaces (void **state)
{
  (void) state;
  check_phone_ok ("199 8765 4321", "19987654321");
}

static void
test_phone_without_normalised (void **state)
{
  (void) state;
  assert_true (xf_classify_check_phone ("15012349876", NULL, NULL));
}

static void
test_phone_landline_beijing (void **state)
{
  (void) state;
  check_phone_ok ("010-12345678", "010-12345678");
}

static void
test_phone_landline_beijing_real_format (void **state)
{
  (void) state;
  check_phone_ok ("010 6512 3456", "010-65123456");
}

static void
test_phone_landline_hangzhou (void **state)
{
  (void) state;
  check_phone_ok ("0571-87654321", "0571-87654321");
}

static void
test_phone_landline_undivided (void **state)
{
  (void) state;
  check_phone_ok ("057188123456", "0571-88123456");
}

static void
test_phone_landline_seven_digits (void **state)
{
  (void) state;
  check_phone_ok ("0915-3214567", "0915-3214567");
}

static void
test_phone_landline_guangzhou (void **state)
{
  (void) state;
  check_phone_ok ("020-83456789", "020-83456789");
}

static void
test_phone_landline_plus86_drops_trunk_zero (void **state)
{
  (void) state;
  check_phone_ok ("+86 10 6512 3456", "010-65123456");
}

static void
test_phone_full_width (void **state)
{
  (void) state;
  check_phone_ok ("＋８６　１３８ ００２４ ６８１０", "13800246810");
}

static void
test_phone_hotline_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("12351", "hotline");
}

static void
test_phone_hotline_with_country_code_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("+86 12351", "hotline");
}

static void
test_phone_service_number_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("95588", "service numbers");
}

static void
test_phone_400_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("400-820-1234", "company lines");
}

static void
test_phone_mobile_too_long (void **state)
{
  (void) state;
  check_phone_rejected ("137057124680", "11 digits");
}

static void
test_phone_mobile_too_short (void **state)
{
  (void) state;
  check_phone_rejected ("1370571246", "11 digits");
}

static void
test_phone_mobile_prefix_12_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("12705712468", "starts with 13 to 19");
}

static void
test_phone_unknown_area_code (void **state)
{
  (void) state;
  check_phone_rejected ("011-62345678", "area code");
}

static void
test_phone_landline_local_too_long (void **state)
{
  (void) state;
  check_phone_rejected ("0571-876543210", "7 or 8 digits");
}

static void
test_phone_landline_local_starting_0_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("0571-07654321", "does not start with 0");
}

static void
test_phone_landline_without_area_code (void **state)
{
  (void) state;
  check_phone_rejected ("87654321", "area code");
}

static void
test_phone_foreign_country_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("+1 415 555 0100", "+86");
}

static void
test_phone_letter_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("1370571246a", "not a digit");
}

static void
test_phone_trailing_dash_rejected (void **state)
{
  (void) state;
  check_phone_rejected ("13705712468-", "between digits");
}

/* ---- extraction ---- */

static void
test_extract_id_in_chinese (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  fields = xf_classify_extract_fields ("身份证号码：" ID_VALID "，", 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_VALID);
}

static void
test_extract_phone_in_chinese (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("电话：13812345678。", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13812345678");
}

static void
test_extract_lowercase_x_id (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  fields = xf_classify_extract_fields ("身份证44030519920315102x号", 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_VALID_X);
}

static void
test_extract_legacy_id (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  fields = xf_classify_extract_fields ("老身份证：" ID_LEGACY "。", 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_LEGACY_UPGRADED);
}

static void
test_extract_checked_id_preferred_to_legacy (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  fields = xf_classify_extract_fields ("注册号" ID_LEGACY "，身份证" ID_OTHER, 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_OTHER);
}

static void
test_extract_first_valid_id (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  /* The first has a bad check digit and is passed over, for now: repair by
   * look-alike swap is later work. */
  fields = xf_classify_extract_fields ("身份证330106198506122735，另"
                                       ID_OTHER "，又" ID_VALID, 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_OTHER);
}

static void
test_extract_id_with_x_inside_word_ignored (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("编号44030519920315102Xa", 1.0);
  assert_null (find_field (fields, "id_number"));
}

static void
test_extract_id_in_longer_run_ignored (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("号码9" ID_VALID "，" ID_VALID "7", 1.0);
  assert_int_equal (fields->len, 0);
}

static void
test_extract_hotline_never_phone (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("请拨打12351职工热线", 1.0);
  assert_int_equal (fields->len, 0);
}

static void
test_extract_hotline_skipped_for_later_phone (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("我打过12351，没人管。我的电话15867123409", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "15867123409");
}

static void
test_extract_phone_not_from_id (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("身份证号" ID_HOLDS_MOBILE "。", 1.0);
  assert_int_equal (fields->len, 1);
  assert_null (find_field (fields, "phone"));
}

static void
test_extract_phone_not_from_invalid_id (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  /* Wrong check digit: not an ID, and still no phone inside it. */
  fields = xf_classify_extract_fields ("身份证号513812197901012340。", 1.0);
  assert_int_equal (fields->len, 0);
}

static void
test_extract_phone_beside_id_with_space (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields (ID_VALID " 18612345670", 1.0);
  assert_non_null (find_field (fields, "id_number"));
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "18612345670");
}

static void
test_extract_bank_card_yields_nothing (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("工资卡号6222021380013800123，", 1.0);
  assert_int_equal (fields->len, 0);
}

static void
test_extract_grouped_bank_card_yields_nothing (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  /* "0571 8812 3456" inside would pass as a landline on its own. */
  fields = xf_classify_extract_fields ("卡号：6222 0571 8812 3456 789", 1.0);
  assert_int_equal (fields->len, 0);
}

/* A phone followed, after a space or a dash, by something else: a date, a
 * building number, the hotline, an extension.  The phone is still read. */
static void
test_extract_phone_before_other_digits (void **state)
{
  struct { const char *text, *phone; } cases[] = {
    { "反映人：王伟  电话：13812345678  2024年3月15日", "13812345678" },
    { "王伟 13812345678 2024.3.15", "13812345678" },
    { "手机：13812345678 1号楼", "13812345678" },
    { "电话：13812345678 12351", "13812345678" },
    { "电话：0571-88623150-802", "0571-88623150" },
  };

  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) fields = xf_classify_extract_fields (cases[i].text, 1.0);
      const XfField *phone = find_field (fields, "phone");
      if (phone == NULL || !g_str_equal (phone->value, cases[i].phone))
        fail_msg ("%s: phone %s, expected %s", cases[i].text,
                  phone ? phone->value : "(none)", cases[i].phone);
    }
  /* A landline's groups followed by more than an extension may be a card. */
  g_autoptr(GPtrArray) card = xf_classify_extract_fields (
      "卡号：0571 8812 3456 7890 123", 1.0);
  assert_null (find_field (card, "phone"));
}

static void
test_extract_phone_in_longer_run_ignored (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("编号138123456789，单号913812345678", 1.0);
  assert_int_equal (fields->len, 0);
}

static void
test_extract_date_not_phone (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("2024-03-01欠薪45200元", 1.0);
  assert_null (find_field (fields, "phone"));
  assert_null (find_field (fields, "id_number"));
}

static void
test_extract_full_width_digits (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("身份证：２３０１０３１９７８０９１１５２６７，"
                                       "手机：１３９－０５７１－２４６８。", 1.0);
  id = find_field (fields, "id_number");
  phone = find_field (fields, "phone");
  assert_non_null (id);
  assert_non_null (phone);
  assert_string_equal (id->value, ID_OTHER);
  assert_string_equal (phone->value, "13905712468");
}

static void
test_extract_spaced_phone_with_country_code (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("联系方式：+86 177 2233 4455（微信同号）", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "17722334455");
}

static void
test_extract_landline (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("单位电话0571-87654321，", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "0571-87654321");
}

static void
test_extract_first_phone_wins (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("电话13705712468或010-65123456", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13705712468");
}

static void
test_extract_two_phones_with_space (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("电话 15012349876 18698765432", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "15012349876");
}

static void
test_extract_letter_with_id_and_phone (void **state)
{
  static const char letter[] =
    "尊敬的市总工会领导：\n"
    "我叫王某某，身份证号码：" ID_VALID "，是杭州某建筑工程有限公司的钢筋工。"
    "2023年3月至12月，我们班组25名工人共被拖欠工资45200元，"
    "多次找项目经理都没有结果，也拨打过12351职工热线。"
    "恳请工会帮我们讨回血汗钱。\n"
    "联系电话：158 6712 3409\n"
    "2024年1月15日";
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *first;
  const XfField *second;

  (void) state;
  fields = xf_classify_extract_fields (letter, 1.0);
  assert_int_equal (fields->len, 4);
  /* In the order of xf_field_names; no name, since 王某某 hides one, and
   * no employer, since 某 hides that too. */
  first = g_ptr_array_index (fields, 0);
  second = g_ptr_array_index (fields, 1);
  assert_string_equal (first->name, "id_number");
  assert_string_equal (first->value, ID_VALID);
  assert_string_equal (second->name, "phone");
  assert_string_equal (second->value, "15867123409");
  assert_null (find_field (fields, "employer"));
  assert_string_equal (find_field (fields, "amount_yuan")->value, "45200");
  assert_string_equal (find_field (fields, "headcount")->value, "25");
}

static void
test_extract_confidence_full (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields (ID_VALID "，13705712468，", 1.0);
  assert_int_equal (fields->len, 2);
  assert_float_equal (find_field (fields, "id_number")->confidence, 0.95, 1e-6);
  assert_float_equal (find_field (fields, "phone")->confidence, 0.9, 1e-6);
}

static void
test_extract_confidence_scaled (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields (ID_VALID "，13705712468，", 0.5);
  assert_float_equal (find_field (fields, "id_number")->confidence, 0.475, 1e-6);
  assert_float_equal (find_field (fields, "phone")->confidence, 0.45, 1e-6);
}

static void
test_extract_confidence_landline_below_mobile (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("电话010-65123456", 0.5);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_float_equal (phone->confidence, 0.4, 1e-6);
}

static void
test_extract_confidence_clamped_high (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("13705712468", 1.7);
  assert_float_equal (find_field (fields, "phone")->confidence, 0.9, 1e-6);
}

static void
test_extract_confidence_clamped_low (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("13705712468", -0.3);
  assert_float_equal (find_field (fields, "phone")->confidence, 0.0, 1e-6);
}

static void
test_extract_not_repaired (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields (ID_VALID "，13705712468", 1.0);
  assert_int_equal (fields->len, 2);
  assert_false (find_field (fields, "id_number")->repaired);
  assert_false (find_field (fields, "phone")->repaired);
}

static void
test_extract_empty_text (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;

  (void) state;
  fields = xf_classify_extract_fields ("", 1.0);
  assert_non_null (fields);
  assert_int_equal (fields->len, 0);
}

static void
test_extract_invalid_utf8_tolerated (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  /* A truncated 3-byte sequence right before the number, and a stray
   * continuation byte after it. */
  fields = xf_classify_extract_fields ("电\xe8\xaf" "13705712468\x80话", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13705712468");
}

/* ---- look-alikes inside numbers ---- */

/* The value of field @name in @text, or NULL (g_free). */
static char *
extract (const char *text, const char *name)
{
  g_autoptr(GPtrArray) fields = xf_classify_extract_fields (text, 1.0);
  const XfField *field = find_field (fields, name);

  return field != NULL ? g_strdup (field->value) : NULL;
}

static void
assert_extracts (const char *text, const char *name, const char *expected)
{
  g_autofree char *value = extract (text, name);

  if (expected == NULL && value != NULL)
    fail_msg ("%s of \"%s\": got %s, expected none", name, text, value);
  if (expected != NULL && (value == NULL || strcmp (value, expected) != 0))
    fail_msg ("%s of \"%s\": got %s, expected %s", name, text,
              value != NULL ? value : "none", expected);
}

/* A fax cover's 收 line carries the office's own fax; the 发 line the
 * sending machine's, which gives way to a number the letter gives. */
static void
test_phone_fax_cover (void **state)
{
  static const char cover[] =
    "传　真\n"
    "收：青河市总工会信访室（传真 0571-88623150）\n"
    "发：卢某某（传真 0571-86301740）\n"
    "日期：2026年2月19日\n"
    "市总工会：\n我在宏盛电子厂上班。\n电话：15970483615\n";
  static const char cover_only[] =
    "收：青河市总工会信访室（传真 0571-88623150）\n"
    "发：青河镇石桥村委会（传真 0571-86301740）\n"
    "我村村民反映欠薪。\n";
  static const char to_line[] = "To: 0571-88623150\n请帮忙。";

  (void) state;
  assert_extracts (cover, "phone", "15970483615");
  assert_extracts (cover_only, "phone", "0571-86301740");
  assert_extracts (to_line, "phone", NULL);
  /* A header's reach ends at a clause or at the next head. */
  assert_extracts ("致：市总工会信访室，我是张三，电话13812345678。", "phone",
                   "13812345678");
  assert_extracts ("收件人：市总工会  发件人：张三 电话13812345678", "phone",
                   "13812345678");
  /* 收件：, 发件：: a committee's fax number is not the writer's. */
  assert_extracts ("收件：市总工会信访室　0571-88623150\n"
                   "发件：东湖社区居民委员会　0571-86301740\n"
                   "我社区居民陶某某（电话15970483615）委托社区反映。\n", "phone",
                   "15970483615");
  /* 收 begins words too: only a header line's 收： counts. */
  assert_extracts ("收到短信后我打了0571-88623150。", "phone", "0571-88623150");
}

/* The office's own numbers, as configured, are never the writer's. */
static void
test_phone_office_numbers (void **state)
{
  static const char *const office[] = { "0571 8862 3150", "(0571)88623151",
                                        NULL };
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields_except (
    "我给0571-88623150打过电话，没人接。我的手机13905712468。", 1.0, office);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13905712468");
  g_ptr_array_unref (g_steal_pointer (&fields));
  fields = xf_classify_extract_fields_except ("请回电0571-88623151。", 1.0,
                                              office);
  assert_null (find_field (fields, "phone"));
  g_ptr_array_unref (g_steal_pointer (&fields));
  /* One token, the office's number and then the writer's. */
  fields = xf_classify_extract_fields_except (
    "电话0571-88623150 13705712468", 1.0, office);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13705712468");
}

static void
test_look_alike_in_phone_repaired (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("手机1386O123456，", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13860123456");
  assert_true (phone->repaired);
  assert_true (phone->confidence < 0.9);
}

static void
test_look_alikes_in_grouped_phone (void **state)
{
  (void) state;
  assert_extracts ("电话：l3O 8966 2751\n", "phone", "13089662751");
  assert_extracts ("电话：O571-B7654321\n", "phone", "0571-87654321");
  /* Two letters leading a number are a word (ID…), unless the whole run
   * has a mobile number's shape. */
  assert_extracts ("电话：lS907943O62\n", "phone", "15907943062");
  assert_extracts ("编号ID330106198\n", "phone", NULL);
  /* More letters than digits, in a mobile's shape; an ID whose check digit
   * holds once read, though letters lead it or its X follows. */
  assert_extracts ("电话l39O4l2S6BB\n", "phone", "13904125688");
  assert_extracts ("身份证Sl07O3l9B5OBl2O577，在绵阳上班。", "id_number",
                   "510703198508120577");
  assert_extracts ("身份证号:62O1O2l9BBO3l4O34X\n", "id_number", "62010219880314034X");
  /* More letters than digits, an ID's eighteen (letters/dev13). */
  assert_extracts ("我叫任国庆，身份证号l3O9O3l972lOOll17O，在沧州当焊工。", "id_number",
                   "130903197210011170");
  /* Someone else's number said so (他电话, 老板电话) is not the writer's. */
  assert_extracts ("找纪老三他电话不接（15891334278），找项目部也不管。我电话13992376041",
                   "phone", "13992376041");
  assert_extracts ("老板电话15891334278一直不接。", "phone", NULL);
  /* Split by a space after two leading letters: the whole reads as an ID
   * whose check digit holds (letters/dev10). */
  assert_extracts ("我叫韩丽娟，身份证Zl Ol04l976O9l4O2B4，在沈阳工作。", "id_number",
                   "210104197609140284");
  /* A mobile said digit by digit. */
  assert_extracts ("我电话是一五五 三七一二 八零四六。", "phone", "15537128046");
  assert_extracts ("那一百块也得退给俺 电话一五九 0631 7745", "phone", "15906317745");
  assert_extracts ("第一五九 0631号文件", "phone", NULL);
  assert_extracts ("今年一二三月都没发工资。", "phone", NULL);
  /* A mobile split by a space after two leading letters: the whole has a
   * mobile's shape (repeats-holdout19). */
  assert_extracts ("电话：lB3S0 723997\n", "phone", "18350723997");
  assert_extracts ("型号：AB3S0 723997\n", "phone", NULL);
  /* More letters than digits, in three groups of a mobile's shape
   * (repeats-holdout20). */
  assert_extracts ("电话：l37 B7S4 l6ll\n", "phone", "13787541611");
}

static void
test_phone_area_code_in_brackets (void **state)
{
  (void) state;
  assert_extracts ("电话：(0571)87654321", "phone", "0571-87654321");
  assert_extracts ("电话：（０５７１）８７６５４３２１。", "phone", "0571-87654321");
  assert_extracts ("编号(0571)", "phone", NULL);
}

static void
test_phone_spelled_in_chinese (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *phone;

  (void) state;
  fields = xf_classify_extract_fields ("电话一三八零七一三二二五六", 1.0);
  phone = find_field (fields, "phone");
  assert_non_null (phone);
  assert_string_equal (phone->value, "13807132256");
  assert_false (phone->repaired);
}

static void
test_look_alike_in_id_repaired (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  fields = xf_classify_extract_fields ("身份证号3301O6l985O6122731，", 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_VALID);
  assert_true (id->repaired);
  assert_float_equal (id->confidence, 0.95 * 0.75, 1e-6);
}

static void
test_look_alike_id_with_bad_check_digit_not_repaired (void **state)
{
  (void) state;
  /* Reading O as 0 does not make a wrong check digit right. */
  assert_extracts ("身份证号3301O6198506122735，", "id_number", NULL);
}

static void
test_look_alikes_left_in_words (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *id;

  (void) state;
  /* The I and D of "ID" are a word, not the digits 1 and 0. */
  fields = xf_classify_extract_fields ("ID" ID_VALID "，", 1.0);
  id = find_field (fields, "id_number");
  assert_non_null (id);
  assert_string_equal (id->value, ID_VALID);
  assert_false (id->repaired);
  /* Letters touching other letters stay letters: no phone in a code. */
  assert_extracts ("编号AB1386O123456", "phone", NULL);
}

static void
test_id_broken_by_spaces (void **state)
{
  (void) state;
  assert_extracts ("身份证 330106 19850612 2731 电话", "id_number", ID_VALID);
}

static void
test_phone_inside_longer_run_still_ignored_with_look_alikes (void **state)
{
  (void) state;
  assert_extracts ("单号91386O1234567", "phone", NULL);
}

/* ---- names ---- */

static void
test_name_wo_jiao_cut_before_age (void **state)
{
  (void) state;
  assert_extracts ("我叫李强今年45岁，在厂里上班。", "name", "李强");
  assert_extracts ("我叫王磊家住青河区。", "name", "王磊");
}

static void
test_name_after_role (void **state)
{
  (void) state;
  assert_extracts ("我是宏运物流公司的司机李强，", "name", "李强");
  assert_extracts ("我是锦程塑胶制品有限公司注塑车间的操作工周桂芳，", "name",
                   "周桂芳");
  /* 任 is a surname too, but 任王强 is not the name. */
  assert_extracts ("我是车间主任王强。", "name", "王强");
  assert_extracts ("我是他女儿王晓梅，请帮帮我们。", "name", "王晓梅");
  /* 师 ends 设计师; 民 ends 农民; 任 after a role may begin a name. */
  assert_extracts ("我是锦绣装饰工程有限公司的设计师周航，离职三个月了。", "name", "周航");
  assert_extracts ("我是贵州毕节的农民罗秀兰，我女儿今年才16岁。", "name", "罗秀兰");
  assert_extracts ("我是物业公司的保洁员任秀英，", "name", "任秀英");
}

static void
test_name_ben_ren (void **state)
{
  (void) state;
  assert_extracts ("本人林晓雯，2021年3月起在医院工作。", "name", "林晓雯");
}

static void
test_name_not_from_ben_ren_phrases (void **state)
{
  (void) state;
  assert_extracts ("本人郑重声明，以上情况属实。", "name", NULL);
  assert_extracts ("本人于2019年入职。", "name", NULL);
  assert_extracts ("我是一名普通职工，不便留名。", "name", NULL);
  assert_extracts ("我是宁波海晟塑业有限公司的一名一线工人。", "name", NULL);
  assert_extracts ("公司这样做，叫人寒心。", "name", NULL);
  assert_extracts ("大家都叫他老王。", "name", NULL);
  assert_extracts ("联系人：公司人事部", "name", NULL);
}

static void
test_name_labels (void **state)
{
  (void) state;
  assert_extracts ("联系人：马建军\n联系电话：13645087291", "name", "马建军");
  assert_extracts ("职工代表：王强、李明\n", "name", "王强");
  assert_extracts ("反映人：赵德顺\n", "name", "赵德顺");
  assert_extracts ("联名人：冯大江 等32人 电话：13934560000", "name", "冯大江");
  /* An English mail header; a label with the role first. */
  assert_extracts ("From: 高敏 <gaomin_c@qq.com>\nTo: 厦门市总工会\n", "name", "高敏");
  assert_extracts ("联系人：村委会主任马永福 电话0937-2000000", "name", "马永福");
  assert_extracts ("联名职工：彭志强（代表，电话13900000000）", "name", "彭志强");
  /* A message typed with spaces for punctuation. */
  assert_extracts ("工会您好 我是海韵食品有限公司包装车间的孙丽 去年11月车间主任说",
                   "name", "孙丽");
  /* A role in brackets after a signature, a former name inside 我是…的. */
  /* A surname that is also a word (石), signing before a bracket
   * (repeats-holdout19). */
  assert_extracts ("油费照扣。请总工会快点帮忙。\n\n石国庆（顺邦物流开半挂的）", "name",
                   "石国庆");
  assert_extracts ("请给个答复。\n刘春兰（公司收银主管） 电话：13965120000", "name",
                   "刘春兰");
  assert_extracts ("我是青河化工有限公司（原青河第二化工厂）的职工刘海红。", "name",
                   "刘海红");
  assert_extracts ("投诉人 张伟\n", "name", "张伟");
  assert_extracts ("举报人：刘洋（手机13705712468）", "name", "刘洋");
  /* A committee writing for one of its people: that person, not the
   * committee's clerk. */
  assert_extracts ("我村村民孙秀英（电话18274810063）委托村委会反映：…\n"
                   "联系人：村文书 孙建国\n", "name", "孙秀英");
  assert_extracts ("我社区租住居民熊德旺（62岁）托社区代为传真。\n"
                   "社区联系人：何晓燕\n", "name", "熊德旺");
}

static void
test_name_label_needs_colon (void **state)
{
  (void) state;
  /* 代表 without a colon is a verb or 职工代表大会. */
  assert_extracts ("这次职工代表大会没有公示。", "name", NULL);
}

static void
test_name_signature_line (void **state)
{
  (void) state;
  assert_extracts ("请工会帮忙。\n此致\n敬礼！\n周桂芳\n2026年10月27日", "name",
                   "周桂芳");
  assert_extracts ("请工会帮忙。\n赵德顺 2024年1月15日", "name", "赵德顺");
  assert_extracts ("这合法吗？　方文 13297046518", "name", "方文");
  assert_extracts ("请工会帮忙。\n王建军（签名）\n2024年3月1日", "name", "王建军");
}

/* Given names with characters that elsewhere begin the words after a
 * name (年, 元, 从, 人, 日): whole after a label or 我叫. */
static void
test_name_given_with_common_characters (void **state)
{
  (void) state;
  assert_extracts ("我叫王永年，在工地干活。", "name", "王永年");
  assert_extracts ("我叫孙振元。", "name", "孙振元");
  assert_extracts ("反映人：陈从军\n", "name", "陈从军");
  assert_extracts ("姓名：刘人杰\n", "name", "刘人杰");
  assert_extracts ("我叫赵日新，电话13812345678。", "name", "赵日新");
  assert_extracts ("本人：王伟\n", "name", "王伟");
  /* Still cut where the next words begin. */
  assert_extracts ("我叫李强今年45岁。", "name", "李强");
  assert_extracts ("姓名：李四男，45岁。", "name", "李四");
}

/* The end of a line of figures is no signature. */
static void
test_name_signature_not_a_figure (void **state)
{
  (void) state;
  assert_extracts ("请工会帮忙。\n时间 2024年3月15日", "name", NULL);
  assert_extracts ("诉求：\n1、支付拖欠工资 86000 元整", "name", NULL);
  assert_extracts ("请工会帮忙。\n利息 3000", "name", NULL);
}

static void
test_name_signature_not_a_group (void **state)
{
  (void) state;
  assert_extracts ("请工会帮忙。\n全体职工\n2024年1月15日", "name", NULL);
  assert_extracts ("请工会帮忙。\n一名职工\n2024年1月15日", "name", NULL);
  assert_extracts ("请工会帮忙。\n此致\n敬礼", "name", NULL);
}

static void
test_name_anonymous (void **state)
{
  (void) state;
  assert_extracts ("反映人：匿名\n", "name", NULL);
  assert_extracts ("一名职工反映：公司不签合同。", "name", NULL);
}

static void
test_name_compound_surname (void **state)
{
  (void) state;
  assert_extracts ("我叫欧阳娜娜，是护士。", "name", "欧阳娜娜");
  assert_extracts ("我叫司马南今年50岁。", "name", "司马南");
  assert_extracts ("我叫诸葛明，", "name", "诸葛明");
}

static void
test_name_relative_writes (void **state)
{
  (void) state;
  assert_extracts ("我是刘桂芝的女儿，叫王红。", "name", "王红");
  assert_extracts ("我是赵满仓的儿子赵小兵。我父亲…", "name", "赵小兵");
}

static void
test_name_split_by_ocr (void **state)
{
  (void) state;
  assert_extracts ("联系人：孙\n海涛 电话：13705712468", "name", "孙海涛");
  assert_extracts ("联系人：吕建 设\n", "name", "吕建设");
  /* A space after every character. */
  assert_extracts ("我叫 彭 小 兵，在恒通汽配有限公司上班。", "name", "彭小兵");
  /* Not past the name's length into the words after it. */
  assert_extracts ("我叫 彭 小 兵 在 恒通汽配上班。", "name", "彭小兵");
}

/* ---- employer ---- */

static void
test_employer_cut_at_left (void **state)
{
  (void) state;
  assert_extracts ("我在青河市宏盛电子有限公司上班，", "employer",
                   "青河市宏盛电子有限公司");
  assert_extracts ("2019年进南昌洪城纺织有限公司当挡车工", "employer",
                   "南昌洪城纺织有限公司");
  assert_extracts ("俺们找了开发商青河鼎盛房地产开发有限公司", "employer",
                   "青河鼎盛房地产开发有限公司");
}

static void
test_employer_words_holding_stops (void **state)
{
  (void) state;
  /* 送 and 问 end a name's left side (跑闪达…, 问…), but not in 配送, 顾问. */
  assert_extracts ("站点是青河美宇配送服务有限公司管的", "employer",
                   "青河美宇配送服务有限公司");
  assert_extracts ("我在青河华信管理顾问有限公司上班", "employer",
                   "青河华信管理顾问有限公司");
}

static void
test_employer_without_suffix (void **state)
{
  (void) state;
  assert_extracts ("我们是宏运物流的司机，公司拖欠工资。", "employer", "宏运物流");
}

/* 我们厂叫…: the name given outright; 公司叫我们… is "told us". */
static void
test_employer_called (void **state)
{
  (void) state;
  assert_extracts ("我是一个电子厂的普工。我们厂叫晶瑞电子，在园区B区。",
                   "employer", "晶瑞电子");
  assert_extracts ("公司名字叫宏运物流，老板姓王。", "employer", "宏运物流");
  assert_extracts ("公司叫我们回家等通知，", "employer", NULL);
  assert_extracts ("厂里叫大家签字，", "employer", NULL);
  assert_extracts ("公司叫员工回家等通知，工资也不发。", "employer", NULL);
}

/* A bare name after its county and park: the place is not the name. */
static void
test_employer_bare_after_place (void **state)
{
  (void) state;
  assert_extracts ("我在梅溪县化工园金泰化工上班，车间味道很重。", "employer",
                   "金泰化工");
  assert_extracts ("我在桃园酒业上班，老板欠了三个月工资。", "employer", "桃园酒业");
}

/* A verb before 厂里 or 公司 is the sentence, not a name. */
static void
test_employer_verb_before_works (void **state)
{
  (void) state;
  assert_extracts ("你们可以直接看厂里的考勤记录。", "employer", NULL);
  assert_extracts ("请查查厂里有没有检测。", "employer", NULL);
  assert_extracts ("理由是严重违反公司规章制度。", "employer", NULL);
  /* A signature for the works' staff: 代表 is who signs, not the name. */
  assert_extracts ("潘玉珍（代表原岚山重型机械厂职工）", "employer",
                   "原岚山重型机械厂");
}

/* Shops by their trade, with the branch that employs the writer. */
static void
test_employer_shop (void **state)
{
  (void) state;
  assert_extracts ("我今年3月到贝贝佳母婴用品店滨澜店做店员，", "employer",
                   "贝贝佳母婴用品店滨澜店");
  assert_extracts ("我在老城区的顺发火锅店当服务员。", "employer", "顺发火锅店");
  /* A courier's station, by its trade. */
  assert_extracts ("我是飞驰同城配送东麓湖滨路站的骑手，不敢留名字。", "employer",
                   "飞驰同城配送东麓湖滨路站");
  assert_extracts ("我3月份到青石区茶语时光奶茶店上班，", "employer",
                   "青石区茶语时光奶茶店");
}

/* An employer that closed before the matter is background; the one the
 * writer then went to is the employer.  Closed without "after", it is
 * the matter. */
static void
test_employer_closed_before (void **state)
{
  (void) state;
  assert_extracts ("宝丰纸业厂倒闭后，我从去年10月起在本镇青禾果蔬专业合作社做"
                   "分拣工，合作社拖欠工资三个月。",
                   "employer", "青禾果蔬专业合作社");
  assert_extracts ("宝丰纸业厂上个月突然倒闭了，老板跑了，欠我们三个月工资。",
                   "employer", "宝丰纸业厂");
}

/* A trade name in quotes, a name with 家 in it, a shop after its street
 * and 的 where the writer is a waiter. */
static void
test_employer_quoted_and_plain_shops (void **state)
{
  (void) state;
  assert_extracts ("三月底我去万达广场的“茶小满”奶茶店应聘，试工五天没给钱。",
                   "employer", "茶小满奶茶店");
  assert_extracts ("2019年起在洁家保洁服务有限公司做保洁员。", "employer",
                   "洁家保洁服务有限公司");
  assert_extracts ("我在杏林路的阿强烧腊当服务员，老板拖了两个月工资。", "employer",
                   "阿强烧腊");
  /* Quotes around a word that is no name stay out of it. */
  assert_extracts ("公司以“超龄”为由辞退我。", "employer", NULL);
}

/* Written for a mother: where the scribe works is not the matter. */
static void
test_employer_not_the_scribes (void **state)
{
  (void) state;
  assert_extracts ("我是邵德明的女儿邵丽芳，在实验中学工作。我父亲让我替他写，说的是他在"
                   "青河第二棉纺织厂接班进厂那四年工龄不算的事。", "employer",
                   "青河第二棉纺织厂");
  assert_extracts ("我是梁伟，替我妈写这封信。我妈在小榄镇鸿福五金厂做抛光，手被卷进"
                   "机器。我在珠海顺通快递上班，请不了长假。", "employer",
                   "小榄镇鸿福五金厂");
}

static void
test_employer_bare_company_is_none (void **state)
{
  (void) state;
  assert_extracts ("公司拖欠我们三个月工资。", "employer", NULL);
  assert_extracts ("我在一家建筑公司打工，厂里不发工资。", "employer", NULL);
  assert_extracts ("我们单位不交社保。", "employer", NULL);
}

static void
test_employer_not_the_union (void **state)
{
  (void) state;
  assert_extracts ("青河市总工会：我在宏盛电子厂上班。", "employer", "宏盛电子厂");
  assert_extracts ("我向青河市人社局和劳动监察大队反映过。", "employer", NULL);
}

static void
test_employer_former_works (void **state)
{
  (void) state;
  assert_extracts ("我是原青河纺织厂的下岗职工。", "employer", "原青河纺织厂");
  /* Restructured: the company it became answers for it now. */
  assert_extracts ("我们是原青河第三纺织厂的职工。2005年工厂改制为青河锦纶实业有限公司，"
                   "安置费至今未付。", "employer", "青河锦纶实业有限公司");
  assert_extracts ("我们是原青河第二五金厂的职工，2008年改制成立青河五联实业有限公司时"
                   "每人入股3000元。", "employer", "青河五联实业有限公司");
  assert_extracts ("我要求原青河机床厂（现在叫青河精机有限公司）承担这笔钱。", "employer",
                   "青河精机有限公司");
}

/* A time word (节前, 开庭前) or a word of affiliation (挂靠) before 公司
 * names no firm, nor 和 joining two nouns, nor a trade (MCN公司); a
 * warehouse (冷链仓储) is named by its trade. */
static void
test_employer_not_time_or_affiliation (void **state)
{
  (void) state;
  assert_extracts ("去年我申请了劳动仲裁，开庭前华庭物业退了500元押金。", "employer",
                   "华庭物业");
  assert_extracts ("还要补劳动合同的复印件和公司的不续签通知。", "employer", NULL);
  /* The copy shop on a fax's 发 line; a farm by what it is; a works said to
   * have closed before, in its full name too. */
  assert_extracts ("传真\n收：市总工会信访室\n发：石梁县文印中心 0748-7326000\n"
                   "我是贺春山，兴旺竹木制品厂开锯床断了手指的那个。", "employer",
                   "兴旺竹木制品厂");
  assert_extracts ("去年我在绿野菌菇种植基地采蘑菇，老板拖了四个月工钱。", "employer",
                   "绿野菌菇种植基地");
  assert_extracts ("她原在绿野菌菇基地做工。菌菇基地关门后，她在丰收柑橘专业合作社果园"
                   "疏果，合作社只发了一个月工钱。", "employer", "丰收柑橘专业合作社");
  /* Closed a few words on; the full name over its short form (绿能公司). */
  assert_extracts ("卢春兰原在青竹工艺品厂做工，该厂倒闭后，她被绿能光伏运维服务有限公司"
                   "招去清洗光伏板，绿能公司至今未付工钱。", "employer",
                   "绿能光伏运维服务有限公司");
  /* Not said to be closed: where she worked is what the letter is about. */
  assert_extracts ("我在青竹工艺品厂做工，厂里拖欠工钱，老板人也不见了。", "employer",
                   "青竹工艺品厂");
  /* A shop known by its quoted name, where the writer works; a quote of
   * what was said is none. */
  assert_extracts ("我在滨河路的\"名剪造型\"当发型助理，老板跑了。", "employer", "名剪造型");
  assert_extracts ("店长说我\"手法不符合\"就不录用了。", "employer", NULL);
  assert_extracts ("我是鹤鸣港物流园速捷供应链3号仓的分拣工。", "employer", "速捷供应链");
  /* A shop's branch named with no suffix, by the job done there; a site
   * or a road swept is where, not whose. */
  assert_extracts ("您好，我是味之源餐饮南京西路店的服务员周婷婷，在店里干了快两年了。",
                   "employer", "味之源餐饮南京西路店");
  assert_extracts ("我是川味坊火锅龙华店的切配工蒋涛，上个月切冻肉伤了手。", "employer",
                   "川味坊火锅龙华店");
  assert_extracts ("我是栖凤苑三期工地的油漆工罗桂香。", "employer", NULL);
  assert_extracts ("我是给桂堤区扫马路的环卫工龚长林。", "employer", NULL);
  /* Found by letters/dev12: a firm that sent the writer (派遣到) or holds
   * the whole site (总承包的) is not where he works; a firm sold or
   * merged into another (出售给, 吸收合并, 由…接收) answers by the other;
   * a salon (会所) and its branch; a unit with a code; a part of the shop
   * before the work verb; 希望 and 知道 end a name; 并州 is a name. */
  assert_extracts ("我由江苏众信人力资源有限公司派遣到无锡锡东汽车电器有限公司总装线工作。",
                   "employer", "无锡锡东汽车电器有限公司");
  assert_extracts ("他到九江恒力建筑劳务有限公司做木工，干活的地方是江西赣建建设集团有限公司"
                   "总承包的安置房工地。", "employer", "九江恒力建筑劳务有限公司");
  assert_extracts ("我们是原本溪市第二水泥厂的职工。2019年水泥厂整体出售给本溪辽鑫建材有限公司。",
                   "employer", "本溪辽鑫建材有限公司");
  assert_extracts ("2023年海丰被青岛鲁海食品集团有限公司吸收合并，员工全部转签到鲁海。",
                   "employer", "青岛鲁海食品集团有限公司");
  assert_extracts ("我是在悦颜美容美体会所万达店做美容师的韩露。", "employer",
                   "悦颜美容美体会所万达店");
  assert_extracts ("我在贵州黔通路桥工程有限公司毕威高速TJ-3标项目部开挖掘机。", "employer",
                   "贵州黔通路桥工程有限公司毕威高速TJ-3标项目部");
  assert_extracts ("您好，我在湘味小厨五一广场店后厨上班，叫欧阳俊。", "employer",
                   "湘味小厨五一广场店");
  assert_extracts ("我们是石家庄仁爱妇产医院住院部的护士。我们只希望医院合理排班。", "employer",
                   "石家庄仁爱妇产医院");
  assert_extracts ("我在太原并州商贸有限公司做收银员六年，今年才知道公司停缴了社保。", "employer",
                   "太原并州商贸有限公司");
  /* Gyms and restaurants by their trade (repeats-holdout13). */
  assert_extracts ("三月份我到南浦区跃动体能训练馆上班，馆里说先做三个月助教实习。", "employer",
                   "南浦区跃动体能训练馆");
  assert_extracts ("万达旁边的蜀香老火锅招服务员，说先试岗三天。", "employer", "蜀香老火锅");
  assert_extracts ("周末请工友们吃火锅。", "employer", NULL);
  /* Studios and salons by their trade (repeats-holdout19). */
  assert_extracts ("我去年9月到维纳斯婚纱摄影做化妆助理。", "employer", "维纳斯婚纱摄影");
  assert_extracts ("去年8月到槿湖区步行街的丝域造型当学徒。", "employer", "丝域造型");
  assert_extracts ("周末想去做个造型。", "employer", NULL);
  /* 我和 ends a name on its left (repeats-holdout20). */
  assert_extracts ("仲裁委认定我和骏驰人力资源公司存在劳动关系。", "employer", "骏驰人力资源公司");
  /* A name that starts in quotes starts at them; 服务部 ends a name, but a
   * job agency's is no employer; 公司叫车 calls a car (repeats-holdout18). */
  assert_extracts ("我从去年3月开始在\"闪送达\"湖滨配送站送外卖。", "employer",
                   "闪送达湖滨配送站");
  assert_extracts ("3月初我去临波区快马搬家服务部上班，跟车搬家。", "employer",
                   "临波区快马搬家服务部");
  assert_extracts ("3月2日我在昆山的聚才人力资源服务部登记找工作，交了介绍费。", "employer", NULL);
  assert_extracts ("有人晕倒了，公司叫车送到园区卫生室，挂了个水就让回来上班。", "employer", NULL);
  /* Clothes shops and net cafés by their trade (repeats-holdout21). */
  assert_extracts ("我4月份到金鼎广场二楼的简朴女装店做店员。", "employer", "简朴女装店");
  assert_extracts ("现在在西津区极速网咖当网管，上夜班。", "employer", "西津区极速网咖");
  assert_extracts ("3月去杉湖区步行街的衣尚服饰当导购。", "employer", "衣尚服饰");
  /* A shop, then 做 whatever the job (DM is none of the roles); after
   * something, 后公司 is the firm that did (repeats-holdout27, -25). */
  assert_extracts ("你好，我在南屿区谜境剧本杀店做DM（主持人），5月份来的。", "employer",
                   "谜境剧本杀店");
  assert_extracts ("本周又有一名女工在线边晕倒，送医后公司要求她写说明。", "employer", NULL);
  /* A name that ends in its trade, then 做; a firm by its kind alone (一个
   * 检测公司); farms and resorts by what they are (repeats-holdout29 to
   * -32). */
  assert_extracts ("我2月份开始在南屿区悦购电商做网店客服，每天在线12个小时。", "employer",
                   "悦购电商");
  assert_extracts ("上个月公司确实来了一个检测公司，提前一天就通知了。", "employer", NULL);
  assert_extracts ("我在桥头镇丰牧生态养殖场喂猪，老板叫石建新。", "employer",
                   "桥头镇丰牧生态养殖场");
  assert_extracts ("去年10月到柏溪云顶温泉度假村做季节工。", "employer", "柏溪云顶温泉度假村");
  /* Who hired the writer where she cleaned; money and time words are no
   * names (repeats-holdout21, -22). */
  assert_extracts ("我在县人民医院做保洁做了九年，是恒洁物业请的我。医院不要了。", "employer",
                   "恒洁物业");
  assert_extracts ("车也检查过，没有问题。可是保证金公司不退。", "employer", NULL);
  assert_extracts ("那台车开了六年，交车的时候公司的人验过，签了交接单。", "employer", NULL);
  assert_extracts ("车间里有人说，谁往上面告状厂里都知道。", "employer", NULL);
  assert_extracts ("谁去告就把谁拉进黑名单，以后园区哪家厂都进不去。", "employer", NULL);
  assert_extracts ("7月起公司又要求每个司机交3000元保证金。", "employer", NULL);
  /* A workshop between the works and 职工 still says the writer worked
   * there, over the firm that took on what was left (repeats-holdout18). */
  assert_extracts ("本人吕建国，原漪川第二化肥厂合成车间职工。2003年化肥厂宣告破产。"
                   "清算组解散后，说是由市国有资产经营公司接手遗留问题。", "employer",
                   "原漪川第二化肥厂");
  /* Found by letters/dev13: a firm named only by its trade (一家电力设备公司,
   * 一个职业介绍所) is none; a works bought whole (整体收购) answers by the
   * buyer, one to be merged (将被并入) not yet; a works' branch (二分厂) is
   * the company's; 长晟公司 is short for the full name after its place;
   * words of the sentence (所以, 如果, 管一管, 要上) end a name. */
  assert_extracts ("上个月我应聘一家电力设备公司的技术岗，笔试第一名。", "employer", NULL);
  /* Found by repeats-holdout33 to -36.  A committee's fax about a
   * villager's second matter tells the first one first: after a works
   * that closed, or a matter the office has dealt with, the later
   * workplace is the letter's; with no later one, the closed works still
   * is.  去 says where the writer works as 在 does (not in 去世); money
   * words, worries and a far-off site are no names. */
  assert_extracts ("我村村民蒙桂香，原在鸿福砖厂做饭。砖厂停工后，她于去年11月到本镇绿野菌业专业"
                   "合作社的蘑菇大棚做采摘工，工钱一直未结。", "employer", "绿野菌业专业合作社");
  assert_extracts ("我在鸿福砖厂做饭。砖厂停工后，老板就不来了，去年到现在的工钱一直没给。",
                   "employer", "鸿福砖厂");
  /* Not where the boss went, nor a job named after what the first
   * employer owes. */
  assert_extracts ("我在鸿福砖厂做饭。砖厂停工后，老板去了瑞丰水泥有限公司上班，欠我的工钱一直不给。",
                   "employer", "鸿福砖厂");
  assert_extracts ("我在宏达物流有限公司开车三年。离开宏达后，公司一直不给经济补偿金，我现在在顺丰速运"
                   "公司做快递员。", "employer", "宏达物流有限公司");
  assert_extracts ("我在宏达物流有限公司开车三年。离开宏达后，我现在在顺丰速运公司做快递员，宏达一直"
                   "不给我经济补偿金。", "employer", "宏达物流有限公司");
  assert_extracts ("我社区居民吴秀琴，去年在福寿康养老院工作时伤了腰，后经贵会协调已有处理。今年4月"
                   "，鑫家园家政服务有限公司介绍她到一户人家照顾老人，每月扣900元管理费。",
                   "employer", "鑫家园家政服务有限公司");
  assert_extracts ("我2月底去临溪区文化路的一品快印做前台接单。", "employer", "一品快印");
  assert_extracts ("丈夫去世后想找份工作，街道答应给我安排公益性岗位。", "employer", NULL);
  assert_extracts ("我们几个去年到鑫源五金上班，老板欠钱不给。", "employer", "鑫源五金");
  assert_extracts ("我到现在还在宏发电子上班，工资一直拖着。", "employer", "宏发电子");
  assert_extracts ("单子是我签的。希望工会帮我问问，这笔提成公司应不应该给。", "employer", NULL);
  assert_extracts ("我们担心厂房一拍卖，工资就更没着落了。", "employer", NULL);
  assert_extracts ("修车实际只花了7800元，而且保险公司还赔了4500。", "employer", NULL);
  assert_extracts ("我现在在外省工地上打工，用不惯电脑。", "employer", NULL);
  /* holdout37 to -40: 占全厂, 上面有银行, 高温津贴公司 are no names. */
  assert_extracts ("同意换届的有126人，占全厂工会会员一半多。", "employer", NULL);
  assert_extracts ("法院说厂房和土地还要拍卖，但上面有银行抵押，能剩多少不好说。", "employer", NULL);
  assert_extracts ("今年的高温津贴公司说按城管局拨付情况发放。", "employer", NULL);
  /* holdout41: the later workplace a farm restaurant, helped in (帮工); the
   * closed works named again further on is still the earlier one. */
  assert_extracts ("竹编厂停产后，卢秀珍今年4月起到芦湾镇\"竹香农家乐\"厨房帮工，只领到4200元。"
                   "卢秀珍此前被竹编厂欠薪的事至今未解决。", "employer", "芦湾镇竹香农家乐");
  assert_extracts ("上个月在东莞长安镇一个职业介绍所找工作，交了300元。", "employer", NULL);
  assert_extracts ("我们是原株洲第三机床厂的职工。2019年三厂改制，由株洲新湘机械有限公司整体收购。",
                   "employer", "株洲新湘机械有限公司");
  assert_extracts ("我是天津海河电缆有限公司二分厂的职工沈佳。公司宣布海河电缆将被并入渤润集团。",
                   "employer", "天津海河电缆有限公司");
  assert_extracts ("我们是重庆长晟汽车配件有限公司的职工。长晟公司工会八年没有换届，长晟公司"
                   "也不管。", "employer", "重庆长晟汽车配件有限公司");
  assert_extracts ("我的日工资是414元，所以公司应另外支付8280元。", "employer", NULL);
  assert_extracts ("请问工会能不能管一管医院的排班？", "employer", NULL);
  assert_extracts ("孩子今年要上小学，学校要五证齐全。", "employer", NULL);
  /* A short name before 打工 is a place; a street before a restaurant's
   * trade name is where it stands (repeats-holdout14). */
  assert_extracts ("我一个人在沄棠打工，房租都快交不上了。", "employer", NULL);
  assert_extracts ("我去年在柘桥步行街老灶台火锅当服务员。", "employer", "老灶台火锅");
  /* repeats-holdout15: 进 says where the writer works; a hospital where
   * blood was taken, or a stay (住了一周医院), is no employer. */
  assert_extracts ("我2020年3月进鹭港区盛步鞋业有限公司，在成型车间刷胶。8月在市人民医院查血，"
                   "白细胞只有3.1。", "employer", "鹭港区盛步鞋业有限公司");
  assert_extracts ("小娟现在白细胞更低了，2月份又住了一周医院。", "employer", NULL);
  /* letters/dev15: a restaurant's branch (酒楼五华店); a hospital where
   * someone lies (住着); a talent centre is an office; a Taiwan-funded
   * works with no name (台资五金厂) is none. */
  assert_extracts ("你好，我是蜀味轩酒楼五华店的服务员杨春艳，老板欠我两个月工资。", "employer",
                   "蜀味轩酒楼五华店");
  assert_extracts ("我男人在河南中豫建设工程有限公司龙湖苑项目部干架子工，摔下来腰椎骨折，现在还在"
                   "郑州市第九人民医院住着。", "employer",
                   "河南中豫建设工程有限公司龙湖苑项目部");
  assert_extracts ("我跑了好几个月，人才中心说不归他们管。", "employer", NULL);
  assert_extracts ("我在开发区一家台资五金厂开冲床，厂名我不敢写。", "employer", NULL);
  /* repeats-holdout16: a cloud warehouse by its trade, 讲 before it. */
  assert_extracts ("我8月份给你们寄过一封信，讲速达云仓B区3号库夜班罚款的事。", "employer",
                   "速达云仓");
  /* repeats-holdout17: 起任 (took up the post) ends a name on its left. */
  assert_extracts ("本人蒋文静，2019年8月起任蘅陂启航外国语学校初中英语教师。", "employer",
                   "蘅陂启航外国语学校");
  /* An award's verb ends the name on its left. */
  assert_extracts ("津滨劳人仲案字〔2024〕第0317号裁决书裁定天津滨海顺达物流有限公司支付我"
                   "经济补偿。", "employer", "天津滨海顺达物流有限公司");
  /* 归…管, 问过…: verbs before the name. */
  assert_extracts ("我们是扫马路的环卫工人，归洁城环境服务有限公司管。", "employer",
                   "洁城环境服务有限公司");
  assert_extracts ("4月份发邮件问过优品汇电子商务公司客服加班费的事。", "employer",
                   "优品汇电子商务公司");
  assert_extracts ("主题：MCN公司四个月不发保底\n我跟星火文化传媒有限公司签了协议。",
                   "employer", "星火文化传媒有限公司");
  assert_extracts ("节前公司发了通知，以前的不补。", "employer", NULL);
  assert_extracts ("他又说车队换了挂靠公司，老账不认。", "employer", NULL);
  assert_extracts ("我现在在港口物流园冰川冷链仓储做分拣，一天干12个小时。",
                   "employer", "港口物流园冰川冷链仓储");
}

/* The boss a letter names, by 老板叫, by title, or by his firm. */
static void
test_boss (void **state)
{
  static const struct { const char *text; const char *boss; } cases[] = {
    { "绿洁公司承包了道路保洁，老板叫胡志刚。", "胡志刚" },
    { "老板蒋国富（大家叫他蒋胖子）从今年2月开始拖工资。", "蒋国富" },
    { "胡志刚的公司去年欠我们两个月工资。", "胡志刚" },
    { "包工头邱红拖欠我们工钱。", "邱红" },
    /* No name: a verb, a title, a hidden one, a word. */
    { "老板说再等等，老板娘也不管。", NULL },
    { "黄总说下个月发。", NULL },
    { "老板吴某一直不接电话。", NULL },
    { "听从工头安排。", NULL },
  };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(XfText) text = xf_classify_text_new (cases[i].text);
      g_autofree char *boss = xf_classify_find_boss (text);

      if (g_strcmp0 (boss, cases[i].boss) != 0)
        fail_msg ("boss of \"%s\": got %s, expected %s", cases[i].text,
                  boss != NULL ? boss : "none",
                  cases[i].boss != NULL ? cases[i].boss : "none");
    }
}

/* Found by letters/dev6: a supermarket's branch, an industry word before
 * the name that follows it, and 来厂里 is a place. */
static void
test_employer_branch_industry_and_place (void **state)
{
  (void) state;
  assert_extracts ("我在南宁鑫品连锁超市万象城店干了四年收银，今天店长说我明天不用来了。",
                   "employer", "南宁鑫品连锁超市万象城店");
  assert_extracts ("我们是南康区一家石材厂——宏基石材加工厂的切割工，一共8人。",
                   "employer", "宏基石材加工厂");
  assert_extracts ("我们是粤丰塑料制品有限公司的工人。请工会赶在周五前来厂里看看！",
                   "employer", "粤丰塑料制品有限公司");
}

/* A heading line is no part of the name under it; a wrapped line is. */
static void
test_employer_under_a_heading (void **state)
{
  (void) state;
  assert_extracts ("举报信\n青河鲁元化工有限公司二车间不发防毒面具。", "employer",
                   "青河鲁元化工有限公司");
  assert_extracts ("我们是在开发区干了十多年的老职工，单位是青河\n鲁元化工有限公司，"
                   "拖欠工资三个月。", "employer", "青河鲁元化工有限公司");
}

static void
test_employer_ocr_guang_for_chang (void **state)
{
  (void) state;
  assert_extracts ("我是太原晋源纺织广的职工。", "employer", "太原晋源纺织厂");
  assert_extracts ("在成都蓝图广告传媒有限公司上班", "employer",
                   "成都蓝图广告传媒有限公司");
  assert_extracts ("我们是天津渤海港机装各有限公 司的职工", "employer",
                   "天津渤海港机装备有限公司");
  /* A chat's space between clauses is no OCR split. */
  assert_extracts ("我住厂里的宿舍 公司叫深圳市利达精密塑胶有限公司", "employer",
                   "深圳市利达精密塑胶有限公司");
}

static void
test_employer_where_the_writer_works_wins (void **state)
{
  (void) state;
  assert_extracts ("我在贵州黔顺建材有限公司上班，受伤后在市第二人民医院住院治疗，"
                   "公司不给报销。", "employer", "贵州黔顺建材有限公司");
}

static void
test_employer_group_before_project (void **state)
{
  (void) state;
  assert_extracts ("在江屿建设集团栖湖湾项目部干活", "employer", "江屿建设集团");
  assert_extracts ("我在中国移动通信集团青河有限公司上班", "employer",
                   "中国移动通信集团青河有限公司");
  assert_extracts ("我在宏盛集团有限公司上班", "employer", "宏盛集团有限公司");
}

static void
test_employer_branch_of_a_company (void **state)
{
  (void) state;
  /* A company's branch, project or shop is part of the employer ... */
  assert_extracts ("我在成都川味坊餐饮管理有限公司春熙路店当服务员", "employer",
                   "成都川味坊餐饮管理有限公司春熙路店");
  assert_extracts ("是贵州筑城建工集团有限公司凯里项目部的钢筋工", "employer",
                   "贵州筑城建工集团有限公司凯里项目部");
  /* ... but not what the sentence goes on to say. */
  assert_extracts ("青河宏盛电子有限公司不给我们交社保，门店也不管。", "employer",
                   "青河宏盛电子有限公司");
  /* A branch named alone gives way to its company. */
  assert_extracts ("我们是鞍山鑫岳特种钢管有限公司的职工，在轧管分厂上班。",
                   "employer", "鞍山鑫岳特种钢管有限公司");
}

static void
test_employer_full_name_over_short (void **state)
{
  (void) state;
  assert_extracts ("我是恒通电子厂的工人，厂在苏州市吴中区，全名叫苏州市吴中区"
                   "恒通电子厂。", "employer", "苏州市吴中区恒通电子厂");
}

static void
test_employer_not_a_place_or_verb (void **state)
{
  (void) state;
  /* 厂里 is where, not who; 面试 and 一下 are the sentence's. */
  assert_extracts ("我们在工业区厂里上班，老板不发工资。", "employer", NULL);
  assert_extracts ("上个月去面试合肥瑞博会计师事务所，", "employer",
                   "合肥瑞博会计师事务所");
  assert_extracts ("请领导了解一下台州市椒江区海润塑业有限公司的情况", "employer",
                   "台州市椒江区海润塑业有限公司");
  /* But 现代, 丰收, 搬家 are names, and 宏达服装厂里 holds one. */
  assert_extracts ("我在北京现代汽车有限公司上班", "employer",
                   "北京现代汽车有限公司");
  assert_extracts ("我在青河丰收农业有限公司上班", "employer",
                   "青河丰收农业有限公司");
  assert_extracts ("我是青河蚂蚁搬家有限公司的工人", "employer",
                   "青河蚂蚁搬家有限公司");
  assert_extracts ("我在宏达服装厂里上班，老板不发工资。", "employer",
                   "宏达服装厂");
}

static void
test_employer_hidden_name_is_none (void **state)
{
  (void) state;
  assert_extracts ("我们是某市第一人民医院的护士。", "employer", NULL);
}

static void
test_uscc_check (void **state)
{
  (void) state;
  assert_true (xf_classify_check_uscc ("91330106MA27XK3B2X"));
  assert_true (xf_classify_check_uscc ("91110105MA01C8RP7K"));
  assert_false (xf_classify_check_uscc ("91330106MA27XK3B2Y"));
  assert_false (xf_classify_check_uscc ("91330106MA27XK3B2"));
  /* O is not in the charset: OCR's O for 0 cannot pass unnoticed. */
  assert_false (xf_classify_check_uscc ("9133O106MA27XK3B2X"));
}

static void
test_uscc_raises_employer (void **state)
{
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) coded = NULL;
  const XfField *uscc;

  (void) state;
  plain = xf_classify_extract_fields ("我在宏盛电子有限公司上班。", 1.0);
  coded = xf_classify_extract_fields ("我在宏盛电子有限公司上班，统一社会信用代码"
                                      "91330106MA27XK3B2X。", 1.0);
  uscc = find_field (coded, "uscc");
  assert_non_null (uscc);
  assert_string_equal (uscc->value, "91330106MA27XK3B2X");
  assert_true (find_field (coded, "employer")->confidence
               > find_field (plain, "employer")->confidence);
  assert_null (find_field (plain, "uscc"));
}

/* O, I, S and Z are not in the code's charset: read as 0, 1, 5 and 2, and
 * the code marked repaired. */
static void
test_uscc_look_alikes_repaired (void **state)
{
  g_autoptr(GPtrArray) fields = NULL;
  const XfField *uscc;

  (void) state;
  fields = xf_classify_extract_fields ("统一社会信用代码：9133O1O6MA27XK3B2X", 1.0);
  uscc = find_field (fields, "uscc");
  assert_non_null (uscc);
  assert_string_equal (uscc->value, "91330106MA27XK3B2X");
  assert_true (uscc->repaired);
  assert_extracts ("信用代码91330106ma27xk3b2x", "uscc", "91330106MA27XK3B2X");
  /* Not without a place's six digits, whatever the check says. */
  assert_extracts ("邮箱zhongguogongrenbao", "uscc", NULL);
}

static void
test_uscc_bad_check_ignored (void **state)
{
  (void) state;
  assert_extracts ("信用代码91330106MA27XK3B2Y", "uscc", NULL);
}

/* ---- amounts ---- */

static void
test_amount_forms (void **state)
{
  (void) state;
  assert_extracts ("拖欠工资45200元。", "amount_yuan", "45200");
  assert_extracts ("拖欠工资2.7万元。", "amount_yuan", "27000");
  assert_extracts ("欠工程款310万元。", "amount_yuan", "3100000");
  assert_extracts ("欠我一万五千元。", "amount_yuan", "15000");
  assert_extracts ("还欠六万多元。", "amount_yuan", "60000");
  assert_extracts ("约1.8万元没发。", "amount_yuan", "18000");
  assert_extracts ("克扣4,800元。", "amount_yuan", "4800");
  /* A faxed comma that the recogniser read as a full stop. */
  assert_extracts ("拖欠工资42.100元。", "amount_yuan", "42100");
  assert_extracts ("欠12600块。", "amount_yuan", "12600");
  assert_extracts ("赔偿人民币叁万元整。", "amount_yuan", "30000");
  assert_extracts ("老板欠我三千五，", "amount_yuan", "3500");
  assert_extracts ("工资４５２００元未付。", "amount_yuan", "45200");
}

static void
test_amount_total_preferred (void **state)
{
  (void) state;
  assert_extracts ("每人被拖欠1万元，25人共计25万元。", "amount_yuan", "250000");
  assert_extracts ("欠我工资8000元，加班费1000元，合计9000元。", "amount_yuan",
                   "9000");
}

static void
test_amount_rate_passed_over (void **state)
{
  (void) state;
  assert_extracts ("我每月工资4800元，公司拖欠3个月工资14400元。", "amount_yuan",
                   "14400");
  assert_extracts ("月工资约4100元，应得20500元。", "amount_yuan", "20500");
  /* A rate alone is no claim. */
  assert_extracts ("每月要交300块停车费。", "amount_yuan", NULL);
  assert_extracts ("我月工资4000元，被辞退了。", "amount_yuan", NULL);
  /* A named month's pay is a sum. */
  assert_extracts ("公司拖欠我8月工资4000元。", "amount_yuan", "4000");
  assert_extracts ("上月工资3500元到现在没发。", "amount_yuan", "3500");
  /* A month's pay not paid at all is owed; paid, it is a rate. */
  assert_extracts ("干了一个月，一个月的工资2600元一分不给。", "amount_yuan", "2600");
  assert_extracts ("一个月的工资2600元，干满三个月才转正。", "amount_yuan", NULL);
}

static void
test_amount_largest_owed (void **state)
{
  (void) state;
  /* Of two sums owed the larger is the claim, unless the other is added
   * on to it (还有, 另外): then both are (the labels' 总计 if several). */
  assert_extracts ("欠我加班费500元。工资3000元也没给。", "amount_yuan", "3000");
  assert_extracts ("欠我工资3000元，还有加班费500元没给。", "amount_yuan", "3500");
}

/* Thousands set off by a full-width comma, as a Chinese keyboard types it;
 * elsewhere that comma parts clauses. */
static void
test_amount_full_width_thousands (void **state)
{
  (void) state;
  assert_extracts ("合计人民币125，600元。", "amount_yuan", "125600");
  assert_extracts ("拖欠工资35，000元。", "amount_yuan", "35000");
  assert_extracts ("共计125，600 元整。", "amount_yuan", "125600");
  assert_extracts ("欠款1，234，567.50元。", "amount_yuan", "1234568");
  assert_extracts ("干了3，加班费600元没给。", "amount_yuan", "600");
}

/* 百 and 千 leading a rough count, with no digit before them. */
static void
test_rough_hundreds_and_thousands (void **state)
{
  (void) state;
  assert_extracts ("我们百余名农民工的工资被拖欠。", "headcount", "100");
  assert_extracts ("涉及职工千余人，工资都没发。", "headcount", "1000");
  assert_extracts ("公司拖欠工资百余万元。", "amount_yuan", "1000000");
  assert_extracts ("千万不要说是我反映的，公司欠我工资3000元。", "amount_yuan", "3000");
}

static void
test_amount_paid_is_no_claim (void **state)
{
  (void) state;
  assert_extracts ("公司只给了八千块让我签字。", "amount_yuan", NULL);
}

static void
test_amount_received_or_offered_is_no_claim (void **state)
{
  (void) state;
  assert_extracts ("公司上周已经把拖欠的款项26,000元全部打到我的银行卡上了。",
                   "amount_yuan", NULL);
  /* The offer refused gives way to the sum worked out. */
  assert_extracts ("公司人事提出一次性给付3万元“补偿”，我未接受。应支付赔偿金，"
                   "即9,200元×8×2=147,200元。", "amount_yuan", "147200");
  /* 一块 is "together". */
  assert_extracts ("当年一块放长假的还有七八个人。", "amount_yuan", NULL);
}

/* After part was paid, what is still owed is the claim; a total of what
 * is still owed is the claim over its parts. */
static void
test_amount_remaining_after_payment (void **state)
{
  (void) state;
  assert_extracts ("公司应发我工资共计68000元，期间支付了两次，分别是15000元和8500元。"
                   "现在公司还欠我工资44500元。", "amount_yuan", "44500");
  assert_extracts ("每人应发安置费合计2.6万元，到现在只发了每人8000元，每人还欠"
                   "18000元，47人共计846000元。", "amount_yuan", "846000");
  assert_extracts ("还欠我父亲工资一万五千六百元，加上公司答应的年终奖800元，"
                   "一共16400元。", "amount_yuan", "16400");
  /* A promise to pay is no payment. */
  assert_extracts ("应得提成RMB 138,000元。公司支付了RMB 50,000元，余款RMB 88,000元"
                   "承诺3月底前付清，但至今未付。", "amount_yuan", "88000");
  assert_extracts ("老板只给我一千五，那剩下的两千三还能要回来吗？", "amount_yuan",
                   "2300");
  assert_extracts ("补偿金5700，还有这个月工资大概3100，加起来8800。", "amount_yuan",
                   "8800");
}

/* Neither a penalty the employer wants from the writer, an offer, money
 * beside the matter, nor a sum already handed over is his claim; a payment denied (没到位) is no payment, and
 * a penalty owed to him (公司应支付违约金) is his claim. */
static void
test_amount_not_the_writers_claim (void **state)
{
  (void) state;
  assert_extracts ("公司说我没干满合同期，要赔违约金2OOOO元才给办离职手续。",
                   "amount_yuan", NULL);
  assert_extracts ("公司在春节前已经把拖欠的共计4.3万元全部发放到位。", "amount_yuan",
                   NULL);
  assert_extracts ("工资条上多发300块说是社保补贴。", "amount_yuan", NULL);
  /* An offer, a loan, a company's profit. */
  assert_extracts ("HR给出的方案是补偿一万二，让我签自愿离职申请，我没有签。",
                   "amount_yuan", NULL);
  assert_extracts ("我找工友借了2000块才应付过去。", "amount_yuan", NULL);
  assert_extracts ("公司去年利润超过3200万元，却降了年终奖。", "amount_yuan", NULL);
  assert_extracts ("补偿款3万元一直没到位。", "amount_yuan", "30000");
  assert_extracts ("公司应支付违约金2万元给我。", "amount_yuan", "20000");
  /* A total that adds nothing to what is still owed is where it came from. */
  assert_extracts ("公司还欠2000元没给，工程款总共10000元。", "amount_yuan", "2000");
}

/* A pay level changed, a fine threatened, a rate beside 补偿: no claim. */
static void
test_amount_levels_and_threats_are_no_claim (void **state)
{
  (void) state;
  assert_extracts ("今年绩效奖从人均4500元降到1500元，也没开职代会。", "amount_yuan",
                   NULL);
  assert_extracts ("厂长说谁敢去上访就罚款800元。", "amount_yuan", NULL);
  assert_extracts ("公司按底薪1900元计算经济补偿，我们不服。", "amount_yuan", NULL);
  /* A fine already taken is a claim. */
  assert_extracts ("上个月被罚了800元，一直没退。", "amount_yuan", "800");
  /* A figure for each person with nothing else said is still the sum. */
  assert_extracts ("当年每人集资3万元，至今没还。", "amount_yuan", "30000");
  /* A fine for each time is a rule, not a sum taken. */
  assert_extracts ("公司规定迟到一次罚款200元，很多同事身体都出问题了。", "amount_yuan",
                   NULL);
  assert_extracts ("上个月迟到两次，扣了我罚款400元。", "amount_yuan", "400");
}

/* Part paid and the rest owed with no figure of its own: the rest; a fee
 * of its own kind paid beside the claim is not part of it. */
static void
test_amount_rest_of_a_part_paid (void **state)
{
  (void) state;
  assert_extracts ("按协议应付我工亡补助52,000元，老板先付了20,000元，余下的一拖再拖。",
                   "amount_yuan", "32000");
  assert_extracts ("赔偿金共计3万元，分两次给，第一次1.5万元去年已经收到，第二笔到现在"
                   "也没有消息。", "amount_yuan", "15000");
  assert_extracts ("工伤待遇合计64,000元，厂里只垫付了住院费9,000元，其余待遇不给。",
                   "amount_yuan", "64000");
  /* No word of the rest: the part paid is all that is said. */
  assert_extracts ("欠我工资12000元，上周给了5000元。", "amount_yuan", "12000");
}

/* Found by letters/dev4: a transfer is a payment, an offer may be made
 * with 可以给 or 只肯给, a deposit demanded first (先交) is no claim, nor
 * a company's capital or a land sale; a sum said again with nothing said
 * of it is what it was before; a total of what each is still owed. */
static void
test_amount_more_ways_of_saying (void **state)
{
  (void) state;
  assert_extracts ("老板一共欠我4万2千块工钱，过年前微信上转了我9千，说剩下的开春就给。",
                   "amount_yuan", "33000");
  assert_extracts ("人事说可以给我补偿1个月工资5,200元，我不要这个钱，我要回原岗位。",
                   "amount_yuan", NULL);
  assert_extracts ("公司只肯给一个月工资4800块，干六年应该给六个月，就是2.88万。",
                   "amount_yuan", "28800");
  assert_extracts ("酒店要求我先交3000元“培训费”才肯退还身份证。", "amount_yuan", NULL);
  assert_extracts ("听说公司注册资本要增加到8000万元，职工的工龄怎么算没有说法。",
                   "amount_yuan", NULL);
  assert_extracts ("公司把老厂区的土地以2.3亿元转让，没有经过职代会。", "amount_yuan",
                   NULL);
  assert_extracts ("去年每人还发了八百块的购物卡，今年没有了。我们不是在乎这八百块钱，"
                   "是体检取消了。", "amount_yuan", NULL);
  assert_extracts ("公司按3100元左右的最低基数给我交社保，实际每月工资七千多。",
                   "amount_yuan", NULL);
  assert_extracts ("我们十个人每个人还差五千二，一共五万二。", "amount_yuan", "52000");
  /* A scanner's space between thousands; a phone's groups are no sum. */
  assert_extracts ("老板欠我四个月工钱，一共 ￥ 9 6OO 元。", "amount_yuan", "9600");
  assert_extracts ("欠我工资5000元，电话139 0731 5826。", "amount_yuan", "5000");
  /* A sum demanded back after it was named as a fee is the claim. */
  assert_extracts ("培训机构收了学费12800元，我要求退还培训费12800元。", "amount_yuan",
                   "12800");
}

/* Found by letters/dev4 and dev5: a sum worked out from a rate (三年就是…),
 * half paid with the rest owed, a payment short (少发了) is none, a
 * transfer to the writer is one, the rest spoken of a sentence later, a sum
 * demanded after it was named, one person's share, the k of a quick
 * message, a scanner's space before 万. */
static void
test_amount_worked_out_halves_and_shares (void **state)
{
  (void) state;
  assert_extracts ("厂里以前每年发取暖补贴八百，停了三年，三年就是两千四。",
                   "amount_yuan", "2400");
  /* 就是 with no count or rate before it works nothing out. */
  assert_extracts ("老板说了就是两千，多一分没有。", "amount_yuan", NULL);
  assert_extracts ("老板欠我两万四，上个月给了一半，剩下的说年底给。", "amount_yuan",
                   "12000");
  assert_extracts ("到今年2月已经5个月了，共少发了27500元。", "amount_yuan", "27500");
  assert_extracts ("四个月共计23200元。今年1月公司只转给我5000元，其余至今未付。",
                   "amount_yuan", "18200");
  assert_extracts ("应该给四个月工资的补偿，也就是3.2万元，公司只给了一个月的8000元，"
                   "说是规定。我想把剩下的补偿要回来。", "amount_yuan", "24000");
  assert_extracts ("合同约定违约金3000元。现在公司说必须先交3000元违约金才放档案。",
                   "amount_yuan", NULL);
  /* One person's share with no total stays one person's. */
  assert_extracts ("我们车间12个人，每人被欠了三个月工资，一人一万三千五。",
                   "amount_yuan", "13500");
  assert_extracts ("欠我们班组工钱共计 l2.6 万元。", "amount_yuan", "126000");
  /* A share with a total of its own: the total; 第一人民医院 is no share. */
  assert_extracts ("我们车间12个人，每人被欠一万元，一共十二万。", "amount_yuan",
                   "120000");
  assert_extracts ("我们3个人在第一人民医院花了三千六百块医药费，厂里不给报。",
                   "amount_yuan", "3600");
  assert_extracts ("主管说上个月工资7.5k拖到这个月，结果一直没给。", "amount_yuan",
                   "7500");
}

/* Found by letters/dev6: a payment denied a verb away (未执行到位) is none,
 * and what is still had to execute (尚有…未执行) is still owed; a deduction
 * from the account (划扣了) is a payment; a payment anywhere in its clause
 * before the sum; a sum demanded of the writer's wife; a last line that
 * adds up the list. */
static void
test_amount_judgments_and_lists (void **state)
{
  (void) state;
  assert_extracts ("法院判决公司支付各项赔偿共计人民币二十一万三千六百元。申请强制执行后"
                   "只执行到位5万元，尚有163600元未执行到位。", "amount_yuan", "163600");
  assert_extracts ("判决公司支付工资、提成及利息共计47,350元。目前仅从公司账户划扣了"
                   "12,000元。请工会协助督促公司履行剩余款项。", "amount_yuan", "35350");
  assert_extracts ("公司支付了住院期间的医疗费3.2万元，这点我很感谢。但停工留薪的6个月"
                   "公司一分工资没发，约1.8万元。", "amount_yuan", "18000");
  assert_extracts ("公司说她签了培训协议，要她赔培训费15000元，否则不给办离职证明。",
                   "amount_yuan", NULL);
  assert_extracts ("老板拖欠我们五个人的工资。明细如下:\n唐志军 7800元\n廖春兰 6500元\n"
                   "谢军 7200元\n合计:21500元\n请工会帮忙。", "amount_yuan", "21500");
}

/* Found by letters/dev11: a sum the writer scorns (才两万五千六) is what
 * he was offered, and what he says he should have (应该有十三万多) is the
 * claim; a sum agreed with no word of debt, part paid and the rest said to
 * be left, is the rest. */
static void
test_amount_scorned_and_rest (void **state)
{
  (void) state;
  assert_extracts ("后来又说干脆买断，一年工龄给八百块，我算了算三十二年才两万五千六，这不是"
                   "打发要饭的吗？按法律该给多少我也问过人，应该有十三万多。", "amount_yuan",
                   "130000");
  assert_extracts ("我每个月工资才两千出头，公司还扣了我三个月的餐补六百元。", "amount_yuan",
                   "600");
  assert_extracts ("补充协议写明年终奖为4万元。今年公司只发了1.5万元，说剩下的看业绩再定。",
                   "amount_yuan", "25000");
  /* Another sum owed added on with 另外; not one merely mentioned, nor
   * one a total after it already holds. */
  assert_extracts ("公司拖欠我9、10月工资共1.64万元，另外入职时交的工服押金500元也没退。",
                   "amount_yuan", "16900");
  assert_extracts ("公司拖欠我9、10月工资共1.64万元，另外我每个月房租要1500元。",
                   "amount_yuan", "16400");
  assert_extracts ("公司拖欠我工资1.64万元，另外押金500元也没退，合计16900元。",
                   "amount_yuan", "16900");
  /* Found by letters/dev12: a sum worked out to ￥…; 以上合计 sums what
   * was claimed above, over a part owed; a fee demanded some words before
   * its figure is no claim. */
  assert_extracts ("公司只愿意支付3.6万元。我认为应按2N支付赔偿金，即12000×3×2=￥72,000。",
                   "amount_yuan", "72000");
  assert_extracts ("两个月工资没发，每月18000元，共3.6万元；承诺的项目奖金1.5万元也没兑现。"
                   "以上合计人民币伍万壹仟元整。", "amount_yuan", "51000");
  assert_extracts ("人事科说档案可以转，但要先交8年的“档案保管费”3000元，不交就不开调档函。",
                   "amount_yuan", NULL);
  /* Found by letters/dev13: 两项总计 sums the claims above; a fine the
   * writer would bear (承担罚款) is no claim; a loss claimed (损失23600元)
   * is owed, over the larger cost it came from. */
  assert_extracts ("8、9、10三个月工资共55500元至今没发；年终奖20000元也没有兑现。两项总计7.55万元。",
                   "amount_yuan", "75500");
  assert_extracts ("如果违反承诺怀孕，自动调离现岗位，并承担罚款5000元。", "amount_yuan", NULL);
  assert_extracts ("今年3月本人住院，花费医疗费两万八千余元，因医保断缴无法报销。请求由公司赔偿"
                   "本人因断缴不能报销的医疗费损失23600元。", "amount_yuan", "23600");
  /* Found by letters/dev14: transfers (打过来, 又打了) and what the firm
   * advanced (老板只垫了) are payments, what the writer advanced is not;
   * 给我补上 asks for a sum; a sum one must pay to leave (就得交) is
   * demanded. */
  assert_extracts ("结算下来总共欠我们工钱126000元。公司4月底打过来40000元，5月20号又打了"
                   "16000元，剩下的到现在再也没动静。", "amount_yuan", "70000");
  assert_extracts ("医药费花了八万六千多，胡老板只垫了两万就再也不管了。", "amount_yuan",
                   "86000");
  assert_extracts ("我要求公司把本该医保报销的2.l万元给我补上。今年1月住院花了3万多块钱。",
                   "amount_yuan", "21000");
  assert_extracts ("没干满五年就得赔两万块培训费。", "amount_yuan", NULL);
  assert_extracts ("海川说我合同没到期，要走就得交5000块违约金。", "amount_yuan", NULL);
  /* A sum owed, then said paid in full, is settled (letters/dev15). */
  assert_extracts ("去年年底公司欠我三万二的工钱。上个礼拜公司把三万二千块一次打到了我卡上。谢谢你们！",
                   "amount_yuan", NULL);
  assert_extracts ("公司欠我三万二的工钱。上个礼拜公司只打了一万块，剩下的还没给。",
                   "amount_yuan", "22000");
  /* Nothing said to be left: the sum agreed stands. */
  assert_extracts ("补充协议写明年终奖为4万元。今年公司只发了1.5万元。", "amount_yuan",
                   "40000");
}

/* Found by letters/dev7: the rest after a payment said with 还剩; a share
 * paid as a percentage; a sum worked out after 即 or 算了一下; a loan to
 * another is owed; a sum given up is none, though not one claimed before
 * the giving up; money paid to the firm is not paid to the writer; a
 * demand to pay the company is no claim; a sales volume is no sum owed. */
static void
test_amount_dev7_forms (void **state)
{
  (void) state;
  assert_extracts ("老板一共欠我们7.8w工钱，上个月给了2w，还剩5.8w一直拖着。", "amount_yuan",
                   "58000");
  assert_extracts ("清算组确认我的安置费四万二千元，去年只发了百分之六十，剩下的一直没给。",
                   "amount_yuan", "16800");
  assert_extracts ("HR说只肯给N，也就是6w。我认为应支付2N即12w。", "amount_yuan", "120000");
  assert_extracts ("公司说好每天餐补15块，从7月份开始就没发了，我算了一下到现在有一千一百多。",
                   "amount_yuan", "1100");
  assert_extracts ("车间主任跟我借了一万五，说年底就还，现在快一年了。", "amount_yuan",
                   "15000");
  assert_extracts ("体检费260元是我自己出的，我也不要了，只希望公司纠正就业歧视。",
                   "amount_yuan", NULL);
  assert_extracts ("我就想把这八千块本钱要回来，利息不要了。", "amount_yuan", "8000");
  assert_extracts ("社保局已把生育津贴1.92万元打到公司账户，公司扣着不给。", "amount_yuan",
                   "19200");
  assert_extracts ("合同里写着离职未满三年须向公司支付违约金五万元。", "amount_yuan", NULL);
  assert_extracts ("今年上半年签单额共计86万，提成应为25800元，公司只发了8000元，说剩下的"
                   "年底再说。", "amount_yuan", "17800");
  assert_extracts ("仲裁裁决共计壹拾伍万叁仟陆佰元，法院执行后仅支付伍万元，余款至今未付。",
                   "amount_yuan", "103600");
}

/* Items on lines of their own with no total: their sum. */
static void
test_amount_sum_of_listed_items (void **state)
{
  (void) state;
  assert_extracts ("公司应当支付：\n1. 未签合同双倍工资差额 26,400元；\n"
                   "2. 经济补偿金 9,900元。\n请工会督促。", "amount_yuan", "36300");
  assert_extracts ("欠我们的工钱：\n瓦工班 6人 工钱4万2\n木工班 3人 工钱1.9万\n"
                   "找了好多次。", "amount_yuan", "61000");
  /* A list with its own total: the total. */
  assert_extracts ("公司应当支付：\n一、加班费 5,000元；\n二、高温津贴 1,200元；\n"
                   "合计6,200元。", "amount_yuan", "6200");
  /* Two figures on one line are no list. */
  assert_extracts ("每月工资4000元，欠了两个月共8000元。\n请帮忙。", "amount_yuan",
                   "8000");
}

static void
test_amount_not_from_other_numbers (void **state)
{
  (void) state;
  assert_extracts ("我今年45岁，干了3个月，2024年3月1日离职，电话13705712468。",
                   "amount_yuan", NULL);
  assert_extracts ("医药费花了十几万。", "amount_yuan", NULL);
  assert_extracts ("元旦前后加班。", "amount_yuan", NULL);
}

/* Found by letters/dev8: a sum wanted back with no 元, a deduction, money
 * spent, a table, a date's pay, an offer turned down; and their near
 * misses. */
static void
test_amount_wanted_back_and_tables (void **state)
{
  (void) state;
  assert_extracts ("押金500和工服费280都不退 我就想把这780要回来", "amount_yuan", "780");
  assert_extracts ("他们收我介绍费三百五 我就想把三百五要回来", "amount_yuan", "350");
  assert_extracts ("每个月都扣20块，我干了三年，被扣了720，能退吗", "amount_yuan", "720");
  assert_extracts ("住院花的一万八千六百四全是我自己出的", "amount_yuan", "18640");
  assert_extracts ("我干了三年，现在有780人在厂里。", "amount_yuan", NULL);
  /* One OCR letter before 万: 每人S万元 is 5万. */
  assert_extracts ("集资每人S万元，至今一分没还。", "amount_yuan", "50000");
  /* A wage quoted with board is a rate. */
  assert_extracts ("上24小时休24小时 工资4800包吃不包住 想问工时合法吗", "amount_yuan", NULL);
  /* Valuations are no claim. */
  assert_extracts ("厂子评估价只报了1800万元，地皮市场价就过亿。", "amount_yuan", NULL);
  /* An offer turned down, though called 补偿. */
  assert_extracts ("老板说给我两千块钱补偿，让我别再找了。我不要这两千，我要求单位补缴。",
                   "amount_yuan", NULL);
  assert_extracts ("老板说给我两千块钱补偿，到现在也没给。", "amount_yuan", "2000");
  /* A table whose figures stand spaces after their labels, one a date's
   * pay, one a reimbursement. */
  assert_extracts ("公司至今未结清以下款项：\n  3月工资          13,000\n"
                   "  4月1-18日工资     7,800\n  出差报销          3,800\n"
                   "HR说让等通知。", "amount_yuan", "24600");
  /* A festival's gift card is no claim. */
  assert_extracts ("以前过节都发500块购物卡 今年啥都没有", "amount_yuan", NULL);
}

/* Found by letters/dev9 and dev10: debts between others, a total that
 * adds up what is still owed or what its sentence says is owed, offers to
 * end the matter, pay held back as a threat, prices, taxes and savings. */
static void
test_amount_dev9_dev10 (void **state)
{
  (void) state;
  assert_extracts ("应得150000元，只给过28500元，尚欠121500元。经理说开发商还欠他们"
                   "工程款1800多万，钱不到位发不下来。", "amount_yuan", "121500");
  assert_extracts ("两项合计27,650元。门店还欠商场租金四十多万。", "amount_yuan", "27650");
  assert_extracts ("住院花了八万六千多，公司只垫付了三万，剩下的五万六是我们借的。伤残补助金"
                   "46800元，加上我们自己垫的56000元医药费，合计102800元。",
                   "amount_yuan", "102800");
  assert_extracts ("公司称培训费用共计12万元，并扣下我12月工资8,600元和年终奖5,700元不发，"
                   "合计14,300元。", "amount_yuan", "14300");
  assert_extracts ("公司还说每人给两万块钱“了断”，签了字以后不再追究。", "amount_yuan", NULL);
  assert_extracts ("说不签就不发这个月的工资五千四，周五前必须签。", "amount_yuan", NULL);
  assert_extracts ("现在有中介说能补办，要价8,000元，我不敢信。", "amount_yuan", NULL);
  assert_extracts ("名下另有一笔1,274元的税款待缴。", "amount_yuan", NULL);
  assert_extracts ("今年取消了体检，说是能省下l2万元。", "amount_yuan", NULL);
  assert_extracts ("他让我们自己花八百块换新的电瓶。", "amount_yuan", NULL);
  /* Worked out with 该补; wanted back in the same sentence; 赔给. */
  assert_extracts ("一个月五千二，干了十二年，按法律该补6万2千4。", "amount_yuan", "62400");
  assert_extracts ("我交的两万是借亲戚的，只想要回来。", "amount_yuan", "20000");
  assert_extracts ("正常交着的话能报7400左右\n我想让公司把这7400赔给我", "amount_yuan", "7400");
  /* 退还培训费 is a claim. */
  assert_extracts ("我要求中心退还培训费19800元。", "amount_yuan", "19800");
}

/* Found by letters/dev11 and repeats-holdout12. */
static void
test_fields_dev11 (void **state)
{
  (void) state;
  /* A scanner's space inside a sum, letters after it. */
  assert_extracts ("公司拖欠我l至4月工资,共计32 OOO元,老板说等货款回来再说。", "amount_yuan", "32000");
  /* What should have been reimbursed is the claim over what was spent. */
  assert_extracts ("我住院做手术花了2.3万元,一分钱也报不了。按医保比例应报销约l.6万元,要求公司承担。",
                   "amount_yuan", "16000");
  /* A deposit not returned is owed: the total of wages and deposit. */
  assert_extracts ("公司拖欠他4个月的工资，每月2800元，共11200元，另外入职时扣的服装押金300元也没退，"
                   "合计11500元。", "amount_yuan", "11500");
  /* An award, part paid, the rest refused. */
  assert_extracts ("裁决书裁定公司支付我工资及加班费48600元。公司只在7月付了1万元，其余拒不支付。",
                   "amount_yuan", "38600");
  /* Shares the writer must buy, and other firms' bonuses, are no claim. */
  assert_extracts ("要求职工每人认购股份不少于2万元，否则另行安置。", "amount_yuan", NULL);
  assert_extracts ("别的公司过年都发五百块钱和米面油，俺们啥也没有。", "amount_yuan", NULL);
  /* A mailbox's nickname is no name. */
  assert_extracts ("发件人：芦坪打工人 <lpdagong@163.com>\n我就是去年写信的那个。", "name", NULL);
  assert_extracts ("发件人：月亮船2019 <yueliang2019@163.com>\n我11月写过信。", "name", NULL);
  assert_extracts ("发件人：吴小芳 <wxf@163.com>\n我11月写过信。", "name", "吴小芳");
  assert_extracts ("发件人：一只脚 <yizhijiao2025@163.com>\n我上个月写过信。", "name", NULL);
  assert_extracts ("发件人：燕子飞飞 <yanzifeifei94@163.com>\n九月份就写信了。", "name", NULL);
  assert_extracts ("发件人：欧阳小芳 <oyxf@163.com>\n九月份就写信了。", "name", "欧阳小芳");
  /* A new sign on the gate renames the works; another firm that won the
   * tender (换成了…) does not succeed the one that owes. */
  assert_extracts ("我在恒亿塑胶注塑车间上班（现在门口的牌子已经换成亿恒精密科技有限公司了）。",
                   "employer", "亿恒精密科技有限公司");
  assert_extracts ("我在洁康保洁有限公司干了三年，去年重新招标，洁康没中标，换成了城美环境科技有限公司，"
                   "洁康保洁有限公司还欠我们两个月工资。", "employer", "洁康保洁有限公司");
}

/* Found by letters/dev9 and dev10: names. */
static void
test_names_dev9_dev10 (void **state)
{
  (void) state;
  /* OCR's space inside a name after 本人 or in a signature, when the
   * letter shows OCR damage; not in a clean one. */
  assert_extracts ("本人宋立 平，身份证37Ol02l9B2lO254Ol6，在济南任设备维修工。",
                   "name", "宋立平");
  assert_extracts ("包头市北辰稀土材料有限公司今年取消了体检，能省下l2万元。\n白建 华 O472-5l36B27",
                   "name", "白建华");
  /* 代表班组9人 after a signature: a group, not a name (letters/dev13). */
  assert_extracts ("谢谢你们。\n代表班组9人\n", "name", NULL);
  /* A space between every character, after the role (letters/dev12). */
  assert_extracts ("停一天扣2OO元。请上级赶紧派人来查。\n综采队职工 张 建 军\n电话：l3994O2 65l8",
                   "name", "张建军");
  /* Not in a clean letter, nor four pieces. */
  assert_extracts ("请上级赶紧派人来查。\n综采队职工 张 建 军\n电话：13994026518", "name", NULL);
  /* 向 inside a name that ends its clause. */
  assert_extracts ("我叫李向东。", "name", "李向东");
  assert_extracts ("我是天津港顺通物流有限公司的叉车司机李向东。", "name", "李向东");
  assert_extracts ("我叫李向公司反映问题。", "name", NULL);
  /* A role, then the name after a space; 游戏测试 is a role. */
  assert_extracts ("你好 我是快跑外卖城东站的骑手 周凯 我们站里二十几个骑手", "name", "周凯");
  assert_extracts ("您好，我是成都星图互娱科技有限公司的游戏测试韦嘉明。", "name", "韦嘉明");
}

/* Found by letters/dev8: names, employers and counts. */
static void
test_fields_dev8_forms (void **state)
{
  (void) state;
  /* 联名： as a label; a nickname, then the full name after a space. */
  assert_extracts ("我们是佳宁电子的员工。\n联名：吴晓东（联系人，13586723049）、汤丽等61人",
                   "name", "吴晓东");
  assert_extracts ("我们联名反映公司欠薪的事。", "name", NULL);
  assert_extracts ("在吗 我是速达同城配送站的骑手小韩 韩宇 干了一个多月", "name", "韩宇");
  assert_extracts ("我是车间的小韩 韩师傅说的那件事", "name", NULL);
  /* 不 inside 不锈钢; OCR 广 for 厂 after 标准件 and 电缆; 配送站, 羊肉馆. */
  assert_extracts ("我是江门市新会区鸿泰不锈钢制品有限公司的员工。", "employer",
                   "江门市新会区鸿泰不锈钢制品有限公司");
  assert_extracts ("本人原在邯郸市永年区兴旺标准件广质检岗工作。", "employer",
                   "邯郸市永年区兴旺标准件厂");
  assert_extracts ("我是原株洲湘江电缆广职工。", "employer", "原株洲湘江电缆厂");
  assert_extracts ("我是速达同城配送站的骑手，站长把我开了。", "employer", "速达同城配送站");
  assert_extracts ("我是老杨家羊肉馆烧锅炉的，老板欠我工钱。", "employer", "老杨家羊肉馆");
  /* The works renamed (后来改成…) answers for it. */
  assert_extracts ("我是原来哈尔滨北方锅炉厂的，后来改成哈尔滨北锅能源装备有限公司了，"
                   "就不给了。", "employer", "哈尔滨北锅能源装备有限公司");
  /* Where a student studies is not where she works. */
  assert_extracts ("女儿在淮安信德职业技术学校读书，被学校安排到昆山捷越电子科技有限公司实习。",
                   "employer", "昆山捷越电子科技有限公司");
  /* A job agency is none; a driving school is one; the fax's 发自 line
   * is the sending shop's. */
  assert_extracts ("我是在远大职介所找工作的 叫马二虎", "employer", NULL);
  assert_extracts ("我叫陆鹏，是北塘区通达驾校的教练员。", "employer", "北塘区通达驾校");
  assert_extracts ("我是导游，给霁川悦途旅行社带了三个团。", "employer", "霁川悦途旅行社");
  assert_extracts ("传真 发至：江州市总工会\n发自：北湖区城北劳务市场服务站（代发）\n"
                   "我叫孙德胜，反映江州远大建设集团有限公司北湖新城工地欠我木工工资。",
                   "employer", "江州远大建设集团有限公司");
  /* Found by letters/dev10: OCR's spaces anywhere in a damaged letter's
   * name; 大 and 前进 inside names; a heading line is no part of a name;
   * a trade name with no suffix, not a park's or a product's. */
  assert_extracts ("我叫吴 晓丽，苏州佳禾电 子有限公 司品检员。电话l5B 62O3 7749",
                   "employer", "苏州佳禾电子有限公司");
  assert_extracts ("宿舍 公司叫我们搬走。", "employer", NULL);
  assert_extracts ("我是陈大勇 在 在大成五金厂开冲床的", "employer", "大成五金厂");
  assert_extracts ("我在一家大建筑公司打工。", "employer", NULL);
  assert_extracts ("一个老职工的匿名信：前进机械厂去年把地卖了。", "employer", "前进机械厂");
  assert_extracts ("关于恢复职工体检的建议\n包头市北辰稀土材料有限公司今年取消了体检。",
                   "employer", "包头市北辰稀土材料有限公司");
  assert_extracts ("匿名反映：鑫茂化工从去年起让每个职工集资入股。", "employer", "鑫茂化工");
  assert_extracts ("我还是北塘化工园区那家做涂料的工人。", "employer", NULL);
  assert_extracts ("我是南渚高新电子产业园晶朗光电模组车间的一名员工。", "employer", "晶朗光电");
  assert_extracts ("我们厂生产化工原料，老板欠薪。", "employer", NULL);
  /* 三百来号人; children counted after 至少有. */
  assert_extracts ("全厂三百来号人的工资都压着不发。", "headcount", "300");
  assert_extracts ("厂里至少有6个十五六岁的孩子在流水线上干活。", "headcount", "6");
  assert_extracts ("我家两个孩子还在上学。", "headcount", NULL);
  /* Found by letters/dev9 and dev10: the people right after the count,
   * after 号, after one qualifier; 服务员, 会员. */
  assert_extracts ("全厂三百多职工有权知道。", "headcount", "300");
  assert_extracts ("我们一百来号工人一个都没有。", "headcount", "100");
  assert_extracts ("公司突然让车间二十多个老工人重签合同。", "headcount", "20");
  assert_extracts ("我们蜀味轩火锅店十八个服务员和厨师两个月工资没发了。", "headcount", "18");
  assert_extracts ("一百二十多个会员敢怒不敢言。", "headcount", "120");
  assert_extracts ("两百多人民币的罚款。", "headcount", NULL);
  assert_extracts ("我拨打过12351职工热线。", "headcount", NULL);
}

static void
test_amount_wan_without_yuan (void **state)
{
  (void) state;
  assert_extracts ("拖欠我们工资三十多万，", "amount_yuan", "300000");
  assert_extracts ("老板欠俺们的工钱，俺自己就有一万八。", "amount_yuan", "18000");
}

/* ---- headcount ---- */

static void
test_headcount_forms (void **state)
{
  (void) state;
  assert_extracts ("我们班组25名工人被拖欠工资。", "headcount", "25");
  assert_extracts ("60多名员工没拿到钱。", "headcount", "60");
  assert_extracts ("二百多名职工都没交社保。", "headcount", "200");
  assert_extracts ("车间共有15人。", "headcount", "15");
  assert_extracts ("涉及护士32人。", "headcount", "32");
  assert_extracts ("我们三十多个工友一起去讨薪。", "headcount", "30");
  assert_extracts ("一起干活的老乡有二十多个，", "headcount", "20");
  assert_extracts ("我和另外4名工友都被辞退了。", "headcount", "5");
  assert_extracts ("包括我在内共8人。", "headcount", "8");
}

static void
test_headcount_part_not_the_whole (void **state)
{
  (void) state;
  assert_extracts ("我们班组25名工人，其中3人受伤。", "headcount", "25");
}

static void
test_headcount_lone_named_writer (void **state)
{
  (void) state;
  assert_extracts ("我叫李强，公司欠我工资。", "headcount", "1");
}

static void
test_headcount_anonymous_without_count (void **state)
{
  (void) state;
  assert_extracts ("一名职工反映：公司不签合同。", "headcount", NULL);
}

static void
test_headcount_not_ages_dates_months (void **state)
{
  (void) state;
  assert_extracts ("今年45岁，2024年3月入职，干了3个月，每天12小时。",
                   "headcount", NULL);
  assert_extracts ("干了两个月，拿到5000元。", "headcount", NULL);
}

/* Found by letters/dev12: children said to work are counted (child
 * labour), the writer's own children are not; a group the writer is
 * singled out of (同组5个人只裁了我一个) is not the count. */
static void
test_headcount_children_at_work_and_singled_out (void **state)
{
  (void) state;
  assert_extracts ("厂里现在有十几个不满十六岁的孩子在干活。", "headcount", "10");
  assert_extracts ("我有两个孩子在老家上学。", "headcount", NULL);
  assert_extracts ("我叫陈思远。同组5个人只裁了我一个。", "headcount", "1");
  assert_extracts ("我叫陈思远。同组5个人都被裁了。", "headcount", "5");
  /* Children who came to the workshop (letters/dev13); not to the home. */
  assert_extracts ("今年暑假以后，车间来了十几个十四五岁的孩子，都是从老家招来的。",
                   "headcount", "10");
  assert_extracts ("我们家来了两个孩子，都在上学。", "headcount", NULL);
  assert_extracts ("我们是漯河豫丰食品有限公司的3O户职工。", "headcount", "30");
}

/* ---- measurement on a labelled folder ---- */

/* The labels' values as strings: numbers as integers, phones digits only. */
static char *
label_value (JsonObject *fields, const char *name)
{
  JsonNode *node;

  if (!json_object_has_member (fields, name))
    return NULL;
  node = json_object_get_member (fields, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.0f", json_node_get_double (node));
  return g_strdup (json_node_get_string (node));
}

/* Phones compare as digits; the rest as written. */
static gboolean
same_value (const char *name, const char *a, const char *b)
{
  if (g_str_equal (name, "phone"))
    {
      g_autoptr(GString) x = g_string_new (NULL);
      g_autoptr(GString) y = g_string_new (NULL);

      for (const char *p = a; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (x, *p);
      for (const char *p = b; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (y, *p);
      return g_str_equal (x->str, y->str);
    }
  return g_str_equal (a, b);
}

/* With XF_LETTERS pointing at a folder of NNN.txt and labels.jsonl, prints
 * each field's precision, recall and accuracy over the letters (and each
 * miss, with XF_LETTERS_VERBOSE set).  Measures; asserts nothing.  Skipped
 * when XF_LETTERS is unset. */
static void
test_measure_labelled_letters (void **state)
{
  static const char *const names[] = {
    "name", "id_number", "phone", "employer", "amount_yuan", "headcount",
  };
  const char *folder = g_getenv ("XF_LETTERS");
  gboolean verbose = g_getenv ("XF_LETTERS_VERBOSE") != NULL;
  g_autofree char *labels_path = NULL;
  g_autofree char *labels = NULL;
  g_auto(GStrv) lines = NULL;
  guint tp[G_N_ELEMENTS (names)] = { 0 };
  guint fp[G_N_ELEMENTS (names)] = { 0 };
  guint fn[G_N_ELEMENTS (names)] = { 0 };
  guint right[G_N_ELEMENTS (names)] = { 0 };
  guint letters = 0;

  (void) state;
  if (folder == NULL || *folder == '\0')
    {
      print_message ("XF_LETTERS not set: no labelled folder measured\n");
      skip ();
    }
  labels_path = g_build_filename (folder, "labels.jsonl", NULL);
  assert_true (g_file_get_contents (labels_path, &labels, NULL, NULL));
  lines = g_strsplit (labels, "\n", -1);
  for (gsize l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      JsonObject *label;
      JsonObject *gold;
      const char *file;

      if (*g_strstrip (lines[l]) == '\0')
        continue;
      assert_true (json_parser_load_from_data (parser, lines[l], -1, NULL));
      label = json_node_get_object (json_parser_get_root (parser));
      file = json_object_get_string_member (label, "file");
      gold = json_object_get_object_member (label, "fields");
      path = g_build_filename (folder, file, NULL);
      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;                      /* labelled, not yet written */
      letters++;
      fields = xf_classify_extract_fields (text, 1.0);
      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *want = label_value (gold, names[i]);
          const XfField *got = find_field (fields, names[i]);
          gboolean same = want != NULL && got != NULL
                          && same_value (names[i], got->value, want);

          if (same)
            tp[i]++;
          if (got != NULL && !same)
            fp[i]++;
          if (want != NULL && !same)
            fn[i]++;
          if (same || (want == NULL && got == NULL))
            right[i]++;
          else if (verbose)
            print_message ("%s %-11s want %s got %s\n", file, names[i],
                           want != NULL ? want : "-",
                           got != NULL ? got->value : "-");
        }
    }
  print_message ("%u letters in %s\n", letters, folder);
  print_message ("%-12s %9s %9s %9s\n", "field", "precision", "recall",
                 "accuracy");
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    print_message ("%-12s %9.3f %9.3f %9.3f\n", names[i],
                   tp[i] + fp[i] > 0 ? (double) tp[i] / (tp[i] + fp[i]) : 1.0,
                   tp[i] + fn[i] > 0 ? (double) tp[i] / (tp[i] + fn[i]) : 1.0,
                   letters > 0 ? (double) right[i] / letters : 1.0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_field_names_known),
    cmocka_unit_test (test_field_names_unknown),
    cmocka_unit_test (test_field_names_order),
    cmocka_unit_test (test_field_free_null),

    cmocka_unit_test (test_id_valid),
    cmocka_unit_test (test_id_valid_without_normalised),
    cmocka_unit_test (test_id_valid_check_x),
    cmocka_unit_test (test_id_lowercase_x_normalised),
    cmocka_unit_test (test_id_surrounding_spaces_ignored),
    cmocka_unit_test (test_id_full_width_digits_accepted),
    cmocka_unit_test (test_id_wrong_check_digit),
    cmocka_unit_test (test_id_x_where_digit_expected),
    cmocka_unit_test (test_id_legacy_upgraded),
    cmocka_unit_test (test_id_legacy_impossible_date),
    cmocka_unit_test (test_id_feb_30_rejected),
    cmocka_unit_test (test_id_month_13_rejected),
    cmocka_unit_test (test_id_leap_day_accepted),
    cmocka_unit_test (test_id_1900_feb_29_rejected),
    cmocka_unit_test (test_id_before_1900_rejected),
    cmocka_unit_test (test_id_future_birth_date_rejected),
    cmocka_unit_test (test_id_wrong_length),
    cmocka_unit_test (test_id_empty_wrong_length),
    cmocka_unit_test (test_id_huge_input_wrong_length),
    cmocka_unit_test (test_id_letter_inside_rejected),

    cmocka_unit_test (test_phone_mobile),
    cmocka_unit_test (test_phone_mobile_plus86),
    cmocka_unit_test (test_phone_mobile_plus86_spaced),
    cmocka_unit_test (test_phone_mobile_0086),
    cmocka_unit_test (test_phone_mobile_bare_86),
    cmocka_unit_test (test_phone_mobile_dashes),
    cmocka_unit_test (test_phone_mobile_spaces),
    cmocka_unit_test (test_phone_without_normalised),
    cmocka_unit_test (test_phone_landline_beijing),
    cmocka_unit_test (test_phone_landline_beijing_real_format),
    cmocka_unit_test (test_phone_landline_hangzhou),
    cmocka_unit_test (test_phone_landline_undivided),
    cmocka_unit_test (test_phone_landline_seven_digits),
    cmocka_unit_test (test_phone_landline_guangzhou),
    cmocka_unit_test (test_phone_landline_plus86_drops_trunk_zero),
    cmocka_unit_test (test_phone_full_width),
    cmocka_unit_test (test_phone_hotline_rejected),
    cmocka_unit_test (test_phone_hotline_with_country_code_rejected),
    cmocka_unit_test (test_phone_service_number_rejected),
    cmocka_unit_test (test_phone_400_rejected),
    cmocka_unit_test (test_phone_mobile_too_long),
    cmocka_unit_test (test_phone_mobile_too_short),
    cmocka_unit_test (test_phone_mobile_prefix_12_rejected),
    cmocka_unit_test (test_phone_unknown_area_code),
    cmocka_unit_test (test_phone_landline_local_too_long),
    cmocka_unit_test (test_phone_landline_local_starting_0_rejected),
    cmocka_unit_test (test_phone_landline_without_area_code),
    cmocka_unit_test (test_phone_foreign_country_rejected),
    cmocka_unit_test (test_phone_letter_rejected),
    cmocka_unit_test (test_phone_trailing_dash_rejected),

    cmocka_unit_test (test_extract_id_in_chinese),
    cmocka_unit_test (test_extract_phone_in_chinese),
    cmocka_unit_test (test_extract_lowercase_x_id),
    cmocka_unit_test (test_extract_legacy_id),
    cmocka_unit_test (test_extract_checked_id_preferred_to_legacy),
    cmocka_unit_test (test_extract_first_valid_id),
    cmocka_unit_test (test_extract_id_with_x_inside_word_ignored),
    cmocka_unit_test (test_extract_id_in_longer_run_ignored),
    cmocka_unit_test (test_extract_hotline_never_phone),
    cmocka_unit_test (test_extract_hotline_skipped_for_later_phone),
    cmocka_unit_test (test_extract_phone_not_from_id),
    cmocka_unit_test (test_extract_phone_not_from_invalid_id),
    cmocka_unit_test (test_extract_phone_beside_id_with_space),
    cmocka_unit_test (test_extract_bank_card_yields_nothing),
    cmocka_unit_test (test_extract_grouped_bank_card_yields_nothing),
    cmocka_unit_test (test_extract_phone_before_other_digits),
    cmocka_unit_test (test_extract_phone_in_longer_run_ignored),
    cmocka_unit_test (test_extract_date_not_phone),
    cmocka_unit_test (test_extract_full_width_digits),
    cmocka_unit_test (test_extract_spaced_phone_with_country_code),
    cmocka_unit_test (test_extract_landline),
    cmocka_unit_test (test_extract_first_phone_wins),
    cmocka_unit_test (test_extract_two_phones_with_space),
    cmocka_unit_test (test_extract_letter_with_id_and_phone),
    cmocka_unit_test (test_extract_confidence_full),
    cmocka_unit_test (test_extract_confidence_scaled),
    cmocka_unit_test (test_extract_confidence_landline_below_mobile),
    cmocka_unit_test (test_extract_confidence_clamped_high),
    cmocka_unit_test (test_extract_confidence_clamped_low),
    cmocka_unit_test (test_extract_not_repaired),
    cmocka_unit_test (test_extract_empty_text),
    cmocka_unit_test (test_extract_invalid_utf8_tolerated),

    cmocka_unit_test (test_phone_fax_cover),
    cmocka_unit_test (test_phone_office_numbers),
    cmocka_unit_test (test_look_alike_in_phone_repaired),
    cmocka_unit_test (test_look_alikes_in_grouped_phone),
    cmocka_unit_test (test_phone_area_code_in_brackets),
    cmocka_unit_test (test_phone_spelled_in_chinese),
    cmocka_unit_test (test_look_alike_in_id_repaired),
    cmocka_unit_test (test_look_alike_id_with_bad_check_digit_not_repaired),
    cmocka_unit_test (test_look_alikes_left_in_words),
    cmocka_unit_test (test_id_broken_by_spaces),
    cmocka_unit_test (test_phone_inside_longer_run_still_ignored_with_look_alikes),
    cmocka_unit_test (test_name_wo_jiao_cut_before_age),
    cmocka_unit_test (test_name_after_role),
    cmocka_unit_test (test_name_ben_ren),
    cmocka_unit_test (test_name_not_from_ben_ren_phrases),
    cmocka_unit_test (test_name_labels),
    cmocka_unit_test (test_name_label_needs_colon),
    cmocka_unit_test (test_name_signature_line),
    cmocka_unit_test (test_name_given_with_common_characters),
    cmocka_unit_test (test_name_signature_not_a_figure),
    cmocka_unit_test (test_name_signature_not_a_group),
    cmocka_unit_test (test_name_anonymous),
    cmocka_unit_test (test_name_compound_surname),
    cmocka_unit_test (test_name_relative_writes),
    cmocka_unit_test (test_name_split_by_ocr),
    cmocka_unit_test (test_employer_cut_at_left),
    cmocka_unit_test (test_employer_words_holding_stops),
    cmocka_unit_test (test_employer_without_suffix),
    cmocka_unit_test (test_employer_called),
    cmocka_unit_test (test_employer_bare_after_place),
    cmocka_unit_test (test_employer_verb_before_works),
    cmocka_unit_test (test_employer_shop),
    cmocka_unit_test (test_employer_closed_before),
    cmocka_unit_test (test_employer_quoted_and_plain_shops),
    cmocka_unit_test (test_employer_not_the_scribes),
    cmocka_unit_test (test_employer_bare_company_is_none),
    cmocka_unit_test (test_employer_not_the_union),
    cmocka_unit_test (test_employer_former_works),
    cmocka_unit_test (test_employer_under_a_heading),
    cmocka_unit_test (test_employer_not_time_or_affiliation),
    cmocka_unit_test (test_employer_branch_industry_and_place),
    cmocka_unit_test (test_boss),
    cmocka_unit_test (test_employer_ocr_guang_for_chang),
    cmocka_unit_test (test_employer_where_the_writer_works_wins),
    cmocka_unit_test (test_employer_group_before_project),
    cmocka_unit_test (test_employer_branch_of_a_company),
    cmocka_unit_test (test_employer_full_name_over_short),
    cmocka_unit_test (test_employer_not_a_place_or_verb),
    cmocka_unit_test (test_employer_hidden_name_is_none),
    cmocka_unit_test (test_uscc_check),
    cmocka_unit_test (test_uscc_raises_employer),
    cmocka_unit_test (test_uscc_look_alikes_repaired),
    cmocka_unit_test (test_uscc_bad_check_ignored),
    cmocka_unit_test (test_amount_forms),
    cmocka_unit_test (test_amount_total_preferred),
    cmocka_unit_test (test_amount_rate_passed_over),
    cmocka_unit_test (test_amount_largest_owed),
    cmocka_unit_test (test_amount_full_width_thousands),
    cmocka_unit_test (test_rough_hundreds_and_thousands),
    cmocka_unit_test (test_amount_paid_is_no_claim),
    cmocka_unit_test (test_amount_received_or_offered_is_no_claim),
    cmocka_unit_test (test_amount_remaining_after_payment),
    cmocka_unit_test (test_amount_not_the_writers_claim),
    cmocka_unit_test (test_amount_levels_and_threats_are_no_claim),
    cmocka_unit_test (test_amount_rest_of_a_part_paid),
    cmocka_unit_test (test_amount_sum_of_listed_items),
    cmocka_unit_test (test_amount_judgments_and_lists),
    cmocka_unit_test (test_amount_dev7_forms),
    cmocka_unit_test (test_amount_scorned_and_rest),
    cmocka_unit_test (test_amount_worked_out_halves_and_shares),
    cmocka_unit_test (test_amount_more_ways_of_saying),
    cmocka_unit_test (test_amount_not_from_other_numbers),
    cmocka_unit_test (test_amount_wan_without_yuan),
    cmocka_unit_test (test_amount_wanted_back_and_tables),
    cmocka_unit_test (test_fields_dev8_forms),
    cmocka_unit_test (test_amount_dev9_dev10),
    cmocka_unit_test (test_names_dev9_dev10),
    cmocka_unit_test (test_fields_dev11),
    cmocka_unit_test (test_headcount_forms),
    cmocka_unit_test (test_headcount_part_not_the_whole),
    cmocka_unit_test (test_headcount_lone_named_writer),
    cmocka_unit_test (test_headcount_anonymous_without_count),
    cmocka_unit_test (test_headcount_not_ages_dates_months),
    cmocka_unit_test (test_headcount_children_at_work_and_singled_out),

    cmocka_unit_test (test_measure_labelled_letters),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
