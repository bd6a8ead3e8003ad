/* Recognition with Tesseract's C API: one engine per process (or worker),
 * its model loaded once and reused for every page (and the standard-fax
 * model likewise, the first time such a fax comes).  Pages are brought to
 * square pixels at scanning resolution first, since a standard fax
 * (204 x 98 dpi) read as it is squashes every character to half height. */
#define G_LOG_DOMAIN "xf-ocr"
#include <gio/gio.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#include "ocr/ocr-private.h"

#include <limits.h>
#include <math.h>
#include <string.h>

struct XfOcrEngine {
  TessBaseAPI *api;
  char *languages;
  TessBaseAPI *osd;  /* orientation detection, loaded when first needed */
  TessBaseAPI *fax;  /* the standard-fax model, loaded when first needed */
  gboolean no_fax;   /* ... or found unusable: the main model reads them */
  guint steps;       /* XfOcrSteps */
};

/* The model for standard-resolution faxes (docs/fax-model.md): Debian's
 * chi_sim trained further on lines of fictional letters faxed at 98 lines
 * per inch, where the thin horizontal strokes of a serif face are lost. */
#define FAX_MODEL_RESOURCE "/cn/xinfang/chi_sim_fax.traineddata"

static const struct {
  const char *name;
  XfOcrSteps step;
} step_names[] = {
  { "grey", XF_OCR_STEP_GREY },
  { "orient", XF_OCR_STEP_ORIENT },
  { "deskew", XF_OCR_STEP_DESKEW },
  { "normalise", XF_OCR_STEP_NORMALISE },
  { "binarise", XF_OCR_STEP_BINARISE },
  { "despeckle", XF_OCR_STEP_DESPECKLE },
  { "correct", XF_OCR_STEP_CORRECT },
  { "fax-model", XF_OCR_STEP_FAX_MODEL },
};

gboolean
xf_ocr_steps_parse (const char *list, guint *steps, GError **error)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  *steps = 0;
  if (g_str_equal (list, "none"))
    return TRUE;
  if (g_str_equal (list, "default"))
    {
      *steps = XF_OCR_STEPS_DEFAULT;
      return TRUE;
    }
  for (char **name = names; *name != NULL; name++)
    {
      gboolean found = FALSE;
      g_strstrip (*name);
      for (gsize i = 0; i < G_N_ELEMENTS (step_names) && !found; i++)
        if (g_str_equal (*name, step_names[i].name))
          {
            *steps |= step_names[i].step;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                       "unknown clean-up step '%s' (grey, orient, deskew,"
                       " normalise, binarise, despeckle, correct, fax-model,"
                       " default, none)",
                       *name);
          return FALSE;
        }
    }
  return TRUE;
}

void
xf_ocr_engine_set_steps (XfOcrEngine *engine, guint steps)
{
  engine->steps = steps;
}

/* Resolution below which a page is scaled up: Tesseract's models are tuned
 * for text at about 300 dpi, but a fax at 204 dpi reads better as it is
 * than interpolated to 300 (raw CER 1.42 against 1.79 % on the training
 * letters' fine faxes, in 60 % of the time). */
#define MIN_DPI 200
#define TARGET_DPI 300
/* Longer than A3 (16.5 in) and than a legal-size fax (14 in), with room
 * for a long fax page. */
#define MAX_PAGE_INCHES 24.0

XfOcrEngine *
xf_ocr_engine_new (const char *languages, GError **error)
{
  g_autoptr(XfOcrEngine) engine = g_new0 (XfOcrEngine, 1);

  g_return_val_if_fail (languages != NULL, NULL);
  xf_ocr_quiet_leptonica ();

  engine->languages = g_strdup (languages);
  engine->api = TessBaseAPICreate ();
  if (TessBaseAPIInit3 (engine->api, NULL, languages) != 0)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_CONFIG,
                   "cannot load the Tesseract language data '%s' (on Debian:"
                   " apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng)",
                   languages);
      return NULL;
    }
  /* Tesseract's progress and debug chatter would go to stderr. */
  TessBaseAPISetVariable (engine->api, "debug_file", "/dev/null");
  engine->steps = XF_OCR_STEPS_DEFAULT;
  return g_steal_pointer (&engine);
}

void
xf_ocr_engine_free (XfOcrEngine *engine)
{
  if (engine == NULL)
    return;
  if (engine->api != NULL)
    {
      TessBaseAPIEnd (engine->api);
      TessBaseAPIDelete (engine->api);
    }
  if (engine->osd != NULL)
    {
      TessBaseAPIEnd (engine->osd);
      TessBaseAPIDelete (engine->osd);
    }
  if (engine->fax != NULL)
    {
      TessBaseAPIEnd (engine->fax);
      TessBaseAPIDelete (engine->fax);
    }
  g_free (engine->languages);
  g_free (engine);
}

void
xf_ocr_page_free (XfOcrPage *page)
{
  if (page == NULL)
    return;
  g_free (page->text);
  if (page->image != NULL)
    g_bytes_unref (page->image);
  if (page->words != NULL)
    g_array_unref (page->words);
  g_free (page);
}

void
xf_ocr_word_clear (gpointer data)
{
  XfOcrWord *word = data;
  g_free (word->text);
}

/* A page Tesseract can take: no colour map, 1, 8 or 32 bits, square
 * pixels at about 300 dpi.  Returns a new PIX and the resolution, and
 * whether the page is a standard-resolution fax: bilevel, with at most
 * two thirds of the resolution down that it has across (204 x 98 dpi, and
 * the 200 x 100 of some machines). */
static PIX *
prepare_page (PIX *pix, int *resolution, gboolean *standard_fax)
{
  g_autoptr(PIX) work = NULL;
  l_int32 xres = 0, yres = 0;
  double sx = 1.0, sy = 1.0;
  int res;

  /* What is transparent is the paper: an alpha channel laid on white (read
   * as it is, transparent black paper would be black). */
  if (pixGetDepth (pix) == 32 && pixGetSpp (pix) == 4)
    work = pixAlphaBlendUniform (pix, 0xffffff00);
  else if (pixGetColormap (pix) != NULL)
    work = pixRemoveColormap (pix, REMOVE_CMAP_BASED_ON_SRC);
  else if (pixGetDepth (pix) != 1 && pixGetDepth (pix) != 8
           && pixGetDepth (pix) != 32)
    work = pixConvertTo8 (pix, FALSE);
  else
    work = pixClone (pix);
  if (work == NULL)
    return NULL;

  pixGetResolution (pix, &xres, &yres);
  /* A fax page that lost its resolution (TIFF Class F requires it) is
   * still a fax: bilevel, on a fax machine's scan line, 204 dpi across
   * and, by its height, 98 or 196 down. */
  if (xres <= 0 && yres <= 0 && pixGetDepth (pix) == 1
      && xf_ocr_is_fax_width ((guint32) pixGetWidth (pix)))
    {
      xres = 204;
      yres = pixGetHeight (pix) < pixGetWidth (pix) ? 98 : 196;
    }
  if (xres <= 0)
    xres = yres;
  else if (yres <= 0)
    yres = xres;
  /* A resolution that makes the page larger than any paper is no scan's
   * (a photo's "72 dpi", a stray 1 dpi), and scaling by it would blow a
   * small image up to gigabytes: such pages, and pages without one, are
   * taken as they are, as if at 300 dpi. */
  if (xres <= 0 || yres <= 0
      || (double) pixGetWidth (pix) / xres > MAX_PAGE_INCHES
      || (double) pixGetHeight (pix) / yres > MAX_PAGE_INCHES)
    xres = yres = TARGET_DPI;

  *standard_fax = pixGetDepth (pix) == 1 && xres >= 1.5 * yres;

  /* Square the pixels on the finer axis, then bring low resolutions up. */
  res = MAX (xres, yres);
  sx = (double) res / xres;
  sy = (double) res / yres;
  if (res < MIN_DPI)
    {
      sx *= (double) TARGET_DPI / res;
      sy *= (double) TARGET_DPI / res;
      res = TARGET_DPI;
    }
  /* Nor does squaring the pixels of a page with one axis far finer than
   * the other (200 x 2400 dpi) make it larger than the largest paper at
   * 300 dpi: no page grows past MAX_PAGE_INCHES x 300 pixels a side,
   * squared. */
  if (sx * sy > 1.0
      && (double) pixGetWidth (pix) * sx * (double) pixGetHeight (pix) * sy
         > (MAX_PAGE_INCHES * TARGET_DPI) * (MAX_PAGE_INCHES * TARGET_DPI))
    {
      sx = sy = 1.0;
      res = TARGET_DPI;
    }
  *resolution = res;

  if (fabs (sx - 1.0) < 0.02 && fabs (sy - 1.0) < 0.02)
    return g_steal_pointer (&work);

  /* Scaling a bilevel fax as grey interpolates instead of replicating
   * pixels, which keeps strokes smooth for the recogniser. */
  if (pixGetDepth (work) == 1)
    {
      PIX *grey = pixConvertTo8 (work, FALSE);
      pixDestroy (&work);
      work = grey;
      if (work == NULL)
        return NULL;
    }
  PIX *scaled = pixScale (work, (l_float32) sx, (l_float32) sy);
  if (scaled != NULL)
    pixSetResolution (scaled, res, res);
  return scaled;
}

/* Replaces *@pix with @next when the step produced one. */
static void
take (PIX **pix, PIX *next)
{
  if (next == NULL)
    return;
  pixDestroy (pix);
  *pix = next;
}

/* Quarter turns that put the text upright, from Tesseract's orientation
 * and script detection (it knows Han), or 0 when unsure. */
static int
upright_quarters (XfOcrEngine *engine, PIX *pix)
{
  int degrees = 0;
  float orientation_conf = 0, script_conf = 0;
  const char *script = NULL;

  if (engine->osd == NULL)
    {
      engine->osd = TessBaseAPICreate ();
      if (TessBaseAPIInit3 (engine->osd, NULL, "osd") != 0)
        {
          TessBaseAPIDelete (engine->osd);
          engine->osd = NULL;
          engine->steps &= ~XF_OCR_STEP_ORIENT;  /* no osd data: skip */
          return 0;
        }
      TessBaseAPISetVariable (engine->osd, "debug_file", "/dev/null");
    }
  /* Orientation needs the shapes of characters, not their detail: half
   * the resolution is enough and takes a quarter of the time. */
  g_autoptr(PIX) small = pixScale (pix, 0.5f, 0.5f);
  TessBaseAPISetImage2 (engine->osd, small != NULL ? small : pix);
  TessBaseAPISetSourceResolution (engine->osd, small != NULL ? 150 : 300);
  if (!TessBaseAPIDetectOrientationScript (engine->osd, &degrees,
                                           &orientation_conf, &script,
                                           &script_conf))
    degrees = 0;
  TessBaseAPIClear (engine->osd);
  g_debug ("orientation %d degrees, confidence %.2f, script %s (%.2f)",
           degrees, orientation_conf, script ? script : "?", script_conf);
  /* An upright page is the common case.  The angle is trusted only when
   * the detector also saw the script being read: on a degraded page (a
   * standard-resolution fax in a serif face) it may call upright Chinese
   * "Japanese, upside down", and turning that page costs all its text. */
  if (orientation_conf < 2.0f || script == NULL
      || (!g_str_equal (script, "Han")
          && !(g_str_equal (script, "Latin")
               && strstr (engine->languages, "eng") != NULL)))
    return 0;
  /* Tesseract gives the angle the page is turned clockwise; turning it
   * back is the same number of quarters the other way. */
  return ((360 - degrees) / 90) % 4;
}

/* The grain of the paper: the standard deviation of grey within the
 * quietest tenth of 32-pixel tiles, which are blank paper on any letter.
 * A rendered, faxed or JPEG page gives 0; a noisy scan 14. */
static unsigned
paper_noise (PIX *grey)
{
  g_autoptr(PIX) tiles = pixGetAverageTiled (grey, 32, 32,
                                              L_STANDARD_DEVIATION);
  l_uint32 noise = 0;

  if (tiles == NULL || pixGetRankValue (tiles, 1, 0.1f, &noise) != 0)
    return 0;
  return noise;
}

/* Sauvola's k: how far below the local mean, in local deviations, ink
 * begins.  On grainy paper the strokes of a blurred scan are lighter and
 * the background busier, and a lower k keeps the thin strokes (training
 * scans, raw CER 2.49 -> 2.36 %) where on quiet paper it thickens them
 * (training clean pages 1.12 -> 1.29 %); so the page's grain chooses. */
#define NOISY_PAPER 4
static float
sauvola_k (PIX *grey)
{
  return paper_noise (grey) >= NOISY_PAPER ? 0.25f : 0.35f;
}

/* The clean-up steps, each kept only where measurement showed it pays for
 * its time (bench/README.md). */
static PIX *
clean_page (XfOcrEngine *engine, PIX *pix)
{
  PIX *work = pixClone (pix);

  if ((engine->steps & XF_OCR_STEP_GREY) && pixGetDepth (work) == 32)
    take (&work, pixConvertRGBToLuminance (work));
  if (engine->steps & XF_OCR_STEP_DESKEW)
    take (&work, pixDeskew (work, 0));
  if ((engine->steps & XF_OCR_STEP_NORMALISE) && pixGetDepth (work) == 8)
    take (&work, pixBackgroundNormSimple (work, NULL, NULL));
  if ((engine->steps & XF_OCR_STEP_BINARISE) && pixGetDepth (work) == 8)
    {
      PIX *binary = NULL;
      /* In tiles of about 500 pixels the running sums stay small: the
       * same result as one tile, in half the memory and 20 % less time
       * per page (the sums of a whole page are 70 MB of doubles). */
      int nx = MAX (1, (pixGetWidth (work) + 499) / 500);
      int ny = MAX (1, (pixGetHeight (work) + 499) / 500);
      if (pixSauvolaBinarizeTiled (work, 25, sauvola_k (work), nx, ny, NULL,
                                   &binary) == 0)
        take (&work, binary);
    }
  if ((engine->steps & XF_OCR_STEP_DESPECKLE) && pixGetDepth (work) == 1)
    /* Specks no bigger than 2 x 2 pixels at 300 dpi are noise, not ink:
     * the dot of a full stop is larger. */
    take (&work, pixSelectBySize (work, 2, 2, 8, L_SELECT_IF_EITHER,
                                  L_SELECT_IF_GT, NULL));
  return work;
}

static GArray *
collect_words (TessBaseAPI *api)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (XfOcrWord));
  g_autoptr(TessResultIterator) it = TessBaseAPIGetIterator (api);

  g_array_set_clear_func (words, xf_ocr_word_clear);
  if (it == NULL)
    return words;
  do
    {
      char *text = TessResultIteratorGetUTF8Text (it, RIL_WORD);
      const TessPageIterator *pit = TessResultIteratorGetPageIteratorConst (it);
      int left, top, right, bottom;
      XfOcrWord word = { 0 };

      if (text == NULL)
        continue;
      if (TessPageIteratorBoundingBox (pit, RIL_WORD, &left, &top, &right,
                                       &bottom))
        {
          word.box[0] = left;
          word.box[1] = top;
          word.box[2] = right - left;
          word.box[3] = bottom - top;
        }
      word.text = g_strdup (text);
      word.confidence = TessResultIteratorConfidence (it, RIL_WORD) / 100.0;
      TessDeleteText (text);
      g_array_append_val (words, word);
    }
  while (TessResultIteratorNext (it, RIL_WORD));
  return words;
}

static GBytes *
encode_png (PIX *pix)
{
  l_uint8 *data = NULL;
  size_t size = 0;

  if (pixWriteMemPng (&data, &size, pix, 0.0) != 0 || data == NULL)
    return NULL;
  GBytes *bytes = g_bytes_new (data, size);
  lept_free (data);
  return bytes;
}

/* The model that reads a standard fax, owned by @engine: the fax model,
 * loaded the first time one comes, or the engine's own model if the fax
 * model cannot be loaded. */
static TessBaseAPI *
fax_api (XfOcrEngine *engine)
{
  if (engine->fax == NULL && !engine->no_fax)
    {
      g_autoptr(GBytes) model = g_resources_lookup_data (
          FAX_MODEL_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      gsize size = 0;
      const char *data = model != NULL ? g_bytes_get_data (model, &size)
                                       : NULL;
      TessBaseAPI *api = TessBaseAPICreate ();

      if (data == NULL || size > INT_MAX
          || TessBaseAPIInit5 (api, data, (int) size, "chi_sim_fax",
                               OEM_LSTM_ONLY, NULL, 0, NULL, NULL, 0,
                               FALSE) != 0)
        {
          g_warning ("the standard-fax model cannot be loaded; the main"
                     " model reads standard faxes");
          TessBaseAPIDelete (api);
          engine->no_fax = TRUE;
        }
      else
        {
          TessBaseAPISetVariable (api, "debug_file", "/dev/null");
          engine->fax = api;
        }
    }
  return engine->fax != NULL ? engine->fax : engine->api;
}

/* The model for a page, owned by @engine: the fax model for a standard fax
 * when the step is on and the engine reads chi_sim alone (the fax model is
 * chi_sim trained further, and one loaded from memory cannot be combined
 * with another language's), else the engine's own. */
static TessBaseAPI *
model_for (XfOcrEngine *engine, gboolean standard_fax)
{
  if (standard_fax && (engine->steps & XF_OCR_STEP_FAX_MODEL)
      && g_str_equal (engine->languages, "chi_sim"))
    return fax_api (engine);
  return engine->api;
}

/* Recognises @ready with @api into a new page, or NULL with @error set. */
static XfOcrPage *
recognise (XfOcrEngine *engine, TessBaseAPI *api, PIX *ready, int resolution,
           guint n, GError **error)
{
  XfOcrPage *page;
  g_autofree char *spaced = NULL;
  char *raw;

  TessBaseAPISetImage2 (api, ready);
  TessBaseAPISetSourceResolution (api, resolution);
  if (TessBaseAPIRecognize (api, NULL) != 0)
    {
      TessBaseAPIClear (api);
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "page %u could not be recognised", n);
      return NULL;
    }
  page = g_new0 (XfOcrPage, 1);
  raw = TessBaseAPIGetUTF8Text (api);
  page->n = n;
  page->words = collect_words (api);
  spaced = xf_ocr_space_gaps (raw != NULL ? raw : "", page->words);
  page->text = xf_ocr_tidy_text (spaced);
  if (engine->steps & XF_OCR_STEP_CORRECT)
    {
      /* What the standard-fax model misreads is counted apart. */
      const XfOcrLm *lm = api == engine->fax ? xf_ocr_lm_builtin_fax ()
                                             : xf_ocr_lm_builtin ();
      char *corrected = xf_ocr_correct_text (lm, page->text);
      g_free (page->text);
      page->text = corrected;
    }
  if (raw != NULL)
    TessDeleteText (raw);
  page->confidence = MAX (0, TessBaseAPIMeanTextConf (api)) / 100.0;
  page->width = pixGetWidth (ready);
  page->height = pixGetHeight (ready);
  TessBaseAPIClear (api);
  return page;
}

PIX *
xf_ocr_ready_page (XfOcrEngine *engine, PIX *pix, int *resolution,
                   gboolean *standard_fax)
{
  PIX *ready = prepare_page (pix, resolution, standard_fax);

  if (ready != NULL)
    take (&ready, clean_page (engine, ready));
  return ready;
}

/* Below this mean confidence a page may be upside down or sideways.  An
 * upright letter reads at 0.8-0.9; a turned one as garbage near 0.3-0.5. */
#define DOUBTFUL_CONFIDENCE 0.70

static XfOcrPage *
read_page (XfOcrEngine *engine, PIX *pix, guint n, gboolean keep_image,
           GError **error)
{
  g_autoptr(XfOcrPage) page = NULL;
  g_autoptr(PIX) ready = NULL;
  int resolution = TARGET_DPI;
  gboolean standard_fax = FALSE;
  TessBaseAPI *api;

  ready = xf_ocr_ready_page (engine, pix, &resolution, &standard_fax);
  if (ready == NULL)
    {
      g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
                   "page %u cannot be converted for recognition", n);
      return NULL;
    }
  api = model_for (engine, standard_fax);
  page = recognise (engine, api, ready, resolution, n, error);
  if (page == NULL)
    return NULL;

  /* Orientation is checked only for a page that read badly, so upright
   * pages (nearly all) pay nothing for it; a turned reading is kept only if
   * it reads better. */
  if ((engine->steps & XF_OCR_STEP_ORIENT)
      && page->confidence < DOUBTFUL_CONFIDENCE)
    {
      int quarters = upright_quarters (engine, ready);
      g_autoptr(PIX) turned = quarters != 0 ? pixRotateOrth (ready, quarters)
                                            : NULL;
      g_autoptr(XfOcrPage) again = NULL;

      if (turned != NULL)
        again = recognise (engine, api, turned, resolution, n, NULL);
      if (again != NULL && again->confidence > page->confidence)
        {
          g_debug ("page %u read turned by %d quarter(s): %.2f > %.2f", n,
                   quarters, again->confidence, page->confidence);
          xf_ocr_page_free (g_steal_pointer (&page));
          page = g_steal_pointer (&again);
        }
    }

  if (keep_image)
    page->image = encode_png (pix);
  return g_steal_pointer (&page);
}

/* A PDF, one page at a time so that only one rendering is in memory: a
 * real text layer is taken as it is, other pages are rendered at 300 dpi
 * and read. */
static GPtrArray *
read_pdf (XfOcrEngine *engine, const guint8 *data, gsize length,
          const XfOcrLimits *limits, GError **error)
{
  g_autoptr(XfOcrPdf) pdf = xf_ocr_pdf_open (data, length, limits, error);
  g_autoptr(GPtrArray) pages = NULL;
  guint count;

  if (pdf == NULL)
    return NULL;
  count = xf_ocr_pdf_count_pages (pdf);
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) xf_ocr_page_free);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(XfOcrPdfPage) source = xf_ocr_pdf_read_page (pdf, i, error);
      XfOcrPage *page;

      if (source == NULL)
        return NULL;  /* its error names the page */
      if (source->text != NULL)
        {
          page = g_new0 (XfOcrPage, 1);
          page->n = i + 1;
          page->text = xf_ocr_tidy_text (source->text);
          page->confidence = 1.0;  /* born-digital text: nothing guessed */
          page->width = source->width;
          page->height = source->height;
          page->words = g_array_new (FALSE, TRUE, sizeof (XfOcrWord));
          g_array_set_clear_func (page->words, xf_ocr_word_clear);
        }
      else
        {
          /* A rendering is not the original: keep it for the review page. */
          page = read_page (engine, source->pix, i + 1, TRUE, error);
          if (page == NULL)
            return NULL;
        }
      g_ptr_array_add (pages, page);
    }
  return g_steal_pointer (&pages);
}

/* Below this mean word confidence, a page of many words holds no text at
 * all.  Measured on the corpus's faxes and on made-up images: noise reads
 * at 0.02-0.05, a photograph at about 0.10, a poor but real page at 0.23
 * and more; a blank page has no words. */
#define ILLEGIBLE_CONFIDENCE 0.08
#define ILLEGIBLE_WORDS 10

/* FALSE, with an error, when no page of @pages holds legible text and at
 * least one is garbage read out of noise or a picture: such a file is no
 * letter, and its "text" would be filed as one. */
static gboolean
any_legible (const GPtrArray *pages, GError **error)
{
  double best = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      const XfOcrPage *page = g_ptr_array_index (pages, i);

      if (page->words->len < ILLEGIBLE_WORDS
          || page->confidence >= ILLEGIBLE_CONFIDENCE)
        return TRUE;
      best = MAX (best, page->confidence);
    }
  if (pages->len == 0)
    return TRUE;
  g_set_error (error, XF_ERROR, XF_ERROR_INVALID_INPUT,
               "no legible text on %s (confidence %.2f): noise or a picture, "
               "not a letter", pages->len == 1 ? "its page" : "any page",
               best);
  return FALSE;
}

static GPtrArray *
read_image (XfOcrEngine *engine, const guint8 *data, gsize length,
            const XfOcrLimits *limits, GError **error)
{
  g_autoptr(GPtrArray) pages = NULL;
  XfOcrImage image;

  if (!xf_ocr_image_open (&image, data, length, limits, error))
    return NULL;

  /* One page decoded at a time, as a PDF's are rendered. */
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) xf_ocr_page_free);
  for (guint i = 0; i < image.pages; i++)
    {
      g_autoptr(PIX) pix = xf_ocr_image_page (&image, i, error);
      XfOcrPage *page;

      if (pix == NULL)
        return NULL;
      /* A one-page file is its own page image; pages of a multi-page file
       * are kept as PNG each, for the review page. */
      page = read_page (engine, pix, i + 1, image.pages > 1, error);
      if (page == NULL)
        return NULL;
      g_ptr_array_add (pages, page);
    }
  return g_steal_pointer (&pages);
}

GPtrArray *
xf_ocr_read (XfOcrEngine *engine, const guint8 *data, gsize length,
             const XfOcrLimits *limits, GError **error)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (engine != NULL && limits != NULL, NULL);
  if (xf_ocr_looks_like_pdf (data, length))
    pages = read_pdf (engine, data, length, limits, error);
  else
    pages = read_image (engine, data, length, limits, error);
  if (pages == NULL || !any_legible (pages, error))
    return NULL;
  return g_steal_pointer (&pages);
}
