/* Internals shared by the OCR module's files and its tests. */
#pragma once

#include "ocr/ocr.h"
#include "common/common.h"

/* A PNG, JPEG or TIFF whose every page header has been checked against
 * the limits.  Its pages are decoded one at a time (xf_ocr_image_page), so
 * that a long TIFF has only one page in memory. */
typedef struct {
  const guint8 *data;   /* the file, not owned: it outlives the image */
  gsize length;
  guint pages;
  gboolean tiff;
  const char *name;     /* "PNG" or "JPEG" when not a TIFF */
} XfOcrImage;

/* Checks @data against @limits from its headers alone (bytes, pages,
 * pixels per page) and fills @image.  FALSE with @error set when it is no
 * image xinfang reads or breaks a limit. */
gboolean xf_ocr_image_open (XfOcrImage *image, const guint8 *data,
                            gsize length, const XfOcrLimits *limits,
                            GError **error);

/* TRUE when @data starts as an image xinfang reads (TIFF, PNG, JPEG),
 * by its signature, whatever else it holds. */
gboolean xf_ocr_is_image (const guint8 *data, gsize length);

/* TRUE for a fax machine's scan line width in pels: 1728 for A4, 2048
 * for B4, 2432 for A3 (ITU-T T.4). */
gboolean xf_ocr_is_fax_width (guint32 width);

/* Page @i (from 0) of @image decoded: a new PIX (pixDestroy), or NULL with
 * @error set. */
struct Pix *xf_ocr_image_page (const XfOcrImage *image, guint i,
                               GError **error);

/* Silences Leptonica's own messages on stderr (once per process): its
 * failures come back to the caller as errors naming the file instead. */
void xf_ocr_quiet_leptonica (void);

/* A new PIX (pixDestroy): @pix brought to square pixels at about 300 dpi
 * (204 for a fax) and cleaned by @engine's steps, the image its model
 * reads.  Sets the resolution and whether the page is a standard-resolution
 * fax, which the fax model reads.  NULL when the page cannot be converted.
 * Also used outside the module by tools/fax-model/prep.c, so that the fax
 * model is trained on exactly the images it will read. */
struct Pix *xf_ocr_ready_page (XfOcrEngine *engine, struct Pix *pix,
                               int *resolution, gboolean *standard_fax);

/* Frees the text of an XfOcrWord held in a GArray. */
void xf_ocr_word_clear (gpointer word);

/* Tesseract's page text @raw with a space put back where its words
 * (@words, XfOcrWord in reading order, as read into @raw) show a gap the
 * text does not: chi_sim writes no space between Chinese words however far
 * apart they stand, so 8月”29 across two table columns reads as one run.
 * Only a word that opens with a quotation mark glued to text, standing
 * more than half the page's character height right of the word before,
 * gets its space, so that xf_ocr_tidy_text() can tell the mark is made
 * up.  Returns a new string (g_free); @raw unchanged when the words do
 * not match it. */
char *xf_ocr_space_gaps (const char *raw, const GArray *words);

/* The workers' process ids, for tests that kill one mid-job. */
GArray *xf_ocr_pool_pids_for_testing (XfOcrPool *pool);
/* Lowers the bound on one result from a worker (2 GiB): what workers
 * started from now on will send, and what the pool will take. */
void xf_ocr_pool_set_max_message_for_testing (XfOcrPool *pool, guint64 bytes);

/* PDF input (ocr/pdf.c).  A document is opened once, with every limit
 * checked, and read a page at a time, so a long PDF never holds more than
 * one rendered page in memory. */
typedef struct XfOcrPdf XfOcrPdf;

/* One page of a PDF: exactly one of @text and @pix is set. */
typedef struct {
  char *text;         /* the page's text layer, UTF-8, when it holds real
                         text (xf_ocr_text_layer_is_real); else NULL */
  struct Pix *pix;    /* otherwise the page rendered at 300 dpi: 32 bpp RGB,
                         resolution set to 300 x 300; else NULL */
  int width, height;  /* the page in pixels at 300 dpi, either way */
} XfOcrPdfPage;

/* TRUE when @data holds a PDF header ("%PDF-") in its first 1024 bytes. */
gboolean xf_ocr_looks_like_pdf (const guint8 *data, gsize length);

/* Opens the PDF in @data (copied; the caller's buffer may go) after
 * checking @limits: file bytes, page count, and every page's size in
 * pixels at 300 dpi, all before any page is rendered.  Returns the
 * document (xf_ocr_pdf_free) or NULL with XF_ERROR_LIMIT (naming the
 * [ocr] key), XF_ERROR_UNSUPPORTED (encrypted with a user password) or
 * XF_ERROR_INVALID_INPUT (empty, not a readable PDF, no pages). */
XfOcrPdf *xf_ocr_pdf_open (const guint8 *data, gsize length,
                           const XfOcrLimits *limits, GError **error);
void xf_ocr_pdf_free (XfOcrPdf *pdf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfOcrPdf, xf_ocr_pdf_free)

/* How many pages the open document has (1 to [ocr] max_pages). */
guint xf_ocr_pdf_count_pages (XfOcrPdf *pdf);

/* Page @index (0-based): its text layer when that holds real text,
 * otherwise the page rendered at 300 dpi.  Returns a new page
 * (xf_ocr_pdf_page_free) or NULL with @error set (XF_ERROR_INVALID_INPUT
 * for a page poppler cannot read or an oversized text layer). */
XfOcrPdfPage *xf_ocr_pdf_read_page (XfOcrPdf *pdf, guint index,
                                    GError **error);
void xf_ocr_pdf_page_free (XfOcrPdfPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfOcrPdfPage, xf_ocr_pdf_page_free)

/* TRUE when a page's text layer is the letter rather than a stamp or
 * garbage: valid UTF-8 with at least 20 visible characters, at most one in
 * ten of them a replacement, control or private-use character (what a
 * font without a Unicode map gives). */
gboolean xf_ocr_text_layer_is_real (const char *text);

/* The OCR text correction (ocr/correct.c): counts of the letters' language
 * (characters, pairs and triples) and of the recogniser's misreadings. */
typedef struct XfOcrLm XfOcrLm;

/* Parses what tools/ocr-lm.py writes; NULL with XF_ERROR_INVALID_INPUT
 * naming @origin when @data is not that. */
XfOcrLm *xf_ocr_lm_parse (const char *data, gsize length, const char *origin,
                          GError **error);
/* Adds the counts of @data, in the same form, to @lm's; FALSE as above,
 * and @lm then holds part of @data and is to be freed. */
gboolean xf_ocr_lm_add (XfOcrLm *lm, const char *data, gsize length,
                        const char *origin, GError **error);
/* How much likelier (natural log) another character must make the text
 * to replace the one read; 2 unless set. */
void xf_ocr_lm_set_margin (XfOcrLm *lm, double margin);
void xf_ocr_lm_free (XfOcrLm *lm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfOcrLm, xf_ocr_lm_free)
/* The counts compiled in (ocr/ocr-lang.txt.gz and ocr/ocr-lm.txt), parsed
 * once per process. */
const XfOcrLm *xf_ocr_lm_builtin (void);
/* The same with the standard-fax model's misreadings added
 * (ocr/ocr-fax-lm.txt) and a margin of 1: for the pages that model reads.
 * It shares the language of xf_ocr_lm_builtin(). */
const XfOcrLm *xf_ocr_lm_builtin_fax (void);
/* @text with each character the recogniser is known to misread replaced
 * by the one it likelier stands for; blanks and line breaks kept.
 * Returns a new string (g_free). */
char *xf_ocr_correct_text (const XfOcrLm *lm, const char *text);
