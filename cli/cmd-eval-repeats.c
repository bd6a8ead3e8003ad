/* xinfang eval --repeats DIR: the repeat check measured on labelled letters
 * (testdata/repeats): each letter filed in arrival order through the
 * pipeline into a store of its own, then compared with the labels
 * (person, matter): a letter is a repeat when an earlier one has its
 * person and matter, and a merge is right when the case's first letter
 * does. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "classify/repeats.h"
#include "pipeline/pipeline.h"

typedef struct {
  char *file;
  char *channel;
  char *person;
  char *matter;
  char *text;
  GBytes *raw;
  char *case_number;   /* where it was filed */
  char *repeat_of;
  char *related_to;
  char *name;          /* the writer's name as read, for the report */
  char *detail;        /* why it joined or was linked */
} Labelled;

static void
labelled_free (Labelled *l)
{
  g_free (l->file);
  g_free (l->channel);
  g_free (l->person);
  g_free (l->matter);
  g_free (l->text);
  g_clear_pointer (&l->raw, g_bytes_unref);
  g_free (l->case_number);
  g_free (l->repeat_of);
  g_free (l->related_to);
  g_free (l->name);
  g_free (l->detail);
  g_free (l);
}

static char *
member (JsonObject *o, const char *name)
{
  return json_object_has_member (o, name)
             && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, name))
             ? g_strdup (json_object_get_string_member (o, name))
             : NULL;
}

static GPtrArray *
load (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "labels.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func (
      (GDestroyNotify) labelled_free);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text_path = NULL;
      Labelled *l;
      gsize length = 0;
      char *data = NULL;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      root = json_from_string (lines[i], error);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_clear_error (error);
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s: line %u is not a JSON object", path, i + 1);
          return NULL;
        }
      l = g_new0 (Labelled, 1);
      g_ptr_array_add (letters, l);
      l->file = member (json_node_get_object (root), "file");
      l->channel = member (json_node_get_object (root), "channel");
      l->person = member (json_node_get_object (root), "person");
      l->matter = member (json_node_get_object (root), "matter");
      if (l->file == NULL || l->person == NULL || l->matter == NULL
          || strchr (l->file, '/') != NULL)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s: line %u needs file, person and matter", path,
                       i + 1);
          return NULL;
        }
      text_path = g_build_filename (dir, l->file, NULL);
      if (!g_file_get_contents (text_path, &data, &length, error))
        return NULL;
      l->raw = g_bytes_new_take (data, length);
      l->text = g_strndup (data, length);
    }
  return g_steal_pointer (&letters);
}

/* The reasons in a decision's JSON, for the report (g_free). */
static char *
reasons_of (const char *detail)
{
  g_autoptr(JsonNode) root = detail ? json_from_string (detail, NULL) : NULL;
  const char *text = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    text = json_object_get_string_member_with_default (
        json_node_get_object (root), "reasons", NULL);
  return g_strdup (text != NULL ? text : "?");
}

static gboolean
same_label (const Labelled *a, const Labelled *b)
{
  return g_str_equal (a->person, b->person) && g_str_equal (a->matter, b->matter);
}

static const char *
field_value (const XfOutcome *outcome, const char *name)
{
  for (guint i = 0; outcome->fields != NULL && i < outcome->fields->len; i++)
    {
      const XfOutcomeField *f = g_ptr_array_index (outcome->fields, i);
      if (g_str_equal (f->name, name))
        return f->value;
    }
  return NULL;
}

int
xf_cli_eval_repeats (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = load (dir, &error);
  g_autofree char *tmp = NULL;
  g_autoptr(XfHome) home = NULL;
  g_autoptr(XfPipeline) pipeline = NULL;
  g_autoptr(XfBoilerplate) own = NULL;
  g_autoptr(GHashTable) founders = NULL;  /* case -> its first Labelled */
  g_autoptr(GString) false_merges = g_string_new (NULL);
  g_autoptr(GString) missed = g_string_new (NULL);
  guint merges = 0, right = 0, repeats = 0, related = 0, right_related = 0;
  int status = XF_EXIT_OK;

  if (letters == NULL)
    {
      xf_cli_error (dir, error);
      return XF_EXIT_FAILURE;
    }
  tmp = g_dir_make_tmp ("xinfang-eval-XXXXXX", &error);
  if (tmp == NULL)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  home = xf_cli_open_home (tmp, TRUE);
  if (home == NULL)
    {
      xf_remove_tree (tmp);
      return XF_EXIT_FAILURE;
    }
  pipeline = xf_pipeline_new (home->store, home->config);

  /* What is common in these letters is learned from their text (not their
   * labels), as an office learns it from its own mail: in five letters at
   * least, so that one matter's own words (a chain of four letters) are
   * not taken for boilerplate in a small set. */
  {
    g_autoptr(GPtrArray) texts = g_ptr_array_new ();
    for (guint i = 0; i < letters->len; i++)
      g_ptr_array_add (texts, ((Labelled *) letters->pdata[i])->text);
    own = xf_boilerplate_learn ((const char *const *) texts->pdata, texts->len,
                                MAX (XF_BOILERPLATE_MIN_SHARE,
                                     5.0 / MAX (texts->len, 1u)));
    xf_pipeline_add_boilerplate (pipeline, own);
  }

  founders = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < letters->len; i++)
    {
      Labelled *l = g_ptr_array_index (letters, i);
      g_autofree char *source = g_strconcat ("eval:", l->file, NULL);
      XfItem item = {
        .channel = l->channel, .source_key = source, .filename = l->file,
        .raw = l->raw, .actor = "eval",
      };
      g_auto(XfOutcome) outcome = { 0 };
      const Labelled *gold = NULL;

      if (!xf_pipeline_file (pipeline, &item, &outcome, &error))
        {
          xf_cli_error (l->file, error);
          status = XF_EXIT_FAILURE;
          break;
        }
      l->case_number = g_strdup (outcome.case_number);
      l->repeat_of = g_strdup (outcome.repeat_of);
      l->related_to = g_strdup (outcome.related_to);
      l->name = g_strdup (field_value (&outcome, "name"));
      l->detail = g_strdup (outcome.repeat_detail);
      for (guint j = 0; j < i && gold == NULL; j++)
        if (same_label (l, g_ptr_array_index (letters, j)))
          gold = g_ptr_array_index (letters, j);
      repeats += gold != NULL;

      if (l->repeat_of != NULL)
        {
          const Labelled *founder = g_hash_table_lookup (founders,
                                                         l->repeat_of);
          merges++;
          if (founder != NULL && same_label (l, founder))
            right++;
          else
            {
              g_autofree char *reasons = reasons_of (l->detail);
              g_string_append_printf (false_merges, "\n  %s (%s, %s) joined %s"
                                    " of %s (%s, %s): %s", l->file,
                                    l->name ? l->name : "no name", l->person,
                                    l->repeat_of,
                                    founder ? founder->file : "?",
                                    founder && founder->name ? founder->name
                                                             : "no name",
                                    founder ? founder->person : "?",
                                    reasons);
            }
        }
      else
        {
          g_hash_table_insert (founders, l->case_number, l);
          if (gold != NULL)
            g_string_append_printf (missed, "\n  %s (%s) repeats %s (%s, %s)",
                                    l->file, l->name ? l->name : "no name",
                                    gold->file, gold->case_number,
                                    gold->name ? gold->name : "no name");
          if (l->related_to != NULL)
            {
              const Labelled *other = g_hash_table_lookup (founders,
                                                           l->related_to);
              related++;
              right_related += other != NULL
                               && g_str_equal (other->matter, l->matter);
            }
        }
    }
  g_clear_pointer (&pipeline, xf_pipeline_free);
  g_clear_pointer (&home, xf_home_free);
  xf_remove_tree (tmp);
  if (status != XF_EXIT_OK)
    return status;

  printf ("repeats in %s: %u letters, %u repeats by the labels\n", dir,
          letters->len, repeats);
  printf ("  precision %.3f  recall %.3f  (%u joined a case, %u rightly;"
          " targets 0.98 and 0.95)\n",
          merges ? (double) right / merges : 1.0,
          repeats ? (double) right / repeats : 1.0, merges, right);
  printf ("  related links %u, %u of them the same matter\n", related,
          right_related);
  printf ("  false merges:%s\n", false_merges->len ? false_merges->str
                                                   : " none");
  printf ("  missed repeats:%s\n", missed->len ? missed->str : " none");
  return XF_EXIT_OK;
}
