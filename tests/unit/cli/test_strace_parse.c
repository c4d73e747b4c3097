/* The strace reader on real `strace -f -n -o` output (tests/cli/NAME.strace,
 * captured from the programs in tests/cli/src) and on broken input. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "strace_parse.h"

static int parse_file(struct trace *t, const char *name) {
  struct kd_error e;
  trace_init(t, fixture(name));
  int rc = strace_parse_file(t, &e);
  if (rc)
    fprintf(stderr, "unexpected error: %s\n", e.msg);
  return rc;
}

/* The n-th event (0-based) of kind k named `name`, or NULL. */
static const struct event *nth(const struct trace *t, int k, const char *name,
                               int n) {
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].kind == k && strcmp(intern_str(t->ev[i].name), name) == 0 &&
        n-- == 0)
      return &t->ev[i];
  return NULL;
}

static size_t count(const struct trace *t, int k) {
  size_t c = 0;
  for (size_t i = 0; i < t->n; i++)
    c += t->ev[i].kind == k;
  return c;
}

static void test_brk_mmap(void) {
  struct trace t;
  CHECK(parse_file(&t, "brk_mmap.strace") == 0);
  CHECK_INT(count(&t, EV_SYSCALL), 12);
  const struct event *e = nth(&t, EV_SYSCALL, "execve", 0);
  CHECK(e && e->nret.cls == VAL_NUM && e->ret == 0 && e->nargs == 3 &&
        e->pid == 7295);
  e = nth(&t, EV_SYSCALL, "brk", 1);
  CHECK(e && e->ret == 0x1396a000 && e->arg[0].cls == VAL_NUM &&
        e->arg[0].v == 0x1396a000);
  e = nth(&t, EV_SYSCALL, "brk", 0);
  CHECK(e && e->arg[0].cls == VAL_NUM && e->arg[0].v == 0); /* NULL */
  e = nth(&t, EV_SYSCALL, "open", 0);
  CHECK(e && (e->flags & EVF_ERR) && e->ret == -1);
  CHECK_STR(intern_str(e ? e->err : 0), "ENOENT");
  /* A str argument is decoded; a symbolic one is not. */
  CHECK(e && e->nargs == 2 && e->arg[0].cls == VAL_STR &&
        e->arg[1].cls == VAL_UNKNOWN);
  CHECK_STR(intern_str(e ? (uint32_t)e->arg[0].v : 0), "/nonexistent/kdiff");
  e = nth(&t, EV_SYSCALL, "mmap", 0);
  CHECK(e && e->nargs == 6 && e->arg[1].v == 16384 && e->arg[4].v == -1 &&
        e->ret == 0x7f64a71e4000);
  e = nth(&t, EV_SYSCALL, "exit_group", 0);
  CHECK(e && e->nret.cls == VAL_UNKNOWN); /* "= ?" */
  e = nth(&t, EV_EXIT, "exit", 0);
  CHECK(e && e->ret == 0 && e->code == 0);
  trace_free(&t);
}

static void test_signals_restarts(void) {
  struct trace t;
  CHECK(parse_file(&t, "sig_restart.strace") == 0);
  const struct event *e = nth(&t, EV_SYSCALL, "read", 0);
  CHECK(e && e->nret.cls == VAL_UNKNOWN && (e->flags & EVF_ERR));
  CHECK_STR(intern_str(e ? e->err : 0), "ERESTARTSYS");
  e = nth(&t, EV_SIGNAL, "SIGALRM", 0);
  CHECK_STR(intern_str(e ? e->code : 0), "SI_KERNEL");
  e = nth(&t, EV_SYSCALL, "rt_sigreturn", 1);
  CHECK_STR(intern_str(e ? e->err : 0), "EINTR");
  e = nth(&t, EV_SIGNAL, "SIGSEGV", 0);
  CHECK_STR(intern_str(e ? e->code : 0), "SEGV_MAPERR");
  e = nth(&t, EV_SYSCALL, "rt_sigaction", 0); /* a struct with nested braces */
  CHECK(e && e->nargs == 4 && e->arg[3].v == 8 && e->arg[2].v == 0);
  e = nth(&t, EV_SYSCALL, "pipe", 0); /* an array argument */
  CHECK(e && e->nargs == 1 && e->arg[0].cls == VAL_UNKNOWN);
  trace_free(&t);
}

static void test_restart_kinds(void) {
  struct trace t;
  CHECK(parse_file(&t, "pause_alarm.strace") == 0);
  const struct event *e = nth(&t, EV_SYSCALL, "pause", 0);
  CHECK(e && e->nret.cls == VAL_UNKNOWN && e->nargs == 0);
  CHECK_STR(intern_str(e ? e->err : 0), "ERESTARTNOHAND");
  e = nth(&t, EV_SYSCALL, "nanosleep", 0);
  CHECK_STR(intern_str(e ? e->err : 0), "ERESTART_RESTARTBLOCK");
  trace_free(&t);
}

static void test_fork_unfinished(void) {
  struct trace t;
  CHECK(parse_file(&t, "fork_wait.strace") == 0);
  /* Unfinished/resumed halves are one event, at the start's place. */
  const struct event *e = nth(&t, EV_SYSCALL, "wait4", 0);
  CHECK(e && e->ret == 7306 && e->nargs == 4 && e->arg[0].v == 7306 &&
        e->arg[3].v == 0);
  CHECK(e && !(e->flags & EVF_UNFINISHED) && e->pid == 7305);
  e = nth(&t, EV_SYSCALL, "gettid", 0);
  CHECK(e && e->ret == 7306 && e->pid == 7306);
  CHECK(t.ev[6].name ==
        intern("gettid")); /* execve..fork, then the child's gettid */
  /* restart_syscall(<... resuming interrupted nanosleep ...>) */
  size_t restarted = 0;
  for (size_t i = 0; i < t.n; i++)
    if (t.ev[i].flags & EVF_RESTARTED) {
      restarted++;
      CHECK_STR(intern_str(t.ev[i].name), "nanosleep");
    }
  CHECK_INT(restarted, 2);
  e = nth(&t, EV_SYSCALL, "nanosleep", 2); /* the second child's, stopped */
  CHECK_STR(intern_str(e ? e->err : 0), "ERESTART_RESTARTBLOCK");
  e = nth(&t, EV_SIGNAL, "SIGCHLD", 0);
  CHECK_STR(intern_str(e ? e->code : 0), "CLD_EXITED");
  CHECK(!nth(&t, EV_SIGNAL, "stopped", 0));
  CHECK_INT(count(&t, EV_SIGNAL),
            6); /* "--- stopped by SIGSTOP ---" is no delivery */
  e = nth(&t, EV_EXIT, "exit", 0);
  CHECK(e && e->ret == 3 && e->pid == 7306);
  CHECK_INT(count(&t, EV_EXIT), 3);
  size_t calls = count(&t, EV_SYSCALL);
  trace_free(&t);

  /* The same program traced to stderr: "[pid N]" prefixes, and no prefix
   * for the first process until it has a child: its lines get the pid its
   * later prefixed lines show. */
  CHECK(parse_file(&t, "fork_wait_pidfmt.strace") == 0);
  CHECK_INT(count(&t, EV_SYSCALL), calls);
  e = nth(&t, EV_SYSCALL, "fork", 0);
  CHECK(e && e->pid == 7409 && e->ret == 7410);
  e = nth(&t, EV_SYSCALL, "gettid", 0);
  CHECK(e && e->pid == 7410);
  e = nth(&t, EV_SYSCALL, "wait4", 0);
  CHECK(e && e->pid == 7409); /* [pid 7409] is the unprefixed first process */
  trace_free(&t);
}

static void test_killed(void) {
  struct trace t;
  CHECK(parse_file(&t, "killed.strace") == 0);
  const struct event *e = nth(&t, EV_EXIT, "exit", 0);
  CHECK(e && (e->flags & EVF_CORE));
  CHECK_STR(intern_str(e ? e->code : 0), "SIGSEGV");
  CHECK(nth(&t, EV_SIGNAL, "SIGSEGV", 0) != NULL);
  trace_free(&t);
  /* A task killed as it entered a call strace could not name, and a
   * resumed half of such a call. */
  static const char unknown[] = "1 getpid() = 1\n1 ?\?\?( <unfinished ...>\n1 "
                                "+++ killed by SIGKILL +++\n";
  struct kd_error err;
  trace_init(&t, "mem");
  CHECK(strace_parse_mem(unknown, sizeof unknown - 1, &t, &err) == 0);
  CHECK(nth(&t, EV_SYSCALL, "?\?\?", 0) != NULL);
  e = nth(&t, EV_EXIT, "exit", 0);
  CHECK_STR(intern_str(e ? e->code : 0), "SIGKILL");
  trace_free(&t);
  static const char resumed[] = "1 ?\?\?( <unfinished ...>\n"
                                "1 <... ?\?\? resumed>) = ?\n"
                                "1 +++ exited with 0 +++\n";
  trace_init(&t, "mem");
  CHECK(strace_parse_mem(resumed, sizeof resumed - 1, &t, &err) == 0);
  e = nth(&t, EV_SYSCALL, "?\?\?", 0);
  CHECK(e && e->nret.cls == VAL_UNKNOWN);
  trace_free(&t);
}

static void test_strings(void) {
  const char *files[] = {"strings.strace", "strings_x.strace"};
  for (int f = 0; f < 2; f++) {
    struct trace t;
    CHECK(parse_file(&t, files[f]) == 0);
    int writes = 0;
    for (size_t i = 0; i < t.n; i++) {
      const struct event *e = &t.ev[i];
      if (e->kind != EV_SYSCALL || e->name != intern("write"))
        continue;
      writes++;
      /* Escapes (\" \\ \0 \x00 \377 ...) and "..." never split arguments. */
      CHECK(e->nargs == 3 && e->arg[0].v == 3 && e->ret == e->arg[2].v);
    }
    CHECK_INT(writes, 19);
    trace_free(&t);
  }
}

/* Parses text and expects failure at `line` with `what` in the message. */
static void expect_error(const char *text, size_t line, const char *what) {
  struct trace t;
  struct kd_error e;
  trace_init(&t, "mem");
  int rc = strace_parse_mem(text, strlen(text), &t, &e);
  CHECK(rc == -1);
  if (rc == -1) {
    char want[64];
    snprintf(want, sizeof want, "mem:%zu: ", line);
    if (strncmp(e.msg, want, strlen(want)) != 0 || !strstr(e.msg, what)) {
      fprintf(stderr, "  got \"%s\", want \"%s...%s\"\n", e.msg, want, what);
      check_failures++;
    }
  }
  trace_free(&t);
}

static void test_errors(void) {
  const char *ok = "1 execve(\"/x\", [\"/x\"], 0x7ffd /* 1 var */) = 0\n";
  char buf[512];
  snprintf(buf, sizeof buf, "%s1 hello world\n", ok);
  expect_error(buf, 2, "unrecognised");
  snprintf(buf, sizeof buf, "%s1 write(1, \"abc\", 3",
           ok); /* truncated: no ) = */
  expect_error(buf, 2, "unbalanced");
  snprintf(buf, sizeof buf, "%s1 write(1, \"abc\", 3) =", ok);
  expect_error(buf, 2, "result");
  snprintf(buf, sizeof buf, "%s1 write(1, \"ab\xff\", 3) = 3\n", ok);
  expect_error(buf, 2, "binary");
  snprintf(buf, sizeof buf, "%s1 write(1, \"abc, 3) = 3\n", ok);
  expect_error(buf, 2, "unbalanced");
  snprintf(buf, sizeof buf, "%s\n\n1 <... read resumed>\"x\", 1) = 1\n", ok);
  expect_error(buf, 4, "never started");
  snprintf(buf, sizeof buf,
           "%s1 read(0,  <unfinished ...>\n1 <... write resumed>) = 1\n", ok);
  expect_error(buf, 3, "does not match");
  snprintf(buf, sizeof buf, "%s1 --- SIGSEGV {si_signo=SIGSEGV\n", ok);
  expect_error(buf, 2, "signal");
  snprintf(buf, sizeof buf, "%s1 +++ exited with x +++\n", ok);
  expect_error(buf, 2, "exit status");
  snprintf(buf, sizeof buf, "%s1 close(3) = 0 trailing\n", ok);
  expect_error(buf, 2, "unexpected text");
  snprintf(buf, sizeof buf, "%s1 close(3) = 5 ENOENT (x)\n", ok);
  expect_error(buf, 2, "errno");
  expect_error("\x7f"
               "ELF\x02\x01\x01",
               1, "binary");
  /* Numbers. */
  int64_t v;
  CHECK(strace_number("0x7fff", 6, &v) && v == 0x7fff);
  CHECK(strace_number("-1", 2, &v) && v == -1);
  CHECK(strace_number("NULL", 4, &v) && v == 0);
  CHECK(!strace_number("0x", 2, &v) && !strace_number("12a", 3, &v) &&
        !strace_number("-", 1, &v));
}

/* strace_string: every escape strace prints, truncation marks, and what
 * is not one string. */
static void test_string_decode(void) {
  char out[64];
  bool cut;
  static const struct {
    const char *in, *out;
    long len;
    bool cut;
  } ok[] = {
      {"\"/tmp/a\"", "/tmp/a", 6, false},
      {"\"\"", "", 0, false},
      {"\"a\\\\b\\\"c\"", "a\\b\"c", 5, false},
      {"\"\\f\\n\\r\\t\\v\"", "\f\n\r\t\v", 5, false},
      {"\"\\1\\303\\2779\"", "\001\303\2779", 4, false},
      {"\"\\0001\"",
       "\0"
       "1",
       2, false},
      {"\"\\x2f\\xFFz\"", "/\xffz", 3, false},
      {"\"/tmp/yyy\"...", "/tmp/yyy", 8, true},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    long n = strace_string(ok[i].in, strlen(ok[i].in), out, &cut);
    CHECK_INT(n, ok[i].len);
    CHECK(n == ok[i].len && memcmp(out, ok[i].out, (size_t)ok[i].len) == 0);
    CHECK(cut == ok[i].cut);
  }
  static const char *const bad[] = {
      "/tmp/a",   "\"abc",     "\"a\" ",  "\"a\"..", "\"a\"....", "\"\\q\"",
      "\"\\x4\"", "\"\\777\"", "\"a\\\"", "\"",      "",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK_INT(strace_string(bad[i], strlen(bad[i]), out, &cut), -1);
  /* In a trace: a str argument with escapes and a cut one; a bad escape in
   * a str argument is an error with its line. */
  static const char tr[] =
      "1 openat(AT_FDCWD, \"a\\nb\\303\", O_RDONLY) = -1 ENOENT (x)\n"
      "1 memfd_create(\"abcdefgh\"..., MFD_CLOEXEC) = 3\n";
  struct trace t;
  struct kd_error err;
  trace_init(&t, "mem");
  CHECK(strace_parse_mem(tr, sizeof tr - 1, &t, &err) == 0);
  CHECK(t.n == 2 && t.ev[0].arg[0].cls == VAL_NUM && t.ev[0].arg[0].v == -100);
  CHECK(t.n == 2 && t.ev[0].arg[1].cls == VAL_STR);
  CHECK_STR(intern_str(t.n == 2 ? (uint32_t)t.ev[0].arg[1].v : 0), "a\nb\303");
  CHECK(t.n == 2 && t.ev[1].arg[0].cls == VAL_STRCUT);
  CHECK_STR(intern_str(t.n == 2 ? (uint32_t)t.ev[1].arg[0].v : 0), "abcdefgh");
  trace_free(&t);
  static const char badtr[] = "1 getpid() = 1\n1 unlink(\"a\\qb\") = 0\n";
  trace_init(&t, "mem");
  CHECK(strace_parse_mem(badtr, sizeof badtr - 1, &t, &err) == -1);
  CHECK(strstr(err.msg, "mem:2:") != NULL);
  trace_free(&t);
}

int main(void) {
  test_string_decode();
  test_brk_mmap();
  test_signals_restarts();
  test_restart_kinds();
  test_fork_unfinished();
  test_killed();
  test_strings();
  test_errors();
  return check_done("strace_parse");
}
