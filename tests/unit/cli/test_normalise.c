/* The normaliser on real traces: start marker, restart folding, pid
 * ordinals, brk and mmap naming, exits, and the arm64 name mapping. */
#include "align.h"
#include "check.h"
#include "jsonl_read.h"
#include "normalise.h"
#include "pair.h"
#include "strace_parse.h"

static const struct event *live_nth(const struct trace *t, int kind, const char *name, int n) {
  for (size_t i = 0; i < t->n; i++) {
    const struct event *e = &t->ev[i];
    if (!(e->flags & EVF_DROP) && e->kind == kind && !strcmp(intern_str(e->name), name) && n-- == 0)
      return e;
  }
  return NULL;
}

static size_t live_count(const struct trace *t, int kind) {
  size_t c = 0;
  for (size_t i = 0; i < t->n; i++)
    c += !(t->ev[i].flags & EVF_DROP) && t->ev[i].kind == kind;
  return c;
}

static void load(struct trace *t, const char *name, bool arm64) {
  struct kd_error e;
  trace_init(t, fixture(name));
  CHECK(strace_parse_file(t, &e) == 0);
  struct norm_opts o = {.linux_side = true, .map_to_arm64 = arm64};
  normalise(t, &o);
}

static void test_brk_mmap(void) {
  struct trace t;
  char b[64];
  load(&t, "brk_mmap.strace", false);
  CHECK(!live_nth(&t, EV_SYSCALL, "execve", 0)); /* the start marker */
  CHECK_INT(t.nsys, 11);
  const struct event *e = live_nth(&t, EV_SYSCALL, "brk", 1);
  CHECK_STR(norm_value_str(&e->nret, b, sizeof b), "brk0+0x2000");
  CHECK_STR(norm_value_str(&e->arg[0], b, sizeof b), "brk0+0x2000");
  CHECK_INT(e->idx, 3);
  e = live_nth(&t, EV_SYSCALL, "mmap", 0);
  CHECK_STR(norm_value_str(&e->nret, b, sizeof b), "map#1");
  e = live_nth(&t, EV_SYSCALL, "mprotect", 0);
  CHECK_STR(norm_value_str(&e->arg[0], b, sizeof b), "map#1+0x1000");
  e = live_nth(&t, EV_SYSCALL, "munmap", 0);
  CHECK_STR(norm_value_str(&e->arg[0], b, sizeof b), "map#1");
  e = live_nth(&t, EV_SYSCALL, "set_tid_address", 0);
  CHECK_STR(norm_value_str(&e->nret, b, sizeof b), "pid#1");
  e = live_nth(&t, EV_SYSCALL, "open", 0);
  CHECK(e->nret.cls == VAL_UNKNOWN && (e->flags & EVF_ERR));
  trace_free(&t);
}

static void test_restarts(void) {
  struct trace t;
  load(&t, "sig_restart.strace", false);
  /* read = ? ERESTARTSYS, SIGALRM, write, rt_sigreturn, read = 1: one read. */
  CHECK(!live_nth(&t, EV_SYSCALL, "rt_sigreturn", 0));
  const struct event *e = live_nth(&t, EV_SYSCALL, "read", 0);
  CHECK(e && e->ret == 1 && !(e->flags & EVF_ERR) && (e->flags & EVF_RESTARTED));
  CHECK_STR(intern_str(e ? e->restart_sig : 0), "SIGALRM");
  /* Without SA_RESTART: rt_sigreturn = -1 EINTR becomes the read's result. */
  e = live_nth(&t, EV_SYSCALL, "read", 1);
  CHECK(e && (e->flags & EVF_ERR));
  CHECK_STR(intern_str(e ? e->err : 0), "EINTR");
  e = live_nth(&t, EV_SYSCALL, "read", 2);
  CHECK(e && e->ret == 1 && !(e->flags & EVF_RESTARTED));
  CHECK(!live_nth(&t, EV_SYSCALL, "read", 3));
  CHECK_INT(live_count(&t, EV_SIGNAL), 3);
  trace_free(&t);

  /* pause/nanosleep with a handler: ERESTARTNOHAND and the restart block
   * both end as EINTR from rt_sigreturn. */
  load(&t, "pause_alarm.strace", false);
  e = live_nth(&t, EV_SYSCALL, "pause", 0);
  CHECK_STR(intern_str(e ? e->err : 0), "EINTR");
  e = live_nth(&t, EV_SYSCALL, "nanosleep", 0);
  CHECK_STR(intern_str(e ? e->err : 0), "EINTR");
  CHECK(e && (e->flags & EVF_RESTARTED));
  CHECK_STR(intern_str(e ? e->restart_sig : 0), "SIGALRM");
  trace_free(&t);

  load(&t, "fork_wait.strace", false);
  /* nanosleep = ? ERESTART_RESTARTBLOCK ... restart_syscall = 0: one call. */
  size_t n = 0;
  for (size_t i = 0; i < t.n; i++) {
    const struct event *x = &t.ev[i];
    if (!(x->flags & EVF_DROP) && x->kind == EV_SYSCALL && x->name == intern("nanosleep")) {
      n++;
      /* Several tasks: whether a sleep ended or was cut by another task's
       * signal is timing (timing.h), so its 0/EINTR is not compared. The
       * restart fold itself is checked on pause_alarm (one task) above. */
      CHECK(x->nret.cls == VAL_UNKNOWN && !(x->flags & EVF_ERR));
    }
  }
  CHECK_INT(n, 4);
  /* Every process's exit is compared, each in its own task: the first
   * child "1.1" exits with 3, the second "1.2" with 0, the root with 0. */
  CHECK_INT(live_count(&t, EV_EXIT), 3);
  const struct event *x = live_nth(&t, EV_EXIT, "exit", 0);
  CHECK(x && x->ret == 3 && x->pid == (int32_t)intern("1.1"));
  x = live_nth(&t, EV_EXIT, "exit", 2);
  CHECK(x && x->ret == 0 && x->pid == (int32_t)intern("1"));
  char b[64];
  /* Pids are named by the creation tree: the root's second fork made 1.2. */
  x = live_nth(&t, EV_SYSCALL, "fork", 1);
  CHECK_STR(norm_value_str(&x->nret, b, sizeof b), "pid#1.2");
  CHECK(x->pid == (int32_t)intern("1"));
  x = live_nth(&t, EV_SYSCALL, "kill", 0);
  CHECK_STR(norm_value_str(&x->arg[0], b, sizeof b), "pid#1.2");
  x = live_nth(&t, EV_SYSCALL, "gettid", 1);
  CHECK(x && x->pid == (int32_t)intern("1.2"));
  CHECK_STR(norm_value_str(&x->nret, b, sizeof b), "pid#1.2");
  trace_free(&t);
}

static void test_ignored_signals(void) {
  struct trace t;
  /* SIGPIPE under SIG_IGN: only ptrace sees it; then under a handler: kept. */
  load(&t, "real/signals.sigpipe_epipe.strace", false);
  CHECK_INT(live_count(&t, EV_SIGNAL), 1);
  trace_free(&t);
  /* fork_wait: SIGCHLD (default ignore) and SIGCONT dropped; SIGSTOP kept. */
  load(&t, "fork_wait.strace", false);
  CHECK(!live_nth(&t, EV_SIGNAL, "SIGCHLD", 0) && !live_nth(&t, EV_SIGNAL, "SIGCONT", 0));
  CHECK(live_nth(&t, EV_SIGNAL, "SIGSTOP", 0) != NULL);
  trace_free(&t);
}

static void test_arm64(void) {
  struct trace t;
  load(&t, "brk_mmap.strace", true);
  CHECK(!live_nth(&t, EV_SYSCALL, "arch_prctl", 0)); /* arm64 sets TLS without a call */
  CHECK(!live_nth(&t, EV_SYSCALL, "open", 0));
  const struct event *e = live_nth(&t, EV_SYSCALL, "openat", 0);
  CHECK(e && (e->flags & EVF_MAPPED) && e->orig_name == intern("open"));
  CHECK_INT(e ? e->idx : 0, 5); /* indices count the Linux calls as made */
  trace_free(&t);
  CHECK(sc_check_equivalences() == NULL);
}

static void test_crash_marker(void) {
  struct pair p;
  CHECK(pair_run(&p, "brk 0 = 0x1000\nEXIT 0\n", "brk 0 = 0x9000\n", NULL) == 0);
  /* The libos trace ended without exit or panic: a crash event closes it. */
  CHECK_INT(live_count(&p.R, EV_CRASH), 1);
  CHECK_INT(live_count(&p.L, EV_CRASH), 0);
  pair_free(&p);
}

/* A trace recorded through kdiff's sandbox (cli/run/sandbox.h) starts with
 * the helper's own calls (its loader, unshare, mount, chdir) and its exec
 * of the test: execve when the program is visible, execveat from an fd when
 * it lives under the host's /tmp. Either way the test's events are exactly
 * those of a plain run of the same program. */
static void test_sandbox_marker(void) {
  struct trace plain, sb;
  load(&plain, "brk_basic.strace", false);
  const char *fx[] = {"brk_basic.sandbox.strace",
                      "brk_basic.sandbox_fd.strace"};
  for (int k = 0; k < 2; k++) {
    load(&sb, fx[k], false);
    CHECK_INT(sb.nsys, plain.nsys);
    CHECK(!live_nth(&sb, EV_SYSCALL, "execve", 0));
    CHECK(!live_nth(&sb, EV_SYSCALL, "execveat", 0));
    CHECK(!live_nth(&sb, EV_SYSCALL, "unshare", 0));
    CHECK(!live_nth(&sb, EV_SYSCALL, "mount", 0));
    size_t a = 0, b = 0;
    for (;; a++, b++) {
      while (a < plain.n && (plain.ev[a].flags & EVF_DROP))
        a++;
      while (b < sb.n && (sb.ev[b].flags & EVF_DROP))
        b++;
      if (a >= plain.n || b >= sb.n)
        break;
      CHECK_STR(intern_str(sb.ev[b].name), intern_str(plain.ev[a].name));
      CHECK(sb.ev[b].key == plain.ev[a].key);
    }
    CHECK(a >= plain.n && b >= sb.n);
    trace_free(&sb);
  }
  trace_free(&plain);
}


/* Two threads mmap concurrently, in the other order on the other side:
 * each mapping is named by the task that made it, so both agree, and a
 * munmap of the wrong one is still a divergence. */
static const char mt_strace[] =
    "100 execve(\"./t\", [\"./t\"], 0x7ffc00000000 /* 3 vars */) = 0\n"
    "100 clone(child_stack=0x1000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|"
    "CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, parent_tid=[101]) = 101\n"
    "100 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
    "0x7f0000010000\n"
    "101 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = "
    "0x7f0000020000\n"
    "101 munmap(0x7f0000020000, 4096) = 0\n"
    "100 munmap(0x7f0000010000, 8192) = 0\n"
    "101 exit(0) = ?\n101 +++ exited with 0 +++\n"
    "100 exit_group(0) = ?\n100 +++ exited with 0 +++\n";

#define MT_E(seq, tid, nr, name, a0, a1)                                       \
  "{\"ev\":\"syscall_entry\",\"seq\":" #seq ",\"pid\":1,\"tid\":" #tid         \
  ",\"nr\":" #nr ",\"name\":\"" name "\",\"args\":[\"" a0 "\",\"" a1           \
  "\",\"0x1\",\"0x22\",\"0xffffffffffffffff\",\"0x0\"]}\n"
#define MT_X(seq, tid, nr, name, ret)                                          \
  "{\"ev\":\"syscall_exit\",\"seq\":" #seq ",\"pid\":1,\"tid\":" #tid          \
  ",\"nr\":" #nr ",\"name\":\"" name "\",\"ret\":" #ret "}\n"

static const char mt_head[] =
    "{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\"}\n" MT_E(
        1, 1, 56, "clone", "0x10f00", "0x1000") MT_X(2, 1, 56, "clone", 2);
/* Thread 2 maps first here; 0x500000000000 and 0x500000100000. */
static const char mt_maps[] =
    MT_E(3, 2, 9, "mmap", "0x0", "0x1000") MT_X(4, 2, 9, "mmap", 87960930222080)
        MT_E(5, 1, 9, "mmap", "0x0", "0x2000")
            MT_X(6, 1, 9, "mmap", 87960931270656);
static const char mt_tail_ok[] =
    MT_E(7, 2, 11, "munmap", "0x500000000000", "0x1000")
        MT_X(8, 2, 11, "munmap", 0) MT_E(9, 1, 11, "munmap", "0x500000100000",
                                         "0x2000") MT_X(10, 1, 11, "munmap", 0)
            MT_E(11, 2, 60, "exit", "0x0", "0x0")
                MT_E(12, 1, 231, "exit_group", "0x0", "0x0")
                    "{\"ev\":\"exit\",\"seq\":13,\"pid\":1,\"status\":0}\n";
/* The same, but thread 2 unmaps the root's mapping. */
static const char mt_tail_bad[] =
    MT_E(7, 2, 11, "munmap", "0x500000100000", "0x1000")
        MT_X(8, 2, 11, "munmap", 0) MT_E(9, 1, 11, "munmap", "0x500000100000",
                                         "0x2000") MT_X(10, 1, 11, "munmap", 0)
            MT_E(11, 2, 60, "exit", "0x0", "0x0")
                MT_E(12, 1, 231, "exit_group", "0x0", "0x0")
                    "{\"ev\":\"exit\",\"seq\":13,\"pid\":1,\"status\":0}\n";

static void mt_run(const char *tail, const char *want_kind) {
  char lib[4096];
  snprintf(lib, sizeof lib, "%s%s%s", mt_head, mt_maps, tail);
  struct trace L, R;
  struct kd_error e;
  trace_init(&L, "linux");
  trace_init(&R, "libos");
  CHECK(strace_parse_mem(mt_strace, strlen(mt_strace), &L, &e) == 0);
  CHECK(jsonl_read_mem(lib, strlen(lib), ARCH_X86_64, &R, &e) == 0);
  struct norm_opts lo = {.linux_side = true}, ro = {0};
  normalise(&L, &lo);
  normalise(&R, &ro);
  char b[64];
  const struct event *x = live_nth(&L, EV_SYSCALL, "mmap", 0);
  CHECK_STR(norm_value_str(&x->nret, b, sizeof b), "map#1");
  x = live_nth(&L, EV_SYSCALL, "mmap", 1);
  CHECK_STR(norm_value_str(&x->nret, b, sizeof b), "map#1.1:1");
  x = live_nth(&R, EV_SYSCALL, "mmap", 0); /* thread 2's, first here */
  CHECK_STR(norm_value_str(&x->nret, b, sizeof b), "map#1.1:1");
  struct alignment a;
  CHECK(align_traces(&L, &R, &a) == 0);
  CHECK_STR(a.first == (size_t)-1 ? "none" : row_status_name(a.first_kind),
            want_kind);
  alignment_free(&a);
  trace_free(&L);
  trace_free(&R);
}

static void test_mmap_per_task(void) {
  mt_run(mt_tail_ok, "none");
  mt_run(mt_tail_bad, "value");
}

int main(void) {
  test_brk_mmap();
  test_restarts();
  test_ignored_signals();
  test_arm64();
  test_crash_marker();
  test_sandbox_marker();
  test_mmap_per_task();
  return check_done("normalise");
}
