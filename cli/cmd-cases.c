/* xinfang cases: the list of cases, newest first, with filters. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <stdio.h>

#include "classify/classify.h"

static void
print_json (const XfCaseSummary *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "case");
  json_builder_add_string_value (b, s->number);
  json_builder_set_member_name (b, "topic");
  if (s->topic != NULL)
    json_builder_add_string_value (b, s->topic);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, s->status);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, s->channel);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->documents->len; i++)
    json_builder_add_int_value (b, g_array_index (s->documents, gint64, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "repeat_count");
  json_builder_add_int_value (b, s->repeat_count);
  json_builder_set_member_name (b, "first_received");
  json_builder_add_string_value (b, s->first_received);
  json_builder_set_member_name (b, "last_received");
  json_builder_add_string_value (b, s->last_received);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  xf_cli_print_json (root);
}

int
xf_cmd_cases (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *status = NULL;
  g_autofree char *topic = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      "Only cases with this status", "STATUS" },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic,
      "Only cases with this topic key", "TOPIC" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object per case",
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "cases", "", "Lists the cases, newest first.", entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  if (!xf_cli_parse (context, "cases", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc > 1)
    {
      fprintf (stderr, "xinfang cases: unexpected argument '%s'\n"
               "Try 'xinfang cases --help'.\n", argv[1]);
      return XF_EXIT_USAGE;
    }
  if (status != NULL && !g_strv_contains (xf_case_statuses, status))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) xf_case_statuses);
      fprintf (stderr, "xinfang cases: unknown status '%s' (%s)\n", status,
               known);
      return XF_EXIT_USAGE;
    }
  if (topic != NULL && !xf_topic_is_known (topic))
    {
      g_autofree char *keys = g_strjoinv (", ", (char **) xf_topic_keys);
      fprintf (stderr, "xinfang cases: unknown topic '%s' (%s)\n", topic,
               keys);
      return XF_EXIT_USAGE;
    }
  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  cases = xf_store_list_cases (home->store, status, topic, &error);
  if (cases == NULL)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }

  if (!json)
    printf ("%-15s %-6s %-8s %-17s %5s  %-10s %-10s\n", "CASE", "STATUS",
            "CHANNEL", "TOPIC", "ITEMS", "FIRST", "LAST");
  for (guint i = 0; i < cases->len; i++)
    {
      const XfCaseSummary *s = g_ptr_array_index (cases, i);
      if (json)
        {
          print_json (s);
          continue;
        }
      printf ("%-15s %-6s %-8s %-17s %5u  %-10.10s %-10.10s\n", s->number,
              s->status, s->channel ? s->channel : "-",
              s->topic ? s->topic : "(unclassified)", s->documents->len,
              s->first_received ? s->first_received : "-",
              s->last_received ? s->last_received : "-");
    }
  if (!json)
    printf ("%u case%s\n", cases->len, cases->len == 1 ? "" : "s");
  return XF_EXIT_OK;
}
