/* The chairman's mailbox: every UID not in the ledger is fetched, received
 * (raw bytes, document and ledger entry in one commit), and only then
 * acknowledged at the server with [imap] after.  The ledger, not \Seen,
 * decides what is new: staff read this mailbox in their own mail client. */
#define G_LOG_DOMAIN "xf-pipeline"
#include "pipeline/poll.h"

#include "intake/imap.h"

/* Records a source error of the mailbox; a configuration error is one that
 * retrying cannot mend. */
static void
mailbox_error (XfPollStats *stats, const GError *error)
{
  /* The intake's own errors already start with "imap: ". */
  g_warning ("%s%s", g_str_has_prefix (error->message, "imap: ") ? "" : "imap: ",
             error->message);
  stats->source_errors++;
  if (g_error_matches (error, XF_ERROR, XF_ERROR_CONFIG))
    stats->config_error = TRUE;
  else
    stats->imap_failed = TRUE;
}

/* Reports that @uid stays in the mailbox (@until: why it may come later)
 * for @error: a warning and a source error the first time, and only a
 * debug line on the daemon's later passes. */
static void
left_in_mailbox (const XfPoll *poll, XfPollStats *stats, const char *key,
                 guint32 uid, const char *until, const GError *error)
{
  if (poll->told != NULL && g_hash_table_contains (poll->told, key))
    {
      g_debug ("imap: UID %u still left in the mailbox%s: %s", uid, until,
               error->message);
      return;
    }
  g_warning ("imap: UID %u left in the mailbox%s: %s", uid, until,
             error->message);
  stats->source_errors++;
  if (poll->told != NULL)
    g_hash_table_add (poll->told, g_strdup (key));
}

/* Fetches and receives @uid.  FALSE when the pass should end here. */
static gboolean
take_message (const XfPoll *poll, XfImap *imap, guint32 uid,
              XfPollStats *stats, gboolean *taken)
{
  const char *mailbox = xf_imap_mailbox_key (imap);
  guint32 uidvalidity = xf_imap_uidvalidity (imap);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *source_key = NULL;
  XfReceived received = { 0 };

  *taken = FALSE;
  source_key = g_strdup_printf ("imap:%s;UIDVALIDITY=%u;UID=%u", mailbox,
                                uidvalidity, uid);
  raw = xf_imap_fetch (imap, uid, &error);
  if (raw == NULL)
    {
      if (g_error_matches (error, XF_ERROR, XF_ERROR_NOT_FOUND))
        return TRUE;   /* deleted at the server meanwhile */
      if (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT))
        {
          /* Left in the mailbox for a person to deal with. */
          left_in_mailbox (poll, stats, source_key, uid, "", error);
          return TRUE;
        }
      if (!g_error_matches (error, XF_ERROR, XF_ERROR_CONFIG)
          && xf_imap_answers (imap, NULL))
        {
          /* The server answers, but not with this message (a file of its
           * own it cannot read): the message waits for the next pass, and
           * those after it are not held up. */
          left_in_mailbox (poll, stats, source_key, uid,
                           " until the server hands it over", error);
          return TRUE;
        }
      mailbox_error (stats, error);
      return FALSE;
    }
  if (poll->told != NULL)
    g_hash_table_remove (poll->told, source_key);
  XfItem item = {
    .source_key = source_key,
    .raw = raw,
    .actor = "imap",
    .mailbox = mailbox,
    .uidvalidity = uidvalidity,
    .uid = uid,
  };
  if (!xf_pipeline_receive (poll->pipeline, &item, &received, &error))
    {
      g_warning ("imap: UID %u: %s", uid, error->message);
      stats->source_errors++;
      return FALSE;
    }
  if (received.duplicate)
    stats->again++;
  else
    stats->received++;
  *taken = TRUE;
  return TRUE;
}

/* Does [imap] after for @uid, stored already, and notes it in the ledger.
 * FALSE when the pass should end here. */
static gboolean
acknowledge (const XfPoll *poll, XfImap *imap, guint32 uid,
             XfPollStats *stats)
{
  g_autoptr(GError) error = NULL;

  if (!xf_imap_after (imap, uid, poll->config->imap_after, &error))
    {
      mailbox_error (stats, error);
      return FALSE;
    }
  if (!xf_store_ledger_acted (poll->store, xf_imap_mailbox_key (imap),
                              xf_imap_uidvalidity (imap), uid, &error))
    {
      g_warning ("imap: %s", error->message);
      stats->source_errors++;
      return FALSE;
    }
  return TRUE;
}

void
xf_poll_imap (const XfPoll *poll, XfPollStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfImap) imap = NULL;
  g_autoptr(GHashTable) ledger = NULL;
  g_autoptr(GArray) uids = NULL;

  imap = xf_imap_connect (poll->config, &error);
  if (imap == NULL)
    {
      mailbox_error (stats, error);
      return;
    }
  ledger = xf_store_ledger (poll->store, xf_imap_mailbox_key (imap),
                            xf_imap_uidvalidity (imap), &error);
  if (ledger == NULL)
    {
      g_warning ("imap: %s", error->message);
      stats->source_errors++;
      return;
    }
  uids = xf_imap_list_uids (imap, &error);
  if (uids == NULL)
    {
      mailbox_error (stats, error);
      return;
    }

  for (guint i = 0; i < uids->len; i++)
    {
      guint32 uid = g_array_index (uids, guint32, i);
      int state = GPOINTER_TO_INT (g_hash_table_lookup (
          ledger, GUINT_TO_POINTER (uid)));
      gboolean taken = state > 0;

      if (state == 2)
        continue;     /* stored and acknowledged: left there by [imap] after */
      if (poll->stop != NULL && poll->stop (poll->stop_data))
        return;
      if (state == 0 && !take_message (poll, imap, uid, stats, &taken))
        return;
      /* A UID stored by an interrupted pass is acknowledged now. */
      if (taken && !acknowledge (poll, imap, uid, stats))
        return;
    }
}
