/* xinfang ocr FILE...: OCR only, nothing filed.  For checking how a scanner
 * or fax line reads before a stack goes through `add`. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <stdio.h>

#include "pipeline/pipeline.h"

static void
print_json (const char *file, GPtrArray *pages)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < pages->len; i++)
    {
      const XfOcrPage *page = g_ptr_array_index (pages, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "n");
      json_builder_add_int_value (b, page->n);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, page->text);
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, page->confidence);
      json_builder_set_member_name (b, "words");
      xf_pipeline_build_words (b, page->words);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  xf_cli_print_json (root);
}

typedef struct {
  gboolean done;
  GPtrArray *pages;
  GError *error;
} Result;

static void
print_result (const char *file, GPtrArray *pages, gboolean json)
{
  if (json)
    {
      print_json (file, pages);
      return;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      const XfOcrPage *page = g_ptr_array_index (pages, i);
      printf ("==> %s, page %u (confidence %.2f) <==\n%s\n", file, page->n,
              page->confidence, page->text);
    }
  fflush (stdout);
}

int
xf_cmd_ocr (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  g_autofree char *steps_list = NULL;
  guint steps = XF_OCR_STEPS_DEFAULT;
  const GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_STRING, &steps_list,
      "Page clean-up steps, to measure them: a list of grey, orient, deskew,"
      " normalise, binarise, despeckle, correct, fax-model; or default, or"
      " none", "LIST" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "One JSON object per file, with words, boxes and confidences", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL,
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "ocr", "FILE... ",
      "Reads images (PNG, JPEG, TIFF) and prints the text of each page.\n"
      "Nothing is filed.  The limits of the home's xinfang.conf apply.",
      entries, &home_dir);
  g_autoptr(XfConfig) config = NULL;
  g_autoptr(XfOcrPool) pool = NULL;
  g_autofree Result *results = NULL;
  guint n_files;
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;
  XfProgress progress;
  guint failed = 0;

  if (!xf_cli_parse (context, "ocr", &argc, &argv))
    return XF_EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "xinfang ocr: no files given\n"
               "Try 'xinfang ocr --help'.\n");
      return XF_EXIT_USAGE;
    }
  if (steps_list != NULL && !xf_ocr_steps_parse (steps_list, &steps, &error))
    {
      fprintf (stderr, "xinfang ocr: %s\n", error->message);
      return XF_EXIT_USAGE;
    }
  /* OCR needs only the configuration, not the store. */
  if (home_dir == NULL)
    home_dir = g_strdup (g_getenv ("XINFANG_HOME"));
  conf = g_build_filename (home_dir ? home_dir : "xinfang-data",
                           "xinfang.conf", NULL);
  config = xf_config_load (conf, &error);
  if (config == NULL)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  n_files = g_strv_length (files);
  pool = xf_pipeline_ocr_pool_new (config);
  xf_ocr_pool_set_steps (pool, steps);
  results = g_new0 (Result, n_files);

  /* Every worker busy; results printed in the order the files were given. */
  xf_progress_start (&progress, n_files, !json);
  xf_progress_show (&progress, files[0]);
  for (guint next = 0, printed = 0; printed < n_files;)
    {
      while (next < n_files && xf_ocr_pool_idle (pool) > 0)
        {
          g_autoptr(GBytes) raw = xf_cli_read_file (
              files[next], config->ocr_max_file_bytes, &results[next].error);
          gsize length = 0;
          const guint8 *data = raw ? g_bytes_get_data (raw, &length) : NULL;
          if (raw == NULL)
            results[next].done = TRUE;
          else if (!xf_ocr_pool_submit (pool, next, data, length,
                                        &results[next].error))
            results[next].done = TRUE;
          next++;
        }
      while (printed < n_files && results[printed].done)
        {
          Result *r = &results[printed];
          g_autofree char *shown = xf_cli_display_name (files[printed]);
          xf_progress_advance (&progress, r->pages ? r->pages->len : 0);
          xf_progress_clear (&progress);
          if (r->pages == NULL)
            {
              xf_cli_error (shown, r->error);
              failed++;
            }
          else
            print_result (shown, r->pages, json);
          g_clear_pointer (&r->pages, g_ptr_array_unref);
          g_clear_error (&r->error);
          printed++;
          if (printed < n_files)
            xf_progress_show (&progress, files[printed]);
        }
      if (printed == n_files)
        break;
      guint64 tag = 0;
      GPtrArray *pages = NULL;
      GError *job_error = NULL;
      if (xf_ocr_pool_collect (pool, &tag, &pages, &job_error))
        {
          results[tag].pages = pages;
          results[tag].error = job_error;
          results[tag].done = TRUE;
        }
    }
  xf_progress_clear (&progress);
  return failed > 0 ? XF_EXIT_FAILURE : XF_EXIT_OK;
}
