/* The store: one SQLite database (WAL) and a content-addressed blob folder
 * under the home folder.  It keeps every original byte for byte, documents
 * and their pages, cases numbered per year, field revisions and the
 * append-only audit log.  Filing is one transaction: all of it or none. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct XfStore XfStore;

/* Opens (creating if needed, mode 0700) the home folder @home with its
 * xinfang.db and blobs/, and brings the schema up to date.
 * Returns the store (xf_store_close) or NULL with XF_ERROR_STORE. */
XfStore *xf_store_open (const char *home, GError **error);
void xf_store_close (XfStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfStore, xf_store_close)

/* The home folder the store was opened in. */
const char *xf_store_home (XfStore *store);

/* The schema version of the open database. */
int xf_store_schema_version (XfStore *store);

/* The path of the blob with hex SHA-256 @sha256 (g_free); the file exists
 * only if a committed row refers to it or a crash interrupted a filing. */
char *xf_store_blob_path (XfStore *store, const char *sha256);

typedef struct {
  guint n;                /* 1-based page number */
  const char *text;       /* UTF-8 */
  double confidence;      /* 0..1, or a negative number when unknown */
  GBytes *image;          /* page image (PNG), or NULL when the raw item
                             itself is the page image or there is none */
  gboolean image_is_raw;  /* the raw item is this page's image */
  const char *words_json; /* word texts, boxes, confidences; may be NULL */
} XfPageRecord;

typedef struct {
  const char *name;       /* one of the field names */
  const char *value;
  double confidence;      /* 0..1 */
  const char *source;     /* "ocr" | "rule" | "clerk" */
} XfFieldRecord;

typedef struct {
  const char *channel;    /* "letter" | "fax" | "email" */
  const char *source_key; /* where it came from, e.g. "file:NAME" */
  const char *filename;   /* may be NULL */
  const char *media_type; /* "png", "tiff", "email", ... */
  const char *message_id; /* may be NULL */
  GBytes *raw;            /* the original, byte for byte */
  GPtrArray *pages;       /* XfPageRecord*, in page order */
  GPtrArray *fields;      /* XfFieldRecord* */
  const char *actor;      /* who filed it, for the audit log */
  const char *topic;      /* the classifier's topic key, or NULL */
  double topic_score;
  int flags;              /* XF_FLAG_* bits, or -1 when not classified */
  /* Repeats: the keys this document adds to the repeat index, and its
   * signature, kept with it; both may be NULL. */
  const char *const *index_keys;
  const char *signature;
  /* A repeat: the case this item joins as a further item (its fields are
   * added where the case has none and no clerk set them), with the
   * decision's score and reasons (JSON) for the audit log.  NULL files a
   * new case. */
  const char *join_case;
  const char *repeat_detail;
  /* A new case about the same matter as this one by another person: linked
   * as related.  May be NULL. */
  const char *related_case;
} XfFiling;

/* The flags of a case, as stored. */
enum {
  XF_FLAG_COLLECTIVE = 1 << 0,
  XF_FLAG_THREAT = 1 << 1,
  XF_FLAG_URGENT = 1 << 2,
};

typedef struct {
  gint64 document_id;
  char *case_number;      /* g_free */
  gboolean duplicate;     /* the same bytes were already received */
  gboolean repeat;        /* joined an existing case (XfFiling.join_case) */
} XfFiled;

void xf_filed_clear (XfFiled *filed);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XfFiled, xf_filed_clear)

/* Looks up a document by the SHA-256 of its raw bytes.  Returns TRUE and
 * fills @filed (duplicate = TRUE) when found, FALSE without error when not,
 * FALSE with an error on a database failure. */
gboolean xf_store_find_document (XfStore *store, const char *sha256,
                                 XfFiled *filed, GError **error);

/* Files @filing as a new case in one transaction: blobs (written, fsynced
 * and renamed into place first), the document, its pages, the case with the
 * next number of the current year, the fields and the audit rows.  If the
 * same raw bytes were already received, nothing is written and @filed
 * describes the existing document (duplicate = TRUE).  On failure nothing
 * is left: the transaction is rolled back and blobs it created removed. */
gboolean xf_store_file_new_case (XfStore *store, const XfFiling *filing,
                                 XfFiled *filed, GError **error);

typedef struct {
  char *number;
  char *status;
  char *topic;            /* NULL until classified */
  double topic_score;     /* meaningful only when topic is set */
  char *channel;          /* the first item's */
  GArray *documents;      /* gint64 ids, in order received */
  guint repeat_count;     /* documents beyond the first */
  char *first_received;   /* ISO 8601 */
  char *last_received;
  int flags;              /* XF_FLAG_* bits, or -1 when not classified */
} XfCaseSummary;

typedef struct {
  gint64 id;
  char *channel;
  char *source_key;
  char *filename;
  char *media_type;
  char *sha256;
  char *received_at;
  char *state;
  guint pages;
  char *text;             /* all pages' text, pages separated by "\f\n" */
  double confidence;      /* mean page confidence, negative if unknown */
} XfDocumentInfo;

typedef struct {
  char *name;
  char *value;            /* NULL when the latest revision cleared it */
  double confidence;
  char *source;
  char *by;
  char *at;
  guint revisions;        /* how many revisions this field has */
} XfFieldValue;

typedef struct {
  gint64 id;
  char *at;
  char *actor;
  char *action;
  gint64 document_id;     /* 0 when none */
  char *detail;           /* JSON text, may be NULL */
} XfAuditEntry;

/* Another case about the same matter by another person. */
typedef struct {
  char *number;
  char *detail;           /* the decision as JSON (score, reasons), or NULL */
} XfRelatedCase;

typedef struct {
  XfCaseSummary *summary;
  GPtrArray *documents;   /* XfDocumentInfo* */
  GPtrArray *fields;      /* XfFieldValue*: the latest revision of each */
  GPtrArray *history;     /* XfAuditEntry*, oldest first */
  GPtrArray *related;     /* XfRelatedCase*, either way linked */
} XfCase;

void xf_case_summary_free (XfCaseSummary *summary);
void xf_case_free (XfCase *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfCaseSummary, xf_case_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfCase, xf_case_free)

/* The statuses a case has now, NULL-terminated: "new", and "merged" for
 * one merged into another. */
extern const char *const xf_case_statuses[];

/* Cases, newest first; @status and @topic filter when not NULL.  Returns an
 * array of XfCaseSummary* owning them, or NULL with an error. */
GPtrArray *xf_store_list_cases (XfStore *store, const char *status,
                                const char *topic, GError **error);

/* One case by number.  NULL with XF_ERROR_NOT_FOUND when there is none. */
XfCase *xf_store_get_case (XfStore *store, const char *number, GError **error);

/* A clerk's correction: a new revision of @field (source "clerk") by @by,
 * with an audit row holding the old and new values.  @value NULL clears.
 * XF_ERROR_NOT_FOUND if the case does not exist. */
gboolean xf_store_set_field (XfStore *store, const char *number,
                             const char *field, const char *value,
                             const char *by, GError **error);

/* A clerk's choice of topic, audited the same way. */
gboolean xf_store_set_topic (XfStore *store, const char *number,
                             const char *topic, const char *by,
                             GError **error);

/* A case whose topic a clerk chose: training data for the next model. */
typedef struct {
  char *number;
  char *topic;
  char *text;             /* all its documents' pages */
} XfCorrectedTopic;

void xf_corrected_topic_free (XfCorrectedTopic *c);

/* Every case whose topic was set by a clerk (`xinfang set CASE topic`),
 * with the topic it has now.  XfCorrectedTopic*, or NULL with an error. */
GPtrArray *xf_store_corrected_topics (XfStore *store, GError **error);

/* ---- Repeats ---- */

/* The signatures of a candidate case given to judge: its latest
 * documents'. */
#define XF_REPEAT_SIGNATURES_PER_CASE 20
/* The cases one key gives at most, the latest: a key that many cases have
 * (a big employer's trade name) says little, and the writer's own keys
 * still find the older ones. */
#define XF_REPEAT_CASES_PER_KEY 200

typedef struct {
  char *number;           /* the case */
  GPtrArray *signatures;  /* char*: its documents' signatures, latest first */
  guint matched;          /* the weight of the asked keys it has (an ID
                             number, phone or name with employer 8, a
                             name 2, others 1) */
} XfRepeatCandidate;

void xf_repeat_candidate_free (XfRepeatCandidate *c);

/* The open cases (not merged into another) that have any of @keys in the
 * repeat index, the most (weighted) keys matched first, at most @limit.  An index lookup
 * per key, never a scan of all cases.  XfRepeatCandidate*, or NULL with an
 * error. */
GPtrArray *xf_store_repeat_candidates (XfStore *store,
                                       const char *const *keys, guint limit,
                                       GError **error);

/* A clerk merges case @from into case @into: its items, index keys and
 * links move, @from is marked merged (status "merged").  Audited on both.
 * XF_ERROR_NOT_FOUND for a missing case, XF_ERROR_INVALID_INPUT for a case
 * into itself or one already merged. */
gboolean xf_store_merge_cases (XfStore *store, const char *from,
                               const char *into, const char *by,
                               GError **error);

/* A clerk splits document @document_id off case @number into a new case
 * (its number in @new_number, g_free), with the document's index keys and
 * the case's topic and flags; @rewrite (may be NULL) then re-signs the
 * document as xf_store_resign_case() does, in the same transaction.
 * Audited on both.  XF_ERROR_INVALID_INPUT when the document is not on the
 * case or is its only item. */
typedef gboolean (*XfResignFunc) (const char *signature, char **new_signature,
                                  char ***keys, gpointer user_data);
gboolean xf_store_split_case (XfStore *store, const char *number,
                              gint64 document_id, const char *by,
                              XfResignFunc rewrite, gpointer user_data,
                              char **new_number, GError **error);

/* Gives the repeat signature of each document of case @number to @rewrite,
 * which returns TRUE with a new signature and the index keys that replace
 * the document's (both g_free'd here), or FALSE to leave it; all in one
 * transaction.  So a clerk's correction of who wrote reaches the repeat
 * check. */
gboolean xf_store_resign_case (XfStore *store, const char *number,
                               XfResignFunc rewrite, gpointer user_data,
                               GError **error);

/* ---- Receiving first: the queue, retries and the IMAP ledger ---- */

typedef struct {
  const char *channel;    /* "letter" | "fax" | "email" */
  const char *source_key; /* where it came from, e.g. "spool:NAME" */
  const char *filename;   /* may be NULL */
  const char *media_type; /* sniffed from the content */
  const char *message_id; /* may be NULL */
  const char *sender;     /* a fax's TSI or caller id; may be NULL */
  GBytes *raw;            /* the original, byte for byte */
  const char *actor;      /* who receives it, for the audit log */
  /* The IMAP ledger entry this receipt records, when mailbox is set. */
  const char *mailbox;
  guint32 uidvalidity;
  guint32 uid;
} XfReceipt;

typedef struct {
  gint64 document_id;
  gboolean duplicate;     /* the same bytes, or a mail with the same
                             Message-ID, were received before */
} XfReceived;

/* Keeps @receipt's raw bytes and a document row in state "received", in one
 * transaction together with its ledger entry.  The same bytes (or, for
 * mail, the same Message-ID) again write no second document: @received
 * names the first one (duplicate = TRUE), and the ledger entry still
 * records the UID as taken.  After this returns TRUE the item may be
 * acknowledged at its source. */
gboolean xf_store_receive (XfStore *store, const XfReceipt *receipt,
                           XfReceived *received, GError **error);

/* The UIDs of @mailbox under @uidvalidity already taken: a table from
 * GUINT_TO_POINTER (uid) to GINT_TO_POINTER (1), or 2 once the after-action
 * was done at the server.  NULL with an error on a database failure. */
GHashTable *xf_store_ledger (XfStore *store, const char *mailbox,
                             guint32 uidvalidity, GError **error);

/* Records that the after-action for @uid was done at the server. */
gboolean xf_store_ledger_acted (XfStore *store, const char *mailbox,
                                guint32 uidvalidity, guint32 uid,
                                GError **error);

/* A document not (yet) filed, as the queue and the operator see it. */
typedef struct {
  gint64 id;
  char *channel;
  char *source_key;
  char *filename;
  char *media_type;
  char *sha256;
  char *sender;
  char *received_at;
  char *state;            /* "received" | "failed" | "quarantined" */
  guint attempts;
  char *last_error;       /* NULL until an attempt failed */
  gint64 retry_after;     /* Unix time of the next attempt; 0: now */
  guint begun;            /* readings begun that never ended: the process
                             died while reading it */
} XfQueued;

void xf_queued_free (XfQueued *queued);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfQueued, xf_queued_free)

/* Documents due at @now (Unix time): received, or failed and past their
 * retry time; oldest first.  XfQueued*, or NULL with an error. */
GPtrArray *xf_store_due (XfStore *store, gint64 now, GError **error);

/* Every document not filed, oldest first; @state filters when not NULL. */
GPtrArray *xf_store_list_unfiled (XfStore *store, const char *state,
                                  GError **error);

/* One document not filed, by id; NULL with XF_ERROR_NOT_FOUND when there
 * is no such document or it is filed. */
XfQueued *xf_store_get_unfiled (XfStore *store, gint64 document_id,
                                GError **error);

/* The bytes of blob @sha256, or NULL with an error. */
GBytes *xf_store_read_blob (XfStore *store, const char *sha256,
                            GError **error);

/* Files the reading of the received document @document_id as a new case,
 * in one transaction: pages, case, fields, audit, and state "filed".  Only
 * @filing's pages, fields, media_type, channel and actor are used.  If
 * another process filed it meanwhile, nothing is written and @filed names
 * its case (duplicate = TRUE). */
gboolean xf_store_file_received (XfStore *store, gint64 document_id,
                                 const XfFiling *filing, XfFiled *filed,
                                 GError **error);

/* A failed attempt at @document_id: the reason is kept, attempts counted,
 * and the next attempt set @retry_seconds × 2^(attempts − 1) from now; at
 * @max_attempts the document is quarantined instead (@quarantined TRUE).
 * Audited. */
gboolean xf_store_fail (XfStore *store, gint64 document_id,
                        const char *reason, guint max_attempts,
                        guint retry_seconds, const char *actor,
                        gboolean *quarantined, GError **error);

/* Notes, in a commit of its own, that reading @document_id begins; a
 * reading that fails, files or is ended with xf_store_end_reading() is no
 * longer counted in XfQueued.begun. */
gboolean xf_store_begin_reading (XfStore *store, gint64 document_id,
                                 GError **error);

/* A reading of @document_id ended with nothing to record about the
 * document (the store was busy): it no longer counts as begun, while
 * readings interrupted before still do. */
gboolean xf_store_end_reading (XfStore *store, gint64 document_id,
                               GError **error);

/* An operator's retry: a failed or quarantined document due again now,
 * with its attempts counted from zero.  Audited.  XF_ERROR_NOT_FOUND when
 * there is no such document not filed. */
gboolean xf_store_requeue (XfStore *store, gint64 document_id,
                           const char *by, GError **error);

G_END_DECLS
