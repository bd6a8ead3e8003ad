/* Internals shared by the OCR module's files and its tests. */
#pragma once

#include "ocr/ocr.h"
#include "common/common.h"

/* Decodes every page of @data into Leptonica PIX (array frees them), after
 * checking @limits from the headers.  NULL with @error set on failure. */
GPtrArray *xf_ocr_load_pages (const guint8 *data, gsize length,
                              const XfOcrLimits *limits, GError **error);

/* Silences Leptonica's own messages on stderr (once per process): its
 * failures come back to the caller as errors naming the file instead. */
void xf_ocr_quiet_leptonica (void);
