/* The topic classifier and the flags: each rule with its near misses, the
 * model file, learning from more letters, and the regression test on the
 * held-out evaluation letters (testdata/letters/eval). */
#include "classify/classify.h"
#include "classify/evaluate.h"
#include "common/common.h"
#include "tests/testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

static const char *
topic_of (const char *text)
{
  g_autoptr(XfTopicModel) model = xf_topic_model_builtin ();
  XfTopicGuess guess;

  xf_topic_classify (model, text, &guess);
  assert_true (guess.score >= 0.0 && guess.score <= 1.0);
  return guess.topic;
}

static void
test_topics_of_plain_letters (void **state)
{
  (void) state;
  assert_string_equal (topic_of ("包工头把我们的工钱卷走了，干了一年一分钱没拿到。"),
                       "wages");
  assert_string_equal (topic_of ("公司三年没给我们交社保，养老保险断缴了。"),
                       "social_insurance");
  assert_string_equal (topic_of ("我在车间被机器砸伤了手，公司不给申请工伤认定。"),
                       "work_injury");
  assert_string_equal (topic_of ("我怀孕五个月，公司要把我调岗降薪，逼我辞职。"),
                       "women_minors");
}

/* DESIGN.md: money owed for overtime is wages, the hours themselves are
 * working hours. */
static void
test_overtime_tie_break (void **state)
{
  (void) state;
  assert_string_equal (topic_of ("每天加班到夜里十一点，一个月只休一天，"
                                 "身体吃不消了，要求按规定安排休息。"),
                       "working_hours");
  assert_string_equal (topic_of ("去年加班三百多个小时，加班费一分没给，"
                                 "请求帮我们追回加班费。"),
                       "wages");
}

/* Who sent a mail or fax to whom is no part of its topic: the header
 * lines (收：市总工会…) change nothing, the subject line does. */
static void
test_header_lines_say_nothing (void **state)
{
  static const char body[] = "提成的事一个月了没回音，老板现在连六千都不想给了。";
  g_autoptr(XfTopicModel) model = xf_topic_model_builtin ();
  g_autofree char *fax = g_strconcat ("传真\n收：市总工会信访室　0571-5550123\n"
                                      "发： 城东图文打印 0571-5550456\n"
                                      "日期：2025-03-02　共1页\n\n", body, NULL);
  g_autofree char *mail = g_strconcat ("发件人：小刘 <liu@example.cn>\n"
                                       "收件人：工会主席信箱\nDate: Sun, 2 Mar 2025\n\n",
                                       body, NULL);
  g_autofree char *subject = g_strconcat ("主题：工伤医药费\n\n", body, NULL);
  XfTopicGuess plain, with_fax, with_mail, with_subject;

  (void) state;
  xf_topic_classify (model, body, &plain);
  xf_topic_classify (model, fax, &with_fax);
  xf_topic_classify (model, mail, &with_mail);
  xf_topic_classify (model, subject, &with_subject);
  /* 传真 alone is on a line of its own and stays a feature. */
  assert_string_equal (with_mail.topic, plain.topic);
  assert_true (with_mail.score == plain.score);
  assert_string_not_equal (with_fax.topic, "union");
  assert_true (with_subject.score != plain.score);
}

static void
test_nothing_known_is_other (void **state)
{
  g_autoptr(XfTopicModel) model = xf_topic_model_builtin ();
  XfTopicGuess guess;

  (void) state;
  xf_topic_classify (model, "Hello, 12345 !!!", &guess);
  assert_string_equal (guess.topic, "other");
  assert_true (guess.score == 0.0);
}

static XfFlags
flags_of (const char *text, gint64 headcount)
{
  XfFlags flags;
  xf_classify_flags (text, headcount, 5, &flags);
  return flags;
}

static void
test_threat_and_its_denial (void **state)
{
  (void) state;
  assert_true (flags_of ("再不给钱我就从楼顶上跳下去。", 1).threat);
  assert_true (flags_of ("大家说好了，下周一起去北京上访。", -1).threat);
  assert_true (flags_of ("再拿不到钱我们就只能去堵高速路口了", 11).threat);
  assert_true (flags_of ("如果本月再不解决，我们只能集体到省里上访。", 30).threat);
  assert_true (flags_of ("再不给钱我们就爬塔吊。", 8).threat);
  assert_true (flags_of ("老板要是还不管，我就只能爬到厂房顶上去。", 1).threat);
  assert_true (flags_of ("大不了爬到他们工地塔吊上去。", 1).threat);
  assert_true (flags_of ("好多人说再这样下去就一起去把厂门口的公路堵了。", 30).threat);
  assert_false (flags_of ("工地3号塔吊上周检查时发现螺栓松动。", 100).threat);
  assert_true (flags_of ("再要不到，我也不知道自己会干出啥事。", 1).threat);
  assert_true (flags_of ("还拿不到钱，我们只能一起到区政府门口去讨个说法。", 42).threat);
  assert_false (flags_of ("我去区政府办事大厅问过，让我找社保局。", 1).threat);
  assert_false (flags_of ("去年我到省里反映过一次，省里转回了市里。", 1).threat);
  assert_true (flags_of ("再不解决就集体停工。", -1).urgent);
  /* Near misses: a denial, and a boss who 扬言 to fire someone. */
  assert_false (flags_of ("我不会做傻事，也不会去极端，只求公道。", 1).threat);
  assert_false (flags_of ("老板说再闹就开除我，我只想要回工资。", 1).threat);
  assert_false (flags_of ("老板扬言要开除带头的人。", 1).threat);
  /* Work and accidents, as building and migrant workers tell them. */
  static const char *const work[] = {
    "我们起早贪黑拼了命地干活。", "我是塔吊司机，每天上塔吊作业。",
    "我们在楼顶上绑钢筋。", "高温极端天气也要上班。", "车间锅炉炸了，我被烫伤。",
    "2015年我到北京打工。", "公司派我去北京出差。",
    "我已经到市政府信访办反映过两次。",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (work); i++)
    if (flags_of (work[i], 1).threat)
      fail_msg ("threat in: %s", work[i]);
  assert_true (flags_of ("不给钱我就跟他拼了。", 1).threat);
  assert_true (flags_of ("再不给钱我就去北京。", 1).threat);
}

static void
test_collective (void **state)
{
  (void) state;
  assert_true (flags_of ("我们全车间的工人联名反映。", -1).collective);
  assert_true (flags_of ("涉及职工二十多人。", 20).collective);
  assert_false (flags_of ("我和两个工友的工资没发。", 3).collective);
  assert_false (flags_of ("工友们也一样，都没拿到钱。", -1).collective);
}

static void
test_urgent_deadline (void **state)
{
  (void) state;
  assert_true (flags_of ("房东说三天内不交房租就让我们搬走。", 1).urgent);
  assert_false (flags_of ("这件事已经拖了三年了。", 1).urgent);
  /* Days counted down; not days off, nor a dismissal told (明天别来了). */
  assert_true (flags_of ("9月1号就开学了，只剩三天了，学校说没有证明不能入学。", 1).urgent);
  assert_true (flags_of ("离过年还剩5天，大家连回家的路费都没有。", 30).urgent);
  assert_false (flags_of ("一个月休息不到四天，天天加班。", 1).urgent);
  assert_false (flags_of ("经理说我不符合录用条件，让我明天别来了。", 1).urgent);
  assert_false (flags_of ("还剩五十天合同就到期了。", 1).urgent);
  /* letters/dev13: a weekday's deadline, the days left till a cut-off. */
  assert_true (flags_of ("公司租的宿舍要求我这个周日前搬走。", 1).urgent);
  assert_true (flags_of ("社保局说3月15日就截止，离现在只有五天。", 1).urgent);
  assert_false (flags_of ("离现在只有五十米就是工地。", 1).urgent);
  assert_false (flags_of ("这个周期的绩效考核又没发。", 1).urgent);
}

static void
test_model_file (void **state)
{
  g_autoptr(XfTopicTrainer) trainer = xf_topic_trainer_new ();
  g_autoptr(XfTopicModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  XfTopicGuess guess;
  guint per_topic[14];

  (void) state;
  /* Two letters teach a word the keywords do not have. */
  assert_true (xf_topic_trainer_add (trainer, "safety",
                                     "车间里的甲醛味道熏得人头疼。", &error));
  assert_true (xf_topic_trainer_add (trainer, "safety",
                                     "仓库甲醛超标，没人管。", &error));
  assert_false (xf_topic_trainer_add (trainer, "weather", "下雨", &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  g_clear_error (&error);
  assert_int_equal (xf_topic_trainer_examples (trainer, per_topic), 2);
  assert_int_equal (per_topic[6], 2);

  text = xf_topic_trainer_serialise (trainer);
  model = xf_topic_model_parse (text, strlen (text), "test", &error);
  assert_non_null (model);
  xf_topic_classify (model, "甲醛", &guess);
  assert_string_equal (guess.topic, "safety");

  /* Not a model: a clear error. */
  assert_null (xf_topic_model_parse ("hello\n", 6, "x.txt", &error));
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_CONFIG));
  assert_non_null (strstr (error->message, "x.txt"));
}

/* The regression test: on the held-out letters, the targets of the issue
 * hold (topic accuracy >= 0.85, macro-F1 >= 0.80; flags F1 >= 0.85;
 * fields as below). */
static void
test_evaluation_letters (void **state)
{
  g_autofree char *dir = xf_test_data ("letters/eval");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = xf_eval_load (dir, &error);
  g_autoptr(XfTopicModel) model = xf_topic_model_builtin ();
  g_auto(XfEvalReport) report = { 0 };

  (void) state;
  assert_non_null (letters);
  assert_true (letters->len >= 70);
  xf_eval_run (model, letters, NULL, NULL, 5, &report);
  printf ("topic accuracy %.3f, macro-F1 %.3f\n", report.topic_accuracy,
          report.topic_macro_f1);
  assert_true (report.topic_accuracy >= 0.85);
  assert_true (report.topic_macro_f1 >= 0.80);
  for (int f = 0; f < XF_EVAL_FLAGS; f++)
    {
      double p = xf_eval_precision (report.flag_tp[f],
                                    report.flag_tp[f] + report.flag_fp[f]);
      double r = xf_eval_recall (report.flag_tp[f],
                                 report.flag_tp[f] + report.flag_fn[f]);
      printf ("%s F1 %.3f\n", xf_eval_flag_names[f], 2 * p * r / (p + r));
      assert_true (2 * p * r / (p + r) >= 0.85);
    }
  /* Fields: exact values, at the targets: phone and ID 0.97, the
   * others 0.90. */
  static const double floor[XF_EVAL_FIELDS] = {
    0.90, 0.97, 0.97, 0.90, 0.90, 0.90,  /* name id phone employer amount head */
  };
  for (int f = 0; f < XF_EVAL_FIELDS; f++)
    {
      double p = xf_eval_precision (report.field_right[f],
                                    report.field_found[f]);
      double r = xf_eval_recall (report.field_right[f], report.field_gold[f]);
      printf ("%s precision %.3f recall %.3f\n", xf_eval_field_names[f], p, r);
      assert_true (p >= floor[f]);
      assert_true (r >= floor[f]);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_topics_of_plain_letters),
    cmocka_unit_test (test_overtime_tie_break),
    cmocka_unit_test (test_header_lines_say_nothing),
    cmocka_unit_test (test_nothing_known_is_other),
    cmocka_unit_test (test_threat_and_its_denial),
    cmocka_unit_test (test_collective),
    cmocka_unit_test (test_urgent_deadline),
    cmocka_unit_test (test_model_file),
    cmocka_unit_test (test_evaluation_letters),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
