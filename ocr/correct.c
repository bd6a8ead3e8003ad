/* Setting right the characters the recogniser misreads, by the letters'
 * own language: a noisy channel.  For a character the recogniser is known
 * to give for another (三 and 广 for 厂, 遗 for 遣, 筋 for 劳), the text
 * keeps whichever of the read character and the ones it stands for makes
 * the likelier text with its neighbours:
 *
 *   score(x) = log P(read | x) + log P(x | two before)
 *              + log P(next | before, x) + log P(one after | x, next)
 *
 * P(read | x), the channel, is counted by aligning OCR output with the
 * truth of pages rendered from training letters (ocr/ocr-lm.txt,
 * tools/ocr-lm.py).  The language is a character trigram model of petition
 * letters (ocr/ocr-lang.txt.gz, make ocr-lang): counts of characters, pairs
 * and triples, interpolated with absolute discounting, each order's
 * estimate falling back on the one below it by the mass its discount
 * frees:
 *
 *   P(w | h) = max(c(hw) - D, 0) / c(h·) + D · n(h·) / c(h·) · P(w | h')
 *
 * where c(h·) counts what follows the history h, n(h·) how many different
 * characters do, and h' is h without its first character; characters
 * alone are add-0.1 smoothed.  Another character wins only by a margin of
 * CORRECT_MARGIN (natural log: e^2, seven times as likely), and only a
 * confusion seen twice or more is tried.  The margin was chosen by fitting
 * on half the training pages and measuring on the other half
 * (bench/README.md).  Both files are compiled in.
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
#include <stdlib.h>
#include <string.h>

#define LM_MAGIC "xinfang-ocr-lm 1"
#define LANG_RESOURCE "/cn/xinfang/ocr-lang.txt"
#define LM_RESOURCE "/cn/xinfang/ocr-lm.txt"
#define FAX_LM_RESOURCE "/cn/xinfang/ocr-fax-lm.txt"
#define CORRECT_MARGIN 2.0
#define FAX_CORRECT_MARGIN 1.0
#define SMOOTHING 0.1
#define DISCOUNT 0.75
/* The read character's own reading is never trusted less than this. */
#define MIN_STAY 0.5
/* A character fits in 21 bits, so a triple of them in 63. */
#define CHAR_BITS 21

typedef struct {
  gunichar truth;
  guint count;
} Confusion;

/* A pair or triple of characters, packed CHAR_BITS apiece, first highest. */
typedef struct {
  guint64 key;
  guint count;
} Gram;

/* What follows a history (one character, or two packed): c(h·) and n(h·). */
typedef struct {
  guint64 key;
  guint total;
  guint kinds;
} History;

/* The letters' language.  The counts are gathered unsorted and put in
 * order (duplicates summed) once a file is read. */
typedef struct {
  GHashTable *unigrams;    /* gunichar -> count */
  GArray *grams[4];        /* [2] pairs, [3] triples: Gram by key */
  GArray *histories[4];    /* [2] of one character, [3] of two: History */
  double total;            /* all characters counted */
  double vocabulary;
} Language;

struct XfOcrLm {
  Language *language;
  gboolean owns_language;  /* FALSE: borrowed from the built-in counts */
  GHashTable *confusions;  /* gunichar read -> GArray of Confusion */
  GHashTable *seen;        /* gunichar -> times in the aligned truths */
  GHashTable *misread;     /* gunichar -> times it was read as another */
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

static Language *
language_new (void)
{
  Language *l = g_new0 (Language, 1);

  l->unigrams = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint k = 2; k <= 3; k++)
    {
      l->grams[k] = g_array_new (FALSE, FALSE, sizeof (Gram));
      l->histories[k] = g_array_new (FALSE, FALSE, sizeof (History));
    }
  l->vocabulary = 1;
  return l;
}

static void
language_free (Language *l)
{
  if (l == NULL)
    return;
  g_hash_table_unref (l->unigrams);
  for (guint k = 2; k <= 3; k++)
    {
      g_array_unref (l->grams[k]);
      g_array_unref (l->histories[k]);
    }
  g_free (l);
}

/* Orders Gram and History alike: by the key each begins with. */
static int
compare_keys (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* The element of @array (of @size-byte elements, in order) with @key, or
 * NULL. */
static const void *
find (const GArray *array, gsize size, guint64 key)
{
  if (array->len == 0)
    return NULL;
  return bsearch (&key, array->data, array->len, size, compare_keys);
}

/* Puts @l's pairs and triples in order with duplicates summed, and counts
 * what follows each history, once counts have been added. */
static void
language_settle (Language *l)
{
  GHashTableIter iter;
  gpointer count;

  l->total = 0;
  g_hash_table_iter_init (&iter, l->unigrams);
  while (g_hash_table_iter_next (&iter, NULL, &count))
    l->total += GPOINTER_TO_UINT (count);
  l->vocabulary = g_hash_table_size (l->unigrams) + 1;
  for (guint k = 2; k <= 3; k++)
    {
      GArray *grams = l->grams[k];
      GArray *histories = l->histories[k];
      guint kept = 0;

      if (grams->len > 0)
        qsort (grams->data, grams->len, sizeof (Gram), compare_keys);
      for (guint i = 0; i < grams->len; i++)
        {
          Gram g = g_array_index (grams, Gram, i);
          Gram *last = kept > 0 ? &g_array_index (grams, Gram, kept - 1) : NULL;

          if (last != NULL && last->key == g.key)
            last->count = saturating_add (last->count, g.count);
          else
            g_array_index (grams, Gram, kept++) = g;
        }
      g_array_set_size (grams, kept);
      /* In key order, the grams of one history are together. */
      g_array_set_size (histories, 0);
      for (guint i = 0; i < kept; i++)
        {
          const Gram *g = &g_array_index (grams, Gram, i);
          History *h = NULL;

          if (histories->len > 0)
            h = &g_array_index (histories, History, histories->len - 1);
          if (h == NULL || h->key != g->key >> CHAR_BITS)
            {
              History fresh = { g->key >> CHAR_BITS, 0, 0 };

              g_array_append_val (histories, fresh);
              h = &g_array_index (histories, History, histories->len - 1);
            }
          h->total = saturating_add (h->total, g->count);
          h->kinds++;
        }
    }
}

/* P(@w | @history) in the language of @order, given @lower, the
 * estimate one order down. */
static double
p_after (const Language *l, guint order, guint64 history, gunichar w,
         double lower)
{
  const History *h = find (l->histories[order], sizeof (History), history);
  const Gram *g;

  if (h == NULL || h->total == 0)
    return lower;
  g = find (l->grams[order], sizeof (Gram), history << CHAR_BITS | w);
  return (MAX ((g != NULL ? g->count : 0) - DISCOUNT, 0.0)
          + DISCOUNT * h->kinds * lower) / h->total;
}

/* log P(@w | @a @b), @a or both 0 at the start of the text. */
static double
log_p (const Language *l, gunichar a, gunichar b, gunichar w)
{
  double p = (count_of (l->unigrams, w) + SMOOTHING)
             / (l->total + SMOOTHING * l->vocabulary);

  if (b != 0)
    {
      p = p_after (l, 2, b, w, p);
      if (a != 0)
        p = p_after (l, 3, (guint64) a << CHAR_BITS | b, w, p);
    }
  return log (p);
}

static XfOcrLm *
lm_new (Language *borrowed)
{
  XfOcrLm *lm = g_new0 (XfOcrLm, 1);

  lm->owns_language = borrowed == NULL;
  lm->language = borrowed != NULL ? borrowed : language_new ();
  lm->confusions = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify) g_array_unref);
  lm->seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  lm->misread = g_hash_table_new (g_direct_hash, g_direct_equal);
  lm->margin = CORRECT_MARGIN;
  return lm;
}

void
xf_ocr_lm_free (XfOcrLm *lm)
{
  if (lm == NULL)
    return;
  if (lm->owns_language)
    language_free (lm->language);
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

/* @text packed as a key when it is exactly @n characters, else 0. */
static guint64
gram_key (const char *text, guint n)
{
  guint64 key = 0;
  const char *p = text;

  for (guint i = 0; i < n; i++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
        return 0;
      key = key << CHAR_BITS | c;
      p = g_utf8_next_char (p);
    }
  return *p == '\0' ? key : 0;
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

/* One line of counts into @lm, its language only when @language is set
 * (@counted_language then set); FALSE when it is not one it may hold. */
static gboolean
add_line (XfOcrLm *lm, Language *language, const char *line,
          gboolean *counted_language)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", 5);
  guint n = g_strv_length (cells);
  guint count = 0;
  guint order = 0;

  if (g_str_equal (cells[0], "b"))
    order = 2;
  else if (g_str_equal (cells[0], "t"))
    order = 3;
  if (g_str_equal (cells[0], "u") && n == 3 && language != NULL
      && one_char (cells[1]) && parse_count (cells[2], &count))
    {
      add_count (language->unigrams, one_char (cells[1]), count);
      *counted_language = TRUE;
    }
  else if (order > 0 && n == 3 && language != NULL
           && gram_key (cells[1], order) != 0 && parse_count (cells[2], &count))
    {
      Gram g = { gram_key (cells[1], order), count };

      g_array_append_val (language->grams[order], g);
      *counted_language = TRUE;
    }
  else if (g_str_equal (cells[0], "s") && n == 3 && one_char (cells[1])
           && parse_count (cells[2], &count))
    add_count (lm->seen, one_char (cells[1]), count);
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
  char *line = text;
  Language *language;
  gboolean grew = FALSE;

  g_return_val_if_fail (lm != NULL && data != NULL, FALSE);
  /* Counts that share the built-in language cannot add to it. */
  language = lm->owns_language ? lm->language : NULL;
  if (!g_utf8_validate (text, -1, NULL))
    goto bad;
  /* Line by line in place: the language is hundreds of thousands. */
  for (guint i = 1; line != NULL; i++)
    {
      char *end = strchr (line, '\n');

      if (end != NULL)
        *end = '\0';
      if (i == 1 && !g_str_equal (line, LM_MAGIC))
        goto bad;
      if (i > 1 && line[0] != '\0'
          && !add_line (lm, language, line, &grew))
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "%s: line %u is not a count", origin, i);
          return FALSE;
        }
      line = end != NULL ? end + 1 : NULL;
    }
  if (grew)
    language_settle (language);
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
  g_autoptr(XfOcrLm) lm = lm_new (NULL);

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
    g_once_init_leave (&lm, add_builtin (add_builtin (NULL, LANG_RESOURCE),
                                         LM_RESOURCE));
  return lm;
}

const XfOcrLm *
xf_ocr_lm_builtin_fax (void)
{
  static XfOcrLm *lm;

  if (g_once_init_enter (&lm))
    {
      /* The language is the same: shared, not read twice. */
      XfOcrLm *fax = lm_new (xf_ocr_lm_builtin ()->language);

      fax = add_builtin (add_builtin (fax, LM_RESOURCE), FAX_LM_RESOURCE);
      xf_ocr_lm_set_margin (fax, FAX_CORRECT_MARGIN);
      g_once_init_leave (&lm, fax);
    }
  return lm;
}

/* log P of @v[@i] and the two characters after it, each given the two
 * before it, with @x in place of @v[@i]; @v holds @m characters. */
static double
fit (const Language *l, const gunichar *v, glong m, glong i, gunichar x)
{
  gunichar w[5];
  double sum = 0;

  for (glong k = 0; k < 5; k++)
    w[k] = i - 2 + k >= 0 && i - 2 + k < m ? v[i - 2 + k] : 0;
  w[2] = x;
  for (guint k = 2; k < 5 && w[k] != 0; k++)
    sum += log_p (l, w[k - 2], w[k - 1], w[k]);
  return sum;
}

/* The likeliest truth for the character @v[@i] read, among @m. */
static gunichar
likeliest (const XfOcrLm *lm, const gunichar *v, glong m, glong i)
{
  gunichar read = v[i];
  GArray *list = g_hash_table_lookup (lm->confusions, GUINT_TO_POINTER (read));
  double stay, best;
  gunichar choice = read;

  if (list == NULL)
    return read;
  /* P(read | read): how often the character is read as itself. */
  stay = 1.0 - (double) count_of (lm->misread, read)
                   / MAX (1u, count_of (lm->seen, read));
  best = log (MAX (stay, MIN_STAY)) + fit (lm->language, v, m, i, read);
  for (guint k = 0; k < list->len; k++)
    {
      const Confusion *c = &g_array_index (list, Confusion, k);
      double channel = (double) c->count / MAX (1u, count_of (lm->seen, c->truth));
      double score = log (MIN (channel, 1.0))
                     + fit (lm->language, v, m, i, c->truth);
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
  g_autofree gunichar *v = NULL;
  g_autofree glong *at = NULL;
  glong n = 0, m = 0;
  GString *out;

  g_return_val_if_fail (lm != NULL && text != NULL, NULL);
  u = g_utf8_to_ucs4 (text, -1, NULL, &n, NULL);
  if (u == NULL)
    return g_strdup (text);
  /* The characters are read with blanks and line breaks left out, as the
   * counts were made: @v holds the rest, and @at where each is in @u. */
  v = g_new (gunichar, n + 1);
  at = g_new (glong, n + 1);
  for (glong i = 0; i < n; i++)
    if (!g_unichar_isspace (u[i]))
      {
        v[m] = u[i];
        at[m++] = i;
      }
  for (glong i = 0; i < m; i++)
    if (g_hash_table_contains (lm->confusions, GUINT_TO_POINTER (v[i])))
      u[at[i]] = v[i] = likeliest (lm, v, m, i);
  out = g_string_sized_new (strlen (text));
  for (glong i = 0; i < n; i++)
    g_string_append_unichar (out, u[i]);
  return g_string_free (out, FALSE);
}
