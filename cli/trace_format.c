/* Trace format detection and the reader dispatch (trace_format.h). */
#define _XOPEN_SOURCE 700 /* mkstemp */
#include "trace_format.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonl_read.h"
#include "kevlar_read.h"
#include "strace_parse.h"
#include "strace_variant.h"

const char *trace_format_name(enum trace_format f) {
  static const char *const names[] = {
      [TF_UNKNOWN] = "unknown",
      [TF_STRACE] = "strace",
      [TF_JSONL] = "jsonl",
      [TF_KEVLAR] = "kevlar",
  };
  return (unsigned)f < sizeof names / sizeof *names ? names[f] : "unknown";
}

static bool has(const char *s, size_t n, const char *lit) {
  size_t l = strlen(lit);
  for (size_t i = 0; i + l <= n; i++)
    if (memcmp(s + i, lit, l) == 0)
      return true;
  return false;
}

/* A line strace wrote: its prefixes (pid, timestamp, -n column), then a
 * call of a syscall kdiff knows, a signal, an exit or a resumed call. */
static bool strace_line(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 5 && memcmp(s, "[pid ", 5) == 0) {
    const char *c = memchr(s, ']', n);
    if (!c)
      return false;
    i = (size_t)(c - s) + 1;
  } else if (!strace_timestamp(s, n)) {
    while (i < n && isdigit((unsigned char)s[i]))
      i++;
  }
  while (i < n && s[i] == ' ')
    i++;
  i += strace_timestamp(s + i, n - i);
  if (i < n && s[i] == '[') {
    const char *c = memchr(s + i, ']', n - i);
    if (!c)
      return false;
    i = (size_t)(c - s) + 1;
    while (i < n && s[i] == ' ')
      i++;
  }
  s += i;
  n -= i;
  static const char *const heads[] = {"--- SIG", "+++ exited with ",
                                      "+++ killed by ", "<... "};
  for (size_t k = 0; k < sizeof heads / sizeof *heads; k++)
    if (n >= strlen(heads[k]) && memcmp(s, heads[k], strlen(heads[k])) == 0)
      return true;
  size_t k = 0;
  while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '_'))
    k++;
  if (k == 0 || k >= n || s[k] != '(' || k > 63)
    return false;
  char name[64];
  memcpy(name, s, k);
  name[k] = 0;
  return sc_by_name(name) || strcmp(name, "restart_syscall") == 0 ||
         has(s, n, ") = ");
}

enum trace_format trace_format_sniff(const char *data, size_t len,
                                     size_t *line) {
  *line = 0;
  size_t ln = 0;
  for (size_t pos = 0; pos < len && ln < TF_SNIFF_LINES;) {
    ln++;
    const char *s = data + pos;
    const char *nl = memchr(s, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - s) : len - pos;
    pos += n + (nl != NULL);
    if (n && s[n - 1] == '\r')
      n--;
    size_t b = 0;
    while (b < n && (s[b] == ' ' || s[b] == '\t'))
      b++;
    if (b == n)
      continue;
    if (!*line)
      *line = ln;
    size_t off;
    bool dbg = kevlar_record_start(s, n, &off);
    if (dbg || s[b] == '{') {
      /* JSONL lines may carry "DBG " too (jsonl.h); the key decides. */
      if (has(s, n, "\"ev\""))
        return TF_JSONL;
      if (dbg && has(s, n, "\"type\""))
        return TF_KEVLAR;
      continue;
    }
    if (strace_line(s, n))
      return TF_STRACE;
  }
  return TF_UNKNOWN;
}

/* Copies stdin into an unlinked temporary file that becomes fd 0. It
 * stops inside a line longer than any reader takes (KD_MAX_LINE), where
 * the reader will stop too, so that /dev/zero is not copied for ever. */
static int spool_stdin(struct kd_error *e) {
  const char *dir = getenv("TMPDIR");
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s/kdiff-stdin.XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(tmp);
  if (fd < 0)
    return kd_fail(e, "-", 0, "cannot spool stdin to %s: %s", tmp,
                   strerror(errno));
  unlink(tmp);
  char buf[65536];
  size_t linelen = 0;
  for (;;) {
    ssize_t r = read(0, buf, sizeof buf);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      close(fd);
      return kd_fail(e, "-", 0, "cannot read stdin: %s", strerror(errno));
    }
    if (r == 0)
      break;
    ssize_t keep = r;
    for (ssize_t k = 0; k < r; k++) {
      linelen = buf[k] == '\n' ? 0 : linelen + 1;
      if (linelen > KD_MAX_LINE + 1) {
        keep = k;
        break;
      }
    }
    r = keep;
    if (write(fd, buf, (size_t)r) != r) {
      close(fd);
      return kd_fail(e, "-", 0, "cannot spool stdin: %s", strerror(errno));
    }
    if (linelen > KD_MAX_LINE + 1)
      break;
  }
  if (lseek(fd, 0, SEEK_SET) != 0 || dup2(fd, 0) < 0) {
    close(fd);
    return kd_fail(e, "-", 0, "cannot spool stdin: %s", strerror(errno));
  }
  close(fd);
  clearerr(stdin);
  return 0;
}

int trace_format_detect(const char *path, enum trace_format fallback,
                        enum trace_format *f, struct kd_error *e) {
  *f = TF_UNKNOWN;
  bool in = strcmp(path, "-") == 0;
  if (in && spool_stdin(e))
    return -1;
  FILE *fp = in ? fdopen(dup(0), "rb") : fopen(path, "rb");
  if (!fp) {
    struct stat st;
    if (!in && errno == ENOENT && stat(path, &st) != 0) {
      *f = TF_STRACE; /* maybe a `strace -ff -o` stem: its reader decides */
      return 0;
    }
    return kd_fail(e, path, 0, "cannot open: %s", strerror(errno));
  }
  /* Enough for TF_SNIFF_LINES lines of any sensible trace. */
  size_t cap = 4u << 20;
  char *buf = malloc(cap);
  if (!buf)
    abort();
  size_t len = fread(buf, 1, cap, fp);
  int err = ferror(fp) ? errno : 0;
  fclose(fp);
  if (in && lseek(0, 0, SEEK_SET) != 0) /* the dup shares fd 0's offset */
    err = errno;
  if (!in && len == 0 && err == 0) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
      err = EISDIR;
  }
  int rc = 0;
  size_t line;
  if (err)
    rc = kd_fail(e, path, 0, "cannot read: %s", strerror(err));
  else if ((*f = trace_format_sniff(buf, len, &line)) != TF_UNKNOWN)
    rc = 0;
  else if (fallback != TF_UNKNOWN)
    *f = fallback; /* its reader says what it expected, and where */
  else if (line == 0)
    rc = kd_fail(e, path, 0, "empty file: no trace in it");
  else
    rc = kd_fail(e, path, line,
                 "not a trace kdiff reads: expected strace output "
                 "(`PID name(args) = ret`), JSONL schema v1 records "
                 "(`{\"ev\":\"boot\",\"v\":1,...}`) or Kevlar console lines "
                 "(`DBG {\"type\":\"syscall_entry\",...}`) within the first %d "
                 "lines",
                 TF_SNIFF_LINES);
  free(buf);
  return rc;
}

int trace_read(enum trace_format f, enum kd_arch arch, struct trace *t,
               struct kd_error *e) {
  t->format = trace_format_name(f);
  switch (f) {
  case TF_STRACE:
    return strace_parse_file(t, e);
  case TF_JSONL:
    return jsonl_read_file(arch, t, e);
  case TF_KEVLAR:
    return kevlar_read_file(arch, t, e);
  case TF_UNKNOWN:
    break;
  }
  return kd_fail(e, t->path, 0, "unknown trace format");
}
