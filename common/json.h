/* JSON helpers shared by the modules that write JSON text. */
#pragma once

#include <json-glib/json-glib.h>

/* The compact JSON text of what @builder built (g_free). */
char *xf_json_text (JsonBuilder *builder);
