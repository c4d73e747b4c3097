/* The pieces that keep kdiff linear on big fork-heavy traces: the idmap
 * (idmap.h) against a model over random keys; the JSONL reader's table of
 * open calls with thousands of tids whose exit_group stays open for good,
 * entries and exits joined to the right call; the kernel-layout scanner
 * reading what the general one reads; and the progress line (progress.h):
 * drawn and erased on a terminal, never before its delay, never when off. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "idmap.h"
#include "jsonl.h"
#include "jsonl_read.h"
#include "progress.h"

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)rng;
}

static void test_idmap(void) {
  enum { N = 20000 };
  static uint32_t keys[N];
  static long want[N];
  struct idmap m = {0};
  CHECK_INT(idmap_get(&m, 5), -1);
  size_t nk = 0;
  for (int step = 0; step < 3 * N; step++) {
    /* Keys from a small range (collisions, replacements) and a wide one. */
    uint32_t k = step % 3 ? rnd() % 5000 : rnd();
    size_t at = 0;
    while (at < nk && keys[at] != k)
      at++;
    if (at == nk) {
      if (nk == N)
        continue;
      keys[nk++] = k;
    }
    want[at] = step;
    idmap_put(&m, k, (size_t)step);
  }
  int bad = 0;
  for (size_t i = 0; i < nk; i++)
    bad += idmap_get(&m, keys[i]) != want[i];
  CHECK_INT(bad, 0);
  CHECK_INT(m.n, nk);
  int found = 0; /* keys never put are absent */
  for (int i = 0; i < 1000; i++) {
    uint32_t k = 5000 + rnd() % 1000000;
    size_t at = 0;
    while (at < nk && keys[at] != k)
      at++;
    found += at == nk && idmap_get(&m, k) >= 0;
  }
  CHECK_INT(found, 0);
  idmap_free(&m);
  CHECK_INT(idmap_get(&m, keys[0]), -1);
}

/* 3000 processes each leave an exit_group open, between them other tids'
 * calls open and close in an order that exercises the table's deletions;
 * every exit must land on its own entry. */
static void test_open_calls(void) {
  size_t cap = 1 << 22, n = 0;
  char *b = malloc(cap);
  n += (size_t)snprintf(b + n, cap - n,
                        "{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\"}\n");
  long seq = 0;
  enum { P = 3000 };
  for (int p = 2; p < P; p++) {
    /* tid p opens getpid; tid p+1 (next round's) and a shared tid 1 too */
    n += (size_t)snprintf(
        b + n, cap - n,
        "{\"ev\":\"syscall_entry\",\"seq\":%ld,\"pid\":%d,\"tid\":%d,"
        "\"nr\":39,\"name\":\"getpid\",\"args\":[\"0x%x\"]}\n",
        ++seq, p, p, p);
    n += (size_t)snprintf(
        b + n, cap - n,
        "{\"ev\":\"syscall_entry\",\"seq\":%ld,\"pid\":1,\"tid\":1,"
        "\"nr\":61,\"name\":\"wait4\",\"args\":[\"0x%x\"]}\n",
        ++seq, p);
    n += (size_t)snprintf(
        b + n, cap - n,
        "{\"ev\":\"syscall_exit\",\"seq\":%ld,\"pid\":%d,\"tid\":%d,"
        "\"nr\":39,\"name\":\"getpid\",\"ret\":%d}\n",
        ++seq, p, p, p);
    n += (size_t)snprintf(
        b + n, cap - n,
        "{\"ev\":\"syscall_entry\",\"seq\":%ld,\"pid\":%d,\"tid\":%d,"
        "\"nr\":231,\"name\":\"exit_group\",\"args\":[\"0x0\"]}\n",
        ++seq, p, p);
    n += (size_t)snprintf(
        b + n, cap - n,
        "{\"ev\":\"syscall_exit\",\"seq\":%ld,\"pid\":1,\"tid\":1,"
        "\"nr\":61,\"name\":\"wait4\",\"ret\":%d}\n",
        ++seq, p);
  }
  struct trace t;
  struct kd_error e;
  trace_init(&t, "mem");
  CHECK_INT(jsonl_read_mem(b, n, ARCH_X86_64, &t, &e), 0);
  CHECK_INT(t.n, 3 * (P - 2));
  int bad = 0, open = 0;
  for (size_t i = 0; i < t.n; i++) {
    const struct event *ev = &t.ev[i];
    const char *name = intern_str(ev->name);
    open += (ev->flags & EVF_UNFINISHED) != 0;
    if (strcmp(name, "exit_group") == 0)
      bad += ev->nret.cls != VAL_UNKNOWN;
    else /* getpid and wait4: the result is the entry's argument */
      bad += ev->nret.cls != VAL_NUM || ev->ret != ev->arg[0].v;
  }
  CHECK_INT(bad, 0);
  CHECK_INT(open, 0);
  trace_free(&t);
  free(b);
}

/* Reads one line with jsonl_next. */
static enum jsonl_kind read_one(const char *line, struct jsonl_rec *r,
                                struct jsonl_reader *rd) {
  jsonl_open_mem(rd, line, strlen(line));
  return jsonl_next(rd, r);
}

static bool str_eq(struct jsonl_str a, struct jsonl_str b) {
  return (!a.s && !b.s) ||
         (a.s && b.s && a.n == b.n && memcmp(a.s, b.s, a.n) == 0);
}

static bool num_eq(struct jsonl_num a, struct jsonl_num b) {
  return a.present == b.present && a.ok == b.ok && (!a.ok || a.v == b.v);
}

/* The kernel's layout and the same record with a blank after '{' (which
 * only the general scanner reads) give the same fields. */
static void test_kernel_layout(void) {
  static const char *lines[] = {
      "{\"ev\":\"syscall_entry\",\"seq\":7,\"pid\":1,\"tid\":2,\"nr\":2,"
      "\"name\":\"open\","
      "\"args\":[\"0x401000\",\"0x8000\",\"0x0\",\"0xffffffffffffffff\","
      "\"0x0\",\"0x0\"],"
      "\"str\":{\"0\":\"/etc/x\"},\"str_cut\":[0]}",
      "{\"ev\":\"syscall_entry\",\"seq\":7,\"pid\":1,\"tid\":2,\"nr\":39,"
      "\"name\":\"getpid\","
      "\"args\":[\"0x0\",\"0X1\",\"0x\",\"0x11111111111111111\",\"12\",\"0xg\"]"
      "}",
      "{\"ev\":\"syscall_exit\",\"seq\":8,\"pid\":1,\"tid\":2,\"nr\":2,"
      "\"name\":\"open\","
      "\"ret\":-2,\"errno\":\"ENOENT\"}",
      "{\"ev\":\"syscall_exit\",\"seq\":8,\"pid\":1,\"tid\":2,\"nr\":2,"
      "\"name\":\"open\",\"ret\":3}",
      "{\"ev\":\"syscall_exit\",\"seq\":8,\"pid\":\"0x1\",\"tid\":2,\"nr\":2,"
      "\"name\":\"x\",\"ret\":\"0x3\"}",
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    char spaced[1024];
    snprintf(spaced, sizeof spaced, "{ %s", lines[i] + 1);
    struct jsonl_reader ra, rb;
    struct jsonl_rec a, b;
    CHECK_INT(read_one(lines[i], &a, &ra), JSONL_RECORD);
    CHECK_INT(read_one(spaced, &b, &rb), JSONL_RECORD);
    CHECK(jsonl_fast_accepts(lines[i], strlen(lines[i])));
    CHECK(str_eq(a.ev, b.ev) && str_eq(a.name, b.name) && str_eq(a.err, b.err));
    CHECK(num_eq(a.pid, b.pid) && num_eq(a.tid, b.tid) && num_eq(a.nr, b.nr) &&
          num_eq(a.ret, b.ret));
    CHECK_INT(a.nargs, b.nargs);
    for (int k = 0; k < a.nargs && k < b.nargs; k++)
      CHECK(num_eq(a.args[k], b.args[k]));
    CHECK_INT(a.str_has, b.str_has);
    CHECK_INT(a.str_cut, b.str_cut);
    for (int k = 0; k < JSONL_MAXARGS; k++)
      if (a.str_has & (1u << k))
        CHECK(str_eq(a.str[k], b.str[k]));
    jsonl_close(&ra);
    jsonl_close(&rb);
  }
  /* Not quite the layout (a trailing field, a missing brace): still read
   * the general way or refused, never half-read. */
  const char *extra =
      "{\"ev\":\"syscall_exit\",\"seq\":8,\"pid\":1,\"tid\":2,\"nr\":2,"
      "\"name\":\"open\",\"ret\":3,\"action\":\"x\"}";
  struct jsonl_reader rd;
  struct jsonl_rec r;
  CHECK_INT(read_one(extra, &r, &rd), JSONL_RECORD);
  CHECK(jsonl_str_is(r.action, "x") && r.ret.v == 3);
  jsonl_close(&rd);
  const char *cut =
      "{\"ev\":\"syscall_exit\",\"seq\":8,\"pid\":1,\"tid\":2,\"nr\":2,"
      "\"name\":\"open\",\"ret\":3";
  CHECK_INT(read_one(cut, &r, &rd), JSONL_BAD);
  jsonl_close(&rd);
}

/* What the progress line wrote to a temporary file. */
static size_t run_progress(bool on, double after, double work_s, char *out,
                           size_t cap) {
  FILE *f = tmpfile();
  progress_start(f, on, after);
  progress_phase("reading and normalising traces", "MB", 4000000);
  progress_advance(1000000);
  struct timespec ts = {(time_t)work_s,
                        (long)((work_s - (time_t)work_s) * 1e9)};
  nanosleep(&ts, NULL);
  progress_phase("aligning", "events", 10);
  progress_advance(10);
  nanosleep(&ts, NULL);
  bool drawn = progress_stop();
  CHECK(!progress_stop()); /* a second stop does nothing */
  rewind(f);
  size_t n = fread(out, 1, cap - 1, f);
  out[n] = 0;
  fclose(f);
  CHECK_INT(drawn, n > 0);
  return n;
}

static void test_progress(void) {
  char out[8192];
  size_t n = run_progress(true, 0, 0.5, out, sizeof out);
  CHECK(n > 0);
  CHECK(strstr(
            out,
            "\rkdiff: reading and normalising traces  25% (1 of 4 MB)\033[K") !=
        NULL);
  CHECK(strstr(out, "\rkdiff: aligning 100% (10 of 10 events)\033[K") != NULL);
  CHECK(n >= 4 && strcmp(out + n - 4, "\r\033[K") == 0); /* erased at the end */
  CHECK(strchr(out, '\n') == NULL); /* one line, rewritten */
  CHECK_INT(run_progress(false, 0, 0.3, out, sizeof out), 0); /* off: nothing */
  CHECK_INT(run_progress(true, 5, 0.3, out, sizeof out),
            0);        /* a quick run: nothing */
  progress_advance(5); /* without a line: no-ops */
  progress_phase("x", "MB", 1);
  CHECK(!progress_stop());
}

int main(void) {
  test_idmap();
  test_open_calls();
  test_kernel_layout();
  test_progress();
  return check_done("bigtrace");
}
