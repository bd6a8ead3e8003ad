/* PDF letters through poppler-glib: a page whose text layer holds real text
 * gives that text, any other page is rendered at 300 dpi for OCR.  The file
 * size, page count and every page's size in pixels are checked before any
 * page is rendered, since a tiny PDF can claim 10,000 pages of 5 x 5 m. */
#define G_LOG_DOMAIN "xf-ocr"
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <cairo.h>
#include "ocr/ocr-private.h"

#include <math.h>
#include <string.h>

/* poppler-glib and cairo declare no autocleanups of their own (yet). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

/* Tesseract's models are tuned for text at about 300 dpi. */
#define RENDER_DPI 300
#define POINTS_PER_INCH 72.0

/* Fewer visible characters than this is a page number or a fax header
 * stamped on a scan, not the letter. */
#define MIN_TEXT_CHARACTERS 20

/* A full A4 page of 6-point text is about 20,000 characters; anything far
 * beyond that is not a page of a letter but a stream built to fill memory. */
#define MAX_TEXT_BYTES (4 * 1024 * 1024)

/* Cairo cannot make an image surface wider or taller than this. */
#define MAX_SURFACE_SIDE 32767

struct XfOcrPdf {
  PopplerDocument *document;
  guint n_pages;
  int *widths;    /* of each page at RENDER_DPI, checked against the limits */
  int *heights;
};

void
xf_ocr_pdf_free (XfOcrPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_clear_object (&pdf->document);
  g_free (pdf->widths);
  g_free (pdf->heights);
  g_free (pdf);
}

void
xf_ocr_pdf_page_free (XfOcrPdfPage *page)
{
  if (page == NULL)
    return;
  g_free (page->text);
  if (page->pix != NULL)
    pixDestroy (&page->pix);
  g_free (page);
}

gboolean
xf_ocr_looks_like_pdf (const guint8 *data, gsize length)
{
  /* Readers accept the header anywhere in the first 1024 bytes (ISO
   * 32000-1 annex H.3), and some mail gateways put junk before it. */
  gsize window = MIN (length, 1024);
  static const char magic[] = "%PDF-";

  if (data == NULL || window < sizeof magic - 1)
    return FALSE;
  /* But an image is an image, whatever its comments say ("scanned from
   * %PDF-1.4"): its signature is at its very start. */
  if (xf_ocr_is_image (data, length))
    return FALSE;
  for (gsize i = 0; i + sizeof magic - 1 <= window; i++)
    if (memcmp (data + i, magic, sizeof magic - 1) == 0)
      return TRUE;
  return FALSE;
}

gboolean
xf_ocr_text_layer_is_real (const char *text)
{
  guint visible = 0, garbage = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type;

      if (g_unichar_isspace (c))
        continue;
      visible++;
      /* A font without a Unicode map comes out as replacement characters,
       * control codes or private-use code points: there is a text layer,
       * but no text in it. */
      type = g_unichar_type (c);
      if (c == 0xFFFD || !g_unichar_isgraph (c)
          || type == G_UNICODE_PRIVATE_USE || type == G_UNICODE_UNASSIGNED)
        garbage++;
    }
  return visible >= MIN_TEXT_CHARACTERS && garbage * 10 <= visible;
}

/* The page's size in pixels at RENDER_DPI, rounded up so nothing of it is
 * cut (a small tolerance keeps 612 pt at 2550 pixels, not 2551). */
static double
points_to_pixels (double points)
{
  return ceil (points / POINTS_PER_INCH * RENDER_DPI - 0.01);
}

static gboolean
check_page (PopplerPage *page, guint n, const XfOcrLimits *limits,
            int *width, int *height, GError **error)
{
  double points_w = 0, points_h = 0, w, h;

  poppler_page_get_size (page, &points_w, &points_h);
  w = points_to_pixels (points_w);
  h = points_to_pixels (points_h);
  /* isfinite: a hostile MediaBox can hold anything a double can. */
  if (!isfinite (w) || !isfinite (h) || w < 1 || h < 1)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "PDF page %u has no size (%g x %g points)", n,
                   points_w, points_h);
      return FALSE;
    }
  if (w * h > (double) limits->max_pixels)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "PDF page %u is %.0f x %.0f pixels at %d dpi, over the"
                   " limit of %" G_GINT64_FORMAT " ([ocr] max_pixels)",
                   n, w, h, RENDER_DPI, limits->max_pixels);
      return FALSE;
    }
  if (w > MAX_SURFACE_SIDE || h > MAX_SURFACE_SIDE)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_UNSUPPORTED,
                   "PDF page %u is %.0f x %.0f pixels at %d dpi, longer"
                   " than %d pixels on a side, which cannot be rendered",
                   n, w, h, RENDER_DPI, MAX_SURFACE_SIDE);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

XfOcrPdf *
xf_ocr_pdf_open (const guint8 *data, gsize length, const XfOcrLimits *limits,
                 GError **error)
{
  g_autoptr(XfOcrPdf) pdf = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  int n_pages;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  if (!xf_check_item_size ((gint64) length, limits->max_file_bytes, error))
    return NULL;
  /* Poppler keeps file offsets in an int. */
  if (length > G_MAXINT)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_UNSUPPORTED,
                   "%" G_GSIZE_FORMAT " bytes, more than a PDF can be read"
                   " with", length);
      return NULL;
    }

  /* A copy, so the document does not depend on the caller's buffer. */
  bytes = g_bytes_new (data, length);
  pdf = g_new0 (XfOcrPdf, 1);
  pdf->document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (pdf->document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, XF_ERROR, XF_ERROR_UNSUPPORTED,
                     "the PDF is encrypted (password-protected)");
      else
        g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                     "not a readable PDF: %s",
                     local_error != NULL ? local_error->message
                                         : "poppler gave no reason");
      return NULL;
    }

  n_pages = poppler_document_get_n_pages (pdf->document);
  if (n_pages <= 0)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "the PDF has no pages");
      return NULL;
    }
  if (n_pages > limits->max_pages)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "%d pages, over the limit of %" G_GINT64_FORMAT
                   " ([ocr] max_pages)", n_pages, limits->max_pages);
      return NULL;
    }

  /* Every page's size first: nothing is rendered unless all of them fit. */
  pdf->n_pages = (guint) n_pages;
  pdf->widths = g_new0 (int, pdf->n_pages);
  pdf->heights = g_new0 (int, pdf->n_pages);
  for (guint i = 0; i < pdf->n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf->document,
                                                               (int) i);
      if (page == NULL)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "PDF page %u cannot be read", i + 1);
          return NULL;
        }
      if (!check_page (page, i + 1, limits, &pdf->widths[i], &pdf->heights[i],
                       error))
        return NULL;
    }
  return g_steal_pointer (&pdf);
}

guint
xf_ocr_pdf_count_pages (XfOcrPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);
  return pdf->n_pages;
}

/* Cairo's RGB24 is one native-endian 32-bit word per pixel, 0x00RRGGBB;
 * Leptonica's 32 bpp is one word per pixel, 0xRRGGBB00.  Both are words,
 * so one shift converts them on any byte order. */
static PIX *
pix_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data = cairo_image_surface_get_data (surface);
  PIX *pix;
  l_uint32 *line;
  l_int32 wpl;

  if (data == NULL)
    return NULL;
  pix = pixCreate (width, height, 32);
  if (pix == NULL)
    return NULL;
  line = pixGetData (pix);
  wpl = pixGetWpl (pix);
  for (int y = 0; y < height; y++, line += wpl)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (int x = 0; x < width; x++)
        line[x] = (l_uint32) (row[x] & 0x00FFFFFF) << 8;
    }
  pixSetResolution (pix, RENDER_DPI, RENDER_DPI);
  return pix;
}

static PIX *
render_page (PopplerPage *page, guint n, int width, int height,
             GError **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_status_t status;
  PIX *pix;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_FAILED,
                   "cannot make a %d x %d image for PDF page %u: %s",
                   width, height, n, cairo_status_to_string (status));
      return NULL;
    }
  cr = cairo_create (surface);
  /* Paper is white; a PDF page paints only what is on it. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, RENDER_DPI / POINTS_PER_INCH, RENDER_DPI / POINTS_PER_INCH);
  /* As printed: what the sender would have put in the envelope, without
   * annotations meant only for the screen. */
  poppler_page_render_for_printing (page, cr);
  status = cairo_status (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "PDF page %u cannot be rendered: %s", n,
                   cairo_status_to_string (status));
      return NULL;
    }
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);

  pix = pix_from_surface (surface);
  if (pix == NULL)
    g_set_error (error, XF_ERROR, XF_ERROR_FAILED,
                 "cannot make a %d x %d image for PDF page %u", width, height,
                 n);
  return pix;
}

XfOcrPdfPage *
xf_ocr_pdf_read_page (XfOcrPdf *pdf, guint index, GError **error)
{
  g_autoptr(XfOcrPdfPage) result = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  guint n = index + 1;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (index < pdf->n_pages, NULL);

  xf_ocr_quiet_leptonica ();
  page = poppler_document_get_page (pdf->document, (int) index);
  if (page == NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "PDF page %u cannot be read", n);
      return NULL;
    }

  result = g_new0 (XfOcrPdfPage, 1);
  result->width = pdf->widths[index];
  result->height = pdf->heights[index];

  text = poppler_page_get_text (page);
  if (text != NULL && strlen (text) > MAX_TEXT_BYTES)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "PDF page %u has a text layer of over %d bytes, more than"
                   " a page can hold", n, MAX_TEXT_BYTES);
      return NULL;
    }
  if (xf_ocr_text_layer_is_real (text))
    {
      g_debug ("PDF page %u: text layer of %" G_GSIZE_FORMAT " bytes", n,
               strlen (text));
      result->text = g_steal_pointer (&text);
      return g_steal_pointer (&result);
    }

  g_debug ("PDF page %u: no usable text layer, rendering %d x %d", n,
           result->width, result->height);
  result->pix = render_page (page, n, result->width, result->height, error);
  if (result->pix == NULL)
    return NULL;
  return g_steal_pointer (&result);
}
