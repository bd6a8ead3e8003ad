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
 * the writer (要赔违约金), a fine threatened (谁…就罚款500元), a level pay
 * was changed from or to (从人均6000元降到2000元) is no claim: when only
 * such figures stand, there is no amount.  Figures with 几 (十几万) are
 * guesses and never filed.
 *
 * A sum said again with nothing said of it (不是在乎这一千块钱) is what
 * was said of it before, or else what is said of it after (约定违约金5000元
 * …必须先交5000元违约金).  A month named (8月工资) makes a sum, not a rate.
 * Sums are worked out: items on lines of their own with no total of their
 * own are added up (一、…44,100元；二、…12,600元), and so is a sum owed
 * added on after the claim (另外…押金500元也没退) when no total follows
 * it; a sum worked out in
 * words is a total (一年一千二…三年就是三千六); and when part of the claim
 * was paid (只转给我5000元, 付了一半) and the rest is owed with no figure
 * of its own (其余至今未付, 剩下的一半, 还剩), the rest is the claim; so
 * when a share was paid (只发了百分之六十).  One person's share (每人, 人均,
 * 一人) with no total stays one person's: a group's sum is filed only when
 * the letter gives it.  A sum given up (我也不要了), paid to the firm (打到
 * 公司账户) or lent by the writer for himself (借了) is no claim; money lent
 * to another (主任跟我借了一万五) is.  Nor is a debt between others (开发商
 * 还欠他们工程款), a sum offered to end the matter (“了断”, 私了), pay held
 * back as a threat (不签就不发), one the writer turns down (我不要这两千)
 * or scorns as too little (三十二年才两万五千六),
 * prices, valuations and taxes.  A total that adds up what is still owed
 * (…加上我们自己垫的56000元，合计102800元) is the claim; a figure with no 元
 * is money when the writer wants it back (就想把这780要回来) or it was
 * deducted (被扣了720), or when it stands in a table after its label. */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <math.h>

#define SCORE_REMAINING 4.0
#define SCORE_TOTAL 3.0
#define SCORE_OWED 2.0
#define SCORE_RATE (-3.0)
#define SCORE_PER_PERSON (-0.5)
#define SCORE_INCIDENTAL (-4.0)
#define SCORE_PAID (-10.0)
#define SCORE_OFFERED (-4.0)
/* Below this no sum is a claim: 一块 is "together" as often as 1 yuan. */
#define MIN_CLAIM 10
/* Below this the best figure is no claim at all: a pay rate even beside a
 * word of money owed (按底薪2300元算补偿) is not the sum. */
#define MIN_SCORE (-0.5)
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
/* How far after a sum the writer may say he gives it up, in its sentence. */
#define RENOUNCED_WINDOW 16
/* How far before a word of payment a denial may stand (未执行到位). */
#define DENIAL_REACH 2
/* How far after a part paid the rest may be spoken of: in the same
 * sentence or the next (只给了一个月的8000元，说…不算裁员。希望…把剩下的
 * 补偿要回来). */
#define REST_WINDOW 40
/* A line this short, ending in a figure, may be an item of a list. */
#define ITEM_LINE 24

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
  "余下", "余款", "还剩", "尚余", "还应", "尚应", "尚有", NULL,
};

static const char *const owed_words[] = {
  "拖欠", "欠薪", "欠款", "欠", "克扣", "未付", "未发", "未支付", "未结",
  "没发", "没给", "没付", "没拿到", "未拿到", "拿不到", "不给", "不发",
  "补偿", "赔偿", "赔付", "赔给", "补发", "讨要", "追讨", "讨回", "结清", "扣发",
  "扣除", "扣了", "工资款", "工程款", "血汗钱", "应发", "应付", "应得",
  "还有", "还差", "少给", "少发", "少算", "应该有", "应该拿", "应拿",
  "应该给", "退还", "要回", "退回", "返还", "归还", "未执行", "没执行",
  "未兑现", "没兑现", "拿回", "应为", "少拿", "少领", "跟我借", "向我借",
  "找我借", "该补", "应补", "该赔", "应赔", "应报", "没退", "不退", "未退",
  "支付我", "给付我", "赔偿我", "损失", "补上", "给我补", NULL,
};

static const char *const rate_words[] = {
  "每月", "每个月", "月工资", "月薪", "每天", "每日", "日薪", "日工资",
  "一天", "每小时", "时薪", "底薪", "基本工资", "标准", "最低工资", "每平方",
  "每吨", "每件", "每趟", "每单", "每年", "年薪", "工资是", "月收入",
  "工资为", "每班", "月均", "一个月", "每次", "一次罚", "一年工龄",
  "每年工龄", NULL,
};

/* Months of pay (拖欠3个月工资14400元, 上个月工资) are a sum, not a monthly
 * rate as 一个月工资 and 每个月工资 are. */
static gboolean
months_of_pay_before (const XfText *text, gsize start)
{
  static const char *const months[] = { "个月工资", "个月的工资", NULL };

  for (gsize back = 1; back <= BEFORE_WINDOW && back <= start; back++)
    {
      gsize at = start - back;

      if (xf_classify_text_is_clause_end (text->chars[at]))
        return FALSE;
      if (xf_classify_text_match_any (text, at, months) > 0)
        return at == 0 || (text->chars[at - 1] != 0x4E00 /* 一 */
                           && text->chars[at - 1] != 0x6BCF /* 每 */);
    }
  return FALSE;
}

/* Whether one of @words stands within @window before @start in its clause,
 * where @accept (if not NULL) takes the match at its index. */
static gboolean
word_before (const XfText *text, gsize start, gsize window,
             const char *const *words,
             gboolean (*accept) (const XfText *text, gsize at))
{
  for (gsize back = 1; back <= window && back <= start; back++)
    {
      gsize at = start - back;
      gsize n;

      if (xf_classify_text_is_clause_end (text->chars[at]))
        return FALSE;
      n = xf_classify_text_match_any (text, at, words);
      if (n > 0 && at + n <= start && (accept == NULL || accept (text, at)))
        return TRUE;
    }
  return FALSE;
}

/* A named month's pay (8月工资, 上月工资) is a sum, not the monthly rate
 * 月工资 is; so is the pay up to a date (1-18日工资). */
static gboolean
not_a_named_month (const XfText *text, gsize at)
{
  static const char *const month_names = "一二三四五六七八九十上本这当该";

  gunichar c = text->chars[at];

  /* 8月工资, 上月工资; 4月1-18日工资 (a date, not a day's pay) */
  return !((c == 0x6708 /* 月 */ || c == 0x65E5 /* 日 */) && at > 0
           && (xf_classify_is_digit (text->chars[at - 1])
               || (c == 0x6708
                   && g_utf8_strchr (month_names, -1, text->chars[at - 1]) != NULL)));
}

/* Whether a word of a pay rate stands before @start in its clause. */
static gboolean
rate_before (const XfText *text, gsize start)
{
  return word_before (text, start, BEFORE_WINDOW, rate_words, not_a_named_month);
}

static const char *const rate_after[] = {
  "/月", "/天", "/日", "/小时", "/年", "每月", "一个月", "每天", "一天",
  "/人", "左右的工资", "的月工资", "的工资标准", "的日工资", "基数", "包吃",
  "包住", NULL,
};

/* A sum not paid at all (一个月的工资2600元一分不给) is owed, though a
 * month's pay is named before it. */
static const char *const none_paid_after[] = {
  "一分不给", "一分没给", "一分也没", "一分都没", "一分钱不给", "一分钱没",
  "一分钱也没", "一分钱都没", "分文未", "分文不", "分文没", NULL,
};

static const char *const per_person[] = { "每人", "人均", "每名", "每个人", NULL };

/* Money that is not the claim: fees, gifts, the cost of a meal.  (Fines
 * and deposits taken from a worker are claims: 收了我800块押金.) */
static const char *const incidental_words[] = {
  "生活费", "路费", "车费", "饭钱", "话费", "会费", "慰问", "红包", "房租",
  "学费", "借了", "利润", "营业额", "销售额", "产值", "营收", "转让",
  "注册资本", "经费", "卖了", "出售", "签单额", "合同额", "流水", "评估",
  "估价", "市场价", "地价", "地皮", "购物卡", "购物券", "提货卡", "税款",
  "个税", "省下", "节省", "省了", "要价", "报价", "价格", "售价", "标价",
  "租金", "出资", "作价", "认购", "别的公司", "其他公司", "人家公司", "别人",
  NULL,
};

/* Money already in the writer's hands. */
static const char *const paid_words[] = {
  "只给了", "就给了", "只给", "才给", "给了", "拿了", "才拿", "领了", "收到",
  "发了", "付了", "支付了", "退了", "已付", "已支付", "已经支付", "拿到了",
  "多发", "转了", "还了", "执行到位", "到位", "转给", "打给", "汇给", "划扣",
  "扣划", "执行了", "仅支付", "只支付", "仅付", "只付", "仅给", "打过来",
  "又打了", "打了",
  /* the firm advanced it (老板只垫了两万), not the writer (我自己垫了) */
  "只垫了", "就垫了", "给垫了", "老板垫了", "公司垫了", "厂里垫了", "单位垫了",
  "项目部垫了", NULL,
};

/* Words that say a payment was short or never made (少发了, 没给): no
 * payment. */
static const char *const short_of[] = { "少", "没", "未", "不", NULL };

/* After a sum: it came (已经把…26,000元全部打到我的银行卡上了). */
static const char *const paid_after[] = {
  "打到", "打给", "转到", "转给", "到账", "付清", "结清了", "发给我了",
  "发到", "发放到位", "全部发放", "到位", "收到", NULL,
};

/* An employer's offer the writer did not take (公司提出一次性给付3万元). */
static const char *const offered_words[] = {
  "提出", "愿意给", "只愿意", "答应给", "开价", "出价", "给出", "方案是",
  "就给", "只肯给", "只肯", "可以给", NULL,
};

/* 才 right before a figure, or with one verb between (才给, 才发了). */
static gboolean
scorned_before (const XfText *text, gsize start)
{
  static const char *const scorned[] = {
    "才", "才给", "才发", "才拿", "才有", "才给了", "才发了", "才拿了", NULL,
  };

  return xf_classify_text_match_any_before (text, start, scorned) > 0;
}

/* Money the employer wants from the writer (要赔违约金2OOOO元): no claim of
 * his.  (违约金 alone may be owed to him: 公司应支付违约金.) */
static const char *const demanded_words[] = {
  "要我赔", "让我赔", "叫我赔", "要我交", "让我交", "叫我交", "要我付",
  "让我付", "要赔", "要交", "就罚", "要罚", "将罚", "会罚", "就扣", "先交",
  "要求我交", "再交", "承担罚款", "承担违约金", "就得赔", "得赔", "就得交",
  "得交", "要她赔", "要他赔", "让她赔", "让他赔", "要她交",
  "要他交", "让她交", "让他交", "要我们赔", "要我们交", "让我们交", "要俺赔",
  "要俺交", "要我退", "让我退", "向公司支付", "向单位支付", "赔给公司",
  "赔偿公司", "让我们自己", "让我自己", "要我们自己", "叫我们自己", NULL,
};

/* A sum the writer gives up (体检费260元是我自己出的，我也不要了). */
static const char *const renounced_after[] = {
  "不要了", "不追究了", "不找了", "自认倒霉", "就算了", NULL,
};

/* A level a pay or bonus was changed from or to (年终奖从人均6000元降到
 * 2000元): a rate, not a sum owed. */
static const char *const change_words[] = {
  "降到", "降为", "降至", "减到", "减为", "减至", "调到", "调为", "调至",
  "调整为", "调整到", "改为", "涨到", "涨至", "提高到", "提高至", "压到",
  "增加到", "增至", NULL,
};

/* The rest of a sum that was paid in part, when no figure names it
 * (只支付了30,000元，其余部分…拖欠至今); the words of what is still owed
 * (remaining_words: 剩下, 还剩) say it too. */
static const char *const rest_words[] = {
  "其余", "其他部分", "尾款", "另一半", "第二期", "第二笔", "后一半", "还有",
  NULL,
};

/* What says a total sums up everything claimed before it. */
static const char *const all_above[] = {
  "以上合计", "以上共计", "以上总计", "以上各项", "上述合计", "上述各项",
  "以上共", "以上费用", "以上款项", "两项", "三项", "四项", "几项", "各项",
  NULL,
};

/* What adds another sum to the claim (另外…押金500元也没退). */
static const char *const added_words[] = {
  "另外", "此外", "还有", "以及", "再加上", "加上", "外加", "另有", NULL,
};

/* A total that adds what is still owed to more (还欠…，加上…，一共), or
 * one owed to each (每人还欠…，47人共计). */
static const char *const adding_words[] = {
  "加上", "再加", "另加", "还有", "每人", "人均", "每个人", "每名", "每位",
  NULL,
};

/* Words of money: a sum in 万 with no 元 (拖欠三十多万, 花了四万多), or a
 * bare figure right after them (工资5400没发, 一共21600, 欠我三千五), is
 * money. */
static const char *const money_words[] = {
  "工资", "工钱", "补偿", "赔偿", "欠款", "欠薪", "花了", "花费", "医药费",
  "医疗费", "损失", "补助", "奖金", "加班费", "拖欠", "欠", "共计", "合计",
  "总共", "一共", "累计", "总计", "补交", "补缴", "安置费", "工亡", "还差",
  "少给", "少发", "加起来", "剩下", "剩余", "余款", "差了", "应该给", "补贴",
  "薪资", "还剩", "余下", "尚余", "津贴", "餐补", "少拿", "少领", "差额",
  "跟我借", "向我借", "找我借", "花的", "垫了", "垫付", "报销", "押金",
  "提成", "该补", "应补", "该赔", "应赔", "交的", "该给", "应该有", "应得",
  NULL,
};

/* A figure the writer wants back (就想把这780要回来): money, with no 元. */
static const char *const claimed_after[] = {
  "要回", "讨回", "追回", "拿回", "退回", "退给", "还给", "要过来", "赔给",
  NULL,
};

/* A debt between others (开发商还欠他们工程款1800多万, 门店还欠商场租金):
 * the boss's excuse, not the writer's claim. */
static const char *const owed_to_others[] = {
  "欠他们", "欠他", "欠公司", "欠项目部", "欠老板", "欠包工头", "欠商场",
  "欠开发商", "欠总包", "欠甲方", "欠供应商", "欠银行", "欠我们公司", NULL,
};

/* A sum offered to end the matter (给两万块钱“了断”, 拿八千块钱了事). */
static const char *const settlement_after[] = {
  "了断", "私了", "了事", "了结", "封口", NULL,
};

/* Pay held back as a threat (不签就不发这个月的工资五千四): not owed yet. */
static const char *const threatened_words[] = {
  "就不发", "就不给", "就不结", "就停发", NULL,
};

/* A sum the writer turns down (我不要这两千): an offer, wherever said. */
static const char *const rejected_before[] = {
  "不要这", "不要那", "不稀罕这", "不稀罕那", NULL,
};

/* Like before_in_clause(), across commas but not full stops. */
static gboolean
before_in_sentence (const XfText *text, gsize start, gsize window,
                    const char *const *words)
{
  return xf_classify_text_before_until (text, start, window, words,
                                        xf_classify_text_is_sentence_end);
}

/* Whether one of @words follows within @window, across commas but not a
 * full stop, nor a word of @stops if any (要回来 claims the sum before
 * 利息不要了). */
static gboolean
after_in_sentence (const XfText *text, gsize end, gsize window,
                   const char *const *words, const char *const *stops)
{
  for (gsize at = end; at < end + window && at < text->length; at++)
    {
      if (xf_classify_text_is_sentence_end (text->chars[at])
          || (stops != NULL && xf_classify_text_match_any (text, at, stops) > 0))
        return FALSE;
      if (xf_classify_text_match_any (text, at, words) > 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether one of @words follows within @window, across sentences. */
static gboolean
after_in_letter (const XfText *text, gsize end, gsize window,
                 const char *const *words)
{
  for (gsize at = end; at < end + window && at < text->length; at++)
    if (xf_classify_text_match_any (text, at, words) > 0)
      return TRUE;
  return FALSE;
}

/* Words that make what follows a promise, not a fact: 余款…承诺3月底前付清. */
static const char *const promise_words[] = {
  "承诺", "答应", "保证", "说好", "约定",
  /* Paid to the firm, not the writer (生育津贴打到公司账户，公司扣着不给). */
  "打到公司", "打给公司", "转到公司", "打到单位", "拨到公司", NULL,
};

/* Words that deny what follows them: 没到位, 未到账, 不付清. */
static const char *const negations[] = { "没有", "没", "未", "不", NULL };

/* Whether a word of denial stands just before @at, or a verb's length
 * before it (未执行到位, 没有发放到位), after @from. */
static gboolean
denied_before (const XfText *text, gsize from, gsize at)
{
  for (gsize back = 0; back <= DENIAL_REACH && at >= from + back; back++)
    if (xf_classify_text_match_any_before (text, at - back, negations) > 0)
      return TRUE;
  return FALSE;
}

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
          && (stops == NULL || !denied_before (text, end, at)))
        return TRUE;
    }
  return FALSE;
}

/* Whether a number of 2 or more stands before @start in its sentence: the
 * count or rate a worked-out sum comes from (三年就是三千六, 一个月两千一，
 * 就是四千二). */
static gboolean
number_before_in_sentence (const XfText *text, gsize start)
{
  for (gsize at = start; at-- > 0;)
    {
      XfNumber number;

      if (xf_classify_text_is_sentence_end (text->chars[at]))
        return FALSE;
      if (xf_classify_number_starts (text, at)
          && xf_classify_read_number (text, at, &number)
          && number.end <= start && number.has_digit && number.value >= 2)
        return TRUE;
    }
  return FALSE;
}

/* Not denied: 少发了, 没给了 are no payment. */
static gboolean
not_short (const XfText *text, gsize at)
{
  return xf_classify_text_match_any_before (text, at, short_of) == 0;
}

/* Whether a word of money paid stands within @window before @start in its
 * clause, not denied. */
static gboolean
paid_before (const XfText *text, gsize start, gsize window)
{
  return word_before (text, start, window, paid_words, not_short);
}

/* The share of the claim paid at @at, as a word of payment and a fraction
 * (付了一半, 只发了百分之六十, 给了60%, 付了三成), or 0; sets @end after
 * it.  The rest is then the claim less that share. */
static double
share_paid_at (const XfText *text, gsize at, gsize *end)
{
  gsize n = xf_classify_text_match_any (text, at, paid_words);
  gsize k;
  XfNumber number;

  if (n == 0)
    return 0;
  k = at + n;
  if (xf_classify_text_match (text, k, "一半") > 0)
    {
      *end = k + 2;
      return 0.5;
    }
  if (xf_classify_text_match (text, k, "百分之") > 0)
    {
      k += 3;
      if (xf_classify_read_number (text, k, &number) && number.value > 0
          && number.value < 100)
        {
          *end = number.end;
          return number.value / 100;
        }
      return 0;
    }
  if (!xf_classify_number_starts (text, k) || !xf_classify_read_number (text, k, &number))
    return 0;
  if (number.end < text->length && text->chars[number.end] == '%'
      && number.value > 0 && number.value < 100)
    {
      *end = number.end + 1;
      return number.value / 100;
    }
  if (number.end < text->length && text->chars[number.end] == 0x6210 /* 成 */
      && number.value >= 1 && number.value <= 9 && !number.arabic)
    {
      *end = number.end + 1;
      return number.value / 10;
    }
  return 0;
}

/* 借了 is the writer's loan, no claim, unless it was lent to another (主任
 * 跟我借了一万五). */
static gboolean
not_lent (const XfText *text, gsize at)
{
  static const char *const from_me[] = { "跟我", "向我", "找我", "问我", NULL };

  return xf_classify_text_match (text, at, "借") == 0
         || xf_classify_text_match_any_before (text, at, from_me) == 0;
}

/* 一人 not in 第一人民医院. */
static gboolean
not_a_hospital (const XfText *text, gsize at)
{
  return text->chars[at + 2] != 0x6C11 /* 民 */
         && (at == 0 || text->chars[at - 1] != 0x7B2C /* 第 */);
}

/* Whether @start has a word of one person's share before it in its clause:
 * 每人, 人均, or 一人 (not 第一人民医院). */
static gboolean
per_person_before (const XfText *text, gsize start)
{
  static const char *const one_person[] = { "一人", NULL };

  return xf_classify_text_before_in_clause (text, start, 8, per_person)
         || word_before (text, start, 8, one_person, not_a_hospital);
}

/* Whether @start follows a word that says a sum was worked out (就是,
 * 即 right before it; 算下来, 算了一下 earlier in its clause), from a
 * number before that word in its sentence. */
static gboolean
worked_out_before (const XfText *text, gsize start)
{
  static const char *const reckoned[] = {
    "算下来", "算了一下", "算了算", "算起来", "合下来", NULL,
  };
  gsize n;

  if ((n = xf_classify_text_match_before (text, start, "就是")) > 0
      || (n = xf_classify_text_match_before (text, start, "即")) > 0)
    return number_before_in_sentence (text, start - n);
  for (gsize back = 1; back <= 8 && back <= start; back++)
    {
      gsize at = start - back;

      if (xf_classify_text_is_clause_end (text->chars[at]))
        return FALSE;
      if (xf_classify_text_match_any (text, at, reckoned) > 0)
        return number_before_in_sentence (text, at);
    }
  return FALSE;
}

/* The length of the money unit at @at (元, 块, 块钱, 圆, after spaces), or
 * 0. */
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

gboolean
xf_classify_is_money (const XfText *text, gsize start, gsize end)
{
  return money_unit (text, end) > 0
         || (start > 0 && text->chars[start - 1] == 0xFFE5)   /* ￥ */
         || xf_classify_text_match_before (text, start, "人民币") > 0
         || xf_classify_text_match_before (text, start, "RMB") > 0;
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

/* A figure that may be the claim. */
typedef struct
{
  double value;
  double score;
  double certainty;
  gsize start;
  gsize end;
  gboolean remaining;   /* what is still owed (还欠) */
  gboolean part_paid;   /* paid, and may be part of a claim before it */
  gboolean total;       /* marked as a total (合计, 共, =) */
  gboolean paid;        /* said to have been paid */
} Figure;

/* Whether the line starting at @at opens an item of a list: 一、 2. （3）
 * ① , or is short enough to be one (钢筋组 4人 工钱2.8万). */
static gboolean
is_item_line (const XfText *text, gsize at)
{
  static const char *const numerals = "一二三四五六七八九十";
  gsize end = at;
  gunichar c;

  while (at < text->length && (text->chars[at] == ' ' || text->chars[at] == 0x3000))
    at++;
  for (end = at; end < text->length && text->chars[end] != '\n'; end++)
    if (xf_classify_text_is_sentence_end (text->chars[end]))
      break;
  if (at >= text->length)
    return FALSE;
  c = text->chars[at];
  if (c >= 0x2460 && c <= 0x2469)
    return TRUE;
  if ((c == '(' || c == 0xFF08) && at + 1 < text->length
      && (xf_classify_is_digit (text->chars[at + 1])
          || g_utf8_strchr (numerals, -1, text->chars[at + 1]) != NULL))
    return TRUE;
  if ((xf_classify_is_digit (c) || g_utf8_strchr (numerals, -1, c) != NULL)
      && at + 1 < text->length)
    {
      gunichar next = text->chars[at + 1];

      if (next == 0x3001 || next == '.' || next == 0xFF0E || next == ')'
          || next == 0xFF09)
        return TRUE;
    }
  return end < text->length && text->chars[end] == '\n' && end - at <= ITEM_LINE;
}

/* The total of a list of @n items that add up to @sum, the last @last: a
 * last line that is the sum of the others (合计:345OO元) is their total,
 * not one more item. */
static double
list_total (double sum, double last, guint n)
{
  if (n >= 3 && fabs (last - (sum - last)) < 0.5)
    return last;
  return sum;
}

/* Whether a sentence ends between @from and @to. */
static gboolean
sentence_ends_between (const XfText *text, gsize from, gsize to)
{
  for (gsize at = from; at < to && at < text->length; at++)
    if (xf_classify_text_is_sentence_end (text->chars[at]))
      return TRUE;
  return FALSE;
}

/* Whether a figure of @value is said to be still owed (剩下的五万六). */
static gboolean
value_still_owed (GArray *figures, double value)
{
  for (guint k = 0; k < figures->len; k++)
    if (g_array_index (figures, Figure, k).remaining
        && g_array_index (figures, Figure, k).value == value)
      return TRUE;
  return FALSE;
}

/* The sum of a list of items, one claim a line on consecutive lines (一、…
 * 44,100元；二、…12,600元), when the letter gives no total of its own;
 * 0 when there is no such list or @best is no part of it. */
static double
sum_of_items (const XfText *text, const Figure *figures, guint n,
              gsize best_start, gboolean best_marked)
{
  double sum = 0, run_sum = 0, run_last = 0;
  guint items = 0, run_items = 0;
  gsize line = 0, line_start = 0, pos = 0;
  gboolean best_in = FALSE, run_best_in = FALSE;
  gssize last_line = -1;

  for (guint k = 0; k < n; k++)
    {
      const Figure *f = &figures[k];
      gboolean last_of_line;

      for (; pos < f->start; pos++)
        if (text->chars[pos] == '\n')
          {
            line++;
            line_start = pos + 1;
          }
      last_of_line = TRUE;
      for (gsize at = f->start; at < text->length && text->chars[at] != '\n'; at++)
        if (k + 1 < n && figures[k + 1].start == at)
          last_of_line = FALSE;
      if (!last_of_line || f->score < 0 || !is_item_line (text, line_start))
        continue;
      if ((gssize) line != last_line + 1 || last_line < 0)
        {
          if (run_items > items)
            {
              items = run_items;
              sum = list_total (run_sum, run_last, run_items);
              best_in = run_best_in;
            }
          run_items = 0;
          run_sum = 0;
          run_best_in = FALSE;
        }
      run_items++;
      run_sum += f->value;
      run_last = f->value;
      run_best_in = run_best_in || (best_start >= line_start && best_start <= f->start);
      last_line = (gssize) line;
    }
  if (run_items > items)
    {
      items = run_items;
      sum = list_total (run_sum, run_last, run_items);
      best_in = run_best_in;
    }
  if (items < 2 || (best_marked && !best_in))
    return 0;
  return sum;
}

/* The score of the first figure before @k, or else after it, of the same
 * value with something said of it; 0 when none. */
static double
score_said_elsewhere (GArray *figures, guint k)
{
  const Figure *f = &g_array_index (figures, Figure, k);

  for (guint j = 0; j < k; j++)
    if (g_array_index (figures, Figure, j).value == f->value
        && g_array_index (figures, Figure, j).score != 0)
      return g_array_index (figures, Figure, j).score;
  for (guint j = k + 1; j < figures->len; j++)
    if (g_array_index (figures, Figure, j).value == f->value
        && g_array_index (figures, Figure, j).score != 0)
      return g_array_index (figures, Figure, j).score;
  return 0;
}

XfField *
xf_classify_find_amount (const XfText *text, double scale)
{
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  g_autoptr (GArray) rejected = g_array_new (FALSE, FALSE, sizeof (double));
  const Figure *best = NULL;
  double best_value;
  double items;
  double paid_since_best = 0;
  gsize paid_end = 0;

  for (gsize i = 0; i < text->length; i++)
    {
      XfNumber number;
      gboolean wan_alone;
      gboolean bare;
      gboolean total;
      gboolean worked_out;
      gboolean none_paid;
      gsize label_end;
      Figure figure = { 0 };

      if (!xf_classify_number_starts (text, i)
          || !xf_classify_read_number (text, i, &number))
        continue;
      /* 拖欠三十多万: a sum in 万 with no 元 after it, when the words
       * around it speak of money. */
      wan_alone = number.end > 0 && number.has_unit
                  && (text->chars[number.end - 1] == 0x4E07
                      || (number.approximate && number.end > 1
                          && text->chars[number.end - 2] == 0x4E07))
                  && before_in_sentence (text, i, SENTENCE_WINDOW, money_words);
      /* A table's figure stands spaces after its label (3月工资    13,000). */
      label_end = i;
      while (label_end > 0 && (text->chars[label_end - 1] == ' '
                               || text->chars[label_end - 1] == 0x3000))
        label_end--;
      /* 三年就是三千六, 2N即12w, 我算了一下到现在有一千一百多: a sum
       * worked out from a count or rate before it. */
      worked_out = number.value >= MIN_BARE && worked_out_before (text, i);
      /* 一共21600, 工资5400没发; a figure in Chinese units may stand a
       * clause away (欠俺们…的工钱，俺自己就有一万八). */
      bare = number.value >= MIN_BARE
             && !followed_by_unit (text, number.end)
             && (worked_out
                 || (number.has_unit
                       ? before_in_sentence (text, i, SENTENCE_WINDOW, money_words)
                       : (xf_classify_text_before_in_clause (text, label_end, 4, money_words)
                          || xf_classify_text_before_in_clause (text, label_end, 4, owed_words)))
                 || after_in_clause (text, number.end, 4, claimed_after, NULL)
                 /* 我交的两万是借亲戚的，只想要回来 */
                 || (number.has_unit
                     && after_in_sentence (text, number.end, SENTENCE_WINDOW,
                                           claimed_after, NULL))
                 /* 转了我8千, 只给了500: what was paid is money too */
                 || paid_before (text, i, 4));
      /* 我不要这两千: a sum turned down, money or not by its words here. */
      if (number.has_digit && word_before (text, i, 3, rejected_before, NULL))
        g_array_append_val (rejected, number.value);
      if (!number.has_digit || number.vague || number.value < MIN_CLAIM
          || number.value > MAX_YUAN
          || (!xf_classify_is_money (text, i, number.end) && !wan_alone && !bare))
        {
          i = number.end > i ? number.end - 1 : i;
          continue;
        }
      figure.value = number.value;
      figure.certainty = CERTAINTY_PLAIN;
      figure.start = i;
      figure.end = number.end;

      /* The result of a sum the writer worked out: 9,200元×8×2=147,200元. */
      {
        /* 12000×3×2=￥72,000: the sign may stand between. */
        gsize sign = i > 0 && (text->chars[i - 1] == 0xFFE5 || text->chars[i - 1] == 0xA5)
                     ? i - 1 : i;

        total = worked_out
                || xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, total_words)
                || (sign > 0 && (text->chars[sign - 1] == '='
                                 || text->chars[sign - 1] == 0xFF1D));
      }
      figure.total = total;
      if (total)
        {
          figure.score += SCORE_TOTAL;
          figure.certainty = CERTAINTY_MARKED;
          /* 以上合计: the total of all the letter claims above. */
          if (xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, all_above))
            figure.score += SCORE_OWED;
        }
      /* 每人还欠18000元，47人共计846000元; 还欠…一万五千六百元，加上…
       * 800元，一共16400元: the remainder's total too.  A total with no
       * such word is the sum the remainder came from (欠2000元没给，工程款
       * 总共10000元). */
      if (total ? (before_in_sentence (text, i, TOTAL_WINDOW, adding_words)
                   && before_in_sentence (text, i, TOTAL_WINDOW, remaining_words))
                : before_in_sentence (text, i, SENTENCE_WINDOW, remaining_words))
        {
          figure.score += SCORE_REMAINING;
          figure.certainty = CERTAINTY_MARKED;
          figure.remaining = TRUE;
        }
      none_paid = after_in_clause (text, number.end, AFTER_WINDOW,
                                   none_paid_after, NULL);
      /* 扣下我12月工资8,600元和年终奖5,700元不发，合计14,300元: a total
       * of what its sentence says is owed. */
      if (none_paid
          || (total && before_in_sentence (text, i, TOTAL_WINDOW, owed_words))
          || xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, owed_words)
          || after_in_clause (text, number.end, AFTER_WINDOW, owed_words, NULL))
        {
          figure.score += SCORE_OWED;
          figure.certainty = MAX (figure.certainty, CERTAINTY_OWED);
        }
      if ((rate_before (text, i) && !months_of_pay_before (text, i) && !none_paid)
          || after_in_clause (text, number.end, 8, rate_after, NULL)
          || xf_classify_text_before_in_clause (text, i, 4, change_words)
          || after_in_clause (text, number.end, 4, change_words, NULL))
        figure.score += SCORE_RATE;
      if (per_person_before (text, i))
        figure.score += SCORE_PER_PERSON;
      if (word_before (text, i, 8, incidental_words, not_lent)
          || xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, owed_to_others)
          || after_in_clause (text, number.end, 6, incidental_words, NULL))
        figure.score += SCORE_INCIDENTAL;
      if (paid_before (text, i, BEFORE_WINDOW)
          || after_in_clause (text, number.end, 12, paid_after, promise_words))
        {
          figure.score += SCORE_PAID;
          figure.paid = TRUE;
          /* A fee of its own kind paid (垫付了医疗费2.1万元) is no part
           * of the claim. */
          figure.part_paid = !(i > 0 && text->chars[i - 1] == 0x8D39 /* 费 */);
        }
      /* 三十二年才两万五千六, 一个月才一千九: a sum the writer scorns as
       * too little is what he was offered or paid, never his claim. */
      if (scorned_before (text, i)
          || xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, offered_words)
          || xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, threatened_words)
          || after_in_clause (text, number.end, 8, settlement_after, NULL)
          || xf_classify_text_before_in_clause (text, i, BEFORE_WINDOW, demanded_words)
          || after_in_sentence (text, number.end, RENOUNCED_WINDOW,
                                renounced_after, owed_words))
        figure.score += SCORE_OFFERED;
      if (number.value < MIN_PLAIN && figure.certainty == CERTAINTY_PLAIN)
        figure.score += SCORE_TRIFLE;
      g_array_append_val (figures, figure);
      i = number.end - 1;
    }

  /* The same sum again with nothing said of it (不是在乎这一千块钱) is
   * what was said of it before, or else what is said of it after (约定
   * 违约金5000元，…必须先交5000元违约金). */
  for (guint k = 0; k < figures->len; k++)
    {
      Figure *f = &g_array_index (figures, Figure, k);

      if (f->score == 0)
        f->score = score_said_elsewhere (figures, k);
    }
  /* A total that adds up a sum still owed (剩下的五万六…加上我们自己垫的
   * 56000元医药费，合计102800元) is what is owed. */
  for (guint k = 0; k < figures->len; k++)
    {
      Figure *t = &g_array_index (figures, Figure, k);
      guint addends = 0;
      gboolean owed = FALSE;

      /* Its addends: two or more figures before it in its sentence (a
       * total after one figure is what that one is a part of: 欠2000元没给，
       * 工程款总共10000元). */
      for (guint j = 0; t->total && j < k; j++)
        {
          const Figure *addend = &g_array_index (figures, Figure, j);

          if (addend->end + TOTAL_WINDOW >= t->start
              && !sentence_ends_between (text, addend->end, t->start))
            {
              addends++;
              owed = owed || value_still_owed (figures, addend->value);
            }
        }
      if (addends >= 2 && owed && !t->remaining)
        {
          t->score += SCORE_REMAINING;
          t->remaining = TRUE;
        }
    }
  /* A sum owed, then said paid in full (欠我三万二的工钱…公司把三万二千块
   * 一次打到了我卡上): settled, no claim left. */
  for (guint k = 0; k < figures->len; k++)
    {
      Figure *owed = &g_array_index (figures, Figure, k);

      for (guint j = k + 1; j < figures->len && !owed->paid; j++)
        {
          const Figure *later = &g_array_index (figures, Figure, j);

          if (later->paid && later->value == owed->value)
            {
              owed->score += SCORE_PAID;
              owed->paid = TRUE;
            }
        }
    }
  /* A sum turned down (老板说给我两千块钱补偿…我不要这两千) was an offer
   * wherever it is said. */
  for (guint k = 0; k < figures->len; k++)
    for (guint j = 0; j < rejected->len; j++)
      if (g_array_index (figures, Figure, k).value
          == g_array_index (rejected, double, j))
        {
          g_array_index (figures, Figure, k).score += SCORE_OFFERED;
          break;
        }
  /* The best score wins; of the same score, the largest sum. */
  for (guint k = 0; k < figures->len; k++)
    {
      const Figure *f = &g_array_index (figures, Figure, k);

      if (best == NULL || f->score > best->score
          || (f->score == best->score && f->value > best->value))
        best = f;
    }
  if (best == NULL || best->score < MIN_SCORE)
    return NULL;
  best_value = best->value;

  /* Paid after the claim it is part of (应得48,600元，只支付了30,000元),
   * or a share of it (公司4月份给我付了一半，…剩下的一半还没有到账; 只发了
   * 百分之六十，剩下的一直没给). */
  if (best->score >= 0 && !best->remaining)
    {
      /* A sum paid counts against the claim (a sum agreed, 年终奖为4万元,
       * is one when the rest is said to be left, below); a share (一半)
       * can only be of the claim. */
      for (guint k = 0; best->score >= 0 && k < figures->len; k++)
        {
          const Figure *f = &g_array_index (figures, Figure, k);

          if (f->start > best->start && f->part_paid)
            {
              paid_since_best += f->value;
              paid_end = f->end;
            }
        }
      for (gsize at = best->start; paid_since_best == 0 && at < text->length; at++)
        {
          gsize end = at;
          double share = share_paid_at (text, at, &end);

          if (share > 0)
            {
              paid_since_best = best_value * share;
              paid_end = end;
            }
        }
    }
  /* Another sum owed, added on after the claim (…工资共1.64万元，另外…押金
   * 500元也没退), with no total after it: the claim is both. */
  if (best->score >= SCORE_OWED && !best->remaining)
    {
      /* A figure before the last total is summed by it already. */
      guint first_unsummed = 0;

      for (guint k = 0; k < figures->len; k++)
        if (g_array_index (figures, Figure, k).total)
          first_unsummed = k;
      for (guint k = first_unsummed; k < figures->len; k++)
        {
          const Figure *f = &g_array_index (figures, Figure, k);

          if (f != best && f->start > best->end && f->score >= SCORE_OWED
              && f->value != best_value
              && xf_classify_text_before_in_clause (text, f->start, BEFORE_WINDOW,
                                                    added_words))
            best_value += f->value;
        }
    }
  items = sum_of_items (text, (const Figure *) figures->data, figures->len,
                        best->start, best->certainty == CERTAINTY_MARKED);
  if (items > best_value)
    best_value = items;
  /* Part paid and the rest owed with no figure of its own: the rest. */
  else if (paid_since_best > 0 && paid_since_best < best_value
           && (after_in_letter (text, paid_end, REST_WINDOW, rest_words)
               || after_in_letter (text, paid_end, REST_WINDOW, remaining_words)))
    best_value -= paid_since_best;
  return xf_classify_field_new ("amount_yuan",
                                g_strdup_printf ("%.0f", round (best_value)),
                                best->certainty * scale);
}
