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

/* Counts the image file directories of a classic TIFF by walking their
 * chain, stopping past @stop_after so a hostile file costs little, and
 * refusing loops and offsets outside the data.  Returns -1 when the chain
 * is broken before the first page. */
static gint64
count_tiff_pages (const guint8 *data, gsize length, gint64 stop_after)
{
  gboolean big;
  guint32 offset;
  gint64 pages = 0;

  if (length < 8)
    return -1;
  big = data[0] == 'M';
  if (read_u16 (data + 2, big) != 42)
    return -1;  /* BigTIFF (43) and others: not a fax or scanner format */
  offset = read_u32 (data + 4, big);
  while (offset != 0 && pages <= stop_after)
    {
      guint16 entries;
      guint64 next_at;

      /* IFD offsets must move forward past the header; a chain that goes
       * back would loop. */
      if (offset < 8 || (guint64) offset + 2 > length)
        break;
      entries = read_u16 (data + offset, big);
      next_at = (guint64) offset + 2 + (guint64) entries * 12;
      if (next_at + 4 > length)
        {
          pages++;  /* a last directory without a readable link */
          break;
        }
      pages++;
      guint32 next = read_u32 (data + next_at, big);
      if (next != 0 && next <= offset)
        break;
      offset = next;
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

GPtrArray *
xf_ocr_load_pages (const guint8 *data, gsize length,
                   const XfOcrLimits *limits, GError **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (
      (GDestroyNotify) xf_pix_destroy);
  l_int32 format = IFF_UNKNOWN;

  xf_ocr_quiet_leptonica ();
  if (!xf_check_item_size ((gint64) length, limits->max_file_bytes, error))
    return NULL;
  if (length < 12 || findFileFormatBuffer (data, &format) != 0)
    format = IFF_UNKNOWN;

  if (L_FORMAT_IS_TIFF (format))
    {
      gint64 count = count_tiff_pages (data, length, limits->max_pages);

      if (count < 0)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "not a readable TIFF: its directory chain is broken");
          return NULL;
        }
      if (count > limits->max_pages)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                       "more than %" G_GINT64_FORMAT
                       " pages ([ocr] max_pages)", limits->max_pages);
          return NULL;
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
              return NULL;
            }
          if (!check_pixels (w, h, (guint) i + 1, limits, error))
            return NULL;
        }
      for (gint64 i = 0; i < count; i++)
        {
          PIX *pix = pixReadMemTiff (data, length, (l_int32) i);
          if (pix == NULL)
            {
              g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                           "TIFF page %" G_GINT64_FORMAT
                           " cannot be decoded (truncated, or a compression"
                           " that is not supported)", i + 1);
              return NULL;
            }
          g_ptr_array_add (pages, pix);
        }
      return g_steal_pointer (&pages);
    }

  if (format == IFF_PNG || format == IFF_JFIF_JPEG)
    {
      const char *name = format == IFF_PNG ? "PNG" : "JPEG";
      l_int32 fmt, w = 0, h = 0, bps, spp, cmap;
      PIX *pix;

      if (pixReadHeaderMem (data, length, &fmt, &w, &h, &bps, &spp, &cmap) != 0)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "not a readable %s image: its header is broken", name);
          return NULL;
        }
      if (!check_pixels (w, h, 1, limits, error))
        return NULL;
      pix = pixReadMem (data, length);
      if (pix == NULL)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "the %s image cannot be decoded (truncated or corrupt)",
                       name);
          return NULL;
        }
      g_ptr_array_add (pages, pix);
      return g_steal_pointer (&pages);
    }

  g_set_error (error, XF_ERROR, XF_ERROR_UNSUPPORTED,
               "not an image format xinfang reads (PNG, JPEG, TIFF)");
  return NULL;
}

gboolean
xf_ocr_looks_like_fax (const guint8 *data, gsize length)
{
  l_int32 format = IFF_UNKNOWN, w = 0, h, bps, spp, res, cmap, fmt;

  xf_ocr_quiet_leptonica ();
  if (length < 12 || findFileFormatBuffer (data, &format) != 0
      || !L_FORMAT_IS_TIFF (format))
    return FALSE;
  if (readHeaderMemTiff (data, length, 0, &w, &h, &bps, &spp, &res, &cmap,
                         &fmt) != 0)
    return FALSE;
  return bps == 1 && (w == 1728 || w == 2048 || w == 2432);
}
