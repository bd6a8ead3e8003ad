/* Repeats (重信重访): a letter's signature (who wrote it, about which
 * employer and topic, and a MinHash of its text), the keys that index it,
 * and the rules that judge a new letter against an earlier one.
 *
 * The text.  A letter is reduced to its Han characters and its short digit
 * runs (sums, dates; not phone or ID numbers, which are identity, not
 * matter), spaces, punctuation and line breaks removed, so OCR's broken
 * lines and stray marks do not matter; full-width digits and the
 * look-alikes inside numbers are folded by xf_classify_text_new().  Its
 * character SHINGLE_CHARS-shingles, less the learned boilerplate (the
 * shingles many letters have: 尊敬, 此致, 拖欠, 工资), make a set, and
 * XF_MINHASH_SIZE MinHash values estimate the Jaccard similarity of two
 * sets, from which, with the set sizes, the containment of the smaller
 * (a short fax follow-up inside the first long letter) is the similarity
 * judged.  2-shingles with the boilerplate at 2% separated the same
 * person's letters about one matter from those about two better than
 * 3-shingles (measured on testdata/repeats; 3-shingles at 2-10% were
 * worse).  The hash is FNV-1a with fixed seeds mixed by SplitMix64, so
 * values are the same on every run and machine and can be stored.
 *
 * The rules (xf_repeat_judge):
 *  - Same person: equal ID number, or equal phone, or equal name with
 *    equal employers (or one containing the other: 华强公司 and 深圳华强
 *    电子有限公司); a joint letter (headcount >= GROUP_HEADCOUNT on both)
 *    of the same employer is the same group, whoever signs it.
 *  - Same matter: the same employer when both letters name one (for the
 *    same person, the same topic also does, since the employer finder
 *    misreads follow-ups: 春节后公司), else the same topic; and the text
 *    similarity at least thresholds->matter.
 *  - Same person + same matter: SAME.  Not the same person, same employer
 *    and same matter: RELATED (a co-worker; a new case, linked).
 *  - A letter without an identity to compare (anonymous, or one side gives
 *    only a phone and the other only an ID number) and no contradicting one
 *    is SAME only with text similarity at least thresholds->anonymous and
 *    the same employer.
 *  - Everything else: NONE.  Boilerplate and a shared topic alone never
 *    make two letters one matter: the employer or the text must agree. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/repeats.h"
#include "classify/classify-private.h"
#include "common/common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SHINGLE_CHARS 2
/* Digit runs longer than this are phone, ID or case numbers. */
#define MAX_DIGIT_RUN 6
/* Joint letters of this many people or more speak for a group. */
#define GROUP_HEADCOUNT 3
#define SIGNATURE_MAGIC "xf-repeat-1"
#define BOILERPLATE_MAGIC "xinfang-boilerplate 1"

/* Chosen on testdata/repeats (150 letters, 60 repeats; XF_REPEATS_SWEEP=1
 * in tests/test-repeats.c prints the grid), with the boilerplate learned
 * from testdata/letters/train.  On that set, text separates badly: the
 * same person's letters about one matter have containment 0.02-0.41
 * (median 0.16), about two matters up to 0.23.  matter: 0.10 gave
 * precision 0.861, recall 0.517; 0.15 0.920 and 0.383; 0.20 0.941 and
 * 0.267; 0.25 1.000 and 0.083.  (Keeping the writer's name and employer
 * in the shingles gave 0.906 and 0.483 at 0.15 before the "name:" key,
 * but one person's letters about two matters at one employer then look
 * alike: 0.16 on the test's fixture.)  anonymous made no
 * difference there (0.4-0.9): 0.60 keeps "very close" for letters no
 * identity vouches for. */
const XfRepeatThresholds xf_repeat_thresholds_default = {
  .matter = 0.15,
  .anonymous = 0.60,
  .min_shingles = 8,
};

struct XfBoilerplate {
  GHashTable *shingles;  /* UTF-8 shingle -> itself */
};

/* OCR look-alikes among Han characters, read as the common one, so a
 * misread does not break the shingles around it. */
static gunichar
fold_look_alike (gunichar c)
{
  switch (c)
    {
    case 0x5E7F: return 0x5382;  /* 广 as 厂 */
    case 0x5DF1: case 0x5DF3: return 0x5DF2;  /* 己 巳 as 已 */
    default: return c;
    }
}

/* The characters that make shingles: Han (look-alikes folded) and digits
 * of short runs, as UTF-8 code points. */
static GArray *
units_of (const char *text)
{
  g_autoptr(XfText) folded = xf_classify_text_new (text != NULL ? text : "");
  GArray *units = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (gsize i = 0; i < folded->length;)
    {
      gunichar c = folded->chars[i];

      if (xf_classify_is_digit (c))
        {
          gsize end = i;
          while (end < folded->length && xf_classify_is_digit (folded->chars[end]))
            end++;
          if (end - i <= MAX_DIGIT_RUN)
            g_array_append_vals (units, folded->chars + i, end - i);
          i = end;
          continue;
        }
      if (xf_classify_is_han (c))
        {
          c = fold_look_alike (c);
          g_array_append_val (units, c);
        }
      i++;
    }
  return units;
}

/* Removes every occurrence of @value's units from @units. */
static void
remove_value (GArray *units, const char *value)
{
  g_autoptr(GArray) word = units_of (value);
  gunichar *u = (gunichar *) units->data;
  guint out = 0;

  if (word->len < 2)
    return;
  for (guint i = 0; i < units->len;)
    if (i + word->len <= units->len
        && memcmp (u + i, word->data, word->len * sizeof (gunichar)) == 0)
      i += word->len;
    else
      u[out++] = u[i++];
  g_array_set_size (units, out);
}

/* The distinct shingles of @text, less those of @bp and of the writer's
 * name and employer (a set of UTF-8).  The names go because they are
 * identity, not matter: left in, they made one person's letters about two
 * matters look alike. */
static GHashTable *
shingles_of (const char *text, const XfBoilerplate *bp,
             const char *const *identity)
{
  g_autoptr(GArray) units = units_of (text);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           NULL);
  const gunichar *u;

  for (guint i = 0; identity != NULL && identity[i] != NULL; i++)
    remove_value (units, identity[i]);
  u = (const gunichar *) units->data;
  for (guint i = 0; i + SHINGLE_CHARS <= units->len; i++)
    {
      char buffer[SHINGLE_CHARS * 6 + 1];
      gsize n = 0;

      for (guint k = 0; k < SHINGLE_CHARS; k++)
        n += (gsize) g_unichar_to_utf8 (u[i + k], buffer + n);
      buffer[n] = '\0';
      if (bp != NULL && g_hash_table_contains (bp->shingles, buffer))
        continue;
      if (!g_hash_table_contains (set, buffer))
        g_hash_table_add (set, g_strdup (buffer));
    }
  return set;
}

/* SplitMix64's finaliser: a fixed, well-mixed 64-bit permutation. */
static guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

/* FNV-1a, 64 bits: defined by its constants, unlike g_str_hash(). */
static guint64
fnv1a (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xCBF29CE484222325);

  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001B3);
    }
  return h;
}

XfBoilerplate *
xf_boilerplate_learn (const char *const *texts, guint n, double min_share)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash,
                                                        g_str_equal, g_free,
                                                        NULL);
  XfBoilerplate *bp = g_new0 (XfBoilerplate, 1);
  GHashTableIter iter;
  gpointer key, value;
  guint needed;

  g_return_val_if_fail (texts != NULL || n == 0, bp);
  bp->shingles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Something two letters share is not yet boilerplate. */
  needed = MAX (2u, (guint) ceil (CLAMP (min_share, 0.0, 1.0) * n));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GHashTable) set = shingles_of (texts[i], NULL, NULL);

      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          gpointer old_key = NULL, old_value = NULL;
          if (g_hash_table_lookup_extended (counts, key, &old_key, &old_value))
            g_hash_table_insert (counts, g_strdup (key),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (old_value) + 1));
          else
            g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (1));
        }
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= needed)
      g_hash_table_add (bp->shingles, g_strdup (key));
  return bp;
}

guint
xf_boilerplate_size (const XfBoilerplate *bp)
{
  g_return_val_if_fail (bp != NULL, 0);
  return g_hash_table_size (bp->shingles);
}

char *
xf_boilerplate_serialise (const XfBoilerplate *bp)
{
  GString *out = g_string_new (BOILERPLATE_MAGIC "\n");
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (bp != NULL, g_string_free (out, FALSE));
  /* Sorted, so that the same letters always give the same file. */
  keys = g_list_sort (g_hash_table_get_keys (bp->shingles),
                      (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (out, "%s\n", (const char *) l->data);
  return g_string_free (out, FALSE);
}

XfBoilerplate *
xf_boilerplate_parse (const char *text, const char *origin, GError **error)
{
  g_autoptr(XfBoilerplate) bp = g_new0 (XfBoilerplate, 1);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  bp->shingles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines = g_strsplit (text, "\n", -1);
  if (lines[0] == NULL || !g_str_equal (lines[0], BOILERPLATE_MAGIC))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "%s: not a boilerplate list (%s)", origin, BOILERPLATE_MAGIC);
      return NULL;
    }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (!g_utf8_validate (lines[i], -1, NULL)
          || g_utf8_strlen (lines[i], -1) != SHINGLE_CHARS)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s: line %u is not a shingle of %d characters", origin,
                       i + 1, SHINGLE_CHARS);
          return NULL;
        }
      g_hash_table_add (bp->shingles, g_strdup (lines[i]));
    }
  return g_steal_pointer (&bp);
}

void
xf_boilerplate_free (XfBoilerplate *bp)
{
  if (bp == NULL)
    return;
  g_hash_table_unref (bp->shingles);
  g_free (bp);
}

static char *
field_value (GPtrArray *fields, const char *name)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const XfField *field = g_ptr_array_index (fields, i);
      if (g_str_equal (field->name, name) && field->value != NULL
          && field->value[0] != '\0')
        return g_strdup (field->value);
    }
  return NULL;
}

/* An employer as compared: look-alikes folded (广州 and 厂州 are one). */
static char *
employer_key (const char *employer)
{
  GString *out = g_string_new (NULL);

  for (const char *p = employer; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (out, fold_look_alike (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

void
xf_repeat_signature_init (XfRepeatSignature *sig, const char *text,
                          GPtrArray *fields, const char *topic,
                          const XfBoilerplate *bp)
{
  g_autoptr(GHashTable) set = NULL;
  g_autofree char *headcount = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (sig != NULL);
  memset (sig, 0, sizeof *sig);
  sig->id_number = field_value (fields, "id_number");
  sig->phone = field_value (fields, "phone");
  sig->name = field_value (fields, "name");
  {
    g_autofree char *employer = field_value (fields, "employer");
    sig->employer = employer != NULL ? employer_key (employer) : NULL;
  }
  sig->topic = g_strdup (topic);
  headcount = field_value (fields, "headcount");
  sig->headcount = headcount != NULL ? g_ascii_strtoll (headcount, NULL, 10)
                                     : -1;

  for (guint i = 0; i < XF_MINHASH_SIZE; i++)
    sig->minhash[i] = G_MAXUINT32;
  {
    g_autofree char *employer = field_value (fields, "employer");
    const char *identity[] = { sig->name, employer, NULL };
    if (identity[0] == NULL)
      identity[0] = employer, identity[1] = NULL;
    set = shingles_of (text, bp, identity);
  }
  sig->shingles = g_hash_table_size (set);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint64 h = fnv1a (key);
      for (guint i = 0; i < XF_MINHASH_SIZE; i++)
        {
          /* Hash function i: h mixed with the i-th fixed seed. */
          guint32 v = (guint32) (mix64 (h ^ mix64 (i + 1)) >> 32);
          sig->minhash[i] = MIN (sig->minhash[i], v);
        }
    }
}

void
xf_repeat_signature_clear (XfRepeatSignature *sig)
{
  if (sig == NULL)
    return;
  g_clear_pointer (&sig->id_number, g_free);
  g_clear_pointer (&sig->phone, g_free);
  g_clear_pointer (&sig->name, g_free);
  g_clear_pointer (&sig->employer, g_free);
  g_clear_pointer (&sig->topic, g_free);
}

char **
xf_repeat_keys (const XfRepeatSignature *sig)
{
  GPtrArray *keys = g_ptr_array_new ();

  g_return_val_if_fail (sig != NULL, NULL);
  if (sig->id_number != NULL)
    g_ptr_array_add (keys, g_strconcat ("id:", sig->id_number, NULL));
  if (sig->phone != NULL)
    g_ptr_array_add (keys, g_strconcat ("phone:", sig->phone, NULL));
  if (sig->name != NULL && sig->employer != NULL)
    g_ptr_array_add (keys, g_strconcat ("ne:", sig->name, "|", sig->employer,
                                        NULL));
  /* The name alone too: the employer is written short one time and in
   * full the next (宏达公司), which the judge accepts but "ne:" misses. */
  if (sig->name != NULL)
    g_ptr_array_add (keys, g_strconcat ("name:", sig->name, NULL));
  /* Too little text: its bands would collide with every short note. */
  if (sig->shingles >= xf_repeat_thresholds_default.min_shingles)
    {
      const guint rows = XF_MINHASH_SIZE / XF_LSH_BANDS;
      for (guint b = 0; b < XF_LSH_BANDS; b++)
        {
          guint64 h = mix64 (b);
          for (guint r = 0; r < rows; r++)
            h = mix64 (h ^ sig->minhash[b * rows + r]);
          g_ptr_array_add (keys, g_strdup_printf ("lsh:%u:%016" G_GINT64_MODIFIER
                                                  "x", b, h));
        }
    }
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

double
xf_repeat_similarity (const XfRepeatSignature *a, const XfRepeatSignature *b)
{
  guint equal = 0;
  double jaccard, shared;

  g_return_val_if_fail (a != NULL && b != NULL, 0.0);
  if (a->shingles == 0 || b->shingles == 0)
    return 0.0;
  for (guint i = 0; i < XF_MINHASH_SIZE; i++)
    equal += a->minhash[i] == b->minhash[i];
  jaccard = (double) equal / XF_MINHASH_SIZE;
  /* |A ∩ B| = J (|A| + |B|) / (1 + J); over the smaller set. */
  shared = jaccard * (a->shingles + b->shingles) / (1.0 + jaccard);
  return MIN (1.0, shared / MIN (a->shingles, b->shingles));
}

/* A value as one cell: tabs and line breaks would break the line. */
static void
append_cell (GString *out, const char *key, const char *value)
{
  g_string_append_printf (out, "\t%s=", key);
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' '
                                                                      : *p);
}

char *
xf_repeat_signature_serialise (const XfRepeatSignature *sig)
{
  GString *out = g_string_new (SIGNATURE_MAGIC);

  g_return_val_if_fail (sig != NULL, g_string_free (out, FALSE));
  append_cell (out, "id", sig->id_number);
  append_cell (out, "phone", sig->phone);
  append_cell (out, "name", sig->name);
  append_cell (out, "employer", sig->employer);
  append_cell (out, "topic", sig->topic);
  g_string_append_printf (out, "\theadcount=%" G_GINT64_FORMAT "\tshingles=%u"
                          "\tminhash=", sig->headcount, sig->shingles);
  for (guint i = 0; i < XF_MINHASH_SIZE; i++)
    g_string_append_printf (out, "%08x", sig->minhash[i]);
  return g_string_free (out, FALSE);
}

static gboolean
parse_minhash (const char *hex, guint32 *minhash)
{
  if (strlen (hex) != XF_MINHASH_SIZE * 8)
    return FALSE;
  for (guint i = 0; i < XF_MINHASH_SIZE; i++)
    {
      guint32 v = 0;
      for (guint k = 0; k < 8; k++)
        {
          int d = g_ascii_xdigit_value (hex[i * 8 + k]);
          if (d < 0)
            return FALSE;
          v = (v << 4) | (guint32) d;
        }
      minhash[i] = v;
    }
  return TRUE;
}

gboolean
xf_repeat_signature_parse (const char *text, XfRepeatSignature *sig,
                           GError **error)
{
  g_auto(GStrv) cells = NULL;
  guint seen = 0;

  g_return_val_if_fail (text != NULL && sig != NULL, FALSE);
  memset (sig, 0, sizeof *sig);
  sig->headcount = -1;
  if (!g_utf8_validate (text, -1, NULL))
    goto bad;
  cells = g_strsplit (text, "\t", -1);
  if (cells[0] == NULL || !g_str_equal (cells[0], SIGNATURE_MAGIC))
    goto bad;
  for (guint i = 1; cells[i] != NULL; i++)
    {
      char *eq = strchr (cells[i], '=');
      const char *value;
      char **slot = NULL;

      if (eq == NULL)
        goto bad;
      *eq = '\0';
      value = eq + 1;
      if (g_str_equal (cells[i], "id"))
        slot = &sig->id_number;
      else if (g_str_equal (cells[i], "phone"))
        slot = &sig->phone;
      else if (g_str_equal (cells[i], "name"))
        slot = &sig->name;
      else if (g_str_equal (cells[i], "employer"))
        slot = &sig->employer;
      else if (g_str_equal (cells[i], "topic"))
        slot = &sig->topic;
      else if (g_str_equal (cells[i], "headcount"))
        {
          if (!g_ascii_string_to_signed (value, 10, -1, G_MAXINT32,
                                         &sig->headcount, NULL))
            goto bad;
          seen |= 1;
        }
      else if (g_str_equal (cells[i], "shingles"))
        {
          guint64 n = 0;
          if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &n, NULL))
            goto bad;
          sig->shingles = (guint) n;
          seen |= 2;
        }
      else if (g_str_equal (cells[i], "minhash"))
        {
          if (!parse_minhash (value, sig->minhash))
            goto bad;
          seen |= 4;
        }
      else
        goto bad;
      if (slot != NULL)
        {
          g_free (*slot);
          *slot = value[0] != '\0' ? g_strdup (value) : NULL;
        }
    }
  if (seen == 7)
    return TRUE;

bad:
  xf_repeat_signature_clear (sig);
  g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
               "not a repeat signature (%s with %d MinHash values)",
               SIGNATURE_MAGIC, XF_MINHASH_SIZE);
  return FALSE;
}

static gboolean
both_equal (const char *a, const char *b)
{
  return a != NULL && b != NULL && g_str_equal (a, b);
}

static gboolean
both_differ (const char *a, const char *b)
{
  return a != NULL && b != NULL && !g_str_equal (a, b);
}

/* An employer's distinctive part: without 原 (a former name) and the
 * legal form, so 宏达公司 and 原红星电机厂 can be found inside the full
 * registered names. */
static char *
employer_core (const char *employer)
{
  static const char *const suffixes[] = {
    "有限责任公司", "股份有限公司", "有限公司", "集团公司", "公司", "集团",
    "厂", NULL,
  };
  const char *start = g_str_has_prefix (employer, "原")
                          ? employer + strlen ("原") : employer;
  gsize length = strlen (start);

  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (start, suffixes[i]) && length > strlen (suffixes[i]))
      {
        length -= strlen (suffixes[i]);
        break;
      }
  return g_strndup (start, length);
}

/* The same employer: equal, or the distinctive part of one (two
 * characters at least) inside the other: a short name and the full
 * registered one. */
static gboolean
same_employer (const char *a, const char *b)
{
  g_autofree char *core_a = NULL;
  g_autofree char *core_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_str_equal (a, b) || strstr (a, b) != NULL || strstr (b, a) != NULL)
    return TRUE;
  core_a = employer_core (a);
  core_b = employer_core (b);
  return (g_utf8_strlen (core_a, -1) >= 2 && strstr (b, core_a) != NULL)
         || (g_utf8_strlen (core_b, -1) >= 2 && strstr (a, core_b) != NULL);
}

void
xf_repeat_judge (const XfRepeatSignature *new_sig,
                 const XfRepeatSignature *old,
                 const XfRepeatThresholds *thresholds,
                 XfRepeatVerdict *verdict)
{
  const XfRepeatThresholds *t = thresholds != NULL
                                    ? thresholds
                                    : &xf_repeat_thresholds_default;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  const char *person = NULL;
  gboolean employer, context, enough_text, same_matter, conflict;
  double similarity;

  g_return_if_fail (new_sig != NULL && old != NULL && verdict != NULL);

  if (both_equal (new_sig->id_number, old->id_number))
    person = "ID number matched";
  else if (both_equal (new_sig->phone, old->phone))
    person = "phone matched";
  else if (both_equal (new_sig->name, old->name)
           && same_employer (new_sig->employer, old->employer))
    person = "name and employer matched";
  else if (new_sig->headcount >= GROUP_HEADCOUNT
           && old->headcount >= GROUP_HEADCOUNT
           && same_employer (new_sig->employer, old->employer))
    person = "joint letters of one employer";
  /* Someone else: an identity both letters give, and differently. */
  conflict = both_differ (new_sig->id_number, old->id_number)
             || both_differ (new_sig->phone, old->phone)
             || both_differ (new_sig->name, old->name);

  employer = same_employer (new_sig->employer, old->employer);
  /* The employer finder misreads now and then (a follow-up's 春节后公司),
   * so the same person's letters may also agree on the topic. */
  if (new_sig->employer != NULL && old->employer != NULL && person == NULL)
    context = employer;
  else
    context = employer || both_equal (new_sig->topic, old->topic);
  similarity = xf_repeat_similarity (new_sig, old);
  enough_text = new_sig->shingles >= t->min_shingles
                && old->shingles >= t->min_shingles;
  same_matter = context && enough_text && similarity >= t->matter;

  if (person != NULL)
    g_ptr_array_add (reasons, g_strdup (person));
  else if (conflict)
    g_ptr_array_add (reasons, g_strdup ("another writer"));
  else
    g_ptr_array_add (reasons, g_strdup ("no identity to compare"));
  if (employer)
    g_ptr_array_add (reasons, g_strdup ("employer matched"));
  else if (new_sig->employer != NULL && old->employer != NULL)
    g_ptr_array_add (reasons, g_strdup ("employers differ"));
  else if (both_equal (new_sig->topic, old->topic))
    g_ptr_array_add (reasons, g_strdup ("topic matched"));
  if (enough_text)
    g_ptr_array_add (reasons, g_strdup_printf ("text %.2f similar", similarity));
  else
    g_ptr_array_add (reasons, g_strdup ("too little text to compare"));

  verdict->score = similarity;
  if (person != NULL && same_matter)
    verdict->kind = XF_REPEAT_SAME;
  else if (person == NULL && !conflict && employer && enough_text
           && similarity >= t->anonymous)
    verdict->kind = XF_REPEAT_SAME;
  else if (person == NULL && employer && same_matter)
    verdict->kind = XF_REPEAT_RELATED;
  else
    verdict->kind = XF_REPEAT_NONE;

  g_ptr_array_add (reasons, NULL);
  verdict->reasons = g_strjoinv ("; ", (char **) reasons->pdata);
}

void
xf_repeat_verdict_clear (XfRepeatVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_clear_pointer (&verdict->reasons, g_free);
}
