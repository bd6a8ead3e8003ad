/* OCR module: the Chinese text tidy-up, the limits checked before decoding,
 * and one real page through the real Tesseract. */
#include <leptonica/allheaders.h>
#include "ocr/ocr-private.h"
#include "tests/testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static const XfOcrLimits limits = {
  .max_file_bytes = 64 * 1024 * 1024,
  .max_pixels = 60 * 1000 * 1000,
  .max_pages = 200,
};

static void
check_tidy (const char *in, const char *want)
{
  g_autofree char *got = xf_ocr_tidy_text (in);
  assert_string_equal (got, want);
}

static void
test_tidy_removes_spaces_between_chinese (void **state)
{
  (void) state;
  check_tidy ("尊 敬 的 主 席 ：", "尊敬的主席：");
  check_tidy ("我 叫 张 三 ， 电 话 13812345678 。",
              "我叫张三，电话13812345678。");
}

static void
test_tidy_keeps_latin_and_number_spaces (void **state)
{
  (void) state;
  check_tidy ("Room 301 B", "Room 301 B");
  check_tidy ("共 2.7 万 元", "共2.7万元");
}

static void
test_tidy_punctuation_full_width_in_chinese (void **state)
{
  (void) state;
  check_tidy ("尊敬的主席:您好!我叫张三,电话?", "尊敬的主席：您好！我叫张三，电话？");
  check_tidy ("他说\"不给钱\";我们(十二人)去了", "他说“不给钱”；我们（十二人）去了");
  check_tidy ("(1)工资未付", "（1）工资未付");
}

static void
test_tidy_punctuation_half_width_in_numbers (void **state)
{
  (void) state;
  check_tidy ("共1，000元，10：30到", "共1,000元，10:30到");
  check_tidy ("Room 3 (B), ok: yes", "Room 3 (B), ok: yes");
  check_tidy ("欠款２．７万元", "欠款2.7万元");
}

static void
test_tidy_keeps_lines_drops_trailing_blanks (void **state)
{
  (void) state;
  check_tidy ("  第一行  \n第 二 行\n\n此致 ", "第一行\n第二行\n\n此致");
}

/* A PNG signature and an IHDR chunk claiming @w x @h pixels, nothing else. */
static GBytes *
png_header (guint32 w, guint32 h)
{
  static const guint8 sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  GByteArray *a = g_byte_array_new ();
  guint8 dims[8] = { w >> 24, w >> 16, w >> 8, w, h >> 24, h >> 16, h >> 8, h };
  /* depth, colour type, ..., a CRC, then padding where the image data
   * would be: a small file that only claims a huge picture */
  guint8 rest[9 + 64] = { 8, 0 };

  g_byte_array_append (a, sig, sizeof sig);
  g_byte_array_append (a, dims, sizeof dims);
  g_byte_array_append (a, rest, sizeof rest);
  return g_byte_array_free_to_bytes (a);
}

static void
test_huge_png_refused_before_decoding (void **state)
{
  g_autoptr(GBytes) png = png_header (60000, 60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);

  (void) state;
  pages = xf_ocr_load_pages (data, length, &limits, &error);
  assert_null (pages);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "60000 x 60000"));
}

/* A little-endian TIFF of @n empty directories chained one after another. */
static GBytes *
tiff_chain (guint n)
{
  GByteArray *a = g_byte_array_new ();
  guint8 header[8] = { 'I', 'I', 42, 0, 8, 0, 0, 0 };

  g_byte_array_append (a, header, sizeof header);
  for (guint i = 0; i < n; i++)
    {
      guint32 next = i + 1 < n ? 8 + (i + 1) * 6 : 0;
      guint8 ifd[6] = { 0, 0, next, next >> 8, next >> 16, next >> 24 };
      g_byte_array_append (a, ifd, sizeof ifd);
    }
  return g_byte_array_free_to_bytes (a);
}

static void
test_tiff_with_10000_pages_refused (void **state)
{
  g_autoptr(GBytes) tiff = tiff_chain (10000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (tiff, &length);

  (void) state;
  pages = xf_ocr_load_pages (data, length, &limits, &error);
  assert_null (pages);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "max_pages"));
}

static void
test_empty_and_unknown_refused (void **state)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  (void) state;
  assert_null (xf_ocr_load_pages ((const guint8 *) "", 0, &limits, &e1));
  assert_true (g_error_matches (e1, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_null (xf_ocr_load_pages ((const guint8 *) "hello, world, not an image",
                                  26, &limits, &e2));
  assert_true (g_error_matches (e2, XF_ERROR, XF_ERROR_UNSUPPORTED));
}

static void
test_fax_tiff_recognised_as_fax (void **state)
{
  g_autofree char *fax = xf_test_data ("samples/fax-1.tif");
  g_autofree char *png = xf_test_data ("samples/letter-1.png");
  g_autofree char *a = NULL, *b = NULL;
  gsize la, lb;

  (void) state;
  assert_true (g_file_get_contents (fax, &a, &la, NULL));
  assert_true (g_file_get_contents (png, &b, &lb, NULL));
  assert_true (xf_ocr_looks_like_fax ((const guint8 *) a, la));
  assert_false (xf_ocr_looks_like_fax ((const guint8 *) b, lb));
}

static void
test_real_fax_page_read (void **state)
{
  g_autofree char *fax = xf_test_data ("samples/fax-1.tif");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
  g_autoptr(GPtrArray) pages = NULL;
  XfOcrPage *page;
  gsize length;

  (void) state;
  assert_non_null (engine);
  assert_true (g_file_get_contents (fax, &data, &length, NULL));
  pages = xf_ocr_read (engine, (const guint8 *) data, length, &limits, &error);
  assert_non_null (pages);
  assert_int_equal (pages->len, 1);
  page = pages->pdata[0];
  /* 204 x 196 dpi, squared and brought to 300 dpi: 1728 -> ~2541 wide */
  assert_in_range (page->width, 2400, 2700);
  assert_non_null (strstr (page->text, "保安"));
  assert_true (page->confidence > 0.5);
  assert_true (page->words->len > 10);
}

static void
test_jpeg_page_read (void **state)
{
  g_autofree char *png = xf_test_data ("samples/letter-3.png");
  g_autoptr(PIX) pix = pixRead (png);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
  g_autoptr(GPtrArray) pages = NULL;
  l_uint8 *jpeg = NULL;
  size_t length = 0;

  (void) state;
  /* The mailroom scanner's other format: the same letter as a JPEG. */
  assert_non_null (pix);
  assert_int_equal (pixWriteMemJpeg (&jpeg, &length, pix, 75, 0), 0);
  pages = xf_ocr_read (engine, jpeg, length, &limits, &error);
  lept_free (jpeg);
  assert_non_null (pages);
  assert_int_equal (pages->len, 1);
  assert_non_null (strstr (((XfOcrPage *) pages->pdata[0])->text,
                           "仁济康和医院"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tidy_removes_spaces_between_chinese),
    cmocka_unit_test (test_tidy_keeps_latin_and_number_spaces),
    cmocka_unit_test (test_tidy_punctuation_full_width_in_chinese),
    cmocka_unit_test (test_tidy_punctuation_half_width_in_numbers),
    cmocka_unit_test (test_tidy_keeps_lines_drops_trailing_blanks),
    cmocka_unit_test (test_huge_png_refused_before_decoding),
    cmocka_unit_test (test_tiff_with_10000_pages_refused),
    cmocka_unit_test (test_empty_and_unknown_refused),
    cmocka_unit_test (test_fax_tiff_recognised_as_fax),
    cmocka_unit_test (test_real_fax_page_read),
    cmocka_unit_test (test_jpeg_page_read),
  };
  return cmocka_run_group_tests_name ("ocr", tests, NULL, NULL);
}
