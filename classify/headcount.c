/* How many people the letter speaks for: a count of people (25名, 共有15人,
 * 三十多个工友), never an age, a date or a duration; 1 for a writer who
 * signs with a name and gives no count. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <math.h>

/* No letter speaks for more; a bigger figure is something else. */
#define MAX_HEADCOUNT 100000

#define SCORE_GROUP 2.0      /* 共有, 一共, 涉及…: the writers' group */
#define SCORE_PART (-2.0)    /* 其中3人: a part of a group named before */
#define SCORE_WHOLE (-1.0)   /* 公司共有500名员工: the employer's size */

#define BEFORE_WINDOW 10

#define CERTAINTY_COUNT 0.8
#define CERTAINTY_APPROXIMATE 0.7
#define CERTAINTY_LONE_WRITER 0.6

static const char *const people[] = {
  "农民工", "工友", "工人", "职工", "员工", "老乡", "同事", "兄弟", "护士",
  "保安", "司机", "师傅", "教师", "老师", "骑手", "快递员", "保洁员",
  "童工", "女工", "矿工", "环卫工", "服务员", "厨师", "店员", "会员", "学徒",
  "教职工", "人", NULL,
};

/* What may stand between a count and its people: 二十多个老工人. */
static const char qualifiers[] = "老新男女小青";

/* People who are counted only with a word of a group before them: 一共有6个
 * …孩子 is child labour, 两个孩子还在上学 is the writer's family. */
static const char *const family[] = { "孩子", "学生", "家庭", "户", NULL };

/* After 个, what makes a figure a time or a thing: 3个月, 两个小时. */
static const char *const not_people[] = {
  "月", "小时", "星期", "礼拜", "工作日", "季度", "项目", "问题", "方面",
  "地方", "车间", "班组", "部门", "单位", NULL,
};

static const char *const group_words[] = {
  "一共", "共有", "总共", "共计", "合计", "共", "涉及", "全体", "全部",
  "联名", "集体", "等", "至少", NULL,
};

static const char *const part_words[] = {
  "其中", "另有", "只有", "仅有", "其余", "剩下", "第", "之一", NULL,
};

static const char *const with_the_writer[] = {
  "我和另外", "我和其他", "我和另", "我跟另外", "我与另外", "除我之外还有",
  "除了我还有", NULL,
};

static const char *const whole_words[] = {
  "全公司", "公司共有", "公司有", "员工总数", "职工总数", "规模", NULL,
};

/* Whether a phrase after 个 at @at ends in family: 6个没满十六岁的孩子. */
static gboolean
has_family_after (const XfText *text, gsize at)
{
  if (xf_classify_text_match_any (text, at, family) > 0)
    return TRUE;
  for (gsize k = at; k < at + 12 && k < text->length
                     && !xf_classify_text_is_clause_end (text->chars[k]); k++)
    if (text->chars[k] == 0x7684                         /* 的 */
        && xf_classify_text_match_any (text, k + 1, family) > 0)
      return TRUE;
  return FALSE;
}

/* Before a count of children, what says they came to work (车间来了十几个
 * 十四五岁的孩子, 招了6个学生). */
static const char *const hired_words[] = {
  "车间来了", "厂里来了", "店里来了", "工地来了", "工地上来了", "招了", "招来",
  "雇了", "用了", "招进", NULL,
};

/* Whether the clause from @at singles the writer out: 只裁了我一个,
 * 就我一个, 只有我. */
static gboolean
only_the_writer_after (const XfText *text, gsize at)
{
  static const char *const only_me[] = {
    "我一个", "只有我", "就我", "唯独我", "单单我", NULL,
  };

  return xf_classify_text_after_in_clause (text, at, 16, only_me);
}

/* Whether the clause from @at says the children work (有十几个不满十六岁
 * 的孩子在干活): child labour, not the writer's family. */
static gboolean
children_at_work (const XfText *text, gsize at)
{
  static const char *const working[] = {
    "干活", "做工", "打工", "上班", "上夜班", "加班", NULL,
  };

  return xf_classify_text_after_in_clause (text, at, 24, working);
}

/* Whether what follows a number at @at makes it a count of people: 名,
 * 人 (not 人民), 位, 个 + a word for people, or 个 closing a clause that
 * named people before the number (老乡有二十多个). */
static gboolean
counts_people (const XfText *text, gsize start, gsize at)
{
  gunichar c;

  while (at < text->length && text->chars[at] == ' ')
    at++;
  if (at >= text->length)
    return FALSE;
  c = text->chars[at];
  if (c == 0x540D)                                   /* 名 */
    return TRUE;
  /* 30户职工: households of workers */
  if (c == 0x6237 && xf_classify_text_match_any (text, at + 1, people) > 0)
    return TRUE;
  /* 三百来号人, 一百来号工人 */
  if (c == 0x53F7 && xf_classify_text_match_any (text, at + 1, people) > 0)
    return TRUE;
  /* 两百多工人, 三百多职工: the people right after a count in words (not
   * 人民, which 人 below sees to; not 12351职工热线). */
  if (c != 0x4EBA && at > 0 && !xf_classify_is_digit (text->chars[at - 1])
      && xf_classify_text_match_any (text, at, people) > 0)
    return TRUE;
  if (c == 0x4EBA)                                   /* 人 */
    return xf_classify_text_match (text, at, "人民") == 0
           && xf_classify_text_match (text, at, "人次") == 0;
  if (c == 0x4F4D)                                   /* 位 */
    return xf_classify_text_match_any (text, at + 1, people) > 0
           || at + 1 >= text->length || xf_classify_text_is_clause_end (text->chars[at + 1]);
  if (xf_classify_text_match_any (text, at + 1, family) > 0
      || (c == 0x4E2A && has_family_after (text, at + 1)))
    return xf_classify_text_before_in_clause (text, start, BEFORE_WINDOW, group_words)
           || xf_classify_text_before_in_clause (text, start, 6, hired_words)
           || children_at_work (text, at + 1);
  if (c == 0x4E2A)                                   /* 个 */
    {
      if (xf_classify_text_match_any (text, at + 1, people) > 0
          || (at + 2 < text->length
              && g_utf8_strchr (qualifiers, -1, text->chars[at + 1]) != NULL
              && xf_classify_text_match_any (text, at + 2, people) > 0))
        return TRUE;
      if (at + 1 >= text->length || xf_classify_text_is_clause_end (text->chars[at + 1]))
        return xf_classify_text_before_in_clause (text, start, BEFORE_WINDOW, people);
      if (xf_classify_text_match_any (text, at + 1, not_people) > 0)
        return FALSE;
      /* 6个没满十六岁的孩子: the people come at the end of the phrase. */
      for (gsize k = at + 1; k < at + 12 && k < text->length
                             && !xf_classify_text_is_clause_end (text->chars[k]); k++)
        if (text->chars[k] == 0x7684                     /* 的 */
            && xf_classify_text_match_any (text, k + 1, people) > 0)
          return TRUE;
    }
  return FALSE;
}

XfField *
xf_classify_find_headcount (const XfText *text, double scale,
                            gboolean named_writer)
{
  double best_score = -G_MAXDOUBLE;
  double best_value = 0;
  double best_certainty = 0;
  gboolean found = FALSE;

  for (gsize i = 0; i < text->length; i++)
    {
      XfNumber number;
      double score = 0;
      double value;

      if (!xf_classify_number_starts (text, i)
          || !xf_classify_read_number (text, i, &number))
        continue;
      /* One (我是一名职工) is the writer, counted only when named. */
      if (!number.has_digit || number.value < 2 || number.value > MAX_HEADCOUNT
          || number.value != floor (number.value)
          || !counts_people (text, i, number.end)
          || (i > 0 && text->chars[i - 1] == 0x7B2C))  /* 第一名 */
        {
          i = number.end > i ? number.end - 1 : i;
          continue;
        }
      /* 同组5个人只裁了我一个: the others are what the writer compares
       * himself with. */
      if (only_the_writer_after (text, number.end))
        {
          i = number.end - 1;
          continue;
        }
      if (xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, group_words))
        score += SCORE_GROUP;
      if (xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, part_words))
        score += SCORE_PART;
      if (xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, whole_words))
        score += SCORE_WHOLE;
      /* 我和另外4名工友: the others, and the writer. */
      value = number.value;
      if (xf_classify_text_before_in_clause (text, i, 6, with_the_writer))
        value += 1;

      if (!found || score > best_score
          || (score == best_score && value > best_value))
        {
          found = TRUE;
          best_score = score;
          best_value = value;
          best_certainty = number.approximate ? CERTAINTY_APPROXIMATE
                                              : CERTAINTY_COUNT;
        }
      i = number.end - 1;
    }
  if (found)
    return xf_classify_field_new ("headcount",
                                  g_strdup_printf ("%.0f", best_value),
                                  best_certainty * scale);
  if (named_writer)
    return xf_classify_field_new ("headcount", g_strdup ("1"),
                                  CERTAINTY_LONE_WRITER * scale);
  return NULL;
}
