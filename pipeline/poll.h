/* One pass over every configured source, then the queue: what `xinfang
 * poll` does once and `xinfang daemon` does on an interval.  Each source is
 * received first (kept and committed, then acknowledged at the source), and
 * the queue then reads and files what was received, retrying what failed
 * before once its delay has passed. */
#pragma once

#include <glib.h>
#include "common/common.h"
#include "pipeline/pipeline.h"

G_BEGIN_DECLS

typedef struct {
  guint received;        /* new documents kept */
  guint again;           /* items already kept: not kept twice */
  guint filed;           /* documents filed as cases */
  guint failed;          /* documents that failed, to be retried */
  guint quarantined;     /* documents that failed for the last time */
  guint rejected;        /* spool files set aside in rejected/ (empty, over
                            the size limit, metadata without its fax) */
  guint source_errors;   /* sources that could not be read this pass */
  gboolean imap_failed;  /* the mailbox could not be read (transient) */
  gboolean config_error; /* a source's configuration is wrong (a refused
                            login, a bad folder): retrying will not help */
} XfPollStats;

/* Asked between items; TRUE stops the pass (the item in hand is
 * finished first). */
typedef gboolean (*XfPollStopFunc) (gpointer user_data);

typedef struct {
  XfPipeline *pipeline;
  XfStore *store;
  const XfConfig *config;
  XfPollStopFunc stop;   /* may be NULL */
  gpointer stop_data;
  gboolean skip_imap;    /* the daemon backs off a failing mailbox */
  GHashTable *told;      /* may be NULL; what was already reported (a
                            message left in the mailbox, a fax dated ahead
                            of the clock; keys g_strdup'd into it), so a
                            daemon warns of each once, not every pass */
} XfPoll;

/* Takes the complete files of [spool] dir as faxes. */
void xf_poll_spool (const XfPoll *poll, XfPollStats *stats);

/* Takes every message of [imap] url not taken before (poll-imap.c). */
void xf_poll_imap (const XfPoll *poll, XfPollStats *stats);

/* Reads and files every document due in the queue. */
void xf_poll_queue (const XfPoll *poll, XfPollStats *stats);

/* The spool and the mailbox (those configured), then the queue. */
void xf_poll_once (const XfPoll *poll, XfPollStats *stats);

/* Takes the lock that keeps one poll or daemon per home (a lock file in
 * @home, released when the returned descriptor is closed or the process
 * ends).  -1 with an error naming the holder when it is taken. */
int xf_poll_lock (const char *home, GError **error);

G_END_DECLS
