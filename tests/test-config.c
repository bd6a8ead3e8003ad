/* Configuration: defaults, typed values, and errors that name the file,
 * group and key. */
#include "common/common.h"
#include "tests/testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static char *
write_conf (const char *text, char **dir)
{
  *dir = xf_test_make_dir ();
  char *path = g_build_filename (*dir, "xinfang.conf", NULL);
  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_missing_file_gives_defaults (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfConfig) config = xf_config_load ("/nonexistent/xinfang.conf",
                                               &error);

  (void) state;
  assert_non_null (config);
  assert_int_equal (config->daemon_interval, 60);
  assert_int_equal (config->ocr_workers, 0);
  assert_string_equal (config->ocr_languages, "chi_sim");
  assert_string_equal (config->imap_after, "seen");
  assert_null (config->imap_url);
  assert_null (config->imap_fax_senders[0]);
}

static void
test_values_are_read (void **state)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_conf (
      "[imap]\nurl = imaps://mail.example.cn/INBOX\n"
      "fax_senders = fax@example.cn; gw@example.cn\n"
      "[classify]\noffice_phones = 0571-88623150; (0571) 8862 3151\n"
      "[ocr]\nworkers = 2\nmax_pages = 50\n", &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfConfig) config = xf_config_load (path, &error);

  (void) state;
  assert_non_null (config);
  assert_string_equal (config->imap_url, "imaps://mail.example.cn/INBOX");
  assert_string_equal (config->imap_fax_senders[1], "gw@example.cn");
  assert_string_equal (config->classify_office_phones[1], "(0571) 8862 3151");
  assert_int_equal (config->ocr_workers, 2);
  assert_int_equal (config->ocr_max_pages, 50);
  xf_test_remove_tree (dir);
}

static void
check_refused (const char *text, const char *const *wanted)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_conf (text, &dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfConfig) config = xf_config_load (path, &error);

  assert_null (config);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_CONFIG));
  assert_non_null (strstr (error->message, path));
  for (const char *const *w = wanted; *w != NULL; w++)
    if (strstr (error->message, *w) == NULL)
      fail_msg ("'%s' not in: %s", *w, error->message);
  xf_test_remove_tree (dir);
}

static void
test_unknown_key_named (void **state)
{
  const char *const wanted[] = { "[daemon]", "intervall", NULL };
  (void) state;
  check_refused ("[daemon]\nintervall = 30\n", wanted);
}

static void
test_unknown_group_named (void **state)
{
  const char *const wanted[] = { "[smtp]", NULL };
  (void) state;
  check_refused ("[smtp]\nhost = x\n", wanted);
}

static void
test_bad_number_named (void **state)
{
  const char *const wanted[] = { "[ocr]", "workers", "two", NULL };
  (void) state;
  check_refused ("[ocr]\nworkers = two\n", wanted);
}

static void
test_out_of_range_named (void **state)
{
  const char *const wanted[] = { "[daemon]", "interval", "0", NULL };
  (void) state;
  check_refused ("[daemon]\ninterval = 0\n", wanted);
}

static void
test_office_phone_not_a_number (void **state)
{
  const char *const wanted[] = { "[classify]", "office_phones", "总工会", NULL };
  (void) state;
  check_refused ("[classify]\noffice_phones = 0571-88623150; 总工会\n", wanted);
  {
    /* Without its area code a number never matches the letters'. */
    const char *const short_number[] = { "office_phones", "8862 3150",
                                         "area code", NULL };
    check_refused ("[classify]\noffice_phones = 8862 3150\n", short_number);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_missing_file_gives_defaults),
    cmocka_unit_test (test_values_are_read),
    cmocka_unit_test (test_unknown_key_named),
    cmocka_unit_test (test_unknown_group_named),
    cmocka_unit_test (test_bad_number_named),
    cmocka_unit_test (test_out_of_range_named),
    cmocka_unit_test (test_office_phone_not_a_number),
  };
  return cmocka_run_group_tests_name ("config", tests, NULL, NULL);
}
