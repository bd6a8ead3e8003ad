/* The mail parsing benchmark (`make bench-mail`): every file of a folder is
 * read into memory first, then walked by xf_intake_parse_mail() with the
 * limits the pipeline uses, pass after pass for a few seconds on one core.
 * Prints messages and bytes per second, the slowest message and the peak
 * RSS; with --each, times every file on its own to find the outliers. */
#define G_LOG_DOMAIN "xf-mail-bench"

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/common.h"
#include "intake/intake.h"

/* The pipeline's other mail limits (pipeline/pipeline.c, read_mail). */
#define PIPELINE_MAX_PARTS 500
#define PIPELINE_MAX_DEPTH 20

/* What the whole loaded folder may hold; the corpus is about 3 MiB. */
#define MAX_TOTAL_BYTES ((gsize) 1024 * 1024 * 1024)

/* --each: every file is timed for at least this long and this many runs. */
#define EACH_MIN_NS ((gint64) 100 * 1000 * 1000)
#define EACH_MIN_RUNS 5

typedef enum {
  OUTCOME_TEXT,        /* parsed, non-empty text */
  OUTCOME_EMPTY,       /* parsed, no text (attachments only, or nothing) */
  OUTCOME_FAILED,      /* NULL with XF_ERROR_INVALID_INPUT or another code */
  OUTCOME_LIMIT,       /* NULL with XF_ERROR_LIMIT */
} Outcome;

static const char *const outcome_names[] = { "text", "empty", "failed", "limit" };

typedef struct {
  char *name;          /* path below the folder */
  GBytes *data;
  Outcome outcome;     /* of the warm-up parse */
  guint64 runs;        /* timed parses */
  gint64 total_ns;
  gint64 max_ns;
  gint64 min_ns;
} Message;

/* What the log writer needs: the file being parsed, and whether to print. */
typedef struct {
  const char *current;
  gboolean quiet;
  guint warnings;
} LogState;

static void
message_free (gpointer data)
{
  Message *message = data;

  g_free (message->name);
  g_bytes_unref (message->data);
  g_free (message);
}

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + (double) usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* CPU seconds the whole machine has been busy since boot, or 0 without
 * /proc. */
static double
machine_busy_seconds (void)
{
  g_autofree char *stat = NULL;
  unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0,
                     softirq = 0;

  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL)
      || sscanf (stat, "cpu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &system, &idle,
                 &iowait, &irq, &softirq) != 7)
    return 0;
  return (double) (user + nice + system + irq + softirq) / (double) sysconf (_SC_CLK_TCK);
}

/* The resident set now, in MiB, or 0 without /proc. */
static double
current_rss_mb (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0;
  unsigned long resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      || sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return (double) resident * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  LogState *state = user_data;

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    state->warnings++;
  /* The timed passes repeat what the warm-up already said, and printing
   * would be timed too. */
  if (state->quiet)
    return G_LOG_WRITER_HANDLED;
  if (state->current != NULL && (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL
                                          | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE)))
    fprintf (stderr, "mail-bench: while parsing %s:\n", state->current);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* Adds every regular file below @folder (its path relative to @root) to
 * @paths. */
static gboolean
collect_files (const char *root, const char *relative, GPtrArray *paths, GError **error)
{
  g_autofree char *folder = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, name, NULL)
                                                   : g_strdup (name);
      g_autofree char *path = g_build_filename (root, child, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!collect_files (root, child, paths, error))
            return FALSE;
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&child));
    }
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Reads every file below @root into memory, in name order.  Files over
 * @max_bytes are left out and counted in @skipped: the pipeline refuses
 * them before any parsing.  Returns an array of Message, or NULL with
 * @error set. */
static GPtrArray *
load_folder (const char *root, gsize max_bytes, guint *skipped, GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (message_free);
  gsize total = 0;

  if (!collect_files (root, "", names, error))
    return NULL;
  g_ptr_array_sort (names, compare_names);
  *skipped = 0;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (root, name, NULL);
      GStatBuf st;
      if (g_stat (path, &st) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", path,
                       g_strerror (errno));
          return NULL;
        }
      if ((guint64) st.st_size > max_bytes)
        {
          (*skipped)++;
          continue;
        }
      if ((guint64) st.st_size > MAX_TOTAL_BYTES - total)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                       "%s: the folder holds more than %" G_GSIZE_FORMAT " MiB", root,
                       MAX_TOTAL_BYTES / (1024 * 1024));
          return NULL;
        }
      char *contents = NULL;
      gsize length = 0;
      if (!g_file_get_contents (path, &contents, &length, error))
        return NULL;
      total += length;
      Message *message = g_new0 (Message, 1);
      message->name = g_strdup (name);
      message->data = g_bytes_new_take (contents, length);
      message->min_ns = G_MAXINT64;
      g_ptr_array_add (messages, message);
    }
  return g_steal_pointer (&messages);
}

/* One parse, everything it made freed again. */
static Outcome
parse_once (const Message *message, const XfMailLimits *limits)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (message->data, &length);
  g_autoptr(XfMail) mail = xf_intake_parse_mail (data, length, limits, &error);

  if (mail == NULL)
    return g_error_matches (error, XF_ERROR, XF_ERROR_LIMIT) ? OUTCOME_LIMIT : OUTCOME_FAILED;
  return mail->text[0] != '\0' ? OUTCOME_TEXT : OUTCOME_EMPTY;
}

/* Times @message alone, and returns FALSE if a parse came out other than
 * the warm-up's. */
static gboolean
time_one (Message *message, const XfMailLimits *limits)
{
  gint64 started = now_ns ();

  do
    {
      gint64 before = now_ns ();
      Outcome outcome = parse_once (message, limits);
      gint64 spent = now_ns () - before;
      if (outcome != message->outcome)
        return FALSE;
      message->runs++;
      message->total_ns += spent;
      message->max_ns = MAX (message->max_ns, spent);
      message->min_ns = MIN (message->min_ns, spent);
    }
  while (message->runs < EACH_MIN_RUNS || now_ns () - started < EACH_MIN_NS);
  return TRUE;
}

static double
mean_ms (const Message *message)
{
  return message->runs > 0 ? (double) message->total_ns / (double) message->runs / 1e6 : 0;
}

static int
compare_slowest_first (gconstpointer a, gconstpointer b)
{
  double ma = mean_ms (*(Message *const *) a);
  double mb = mean_ms (*(Message *const *) b);

  return (ma < mb) - (ma > mb);
}

static int
run_each (GPtrArray *messages, const XfMailLimits *limits, LogState *log)
{
  double pass_ms = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      Message *message = g_ptr_array_index (messages, i);
      log->current = message->name;
      if (!time_one (message, limits))
        {
          fprintf (stderr, "mail-bench: %s parsed differently from its warm-up\n", message->name);
          return 1;
        }
      pass_ms += mean_ms (message);
    }
  log->current = NULL;

  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (messages, NULL, NULL);
  g_ptr_array_sort (sorted, compare_slowest_first);
  printf ("%9s %9s %9s %7s %6s  %s\n", "mean ms", "min ms", "KiB", "result", "share", "file");
  for (guint i = 0; i < sorted->len; i++)
    {
      const Message *message = g_ptr_array_index (sorted, i);
      printf ("%9.3f %9.3f %9.1f %7s %5.1f%%  %s\n", mean_ms (message),
              (double) message->min_ns / 1e6, (double) g_bytes_get_size (message->data) / 1024.0,
              outcome_names[message->outcome],
              pass_ms > 0 ? 100.0 * mean_ms (message) / pass_ms : 0, message->name);
    }
  printf ("one pass over %u files: %.1f ms, %.0f messages/s\n", messages->len, pass_ms,
          pass_ms > 0 ? messages->len / (pass_ms / 1e3) : 0);
  return 0;
}

static int
run_passes (GPtrArray *messages, const XfMailLimits *limits, double seconds, LogState *log)
{
  gsize pass_bytes = 0;
  for (guint i = 0; i < messages->len; i++)
    pass_bytes += g_bytes_get_size (((Message *) g_ptr_array_index (messages, i))->data);

  double rss_start = current_rss_mb ();
  double rss_first = 0;
  double rss_middle = 0;
  gint64 limit_ns = (gint64) (seconds * 1e9);
  guint passes = 0;
  double cpu_start = cpu_seconds ();
  double busy_start = machine_busy_seconds ();
  gint64 started = now_ns ();
  gint64 elapsed;

  /* Whole passes only, so every message counts equally often. */
  do
    {
      for (guint i = 0; i < messages->len; i++)
        {
          Message *message = g_ptr_array_index (messages, i);
          gint64 before = now_ns ();
          Outcome outcome = parse_once (message, limits);
          gint64 spent = now_ns () - before;
          if (outcome != message->outcome)
            {
              fprintf (stderr, "mail-bench: %s parsed differently from its warm-up\n",
                       message->name);
              return 1;
            }
          message->runs++;
          message->total_ns += spent;
          message->max_ns = MAX (message->max_ns, spent);
          message->min_ns = MIN (message->min_ns, spent);
        }
      passes++;
      elapsed = now_ns () - started;
      if (passes == 1)
        rss_first = current_rss_mb ();
      if (rss_middle == 0 && elapsed >= limit_ns / 2)
        rss_middle = current_rss_mb ();
    }
  while (elapsed < limit_ns);
  double cpu = cpu_seconds () - cpu_start;
  /* Other processes slow this one down even on another core: they share
   * the caches, and the kernel interrupts them all to flush the TLB when
   * this one unmaps memory. */
  double other = MAX (0.0, machine_busy_seconds () - busy_start - cpu);
  double wall = (double) elapsed / 1e9;
  double rss_end = current_rss_mb ();

  const Message *slowest = NULL;
  for (guint i = 0; i < messages->len; i++)
    {
      const Message *message = g_ptr_array_index (messages, i);
      if (slowest == NULL || mean_ms (message) > mean_ms (slowest))
        slowest = message;
    }

  guint64 count = (guint64) passes * messages->len;
  printf ("  passes             %u in %.2f s wall, %.2f s CPU (other processes: %.1f CPU-s)\n",
          passes, wall, cpu, other);
  printf ("  messages           %" G_GUINT64_FORMAT "\n", count);
  printf ("  bytes              %" G_GUINT64_FORMAT " (%.1f MB)\n", (guint64) passes * pass_bytes,
          (double) passes * (double) pass_bytes / 1e6);
  printf ("  messages/s         %.0f\n", (double) count / wall);
  printf ("  MB/s               %.2f\n", (double) passes * (double) pass_bytes / 1e6 / wall);
  /* The same per second of CPU time: what one core would do alone, less
   * sensitive to other load on the machine than the wall-time figure. */
  printf ("  messages/CPU-s     %.0f\n", cpu > 0 ? (double) count / cpu : 0);
  if (slowest != NULL)
    printf ("  slowest message    %s, %.2f ms mean, %.2f ms max (%.1f KiB)\n", slowest->name,
            mean_ms (slowest), (double) slowest->max_ns / 1e6,
            (double) g_bytes_get_size (slowest->data) / 1024.0);
  /* The kernel's high-water mark lags the page count a little. */
  printf ("  peak RSS           %.1f MiB\n", MAX (peak_rss_mb (), rss_end));
  printf ("  RSS                %.1f MiB before the passes, %.1f after the first, %.1f half-way, "
          "%.1f after the last\n", rss_start, rss_first, rss_middle, rss_end);
  if (log->warnings > 0)
    printf ("  log warnings       %u (printed once, in the warm-up)\n", log->warnings);
  if (cpu < 0.95 * wall)
    printf ("  warning: the process had the CPU for only %.0f %% of the time; other load "
            "makes these figures low\n", 100.0 * cpu / wall);
  else if (other > 0.1 * wall)
    printf ("  warning: other processes used %.1f CPU-s meanwhile, which makes these figures "
            "low\n", other);
  /* The allocator settles in the first passes (one step of 1.4 MiB, at
   * pass 20 to 35 here, then flat for hundreds); a leak keeps growing. */
  if (rss_end > rss_middle + 2.0)
    printf ("  warning: resident memory grew by %.1f MiB in the second half of the passes\n",
            rss_end - rss_middle);
  return 0;
}

static gboolean
pin_to_cpu (int cpu, GError **error)
{
  cpu_set_t set;

  if (cpu >= CPU_SETSIZE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "no cpu %d", cpu);
      return FALSE;
    }
  CPU_ZERO (&set);
  CPU_SET (cpu, &set);
  if (sched_setaffinity (0, sizeof set, &set) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot run on cpu %d: %s", cpu, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  gboolean each = FALSE;
  double seconds = 3.0;
  int cpu = -1;
  const GOptionEntry entries[] = {
    { "each", 0, 0, G_OPTION_ARG_NONE, &each, "Time every file on its own, slowest first", NULL },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds,
      "Least wall time of the passes (default 3)", "S" },
    { "cpu", 0, 0, G_OPTION_ARG_INT, &cpu, "Run on this CPU only", "N" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[FOLDER]");
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
                                "Parses every file below FOLDER (default $CORPUS/mail, else "
                                "../shared/corpus/mail) with xf_intake_parse_mail, repeatedly.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2
      || !(seconds > 0 && seconds <= 3600))
    {
      fprintf (stderr, "mail-bench: %s\n",
               error != NULL ? error->message : "one FOLDER at most, and 0 < --seconds <= 3600");
      return 2;
    }

  g_autofree char *folder = NULL;
  if (argc == 2)
    folder = g_strdup (argv[1]);
  else if (g_getenv ("CORPUS") != NULL && g_getenv ("CORPUS")[0] != '\0')
    folder = g_build_filename (g_getenv ("CORPUS"), "mail", NULL);
  else
    folder = g_strdup ("../shared/corpus/mail");

  if (cpu >= 0 && !pin_to_cpu (cpu, &error))
    {
      fprintf (stderr, "mail-bench: %s\n", error->message);
      return 2;
    }

  /* The limits read_mail() in pipeline/pipeline.c gives the walk, with
   * the configured default for the size. */
  g_autoptr(XfConfig) config = xf_config_new_defaults ();
  const XfMailLimits limits = {
    .max_bytes = (gsize) config->ocr_max_file_bytes,
    .max_parts = PIPELINE_MAX_PARTS,
    .max_depth = PIPELINE_MAX_DEPTH,
  };

  LogState log = { NULL, FALSE, 0 };
  g_log_set_writer_func (log_writer, &log, NULL);

  guint skipped = 0;
  g_autoptr(GPtrArray) messages = load_folder (folder, limits.max_bytes, &skipped, &error);
  if (messages == NULL)
    {
      fprintf (stderr, "mail-bench: cannot load %s: %s\n", folder, error->message);
      return 1;
    }
  if (messages->len == 0)
    {
      fprintf (stderr, "mail-bench: no files below %s\n", folder);
      return 1;
    }

  /* Warm-up, untimed: GMime's one-time set-up, the caches, and each
   * message's outcome, which every timed parse must repeat. */
  guint counts[G_N_ELEMENTS (outcome_names)] = { 0 };
  gsize pass_bytes = 0;
  for (guint i = 0; i < messages->len; i++)
    {
      Message *message = g_ptr_array_index (messages, i);
      log.current = message->name;
      message->outcome = parse_once (message, &limits);
      counts[message->outcome]++;
      pass_bytes += g_bytes_get_size (message->data);
    }
  log.current = NULL;
  log.quiet = TRUE;
  guint warm_up_warnings = log.warnings;
  log.warnings = 0;

  printf ("mail-bench: %u files, %.2f MB, from %s%s\n", messages->len, pass_bytes / 1e6, folder,
          cpu >= 0 ? "" : " (not pinned to a CPU)");
  if (cpu >= 0)
    printf ("  pinned to cpu %d\n", cpu);
  if (skipped > 0)
    printf ("  %u files over the %" G_GSIZE_FORMAT "-byte limit left out\n", skipped,
            limits.max_bytes);
  printf ("  parsed with text   %u\n", counts[OUTCOME_TEXT]);
  printf ("  parsed, no text    %u\n", counts[OUTCOME_EMPTY]);
  printf ("  failed             %u (%u of them over a limit)\n",
          counts[OUTCOME_FAILED] + counts[OUTCOME_LIMIT], counts[OUTCOME_LIMIT]);
  if (warm_up_warnings > 0)
    printf ("  warm-up warnings   %u\n", warm_up_warnings);
  fflush (stdout);

  if (each)
    return run_each (messages, &limits, &log);
  return run_passes (messages, &limits, seconds, &log);
}
