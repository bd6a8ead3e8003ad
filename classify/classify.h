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

/* The topic keys of DESIGN.md, NULL-terminated; one primary per case. */
extern const char *const xf_topic_keys[];

gboolean xf_topic_is_known (const char *key);

G_END_DECLS
