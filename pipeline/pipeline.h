/* The one path from a received item to a filed case: read it (MIME, text,
 * OCR), understand it (fields), and file it in the store.  `add` uses it
 * now; `poll` and the daemon go through the same path. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "common/common.h"
#include "classify/classify.h"
#include "classify/repeats.h"
#include "ocr/ocr.h"
#include "store/store.h"

G_BEGIN_DECLS

typedef struct XfPipeline XfPipeline;

/* A pipeline filing into @store with @config's limits.  Neither is owned;
 * both must outlive the pipeline.  OCR runs in [ocr] workers processes
 * (default: one per core), started on the first image, each loading its
 * model once.  Free with xf_pipeline_free(). */
XfPipeline *xf_pipeline_new (XfStore *store, const XfConfig *config);
void xf_pipeline_free (XfPipeline *pipeline);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfPipeline, xf_pipeline_free)

/* After a clerk's correction of @field of case @number to @value (NULL:
 * cleared), the signatures its letters are judged by, and the repeat
 * index, carry it: a later letter meets the case by the corrected name, ID
 * number or phone.  Other fields leave them as they are (TRUE). */
gboolean xf_pipeline_correct_identity (XfStore *store, const char *number,
                                       const char *field, const char *value,
                                       GError **error);

/* A clerk splits document @document_id off case @number into a new case
 * (xf_store_split_case()), which knows the letter by what it says itself:
 * the name, ID number, employer, boss and sums it took from the case it had
 * joined, and what a clerk set on that case where the letter said nothing,
 * are given back.  (Signatures stored before these were marked give
 * nothing back.) */
gboolean xf_pipeline_split_case (XfStore *store, const char *number,
                                 gint64 document_id, const char *by,
                                 char **new_number, GError **error);

/* Asked between the attachments of a mail; TRUE stops the reading there
 * with XF_ERROR_TRANSIENT, which costs the document nothing: the daemon
 * told to stop need not read a long mail to its end first. */
typedef gboolean (*XfPipelineStopFunc) (gpointer user_data);
void xf_pipeline_set_stop (XfPipeline *pipeline, XfPipelineStopFunc stop,
                           gpointer user_data);

typedef struct {
  const char *channel;    /* "letter" | "fax" | "email", or NULL to judge
                             from the content */
  const char *source_key; /* where it came from */
  const char *filename;   /* may be NULL */
  GBytes *raw;            /* the item, byte for byte */
  const char *actor;      /* who receives it, for the audit log */
  const char *sender;     /* a fax's TSI or caller id; may be NULL */
  /* Where an IMAP item came from, for the ledger; mailbox NULL otherwise. */
  const char *mailbox;
  guint32 uidvalidity;
  guint32 uid;
} XfItem;

typedef struct {
  char *name;
  char *value;
  double confidence;
} XfOutcomeField;

typedef struct {
  gint64 document_id;
  char *case_number;
  gboolean duplicate;     /* already received: nothing new was filed */
  char *channel;
  char *media_type;
  guint pages;
  char *text;             /* NULL for a duplicate */
  GPtrArray *fields;      /* XfOutcomeField*; empty for a duplicate */
  gboolean quarantined;   /* processing failed for the last time */
  char *repeat_of;        /* the case it joined as a repeat, or NULL */
  char *related_to;       /* a new case's related case, or NULL */
  char *repeat_detail;    /* the decision behind either, as JSON, or NULL */
} XfOutcome;

void xf_outcome_clear (XfOutcome *outcome);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XfOutcome, xf_outcome_clear)

/* Reads, understands and files @item.  The same bytes again are not filed
 * twice: @outcome then names the existing document and case.  On failure
 * nothing is written and @error says why (XF_ERROR_INVALID_INPUT,
 * XF_ERROR_LIMIT, XF_ERROR_UNSUPPORTED for the item; others for the store). */
gboolean xf_pipeline_file (XfPipeline *pipeline, const XfItem *item,
                           XfOutcome *outcome, GError **error);

/* Receives @item: keeps its raw bytes and a document in state "received"
 * (with the IMAP ledger entry when @item has one), committed before this
 * returns, so that the caller may then acknowledge it at its source.  The
 * media type is sniffed, and a mail's Message-ID read, but nothing else.
 * The same item again is a duplicate (@received says so), never a second
 * document. */
gboolean xf_pipeline_receive (XfPipeline *pipeline, const XfItem *item,
                              XfReceived *received, GError **error);

/* Reads, understands and files the received document @queued.  When that
 * fails for a reason of the document (unreadable, over a limit, OCR crash
 * or timeout), the failure is recorded in the store: retried later with a
 * growing delay, quarantined after [daemon] max_attempts
 * (@outcome->quarantined); FALSE is returned with the reason.  A store
 * failure records nothing. */
gboolean xf_pipeline_process (XfPipeline *pipeline, const XfQueued *queued,
                              const char *actor, XfOutcome *outcome,
                              GError **error);

/* The topic model of @home (its topic-model.txt, made by `xinfang train`
 * from the office's own corrections), else the built-in one. */
XfTopicModel *xf_pipeline_load_model (const char *home);
/* Adds @bp to what the repeat check leaves out (`xinfang eval --repeats`
 * learns it from the letters it files). */
void xf_pipeline_add_boilerplate (XfPipeline *pipeline,
                                  const XfBoilerplate *bp);

/* The number of OCR workers @config asks for: [ocr] workers, or one per
 * core when it is 0. */
guint xf_pipeline_ocr_workers (const XfConfig *config);

/* A pool of OCR workers as @config sets them: languages, limits, time
 * and memory.  Free with xf_ocr_pool_free(). */
XfOcrPool *xf_pipeline_ocr_pool_new (const XfConfig *config);

/* Adds @words (XfOcrWord) to @b as the JSON array of the ocr shape,
 * [{"text", "confidence", "box": [x, y, w, h]}]: the same shape is stored
 * with each page and printed by `xinfang ocr --json`. */
void xf_pipeline_build_words (JsonBuilder *b, GArray *words);

/* Starts reading @raw in an idle OCR worker, if it is an image not yet
 * received, so that a stack of files keeps every core busy; a later
 * xf_pipeline_file() of the same bytes takes the result.  Does nothing when
 * every worker is busy.  Never fails: errors surface when it is filed. */
void xf_pipeline_prefetch (XfPipeline *pipeline, GBytes *raw);

G_END_DECLS
