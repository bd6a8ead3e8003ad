/* The Chinese tidy-up of Tesseract's text (ocr/tidy.c): spaces, the width
 * of punctuation, the marks the model reads as something else, and the
 * gaps the words show that the text does not. */
#include "ocr/ocr-private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void
check_tidy (const char *in, const char *want)
{
  g_autofree char *got = xf_ocr_tidy_text (in);
  assert_string_equal (got, want);
}

static void
test_tidy_removes_spaces_between_chinese (void **state)
{
  (void) state;
  check_tidy ("尊 敬 的 主 席 ：", "尊敬的主席：");
  check_tidy ("我 叫 张 三 ， 电 话 13812345678 。",
              "我叫张三，电话13812345678。");
}

static void
test_tidy_keeps_latin_and_number_spaces (void **state)
{
  (void) state;
  check_tidy ("Room 301 B", "Room 301 B");
  check_tidy ("共 2.7 万 元", "共2.7万元");
}

static void
test_tidy_punctuation_full_width_in_chinese (void **state)
{
  (void) state;
  check_tidy ("尊敬的主席:您好!我叫张三,电话?", "尊敬的主席：您好！我叫张三，电话？");
  check_tidy ("他说\"不给钱\";我们(十二人)去了", "他说“不给钱”；我们（十二人）去了");
  check_tidy ("(1)工资未付", "（1）工资未付");
  /* A full stop read as a point; a number's, an address's and an
   * ellipsis's stay. */
  check_tidy ("家庭和孩子.我们去了.\n工资没有发. ", "家庭和孩子。我们去了。\n工资没有发。");
  check_tidy ("共2.7万元，www.example.cn，等等...我们",
              "共2.7万元，www.example.cn，等等...我们");
  check_tidy ("他说“不给”.", "他说“不给”。");
}

static void
test_tidy_punctuation_half_width_in_numbers (void **state)
{
  (void) state;
  check_tidy ("共1，000元，10：30到", "共1,000元，10:30到");
  check_tidy ("Room 3 (B), ok: yes", "Room 3 (B), ok: yes");
  check_tidy ("欠款２．７万元", "欠款2.7万元");
}

static void
test_tidy_keeps_lines_drops_trailing_blanks (void **state)
{
  (void) state;
  check_tidy ("  第一行  \n第 二 行\n\n此致 ", "第一行\n第二行\n\n此致");
}

static void
test_tidy_dash_between_digits (void **state)
{
  (void) state;
  /* The model reads the dash of a range as the numeral 一. */
  check_tidy ("2024.1一3    12,200", "2024.1—3 12,200");
  check_tidy ("2024年6 一 7月欠发", "2024年6—7月欠发");
  check_tidy ("第1一3条", "第1—3条");
  check_tidy ("2024.1--3", "2024.1—3");
  /* Near misses: 一 next to one digit only, Chinese numerals, hyphens. */
  check_tidy ("和第1一样，十一月，第一条，一一对应", "和第1一样，十一月，第一条，一一对应");
  check_tidy ("1万一2万", "1万一2万");
  check_tidy ("电话0371-61234567，日期2024-01-03",
              "电话0371-61234567，日期2024-01-03");
  check_tidy ("a--b, 3--", "a--b, 3--");
}

static void
test_tidy_dash_opening_a_paragraph (void **state)
{
  (void) state;
  /* A subtitle led by the 破折号, which the model reads as 一一. */
  check_tidy ("联名信\n\n一一青河市利丰公司职工", "联名信\n\n——青河市利丰公司职工");
  check_tidy ("一一青河市利丰公司职工", "——青河市利丰公司职工");
  /* The adverb 一一 inside a paragraph, also at the start of a line. */
  check_tidy ("请有关部门\n一一核实", "请有关部门\n一一核实");
  check_tidy ("请一一核实", "请一一核实");
}

static void
test_tidy_opening_bracket_of_a_parenthesis (void **state)
{
  (void) state;
  /* The model reads （ as 〈, 《 or 【; its partner ） says what it was. */
  check_tidy ("宏盛电子厂〈青河宏盛电子科技有限公司）的",
              "宏盛电子厂（青河宏盛电子科技有限公司）的");
  check_tidy ("医院《民营）心内科，第〈三）项", "医院（民营）心内科，第（三）项");
  check_tidy ("已发 (元) 多发【元)", "已发（元）多发（元）");
  check_tidy ("工资〈自用工满一个月的\n次日起）", "工资（自用工满一个月的\n次日起）");
  check_tidy ("依照《劳动合同法》和〈工会法）", "依照《劳动合同法》和（工会法）");
  /* Near misses: brackets with a partner of their own kind, nesting,
   * none at all, a partner in another paragraph. */
  check_tidy ("《劳动合同法》〈工会法〉【通知】", "《劳动合同法》〈工会法〉【通知】");
  check_tidy ("（依照《劳动合同法》第十条）", "（依照《劳动合同法》第十条）");
  check_tidy ("《复印件", "《复印件");
  check_tidy ("〈复印件\n\n）", "〈复印件\n\n）");
  check_tidy ("see [1] and x)", "see [1] and x)");
}

static void
test_tidy_drops_stray_quotes_at_gaps (void **state)
{
  (void) state;
  /* Made up by the model at the gap between the columns of a table. */
  check_tidy ("马德福 ”钢筋工班长 231", "马德福钢筋工班长231");
  check_tidy ("孙小军    “钢筋工 198", "孙小军钢筋工198");
  check_tidy ("人数 只发 (元) ”2023年欠发 (元) ”2024年",
              "人数只发（元）2023年欠发（元）2024年");
  /* Near misses: paired marks, also after a gap, also across a line
   * break; unpaired marks against a word, whose partner was lost. */
  check_tidy ("在 “锦绣东方” 二期", "在“锦绣东方”二期");
  check_tidy ("在 “锦绣\n东方” 二期", "在“锦绣\n东方”二期");
  check_tidy ("理由写的是不能胜任工作”。", "理由写的是不能胜任工作”。");
  check_tidy ("说是“综合工时，可我", "说是“综合工时，可我");
  check_tidy ("“第一段，\n\n“第二段。”", "“第一段，\n\n“第二段。”");
}

static void
test_tidy_punctuation_set_apart_by_a_space (void **state)
{
  (void) state;
  /* Tesseract sets some marks apart; the text beyond the space counts. */
  check_tidy ("工员签字) :\n姓名", "工员签字）：\n姓名");
  check_tidy ("两份 (复印件) ; 工资流水", "两份（复印件）；工资流水");
  /* Near misses: Latin and numbers around the space. */
  check_tidy ("Room 3 (B) , ok : yes", "Room 3 (B) , ok : yes");
  check_tidy ("共 3 : 5 胜", "共3 : 5胜");
}

static void
test_tidy_list_point_full_width (void **state)
{
  (void) state;
  /* The point after a list number in Chinese text, as 1．. */
  check_tidy ("我们的请求是：1.督促公司；2.查清", "我们的请求是：1．督促公司；2．查清");
  check_tidy ("小时计) ;\n2. 小时工资", "小时计）；\n2．小时工资");
  check_tidy ("两份 (复印件) ; 2. 2022年至2024年工资流水",
              "两份（复印件）；2．2022年至2024年工资流水");
  check_tidy ("截图；4.《协商解除协议》", "截图；4．《协商解除协议》");
  check_tidy ("12.补发差额", "12．补发差额");
  /* Near misses: decimals, numbers inside a clause, Latin lists,
   * a long number, a comma (人数：3，其中 is a comma). */
  check_tidy ("共2.7万元，每小时14.94元；2.2022年", "共2.7万元，每小时14.94元；2.2022年");
  check_tidy ("工资共计45.我们", "工资共计45.我们");
  check_tidy ("1. Introduction", "1. Introduction");
  check_tidy ("；2024.年", "；2024.年");
  check_tidy ("人数：3，其中", "人数：3，其中");
}

/* Tesseract's words, as the engine collects them: text and x, width. */
static GArray *
make_words (const char *const *texts, const int *boxes)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (XfOcrWord));

  g_array_set_clear_func (words, xf_ocr_word_clear);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      XfOcrWord word = { 0 };
      word.text = g_strdup (texts[i]);
      word.confidence = 0.9;
      word.box[0] = boxes[2 * i];
      word.box[1] = 1000;
      word.box[2] = boxes[2 * i + 1];
      word.box[3] = 48;
      g_array_append_val (words, word);
    }
  return words;
}

static void
check_gaps (const char *raw, const char *const *texts, const int *boxes,
            const char *want)
{
  g_autoptr(GArray) words = make_words (texts, boxes);
  g_autofree char *got = xf_ocr_space_gaps (raw, words);
  assert_string_equal (got, want);
}

static void
test_space_gaps_before_a_made_up_quote (void **state)
{
  const char *const table[] = { "8", "月", "”29", "11.5", NULL };
  const int table_boxes[] = { 433, 50, 486, 63, 596, 51, 855, 91 };
  const char *const quoted[] = { "以", "“组", "织", "架构", "”", NULL };
  const int near[] = { 400, 44, 454, 60, 515, 44, 565, 96, 662, 20 };
  const int wide[] = { 400, 44, 475, 60, 536, 44, 586, 96, 683, 20 };
  const char *const comma[] = { "月", "”，", NULL };
  const int comma_boxes[] = { 486, 63, 596, 20 };
  g_autofree char *table_text = NULL;
  g_autofree char *quoted_text = NULL;

  (void) state;
  /* 47 pixels between 月 and ”29, characters 48 high: a column gap. */
  check_gaps ("8月”29     11.5", table, table_boxes, "8月 ”29     11.5");
  table_text = xf_ocr_tidy_text ("8月 ”29     11.5");
  assert_string_equal (table_text, "8月29 11.5");
  /* Near misses: a quote 10 pixels on; a real one that stands apart
   * (“ sits in the right half of its cell) keeps its partner and stays;
   * a mark before punctuation; text the words do not match. */
  check_gaps ("以“组织架构”", quoted, near, "以“组织架构”");
  check_gaps ("以“组织架构”", quoted, wide, "以 “组织架构”");
  quoted_text = xf_ocr_tidy_text ("以 “组织架构”");
  assert_string_equal (quoted_text, "以“组织架构”");
  check_gaps ("月”，", comma, comma_boxes, "月”，");
  check_gaps ("8月“29 11.5", table, table_boxes, "8月“29 11.5");
}

static void
test_tidy_comma_between_numbers_of_a_list (void **state)
{
  (void) state;
  /* Thousands are grouped with ASCII commas. */
  check_tidy ("共1，000元，欠11，370元，合计1，000，000元",
              "共1,000元，欠11,370元，合计1,000,000元");
  /* Near misses: a comma between two numbers that is not a thousands
   * group is the comma of a Chinese list. */
  check_tidy ("电话：0791-86523147，13970815362", "电话：0791-86523147，13970815362");
  check_tidy ("身份证号码450102198704061150，2021年入职",
              "身份证号码450102198704061150，2021年入职");
  check_tidy ("第3，4条", "第3，4条");
}

static void
test_tidy_bracket_read_for_the_digit_one (void **state)
{
  (void) state;
  /* 1 read as ], or read twice, as 1 and as ]. */
  check_tidy ("赔偿金。第]页共2页", "赔偿金。第1页共2页");
  check_tidy ("2024年4月]日，今年]月", "2024年4月1日，今年1月");
  check_tidy ("2023年11]月，第1]页，不到]1,200元", "2023年11月，第1页，不到1,200元");
  /* Near misses: a ] that closes a [, and one among Latin letters. */
  check_tidy ("依照[2024]3号文", "依照[2024]3号文");
  check_tidy ("array a] b", "array a] b");
}

/* A small language: 工厂 and 厂里 are common, 广州 too; the recogniser
 * reads 厂 as 广 one time in ten. */
static const char small_lm[] =
  "xinfang-ocr-lm 1\n"
  "u\t工\t100\nu\t厂\t80\nu\t广\t30\nu\t州\t40\nu\t里\t60\n"
  "b\t工厂\t40\nb\t厂里\t30\nb\t广州\t25\n"
  "c\t厂\t广\t8\n"
  "s\t厂\t80\ns\t广\t30\n";

/* @small_lm, parsed. */
static XfOcrLm *
parse_small_lm (void)
{
  g_autoptr(GError) error = NULL;
  XfOcrLm *lm = xf_ocr_lm_parse (small_lm, strlen (small_lm), "test", &error);

  assert_non_null (lm);
  return lm;
}

/* Adds the counts @data to @lm, which must take them. */
static void
add_counts (XfOcrLm *lm, const char *data)
{
  g_autoptr(GError) error = NULL;

  assert_true (xf_ocr_lm_add (lm, data, strlen (data), "test", &error));
}

static void
check_correct (const XfOcrLm *lm, const char *read, const char *want)
{
  g_autofree char *got = xf_ocr_correct_text (lm, read);
  assert_string_equal (got, want);
}

static void
test_correct_misread_by_context (void **state)
{
  g_autoptr(XfOcrLm) lm = parse_small_lm ();

  (void) state;
  /* 工广里 is no Chinese; 工厂里 is. */
  check_correct (lm, "我们工广\n里的人", "我们工厂\n里的人");
  /* 广州 is a place: it stays, as does a 广 with nothing to go on. */
  check_correct (lm, "去广州打工", "去广州打工");
  check_correct (lm, "广", "广");
}

/* What the standard-fax model misreads, added to the small language: it
 * reads 青 as 吉, and 厂 as 广 four times more.  The language has seen 青
 * before 年, and 吉 only before 祥. */
static const char small_fax_lm[] =
  "xinfang-ocr-lm 1\n"
  "u\t青\t50\nu\t年\t60\nu\t吉\t40\nu\t祥\t20\n"
  "b\t青年\t30\nb\t吉祥\t20\n"
  "c\t青\t吉\t3\nc\t厂\t广\t4\n"
  "s\t青\t10\ns\t吉\t10\ns\t厂\t20\n";

static void
test_correct_with_fax_counts_added (void **state)
{
  g_autoptr(XfOcrLm) lm = parse_small_lm ();
  g_autoptr(GError) error = NULL;
  static const char broken[] = "xinfang-ocr-lm 1\nc\t青\n";

  (void) state;
  check_correct (lm, "一群吉年工人", "一群吉年工人");
  add_counts (lm, small_fax_lm);
  check_correct (lm, "一群吉年工人", "一群青年工人");
  /* The pair both files count (厂 read as 广) still sets 广 right between
   * 工 and 里. */
  check_correct (lm, "工广里", "工厂里");
  /* Nothing is likely enough past an unreachable margin. */
  xf_ocr_lm_set_margin (lm, 1000.0);
  check_correct (lm, "一群吉年工人", "一群吉年工人");
  /* A file that is not counts is an error naming it. */
  assert_false (xf_ocr_lm_add (lm, broken, strlen (broken), "broken", &error));
  assert_non_null (strstr (error->message, "broken"));
}

/* Counts given twice are summed: 青 read as 吉 once and then twice more,
 * 青年 ten times and then twenty more (beside 青春 thirty times).  Past a
 * margin of 3.4, only the sums (3 of 10; 30 of 60) make 青年 likely enough
 * to replace 吉年; either part alone does not. */
static void
test_correct_counts_added_together (void **state)
{
  static const char first[] =
    "xinfang-ocr-lm 1\n"
    "u\t青\t50\nu\t年\t60\nu\t吉\t40\nu\t祥\t20\nu\t春\t30\n"
    "b\t青年\t10\nb\t青春\t30\nb\t吉祥\t20\n"
    "c\t青\t吉\t1\ns\t青\t10\ns\t吉\t10\n";
  static const char *const second[] = {
    "xinfang-ocr-lm 1\nc\t青\t吉\t2\nb\t青年\t20\n",
    "xinfang-ocr-lm 1\nc\t青\t吉\t2\n",
    "xinfang-ocr-lm 1\nb\t青年\t20\n",
  };

  (void) state;
  for (guint i = 0; i <= G_N_ELEMENTS (second); i++)
    {
      g_autoptr(XfOcrLm) lm = parse_small_lm ();

      add_counts (lm, first);
      if (i < G_N_ELEMENTS (second))
        add_counts (lm, second[i]);
      xf_ocr_lm_set_margin (lm, 3.4);
      check_correct (lm, "一群吉年工人", i == 0 ? "一群青年工人" : "一群吉年工人");
    }
}

/* The language reads two characters back: 到 is followed by 广 five times
 * as often as by 厂, but 回到 only ever by 厂. */
static void
test_correct_two_before (void **state)
{
  static const char triples[] =
    "xinfang-ocr-lm 1\n"
    "u\t回\t100\nu\t到\t200\nb\t回到\t100\nb\t到广\t50\nb\t到厂\t10\n"
    "t\t回到厂\t100\nt\t到广州\t50\n";
  g_autoptr(XfOcrLm) lm = parse_small_lm ();

  (void) state;
  add_counts (lm, triples);
  check_correct (lm, "他回到广", "他回到厂");
  check_correct (lm, "他走到广", "他走到广");
  /* What comes after counts too: 到广州 is a place. */
  check_correct (lm, "他回到广州", "他回到广州");
}

static void
test_correct_bad_data (void **state)
{
  static const char *const bad[] = {
    "", "not-an-lm 1\n", "xinfang-ocr-lm 1\nu\t工\n",
    "xinfang-ocr-lm 1\nb\t工\t3\n", "xinfang-ocr-lm 1\nc\t厂\t广\tx\n",
    "xinfang-ocr-lm 1\nq\t1\n", "xinfang-ocr-lm 1\nt\t工厂\t3\n",
  };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(XfOcrLm) lm = xf_ocr_lm_parse (bad[i], strlen (bad[i]), "bad",
                                               &error);
      assert_null (lm);
      assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
      assert_non_null (strstr (error->message, "bad"));
    }
  /* The built-in counts load, and set right what the bench's pages showed
   * most often: 厂 read as 三 between 工 and 里. */
  check_correct (xf_ocr_lm_builtin (), "在工三里上班", "在工厂里上班");
}

/* The built-in counts of the standard-fax model's misreadings: strokes the
 * fax lost make 申 read as 里 and 自 as 日, which only the pages that model
 * reads are corrected for. */
static void
test_correct_builtin_fax_counts (void **state)
{
  static const char *const read[] = { "被里请人要求", "我们日愿放弃" };
  static const char *const meant[] = { "被申请人要求", "我们自愿放弃" };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (read); i++)
    {
      check_correct (xf_ocr_lm_builtin (), read[i], read[i]);
      check_correct (xf_ocr_lm_builtin_fax (), read[i], meant[i]);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_tidy_removes_spaces_between_chinese),
    cmocka_unit_test (test_tidy_keeps_latin_and_number_spaces),
    cmocka_unit_test (test_tidy_punctuation_full_width_in_chinese),
    cmocka_unit_test (test_tidy_punctuation_half_width_in_numbers),
    cmocka_unit_test (test_tidy_keeps_lines_drops_trailing_blanks),
    cmocka_unit_test (test_tidy_dash_between_digits),
    cmocka_unit_test (test_tidy_dash_opening_a_paragraph),
    cmocka_unit_test (test_tidy_opening_bracket_of_a_parenthesis),
    cmocka_unit_test (test_tidy_drops_stray_quotes_at_gaps),
    cmocka_unit_test (test_tidy_punctuation_set_apart_by_a_space),
    cmocka_unit_test (test_tidy_list_point_full_width),
    cmocka_unit_test (test_space_gaps_before_a_made_up_quote),
    cmocka_unit_test (test_tidy_comma_between_numbers_of_a_list),
    cmocka_unit_test (test_tidy_bracket_read_for_the_digit_one),
    cmocka_unit_test (test_correct_misread_by_context),
    cmocka_unit_test (test_correct_with_fax_counts_added),
    cmocka_unit_test (test_correct_counts_added_together),
    cmocka_unit_test (test_correct_two_before),
    cmocka_unit_test (test_correct_bad_data),
    cmocka_unit_test (test_correct_builtin_fax_counts),
  };
  return cmocka_run_group_tests_name ("tidy", tests, NULL, NULL);
}
