/* The XF_ERROR domain. */
#include "common/common.h"

G_DEFINE_QUARK (xf-error-quark, xf_error)
