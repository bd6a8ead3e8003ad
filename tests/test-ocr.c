/* OCR module: the limits checked before decoding, and real pages through
 * the real Tesseract (the text tidy-up has its own tests, test-tidy.c). */
#include <leptonica/allheaders.h>
#include "ocr/ocr-private.h"
#include "tests/testutil.h"

#include <signal.h>
#include <sys/types.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* What the standard-fax test holds the fax model to: its raw CER on the
 * test page (measured 0.050; Debian's chi_sim 0.391), and how far below
 * chi_sim's it must stay.  Wide margins, so that a model rebuilt by make
 * fax-model passes while one that reads no better than chi_sim fails. */
#define FAX_MODEL_AT_MOST 0.15
#define FAX_MODEL_GAIN 0.15

static const XfOcrLimits limits = {
  .max_file_bytes = 64 * 1024 * 1024,
  .max_pixels = 60 * 1000 * 1000,
  .max_pages = 200,
};

static void
test_huge_png_refused_before_decoding (void **state)
{
  g_autoptr(GBytes) png = xf_test_png_header (60000, 60000);
  g_autoptr(GError) error = NULL;
  XfOcrImage image;
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);

  (void) state;
  assert_false (xf_ocr_image_open (&image, data, length, &limits, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "60000 x 60000"));
}

static void
test_tiff_with_10000_pages_refused (void **state)
{
  g_autoptr(GBytes) tiff = xf_test_tiff_chain (10000);
  g_autoptr(GError) error = NULL;
  XfOcrImage image;
  gsize length;
  const guint8 *data = g_bytes_get_data (tiff, &length);

  (void) state;
  assert_false (xf_ocr_image_open (&image, data, length, &limits, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "max_pages"));
}

static void
test_empty_and_unknown_refused (void **state)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  XfOcrImage image;

  (void) state;
  assert_false (xf_ocr_image_open (&image, (const guint8 *) "", 0, &limits,
                                   &e1));
  assert_true (g_error_matches (e1, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_false (xf_ocr_image_open (&image,
                                   (const guint8 *) "hello, world, not an image",
                                   26, &limits, &e2));
  assert_true (g_error_matches (e2, XF_ERROR, XF_ERROR_UNSUPPORTED));
}

/* A three-page TIFF written by Leptonica, in memory (g_free). */
static guint8 *
three_page_tiff (gsize *length)
{
  g_autofree char *dir = xf_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "pages.tif", NULL);
  char *data = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PIX) pix = pixCreate (200 + 10 * i, 100, 1);
      assert_int_equal (pixWriteTiff (path, pix, IFF_TIFF_G4, i == 0 ? "w" : "a"), 0);
    }
  assert_true (g_file_get_contents (path, &data, length, NULL));
  xf_test_remove_tree (dir);
  return (guint8 *) data;
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static void
put_u32 (guint8 *p, guint32 v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = v >> 24;
}

static void
test_tiff_pages_linked_backwards_all_read (void **state)
{
  gsize length;
  g_autofree guint8 *tiff = three_page_tiff (&length);
  g_autoptr(GByteArray) moved = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  XfOcrImage image;
  guint32 first, size;

  (void) state;
  assert_int_equal (tiff[0], 'I');  /* libtiff writes the host's order */
  first = get_u32 (tiff + 4);
  size = 2 + (guint32) (tiff[first] | tiff[first + 1] << 8) * 12 + 4;
  /* Page 1's directory moved to the end, as rewriting its tags does: the
   * header points forward to it, and its link back to page 2. */
  g_byte_array_append (moved, tiff, (guint) length);
  if (moved->len % 2 != 0)
    g_byte_array_append (moved, (const guint8 *) "", 1);
  put_u32 (moved->data + 4, moved->len);
  g_byte_array_append (moved, tiff + first, size);
  assert_true (get_u32 (moved->data + moved->len - 4) < get_u32 (moved->data + 4));

  assert_true (xf_ocr_image_open (&image, moved->data, moved->len, &limits,
                                  &error));
  assert_int_equal (image.pages, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PIX) pix = xf_ocr_image_page (&image, i, &error);
      assert_non_null (pix);
      assert_int_equal (pixGetWidth (pix), 200 + 10 * i);
    }

  /* A chain that comes back to a page already seen is refused, not cut. */
  put_u32 (moved->data + moved->len - 4, get_u32 (moved->data + 4));
  assert_false (xf_ocr_image_open (&image, moved->data, moved->len, &limits,
                                   &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_non_null (strstr (error->message, "loops"));
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
  /* 204 x 196 dpi, squared at 204 dpi (read as it is: a fax reads better
   * so than interpolated to 300): 1728 wide, its rows stretched by 204/196 */
  assert_int_equal (page->width, 1728);
  assert_non_null (strstr (page->text, "保安"));
  assert_true (page->confidence > 0.5);
  assert_true (page->words->len > 10);
}

/* Edits (Levenshtein, in characters) from @truth to @text over what is
 * not white space, as bench/cer.py counts them. */
static double
raw_cer (const char *truth, const char *text)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (gunichar));
  const char *sources[2] = { truth, text };
  GArray *into[2] = { a, b };

  for (int k = 0; k < 2; k++)
    for (const char *p = sources[k]; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        if (!g_unichar_isspace (c))
          g_array_append_val (into[k], c);
      }
  g_autofree guint *row = g_new (guint, b->len + 1);
  for (guint j = 0; j <= b->len; j++)
    row[j] = j;
  for (guint i = 1; i <= a->len; i++)
    {
      guint diagonal = row[0];
      row[0] = i;
      for (guint j = 1; j <= b->len; j++)
        {
          guint up = row[j];
          guint same = g_array_index (a, gunichar, i - 1)
                       == g_array_index (b, gunichar, j - 1);
          row[j] = MIN (MIN (up + 1, row[j - 1] + 1), diagonal + !same);
          diagonal = up;
        }
    }
  return a->len > 0 ? (double) row[b->len] / a->len : 0.0;
}

/* The CER of the serif letter faxed at standard resolution
 * (testdata/ocr/), read with @steps. */
static double
standard_fax_cer (guint steps)
{
  g_autoptr(GBytes) fax = xf_test_read_data ("ocr/fax-std-serif.tif");
  g_autoptr(GBytes) truth = xf_test_read_data ("ocr/fax-std-serif.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *text = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (fax, &length);

  assert_non_null (engine);
  xf_ocr_engine_set_steps (engine, steps);
  pages = xf_ocr_read (engine, data, length, &limits, &error);
  assert_non_null (pages);
  assert_int_equal (pages->len, 1);
  text = g_strndup (g_bytes_get_data (truth, NULL), g_bytes_get_size (truth));
  return raw_cer (text, ((XfOcrPage *) pages->pdata[0])->text);
}

/* Checks that a blank @width x @height page at @xdpi x @ydpi is
 * @ready_width x @ready_height as the engine prepares it for reading. */
static void
check_ready_size (int width, int height, int xdpi, int ydpi, int ready_width,
                  int ready_height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
  g_autoptr(PIX) page = pixCreate (width, height, 8);
  g_autoptr(PIX) ready = NULL;
  int resolution = 0;
  gboolean standard_fax = TRUE;

  assert_non_null (engine);
  pixSetAllArbitrary (page, 255);
  pixSetResolution (page, xdpi, ydpi);
  ready = xf_ocr_ready_page (engine, page, &resolution, &standard_fax);
  assert_non_null (ready);
  assert_false (standard_fax);
  assert_int_equal (pixGetWidth (ready), ready_width);
  assert_int_equal (pixGetHeight (ready), ready_height);
}

static void
test_implausible_resolution_not_scaled (void **state)
{
  (void) state;
  /* A letter scanned at 100 dpi is brought up to 300. */
  check_ready_size (850, 1100, 100, 100, 2550, 3300);
  /* 150 pixels at 1 dpi would be a page 150 inches wide, and scaling it
   * to 300 dpi 45000 pixels a side: no paper is that size, so the
   * resolution is not believed and the image is read as it is. */
  check_ready_size (150, 150, 1, 1, 150, 150);
  /* Nor is a photo's 72 dpi: 4000 pixels would be 55 inches. */
  check_ready_size (4000, 3000, 72, 72, 4000, 3000);
  /* Nor a page 20 x 6 inches whose pixels, squared to its finer axis,
   * would be 24000 x 7200. */
  check_ready_size (2000, 7200, 100, 1200, 2000, 7200);
  /* A bilevel page on the fax line without a resolution is a fax: short,
   * standard (204 x 98 dpi, its pixels squared), tall, fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
    const int heights[] = { 1146, 2292 };

    for (guint i = 0; i < G_N_ELEMENTS (heights); i++)
      {
        g_autoptr(PIX) fax = pixCreate (1728, heights[i], 1);
        g_autoptr(PIX) ready = NULL;
        int resolution = 0;
        gboolean standard_fax = FALSE;

        ready = xf_ocr_ready_page (engine, fax, &resolution, &standard_fax);
        assert_non_null (ready);
        assert_int_equal (standard_fax, i == 0);
        assert_int_equal (resolution, 204);
        assert_int_equal (pixGetWidth (ready), 1728);
        assert_in_range (pixGetHeight (ready), 2370, 2400);
      }
  }
}

static void
test_raw_cer_counts_edits (void **state)
{
  (void) state;
  assert_true (raw_cer ("工会", "工会") == 0.0);
  assert_true (raw_cer ("工 会\n", "工会") == 0.0);
  assert_true (raw_cer ("一二三四", "二三四五") == 0.5);  /* a loss, a gain */
  assert_true (raw_cer ("工资", "") == 1.0);
}

/* A serif face at 98 lines per inch loses most thin horizontal strokes:
 * the fax model reads such a page far better than Debian's chi_sim, and
 * switching its step off gives the stock model back. */
static void
test_standard_fax_read_by_the_fax_model (void **state)
{
  double with_model = standard_fax_cer (XF_OCR_STEPS_DEFAULT);
  double without = standard_fax_cer (XF_OCR_STEPS_DEFAULT
                                     & ~XF_OCR_STEP_FAX_MODEL);

  (void) state;
  print_message ("standard fax, serif: raw CER %.3f with the fax model,"
                 " %.3f without\n", with_model, without);
  assert_true (with_model < FAX_MODEL_AT_MOST);
  assert_true (without > with_model + FAX_MODEL_GAIN);
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

/* CRC-32 as PNG chunks carry it (ISO 3309, the polynomial reflected). */
static guint32
png_crc (const guint8 *data, gsize length, guint32 crc)
{
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
  return crc;
}

/* @png with a tEXt chunk "Comment" = @comment right after its header. */
static GBytes *
png_with_comment (const guint8 *png, gsize length, const char *comment)
{
  GByteArray *out = g_byte_array_new ();
  const gsize header = 8 + 25;  /* the signature, then IHDR */
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  guint32 size = (guint32) (strlen ("Comment") + 1 + strlen (comment));
  guint8 be[4];
  guint32 crc;

  g_byte_array_append (chunk, (const guint8 *) "tEXt", 4);
  g_byte_array_append (chunk, (const guint8 *) "Comment", 8);
  g_byte_array_append (chunk, (const guint8 *) comment, strlen (comment));
  g_byte_array_append (out, png, header);
  for (int k = 0; k < 4; k++)
    be[k] = (guint8) (size >> (24 - 8 * k));
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, chunk->data, chunk->len);
  crc = png_crc (chunk->data, chunk->len, 0xFFFFFFFFu) ^ 0xFFFFFFFFu;
  for (int k = 0; k < 4; k++)
    be[k] = (guint8) (crc >> (24 - 8 * k));
  g_byte_array_append (out, be, 4);
  g_byte_array_append (out, png + header, length - header);
  return g_byte_array_free_to_bytes (out);
}

/* The text of letter-3 read from the PNG @png_data, which must be read. */
static void
check_letter_3_read (const guint8 *png_data, size_t length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
  g_autoptr(GPtrArray) pages = NULL;

  assert_non_null (engine);
  pages = xf_ocr_read (engine, png_data, length, &limits, &error);
  assert_non_null (pages);
  assert_int_equal (pages->len, 1);
  assert_non_null (strstr (((XfOcrPage *) pages->pdata[0])->text,
                           "仁济康和医院"));
}

/* A page drawn as black ink on a transparent sheet is read as on white
 * paper; so is a PNG whose comment mentions %PDF-, which is no PDF. */
static void
test_transparent_and_commented_pages_read (void **state)
{
  g_autofree char *path = xf_test_data ("samples/letter-3.png");
  g_autoptr(PIX) pix = pixRead (path);
  g_autoptr(PIX) grey = NULL;
  g_autoptr(PIX) ink = NULL;
  g_autoptr(PIX) sheet = NULL;
  l_uint8 *png = NULL;
  size_t length = 0;

  (void) state;
  assert_non_null (pix);
  grey = pixConvertTo8 (pix, FALSE);
  ink = pixInvert (NULL, grey);
  sheet = pixCreate (pixGetWidth (grey), pixGetHeight (grey), 32);
  pixCopyResolution (sheet, pix);
  assert_int_equal (pixSetRGBComponent (sheet, ink, L_ALPHA_CHANNEL), 0);
  pixSetSpp (sheet, 4);
  assert_int_equal (pixWriteMemPng (&png, &length, sheet, 0), 0);
  check_letter_3_read (png, length);
  lept_free (png);

  assert_int_equal (pixWriteMemPng (&png, &length, grey, 0), 0);
  {
    g_autoptr(GBytes) commented = png_with_comment (
        png, length, "scanned from %PDF-1.4 original");
    gsize size;
    const guint8 *data = g_bytes_get_data (commented, &size);

    gboolean marked = FALSE;

    /* Where a PDF's header may be (the first 1024 bytes). */
    for (gsize i = 0; i + 5 <= MIN (size, 1024); i++)
      marked |= memcmp (data + i, "%PDF-", 5) == 0;
    assert_true (marked);
    check_letter_3_read (data, size);
  }
  lept_free (png);
}

/* An image of pure noise is no letter: a clear error, not pages of
 * characters made up from specks. */
static void
test_noise_is_no_letter (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);
  g_autoptr(PIX) noise = pixCreate (800, 800, 8);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GPtrArray) pages = NULL;
  l_uint8 *png = NULL;
  size_t length = 0;

  (void) state;
  for (int y = 0; y < 800; y++)
    for (int x = 0; x < 800; x++)
      pixSetPixel (noise, x, y, (l_uint32) g_rand_int_range (rand, 0, 256));
  pixSetResolution (noise, 300, 300);
  assert_int_equal (pixWriteMemPng (&png, &length, noise, 0), 0);
  pages = xf_ocr_read (engine, png, length, &limits, &error);
  lept_free (png);
  assert_null (pages);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_non_null (strstr (error->message, "no legible text"));
}

static void
test_upside_down_and_sideways_pages_read (void **state)
{
  g_autofree char *path = xf_test_data ("samples/letter-1.png");
  g_autoptr(PIX) pix = pixRead (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = xf_ocr_engine_new ("chi_sim", &error);

  (void) state;
  assert_non_null (pix);
  /* A letter fed into the scanner upside down, and one turned sideways. */
  for (int quarters = 1; quarters <= 2; quarters++)
    {
      g_autoptr(PIX) turned = pixRotateOrth (pix, quarters);
      g_autoptr(GPtrArray) pages = NULL;
      l_uint8 *png = NULL;
      size_t length = 0;

      assert_int_equal (pixWriteMemPng (&png, &length, turned, 0), 0);
      pages = xf_ocr_read (engine, png, length, &limits, &error);
      lept_free (png);
      assert_non_null (pages);
      if (strstr (((XfOcrPage *) pages->pdata[0])->text, "栖湖湾二期") == NULL)
        fail_msg ("turned %d quarter(s): %s", quarters,
                  ((XfOcrPage *) pages->pdata[0])->text);
    }
}

static void
test_steps_parse (void **state)
{
  g_autoptr(GError) error = NULL;
  guint steps = 0;

  (void) state;
  assert_true (xf_ocr_steps_parse ("grey, deskew", &steps, &error));
  assert_int_equal (steps, XF_OCR_STEP_GREY | XF_OCR_STEP_DESKEW);
  assert_true (xf_ocr_steps_parse ("none", &steps, &error));
  assert_int_equal (steps, 0);
  assert_true (xf_ocr_steps_parse ("correct,fax-model", &steps, &error));
  assert_int_equal (steps, XF_OCR_STEP_CORRECT | XF_OCR_STEP_FAX_MODEL);
  assert_true (xf_ocr_steps_parse ("default", &steps, &error));
  assert_int_equal (steps, XF_OCR_STEPS_DEFAULT);
  assert_false (xf_ocr_steps_parse ("grey,sharpen", &steps, &error));
  assert_non_null (strstr (error->message, "sharpen"));
}

static void
test_pool_reads_in_a_worker (void **state)
{
  g_autoptr(XfOcrPool) pool = xf_ocr_pool_new ("chi_sim", 1, &limits, 120, 0);
  g_autoptr(GBytes) fax = xf_test_read_data ("samples/fax-1.tif");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (fax, &length);

  (void) state;
  pages = xf_ocr_pool_read (pool, data, length, &error);
  assert_non_null (pages);
  assert_int_equal (pages->len, 1);
  assert_non_null (strstr (((XfOcrPage *) pages->pdata[0])->text, "保安"));
  assert_true (((XfOcrPage *) pages->pdata[0])->words->len > 10);
}

static void
test_pool_passes_errors_back (void **state)
{
  g_autoptr(XfOcrPool) pool = xf_ocr_pool_new ("chi_sim", 1, &limits, 120, 0);
  g_autoptr(GBytes) png = xf_test_png_header (60000, 60000);
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (png, &length);

  (void) state;
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "60000 x 60000"));
}

static void
test_pool_survives_a_killed_worker (void **state)
{
  g_autoptr(XfOcrPool) pool = xf_ocr_pool_new ("chi_sim", 1, &limits, 120, 0);
  g_autoptr(GBytes) letter = xf_test_read_data ("samples/letter-1.png");
  g_autoptr(GBytes) fax = xf_test_read_data ("samples/fax-1.tif");
  g_autoptr(GError) job_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pids = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GPtrArray *pages = NULL;
  guint64 tag = 0;
  gsize length;
  const guint8 *data = g_bytes_get_data (letter, &length);

  (void) state;
  /* A crash in an image library, as the worker sees it: killed mid-job. */
  assert_true (xf_ocr_pool_submit (pool, 7, data, length, &error));
  pids = xf_ocr_pool_pids_for_testing (pool);
  assert_int_equal (pids->len, 1);
  assert_int_equal (kill (g_array_index (pids, pid_t, 0), SIGKILL), 0);
  assert_true (xf_ocr_pool_collect (pool, &tag, &pages, &job_error));
  assert_int_equal (tag, 7);
  assert_null (pages);
  assert_true (g_error_matches (job_error, XF_ERROR, XF_ERROR_WORKER));
  assert_non_null (strstr (job_error->message, "died"));

  /* The next file goes through on a new worker. */
  data = g_bytes_get_data (fax, &length);
  after = xf_ocr_pool_read (pool, data, length, &error);
  assert_non_null (after);
  assert_non_null (strstr (((XfOcrPage *) after->pdata[0])->text, "保安"));
}

/* A result larger than a message may carry (2 GiB; lowered here) fails
 * that file in the worker, which lives on. */
static void
test_pool_refuses_a_result_too_large_to_send (void **state)
{
  g_autoptr(XfOcrPool) pool = xf_ocr_pool_new ("chi_sim", 1, &limits, 120, 0);
  g_autoptr(GBytes) letter = xf_test_read_data ("samples/letter-1.png");
  g_autoptr(GBytes) huge = xf_test_png_header (60000, 60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (letter, &length);

  (void) state;
  xf_ocr_pool_set_max_message_for_testing (pool, 4096);
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "over 4096 bytes, too large to hand back"));
  before = xf_ocr_pool_pids_for_testing (pool);
  assert_int_equal (before->len, 1);

  /* The same worker answers the next file. */
  g_clear_error (&error);
  data = g_bytes_get_data (huge, &length);
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "60000 x 60000"));
  after = xf_ocr_pool_pids_for_testing (pool);
  assert_int_equal (after->len, 1);
  assert_int_equal (g_array_index (after, pid_t, 0),
                    g_array_index (before, pid_t, 0));
}

/* A worker's result larger than the pool will take (a worker with a higher
 * bound, or no memory for it) fails that file; a new worker reads the next. */
static void
test_pool_refuses_a_result_too_large_to_take (void **state)
{
  g_autoptr(XfOcrPool) pool = xf_ocr_pool_new ("chi_sim", 1, &limits, 120, 0);
  g_autoptr(GBytes) letter = xf_test_read_data ("samples/letter-1.png");
  g_autoptr(GBytes) fax = xf_test_read_data ("samples/fax-1.tif");
  g_autoptr(GBytes) huge = xf_test_png_header (60000, 60000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (huge, &length);

  (void) state;
  /* The worker starts with the full bound. */
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  g_clear_error (&error);

  xf_ocr_pool_set_max_message_for_testing (pool, 4096);
  data = g_bytes_get_data (letter, &length);
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "too large to take"));

  xf_ocr_pool_set_max_message_for_testing (pool, G_GUINT64_CONSTANT (1) << 31);
  data = g_bytes_get_data (fax, &length);
  pages = xf_ocr_pool_read (pool, data, length, &error);
  assert_non_null (pages);
  assert_non_null (strstr (((XfOcrPage *) pages->pdata[0])->text, "保安"));
}

static void
test_pool_stops_a_runaway_page (void **state)
{
  g_autoptr(XfOcrPool) pool = xf_ocr_pool_new ("chi_sim", 1, &limits, 1, 0);
  g_autoptr(PIX) noise = pixCreate (3000, 3000, 8);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  l_uint8 *png = NULL;
  size_t png_length = 0;
  gint64 started;
  gsize length;
  const guint8 *data;

  (void) state;
  /* Pure noise: thousands of blobs, far more than a second's work. */
  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 3000; x++)
      pixSetPixel (noise, x, y, (l_uint32) g_rand_int_range (rand, 0, 256));
  assert_int_equal (pixWriteMemPng (&png, &png_length, noise, 0), 0);

  /* A quick first job, so the worker is up and its model loaded. */
  g_autoptr(GBytes) huge = xf_test_png_header (60000, 60000);
  data = g_bytes_get_data (huge, &length);
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  g_clear_error (&error);

  started = g_get_monotonic_time ();
  assert_null (xf_ocr_pool_read (pool, png, png_length, &error));
  lept_free (png);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_WORKER));
  assert_non_null (strstr (error->message, "timeout_seconds"));
  /* Stopped at the limit, not when the page was done. */
  assert_true (g_get_monotonic_time () - started < 10 * G_USEC_PER_SEC);

  /* The killed worker is replaced: a quick job gets a worker's answer. */
  g_clear_error (&error);
  assert_null (xf_ocr_pool_read (pool, data, length, &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "max_pixels"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_huge_png_refused_before_decoding),
    cmocka_unit_test (test_tiff_with_10000_pages_refused),
    cmocka_unit_test (test_empty_and_unknown_refused),
    cmocka_unit_test (test_tiff_pages_linked_backwards_all_read),
    cmocka_unit_test (test_fax_tiff_recognised_as_fax),
    cmocka_unit_test (test_real_fax_page_read),
    cmocka_unit_test (test_raw_cer_counts_edits),
    cmocka_unit_test (test_implausible_resolution_not_scaled),
    cmocka_unit_test (test_standard_fax_read_by_the_fax_model),
    cmocka_unit_test (test_jpeg_page_read),
    cmocka_unit_test (test_upside_down_and_sideways_pages_read),
    cmocka_unit_test (test_transparent_and_commented_pages_read),
    cmocka_unit_test (test_noise_is_no_letter),
    cmocka_unit_test (test_steps_parse),
    cmocka_unit_test (test_pool_reads_in_a_worker),
    cmocka_unit_test (test_pool_passes_errors_back),
    cmocka_unit_test (test_pool_survives_a_killed_worker),
    cmocka_unit_test (test_pool_refuses_a_result_too_large_to_send),
    cmocka_unit_test (test_pool_refuses_a_result_too_large_to_take),
    cmocka_unit_test (test_pool_stops_a_runaway_page),
  };
  return cmocka_run_group_tests_name ("ocr", tests, NULL, NULL);
}
