/* The repeat check at scale: a store filled with N synthetic cases (10 k,
 * 100 k, 1 M), each one letter with a writer of its own (name, phone, ID
 * number, an employer drawn so that big employers have many cases) and a
 * text of six sentences drawn from the project's letters, signed and
 * indexed as a filed letter is (xf_repeat_keys(), its signature); then the
 * whole check of one new letter (xf_repeat_decide(): the lookup keys, the
 * candidates from the index with their signatures, the judging), over
 * letters that repeat a case (its writer, three of its sentences and three
 * others) and letters from new writers.
 *
 *   build/repeats-bench [--dir DIR] [--queries Q] N...
 *
 * Prints, per N: median and p99 time of the check, the index's size on
 * disk (case_keys and its index, from dbstat), the whole database's size,
 * peak RSS, the repeats found and the new letters wrongly joined.  The
 * stores are kept in DIR and reused by later runs.  The synthetic cases are
 * written straight into the tables (foreign keys off on this connection):
 * filing a million letters through OCR would measure the filing, not the
 * check. */
#include "store/store-private.h"
#include "pipeline/pipeline-private.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define SENTENCES 6

static const char surnames[] = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
                               "郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡";
static const char given[] = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
                            "华建国志红玉兰海波斌宇浩凯鹏飞晨雪梅兵春林东"
                            "文辉力永健世广义兴良德福生龙元全胜学祥才发成"
                            "新利清飞彬富顺信子杰涛昌进亮政谦亨奇固之轮翰";
static const char trade_chars[] = "鑫源恒通华美宏达金瑞天和丰顺安盛永固博远"
                                  "锦程新宇凯隆嘉祥瑞昌福泰宝利众诚佳信德润"
                                  "广汇兴旺中联嘉禾长青海川立达万家百盈峰岭"
                                  "东方云帆星辰明珠银河汉唐晨光启航腾飞翔宇";
static const char *const industries[] = {
  "建筑工程", "物流", "服装", "电子科技", "食品", "机械制造", "物业服务",
  "汽车配件", "纺织", "餐饮管理",
};

/* Sentences of the project's letters, the stuff synthetic texts are made
 * of. */
static GPtrArray *sentences;

/* A synthetic writer is one person with one matter: no sentence that
 * speaks for a group or says it raises another matter. */
static gboolean
usable (const char *sentence)
{
  static const char *const unfit[] = {
    "联名", "代表", "大家", "全体", "另一", "另外一", "这次想", "这次反映",
    "这次要", "又遇到", "新的问题", "新问题", "别的事", NULL,
  };

  for (guint i = 0; unfit[i] != NULL; i++)
    if (strstr (sentence, unfit[i]) != NULL)
      return FALSE;
  return TRUE;
}

static void
load_sentences (void)
{
  static const char *const dirs[] = {
    "testdata/letters/train", "testdata/letters/eval", "testdata/repeats",
  };

  sentences = g_ptr_array_new_with_free_func (g_free);
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dirs[d], name, NULL);
          g_autofree char *text = NULL;
          g_auto(GStrv) parts = NULL;
          if (!g_str_has_suffix (name, ".txt")
              || !g_file_get_contents (path, &text, NULL, NULL))
            continue;
          parts = g_regex_split_simple ("[。！？\n]", text, 0, 0);
          for (char **p = parts; *p != NULL; p++)
            if (g_utf8_strlen (g_strstrip (*p), -1) >= 12 && usable (*p))
              g_ptr_array_add (sentences, g_strdup (*p));
        }
    }
  if (sentences->len < 100)
    g_error ("repeats-bench: run from the repository (testdata/ letters)");
}

static void
append_char (GString *out, const char *set, guint index)
{
  const char *p = g_utf8_offset_to_pointer (set, index % g_utf8_strlen (set, -1));
  g_string_append_len (out, p, g_utf8_next_char (p) - p);
}

typedef struct {
  char *name, *phone, *id, *employer;
  guint sentence[SENTENCES];
} Writer;

static void
writer_clear (Writer *w)
{
  g_free (w->name);
  g_free (w->phone);
  g_free (w->id);
  g_free (w->employer);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

/* The writer of synthetic case @i (the same @i, the same writer). */
static void
writer_of (guint64 i, Writer *w)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (i * 2654435761u));
  GString *name = g_string_new (NULL);
  GString *employer = g_string_new ("云州");
  double skew = g_rand_double (rand);
  /* 6400 trade names, the first ones many times as often: big employers
   * have many cases. */
  guint trade = (guint) (skew * skew * 6400);

  append_char (name, surnames, g_rand_int (rand));
  append_char (name, given, g_rand_int (rand));
  append_char (name, given, g_rand_int (rand));
  w->name = g_string_free (name, FALSE);
  w->phone = g_strdup_printf ("1%u%09u", g_rand_int_range (rand, 3, 10),
                              g_rand_int_range (rand, 0, 1000000000));
  w->id = g_strdup_printf ("%06u19%02u%02u%02u%04u",
                           g_rand_int_range (rand, 110000, 660000),
                           g_rand_int_range (rand, 50, 99),
                           g_rand_int_range (rand, 1, 13),
                           g_rand_int_range (rand, 1, 29),
                           g_rand_int_range (rand, 0, 10000));
  append_char (employer, trade_chars, trade / 80);
  append_char (employer, trade_chars, trade % 80);
  g_string_append (employer, industries[trade % G_N_ELEMENTS (industries)]);
  g_string_append (employer, "有限公司");
  w->employer = g_string_free (employer, FALSE);
  for (guint k = 0; k < SENTENCES; k++)
    w->sentence[k] = g_rand_int_range (rand, 0, (gint32) sentences->len);
}

/* A letter by @w: who writes, then its sentences. */
static char *
letter_of (const Writer *w)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "尊敬的云州市总工会领导：我叫%s，电话%s，"
                          "身份证号%s，在%s上班。", w->name, w->phone, w->id,
                          w->employer);
  for (guint k = 0; k < SENTENCES; k++)
    g_string_append_printf (text, "%s。",
                            (char *) g_ptr_array_index (sentences,
                                                        w->sentence[k]));
  return g_string_free (text, FALSE);
}

static GPtrArray *
fields_of (const Writer *w)
{
  const char *names[] = { "name", "phone", "id_number", "employer" };
  const char *values[] = { w->name, w->phone, w->id, w->employer };
  GPtrArray *fields = g_ptr_array_new_with_free_func (
      (GDestroyNotify) xf_field_free);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      XfField *f = g_new0 (XfField, 1);
      f->name = names[k];
      f->value = g_strdup (values[k]);
      f->confidence = 1.0;
      g_ptr_array_add (fields, f);
    }
  return fields;
}

static gboolean
fill (XfStore *store, const XfBoilerplate *bp, guint n, GError **error)
{
  g_autoptr(XfSqliteStmt) add_case = NULL;
  g_autoptr(XfSqliteStmt) add_key = NULL;
  g_autoptr(XfSqliteStmt) add_sig = NULL;
  g_autoptr(XfSqliteStmt) add_doc = NULL;
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

  for (guint i = 1; i <= n; i++)
    {
      g_auto(Writer) w = { 0 };
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      g_auto(XfRepeatSignature) sig = { 0 };
      g_autofree char *signature = NULL;
      g_auto(GStrv) keys = NULL;

      writer_of (i, &w);
      text = letter_of (&w);
      fields = fields_of (&w);
      xf_repeat_signature_init (&sig, text, fields, "wages", NULL, bp);
      keys = xf_repeat_keys (&sig);
      signature = xf_repeat_signature_serialise (&sig);

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
      sqlite3_bind_text (add_sig, 2, signature, -1, SQLITE_TRANSIENT);
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
  g_autoptr(XfBoilerplate) bp = xf_boilerplate_builtin ();
  g_autofree double *ms = g_new (double, queries);
  guint found_repeat = 0, missed_repeat = 0, wrongly_joined = 0;
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
      if (!fill (store, bp, n, &error))
        {
          fprintf (stderr, "repeats-bench: %s\n", error->message);
          return FALSE;
        }
    }

  for (guint q = 0; q < queries; q++)
    {
      /* Every other letter repeats a case: its writer, three of its
       * sentences and three others.  The others are new writers. */
      gboolean repeat = q % 2 == 0;
      guint64 target = 1 + (guint64) q * 7919 % n;
      g_auto(Writer) w = { 0 };
      g_auto(Writer) other = { 0 };
      g_auto(XfRepeatWork) work = { 0 };
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      XfTopicGuess guess = { .topic = "wages" };
      gint64 t;

      writer_of (repeat ? target : (guint64) n + q + 1, &w);
      writer_of ((guint64) n + queries + q + 1, &other);
      if (repeat)
        for (guint k = SENTENCES / 2; k < SENTENCES; k++)
          w.sentence[k] = other.sentence[k];
      text = letter_of (&w);
      fields = fields_of (&w);
      t = g_get_monotonic_time ();
      if (!xf_repeat_decide (store, bp, NULL, text, fields, &guess, &work,
                             &error))
        {
          fprintf (stderr, "repeats-bench: %s\n", error->message);
          return FALSE;
        }
      ms[q] = (g_get_monotonic_time () - t) / 1000.0;
      if (repeat)
        {
          g_autofree char *want = g_strdup_printf ("XF-2026-%07u",
                                                   (guint) target);
          if (g_strcmp0 (work.join_case, want) == 0)
            found_repeat++;
          else if (missed_repeat++ < 3)
            fprintf (stderr, "  repeat of %s missed: %s\n  %s\n", want,
                     work.detail ? work.detail : "no candidate", text);
        }
      else if (work.join_case != NULL && wrongly_joined++ < 3)
        fprintf (stderr, "  new letter joined %s: %s\n", work.join_case,
                 work.detail);
    }
  qsort (ms, queries, sizeof *ms, compare_doubles);
  index_bytes = query_int (store, "SELECT sum (pgsize) FROM dbstat"
                                  " WHERE name IN ('case_keys',"
                                  " 'case_keys_document')");
  getrusage (RUSAGE_SELF, &usage);
  g_stat (db_path, &st);
  printf ("| %u | %.3f | %.3f | %.0f | %.0f | %ld | %u/%u | %u/%u |\n", n,
          ms[queries / 2], ms[queries * 99 / 100],
          index_bytes >= 0 ? index_bytes / 1048576.0 : -1.0,
          st.st_size / 1048576.0, usage.ru_maxrss / 1024, found_repeat,
          (queries + 1) / 2, wrongly_joined, queries / 2);
  fflush (stdout);
  return TRUE;
}

int
main (int argc, char **argv)
{
  /* Named for the synthetic letters' and the signatures' format: stores
   * of an older one are not reused (4: signatures keep the sums a letter
   * names, and long trade names a second key; 5: a mention filter of 4096
   * bits). */
  const char *dir = "build/bench/repeats-5";
  guint64 queries = 2000;
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--dir") && i + 1 < argc)
        dir = argv[++i];
      else if (g_str_equal (argv[i], "--queries") && i + 1 < argc)
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 2, 10000000,
                                           &queries, NULL))
            {
              fprintf (stderr, "repeats-bench: --queries %s: give 2 or more\n",
                       argv[i]);
              return 2;
            }
        }
      else
        {
          fprintf (stderr, "usage: repeats-bench [--dir DIR] [--queries Q]"
                   " N...\n");
          return 2;
        }
    }
  if (i >= argc)
    {
      fprintf (stderr, "usage: repeats-bench [--dir DIR] [--queries Q] N...\n");
      return 2;
    }
  g_autofree guint64 *sizes = g_new0 (guint64, argc);
  int first = i;
  for (; i < argc; i++)
    if (!g_ascii_string_to_unsigned (argv[i], 10, 1, 100000000, &sizes[i],
                                     NULL))
      {
        fprintf (stderr, "repeats-bench: %s is no number of cases\n",
                 argv[i]);
        return 2;
      }
  load_sentences ();
  printf ("| cases | median ms | p99 ms | index MB | database MB |"
          " peak RSS MB | repeats found | new joined |\n"
          "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (i = first; i < argc; i++)
    if (!run (dir, (guint) sizes[i], (guint) queries))
      return 1;
  return 0;
}
