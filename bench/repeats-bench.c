/* The repeat check at scale: a store filled with N synthetic cases (10 k,
 * 100 k, 1 M), each with the keys a filed letter puts in the repeat index
 * (ID number, phone, name with employer, and 16 text-signature band keys)
 * and a signature; then the time to find the candidates of one new letter
 * (xf_store_repeat_candidates, the index lookup and the candidates'
 * signatures), over letters that repeat a case and letters that are new.
 *
 *   build/repeats-bench [--dir DIR] [--queries Q] N...
 *
 * Prints, per N: median and p99 time of the check, the index's size on
 * disk (case_keys and its index, from dbstat), the whole database's size,
 * and peak RSS.  The stores are kept in DIR and reused by later runs.
 * The synthetic cases are written straight into the tables (foreign keys
 * off on this connection): filing a million letters one by one would
 * measure the filing, not the check. */
#include "store/store-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define BANDS 16

/* The keys of synthetic case @i: the same @i always gives the same keys. */
static char **
case_keys (guint64 i, gboolean new_letter)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (i * 2654435761u
                                                            + new_letter));
  GPtrArray *keys = g_ptr_array_new ();

  g_ptr_array_add (keys, g_strdup_printf ("id:%06u19%02u%02u%02u%04u",
                                          g_rand_int_range (rand, 110000, 660000),
                                          g_rand_int_range (rand, 50, 99),
                                          g_rand_int_range (rand, 1, 13),
                                          g_rand_int_range (rand, 1, 29),
                                          g_rand_int_range (rand, 0, 10000)));
  g_ptr_array_add (keys, g_strdup_printf ("phone:1%u%09u",
                                          g_rand_int_range (rand, 3, 10),
                                          g_rand_int_range (rand, 0, 1000000000)));
  g_ptr_array_add (keys, g_strdup_printf ("ne:%u|%u",
                                          g_rand_int_range (rand, 0, 50000),
                                          g_rand_int_range (rand, 0, 200000)));
  for (int b = 0; b < BANDS; b++)
    g_ptr_array_add (keys, g_strdup_printf ("lsh:%d:%u", b, g_rand_int (rand)));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

static gboolean
fill (XfStore *store, guint n, GError **error)
{
  g_autoptr(XfSqliteStmt) add_case = NULL;
  g_autoptr(XfSqliteStmt) add_key = NULL;
  g_autoptr(XfSqliteStmt) add_sig = NULL;
  g_autoptr(XfSqliteStmt) add_doc = NULL;
  char signature[1200];
  gint64 t0 = g_get_monotonic_time ();

  if (!xf_store_exec (store->db, "PRAGMA foreign_keys = OFF;"
                                 "PRAGMA synchronous = OFF;"
                                 "BEGIN", error))
    return FALSE;
  add_case = xf_store_prepare (store,
                  "INSERT INTO cases (id, number, year, seq, created_at, topic)"
                  " VALUES (?1, printf ('XF-2026-%07d', ?1), 2026, ?1,"
                  " '2026-01-01T00:00:00+08:00', 'wages')", error);
  add_key = xf_store_prepare (store,
                  "INSERT OR IGNORE INTO case_keys (key, case_id, document_id)"
                  " VALUES (?, ?, ?)", error);
  add_sig = xf_store_prepare (store,
                  "INSERT INTO document_signatures (document_id, signature)"
                  " VALUES (?, ?)", error);
  add_doc = xf_store_prepare (store,
                  "INSERT INTO case_documents (document_id, case_id, linked_at)"
                  " VALUES (?1, ?1, '2026-01-01T00:00:00+08:00')", error);
  if (add_case == NULL || add_key == NULL || add_sig == NULL || add_doc == NULL)
    return FALSE;
  /* A signature's size: 128 MinHash values in hex and the identity
   * cells (classify/repeats.c). */
  memset (signature, 'A', sizeof signature - 1);
  signature[sizeof signature - 1] = '\0';

  for (guint i = 1; i <= n; i++)
    {
      g_auto(GStrv) keys = case_keys (i, FALSE);

      sqlite3_reset (add_case);
      sqlite3_bind_int64 (add_case, 1, i);
      if (!xf_store_step_done (store, add_case, "adding a case", error))
        return FALSE;
      for (char **k = keys; *k != NULL; k++)
        {
          sqlite3_reset (add_key);
          sqlite3_bind_int64 (add_key, 1, xf_store_key_hash (*k));
          sqlite3_bind_int64 (add_key, 2, i);
          sqlite3_bind_int64 (add_key, 3, i);
          if (!xf_store_step_done (store, add_key, "adding a key", error))
            return FALSE;
        }
      sqlite3_reset (add_doc);
      sqlite3_bind_int64 (add_doc, 1, i);
      if (!xf_store_step_done (store, add_doc, "adding a document", error))
        return FALSE;
      sqlite3_reset (add_sig);
      sqlite3_bind_int64 (add_sig, 1, i);
      sqlite3_bind_text (add_sig, 2, signature, -1, SQLITE_STATIC);
      if (!xf_store_step_done (store, add_sig, "adding a signature", error))
        return FALSE;
      if (i % 50000 == 0)
        fprintf (stderr, "\r  filling: %u of %u cases", i, n);
    }
  if (!xf_store_exec (store->db, "COMMIT; PRAGMA foreign_keys = ON;", error))
    return FALSE;
  fprintf (stderr, "\r  filled %u cases in %.0f s\n", n,
           (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

static gint64
query_int (XfStore *store, const char *sql)
{
  g_autoptr(XfSqliteStmt) stmt = xf_store_prepare (store, sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static gboolean
run (const char *dir, guint n, guint queries)
{
  g_autofree char *home = g_strdup_printf ("%s/cases-%u", dir, n);
  g_autofree char *db_path = g_build_filename (home, "xinfang.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XfStore) store = NULL;
  g_autofree double *ms = g_new (double, queries);
  guint found_repeat = 0;
  gint64 have, index_bytes;
  struct rusage usage;
  GStatBuf st;

  store = xf_store_open (home, &error);
  if (store == NULL)
    {
      fprintf (stderr, "repeats-bench: %s\n", error->message);
      return FALSE;
    }
  have = query_int (store, "SELECT count (*) FROM cases");
  if (have != n)
    {
      if (have != 0)
        {
          fprintf (stderr, "repeats-bench: %s holds %" G_GINT64_FORMAT
                   " cases, not %u; remove it\n", home, have, n);
          return FALSE;
        }
      if (!fill (store, n, &error))
        {
          fprintf (stderr, "repeats-bench: %s\n", error->message);
          return FALSE;
        }
    }

  for (guint q = 0; q < queries; q++)
    {
      /* Every other letter repeats a case (its identity keys, its text
       * bands but two), the others are new. */
      gboolean repeat = q % 2 == 0;
      guint64 target = 1 + (guint64) q * 7919 % n;
      g_auto(GStrv) keys = case_keys (repeat ? target : n + q + 1, FALSE);
      g_autoptr(GPtrArray) found = NULL;
      gint64 t;

      if (repeat)
        {
          g_auto(GStrv) other = case_keys (target, TRUE);
          for (int b = 0; b < 2; b++)   /* OCR noise changed two bands */
            {
              g_free (keys[3 + b]);
              keys[3 + b] = g_strdup (other[3 + b]);
            }
        }
      t = g_get_monotonic_time ();
      found = xf_store_repeat_candidates (store, (const char *const *) keys,
                                          20, &error);
      ms[q] = (g_get_monotonic_time () - t) / 1000.0;
      if (found == NULL)
        {
          fprintf (stderr, "repeats-bench: %s\n", error->message);
          return FALSE;
        }
      if (repeat && found->len > 0)
        {
          g_autofree char *want = g_strdup_printf ("XF-2026-%07u",
                                                   (guint) target);
          found_repeat += g_str_equal (
              ((XfRepeatCandidate *) found->pdata[0])->number, want);
        }
    }
  qsort (ms, queries, sizeof *ms, compare_doubles);
  index_bytes = query_int (store, "SELECT sum (pgsize) FROM dbstat"
                                  " WHERE name IN ('case_keys',"
                                  " 'case_keys_document')");
  getrusage (RUSAGE_SELF, &usage);
  g_stat (db_path, &st);
  printf ("| %u | %.3f | %.3f | %.0f | %.0f | %ld | %u/%u |\n", n,
          ms[queries / 2], ms[queries * 99 / 100],
          index_bytes >= 0 ? index_bytes / 1048576.0 : -1.0,
          st.st_size / 1048576.0, usage.ru_maxrss / 1024, found_repeat,
          (queries + 1) / 2);
  fflush (stdout);
  return TRUE;
}

int
main (int argc, char **argv)
{
  const char *dir = "build/bench/repeats";
  guint queries = 2000;
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        dir = argv[++i];
      else if (g_str_equal (argv[i], "--queries") && i + 1 < argc)
        queries = (guint) atoi (argv[++i]);
      else
        {
          fprintf (stderr, "usage: repeats-bench [--dir DIR] [--queries Q]"
                   " N...\n");
          return 2;
        }
    }
  if (i >= argc || queries < 2)
    {
      fprintf (stderr, "usage: repeats-bench [--dir DIR] [--queries Q] N...\n");
      return 2;
    }
  printf ("| cases | median ms | p99 ms | index MB | database MB |"
          " peak RSS MB | repeats found first |\n|---:|---:|---:|---:|---:|---:|---:|\n");
  for (; i < argc; i++)
    if (!run (dir, (guint) atoi (argv[i]), queries))
      return 1;
  return 0;
}
