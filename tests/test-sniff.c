/* Tests for intake/sniff.c: each media type recognised from its content
 * alone, and the data that must stay unknown (random bytes, empty input). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/testutil.h"

#include <string.h>

#include "intake/intake.h"
#include "intake/intake-private.h"

#define SNIFF_LITERAL(s) xf_intake_sniff ((const guint8 *) (s), sizeof (s) - 1)

/* The bytes of @relative under the source tree's testdata/mail. */
static GBytes *
read_fixture (const char *relative)
{
  g_autofree char *name = g_build_filename ("mail", relative, NULL);
  return xf_test_read_data (name);
}

static XfMediaType
sniff_bytes (GBytes *bytes)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return xf_intake_sniff (data, length);
}

static void
test_png_signature (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) png = read_fixture ("pixel.png");

  assert_int_equal (sniff_bytes (png), XF_MEDIA_PNG);
}

static void
test_png_signature_with_garbage_after (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("\x89PNG\r\n\x1A\n\xFF\x00garbage, not chunks"), XF_MEDIA_PNG);
}

static void
test_jpeg_signature (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), XF_MEDIA_JPEG);
}

static void
test_tiff_little_endian (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) tiff = read_fixture ("pixel.tif");

  assert_int_equal (sniff_bytes (tiff), XF_MEDIA_TIFF);
}

static void
test_tiff_big_endian (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("MM\x00*\x00\x00\x00\x08"), XF_MEDIA_TIFF);
}

static void
test_pdf_at_start (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) pdf = read_fixture ("pixel.pdf");

  assert_int_equal (sniff_bytes (pdf), XF_MEDIA_PDF);
}

static void
test_pdf_after_junk_within_1024_bytes (void **state G_GNUC_UNUSED)
{
  guint8 data[1100];

  memset (data, '\n', sizeof data);
  memcpy (data + 1000, "%PDF-1.7", 8);
  assert_int_equal (xf_intake_sniff (data, sizeof data), XF_MEDIA_PDF);
}

static void
test_pdf_header_past_1024_bytes_is_not_pdf (void **state G_GNUC_UNUSED)
{
  guint8 data[1100];

  memset (data, 'a', sizeof data);
  memcpy (data + 1020, "%PDF-1.7", 8);
  assert_int_not_equal (xf_intake_sniff (data, sizeof data), XF_MEDIA_PDF);
}

static void
test_mail_fixture (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) mail = read_fixture ("utf8-base64.eml");

  assert_int_equal (sniff_bytes (mail), XF_MEDIA_EMAIL);
}

static void
test_mail_with_raw_big5_headers (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) mail = read_fixture ("big5-raw-headers.eml");

  assert_int_equal (sniff_bytes (mail), XF_MEDIA_EMAIL);
}

static void
test_mail_with_mbox_from_line (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("From alice@example.com Mon Mar  9 10:00:00 2026\n"
                                   "Return-Path: <alice@example.com>\n"
                                   "Subject: hi\n\nbody\n"),
                    XF_MEDIA_EMAIL);
}

static void
test_mail_with_folded_field (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("Received: from a.example.com\r\n"
                                   "\tby b.example.com; Mon, 9 Mar 2026 10:00:00 +0800\r\n"
                                   "X-Mailer: test\r\n\r\nbody\r\n"),
                    XF_MEDIA_EMAIL);
}

static void
test_two_unknown_fields_are_not_mail (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("Name: 张三\nPhone: 12351\n\n我要投诉。\n"), XF_MEDIA_TEXT);
}

static void
test_one_mail_field_is_not_mail (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("Subject: 投诉\n\n我要投诉。\n"), XF_MEDIA_TEXT);
}

static void
test_letter_with_field_lines_then_prose_is_text (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("To: 工会\nSubject: 欠薪\n尊敬的主席：\n"
                                   "我们是建筑工地的工人。\n老板拖欠工资。\n\n此致\n"),
                    XF_MEDIA_TEXT);
}

static void
test_corpus_mails (void **state G_GNUC_UNUSED)
{
  const char *corpus = xf_test_corpus_or_skip ();
  static const char *const files[] = {
    "kopano/big5.eml",
    "kopano/gb2312_18030.eml",
    "kopano/encoded-word-split.eml",
    "flanker/charset-gb2312.eml",
    "flanker/enclosed-broken.eml",
    "spamscope/mail_test_12.redacted.eml",
    "mimekit/mbox/unmunged.mbox.txt",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (corpus, "mail", files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;
      if (!g_file_get_contents (path, &contents, &length, &error))
        fail_msg ("cannot read %s: %s", path, error->message);
      if (xf_intake_sniff ((const guint8 *) contents, length) != XF_MEDIA_EMAIL)
        fail_msg ("%s is not sniffed as email", files[i]);
    }
}

static void
test_utf8_text (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("尊敬的主席：\r\n\t我们要求支付拖欠的工资。\f\n"), XF_MEDIA_TEXT);
}

static void
test_utf8_text_with_bom (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("\xEF\xBB\xBF尊敬的主席：欠薪。\n"), XF_MEDIA_TEXT);
}

static void
test_gb18030_text (void **state G_GNUC_UNUSED)
{
  /* "王喆反映加班费问题" in GBK, then 𠀀 (U+20000) as a GB18030 four-byte
   * sequence, which neither GBK nor UTF-8 has. */
  assert_int_equal (SNIFF_LITERAL ("\xCD\xF5\x86\xB4\xB7\xB4\xD3\xB3\xBC\xD3\xB0\xE0\xB7\xD1"
                                   "\xCE\xCA\xCC\xE2\x95\x32\x82\x36\n"),
                    XF_MEDIA_TEXT);
}

static void
test_gb18030_check_rejects_lone_lead_byte (void **state G_GNUC_UNUSED)
{
  assert_false (xf_intake_check_text ((const guint8 *) "\xCD\xF5\xCD", 3));
}

static void
test_text_with_nul_is_unknown (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("plain words\0and more words"), XF_MEDIA_UNKNOWN);
}

static void
test_text_with_many_control_bytes_is_unknown (void **state G_GNUC_UNUSED)
{
  assert_int_equal (SNIFF_LITERAL ("ab\x01\x02\x03\x04\x05\x06\x07\x08" "cd"), XF_MEDIA_UNKNOWN);
}

static void
test_random_bytes_are_unknown (void **state G_GNUC_UNUSED)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260310);

  for (guint round = 0; round < 64; round++)
    {
      guint8 data[4096];
      for (gsize i = 0; i < sizeof data; i++)
        data[i] = (guint8) g_rand_int_range (rand, 0, 256);
      assert_int_equal (xf_intake_sniff (data, sizeof data), XF_MEDIA_UNKNOWN);
    }
}

static void
test_empty_is_unknown (void **state G_GNUC_UNUSED)
{
  assert_int_equal (xf_intake_sniff ((const guint8 *) "", 0), XF_MEDIA_UNKNOWN);
  assert_int_equal (xf_intake_sniff (NULL, 0), XF_MEDIA_UNKNOWN);
}

static void
test_media_type_names (void **state G_GNUC_UNUSED)
{
  assert_string_equal (xf_media_type_name (XF_MEDIA_PNG), "png");
  assert_string_equal (xf_media_type_name (XF_MEDIA_JPEG), "jpeg");
  assert_string_equal (xf_media_type_name (XF_MEDIA_TIFF), "tiff");
  assert_string_equal (xf_media_type_name (XF_MEDIA_PDF), "pdf");
  assert_string_equal (xf_media_type_name (XF_MEDIA_EMAIL), "email");
  assert_string_equal (xf_media_type_name (XF_MEDIA_TEXT), "text");
  assert_string_equal (xf_media_type_name (XF_MEDIA_UNKNOWN), "unknown");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_png_signature),
    cmocka_unit_test (test_png_signature_with_garbage_after),
    cmocka_unit_test (test_jpeg_signature),
    cmocka_unit_test (test_tiff_little_endian),
    cmocka_unit_test (test_tiff_big_endian),
    cmocka_unit_test (test_pdf_at_start),
    cmocka_unit_test (test_pdf_after_junk_within_1024_bytes),
    cmocka_unit_test (test_pdf_header_past_1024_bytes_is_not_pdf),
    cmocka_unit_test (test_mail_fixture),
    cmocka_unit_test (test_mail_with_raw_big5_headers),
    cmocka_unit_test (test_mail_with_mbox_from_line),
    cmocka_unit_test (test_mail_with_folded_field),
    cmocka_unit_test (test_two_unknown_fields_are_not_mail),
    cmocka_unit_test (test_one_mail_field_is_not_mail),
    cmocka_unit_test (test_letter_with_field_lines_then_prose_is_text),
    cmocka_unit_test (test_corpus_mails),
    cmocka_unit_test (test_utf8_text),
    cmocka_unit_test (test_utf8_text_with_bom),
    cmocka_unit_test (test_gb18030_text),
    cmocka_unit_test (test_gb18030_check_rejects_lone_lead_byte),
    cmocka_unit_test (test_text_with_nul_is_unknown),
    cmocka_unit_test (test_text_with_many_control_bytes_is_unknown),
    cmocka_unit_test (test_random_bytes_are_unknown),
    cmocka_unit_test (test_empty_is_unknown),
    cmocka_unit_test (test_media_type_names),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
