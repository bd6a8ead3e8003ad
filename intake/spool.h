/* The fax gateway's spool folder.  A gateway (a HylaFAX faxrcvd hook, an
 * Asterisk ReceiveFAX dialplan, anything) drops TIFF or PDF files in it,
 * optionally each with NAME.meta beside it (key=value lines: sender, pages,
 * received).  A poll claims each complete file by renaming it into work/,
 * and after the item is committed moves it to done/ or deletes it.  A crash
 * leaves claimed files in work/, where the next poll takes them again. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;        /* the file's name as the gateway gave it */
  char *path;        /* where it is now: DIR/work/NAME */
  char *meta_path;   /* DIR/work/NAME.meta, or NULL when there was none */
  char *sender;      /* the sender's TSI or caller id from the metadata,
                        or NULL */
  gint64 size;
} XfSpoolFile;

/* What a claim did besides the files it returns. */
typedef struct {
  guint rejected;    /* set aside in rejected/ with a reason */
  guint unclaimed;   /* could not be moved (permissions, a full disk):
                        left where they are, warned of */
} XfSpoolCounts;

void xf_spool_file_free (XfSpoolFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfSpoolFile, xf_spool_file_free)

/* Claims the complete files of spool folder @dir: regular files not
 * starting with '.', not ending in ".meta", unchanged for @settle_seconds
 * (not growing), as is their metadata, moved with their metadata into
 * @dir/work/ (created if needed).  A NAME.meta alone for a minute and
 * @settle_seconds joins NAME in work/ when it is there, and is otherwise
 * set aside in rejected/ with a reason.  Files left in work/ by an interrupted poll come first.  A file
 * over @max_bytes is moved to @dir/rejected/ with NAME.reason beside it and
 * not returned.  A file dated ahead of the clock waits, with a warning
 * given once for it in @told (a set of strings the caller keeps across
 * claims, like XfPoll.told; NULL: warned each time).  Returns XfSpoolFile*
 * in name order, or NULL with an error when the folder itself cannot be
 * used. */
GPtrArray *xf_spool_claim (const char *dir, guint settle_seconds,
                           gint64 max_bytes, XfSpoolCounts *counts,
                           GHashTable *told, GError **error);

/* After @file was committed to the store: moves it (and its metadata) to
 * @dir/done/, or removes it when @remove is TRUE. */
gboolean xf_spool_finish (const char *dir, const XfSpoolFile *file,
                          gboolean remove, GError **error);

/* Moves @file out of the way into @dir/rejected/, with NAME.reason holding
 * @reason, so that an operator can look at it: nothing is lost. */
gboolean xf_spool_reject (const char *dir, const XfSpoolFile *file,
                          const char *reason, GError **error);

G_END_DECLS
