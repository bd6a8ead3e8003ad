/* Shared test helpers: temporary folders, fixtures, and the binary. */
#include "tests/testutil.h"
#include "common/common.h"
#include <sqlite3.h>

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

char *
xf_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("xinfang-test-XXXXXX", &error);

  if (dir == NULL)
    g_error ("cannot make a temporary folder: %s", error->message);
  return dir;
}

void
xf_test_remove_tree (const char *path)
{
  xf_remove_tree (path);
}

char *
xf_test_data (const char *name)
{
  const char *src = g_getenv ("XINFANG_SRCDIR");
  return g_build_filename (src ? src : ".", "testdata", name, NULL);
}

const char *
xf_test_corpus (void)
{
  const char *corpus = g_getenv ("CORPUS");
  if (corpus == NULL || *corpus == '\0'
      || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    return NULL;
  return corpus;
}

int
xf_test_run (const char *const *argv, char **out, char **err)
{
  const char *bin = g_getenv ("XINFANG_BIN");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (args, (gpointer) (bin ? bin : "build/asan/xinfang"));
  for (const char *const *a = argv; *a != NULL; a++)
    g_ptr_array_add (args, (gpointer) *a);
  g_ptr_array_add (args, NULL);
  if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL,
                     NULL, out, err, &status, &error))
    g_error ("cannot run %s: %s", (char *) args->pdata[0], error->message);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

GPid
xf_test_spawn (const char *const *argv, const char *log_path)
{
  const char *bin = g_getenv ("XINFANG_BIN");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;
  int fd = open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  if (fd < 0)
    g_error ("cannot write %s: %s", log_path, g_strerror (errno));
  g_ptr_array_add (args, (gpointer) (bin ? bin : "build/asan/xinfang"));
  for (const char *const *a = argv; *a != NULL; a++)
    g_ptr_array_add (args, (gpointer) *a);
  g_ptr_array_add (args, NULL);
  if (!g_spawn_async_with_fds (NULL, (char **) args->pdata, NULL,
                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                               -1, fd, fd, &error))
    g_error ("cannot run %s: %s", (char *) args->pdata[0], error->message);
  close (fd);
  return pid;
}

int
xf_test_wait (GPid pid, guint timeout_ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  int status = 0;

  for (;;)
    {
      pid_t r = waitpid (pid, &status, WNOHANG);
      if (r == pid)
        break;
      if (r < 0 && errno != EINTR)
        return -1;
      if (g_get_monotonic_time () >= until)
        return -1;
      g_usleep (20 * 1000);
    }
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

guint
xf_test_count_files (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += xf_test_count_files (child);
      else
        n++;
    }
  g_dir_close (dir);
  return n;
}

/* A PNG signature and an IHDR chunk claiming @w x @h pixels, nothing else. */
GBytes *
xf_test_png_header (guint32 w, guint32 h)
{
  static const guint8 sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  GByteArray *a = g_byte_array_new ();
  guint8 dims[8] = { w >> 24, w >> 16, w >> 8, w, h >> 24, h >> 16, h >> 8, h };
  /* depth, colour type, ..., a CRC, then padding where the image data
   * would be: a small file that only claims a huge picture */
  guint8 rest[9 + 64] = { 8, 0 };

  g_byte_array_append (a, sig, sizeof sig);
  g_byte_array_append (a, dims, sizeof dims);
  g_byte_array_append (a, rest, sizeof rest);
  return g_byte_array_free_to_bytes (a);
}

/* A little-endian TIFF of @n empty directories chained one after another. */
GBytes *
xf_test_tiff_chain (guint n)
{
  GByteArray *a = g_byte_array_new ();
  guint8 header[8] = { 'I', 'I', 42, 0, 8, 0, 0, 0 };

  g_byte_array_append (a, header, sizeof header);
  for (guint i = 0; i < n; i++)
    {
      guint32 next = i + 1 < n ? 8 + (i + 1) * 6 : 0;
      guint8 ifd[6] = { 0, 0, next, next >> 8, next >> 16, next >> 24 };
      g_byte_array_append (a, ifd, sizeof ifd);
    }
  return g_byte_array_free_to_bytes (a);
}


GBytes *
xf_test_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    fail_msg ("cannot read %s: %s", path, error->message);
  return g_bytes_new_take (contents, length);
}

GBytes *
xf_test_read_data (const char *name)
{
  g_autofree char *path = xf_test_data (name);
  return xf_test_read (path);
}

const char *
xf_test_corpus_or_skip (void)
{
  const char *corpus = xf_test_corpus ();

  if (corpus == NULL)
    {
      print_message ("corpus not found (set CORPUS=DIR): corpus test skipped\n");
      skip ();
    }
  return corpus;
}

int
xf_test_run_in (const char *home, char **out, char **err, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *a;

  g_ptr_array_add (args, (gpointer) "--home");
  g_ptr_array_add (args, (gpointer) home);
  va_start (ap, err);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return xf_test_run ((const char *const *) args->pdata, out, err);
}

char *
xf_test_query (const char *home, const char *sql)
{
  g_autofree char *path = g_build_filename (home, "xinfang.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL),
                    SQLITE_OK);
  assert_int_equal (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
