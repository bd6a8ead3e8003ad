/* xinfang set CASE FIELD VALUE: a clerk's correction.  It never overwrites:
 * it adds a revision by the clerk and an audit row with the old and new
 * values.  Values with a check (ID number, phone) must pass it unless the
 * clerk insists with --force, since letters do carry wrong numbers. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <stdio.h>

#include "classify/classify.h"
#include "pipeline/pipeline.h"

/* Checks and normalises @value for @field.  Returns the value to store
 * (g_free) or NULL with an error saying why it is refused. */
static char *
check_value (const char *field, const char *value, GError **error)
{
  char *normalised = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  if (g_str_equal (field, "uscc"))
    {
      g_autofree char *upper = g_ascii_strup (stripped, -1);
      if (!xf_classify_check_uscc (upper))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "'%s' is not a unified social credit code"
                       " (GB 32100: 18 characters and a check character)",
                       value);
          return NULL;
        }
      return g_steal_pointer (&upper);
    }
  if (g_str_equal (field, "id_number"))
    return xf_classify_check_id_number (value, &normalised, error)
             ? normalised : NULL;
  if (g_str_equal (field, "phone"))
    return xf_classify_check_phone (value, &normalised, error)
             ? normalised : NULL;
  if (g_str_equal (field, "amount_yuan") || g_str_equal (field, "headcount"))
    {
      /* A headcount beyond any workforce is a typing slip. */
      guint64 most = g_str_equal (field, "headcount")
                       ? G_GUINT64_CONSTANT (1000000)
                       : G_GUINT64_CONSTANT (1000000000000);
      guint64 n;
      if (!g_ascii_string_to_unsigned (stripped, 10, 0, most, &n, NULL))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s must be a whole number up to %" G_GUINT64_FORMAT
                       ", not '%s'", field, most, value);
          return NULL;
        }
      return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
    }
  return g_steal_pointer (&stripped);
}

int
xf_cmd_set (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *by = NULL;
  g_autofree char *value = NULL;
  gboolean force = FALSE;
  gboolean clear = FALSE;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      "Who corrects it, for the audit log (default: your user name)", "USER" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "Keep a value that fails its check, as written", NULL },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      "Clear the field (give no VALUE)", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "set", "CASE FIELD VALUE ",
      "Corrects one field of a case as a clerk: a new revision and an audit\n"
      "row, the old value kept.  FIELD is one of name, id_number, phone,\n"
      "employer, amount_yuan, headcount, address, uscc, or topic.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(GError) error = NULL;
  const char *number, *field;
  gboolean ok;

  if (!xf_cli_parse (context, "set", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc != (clear ? 3 : 4))
    {
      fprintf (stderr, "xinfang set: give CASE FIELD VALUE (or CASE FIELD"
               " --clear)\nTry 'xinfang set --help'.\n");
      return XF_EXIT_USAGE;
    }
  number = argv[1];
  field = argv[2];
  /* What goes into the store is shown as JSON later: UTF-8 only. */
  if ((!clear && !g_utf8_validate (argv[3], -1, NULL))
      || (by != NULL && !g_utf8_validate (by, -1, NULL)))
    {
      fprintf (stderr, "xinfang set: the value and --by must be UTF-8 text\n");
      return XF_EXIT_USAGE;
    }
  if (!xf_field_name_is_known (field) && !g_str_equal (field, "topic"))
    {
      fprintf (stderr, "xinfang set: unknown field '%s'\n"
               "Try 'xinfang set --help'.\n", field);
      return XF_EXIT_USAGE;
    }
  if (g_str_equal (field, "topic") && (clear || !xf_topic_is_known (argv[3])))
    {
      g_autofree char *keys = g_strjoinv (", ", (char **) xf_topic_keys);
      fprintf (stderr, "xinfang set: a topic is one of: %s\n", keys);
      return XF_EXIT_USAGE;
    }
  if (!clear)
    {
      g_autofree char *blank = g_strstrip (g_strdup (argv[3]));
      if (blank[0] == '\0')
        {
          fprintf (stderr, "xinfang set: an empty value; 'xinfang set CASE"
                   " %s --clear' clears the field\n", field);
          return XF_EXIT_USAGE;
        }
      value = check_value (field, argv[3], &error);
      if (value == NULL && force)
        {
          g_clear_error (&error);
          value = g_strdup (argv[3]);
        }
      if (value == NULL)
        {
          fprintf (stderr, "xinfang: %s: %s (--force keeps it as written)\n",
                   field, error->message);
          return XF_EXIT_FAILURE;
        }
    }
  if (by == NULL)
    by = g_strdup (g_get_user_name ());

  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  if (g_str_equal (field, "topic"))
    ok = xf_store_set_topic (home->store, number, value, by, &error);
  else
    ok = xf_store_set_field (home->store, number, field, value, by, &error);
  if (!ok)
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  /* The repeat check meets the next letter by the corrected identity.  The
   * correction itself is kept whatever happens here. */
  if (!xf_pipeline_correct_identity (home->store, number, field, value, &error))
    {
      fprintf (stderr, "xinfang: %s: %s set, but the repeat index keeps the"
               " old value: %s\n", number, field, error->message);
      return XF_EXIT_FAILURE;
    }
  printf ("%s: %s set to %s by %s\n", number, field,
          value ? value : "(cleared)", by);
  return XF_EXIT_OK;
}
