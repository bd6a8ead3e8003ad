/* Loading page images with Leptonica.  Every limit (bytes, pages, pixels per
 * page) is checked from the headers before anything is decoded, because a
 * 200-byte PNG can claim 60000 x 60000 pixels and a small TIFF 10,000 pages. */
#define G_LOG_DOMAIN "xf-ocr"
#include <leptonica/allheaders.h>
#include "ocr/ocr-private.h"

#include <string.h>

void
xf_ocr_quiet_leptonica (void)
{
  static gsize once = 0;

  /* Leptonica reports every decoding failure on stderr itself; we report
   * them once, with the file name, as errors. */
  if (g_once_init_enter (&once))
    {
      setMsgSeverity (L_SEVERITY_NONE);
      g_once_init_leave (&once, 1);
    }
}

static guint32
read_u32 (const guint8 *p, gboolean big)
{
  return big ? ((guint32) p[0] << 24 | (guint32) p[1] << 16
                | (guint32) p[2] << 8 | p[3])
             : ((guint32) p[3] << 24 | (guint32) p[2] << 16
                | (guint32) p[1] << 8 | p[0]);
}

static guint16
read_u16 (const guint8 *p, gboolean big)
{
  return big ? (guint16) (p[0] << 8 | p[1]) : (guint16) (p[1] << 8 | p[0]);
}

/* Whether @data starts as a classic TIFF does, and in which byte order. */
static gboolean
tiff_header (const guint8 *data, gsize length, gboolean *big)
{
  if (length < 8
      || !((data[0] == 'I' && data[1] == 'I') || (data[0] == 'M' && data[1] == 'M')))
    return FALSE;
  *big = data[0] == 'M';
  return read_u16 (data + 2, *big) == 42;  /* not BigTIFF (43): no fax or scanner writes it */
}

/* Counts the image file directories of a classic TIFF by walking their
 * chain, stopping past @stop_after so a hostile file costs little.  A
 * directory may lie before the one that links to it (a page whose tags
 * were rewritten moves to the end of the file), so the walk remembers
 * where it has been instead.  Returns -1 when the chain is broken (a link
 * out of the data), -2 when it loops. */
static gint64
count_tiff_pages (const guint8 *data, gsize length, gint64 stop_after)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean big;
  guint32 offset;
  gint64 pages = 0;

  if (!tiff_header (data, length, &big))
    return -1;
  offset = read_u32 (data + 4, big);
  while (offset != 0 && pages <= stop_after)
    {
      guint16 entries;
      guint64 next_at;

      /* A link out of the data: the file was cut short, and the pages
       * after it are lost; reading those before would hide that. */
      if (offset < 8 || (guint64) offset + 2 > length)
        return -1;
      if (!g_hash_table_add (seen, GUINT_TO_POINTER (offset)))
        return -2;
      entries = read_u16 (data + offset, big);
      next_at = (guint64) offset + 2 + (guint64) entries * 12;
      pages++;
      if (next_at + 4 > length)
        break;  /* a last directory without a readable link */
      offset = read_u32 (data + next_at, big);
    }
  return pages == 0 ? -1 : pages;
}

static gboolean
check_pixels (gint64 width, gint64 height, guint n,
              const XfOcrLimits *limits, GError **error)
{
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "page %u has no pixels (%" G_GINT64_FORMAT " x %"
                   G_GINT64_FORMAT ")", n, width, height);
      return FALSE;
    }
  if (width * height > limits->max_pixels)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "page %u is %" G_GINT64_FORMAT " x %" G_GINT64_FORMAT
                   " pixels, over the limit of %" G_GINT64_FORMAT
                   " ([ocr] max_pixels)", n, width, height,
                   limits->max_pixels);
      return FALSE;
    }
  return TRUE;
}

/* Leptonica's judgement of @data's format by its signature. */
static l_int32
image_format (const guint8 *data, gsize length)
{
  l_int32 format = IFF_UNKNOWN;

  if (data == NULL || length < 12
      || findFileFormatBuffer (data, &format) != 0)
    return IFF_UNKNOWN;
  return format;
}

gboolean
xf_ocr_is_image (const guint8 *data, gsize length)
{
  l_int32 format = image_format (data, length);

  return L_FORMAT_IS_TIFF (format) || format == IFF_PNG
         || format == IFF_JFIF_JPEG;
}

gboolean
xf_ocr_image_open (XfOcrImage *image, const guint8 *data, gsize length,
                   const XfOcrLimits *limits, GError **error)
{
  l_int32 format;

  *image = (XfOcrImage) { .data = data, .length = length };
  xf_ocr_quiet_leptonica ();
  if (!xf_check_item_size ((gint64) length, limits->max_file_bytes, error))
    return FALSE;
  format = image_format (data, length);

  if (L_FORMAT_IS_TIFF (format))
    {
      gint64 count = count_tiff_pages (data, length, limits->max_pages);

      if (count < 0)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "not a readable TIFF: its directory chain %s",
                       count == -2 ? "loops back on itself" : "is broken");
          return FALSE;
        }
      if (count > limits->max_pages)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                       "more than %" G_GINT64_FORMAT
                       " pages ([ocr] max_pages)", limits->max_pages);
          return FALSE;
        }
      /* All headers first: nothing is decoded unless every page fits. */
      for (gint64 i = 0; i < count; i++)
        {
          l_int32 w = 0, h = 0, bps, spp, res, cmap, fmt;
          if (readHeaderMemTiff (data, length, (l_int32) i, &w, &h, &bps,
                                 &spp, &res, &cmap, &fmt) != 0)
            {
              g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "TIFF page %" G_GINT64_FORMAT
                           " has an unreadable header", i + 1);
              return FALSE;
            }
          if (!check_pixels (w, h, (guint) i + 1, limits, error))
            return FALSE;
        }
      image->tiff = TRUE;
      image->pages = (guint) count;
      return TRUE;
    }

  if (format == IFF_PNG || format == IFF_JFIF_JPEG)
    {
      l_int32 fmt, w = 0, h = 0, bps, spp, cmap;

      if (pixReadHeaderMem (data, length, &fmt, &w, &h, &bps, &spp, &cmap) != 0)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "not a readable %s image: its header is broken",
                       format == IFF_PNG ? "PNG" : "JPEG");
          return FALSE;
        }
      if (!check_pixels (w, h, 1, limits, error))
        return FALSE;
      image->pages = 1;
      image->name = format == IFF_PNG ? "PNG" : "JPEG";
      return TRUE;
    }

  g_set_error (error, XF_ERROR, XF_ERROR_UNSUPPORTED,
               "not an image format xinfang reads (PNG, JPEG, TIFF)");
  return FALSE;
}

struct Pix *
xf_ocr_image_page (const XfOcrImage *image, guint i, GError **error)
{
  PIX *pix;

  g_return_val_if_fail (i < image->pages, NULL);
  if (image->tiff)
    {
      pix = pixReadMemTiff (image->data, image->length, (l_int32) i);
      if (pix == NULL)
        g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                     "TIFF page %u cannot be decoded (truncated, or a"
                     " compression that is not supported)", i + 1);
      return pix;
    }
  pix = pixReadMem (image->data, image->length);
  if (pix == NULL)
    g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                 "the %s image cannot be decoded (truncated or corrupt)",
                 image->name);
  return pix;
}

/* Reads the first directory of a classic TIFF itself, without libtiff (the
 * caller may be the daemon, where no image library should run on what
 * came in): the page's width and bits per sample. */
static gboolean
tiff_first_page (const guint8 *data, gsize length, guint32 *width,
                 guint32 *bits)
{
  gboolean big;
  guint32 offset;
  guint16 entries;

  if (!tiff_header (data, length, &big))
    return FALSE;
  offset = read_u32 (data + 4, big);
  if (offset < 8 || (guint64) offset + 2 > length)
    return FALSE;
  entries = read_u16 (data + offset, big);
  if ((guint64) offset + 2 + (guint64) entries * 12 > length)
    return FALSE;
  *width = 0;
  *bits = 1;  /* the default when the tag is absent */
  for (guint16 e = 0; e < entries; e++)
    {
      const guint8 *entry = data + offset + 2 + (gsize) e * 12;
      guint16 tag = read_u16 (entry, big);
      guint16 type = read_u16 (entry + 2, big);
      guint32 count = read_u32 (entry + 4, big);
      /* A SHORT value sits in the first two bytes of the field, a LONG
       * fills it. */
      guint32 value = type == 3 ? read_u16 (entry + 8, big)
                      : type == 4 ? read_u32 (entry + 8, big) : 0;

      if (tag == 256)                   /* ImageWidth */
        *width = value;
      else if (tag == 258)              /* BitsPerSample, one per sample */
        *bits = count == 1 ? value : 0;
    }
  return *width > 0;
}

gboolean
xf_ocr_looks_like_fax (const guint8 *data, gsize length)
{
  guint32 width, bits;

  if (!tiff_first_page (data, length, &width, &bits))
    return FALSE;
  return bits == 1 && xf_ocr_is_fax_width (width);
}

gboolean
xf_ocr_is_fax_width (guint32 width)
{
  return width == 1728 || width == 2048 || width == 2432;
}
