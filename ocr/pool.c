/* OCR worker processes.  Decoding images and running Tesseract happen in
 * forked workers, each with its own engine loaded once, so a crash, a
 * runaway allocation or an endless page in an image library costs one file
 * an error, never the command or the daemon.  Jobs and results cross a
 * socket pair as length-prefixed bytes; results are a GVariant, which is
 * checked for normal form before it is trusted. */
#define G_LOG_DOMAIN "xf-ocr"
#include "ocr/ocr-private.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* (error code or -1, message, pages) */
#define RESULT_TYPE "(isa(usdiiaya(sdiiii)))"
#define MAX_MESSAGE (G_GUINT64_CONSTANT (1) << 31)
/* Time a new worker may take to load its model before its first job's
 * limit starts to count. */
#define STARTUP_SECONDS 30

typedef struct {
  pid_t pid;
  int fd;            /* our end of the socket pair; -1 when not running */
  gboolean busy;
  guint64 tag;
  gint64 deadline;   /* monotonic microseconds */
} Worker;

struct XfOcrPool {
  char *languages;
  XfOcrLimits limits;
  guint timeout_seconds;
  guint64 memory_limit;  /* bytes of address space per worker; 0: none */
  guint steps;           /* XfOcrSteps for the workers' engines */
  guint64 max_message;   /* bytes of one worker result: MAX_MESSAGE */
  GArray *workers;       /* Worker */
};

static gboolean
write_all (int fd, const void *data, gsize length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = send (fd, p, length, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
read_all (int fd, void *data, gsize length)
{
  guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = read (fd, p, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
send_message (int fd, const void *data, gsize length)
{
  guint64 size = length;
  return write_all (fd, &size, sizeof size) && write_all (fd, data, length);
}

/* Returns the message (g_free) or NULL at end of stream or on error;
 * @too_large, when not NULL, tells a message over @max bytes or one there
 * is no memory for, which has been left unread. */
static guint8 *
receive_message (int fd, guint64 max, gsize *length, gboolean *too_large)
{
  guint64 size;
  g_autofree guint8 *data = NULL;

  if (too_large != NULL)
    *too_large = FALSE;
  if (!read_all (fd, &size, sizeof size))
    return NULL;
  if (size <= max)
    data = g_try_malloc (size > 0 ? size : 1);
  if (data == NULL)
    {
      if (too_large != NULL)
        *too_large = TRUE;
      return NULL;
    }
  if (!read_all (fd, data, size))
    return NULL;
  *length = size;
  return g_steal_pointer (&data);
}

static GVariant *
pages_to_variant (GPtrArray *pages, const GError *error)
{
  GVariantBuilder list;

  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(usdiiaya(sdiiii))"));
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      const XfOcrPage *page = g_ptr_array_index (pages, i);
      GVariantBuilder words;
      gsize image_length = 0;
      const guint8 *image = page->image
                              ? g_bytes_get_data (page->image, &image_length)
                              : NULL;

      g_variant_builder_init (&words, G_VARIANT_TYPE ("a(sdiiii)"));
      for (guint w = 0; w < page->words->len; w++)
        {
          const XfOcrWord *word = &g_array_index (page->words, XfOcrWord, w);
          g_variant_builder_add (&words, "(sdiiii)", word->text,
                                 word->confidence, word->box[0], word->box[1],
                                 word->box[2], word->box[3]);
        }
      g_variant_builder_add (
          &list, "(usdii@aya(sdiiii))", page->n, page->text, page->confidence,
          page->width, page->height,
          g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                     image ? (gconstpointer) image : "",
                                     image_length, 1),
          &words);
    }
  return g_variant_ref_sink (g_variant_new (
      RESULT_TYPE, error ? (gint32) error->code : -1,
      error ? error->message : "", &list));
}

static GPtrArray *
pages_from_variant (GVariant *result, GError **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (
      (GDestroyNotify) xf_ocr_page_free);
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GVariant) image = NULL;
  g_autoptr(GVariantIter) words = NULL;
  const char *message;
  gint32 code;
  guint32 n;
  const char *text;
  double confidence;
  gint32 width, height;

  g_variant_get (result, "(i&sa(usdiiaya(sdiiii)))", &code, &message, &iter);
  if (code >= 0)
    {
      g_set_error_literal (error, XF_ERROR, code, message);
      return NULL;
    }
  while (g_variant_iter_next (iter, "(u&sdii@aya(sdiiii))", &n, &text,
                              &confidence, &width, &height, &image, &words))
    {
      XfOcrPage *page = g_new0 (XfOcrPage, 1);
      gsize image_length = 0;
      const guint8 *bytes = g_variant_get_fixed_array (image, &image_length, 1);
      const char *word_text;
      XfOcrWord word;

      page->n = n;
      page->text = g_strdup (text);
      page->confidence = confidence;
      page->width = width;
      page->height = height;
      if (image_length > 0)
        page->image = g_bytes_new (bytes, image_length);
      page->words = g_array_new (FALSE, TRUE, sizeof (XfOcrWord));
      g_array_set_clear_func (page->words, xf_ocr_word_clear);
      while (g_variant_iter_next (words, "(&sdiiii)", &word_text,
                                  &word.confidence, &word.box[0], &word.box[1],
                                  &word.box[2], &word.box[3]))
        {
          word.text = g_strdup (word_text);
          g_array_append_val (page->words, word);
        }
      g_ptr_array_add (pages, page);
      g_clear_pointer (&image, g_variant_unref);
      g_clear_pointer (&words, g_variant_iter_free);
    }
  return g_steal_pointer (&pages);
}

/* The worker's life: one engine, then jobs until the socket closes. */
G_GNUC_NORETURN static void
worker_main (int fd, const XfOcrPool *pool)
{
  g_autoptr(GError) error = NULL;
  XfOcrEngine *engine;

#ifndef __SANITIZE_ADDRESS__
  /* AddressSanitizer reserves terabytes of address space, so the limit
   * applies only to normal builds. */
  if (pool->memory_limit > 0)
    {
      struct rlimit limit = { pool->memory_limit, pool->memory_limit };
      setrlimit (RLIMIT_AS, &limit);
    }
#endif

  engine = xf_ocr_engine_new (pool->languages, &error);
  if (engine != NULL)
    xf_ocr_engine_set_steps (engine, pool->steps);
  for (;;)
    {
      gsize length = 0;
      g_autofree guint8 *job = receive_message (fd, MAX_MESSAGE, &length,
                                                NULL);
      g_autoptr(GPtrArray) pages = NULL;
      g_autoptr(GError) job_error = NULL;
      g_autoptr(GVariant) result = NULL;

      if (job == NULL)
        _exit (0);
      if (engine == NULL)
        job_error = g_error_copy (error);
      else
        pages = xf_ocr_read (engine, job, length, &pool->limits, &job_error);
      result = pages_to_variant (pages, job_error);
      if (g_variant_get_size (result) > pool->max_message)
        {
          /* The page images of a long file can outgrow what the parent
           * takes: that file fails, not the worker. */
          g_autoptr(GError) too_large = g_error_new (
              XF_ERROR, XF_ERROR_LIMIT,
              "its pages make a result of over %" G_GUINT64_FORMAT
              " bytes, too large to hand back", pool->max_message);
          g_clear_pointer (&result, g_variant_unref);
          g_clear_pointer (&pages, g_ptr_array_unref);
          result = pages_to_variant (NULL, too_large);
        }
      if (!send_message (fd, g_variant_get_data (result),
                         g_variant_get_size (result)))
        _exit (1);
    }
}

static void
close_worker (Worker *worker)
{
  if (worker->fd >= 0)
    close (worker->fd);
  worker->fd = -1;
  if (worker->pid > 0)
    {
      kill (worker->pid, SIGKILL);
      while (waitpid (worker->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    }
  worker->pid = 0;
  worker->busy = FALSE;
}

static gboolean
start_worker (XfOcrPool *pool, Worker *worker, GError **error)
{
  int fds[2];
  pid_t pid;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;
      g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                   "cannot start an OCR worker: %s", g_strerror (saved));
      return FALSE;
    }
  fflush (NULL);
  pid = fork ();
  if (pid < 0)
    {
      int saved = errno;
      close (fds[0]);
      close (fds[1]);
      g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                   "cannot start an OCR worker: %s", g_strerror (saved));
      return FALSE;
    }
  if (pid == 0)
    {
      /* Nothing of the parent's but its own socket: the other workers'
       * sockets must close here, or a worker that dies would never be seen
       * to end, and the poller's lock must not outlive the poller. */
      if (fds[1] != 3)
        {
          if (dup2 (fds[1], 3) < 0)
            _exit (127);
          fds[1] = 3;
        }
      closefrom (4);
      /* Ctrl-C at a terminal and the daemon's stop signals reach the whole
       * process group; the parent decides when a worker ends (it closes the
       * socket or kills it), so that the page in hand can be finished. */
      signal (SIGINT, SIG_IGN);
      signal (SIGTERM, SIG_IGN);
      signal (SIGHUP, SIG_IGN);
      worker_main (fds[1], pool);
    }
  close (fds[1]);
  worker->pid = pid;
  worker->fd = fds[0];
  worker->busy = FALSE;
  return TRUE;
}

XfOcrPool *
xf_ocr_pool_new (const char *languages, guint workers,
                 const XfOcrLimits *limits, guint timeout_seconds,
                 guint64 memory_limit)
{
  XfOcrPool *pool = g_new0 (XfOcrPool, 1);

  g_return_val_if_fail (workers > 0 && limits != NULL, NULL);
  pool->languages = g_strdup (languages);
  pool->limits = *limits;
  pool->timeout_seconds = timeout_seconds;
  pool->memory_limit = memory_limit;
  pool->steps = XF_OCR_STEPS_DEFAULT;
  pool->max_message = MAX_MESSAGE;
  pool->workers = g_array_new (FALSE, TRUE, sizeof (Worker));
  for (guint i = 0; i < workers; i++)
    {
      Worker worker = { .pid = 0, .fd = -1 };
      g_array_append_val (pool->workers, worker);
    }
  return pool;
}

void
xf_ocr_pool_free (XfOcrPool *pool)
{
  if (pool == NULL)
    return;
  for (guint i = 0; i < pool->workers->len; i++)
    close_worker (&g_array_index (pool->workers, Worker, i));
  g_array_unref (pool->workers);
  g_free (pool->languages);
  g_free (pool);
}

void
xf_ocr_pool_set_steps (XfOcrPool *pool, guint steps)
{
  pool->steps = steps;
}

guint
xf_ocr_pool_idle (XfOcrPool *pool)
{
  guint idle = 0;
  for (guint i = 0; i < pool->workers->len; i++)
    idle += !g_array_index (pool->workers, Worker, i).busy;
  return idle;
}

gboolean
xf_ocr_pool_submit (XfOcrPool *pool, guint64 tag, const guint8 *data,
                    gsize length, GError **error)
{
  for (guint i = 0; i < pool->workers->len; i++)
    {
      Worker *worker = &g_array_index (pool->workers, Worker, i);

      if (worker->busy)
        continue;
      /* A worker that died between jobs is replaced; one whose socket
       * fails now gets one more try with a fresh process. */
      for (int attempt = 0; attempt < 2; attempt++)
        {
          gboolean fresh = worker->fd < 0;
          if (fresh && !start_worker (pool, worker, error))
            return FALSE;
          if (send_message (worker->fd, data, length))
            {
              /* A new worker loads its model first; that is not the
               * file's time. */
              gint64 allowance = fresh ? STARTUP_SECONDS : 0;
              worker->busy = TRUE;
              worker->tag = tag;
              worker->deadline = g_get_monotonic_time ()
                                 + ((gint64) pool->timeout_seconds + allowance)
                                     * G_USEC_PER_SEC;
              return TRUE;
            }
          close_worker (worker);
        }
      g_set_error (error, XF_ERROR, XF_ERROR_TRANSIENT,
                   "cannot hand the file to an OCR worker");
      return FALSE;
    }
  g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "no idle OCR worker");
  return FALSE;
}

static char *
describe_death (int status)
{
  if (WIFSIGNALED (status))
    return g_strdup_printf ("the OCR worker died on this file (signal %d%s)",
                            WTERMSIG (status),
                            WTERMSIG (status) == SIGABRT
                              || WTERMSIG (status) == SIGSEGV
                              ? ", perhaps over its memory limit" : "");
  return g_strdup_printf ("the OCR worker stopped on this file (exit %d)",
                          WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

/* Collects the result of @worker's job, which has something to read. */
static GPtrArray *
finish_job (const XfOcrPool *pool, Worker *worker, GError **error)
{
  gsize length = 0;
  gboolean too_large = FALSE;
  g_autofree guint8 *message = receive_message (worker->fd, pool->max_message,
                                                &length, &too_large);
  g_autoptr(GVariant) result = NULL;

  worker->busy = FALSE;
  if (too_large)
    {
      close_worker (worker);
      g_set_error (error, XF_ERROR, XF_ERROR_LIMIT,
                   "the OCR result of this file is too large to take");
      return NULL;
    }
  if (message == NULL)
    {
      int status = 0;
      close (worker->fd);
      worker->fd = -1;
      while (waitpid (worker->pid, &status, 0) < 0 && errno == EINTR)
        ;
      worker->pid = 0;
      g_autofree char *why = describe_death (status);
      g_set_error_literal (error, XF_ERROR, XF_ERROR_WORKER, why);
      return NULL;
    }
  result = g_variant_ref_sink (g_variant_new_from_data (
      G_VARIANT_TYPE (RESULT_TYPE), message, length, FALSE, NULL, NULL));
  if (!g_variant_is_normal_form (result))
    {
      close_worker (worker);
      g_set_error (error, XF_ERROR, XF_ERROR_FAILED,
                   "the OCR worker sent a malformed result");
      return NULL;
    }
  return pages_from_variant (result, error);
}

gboolean
xf_ocr_pool_collect (XfOcrPool *pool, guint64 *tag, GPtrArray **pages,
                     GError **job_error)
{
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, pool->workers->len);
  g_autofree guint *index = g_new0 (guint, pool->workers->len);

  for (;;)
    {
      guint n = 0;
      gint64 now = g_get_monotonic_time ();
      gint64 soonest = G_MAXINT64;

      for (guint i = 0; i < pool->workers->len; i++)
        {
          Worker *worker = &g_array_index (pool->workers, Worker, i);
          if (!worker->busy)
            continue;
          if (worker->deadline <= now)
            {
              *tag = worker->tag;
              *pages = NULL;
              close_worker (worker);
              g_set_error (job_error, XF_ERROR, XF_ERROR_WORKER,
                           "OCR took longer than %u s ([ocr] timeout_seconds)",
                           pool->timeout_seconds);
              return TRUE;
            }
          soonest = MIN (soonest, worker->deadline);
          fds[n].fd = worker->fd;
          fds[n].events = POLLIN;
          fds[n].revents = 0;
          index[n++] = i;
        }
      if (n == 0)
        return FALSE;

      int wait_ms = (int) MIN ((soonest - now) / 1000 + 1, 60 * 1000);
      int ready = poll (fds, n, wait_ms);
      if (ready < 0 && errno != EINTR)
        {
          g_warning ("waiting for OCR workers: %s", g_strerror (errno));
          ready = 0;
        }
      for (guint k = 0; k < n && ready > 0; k++)
        {
          if (fds[k].revents == 0)
            continue;
          Worker *worker = &g_array_index (pool->workers, Worker, index[k]);
          *tag = worker->tag;
          *pages = finish_job (pool, worker, job_error);
          return TRUE;
        }
    }
}

GPtrArray *
xf_ocr_pool_read (XfOcrPool *pool, const guint8 *data, gsize length,
                  GError **error)
{
  GPtrArray *pages = NULL;
  guint64 tag = 0;

  g_return_val_if_fail (xf_ocr_pool_idle (pool) == pool->workers->len, NULL);
  if (!xf_ocr_pool_submit (pool, 1, data, length, error))
    return NULL;
  if (!xf_ocr_pool_collect (pool, &tag, &pages, error))
    g_set_error (error, XF_ERROR, XF_ERROR_FAILED, "the OCR job was lost");
  return pages;
}

GArray *
xf_ocr_pool_pids_for_testing (XfOcrPool *pool)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  for (guint i = 0; i < pool->workers->len; i++)
    {
      Worker *worker = &g_array_index (pool->workers, Worker, i);
      if (worker->pid > 0)
        g_array_append_val (pids, worker->pid);
    }
  return pids;
}

void
xf_ocr_pool_set_max_message_for_testing (XfOcrPool *pool, guint64 bytes)
{
  g_return_if_fail (pool != NULL && bytes > 0 && bytes <= MAX_MESSAGE);
  pool->max_message = bytes;
}
