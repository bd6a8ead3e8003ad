/* Moving one item through read -> understand -> file.  Everything is read
 * and understood in memory first and filed in one store transaction, so a
 * file that cannot be read leaves nothing behind. */
#define G_LOG_DOMAIN "xf-pipeline"
#include "pipeline/pipeline.h"
#include "common/json.h"
#include "pipeline/pipeline-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "classify/classify.h"
#include "intake/intake.h"
#include "ocr/ocr.h"

/* How far the MIME walk goes into one message. */
#define MAIL_MAX_PARTS 500
#define MAIL_MAX_DEPTH 20
/* Readings of one document begun and never ended (the process died
 * reading it) after which it is quarantined without another: reading runs
 * in the daemon itself for mail, and a mail that crashes it would
 * otherwise be taken first again after every restart. */
#define MAX_INTERRUPTED 3

struct XfPipeline {
  XfStore *store;
  const XfConfig *config;
  XfOcrPool *pool;      /* OCR workers, started on first use */
  XfTopicModel *model;  /* the home's own, else the built-in one */
  XfTopicModel *repeat_model;  /* the repeat check's topics: built in */
  XfBoilerplate *boilerplate;  /* the built-in one and the home's own */
  XfRepeatThresholds thresholds;
  guint64 next_tag;
  GHashTable *pending;  /* tag -> SHA-256 of an image handed to a worker */
  GHashTable *results;  /* SHA-256 -> Result of a finished job */
  XfPipelineStopFunc stop;   /* may be NULL */
  gpointer stop_data;
};

void
xf_pipeline_set_stop (XfPipeline *pipeline, XfPipelineStopFunc stop,
                      gpointer user_data)
{
  g_return_if_fail (pipeline != NULL);
  pipeline->stop = stop;
  pipeline->stop_data = user_data;
}

/* A finished OCR job, waiting for its item to be filed. */
typedef struct {
  GPtrArray *pages;     /* XfOcrPage*, or NULL with error */
  GError *error;
} Result;

static void
result_free (Result *result)
{
  if (result->pages != NULL)
    g_ptr_array_unref (result->pages);
  g_clear_error (&result->error);
  g_free (result);
}

/* What reading an item gave: its pages (text and images) in order. */
typedef struct {
  XfMediaType media;
  GPtrArray *pages;     /* XfPageRecord*, owning their strings and bytes */
  char *message_id;
  char *fax_sender;     /* a fax-to-mail gateway's message: the sending
                           fax's number from the subject, or "" */
  gboolean ocr;         /* some text came from OCR */
} Reading;

static void
page_record_free (XfPageRecord *page)
{
  g_free ((char *) page->text);
  g_free ((char *) page->words_json);
  if (page->image != NULL)
    g_bytes_unref (page->image);
  g_free (page);
}

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->pages, g_ptr_array_unref);
  g_clear_pointer (&reading->message_id, g_free);
  g_clear_pointer (&reading->fax_sender, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

guint
xf_pipeline_ocr_workers (const XfConfig *config)
{
  return config->ocr_workers > 0 ? (guint) config->ocr_workers
                                 : g_get_num_processors ();
}

XfOcrPool *
xf_pipeline_ocr_pool_new (const XfConfig *config)
{
  XfOcrLimits limits = {
    .max_file_bytes = config->ocr_max_file_bytes,
    .max_pixels = config->ocr_max_pixels,
    .max_pages = config->ocr_max_pages,
  };

  return xf_ocr_pool_new (config->ocr_languages,
                          xf_pipeline_ocr_workers (config), &limits,
                          (guint) config->ocr_timeout_seconds,
                          (guint64) config->ocr_memory_limit_mb * 1024 * 1024);
}

XfTopicModel *
xf_pipeline_load_model (const char *home)
{
  g_autofree char *path = g_build_filename (home, "topic-model.txt", NULL);
  g_autoptr(GError) error = NULL;
  XfTopicModel *model;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return xf_topic_model_builtin ();
  model = xf_topic_model_load (path, &error);
  if (model != NULL)
    return model;
  g_warning ("%s; using the built-in topic model", error->message);
  return xf_topic_model_builtin ();
}

/* The built-in boilerplate, and HOME/boilerplate.txt added when there is
 * one (`xinfang train --boilerplate`: what this office's letters share). */
static XfBoilerplate *
load_boilerplate (const char *home)
{
  g_autofree char *path = g_build_filename (home, "boilerplate.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfBoilerplate) own = NULL;
  XfBoilerplate *bp = xf_boilerplate_builtin ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return bp;
  own = xf_boilerplate_load (path, &error);
  if (own != NULL)
    xf_boilerplate_add (bp, own);
  else
    g_warning ("%s; using the built-in boilerplate only", error->message);
  return bp;
}

void
xf_pipeline_add_boilerplate (XfPipeline *pipeline, const XfBoilerplate *bp)
{
  xf_boilerplate_add (pipeline->boilerplate, bp);
}

XfPipeline *
xf_pipeline_new (XfStore *store, const XfConfig *config)
{
  XfPipeline *pipeline = g_new0 (XfPipeline, 1);

  pipeline->store = store;
  pipeline->config = config;
  pipeline->pool = xf_pipeline_ocr_pool_new (config);
  pipeline->model = xf_pipeline_load_model (xf_store_home (store));
  pipeline->repeat_model = xf_topic_model_repeat_builtin ();
  pipeline->boilerplate = load_boilerplate (xf_store_home (store));
  pipeline->thresholds = xf_repeat_thresholds_default;
  pipeline->thresholds.matter = config->repeats_matter_percent / 100.0;
  pipeline->thresholds.anonymous = config->repeats_anonymous_percent / 100.0;
  pipeline->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                             g_free, g_free);
  pipeline->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) result_free);
  return pipeline;
}

void
xf_pipeline_free (XfPipeline *pipeline)
{
  if (pipeline == NULL)
    return;
  xf_ocr_pool_free (pipeline->pool);
  xf_topic_model_free (pipeline->model);
  xf_topic_model_free (pipeline->repeat_model);
  xf_boilerplate_free (pipeline->boilerplate);
  g_hash_table_unref (pipeline->pending);
  g_hash_table_unref (pipeline->results);
  g_free (pipeline);
}

/* Waits for one OCR job and keeps its result.  FALSE when none runs. */
static gboolean
collect_one (XfPipeline *pipeline)
{
  guint64 tag = 0;
  Result *result = g_new0 (Result, 1);
  gint64 key;
  gpointer stolen_key = NULL;
  char *sha;

  if (!xf_ocr_pool_collect (pipeline->pool, &tag, &result->pages,
                            &result->error))
    {
      g_free (result);
      return FALSE;
    }
  key = (gint64) tag;
  if (!g_hash_table_steal_extended (pipeline->pending, &key, &stolen_key,
                                    (gpointer *) &sha))
    {
      result_free (result);
      return TRUE;
    }
  g_free (stolen_key);
  g_hash_table_replace (pipeline->results, sha, result);
  return TRUE;
}

static gboolean
is_pending (XfPipeline *pipeline, const char *sha)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, pipeline->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (value, sha))
      return TRUE;
  return FALSE;
}

/* Hands @image to a worker unless it is already there or done, waiting
 * for a free worker if all are busy. */
static gboolean
submit_image (XfPipeline *pipeline, const char *sha, GBytes *image,
              GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (image, &length);
  gint64 *tag;

  if (g_hash_table_contains (pipeline->results, sha)
      || is_pending (pipeline, sha))
    return TRUE;
  while (xf_ocr_pool_idle (pipeline->pool) == 0)
    collect_one (pipeline);
  if (!xf_ocr_pool_submit (pipeline->pool, pipeline->next_tag, data, length,
                           error))
    return FALSE;
  tag = g_new (gint64, 1);
  *tag = (gint64) pipeline->next_tag++;
  g_hash_table_insert (pipeline->pending, tag, g_strdup (sha));
  return TRUE;
}

void
xf_pipeline_prefetch (XfPipeline *pipeline, GBytes *raw)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (raw, &length);
  g_autofree char *sha = NULL;
  g_auto(XfFiled) filed = { 0 };
  XfMediaType type = xf_intake_sniff (data, length);

  /* Only whole images, only when a worker is free: prefetching must never
   * make the item in hand wait. */
  if ((type != XF_MEDIA_PNG && type != XF_MEDIA_JPEG && type != XF_MEDIA_TIFF
       && type != XF_MEDIA_PDF)
      || xf_ocr_pool_idle (pipeline->pool) == 0)
    return;
  sha = xf_sha256_hex (data, length);
  if (xf_store_find_document (pipeline->store, sha, &filed, NULL))
    return;
  submit_image (pipeline, sha, raw, NULL);
}

/* The pages of @image, read by a worker. */
static GPtrArray *
ocr_image (XfPipeline *pipeline, GBytes *image, GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (image, &length);
  g_autofree char *sha = xf_sha256_hex (data, length);
  Result *result;
  GPtrArray *pages;

  if (!submit_image (pipeline, sha, image, error))
    return NULL;
  while (!g_hash_table_contains (pipeline->results, sha))
    if (!collect_one (pipeline))
      {
        g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "the OCR job was lost");
        return NULL;
      }
  result = g_hash_table_lookup (pipeline->results, sha);
  if (result->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&result->error));
      g_hash_table_remove (pipeline->results, sha);
      return NULL;
    }
  pages = g_steal_pointer (&result->pages);
  g_hash_table_remove (pipeline->results, sha);
  return pages;
}

static void
outcome_field_free (XfOutcomeField *field)
{
  g_free (field->name);
  g_free (field->value);
  g_free (field);
}

void
xf_outcome_clear (XfOutcome *outcome)
{
  g_clear_pointer (&outcome->case_number, g_free);
  g_clear_pointer (&outcome->channel, g_free);
  g_clear_pointer (&outcome->media_type, g_free);
  g_clear_pointer (&outcome->text, g_free);
  g_clear_pointer (&outcome->fields, g_ptr_array_unref);
  g_clear_pointer (&outcome->repeat_of, g_free);
  g_clear_pointer (&outcome->related_to, g_free);
  g_clear_pointer (&outcome->repeat_detail, g_free);
}

void
xf_pipeline_build_words (JsonBuilder *b, GArray *words)
{
  json_builder_begin_array (b);
  for (guint i = 0; words != NULL && i < words->len; i++)
    {
      const XfOcrWord *w = &g_array_index (words, XfOcrWord, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, w->text);
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, w->confidence);
      json_builder_set_member_name (b, "box");
      json_builder_begin_array (b);
      for (int k = 0; k < 4; k++)
        json_builder_add_int_value (b, w->box[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static char *
words_to_json (GArray *words)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  xf_pipeline_build_words (b, words);
  return xf_json_text (b);
}

/* OCRs an image and appends its pages.  @raw_is_page: a single-page image
 * is its own page image, so no second copy is stored. */
static gboolean
read_image (XfPipeline *pipeline, GBytes *image, gboolean raw_is_page,
            Reading *reading, GError **error)
{
  g_autoptr(GPtrArray) pages = ocr_image (pipeline, image, error);

  if (pages == NULL)
    return FALSE;
  for (guint i = 0; i < pages->len; i++)
    {
      XfOcrPage *page = g_ptr_array_index (pages, i);
      XfPageRecord *record = g_new0 (XfPageRecord, 1);

      record->n = reading->pages->len + 1;
      record->text = g_strdup (page->text);
      record->confidence = page->confidence;
      record->words_json = words_to_json (page->words);
      if (page->image != NULL)
        record->image = g_bytes_ref (page->image);
      else if (raw_is_page)
        record->image_is_raw = TRUE;
      else
        record->image = g_bytes_ref (image);
      g_ptr_array_add (reading->pages, record);
    }
  reading->ocr = TRUE;
  return TRUE;
}

static void
add_text_page (Reading *reading, char *text)
{
  XfPageRecord *record = g_new0 (XfPageRecord, 1);

  record->n = reading->pages->len + 1;
  record->text = text;
  record->confidence = 1.0;  /* born-digital text: nothing uncertain read */
  g_ptr_array_add (reading->pages, record);
}

/* Whether the From header @from names @address: case-insensitive, and
 * bounded by what may stand around an address ("<>, " or the ends). */
static gboolean
names_address (const char *from, const char *address)
{
  g_autofree char *hay = g_ascii_strdown (from, -1);
  g_autofree char *needle = g_ascii_strdown (address, -1);
  gsize n = strlen (needle);

  if (n == 0)
    return FALSE;
  for (const char *p = strstr (hay, needle); p != NULL;
       p = strstr (p + 1, needle))
    {
      char before = p == hay ? ' ' : p[-1];
      char after = p[n] == '\0' ? ' ' : p[n];
      if (strchr ("<>, \t\"", before) != NULL
          && strchr ("<>, \t\"", after) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The sending fax's number in a gateway's subject ("Fax from +86 10 5555
 * 0101", "传真：010-55550101 (2页)"): the first run of digits, spaces and
 * "+-()" holding at least five digits. */
static char *
number_in_subject (const char *subject)
{
  for (const char *p = subject; p != NULL && *p != '\0'; p++)
    {
      const char *end = p;
      guint digits = 0;

      if (!g_ascii_isdigit (*p) && *p != '+')
        continue;
      /* " (" ends the number: "+86 10 5555 0177 (1 page)". */
      while (*end != '\0' && (g_ascii_isdigit (*end) || strchr ("+-() ", *end))
             && !(end[0] == ' ' && end[1] == '('))
        digits += g_ascii_isdigit (*end++) ? 1 : 0;
      if (digits >= 5)
        return g_strstrip (g_strndup (p, (gsize) (end - p)));
      p = end - 1 < p ? p : end - 1;
    }
  return NULL;
}

/* For a message from one of [imap] fax_senders: the sending fax's number
 * from the subject, or "" when the subject names none.  NULL otherwise. */
static char *
fax_mail_sender (const XfConfig *config, const XfMail *mail)
{
  char *number;

  if (mail->from == NULL || config->imap_fax_senders == NULL)
    return NULL;
  for (char **a = config->imap_fax_senders; *a != NULL; a++)
    if (names_address (mail->from, *a))
      {
        number = number_in_subject (mail->subject);
        return number != NULL ? number : g_strdup ("");
      }
  return NULL;
}

/* Whether @attachment's content (not its label) is a kind the OCR reads. */
static gboolean
readable_type (const XfAttachment *attachment)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (attachment->data, &length);
  XfMediaType type = xf_intake_sniff (data, length);

  return type == XF_MEDIA_PNG || type == XF_MEDIA_JPEG
         || type == XF_MEDIA_TIFF || type == XF_MEDIA_PDF;
}

/* A page that says which attachment could not be read and why (@what:
 * "NAME: why"): nothing on it was read, so it has no confidence. */
static void
add_unread_note (Reading *reading, const char *what)
{
  XfPageRecord *record = g_new0 (XfPageRecord, 1);

  record->n = reading->pages->len + 1;
  record->text = g_strdup_printf ("[附件未能读取：%s]", what);
  record->confidence = 0.0;
  g_ptr_array_add (reading->pages, record);
}

/* Whether @text holds more than blanks. */
static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  while (*text != '\0' && g_ascii_isspace (*text))
    text++;
  return *text != '\0';
}

/* Whether a page read from page @from on has text that is not a note of
 * ours. */
static gboolean
any_text_from (const Reading *reading, guint from)
{
  for (guint i = from; i < reading->pages->len; i++)
    {
      const XfPageRecord *page = g_ptr_array_index (reading->pages, i);

      if (page->confidence > 0.0 && has_text (page->text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_mail (XfPipeline *pipeline, GBytes *raw, Reading *reading,
           GError **error)
{
  XfMailLimits limits = {
    .max_bytes = (gsize) pipeline->config->ocr_max_file_bytes,
    .max_parts = MAIL_MAX_PARTS,
    .max_depth = MAIL_MAX_DEPTH,
  };
  gsize length;
  const guint8 *data = g_bytes_get_data (raw, &length);
  g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits, error);
  g_autoptr(GError) first_failure = NULL;
  guint first_attachment_page;
  GString *text;

  if (mail == NULL)
    return FALSE;
  text = g_string_new (NULL);
  if (mail->subject != NULL && *mail->subject != '\0')
    g_string_append_printf (text, "%s\n\n", mail->subject);
  g_string_append (text, mail->text);
  add_text_page (reading, g_string_free (text, FALSE));
  first_attachment_page = reading->pages->len;
  reading->message_id = g_strdup (mail->message_id);
  reading->fax_sender = fax_mail_sender (pipeline->config, mail);

  /* The attachments the OCR reads, by their content; the others stay in
   * the raw message, not read. */
  g_autoptr(GPtrArray) to_read = g_ptr_array_new ();
  for (guint i = 0; i < mail->attachments->len; i++)
    {
      XfAttachment *attachment = g_ptr_array_index (mail->attachments, i);

      if (readable_type (attachment))
        g_ptr_array_add (to_read, attachment);
      else
        g_debug ("attachment %u (%s) not read", i + 1, attachment->content_type);
    }
  /* Each image is read with its own time limit: a mail of hundreds would
   * hold the queue for hours.  As many as a TIFF may have pages. */
  if ((gint64) to_read->len > pipeline->config->ocr_max_pages)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "the mail has %u attachments to read, more than %"
                   G_GINT64_FORMAT " ([ocr] max_pages)", to_read->len,
                   pipeline->config->ocr_max_pages);
      return FALSE;
    }

  for (guint i = 0; i < to_read->len; i++)
    {
      XfAttachment *attachment = g_ptr_array_index (to_read, i);
      g_autoptr(GError) local = NULL;

      if (i > 0 && pipeline->stop != NULL && pipeline->stop (pipeline->stop_data))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                       "stopped after %u of the mail's %u attachments; it is"
                       " read again at the next start", i, to_read->len);
          return FALSE;
        }
      if (!read_image (pipeline, attachment->data, FALSE, reading, &local))
        {
          const char *name = attachment->filename ? attachment->filename
                                                  : "(unnamed)";

          /* The store's trouble is not the mail's, and a worker that died
           * or ran out of time may read it at the next attempt: the mail
           * fails as a whole, to be retried.  What is wrong with the
           * attachment itself becomes a note. */
          if (local->domain == XF_ERROR && (local->code == XF_ERROR_STORE
                                            || local->code == XF_ERROR_TRANSIENT
                                            || local->code == XF_ERROR_WORKER))
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                          "attachment %s: ", name);
              return FALSE;
            }
          g_autofree char *what = g_strdup_printf ("%s: %s", name, local->message);

          if (first_failure == NULL)
            first_failure = g_error_new (local->domain, local->code,
                                         "attachment %s", what);
          g_warning ("attachment not read: %s", what);
          add_unread_note (reading, what);
        }
    }
  for (guint i = 0; i < mail->undecoded->len; i++)
    {
      const char *what = g_ptr_array_index (mail->undecoded, i);

      if (first_failure == NULL)
        first_failure = g_error_new (XF_ERROR, XF_ERROR_INVALID_INPUT,
                                     "attachment %s", what);
      g_warning ("attachment not decoded: %s", what);
      add_unread_note (reading, what);
    }
  /* A mail whose attachments could not all be read is filed with what
   * could, and a page saying what could not, for the clerk (the original
   * is kept whole); a mail with nothing readable but its subject (a fax
   * gateway's mail of one broken TIFF) fails, for the operator. */
  if (first_failure != NULL && !has_text (mail->text)
      && !any_text_from (reading, first_attachment_page))
    {
      g_propagate_error (error, g_steal_pointer (&first_failure));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_item (XfPipeline *pipeline, GBytes *raw, Reading *reading,
           GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (raw, &length);

  reading->pages = g_ptr_array_new_with_free_func (
      (GDestroyNotify) page_record_free);
  if (!xf_check_item_size ((gint64) length,
                           pipeline->config->ocr_max_file_bytes, error))
    return FALSE;

  reading->media = xf_intake_sniff (data, length);
  switch (reading->media)
    {
    case XF_MEDIA_PNG:
    case XF_MEDIA_JPEG:
    case XF_MEDIA_TIFF:
      return read_image (pipeline, raw, TRUE, reading, error);
    case XF_MEDIA_PDF:
      /* A PDF's pages are renderings or text, never the file itself. */
      return read_image (pipeline, raw, FALSE, reading, error);
    case XF_MEDIA_EMAIL:
      return read_mail (pipeline, raw, reading, error);
    case XF_MEDIA_TEXT:
      {
        char *text = xf_intake_decode_text (data, length, NULL, error);
        if (text == NULL)
          return FALSE;
        add_text_page (reading, text);
        return TRUE;
      }
    case XF_MEDIA_UNKNOWN:
    default:
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "unrecognised content: not PNG, JPEG, TIFF, PDF, e-mail or "
                   "text in UTF-8 or GB18030");
      return FALSE;
    }
}

static const char *
judge_channel (const char *channel, GBytes *raw, const Reading *reading)
{
  gsize length;
  const guint8 *data;

  if (channel != NULL)
    return channel;
  if (reading->media == XF_MEDIA_EMAIL)
    return reading->fax_sender != NULL ? "fax" : "email";
  data = g_bytes_get_data (raw, &length);
  if (reading->media == XF_MEDIA_TIFF && xf_ocr_looks_like_fax (data, length))
    return "fax";
  return "letter";
}

static char *
join_text (GPtrArray *pages, double *confidence)
{
  GString *text = g_string_new (NULL);
  double sum = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      const XfPageRecord *page = g_ptr_array_index (pages, i);
      if (i > 0)
        g_string_append (text, "\f\n");
      g_string_append (text, page->text);
      sum += page->confidence;
    }
  *confidence = pages->len > 0 ? sum / pages->len : 0.0;
  return g_string_free (text, FALSE);
}

/* Understands @reading: extracts the fields into @outcome, classifies the
 * topic and the flags into @filing, and returns the field records to file
 * (pointing into @outcome's strings). */
static GPtrArray *
understand (XfPipeline *pipeline, const Reading *reading, const char *text,
            double confidence, XfOutcome *outcome, XfFiling *filing,
            XfRepeatWork *repeat, GError **error)
{
  g_autoptr(GPtrArray) fields = xf_classify_extract_fields_except (
    text, confidence, (const char *const *) pipeline->config->classify_office_phones);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_free);
  XfTopicGuess guess = { 0 };
  XfTopicGuess repeat_guess = { 0 };
  XfFlags flags = { 0 };
  gint64 headcount = -1;

  for (guint i = 0; i < fields->len; i++)
    {
      const XfField *field = g_ptr_array_index (fields, i);
      XfFieldRecord *record = g_new0 (XfFieldRecord, 1);
      XfOutcomeField *out = g_new0 (XfOutcomeField, 1);

      out->name = g_strdup (field->name);
      out->value = g_strdup (field->value);
      out->confidence = field->confidence;
      g_ptr_array_add (outcome->fields, out);
      record->name = out->name;
      record->value = out->value;
      record->confidence = field->confidence;
      record->source = reading->ocr ? "ocr" : "rule";
      g_ptr_array_add (records, record);
      if (g_str_equal (field->name, "headcount"))
        headcount = g_ascii_strtoll (field->value, NULL, 10);
    }

  xf_topic_classify (pipeline->model, text, &guess);
  xf_classify_flags (text, headcount,
                     (guint) pipeline->config->classify_collective_threshold,
                     &flags);
  filing->topic = guess.topic;
  filing->topic_score = guess.score;
  filing->flags = (flags.collective ? XF_FLAG_COLLECTIVE : 0)
                  | (flags.threat ? XF_FLAG_THREAT : 0)
                  | (flags.urgent ? XF_FLAG_URGENT : 0);
  /* The repeat check compares topics as its own model reads them. */
  xf_topic_classify (pipeline->repeat_model, text, &repeat_guess);
  if (!xf_repeat_decide (pipeline->store, pipeline->boilerplate,
                         &pipeline->thresholds, text, fields, &repeat_guess,
                         repeat, error))
    {
      g_ptr_array_unref (records);
      return NULL;
    }
  filing->fields = records;
  filing->signature = repeat->signature;
  filing->index_keys = (const char *const *) repeat->keys;
  filing->join_case = repeat->join_case;
  filing->related_case = repeat->related_case;
  filing->repeat_detail = repeat->detail;
  outcome->repeat_of = g_strdup (repeat->join_case);
  outcome->related_to = g_strdup (repeat->related_case);
  outcome->repeat_detail = g_strdup (repeat->detail);
  return records;
}

static void
outcome_init (XfOutcome *outcome)
{
  outcome->fields = g_ptr_array_new_with_free_func (
      (GDestroyNotify) outcome_field_free);
}

/* Fills @outcome from a finished filing. */
static void
outcome_filed (XfOutcome *outcome, XfFiled *filed, const XfFiling *filing,
               char **text)
{
  outcome->document_id = filed->document_id;
  outcome->case_number = g_steal_pointer (&filed->case_number);
  outcome->duplicate = filed->duplicate;
  outcome->channel = g_strdup (filing->channel);
  outcome->media_type = g_strdup (filing->media_type);
  outcome->pages = filing->pages->len;
  if (!filed->duplicate)
    outcome->text = g_steal_pointer (text);
  else
    g_ptr_array_set_size (outcome->fields, 0);
  if (!filed->duplicate)
    g_message ("document %" G_GINT64_FORMAT " filed as %s (%s, %s, %u page%s)",
               outcome->document_id, outcome->case_number, filing->channel,
               filing->media_type, outcome->pages,
               outcome->pages == 1 ? "" : "s");
}

gboolean
xf_pipeline_file (XfPipeline *pipeline, const XfItem *item,
                  XfOutcome *outcome, GError **error)
{
  g_auto(Reading) reading = { 0 };
  g_auto(XfFiled) filed = { 0 };
  g_auto(XfRepeatWork) repeat = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *text = NULL;
  double confidence;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (pipeline != NULL && item != NULL && item->raw != NULL,
                        FALSE);

  data = g_bytes_get_data (item->raw, &length);
  outcome_init (outcome);

  /* The same bytes again: answer from the store without reading anything.
   * Bytes received by a poll but not yet filed are read and filed now. */
  sha = xf_sha256_hex (data, length);
  {
    g_autoptr(GError) local = NULL;
    if (xf_store_find_document (pipeline->store, sha, &filed, &local))
      {
        if (filed.case_number == NULL)
          {
            g_autoptr(XfQueued) queued = xf_store_get_unfiled (
                pipeline->store, filed.document_id, error);
            g_ptr_array_unref (g_steal_pointer (&outcome->fields));
            return queued != NULL
                   && xf_pipeline_process (pipeline, queued, item->actor,
                                           outcome, error);
          }
        outcome->document_id = filed.document_id;
        outcome->case_number = g_steal_pointer (&filed.case_number);
        outcome->duplicate = TRUE;
        return TRUE;
      }
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
  }

  if (!read_item (pipeline, item->raw, &reading, error))
    return FALSE;
  text = join_text (reading.pages, &confidence);

  XfFiling filing = {
    .channel = judge_channel (item->channel, item->raw, &reading),
    .source_key = item->source_key,
    .filename = item->filename,
    .media_type = xf_media_type_name (reading.media),
    .message_id = reading.message_id,
    .raw = item->raw,
    .pages = reading.pages,
    .actor = item->actor,
  };
  records = understand (pipeline, &reading, text, confidence, outcome,
                        &filing, &repeat, error);
  if (records == NULL
      || !xf_store_file_new_case (pipeline->store, &filing, &filed, error))
    return FALSE;
  outcome_filed (outcome, &filed, &filing, &text);
  return TRUE;
}

gboolean
xf_pipeline_receive (XfPipeline *pipeline, const XfItem *item,
                     XfReceived *received, GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (item->raw, &length);
  XfMediaType media = xf_intake_sniff (data, length);
  g_autofree char *message_id = NULL;
  g_auto(Reading) reading = { .media = media };

  if (media == XF_MEDIA_EMAIL)
    {
      /* Only for the Message-ID; a message that does not parse is still
       * kept, and fails (with its reason) when it is read. */
      XfMailLimits limits = {
        .max_bytes = (gsize) pipeline->config->ocr_max_file_bytes,
        .max_parts = MAIL_MAX_PARTS,
        .max_depth = MAIL_MAX_DEPTH,
      };
      g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits,
                                                     NULL);
      if (mail != NULL)
        {
          message_id = g_strdup (mail->message_id);
          reading.fax_sender = fax_mail_sender (pipeline->config, mail);
        }
    }

  XfReceipt receipt = {
    .channel = judge_channel (item->channel, item->raw, &reading),
    .source_key = item->source_key,
    .filename = item->filename,
    .media_type = xf_media_type_name (media),
    .message_id = message_id,
    .sender = item->sender != NULL ? item->sender
              : reading.fax_sender != NULL && *reading.fax_sender != '\0'
              ? reading.fax_sender : NULL,
    .raw = item->raw,
    .actor = item->actor,
    .mailbox = item->mailbox,
    .uidvalidity = item->uidvalidity,
    .uid = item->uid,
  };
  if (!xf_store_receive (pipeline->store, &receipt, received, error))
    return FALSE;
  if (received->duplicate)
    g_message ("document %" G_GINT64_FORMAT " received again from %s:"
               " already kept", received->document_id, item->source_key);
  else
    g_message ("document %" G_GINT64_FORMAT " received from %s (%s, %s)",
               received->document_id, item->source_key, receipt.channel,
               receipt.media_type);
  return TRUE;
}

/* Quarantines @queued at once for @why, which it takes and hands on in
 * @error (with the store's own error instead should recording fail). */
static gboolean
quarantine (XfPipeline *pipeline, const XfQueued *queued, const char *actor,
            XfOutcome *outcome, GError *why, GError **error)
{
  g_autoptr(GError) reason = why;

  if (!xf_store_fail (pipeline->store, queued->id, reason->message, 1, 0,
                      actor, &outcome->quarantined, error))
    return FALSE;
  g_warning ("document %" G_GINT64_FORMAT " quarantined: %s", queued->id,
             reason->message);
  g_propagate_error (error, g_steal_pointer (&reason));
  return FALSE;
}

gboolean
xf_pipeline_process (XfPipeline *pipeline, const XfQueued *queued,
                     const char *actor, XfOutcome *outcome, GError **error)
{
  g_auto(Reading) reading = { 0 };
  g_auto(XfFiled) filed = { 0 };
  g_auto(XfRepeatWork) repeat = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  const XfConfig *config = pipeline->config;
  double confidence;

  outcome_init (outcome);
  outcome->document_id = queued->id;
  if (queued->begun >= MAX_INTERRUPTED)
    {
      /* Reading it has ended the process that read it, again and again:
       * it goes to a person instead of stopping the queue for good. */
      g_set_error (&local, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "xinfang stopped %u times while reading it (a crash, or"
                   " out of memory)", queued->begun);
      return quarantine (pipeline, queued, actor, outcome,
                         g_steal_pointer (&local), error);
    }
  raw = xf_store_read_blob (pipeline->store, queued->sha256, &local);
  if (raw == NULL
      && g_error_matches (local, XF_ERROR, XF_ERROR_NOT_FOUND))
    {
      /* Its original alone is gone: nothing to read, now or later, until
       * an operator puts it back and retries; the queue goes on. */
      return quarantine (pipeline, queued, actor, outcome,
                         g_steal_pointer (&local), error);
    }
  if (raw == NULL)
    {
      /* The store itself is in trouble: not the item's fault. */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!xf_store_begin_reading (pipeline->store, queued->id, error))
    return FALSE;

  if (read_item (pipeline, raw, &reading, &local))
    {
      text = join_text (reading.pages, &confidence);

      XfFiling filing = {
        .channel = queued->channel,
        .source_key = queued->source_key,
        .filename = queued->filename,
        .media_type = xf_media_type_name (reading.media),
        .message_id = reading.message_id,
        .raw = raw,
        .pages = reading.pages,
        .actor = actor,
      };
      records = understand (pipeline, &reading, text, confidence, outcome,
                            &filing, &repeat, &local);
      if (records != NULL
          && xf_store_file_received (pipeline->store, queued->id, &filing,
                                     &filed, &local))
        {
          outcome_filed (outcome, &filed, &filing, &text);
          return TRUE;
        }
    }

  if (local == NULL)
    g_set_error (&local, XF_ERROR, XF_ERROR_FAILED, "unknown failure");
  /* A busy or broken database, or an OCR worker that could not be
   * started, is not the document's failure: nothing is recorded.  Ending
   * the reading is best effort; a store that failed may fail this too, and
   * then the reading counts as begun, one of MAX_INTERRUPTED. */
  if (local->domain == XF_ERROR && (local->code == XF_ERROR_STORE
                                    || local->code == XF_ERROR_TRANSIENT))
    {
      xf_store_end_reading (pipeline->store, queued->id, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!xf_store_fail (pipeline->store, queued->id, local->message,
                      (guint) config->daemon_max_attempts,
                      (guint) config->daemon_retry_seconds, actor,
                      &outcome->quarantined, error))
    {
      xf_store_end_reading (pipeline->store, queued->id, NULL);
      return FALSE;
    }
  if (outcome->quarantined)
    g_warning ("document %" G_GINT64_FORMAT " quarantined after %u attempts:"
               " %s", queued->id, queued->attempts + 1, local->message);
  else
    g_warning ("document %" G_GINT64_FORMAT " failed (attempt %u of %"
               G_GINT64_FORMAT "): %s", queued->id, queued->attempts + 1,
               config->daemon_max_attempts, local->message);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
