/* Integration: the built xinfang binary on the bundled samples, with the
 * real Tesseract, GMime and SQLite.  One scan through to a case, the same
 * file twice, the bad inputs, a clerk's correction, and usage. */
#include <json-glib/json-glib.h>
#include <leptonica/allheaders.h>
#include "common/common.h"
#include "store/store.h"
#include "tests/testutil.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

typedef struct {
  char *home;
  char *work;   /* bad inputs are made here */
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->home = xf_test_make_dir ();
  f->work = xf_test_make_dir ();
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  xf_test_remove_tree (f->home);
  xf_test_remove_tree (f->work);
  g_free (f->home);
  g_free (f->work);
  g_free (f);
  return 0;
}

static JsonObject *
parse_line (const char *line, JsonNode **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = json_from_string (line, &error);
  if (*keep == NULL)
    fail_msg ("not JSON: %s (%s)", line, error->message);
  assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

static const char *
field_value (JsonObject *o, const char *name)
{
  JsonObject *fields = json_object_get_object_member (o, "fields");
  JsonNode *node = json_object_get_member (fields, name);

  assert_non_null (node);  /* every field key is present, null or not */
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_object_get_string_member (json_node_get_object (node), "value");
}

static guint
count_lines (const char *text)
{
  guint n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static guint
count_blobs (Fixture *f)
{
  g_autofree char *blobs = g_build_filename (f->home, "blobs", NULL);
  g_autofree char *tmp = g_build_filename (blobs, "tmp", NULL);
  return xf_test_count_files (blobs) - xf_test_count_files (tmp);
}

static char *
write_file (Fixture *f, const char *name, const void *data, gsize length)
{
  char *path = g_build_filename (f->work, name, NULL);
  assert_true (g_file_set_contents (path, data, (gssize) length, NULL));
  return path;
}

static void
test_gb18030_text_file (void **state)
{
  Fixture *f = *state;
  const char *letter = "尊敬的主席：我叫钱喆，电话13700001111。";
  g_autofree char *gb = g_convert (letter, -1, "GB18030", "UTF-8", NULL, NULL,
                                   NULL);
  g_autofree char *path = write_file (f, "letter.txt", gb, strlen (gb));
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *o;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", path, NULL), 0);
  o = parse_line (out, &keep);
  assert_string_equal (json_object_get_string_member (o, "text"), letter);
  assert_string_equal (field_value (o, "phone"), "13700001111");
}

static void
test_scan_becomes_case (void **state)
{
  Fixture *f = *state;
  g_autofree char *scan = xf_test_data ("samples/letter-1.png");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(GRegex) number = g_regex_new ("^XF-[0-9]{4}-[0-9]{6}$", 0, 0, NULL);
  JsonObject *o;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", scan, NULL), 0);
  o = parse_line (out, &keep);
  assert_true (g_regex_match (number, json_object_get_string_member (o, "case"),
                              0, NULL));
  assert_string_equal (json_object_get_string_member (o, "channel"), "letter");
  assert_false (json_object_get_boolean_member (o, "duplicate"));
  /* What the letter says, read by the real Tesseract. */
  assert_non_null (strstr (json_object_get_string_member (o, "text"),
                           "栖湖湾二期工地"));
  assert_string_equal (field_value (o, "phone"), "15937264810");
  assert_string_equal (field_value (o, "id_number"), "412726197804125311");
  /* 我叫赵德顺 in the letter, and the employer it names with 在. */
  assert_string_equal (field_value (o, "name"), "赵德顺");
  assert_string_equal (field_value (o, "employer"), "江屿建设集团");
  assert_string_equal (field_value (o, "amount_yuan"), "42600");
  /* Unpaid wages of a building site, and more than twenty workers. */
  assert_string_equal (json_object_get_string_member (o, "topic"), "wages");
  assert_true (json_object_get_double_member (o, "topic_score") > 0.0);
  JsonObject *flags = json_object_get_object_member (o, "flags");
  assert_false (json_object_get_boolean_member (flags, "threat"));
  assert_true (json_object_get_boolean_member (flags, "collective"));
  assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "repeat_of")));
}

static void
test_same_file_twice_is_one_case (void **state)
{
  Fixture *f = *state;
  g_autofree char *mail = xf_test_data ("samples/mail-1.eml");
  g_autofree char *copy = g_build_filename (f->work, "renamed.txt", NULL);
  g_autofree char *out1 = NULL, *out2 = NULL, *out3 = NULL, *cases = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(JsonNode) k1 = NULL;
  g_autoptr(JsonNode) k2 = NULL;
  JsonObject *a, *b;

  /* The same bytes under another name are still the same item. */
  assert_true (g_file_get_contents (mail, &contents, &length, NULL));
  assert_true (g_file_set_contents (copy, contents, length, NULL));

  assert_int_equal (xf_test_run_in (f->home, &out1, &err, "add", "--json", mail, NULL), 0);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out2, &err, "add", "--json", copy, NULL), 0);
  a = parse_line (out1, &k1);
  b = parse_line (out2, &k2);
  assert_true (json_object_get_boolean_member (b, "duplicate"));
  assert_string_equal (json_object_get_string_member (a, "case"),
                       json_object_get_string_member (b, "case"));
  assert_int_equal (json_object_get_int_member (a, "document"),
                    json_object_get_int_member (b, "document"));
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &cases, &err, "cases", "--json", NULL), 0);
  assert_int_equal (count_lines (cases), 1);
  assert_int_equal (count_blobs (f), 1);
}

static void
test_email_is_decoded (void **state)
{
  Fixture *f = *state;
  g_autofree char *mail = xf_test_data ("samples/mail-1.eml");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *o;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", mail, NULL), 0);
  o = parse_line (out, &keep);
  assert_string_equal (json_object_get_string_member (o, "channel"), "email");
  /* gb2312 quoted-printable body and an RFC 2047 subject, as UTF-8 */
  assert_non_null (strstr (json_object_get_string_member (o, "text"),
                           "顺舟物流有限公司"));
  assert_non_null (strstr (json_object_get_string_member (o, "text"),
                           "并停发工资的求助"));
}

/* A mail of @body (UTF-8) with a PNG attachment cut to its first 40 bytes,
 * written to @path. */
static void
write_mail_with_broken_png (const char *path, const char *body)
{
  g_autoptr(GBytes) png = xf_test_read_data ("samples/letter-1.png");
  g_autofree char *cut = g_base64_encode (g_bytes_get_data (png, NULL), 40);
  g_autofree char *mail = g_strdup_printf (
      "From: 王芳 <wangfang@example.com>\r\n"
      "Subject: =?UTF-8?B?5Y+N5pig5oOF5Ya1?=\r\n"
      "Message-ID: <broken-png-%u@example.com>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
      "--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n"
      "--b\r\nContent-Type: image/png; name=\"logo.png\"\r\n"
      "Content-Disposition: attachment; filename=\"logo.png\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b--\r\n",
      g_str_hash (body), body, cut);

  assert_true (g_file_set_contents (path, mail, -1, NULL));
}

/* An attachment that cannot be read costs the mail only that attachment:
 * the mail is filed with its text and a page saying what was not read.
 * A mail with nothing readable at all still fails. */
static void
test_mail_filed_without_its_unreadable_attachment (void **state)
{
  Fixture *f = *state;
  g_autofree char *good = g_build_filename (f->work, "good.eml", NULL);
  g_autofree char *empty = g_build_filename (f->work, "empty.eml", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *o;
  const char *text;

  write_mail_with_broken_png (good, "我们是顺舟物流的司机，公司拖欠三个月工资。");
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", good, NULL), 0);
  o = parse_line (out, &keep);
  text = json_object_get_string_member (o, "text");
  assert_non_null (strstr (text, "公司拖欠三个月工资"));
  assert_non_null (strstr (text, "[附件未能读取：logo.png: "));
  assert_non_null (strstr (err, "logo.png"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  write_mail_with_broken_png (empty, "");
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", empty, NULL), 1);
  assert_non_null (strstr (err, "attachment logo.png"));
}

/* More image attachments than [ocr] max_pages: refused before any is read. */
static void
test_mail_with_too_many_attachments_refused (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = g_build_filename (f->work, "many.eml", NULL);
  g_autofree char *conf = g_build_filename (f->home, "xinfang.conf", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GString) mail = g_string_new (
      "From: a@example.org\r\nSubject: scans\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
      "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n见附件。\r\n");

  for (int i = 0; i < 3; i++)
    g_string_append_printf (mail, "--b\r\nContent-Type: image/png\r\n"
                                  "Content-Disposition: attachment; filename=p%d.png\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n"
                                  "iVBORw0KGgo=\r\n", i);
  g_string_append (mail, "--b--\r\n");
  assert_true (g_file_set_contents (path, mail->str, -1, NULL));
  assert_true (g_file_set_contents (conf, "[ocr]\nmax_pages = 2\n", -1, NULL));
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", path, NULL), 1);
  assert_non_null (strstr (err, "3 attachments to read, more than 2 ([ocr] max_pages)"));
}

static void
test_fax_is_judged_from_content (void **state)
{
  Fixture *f = *state;
  g_autofree char *fax = xf_test_data ("samples/fax-1.tif");
  g_autofree char *copy = g_build_filename (f->work, "scan.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  gsize length;
  JsonObject *o;

  /* A misleading name: the content decides. */
  assert_true (g_file_get_contents (fax, &contents, &length, NULL));
  assert_true (g_file_set_contents (copy, contents, length, NULL));
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", copy, NULL), 0);
  o = parse_line (out, &keep);
  assert_string_equal (json_object_get_string_member (o, "channel"), "fax");
  assert_string_equal (field_value (o, "phone"), "13645087291");
  assert_non_null (strstr (json_object_get_string_member (o, "text"),
                           "清源物业服务有限公司"));
}


static void
test_bad_inputs_fail_alone (void **state)
{
  Fixture *f = *state;
  g_autofree char *good = xf_test_data ("samples/mail-1.eml");
  g_autofree char *png = xf_test_data ("samples/letter-3.png");
  g_autofree char *png_data = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *truncated = NULL, *empty = NULL, *random = NULL;
  g_autofree char *missing = g_build_filename (f->work, "no-such-file.png",
                                               NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint8 noise[4096];
  gsize length;

  assert_true (g_file_get_contents (png, &png_data, &length, NULL));
  truncated = write_file (f, "truncated.png", png_data, length / 3);
  empty = write_file (f, "empty.png", "", 0);
  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  random = write_file (f, "random.bin", noise, sizeof noise);

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", truncated, empty, good, random,
                         f->work, missing, NULL), 1);
  /* Each bad file named with its reason, on stderr. */
  g_autofree char *want_truncated = g_strdup_printf ("%s: the PNG image cannot be decoded", truncated);
  g_autofree char *want_empty = g_strdup_printf ("%s: the file is empty", empty);
  g_autofree char *want_random = g_strdup_printf ("%s: unrecognised content", random);
  g_autofree char *want_dir = g_strdup_printf ("%s: is a directory", f->work);
  g_autofree char *want_missing = g_strdup_printf ("%s: No such file", missing);
  assert_non_null (strstr (err, want_truncated));
  assert_non_null (strstr (err, want_empty));
  assert_non_null (strstr (err, want_random));
  assert_non_null (strstr (err, want_dir));
  assert_non_null (strstr (err, want_missing));
  assert_non_null (strstr (err, "5 of 6 files could not be filed"));
  /* The good one went through, and only it is in the store. */
  assert_int_equal (count_lines (out), 1);
  assert_non_null (strstr (out, "mail-1.eml"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "cases", "--json", NULL), 0);
  assert_int_equal (count_lines (out), 1);
  assert_int_equal (count_blobs (f), 1);
}

static char *
write_bytes (Fixture *f, const char *name, GBytes *bytes)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);
  return write_file (f, name, data, length);
}

#define FAKE_PDF "%PDF-1.4\n\x01\x02 this is not a PDF at all"

/* The office's own numbers, from the config, are never a writer's phone;
 * nor is the number on a fax cover's 收 line. */
static void
test_office_phones_configured (void **state)
{
  Fixture *f = *state;
  const char *letter = "市总工会：我给你们0571-88623150打过几次电话没人接。"
                       "我叫钱喆，在宏盛电子厂上班，手机13700001111。";
  const char *cover = "收：青河市总工会（传真 0571-88623151）\n"
                      "发：钱喆\n市总工会：我叫钱喆，手机13700002222。";
  g_autofree char *path = write_file (f, "letter.txt", letter, strlen (letter));
  g_autofree char *fax = write_file (f, "cover.txt", cover, strlen (cover));
  g_autofree char *conf = g_build_filename (f->home, "xinfang.conf", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(JsonNode) keep_fax = NULL;

  assert_true (g_file_set_contents (
      conf, "[classify]\noffice_phones = 0571 8862 3150\n", -1, NULL));
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", path,
                                    NULL), 0);
  assert_string_equal (field_value (parse_line (out, &keep), "phone"),
                       "13700001111");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", fax,
                                    NULL), 0);
  assert_string_equal (field_value (parse_line (out, &keep_fax), "phone"),
                       "13700002222");
}

static void
test_ocr_bad_inputs_fail_alone (void **state)
{
  Fixture *f = *state;
  g_autofree char *good = xf_test_data ("samples/fax-1.tif");
  g_autofree char *text_pdf = xf_test_data ("pdf/text.pdf");
  g_autofree char *encrypted = xf_test_data ("pdf/encrypted.pdf");
  g_autofree char *conf = g_build_filename (f->home, "xinfang.conf", NULL);
  g_autofree char *fax_data = NULL, *png_data = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GBytes) huge = xf_test_png_header (60000, 60000);
  g_autoptr(GBytes) pages = xf_test_tiff_chain (10000);
  g_autoptr(PIX) noise = pixCreate (2500, 2500, 8);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *png = xf_test_data ("samples/letter-2.png");
  l_uint8 *noise_png = NULL;
  size_t noise_length = 0;
  gsize fax_length, png_length;

  /* A short time limit, so the noise page shows it is enforced. */
  assert_true (g_file_set_contents (conf, "[ocr]\ntimeout_seconds = 3\n", -1,
                                    NULL));
  assert_true (g_file_get_contents (good, &fax_data, &fax_length, NULL));
  assert_true (g_file_get_contents (png, &png_data, &png_length, NULL));
  for (int y = 0; y < 2500; y++)
    for (int x = 0; x < 2500; x++)
      pixSetPixel (noise, x, y, (l_uint32) g_rand_int_range (rand, 0, 256));
  assert_int_equal (pixWriteMemPng (&noise_png, &noise_length, noise, 0), 0);

  struct { char *path; const char *reason; } bad[] = {
    { write_file (f, "empty.tif", "", 0), "the file is empty" },
    { write_file (f, "torn.tif", fax_data, fax_length / 2), "TIFF" },
    { write_file (f, "torn.png", png_data, png_length / 2), "cannot be decoded" },
    { write_bytes (f, "huge.png", huge), "max_pixels" },
    { write_bytes (f, "pages.tif", pages), "max_pages" },
    { write_file (f, "fake.pdf", FAKE_PDF, sizeof FAKE_PDF - 1),
      "not a readable PDF" },
    { g_strdup (encrypted), "encrypted" },
    { write_file (f, "noise.png", noise_png, noise_length), "timeout_seconds" },
  };
  lept_free (noise_png);

  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) "--home");
  g_ptr_array_add (args, f->home);
  g_ptr_array_add (args, (gpointer) "ocr");
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, good);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_ptr_array_add (args, bad[i].path);
  g_ptr_array_add (args, text_pdf);
  g_ptr_array_add (args, NULL);
  assert_int_equal (xf_test_run ((const char *const *) args->pdata, &out,
                                 &err), 1);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *want = g_strdup_printf ("xinfang: %s: ", bad[i].path);
      const char *line = strstr (err, want);
      if (line == NULL)
        fail_msg ("no error line for %s in: %s", bad[i].path, err);
      const char *end = strchr (line, '\n');
      g_autofree char *text = g_strndup (line, end ? (gsize) (end - line)
                                                   : strlen (line));
      if (strstr (text, bad[i].reason) == NULL)
        fail_msg ("'%s' does not say '%s'", text, bad[i].reason);
      g_free (bad[i].path);
    }
  /* The good files, before and after the bad ones, were read. */
  assert_int_equal (count_lines (out), 2);
  assert_non_null (strstr (out, "清源物业"));
  assert_non_null (strstr (out, "text.pdf"));
}

static void
test_clerk_correction_is_audited (void **state)
{
  Fixture *f = *state;
  g_autofree char *mail = xf_test_data ("samples/mail-1.eml");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) k1 = NULL;
  g_autoptr(JsonNode) k2 = NULL;
  g_autofree char *number = NULL;
  JsonObject *o;
  JsonArray *history;
  JsonObject *last;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", mail, NULL), 0);
  number = g_strdup (json_object_get_string_member (parse_line (out, &k1),
                                                    "case"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A value that fails its check is refused unless forced. */
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "set", number, "id_number",
                         "110101199003074515", "--by", "clerk-zhao", NULL), 1);
  assert_non_null (strstr (err, "check"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "set", number, "phone",
                         "+86 139-0000-1234", "--by", "clerk-zhao", NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "show", "--json", number, NULL), 0);
  o = parse_line (out, &k2);
  assert_string_equal (field_value (o, "phone"), "13900001234");
  history = json_object_get_array_member (o, "history");
  last = json_array_get_object_element (history,
                                        json_array_get_length (history) - 1);
  assert_string_equal (json_object_get_string_member (last, "action"),
                       "set-field");
  assert_string_equal (json_object_get_string_member (last, "by"),
                       "clerk-zhao");
  JsonObject *detail = json_object_get_object_member (last, "detail");
  assert_string_equal (json_object_get_string_member (detail, "new"),
                       "13900001234");
  assert_non_null (json_object_get_string_member (detail, "old"));
}

static void
test_usage_errors_exit_2 (void **state)
{
  Fixture *f = *state;
  struct { const char *args[6]; int status; } cases[] = {
    { { NULL }, 2 },
    { { "frobnicate", NULL }, 2 },
    { { "add", NULL }, 2 },
    { { "add", "--channel", "pigeon", "x", NULL }, 2 },
    { { "show", NULL }, 2 },
    { { "set", "XF-2026-000001", "shoe_size", "42", NULL }, 2 },
    { { "set", "XF-2026-000001", "topic", "weather", NULL }, 2 },
    { { "cases", "--bogus", NULL }, 2 },
    { { "show", "XF-2026-000404", NULL }, 1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL, *err = NULL;
      g_ptr_array_add (args, (gpointer) "--home");
      g_ptr_array_add (args, f->home);
      for (int a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) cases[i].args[a]);
      g_ptr_array_add (args, NULL);
      int status = xf_test_run ((const char *const *) args->pdata, &out, &err);
      if (status != cases[i].status)
        fail_msg ("case %zu (%s): exit %d, expected %d; stderr: %s", i,
                  cases[i].args[0] ? cases[i].args[0] : "(none)", status,
                  cases[i].status, err);
      assert_true (strlen (err) > 0);
    }
}

/* Mistakes a user makes, each refused with a reason and the right status:
 * a mistyped home, a GBK file name, a blank or wrong correction, an
 * unknown filter, a full disk. */
static void
test_cli_refuses_what_would_mislead (void **state)
{
  Fixture *f = *state;
  g_autofree char *letter = xf_test_data ("samples/letter-1.txt");
  g_autofree char *missing = g_build_filename (f->work, "no-such-home", NULL);
  /* 工资.txt in GBK, as a zip from Chinese Windows leaves it. */
  g_autofree char *gbk_name = g_convert ("工资.txt", -1, "GB18030", "UTF-8",
                                         NULL, NULL, NULL);
  g_autofree char *gbk_path = g_build_filename (f->work, gbk_name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  gsize length = 0;

  /* A read-only command on a home that is not there makes none. */
  {
    const char *argv[] = { "--home", missing, "cases", NULL };
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal (xf_test_run (argv, &out, &err), 1);
    assert_non_null (strstr (err, "no xinfang home here"));
    assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* A file name that is not UTF-8 comes out as the name it is. */
  assert_true (g_file_get_contents (letter, &text, &length, NULL));
  assert_true (g_file_set_contents (gbk_path, text, (gssize) length, NULL));
  {
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) keep = NULL;
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json",
                                      gbk_path, NULL), 0);
    JsonObject *o = parse_line (out, &keep);
    assert_true (g_str_has_suffix (json_object_get_string_member (o, "file"),
                                   "/工资.txt"));
    JsonObject *d = json_array_get_object_element (
        json_object_get_array_member (o, "documents"), 0);
    assert_string_equal (json_object_get_string_member (d, "filename"),
                         "工资.txt");
    number = g_strdup (json_object_get_string_member (o, "case"));
  }

  /* Corrections that would store nonsense. */
  struct { const char *field, *value; int status; const char *says; } sets[] = {
    { "name", "   ", 2, "--clear" },
    { "address", "\xff\xfe", 2, "UTF-8" },
    { "uscc", "hello world", 1, "GB 32100" },
    { "uscc", "91330100MA2B3C4D5X", 1, "GB 32100" },
    { "headcount", "99999999", 1, "up to 1000000" },
    { "uscc", "91330100ma2b3c4d5n", 0, "91330100MA2B3C4D5N" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status = xf_test_run_in (f->home, &out, &err, "set", number,
                                   sets[i].field, sets[i].value, NULL);
      if (status != sets[i].status
          || strstr (status == 0 ? out : err, sets[i].says) == NULL)
        fail_msg ("set %s '%s': exit %d, expected %d; out: %s; err: %s",
                  sets[i].field, sets[i].value, status, sets[i].status, out,
                  err);
    }

  /* Filters that match nothing because they are misspelt. */
  {
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "cases",
                                      "--status", "open", NULL), 2);
    assert_non_null (strstr (err, "unknown status"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "cases",
                                      "--topic", "wgaes", NULL), 2);
    assert_non_null (strstr (err, "unknown topic"));
  }
  {
    g_autofree char *out = NULL, *err = NULL;
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "split", number,
                                      "99999999999999999999999", NULL), 2);
  }

  /* A list that did not reach its file is a failure. */
  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      const char *bin = g_getenv ("XINFANG_BIN");
      g_autofree char *command = g_strdup_printf (
          "'%s' --home '%s' cases > /dev/full",
          bin != NULL ? bin : "build/asan/xinfang", f->home);
      const char *argv[] = { "/bin/sh", "-c", command, NULL };
      g_autofree char *err = NULL;
      int status = -1;
      assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                                 NULL, NULL, NULL, &err, &status, NULL));
      assert_false (g_spawn_check_wait_status (status, NULL));
      assert_non_null (strstr (err, "writing the output"));
    }
}

static void
test_help_and_version (void **state)
{
  static const char *const commands[] = { "add", "ocr", "cases", "show",
                                          "set", NULL };
  g_autofree char *out = NULL, *err = NULL;

  (void) state;
  {
    const char *argv[] = { "--help", NULL };
    assert_int_equal (xf_test_run (argv, &out, &err), 0);
    for (const char *const *c = commands; *c; c++)
      assert_non_null (strstr (out, *c));
  }
  for (const char *const *c = commands; *c; c++)
    {
      g_autofree char *o = NULL, *e = NULL;
      const char *argv[] = { *c, "--help", NULL };
      assert_int_equal (xf_test_run (argv, &o, &e), 0);
      assert_non_null (strstr (o, "--home"));
    }
}

static void
test_openmp_limit_set_for_users (void **state)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *bin = g_getenv ("XINFANG_BIN");
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "OMP_THREAD_LIMIT");
  const char *argv[] = { bin ? bin : "build/asan/xinfang", "--version", NULL };
  int status;

  (void) state;
  /* A user's shell has no OMP_THREAD_LIMIT: xinfang must set it itself,
   * before OpenMP starts. */
  assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL,
                             NULL, &out, &err, &status, NULL));
  assert_true (g_spawn_check_wait_status (status, NULL));
  assert_non_null (strstr (out, "OMP_THREAD_LIMIT=1"));
  assert_non_null (strstr (out, "xinfang "));
}

static void
test_unknown_config_key_named (void **state)
{
  Fixture *f = *state;
  g_autofree char *conf = g_build_filename (f->home, "xinfang.conf", NULL);
  g_autofree char *out = NULL, *err = NULL;

  assert_true (g_file_set_contents (conf, "[ocr]\nworkerz = 2\n", -1, NULL));
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "cases", NULL), 1);
  assert_non_null (strstr (err, "xinfang.conf"));
  assert_non_null (strstr (err, "[ocr]"));
  assert_non_null (strstr (err, "workerz"));
}

/* A clerk's topic correction becomes training data: `train --from-cases`
 * writes the home's own model, which its commands then use. */
static void
test_clerks_corrections_train_the_model (void **state)
{
  Fixture *f = *state;
  g_autofree char *mail = xf_test_data ("samples/mail-1.eml");
  g_autofree char *model = g_build_filename (f->home, "topic-model.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", mail, NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "set",
                                    "XF-2026-000001", "topic", "welfare",
                                    "--by", "clerk-li", NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "train",
                                    "--from-cases", NULL), 0);
  assert_non_null (strstr (out, "(1 from clerks' corrections)"));
  assert_true (g_file_test (model, G_FILE_TEST_IS_REGULAR));
  /* The built-in letters are in it too, not only the one correction. */
  {
    const char *count = strstr (out, ": ");
    assert_non_null (count);
    assert_true (g_ascii_strtoull (count + 2, NULL, 10) > 100);
  }

  /* The model is written by a rename, so a folder (or a device such as
   * /dev/null) is refused, named, and left as it was. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_not_equal (xf_test_run_in (f->home, &out, &err, "train",
                                        "--from-cases", "--out", f->home, NULL), 0);
  assert_non_null (strstr (err, "not a regular file"));
  assert_true (g_file_test (f->home, G_FILE_TEST_IS_DIR));

  /* A broken model file is named, and the built-in one is used. */
  assert_true (g_file_set_contents (model, "not a model\n", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_autofree char *scan = xf_test_data ("samples/letter-2.png");
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", scan, NULL),
                    0);
  assert_non_null (strstr (err, "topic-model.txt"));
}

/* A repeat joins its case and says so; a co-worker about the same wages
 * opens a case of his own, linked as related; eval --repeats measures. */
static void
test_add_repeats_and_related (void **state)
{
  Fixture *f = *state;
  g_autofree char *first = xf_test_data ("repeats/001.txt");
  g_autofree char *again = xf_test_data ("repeats/024.txt");
  g_autofree char *coworker = xf_test_data ("repeats/009.txt");
  g_autofree char *dir = xf_test_data ("repeats");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json",
                                    first, NULL), 0);
  assert_non_null (strstr (out, "\"repeat_of\":null"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The repeat comes by e-mail: "channel" is that item's, not the
   * case's first. */
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json",
                                    "--channel", "email", again, NULL), 0);
  assert_non_null (strstr (out, "\"case\":\"XF-2026-000001\""));
  assert_non_null (strstr (out, "\"repeat_of\":\"XF-2026-000001\""));
  assert_non_null (strstr (out, "\"repeat_count\":1"));
  {
    g_autoptr(JsonNode) keep = NULL;
    JsonObject *o = parse_line (out, &keep);
    assert_string_equal (json_object_get_string_member (o, "channel"), "email");
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json",
                                    coworker, NULL), 0);
  assert_non_null (strstr (out, "\"case\":\"XF-2026-000002\""));
  assert_non_null (strstr (out, "\"repeat_of\":null"));
  assert_non_null (strstr (out, "\"related_to\":\"XF-2026-000001\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Both cases show the link, with the reasons. */
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "show", "--json",
                                    "XF-2026-000001", NULL), 0);
  assert_non_null (strstr (out, "\"related\":[{\"case\":\"XF-2026-000002\""));
  assert_non_null (strstr (out, "another writer"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Merged into a third case, the first takes its link along. */
  {
    const char *body = "我叫王小明，手机13812345678，在城东物流上班，工资没发。";
    g_autofree char *third = write_file (f, "third.txt", body, strlen (body));
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", third, NULL), 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "merge",
                                      "XF-2026-000001", "XF-2026-000003", NULL), 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "show", "--json",
                                      "XF-2026-000002", NULL), 0);
    assert_non_null (strstr (out, "\"related\":[{\"case\":\"XF-2026-000003\""));
    /* (The link's own record still says which case it was found with.) */
    assert_null (strstr (out, "{\"case\":\"XF-2026-000001\",\"detail\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    assert_int_equal (xf_test_run_in (f->home, &out, &err, "show", "--json",
                                      "XF-2026-000001", NULL), 0);
    assert_non_null (strstr (out, "\"related\":[]"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "eval", "--repeats",
                                    dir, NULL), 0);
  assert_non_null (strstr (out, "precision "));
  assert_non_null (strstr (out, "false merges:"));
}

/* A clerk corrects the writer's name (OCR read 小 for 晓); the next letter,
 * signed with the right name, is a repeat of that case, not a stranger's. */
static void
test_corrected_name_reaches_the_repeat_check (void **state)
{
  Fixture *f = *state;
  const char *first = "尊敬的工会领导：\n我叫罗小凤，在江州顺达物流有限公司做仓管员，"
                      "公司拖欠我三个月工资共13650元，找了经理好几次都说没钱。"
                      "请工会帮忙讨回工资。\n罗小凤\n";
  const char *again = "工会领导：\n我叫罗晓凤，上个月写过信反映江州顺达物流有限公司"
                      "欠我工资的事，13650元到现在还是没发，经理电话也不接了。"
                      "请工会再帮帮我。\n罗晓凤\n";
  g_autofree char *a = write_file (f, "a.txt", first, strlen (first));
  g_autofree char *b = write_file (f, "b.txt", again, strlen (again));
  g_autofree char *out = NULL, *err = NULL;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", a, NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "set", "XF-2026-000001",
                                    "name", "罗晓凤", NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", "--json", b,
                                    NULL), 0);
  assert_non_null (strstr (out, "\"repeat_of\":\"XF-2026-000001\""));
}

static void
test_merge_and_split_commands (void **state)
{
  Fixture *f = *state;
  g_autofree char *mail = xf_test_data ("samples/mail-1.eml");
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *body = "我叫王小明，手机13812345678，工资没发。";

  text = write_file (f, "a.txt", body, strlen (body));
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", mail, text,
                                    NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "merge",
                                    "XF-2026-000002", "XF-2026-000001",
                                    "--by", "clerk-li", NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "show", "--json",
                                    "XF-2026-000001", NULL), 0);
  assert_non_null (strstr (out, "\"repeat_count\":1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "split",
                                    "XF-2026-000001", "2", "--by",
                                    "clerk-li", NULL), 0);
  assert_non_null (strstr (out, "XF-2026-000003"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The history says who did what. */
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "show",
                                    "XF-2026-000001", NULL), 0);
  assert_non_null (strstr (out, "merge-in"));
  assert_non_null (strstr (out, "split-out"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Bad usage and a missing case. */
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "split",
                                    "XF-2026-000001", "x", NULL), 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "merge",
                                    "XF-2026-000009", "XF-2026-000001", NULL),
                    1);
  assert_non_null (strstr (err, "XF-2026-000009"));
}

/* How many cases the repeat index finds under @key in @home. */
static guint
cases_under (const char *home, const char *key)
{
  const char *keys[] = { key, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(XfStore) store = xf_store_open (home, &error);
  g_autoptr(GPtrArray) found = NULL;

  assert_non_null (store);
  found = xf_store_repeat_candidates (store, keys, 10, &error);
  assert_non_null (found);
  return found->len;
}

/* A follow-up that names no ID number takes the case's; split off by a
 * clerk, it is known again by what it says itself: the case it leaves
 * keeps the ID number, the new one only the letter's own phone. */
static void
test_split_letter_gives_back_what_it_took (void **state)
{
  Fixture *f = *state;
  g_autofree char *first = xf_test_data ("repeats/001.txt");
  g_autofree char *again = xf_test_data ("repeats/024.txt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", first, again,
                                    NULL), 0);
  assert_int_equal (cases_under (f->home, "id:412723197106152313"), 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "split",
                                    "XF-2026-000001", "2", NULL), 0);
  assert_non_null (strstr (out, "XF-2026-000002"));
  assert_int_equal (cases_under (f->home, "phone:13937651204"), 2);
  assert_int_equal (cases_under (f->home, "id:412723197106152313"), 1);
  assert_int_equal (cases_under (f->home, "name:周建国"), 2);
}

/* The same when the follow-up came first and a clerk set the case's ID
 * number: the letter never said it, so it leaves with the letter's split. */
static void
test_split_letter_gives_back_what_a_clerk_set (void **state)
{
  Fixture *f = *state;
  g_autofree char *first = xf_test_data ("repeats/001.txt");
  g_autofree char *again = xf_test_data ("repeats/024.txt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  assert_int_equal (xf_test_run_in (f->home, &out, &err, "add", again, first,
                                    NULL), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "set", "XF-2026-000001",
                                    "id_number", "412723197106152313", NULL),
                    0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (xf_test_run_in (f->home, &out, &err, "split",
                                    "XF-2026-000001", "1", NULL), 0);
  assert_int_equal (cases_under (f->home, "id:412723197106152313"), 1);
  assert_int_equal (cases_under (f->home, "phone:13937651204"), 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_scan_becomes_case, setup, teardown),
    cmocka_unit_test_setup_teardown (test_same_file_twice_is_one_case, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_email_is_decoded, setup, teardown),
    cmocka_unit_test_setup_teardown (test_gb18030_text_file, setup, teardown),
    cmocka_unit_test_setup_teardown (test_office_phones_configured, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_mail_filed_without_its_unreadable_attachment,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_mail_with_too_many_attachments_refused,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_fax_is_judged_from_content, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_bad_inputs_fail_alone, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_ocr_bad_inputs_fail_alone, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_clerk_correction_is_audited, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_usage_errors_exit_2, setup, teardown),
    cmocka_unit_test_setup_teardown (test_clerks_corrections_train_the_model,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_corrected_name_reaches_the_repeat_check,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_add_repeats_and_related, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_split_letter_gives_back_what_it_took,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_split_letter_gives_back_what_a_clerk_set,
                                     setup, teardown),
    cmocka_unit_test_setup_teardown (test_merge_and_split_commands, setup,
                                     teardown),
    cmocka_unit_test_setup_teardown (test_cli_refuses_what_would_mislead,
                                     setup, teardown),
    cmocka_unit_test (test_help_and_version),
    cmocka_unit_test (test_openmp_limit_set_for_users),
    cmocka_unit_test_setup_teardown (test_unknown_config_key_named, setup,
                                     teardown),
  };
  return cmocka_run_group_tests_name ("cli", tests, NULL, NULL);
}
