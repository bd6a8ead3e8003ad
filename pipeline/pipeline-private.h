/* What the pipeline's files share and nothing else sees. */
#pragma once

#include "classify/classify.h"
#include "classify/repeats.h"
#include "store/store.h"

/* The repeat check's answer for one letter, owned, for an XfFiling. */
typedef struct {
  char *signature;     /* XfFiling.signature */
  char **keys;         /* XfFiling.index_keys */
  char *join_case;     /* a repeat of this case, or NULL */
  char *related_case;  /* else a new case related to this one, or NULL */
  char *detail;        /* the decision as JSON (kind, case, score, reasons) */
} XfRepeatWork;

void xf_repeat_work_clear (XfRepeatWork *work);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XfRepeatWork, xf_repeat_work_clear)

/* Judges a letter (@text, its @fields and topic @guess) against the cases
 * the repeat index gives for its keys, with the boilerplate @bp and
 * @thresholds.  FALSE only when the store fails. */
gboolean xf_repeat_decide (XfStore *store, const XfBoilerplate *bp,
                           const XfRepeatThresholds *thresholds,
                           const char *text, GPtrArray *fields,
                           const XfTopicGuess *guess, XfRepeatWork *work,
                           GError **error);
