/* The progress line (progress.h): a ticker thread draws what the workers
 * count in relaxed atomics. */
#include "progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static FILE *out;
static bool running;  /* a ticker thread exists (main thread only) */
static bool stopping; /* under lock: the ticker must end */
static bool drawn;    /* the ticker drew a line (read after the join) */
static double wait_s; /* seconds before the first draw */
static pthread_t ticker;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static _Atomic(const char *) phase_what;
static _Atomic(const char *) phase_unit;
static _Atomic uint64_t phase_total, phase_done;
static atomic_bool active; /* progress_start ran with on */

static void draw(void) {
  const char *what = atomic_load_explicit(&phase_what, memory_order_relaxed);
  const char *unit = atomic_load_explicit(&phase_unit, memory_order_relaxed);
  uint64_t total = atomic_load_explicit(&phase_total, memory_order_relaxed);
  uint64_t done = atomic_load_explicit(&phase_done, memory_order_relaxed);
  if (!what)
    return;
  if (done > total && total)
    done = total;
  bool mb = unit && unit[0] == 'M'; /* bytes, shown as MB */
  double d = mb ? done / 1e6 : (double)done,
         t = mb ? total / 1e6 : (double)total;
  if (total)
    fprintf(out, "\rkdiff: %s %3u%% (%.0f of %.0f %s)\033[K", what,
            (unsigned)(100 * done / total), d, t, unit ? unit : "");
  else
    fprintf(out, "\rkdiff: %s (%.0f %s)\033[K", what, d, unit ? unit : "");
  fflush(out);
  drawn = true;
}

static void *tick(void *arg) {
  (void)arg;
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pthread_mutex_lock(&lock);
  while (!stopping) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 200 * 1000 * 1000; /* five times a second */
    if (until.tv_nsec >= 1000000000) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&wake, &lock, &until);
    if (stopping)
      break;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double el = (double)(now.tv_sec - start.tv_sec) +
                (now.tv_nsec - start.tv_nsec) / 1e9;
    if (el >= wait_s)
      draw();
  }
  pthread_mutex_unlock(&lock);
  return NULL;
}

void progress_start(FILE *f, bool on, double after) {
  if (!on || running)
    return;
  out = f;
  wait_s = after;
  stopping = false;
  drawn = false;
  atomic_store(&active, true);
  running = pthread_create(&ticker, NULL, tick, NULL) == 0;
  if (!running)
    atomic_store(&active, false); /* no thread: no line, nothing else changes */
}

void progress_phase(const char *what, const char *unit, uint64_t total) {
  if (!atomic_load_explicit(&active, memory_order_relaxed))
    return;
  atomic_store_explicit(&phase_done, 0, memory_order_relaxed);
  atomic_store_explicit(&phase_total, total, memory_order_relaxed);
  atomic_store_explicit(&phase_unit, unit, memory_order_relaxed);
  atomic_store_explicit(&phase_what, what, memory_order_relaxed);
}

void progress_advance(uint64_t n) {
  if (atomic_load_explicit(&active, memory_order_relaxed))
    atomic_fetch_add_explicit(&phase_done, n, memory_order_relaxed);
}

bool progress_stop(void) {
  if (!running)
    return false;
  pthread_mutex_lock(&lock);
  stopping = true;
  pthread_cond_signal(&wake);
  pthread_mutex_unlock(&lock);
  pthread_join(ticker, NULL);
  running = false;
  atomic_store(&active, false);
  /* With no wait asked for, a run shorter than a tick still shows its
   * last phase once, so the line never depends on the clock. */
  if (!drawn && wait_s == 0)
    draw();
  if (drawn) {
    fputs("\r\033[K", out);
    fflush(out);
  }
  return drawn;
}

double progress_default_after(void) {
  const char *s = getenv("KDIFF_PROGRESS_AFTER");
  char *end;
  double v = s ? strtod(s, &end) : 1.0;
  return s && end != s && v >= 0 ? v : 1.0;
}

uint64_t progress_file_bytes(const char *path) {
  struct stat st;
  if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
      !S_ISREG(st.st_mode))
    return 0;
  return (uint64_t)st.st_size;
}
