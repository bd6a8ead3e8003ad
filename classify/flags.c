/* The flags a supervisor must see at once: a collective matter, a threat
 * (扬言), and urgency.  Rules over the text, since each flag is defined by
 * what the letter says, with the negations writers use ("我不会做傻事"). */
#define G_LOG_DOMAIN "xf-classify"
#include "classify/classify.h"

#include <string.h>

/* Self-harm, extreme acts, and taking a group to the government or to
 * Beijing. */
static const char *const threat_cues[] = {
  "跳楼", "跳河", "喝药", "喝农药", "自杀", "寻短见", "轻生", "以死", "一死",
  "同归于尽", "极端", "不想活", "活不下去", "死给", "讨个死",
  "上北京", "去北京", "进京", "到北京", "赴京", "上访到底", "集体上访",
  "堵路", "堵门", "围堵", "拉横幅", "打横幅", "静坐", "堵厂门", "堵大门",
  "堵高速", "堵公路", "堵马路", "堵路口", "堵桥",
  "去省里上访", "到市政府", "去市政府", "到省政府", "去省政府", "找媒体曝光",
  "点火", "浇汽油", "炸掉", "炸了", "把事情闹大", "跳下去", "楼顶上",
  "干出什么事", "做出什么事", "过激", "后果自负", "拿刀", "跟他拼了",
  "拼了", "活够了", "一了百了", "集体停工", "一起停工", "罢工",
  "一起去省里", "一起到省里", "一起去市里", "一起到市里", "集体去",
  "集体到省", "去省里找", "到省里上访", "到省里去反映", "爬塔吊", "上塔吊",
  "门口躺着", "豁在", "豁出去", "干出啥", "做出啥", "塔吊上去", "塔吊上面",
  "国道堵", "政府门口", "厂房顶", "房顶上", "屋顶上", "顶上去", "公路堵了",
  "马路堵了", "路口堵了", NULL,
};

/* Words right after a threat cue that make it work or a fact told, as
 * building and migrant workers write: 拼了命地干活, 上塔吊作业, 在楼顶上绑
 * 钢筋, 极端天气, 到北京打工, 到市政府信访办反映过. */
static const char *const work_after[] = {
  "命", "天气", "打工", "务工", "出差", "工作", "上班", "上学", "看病",
  "干活", "作业", "施工", "绑", "信访办", "信访局", "反映过", NULL,
};

/* Words right before a threat cue that make it an accident: 锅炉炸了. */
static const char *const accident_before[] = {
  "锅炉", "电池", "手机", "气瓶", "管道", "管子", "轮胎", "设备", "机器",
  "高温", NULL,
};

/* A group speaks or would act together. */
static const char *const collective_cues[] = {
  "联名", "全体职工", "全体员工", "全体工人", "签名附后", "附签名", "签名如下",
  "按手印", "职工代表：", "职工代表:", "工人代表", "集体上访", "一起去上访",
  "大家一起去", "联合签名", "共同签名", NULL,
};

/* A deadline within days, or an act about to happen. */
static const char *const urgent_cues[] = {
  "明天", "后天", "下周", "这周", "本周", "周末前", "马上就要",
  "眼看就要", "迫在眉睫", "十万火急", "紧急", "三天内", "两天内", "几天内",
  "五天内", "7天内", "3天内", "三日内", "即将", "刻不容缓", "月底前",
  "这个月底", "急死了", "等不及", "火烧眉毛", "等米下锅", "这个周一",
  "这个周二", "这个周三", "这个周四", "这个周五", "这个周六", "这个周日",
  "这个周末", "周一前", "周二前", "周三前", "周四前", "周五前", "周六前",
  "周日前", "周末之前", NULL,
};

/* Words right after a cue that make it a fact told, not a deadline:
 * 经理让我明天别来了. */
static const char *const told_after[] = {
  "别来", "不用来", "不要来", "不用去", "不用上班", "起不用", NULL,
};

/* A deadline counted in days: 只剩三天, 还剩5天 (not 休息不到四天, a
 * count of days off). */
static const char *const days_left_before[] = {
  "只剩下", "还剩下", "只剩", "还剩", "离现在只有", "离今天只有", "离现在还有",
  "离今天还有", "离现在不到", "离今天不到", NULL,
};

/* Words that, just before a cue, deny it. */
static const char *const negations[] = {
  "不会", "不想", "绝不", "决不", "不至于", "没想", "不是要", "不去", "不敢",
  "不打算", "并不", "不准备", NULL,
};

/* Whether the @before_bytes before @at hold a negation. */
static gboolean
negated (const char *text, const char *at)
{
  const char *start = at;

  /* Up to six characters back, not past a sentence end. */
  for (int i = 0; i < 6 && start > text; i++)
    {
      const char *prev = g_utf8_find_prev_char (text, start);
      if (prev == NULL || strchr ("\n", *prev) != NULL
          || g_str_has_prefix (prev, "。") || g_str_has_prefix (prev, "！")
          || g_str_has_prefix (prev, "？"))
        break;
      start = prev;
    }
  for (const char *const *n = negations; *n != NULL; n++)
    {
      const char *hit = g_strstr_len (start, at - start, *n);
      if (hit != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Whether @text holds one of @cues not denied just before it nor, when
 * @unless_after is given, followed by one of those words (明天别来了), nor,
 * when @unless_before is, right after one of those (锅炉炸了). */
static gboolean
says (const char *text, const char *const *cues,
      const char *const *unless_after, const char *const *unless_before)
{
  for (const char *const *c = cues; *c != NULL; c++)
    for (const char *hit = strstr (text, *c); hit != NULL;
         hit = strstr (hit + 1, *c))
      {
        const char *after = hit + strlen (*c);
        gboolean undone = FALSE;

        for (const char *const *u = unless_after; u != NULL && *u != NULL && !undone;
             u++)
          undone = g_str_has_prefix (after, *u);
        for (const char *const *u = unless_before;
             u != NULL && *u != NULL && !undone; u++)
          {
            gsize length = strlen (*u);
            undone = (gsize) (hit - text) >= length
                     && memcmp (hit - length, *u, length) == 0;
          }
        if (!undone && !negated (text, hit))
          return TRUE;
      }
  return FALSE;
}

/* Whether @text counts the days left, a week at most (只剩三天). */
static gboolean
says_days_left (const char *text)
{
  static const char *const days[] = {
    "一", "两", "二", "三", "四", "五", "六", "七", "1", "2", "3", "4", "5", "6",
    "7", NULL,
  };

  for (const char *const *w = days_left_before; *w != NULL; w++)
    for (const char *hit = strstr (text, *w); hit != NULL;
         hit = strstr (hit + 1, *w))
      {
        const char *after = hit + strlen (*w);

        for (guint n = 0; days[n] != NULL; n++)
          if (g_str_has_prefix (after, days[n])
              && (g_str_has_prefix (after + strlen (days[n]), "天")
                  || g_str_has_prefix (after + strlen (days[n]), "日")))
            return TRUE;
      }
  return FALSE;
}

void
xf_classify_flags (const char *text, gint64 headcount,
                   guint collective_threshold, XfFlags *flags)
{
  flags->threat = says (text, threat_cues, work_after, accident_before);
  flags->collective = (headcount >= (gint64) MAX (collective_threshold, 1u))
                      || says (text, collective_cues, NULL, NULL);
  flags->urgent = flags->threat || says (text, urgent_cues, told_after, NULL)
                   || says_days_left (text);
}
