/* What the files of classify/ share and nobody else uses: a letter's text as
 * folded code points, the Chinese numeral reader, and one finder per field. */
#pragma once

#include "classify/classify.h"

G_BEGIN_DECLS

/* A letter's text as one code point per character, folded for matching:
 * full-width digits, letters and the number signs (＋－．％) become ASCII,
 * ideographic and no-break spaces a plain space, and a broken UTF-8 byte
 * U+FFFD.  Chinese punctuation is kept, since it separates sentences.
 * OCR look-alikes inside numbers are read as the digits they stand for
 * (1386O123456, 25OO元, l.2万): O o D as 0, l I | as 1, Z z as 2, S s as 5,
 * B as 8, and @swapped marks each one so a value built on them is flagged
 * as repaired. */
typedef struct {
  gunichar *chars;    /* folded */
  gunichar *raw;      /* as written, for values quoted from the letter */
  gboolean *swapped;  /* chars[i] is a digit read from a look-alike */
  gsize length;
  gboolean damaged;   /* some swapped[i]: xf_classify_text_damaged() */
} XfText;

/* Letters run to a few thousand characters; past this many a text is not
 * a letter, and the finders read only its beginning. */
#define XF_TEXT_MAX_CHARS 200000

/* Folds @utf8 (any bytes), at most XF_TEXT_MAX_CHARS of it.  Free with
 * xf_classify_text_free(). */
XfText *xf_classify_text_new (const char *utf8);
void xf_classify_text_free (XfText *text);
/* Whether OCR has visibly damaged @text: a look-alike read as a digit.
 * Such a letter's stray spaces may split names anywhere. */
gboolean xf_classify_text_damaged (const XfText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfText, xf_classify_text_free)

/* The number of characters of @word (UTF-8) when @text holds it at @at,
 * 0 otherwise. */
gsize xf_classify_text_match (const XfText *text, gsize at, const char *word);

/* Like xf_classify_text_match(), for @word ending just before @end. */
gsize xf_classify_text_match_before (const XfText *text, gsize end,
                                     const char *word);

/* Whether @c ends a clause: a full stop, comma, semicolon, ! or ?, or a
 * line break. */
gboolean xf_classify_text_is_clause_end (gunichar c);

/* Whether @c ends a sentence: a full stop, ! or ?, or a line break. */
gboolean xf_classify_text_is_sentence_end (gunichar c);

/* Whether one of @words ends at @start, no more than @window characters
 * back and with no character @is_end says ends the stretch between. */
gboolean xf_classify_text_before_until (const XfText *text, gsize start,
                                        gsize window, const char *const *words,
                                        gboolean (*is_end) (gunichar c));

/* Whether one of @words (NULL-terminated) ends before @start in the same
 * clause, at most @window characters back. */
gboolean xf_classify_text_before_in_clause (const XfText *text, gsize start,
                                            gsize window,
                                            const char *const *words);

/* Whether one of @words starts at @at or after it in the same clause,
 * within @window characters. */
gboolean xf_classify_text_after_in_clause (const XfText *text, gsize at,
                                           gsize window,
                                           const char *const *words);

/* The first word of the NULL-terminated @words found at @at (its length),
 * or 0; _before: ending just before @end.  Lists are written longest first
 * where one word begins another. */
gsize xf_classify_text_match_any (const XfText *text, gsize at,
                                  const char *const *words);
gsize xf_classify_text_match_any_before (const XfText *text, gsize end,
                                         const char *const *words);

/* Whether @word occurs in @text between @start and @end. */
gboolean xf_classify_text_contains (const XfText *text, gsize start, gsize end,
                                    const char *word);

/* The folded characters @start..@end as UTF-8 (g_free). */
char *xf_classify_text_slice (const XfText *text, gsize start, gsize end);

gboolean xf_classify_is_han (gunichar c);
/* One of the common single-character surnames (names.c). */
gboolean xf_classify_is_surname (gunichar c);

/* An ASCII digit.  (g_ascii_isdigit() casts to a byte, so 贰, U+8D30,
 * would pass as '0'.) */
static inline gboolean
xf_classify_is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

/* Sentence and clause ends: 。，；！？、：, their ASCII forms, newlines. */
gboolean xf_classify_is_separator (gunichar c);

/* Industry words that say what an organisation does, not which one it is
 * (建筑, 食品, 客运). */
extern const char *const xf_classify_generic_words[];

/* The heads of a mail's or a fax cover's header lines, before their colon:
 * to whom (收：, 收件人：, 致：, To:) and from whom (发：, 发件人：, From:).
 * NULL-terminated, longest first where one word ends another. */
extern const char *const xf_classify_addressee_heads[];
extern const char *const xf_classify_sender_heads[];

/* Words that give an employer's new name, before it (改制为, 现在叫; used
 * by the employer finder for the successor and by the repeat cues), and
 * words that say a letter is written for a relative (替我父亲写, 代笔). */
extern const char *const xf_classify_renamed_words[];
extern const char *const xf_classify_scribe_words[];
/* Words for kin (妈妈, 弟弟, 老伴…): whom a scribe writes for (替我弟弟…
 * 写), whose relative a writer says he is (我是钟小兵的妈妈). */
extern const char *const xf_classify_kin_words[];

/* Whether the letter is written for someone else (one of the scribe
 * words), not telling of what was written for someone before
 * (帮她写过材料). */
gboolean xf_classify_writes_for_another (const XfText *text);

/* Whether @at is on a header line one of @heads starts (收：…, 发：…), in
 * its reach: up to the end of the line, a clause or the next head. */
gboolean xf_classify_on_header_line (const XfText *letter, gsize at,
                                     const char *const *heads);

/* A number read from a letter. */
typedef struct {
  double value;         /* whole value; 2.7万 is 27000 */
  gsize end;            /* the index just after the number and its suffix */
  gboolean approximate; /* 多, 余, 来, 几 or 约 said it is a round figure */
  gboolean has_digit;   /* some digit was written (几千 has none) */
  gboolean has_unit;    /* a unit 十百千万亿 was written */
  gboolean arabic;      /* some of it was written in Arabic digits */
  gboolean vague;       /* 几 stood in it: 十几万 is no sum to file */
} XfNumber;

/* Reads the number that starts at @start: Arabic digits (4,800 and 2.7 too),
 * Chinese numerals (一二三…, 两, 〇/零, the financial 壹贰叁…, the units
 * 十百千万亿), or both mixed (1.5万, 1万2千, 3千5百), with the suffixes
 * 多/余/来/几 that make a figure approximate, and the k and w of a quick
 * e-mail (6.2k is 6200, 1.5w is 15000).  The elliptical 三千五 is
 * 3500 and 一万五 is 15000.  Returns FALSE when no number starts there;
 * 百/千/万/亿 alone never start one (千万 is "by all means"). */
gboolean xf_classify_read_number (const XfText *text, gsize start,
                                  XfNumber *number);

/* The value of a Chinese digit (零〇 to 九, 两, 幺 and the financial
 * forms), or -1. */
int xf_classify_chinese_digit (gunichar c);

/* Whether the number at @start..@end is said to be money: a unit after it
 * (元, 块, 块钱, 圆) or a currency before it (￥, 人民币, RMB). */
gboolean xf_classify_is_money (const XfText *text, gsize start, gsize end);

/* Whether a number may start at @at (a digit or a Chinese numeral that is
 * not preceded by another digit or numeral). */
gboolean xf_classify_number_starts (const XfText *text, gsize at);

/* The field finders, one per file.  Each returns a new field
 * (xf_field_free) or NULL; @scale is the OCR confidence. */
XfField *xf_classify_find_name (const XfText *text, double scale);
/* The boss a letter names (老板叫胡志刚, 包工头邱大富, 胡志刚的公司), or
 * NULL (g_free). */
char *xf_classify_find_boss (const XfText *text);
XfField *xf_classify_find_employer (const XfText *text, double scale,
                                    XfField **uscc);
XfField *xf_classify_find_amount (const XfText *text, double scale);
XfField *xf_classify_find_headcount (const XfText *text, double scale,
                                     gboolean named_writer);

XfField *xf_classify_field_new (const char *name, char *value,
                                double confidence);

G_END_DECLS
