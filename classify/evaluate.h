/* Measuring the understanding of letters against labelled ones: topic
 * accuracy and macro-F1, per-field precision and recall, flag precision,
 * recall and F1.  Used by `xinfang train`/`eval` and by the regression
 * test.  A labelled folder holds NNN.txt files and labels.jsonl, one
 * object per letter:
 *   {"file": "001.txt", "topic": "wages", "style": "formal",
 *    "fields": {"name": …, "id_number": …, "phone": …, "employer": …,
 *               "amount_yuan": 45200, "headcount": 25},
 *    "flags": {"collective": false, "threat": false, "urgent": false}} */
#pragma once

#include <glib.h>
#include "classify/classify.h"

G_BEGIN_DECLS

#define XF_EVAL_FIELDS 6   /* name id_number phone employer amount_yuan
                              headcount */
#define XF_EVAL_FLAGS 3    /* collective threat urgent */

typedef struct {
  char *file;          /* as in labels.jsonl */
  char *text;          /* the letter */
  char *topic;
  char *style;         /* may be NULL */
  char *fields[XF_EVAL_FIELDS];  /* gold values as text, NULL when none */
  gboolean flags[XF_EVAL_FLAGS];
} XfLabelled;

void xf_labelled_free (XfLabelled *letter);

/* The labelled letters of @dir, in the order of its labels.jsonl.  Errors
 * name the file and line. */
GPtrArray *xf_eval_load (const char *dir, GError **error);

extern const char *const xf_eval_field_names[];  /* XF_EVAL_FIELDS */
extern const char *const xf_eval_flag_names[];   /* XF_EVAL_FLAGS */

typedef struct {
  guint letters;
  guint topic_correct;
  double topic_accuracy;
  double topic_macro_f1;
  double topic_f1[14];                /* per topic, xf_topic_keys order */
  guint field_gold[XF_EVAL_FIELDS];   /* letters with a gold value */
  guint field_found[XF_EVAL_FIELDS];  /* letters where a value was found */
  guint field_right[XF_EVAL_FIELDS];  /* found and equal to the gold one */
  guint flag_tp[XF_EVAL_FLAGS], flag_fp[XF_EVAL_FLAGS], flag_fn[XF_EVAL_FLAGS];
  double seconds;                     /* understanding only, all letters */
  GPtrArray *misses;                  /* char*: "003.txt topic: wages → …" */
} XfEvalReport;

void xf_eval_report_clear (XfEvalReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XfEvalReport, xf_eval_report_clear)

/* Understands each letter (its text, or @texts[i] when @texts is not NULL:
 * the OCR reading of letter i, with @confidences[i]) and scores it. */
void xf_eval_run (const XfTopicModel *model, GPtrArray *letters,
                  GPtrArray *texts, const double *confidences,
                  guint collective_threshold, XfEvalReport *report);

/* Whether the found value @found equals the gold value @gold of field
 * @index: phones compare by digits, ID numbers case-insensitively, numbers
 * as integers, names and employers as text without spaces. */
gboolean xf_eval_field_equal (guint index, const char *gold,
                              const char *found);

double xf_eval_precision (guint right, guint found);
double xf_eval_recall (guint right, guint gold);

G_END_DECLS
