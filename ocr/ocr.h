/* OCR: loads page images (PNG, JPEG, TIFF including CCITT fax pages with
 * non-square pixels) within limits checked before decoding, and reads them
 * with Tesseract.  Takes bytes in and gives page structs out; never touches
 * the store. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct XfOcrEngine XfOcrEngine;

typedef struct {
  gint64 max_file_bytes;
  gint64 max_pixels;   /* per page, width x height as stored */
  gint64 max_pages;
} XfOcrLimits;

typedef struct {
  char *text;          /* UTF-8 */
  double confidence;   /* 0..1 */
  int box[4];          /* x, y, width, height in the page image's pixels */
} XfOcrWord;

typedef struct {
  guint n;             /* 1-based */
  char *text;          /* UTF-8, tidied (no spaces between Chinese) */
  double confidence;   /* 0..1, Tesseract's mean word confidence */
  int width, height;   /* of the image OCR saw, after resampling */
  GBytes *image;       /* PNG of the page when it is not the whole input
                          (pages of a multi-page TIFF); NULL otherwise */
  GArray *words;       /* XfOcrWord */
} XfOcrPage;

void xf_ocr_page_free (XfOcrPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfOcrPage, xf_ocr_page_free)

/* The page clean-up steps, applied in this order after a page is brought
 * to square pixels at about 300 dpi.  Each can be switched on or off to
 * measure what it earns (xinfang ocr --steps, make bench). */
typedef enum {
  XF_OCR_STEP_GREY = 1 << 0,       /* colour to luminance */
  XF_OCR_STEP_ORIENT = 1 << 1,     /* upside-down and 90-degree pages */
  XF_OCR_STEP_DESKEW = 1 << 2,
  XF_OCR_STEP_NORMALISE = 1 << 3,  /* background (grey paper, shading) */
  XF_OCR_STEP_BINARISE = 1 << 4,   /* Sauvola, local threshold */
  XF_OCR_STEP_DESPECKLE = 1 << 5,  /* on binary pages */
  XF_OCR_STEP_CORRECT = 1 << 6,    /* misread characters set right by the
                                      letters' language (ocr/correct.c) */
  XF_OCR_STEP_FAX_MODEL = 1 << 7,  /* standard faxes read by the model
                                      trained on them (docs/fax-model.md) */
} XfOcrSteps;

/* What measurement kept (bench/README.md): deskewing made every condition
 * worse (Tesseract copes with a few degrees itself, and rotating blurs the
 * strokes), so it is left out; Sauvola binarisation with despeckling
 * earned the most on noisy scans. */
#define XF_OCR_STEPS_DEFAULT                                                \
  (XF_OCR_STEP_GREY | XF_OCR_STEP_ORIENT | XF_OCR_STEP_NORMALISE             \
   | XF_OCR_STEP_BINARISE | XF_OCR_STEP_DESPECKLE | XF_OCR_STEP_CORRECT    \
   | XF_OCR_STEP_FAX_MODEL)

/* Parses "deskew,normalise" (or "default", "none") into @steps. */
gboolean xf_ocr_steps_parse (const char *list, guint *steps, GError **error);

/* Loads the Tesseract model for @languages ("chi_sim", "chi_sim+eng") once.
 * Returns the engine (xf_ocr_engine_free) or NULL with XF_ERROR_CONFIG
 * saying which language data is missing. */
XfOcrEngine *xf_ocr_engine_new (const char *languages, GError **error);
void xf_ocr_engine_free (XfOcrEngine *engine);

/* Chooses the clean-up steps (XF_OCR_STEPS_DEFAULT unless set). */
void xf_ocr_engine_set_steps (XfOcrEngine *engine, guint steps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfOcrEngine, xf_ocr_engine_free)

/* Reads every page of the image in @data.  Limits are checked from the
 * headers before any page is decoded (XF_ERROR_LIMIT); undecodable data is
 * XF_ERROR_INVALID_INPUT.  Returns an array of XfOcrPage* in page order
 * (g_ptr_array_unref), or NULL with @error set. */
GPtrArray *xf_ocr_read (XfOcrEngine *engine, const guint8 *data,
                        gsize length, const XfOcrLimits *limits,
                        GError **error);

/* Tidies Tesseract's text for Chinese: removes the spaces it puts between
 * Chinese characters (spaces inside Latin and number runs stay), sets
 * punctuation full-width in Chinese and half-width in numbers, and sets
 * right the marks the model misreads by rules of Chinese typography: a
 * dash read as 一 between digits, （ read as 〈《【 when its partner is ）,
 * a quote with no partner standing at a gap (dropped), the digit 1 read
 * as ].  Strips trailing blanks, keeps line breaks.  Returns a new string
 * (g_free). */
char *xf_ocr_tidy_text (const char *text);

/* TRUE when @data is a TIFF whose first page has a fax machine's scan line
 * width (1728 pixels for A4, 2048 for B4, 2432 for A3: ITU-T T.4), which
 * tells a fax from a mailroom scan without trusting the file name. */
gboolean xf_ocr_looks_like_fax (const guint8 *data, gsize length);
/* A pool of OCR worker processes, each with its own engine.  A worker
 * that crashes, runs past @timeout_seconds or over @memory_limit bytes of
 * address space (0: none) costs its file an error (XF_ERROR_WORKER) and is
 * replaced.  No
 * process starts until the first job.  Free with xf_ocr_pool_free(). */
typedef struct XfOcrPool XfOcrPool;

XfOcrPool *xf_ocr_pool_new (const char *languages, guint workers,
                            const XfOcrLimits *limits, guint timeout_seconds,
                            guint64 memory_limit);
void xf_ocr_pool_free (XfOcrPool *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfOcrPool, xf_ocr_pool_free)

/* The clean-up steps the workers use; call before the first job. */
void xf_ocr_pool_set_steps (XfOcrPool *pool, guint steps);

/* How many workers have no job. */
guint xf_ocr_pool_idle (XfOcrPool *pool);

/* Hands the image in @data to an idle worker, with @tag to know it by.
 * FALSE with an error when no worker can take it. */
gboolean xf_ocr_pool_submit (XfOcrPool *pool, guint64 tag, const guint8 *data,
                             gsize length, GError **error);

/* Waits for one job to finish.  Returns FALSE when no job is running;
 * otherwise TRUE with its @tag and either @pages (XfOcrPage*, the caller
 * unrefs) or @job_error set (the job failed: bad input, limit, timeout, a
 * worker that died). */
gboolean xf_ocr_pool_collect (XfOcrPool *pool, guint64 *tag, GPtrArray **pages,
                              GError **job_error);

/* One job, start to finish, on an otherwise idle pool: xf_ocr_read() in a
 * worker. */
GPtrArray *xf_ocr_pool_read (XfOcrPool *pool, const guint8 *data,
                             gsize length, GError **error);

G_END_DECLS
