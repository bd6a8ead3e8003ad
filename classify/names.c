/* The writer's name: after the phrases letters introduce themselves with
 * (我叫, 本人, 反映人：…), or alone on a signature line at the end.
 * Chinese names are a surname of one or two characters and a given name of
 * one or two; knowing the common surnames is what lets a name be cut off
 * from the words that follow it (我叫李强今年45岁 is 李强). */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <string.h>

/* The most common single-character surnames, roughly by frequency. */
static const char single_surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田"
  "董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方"
  "白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
  "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳"
  "甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
  "蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
  "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
  "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕"
  "楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
  "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊"
  "乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼"
  "居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

static const char *const compound_surnames[] = {
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
  "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "西门", "南宫", "独孤",
  "端木", "百里", "呼延", "万俟", "申屠", "澹台", "公冶", "太史", "闻人",
  "赫连", "钟离", "宗政", "濮阳", "拓跋", NULL,
};

/* Surnames that are also everyday words; after the weak introductions
 * (本人, 我是) and on a signature line they need more than the surname. */
static const char ambiguous_surnames[] =
  "于和时原来都那但由信公国平明文成全向万常强相门初位区海花安关单解查华"
  "高从同应能会也车包周任余司师计章连方管金石江白路左";

/* Characters that never stand in a name: particles, verbs and nouns that
 * begin the words which follow a name. */
static const char never_in_name[] =
  "的了们是在于与及等也都就被把从向对给不没岁今男女系曾已因到去还又"
  "里上下人我你他她这那个名位些请说找叫住电话号元日年时工司厂";

/* Of those, the ones that given names hold too (王永年, 孙振元, 陈从军,
 * 刘人杰, 赵日新, 李时珍, 张今明): taken in a whole clause after a label or
 * 我叫, where no word can follow.  Not 工, 司 or 厂 (我是…的普工). */
static const char also_in_named_clause[] = "年元从人日时名今";

/* Words that follow a name and so end it: 李强今年 is 李强. */
static const char *const after_name[] = {
  "今年", "现年", "年龄", "汉族", "家住", "现住", "住在", "住址", "户籍",
  "籍贯", "身份证", "电话", "手机", "联系", "微信", "地址", "工号", "来自",
  "出生", "生于", "同志", "师傅", "先生", "女士", "老师", "一直", "一名",
  "一个", "一起", "一位", "一家", "现在", "目前", "性别", "老家", "本人",
  "代表", "签名", "等人", "等", "和", "因为", "为了", NULL,
};

/* Words that look like a surname and a given name but are not names. */
static const char *const not_names[] = {
  "全体", "全厂", "全部", "广大", "此致", "敬礼", "谢谢", "领导", "匿名",
  "知情", "部分", "郑重", "保证", "承诺", "特此", "希望", "万分", "感谢",
  "曾经", "一直", "关于", "相关", "有关", "和谐", "安全", "公平", "公正",
  "高温", "平时", "常年", "强制", "强行", "明确", "明显", "文件", "成立",
  "车间", "车辆", "司机", "包工", "包括", "周末", "周期", "周围", "任何",
  "任务", "余额", "何时", "高管", "应该", "应当", "信息", "信访", "计算",
  "方面", "连续", "严重", "许多", "费用", "金额", "钱款", "江湖", "乐意",
  "马上", "龙头", "石材", "林业", "苏州", "项目", "单位", "孙子", "申请",
  "管理", "施工", "工资", "黄金", "房租", "宁愿", "华侨", "齐全", "师傅",
  "司法", "劳动", "姚某", "王某", "李某", "张某", "刘某", "陈某", "我们",
  "贺信", "程序", "史上", "范围", "段时间", "蒋介", "鲁迅", "毛主席",
  "雷锋", "习近", "国家", "政府", "市长", "书记", "主席", "尊敬", "工会",
  "钟点", "温度", "谈话", "谈判", "焦虑", "梅雨", "童工", "孟子", "孔子",
  "庄稼", "沈阳", "成都", "海南", "吉林", "江西", "江苏", "湖南", "广东",
  "山东", "河南", "河北", "安徽", "福建", "云南", "贵州", "甘肃", "宁夏",
  "上海", "北京", "天津", "重庆", "黑龙", "辽宁", "青海", "西藏", "新疆",
  "广西", "内蒙", "陕西", "山西", "浙江", "湖北", "四川", "武汉", "南京",
  "杭州", "深圳", "广州", "长沙", "郑州", "西安", "济南", "合肥", "南昌",
  "福州", "昆明", "贵阳", "兰州", "银川", "太原", "石家", "呼和", "乌鲁",
  "拉萨", "哈尔", "长春", "南宁", "海口", "班组", "班长", "时间", "日期",
  "利息", "元整", NULL,
};

/* Role words that stand between 我是…的 and the name (司机李强), and the
 * kin a relative writes as (我是赵满仓的儿子赵小兵). */
static const char *const role_endings[] = {
  "工", "员", "师", "机", "士", "长", "手", "计", "生", "理", "安", "洁",
  "管", "头", "任", "医", "纳", "售", "家", "匠", "官", "人", "子", "儿",
  "女", "妻", "夫", "婆", "亲", "哥", "姐", "弟", "妹", "媳", "婿", "爸",
  "妈", "甥", "民", "试", NULL,
};

/* How a phrase introduces a name.  A label (反映人：) needs a colon or a
 * space after it; an introduction (我叫) needs nothing; a weak one (本人,
 * 我是) is also how sentences begin, so the name must end its clause. */
typedef enum {
  TRIGGER_LABEL,
  TRIGGER_INTRO,
  TRIGGER_WEAK,
} TriggerKind;

typedef struct {
  const char *word;
  double certainty;
  TriggerKind kind;
} Trigger;

/* Longest first where one word ends another (本人姓名 before 姓名). */
static const Trigger triggers[] = {
  { "反映人", 0.9, TRIGGER_LABEL }, { "投诉人", 0.9, TRIGGER_LABEL },
  { "举报人", 0.9, TRIGGER_LABEL }, { "来信人", 0.9, TRIGGER_LABEL },
  { "申诉人", 0.9, TRIGGER_LABEL }, { "信访人", 0.9, TRIGGER_LABEL },
  { "求助人", 0.9, TRIGGER_LABEL }, { "写信人", 0.9, TRIGGER_LABEL },
  { "申请人", 0.85, TRIGGER_LABEL }, { "联系人", 0.85, TRIGGER_LABEL },
  { "联名人", 0.85, TRIGGER_LABEL }, { "具名人", 0.85, TRIGGER_LABEL },
  { "职工代表", 0.85, TRIGGER_LABEL }, { "工人代表", 0.85, TRIGGER_LABEL },
  { "员工代表", 0.85, TRIGGER_LABEL }, { "代表人", 0.85, TRIGGER_LABEL },
  { "代表", 0.8, TRIGGER_LABEL }, { "本人姓名", 0.9, TRIGGER_LABEL },
  { "姓名", 0.85, TRIGGER_LABEL }, { "署名", 0.85, TRIGGER_LABEL },
  { "落款", 0.8, TRIGGER_LABEL }, { "签名", 0.8, TRIGGER_LABEL },
  { "发件人", 0.8, TRIGGER_LABEL }, { "From", 0.8, TRIGGER_LABEL },
  { "FROM", 0.8, TRIGGER_LABEL }, { "联名职工", 0.85, TRIGGER_LABEL },
  { "联名", 0.8, TRIGGER_LABEL },
  /* A committee writing for one of its people (我村村民孙桂兰, 我社区租住
   * 居民熊大有): the one it writes for, over its own clerk (联系人). */
  { "社区居民", 0.9, TRIGGER_INTRO }, { "租住居民", 0.9, TRIGGER_INTRO },
  { "小区居民", 0.9, TRIGGER_INTRO }, { "村村民", 0.9, TRIGGER_INTRO },
  { "本村村民", 0.9, TRIGGER_INTRO }, { "组村民", 0.9, TRIGGER_INTRO },
  { "我的名字叫", 0.9, TRIGGER_INTRO }, { "我的名字是", 0.9, TRIGGER_INTRO },
  { "本人叫", 0.9, TRIGGER_INTRO }, { "我叫", 0.9, TRIGGER_INTRO },
  { "俺叫", 0.9, TRIGGER_INTRO }, { "我名叫", 0.9, TRIGGER_INTRO },
  { "名叫", 0.85, TRIGGER_INTRO }, { "叫", 0.85, TRIGGER_INTRO },
  { "本人", 0.75, TRIGGER_WEAK }, { "我是", 0.7, TRIGGER_WEAK },
  { "俺是", 0.7, TRIGGER_WEAK },
};

#define CERTAINTY_ROLE 0.7       /* 我是…的司机李强 */
#define CERTAINTY_SIGNATURE 0.6  /* a short line, or a name before a phone, at the end */
#define CERTAINTY_UNKNOWN_SURNAME 0.5
#define AGREEMENT_BONUS 0.05     /* the same name found twice */

/* How far 我是 may run before its 的: 我是锦程塑胶制品有限公司注塑车间的. */
#define MAX_INTRODUCTION 40
/* How many lines from the end a signature may stand. */
#define SIGNATURE_LINES 6
/* A bracket closes within this many characters: a role, a former name. */
#define MAX_BRACKETED 16

static gboolean
char_in (gunichar c, const char *set)
{
  for (const char *p = set; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

gboolean
xf_classify_is_surname (gunichar c)
{
  return char_in (c, single_surnames);
}

/* The length of the surname at @at: 2 for a compound one, 1 for a single
 * one, 0 when it is not a known surname. */
static gsize
surname_length (const XfText *text, gsize at)
{
  if (at >= text->length)
    return 0;
  if (xf_classify_text_match_any (text, at, compound_surnames) > 0)
    return 2;
  return char_in (text->chars[at], single_surnames) ? 1 : 0;
}

/* The index of the bracket that closes the one at @open, within
 * MAX_BRACKETED characters and before @limit, or 0. */
static gsize
bracket_close (const XfText *text, gsize open, gsize limit)
{
  for (gsize k = open + 1; k < limit && k <= open + MAX_BRACKETED; k++)
    {
      if (text->chars[k] == ')' || text->chars[k] == 0xFF09)
        return k;
      if (text->chars[k] == '\n' || text->chars[k] == '(' || text->chars[k] == 0xFF08)
        return 0;
    }
  return 0;
}

static gboolean
is_name_char (const XfText *text, gsize at)
{
  return at < text->length && xf_classify_is_han (text->chars[at])
         && !char_in (text->chars[at], never_in_name);
}

/* Whether the character at @at may stand in a name that a label or 我叫
 * introduces and that is its clause on its own. */
static gboolean
is_named_clause_char (const XfText *text, gsize at)
{
  return is_name_char (text, at)
         || (at < text->length && char_in (text->chars[at], also_in_named_clause));
}

/* How many Chinese characters run from @at, counted up to RUN_LIMIT: every
 * caller asks only whether the run is a name's length, and a text of one
 * long run must not be walked to its end from each character. */
#define RUN_LIMIT 8

static gsize
han_run (const XfText *text, gsize at)
{
  gsize n = 0;

  while (n < RUN_LIMIT && at + n < text->length
         && xf_classify_is_han (text->chars[at + n]))
    n++;
  return n;
}

/* Whether @c ends a run of characters as a name's end may: a separator,
 * a space, or a bracket opening (石国庆（顺邦物流开半挂的）). */
static gboolean
ends_run (gunichar c)
{
  return xf_classify_is_separator (c) || c == ' ' || c == '(' || c == 0xFF08;
}

/* Reads a name at @at.  @strong says the context vouches for a name (a
 * label, 我叫), so a surname that is also a word, or an unknown one, is
 * taken.  Returns the end index, or 0 when no name stands there; sets
 * @known_surname. */
static gsize
read_name (const XfText *text, gsize at, gboolean strong,
           gboolean *known_surname)
{
  gsize surname = surname_length (text, at);
  gsize run = 0;
  gsize end;
  gsize given = 0;

  *known_surname = surname > 0;
  if (xf_classify_text_match_any (text, at, not_names) > 0)
    return 0;
  if (surname == 1 && !strong && char_in (text->chars[at], ambiguous_surnames))
    {
      /* 本人和同事: only a whole short line or a clause of its own. */
      run = han_run (text, at);
      if (run < 2 || run > 3)
        return 0;
      if (at + run < text->length && !ends_run (text->chars[at + run]))
        return 0;
      for (gsize i = 1; i < run; i++)
        if (!is_name_char (text, at + i))
          return 0;
      return at + run;
    }
  if (surname == 0)
    {
      if (!strong || !is_name_char (text, at))
        return 0;
      surname = 1;
    }

  /* A whole run of two to four characters ending the clause is the name
   * as written, even where a word could start inside it (王家明). */
  run = han_run (text, at);
  if (run >= 2 && run <= (surname == 2 ? 4u : 3u)
      && (at + run == text->length || ends_run (text->chars[at + run])))
    {
      gboolean all_name = TRUE;

      /* 向 is a preposition after a name (李强向公司…) but a given name's
       * first character inside a run that ends the clause (李向东). */
      for (gsize i = surname; i < run; i++)
        all_name = all_name && (is_name_char (text, at + i)
                                || (strong && is_named_clause_char (text, at + i))
                                || (i + 1 < run && text->chars[at + i] == 0x5411));
      if (all_name)
        return at + run;
    }

  /* Otherwise one or two given characters, stopping where a word that
   * follows names begins (李强今年 is 李强). */
  end = at + surname;
  while (given < 2 && is_name_char (text, end)
         && (given == 0 || xf_classify_text_match_any (text, end, after_name) == 0))
    {
      end++;
      given++;
    }
  if (given == 0)
    return 0;
  return end;
}

typedef struct {
  char *value;
  double certainty;
} Candidate;

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *) data)->value);
}

static void
add_candidate (GArray *candidates, char *value, double certainty)
{
  Candidate c = { value, certainty };

  g_array_append_val (candidates, c);
}

static gboolean
is_gap (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/* Whether the name ending at @end ends its clause: punctuation, a space,
 * the end, or a word that follows names (今年, 身份证…). */
static gboolean
ends_clause (const XfText *text, gsize end)
{
  return end >= text->length || xf_classify_is_separator (text->chars[end])
         || is_gap (text->chars[end]) || text->chars[end] == '('
         || xf_classify_is_digit (text->chars[end])
         || xf_classify_text_match_any (text, end, after_name) > 0;
}

/* OCR splits names across a space or a line (吕建 设, 联系人：孙\n海涛).
 * When a run of one or two characters at @at is followed by one gap and a
 * short run that ends there, returns the two joined as a text to read the
 * name from; NULL otherwise. */
static XfText *
join_split_name (const XfText *text, gsize at)
{
  gsize limit = surname_length (text, at) == 2 ? 4 : 3;
  gsize pos = at;
  gsize total = 0;
  guint pieces = 0;
  g_autoptr(GString) joined = g_string_new (NULL);

  /* 张秀 娟, 彭 小 兵: pieces of one or two characters, a gap between. */
  for (;;)
    {
      gsize run = 0;

      while (run <= limit && pos + run < text->length
             && xf_classify_is_han (text->chars[pos + run]))
        run++;
      if (run == 0 || total + run > limit
          || (pieces > 0
              && (!is_name_char (text, pos)
                  || xf_classify_text_match_any (text, pos, after_name) > 0
                  || xf_classify_text_match_any (text, pos, not_names) > 0)))
        return NULL;
      for (gsize k = pos; k < pos + run; k++)
        g_string_append_unichar (joined, text->raw[k]);
      total += run;
      pieces++;
      pos += run;
      if (total < limit && pos + 1 < text->length && is_gap (text->chars[pos])
          && xf_classify_is_han (text->chars[pos + 1]))
        {
          pos++;
          continue;
        }
      break;
    }
  if (pieces < 2 || (pos < text->length && !ends_clause (text, pos)))
    return NULL;
  g_string_append_c (joined, '\n');
  return xf_classify_text_new (joined->str);
}

/* Whether the sender's name at @at is a mailbox's nickname: longer than a
 * name (芦坪打工人, 燕子飞飞), or run into digits or letters (月亮船2019). */
static gboolean
nickname_at (const XfText *text, gsize at)
{
  gsize run = han_run (text, at);
  gunichar next = at + run < text->length ? text->chars[at + run] : 0;

  /* Four characters make a name only after a two-character surname
   * (欧阳小芳, not 燕子飞飞). */
  return run > 4
         || (run == 4
             && xf_classify_text_match_any (text, at, compound_surnames) == 0)
         || (next < 0x80 && g_ascii_isalnum ((char) next));
}

/* Whether @word heads a mail's sender line. */
static gboolean
is_mail_sender (const char *word)
{
  return g_str_equal (word, "发件人") || g_str_equal (word, "From")
         || g_str_equal (word, "FROM");
}

/* Reads the name at @at as xf_classify_find_name() takes it: joined across
 * an OCR split for labels and introductions, ending its clause for weak
 * triggers (本人郑重…, 我是宁波海晟… are no names; nor is 我是刘桂芝的…,
 * which names someone else).  Returns the name (g_free) or NULL. */
static char *
take_name (const XfText *text, gsize at, TriggerKind kind, gboolean *known)
{
  gboolean strong = kind != TRIGGER_WEAK;
  gsize end;

  /* After 本人 or 我是 too, in a letter OCR has damaged (本人宋立 平). */
  if (strong || xf_classify_text_damaged (text))
    {
      g_autoptr(XfText) joined = join_split_name (text, at);

      if (joined != NULL)
        {
          end = read_name (joined, 0, strong, known);
          if (end > 0 && end + 1 == joined->length)
            return xf_classify_text_slice (joined, 0, end);
        }
    }
  end = read_name (text, at, strong, known);
  if (end == 0)
    return NULL;
  if (kind == TRIGGER_WEAK
      && (!ends_clause (text, end) || text->chars[end] == 0x7684))  /* 的 */
    return NULL;
  if (!*known && !ends_clause (text, end))
    return NULL;
  return xf_classify_text_slice (text, at, end);
}

/* The index after the label's colon or space, or 0 when there is none (a
 * label must be followed by one: 代表大会 is no label). */
static gsize
skip_label_gap (const XfText *text, gsize at)
{
  static const char *const inner[] = { "签名", "签字", "姓名", NULL };
  gsize start;

  at += xf_classify_text_match_any (text, at, inner);
  start = at;
  while (at < text->length
         && (text->chars[at] == ' ' || text->chars[at] == ':'
             || text->chars[at] == 0xFF1A || text->chars[at] == '\t'))
    at++;
  return at > start ? at : 0;
}

static gsize
skip_spaces (const XfText *text, gsize at)
{
  while (at < text->length && (text->chars[at] == ' ' || text->chars[at] == '\t'))
    at++;
  return at;
}

/* 叫 alone introduces a name only at a clause's start: ，叫王红 or 我是
 * 送外卖的 叫吴小川, not 大家都叫他. */
static gboolean
bare_jiao_allowed (const XfText *text, gsize at)
{
  gunichar before;

  if (at == 0)
    return TRUE;
  before = text->chars[at - 1];
  return xf_classify_is_separator (before) || is_gap (before);
}

/* 我是宏运物流公司的司机李强, 我是…注塑车间的操作工周桂芳: the name ends
 * the clause, after a role word.  Tries the usual three characters, then
 * two, then four, each only when what stands before it ends in a role. */
static gboolean
role_name_in_clause (const XfText *text, gsize after, GArray *candidates,
                     gboolean join_spaces)
{
  gsize limit = MIN (text->length, after + MAX_INTRODUCTION);
  gsize de = 0;
  gsize k = after;
  static const gsize lengths[] = { 3, 2, 4 };
  g_autoptr(GString) clause = g_string_new (NULL);
  g_autoptr(XfText) compact = NULL;
  gsize clause_end;

  /* The clause up to its punctuation, with OCR's stray single spaces
   * between characters left out (职工张秀 娟). */
  for (; k < limit; k++)
    {
      gunichar c = text->chars[k];

      if (join_spaces && c == ' ' && k > after && k + 1 < limit
          && xf_classify_is_han (text->chars[k - 1])
          && xf_classify_is_han (text->chars[k + 1]))
        continue;
      /* 我是鲁中化工有限公司（原第二化工厂）的职工刘海燕: a bracket
       * inside the clause is left out. */
      if (c == '(' || c == 0xFF08)
        {
          gsize close = bracket_close (text, k, limit);

          if (close > 0)
            {
              k = close;
              continue;
            }
        }
      if (xf_classify_is_separator (c) || !xf_classify_is_han (c))
        break;
      g_string_append_unichar (clause, c);
    }
  if (k >= limit)
    return FALSE;
  compact = xf_classify_text_new (clause->str);
  clause_end = compact->length;
  /* The name follows the last 的 (我是…的司机李强), or a role word right
   * after 我是 (我是他女儿王晓梅, 本人系宏盛公司职工李明). */
  for (gsize i = 0; i < clause_end; i++)
    if (compact->chars[i] == 0x7684)               /* 的 */
      de = i + 1;
  if (clause_end - de < 2)
    return FALSE;
  /* 我是…的骑手小韩 韩宇: a nickname (小韩, 老韩), then the full name of
   * that surname after a space; 我是…的骑手 周凯: the role, then the name
   * after a space. */
  if (!join_spaces && clause_end - de >= 2 && k + 1 < text->length
      && text->chars[k] == ' '
      && ((((compact->chars[clause_end - 2] == 0x5C0F        /* 小 */
             || compact->chars[clause_end - 2] == 0x8001)    /* 老 */
            && text->chars[k + 1] == compact->chars[clause_end - 1]))
          || (xf_classify_text_match_any_before (compact, clause_end, role_endings) > 0
              && surname_length (text, k + 1) > 0)))
    {
      gsize end = k + 1;

      while (end < text->length && xf_classify_is_han (text->chars[end])
             && !xf_classify_is_separator (text->chars[end]))
        end++;
      if (end - (k + 1) >= 2 && end - (k + 1) <= 3
          && (end == text->length || !xf_classify_is_han (text->chars[end])))
        {
          add_candidate (candidates, xf_classify_text_slice (text, k + 1, end),
                         CERTAINTY_ROLE);
          return TRUE;
        }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      gsize start;
      gboolean known;

      if (clause_end - de < lengths[i])
        continue;
      start = clause_end - lengths[i];
      if (start > de
          && xf_classify_text_match_any_before (compact, start, role_endings) == 0)
        continue;
      /* 设计师周航, 车间主任长…: 师 and 长 end a role (工程师, 班组长)
       * far more often than they begin a name. */
      if (start > de && start + 2 < clause_end
          && (compact->chars[start] == 0x5E08 /* 师 */
              || compact->chars[start] == 0x957F /* 长 */)
          && xf_classify_text_match_any_before (compact, start, role_endings) > 0)
        continue;
      if (surname_length (compact, start) == 0)
        continue;
      if (read_name (compact, start, TRUE, &known) == clause_end)
        {
          add_candidate (candidates,
                         xf_classify_text_slice (compact, start, clause_end),
                         CERTAINTY_ROLE);
          return TRUE;
        }
    }
  return FALSE;
}

/* The name after a role (我是…的司机李强): first with OCR's stray spaces
 * between characters left out (职工张秀 娟), then with a space as the end
 * of a clause, as messages typed without punctuation use it (…车间的孙丽
 * 去年11月). */
static void
find_role_name (const XfText *text, gsize after, GArray *candidates)
{
  if (!role_name_in_clause (text, after, candidates, TRUE))
    role_name_in_clause (text, after, candidates, FALSE);
}

/* What may follow a signature on its line: a date, written either way. */
static gboolean
is_date_char (gunichar c)
{
  return xf_classify_is_digit (c) || c == '-' || c == '/' || c == '.'
         || c == ' ' || c == '\t' || char_in (c, "〇零一二三四五六七八九十年月日号");
}

/* Whether what follows a signature at @at is the end of its line, a date,
 * or the writer's phone or ID (周晓峰 +86 173…, 王铁军，身份证…). */
static gboolean
signature_follows (const XfText *text, gsize at, gsize line_end)
{
  static const char *const contact[] = {
    "身份证", "电话", "手机", "联系", "微信", NULL,
  };
  gsize rest = at;

  while (rest < line_end && is_date_char (text->chars[rest]))
    rest++;
  if (rest == line_end || text->chars[rest] == '\r')
    return TRUE;
  /* 刘春梅（公司收银主管） 电话…: a role or (签名) in brackets. */
  if (at < line_end && (text->chars[at] == '(' || text->chars[at] == 0xFF08))
    {
      gsize close = bracket_close (text, at, line_end);

      if (close > 0)
        return signature_follows (text, close + 1, line_end);
    }
  rest = at;
  while (rest < line_end
         && (text->chars[rest] == ' ' || text->chars[rest] == 0xFF0C
             || text->chars[rest] == ',' || text->chars[rest] == 0x3001))
    rest++;
  return rest < line_end
         && (xf_classify_is_digit (text->chars[rest]) || text->chars[rest] == '+'
             || xf_classify_text_match_any (text, rest, contact) > 0);
}

/* Whether a signature may start at @at: the line's start, or after a
 * space, a dash or the end of a sentence. */
static gboolean
signature_starts (const XfText *text, gsize at, gsize line_start)
{
  gunichar before;

  if (at == line_start)
    return TRUE;
  before = text->chars[at - 1];
  return before == ' ' || before == '\t' || before == '-' || before == 0x2014
         || before == 0x3002 || before == 0xFF01 || before == 0xFF1F
         || before == '?' || before == '!' || before == 0xFF09 || before == ')';
}

/* The signature: two to four characters alone near the end, perhaps with a
 * date after them, or before the writer's phone (方文 13297046518). */
static void
find_signature (const XfText *text, GArray *candidates)
{
  gsize line_end = text->length;
  guint lines = 0;
  gboolean damaged = xf_classify_text_damaged (text);

  while (line_end > 0 && lines < SIGNATURE_LINES)
    {
      gsize line_start = line_end;

      while (line_start > 0 && text->chars[line_start - 1] != '\n')
        line_start--;
      for (gsize a = line_start; a < line_end; a++)
        {
          gsize b = a;
          gsize name_end;
          gboolean known;

          if (!xf_classify_is_han (text->chars[a])
              || !signature_starts (text, a, line_start))
            continue;
          while (b < line_end && xf_classify_is_han (text->chars[b]))
            b++;
          if (b - a >= 2 && b - a <= 4 && signature_follows (text, b, line_end))
            {
              name_end = read_name (text, a, FALSE, &known);
              if (name_end == b && known)
                add_candidate (candidates, xf_classify_text_slice (text, a, b),
                               CERTAINTY_SIGNATURE);
            }
          /* 白建 华 O472-…, 张 建 军: OCR's spaces inside a signed name. */
          else if (damaged && b - a <= 2 && b + 1 < line_end && text->chars[b] == ' ')
            {
              g_autoptr(GString) whole = g_string_new (NULL);
              g_autofree char *first = xf_classify_text_slice (text, a, b);
              gsize end = b, chars = b - a;

              /* The pieces, one space apart, while they make a name's length. */
              g_string_append (whole, first);
              while (chars < 3 && end + 1 < line_end && text->chars[end] == ' '
                     && xf_classify_is_han (text->chars[end + 1]))
                {
                  gsize piece = end + 1;
                  gsize next = piece + han_run (text, piece);
                  g_autofree char *part = NULL;

                  if (chars + (next - piece) > 3)
                    break;
                  part = xf_classify_text_slice (text, piece, next);
                  g_string_append (whole, part);
                  chars += next - piece;
                  end = next;
                }
              if (end > b && chars >= 2 && chars <= 3
                  && signature_follows (text, end, line_end))
                {
                  g_autoptr(XfText) joined = xf_classify_text_new (whole->str);

                  if (read_name (joined, 0, FALSE, &known) == joined->length && known)
                    add_candidate (candidates, g_string_free (g_steal_pointer (&whole), FALSE),
                                   CERTAINTY_SIGNATURE);
                  b = end;
                }
            }
          a = b;
        }
      if (skip_spaces (text, line_start) < line_end)
        lines++;
      line_end = line_start > 0 ? line_start - 1 : 0;
    }
}

XfField *
xf_classify_find_name (const XfText *text, double scale)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const Candidate *best = NULL;
  double best_certainty = 0;

  g_array_set_clear_func (candidates, candidate_clear);
  for (gsize i = 0; i < text->length; i++)
    for (gsize t = 0; t < G_N_ELEMENTS (triggers); t++)
      {
        const Trigger *trigger = &triggers[t];
        gsize n = xf_classify_text_match (text, i, trigger->word);
        gsize at;
        char *value;
        gboolean known;
        TriggerKind kind;
        double certainty;

        if (n == 0)
          continue;
        kind = trigger->kind;
        certainty = trigger->certainty;
        if (kind == TRIGGER_LABEL)
          {
            at = skip_label_gap (text, i + n);
            if (at == 0)
              {
                /* 联系人宋刚，: a label run into its name is read as
                 * warily as 本人. */
                at = i + n;
                kind = TRIGGER_WEAK;
                certainty -= 0.1;
              }
          }
        else
          {
            at = skip_spaces (text, i + n);
            /* 本人：王伟 is a label. */
            if (kind == TRIGGER_WEAK && at < text->length
                && (text->chars[at] == ':' || text->chars[at] == 0xFF1A))
              {
                at = skip_spaces (text, at + 1);
                kind = TRIGGER_LABEL;
              }
          }
        if (g_str_equal (trigger->word, "叫") && !bare_jiao_allowed (text, i))
          break;
        /* 发件人：芦坪打工人 <…>: a mailbox's nickname. */
        if (is_mail_sender (trigger->word) && nickname_at (text, at))
          {
            i += n - 1;
            break;
          }
        value = take_name (text, at, kind, &known);
        /* 叫 alone, unlike 我叫, is also 叫人寒心; a mailbox's name is
         * as often a nickname (一只脚): a known surname only. */
        if (value != NULL && !known
            && (g_str_equal (trigger->word, "叫")
                || is_mail_sender (trigger->word)))
          g_clear_pointer (&value, g_free);
        if (value != NULL)
          add_candidate (candidates, value,
                         known ? certainty : CERTAINTY_UNKNOWN_SURNAME);
        /* 联系人：村委会主任马永福: a label with the role first. */
        else if (trigger->kind == TRIGGER_WEAK || kind == TRIGGER_LABEL)
          find_role_name (text, kind == TRIGGER_LABEL ? at : i + n, candidates);
        i += n - 1;
        break;
      }
  find_signature (text, candidates);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      double certainty = c->certainty;

      /* The same name found again makes each finding surer. */
      for (guint j = 0; j < candidates->len; j++)
        if (j != i && g_str_equal (g_array_index (candidates, Candidate, j).value,
                                   c->value))
          certainty += AGREEMENT_BONUS;
      if (certainty > best_certainty)
        {
          best = c;
          best_certainty = certainty;
        }
    }
  if (best == NULL)
    return NULL;
  return xf_classify_field_new ("name", g_strdup (best->value),
                                MIN (best_certainty, 0.95) * scale);
}

/* A boss's name read at @start..@end, or NULL: not a title (黄总), not
 * hidden (吴某), a word's surname (安排, 和财务) only where 叫 or 是
 * vouched for it, and a verb after two characters cut (邱红拖欠). */
static char *
boss_name (const XfText *text, gsize start, gsize end, gboolean strong)
{
  static const char verbs[] = "拖跑进说欠让把要给带扣押";

  if (end == 3 + start && char_in (text->chars[start + 2], verbs))
    end--;
  if (end < start + 2
      || (!strong && char_in (text->chars[start], ambiguous_surnames)))
    return NULL;
  for (gsize i = start; i < end; i++)
    if (text->chars[i] == 0x67D0 /* 某 */ || text->chars[i] == 0x603B /* 总 */)
      return NULL;
  return xf_classify_text_slice (text, start, end);
}

/* The boss a letter names (老板叫胡志刚, 包工头邱大富, 胡志刚的公司):
 * workers who do not know their firm's registered name know him. */
char *
xf_classify_find_boss (const XfText *text)
{
  static const char *const bosses[] = {
    "老板", "包工头", "工头", "老总", "负责人", "站长", "店长", "厂长",
    "项目经理", "班组长", "跟着老乡", NULL,
  };
  /* What a person's firm is called after his name: 胡志刚的公司. */
  static const char *const his_firm[] = {
    "的公司", "的车队", "的工程队", "的施工队", "的班组", "的工地", "的厂",
    "的店", "手下", NULL,
  };

  g_return_val_if_fail (text != NULL, NULL);
  for (gsize i = 0; i < text->length; i++)
    {
      gsize n = xf_classify_text_match_any (text, i, bosses);
      char *name;
      gboolean known;
      gsize at, end;

      if (n > 0)
        {
          /* 老板叫胡志刚 vouches for a name; 老板胡志刚 needs a known
           * surname; 老板娘, 老板说 are no name. */
          gboolean strong = i + n < text->length
                            && (text->chars[i + n] == 0x53EB /* 叫 */
                                || text->chars[i + n] == 0x662F /* 是 */);

          at = strong ? i + n + 1 : i + n;
          end = read_name (text, at, strong, &known);
          if (known && (name = boss_name (text, at, end, strong)) != NULL)
            return name;
          i += n - 1;
          continue;
        }
      /* 胡志刚的公司: a name of three or four characters right before. */
      if (xf_classify_text_match_any (text, i, his_firm) == 0)
        continue;
      for (gsize length = 3; length <= 4 && length <= i; length++)
        {
          gsize start = i - length;

          if (surname_length (text, start) > 0
              && read_name (text, start, FALSE, &known) == i && known
              && (name = boss_name (text, start, i, FALSE)) != NULL)
            return name;
        }
    }
  return NULL;
}
