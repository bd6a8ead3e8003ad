/* The repeat check at filing time: a letter's signature and index keys,
 * the candidate cases the index gives for them, and the decision
 * (classify/repeats.c) on each, the surest first. */
#define G_LOG_DOMAIN "xf-pipeline"
#include "pipeline/pipeline-private.h"
#include "pipeline/pipeline.h"
#include "common/json.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Candidates judged at most: the index ranks them by keys matched. */
#define MAX_CANDIDATES 50

void
xf_repeat_work_clear (XfRepeatWork *work)
{
  if (work == NULL)
    return;
  g_clear_pointer (&work->signature, g_free);
  g_clear_pointer (&work->keys, g_strfreev);
  g_clear_pointer (&work->join_case, g_free);
  g_clear_pointer (&work->related_case, g_free);
  g_clear_pointer (&work->detail, g_free);
}

static char *
detail_json (const char *kind, const char *number,
             const XfRepeatVerdict *verdict)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "case");
  json_builder_add_string_value (b, number);
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, verdict->score);
  json_builder_set_member_name (b, "reasons");
  json_builder_add_string_value (b, verdict->reasons);
  json_builder_end_object (b);
  return xf_json_text (b);
}

gboolean
xf_repeat_decide (XfStore *store, const XfBoilerplate *bp,
                  const XfRepeatThresholds *thresholds, const char *text,
                  GPtrArray *fields, const XfTopicGuess *guess,
                  XfRepeatWork *work, GError **error)
{
  g_auto(XfRepeatSignature) sig = { 0 };
  g_auto(XfRepeatSignature) best_sig = { 0 };
  g_auto(XfRepeatVerdict) best = { 0 };
  g_auto(XfRepeatVerdict) related = { 0 };
  g_autofree char *best_case = NULL;
  g_autofree char *related_case = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_auto(GStrv) keys = NULL;

  xf_repeat_signature_init (&sig, text, fields, guess->topic, guess->second,
                            bp);
  keys = xf_repeat_lookup_keys (&sig, text);
  candidates = xf_store_repeat_candidates (store, (const char *const *) keys,
                                           MAX_CANDIDATES, error);
  if (candidates == NULL)
    return FALSE;

  for (guint i = 0; i < candidates->len; i++)
    {
      const XfRepeatCandidate *c = g_ptr_array_index (candidates, i);

      for (guint k = 0; k < c->signatures->len; k++)
        {
          g_auto(XfRepeatSignature) old = { 0 };
          g_auto(XfRepeatVerdict) verdict = { 0 };
          g_autoptr(GError) local = NULL;

          if (!xf_repeat_signature_parse (g_ptr_array_index (c->signatures, k),
                                          &old, &local))
            {
              g_debug ("case %s: %s; not compared", c->number,
                       local->message);
              continue;
            }
          xf_repeat_judge (&sig, &old, thresholds, &verdict);
          g_debug ("case %s: %s; %s", c->number,
                   verdict.kind == XF_REPEAT_SAME      ? "repeat"
                   : verdict.kind == XF_REPEAT_RELATED ? "related"
                                                       : "not a repeat",
                   verdict.reasons);
          if (verdict.kind == XF_REPEAT_SAME
              && (best_case == NULL
                  || xf_repeat_verdict_better (&verdict, &best)))
            {
              xf_repeat_verdict_clear (&best);
              best = verdict;
              verdict.reasons = NULL;
              g_free (best_case);
              best_case = g_strdup (c->number);
              xf_repeat_signature_clear (&best_sig);
              best_sig = old;
              memset (&old, 0, sizeof old);
            }
          else if (verdict.kind == XF_REPEAT_RELATED
                   && (related_case == NULL || verdict.score > related.score))
            {
              xf_repeat_verdict_clear (&related);
              related = verdict;
              verdict.reasons = NULL;
              g_free (related_case);
              related_case = g_strdup (c->number);
            }
        }
    }

  if (best_case != NULL)
    {
      /* Kept with what the letter it repeats knew and it does not say. */
      xf_repeat_signature_inherit (&sig, &best_sig);
      work->detail = detail_json ("repeat", best_case, &best);
      work->join_case = g_steal_pointer (&best_case);
    }
  else if (related_case != NULL)
    {
      work->detail = detail_json ("related", related_case, &related);
      work->related_case = g_steal_pointer (&related_case);
    }
  work->signature = xf_repeat_signature_serialise (&sig);
  work->keys = xf_repeat_keys (&sig);
  return TRUE;
}

typedef struct {
  const char *field;
  const char *value;
} Correction;

static gboolean
rewrite_identity (const char *signature, char **new_signature, char ***keys,
                  gpointer user_data)
{
  const Correction *c = user_data;
  g_auto(XfRepeatSignature) sig = { 0 };
  char **slot;
  guint bit;

  if (!xf_repeat_signature_parse (signature, &sig, NULL))
    return FALSE;   /* an unreadable one stays as it is */
  if (g_str_equal (c->field, "name"))
    {
      slot = &sig.name;
      bit = XF_REPEAT_INHERITED_NAME;
    }
  else if (g_str_equal (c->field, "id_number"))
    {
      slot = &sig.id_number;
      bit = XF_REPEAT_INHERITED_ID;
    }
  else
    {
      slot = &sig.phone;
      bit = XF_REPEAT_INHERITED_PHONE;
    }
  /* The clerk's value is the letter's own where it said one (a misreading
   * set right), and the case's where it said none: given back if the
   * letter is split off. */
  if (c->value != NULL && (*slot == NULL || (sig.inherited & bit) != 0))
    sig.inherited |= bit;
  else
    sig.inherited &= ~bit;
  g_free (*slot);
  *slot = g_strdup (c->value);
  *new_signature = xf_repeat_signature_serialise (&sig);
  *keys = xf_repeat_keys (&sig);
  return TRUE;
}

gboolean
xf_pipeline_correct_identity (XfStore *store, const char *number,
                              const char *field, const char *value,
                              GError **error)
{
  Correction c = { field, value };

  g_return_val_if_fail (store != NULL && number != NULL && field != NULL,
                        FALSE);
  if (!g_str_equal (field, "name") && !g_str_equal (field, "id_number")
      && !g_str_equal (field, "phone"))
    return TRUE;
  return xf_store_resign_case (store, number, rewrite_identity, &c, error);
}

/* The split-off letter's signature without what it took from the case it
 * had joined. */
static gboolean
rewrite_own (const char *signature, char **new_signature, char ***keys,
             gpointer user_data)
{
  g_auto(XfRepeatSignature) sig = { 0 };

  (void) user_data;
  if (!xf_repeat_signature_parse (signature, &sig, NULL) || sig.inherited == 0)
    return FALSE;
  xf_repeat_signature_disinherit (&sig);
  *new_signature = xf_repeat_signature_serialise (&sig);
  *keys = xf_repeat_keys (&sig);
  return TRUE;
}

gboolean
xf_pipeline_split_case (XfStore *store, const char *number,
                        gint64 document_id, const char *by, char **new_number,
                        GError **error)
{
  g_return_val_if_fail (store != NULL && number != NULL && new_number != NULL,
                        FALSE);
  return xf_store_split_case (store, number, document_id, by, rewrite_own,
                              NULL, new_number, error);
}
