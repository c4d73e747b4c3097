/* The Kevlar console reader (kevlar_read.h) on hand-written files of the
 * format (tests/cli/kevlar) and broken lines; format detection
 * (trace_format.h) on every format; and cross-format pairs of one run
 * (Kevlar vs JSONL, Kevlar vs strace, strace vs strace) agreeing. */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "check.h"
#include "kevlar_read.h"
#include "normalise.h"
#include "trace_check.h"
#include "trace_format.h"

static const struct event *nth(const struct trace *t, const char *name, int n) {
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].kind == EV_SYSCALL &&
        strcmp(intern_str(t->ev[i].name), name) == 0 && n-- == 0)
      return &t->ev[i];
  return NULL;
}

static int mem(const char *text, struct trace *t, struct kd_error *e) {
  trace_init(t, "k.log");
  return kevlar_read_mem(text, strlen(text), ARCH_X86_64, t, e);
}

static void test_file(void) {
  struct trace t;
  struct kd_error e;
  trace_init(&t, fixture("kevlar/brk_mmap.kevlar.log"));
  CHECK(kevlar_read_file(ARCH_X86_64, &t, &e) == 0);
  CHECK_INT(t.skipped_lines, 7); /* banner, log, "done" */
  CHECK(t.signals_untraced);
  const struct event *ev = nth(&t, "open", 0);
  CHECK(ev && (ev->flags & EVF_ERR) && ev->ret == -2 && ev->line == 18 &&
        ev->first_line == 17);
  CHECK_STR(intern_str(ev ? ev->err : 0), "ENOENT");
  ev = nth(&t, "mmap", 0); /* 18446744073709551615: the u64 of -1 */
  CHECK(ev && ev->nargs == 6 && ev->arg[4].v == -1 &&
        ev->ret == 0x7ffff7ff8000);
  CHECK(t.n && t.ev[t.n - 1].kind == EV_EXIT && t.ev[t.n - 1].ret == 0);
  trace_free(&t);
  /* errno from the result alone, CRLF, a record type it does not know. */
  trace_init(&t, fixture("kevlar/brk_mmap_numeric.kevlar.log"));
  CHECK(kevlar_read_file(ARCH_X86_64, &t, &e) == 0);
  ev = nth(&t, "open", 0);
  CHECK_STR(intern_str(ev ? ev->err : 0), "ENOENT");
  CHECK_INT(t.skipped_lines, 8);
  trace_free(&t);
}

static void test_lines(void) {
  struct trace t;
  struct kd_error e;
  CHECK(mem("DBG {\"type\":\"syscall_entry\",\"pid\":3,\"nr\":39,\"args\":[]}\n"
            "DBG "
            "{\"type\":\"syscall_exit\",\"pid\":3,\"nr\":39,\"result\":-4,"
            "\"errno\":4}\n"
            "\x1b[33mDBG "
            "{\"type\":\"syscall_exit\",\"pid\":3,\"name\":\"read\",\"result\":"
            "-512}\n"
            "DBG "
            "{\"type\":\"syscall_entry\",\"pid\":3,\"name\":\"exit_group\","
            "\"args\":[258]}\n",
            &t, &e) == 0);
  const struct event *ev = nth(&t, "getpid", 0); /* named by nr */
  CHECK_STR(intern_str(ev ? ev->err : 0), "EINTR");
  ev = nth(&t, "read", 0); /* no entry; ERESTARTSYS is strace's "= ?" */
  CHECK(ev && ev->nret.cls == VAL_UNKNOWN);
  CHECK_STR(intern_str(ev ? ev->err : 0), "ERESTARTSYS");
  CHECK(t.n == 4 && t.ev[3].kind == EV_EXIT && t.ev[3].ret == 2 &&
        t.ev[3].pid == 3);
  trace_free(&t);
  static const struct {
    const char *text, *msg;
  } bad[] = {
      {"x\nDBG "
       "{\"type\":\"syscall_entry\",\"pid\":1,\"name\":\"brk\",\"args\":[0,]}"
       "\n",
       "k.log:2: malformed Kevlar record at byte "},
      {"DBG {\"type\":\"syscall_entry\",\"pid\":1,\"name\":\"brk\"\n",
       "k.log:1: malformed"},
      {"DBG {\"type\":\"syscall_entry\",\"name\":\"brk\",\"args\":[0]}\n",
       "k.log:1: Kevlar record without an integer \"pid\""},
      {"DBG {\"pid\":1}\n", "k.log:1: Kevlar record without a string \"type\""},
      {"DBG "
       "{\"type\":\"syscall_entry\",\"pid\":1,\"name\":\"brk\",\"args\":[0]}\n"
       "DBG "
       "{\"type\":\"syscall_exit\",\"pid\":1,\"name\":\"mmap\",\"result\":0}\n",
       "k.log:2: syscall_exit does not match"},
      {"DBG {\"type\":\"syscall_exit\",\"pid\":1,\"name\":\"brk\"}\n",
       "k.log:1: syscall_exit without an integer \"result\""},
      {"DBG "
       "{\"type\":\"syscall_entry\",\"pid\":1,\"args\":[99999999999999999999]}"
       "\n",
       "fits in 64 bits"},
      {"banner only\n", "k.log: no Kevlar records"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    CHECK(mem(bad[i].text, &t, &e) == -1);
    if (!strstr(e.msg, bad[i].msg))
      fprintf(stderr, "case %zu: got \"%s\", want \"%s\"\n", i, e.msg,
              bad[i].msg);
    CHECK(strstr(e.msg, bad[i].msg) != NULL);
    trace_free(&t);
  }
}

static void test_detect(void) {
  static const struct {
    const char *file;
    enum trace_format f;
  } cases[] = {
      {"brk_mmap.strace", TF_STRACE},
      {"variants/v_stderr.strace", TF_STRACE},
      {"variants/v_nof.strace", TF_STRACE},
      {"variants/v_ttt_y.strace", TF_STRACE},
      {"brk_mmap.ok.jsonl", TF_JSONL},
      {"kevlar/brk_mmap.kevlar.log", TF_KEVLAR},
      {"kevlar/brk_mmap_numeric.kevlar.log", TF_KEVLAR},
  };
  struct kd_error e;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    enum trace_format f;
    CHECK(trace_format_detect(fixture(cases[i].file), TF_UNKNOWN, &f, &e) == 0);
    if (f != cases[i].f)
      fprintf(stderr, "%s: detected %s\n", cases[i].file, trace_format_name(f));
    CHECK(f == cases[i].f);
  }
  size_t line;
  const char console[] = "SeaBIOS\n\n{\"ev\":\"boot\",\"v\":1}\n";
  CHECK(trace_format_sniff(console, sizeof console - 1, &line) == TF_JSONL);
  const char text[] = "\n\nhello world\nno trace here\n";
  CHECK(trace_format_sniff(text, sizeof text - 1, &line) == TF_UNKNOWN &&
        line == 3);
  const char dbg_jsonl[] = "DBG {\"ev\":\"boot\",\"v\":1}\n";
  CHECK(trace_format_sniff(dbg_jsonl, sizeof dbg_jsonl - 1, &line) == TF_JSONL);
  CHECK(trace_check(fixture("kevlar/brk_mmap.kevlar.log"), ARCH_X86_64, &e,
                    NULL, 0) == 0);
  CHECK(trace_check(fixture("pairs/malformed.jsonl"), ARCH_X86_64, &e, NULL,
                    0) == -1);
  /* The first bad line: the boot record lacks "arch" (line 3 is cut). */
  CHECK(strstr(e.msg, "malformed.jsonl:1: ") != NULL);
}

/* Reads both files as what they are and aligns them: 1 when they diverge. */
static int pair_diverges(const char *a, const char *b) {
  struct trace t[2];
  const char *f[2] = {a, b};
  struct kd_error e;
  for (int k = 0; k < 2; k++) {
    enum trace_format fm;
    trace_init(&t[k], fixture(f[k]));
    CHECK(trace_format_detect(t[k].path, TF_UNKNOWN, &fm, &e) == 0);
    if (trace_read(fm, ARCH_X86_64, &t[k], &e))
      fprintf(stderr, "%s\n", e.msg);
    struct norm_opts o = {.linux_side = fm == TF_STRACE};
    normalise(&t[k], &o);
  }
  if (t[0].signals_untraced || t[1].signals_untraced) {
    norm_drop_signals(&t[0]);
    norm_drop_signals(&t[1]);
  }
  struct alignment al;
  CHECK(align_traces(&t[0], &t[1], &al) == 0);
  int rc = al.first != (size_t)-1;
  alignment_free(&al);
  trace_free(&t[0]);
  trace_free(&t[1]);
  return rc;
}

int main(void) {
  test_file();
  test_lines();
  test_detect();
  /* One run in three formats, each pair both ways round. */
  const char *run[] = {"brk_mmap.strace", "brk_mmap.ok.jsonl",
                       "kevlar/brk_mmap.kevlar.log",
                       "kevlar/brk_mmap_numeric.kevlar.log"};
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      if (i != j && pair_diverges(run[i], run[j])) {
        fprintf(stderr, "%s vs %s: diverge\n", run[i], run[j]);
        check_failures++;
      }
  CHECK(pair_diverges("variants/v_plain.strace", "variants/v_all.strace") == 0);
  /* A real difference still shows across formats: another run. */
  CHECK(pair_diverges("kevlar/brk_mmap.kevlar.log",
                      "variants/v_plain.strace") == 1);
  return check_done("test_kevlar_read");
}
