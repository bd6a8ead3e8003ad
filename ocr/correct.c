/* Setting right the characters the recogniser misreads, by the letters'
 * own language: a noisy channel.  For a character the recogniser is known
 * to give for another (三 and 广 for 厂, 遗 for 遣, 筋 for 劳), the text
 * keeps whichever of the read character and the ones it stands for makes
 * the likelier text with its neighbours:
 *
 *   score(x) = log P(read | x) + log P(x | before) + log P(after | x)
 *
 * P(read | x), the channel, is counted by aligning OCR output with the
 * truth of pages rendered from training letters; P(x | before) and
 * P(after | x), the language, are character-pair counts of petition
 * letters (add-0.1 smoothing).  Another character wins only by a margin
 * of CORRECT_MARGIN (natural log: e^2, seven times as likely), and only a
 * confusion seen twice or more is tried.  Both were chosen by fitting on
 * half the training pages and measuring on the other half (bench/README.md).
 * The counts are ocr/ocr-lm.txt (tools/ocr-lm.py), compiled in.
 *
 * A standard fax read by its own model (docs/fax-model.md) misreads far
 * more, and differently: strokes are gone, so 申 comes out 里 and 自 日.
 * Its pages are corrected with the misreadings of that model added to the
 * others (ocr/ocr-fax-lm.txt, counted on the training and dev letters and
 * on repeat-set letters that model never saw, faxed the same way, each
 * misreading seen once or more) and a margin of FAX_CORRECT_MARGIN (e^1),
 * both chosen the same way: half of those pages against the other half. */
#define G_LOG_DOMAIN "xf-ocr"

#include "ocr/ocr-private.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#define LM_MAGIC "xinfang-ocr-lm 1"
#define LM_RESOURCE "/cn/xinfang/ocr-lm.txt"
#define FAX_LM_RESOURCE "/cn/xinfang/ocr-fax-lm.txt"
#define CORRECT_MARGIN 2.0
#define FAX_CORRECT_MARGIN 1.0
#define SMOOTHING 0.1
/* The read character's own reading is never trusted less than this. */
#define MIN_STAY 0.5

typedef struct {
  gunichar truth;
  guint count;
} Confusion;

struct XfOcrLm {
  GHashTable *unigrams;    /* gunichar -> count */
  GHashTable *bigrams;     /* guint64 (first << 32 | second) -> count */
  GHashTable *confusions;  /* gunichar read -> GArray of Confusion */
  GHashTable *seen;        /* gunichar -> times in the aligned truths */
  GHashTable *misread;     /* gunichar -> times it was read as another */
  double vocabulary;
  double margin;           /* how much likelier another must be */
};

static guint
count_of (GHashTable *table, gunichar c)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, GUINT_TO_POINTER (c)));
}

static guint
saturating_add (guint a, guint b)
{
  return a > G_MAXUINT32 - b ? G_MAXUINT32 : a + b;
}

static void
add_count (GHashTable *table, gunichar c, guint count)
{
  g_hash_table_insert (table, GUINT_TO_POINTER (c),
                       GUINT_TO_POINTER (saturating_add (count_of (table, c),
                                                         count)));
}

static guint
pair_count (const XfOcrLm *lm, gunichar a, gunichar b)
{
  guint64 key = ((guint64) a << 32) | b;
  return GPOINTER_TO_UINT (g_hash_table_lookup (lm->bigrams, &key));
}

/* log P(@b | @a). */
static double
log_next (const XfOcrLm *lm, gunichar a, gunichar b)
{
  return log ((pair_count (lm, a, b) + SMOOTHING)
              / (count_of (lm->unigrams, a) + SMOOTHING * lm->vocabulary));
}

void
xf_ocr_lm_free (XfOcrLm *lm)
{
  if (lm == NULL)
    return;
  g_hash_table_unref (lm->unigrams);
  g_hash_table_unref (lm->bigrams);
  g_hash_table_unref (lm->confusions);
  g_hash_table_unref (lm->seen);
  g_hash_table_unref (lm->misread);
  g_free (lm);
}

static gboolean
parse_count (const char *text, guint *count)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &n, NULL))
    return FALSE;
  *count = (guint) n;
  return TRUE;
}

/* One character of @text, or 0 when @text is not exactly one. */
static gunichar
one_char (const char *text)
{
  gunichar c = g_utf8_get_char_validated (text, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0
      || *g_utf8_next_char (text) != '\0')
    return 0;
  return c;
}

/* Adds @count to @c's truth in @list, or appends it. */
static void
add_confusion (GArray *list, gunichar truth, guint count)
{
  for (guint k = 0; k < list->len; k++)
    {
      Confusion *c = &g_array_index (list, Confusion, k);
      if (c->truth == truth)
        {
          c->count = saturating_add (c->count, count);
          return;
        }
    }
  Confusion c = { truth, count };
  g_array_append_val (list, c);
}

/* One line of counts into @lm; FALSE when it is not one. */
static gboolean
add_line (XfOcrLm *lm, const char *line)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", 5);
  guint n = g_strv_length (cells);
  guint count = 0;

  if (g_str_equal (cells[0], "u") && n == 3 && one_char (cells[1])
      && parse_count (cells[2], &count))
    add_count (lm->unigrams, one_char (cells[1]), count);
  else if (g_str_equal (cells[0], "s") && n == 3 && one_char (cells[1])
           && parse_count (cells[2], &count))
    add_count (lm->seen, one_char (cells[1]), count);
  else if (g_str_equal (cells[0], "b") && n == 3
           && g_utf8_strlen (cells[1], -1) == 2
           && parse_count (cells[2], &count))
    {
      gunichar a = g_utf8_get_char (cells[1]);
      gunichar b = g_utf8_get_char (g_utf8_next_char (cells[1]));
      guint64 *key = g_new (guint64, 1);

      *key = ((guint64) a << 32) | b;
      count = saturating_add (pair_count (lm, a, b), count);
      g_hash_table_replace (lm->bigrams, key, GUINT_TO_POINTER (count));
    }
  else if (g_str_equal (cells[0], "c") && n == 4 && one_char (cells[1])
           && one_char (cells[2]) && parse_count (cells[3], &count))
    {
      gunichar truth = one_char (cells[1]);
      gunichar read = one_char (cells[2]);
      GArray *list = g_hash_table_lookup (lm->confusions,
                                          GUINT_TO_POINTER (read));

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Confusion));
          g_hash_table_insert (lm->confusions, GUINT_TO_POINTER (read), list);
        }
      add_confusion (list, truth, count);
      add_count (lm->misread, truth, count);
    }
  else
    return FALSE;
  return TRUE;
}

gboolean
xf_ocr_lm_add (XfOcrLm *lm, const char *data, gsize length,
               const char *origin, GError **error)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (lm != NULL && data != NULL, FALSE);
  if (!g_utf8_validate (text, -1, NULL))
    goto bad;
  lines = g_strsplit (text, "\n", -1);
  if (lines[0] == NULL || !g_str_equal (lines[0], LM_MAGIC))
    goto bad;
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !add_line (lm, lines[i]))
      {
        g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                     "%s: line %u is not a count", origin, i + 1);
        return FALSE;
      }
  lm->vocabulary = g_hash_table_size (lm->unigrams) + 1;
  return TRUE;

bad:
  g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
               "%s: not an OCR language file (%s)", origin, LM_MAGIC);
  return FALSE;
}

XfOcrLm *
xf_ocr_lm_parse (const char *data, gsize length, const char *origin,
                 GError **error)
{
  g_autoptr(XfOcrLm) lm = g_new0 (XfOcrLm, 1);

  lm->unigrams = g_hash_table_new (g_direct_hash, g_direct_equal);
  lm->bigrams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       NULL);
  lm->confusions = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify) g_array_unref);
  lm->seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  lm->misread = g_hash_table_new (g_direct_hash, g_direct_equal);
  lm->margin = CORRECT_MARGIN;
  if (!xf_ocr_lm_add (lm, data, length, origin, error))
    return NULL;
  return g_steal_pointer (&lm);
}

void
xf_ocr_lm_set_margin (XfOcrLm *lm, double margin)
{
  g_return_if_fail (lm != NULL && margin >= 0);
  lm->margin = margin;
}

/* The compiled-in counts at @path added to @lm (a new one when NULL).  The
 * data is built with the binary, so failing to read it is a bug. */
static XfOcrLm *
add_builtin (XfOcrLm *lm, const char *path)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (
      path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data;

  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &length);
  if (lm == NULL)
    lm = xf_ocr_lm_parse (data, length, path, &error);
  else if (!xf_ocr_lm_add (lm, data, length, path, &error))
    g_clear_pointer (&lm, xf_ocr_lm_free);
  if (lm == NULL)
    g_error ("the built-in OCR language: %s", error->message);
  return lm;
}

const XfOcrLm *
xf_ocr_lm_builtin (void)
{
  static XfOcrLm *lm;

  if (g_once_init_enter (&lm))
    g_once_init_leave (&lm, add_builtin (NULL, LM_RESOURCE));
  return lm;
}

const XfOcrLm *
xf_ocr_lm_builtin_fax (void)
{
  static XfOcrLm *lm;

  if (g_once_init_enter (&lm))
    {
      XfOcrLm *fax = add_builtin (add_builtin (NULL, LM_RESOURCE),
                                  FAX_LM_RESOURCE);
      xf_ocr_lm_set_margin (fax, FAX_CORRECT_MARGIN);
      g_once_init_leave (&lm, fax);
    }
  return lm;
}

/* The likeliest truth for the character @read, with neighbours @before and
 * @after (0 at the edges). */
static gunichar
likeliest (const XfOcrLm *lm, gunichar read, gunichar before, gunichar after)
{
  GArray *list = g_hash_table_lookup (lm->confusions, GUINT_TO_POINTER (read));
  double stay, best;
  gunichar choice = read;

  if (list == NULL)
    return read;
  /* P(read | read): how often the character is read as itself. */
  stay = 1.0 - (double) count_of (lm->misread, read)
                   / MAX (1u, count_of (lm->seen, read));
  best = log (MAX (stay, MIN_STAY))
         + (before ? log_next (lm, before, read) : 0)
         + (after ? log_next (lm, read, after) : 0);
  for (guint k = 0; k < list->len; k++)
    {
      const Confusion *c = &g_array_index (list, Confusion, k);
      double channel = (double) c->count / MAX (1u, count_of (lm->seen, c->truth));
      double score = log (MIN (channel, 1.0))
                     + (before ? log_next (lm, before, c->truth) : 0)
                     + (after ? log_next (lm, c->truth, after) : 0);
      if (score > best + lm->margin)
        {
          best = score;
          choice = c->truth;
        }
    }
  return choice;
}

char *
xf_ocr_correct_text (const XfOcrLm *lm, const char *text)
{
  g_autofree gunichar *u = NULL;
  glong n = 0;
  GString *out;

  g_return_val_if_fail (lm != NULL && text != NULL, NULL);
  u = g_utf8_to_ucs4 (text, -1, NULL, &n, NULL);
  if (u == NULL)
    return g_strdup (text);
  /* Neighbours are the nearest characters that are not blanks or line
   * breaks: the counts were made with those removed. */
  for (glong i = 0; i < n; i++)
    {
      gunichar before = 0, after = 0;

      if (g_unichar_isspace (u[i])
          || !g_hash_table_contains (lm->confusions, GUINT_TO_POINTER (u[i])))
        continue;
      for (glong k = i - 1; k >= 0 && before == 0; k--)
        if (!g_unichar_isspace (u[k]))
          before = u[k];
      for (glong k = i + 1; k < n && after == 0; k++)
        if (!g_unichar_isspace (u[k]))
          after = u[k];
      u[i] = likeliest (lm, u[i], before, after);
    }
  out = g_string_sized_new (strlen (text));
  for (glong i = 0; i < n; i++)
    g_string_append_unichar (out, u[i]);
  return g_string_free (out, FALSE);
}
