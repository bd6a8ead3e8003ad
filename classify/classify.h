/* Understanding a letter's text: the petitioner's fields and their checks.
 * Takes text in and gives values out; never touches the store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The field names, in the order the JSON shapes list them. */
extern const char *const xf_field_names[];  /* NULL-terminated */

gboolean xf_field_name_is_known (const char *name);

typedef struct {
  const char *name;   /* static, one of xf_field_names */
  char *value;        /* normalised value (g_free) */
  double confidence;  /* 0..1: rule certainty x OCR confidence */
  gboolean repaired;  /* a look-alike swap made the check pass */
  gboolean sender;    /* read off a fax's or mail's 发 line: the sending
                         machine's (a copy shop's), no proof of the writer */
} XfField;

void xf_field_free (XfField *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfField, xf_field_free)

/* Checks an ID number (GB 11643): 18 characters with the MOD 11-2 check
 * digit and a real birth date, or a 15-digit legacy number, which is
 * upgraded.  Lower-case x is accepted.  On success returns TRUE and, if
 * @normalised is not NULL, the 18-character form with upper-case X
 * (g_free).  On failure returns FALSE with XF_ERROR_INVALID_INPUT saying why. */
gboolean xf_classify_check_id_number (const char *text, char **normalised,
                                      GError **error);

/* Checks a unified social credit code (GB 32100): 18 characters of
 * 0-9 and A-Z without I, O, S, V, Z, the last a mod-31 check character. */
gboolean xf_classify_check_uscc (const char *code);

/* Checks a phone number: a mobile 1[3-9]xxxxxxxxx, optionally after +86 or
 * 0086, or a landline with area code (0xx-xxxxxxxx).  Never the union
 * hotline 12351.  @normalised gets digits only for mobiles and
 * "0AREA-NUMBER" for landlines (g_free). */
gboolean xf_classify_check_phone (const char *text, char **normalised,
                                  GError **error);

/* Finds the fields in @text.  @ocr_confidence (0..1; 1 for born-digital
 * text) scales each field's confidence.  Returns an array of XfField*
 * owning its elements (g_ptr_array_unref), at most one per field name. */
GPtrArray *xf_classify_extract_fields (const char *text, double ocr_confidence);

/* Like xf_classify_extract_fields(), never taking one of @office_phones
 * (NULL-terminated, any written form; may be NULL) as the writer's. */
GPtrArray *xf_classify_extract_fields_except (const char *text,
                                              double ocr_confidence,
                                              const char *const *office_phones);

/* The topic keys of DESIGN.md, NULL-terminated; one primary per case. */
extern const char *const xf_topic_keys[];

gboolean xf_topic_is_known (const char *key);

/* The topic classifier (topic.c): naive Bayes over Han character unigrams
 * and bigrams, the keyword table as prior knowledge. */
typedef struct XfTopicModel XfTopicModel;

/* The model compiled into the binary (classify/topic-model.txt). */
XfTopicModel *xf_topic_model_builtin (void);
/* The repeat check's own model (classify/repeat-topic-model.txt): the
 * topics it compares letters by (best and runner-up) were calibrated with
 * it, so it does not move when the clerks' model is retrained. */
XfTopicModel *xf_topic_model_repeat_builtin (void);
/* A model file written by `xinfang train`; XF_ERROR_CONFIG naming @path
 * when it is not one. */
XfTopicModel *xf_topic_model_load (const char *path, GError **error);
XfTopicModel *xf_topic_model_parse (const char *data, gsize length,
                                    const char *origin, GError **error);
void xf_topic_model_free (XfTopicModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfTopicModel, xf_topic_model_free)

typedef struct {
  const char *topic;        /* static topic key */
  double score;             /* 0..1, the damped posterior */
  const char *second;       /* the runner-up, or NULL */
  double second_score;
} XfTopicGuess;

/* One primary topic for @text, with DESIGN.md's tie-breaks applied when
 * the runner-up is close.  Text the model knows nothing of is "other" with
 * score 0. */
void xf_topic_classify (const XfTopicModel *model, const char *text,
                        XfTopicGuess *guess);

typedef struct XfTopicTrainer XfTopicTrainer;
/* A trainer that starts from the keyword table. */
XfTopicTrainer *xf_topic_trainer_new (void);
/* A trainer that starts from the built-in model's counts (the keywords and
 * the shipped training letters), to add an office's own letters to. */
XfTopicTrainer *xf_topic_trainer_new_from_builtin (void);
void xf_topic_trainer_free (XfTopicTrainer *trainer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfTopicTrainer, xf_topic_trainer_free)
/* One labelled letter.  XF_ERROR_INVALID_INPUT for an unknown topic. */
gboolean xf_topic_trainer_add (XfTopicTrainer *trainer, const char *topic,
                               const char *text, GError **error);
/* Letters added, in total and per topic (in xf_topic_keys order, when
 * @per_topic is not NULL). */
guint xf_topic_trainer_examples (XfTopicTrainer *trainer, guint *per_topic);
/* The model file's text (g_free). */
char *xf_topic_trainer_serialise (XfTopicTrainer *trainer);

typedef struct {
  gboolean collective;  /* @collective_threshold or more people, a joint
                           letter, or a threatened group visit */
  gboolean threat;      /* 扬言: self-harm, extreme acts, a group visit to
                           the government or to Beijing */
  gboolean urgent;      /* a threat, or a deadline within days */
} XfFlags;

/* The flags of @text; @headcount is the extracted headcount, or -1. */
void xf_classify_flags (const char *text, gint64 headcount,
                        guint collective_threshold, XfFlags *flags);

G_END_DECLS
