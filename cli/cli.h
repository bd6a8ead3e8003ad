/* What the subcommands share: the command table entry, the opened home, and
 * the output helpers.  cli/ is the only place that prints or exits. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include "common/common.h"
#include "store/store.h"

/* Exit statuses (DESIGN.md): the work failed, or the command was misused. */
enum { XF_EXIT_OK = 0, XF_EXIT_FAILURE = 1, XF_EXIT_USAGE = 2 };

typedef struct {
  char *home;
  XfConfig *config;
  XfStore *store;
} XfHome;

void xf_home_free (XfHome *home);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XfHome, xf_home_free)

/* Opens the home: @dir, else $XINFANG_HOME, else ./xinfang-data; reads its
 * xinfang.conf and opens the store.  Only with @create (the commands that
 * receive: add, poll, daemon) is a home made where there is none.  Prints
 * the error and returns NULL on failure. */
XfHome *xf_cli_open_home (const char *dir, gboolean create);

/* A document number (1 and up, decimal digits only) from @text. */
gboolean xf_cli_parse_document (const char *text, gint64 *id);

/* @name (a file name as given, any bytes) as UTF-8 for output: as it is
 * when it is UTF-8, else read as GB18030, else with U+FFFD for what is not
 * UTF-8.  Returns a new string (g_free). */
char *xf_cli_display_name (const char *name);

/* Parses a subcommand's options; prints the error and the hint on bad
 * usage.  Returns FALSE on bad usage. */
gboolean xf_cli_parse (GOptionContext *context, const char *command,
                       int *argc, char ***argv);

/* A GOptionContext for "xinfang COMMAND", with the options every command
 * takes (--home) added, and @entries. */
GOptionContext *xf_cli_context (const char *command, const char *parameters,
                                const char *summary,
                                const GOptionEntry *entries, char **home);

/* Prints @error for @subject ("FILE: reason" or "reason") on stderr. */
void xf_cli_error (const char *subject, const GError *error);

/* Prints @root as one line of JSON on stdout. */
void xf_cli_print_json (JsonNode *root);

/* The members of the add/show JSON shape of a case (DESIGN.md) into the
 * open object of @b.  "document" is @document_id, or the first item's when
 * 0.  Fields absent from @c are null. */
void xf_cli_build_case (JsonBuilder *b, const XfCase *c, gint64 document_id);

/* The topic, the flags and the repeat link, as the JSON shapes give them,
 * for a case that is not classified yet. */
void xf_cli_build_understanding (JsonBuilder *b, const char *topic,
                                 double topic_score, int flags);

int xf_cmd_add (int argc, char **argv);
int xf_cmd_ocr (int argc, char **argv);
int xf_cmd_cases (int argc, char **argv);
int xf_cmd_show (int argc, char **argv);
int xf_cmd_set (int argc, char **argv);
int xf_cmd_poll (int argc, char **argv);
int xf_cmd_train (int argc, char **argv);
int xf_cmd_merge (int argc, char **argv);
int xf_cmd_split (int argc, char **argv);
int xf_cmd_eval (int argc, char **argv);
int xf_cmd_daemon (int argc, char **argv);
int xf_cmd_queue (int argc, char **argv);
int xf_cmd_retry (int argc, char **argv);

/* Reads the file @path whole, refusing directories, and files over
 * @max_bytes before reading them.  NULL with an error that does not repeat
 * the path (the caller prints it). */
GBytes *xf_cli_read_file (const char *path, gint64 max_bytes, GError **error);

/* Progress on a terminal, on stderr:
 *   [ 3/200 files, 4 pages] letter-4.png  0.9 pages/s, about 3 min left
 * Drawn only when stderr is a terminal, @enabled, and there is more than
 * one file. */
typedef struct {
  gboolean enabled;
  guint total;
  guint done;
  guint pages;
  gint64 started;
} XfProgress;

void xf_progress_start (XfProgress *progress, guint total, gboolean enabled);
/* One more file done, with its @pages. */
void xf_progress_advance (XfProgress *progress, guint pages);
void xf_progress_show (XfProgress *progress, const char *current);
void xf_progress_clear (XfProgress *progress);

/* xinfang eval --repeats DIR (cmd-eval-repeats.c). */
int xf_cli_eval_repeats (const char *dir);
