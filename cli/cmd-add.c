/* xinfang add FILE...: the mailroom's command.  Each file is read, understood
 * and filed on its own, so one bad scan costs that scan an error line and
 * the rest of the stack still goes through. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <stdio.h>

#include "pipeline/pipeline.h"

static const char *const channels[] = { "letter", "fax", "email", NULL };

static void
print_json (const char *file, const XfOutcome *outcome, const XfCase *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file);
  json_builder_set_member_name (b, "duplicate");
  json_builder_add_boolean_value (b, outcome->duplicate);
  xf_cli_build_case (b, c, outcome->document_id);
  json_builder_set_member_name (b, "repeat_of");
  if (outcome->repeat_of != NULL)
    json_builder_add_string_value (b, outcome->repeat_of);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "related_to");
  if (outcome->related_to != NULL)
    json_builder_add_string_value (b, outcome->related_to);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  xf_cli_print_json (root);
}

static void
print_human (const char *file, const XfOutcome *outcome, const XfCase *c)
{
  const char *topic = c != NULL && c->summary->topic != NULL
                        ? c->summary->topic : "(not classified yet)";

  if (outcome->duplicate)
    printf ("%s  %s  already received as document %" G_GINT64_FORMAT
            ", not filed again\n", outcome->case_number, file,
            outcome->document_id);
  else if (outcome->repeat_of != NULL)
    printf ("%s  %s  repeat  %s, %u page%s  topic: %s  repeat of: %s"
            " (now %u items)\n", outcome->case_number, file, outcome->channel,
            outcome->pages, outcome->pages == 1 ? "" : "s", topic,
            outcome->repeat_of, c != NULL ? c->summary->repeat_count + 1 : 0);
  else
    printf ("%s  %s  new case  %s, %u page%s  topic: %s  repeat of: -%s%s\n",
            outcome->case_number, file, outcome->channel, outcome->pages,
            outcome->pages == 1 ? "" : "s", topic,
            outcome->related_to != NULL ? "  related to: " : "",
            outcome->related_to != NULL ? outcome->related_to : "");
  fflush (stdout);
}

/* A file read ahead of its turn: its bytes, or why it could not be read. */
typedef struct {
  gboolean tried;
  GBytes *raw;
  GError *error;
} Loaded;

static gboolean
load (Loaded *loaded, const char *file, const XfConfig *config)
{
  if (!loaded->tried)
    {
      loaded->tried = TRUE;
      loaded->raw = xf_cli_read_file (file, config->ocr_max_file_bytes,
                                      &loaded->error);
    }
  return loaded->raw != NULL;
}

static void
loaded_clear (Loaded *loaded)
{
  g_clear_pointer (&loaded->raw, g_bytes_unref);
  g_clear_error (&loaded->error);
}

int
xf_cmd_add (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *by = NULL;
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
      "How the items came: letter, fax or email (default: judged from the"
      " content; scans are letters)", "CHANNEL" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      "Who receives them, for the audit log (default: your user name)",
      "USER" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "One JSON object per file on stdout", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL,
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "add", "FILE... ",
      "Receives scans (PNG, JPEG, TIFF), faxes, e-mails (.eml) and text\n"
      "files, reads them, and files each as a case.  The type is judged from\n"
      "the content, not the name.  The same file twice is filed once.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(XfPipeline) pipeline = NULL;
  XfProgress progress;
  g_autofree Loaded *loaded = NULL;
  guint n_files, lookahead;
  guint failed = 0;

  if (!xf_cli_parse (context, "add", &argc, &argv))
    return XF_EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "xinfang add: no files given\n"
               "Try 'xinfang add --help'.\n");
      return XF_EXIT_USAGE;
    }
  if (channel != NULL && !g_strv_contains (channels, channel))
    {
      fprintf (stderr, "xinfang add: unknown channel '%s' (letter, fax or"
               " email)\n", channel);
      return XF_EXIT_USAGE;
    }
  if (by == NULL)
    by = g_strdup (g_get_user_name ());

  home = xf_cli_open_home (home_dir, TRUE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  pipeline = xf_pipeline_new (home->store, home->config);

  n_files = g_strv_length (files);
  loaded = g_new0 (Loaded, n_files);
  lookahead = xf_pipeline_ocr_workers (home->config);
  xf_progress_start (&progress, n_files, !json);
  for (guint i = 0; i < n_files; i++)
    {
      const char *path = files[i];
      g_autofree char *file = xf_cli_display_name (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(XfCase) c = NULL;
      g_autofree char *base = g_path_get_basename (file);
      g_autofree char *source_key = NULL;
      g_auto(XfOutcome) outcome = { 0 };

      /* The next files start in idle OCR workers while this one is
       * filed, so a stack keeps every core busy. */
      for (guint j = i; j < n_files && j <= i + lookahead; j++)
        if (load (&loaded[j], files[j], home->config) && j > i)
          xf_pipeline_prefetch (pipeline, loaded[j].raw);

      xf_progress_show (&progress, file);
      if (loaded[i].raw != NULL)
        {
          g_autofree char *absolute = g_canonicalize_filename (path, NULL);
          g_autofree char *shown = xf_cli_display_name (absolute);
          source_key = g_strconcat ("file:", shown, NULL);
          XfItem item = {
            .channel = channel,
            .source_key = source_key,
            .filename = base,
            .raw = loaded[i].raw,
            .actor = by,
          };
          if (xf_pipeline_file (pipeline, &item, &outcome, &error))
            c = xf_store_get_case (home->store, outcome.case_number, &error);
        }
      else
        error = g_steal_pointer (&loaded[i].error);
      loaded_clear (&loaded[i]);
      xf_progress_advance (&progress, outcome.pages);
      xf_progress_clear (&progress);
      if (c == NULL)
        {
          xf_cli_error (file, error);
          failed++;
          continue;
        }
      if (json)
        print_json (file, &outcome, c);
      else
        print_human (file, &outcome, c);
    }
  xf_progress_clear (&progress);
  if (failed > 0 && n_files > 1)
    fprintf (stderr, "xinfang: %u of %u files could not be filed\n", failed,
             n_files);
  return failed > 0 ? XF_EXIT_FAILURE : XF_EXIT_OK;
}
