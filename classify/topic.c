/* The topic of a letter: complement naive Bayes (Rennie et al., 2003)
 * over Han character unigrams and bigrams, with the keyword table as prior
 * knowledge.
 *
 * Why naive Bayes: a petition office has a few hundred labelled letters,
 * not tens of thousands.  Naive Bayes learns from that little with two
 * constants, trains in milliseconds, so `xinfang train` can fold clerks'
 * corrections in on any machine, and its model is a table of counts a
 * person can read.  The complement form estimates each topic's weights
 * from the letters of all the other topics, which is steadier when a topic
 * has only a handful of letters, and its per-topic weight normalisation
 * keeps one wordy topic from winning everything.  Character n-grams need no
 * word segmentation, which Chinese does not mark and OCR noise breaks.
 * Each feature counts once per letter (binarised), so a letter that repeats
 * 工资 twenty times does not drown the rest.  The keywords of each topic are
 * added to its counts as if seen in KEYWORD_WEIGHT letters: with seven
 * letters a topic, what the office knows the words mean outweighs chance.
 *
 * The constants were chosen by 7-fold cross-validation on the training
 * letters only (testdata/letters/train), never on the evaluation set:
 * binarised multinomial NB 0.25–0.57, complement NB 0.72 with weight 10,
 * 0.84 with weight 40 and the fuller keyword lists below.
 *
 * Model file (UTF-8 text, tab-separated):
 *   xinfang-topic-model 1
 *   topics KEY1 KEY2 ...            (the order of the count columns)
 *   letters N1 N2 ...               (training letters per topic)
 *   FEATURE  C1 C2 ...              (letters per topic containing it)
 */
#define G_LOG_DOMAIN "xf-classify"
#include "classify/classify-private.h"
#include "common/common.h"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_MAGIC "xinfang-topic-model 1"
#define MODEL_RESOURCE "/cn/xinfang/topic-model.txt"
#define REPEAT_MODEL_RESOURCE "/cn/xinfang/repeat-topic-model.txt"

/* Additive smoothing of the complement feature probabilities. */
#define ALPHA 1.0
/* A keyword counts as if this many letters of its topic contained it. */
#define KEYWORD_WEIGHT 40.0
/* The score is a softmax over the topics' standardised sums, this sharp. */
#define SCORE_SHARPNESS 2.0
/* Tie-break rules apply when the runner-up's score is this close. */
#define TIE_MARGIN 0.25

#define N_TOPICS 14

/* Prior knowledge: words that mark a topic, from DESIGN.md's table and the
 * words petitioners use for the same things. */
static const struct {
  const char *topic;
  const char *words;
} keywords[] = {
  { "wages",
    "拖欠工资 欠薪 讨薪 克扣 包工头 加班费 工资 工钱 欠款 结清 血汗钱 发工资 拖欠 农民工 工程款 结账 欠条 白条" },
  { "social_insurance",
    "社保 五险 断缴 补缴 养老保险 医保 医疗保险 失业保险 缴费基数 缴纳 参保 养老金 退休金 社保局 缴费记录" },
  { "labor_contract",
    "劳动合同 未签合同 二倍工资 试用期 劳务派遣 确认劳动关系 派遣 签合同 合同到期 续签 外包 用工 临时工 劳务公司" },
  { "dismissal",
    "辞退 开除 裁员 经济补偿 违法解除 解除劳动合同 补偿金 末位淘汰 劝退 解雇 赔偿金 自动离职 调岗 被迫离职" },
  { "work_injury",
    "工伤认定 伤残鉴定 职业病 尘肺 工伤 受伤 骨折 住院 医药费 摔伤 砸伤 手指 截肢 伤残 治疗 工亡 矽肺" },
  { "working_hours",
    "加班 超时 不让休息 年休假 休息日 工时 调休 连轴转 双休 单休 每天工作 夜班 倒班 周末 休假 轮休" },
  { "safety",
    "安全隐患 防护用品 冒险作业 粉尘 安全 隐患 事故 劳保 口罩 防护 有毒 噪声 消防 违章 高空 中毒 通风" },
  { "restructuring",
    "改制 买断工龄 破产 安置 下岗 国企 转制 清算 历史遗留 工龄 内退 集体企业 兼并 重组 老厂 职工身份" },
  { "women_minors",
    "孕期 产假 三期 性骚扰 童工 怀孕 哺乳期 女职工 生育 未成年 产检 孕妇 流产 哺乳 女工" },
  { "welfare",
    "公积金 高温津贴 困难补助 福利 补贴 慰问 帮扶 困难职工 住房公积金 过节费 福利费 救助 大病 补助金 食堂 宿舍" },
  { "employment",
    "招聘歧视 培训费 服务期 押证件 招聘 扣押 身份证 押金 就业 培训 求职 面试 录用 违约金 毕业证 体检 招工 中介" },
  { "union",
    "建会 工会经费 打击报复 工会干部 成立工会 工会主席 会费 工会组织 入会 工会委员 基层工会 工会选举" },
  { "democratic_management",
    "职代会 厂务公开 集体合同 职工代表大会 集体协商 民主 职工代表 表决 规章制度 公示 讨论通过 工资集体协商 民主管理" },
  { "other",
    "邻居 纠纷 咨询 房子 噪音 物业 户口 拆迁 离婚 交通事故 买房 停车 车位 借钱 装修" },
};

struct XfTopicModel {
  GHashTable *features;          /* feature (UTF-8) -> double[N_TOPICS]:
                                    counts as read, then weights */
  double letters[N_TOPICS];      /* training letters per topic */
};

struct XfTopicTrainer {
  GHashTable *features;          /* feature -> double[N_TOPICS] */
  double letters[N_TOPICS];
  guint examples;
};

static int
topic_index (const char *key)
{
  for (int i = 0; i < N_TOPICS; i++)
    if (g_str_equal (xf_topic_keys[i], key))
      return i;
  return -1;
}

static gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* The end of the header line of a mail or a fax cover starting at @line
 * (收：市总工会信访室, 发件人：…, 日期：…: the phone finder's heads and a
 * date's), or NULL when it is none: who sent it to whom says nothing of
 * what it is about, and 工会 there would speak for the topic "union" in a
 * two-line fax.  主题： is the letter's own words and stays. */
static const char *
header_line_end (const char *line)
{
  static const char *const dates[] = { "日期", "时间", "Date", NULL };
  const char *const *const lists[] = { xf_classify_addressee_heads,
                                       xf_classify_sender_heads, dates };
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      if (g_str_has_prefix (p, lists[l][i]))
        {
          const char *q = p + strlen (lists[l][i]);

          while (*q == ' ')
            q++;
          if (*q == ':' || g_str_has_prefix (q, "\xEF\xBC\x9A" /* ： */))
            {
              const char *end = strchr (q, '\n');
              return end != NULL ? end : q + strlen (q);
            }
        }
  return NULL;
}

/* The distinct features of @text: each Han character and each pair of
 * adjacent Han characters, header lines left out.  A set (feature ->
 * itself). */
static GHashTable *
features_of (const char *text)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           NULL);
  const char *prev = NULL;
  gboolean line_start = TRUE;

  for (const char *p = text; p != NULL && *p != '\0';
       p = g_utf8_next_char (p))
    {
      gunichar c;
      const char *next;

      if (line_start)
        {
          const char *end = header_line_end (p);

          line_start = FALSE;
          if (end != NULL)
            {
              prev = NULL;
              if (*end == '\0')
                break;
              p = end;   /* the line break: the next line starts after it */
            }
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '\n')
        line_start = TRUE;
      if (!is_han (c))
        {
          /* Spaces and line breaks inside a Chinese run are layout, not
           * a boundary; everything else is. */
          if (!g_unichar_isspace (c))
            prev = NULL;
          continue;
        }
      next = g_utf8_next_char (p);
      g_hash_table_add (set, g_strndup (p, (gsize) (next - p)));
      if (prev != NULL)
        {
          gsize plen = (gsize) (g_utf8_next_char (prev) - prev);
          char *pair = g_malloc (plen + (gsize) (next - p) + 1);
          memcpy (pair, prev, plen);
          memcpy (pair + plen, p, (gsize) (next - p));
          pair[plen + (gsize) (next - p)] = '\0';
          g_hash_table_add (set, pair);
        }
      prev = p;
    }
  return set;
}

static double *
counts_for (GHashTable *features, const char *feature)
{
  double *counts = g_hash_table_lookup (features, feature);

  if (counts == NULL)
    {
      counts = g_new0 (double, N_TOPICS);
      g_hash_table_insert (features, g_strdup (feature), counts);
    }
  return counts;
}

XfTopicTrainer *
xf_topic_trainer_new (void)
{
  XfTopicTrainer *trainer = g_new0 (XfTopicTrainer, 1);

  trainer->features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             g_free);
  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      int t = topic_index (keywords[i].topic);
      g_auto(GStrv) words = g_strsplit (keywords[i].words, " ", -1);

      g_assert (t >= 0);
      for (char **w = words; *w != NULL; w++)
        {
          g_autoptr(GHashTable) set = features_of (*w);
          GHashTableIter iter;
          gpointer feature;

          g_hash_table_iter_init (&iter, set);
          while (g_hash_table_iter_next (&iter, &feature, NULL))
            counts_for (trainer->features, feature)[t] += KEYWORD_WEIGHT;
        }
    }
  return trainer;
}

void
xf_topic_trainer_free (XfTopicTrainer *trainer)
{
  if (trainer == NULL)
    return;
  g_hash_table_unref (trainer->features);
  g_free (trainer);
}

gboolean
xf_topic_trainer_add (XfTopicTrainer *trainer, const char *topic,
                      const char *text, GError **error)
{
  int t = topic_index (topic != NULL ? topic : "");
  g_autoptr(GHashTable) set = NULL;
  GHashTableIter iter;
  gpointer feature;

  if (t < 0)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "'%s' is not a topic key", topic ? topic : "(none)");
      return FALSE;
    }
  set = features_of (text);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &feature, NULL))
    counts_for (trainer->features, feature)[t] += 1.0;
  trainer->letters[t] += 1.0;
  trainer->examples++;
  return TRUE;
}

guint
xf_topic_trainer_examples (XfTopicTrainer *trainer, guint *per_topic)
{
  for (int t = 0; per_topic != NULL && t < N_TOPICS; t++)
    per_topic[t] = (guint) trainer->letters[t];
  return trainer->examples;
}

static void
append_numbers (GString *out, const double *values)
{
  for (int t = 0; t < N_TOPICS; t++)
    g_string_append_printf (out, "\t%g", values[t]);
  g_string_append_c (out, '\n');
}

char *
xf_topic_trainer_serialise (XfTopicTrainer *trainer)
{
  GString *out = g_string_new (MODEL_MAGIC "\ntopics");
  g_autoptr(GList) names = g_hash_table_get_keys (trainer->features);

  for (int t = 0; t < N_TOPICS; t++)
    g_string_append_printf (out, "\t%s", xf_topic_keys[t]);
  g_string_append (out, "\nletters");
  append_numbers (out, trainer->letters);
  /* Sorted, so that the same letters always give the same file. */
  names = g_list_sort (names, (GCompareFunc) strcmp);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const double *counts = g_hash_table_lookup (trainer->features, l->data);
      double total = 0;
      for (int t = 0; t < N_TOPICS; t++)
        total += counts[t];
      /* A feature seen in one letter only says little and costs space. */
      if (total < 2.0)
        continue;
      g_string_append (out, l->data);
      append_numbers (out, counts);
    }
  return g_string_free (out, FALSE);
}

void
xf_topic_model_free (XfTopicModel *model)
{
  if (model == NULL)
    return;
  g_hash_table_unref (model->features);
  g_free (model);
}

static gboolean
parse_numbers (char **cells, double *values)
{
  for (int t = 0; t < N_TOPICS; t++)
    {
      char *end = NULL;
      if (cells[t] == NULL)
        return FALSE;
      values[t] = g_ascii_strtod (cells[t], &end);
      if (end == cells[t] || *end != '\0' || !isfinite (values[t])
          || values[t] < 0)
        return FALSE;
    }
  return cells[N_TOPICS] == NULL;
}

/* Turns counts into complement naive Bayes weights, in place: for topic
 * t, w = -log P(feature | not t), each topic's weights scaled to unit L1
 * norm. */
static void
finish_model (XfTopicModel *model)
{
  double total[N_TOPICS] = { 0 }, all = 0, norm[N_TOPICS] = { 0 };
  double vocabulary = g_hash_table_size (model->features);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, model->features);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (int t = 0; t < N_TOPICS; t++)
      total[t] += ((double *) value)[t];
  for (int t = 0; t < N_TOPICS; t++)
    all += total[t];

  g_hash_table_iter_init (&iter, model->features);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      double *counts = value, sum = 0;
      for (int t = 0; t < N_TOPICS; t++)
        sum += counts[t];
      for (int t = 0; t < N_TOPICS; t++)
        {
          counts[t] = -log ((sum - counts[t] + ALPHA)
                            / (all - total[t] + ALPHA * vocabulary));
          norm[t] += fabs (counts[t]);
        }
    }
  g_hash_table_iter_init (&iter, model->features);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (int t = 0; t < N_TOPICS; t++)
      if (norm[t] > 0)
        ((double *) value)[t] /= norm[t];
}

/* Reads a model file's counts into @features and @letters. */
static gboolean
parse_counts (const char *data, gsize length, const char *origin,
              GHashTable *features, double *letters, GError **error)
{
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  guint n_lines = g_strv_length (lines);

  if (n_lines < 3 || !g_str_equal (lines[0], MODEL_MAGIC))
    goto bad;
  {
    g_auto(GStrv) topics = g_strsplit (lines[1], "\t", -1);
    if (g_strv_length (topics) != N_TOPICS + 1
        || !g_str_equal (topics[0], "topics"))
      goto bad;
    for (int t = 0; t < N_TOPICS; t++)
      if (!g_str_equal (topics[t + 1], xf_topic_keys[t]))
        goto bad;
  }
  {
    g_auto(GStrv) cells = g_strsplit (lines[2], "\t", -1);
    if (!g_str_equal (cells[0], "letters")
        || !parse_numbers (cells + 1, letters))
      goto bad;
  }
  for (guint i = 3; i < n_lines; i++)
    {
      g_auto(GStrv) cells = NULL;
      double *counts;

      if (lines[i][0] == '\0')
        continue;
      cells = g_strsplit (lines[i], "\t", -1);
      counts = g_new (double, N_TOPICS);
      if (cells[0] == NULL || cells[1] == NULL
          || !g_utf8_validate (cells[0], -1, NULL)
          || !parse_numbers (cells + 1, counts))
        {
          g_free (counts);
          g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                       "%s: line %u is not a feature and %d counts", origin,
                       i + 1, N_TOPICS);
          return FALSE;
        }
      g_hash_table_replace (features, g_strdup (cells[0]), counts);
    }
  return TRUE;

bad:
  g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
               "%s: not a topic model of this version (%s, with the %d topic"
               " keys in order)", origin, MODEL_MAGIC, N_TOPICS);
  return FALSE;
}

XfTopicModel *
xf_topic_model_parse (const char *data, gsize length, const char *origin,
                      GError **error)
{
  g_autoptr(XfTopicModel) model = g_new0 (XfTopicModel, 1);

  model->features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           g_free);
  if (!parse_counts (data, length, origin, model->features, model->letters,
                     error))
    return NULL;
  finish_model (model);
  return g_steal_pointer (&model);
}

static GBytes *
builtin_bytes (const char *resource)
{
  GBytes *bytes = g_resources_lookup_data (resource,
                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* Compiled into the binary from classify/. */
  g_assert (bytes != NULL);
  return bytes;
}

XfTopicTrainer *
xf_topic_trainer_new_from_builtin (void)
{
  XfTopicTrainer *trainer = g_new0 (XfTopicTrainer, 1);
  g_autoptr(GBytes) bytes = builtin_bytes (MODEL_RESOURCE);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  trainer->features = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             g_free);
  /* The counts already hold the keywords and the shipped letters. */
  if (!parse_counts (data, length, "the built-in topic model",
                     trainer->features, trainer->letters, &error))
    g_error ("%s", error->message);
  for (int t = 0; t < N_TOPICS; t++)
    trainer->examples += (guint) trainer->letters[t];
  return trainer;
}

XfTopicModel *
xf_topic_model_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG, "%s", local->message);
      return NULL;
    }
  return xf_topic_model_parse (contents, length, path, error);
}

static XfTopicModel *
model_from_resource (const char *resource, const char *origin)
{
  g_autoptr(GBytes) bytes = builtin_bytes (resource);
  g_autoptr(GError) error = NULL;
  XfTopicModel *model;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  model = xf_topic_model_parse (data, length, origin, &error);
  if (model == NULL)
    g_error ("%s", error->message);
  return model;
}

XfTopicModel *
xf_topic_model_builtin (void)
{
  return model_from_resource (MODEL_RESOURCE, "the built-in topic model");
}

XfTopicModel *
xf_topic_model_repeat_builtin (void)
{
  return model_from_resource (REPEAT_MODEL_RESOURCE,
                              "the repeat check's topic model");
}

/* A tie-break of DESIGN.md: when @a and @b are the two best topics and the
 * text has one of @cues, @winner wins.  @b NULL means any other topic. */
static const struct {
  const char *a, *b;
  const char *cues;
  const char *winner;
} tie_breaks[] = {
  { "wages", "working_hours", "加班费 加班工资 加班的钱", "wages" },
  { "dismissal", NULL, "经济补偿 补偿金 赔偿金 N+1 n+1 2N", "dismissal" },
  { "work_injury", NULL, "医药费 医疗费 治疗费 住院费 手术费", "work_injury" },
};

static gboolean
has_any (const char *text, const char *cues)
{
  g_auto(GStrv) words = g_strsplit (cues, " ", -1);
  for (char **w = words; *w != NULL; w++)
    if (strstr (text, *w) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_pair (const char *x, const char *y, const char *a, const char *b)
{
  if (g_str_equal (x, a))
    return b == NULL || g_str_equal (y, b);
  if (g_str_equal (y, a))
    return b == NULL || g_str_equal (x, b);
  return FALSE;
}

void
xf_topic_classify (const XfTopicModel *model, const char *text,
                   XfTopicGuess *guess)
{
  g_autoptr(GHashTable) set = features_of (text);
  double score[N_TOPICS];
  double total = 0, max;
  guint n = 0;
  int best = 0, second = 1;
  GHashTableIter iter;
  gpointer feature;

  for (int t = 0; t < N_TOPICS; t++)
    score[t] = 0;
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &feature, NULL))
    {
      const double *weight = g_hash_table_lookup (model->features, feature);
      if (weight == NULL)
        continue;   /* never seen in training: says nothing */
      for (int t = 0; t < N_TOPICS; t++)
        score[t] += weight[t];
      n++;
    }

  /* The sums are on no natural scale: standardise them across the topics
   * and take a softmax, so the score says how far the best stands out. */
  {
    double mean = 0, var = 0;
    for (int t = 0; t < N_TOPICS; t++)
      mean += score[t] / N_TOPICS;
    for (int t = 0; t < N_TOPICS; t++)
      var += (score[t] - mean) * (score[t] - mean) / N_TOPICS;
    max = -INFINITY;
    for (int t = 0; t < N_TOPICS; t++)
      {
        score[t] = var > 0 ? SCORE_SHARPNESS * (score[t] - mean) / sqrt (var)
                           : 0.0;
        max = MAX (max, score[t]);
      }
  }
  for (int t = 0; t < N_TOPICS; t++)
    {
      score[t] = exp (score[t] - max);
      total += score[t];
    }
  for (int t = 0; t < N_TOPICS; t++)
    {
      score[t] /= total;
      if (score[t] > score[best])
        {
          second = best;
          best = t;
        }
      else if (t != best && (score[t] > score[second] || second == best))
        second = t;
    }

  if (n > 0 && score[best] - score[second] < TIE_MARGIN)
    for (gsize r = 0; r < G_N_ELEMENTS (tie_breaks); r++)
      if (is_pair (xf_topic_keys[best], xf_topic_keys[second],
                   tie_breaks[r].a, tie_breaks[r].b)
          && has_any (text, tie_breaks[r].cues)
          && !g_str_equal (xf_topic_keys[best], tie_breaks[r].winner))
        {
          int swap = best;
          best = second;
          second = swap;
          break;
        }

  if (n == 0)
    {
      /* Nothing the model knows (no Chinese, or all unseen): say so. */
      guess->topic = "other";
      guess->score = 0.0;
      guess->second = NULL;
      guess->second_score = 0.0;
      return;
    }
  guess->topic = xf_topic_keys[best];
  guess->score = score[best];
  guess->second = xf_topic_keys[second];
  guess->second_score = score[second];
}
