/* The shared ground of every module: the one error domain, the typed
 * configuration, and the autocleanups for library types that lack them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XF_ERROR (xf_error_quark ())

/* Codes are stable: never renumber, only append.  The daemon chooses retry
 * or quarantine from the code, never from the message text. */
typedef enum {
  XF_ERROR_FAILED = 0,        /* anything not covered below */
  XF_ERROR_INVALID_INPUT = 1, /* bad data: broken image, MIME, text */
  XF_ERROR_TRANSIENT = 2,     /* retry later: network, busy, locked */
  XF_ERROR_CONFIG = 3,        /* configuration file or value */
  XF_ERROR_NOT_FOUND = 4,     /* no such case, field, document */
  XF_ERROR_LIMIT = 5,         /* input over a configured limit */
  XF_ERROR_UNSUPPORTED = 6,   /* a format we recognise but cannot read */
  XF_ERROR_STORE = 7,         /* the database or the blob folder */
  XF_ERROR_WORKER = 8,        /* an OCR worker died or ran past its time on
                                 the item: it may read at another attempt */
} XfErrorCode;

GQuark xf_error_quark (void);

/* Configuration, parsed once from xinfang.conf (GLib key-file syntax).
 * Every key has a default except the source addresses. */
typedef struct {
  /* [imap] */
  char *imap_url;
  char *imap_ca_file;
  char *imap_user;
  char *imap_password_file;
  char *imap_after;
  char **imap_fax_senders;
  char *imap_tls;              /* "required" | "none" (loopback tests) */
  gint64 imap_timeout_seconds; /* connect and stall limit */
  gint64 imap_max_message_bytes;
  /* [spool] */
  char *spool_dir;
  char *spool_after;           /* "done" | "delete" */
  gint64 spool_settle_seconds; /* a file untouched this long is complete */
  /* [daemon] */
  gint64 daemon_interval;
  gint64 daemon_max_attempts;  /* then the document is quarantined */
  gint64 daemon_retry_seconds; /* first retry delay, doubled each time */
  /* [classify] */
  gint64 classify_collective_threshold; /* people that make a matter
                                           collective */
  char **classify_office_phones;        /* the office's own numbers: never
                                           a writer's phone */
  /* [repeats]: text similarity, in percent, from which the same writer's
   * letters are one matter where the topics do not meet, and from which
   * letters no identity vouches for are one writer's */
  gint64 repeats_matter_percent;
  gint64 repeats_anonymous_percent;
  /* [ocr] */
  gint64 ocr_workers;
  char *ocr_languages;
  gint64 ocr_max_file_bytes;
  gint64 ocr_max_pixels;
  gint64 ocr_max_pages;
  gint64 ocr_timeout_seconds;
  gint64 ocr_memory_limit_mb;  /* address space per OCR worker; 0: none */
} XfConfig;

/* Returns the configuration with every default filled in.  Free with
 * xf_config_free(). */
XfConfig *xf_config_new_defaults (void);

/* Reads PATH over the defaults.  A missing file is not an error (defaults
 * stand); an unknown group or key, or a value of the wrong type or out of
 * range, is XF_ERROR_CONFIG naming the file, group and key.  Returns a new
 * XfConfig (free with xf_config_free()) or NULL with @error set. */
XfConfig *xf_config_load (const char *path, GError **error);

void xf_config_free (XfConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfConfig, xf_config_free)

/* The local time now (g_date_time_unref).  The one clock every module asks;
 * tests replace it with -Wl,--wrap=xf_clock_now. */
GDateTime *xf_clock_now (void);

/* Checks an item's size before any work: empty is XF_ERROR_INVALID_INPUT,
 * over @max_bytes ([ocr] max_file_bytes) is XF_ERROR_LIMIT. */
gboolean xf_check_item_size (gint64 length, gint64 max_bytes, GError **error);

/* "ab…" hex SHA-256 of @data, 64 characters; free with g_free(). */
char *xf_sha256_hex (const guint8 *data, gsize length);

/* Removes the folder @path and all below it (symbolic links themselves,
 * not what they point to); what cannot be removed is left. */
void xf_remove_tree (const char *path);

G_END_DECLS

#include "common/autocleanups.h"
