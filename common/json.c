/* JSON text from a builder, as the audit log and the stored word boxes
 * keep it. */
#define G_LOG_DOMAIN "xf-common"
#include "common/json.h"

char *
xf_json_text (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
