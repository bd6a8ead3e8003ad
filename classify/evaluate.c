/* Scoring the understanding of letters against their labels. */
#define G_LOG_DOMAIN "xf-classify"
#include "classify/evaluate.h"
#include "common/common.h"

#include <json-glib/json-glib.h>
#include <string.h>

const char *const xf_eval_field_names[] = {
  "name", "id_number", "phone", "employer", "amount_yuan", "headcount",
};
const char *const xf_eval_flag_names[] = { "collective", "threat", "urgent" };

#define N_TOPICS 14

void
xf_labelled_free (XfLabelled *letter)
{
  if (letter == NULL)
    return;
  g_free (letter->file);
  g_free (letter->text);
  g_free (letter->topic);
  g_free (letter->style);
  for (int i = 0; i < XF_EVAL_FIELDS; i++)
    g_free (letter->fields[i]);
  g_free (letter);
}

/* A gold value as text: strings as they are, numbers as integers. */
static char *
value_text (JsonObject *fields, const char *name)
{
  JsonNode *node = json_object_get_member (fields, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.0f", json_node_get_double (node));
  return NULL;
}

GPtrArray *
xf_eval_load (const char *dir, GError **error)
{
  g_autofree char *labels_path = g_build_filename (dir, "labels.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func (
      (GDestroyNotify) xf_labelled_free);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (labels_path, &contents, NULL, &local))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND, "%s", local->message);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *path = NULL;
      JsonObject *o, *fields, *flags;
      XfLabelled *letter;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      root = json_from_string (lines[i], &local);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s:%u: %s", labels_path, i + 1,
                       local ? local->message : "not a JSON object");
          return NULL;
        }
      o = json_node_get_object (root);
      fields = json_object_get_object_member (o, "fields");
      flags = json_object_get_object_member (o, "flags");
      if (!json_object_has_member (o, "file")
          || !json_object_has_member (o, "topic") || fields == NULL
          || flags == NULL
          || !xf_topic_is_known (json_object_get_string_member (o, "topic")))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s:%u: needs file, a known topic, fields and flags",
                       labels_path, i + 1);
          return NULL;
        }
      letter = g_new0 (XfLabelled, 1);
      g_ptr_array_add (letters, letter);
      letter->file = g_strdup (json_object_get_string_member (o, "file"));
      letter->topic = g_strdup (json_object_get_string_member (o, "topic"));
      letter->style = g_strdup (json_object_get_string_member_with_default (
          o, "style", NULL));
      for (int f = 0; f < XF_EVAL_FIELDS; f++)
        letter->fields[f] = value_text (fields, xf_eval_field_names[f]);
      for (int f = 0; f < XF_EVAL_FLAGS; f++)
        letter->flags[f] = json_object_get_boolean_member_with_default (
            flags, xf_eval_flag_names[f], FALSE);
      path = g_build_filename (dir, letter->file, NULL);
      if (!g_file_get_contents (path, &letter->text, NULL, &local))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_NOT_FOUND, "%s",
                       local->message);
          return NULL;
        }
    }
  return g_steal_pointer (&letters);
}

void
xf_eval_report_clear (XfEvalReport *report)
{
  g_clear_pointer (&report->misses, g_ptr_array_unref);
}

static char *
only (const char *text, gboolean (*keep) (gchar))
{
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (keep (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
is_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

static gboolean
not_space (gchar c)
{
  return !g_ascii_isspace (c);
}

gboolean
xf_eval_field_equal (guint index, const char *gold, const char *found)
{
  const char *name = xf_eval_field_names[index];

  if (gold == NULL || found == NULL)
    return gold == found;
  if (g_str_equal (name, "phone"))
    {
      g_autofree char *a = only (gold, is_digit);
      g_autofree char *b = only (found, is_digit);
      return g_str_equal (a, b);
    }
  if (g_str_equal (name, "id_number"))
    return g_ascii_strcasecmp (gold, found) == 0;
  if (g_str_equal (name, "amount_yuan") || g_str_equal (name, "headcount"))
    return g_ascii_strtoll (gold, NULL, 10) == g_ascii_strtoll (found, NULL, 10);
  {
    g_autofree char *a = only (gold, not_space);
    g_autofree char *b = only (found, not_space);
    return g_str_equal (a, b);
  }
}

double
xf_eval_precision (guint right, guint found)
{
  return found > 0 ? (double) right / found : 1.0;
}

double
xf_eval_recall (guint right, guint gold)
{
  return gold > 0 ? (double) right / gold : 1.0;
}

static int
topic_index (const char *key)
{
  for (int i = 0; i < N_TOPICS; i++)
    if (g_str_equal (xf_topic_keys[i], key))
      return i;
  return N_TOPICS - 1;
}

void
xf_eval_run (const XfTopicModel *model, GPtrArray *letters, GPtrArray *texts,
             const double *confidences, guint collective_threshold,
             XfEvalReport *report)
{
  guint tp[N_TOPICS] = { 0 }, fp[N_TOPICS] = { 0 }, fn[N_TOPICS] = { 0 };
  double f1_sum = 0;
  guint f1_topics = 0;

  memset (report, 0, sizeof *report);
  report->misses = g_ptr_array_new_with_free_func (g_free);
  report->letters = letters->len;

  for (guint i = 0; i < letters->len; i++)
    {
      const XfLabelled *letter = g_ptr_array_index (letters, i);
      const char *text = texts ? g_ptr_array_index (texts, i) : letter->text;
      double confidence = confidences ? confidences[i] : 1.0;
      const char *found[XF_EVAL_FIELDS] = { NULL };
      g_autoptr(GPtrArray) fields = NULL;
      XfTopicGuess guess;
      XfFlags flags;
      gboolean got[XF_EVAL_FLAGS];
      gint64 headcount = -1;
      gint64 start = g_get_monotonic_time ();

      fields = xf_classify_extract_fields (text, confidence);
      xf_topic_classify (model, text, &guess);
      for (guint k = 0; k < fields->len; k++)
        {
          const XfField *field = g_ptr_array_index (fields, k);
          for (int f = 0; f < XF_EVAL_FIELDS; f++)
            if (g_str_equal (field->name, xf_eval_field_names[f]))
              found[f] = field->value;
          if (g_str_equal (field->name, "headcount"))
            headcount = g_ascii_strtoll (field->value, NULL, 10);
        }
      xf_classify_flags (text, headcount, collective_threshold, &flags);
      report->seconds += (g_get_monotonic_time () - start) / 1e6;

      if (g_str_equal (guess.topic, letter->topic))
        {
          report->topic_correct++;
          tp[topic_index (letter->topic)]++;
        }
      else
        {
          fp[topic_index (guess.topic)]++;
          fn[topic_index (letter->topic)]++;
          g_ptr_array_add (report->misses,
                           g_strdup_printf ("%s topic: %s, read as %s (%.2f)",
                                            letter->file, letter->topic,
                                            guess.topic, guess.score));
        }

      for (int f = 0; f < XF_EVAL_FIELDS; f++)
        {
          const char *gold = letter->fields[f];
          gboolean right = found[f] != NULL
                           && xf_eval_field_equal ((guint) f, gold, found[f]);
          report->field_gold[f] += gold != NULL;
          report->field_found[f] += found[f] != NULL;
          report->field_right[f] += right;
          if (!right && (gold != NULL || found[f] != NULL))
            g_ptr_array_add (report->misses,
                             g_strdup_printf ("%s %s: %s, read as %s",
                                              letter->file,
                                              xf_eval_field_names[f],
                                              gold ? gold : "(none)",
                                              found[f] ? found[f] : "(none)"));
        }

      got[0] = flags.collective;
      got[1] = flags.threat;
      got[2] = flags.urgent;
      for (int f = 0; f < XF_EVAL_FLAGS; f++)
        {
          report->flag_tp[f] += got[f] && letter->flags[f];
          report->flag_fp[f] += got[f] && !letter->flags[f];
          report->flag_fn[f] += !got[f] && letter->flags[f];
          if (got[f] != letter->flags[f])
            g_ptr_array_add (report->misses,
                             g_strdup_printf ("%s %s: %s, read as %s",
                                              letter->file,
                                              xf_eval_flag_names[f],
                                              letter->flags[f] ? "yes" : "no",
                                              got[f] ? "yes" : "no"));
        }
    }

  report->topic_accuracy = letters->len > 0
      ? (double) report->topic_correct / letters->len : 0.0;
  for (int t = 0; t < N_TOPICS; t++)
    {
      double p, r;
      if (tp[t] + fp[t] + fn[t] == 0)
        {
          report->topic_f1[t] = -1;   /* the topic is not in the set */
          continue;
        }
      p = tp[t] + fp[t] > 0 ? (double) tp[t] / (tp[t] + fp[t]) : 0.0;
      r = tp[t] + fn[t] > 0 ? (double) tp[t] / (tp[t] + fn[t]) : 0.0;
      report->topic_f1[t] = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
      f1_sum += report->topic_f1[t];
      f1_topics++;
    }
  report->topic_macro_f1 = f1_topics > 0 ? f1_sum / f1_topics : 0.0;
}
