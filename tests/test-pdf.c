/* PDF input: a text layer read as text, image pages rendered at 300 dpi,
 * and the limits and bad files refused before anything is rendered.  The
 * fixtures are written by testdata/pdf/make-fixtures.py. */
#include <leptonica/allheaders.h>
#include "ocr/ocr-private.h"
#include "tests/testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const XfOcrLimits limits = {
  .max_file_bytes = 64 * 1024 * 1024,
  .max_pixels = 60 * 1000 * 1000,
  .max_pages = 200,
};

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *relative = g_build_filename ("pdf", name, NULL);
  g_autofree char *path = xf_test_data (relative);
  g_autoptr(GError) error = NULL;
  GMappedFile *file = g_mapped_file_new (path, FALSE, &error);
  GBytes *bytes;

  if (file == NULL)
    fail_msg ("cannot read %s: %s", path, error->message);
  bytes = g_mapped_file_get_bytes (file);
  g_mapped_file_unref (file);
  return bytes;
}

static XfOcrPdf *
open_bytes (GBytes *bytes, const XfOcrLimits *with, GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return xf_ocr_pdf_open (data, length, with, error);
}

/* The one page of fixture @name, which must open and read. */
static XfOcrPdfPage *
read_only_page (const char *name)
{
  g_autoptr(GBytes) bytes = read_fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = open_bytes (bytes, &limits, &error);
  XfOcrPdfPage *page;

  if (pdf == NULL)
    fail_msg ("%s: %s", name, error->message);
  assert_int_equal (xf_ocr_pdf_count_pages (pdf), 1);
  page = xf_ocr_pdf_read_page (pdf, 0, &error);
  if (page == NULL)
    fail_msg ("%s: %s", name, error->message);
  return page;
}

static void
test_text_layer_gives_text (void **state)
{
  g_autoptr(XfOcrPdfPage) page = read_only_page ("text.pdf");

  (void) state;
  assert_non_null (page->text);
  assert_null (page->pix);
  assert_non_null (strstr (page->text, "Our wages for March and April"));
  /* A4, 595 x 842 points, at 300 dpi */
  assert_int_equal (page->width, 2480);
  assert_int_equal (page->height, 3509);
}

static void
test_image_only_page_rendered_at_300_dpi (void **state)
{
  g_autoptr(XfOcrPdfPage) page = read_only_page ("image.pdf");
  l_int32 xres = 0, yres = 0;

  (void) state;
  assert_null (page->text);
  assert_non_null (page->pix);
  /* 144 x 72 points is 2 x 1 inches */
  assert_int_equal (pixGetWidth (page->pix), 600);
  assert_int_equal (pixGetHeight (page->pix), 300);
  assert_int_equal (pixGetDepth (page->pix), 32);
  pixGetResolution (page->pix, &xres, &yres);
  assert_int_equal (xres, 300);
  assert_int_equal (yres, 300);
  assert_int_equal (page->width, 600);
  assert_int_equal (page->height, 300);
}

static void
assert_rgb (PIX *pix, int x, int y, int r, int g, int b)
{
  l_int32 pr = -1, pg = -1, pb = -1;

  assert_int_equal (pixGetRGBPixel (pix, x, y, &pr, &pg, &pb), 0);
  if (abs (pr - r) > 8 || abs (pg - g) > 8 || abs (pb - b) > 8)
    fail_msg ("pixel %d,%d is %d,%d,%d, not %d,%d,%d", x, y, pr, pg, pb, r,
              g, b);
}

static void
test_rendering_keeps_places_and_colours (void **state)
{
  g_autoptr(XfOcrPdfPage) page = read_only_page ("image.pdf");

  (void) state;
  /* The 2 x 2 image over the left square: black, white / white, black,
   * top row first. */
  assert_rgb (page->pix, 75, 75, 0, 0, 0);
  assert_rgb (page->pix, 225, 75, 255, 255, 255);
  assert_rgb (page->pix, 75, 225, 255, 255, 255);
  assert_rgb (page->pix, 225, 225, 0, 0, 0);
  /* The red square (points 96..120 x 24..48) and white paper around it:
   * red in the red channel shows the bytes were not swapped. */
  assert_rgb (page->pix, 450, 150, 255, 0, 0);
  assert_rgb (page->pix, 550, 20, 255, 255, 255);
}

static void
test_short_text_layer_is_rendered (void **state)
{
  /* A scan with only its page number as text: the letter is the image. */
  g_autoptr(XfOcrPdfPage) page = read_only_page ("image-page-number.pdf");

  (void) state;
  assert_null (page->text);
  assert_non_null (page->pix);
}

static void
test_owner_password_only_still_read (void **state)
{
  /* Encrypted, but with an empty user password: every reader opens it. */
  g_autoptr(XfOcrPdfPage) page = read_only_page ("owner-password.pdf");

  (void) state;
  assert_non_null (page->text);
  assert_non_null (strstr (page->text, "Hengda Building Materials"));
}

static void
test_not_a_pdf_refused (void **state)
{
  static const char garbage[] = "%PDF-1.4\n\x01\x02 this is no PDF at all,"
                                " only its first line \xff\xfe\x00 and junk";
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;

  (void) state;
  pdf = xf_ocr_pdf_open ((const guint8 *) garbage, sizeof garbage - 1,
                         &limits, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_true (g_str_has_prefix (error->message, "not a readable PDF: "));
}

static void
test_empty_file_refused (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;

  (void) state;
  pdf = xf_ocr_pdf_open ((const guint8 *) "", 0, &limits, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
}

static void
test_encrypted_pdf_refused (void **state)
{
  g_autoptr(GBytes) bytes = read_fixture ("encrypted.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;

  (void) state;
  pdf = open_bytes (bytes, &limits, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_UNSUPPORTED));
  assert_string_equal (error->message,
                       "the PDF is encrypted (password-protected)");
}

static void
test_too_many_pages_refused (void **state)
{
  g_autoptr(GBytes) bytes = read_fixture ("three-pages.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;
  XfOcrLimits two = limits;

  (void) state;
  two.max_pages = 2;
  pdf = open_bytes (bytes, &two, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "[ocr] max_pages"));
}

static void
test_huge_later_page_refused_at_open (void **state)
{
  /* Page 1 fits; page 2 is 60000 x 60000 pixels at 300 dpi.  The open
   * fails, so not even page 1 is rendered. */
  g_autoptr(GBytes) bytes = read_fixture ("huge-second-page.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;

  (void) state;
  pdf = open_bytes (bytes, &limits, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "page 2 is 60000 x 60000 pixels"));
  assert_non_null (strstr (error->message, "[ocr] max_pixels"));
}

static void
test_file_over_byte_limit_refused (void **state)
{
  g_autoptr(GBytes) bytes = read_fixture ("text.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;
  XfOcrLimits small = limits;

  (void) state;
  small.max_file_bytes = 100;
  pdf = open_bytes (bytes, &small, &error);
  assert_null (pdf);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "[ocr] max_file_bytes"));
}

static void
test_pdf_header_recognised (void **state)
{
  static const guint8 junk_first[] = "\r\n\r\nX-Gateway: fax\r\n%PDF-1.7\n";

  (void) state;
  assert_true (xf_ocr_looks_like_pdf ((const guint8 *) "%PDF-1.4\n", 9));
  assert_true (xf_ocr_looks_like_pdf (junk_first, sizeof junk_first - 1));
  assert_false (xf_ocr_looks_like_pdf ((const guint8 *) "%PDF", 4));
  assert_false (xf_ocr_looks_like_pdf ((const guint8 *) "\x89PNG\r\n", 6));
  assert_false (xf_ocr_looks_like_pdf (NULL, 0));
}

static void
test_text_layer_judged_real_or_not (void **state)
{
  (void) state;
  assert_true (xf_ocr_text_layer_is_real (
      "尊敬的信访办领导：我们是恒达建材公司的十二名工人，三月工资未付。"));
  assert_true (xf_ocr_text_layer_is_real (
      "Our wages for March and April have not been paid."));
  /* a page number, a fax header line */
  assert_false (xf_ocr_text_layer_is_real ("- 1 -"));
  assert_false (xf_ocr_text_layer_is_real ("  Page 1 of 3 \n  \n"));
  /* fonts without a Unicode map */
  assert_false (xf_ocr_text_layer_is_real (
      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
      "\xef\xbf\xbd\xef\xbf\xbd"));
  assert_false (xf_ocr_text_layer_is_real (
      "\xee\x80\x81\xee\x80\x82\xee\x80\x83\xee\x80\x84\xee\x80\x85"
      "\xee\x80\x86\xee\x80\x87\xee\x80\x88\xee\x80\x89\xee\x80\x8a"
      "\xee\x80\x8b\xee\x80\x8c\xee\x80\x8d\xee\x80\x8e\xee\x80\x8f"
      "\xee\x80\x90\xee\x80\x91\xee\x80\x92\xee\x80\x93\xee\x80\x94"
      "ab"));
  assert_false (xf_ocr_text_layer_is_real ("\xff\xfe not UTF-8 at all,"
                                           " whatever else it holds"));
  assert_false (xf_ocr_text_layer_is_real (NULL));
}

static void
test_corpus_ccitt_scan_renders_one_page (void **state)
{
  const char *corpus = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrPdf) pdf = NULL;
  g_autoptr(XfOcrPdfPage) page = NULL;
  l_int32 black = 0;
  gsize length;

  (void) state;
  corpus = xf_test_corpus_or_skip ();
  /* A CCITT G4 fax scan of a US Letter page, wrapped in a PDF by OCRmyPDF's
   * test suite: no text layer, so it is rendered. */
  path = g_build_filename (corpus, "fax", "ocrmypdf", "ccitt.pdf", NULL);
  assert_true (g_file_get_contents (path, &data, &length, NULL));
  pdf = xf_ocr_pdf_open ((const guint8 *) data, length, &limits, &error);
  if (pdf == NULL)
    fail_msg ("%s: %s", path, error->message);
  assert_int_equal (xf_ocr_pdf_count_pages (pdf), 1);
  page = xf_ocr_pdf_read_page (pdf, 0, &error);
  if (page == NULL)
    fail_msg ("%s: %s", path, error->message);
  assert_null (page->text);
  assert_non_null (page->pix);
  /* 612 x 792 points at 300 dpi */
  assert_int_equal (pixGetWidth (page->pix), 2550);
  assert_int_equal (pixGetHeight (page->pix), 3300);
  /* Something was drawn: ink on the paper, but mostly paper. */
  {
    g_autoptr(PIX) grey = pixConvertRGBToLuminance (page->pix);
    g_autoptr(PIX) ink = pixThresholdToBinary (grey, 128);
    assert_int_equal (pixCountPixels (ink, &black, NULL), 0);
  }
  assert_true (black > 2550 * 3300 / 200);
  assert_true (black < 2550 * 3300 / 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_text_layer_gives_text),
    cmocka_unit_test (test_image_only_page_rendered_at_300_dpi),
    cmocka_unit_test (test_rendering_keeps_places_and_colours),
    cmocka_unit_test (test_short_text_layer_is_rendered),
    cmocka_unit_test (test_owner_password_only_still_read),
    cmocka_unit_test (test_not_a_pdf_refused),
    cmocka_unit_test (test_empty_file_refused),
    cmocka_unit_test (test_encrypted_pdf_refused),
    cmocka_unit_test (test_too_many_pages_refused),
    cmocka_unit_test (test_huge_later_page_refused_at_open),
    cmocka_unit_test (test_file_over_byte_limit_refused),
    cmocka_unit_test (test_pdf_header_recognised),
    cmocka_unit_test (test_text_layer_judged_real_or_not),
    cmocka_unit_test (test_corpus_ccitt_scan_renders_one_page),
  };
  return cmocka_run_group_tests_name ("pdf", tests, NULL, NULL);
}
