/* xinfang show CASE: one case as a clerk reviews it: its items, the fields
 * weakest first (missing ones before all), the history, and the text. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <math.h>
#include <stdio.h>

#include "classify/classify.h"

static const XfFieldValue *
find_field (const XfCase *c, const char *name)
{
  for (guint i = 0; i < c->fields->len; i++)
    {
      const XfFieldValue *f = g_ptr_array_index (c->fields, i);
      if (g_str_equal (f->name, name))
        return f;
    }
  return NULL;
}

static gint
weakest_first (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const XfCase *c = user_data;
  const XfFieldValue *fa = find_field (c, *(const char *const *) a);
  const XfFieldValue *fb = find_field (c, *(const char *const *) b);
  double ca = fa != NULL && fa->value != NULL ? fa->confidence : -1;
  double cb = fb != NULL && fb->value != NULL ? fb->confidence : -1;

  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

static void
print_human (const XfCase *c)
{
  const XfCaseSummary *s = c->summary;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  printf ("%s  status: %s\n", s->number, s->status);
  if (s->topic != NULL)
    printf ("topic: %s (%.2f)\n", s->topic, isnan (s->topic_score) ? 0 : s->topic_score);
  else
    printf ("topic: not classified ('xinfang set %s topic KEY' records a"
            " clerk's choice)\n", s->number);
  if (s->flags < 0)
    printf ("flags: not assessed\n");
  else
    printf ("flags: collective %s, threat %s, urgent %s\n",
            s->flags & XF_FLAG_COLLECTIVE ? "YES" : "no",
            s->flags & XF_FLAG_THREAT ? "YES" : "no",
            s->flags & XF_FLAG_URGENT ? "YES" : "no");

  printf ("\nitems (%u):\n", c->documents->len);
  for (guint i = 0; i < c->documents->len; i++)
    {
      const XfDocumentInfo *d = g_ptr_array_index (c->documents, i);
      g_autofree char *shown = xf_cli_display_name (d->filename ? d->filename
                                                                : "");
      printf ("  document %" G_GINT64_FORMAT "  %s  %-6s %-5s %u page%s  %s\n",
              d->id, d->received_at, d->channel, d->media_type, d->pages,
              d->pages == 1 ? " " : "s", shown);
    }

  for (const char *const *name = xf_field_names; *name != NULL; name++)
    g_ptr_array_add (order, (gpointer) *name);
  g_ptr_array_sort_with_data (order, weakest_first, (gpointer) c);
  printf ("\nfields, weakest first:\n");
  for (guint i = 0; i < order->len; i++)
    {
      const char *name = g_ptr_array_index (order, i);
      const XfFieldValue *f = find_field (c, name);
      if (f == NULL || f->value == NULL)
        {
          printf ("  %-12s (not found)\n", name);
          continue;
        }
      printf ("  %-12s %-24s %.2f  %s%s%s\n", name, f->value, f->confidence,
              f->source, g_str_equal (f->source, "clerk") ? " " : "",
              g_str_equal (f->source, "clerk") ? f->by : "");
    }

  if (c->related->len > 0)
    {
      printf ("\nrelated cases (the same matter, another writer):\n");
      for (guint i = 0; i < c->related->len; i++)
        {
          const XfRelatedCase *r = g_ptr_array_index (c->related, i);
          printf ("  %s  %s\n", r->number, r->detail ? r->detail : "");
        }
    }

  printf ("\nhistory:\n");
  for (guint i = 0; i < c->history->len; i++)
    {
      const XfAuditEntry *e = g_ptr_array_index (c->history, i);
      printf ("  %s  %-10s %-14s %s\n", e->at, e->actor, e->action,
              e->detail ? e->detail : "");
    }

  for (guint i = 0; i < c->documents->len; i++)
    {
      const XfDocumentInfo *d = g_ptr_array_index (c->documents, i);
      printf ("\ntext of document %" G_GINT64_FORMAT ":\n%s\n", d->id, d->text);
    }
}

int
xf_cmd_show (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "The case as one JSON object",
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "show", "CASE ",
      "Shows one case: its items, its fields weakest first, its history\n"
      "and its text.", entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(XfCase) c = NULL;
  g_autoptr(GError) error = NULL;

  if (!xf_cli_parse (context, "show", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc != 2)
    {
      fprintf (stderr, "xinfang show: give one case number\n"
               "Try 'xinfang show --help'.\n");
      return XF_EXIT_USAGE;
    }
  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  c = xf_store_get_case (home->store, argv[1], &error);
  if (c == NULL)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      json_builder_begin_object (b);
      xf_cli_build_case (b, c, 0);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      xf_cli_print_json (root);
    }
  else
    print_human (c);
  return XF_EXIT_OK;
}
