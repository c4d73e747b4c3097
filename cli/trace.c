/* The event array and the CLI's one error policy. */
#define _GNU_SOURCE /* mremap */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void trace_init(struct trace *t, const char *path) {
  memset(t, 0, sizeof *t);
  t->path = path;
}

/* The event array is an anonymous mapping grown with mremap (no copying)
 * and backed by huge pages where the kernel allows: a million events are
 * ~170 MB, and 4 KiB page faults on them cost more than parsing. */
static void grow_events(struct trace *t) {
  size_t old = t->cap * sizeof *t->ev;
  size_t cap = t->cap ? t->cap * 2 : 4096;
  if (cap >
      (size_t)INT32_MAX + 1) { /* rows index events in 32 bits (align.h) */
    fputs("kdiff: too many events in one trace\n", stderr);
    abort();
  }
  size_t size = cap * sizeof *t->ev;
  void *p = t->ev ? mremap(t->ev, old, size, MREMAP_MAYMOVE)
                  : mmap(NULL, size, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    fputs("kdiff: out of memory\n", stderr);
    abort();
  }
  madvise(p, size, MADV_HUGEPAGE);
  t->ev = p;
  t->cap = cap;
}

struct event *trace_push(struct trace *t) {
  if (t->n == t->cap)
    grow_events(t);
  /* The previous event has its pid by now (readers set it right after the
   * push): note a second task while it is in cache. */
  if (t->n > 1 && t->ev[t->n - 1].pid != t->ev[0].pid)
    t->multi_task = true;
  /* Already zero: the array is fresh anonymous memory (mmap, and mremap
   * adds zero pages) and events are never taken back, so each slot is
   * handed out once. Not clearing it spares a write of every event. */
  return &t->ev[t->n++];
}

bool trace_multi_task(const struct trace *t) {
  return t->multi_task || (t->n > 1 && t->ev[t->n - 1].pid != t->ev[0].pid);
}

void trace_free(struct trace *t) {
  if (t->ev)
    munmap(t->ev, t->cap * sizeof *t->ev);
  kd_release_file(t->buf, t->buf_mapped);
  arena_free(&t->arena);
  memset(t, 0, sizeof *t);
}

int kd_fail(struct kd_error *e, const char *path, size_t line, const char *fmt,
            ...) {
  int n = 0;
  if (path && line)
    n = snprintf(e->msg, sizeof e->msg, "%s:%zu: ", path, line);
  else if (path)
    n = snprintf(e->msg, sizeof e->msg, "%s: ", path);
  if (n < 0 || (size_t)n >= sizeof e->msg)
    n = 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg + n, sizeof e->msg - n, fmt, ap);
  va_end(ap);
  return -1;
}

int kd_read_file(const char *path, char **buf, size_t *len,
                 struct kd_error *e) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f)
    return kd_fail(e, path, 0, "cannot open: %s", strerror(errno));
  size_t cap = 1 << 16, n = 0;
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    cap = (size_t)st.st_size + 2; /* one read, no regrowing */
  char *b = malloc(cap);
  size_t line = 1, line_start = 0; /* the line being read, where it began */
  int bad = 0;
  for (;;) {
    if (!b) {
      fputs("kdiff: out of memory\n", stderr);
      abort();
    }
    if (cap - n < 2) {
      cap *= 2;
      b = realloc(b, cap);
      continue;
    }
    size_t got = fread(b + n, 1, cap - n - 1, f);
    for (const char *q = b + n; (q = memchr(q, '\n', b + n + got - q)); q++) {
      line++;
      line_start = (size_t)(q - b) + 1;
    }
    n += got;
    if (n - line_start > KD_MAX_LINE) {
      bad = 2;
      break;
    }
    if (got == 0)
      break;
  }
  bad = bad ? bad : ferror(f) ? 1 : 0;
  if (f != stdin)
    fclose(f);
  if (bad) {
    free(b);
    if (bad == 2)
      return kd_fail(e, path, line, "line longer than %u bytes", KD_MAX_LINE);
    return kd_fail(e, path, 0, "read error");
  }
  b[n] = 0;
  *buf = b;
  *len = n;
  return 0;
}

int kd_map_file(const char *path, char **buf, size_t *len, size_t *mapped,
                struct kd_error *e) {
  *mapped = 0;
  if (strcmp(path, "-") != 0) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
      return kd_fail(e, path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
        close(fd);
        *buf = p;
        *len = *mapped = (size_t)st.st_size;
        return 0;
      }
    }
    close(fd);
  }
  return kd_read_file(path, buf, len, e);
}

void kd_release_file(char *buf, size_t mapped) {
  if (mapped)
    munmap(buf, mapped);
  else
    free(buf);
}

void trace_drop_text(struct trace *t) {
  if (!t->buf_mapped)
    return;
  madvise(t->buf, t->buf_mapped, MADV_RANDOM);
  madvise(t->buf, t->buf_mapped, MADV_DONTNEED);
}

size_t kd_drop_behind(char *buf, size_t from, size_t to) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  to &= ~(page - 1);
  if (to > from)
    madvise(buf + from, to - from, MADV_DONTNEED);
  return to > from ? to : from;
}
