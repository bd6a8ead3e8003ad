/* xinfang queue: documents received and not filed (waiting, failed and to
 * be retried, quarantined), with their reasons.
 * xinfang retry: an operator puts failed or quarantined documents back. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <stdio.h>

static void
add_string_or_null (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static char *
unix_to_text (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  return local ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static void
print_json (const XfQueued *q)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *retry = q->retry_after > 0 ? unix_to_text (q->retry_after)
                                              : NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document");
  json_builder_add_int_value (b, q->id);
  add_string_or_null (b, "state", q->state);
  add_string_or_null (b, "channel", q->channel);
  add_string_or_null (b, "media_type", q->media_type);
  /* A spool or file name in the key may be in any encoding. */
  g_autofree char *source = q->source_key != NULL
                              ? xf_cli_display_name (q->source_key) : NULL;
  add_string_or_null (b, "source", source);
  add_string_or_null (b, "received_at", q->received_at);
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, q->attempts);
  add_string_or_null (b, "last_error", q->last_error);
  add_string_or_null (b, "retry_after", retry);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  xf_cli_print_json (root);
}

int
xf_cmd_queue (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *state = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      "Only documents in this state: received, failed or quarantined",
      "STATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object per document",
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "queue", "",
      "Lists the documents received and not filed: waiting to be read,\n"
      "failed and to be retried, or quarantined, with the reason.",
      entries, &home_dir);
  static const char *const states[] = { "received", "failed", "quarantined",
                                        NULL };
  g_autoptr(XfHome) home = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  if (!xf_cli_parse (context, "queue", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc > 1 || (state != NULL && !g_strv_contains (states, state)))
    {
      if (argc > 1)
        fprintf (stderr, "xinfang queue: unexpected argument '%s'\n", argv[1]);
      else
        fprintf (stderr, "xinfang queue: '%s' is not received, failed or"
                 " quarantined\n", state);
      fprintf (stderr, "Try 'xinfang queue --help'.\n");
      return XF_EXIT_USAGE;
    }
  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  docs = xf_store_list_unfiled (home->store, state, &error);
  if (docs == NULL)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }

  if (!json)
    printf ("%-8s %-11s %-6s %-8s %-19s %s\n", "DOCUMENT", "STATE", "CHANNEL",
            "ATTEMPTS", "RECEIVED", "REASON");
  for (guint i = 0; i < docs->len; i++)
    {
      const XfQueued *q = g_ptr_array_index (docs, i);
      if (json)
        {
          print_json (q);
          continue;
        }
      printf ("%-8" G_GINT64_FORMAT " %-11s %-7s %8u %-19.19s %s\n", q->id,
              q->state, q->channel, q->attempts, q->received_at,
              q->last_error ? q->last_error : "-");
      /* Which fax or mail it is, and when it is tried again. */
      {
        g_autofree char *source = xf_cli_display_name (
            q->source_key != NULL ? q->source_key : "-");
        g_autofree char *next = q->retry_after > 0
                                  ? unix_to_text (q->retry_after) : NULL;
        printf ("%-8s from %s%s%s\n", "", source,
                next != NULL && g_str_equal (q->state, "failed")
                  ? ", next try " : "",
                next != NULL && g_str_equal (q->state, "failed") ? next : "");
      }
    }
  if (!json)
    printf ("%u document%s not filed\n", docs->len,
            docs->len == 1 ? "" : "s");
  return XF_EXIT_OK;
}

int
xf_cmd_retry (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      "Who asks (default: the login name), for the audit log", "USER" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "retry", "DOCUMENT...",
      "Puts failed or quarantined documents back in the queue, to be read\n"
      "at the next poll, with their attempts counted from zero.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  int status = XF_EXIT_OK;

  if (!xf_cli_parse (context, "retry", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc < 2)
    {
      fprintf (stderr, "xinfang retry: which documents?\n"
               "Try 'xinfang retry --help'.\n");
      return XF_EXIT_USAGE;
    }
  for (int i = 1; i < argc; i++)
    {
      gint64 id;
      if (!xf_cli_parse_document (argv[i], &id))
        {
          fprintf (stderr, "xinfang retry: '%s' is not a document number\n",
                   argv[i]);
          return XF_EXIT_USAGE;
        }
    }
  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = 0;

      xf_cli_parse_document (argv[i], &id);

      if (!xf_store_requeue (home->store, id,
                             by != NULL ? by : g_get_user_name (), &error))
        {
          xf_cli_error (argv[i], error);
          status = XF_EXIT_FAILURE;
          continue;
        }
      printf ("document %" G_GINT64_FORMAT " queued again\n", id);
    }
  return status;
}
