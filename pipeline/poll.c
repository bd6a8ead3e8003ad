/* A pass over the sources and the queue.  Every source follows the same
 * order: claim, receive (commit), then acknowledge at the source; so a
 * crash anywhere leaves the item where the next pass takes it again, and
 * the store's idempotency keys keep it from being kept twice. */
#define G_LOG_DOMAIN "xf-pipeline"
#include "pipeline/poll.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include "intake/spool.h"

static gboolean
should_stop (const XfPoll *poll)
{
  return poll->stop != NULL && poll->stop (poll->stop_data);
}

static void
count_received (XfPollStats *stats, const XfReceived *received)
{
  if (received->duplicate)
    stats->again++;
  else
    stats->received++;
}

void
xf_poll_spool (const XfPoll *poll, XfPollStats *stats)
{
  const XfConfig *config = poll->config;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean remove = g_strcmp0 (config->spool_after, "delete") == 0;
  XfSpoolCounts counts = { 0 };

  if (config->spool_dir == NULL)
    return;
  files = xf_spool_claim (config->spool_dir,
                          (guint) config->spool_settle_seconds,
                          config->ocr_max_file_bytes, &counts, poll->told,
                          &error);
  /* A file that could not be moved stays where it is, and says so in the
   * counts: nothing goes quietly unread. */
  stats->rejected += counts.rejected;
  stats->source_errors += counts.unclaimed;
  if (files == NULL)
    {
      g_warning ("spool: %s", error->message);
      stats->source_errors++;
      return;
    }

  for (guint i = 0; i < files->len && !should_stop (poll); i++)
    {
      const XfSpoolFile *file = g_ptr_array_index (files, i);
      g_autoptr(GError) local = NULL;
      g_autoptr(GBytes) raw = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *source_key = g_strconcat ("spool:", file->name, NULL);
      XfReceived received = { 0 };
      gsize length = 0;

      if (!g_file_get_contents (file->path, &contents, &length, &local))
        {
          /* Left in work/: the next pass tries again. */
          g_warning ("spool: %s", local->message);
          stats->source_errors++;
          continue;
        }
      if (length == 0)
        {
          g_autoptr(GError) reject_error = NULL;
          if (!xf_spool_reject (config->spool_dir, file, "the file is empty",
                                &reject_error))
            {
              g_warning ("spool: %s", reject_error->message);
              stats->source_errors++;
              continue;
            }
          g_warning ("spool: %s is empty; set aside in rejected/", file->name);
          stats->rejected++;
          continue;
        }
      raw = g_bytes_new_take (g_steal_pointer (&contents), length);

      XfItem item = {
        .channel = "fax",
        .source_key = source_key,
        .filename = file->name,
        .raw = raw,
        .actor = "spool",
        .sender = file->sender,
      };
      if (!xf_pipeline_receive (poll->pipeline, &item, &received, &local))
        {
          g_warning ("spool: %s: %s", file->name, local->message);
          stats->source_errors++;
          continue;
        }
      count_received (stats, &received);
      /* Committed: only now may the file leave the spool. */
      if (!xf_spool_finish (config->spool_dir, file, remove, &local))
        g_warning ("spool: %s", local->message);
    }
}

void
xf_poll_queue (const XfPoll *poll, XfPollStats *stats)
{
  g_autoptr(GDateTime) now = xf_clock_now ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  due = xf_store_due (poll->store, g_date_time_to_unix (now), &error);
  if (due == NULL)
    {
      g_warning ("queue: %s", error->message);
      stats->source_errors++;
      return;
    }
  for (guint i = 0; i < due->len && !should_stop (poll); i++)
    {
      const XfQueued *queued = g_ptr_array_index (due, i);
      g_auto(XfOutcome) outcome = { 0 };
      g_autoptr(GError) local = NULL;

      g_message ("document %" G_GINT64_FORMAT " taken from the queue"
                 " (%s, attempt %u)", queued->id, queued->channel,
                 queued->attempts + 1);
      if (xf_pipeline_process (poll->pipeline, queued, "xinfang", &outcome,
                               &local))
        stats->filed++;
      else if (outcome.quarantined)
        stats->quarantined++;
      else if (local != NULL && local->domain == XF_ERROR
               && (local->code == XF_ERROR_STORE
                   || local->code == XF_ERROR_TRANSIENT))
        {
          /* Not the document's fault, and nothing recorded: stop here and
           * let the next pass try again.  Told to stop, that is no error. */
          if (should_stop (poll))
            {
              g_message ("queue: document %" G_GINT64_FORMAT ": %s",
                         queued->id, local->message);
              return;
            }
          g_warning ("queue: document %" G_GINT64_FORMAT ": %s", queued->id,
                     local->message);
          stats->source_errors++;
          return;
        }
      else
        stats->failed++;
    }
}

void
xf_poll_once (const XfPoll *poll, XfPollStats *stats)
{
  xf_poll_spool (poll, stats);
  if (!poll->skip_imap && poll->config->imap_url != NULL
      && !should_stop (poll))
    xf_poll_imap (poll, stats);
  if (!should_stop (poll))
    xf_poll_queue (poll, stats);
}

int
xf_poll_lock (const char *home, GError **error)
{
  g_autofree char *path = g_build_filename (home, "intake.lock", NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_STORE, "%s: %s", path,
                   g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;
      char holder[32] = "";
      ssize_t n = pread (fd, holder, sizeof holder - 1, 0);
      if (n > 0)
        holder[n] = '\0';
      g_strchomp (holder);
      close (fd);
      if (saved == EWOULDBLOCK)
        g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                     "another poll or daemon is running on %s%s%s%s", home,
                     *holder ? " (process " : "", holder, *holder ? ")" : "");
      else
        g_set_error (error, XF_ERROR, XF_ERROR_STORE, "%s: %s", path,
                     g_strerror (saved));
      return -1;
    }
  /* Who holds it, for the message another process prints. */
  {
    char pid[32];
    int len = g_snprintf (pid, sizeof pid, "%ld\n", (long) getpid ());
    if (ftruncate (fd, 0) != 0 || pwrite (fd, pid, (size_t) len, 0) != len)
      g_debug ("cannot write the pid to %s", path);
  }
  return fd;
}
