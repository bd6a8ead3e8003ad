/* fax-prep IN OUT [IN OUT...]: writes each page image IN as the OCR
 * engine's model sees it (xf_ocr_ready_page: square pixels, cleaned by the
 * default steps), so that the fax model is trained on exactly what it will
 * read.  Part of make fax-model (tools/make-fax-model.sh). */
#include <leptonica/allheaders.h>
#include <stdio.h>

#include "ocr/ocr-private.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XfOcrEngine) engine = NULL;

  if (argc < 3 || argc % 2 != 1)
    {
      fprintf (stderr, "usage: fax-prep IN OUT [IN OUT...]\n");
      return 2;
    }
  engine = xf_ocr_engine_new ("chi_sim", &error);
  if (engine == NULL)
    {
      fprintf (stderr, "fax-prep: %s\n", error->message);
      return 1;
    }
  for (int i = 1; i + 1 < argc; i += 2)
    {
      g_autoptr(PIX) pix = pixRead (argv[i]);
      g_autoptr(PIX) ready = NULL;
      int resolution = 0;
      gboolean standard_fax = FALSE;

      if (pix != NULL)
        ready = xf_ocr_ready_page (engine, pix, &resolution, &standard_fax);
      if (ready == NULL)
        {
          fprintf (stderr, "fax-prep: %s: cannot read or convert the page\n",
                   argv[i]);
          return 1;
        }
      pixSetResolution (ready, resolution, resolution);
      if (pixWrite (argv[i + 1], ready, IFF_PNG) != 0)
        {
          fprintf (stderr, "fax-prep: %s: cannot write\n", argv[i + 1]);
          return 1;
        }
    }
  return 0;
}
