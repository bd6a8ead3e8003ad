/* Helpers the tests share: temporary home folders, fixture paths, and
 * running the built binary. */
#pragma once

#include <glib.h>

/* A new empty folder under the system temporary folder (g_free); removed
 * with xf_test_remove_tree(). */
char *xf_test_make_dir (void);
void xf_test_remove_tree (const char *path);

/* The path of @name under the source tree's testdata/ (g_free). */
char *xf_test_data (const char *name);

/* The shared corpus folder, or NULL when it is absent (tests then skip). */
const char *xf_test_corpus (void);

/* Runs build/.../xinfang with @argv (NULL-terminated, without the program
 * name).  Returns the exit status; @out and @err get the output (g_free). */
int xf_test_run (const char *const *argv, char **out, char **err);

/* Starts build/.../xinfang with @argv in the background, its stdout and
 * stderr going to @log_path.  Reap it with xf_test_wait(). */
GPid xf_test_spawn (const char *const *argv, const char *log_path);

/* Waits up to @timeout_ms for @pid to end.  Returns its exit status (128 +
 * the signal when killed), or -1 when it is still running. */
int xf_test_wait (GPid pid, guint timeout_ms);

/* Runs xinfang --home @home and the arguments after @err, up to NULL;
 * as xf_test_run(). */
int xf_test_run_in (const char *home, char **out, char **err, ...)
    G_GNUC_NULL_TERMINATED;

/* The first column of the first row @sql gives in @home's store, as text
 * (g_free), or NULL when there is no row. */
char *xf_test_query (const char *home, const char *sql);

/* Counts the regular files below @dir. */
guint xf_test_count_files (const char *dir);

/* A PNG that is a signature and an IHDR claiming @w x @h pixels, nothing
 * more: a small file that only claims a huge picture. */
GBytes *xf_test_png_header (guint32 w, guint32 h);

/* A little-endian TIFF of @n empty directories chained one after another. */
GBytes *xf_test_tiff_chain (guint n);

/* The bytes of @path; fails the test when it cannot be read. */
GBytes *xf_test_read (const char *path);

/* The bytes of testdata/@name (e.g. "samples/fax-1.tif"). */
GBytes *xf_test_read_data (const char *name);

/* The corpus folder; when it is absent, skips the calling test with a
 * message saying so. */
const char *xf_test_corpus_or_skip (void);
