/* The amount at stake, in whole yuan: every figure followed by 元 or 块
 * (or after 人民币, ￥), in any numerals, then the one the letter is about.
 *
 * The rule, in order: a figure still owed after part was paid (还欠,
 * 尚欠, 余款, 剩下的) wins; then one marked as a total (共计, 合计, 总共, 一共,
 * 累计, 总计, 加起来); then one near the words of money owed (欠, 拖欠, 克扣,
 * 未付, 补偿, 赔偿, 没拿到…); a pay rate (每月, 月工资, 日薪, 每天, 元/月,
 * 最低工资标准) counts against a figure, since a letter that gives both a
 * monthly wage and the sum owed is about the sum; of figures that score the
 * same, the largest, since the sum owed is usually the largest figure.
 * Money already paid (只给了八千块, 一共才拿了…), a pay rate with nothing
 * owed, a fee or a gift (会费, 慰问金), a penalty the employer wants from
 * the writer (要赔违约金) is no claim: when only such figures
 * stand, there is no amount.  Figures with 几 (十几万) are guesses and never
 * filed. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <math.h>

#define SCORE_REMAINING 4.0
#define SCORE_TOTAL 3.0
#define SCORE_OWED 2.0
#define SCORE_RATE (-3.0)
#define SCORE_PER_PERSON (-1.0)
#define SCORE_INCIDENTAL (-4.0)
#define SCORE_PAID (-10.0)
#define SCORE_OFFERED (-4.0)
/* Below this no sum is a claim: 一块 is "together" as often as 1 yuan. */
#define MIN_CLAIM 10
/* Below this the best figure is no claim at all. */
#define MIN_SCORE (-1.0)
/* A bare figure (一共21600) is read as money only from this up. */
#define MIN_BARE 100
/* Below this a figure is a claim only when the words around it say so. */
#define MIN_PLAIN 100
#define SCORE_TRIFLE (-2.0)

/* How far back in its clause a word may stand and still speak of a figure. */
#define BEFORE_WINDOW 14
#define AFTER_WINDOW 10
/* How far back a figure with no 元 may find its money word, across commas. */
#define SENTENCE_WINDOW 16
/* How far back a total may find the remainder it sums up. */
#define TOTAL_WINDOW 40

#define CERTAINTY_MARKED 0.85
#define CERTAINTY_OWED 0.8
#define CERTAINTY_PLAIN 0.6

/* More than this is no wage claim a union office handles: 10 billion. */
#define MAX_YUAN 1e10

static const char *const total_words[] = {
  "共计", "合计", "总共", "一共", "累计", "总计", "总额", "总金额", "共欠",
  "共", "总数", "加起来", "合起来", NULL,
};

/* What is still owed after part was paid (还欠, 余款), or what is left to
 * claim of a sum (剩下的): the claim, over the total it came from. */
static const char *const remaining_words[] = {
  "还欠", "尚欠", "仍欠", "仍拖欠", "还拖欠", "还差", "尚差", "剩下", "剩余",
  "余下", "余款", "还剩", "尚余", "还应", "尚应", NULL,
};

static const char *const owed_words[] = {
  "拖欠", "欠薪", "欠款", "欠", "克扣", "未付", "未发", "未支付", "未结",
  "没发", "没给", "没付", "没拿到", "未拿到", "拿不到", "不给", "不发",
  "补偿", "赔偿", "赔付", "补发", "讨要", "追讨", "讨回", "结清", "扣发",
  "扣除", "扣了", "工资款", "工程款", "血汗钱", "应发", "应付", "应得",
  "还有", "还差", "少给", "少发", "少算", "应该有", "应该拿", "应拿", NULL,
};

static const char *const rate_words[] = {
  "每月", "每个月", "月工资", "月薪", "每天", "每日", "日薪", "日工资",
  "一天", "每小时", "时薪", "底薪", "基本工资", "标准", "最低工资", "每平方",
  "每吨", "每件", "每趟", "每单", "每年", "年薪", "工资是", "月收入",
  "工资为", "每班", "月均", "一个月", NULL,
};

static const char *const rate_after[] = {
  "/月", "/天", "/日", "/小时", "/年", "每月", "一个月", "每天", "一天",
  "/人", "左右的工资", "的月工资", "的工资标准", "的日工资", "基数", NULL,
};

static const char *const per_person[] = { "每人", "人均", "每名", "每个人", NULL };

/* Money that is not the claim: fees, gifts, the cost of a meal.  (Fines
 * and deposits taken from a worker are claims: 收了我800块押金.) */
static const char *const incidental_words[] = {
  "生活费", "路费", "车费", "饭钱", "话费", "会费", "慰问", "红包", "房租",
  "学费", "借了", "利润", "营业额", "销售额", "产值", "营收", NULL,
};

/* Money already in the writer's hands. */
static const char *const paid_words[] = {
  "只给了", "就给了", "只给", "才给", "给了", "拿了", "才拿", "领了", "收到",
  "发了", "付了", "支付了", "退了", "已付", "已支付", "已经支付", "拿到了",
  "多发", NULL,
};

/* After a sum: it came (已经把…26,000元全部打到我的银行卡上了). */
static const char *const paid_after[] = {
  "打到", "打给", "转到", "转给", "到账", "付清", "结清了", "发给我了",
  "发到", "发放到位", "全部发放", "到位", NULL,
};

/* An employer's offer the writer did not take (公司提出一次性给付3万元). */
static const char *const offered_words[] = {
  "提出", "愿意给", "只愿意", "答应给", "开价", "出价", "给出", "方案是",
  "就给", NULL,
};

/* Money the employer wants from the writer (要赔违约金2OOOO元): no claim of
 * his.  (违约金 alone may be owed to him: 公司应支付违约金.) */
static const char *const demanded_words[] = {
  "要我赔", "让我赔", "叫我赔", "要我交", "让我交", "叫我交", "要我付",
  "让我付", "要赔", "要交", NULL,
};

/* A total that adds what is still owed to more (还欠…，加上…，一共), or
 * one owed to each (每人还欠…，47人共计). */
static const char *const adding_words[] = {
  "加上", "再加", "另加", "还有", "每人", "人均", NULL,
};

/* Words of money: a sum in 万 with no 元 (拖欠三十多万, 花了四万多), or a
 * bare figure right after them (工资5400没发, 一共21600, 欠我三千五), is
 * money. */
static const char *const money_words[] = {
  "工资", "工钱", "补偿", "赔偿", "欠款", "欠薪", "花了", "花费", "医药费",
  "医疗费", "损失", "补助", "奖金", "加班费", "拖欠", "欠", "共计", "合计",
  "总共", "一共", "累计", "总计", "补交", "补缴", "安置费", "工亡", "还差",
  "少给", "少发", "加起来", "剩下", "剩余", "余款", "差了", NULL,
};

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '\n' || c == '!'
         || c == '?';
}

/* Like before_in_clause(), across commas but not full stops. */
static gboolean
before_in_sentence (const XfText *text, gsize start, gsize window,
                    const char *const *words)
{
  return xf_classify_text_before_until (text, start, window, words,
                                        is_sentence_end);
}

/* Words that make what follows a promise, not a fact: 余款…承诺3月底前付清. */
static const char *const promise_words[] = {
  "承诺", "答应", "保证", "说好", "约定", NULL,
};

/* Words that deny what follows them: 没到位, 未到账, 不付清. */
static const char *const negations[] = { "没有", "没", "未", "不", NULL };

/* Whether one of @words follows within @window in the clause, before any
 * of @stops; with @stops (the money paid after a sum), a word denied
 * (没到位) does not count. */
static gboolean
after_in_clause (const XfText *text, gsize end, gsize window,
                 const char *const *words, const char *const *stops)
{
  for (gsize at = end; at < end + window && at < text->length; at++)
    {
      if (xf_classify_text_is_clause_end (text->chars[at]))
        return FALSE;
      if (stops != NULL && xf_classify_text_match_any (text, at, stops) > 0)
        return FALSE;
      if (xf_classify_text_match_any (text, at, words) > 0
          && (stops == NULL
              || xf_classify_text_match_any_before (text, at, negations) == 0))
        return TRUE;
    }
  return FALSE;
}

/* The length of the money unit at @at (元, 块, 块钱, 圆), or 0. */
static gsize
money_unit (const XfText *text, gsize at)
{
  static const char *const units[] = { "块钱", "元", "块", "圆", NULL };
  gsize n;

  while (at < text->length && text->chars[at] == ' ')
    at++;
  n = xf_classify_text_match_any (text, at, units);
  /* 元旦 is New Year's Day. */
  if (n > 0 && xf_classify_text_match (text, at, "元旦") > 0)
    return 0;
  return n;
}

/* Whether a unit that makes a figure something other than money follows:
 * 2019年, 3个月, 15人, 8小时, 50%, 12351 (a phone has no unit either, but
 * no money word stands before it). */
static gboolean
followed_by_unit (const XfText *text, gsize at)
{
  static const char *const units[] = {
    "年", "月", "日", "号", "人", "名", "个", "天", "次", "岁", "小时", "%",
    "/", ".", "-", "平", "米", "公里", "斤", "吨", "件", "趟", "单", "位",
    "家", "户", "间", "层", "楼", "栋", "周", "期", "分", "秒", "度", NULL,
  };

  while (at < text->length && text->chars[at] == ' ')
    at++;
  return at < text->length
         && (xf_classify_text_match_any (text, at, units) > 0
             || xf_classify_is_digit (text->chars[at]));
}

XfField *
xf_classify_find_amount (const XfText *text, double scale)
{
  double best_score = -G_MAXDOUBLE;
  double best_value = 0;
  double best_certainty = 0;
  gboolean found = FALSE;

  for (gsize i = 0; i < text->length; i++)
    {
      XfNumber number;
      gboolean currency_before;
      gboolean wan_alone;
      gboolean bare;
      gboolean total;
      double score = 0;
      double certainty = CERTAINTY_PLAIN;

      if (!xf_classify_number_starts (text, i)
          || !xf_classify_read_number (text, i, &number))
        continue;
      currency_before = (i > 0 && text->chars[i - 1] == 0xFFE5)
                        || xf_classify_text_match_before (text, i, "人民币") > 0
                        || xf_classify_text_match_before (text, i, "RMB") > 0;
      /* 拖欠三十多万: a sum in 万 with no 元 after it, when the words
       * around it speak of money. */
      wan_alone = number.end > 0 && number.has_unit
                  && (text->chars[number.end - 1] == 0x4E07
                      || (number.approximate && number.end > 1
                          && text->chars[number.end - 2] == 0x4E07))
                  && before_in_sentence (text, i, SENTENCE_WINDOW, money_words);
      /* 一共21600, 工资5400没发; a figure in Chinese units may stand a
       * clause away (欠俺们…的工钱，俺自己就有一万八). */
      bare = number.value >= MIN_BARE
             && !followed_by_unit (text, number.end)
             && (number.has_unit
                   ? before_in_sentence (text, i, SENTENCE_WINDOW, money_words)
                   : xf_classify_text_before_in_clause (text, i, 4, money_words));
      if (!number.has_digit || number.vague || number.value < MIN_CLAIM
          || number.value > MAX_YUAN
          || (money_unit (text, number.end) == 0 && !currency_before
              && !wan_alone && !bare))
        {
          i = number.end > i ? number.end - 1 : i;
          continue;
        }

      /* The result of a sum the writer worked out: 9,200元×8×2=147,200元. */
      total = xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, total_words)
              || (i > 0 && (text->chars[i - 1] == '=' || text->chars[i - 1] == 0xFF1D));
      if (total)
        {
          score += SCORE_TOTAL;
          certainty = CERTAINTY_MARKED;
        }
      /* 每人还欠18000元，47人共计846000元; 还欠…一万五千六百元，加上…
       * 800元，一共16400元: the remainder's total too.  A total with no
       * such word is the sum the remainder came from (欠2000元没给，工程款
       * 总共10000元). */
      if (total ? (before_in_sentence (text, i, TOTAL_WINDOW, adding_words)
                   && before_in_sentence (text, i, TOTAL_WINDOW, remaining_words))
                : before_in_sentence (text, i, SENTENCE_WINDOW, remaining_words))
        {
          score += SCORE_REMAINING;
          certainty = CERTAINTY_MARKED;
        }
      if (xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, owed_words)
          || after_in_clause (text, number.end, AFTER_WINDOW, owed_words, NULL))
        {
          score += SCORE_OWED;
          certainty = MAX (certainty, CERTAINTY_OWED);
        }
      if (xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, rate_words)
          || after_in_clause (text, number.end, 6, rate_after, NULL))
        score += SCORE_RATE;
      if (xf_classify_text_before_in_clause (text, i, 8, per_person))
        score += SCORE_PER_PERSON;
      if (xf_classify_text_before_in_clause (text, i, 8, incidental_words)
          || after_in_clause (text, number.end, 6, incidental_words, NULL))
        score += SCORE_INCIDENTAL;
      if (xf_classify_text_before_in_clause (text, i, 8, paid_words)
          || after_in_clause (text, number.end, 12, paid_after, promise_words))
        score += SCORE_PAID;
      if (xf_classify_text_before_in_clause (text, i, 10, offered_words)
          || xf_classify_text_before_in_clause (text, i, 8, demanded_words))
        score += SCORE_OFFERED;
      if (number.value < MIN_PLAIN && certainty == CERTAINTY_PLAIN)
        score += SCORE_TRIFLE;

      if (!found || score > best_score
          || (score == best_score && number.value > best_value))
        {
          found = TRUE;
          best_score = score;
          best_value = number.value;
          best_certainty = certainty;
        }
      i = number.end - 1;
    }
  if (!found || best_score < MIN_SCORE)
    return NULL;
  return xf_classify_field_new ("amount_yuan",
                                g_strdup_printf ("%.0f", round (best_value)),
                                best_certainty * scale);
}
