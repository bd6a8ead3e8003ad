/* Tests for intake/mail.c, intake/text.c, intake/rfc2047.c and intake/html.c: petition mail
 * fixtures from testdata/mail (made up, see make-fixtures.py there), the
 * charset decoder on its own, and real-world mail from the shared corpus
 * when CORPUS names it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/testutil.h"

#include <string.h>

#include "common/common.h"
#include "intake/intake.h"
#include "intake/intake-private.h"

static const XfMailLimits default_limits = { 4 * 1024 * 1024, 500, 20 };

/* Measured on the corpus of 2026-11 (181 files under mail/): 178 parse and
 * 155 of those give non-empty text.  The floor must not drop; raise it when
 * the walk learns to read more. */
#define CORPUS_FILES_WITH_TEXT_FLOOR 155

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *relative = g_build_filename ("mail", name, NULL);
  return xf_test_read_data (relative);
}

static GBytes *
read_corpus_mail (const char *relative)
{
  const char *corpus = xf_test_corpus_or_skip ();
  g_autofree char *path = g_build_filename (corpus, "mail", relative, NULL);
  return xf_test_read (path);
}

static void
assert_utf8 (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    fail_msg ("not valid UTF-8: %s", text);
}

static void
assert_mail_utf8 (const XfMail *mail)
{
  assert_utf8 (mail->subject);
  assert_utf8 (mail->from);
  assert_utf8 (mail->message_id);
  assert_non_null (mail->text);
  assert_utf8 (mail->text);
  for (guint i = 0; i < mail->attachments->len; i++)
    {
      const XfAttachment *attachment = g_ptr_array_index (mail->attachments, i);
      assert_utf8 (attachment->filename);
      assert_utf8 (attachment->content_type);
    }
}

static XfMail *
parse_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  XfMail *mail = xf_intake_parse_mail (data, length, &default_limits, &error);

  if (mail == NULL)
    fail_msg ("parse failed: %s", error->message);
  assert_mail_utf8 (mail);
  return mail;
}

static XfMail *
parse_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = read_fixture (name);
  return parse_bytes (bytes);
}

static XfMail *
parse_corpus_mail (const char *relative)
{
  g_autoptr(GBytes) bytes = read_corpus_mail (relative);
  return parse_bytes (bytes);
}

static XfMail *
parse_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  return parse_bytes (bytes);
}

static char *
decode_literal (const char *bytes, gsize length, const char *charset)
{
  g_autoptr(GError) error = NULL;
  char *text = xf_intake_decode_text ((const guint8 *) bytes, length, charset, &error);

  if (text == NULL)
    fail_msg ("decoding failed: %s", error->message);
  return text;
}

#define DECODE(literal, charset) decode_literal ((literal), sizeof (literal) - 1, (charset))

/* ---- fixtures ---------------------------------------------------------- */

static void
test_utf8_base64_subject (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("utf8-base64.eml");

  assert_string_equal (mail->subject, "关于华兴电子厂拖欠工资的投诉");
}

static void
test_utf8_base64_from (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("utf8-base64.eml");

  assert_string_equal (mail->from, "李明 <liming@example.com>");
}

static void
test_message_id_without_brackets (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("utf8-base64.eml");

  assert_string_equal (mail->message_id, "20260310091500.1001@mail.example.com");
}

static void
test_utf8_base64_body_with_lf_line_ends (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("utf8-base64.eml");

  assert_string_equal (mail->text,
                       "尊敬的主席：\n"
                       "　　我是华兴电子厂的员工李明，工厂已拖欠我们三个月工资共计45200元。\n"
                       "联系电话13800000000。恳请工会帮助。\n"
                       "此致\n敬礼\n李明\n2026年3月10日");
}

static void
test_gb2312_label_reads_gbk_body (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("gb2312-gbk.eml");

  assert_non_null (strstr (mail->text, "我叫王喆，在宏达机械厂上班"));
  assert_non_null (strstr (mail->text, "车间主任刘镕每天安排加班"));
}

static void
test_gb2312_label_reads_gbk_headers (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("gb2312-gbk.eml");

  assert_string_equal (mail->subject, "王喆反映加班费问题");
  assert_string_equal (mail->from, "王喆 <wangzhe@example.com>");
}

static void
test_html_only_alternative_becomes_text (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("html-only.eml");

  assert_string_equal (mail->text,
                       "尊敬的工会领导：\n"
                       "我们 25 名工人反映“欠薪”问题，涉及金额约二十万元 & 社保断缴。\n"
                       "工资拖欠 3 个月\n"
                       "社保 <未缴>\n"
                       "姓名 赵强\n"
                       "此致\n敬礼\n\n\"全体工人\"");
}

static void
test_alternative_prefers_plain_text (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("alternative.eml");

  assert_string_equal (mail->text, "公司从去年起没有给我们缴社保。");
}

static const XfAttachment *
attachment_at (const XfMail *mail, guint index)
{
  assert_true (index < mail->attachments->len);
  return g_ptr_array_index (mail->attachments, index);
}

static void
assert_bytes_equal (GBytes *actual, GBytes *expected)
{
  if (!g_bytes_equal (actual, expected))
    fail_msg ("bytes differ: %" G_GSIZE_FORMAT " bytes, expected %" G_GSIZE_FORMAT,
              g_bytes_get_size (actual), g_bytes_get_size (expected));
}

static void
test_attachments_exclude_zip (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("attachments.eml");

  assert_int_equal (mail->attachments->len, 3);
  assert_string_equal (mail->text, "材料见附件。");
}

static void
test_tiff_attachment_with_rfc2231_name (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("attachments.eml");
  g_autoptr(GBytes) expected = read_fixture ("pixel.tif");
  const XfAttachment *tiff = attachment_at (mail, 0);

  assert_string_equal (tiff->filename, "举报信.tif");
  assert_string_equal (tiff->content_type, "image/tiff");
  assert_bytes_equal (tiff->data, expected);
}

static void
test_octet_stream_pdf_kept_by_name (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("attachments.eml");
  g_autoptr(GBytes) expected = read_fixture ("pixel.pdf");
  const XfAttachment *pdf = attachment_at (mail, 1);

  assert_string_equal (pdf->filename, "工资条.pdf");
  assert_string_equal (pdf->content_type, "application/pdf");
  assert_bytes_equal (pdf->data, expected);
}

static void
test_inline_png_kept_with_lower_case_type (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("attachments.eml");
  g_autoptr(GBytes) expected = read_fixture ("pixel.png");
  const XfAttachment *png = attachment_at (mail, 2);

  assert_string_equal (png->filename, "photo.png");
  assert_string_equal (png->content_type, "image/png");
  assert_bytes_equal (png->data, expected);
}

static void
test_forwarded_message_follows_separator (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("forwarded.eml");

  assert_string_equal (mail->text,
                       "转信访室处理。\n\n"
                       "---------- 转发的邮件 ----------\n"
                       "发件人: 吴刚 <wugang@example.com>\n"
                       "主题: 工伤不予认定\n\n"
                       "领导好：\n"
                       "　　我在建设工地受伤，老板不给报工伤，也不签劳动合同。");
}

static void
test_forwarded_message_keeps_outer_headers (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("forwarded.eml");

  assert_string_equal (mail->subject, "转发：工伤不予认定");
  assert_string_equal (mail->message_id, "fwd.7007@mail.example.com");
}

static void
test_raw_big5_headers_read_with_body_charset (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_fixture ("big5-raw-headers.eml");

  assert_string_equal (mail->subject, "陳情：工廠積欠薪資");
  assert_string_equal (mail->from, "陳大文 <chan@example.com>");
  assert_string_equal (mail->text, "工廠積欠我們兩個月薪資，請工會協助。");
}

static void
test_leading_blank_lines_and_mbox_line (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("\xEF\xBB\xBF\n  \r\n"
                                         "From zhangsan@example.com Mon Mar  9 10:00:00 2026\n"
                                         "From: zhangsan@example.com\n"
                                         "Subject: test\n\n"
                                         "body\n");

  assert_string_equal (mail->from, "zhangsan@example.com");
  assert_string_equal (mail->subject, "test");
  assert_string_equal (mail->text, "body");
}

static void
test_undecodable_text_part_is_skipped (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("From: a@example.com\n"
                                         "Content-Type: multipart/mixed; boundary=x\n\n"
                                         "--x\n"
                                         "Content-Type: text/plain; charset=utf-8\n\n"
                                         "\x80\xFF\x80\xFF\n"
                                         "--x\n"
                                         "Content-Type: text/plain; charset=utf-8\n\n"
                                         "second part\n"
                                         "--x--\n");

  assert_string_equal (mail->text, "second part");
}

static void
test_inline_text_parts_joined_by_blank_line (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("From: a@example.com\n"
                                         "Content-Type: multipart/mixed; boundary=x\n\n"
                                         "--x\n"
                                         "Content-Type: text/plain; charset=utf-8\n\n"
                                         "first\n\n\n"
                                         "--x\n"
                                         "Content-Type: text/plain; charset=utf-8\n"
                                         "Content-Disposition: attachment; filename=notes.txt\n\n"
                                         "an attached text file is not body text\n"
                                         "--x\n"
                                         "Content-Type: text/plain; charset=utf-8\n\n"
                                         "third\n"
                                         "--x--\n");

  assert_string_equal (mail->text, "first\n\nthird");
}

static void
test_multipart_without_boundary_keeps_body (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("From: a@example.com\n"
                                         "Content-Type: multipart/mixed\n\n"
                                         "工资被拖欠了。\n");

  assert_string_equal (mail->text, "工资被拖欠了。");
}

static void
test_html_meta_charset_used_without_parameter (void **state G_GNUC_UNUSED)
{
  /* 養樂多 in Big5, which also reads (wrongly) as GB18030: only the meta
   * tag can pick Big5. */
  g_autoptr(XfMail) mail = parse_string ("From: a@example.com\n"
                                         "Content-Type: text/html\n\n"
                                         "<html><head><meta http-equiv=\"Content-Type\" "
                                         "content=\"text/html; charset=big5\"></head>"
                                         "<body>\xBE\x69\xBC\xD6\xA6\x68</body></html>\n");

  assert_string_equal (mail->text, "養樂多");
}

static void
test_garbled_charset_parameter_falls_back_to_meta (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("From: a@example.com\n"
                                         "Content-Type: text/html; charset=\"windows-1252http-equiv\"\n\n"
                                         "<meta charset=\"windows-1252\"><p>m\xE9" " canique</p>\n");

  assert_string_equal (mail->text, "m\xC3\xA9 canique");
}

static void
test_limit_on_bytes_checked_before_parsing (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) bytes = read_fixture ("utf8-base64.eml");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  XfMailLimits limits = default_limits;
  limits.max_bytes = 100;

  g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits, &error);
  assert_null (mail);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
  assert_non_null (strstr (error->message, size));
  assert_non_null (strstr (error->message, "100"));
}

static void
test_limit_on_parts (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) bytes = read_fixture ("attachments.eml");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  XfMailLimits limits = default_limits;
  limits.max_parts = 3;

  g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits, &error);
  assert_null (mail);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
}

static void
test_delimiters_counted_before_parsing (void **state G_GNUC_UNUSED)
{
  static const char mail[] =
    "Content-Type: multipart/mixed; boundary=\"=_b1\"\r\n\r\n"
    "--=_b1\r\n"
    "Content-Type: multipart/alternative;\r\n boundary=inner\r\n\r\n"
    "--inner  \r\n\r\n正文\r\n-----------\r\n-- \r\n--inner\r\n\r\nb\r\n--inner--\r\n"
    "--=_b1\r\n\r\nc\r\n--undeclared\r\n--=_b1--\r\n";
  const guint8 *data = (const guint8 *) mail;

  /* Two delimiters of =_b1, two of inner (one with trailing blanks);
   * not the closing ones, the rules, the signature or --undeclared. */
  assert_int_equal (xf_intake_count_delimiters (data, strlen (mail), 100), 4);
  assert_int_equal (xf_intake_count_delimiters (data, strlen (mail), 2), 3);
  assert_int_equal (xf_intake_count_delimiters ((const guint8 *) "--b\n", 4, 100), 0);
  /* Blanks around "=", and a parameter not understood (RFC 2231 pieces):
   * then every "--" line counts, closing ones too. */
  static const char spaced[] = "Content-Type: multipart/mixed; boundary =\r\n \"x\"\r\n\r\n"
                               "--x\r\n\r\na\r\n--x\r\n\r\nb\r\n--x--\r\n";
  assert_int_equal (xf_intake_count_delimiters ((const guint8 *) spaced, strlen (spaced), 100), 2);
  static const char pieces[] = "Content-Type: multipart/mixed; boundary*0=x\r\n\r\n"
                               "--x\r\n\r\na\r\n--x\r\n\r\nb\r\n--x--\r\n";
  assert_int_equal (xf_intake_count_delimiters ((const guint8 *) pieces, strlen (pieces), 100), 3);
}

static void
test_a_million_parts_refused_before_parsing (void **state G_GNUC_UNUSED)
{
  static const char head[] = "From: a@example.org\r\nContent-Type: multipart/mixed;"
                             " boundary=b\r\n\r\n";
  g_autoptr(GString) mail = g_string_new (head);
  g_autoptr(GError) error = NULL;
  XfMailLimits limits = default_limits;

  limits.max_bytes = 64 * 1024 * 1024;  /* the daemon's default */
  /* Five bytes a part: GMime would build all million before the walk
   * counted past the limit. */
  for (guint i = 0; i < 1000 * 1000; i++)
    g_string_append (mail, "--b\n\n");
  g_autoptr(XfMail) parsed = xf_intake_parse_mail ((const guint8 *) mail->str, mail->len,
                                                   &limits, &error);
  assert_null (parsed);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
  assert_non_null (strstr (error->message, "MIME parts"));
}

static void
test_limit_on_depth (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) bytes = read_fixture ("forwarded.eml");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  XfMailLimits limits = default_limits;
  /* multipart/mixed 0, its message/rfc822 1, the forwarded body 2 */
  limits.max_depth = 1;

  g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits, &error);
  assert_null (mail);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
}

static void
test_depth_exactly_at_limit_passes (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) bytes = read_fixture ("forwarded.eml");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  XfMailLimits limits = default_limits;
  limits.max_depth = 2;

  g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &limits, &error);
  assert_non_null (mail);
}

static void
test_not_a_mail_is_invalid_input (void **state G_GNUC_UNUSED)
{
  static const char text[] = "// Not an RFC-822 Document\n\nhello\n";
  g_autoptr(GError) error = NULL;

  g_autoptr(XfMail) mail = xf_intake_parse_mail ((const guint8 *) text, sizeof text - 1,
                                                 &default_limits, &error);
  assert_null (mail);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_string_equal (error->message, "not a parseable e-mail message");
}

static void
test_empty_input_is_invalid_input (void **state G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  g_autoptr(XfMail) mail = xf_intake_parse_mail ((const guint8 *) "", 0, &default_limits, &error);
  assert_null (mail);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
}

static void
test_sample_mail_subject_in_two_padded_words (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) bytes = xf_test_read_data ("samples/mail-1.eml");
  g_autoptr(XfMail) mail = parse_bytes (bytes);

  assert_string_equal (mail->subject, "关于顺舟物流公司拒不申请工伤认定并停发工资的求助");
}

static void
test_from_name_in_two_padded_words (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("From: =?GB2312?B?zuK6ow==?=\n"
                                         " =?GB2312?B?zM4=?= <wuhaitao@example.cn>\n"
                                         "Subject: x\n\n"
                                         "body\n");

  assert_string_equal (mail->from, "吴海涛 <wuhaitao@example.cn>");
}

static void
test_forwarded_subject_in_two_padded_words (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_string ("From: office@example.com\n"
                                         "Content-Type: multipart/mixed; boundary=x\n\n"
                                         "--x\n"
                                         "Content-Type: message/rfc822\n\n"
                                         "From: wugang@example.com\n"
                                         "Subject: =?GB2312?B?uaTJyw==?= =?GB2312?B?srvT6MjPtqg=?=\n"
                                         "Content-Type: text/plain; charset=gb2312\n\n"
                                         "body\n"
                                         "--x--\n");

  assert_non_null (strstr (mail->text, "主题: 工伤不予认定\n"));
}

static void
test_attachment_name_in_two_padded_words_keeps_suffix (void **state G_GNUC_UNUSED)
{
  /* GMime's decoder ends the name at the first word's padding, so ".pdf"
   * and with it the attachment would be lost. */
  g_autoptr(XfMail) mail = parse_string ("From: a@example.com\n"
                                         "Content-Type: multipart/mixed; boundary=x\n\n"
                                         "--x\n"
                                         "Content-Type: application/octet-stream\n"
                                         "Content-Disposition: attachment;\n"
                                         " filename=\"=?GB2312?B?uaTXyg==?=\n"
                                         " =?GB2312?B?zPUucGRm?=\"\n"
                                         "Content-Transfer-Encoding: base64\n\n"
                                         "JVBERi0=\n"
                                         "--x--\n");
  const XfAttachment *pdf = attachment_at (mail, 0);

  assert_string_equal (pdf->filename, "工资条.pdf");
  assert_string_equal (pdf->content_type, "application/pdf");
}

/* ---- xf_intake_decode_text --------------------------------------------- */

static void
test_decode_gb2312_label_with_gbk_bytes (void **state G_GNUC_UNUSED)
{
  /* The To: name of kopano's gb2312_18030.eml: 慶 is GBK (91 63), not
   * GB2312, so a strict GB2312 decoder fails on it. */
  g_autofree char *text = DECODE ("\xC1\xD6\x91\x63\xC3\xC0", "gb2312");

  assert_string_equal (text, "林慶美");
}

static void
test_decode_gbk_aliases (void **state G_GNUC_UNUSED)
{
  static const char *const labels[] = {
    "GBK", "x-gbk", "X-GBK", "cp936", "windows-936", "euc-cn", "x-euc-cn", "GB_2312-80",
    "\"gbk\"", " gb2312 ",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *text = DECODE ("\xCD\xF5\x86\xB4", labels[i]);
      assert_string_equal (text, "王喆");
    }
}

static void
test_decode_big5_label_wins_over_gb18030 (void **state G_GNUC_UNUSED)
{
  /* 陳情 in Big5 is also plain GB18030 (朝薄), so only the label can pick
   * Big5. */
  g_autofree char *labelled = DECODE ("\xB3\xAF\xB1\xA1", "big5");
  g_autofree char *unlabelled = DECODE ("\xB3\xAF\xB1\xA1", NULL);

  assert_string_equal (labelled, "陳情");
  assert_string_equal (unlabelled, "朝薄");
}

static void
test_decode_big5_label_reads_hkscs (void **state G_GNUC_UNUSED)
{
  /* 啱 and 嘢 are HKSCS additions, outside plain Big5. */
  g_autofree char *text = DECODE ("\x95\xDA\x9D\xCF", "big5");

  assert_string_equal (text, "啱嘢");
}

static void
test_decode_unlabelled_big5_with_user_defined_gb_codes (void **state G_GNUC_UNUSED)
{
  /* 養樂多，: A6 68 and A1 41 are user-defined in GB18030, so its reading
   * has private-use characters and Big5 is preferred. */
  g_autofree char *text = DECODE ("\xBE\x69\xBC\xD6\xA6\x68\xA1\x41", NULL);

  assert_string_equal (text, "養樂多，");
}

static void
test_decode_private_use_gb18030_kept_when_big5_fails (void **state G_GNUC_UNUSED)
{
  /* AA A1 is user-defined in GB18030 (U+E000) and 81 40 is not Big5. */
  g_autofree char *text = DECODE ("\xAA\xA1\x81\x40", NULL);

  assert_string_equal (text, "\uE000\u4E02");
}

static void
test_decode_crlf_becomes_lf (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = DECODE ("a\r\nb\r\n\r\nc", "utf-8");

  assert_string_equal (text, "a\nb\n\nc");
}

static void
test_decode_strips_utf8_bom (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = DECODE ("\xEF\xBB\xBF投诉", NULL);

  assert_string_equal (text, "投诉");
}

static void
test_decode_unknown_label_falls_back (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = DECODE ("\xCD\xF5\x86\xB4", "no-such-charset");

  assert_string_equal (text, "王喆");
}

static void
test_decode_empty_is_empty_string (void **state G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = xf_intake_decode_text (NULL, 0, "gbk", &error);

  assert_non_null (text);
  assert_string_equal (text, "");
}

static void
test_decode_invalid_everywhere (void **state G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = xf_intake_decode_text ((const guint8 *) "\x80\xFF\x80", 3, NULL, &error);

  assert_null (text);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT));
  assert_string_equal (error->message, "text is not valid UTF-8, GB18030 or Big5");
}

static void
test_decode_over_size_limit (void **state G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  /* The length is checked before any byte is read. */
  g_autofree char *text = xf_intake_decode_text ((const guint8 *) "x",
                                                 XF_INTAKE_MAX_TEXT_BYTES + 1, NULL, &error);

  assert_null (text);
  assert_true (g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT));
}

/* ---- xf_intake_decode_header ------------------------------------------- */

static void
test_decode_header_padded_words_both_kept (void **state G_GNUC_UNUSED)
{
  g_autofree char *text
    = xf_intake_decode_header ("=?GB2312?B?udjT2suz1tvO78H3uavLvr7csrvJ6sfruaTJy8jPtqg=?= "
                               "=?GB2312?B?sqLNo7eiuaTXyrXEx/PW+g==?=", NULL);

  assert_string_equal (text, "关于顺舟物流公司拒不申请工伤认定并停发工资的求助");
}

static void
test_decode_header_character_split_across_words (void **state G_GNUC_UNUSED)
{
  /* 工会 is E5 B7 A5 E4 BC 9A: the first word ends inside 会. */
  g_autofree char *text = xf_intake_decode_header ("=?utf-8?B?5bel5A==?= =?UTF-8?B?vJo=?=", NULL);

  assert_string_equal (text, "工会");
}

static void
test_decode_header_q_underscores_are_spaces (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_decode_header ("=?utf-8?q?Re:_=E5=B7=A5=e4=bc=9a_help?=", NULL);

  assert_string_equal (text, "Re: 工会 help");
}

static void
test_decode_header_mixed_charsets (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_decode_header ("=?GB2312?B?udjT2g==?= =?utf-8?B?5rGC5Yqp?=", NULL);

  assert_string_equal (text, "关于求助");
}

static void
test_decode_header_plain_text_keeps_its_spaces (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_decode_header (" Re:  =?utf-8?B?5bel5Lya?= 求助 ", NULL);

  assert_string_equal (text, "Re:  工会 求助");
}

static void
test_decode_header_malformed_words_kept (void **state G_GNUC_UNUSED)
{
  static const struct {
    const char *raw;
    const char *text;
  } cases[] = {
    { "=?utf-8?X?5bel5Lya?=", "=?utf-8?X?5bel5Lya?=" },    /* unknown encoding */
    { "=?utf-8?B?5bel5Lya", "=?utf-8?B?5bel5Lya" },        /* no closing ?= */
    { "=?utf-8?B?5bel*5Lya?=", "=?utf-8?B?5bel*5Lya?=" },  /* not base64 */
    { "=??B?5bel5Lya?=", "=??B?5bel5Lya?=" },              /* no charset */
    { "=?utf-8?B?5bel 5Lya?=", "=?utf-8?B?5bel 5Lya?=" },  /* blank inside */
    { "=?utf-8?B?/w==?=", "=?utf-8?B?/w==?=" },            /* 0xFF in no charset */
    /* A malformed word is text, so the blank after it stays. */
    { "=?utf-8?X?a?= =?utf-8?B?5bel5Lya?=", "=?utf-8?X?a?= 工会" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = xf_intake_decode_header (cases[i].raw, NULL);
      assert_string_equal (text, cases[i].text);
    }
}

static void
test_decode_header_folded_lines (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_decode_header (" =?utf-8?B?5bel?=\r\n =?utf-8?B?5Lya?=\r\n"
                                                   "\tand\n more\r\n", NULL);

  assert_string_equal (text, "工会\tand more");
}

static void
test_decode_header_word_glued_to_text (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_decode_header ("Re:=?utf-8?B?5bel5Lya?=求助", NULL);

  assert_string_equal (text, "Re:工会求助");
}

static void
test_decode_header_language_suffix_ignored (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_decode_header ("=?GB2312*zh-cn?B?udjT2g==?=", NULL);

  assert_string_equal (text, "关于");
}

static void
test_decode_header_raw_bytes_read_with_fallback (void **state G_GNUC_UNUSED)
{
  /* 陳情 in Big5 also reads as GB18030 (朝薄); the fallback decides. */
  g_autofree char *text = xf_intake_decode_header ("\xB3\xAF\xB1\xA1 =?utf-8?B?5rGC5Yqp?=", "big5");

  assert_string_equal (text, "陳情 求助");
}

static void
test_decode_header_cut_character_replaced (void **state G_GNUC_UNUSED)
{
  /* 工 and the first byte of 会, as a subject cut to a byte count ends. */
  g_autofree char *text = xf_intake_decode_header ("=?utf-8?B?5bel5A==?=", NULL);

  assert_string_equal (text, "工\uFFFD");
}

static void
test_decode_header_reads_only_the_limit (void **state G_GNUC_UNUSED)
{
  g_autofree char *raw = g_malloc (XF_INTAKE_MAX_HEADER_BYTES + 32);
  memset (raw, 'a', XF_INTAKE_MAX_HEADER_BYTES);
  g_strlcpy (raw + XF_INTAKE_MAX_HEADER_BYTES, " =?utf-8?B?5bel5Lya?=", 32);

  g_autofree char *text = xf_intake_decode_header (raw, NULL);
  assert_int_equal (strlen (text), XF_INTAKE_MAX_HEADER_BYTES);
  assert_null (strchr (text, ' '));
}

static void
test_decode_address_header_quotes_decoded_name (void **state G_GNUC_UNUSED)
{
  /* "Zhang, San" must stay one name, not become two addresses. */
  g_autofree char *text
    = xf_intake_decode_address_header ("=?utf-8?B?WmhhbmcsIFNhbg==?= <zs@example.com>", NULL);

  assert_string_equal (text, "\"Zhang, San\" <zs@example.com>");
}

static void
test_decode_address_header_escapes_inside_quotes (void **state G_GNUC_UNUSED)
{
  g_autofree char *text
    = xf_intake_decode_address_header ("\"=?utf-8?B?5p2OIuaYjg==?=\" <lm@example.com>", NULL);

  assert_string_equal (text, "\"李\\\"明\" <lm@example.com>");
}

/* ---- HTML to text ------------------------------------------------------ */

static void
test_html_entities (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_convert_html ("&#25237;&#x8BC9; a&amp;b &lt;x&gt; &quot;q&quot; "
                                                  "&nbsp;&unknown; AT&T &#0; &#xD800;");

  assert_string_equal (text, "投诉 a&b <x> \"q\"  &unknown; AT&T \uFFFD \uFFFD");
}

static void
test_html_drops_script_style_title_and_comments (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_convert_html ("<TITLE>t</TITLE><Style>p{}</Style>"
                                                  "<script>if (a < b) x();</script>"
                                                  "<!-- <p>hidden</p> -->visible");

  assert_string_equal (text, "visible");
}

static void
test_html_line_breaks_and_blank_line_runs (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_convert_html ("<div>一</div><div>二</div>"
                                                  "<br><br><br><br><p>三</p><ul><li>四<li>五</ul>"
                                                  "<table><tr><td>甲</td><td>乙</td></tr>"
                                                  "<tr><td>丙</td></tr></table>");

  assert_string_equal (text, "一\n二\n\n三\n四\n五\n甲 乙\n丙");
}

static void
test_html_source_line_break_between_cjk_is_removed (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_convert_html ("<p>拖欠\n工资  and\nwages</p>");

  assert_string_equal (text, "拖欠工资 and wages");
}

static void
test_html_pre_keeps_line_breaks (void **state G_GNUC_UNUSED)
{
  g_autofree char *text = xf_intake_convert_html ("<pre>第一行\n  第二行</pre>after");

  assert_string_equal (text, "第一行\n第二行\nafter");
}

static void
test_html_meta_charset_forms (void **state G_GNUC_UNUSED)
{
  static const char meta5[] = "<html><META CHARSET='GBK'>";
  static const char meta4[] = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
  static const char none[] = "<meta name=\"author\" content=\"x\"><p>charset=big5</p>";
  g_autofree char *charset5 = xf_intake_find_html_charset ((const guint8 *) meta5, sizeof meta5 - 1);
  g_autofree char *charset4 = xf_intake_find_html_charset ((const guint8 *) meta4, sizeof meta4 - 1);
  g_autofree char *charset_none = xf_intake_find_html_charset ((const guint8 *) none, sizeof none - 1);

  assert_string_equal (charset5, "GBK");
  assert_string_equal (charset4, "gb2312");
  assert_null (charset_none);
}

/* ---- corpus ------------------------------------------------------------ */

static void
test_corpus_gb2312_label_with_gbk_headers (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("kopano/gb2312_18030.eml");

  /* 讀 (D7 78) and 祐 (B5 76) are GBK-only; the '?'s are in the source. */
  assert_string_equal (mail->subject, "讀取: ??排??生?a");
  assert_string_equal (mail->from, "梁祐晟 <some.address@some.domain>");
}

static void
test_corpus_raw_big5_headers (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("kopano/big5.eml");

  assert_string_equal (mail->subject, "養樂多線上訂購");
  assert_string_equal (mail->from, "養樂多 <c@y>");
  assert_string_equal (mail->text, "body");
}

static void
test_corpus_raw_gb2312_headers (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("flanker/charset-gb2312.eml");

  assert_string_equal (mail->subject, "提示：您的企业成员暂时无法登录邮件客户端");
  assert_string_equal (mail->from, "腾讯企业邮箱 <10000@qq.com>");
  assert_non_null (strstr (mail->text, "尊敬的管理员："));
}

static void
test_corpus_gmime_big5_file (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) big5 = read_corpus_mail ("gmime/chinese.big5.txt");
  g_autoptr(GBytes) utf8 = read_corpus_mail ("gmime/chinese.utf-8.txt");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (big5, &length);
  g_autofree char *text = xf_intake_decode_text (data, length, "big5", &error);
  g_autofree char *expected = g_strndup (g_bytes_get_data (utf8, NULL), g_bytes_get_size (utf8));

  assert_non_null (text);
  /* The Big5 file is GMime's lossy conversion of the UTF-8 one: the 129
   * characters Big5 lacks (Japanese forms such as 続 学 歓) were dropped.
   * So the decoded text is the UTF-8 file minus exactly those. */
  const char *want = expected;
  glong dropped = 0;
  for (const char *got = text; *got != '\0'; got = g_utf8_next_char (got))
    {
      gunichar c = g_utf8_get_char (got);
      while (*want != '\0' && g_utf8_get_char (want) != c)
        {
          assert_true (g_utf8_get_char (want) > 0x7F);
          dropped++;
          want = g_utf8_next_char (want);
        }
      assert_true (*want != '\0');
      want = g_utf8_next_char (want);
    }
  dropped += g_utf8_strlen (want, -1);
  assert_int_equal (dropped, 129);
  assert_int_equal (g_utf8_strlen (text, -1), 665);
}

static void
test_corpus_gb2312_spam_phone_twice (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("spamscope/mail_test_12.redacted.eml");
  const char *first = strstr (mail->text, "13800000000");

  assert_non_null (first);
  assert_non_null (strstr (first + 1, "13800000000"));
  assert_string_equal (mail->subject, "代开各地增值税发票");
  assert_string_equal (mail->from, "张先生 <baoguan@hotmail.com>");
}

static void
test_corpus_x_gbk_label (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("php-imap/gbk_charset.eml");

  assert_string_equal (mail->subject, "Nuu");
  assert_string_equal (mail->text, "Hi");
}

static void
test_corpus_gb2312_subject_in_two_words (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("spamscope/mail_test_9.eml");

  /* 这 ends the first word and 种 starts the second. */
  assert_non_null (strstr (mail->subject, "这种场合"));
  assert_int_equal (g_utf8_strlen (mail->subject, -1), 30);
}

static void
test_corpus_character_split_across_q_words (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("kopano/encoded-word-split.eml");

  /* ☺ is E2 98 BA, one byte per word; then UTF-16 words cut mid-unit. */
  assert_true (g_str_has_prefix (mail->subject, "☺ vų. "));
}

static void
test_corpus_ks_c_5601_label (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("php-imap/ks_c_5601-1987_headers.eml");

  assert_string_equal (mail->subject, "RE: 회원님께 Ersi님이 메시지를 보냈습니다.");
  assert_string_equal (mail->from, "김 현진 <from@there.com>");
}

static void
test_corpus_from_name_in_padded_words (void **state G_GNUC_UNUSED)
{
  g_autoptr(XfMail) mail = parse_corpus_mail ("ruby-mail/error_emails/bad_subject.eml");

  assert_string_equal (mail->from, "\"MySurvey.com & Carol Adams\" <carol@mysurvey.com>");
  assert_string_equal (mail->subject, "MySurvey.com:  You have a survey waiting!  91123105");
}

static void
collect_files (const char *folder, GPtrArray *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  const char *name;

  if (dir == NULL)
    fail_msg ("cannot open %s: %s", folder, error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          collect_files (path, paths);
          g_free (path);
        }
      else
        g_ptr_array_add (paths, path);
    }
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
test_corpus_sweep (void **state G_GNUC_UNUSED)
{
  const char *corpus = xf_test_corpus_or_skip ();
  g_autofree char *folder = g_build_filename (corpus, "mail", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint parsed = 0;
  guint with_text = 0;

  collect_files (folder, paths);
  g_ptr_array_sort (paths, compare_paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GBytes) bytes = xf_test_read (path);
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, &default_limits, &error);

      if (mail == NULL)
        {
          if (!g_error_matches (error, XF_ERROR, XF_ERROR_INVALID_INPUT)
              && !g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT))
            fail_msg ("%s: unexpected error: %s", path, error->message);
          continue;
        }
      assert_mail_utf8 (mail);
      parsed++;
      if (mail->text[0] != '\0')
        with_text++;
    }
  print_message ("corpus sweep: %u files, %u parsed, %u with text\n", paths->len, parsed, with_text);
  assert_true (with_text >= CORPUS_FILES_WITH_TEXT_FLOOR);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_utf8_base64_subject),
    cmocka_unit_test (test_utf8_base64_from),
    cmocka_unit_test (test_message_id_without_brackets),
    cmocka_unit_test (test_utf8_base64_body_with_lf_line_ends),
    cmocka_unit_test (test_gb2312_label_reads_gbk_body),
    cmocka_unit_test (test_gb2312_label_reads_gbk_headers),
    cmocka_unit_test (test_html_only_alternative_becomes_text),
    cmocka_unit_test (test_alternative_prefers_plain_text),
    cmocka_unit_test (test_attachments_exclude_zip),
    cmocka_unit_test (test_tiff_attachment_with_rfc2231_name),
    cmocka_unit_test (test_octet_stream_pdf_kept_by_name),
    cmocka_unit_test (test_inline_png_kept_with_lower_case_type),
    cmocka_unit_test (test_forwarded_message_follows_separator),
    cmocka_unit_test (test_forwarded_message_keeps_outer_headers),
    cmocka_unit_test (test_raw_big5_headers_read_with_body_charset),
    cmocka_unit_test (test_leading_blank_lines_and_mbox_line),
    cmocka_unit_test (test_undecodable_text_part_is_skipped),
    cmocka_unit_test (test_inline_text_parts_joined_by_blank_line),
    cmocka_unit_test (test_multipart_without_boundary_keeps_body),
    cmocka_unit_test (test_html_meta_charset_used_without_parameter),
    cmocka_unit_test (test_garbled_charset_parameter_falls_back_to_meta),
    cmocka_unit_test (test_limit_on_bytes_checked_before_parsing),
    cmocka_unit_test (test_limit_on_parts),
    cmocka_unit_test (test_delimiters_counted_before_parsing),
    cmocka_unit_test (test_a_million_parts_refused_before_parsing),
    cmocka_unit_test (test_limit_on_depth),
    cmocka_unit_test (test_depth_exactly_at_limit_passes),
    cmocka_unit_test (test_not_a_mail_is_invalid_input),
    cmocka_unit_test (test_empty_input_is_invalid_input),
    cmocka_unit_test (test_sample_mail_subject_in_two_padded_words),
    cmocka_unit_test (test_from_name_in_two_padded_words),
    cmocka_unit_test (test_forwarded_subject_in_two_padded_words),
    cmocka_unit_test (test_attachment_name_in_two_padded_words_keeps_suffix),
    cmocka_unit_test (test_decode_gb2312_label_with_gbk_bytes),
    cmocka_unit_test (test_decode_gbk_aliases),
    cmocka_unit_test (test_decode_big5_label_wins_over_gb18030),
    cmocka_unit_test (test_decode_big5_label_reads_hkscs),
    cmocka_unit_test (test_decode_unlabelled_big5_with_user_defined_gb_codes),
    cmocka_unit_test (test_decode_private_use_gb18030_kept_when_big5_fails),
    cmocka_unit_test (test_decode_crlf_becomes_lf),
    cmocka_unit_test (test_decode_strips_utf8_bom),
    cmocka_unit_test (test_decode_unknown_label_falls_back),
    cmocka_unit_test (test_decode_empty_is_empty_string),
    cmocka_unit_test (test_decode_invalid_everywhere),
    cmocka_unit_test (test_decode_over_size_limit),
    cmocka_unit_test (test_decode_header_padded_words_both_kept),
    cmocka_unit_test (test_decode_header_character_split_across_words),
    cmocka_unit_test (test_decode_header_q_underscores_are_spaces),
    cmocka_unit_test (test_decode_header_mixed_charsets),
    cmocka_unit_test (test_decode_header_plain_text_keeps_its_spaces),
    cmocka_unit_test (test_decode_header_malformed_words_kept),
    cmocka_unit_test (test_decode_header_folded_lines),
    cmocka_unit_test (test_decode_header_word_glued_to_text),
    cmocka_unit_test (test_decode_header_language_suffix_ignored),
    cmocka_unit_test (test_decode_header_raw_bytes_read_with_fallback),
    cmocka_unit_test (test_decode_header_cut_character_replaced),
    cmocka_unit_test (test_decode_header_reads_only_the_limit),
    cmocka_unit_test (test_decode_address_header_quotes_decoded_name),
    cmocka_unit_test (test_decode_address_header_escapes_inside_quotes),
    cmocka_unit_test (test_html_entities),
    cmocka_unit_test (test_html_drops_script_style_title_and_comments),
    cmocka_unit_test (test_html_line_breaks_and_blank_line_runs),
    cmocka_unit_test (test_html_source_line_break_between_cjk_is_removed),
    cmocka_unit_test (test_html_pre_keeps_line_breaks),
    cmocka_unit_test (test_html_meta_charset_forms),
    cmocka_unit_test (test_corpus_gb2312_label_with_gbk_headers),
    cmocka_unit_test (test_corpus_raw_big5_headers),
    cmocka_unit_test (test_corpus_raw_gb2312_headers),
    cmocka_unit_test (test_corpus_gmime_big5_file),
    cmocka_unit_test (test_corpus_gb2312_spam_phone_twice),
    cmocka_unit_test (test_corpus_x_gbk_label),
    cmocka_unit_test (test_corpus_gb2312_subject_in_two_words),
    cmocka_unit_test (test_corpus_character_split_across_q_words),
    cmocka_unit_test (test_corpus_ks_c_5601_label),
    cmocka_unit_test (test_corpus_from_name_in_padded_words),
    cmocka_unit_test (test_corpus_sweep),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
