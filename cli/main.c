/* xinfang: the command table and what every command shares at start-up
 * (the OpenMP thread limit, logging), in the style of git's subcommands. */
#define G_LOG_DOMAIN "xf-cli"
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>
#include <sqlite3.h>
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "add", xf_cmd_add, "receive files, read them and file them as cases" },
  { "ocr", xf_cmd_ocr, "OCR only: print the text of each page" },
  { "cases", xf_cmd_cases, "list cases" },
  { "show", xf_cmd_show, "one case: items, fields, history, text" },
  { "set", xf_cmd_set, "a clerk's correction of a field, audited" },
  { "merge", xf_cmd_merge, "merge a case into the one it repeats (a clerk's remedy)" },
  { "split", xf_cmd_split, "split an item off a case into a new case (a clerk's remedy)" },
  { "train", xf_cmd_train, "train the topic classifier on labelled letters and clerks' corrections" },
  { "eval", xf_cmd_eval, "measure topic, fields and flags against labelled letters" },
  { "poll", xf_cmd_poll, "one pass over the fax spool, the mailbox and the queue" },
  { "daemon", xf_cmd_daemon, "poll on an interval, unattended" },
  { "queue", xf_cmd_queue, "documents received and not filed: waiting, failed, quarantined" },
  { "retry", xf_cmd_retry, "put failed or quarantined documents back in the queue" },
};

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: xinfang [--home DIR] COMMAND [OPTION...] [ARG...]\n"
           "\n"
           "Files the complaints a trade union's petition office receives by\n"
           "letter, fax and e-mail as cases, so that clerks only review.\n"
           "\n"
           "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n"
           "Options:\n"
           "  --home DIR   the data folder (default: $XINFANG_HOME, else"
           " ./xinfang-data)\n"
           "  --verbose    log one line per item handled\n"
           "  --version    print the version and the libraries in use\n"
           "  --help       this text; 'xinfang COMMAND --help' for a command\n"
           "\n"
           "Exit status: 0 success, 1 the work failed, 2 bad usage.\n");
}

static void
version (void)
{
  char *tess = (char *) TessVersion ();
  char *lept = getLeptonicaVersion ();

  printf ("xinfang %s\n", XF_VERSION);
  printf ("tesseract %s, %s, gmime %u.%u.%u, sqlite %s\n", tess, lept,
          gmime_major_version, gmime_minor_version, gmime_micro_version,
          sqlite3_libversion ());
  printf ("OCR threads per page: OMP_THREAD_LIMIT=%s\n",
          g_getenv ("OMP_THREAD_LIMIT") ? g_getenv ("OMP_THREAD_LIMIT")
                                        : "unset");
  lept_free (lept);
}

/* Tesseract's OpenMP threads fight each other and the other workers for
 * the cores: one thread per page is 4-6x faster here.  libgomp reads
 * OMP_THREAD_LIMIT once, when it is loaded, before main() runs, so setting
 * it now takes effect only in a new process image: re-execute ourselves
 * once with it set.  A limit the user set stands. */
static void
limit_openmp_threads (char **argv)
{
  if (g_getenv ("OMP_THREAD_LIMIT") != NULL)
    return;
  if (setenv ("OMP_THREAD_LIMIT", "1", 1) != 0)
    return;
  execv ("/proc/self/exe", argv);
  /* Without /proc the re-exec cannot happen; OCR still works, slower. */
  g_debug ("cannot re-execute with OMP_THREAD_LIMIT=1: %s",
           g_strerror (errno));
}

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
            gpointer user_data)
{
  gboolean verbose = GPOINTER_TO_INT (user_data);

  /* One line per item handled is for the daemon and --verbose; a clerk
   * running `add` wants only the results and the errors. */
  if ((level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO)) && !verbose)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int argc, char **argv)
{
  const char *home = NULL;
  gboolean verbose = FALSE;
  int i = 1;

  limit_openmp_threads (argv);

  /* Global options come before the command. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          usage (stdout);
          return XF_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          version ();
          return XF_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else if (g_str_equal (argv[i], "--home") && i + 1 < argc)
        home = argv[++i];
      else if (g_str_has_prefix (argv[i], "--home="))
        home = argv[i] + strlen ("--home=");
      else
        {
          fprintf (stderr, "xinfang: unknown option '%s'\n"
                   "Try 'xinfang --help'.\n", argv[i]);
          return XF_EXIT_USAGE;
        }
    }
  if (i >= argc)
    {
      usage (stderr);
      return XF_EXIT_USAGE;
    }

  /* The daemon's log is its output: one line per item, always. */
  if (g_str_equal (argv[i], "daemon"))
    verbose = TRUE;
  g_log_set_writer_func (log_writer, GINT_TO_POINTER (verbose), NULL);
  /* A --home before the command reaches the command through the same
   * variable every command reads as its default. */
  if (home != NULL)
    g_setenv ("XINFANG_HOME", home, TRUE);

  for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        int status = commands[c].run (argc - i, argv + i);
        /* Output that did not reach its file (a full disk) is a failure:
         * a script would take a cut-off list for the whole. */
        int saved = fflush (stdout) != 0 ? errno : 0;
        if (saved != 0 || ferror (stdout))
          {
            fprintf (stderr, "xinfang: writing the output: %s\n",
                     saved != 0 ? g_strerror (saved) : "a write failed");
            return XF_EXIT_FAILURE;
          }
        return status;
      }

  fprintf (stderr, "xinfang: '%s' is not a command\nTry 'xinfang --help'.\n",
           argv[i]);
  return XF_EXIT_USAGE;
}
