/* The one clock every module asks, the checksum and the size check.  Tests that need
 * a fixed time wrap xf_clock_now() at link time (-Wl,--wrap), the seam the
 * style guide allows for the clock. */
#include "common/common.h"

GDateTime *
xf_clock_now (void)
{
  return g_date_time_new_now_local ();
}

char *
xf_sha256_hex (const guint8 *data, gsize length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

gboolean
xf_check_item_size (gint64 length, gint64 max_bytes, GError **error)
{
  if (length == 0)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT, "the file is empty");
      return FALSE;
    }
  if (length > max_bytes)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "%" G_GINT64_FORMAT " bytes, over the limit of %"
                   G_GINT64_FORMAT " ([ocr] max_file_bytes)", length, max_bytes);
      return FALSE;
    }
  return TRUE;
}
