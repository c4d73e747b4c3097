/* Buffers, whole-file reads and writes, mkdir -p, and descriptions of run
 * outcomes. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void run_buf_free(run_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = 0;
}

void run_result_free(run_result *r) {
  run_buf_free(&r->out);
  run_buf_free(&r->err);
}

void run_qemu_result_free(run_qemu_result *r) {
  run_result_free(&r->qemu);
  run_buf_free(&r->console);
  run_buf_free(&r->trace);
}

int run_read_file(const char *path, run_buf *b) {
  b->data = NULL;
  b->len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  size_t cap = 4096, len = 0;
  char *data = malloc(cap);
  for (;;) {
    if (!data) {
      close(fd);
      errno = ENOMEM;
      return -1;
    }
    if (cap - len < 2) {
      cap *= 2;
      char *grown = realloc(data, cap);
      if (!grown)
        free(data);
      data = grown;
      continue;
    }
    ssize_t n = read(fd, data + len, cap - len - 1);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int e = errno;
      free(data);
      close(fd);
      errno = e;
      return -1;
    }
    if (n == 0)
      break;
    len += (size_t)n;
  }
  close(fd);
  data[len] = '\0';
  b->data = data;
  b->len = len;
  return 0;
}

int run_write_file(const char *path, const char *data, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return -1;
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int e = errno;
      close(fd);
      errno = e;
      return -1;
    }
    data += n;
    len -= (size_t)n;
  }
  return close(fd);
}

const char *run_signal_name(int sig) {
  static char buf[32];
  /* Kernel numbering and strace's names (the trace uses strace's names),
   * not glibc's SIGRTMIN, which hides the two signals glibc reserves. */
  if (sig == 32)
    return "SIGRTMIN";
  if (sig > 32 && sig <= 64) {
    snprintf(buf, sizeof buf, "SIGRT_%d", sig - 32);
    return buf;
  }
  const char *abbrev = sigabbrev_np(sig);
  if (abbrev)
    snprintf(buf, sizeof buf, "SIG%s", abbrev);
  else
    snprintf(buf, sizeof buf, "SIG%d", sig);
  return buf;
}

const char *run_describe(const run_result *r, double timeout_s, char *buf,
                         size_t len) {
  switch (r->end) {
  case RUN_EXITED:
    snprintf(buf, len, "exit %d", r->code);
    break;
  case RUN_SIGNALED:
    snprintf(buf, len, "killed by %s", run_signal_name(r->code));
    break;
  case RUN_TIMED_OUT:
    snprintf(buf, len, "timed out after %.1f s", timeout_s);
    break;
  case RUN_FAILED:
    snprintf(buf, len, "failed: %s", r->error);
    break;
  }
  return buf;
}

int run_mkdirs(const char *path) {
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      if (mkdir(buf, 0755) < 0 && errno != EEXIST)
        return -1;
      *p = '/';
    }
  return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}
