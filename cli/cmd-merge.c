/* xinfang merge / split: the clerks' remedies for the repeat decisions the
 * machine gets wrong.  Both are audited. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"
#include "pipeline/pipeline.h"

#include <stdio.h>

int
xf_cmd_merge (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      "Who merges (default: the login name), for the audit log", "USER" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "merge", "CASE INTO-CASE",
      "Merges CASE into INTO-CASE: a repeat the machine filed as a new case.\n"
      "Its items join INTO-CASE; CASE keeps its history, marked merged.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(GError) error = NULL;

  if (!xf_cli_parse (context, "merge", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc != 3)
    {
      fprintf (stderr, "xinfang merge: give CASE and INTO-CASE\n"
               "Try 'xinfang merge --help'.\n");
      return XF_EXIT_USAGE;
    }
  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  if (!xf_store_merge_cases (home->store, argv[1], argv[2],
                             by != NULL ? by : g_get_user_name (), &error))
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  printf ("%s merged into %s\n", argv[1], argv[2]);
  return XF_EXIT_OK;
}

int
xf_cmd_split (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      "Who splits (default: the login name), for the audit log", "USER" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "split", "CASE DOCUMENT",
      "Splits item DOCUMENT off CASE into a new case: a letter the machine\n"
      "took for a repeat that is not one.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  gint64 document_id;

  if (!xf_cli_parse (context, "split", &argc, &argv))
    return XF_EXIT_USAGE;
  if (argc != 3)
    {
      fprintf (stderr, "xinfang split: give CASE and DOCUMENT\n"
               "Try 'xinfang split --help'.\n");
      return XF_EXIT_USAGE;
    }
  if (!xf_cli_parse_document (argv[2], &document_id))
    {
      fprintf (stderr, "xinfang split: '%s' is not a document number\n",
               argv[2]);
      return XF_EXIT_USAGE;
    }
  home = xf_cli_open_home (home_dir, FALSE);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  if (!xf_pipeline_split_case (home->store, argv[1], document_id,
                               by != NULL ? by : g_get_user_name (), &number,
                               &error))
    {
      xf_cli_error (NULL, error);
      return XF_EXIT_FAILURE;
    }
  printf ("document %" G_GINT64_FORMAT " split off %s into %s\n", document_id,
          argv[1], number);
  return XF_EXIT_OK;
}
