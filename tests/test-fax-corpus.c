/* Every TIFF of the shared fax corpus (real faxes: G3 1-D and 2-D, G4, fine
 * and standard resolution, odd fill orders, a JBIG one) goes through OCR in
 * the worker pool: each one reads, or fails with a clear error, and the
 * pool carries on. */
#include "ocr/ocr.h"
#include "common/common.h"
#include "tests/testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void
collect_tiffs (const char *dir, GPtrArray *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_tiffs (path, out);
      else if (g_str_has_suffix (name, ".tif") || g_str_has_suffix (name, ".tiff"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static gint
by_name (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
test_every_corpus_fax_reads_or_fails_clearly (void **state)
{
  const char *corpus = NULL;
  g_autofree char *fax_dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (
      (GDestroyNotify) g_bytes_unref);
  const XfOcrLimits limits = { 64 * 1024 * 1024, 60 * 1000 * 1000, 200 };
  g_autoptr(XfOcrPool) pool = NULL;
  guint next = 0, finished = 0, read = 0;

  (void) state;
  corpus = xf_test_corpus_or_skip ();
  fax_dir = g_build_filename (corpus, "fax", NULL);
  collect_tiffs (fax_dir, files);
  g_ptr_array_sort (files, by_name);
  assert_true (files->len >= 20);
  for (guint i = 0; i < files->len; i++)
    {
      char *data = NULL;
      gsize length = 0;
      assert_true (g_file_get_contents (files->pdata[i], &data, &length, NULL));
      g_ptr_array_add (contents, g_bytes_new_take (data, length));
    }

  pool = xf_ocr_pool_new ("chi_sim", 2, &limits, 300, 0);
  while (finished < files->len)
    {
      while (next < files->len && xf_ocr_pool_idle (pool) > 0)
        {
          g_autoptr(GError) error = NULL;
          gsize length;
          const guint8 *data = g_bytes_get_data (contents->pdata[next], &length);
          assert_true (xf_ocr_pool_submit (pool, next, data, length, &error));
          next++;
        }
      guint64 tag = 0;
      GPtrArray *pages = NULL;
      g_autoptr(GError) job_error = NULL;
      assert_true (xf_ocr_pool_collect (pool, &tag, &pages, &job_error));
      g_autofree char *name = g_path_get_basename (files->pdata[tag]);
      if (pages != NULL)
        {
          print_message ("  %-40s %u page(s), %zu chars\n", name, pages->len,
                         strlen (((XfOcrPage *) pages->pdata[0])->text));
          read++;
          g_ptr_array_unref (pages);
        }
      else
        {
          /* A clear error: our domain, a reason, and not a worker crash. */
          assert_non_null (job_error);
          assert_true (job_error->domain == XF_ERROR);
          assert_true (strlen (job_error->message) > 10);
          assert_null (strstr (job_error->message, "died"));
          print_message ("  %-40s error: %s\n", name, job_error->message);
        }
      finished++;
    }
  print_message ("  %u of %u corpus faxes read\n", read, files->len);
  /* Measured: 19 of 21 read.  The two that fail, with clear errors: JBIG
   * (a compression Debian's libtiff does not decode) and a 1 x 65537 G4
   * strip Tesseract cannot lay out.  Must not drop. */
  assert_true (read >= 19);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_every_corpus_fax_reads_or_fails_clearly),
  };
  return cmocka_run_group_tests_name ("fax-corpus", tests, NULL, NULL);
}
