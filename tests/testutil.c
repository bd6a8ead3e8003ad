/* Shared test helpers: temporary folders, fixtures, and the binary. */
#include "tests/testutil.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/wait.h>

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
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR)
              && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            xf_test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
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
