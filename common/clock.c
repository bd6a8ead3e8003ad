/* The one clock every module asks, and the checksum helper.  Tests that need
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
