/* xinfang train: a topic model from labelled letters and, with
 * --from-cases, from the topics clerks chose for cases in this home.
 * xinfang eval: how well letters are understood, against their labels,
 * from their text or through OCR of their rendered pages. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include "classify/evaluate.h"
#include "classify/repeats.h"
#include "pipeline/pipeline.h"

int
xf_cmd_train (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *boilerplate_out = NULL;
  gboolean from_cases = FALSE;
  const GOptionEntry entries[] = {
    { "boilerplate", 0, 0, G_OPTION_ARG_FILENAME, &boilerplate_out,
      "Also write the phrases common to the DIRs' letters, which the repeat"
      " check leaves out (HOME/boilerplate.txt is this home's own)", "FILE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      "Where to write the model (default: HOME/topic-model.txt, which this"
      " home's commands then use)", "FILE" },
    { "from-cases", 0, 0, G_OPTION_ARG_NONE, &from_cases,
      "Also learn from the cases whose topic a clerk set", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "train", "[DIR...]",
      "Trains the topic classifier (naive Bayes over Chinese characters and\n"
      "character pairs, with the keyword table as prior knowledge) on the\n"
      "labelled letters of each DIR (NNN.txt and labels.jsonl) and, with\n"
      "--from-cases, on the cases whose topic a clerk corrected.  Without a\n"
      "DIR, the corrections are added to the built-in model.",
      entries, &home_dir);
  g_autoptr(XfTopicTrainer) trainer = NULL;
  g_autoptr(XfHome) home = NULL;
  g_autofree char *model = NULL;
  g_autoptr(GError) error = NULL;
  guint per_topic[14];
  guint from_clerks = 0;

  if (!xf_cli_parse (context, "train", &argc, &argv))
    return XF_EXIT_USAGE;
  if (boilerplate_out != NULL && argc < 2)
    {
      fprintf (stderr, "xinfang train: --boilerplate learns from the letters"
               " of DIRs: give at least one\nTry 'xinfang train --help'.\n");
      return XF_EXIT_USAGE;
    }
  if (argc < 2 && !from_cases)
    {
      fprintf (stderr, "xinfang train: give labelled folders, --from-cases,"
               " or both\nTry 'xinfang train --help'.\n");
      return XF_EXIT_USAGE;
    }

  /* Labelled folders make a model from scratch (the keywords and them);
   * corrections alone are added to the built-in model. */
  trainer = argc > 1 ? xf_topic_trainer_new ()
                     : xf_topic_trainer_new_from_builtin ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) letters = xf_eval_load (argv[i], &error);
      if (letters == NULL)
        {
          xf_cli_error (argv[i], error);
          return XF_EXIT_FAILURE;
        }
      for (guint k = 0; k < letters->len; k++)
        {
          const XfLabelled *letter = g_ptr_array_index (letters, k);
          xf_topic_trainer_add (trainer, letter->topic, letter->text, NULL);
          g_ptr_array_add (texts, g_strdup (letter->text));
        }
    }

  if (from_cases || out == NULL)
    {
      home = xf_cli_open_home (home_dir, !from_cases);
      if (home == NULL)
        return XF_EXIT_FAILURE;
    }
  if (from_cases)
    {
      g_autoptr(GPtrArray) corrected = xf_store_corrected_topics (home->store,
                                                                  &error);
      if (corrected == NULL)
        {
          xf_cli_error (NULL, error);
          return XF_EXIT_FAILURE;
        }
      for (guint k = 0; k < corrected->len; k++)
        {
          const XfCorrectedTopic *c = g_ptr_array_index (corrected, k);
          if (xf_topic_trainer_add (trainer, c->topic, c->text, NULL))
            from_clerks++;
        }
    }

  if (out == NULL)
    out = g_build_filename (home->home, "topic-model.txt", NULL);
  /* The files are replaced by a rename: never a device or a folder. */
  for (const char *const *path = (const char *const[]) { out, boilerplate_out, NULL };
       *path != NULL; path++)
    if (g_file_test (*path, G_FILE_TEST_EXISTS)
        && !g_file_test (*path, G_FILE_TEST_IS_REGULAR))
      {
        g_set_error (&error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                     "%s: not a regular file; the model is written to a file",
                     *path);
        xf_cli_error (NULL, error);
        return XF_EXIT_FAILURE;
      }
  model = xf_topic_trainer_serialise (trainer);
  if (!g_file_set_contents (out, model, -1, &error))
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }

  if (boilerplate_out != NULL)
    {
      g_autoptr(XfBoilerplate) bp = xf_boilerplate_learn (
          (const char *const *) texts->pdata, texts->len,
          XF_BOILERPLATE_MIN_SHARE);
      g_autofree char *listing = xf_boilerplate_serialise (bp);
      if (!g_file_set_contents (boilerplate_out, listing, -1, &error))
        {
          xf_cli_error (NULL, error);
          return XF_EXIT_FAILURE;
        }
      printf ("%s: %u shared phrases of %u letters\n", boilerplate_out,
              xf_boilerplate_size (bp), texts->len);
    }

  printf ("%s: %u letters (%u from clerks' corrections)\n", out,
          xf_topic_trainer_examples (trainer, per_topic), from_clerks);
  for (int t = 0; t < 14; t++)
    printf ("  %-22s %u\n", xf_topic_keys[t], per_topic[t]);
  return XF_EXIT_OK;
}

/* One rendered page of a letter. */
typedef struct {
  char *path;
  guint letter;       /* index into the letters */
  char *text;
  double confidence;
} Page;

static void
page_free (Page *page)
{
  g_free (page->path);
  g_free (page->text);
  g_free (page);
}

/* The OCR reading of each letter from its rendered pages in @images
 * (NAME-pNN.* for NAME.txt), pages in order, read by the worker pool. */
static gboolean
read_images (const char *images, GPtrArray *letters, GPtrArray *texts,
             double *confidences, GError **error)
{
  g_autoptr(XfConfig) config = xf_config_new_defaults ();
  g_autoptr(XfOcrPool) pool = xf_pipeline_ocr_pool_new (config);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (
      (GDestroyNotify) page_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (images, 0, error);
  g_autofree guint *page_count = g_new0 (guint, letters->len);
  const char *name;
  guint next = 0, done = 0;
  XfProgress progress;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < letters->len; i++)
    {
      const XfLabelled *letter = g_ptr_array_index (letters, i);
      g_autofree char *stem = g_strndup (letter->file,
                                         strcspn (letter->file, "."));
      g_autofree char *prefix = g_strconcat (stem, "-p", NULL);

      for (guint k = 0; k < names->len; k++)
        if (g_str_has_prefix (g_ptr_array_index (names, k), prefix))
          {
            Page *page = g_new0 (Page, 1);
            page->path = g_build_filename (images,
                                           (char *) g_ptr_array_index (names, k),
                                           NULL);
            page->letter = i;
            g_ptr_array_add (pages, page);
            page_count[i]++;
          }
    }

  xf_progress_start (&progress, pages->len, TRUE);
  while (done < pages->len)
    {
      guint64 tag = 0;
      g_autoptr(GPtrArray) result = NULL;
      g_autoptr(GError) local = NULL;

      while (next < pages->len && xf_ocr_pool_idle (pool) > 0)
        {
          const Page *page = g_ptr_array_index (pages, next);
          g_autofree char *data = NULL;
          gsize length = 0;
          if (!g_file_get_contents (page->path, &data, &length, error)
              || !xf_ocr_pool_submit (pool, next, (const guint8 *) data,
                                      length, error))
            {
              xf_progress_clear (&progress);
              return FALSE;
            }
          next++;
        }
      if (!xf_ocr_pool_collect (pool, &tag, &result, &local))
        {
          if (local == NULL)
            break;   /* nothing running: cannot happen while pages wait */
          /* A page that cannot be read counts as read empty. */
          g_warning ("%s: %s", ((Page *) g_ptr_array_index (pages, tag))->path,
                     local->message);
        }
      else
        {
          Page *page = g_ptr_array_index (pages, tag);
          GString *text = g_string_new (NULL);
          double sum = 0;
          for (guint k = 0; k < result->len; k++)
            {
              const XfOcrPage *p = g_ptr_array_index (result, k);
              g_string_append (text, p->text);
              sum += p->confidence;
            }
          page->text = g_string_free (text, FALSE);
          page->confidence = result->len > 0 ? sum / result->len : 0;
        }
      done++;
      xf_progress_advance (&progress, 1);
      xf_progress_show (&progress, ((Page *) g_ptr_array_index (pages, tag))->path);
    }
  xf_progress_clear (&progress);

  for (guint i = 0; i < letters->len; i++)
    g_ptr_array_add (texts, g_strdup (""));
  for (guint p = 0; p < pages->len; p++)
    {
      const Page *page = g_ptr_array_index (pages, p);
      char *joined = g_strconcat (g_ptr_array_index (texts, page->letter),
                                  page->text ? page->text : "", "\n", NULL);
      g_free (g_ptr_array_index (texts, page->letter));
      g_ptr_array_index (texts, page->letter) = joined;
      confidences[page->letter] += page->confidence
                                   / page_count[page->letter];
    }
  return TRUE;
}

static void
print_report (const XfEvalReport *r, const char *what, gboolean misses)
{
  printf ("%s: %u letters\n", what, r->letters);
  printf ("  topic      accuracy %.3f  macro-F1 %.3f\n", r->topic_accuracy,
          r->topic_macro_f1);
  for (int t = 0; t < 14; t++)
    if (r->topic_f1[t] >= 0)
      printf ("    %-22s F1 %.2f\n", xf_topic_keys[t], r->topic_f1[t]);
  for (int f = 0; f < XF_EVAL_FIELDS; f++)
    printf ("  %-11s precision %.3f  recall %.3f  (%u labelled, %u found,"
            " %u right)\n", xf_eval_field_names[f],
            xf_eval_precision (r->field_right[f], r->field_found[f]),
            xf_eval_recall (r->field_right[f], r->field_gold[f]),
            r->field_gold[f], r->field_found[f], r->field_right[f]);
  for (int f = 0; f < XF_EVAL_FLAGS; f++)
    {
      double p = xf_eval_precision (r->flag_tp[f],
                                    r->flag_tp[f] + r->flag_fp[f]);
      double rc = xf_eval_recall (r->flag_tp[f], r->flag_tp[f] + r->flag_fn[f]);
      printf ("  %-11s precision %.3f  recall %.3f  F1 %.3f\n",
              xf_eval_flag_names[f], p, rc,
              p + rc > 0 ? 2 * p * rc / (p + rc) : 0.0);
    }
  printf ("  understanding: %.2f ms per letter\n",
          r->letters ? r->seconds * 1000 / r->letters : 0.0);
  if (misses)
    for (guint i = 0; i < r->misses->len; i++)
      printf ("    miss: %s\n", (char *) g_ptr_array_index (r->misses, i));
}

int
xf_cmd_eval (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *model_path = NULL;
  g_autofree char *images = NULL;
  gboolean misses = FALSE;
  gboolean repeats = FALSE;
  const GOptionEntry entries[] = {
    { "repeats", 0, 0, G_OPTION_ARG_NONE, &repeats,
      "Measure the repeat check instead: file DIR's letters (NNN.txt and"
      " labels.jsonl with person and matter) in order into a store of"
      " their own", NULL },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path,
      "The topic model to measure (default: the built-in one)", "FILE" },
    { "images", 0, 0, G_OPTION_ARG_FILENAME, &images,
      "Read each letter through OCR from its rendered pages in DIR"
      " (NAME-pNN.png)", "DIR" },
    { "misses", 0, 0, G_OPTION_ARG_NONE, &misses, "List every miss", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "eval", "DIR",
      "Measures topic, fields and flags against the labelled letters of DIR\n"
      "(NNN.txt and labels.jsonl): from the text, or with --images through\n"
      "OCR of their rendered pages.",
      entries, &home_dir);
  g_autoptr(XfTopicModel) model = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree double *confidences = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(XfEvalReport) report = { 0 };

  if (!xf_cli_parse (context, "eval", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc != 2)
    {
      fprintf (stderr, "xinfang eval: give one labelled folder\n"
               "Try 'xinfang eval --help'.\n");
      return XF_EXIT_USAGE;
    }
  if (repeats)
    return xf_cli_eval_repeats (argv[1]);
  letters = xf_eval_load (argv[1], &error);
  if (letters == NULL)
    {
      xf_cli_error (argv[1], error);
      return XF_EXIT_FAILURE;
    }
  model = model_path ? xf_topic_model_load (model_path, &error)
                     : xf_topic_model_builtin ();
  if (model == NULL)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  if (images != NULL)
    {
      texts = g_ptr_array_new_with_free_func (g_free);
      confidences = g_new0 (double, letters->len);
      if (!read_images (images, letters, texts, confidences, &error))
        {
          xf_cli_error (images, error);
          return XF_EXIT_FAILURE;
        }
    }
  xf_eval_run (model, letters, texts, confidences, 5, &report);
  print_report (&report, images ? "through OCR" : "from the text", misses);
  return XF_EXIT_OK;
}
