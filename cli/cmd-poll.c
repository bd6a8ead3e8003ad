/* xinfang poll: one pass over the sources and the queue (for cron).
 * xinfang daemon: the same on an interval, until SIGTERM or SIGINT;
 * SIGHUP rereads the configuration. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include "pipeline/poll.h"

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t reload_requested;

static void
on_signal (int signum)
{
  if (signum == SIGHUP)
    reload_requested = 1;
  else
    stop_requested = 1;
}

static gboolean
stop_now (gpointer user_data)
{
  (void) user_data;
  return stop_requested != 0;
}

static void
catch_signals (void)
{
  struct sigaction action = { 0 };

  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  /* No SA_RESTART: a signal cuts the wait between passes short. */
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
}

static void
print_stats_json (const XfPollStats *stats)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "received");
  json_builder_add_int_value (b, stats->received);
  json_builder_set_member_name (b, "again");
  json_builder_add_int_value (b, stats->again);
  json_builder_set_member_name (b, "filed");
  json_builder_add_int_value (b, stats->filed);
  json_builder_set_member_name (b, "failed");
  json_builder_add_int_value (b, stats->failed);
  json_builder_set_member_name (b, "quarantined");
  json_builder_add_int_value (b, stats->quarantined);
  json_builder_set_member_name (b, "source_errors");
  json_builder_add_int_value (b, stats->source_errors);
  json_builder_set_member_name (b, "rejected");
  json_builder_add_int_value (b, stats->rejected);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  xf_cli_print_json (root);
}

static char *
stats_line (const XfPollStats *stats)
{
  return g_strdup_printf ("%u received, %u already kept, %u filed, %u failed"
                          " (to retry), %u quarantined, %u set aside in"
                          " rejected/, %u source error%s",
                          stats->received, stats->again, stats->filed,
                          stats->failed, stats->quarantined, stats->rejected,
                          stats->source_errors,
                          stats->source_errors == 1 ? "" : "s");
}

/* Opens the home and takes the intake lock; prints why not. */
static XfHome *
open_locked (const char *home_dir, const char *command, int *lock_fd)
{
  g_autoptr(XfHome) home = xf_cli_open_home (home_dir, TRUE);
  g_autoptr(GError) error = NULL;

  if (home == NULL)
    return NULL;
  *lock_fd = xf_poll_lock (home->home, &error);
  if (*lock_fd < 0)
    {
      fprintf (stderr, "xinfang %s: %s\n", command, error->message);
      return NULL;
    }
  return g_steal_pointer (&home);
}

static gboolean
no_arguments (int argc, char **argv, const char *command)
{
  if (argc > 1)
    {
      fprintf (stderr, "xinfang %s: unexpected argument '%s'\n"
               "Try 'xinfang %s --help'.\n", command, argv[1], command);
      return FALSE;
    }
  return TRUE;
}

int
xf_cmd_poll (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the counts as one JSON object", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "poll", "",
      "One pass over the fax spool and the mailbox, then the queue: what is\n"
      "new is received and acknowledged at its source, then read and filed.\n"
      "Exit status 1 when a source could not be read or a document failed.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(XfPipeline) pipeline = NULL;
  XfPollStats stats = { 0 };
  int lock_fd = -1;

  if (!xf_cli_parse (context, "poll", &argc, &argv)
      || !no_arguments (argc, argv, "poll"))
    return XF_EXIT_USAGE;
  home = open_locked (home_dir, "poll", &lock_fd);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  catch_signals ();
  pipeline = xf_pipeline_new (home->store, home->config);
  xf_pipeline_set_stop (pipeline, stop_now, NULL);

  XfPoll poll = {
    .pipeline = pipeline,
    .store = home->store,
    .config = home->config,
    .stop = stop_now,
  };
  xf_poll_once (&poll, &stats);
  g_clear_pointer (&pipeline, xf_pipeline_free);
  close (lock_fd);

  if (json)
    print_stats_json (&stats);
  else
    {
      g_autofree char *line = stats_line (&stats);
      printf ("%s\n", line);
    }
  return stats.source_errors > 0 || stats.failed > 0 || stats.quarantined > 0
         || stats.rejected > 0 ? XF_EXIT_FAILURE : XF_EXIT_OK;
}

/* Sleeps up to @seconds, waking early for a signal. */
static void
wait_between_passes (gint64 seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!stop_requested && !reload_requested
         && g_get_monotonic_time () < until)
    g_usleep (MIN (until - g_get_monotonic_time (), 250 * 1000));
}

/* The mailbox's own schedule: a refused login waits an hour or for a new
 * configuration (SIGHUP), so that a wrong password does not lock the
 * account and a password changed at the server is tried again by itself;
 * a failing server waits a doubling delay (up to an hour). */
typedef struct {
  guint failures;
  gint64 next_try;      /* monotonic microseconds */
} MailboxBackoff;

#define CONFIG_RETRY_SECONDS G_GINT64_CONSTANT (3600)

static void
note_mailbox (MailboxBackoff *backoff, const XfPollStats *stats,
              gint64 interval)
{
  if (stats->config_error)
    {
      backoff->next_try = g_get_monotonic_time ()
                          + CONFIG_RETRY_SECONDS * G_USEC_PER_SEC;
      g_warning ("imap: not trying the mailbox again for an hour, or until the"
                 " configuration is fixed and reread (SIGHUP)");
      return;
    }
  if (!stats->imap_failed)
    {
      backoff->failures = 0;
      backoff->next_try = 0;
      return;
    }
  backoff->failures++;
  gint64 delay = MIN (interval << MIN (backoff->failures - 1, 10u),
                      (gint64) 3600);
  backoff->next_try = g_get_monotonic_time () + delay * G_USEC_PER_SEC;
  g_message ("imap: next try in %" G_GINT64_FORMAT " s", delay);
}

int
xf_cmd_daemon (int argc, char **argv)
{
  g_autofree char *home_dir = NULL;
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = xf_cli_context (
      "daemon", "",
      "Polls the fax spool and the mailbox every [daemon] interval seconds\n"
      "and files what comes in.  SIGTERM or SIGINT finish the item in hand\n"
      "and exit; SIGHUP rereads xinfang.conf.  One daemon per home.",
      entries, &home_dir);
  g_autoptr(XfHome) home = NULL;
  g_autoptr(XfPipeline) pipeline = NULL;
  g_autofree char *conf_path = NULL;
  MailboxBackoff backoff = { 0 };
  /* What was already reported (messages left in the mailbox, faxes dated
   * ahead of the clock); forgotten on SIGHUP, since a new configuration may
   * take them. */
  g_autoptr(GHashTable) told = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);
  int lock_fd = -1;

  if (!xf_cli_parse (context, "daemon", &argc, &argv)
      || !no_arguments (argc, argv, "daemon"))
    return XF_EXIT_USAGE;
  home = open_locked (home_dir, "daemon", &lock_fd);
  if (home == NULL)
    return XF_EXIT_FAILURE;
  catch_signals ();
  conf_path = g_build_filename (home->home, "xinfang.conf", NULL);
  pipeline = xf_pipeline_new (home->store, home->config);
  xf_pipeline_set_stop (pipeline, stop_now, NULL);
  g_message ("daemon started on %s, polling every %" G_GINT64_FORMAT " s",
             home->home, home->config->daemon_interval);

  while (!stop_requested)
    {
      XfPollStats stats = { 0 };
      XfPoll poll = {
        .pipeline = pipeline,
        .store = home->store,
        .config = home->config,
        .stop = stop_now,
        .skip_imap = g_get_monotonic_time () < backoff.next_try,
        .told = told,
      };

      xf_poll_once (&poll, &stats);
      if (!poll.skip_imap)
        note_mailbox (&backoff, &stats, home->config->daemon_interval);
      if (stats.received + stats.again + stats.filed + stats.failed
          + stats.quarantined + stats.rejected + stats.source_errors > 0)
        {
          g_autofree char *line = stats_line (&stats);
          g_message ("pass: %s", line);
        }
      wait_between_passes (home->config->daemon_interval);

      if (reload_requested && !stop_requested)
        {
          g_autoptr(GError) error = NULL;
          XfConfig *config = xf_config_load (conf_path, &error);

          reload_requested = 0;
          if (config == NULL)
            {
              g_warning ("keeping the running configuration: %s",
                         error->message);
              continue;
            }
          /* The OCR workers follow the new [ocr] settings. */
          g_clear_pointer (&pipeline, xf_pipeline_free);
          xf_config_free (home->config);
          home->config = config;
          pipeline = xf_pipeline_new (home->store, home->config);
          xf_pipeline_set_stop (pipeline, stop_now, NULL);
          backoff = (MailboxBackoff) { 0 };
          g_hash_table_remove_all (told);
          g_message ("configuration reread from %s", conf_path);
        }
    }

  g_message ("daemon stopping");
  g_clear_pointer (&pipeline, xf_pipeline_free);
  close (lock_fd);
  return XF_EXIT_OK;
}
