/* The employer: the organisation the writer works for or complains about,
 * named with a suffix (…有限公司, …厂, …医院, …项目部), cut at the left
 * where the sentence's own words begin; never the union or office the
 * letter is written to.  Also the unified social credit code (GB 32100). */
#define G_LOG_DOMAIN "xf-classify"

#include "classify/classify-private.h"

#include <string.h>

#define USCC_LENGTH 18

/* Longest first where one ends another. */
static const char *const suffixes[] = {
  "股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "集团",
  "总厂", "分厂", "厂", "学校", "小学", "中学", "大学", "学院", "幼儿园",
  "医院", "卫生院", "项目部", "项目", "支行", "分行", "银行", "物业",
  "酒店", "宾馆", "超市", "商场", "饭店", "合作社", "工程队", "煤矿",
  "加油站", "养老院", "敬老院", "经营部", "营业部", "门店", "商行",
  "门诊部", "诊所", "服务中心", "服务部", "培训中心", "中心", "工作室",
  "事务所", "介绍所", "便利店", "专卖店", "旗舰店", "分店", "驾校", "旅行社",
  "会所",
  /* Shops and restaurants by their trade. */
  "用品店", "母婴店", "快餐店", "火锅店", "烧烤店", "水果店", "服装店",
  "家具店", "五金店", "汽修店", "维修店", "洗车店", "理发店", "药店",
  "药房", "餐厅", "酒楼", "茶楼", "面馆", "羊肉馆", "饭馆", "餐馆", "菜馆",
  "酒馆", "茶馆", "照相馆", "美容院", "健身房", "网吧", "训练馆", "健身馆",
  "瑜伽馆", "游泳馆", "球馆",
  "奶茶店", "茶饮店", "咖啡店", "面包店", "蛋糕店", "烘焙店", "小吃店",
  "早餐店", "花店", "书店", "鞋店", "眼镜店", "手机店", "美发店", "美甲店",
  "足浴店", "按摩店", "干洗店", "女装店", "男装店", "童装店", "服饰店",
  "饰品店", "精品店", "化妆品店", "网咖", "台球厅", "棋牌室",
  /* Couriers and delivery platforms, named by their trade (飞驰同城配送). */
  "配送站", "快递站", "服务站", "驿站", "配送", "快递", "速递", "仓储",
  /* Farms and studios by what they are (绿野菌菇种植基地, 婚纱影楼,
   * 丰牧生态养殖场, 檀木国有林场, 云顶温泉度假村, 竹香农家乐). */
  "基地", "影楼", "养殖场", "林场", "农场", "度假村", "山庄", "农家乐", NULL,
};

/* How far after 替我弟弟 the 写 of a scribe may stand (替我弟弟鲁小东写). */
#define SCRIBE_NAME 4

/* How many characters a workshop's name may have before 车间. */
#define WORKSHOP_NAME 4

/* Words that end a name on its left: 在青河市宏盛电子有限公司 starts at 青. */
static const char *const left_stops[] = {
  "受雇于", "就职于", "任职于", "供职于", "工作于", "位于", "属于", "对于",
  "关于", "受雇", "就职", "任职", "供职", "工作", "上班", "打工", "务工",
  "反映", "投诉", "举报", "起诉", "状告", "承建", "承包", "分包", "签订",
  "签了", "派遣", "派驻", "拖欠", "下属", "旗下", "所属", "请求", "要求",
  "帮助", "督促", "联系", "入职", "应聘", "报考", "招聘", "聘用", "录用", "前往",
  "来到", "进入", "加入", "离开", "调到", "调入", "一家", "这家", "那家",
  "该家", "我们", "他们", "你们", "大家", "原来", "曾在", "就是", "都是",
  "但是", "可是", "因为", "由于", "以及", "还有", "其中", "包括", "给了",
  "参加", "通过", "经过", "离开", "今年", "去年", "明年", "前年", "当时",
  "现在", "目前", "后来", "以前", "之前", "以后", "最近", "部分", "告诉",
  "开发商", "承包商", "总包", "分包商", "包工头", "老板", "甲方", "业主",
  "雇主", "东家", "裁定", "判决", "判令", "责令", "认定",
  /* Time words and verbs before a bare 公司 or 厂 that is no name:
   * 春节后公司叫我, 12月来公司, 不要提前通知厂里, 帮我们向宏达公司. */
  "节后", "年后", "节前", "年前", "之后", "然后", "随后", "月初", "月底", "月份",
  "月中", "月来",
  "年初", "年底", "通知", "爸和", "妈和", "我和", "们向", "我向", "请向", "忙向",
  "要向", "催",
  "收", "可", "一下", "旁边", "隔壁", "附近", "转入", "并入", "划归",
  "全部", "面试", "实习", "搬", "现", "看", "查", "违反", "违背", "按照",
  "成立", "改制成", "改成", "换成", "已经", "己经", "开庭前", "开庭后",
  "开庭时", "仲裁前", "仲裁后",
  "下班后", "上班前", "希望", "知道", "认为", "觉得", "听说", "以为", "所以",
  "担心", "担忧", "害怕", "生怕", "就怕", "而且", "并且", "况且",
  /* 占全厂工会会员一半, 上面有银行抵押 */
  "占", "上面有", "里面有", "下面有",
  "管一管", "管管", "一个", "要上", "去上", "在读", "就读", "直接向", "以向",
  "如果", "假如", "要是", "讲", "讲的是", "说的是", "起任", "担任",
  /* 又住了一周医院: a stay, not a name */
  "一周", "两周", "三周", "几周", "一天", "两天", "三天", "几天", "个月",
  "根据", "依照", "代表", "本镇", "本村", "本乡", "本市", "本县", "本区",
  "本地", "当地",
  /* 可是保证金公司不退: the money, not a name; 要洁城公司欠的工资;
   * 交车的时候公司的人验过; 谁往上面告状厂里都知道; 派到哪家公司;
   * 7月起公司又要求 */
  "保证金", "押金", "工资", "工钱", "提成", "奖金", "补偿金", "津贴", "补贴",
  "加班费", "要", "时候", "告状", "谁", "哪", "月起",
  "在", "是", "我", "于", "到", "去", "被", "把", "给", "跟", "对", "由",
  "从", "了", "该", "这", "那", "与", "及", "找", "的", "为", "归", "过",
  "每", "各", "等", "或", "让", "叫", "欠", "说", "称", "将", "并", "又",
  "也", "就", "还", "而", "个", "请", "帮", "替", "您", "跑", "送", "做",
  "干", "进", "着", "系", "问", "年", "但", "不", "没", "算", NULL,
};

/* Industry words that say what an organisation does, not which one it is:
 * 建筑公司 names nobody, 宏盛电子公司 does. */
const char *const xf_classify_generic_words[] = {
  "建筑", "工程", "建设", "劳务", "派遣", "挂靠", "物流", "物业", "服务", "保安",
  "职业", "电力", "设备", "台资", "外资", "港资", "合资", "私营", "民营", "国营",
  "保洁", "装修", "装饰", "外卖", "快递", "家政", "培训", "施工", "运输",
  "电子", "服装", "食品", "房地产", "开发", "科技", "网络", "贸易", "实业",
  "投资", "管理", "咨询", "机械", "制造", "加工", "纺织", "化工", "餐饮",
  "酒店", "商贸", "技术", "信息", "文化", "传媒", "广告", "人力", "资源",
  "汽车", "汽修", "电器", "模具", "塑胶", "塑料", "五金", "包装", "印刷",
  "医药", "生物", "能源", "环保", "农业", "矿业", "钢铁", "水泥", "混凝土",
  "石材", "陶瓷", "家具", "鞋业", "家纺", "建材", "检测", "电商", "保险",
  "总", "分", "子", "母", "某", "私营", "私人", "民营", "国营", "国有",
  "这家", "那家", "一家", "小", "大", "新", "老", "原", "本", "该", "此", "一",
  "这", "那",
  "上述", "涉事", "用人", "用工", "黑心", "代理", "外包", "第三方",
  "中介", "私立", "公立", "民办", "软件", "互联网", "电商", "游戏", "教育",
  "MCN", "mcn",
  "医疗", "健康", "设计", "安装", "维修", "清洁", "绿化", "环卫", "园林",
  "市政", "交通", "客运", "货运", "出租", "旅游", "单位", "这家", "那家",
  "一家", "里", NULL,
};

/* Not employers: the union and the offices letters are written to or
 * mention on the way. */
static const char *const offices[] = {
  "工会", "监察", "人社", "人力资源和社会保障", "社会保障", "政府", "信访",
  "仲裁", "法院", "检察", "公安", "派出所", "街道", "居委会", "村委会",
  "社保", "税务", "市场监督", "住建", "劳动局", "司法", "律师",
  "公积金", "体检", "政务", "医保", "疾控", "调解", "救助", "职业病",
  "急救", "职介", "人才中心", "人才交流", "档案馆",
  /* a job agency's counter: 在…人力资源服务部交了钱 */
  "人力资源服务部", NULL,
};

/* What says the writer works there or complains about it. */
static const char *const context_before[] = {
  "在", "我们是", "我是", "是", "系", "反映", "投诉", "举报", "受雇于", "就职于",
  "任职于", "供职于", "入职", "进入", "与", "和", "起诉", "状告", "原", "进",
  NULL,
};
static const char *const context_after[] = {
  "工作", "上班", "打工", "务工", "干活", "任职", "就职", "的员工",
  "的职工", "的工人", "的司机", "的保安", "的护士", "的老师", "职工",
  "员工", "工人", "拖欠", "欠", "克扣", "签订", "承建", "的职工", "实习",
  /* 是恒洁物业请的我: who hired the writer, where he worked in a hospital */
  "请的我", "请我", "招的我", "雇的我", "雇我",
  NULL,
};

/* After a name, what says it only sent the writer to work elsewhere (由
 *众信人力资源有限公司派遣到…) or contracted the whole site (…总承包的工地):
 * the firm the writer works for is another the letter names. */
static const char *const not_the_workplace_after[] = {
  "派遣到", "派遣至", "派遣我", "派我到", "派到", "总承包", "总包的",
  NULL,
};

/* A school a student attends, not works at. */
static const char *const studied_after[] = {
  "读书", "上学", "就读", "念书", "读高", "读中专", "读大", "学习", NULL,
};

/* An employer that closed before what the letter is about (…停产后). */
static const char *const closed_after[] = {
  "停产后", "停工后", "倒闭后", "关门后", "破产后", "关闭后", "停业后",
  "不开了以后", "解散后", NULL,
};

/* What says the office has dealt with a matter (经贵会协调已有处理): the
 * letter's is another. */
static const char *const settled_after[] = {
  "已有处理", "已经处理", "已处理", "已经解决", "已解决", "已得到解决",
  "已有登记", "已经登记", "已登记", NULL,
};

/* After a name, what says the writer works there (在…合作社基地打零工). */
static const char *const works_there_after[] = {
  "打零工", "打工", "上班", "工作", "干活", "帮工", "担任", "做", "当", NULL,
};

/* Before a name, what says the writer worked there once (原在青竹工艺品厂做工). */
static const char *const former_before[] = {
  "原在", "原来在", "以前在", "之前在", "曾在", "早先在", NULL,
};

const char *const xf_classify_renamed_words[] = {
  "改制为", "改制成立", "改制成", "改制后的", "接手的", "更名为", "改名为",
  "转制为", "现在叫", "现叫", "现名", "改名叫", "更名叫", "换了牌子",
  "换了名字", "改了名", "改成了", "改制后归", "并入了", "牌子换成",
  "牌子已经换成", "牌子己经换成", "出售给", "卖给了", "转让给", NULL,
};

/* Said right before a name only, a change of name (后来改成…公司了); said
 * anywhere, 改成 changes anything (改成按斤算). */
static const char *const renamed_just_before[] = {
  "改成", "并入", "移交给", "划归", "划转给", NULL,
};

/* A bank's branch merged into another (平桥支行并入中心支行) is no
 * successor works. */
static const char *const branch_ends[] = { "支行", "分行", "网点", NULL };

/* Before a change of name or owner, what says it has not come yet. */
static const char *const not_yet[] = {
  "将被", "将要", "将", "要被", "准备", "打算", "计划", "即将", NULL,
};

/* After a name, what says it took the old works over (由华湘动力承接全部资产). */
static const char *const took_over_after[] = {
  "承接", "接收", "接管", "兼并", "收购", "整体收购", "吸收合并", "合并了", NULL,
};

const char *const xf_classify_scribe_words[] = {
  "替我妈", "替我爸", "替我母亲", "替我父亲", "替母亲", "替父亲", "替我老伴",
  "替我丈夫", "替我爱人", "替我儿子", "替我女儿", "代我妈", "代我爸",
  "代我父亲", "代我母亲", "代笔", "帮我妈写", "帮我爸写", "帮我父亲写",
  "帮我母亲写", "替他写", "替她写", "帮他写", "帮她写", "代他写", "代她写",
  "代父亲", "代母亲", "代丈夫", "代妻子", "代爱人", NULL,
};

const char *const xf_classify_kin_words[] = {
  "妈妈", "母亲", "父亲", "爸爸", "妻子", "爱人", "丈夫", "老公", "媳妇",
  "老伴", "儿子", "女儿", "儿媳", "女婿", "孙女", "孙子", "外孙", "姐姐",
  "哥哥", "妹妹", "弟弟", "公公", "婆婆", "家属", "亲属", NULL,
};

/* Labels that name the employer outright: 单位：兰州金城燃气设备有限公司. */
static const char *const labels[] = {
  "用人单位", "工作单位", "单位名称", "企业名称", "公司名称", "单位", "公司",
  "企业", "被投诉单位", "被反映单位", NULL,
};

/* A hospital where the writer was treated is not the employer. */
static const char *const treated_after[] = {
  "住院", "治疗", "就医", "看病", "就诊", "检查", "诊断", "鉴定", "做手术",
  "抢救", "体检", "查血", "抽血", "拍片", "确诊", "看了", "开了药", "住着",
  "住了", "躺了", NULL,
};

/* Suffixes that end one organisation, so the name before another cannot
 * reach back over them: 祥和物业服务有限公司曲江项目. */
static const char *const closing_suffixes[] = {
  "公司", "集团", "厂", "医院", "学校", "项目部", NULL,
};

/* Industries whose works are a 厂; OCR reads 厂 as 广 (纺织广), and only
 * after one of these is 广 taken for 厂. */
static const char *const works_words[] = {
  "纺织", "铸造", "机械", "加工", "化工", "造纸", "水泥", "钢铁", "食品",
  "制品", "服装", "电器", "机床", "家具", "印刷", "木材", "陶瓷", "玻璃",
  "塑料", "橡胶", "制药", "锅炉", "配件", "材料", "设备", "仪器", "电子",
  "模具", "五金", "针织", "啤酒", "饲料", "化肥", "农机", "电机", "轧钢",
  "钢管", "棉纺", "毛纺", "汽配", "鞋业", "标准件", "紧固件", "零件", "轴承",
  "电缆", "线缆", "电线", "化纤", "建材", "纸箱", "塑胶", "冶炼", "酒", "砖",
  "纸", "鞋", "油", NULL,
};

/* Role words after 我们是宏运物流的…: a name with no suffix. */
static const char *const roles[] = {
  "司机", "职工", "员工", "工人", "保安", "护士", "老师", "教师", "快递员",
  "外卖员", "骑手", "业务员", "销售", "保洁", "厨师", "服务员", "店员",
  "营业员", "收银员", "会计", "文员", "技术员", "合同工", "临时工",
  "农民工", "装卸工", "搬运工", "操作工", "一名", "一线",
  /* Jobs in shops, kitchens and trades. */
  "兼职", "学徒", "实习生", "切配工", "配菜工", "洗碗工", "帮厨", "美发师",
  "发型师", "理发师", "美甲师", "美容师", "按摩师", "技师", "导购", "促销员",
  "理货员",
  "分拣员", "分拣工", "配送员", "送餐员", "钟点工", "小时工", "前台", "店长",
  "领班", "客服", "普工", "电工", "焊工", "木工", "瓦工", "钢筋工", "油漆工",
  "安装工", "维修工", "质检员", "仓管员", "库管员", NULL,
};

#define MAX_NAME 30
#define MAX_QUOTED 8    /* characters of a trade name in quotes */
#define MAX_BRANCH_SHOP 12  /* 味之源餐饮南京西路店, named with no suffix */
/* A letter names a handful of organisations; past this many the rest is a
 * list or a table, and comparing every pair would cost for nothing. */
#define MAX_CANDIDATES 64
/* A line shorter than this is a heading, not one a name was wrapped from. */
#define MIN_WRAPPED_LINE 10
#define MIN_SPECIFIC 2   /* characters left when the industry words go */

#define CERTAINTY_BASE 0.6
#define CERTAINTY_BARE 0.5        /* 宏运物流 with no suffix */
#define PROJECT_PENALTY 0.1       /* a project belongs to an employer */
#define LABEL_BONUS 0.3
#define TREATED_PENALTY 0.2
#define KIND_BONUS 0.03           /* per bare 公司 when the name is a 公司 */
#define MAX_KIND_BONUS 0.15
#define CONTEXT_BONUS 0.15
#define REPEAT_BONUS 0.05
#define MAX_REPEAT_BONUS 0.15
/* The company a works was restructured into is the one that now answers
 * for it: more than any context the old name has. */
#define SUCCESSOR_BONUS (2 * CONTEXT_BONUS + KIND_BONUS + MAX_REPEAT_BONUS)
#define USCC_BONUS 0.1
#define USCC_NEAR 80
#define CLOSED_WINDOW 14          /* 原在…做工，该厂倒闭后 */
#define MOVED_ON_WINDOW 40        /* 在丰牧养殖场…。…离开养殖场后 */
#define MAX_LEFT_NAME 6           /* 离开 (养殖场) 后 */
#define WORKS_THERE_WINDOW 8      /* 合作社 (的蘑菇大棚) 做 */
#define MAX_PLACE_BEFORE_TRADE 3  /* 重庆长晟…有限公司 and 长晟公司 */

typedef struct {
  gsize start;
  gsize end;
  double score;
  gboolean works;      /* ends in an OCR 广 read as 厂 */
  gboolean closed;     /* named as closed before the matter (…关门后) */
} Candidate;

/* Digits are not name characters: 1998年进南昌洪城纺织有限公司 starts at
 * 南; names write their numbers in Chinese (第二纺织机械厂). */
static gboolean
is_name_char (gunichar c)
{
  return xf_classify_is_han (c) || (c < 0x80 && g_ascii_isalpha ((char) c))
         || c == '(' || c == ')' || c == 0x00B7;
}

/* How many characters of the body start..end are left when its industry
 * words and leading city parts are set aside. */
static gsize
specific_length (const XfText *text, gsize start, gsize end)
{
  gsize n = 0;

  for (gsize i = start; i < end;)
    {
      gsize m = xf_classify_text_match_any (text, i, xf_classify_generic_words);

      /* One character (大, 新, 老) is a qualifier before an industry word
       * (大建筑公司), and part of the name before anything else (大成). */
      if (m > 0 && i + m <= end
          && (m > 1 || i + 1 == end
              || xf_classify_text_match_any (text, i + 1, xf_classify_generic_words) > 0))
        {
          i += m;
          continue;
        }
      n++;
      i++;
    }
  return n;
}

/* Walks left from @suffix_start over the name, stopping at punctuation or
 * at a word that belongs to the sentence.  Returns the name's start. */
/* Words of names that hold a stop character: 进出口, 配送, 系统, 顾问. */
static const char *const name_words[] = {
  "进出口", "配送", "系统", "顾问", "计算机", "干洗", "那曲", "百年", "千年",
  "万年", "为民", "到家", "跑道", "开发", "开元", "现代", "丰收", "秋收",
  "可口", "可乐", "可信", "搬家", "催收", "发现", "表现", "不锈钢", "个旧", "永年", "前进",
  "先进", "并州",
  NULL,
};

/* Whether the character at @at belongs to one of name_words. */
static gboolean
inside_name_word (const XfText *text, gsize at)
{
  for (gsize i = 0; name_words[i] != NULL; i++)
    {
      glong n = g_utf8_strlen (name_words[i], -1);

      for (glong o = 0; o < n && (gsize) o <= at; o++)
        if (xf_classify_text_match (text, at - o, name_words[i]) > 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
has_close (const XfText *text, gsize start, gsize end)
{
  for (gsize i = start; i < end; i++)
    if (text->chars[i] == ')')
      return TRUE;
  return FALSE;
}

/* The length of the line that ends at @end (a newline). */
static gsize
line_length_before (const XfText *text, gsize end)
{
  gsize start = end;

  while (start > 0 && text->chars[start - 1] != '\n')
    start--;
  return end - start;
}

/* Whether the line that ends at @end (a newline) is a heading (关于…的建议,
 * 联名信): never the first half of a wrapped name. */
static gboolean
is_heading_line (const XfText *text, gsize end)
{
  static const char *const endings[] = {
    "的信", "联名信", "建议", "意见", "申请", "反映", "报告", "求助", "投诉",
    "举报", "申诉", "诉求", "情况", NULL,
  };
  gsize start = end - line_length_before (text, end);

  while (start < end && g_unichar_isspace (text->chars[start]))
    start++;
  return xf_classify_text_match (text, start, "关于") > 0
         || xf_classify_text_match_any_before (text, end, endings) > 0;
}

static gsize
left_edge (const XfText *text, gsize suffix_start)
{
  gsize j = suffix_start;
  gsize floor = suffix_start > MAX_NAME ? suffix_start - MAX_NAME : 0;

  while (j > floor)
    {
      /* A hard-wrapped letter breaks a name over two lines; a heading
       * (举报信) is too short a line to have been wrapped. */
      if (text->chars[j - 1] == '\n' && j >= 2 && j < suffix_start
          && xf_classify_is_han (text->chars[j - 2])
          && line_length_before (text, j - 1) >= MIN_WRAPPED_LINE
          && !is_heading_line (text, j - 1))
        {
          j--;
          continue;
        }
      /* 我厂（青河机床厂）: an opening bracket with no closing one inside
       * the name starts it. */
      if (text->chars[j - 1] == '(' && !has_close (text, j, suffix_start))
        break;
      if (!is_name_char (text->chars[j - 1])
          || (xf_classify_text_match_any_before (text, j, left_stops) > 0
              && !inside_name_word (text, j - 1))
          || xf_classify_text_match_any_before (text, j, closing_suffixes) > 0)
        break;
      j--;
    }
  while (j < suffix_start && text->chars[j] == '\n')
    j++;
  return j;
}

/* The name as written, without the line breaks of a wrapped letter, and
 * with an OCR 广 for 厂 put right. */
static char *
quote_name (const XfText *text, gsize start, gsize end, gboolean works)
{
  GString *out = g_string_new (NULL);

  for (gsize i = start; i < end; i++)
    {
      if (text->chars[i] == '\n' || text->chars[i] == '\r')
        continue;
      if (works && i + 1 == end && text->chars[i] == 0x5E7F)   /* 广 */
        g_string_append_unichar (out, 0x5382);                /* 厂 */
      else
        g_string_append_unichar (out, text->raw[i]);
    }
  return g_string_free (out, FALSE);
}

/* OCR's 广 for 厂 after a works industry (纺织广, 加工广), and not the
 * start of a word (广告, 广场) or a place (广州, 广东). */
static gsize
misread_works (const XfText *text, gsize at)
{
  static const char *const after[] = {
    "广告", "广场", "广州", "广东", "广西", "广播", "广大", "广泛", "广元",
    "广安", "广汉", NULL,
  };

  if (text->chars[at] != 0x5E7F
      || xf_classify_text_match_any (text, at, after) > 0
      || xf_classify_text_match_any_before (text, at, works_words) == 0)
    return 0;
  return 1;
}

static gboolean
is_office (const XfText *text, gsize start, gsize end)
{
  for (gsize i = 0; offices[i] != NULL; i++)
    if (xf_classify_text_contains (text, start, end, offices[i]))
      return TRUE;
  return FALSE;
}

/* After a 集团 the name may go on: 宏盛集团有限公司; after a bank, its
 * branch: 中国建设银行青河支行. */
static gsize
extend_right (const XfText *text, gsize end)
{
  static const char *const after_group[] = {
    "股份有限公司", "有限责任公司", "有限公司", "公司", NULL,
  };
  gsize n;

  /* 宏盛集团有限公司, and 中国移动通信集团青河有限公司, whose place between
   * is part of the registered name. */
  if (xf_classify_text_match_before (text, end, "集团") > 0)
    for (gsize k = end; k <= end + 6 && k < text->length
                        && is_name_char (text->chars[k]); k++)
      {
        if ((n = xf_classify_text_match_any (text, k, after_group)) > 0)
          {
            end = k + n;
            break;
          }
        if (xf_classify_text_match_any (text, k, left_stops) > 0
            || xf_classify_text_match_any (text, k, suffixes) > 0)
          break;
      }
  /* A company's branch, project or shop is part of the employer:
   * 齐鲁速递有限公司历城分拨中心, 川味坊餐饮管理有限公司春熙路店,
   * 贝贝佳母婴用品店滨澜店, 飞驰同城配送东麓湖滨路站. */
  {
    static const char *const company_units[] = {
      "分公司", "子公司", "项目部", "项目经理部", "分店", "门店",
      "营业部", "分拨中心", "配送中心", "分部", "办事处", "工区", "店",
      NULL,
    };
    static const char *const shop_units[] = { "分店", "门店", "店", NULL };
    static const char *const restaurants[] = { "会所", "酒楼", "餐厅", "饭店",
                                               "茶楼", "饭馆", "餐馆", NULL };
    static const char *const couriers[] = { "配送", "快递", "速递", NULL };
    static const char *const station_units[] = { "站点", "网点", "分部",
                                                 "站", NULL };
    const char *const *units = NULL;

    if (xf_classify_text_match_before (text, end, "公司") > 0)
      units = company_units;
    else if ((end > 0 && text->chars[end - 1] == 0x5E97)   /* 店 */
             || xf_classify_text_match_any_before (text, end, restaurants) > 0
             || xf_classify_text_match_before (text, end, "超市") > 0
             || xf_classify_text_match_before (text, end, "商场") > 0)
      units = shop_units;
    else if (xf_classify_text_match_any_before (text, end, couriers) > 0)
      units = station_units;
    /* A unit may carry a code: 毕威高速TJ-3标项目部. */
    for (gsize k = end; units != NULL && k < end + 12 && k < text->length
                        && (is_name_char (text->chars[k])
                            || (k > end && (xf_classify_is_digit (text->chars[k])
                                            || text->chars[k] == '-'))); k++)
      {
        if (k > end && (n = xf_classify_text_match_any (text, k, units)) > 0)
          return k + n;
        if (xf_classify_text_match_any (text, k, left_stops) > 0
            && !inside_name_word (text, k))
          break;
      }
  }
  if (xf_classify_text_match_before (text, end, "银行") > 0)
    for (gsize k = end; k < end + 10 && k < text->length
                        && xf_classify_is_han (text->chars[k]); k++)
      {
        n = xf_classify_text_match (text, k, "支行");
        if (n == 0)
          n = xf_classify_text_match (text, k, "分行");
        if (n > 0)
          return k + n;
      }
  return end;
}

/* A letter written for a relative (替我妈写, 代笔); not one that tells
 * of what was written for someone before (村委会帮她写过材料). */
gboolean
xf_classify_writes_for_another (const XfText *text)
{
  /* 替我弟弟鲁小东写这封信: for whom, his name, then 写. */
  static const char *const for_my[] = { "替我", "代我", "帮我", NULL };

  for (gsize i = 0; i < text->length; i++)
    {
      gsize n = xf_classify_text_match_any (text, i, xf_classify_scribe_words);
      gsize m;

      if (n > 0 && !(i + n < text->length && text->chars[i + n] == 0x8FC7))  /* 过 */
        return TRUE;
      n = xf_classify_text_match_any (text, i, for_my);
      m = n > 0 ? xf_classify_text_match_any (text, i + n, xf_classify_kin_words) : 0;
      if (m == 0)
        continue;
      for (gsize k = i + n + m; k < text->length && k <= i + n + m + SCRIBE_NAME
                                && !xf_classify_is_separator (text->chars[k]); k++)
        if (text->chars[k] == 0x5199 /* 写 */)
          return !(k + 1 < text->length && text->chars[k + 1] == 0x8FC7);
    }
  return FALSE;
}

/* Whether the name at @start follows 我在 (a few characters back), or 在
 * right after the writer's own introduction (我是邵德厚的女儿邵丽华，在…
 * 工作): where the one writing works. */
static gboolean
writer_works_there (const XfText *text, gsize start)
{
  static const char *const introductions[] = { "我是", "我叫", "本人", NULL };

  for (gsize back = 0; back < 4 && back <= start; back++)
    {
      gsize at = start - back;

      if (xf_classify_text_match_before (text, at, "我在") > 0)
        return TRUE;
      if (xf_classify_text_match_before (text, at, "在") > 0 && at >= 2
          && xf_classify_text_is_clause_end (text->chars[at - 2]))
        {
          /* The clause before: does it introduce the writer? */
          gsize k = at - 2;

          while (k > 0 && !xf_classify_is_separator (text->chars[k - 1]))
            k--;
          return xf_classify_text_match_any (text, k, introductions) > 0;
        }
    }
  return FALSE;
}

/* Whether one of @words ends at most three characters before @start (在
 * 青河市…上班, 改制为青河…). */
static gboolean
said_just_before (const XfText *text, gsize start, const char *const *words)
{
  for (gsize back = 0; back < 4 && back <= start; back++)
    if (xf_classify_text_match_any_before (text, start - back, words) > 0)
      return TRUE;
  return FALSE;
}

/* A works the writer left, said to have closed a few words on in the same
 * sentence: 原在青竹工艺品厂做工，该厂倒闭后，…被绿能光伏运维服务有限公司
 * 招去. */
static gboolean
closed_later (const XfText *text, const Candidate *c)
{
  if (!said_just_before (text, c->start, former_before))
    return FALSE;
  for (gsize k = c->end; k < text->length && k < c->end + CLOSED_WINDOW
                        && !xf_classify_text_is_sentence_end (text->chars[k]); k++)
    if (xf_classify_text_match_any (text, k, closed_after) > 0)
      return TRUE;
  return FALSE;
}

/* Said between a works that closed or was left and a later name, what
 * makes the later one no workplace the writer moved on to: someone else
 * who went there, or what the first one owes. */
static const char *const others_who_move[] = {
  "老板", "老总", "厂长", "经理", "负责人", NULL,
};
static const char *const owed_words[] = {
  "欠", "拖", "不给", "没给", "未给", "不发", "没发", "未发", "不付", "没付",
  "未付", "扣", "补偿", NULL,
};
#define OWES_WINDOW 12  /* 宏达 (一直不给我经济补偿金) */

/* Whether one of @words stands in @text between @start and @end. */
static gboolean
says_between (const XfText *text, gsize start, gsize end,
              const char *const *words)
{
  for (gsize k = start; k < end; k++)
    if (xf_classify_text_match_any (text, k, words) > 0)
      return TRUE;
  return FALSE;
}

/* What says a clause tells of an earlier matter (此前被竹编厂欠薪的事). */
static const char *const earlier_matter_before[] = {
  "此前", "之前", "以前", "先前", "原来", NULL,
};

/* Whether the letter, after naming @later, says @c still owes the writer
 * (…我现在在顺丰速运做快递员，宏达一直不给我经济补偿金): the first
 * employer is then the letter's, not an earlier matter (此前被竹编厂欠
 * 薪的事). */
static gboolean
still_owes_later (const XfText *text, const Candidate *c, const Candidate *later)
{
  if (c->end < c->start + 2)
    return FALSE;
  /* Named again by its first two characters (宏达物流有限公司, 宏达). */
  for (gsize k = later->end; k + 2 <= text->length; k++)
    if (text->chars[k] == text->chars[c->start]
        && text->chars[k + 1] == text->chars[c->start + 1]
        && xf_classify_text_after_in_clause (text, k + 2, OWES_WINDOW,
                                             owed_words)
        && !xf_classify_text_before_in_clause (text, k, OWES_WINDOW,
                                               earlier_matter_before))
      return TRUE;
  return FALSE;
}

/* The later workplace the letter moves on to from @c, or NULL: a few
 * words on, within the next sentence, the works closed or the writer left
 * it (砖厂停工后, 离开养殖场后) and after that another name where the writer
 * works (于去年11月到本镇绿野菌业专业合作社的蘑菇大棚做采摘工); or the
 * office has dealt with it (经贵会协调已有处理) and another name follows.
 * A committee's fax about a villager's second matter tells the first one
 * first. */
static const Candidate *
moved_on_to (const XfText *text, const Candidate *c, const GArray *candidates)
{
  gsize mark = 0;
  guint sentences = 0;
  gboolean settled = FALSE;

  for (gsize k = c->end; k < text->length && k < c->end + MOVED_ON_WINDOW
                        && mark == 0; k++)
    {
      /* 。 and the paragraph's line breaks end one sentence. */
      if (xf_classify_text_is_sentence_end (text->chars[k])
          && !xf_classify_text_is_sentence_end (text->chars[k - 1])
          && ++sentences > 1)
        break;
      if (xf_classify_text_match_any (text, k, closed_after) > 0)
        mark = k;
      else if (xf_classify_text_match_any (text, k, settled_after) > 0)
        mark = k, settled = TRUE;
      else if (xf_classify_text_match (text, k, "离开") > 0)
        for (gsize j = k + 2; j < text->length && j <= k + 2 + MAX_LEFT_NAME
                              && xf_classify_is_han (text->chars[j]); j++)
          if (text->chars[j] == 0x540E)   /* 后 */
            {
              mark = j;
              break;
            }
    }
  if (mark == 0)
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *d = &g_array_index (candidates, Candidate, i);
      if (d->start > mark && d->start < mark + MOVED_ON_WINDOW
          /* Not where the boss went, nor a firm named after the letter
           * has said what the first one owes (离开宏达后，公司一直不给补偿
           * 金，我现在在顺丰速运做快递员). */
          && !says_between (text, mark, d->start, others_who_move)
          && !says_between (text, mark, d->start, owed_words)
          && (settled
              || xf_classify_text_after_in_clause (text, d->end,
                                                   WORKS_THERE_WINDOW,
                                                   works_there_after)))
        return d;
    }
  return NULL;
}

static double
context_score (const XfText *text, gsize start, gsize end)
{
  double score = 0;
  gsize k = start;

  /* 在…上班 and the like: the word before may be a few characters back
   * (我们在青河市…), the one after right after the name. */
  if (said_just_before (text, k, context_before))
    score += CONTEXT_BONUS;
  if (xf_classify_text_match_any (text, end, context_after) > 0)
    score += CONTEXT_BONUS;
  /* 原漪川第二化肥厂合成车间职工: a workshop, then the word. */
  else
    for (gsize w = end; w < text->length && w <= end + WORKSHOP_NAME; w++)
      {
        if (!xf_classify_is_han (text->chars[w]))
          break;
        if (xf_classify_text_match (text, w, "车间") > 0)
          {
            if (xf_classify_text_match_any (text, w + 2, context_after) > 0)
              score += CONTEXT_BONUS;
            break;
          }
      }
  for (gsize back = 1; back <= 2 && back <= k; back++)
    if ((text->chars[k - back] == ':' || text->chars[k - back] == 0xFF1A)
        && xf_classify_text_match_any_before (text, k - back, labels) > 0)
      score += LABEL_BONUS;
  return score;
}

/* The kinds of organisation a letter names bare (公司说…, 厂里…): the
 * employer is what the letter keeps coming back to. */
static const char *const kinds[] = { "公司", "厂", "医院", "学校", "项目", NULL };

/* Counts each kind's mentions once per letter, not once per candidate. */
static void
count_kinds (const XfText *text, guint *counts)
{
  for (gsize k = 0; kinds[k] != NULL; k++)
    counts[k] = 0;
  for (gsize i = 0; i < text->length; i++)
    for (gsize k = 0; kinds[k] != NULL; k++)
      if (xf_classify_text_match (text, i, kinds[k]) > 0)
        counts[k]++;
}

/* How many more times the letter names the kind that ends the candidate. */
static guint
kind_mentions (const XfText *text, const guint *counts, gsize suffix_start,
               gsize end)
{
  for (gsize k = 0; kinds[k] != NULL; k++)
    if (xf_classify_text_contains (text, suffix_start, end, kinds[k]))
      return counts[k] > 0 ? counts[k] - 1 : 0;
  return 0;
}

/* A branch named alone (轧管分厂, 第三分公司) belongs to a company the
 * letter may name too. */
static gboolean
is_branch_alone (const XfText *text, gsize suffix_start, gsize n)
{
  static const char *const branches[] = {
    "分公司", "分厂", "分店", "门店", "营业部", NULL,
  };

  return xf_classify_text_match_any (text, suffix_start, branches) == n;
}

static void
find_suffixed (const XfText *text, GArray *candidates)
{
  guint counts[G_N_ELEMENTS (kinds)];
  gsize i = 0;

  count_kinds (text, counts);
  while (i < text->length)
    {
      gsize n = xf_classify_text_match_any (text, i, suffixes);
      gboolean works = FALSE;
      gsize start;
      gsize end;
      Candidate c;

      if (n == 0)
        {
          n = misread_works (text, i);
          works = n > 0;
        }
      if (n == 0)
        {
          i++;
          continue;
        }
      /* 厂里, 厂房, 厂长 after an area or a word of the sentence: the works
       * as a place or a title (工业区厂里), where 宏达服装厂里 is a name. */
      if (n == 1 && (text->chars[i] == 0x5382 || works)
          && i > 0 && i + 1 < text->length
          && g_utf8_strchr ("里房长门内", -1, text->chars[i + 1]) != NULL
          && (g_utf8_strchr ("区园来去到回进", -1, text->chars[i - 1]) != NULL
              || xf_classify_text_match_any_before (text, i, left_stops) > 0))
        {
          i++;
          continue;
        }
      /* 复印件和公司的通知: 和 or 跟 before a bare 公司 or 厂 joins two
       * nouns; it ends no name.  Nor does 后 (送医后公司要求, 改制后厂里):
       * after something, the firm did. */
      if ((xf_classify_text_match (text, i, "公司") == n
           || (n == 1 && text->chars[i] == 0x5382 /* 厂 */))
          && i > 0
          && (text->chars[i - 1] == 0x548C /* 和 */
              || text->chars[i - 1] == 0x8DDF /* 跟 */
              || text->chars[i - 1] == 0x540E /* 后 */))
        {
          i += n;
          continue;
        }
      end = works ? i + n : extend_right (text, i + n);
      start = left_edge (text, i);
      /* 厂里, 厂房, 厂长: the bare 厂 is a place or a title; 某公司 hides
       * the name. */
      if (specific_length (text, start, i) >= MIN_SPECIFIC
          && !is_office (text, start, end)
          && !xf_classify_text_contains (text, start, end, "某"))
        {
          c = (Candidate) { start, end, CERTAINTY_BASE, works };
          /* A project alone (not a company's, 宏盛建工有限公司滨江一号项目部)
           * belongs to an employer the letter may name elsewhere. */
          if (xf_classify_text_contains (text, i, i + n, "项目")
              || is_branch_alone (text, i, n))
            c.score -= PROJECT_PENALTY;
          c.score += MIN (kind_mentions (text, counts, i, end) * KIND_BONUS,
                          MAX_KIND_BONUS);
          if (xf_classify_text_match_any (text, end, treated_after) > 0)
            c.score -= TREATED_PENALTY;
          if (candidates->len < MAX_CANDIDATES)
            g_array_append_val (candidates, c);
        }
      i = end;
    }
}

/* Whether a suffix stands in start..end: then the name had its chance in
 * find_suffixed(), and what is left is a bare 一家建筑公司. */
static gboolean
contains_suffix (const XfText *text, gsize start, gsize end)
{
  for (gsize i = start; i < end; i++)
    if (xf_classify_text_match_any (text, i, suffixes) > 0)
      return TRUE;
  return FALSE;
}

/* A trade name with no suffix (鑫茂化工从去年起, 晋江兴隆鞋业二车间): the
 * industry word ends it, at least two characters of its own before it. */
static void
find_trade (const XfText *text, GArray *candidates)
{
  static const char *const trades[] = {
    "物流仓", "电子", "化工", "鞋业", "纸业", "装饰", "机械", "服装", "食品",
    "物流", "建材", "家具", "纺织", "印刷", "塑胶", "五金", "陶瓷", "制衣",
    "针织", "汽修", "传媒", "科技", "实业", "置业", "建工", "药业", "乳业",
    "酒业", "矿业", "新材", "纺机", "电器", "环保", "家纺", "光电", "精密",
    "光学", "汽配", "供应链", "制药", "模具", "健身", "火锅", "烧烤", "餐饮",
    "云仓", "美容", "美发", "摄影", "影楼", "造型", "服饰", NULL,
  };
  /* What makes the industry word a thing, not a name's end (化工原料). */
  static const char *const things[] = {
    "产品", "原料", "行业", "设备", "材料", "用品", "专业", "类", "厂", "公司",
    "店", "城", "市场", "方面", "工程", "园", "区", "基地", "集中区", "产业",
    "仪器", "元件", "器件", NULL,
  };

  for (gsize i = 0; i < text->length; i++)
    {
      gsize n = xf_classify_text_match_any (text, i, trades);
      gsize start;

      if (n == 0)
        continue;
      /* 吃火锅, 做美容: an activity, not a firm. */
      if (i > 0 && g_utf8_strchr ("吃喝做搞玩去", -1, text->chars[i - 1]) != NULL)
        {
          i += n - 1;
          continue;
        }
      start = left_edge (text, i);
      /* 南渚高新电子产业园晶朗光电: the park (or the street, 步行街) is
       * where it stands. */
      for (gsize k = i; k > start + 1; k--)
        if (text->chars[k - 1] == 0x56ED                       /* 园 */
            || text->chars[k - 1] == 0x8857                    /* 街 */
            || (text->chars[k - 1] == 0x533A && k >= start + 3   /* 区 */
                && g_utf8_strchr ("园发业", -1, text->chars[k - 2]) != NULL))
          {
            start = k;
            break;
          }
      if (xf_classify_text_match_any (text, i + n, things) == 0
          && specific_length (text, start, i) >= MIN_SPECIFIC
          && !is_office (text, start, i + n)
          && !xf_classify_text_contains (text, start, i + n, "某")
          && !contains_suffix (text, start, i + n))
        {
          Candidate c = { start, i + n, CERTAINTY_BARE, FALSE };

          if (candidates->len < MAX_CANDIDATES)
            g_array_append_val (candidates, c);
        }
      i += n - 1;
    }
}

/* 我们是宏运物流的司机, 在宏运物流上班: a name with no suffix, taken only
 * when a role word or a work verb vouches for it. */
static void
find_bare (const XfText *text, GArray *candidates)
{
  /* 去…一品快印做前台, 到…红星砖厂做出窑工: where the writer went to work. */
  static const char *const openers[] = { "我们都是", "我们是", "我是", "在", "去",
                                         "到", NULL };
  static const char *const work[] = { "工作", "上班", "打工", "务工", NULL };
  static const char *const shop_parts[] = { "后厨", "前厅", "厨房", "仓库",
                                            "收银台", NULL };
  static const char *const not_places[] = {
    "工地", "厂里", "公司", "单位", "这里", "那里", "外地", "本地", "家里",
    "车间", "店里", "现场", "岗位", "一线", NULL,
  };

  for (gsize i = 0; i < text->length; i++)
    {
      gsize n = xf_classify_text_match_any (text, i, openers);
      gsize start = i + n;
      gsize k;

      if (n == 0)
        continue;
      /* 去年, 去世, 到现在, 到了: a time or an event, not where to; nor is
       * the 在 of 现在, 实在, 存在, 所在. */
      if ((text->chars[i] == 0x53BB /* 去 */ || text->chars[i] == 0x5230 /* 到 */)
          && start < text->length
          && g_utf8_strchr ("年世现了过底时期处手位达", -1, text->chars[start]) != NULL)
        continue;
      if (text->chars[i] == 0x5728 /* 在 */ && i > 0
          && g_utf8_strchr ("现实存所自好", -1, text->chars[i - 1]) != NULL)
        continue;
      for (k = start; k < text->length && k - start <= 14
                      && xf_classify_is_han (text->chars[k]); k++)
        {
          gboolean role = text->chars[k] == 0x7684   /* 的 */
                          && xf_classify_text_match_any (text, k + 1, roles) > 0;
          /* 在…蔡记烧腊当服务员: 当 or 做 and the job; after a shop or
           * a name that ends in its trade (在谜境剧本杀店做DM, 在悦购电商
           * 做网店客服), 当 or 做 whatever the job. */
          gboolean job = (text->chars[k] == 0x5F53 /* 当 */
                          || text->chars[k] == 0x505A /* 做 */)
                         && (xf_classify_text_match_any (text, k + 1, roles) > 0
                             || (k > start && text->chars[k - 1] == 0x5E97 /* 店 */)
                             || (k > start + 2
                                 && xf_classify_text_match_any_before (
                                        text, k, xf_classify_generic_words) > 1));
          /* 在湘味小厨五一广场店后厨上班: a part of the shop between. */
          gsize part = xf_classify_text_match_any (text, k, shop_parts);
          gboolean verb = job || xf_classify_text_match_any (text, k, work) > 0
                          || (part > 0 && xf_classify_text_match_any (text, k + part, work) > 0);

          if (!role && !verb)
            continue;
          /* 在杏花路的蔡记烧腊: the name follows the place's 的. */
          for (gsize j = k; j > start + 1; j--)
            if (text->chars[j - 1] == 0x7684)
              {
                start = j;
                break;
              }
          /* 在梅溪县化工园金泰化工上班: the place before the name is not
           * part of it; a place has two characters before its 县 or 园 at
           * least (桃园酒业 is a name). */
          for (gsize j = k; j > start + 2; j--)
            if (g_utf8_strchr ("市县区园镇", -1, text->chars[j - 1]) != NULL)
              {
                start = j;
                break;
              }
          /* 在沄棠打工, 在外地务工: a short name before 打工 is a place. */
          if (!role && !job && k - start <= 3
              && (xf_classify_text_match (text, k, "打工") > 0
                  || xf_classify_text_match (text, k, "务工") > 0))
            break;
          /* A shop's branch may be long: 味之源餐饮南京西路店. */
          if (k - start >= 2
              && (k - start <= 8
                  || (k - start <= MAX_BRANCH_SHOP && text->chars[k - 1] == 0x5E97))
              && specific_length (text, start, k) >= MIN_SPECIFIC
              && xf_classify_text_match_any (text, start, not_places) == 0
              /* 栖凤苑三期工地的油漆工: a site is where, not whose. */
              && xf_classify_text_match_any_before (text, k, not_places) == 0
              && !is_office (text, start, k)
              && !xf_classify_text_contains (text, start, k, "的")
              && !xf_classify_text_contains (text, start, k, "里")
              && !contains_suffix (text, start, k)
              && !xf_classify_text_contains (text, start, k, "某")
              && !xf_classify_text_contains (text, start, k, "我")
              /* 在外省工地上打工: where, not whose. */
              && !xf_classify_text_contains (text, start, k, "工地")
              && !xf_classify_text_contains (text, start, k, "市")
              && !xf_classify_text_contains (text, start, k, "县"))
            {
              Candidate c = { start, k, CERTAINTY_BARE, FALSE };

              g_array_append_val (candidates, c);
            }
          break;
        }
    }
}

/* 我们厂叫晶瑞电子, 公司名字叫宏运物流: a name given outright, to the next
 * punctuation. */
static void
find_called (const XfText *text, GArray *candidates)
{
  static const char *const places_of_work[] = { "厂子", "公司", "单位",
                                                 "工厂", "厂", "店", NULL };
  static const char *const told[] = { "员工", "工人", "职工", "工友", "司机",
                                      "师傅", "保安", "所有", "全体", "每个",
                                      NULL };
  static const char *const called[] = { "名字叫", "名称叫", "名叫", "叫做",
                                        "叫", NULL };

  for (gsize i = 0; i < text->length; i++)
    {
      gsize n = xf_classify_text_match_any (text, i, places_of_work);
      gsize m, start, k;

      if (n == 0)
        continue;
      m = xf_classify_text_match_any (text, i + n, called);
      if (m == 0)
        continue;
      start = i + n + m;
      /* 公司叫我们回去, 公司叫员工回家: 叫 as "tell"; 公司叫车送到…,
       * 叫救护车: as "call for". */
      if (start < text->length
          && (g_utf8_strchr ("我你他她大人去来把给让车救", -1, text->chars[start]) != NULL
              || xf_classify_text_match_any (text, start, told) > 0))
        continue;
      for (k = start; k < text->length && k - start <= 12
                      && xf_classify_is_han (text->chars[k]); k++)
        ;
      if (k - start >= 2 && k - start <= 12
          && (k == text->length || !xf_classify_is_han (text->chars[k]))
          && specific_length (text, start, k) >= MIN_SPECIFIC
          && !is_office (text, start, k)
          && !xf_classify_text_contains (text, start, k, "的")
          && !xf_classify_text_contains (text, start, k, "某")
          && !xf_classify_text_contains (text, start, k, "什么")
          && candidates->len < MAX_CANDIDATES)
        {
          Candidate c = { start, k, CERTAINTY_BARE, FALSE };

          g_array_append_val (candidates, c);
        }
      i = k > i ? k - 1 : i;
    }
}

gboolean
xf_classify_check_uscc (const char *code)
{
  static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[USCC_LENGTH - 1] = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
  };
  int sum = 0;
  int check;

  g_return_val_if_fail (code != NULL, FALSE);
  if (strlen (code) != USCC_LENGTH)
    return FALSE;
  for (gsize i = 0; i < USCC_LENGTH; i++)
    {
      const char *at = code[i] != '\0' ? strchr (charset, code[i]) : NULL;

      if (at == NULL)
        return FALSE;
      if (i < USCC_LENGTH - 1)
        sum += (int) (at - charset) * weights[i];
    }
  check = 31 - sum % 31;
  if (check == 31)
    check = 0;
  return code[USCC_LENGTH - 1] == charset[check];
}

/* The character at @i as folded, but without the look-alike reading: the
 * code's charset leaves out I, O, S, V and Z so that no look-alike is
 * ambiguous, and a B or D in it is a letter. */
static gunichar
code_char (const XfText *text, gsize i)
{
  gunichar c = text->raw[i];

  if (!text->swapped[i])
    return text->chars[i];
  return c >= 0xFF21 && c <= 0xFF5A ? c - 0xFEE0 : c;
}

/* The code's character for @c as written: upper case, and the letters
 * GB 32100 leaves out read as the digits they look like (O 0, I 1, S 5,
 * Z 2), which no other character of the code can be; sets @repaired then. */
static char
uscc_char (gunichar c, gboolean *repaired)
{
  char upper = g_ascii_toupper ((char) c);

  switch (upper)
    {
    case 'O': *repaired = TRUE; return '0';
    case 'I': *repaired = TRUE; return '1';
    case 'S': *repaired = TRUE; return '5';
    case 'Z': *repaired = TRUE; return '2';
    default: return upper;
    }
}

/* The first valid code in @text: a run of exactly 18 letters and digits.
 * An all-digit run is taken only beside 代码, since an ID number can pass
 * the mod-31 check too.  Sets @at to its start, and @repaired when a
 * look-alike letter was read as its digit. */
static char *
find_uscc (const XfText *text, gsize *at, gboolean *repaired)
{
  gsize i = 0;

  while (i < text->length)
    {
      gsize start = i;
      gboolean letters = FALSE;
      char code[USCC_LENGTH + 1];

      *repaired = FALSE;
      while (i < text->length && code_char (text, i) < 0x80
             && (xf_classify_is_digit (code_char (text, i))
                 || g_ascii_isalpha ((char) code_char (text, i))))
        {
          letters |= !xf_classify_is_digit (code_char (text, i));
          i++;
        }
      if (i == start)
        {
          i++;
          continue;
        }
      if (i - start != USCC_LENGTH
          || (i < text->length && code_char (text, i) < 0x80
              && g_ascii_isalnum ((char) code_char (text, i))))
        continue;
      for (gsize k = 0; k < USCC_LENGTH; k++)
        code[k] = uscc_char (code_char (text, start + k), repaired);
      code[USCC_LENGTH] = '\0';
      /* Its third to eighth characters are a place's division code: six
       * digits, which a run of pinyin or a mailbox name has not. */
      if (strspn (code + 2, "0123456789") < 6 || !xf_classify_check_uscc (code))
        continue;
      if (!letters && !xf_classify_text_contains (text, start > 12 ? start - 12 : 0,
                                                  start, "代码"))
        continue;
      *at = start;
      return g_strdup (code);
    }
  return NULL;
}

/* 清源物业服务有限公司 holds the suffix 物业 too: of two candidates that
 * start together, the longer is the name. */
static void
drop_prefixes (GArray *candidates)
{
  for (guint i = 0; i < candidates->len;)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      gboolean shorter = FALSE;

      for (guint j = 0; j < candidates->len && !shorter; j++)
        {
          const Candidate *d = &g_array_index (candidates, Candidate, j);

          shorter = j != i && d->start == c->start && d->end > c->end;
        }
      if (shorter)
        g_array_remove_index (candidates, i);
      else
        i++;
    }
}

static gboolean
same_name (const XfText *text, const Candidate *a, const Candidate *b)
{
  return a->end - a->start == b->end - b->start
         && memcmp (text->chars + a->start, text->chars + b->start,
                    (a->end - a->start) * sizeof (gunichar)) == 0;
}

/* Whether @short is the start or the end of @full's name. */
static gboolean
within (const XfText *text, const Candidate *short_, const Candidate *full)
{
  gsize n = short_->end - short_->start;
  gsize m = full->end - full->start;
  gsize bytes = n * sizeof (gunichar);

  return n >= 4 && n < m
         && (memcmp (text->chars + short_->start, text->chars + full->start,
                     bytes) == 0
             || memcmp (text->chars + short_->start,
                        text->chars + full->end - n, bytes) == 0);
}

/* Whether @short_ is @full's trade name with 公司 (绿能公司 for
 * 绿能光伏运维服务有限公司, 长晟公司 for 重庆长晟汽车配件有限公司): the
 * short form a letter uses after the full. */
static gboolean
abbreviates (const XfText *text, const Candidate *short_, const Candidate *full)
{
  gsize n = short_->end - short_->start;
  gsize m = full->end - full->start;

  if (n < 4 || n + 2 >= m
      || xf_classify_text_match_before (text, short_->end, "公司") == 0
      || xf_classify_text_match_before (text, full->end, "公司") == 0)
    return FALSE;
  /* The trade name first, or after the place (重庆长晟汽车配件有限公司). */
  for (gsize at = 0; at <= MAX_PLACE_BEFORE_TRADE && at + n - 2 <= m; at++)
    if (memcmp (text->chars + short_->start, text->chars + full->start + at,
                (n - 2) * sizeof (gunichar)) == 0)
      return TRUE;
  return FALSE;
}

/* OCR's misreadings inside organisation names that no name has: the
 * character before, the one read, the one meant (装各 for 装备). */
static const struct {
  gunichar before;
  gunichar read;
  gunichar meant;
} misreadings[] = {
  { 0x88C5, 0x5404, 0x5907 },   /* 装各 → 装备 */
  { 0x8BBE, 0x5404, 0x5907 },   /* 设各 → 设备 */
};

/* Whether the space at @at splits a suffix (有限公 司).  Only then is it
 * OCR's: chat messages use spaces between clauses (宿舍 公司叫…). */
static gboolean
splits_suffix (const XfText *text, gsize at)
{
  for (gsize i = 0; suffixes[i] != NULL; i++)
    {
      glong n = g_utf8_strlen (suffixes[i], -1);

      for (glong k = 1; k < n; k++)
        {
          const char *tail = g_utf8_offset_to_pointer (suffixes[i], k);
          g_autofree char *head = g_strndup (suffixes[i], tail - suffixes[i]);

          if (xf_classify_text_match_before (text, at, head) > 0
              && xf_classify_text_match (text, at + 1, tail) > 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* Quotation marks, straight and curly. */
static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x300C || c == 0x300D
         || c == 0x300E || c == 0x300F;
}

/* A shop known only by the name in quotes, where the letter says it works
 * there: 滨河路的"名剪造型"当发型助理, 光华路的"指尖艺术美甲"招美甲师.
 * @quoted holds each dropped pair's start and end in @text.  Quotes say
 * many other things (说我"考核不合格"), so both sides must say a shop. */
static void
find_quoted (const XfText *text, const GArray *quoted, GArray *candidates)
{
  static const char *const where_before[] = {
    "路的", "街的", "巷的", "道的", "场的", "城的", "楼的", "镇上的", "村的",
    "一家", "这家", "那家", "家叫", "店叫", "在", NULL,
  };
  static const char *const working_after[] = {
    "当", "做", "上班", "打工", "工作", "干活", "招", "打杂", "学徒", NULL,
  };

  for (guint i = 0; i + 1 < quoted->len; i += 2)
    {
      gsize start = g_array_index (quoted, gsize, i);
      gsize end = g_array_index (quoted, gsize, i + 1);

      if (end - start >= 2 && end <= text->length
          && xf_classify_text_match_any_before (text, start, where_before) > 0
          && xf_classify_text_match_any (text, end, working_after) > 0
          && !is_office (text, start, end)
          && candidates->len < MAX_CANDIDATES)
        {
          Candidate c = { start, end, CERTAINTY_BARE, FALSE, FALSE };

          g_array_append_val (candidates, c);
        }
    }
}

/* A copy of @text for reading names in: OCR's stray single spaces inside a
 * suffix left out (有限公 司), or anywhere between Chinese characters in a
 * letter OCR has damaged; quotes inside a name dropped; the misreadings
 * above put right.  Free with xf_classify_text_free(). */
static XfText *
compact_text (const XfText *text, GArray *quoted)
{
  XfText *compact = g_new0 (XfText, 1);
  g_autofree gboolean *quote = g_new0 (gboolean, text->length + 1);
  gboolean damaged = FALSE;
  gsize n = 0;

  /* A trade name in quotes inside the name ("茶小满"奶茶店): the quotes
   * go, when a name's words follow the closing one. */
  for (gsize i = 0; i < text->length; i++)
    if (is_quote (text->chars[i]))
      {
        gsize k = i + 1;
        while (k < text->length && k <= i + MAX_QUOTED
               && xf_classify_is_han (text->chars[k]))
          k++;
        if (k > i + 1 && k < text->length && k <= i + MAX_QUOTED
            && is_quote (text->chars[k]) && k + 1 < text->length
            && xf_classify_is_han (text->chars[k + 1]))
          {
            quote[i] = quote[k] = TRUE;
            i = k;
          }
      }

  /* A letter OCR has damaged (a look-alike read in a number, a suffix
   * split) has its stray spaces anywhere in a name (佳禾电 子有限公 司). */
  damaged = xf_classify_text_damaged (text);
  for (gsize i = 0; i < text->length && !damaged; i++)
    damaged = text->chars[i] == ' ' && i > 0 && i + 1 < text->length
              && xf_classify_is_han (text->chars[i - 1])
              && xf_classify_is_han (text->chars[i + 1])
              && splits_suffix (text, i);

  compact->chars = g_new (gunichar, text->length + 1);
  compact->raw = g_new (gunichar, text->length + 1);
  compact->swapped = g_new0 (gboolean, text->length + 1);
  for (gsize i = 0; i < text->length; i++)
    {
      if (quote[i])
        {
          /* Where the quoted name sits in the copy, for find_quoted(). */
          if (quoted != NULL)
            g_array_append_val (quoted, n);
          continue;
        }
      if (text->chars[i] == ' ' && i > 0 && i + 1 < text->length
          && xf_classify_is_han (text->chars[i - 1])
          && xf_classify_is_han (text->chars[i + 1])
          && (damaged || splits_suffix (text, i)))
        continue;
      compact->chars[n] = text->chars[i];
      compact->raw[n] = text->raw[i];
      compact->swapped[n] = text->swapped[i];
      compact->damaged = compact->damaged || text->swapped[i];
      for (gsize k = 0; k < G_N_ELEMENTS (misreadings); k++)
        if (n > 0 && compact->chars[n - 1] == misreadings[k].before
            && text->chars[i] == misreadings[k].read)
          compact->chars[n] = compact->raw[n] = misreadings[k].meant;
      n++;
    }
  compact->chars[n] = compact->raw[n] = 0;
  compact->length = n;
  return compact;
}

XfField *
xf_classify_find_employer (const XfText *original, double scale,
                           XfField **uscc)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) quoted = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(XfText) text = NULL;
  g_autofree char *code = NULL;
  gsize code_at = 0;
  gboolean code_repaired = FALSE;
  const Candidate *best = NULL;
  XfField *field;
  gboolean scribe;

  g_return_val_if_fail (uscc != NULL, NULL);
  *uscc = NULL;
  text = compact_text (original, quoted);
  code = find_uscc (text, &code_at, &code_repaired);
  if (code != NULL)
    {
      /* A letter read as its digit lowers it as a swap does in fields.c. */
      *uscc = xf_classify_field_new ("uscc", g_strdup (code),
                                     (code_repaired ? 0.95 * 0.75 : 0.95) * scale);
      (*uscc)->repaired = code_repaired;
    }

  find_suffixed (text, candidates);
  if (candidates->len == 0)
    find_bare (text, candidates);
  if (candidates->len == 0)
    find_called (text, candidates);
  if (candidates->len == 0)
    find_trade (text, candidates);
  if (candidates->len == 0)
    find_quoted (text, quoted, candidates);
  drop_prefixes (candidates);
  /* "闪送达"湖滨配送站: a name that starts inside quotes starts at them
   * (送 would end it on its left). */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      for (guint q = 0; q + 1 < quoted->len; q += 2)
        if (g_array_index (quoted, gsize, q) < c->start
            && c->start < g_array_index (quoted, gsize, q + 1))
          c->start = g_array_index (quoted, gsize, q);
    }

  scribe = xf_classify_writes_for_another (text);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      double repeats = 0;

      c->score += context_score (text, c->start, c->end);
      /* 鑫源食品厂停产后，孙桂兰…在本镇…合作社做工: what came before
       * the matter. */
      /* 发：石梁县文印中心: the copy shop that faxed the letter. */
      if (xf_classify_on_header_line (text, c->start, xf_classify_sender_heads))
        c->score -= 2 * CONTEXT_BONUS;
      /* 在信德职业技术学校读书，被学校安排到捷越电子实习: where a student
       * studies is not where she works. */
      if (xf_classify_text_match_any (text, c->end, studied_after) > 0
          || xf_classify_text_match_any (text, c->end, not_the_workplace_after) > 0)
        c->score -= CONTEXT_BONUS;
      if (xf_classify_text_match_any (text, c->end, closed_after) > 0
          || closed_later (text, c))
        {
          c->score -= CONTEXT_BONUS;
          c->closed = TRUE;
        }
      if (((said_just_before (text, c->start, xf_classify_renamed_words)
            || (said_just_before (text, c->start, renamed_just_before)
                && !xf_classify_text_match_any_before (text, c->end, branch_ends)))
           /* 将被并入渤润集团: not yet; the works is still the employer. */
           && !xf_classify_text_before_in_clause (text, c->start, 6, not_yet))
          || xf_classify_text_match_any (text, c->end, took_over_after) > 0)
        c->score += SUCCESSOR_BONUS;
      /* 我是梁伟，替我妈写这封信…我在珠海顺通快递上班: the scribe's own
       * work is not the matter. */
      if (scribe && writer_works_there (text, c->start))
        c->score -= 2 * CONTEXT_BONUS;
      for (guint j = 0; j < candidates->len; j++)
        if (j != i && same_name (text, c, &g_array_index (candidates, Candidate, j)))
          repeats += REPEAT_BONUS;
      c->score += MIN (repeats, MAX_REPEAT_BONUS);
      if (code != NULL && c->end <= code_at && code_at - c->end < USCC_NEAR)
        c->score += USCC_BONUS;
    }
  /* The full name holds what its short form earned: 苏州市吴中区恒通电子厂
   * and 恒通电子厂, 某某有限公司春熙路店 and 某某有限公司, 绿能光伏运维服务
   * 有限公司 and 绿能公司, one employer. */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      for (guint j = 0; j < candidates->len; j++)
        {
          const Candidate *d = &g_array_index (candidates, Candidate, j);
          if (j != i && d->end - d->start < c->end - c->start
              && (within (text, d, c) || abbreviates (text, d, c))
              && d->score >= c->score)
            c->score = d->score + 1e-6;
        }
    }
  /* 鸿福砖厂…砖厂停工后，她…到…合作社做采摘工: where the letter says the
   * writer went on to work comes before where she was. */
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      const Candidate *later = moved_on_to (text, c, candidates);

      if (later == NULL || still_owes_later (text, c, later))
        continue;
      /* And wherever else the letter names it (…此前被竹编厂欠薪的事). */
      for (guint j = 0; j < candidates->len; j++)
        {
          Candidate *e = &g_array_index (candidates, Candidate, j);

          if ((j == i || same_name (text, c, e)) && e != later
              && e->score >= later->score - CONTEXT_BONUS)
            {
              e->score = later->score - CONTEXT_BONUS;
              e->closed = TRUE;
            }
        }
    }
  /* And what it is said of it: 原在绿野菌菇基地做工…菌菇基地关门后, one
   * works closed before the matter. */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      for (guint j = 0; j < candidates->len && !c->closed; j++)
        {
          const Candidate *d = &g_array_index (candidates, Candidate, j);
          if (j != i && d->closed && d->end - d->start < c->end - c->start
              && within (text, d, c))
            {
              c->score -= CONTEXT_BONUS;
              c->closed = TRUE;
            }
        }
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      /* Earlier wins a tie: the first mention is usually the employer. */
      if (best == NULL || c->score > best->score + 1e-9)
        best = c;
    }
  if (best == NULL)
    return NULL;
  field = xf_classify_field_new ("employer",
                                 quote_name (text, best->start, best->end,
                                             best->works),
                                 MIN (best->score, 0.95) * scale);
  /* 发：云台区文印中心 and nothing else: the machine that sent it. */
  field->sender = xf_classify_on_header_line (text, best->start,
                                              xf_classify_sender_heads);
  return field;
}
