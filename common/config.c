/* Configuration: one table of every key with its type, default and range,
 * read once from a GLib key file into a typed XfConfig.  Unknown groups and
 * keys are errors, so a misspelt key never silently falls back to a default. */
#define G_LOG_DOMAIN "xf-common"
#include "common/common.h"

#include <errno.h>
#include <string.h>

typedef enum { KEY_STRING, KEY_STRING_LIST, KEY_INT } KeyType;

typedef struct {
  const char *group;
  const char *key;
  KeyType type;
  gsize offset;            /* into XfConfig */
  const char *default_str; /* strings; NULL means no default */
  gint64 default_int;
  gint64 min, max;         /* ints */
} KeySpec;

#define STR(g, k, field, def) \
  { g, k, KEY_STRING, G_STRUCT_OFFSET (XfConfig, field), def, 0, 0, 0 }
#define LIST(g, k, field) \
  { g, k, KEY_STRING_LIST, G_STRUCT_OFFSET (XfConfig, field), NULL, 0, 0, 0 }
#define INT(g, k, field, def, lo, hi) \
  { g, k, KEY_INT, G_STRUCT_OFFSET (XfConfig, field), NULL, def, lo, hi }

/* ocr.workers 0 means "the number of cores", resolved by whoever starts
 * the workers. */
static const KeySpec keys[] = {
  STR ("imap", "url", imap_url, NULL),
  STR ("imap", "ca_file", imap_ca_file, NULL),
  STR ("imap", "user", imap_user, NULL),
  STR ("imap", "password_file", imap_password_file, NULL),
  STR ("imap", "after", imap_after, "seen"),
  LIST ("imap", "fax_senders", imap_fax_senders),
  STR ("imap", "tls", imap_tls, "required"),
  INT ("imap", "timeout_seconds", imap_timeout_seconds, 60, 1, 3600),
  INT ("imap", "max_message_bytes", imap_max_message_bytes, 64 * 1024 * 1024,
       1024, G_GINT64_CONSTANT (4) * 1024 * 1024 * 1024),
  STR ("spool", "dir", spool_dir, NULL),
  STR ("spool", "after", spool_after, "done"),
  INT ("spool", "settle_seconds", spool_settle_seconds, 5, 0, 3600),
  INT ("daemon", "interval", daemon_interval, 60, 5, 86400),
  INT ("daemon", "max_attempts", daemon_max_attempts, 5, 1, 100),
  INT ("daemon", "retry_seconds", daemon_retry_seconds, 60, 1, 86400),
  LIST ("classify", "office_phones", classify_office_phones),
  INT ("classify", "collective_threshold", classify_collective_threshold, 5,
       2, 100000),
  INT ("repeats", "matter_percent", repeats_matter_percent, 10, 0, 100),
  INT ("repeats", "anonymous_percent", repeats_anonymous_percent, 60, 0, 100),
  INT ("ocr", "workers", ocr_workers, 0, 0, 256),
  STR ("ocr", "languages", ocr_languages, "chi_sim"),
  /* At most what one message to an OCR worker carries (ocr/pool.c). */
  INT ("ocr", "max_file_bytes", ocr_max_file_bytes, 64 * 1024 * 1024, 1024,
       G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024),
  INT ("ocr", "max_pixels", ocr_max_pixels, 60 * 1000 * 1000, 10000,
       G_GINT64_CONSTANT (1000) * 1000 * 1000),
  INT ("ocr", "max_pages", ocr_max_pages, 200, 1, 100000),
  INT ("ocr", "timeout_seconds", ocr_timeout_seconds, 120, 1, 86400),
  INT ("ocr", "memory_limit_mb", ocr_memory_limit_mb, 2048, 0, 1024 * 1024),
};

static gpointer
field_of (XfConfig *config, const KeySpec *spec)
{
  return G_STRUCT_MEMBER_P (config, spec->offset);
}

XfConfig *
xf_config_new_defaults (void)
{
  XfConfig *config = g_new0 (XfConfig, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *spec = &keys[i];
      switch (spec->type)
        {
        case KEY_STRING:
          *(char **) field_of (config, spec) = g_strdup (spec->default_str);
          break;
        case KEY_STRING_LIST:
          *(char ***) field_of (config, spec) = g_new0 (char *, 1);
          break;
        case KEY_INT:
          *(gint64 *) field_of (config, spec) = spec->default_int;
          break;
        }
    }
  return config;
}

static const KeySpec *
find_spec (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group) && g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
}

static gboolean
group_is_known (const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].group, group))
      return TRUE;
  return FALSE;
}

static gboolean
parse_int (const char *text, gint64 *out)
{
  char *end = NULL;

  errno = 0;
  gint64 v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
load_key (XfConfig *config, GKeyFile *file, const char *path,
          const char *group, const KeySpec *spec, GError **error)
{
  g_autoptr(GError) local = NULL;

  switch (spec->type)
    {
    case KEY_STRING:
      {
        char *value = g_key_file_get_string (file, group, spec->key, &local);
        if (value == NULL)
          break;
        char **slot = field_of (config, spec);
        g_free (*slot);
        *slot = value;
        return TRUE;
      }
    case KEY_STRING_LIST:
      {
        char **value = g_key_file_get_string_list (file, group, spec->key,
                                                   NULL, &local);
        if (value == NULL)
          break;
        for (char **v = value; *v != NULL; v++)
          g_strstrip (*v);
        char ***slot = field_of (config, spec);
        g_strfreev (*slot);
        *slot = value;
        return TRUE;
      }
    case KEY_INT:
      {
        g_autofree char *text = g_key_file_get_value (file, group, spec->key,
                                                      &local);
        gint64 v;
        if (text == NULL)
          break;
        g_strstrip (text);
        if (!parse_int (text, &v))
          {
            g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                         "%s: [%s] %s: '%s' is not a whole number",
                         path, group, spec->key, text);
            return FALSE;
          }
        if (v < spec->min || v > spec->max)
          {
            g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                         "%s: [%s] %s: %" G_GINT64_FORMAT
                         " is outside %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                         path, group, spec->key, v, spec->min, spec->max);
            return FALSE;
          }
        *(gint64 *) field_of (config, spec) = v;
        return TRUE;
      }
    }

  g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "%s: [%s] %s: %s",
               path, group, spec->key, local ? local->message : "bad value");
  return FALSE;
}

static gboolean
is_one_of (const char *value, const char *const *choices)
{
  return g_strv_contains (choices, value);
}

/* The string keys that take one of a few words. */
static gboolean
check_choices (const XfConfig *config, const char *path, GError **error)
{
  static const char *const tls[] = { "required", "none", NULL };
  static const char *const spool_after[] = { "done", "delete", NULL };
  static const char *const imap_after[] = { "seen", "none", NULL };
  const char *after = config->imap_after;

  if (!is_one_of (config->imap_tls, tls))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "%s: [imap] tls: '%s' is not required or none", path,
                   config->imap_tls);
      return FALSE;
    }
  if (!is_one_of (after, imap_after)
      && !(g_str_has_prefix (after, "move:") && after[5] != '\0'))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "%s: [imap] after: '%s' is not seen, none or move:FOLDER",
                   path, after);
      return FALSE;
    }
  if (!is_one_of (config->spool_after, spool_after))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "%s: [spool] after: '%s' is not done or delete", path,
                   config->spool_after);
      return FALSE;
    }
  return TRUE;
}

/* [classify] office_phones: each a whole number as people write one
 * (digits, spaces, + - and brackets): a fixed line with its area code
 * (0 and 10-12 digits) or a mobile (1 and 11 digits), after +86.  A
 * number without its area code would never match the letters' phones,
 * which are read with it. */
static gboolean
check_office_phones (const XfConfig *config, const char *path,
                     GError **error)
{
  for (char **phone = config->classify_office_phones; *phone != NULL; phone++)
    {
      char digits[32];
      guint n = 0;
      gboolean other = FALSE;
      const char *d;

      for (const char *c = *phone; *c != '\0'; c++)
        if (g_ascii_isdigit (*c))
          {
            if (n < sizeof digits - 1)
              digits[n] = *c;
            n++;
          }
        else if (strchr (" +-()", *c) == NULL)
          other = TRUE;
      digits[MIN (n, sizeof digits - 1)] = '\0';
      d = digits;
      if (strchr (*phone, '+') != NULL && g_str_has_prefix (d, "86"))
        d += 2, n -= 2;
      if (other || !((d[0] == '0' && n >= 10 && n <= 12)
                     || (d[0] == '1' && n == 11)))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                       "%s: [classify] office_phones: '%s' is not a whole phone"
                       " number (a fixed line with its area code, 0571-88623150,"
                       " or a mobile)", path, *phone);
          return FALSE;
        }
    }
  return TRUE;
}

XfConfig *
xf_config_load (const char *path, GError **error)
{
  g_autoptr(XfConfig) config = xf_config_new_defaults ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&config);
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "%s: %s", path,
                   local->message);
      return NULL;
    }

  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);
  for (char **g = groups; *g != NULL; g++)
    {
      if (!group_is_known (*g))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                       "%s: unknown group [%s]", path, *g);
          return NULL;
        }
      g_auto(GStrv) names = g_key_file_get_keys (file, *g, NULL, NULL);
      for (char **k = names; k != NULL && *k != NULL; k++)
        {
          const KeySpec *spec = find_spec (*g, *k);
          if (spec == NULL)
            {
              g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                           "%s: [%s] unknown key '%s'", path, *g, *k);
              return NULL;
            }
          if (!load_key (config, file, path, *g, spec, error))
            return NULL;
        }
    }
  if (!check_choices (config, path, error)
      || !check_office_phones (config, path, error))
    return NULL;
  return g_steal_pointer (&config);
}

void
xf_config_free (XfConfig *config)
{
  if (config == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *spec = &keys[i];
      if (spec->type == KEY_STRING)
        g_free (*(char **) field_of (config, spec));
      else if (spec->type == KEY_STRING_LIST)
        g_strfreev (*(char ***) field_of (config, spec));
    }
  g_free (config);
}
