/* Helpers the subcommands share: opening the home, option parsing with the
 * usage exit status, error lines, and the JSON shapes of DESIGN.md. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "classify/classify.h"

void
xf_home_free (XfHome *home)
{
  if (home == NULL)
    return;
  xf_store_close (home->store);
  xf_config_free (home->config);
  g_free (home->home);
  g_free (home);
}

XfHome *
xf_cli_open_home (const char *dir, gboolean create)
{
  g_autoptr(XfHome) home = g_new0 (XfHome, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *db = NULL;

  if (dir == NULL)
    dir = g_getenv ("XINFANG_HOME");
  if (dir == NULL || *dir == '\0')
    dir = "xinfang-data";
  home->home = g_strdup (dir);

  conf = g_build_filename (dir, "xinfang.conf", NULL);
  home->config = xf_config_load (conf, &error);
  if (home->config == NULL)
    {
      xf_cli_error (NULL, error);
      return NULL;
    }
  /* A mistyped --home must not look like an empty office. */
  db = g_build_filename (dir, "xinfang.db", NULL);
  if (!create && !g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autofree char *shown = xf_cli_display_name (dir);
      fprintf (stderr, "xinfang: %s: no xinfang home here (no xinfang.db);"
               " 'xinfang add' or 'xinfang poll' makes one\n", shown);
      return NULL;
    }
  home->store = xf_store_open (dir, &error);
  if (home->store == NULL)
    {
      xf_cli_error (NULL, error);
      return NULL;
    }
  return g_steal_pointer (&home);
}

gboolean
xf_cli_parse_document (const char *text, gint64 *id)
{
  return g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, id, NULL);
}

char *
xf_cli_display_name (const char *name)
{
  g_autofree char *converted = NULL;

  if (g_utf8_validate (name, -1, NULL))
    return g_strdup (name);
  /* Names made on Chinese Windows (zips, scanner shares) are GBK. */
  converted = g_convert (name, -1, "UTF-8", "GB18030", NULL, NULL, NULL);
  if (converted != NULL && g_utf8_validate (converted, -1, NULL))
    return g_steal_pointer (&converted);
  return g_utf8_make_valid (name, -1);
}

GOptionContext *
xf_cli_context (const char *command, const char *parameters,
                const char *summary, const GOptionEntry *entries, char **home)
{
  g_autofree char *title = g_strdup_printf ("%s- xinfang %s", parameters,
                                            command);
  GOptionContext *context = g_option_context_new (title);
  const GOptionEntry common[] = {
    { "home", 0, 0, G_OPTION_ARG_FILENAME, home,
      "The data folder (default: $XINFANG_HOME, else ./xinfang-data)", "DIR" },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

gboolean
xf_cli_parse (GOptionContext *context, const char *command, int *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "xinfang %s: %s\nTry 'xinfang %s --help'.\n", command,
               error->message, command);
      return FALSE;
    }
  return TRUE;
}

void
xf_cli_error (const char *subject, const GError *error)
{
  if (subject != NULL)
    fprintf (stderr, "xinfang: %s: %s\n", subject, error->message);
  else
    fprintf (stderr, "xinfang: %s\n", error->message);
}

void
xf_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

void
xf_cli_build_understanding (JsonBuilder *b, const char *topic,
                            double topic_score, int flags)
{
  static const char *const names[] = { "collective", "threat", "urgent" };
  static const int bits[] = { XF_FLAG_COLLECTIVE, XF_FLAG_THREAT,
                              XF_FLAG_URGENT };

  /* Not classified yet: null, never a guess. */
  json_builder_set_member_name (b, "topic");
  if (topic != NULL)
    json_builder_add_string_value (b, topic);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "topic_score");
  if (topic != NULL && !isnan (topic_score))
    json_builder_add_double_value (b, topic_score);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_object (b);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (b, names[i]);
      if (flags < 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_boolean_value (b, (flags & bits[i]) != 0);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "repeat_of");
  json_builder_add_null_value (b);
}

void
xf_cli_build_case (JsonBuilder *b, const XfCase *c, gint64 document_id)
{
  const XfCaseSummary *s = c->summary;
  const XfDocumentInfo *first = c->documents->len > 0
                                  ? g_ptr_array_index (c->documents, 0) : NULL;
  GString *text = g_string_new (NULL);

  json_builder_set_member_name (b, "case");
  json_builder_add_string_value (b, s->number);
  json_builder_set_member_name (b, "document");
  if (document_id > 0)
    json_builder_add_int_value (b, document_id);
  else if (first != NULL)
    json_builder_add_int_value (b, first->id);
  else
    json_builder_add_null_value (b);
  /* The channel of that document: a repeat may come another way. */
  const char *channel = s->channel;
  for (guint i = 0; document_id > 0 && i < c->documents->len; i++)
    {
      const XfDocumentInfo *d = g_ptr_array_index (c->documents, i);
      if (d->id == document_id)
        channel = d->channel;
    }
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, channel);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, s->status);
  xf_cli_build_understanding (b, s->topic, s->topic_score, s->flags);

  json_builder_set_member_name (b, "fields");
  json_builder_begin_object (b);
  for (const char *const *name = xf_field_names; *name != NULL; name++)
    {
      const XfFieldValue *found = NULL;
      for (guint i = 0; i < c->fields->len && found == NULL; i++)
        {
          const XfFieldValue *f = g_ptr_array_index (c->fields, i);
          if (g_str_equal (f->name, *name))
            found = f;
        }
      json_builder_set_member_name (b, *name);
      if (found == NULL || found->value == NULL)
        {
          json_builder_add_null_value (b);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      json_builder_add_string_value (b, found->value);
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, found->confidence);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, found->source);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, found->by);
      json_builder_set_member_name (b, "revisions");
      json_builder_add_int_value (b, found->revisions);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "repeat_count");
  json_builder_add_int_value (b, s->repeat_count);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->documents->len; i++)
    {
      const XfDocumentInfo *d = g_ptr_array_index (c->documents, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "document");
      json_builder_add_int_value (b, d->id);
      json_builder_set_member_name (b, "channel");
      json_builder_add_string_value (b, d->channel);
      json_builder_set_member_name (b, "media_type");
      json_builder_add_string_value (b, d->media_type);
      json_builder_set_member_name (b, "received");
      json_builder_add_string_value (b, d->received_at);
      json_builder_set_member_name (b, "filename");
      if (d->filename != NULL)
        {
          /* As the gateway or the disk gave it: any encoding. */
          g_autofree char *shown = xf_cli_display_name (d->filename);
          json_builder_add_string_value (b, shown);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, d->sha256);
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, d->pages);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, d->state);
      json_builder_end_object (b);
      if (i > 0)
        g_string_append (text, "\f\n");
      g_string_append (text, d->text);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "related");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->related->len; i++)
    {
      const XfRelatedCase *r = g_ptr_array_index (c->related, i);
      g_autoptr(JsonNode) detail = r->detail ? json_from_string (r->detail, NULL)
                                             : NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "case");
      json_builder_add_string_value (b, r->number);
      json_builder_set_member_name (b, "detail");
      if (detail != NULL)
        json_builder_add_value (b, g_steal_pointer (&detail));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->history->len; i++)
    {
      const XfAuditEntry *e = g_ptr_array_index (c->history, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, e->at);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, e->actor);
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, e->action);
      json_builder_set_member_name (b, "detail");
      if (e->detail != NULL)
        {
          g_autoptr(JsonNode) detail = json_from_string (e->detail, NULL);
          if (detail != NULL)
            json_builder_add_value (b, g_steal_pointer (&detail));
          else
            json_builder_add_string_value (b, e->detail);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text->str);
  g_string_free (text, TRUE);
}

GBytes *
xf_cli_read_file (const char *path, gint64 max_bytes, GError **error)
{
  GStatBuf st;
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT, "%s",
                   g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "is a directory, not a file");
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "is not a regular file");
      return NULL;
    }
  if (!xf_check_item_size ((gint64) st.st_size, max_bytes, error))
    return NULL;
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      /* GLib's message names the file again; keep only the reason. */
      const char *reason = local->message;
      const char *colon = g_strrstr (reason, ": ");
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT, "cannot read: %s",
                   colon != NULL ? colon + 2 : reason);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

void
xf_progress_start (XfProgress *progress, guint total, gboolean enabled)
{
  progress->enabled = enabled && total > 1 && isatty (STDERR_FILENO);
  progress->total = total;
  progress->done = 0;
  progress->pages = 0;
  progress->started = g_get_monotonic_time ();
}

void
xf_progress_advance (XfProgress *progress, guint pages)
{
  progress->done++;
  progress->pages += pages;
}

void
xf_progress_show (XfProgress *progress, const char *current)
{
  double elapsed;
  g_autofree char *name = NULL;

  if (!progress->enabled)
    return;
  elapsed = (g_get_monotonic_time () - progress->started) / 1e6;
  name = g_path_get_basename (current);
  fprintf (stderr, "\r\033[K[%*u/%u files, %u page%s] %s",
           snprintf (NULL, 0, "%u", progress->total), progress->done,
           progress->total, progress->pages, progress->pages == 1 ? "" : "s",
           name);
  if (progress->done > 0 && elapsed > 0)
    {
      /* Time left from the files' pace: page counts are known only once
       * a file is read. */
      double left = elapsed / progress->done
                    * (progress->total - progress->done);
      fprintf (stderr, "  %.2f pages/s, about %.0f s left",
               progress->pages / elapsed, left);
    }
  fflush (stderr);
}

void
xf_progress_clear (XfProgress *progress)
{
  if (!progress->enabled)
    return;
  fprintf (stderr, "\r\033[K");
  fflush (stderr);
}
