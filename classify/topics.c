/* The fixed topic taxonomy (问题分类) of DESIGN.md.  Keys are stable: they
 * are stored in cases and printed in JSON. */
#define G_LOG_DOMAIN "xf-classify"
#include "classify/classify.h"

const char *const xf_topic_keys[] = {
  "wages", "social_insurance", "labor_contract", "dismissal", "work_injury",
  "working_hours", "safety", "restructuring", "women_minors", "welfare",
  "employment", "union", "democratic_management", "other", NULL
};

gboolean
xf_topic_is_known (const char *key)
{
  return key != NULL && g_strv_contains (xf_topic_keys, key);
}
