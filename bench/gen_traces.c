/* Writes a pair of traces of about N syscalls for timing kdiff: the
 * reference as `strace -f -n -o` text, the candidate as the library OS's
 * JSONL v1, shaped like a real fork-heavy program:
 *
 *  - the root forks a child about every 263 calls (3800 per 1M): the child
 *    runs while its parent goes on (strace interleaves their lines and
 *    splits calls into <unfinished ...> / <... resumed>), exits, and the
 *    parent reaps it with wait4 and gets a SIGCHLD (SIG_DFL: ignored);
 *    the library OS, one CPU, runs the parent until wait4 blocks, then the
 *    child;
 *  - a thread (CLONE_THREAD) now and then, which ends with exit(0);
 *  - signals with handlers: sleeps interrupted by SIGALRM (no SA_RESTART:
 *    Linux `= ? ERESTART_RESTARTBLOCK`, signal, handler, `rt_sigreturn = -1
 *    EINTR`; the candidate spells it either the same way or as a plain
 *    -EINTR, see the eintr-fold rule in cli/restart.h) and reads
 *    interrupted by SIGPROF under SA_RESTART (restarted on both sides);
 *  - brk, mmap/munmap (addresses differ per side), failing opens, writes.
 *
 * Everything agrees but for exactly four planted divergences, written to
 * EXPECTED (when given) one per line, in Linux file order, as
 * `TASK STATUS NAME` (kdiff's --json spelling): an errno of the root at
 * N*3/10 (the first one), a call a child never made at N/2, a read that
 * Linux restarted under SA_RESTART and the candidate failed with EINTR at
 * N*7/10, and an errno in a thread at N*9/10.
 *
 * usage: gen_traces N OUT.strace OUT.jsonl [EXPECTED] */
#define _GNU_SOURCE /* vasprintf, open_memstream */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static unsigned pick(unsigned n) {
  return (unsigned)(next() % n);
}

/* One strace line waiting to be interleaved with another task's: a call
 * is `head` (name and input arguments) + `tail` (the rest and the result)
 * so it can be split into its unfinished and resumed halves; any other
 * line (signal, +++) is `head` alone. */
struct lline {
  int pid, nr;
  char *head, *tail;
  char name[24];
};

struct lbuf {
  struct lline *v;
  size_t n, cap;
};

/* A task as both sides see it. */
struct task {
  int lpid;        /* Linux tid */
  int lproc;       /* Linux pid (its process's) */
  int jpid, jtid;  /* library OS pid (tgid) and tid */
  struct lbuf *ll; /* where its strace lines go: NULL: straight to the file */
  FILE *jf;        /* where its JSONL records go */
  uint64_t lmap, jmap; /* next mmap result per side */
  int nkids;           /* children made (task naming: root's k-th is 1.k) */
  char name[40];       /* kdiff's task name: "1", "1.7" */
};

static FILE *S, *J;
static long seq, ncalls;

static void pad_call(FILE *f, int pid, int nr, const char *text,
                     const char *res) {
  fprintf(f, "%-5d [%4d] %-32s = %s\n", pid, nr, text, res);
}

static void lpush(struct lbuf *b, struct lline l) {
  if (b->n == b->cap) {
    b->cap = b->cap ? 2 * b->cap : 64;
    b->v = realloc(b->v, b->cap * sizeof *b->v);
    if (!b->v)
      abort();
  }
  b->v[b->n++] = l;
}

static char *dupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dupf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s;
  if (vasprintf(&s, fmt, ap) < 0)
    abort();
  va_end(ap);
  return s;
}

/* A strace call line of task t: `name(args) = res`. */
static void lcall(struct task *t, int nr, const char *name, const char *args,
                  const char *res) {
  ncalls++;
  if (!t->ll) {
    char text[4096];
    snprintf(text, sizeof text, "%s(%s)", name, args);
    pad_call(S, t->lpid, nr, text, res);
    return;
  }
  struct lline l = {.pid = t->lpid, .nr = nr};
  snprintf(l.name, sizeof l.name, "%s", name);
  l.head = dupf("%s(%s", name, args);
  l.tail = dupf(") = %s", res);
  lpush(t->ll, l);
}

/* Any other strace line of task t (a signal, an end). */
static void lraw(struct task *t, int nr, const char *text) {
  if (!t->ll) {
    fprintf(S, "%-5d [%4d] %s\n", t->lpid, nr, text);
    return;
  }
  struct lline l = {.pid = t->lpid, .nr = nr, .head = dupf("%s", text)};
  lpush(t->ll, l);
}

static void jentry(struct task *t, int nr, const char *name, const uint64_t *a,
                   const char *str0) {
  fprintf(t->jf,
          "{\"ev\":\"syscall_entry\",\"seq\":%ld,\"pid\":%d,\"tid\":%d,\"nr\":%"
          "d,\"name\":\"%s\","
          "\"args\":[\"0x%" PRIx64 "\",\"0x%" PRIx64 "\",\"0x%" PRIx64
          "\",\"0x%" PRIx64 "\",\"0x%" PRIx64 "\",\"0x%" PRIx64 "\"]",
          ++seq, t->jpid, t->jtid, nr, name, a[0], a[1], a[2], a[3], a[4],
          a[5]);
  if (str0)
    fprintf(t->jf, ",\"str\":{\"0\":\"%s\"}", str0);
  fputs("}\n", t->jf);
}

static void jexit(struct task *t, int nr, const char *name, long ret,
                  const char *err) {
  fprintf(t->jf,
          "{\"ev\":\"syscall_exit\",\"seq\":%ld,\"pid\":%d,\"tid\":%d,\"nr\":%"
          "d,\"name\":\"%s\",\"ret\":%ld",
          ++seq, t->jpid, t->jtid, nr, name, ret);
  if (err)
    fprintf(t->jf, ",\"errno\":\"%s\"", err);
  fputs("}\n", t->jf);
}

static void jcall(struct task *t, int nr, const char *name, const uint64_t *a,
                  long ret, const char *err) {
  jentry(t, nr, name, a, NULL);
  jexit(t, nr, name, ret, err);
}

static void jsignal(struct task *t, const char *sig, const char *code,
                    const char *action) {
  fprintf(t->jf,
          "{\"ev\":\"signal\",\"seq\":%ld,\"pid\":%d,\"tid\":%d,\"sig\":\"%s\","
          "\"code\":\"%s\",\"action\":\"%s\"}\n",
          ++seq, t->jpid, t->jtid, sig, code, action);
}

/* Linux's and the library OS's break, shared by the root's process. */
static uint64_t lbrk = 0x1396a000, jbrk = 0x405000;
static long planted_err_at, planted_miss_at, planted_eintr_at,
    planted_thread_at;
static FILE *expected;

/* One ordinary call of task t: what most of a program's calls are. */
static void plain_call(struct task *t, bool root, bool diverge_errno) {
  unsigned r = pick(100);
  uint64_t z[6] = {0};
  char args[256], res[128];
  if (diverge_errno)
    r = 70;            /* the planted errno is a write's */
  if (root && r < 5) { /* brk growth */
    uint64_t grow = 0x1000 * (1 + pick(4));
    lbrk += grow;
    jbrk += grow;
    snprintf(args, sizeof args, "%#" PRIx64, lbrk);
    snprintf(res, sizeof res, "%#" PRIx64, lbrk);
    lcall(t, 12, "brk", args, res);
    z[0] = jbrk;
    jcall(t, 12, "brk", z, (long)jbrk, NULL);
  } else if (r < 10) { /* mmap, then munmap of it */
    long len = 4096 * (1 + (long)pick(8));
    snprintf(
        args, sizeof args,
        "NULL, %ld, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0",
        len);
    snprintf(res, sizeof res, "%#" PRIx64, t->lmap);
    lcall(t, 9, "mmap", args, res);
    uint64_t a[6] = {0, (uint64_t)len, 3, 0x22, ~0ull, 0};
    jcall(t, 9, "mmap", a, (long)t->jmap, NULL);
    snprintf(args, sizeof args, "%#" PRIx64 ", %ld", t->lmap, len);
    lcall(t, 11, "munmap", args, "0");
    uint64_t b[6] = {t->jmap, (uint64_t)len, 0, 0, 0, 0};
    jcall(t, 11, "munmap", b, 0, NULL);
    t->lmap -= 0x100000;
    t->jmap -= 0x100000;
  } else if (r < 25) {
    long k = ncalls;
    snprintf(args, sizeof args, "\"/etc/bench/%ld\", O_RDONLY|O_LARGEFILE", k);
    lcall(t, 2, "open", args, "-1 ENOENT (No such file or directory)");
    uint64_t a[6] = {0x401000, 0x8000, 0, 0, 0, 0};
    char path[64];
    snprintf(path, sizeof path, "/etc/bench/%ld", k);
    jentry(t, 2, "open", a, path);
    jexit(t, 2, "open", -2, "ENOENT");
  } else if (r < 35) {
    snprintf(res, sizeof res, "%d", t->lproc);
    lcall(t, 39, "getpid", "", res);
    jcall(t, 39, "getpid", z, t->jpid, NULL);
  } else if (r < 42) {
    snprintf(res, sizeof res, "%d", t->lpid);
    lcall(t, 186, "gettid", "", res);
    jcall(t, 186, "gettid", z, t->jtid, NULL);
  } else if (r < 50) {
    lcall(t, 3, "close", "77", "-1 EBADF (Bad file descriptor)");
    uint64_t a[6] = {77, 0, 0, 0, 0, 0};
    jcall(t, 3, "close", a, -9, "EBADF");
  } else {
    long len = 1 + (long)pick(64);
    snprintf(args, sizeof args, "1, \"bench line %ld\\n\", %ld", ncalls, len);
    snprintf(res, sizeof res, "%ld", len);
    lcall(t, 1, "write", args, res);
    uint64_t a[6] = {1, 0x402000, (uint64_t)len, 0, 0, 0};
    if (diverge_errno)
      jcall(t, 1, "write", a, -5, "EIO");
    else
      jcall(t, 1, "write", a, len, NULL);
  }
}

/* Merges a parent's and a child's strace lines the way strace -f shows
 * two tasks running at once: in random order, a call sometimes cut into
 * `<unfinished ...>` and `<... resumed>` around the other task's lines. */
static void merge(struct lbuf *a, struct lbuf *b) {
  struct lbuf *src[2] = {a, b};
  size_t at[2] = {0, 0};
  int pending = -1; /* the task whose call is unfinished */
  bool just_cut =
      false; /* the other task's line must come before the resumed half */
  char text[8192];
  while (at[0] < a->n || at[1] < b->n) {
    int k = at[0] >= a->n ? 1 : at[1] >= b->n ? 0 : (int)pick(2);
    if (just_cut)
      k = 1 - pending;
    just_cut = false;
    if (pending == k) {
      struct lline *l = &src[k]->v[at[k]++];
      snprintf(text, sizeof text, "<... %s resumed>%s", l->name, l->tail);
      char *eq = strstr(text, ") = ");
      eq[1] = 0;
      pad_call(S, l->pid, l->nr, text, eq + 4);
      pending = -1;
      continue;
    }
    struct lline *l = &src[k]->v[at[k]];
    bool other_left = at[1 - k] < src[1 - k]->n && pending < 0;
    if (l->tail && other_left && pick(4) == 0) {
      fprintf(S, "%-5d [%4d] %s <unfinished ...>\n", l->pid, l->nr, l->head);
      pending = k;
      just_cut = true;
      continue;
    }
    at[k]++;
    if (l->tail) {
      snprintf(text, sizeof text, "%s%s", l->head, l->tail);
      char *eq = strstr(text, ") = ");
      eq[1] = 0;
      pad_call(S, l->pid, l->nr, text, eq + 4);
    } else {
      fprintf(S, "%-5d [%4d] %s\n", l->pid, l->nr, l->head);
    }
  }
  for (int k = 0; k < 2; k++) {
    for (size_t i = 0; i < src[k]->n; i++) {
      free(src[k]->v[i].head);
      free(src[k]->v[i].tail);
    }
    src[k]->n = 0;
  }
}

static int next_lpid = 4243, next_jpid = 2;

static void expect(const struct task *t, const char *status, const char *name) {
  if (expected)
    fprintf(expected, "%s %s %s\n", t->name, status, name);
}

/* The root forks a child that runs `calls` calls while the root makes
 * `parent_calls` of its own, then reaps it. */
static void fork_child(struct task *root, int calls, int parent_calls,
                       bool plant_missing) {
  struct lbuf pl = {0}, cl = {0};
  struct task c = {.lpid = next_lpid,
                   .lproc = next_lpid,
                   .jpid = next_jpid,
                   .jtid = next_jpid};
  next_lpid += 1 + (int)pick(3); /* other processes of the machine take pids */
  next_jpid++;
  root->nkids++;
  snprintf(c.name, sizeof c.name, "%.16s.%d", root->name, root->nkids);
  c.lmap = root->lmap - 0x40000000;
  c.jmap = root->jmap - 0x40000000;
  char res[32];
  snprintf(res, sizeof res, "%d", c.lpid);
  lcall(root, 57, "fork", "", res);
  uint64_t z[6] = {0};
  jcall(root, 57, "fork", z, c.jpid, NULL);
  /* The child's JSONL comes after the parent blocks: collect it. */
  char *cj = NULL;
  size_t cjn = 0;
  c.jf = open_memstream(&cj, &cjn);
  c.ll = &cl;
  root->ll = &pl;
  snprintf(res, sizeof res, "%d", c.lpid);
  lcall(&c, 186, "gettid", "", res);
  jcall(&c, 186, "gettid", z, c.jtid, NULL);
  for (int i = 0; i < calls; i++) {
    if (plant_missing && i == calls / 2) {
      snprintf(res, sizeof res, "%d", root->lpid);
      lcall(&c, 110, "getppid", "", res); /* the candidate never made it */
      expect(&c, "missing", "getppid");
      continue;
    }
    plain_call(&c, false, false);
  }
  lcall(&c, 231, "exit_group", "0", "?");
  lraw(&c, 231, "+++ exited with 0 +++");
  jentry(&c, 231, "exit_group", z, NULL);
  fprintf(c.jf, "{\"ev\":\"exit\",\"seq\":%ld,\"pid\":%d,\"status\":0}\n",
          ++seq, c.jpid);
  for (int i = 0; i < parent_calls; i++)
    plain_call(root, true, false);
  /* wait4 blocks in strace's view until the child is gone: its call is
   * whole in the parent's list, merged like any other. */
  char args[128];
  snprintf(args, sizeof args,
           "%d, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", c.lpid);
  snprintf(res, sizeof res, "%d", c.lpid);
  merge(&pl, &cl);
  root->ll = NULL;
  lcall(root, 61, "wait4", args, res);
  char sig[256];
  snprintf(
      sig, sizeof sig,
      "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%d, si_uid=0, "
      "si_status=0, si_utime=0, si_stime=0} ---",
      c.lpid);
  lraw(root, 61, sig);
  fclose(c.jf);
  uint64_t w[6] = {(uint64_t)c.jpid, 0x7ffffffee1c, 0, 0, 0, 0};
  jentry(root, 61, "wait4", w, NULL);
  fwrite(cj, 1, cjn, J);
  free(cj);
  jsignal(root, "SIGCHLD", "CLD_EXITED", "ignore");
  jexit(root, 61, "wait4", c.jpid, NULL);
  free(pl.v);
  free(cl.v);
}

/* The root starts a thread that makes `calls` calls and ends with exit(0)
 * while the root makes `parent_calls`. */
static void thread(struct task *root, int calls, int parent_calls,
                   bool plant_errno) {
  struct lbuf pl = {0}, tl = {0};
  struct task t = {.lpid = next_lpid,
                   .lproc = root->lproc,
                   .jpid = root->jpid,
                   .jtid = next_jpid};
  next_lpid += 1 + (int)pick(3);
  next_jpid++;
  root->nkids++;
  snprintf(t.name, sizeof t.name, "%.16s.%d", root->name, root->nkids);
  t.lmap = root->lmap - 0x20000000;
  t.jmap = root->jmap - 0x20000000;
  char args[512], res[32];
  uint64_t stack = 0x7f8fa54e6ef8 - 0x23000 * (uint64_t)root->nkids;
  snprintf(args, sizeof args,
           "child_stack=%#" PRIx64
           ", flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
           "CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_"
           "CHILD_CLEARTID|"
           "0x400000, parent_tid=[%d], tls=%#" PRIx64 ", child_tidptr=0x409290",
           stack, t.lpid, stack + 0x40);
  snprintf(res, sizeof res, "%d", t.lpid);
  lcall(root, 56, "clone", args, res);
  uint64_t ca[6] = {0x7d0f00, 0x7ffff77faef8, 0x7ffff77faf68,
                    0x409290, 0x7ffff77faf38, 0x401ca0};
  jcall(root, 56, "clone", ca, t.jtid, NULL);
  root->ll = &pl;
  t.ll = &tl;
  t.jf = J;
  for (int i = 0; i < parent_calls; i++)
    plain_call(root, true, false);
  for (int i = 0; i < calls; i++) {
    if (plant_errno && i == calls / 2) {
      lcall(&t, 2, "open", "\"/etc/bench/thread\", O_RDONLY|O_LARGEFILE",
            "-1 ENOENT (No such file or directory)");
      uint64_t a[6] = {0x401000, 0x8000, 0, 0, 0, 0};
      jentry(&t, 2, "open", a, "/etc/bench/thread");
      jexit(&t, 2, "open", -13, "EACCES");
      expect(&t, "errno", "open");
      continue;
    }
    plain_call(&t, false, false);
  }
  uint64_t z[6] = {0};
  lcall(&t, 60, "exit", "0", "?");
  lraw(&t, 60, "+++ exited with 0 +++");
  jentry(&t, 60, "exit", z, NULL);
  merge(&pl, &tl);
  root->ll = NULL;
  free(pl.v);
  free(tl.v);
}

/* A sleep SIGALRM interrupts; the handler writes a line. The candidate
 * spells it with restart machinery or as a plain -EINTR. */
static void interrupted_sleep(struct task *t) {
  uint64_t z[6] = {0};
  lcall(t, 38, "setitimer",
        "ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, "
        "tv_usec=1000}}, NULL",
        "0");
  uint64_t sa[6] = {0, 0x7ffd2c4f6900, 0, 0, 0, 0};
  jcall(t, 38, "setitimer", sa, 0, NULL);
  lcall(t, 35, "nanosleep",
        "{tv_sec=5, tv_nsec=0}, {tv_sec=4, tv_nsec=998700000}",
        "? ERESTART_RESTARTBLOCK (Interrupted by signal)");
  uint64_t na[6] = {0x7ffd2c4f6910, 0x7ffd2c4f6920, 0, 0, 0, 0};
  if (pick(2)) {
    jentry(t, 35, "nanosleep", na, NULL);
    jexit(t, 35, "nanosleep", -516, "ERESTART_RESTARTBLOCK");
  } else {
    jcall(t, 35, "nanosleep", na, -4, "EINTR");
  }
  lraw(t, 35, "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---");
  jsignal(t, "SIGALRM", "SI_KERNEL", "handler");
  lcall(t, 1, "write", "2, \"alarm\\n\", 6", "6");
  uint64_t wa[6] = {2, 0x402100, 6, 0, 0, 0};
  jcall(t, 1, "write", wa, 6, NULL);
  lcall(t, 15, "rt_sigreturn", "{mask=[]}",
        "-1 EINTR (Interrupted system call)");
  jcall(t, 15, "rt_sigreturn", z, -4, "EINTR");
}

/* A read SIGPROF interrupts under SA_RESTART: restarted on Linux; on the
 * candidate restarted too, or (planted) failed with EINTR. */
static void restarted_read(struct task *t, bool plant_eintr) {
  uint64_t z[6] = {0};
  lcall(t, 0, "read", "3, 0x7ffd2c4f6cff, 64",
        "? ERESTARTSYS (To be restarted if SA_RESTART is set)");
  lraw(t, 0, "--- SIGPROF {si_signo=SIGPROF, si_code=SI_KERNEL} ---");
  lcall(t, 15, "rt_sigreturn", "{mask=[]}", "0");
  lcall(t, 0, "read", "3, \"0123456789\", 64", "10");
  ncalls -= 2; /* one call as the program sees it */
  uint64_t ra[6] = {3, 0x7ffd2c4f6cff, 64, 0, 0, 0};
  jentry(t, 0, "read", ra, NULL);
  if (plant_eintr) {
    jexit(t, 0, "read", -4, "EINTR");
    jsignal(t, "SIGPROF", "SI_KERNEL", "handler");
    jcall(t, 15, "rt_sigreturn", z, -4, "EINTR");
    expect(t, "errno", "read");
    return;
  }
  jexit(t, 0, "read", -512, "ERESTARTSYS");
  jsignal(t, "SIGPROF", "SI_KERNEL", "handler");
  jcall(t, 15, "rt_sigreturn", z, 0, NULL);
  jcall(t, 0, "read", ra, 10, NULL);
}

int main(int argc, char **argv) {
  if (argc != 4 && argc != 5) {
    fprintf(stderr, "usage: gen_traces N OUT.strace OUT.jsonl [EXPECTED]\n");
    return 2;
  }
  long n = atol(argv[1]);
  S = fopen(argv[2], "w");
  J = fopen(argv[3], "w");
  expected = argc == 5 ? fopen(argv[4], "w") : NULL;
  if (!S || !J || (argc == 5 && !expected)) {
    perror("gen_traces");
    return 2;
  }
  static char sbuf[1 << 16], jbuf[1 << 16];
  setvbuf(S, sbuf, _IOFBF, sizeof sbuf);
  setvbuf(J, jbuf, _IOFBF, sizeof jbuf);
  struct task root = {.lpid = 4242,
                      .lproc = 4242,
                      .jpid = 1,
                      .jtid = 1,
                      .jf = J,
                      .lmap = 0x7f64a71e4000,
                      .jmap = 0x7fff00000000,
                      .name = "1"};
  fprintf(S,
          "%-5d [%4d] execve(\"./bench\", [\"./bench\"], 0x7ffc97285270 /* 37 "
          "vars */) = 0\n",
          root.lpid, 59);
  fprintf(J, "{\"ev\":\"boot\",\"v\":1,\"arch\":\"x86_64\",\"cmdline\":\"debug="
             "syscall,signal --\"}\n");
  uint64_t z[6] = {0};
  lcall(&root, 158, "arch_prctl", "ARCH_SET_FS, 0x405178", "0");
  uint64_t ap[6] = {0x1002, 0x405178, 0, 0, 0, 0};
  jcall(&root, 158, "arch_prctl", ap, 0, NULL);
  char res[64];
  snprintf(res, sizeof res, "%d", root.lpid);
  lcall(&root, 218, "set_tid_address", "0x4052b0", res);
  uint64_t st[6] = {0x4052b0, 0, 0, 0, 0, 0};
  jcall(&root, 218, "set_tid_address", st, 1, NULL);
  snprintf(res, sizeof res, "%#" PRIx64, lbrk);
  lcall(&root, 12, "brk", "NULL", res);
  jcall(&root, 12, "brk", z, (long)jbrk, NULL);
  lcall(&root, 13, "rt_sigaction",
        "SIGALRM, {sa_handler=0x4011d9, sa_mask=[], sa_flags=SA_RESTORER, "
        "sa_restorer=0x401b6b}, NULL, 8",
        "0");
  uint64_t s1[6] = {14, 0x7ffd2c4f6a00, 0, 8, 0, 0};
  jcall(&root, 13, "rt_sigaction", s1, 0, NULL);
  lcall(&root, 13, "rt_sigaction",
        "SIGPROF, {sa_handler=0x4011f0, sa_mask=[], "
        "sa_flags=SA_RESTORER|SA_RESTART, "
        "sa_restorer=0x401b6b}, NULL, 8",
        "0");
  uint64_t s2[6] = {27, 0x7ffd2c4f6a00, 0, 8, 0, 0};
  jcall(&root, 13, "rt_sigaction", s2, 0, NULL);
  lcall(&root, 22, "pipe", "[3, 4]", "0");
  uint64_t pa[6] = {0x7ffd2c4f6b00, 0, 0, 0, 0, 0};
  jcall(&root, 22, "pipe", pa, 0, NULL);

  planted_err_at = n * 3 / 10;
  planted_miss_at = n / 2;
  planted_eintr_at = n * 7 / 10;
  planted_thread_at = n * 9 / 10;
  bool err_done = false, miss_done = false, eintr_done = false,
       thread_done = false;
  while (ncalls < n) {
    unsigned r = pick(10000);
    if (!err_done && ncalls >= planted_err_at) {
      plain_call(&root, true, true);
      expect(&root, "errno", "write");
      err_done = true;
    } else if (!miss_done && ncalls >= planted_miss_at) {
      fork_child(&root, 20 + (int)pick(60), 2 + (int)pick(6), true);
      miss_done = true;
    } else if (!eintr_done && ncalls >= planted_eintr_at) {
      restarted_read(&root, true);
      eintr_done = true;
    } else if (!thread_done && ncalls >= planted_thread_at) {
      thread(&root, 10 + (int)pick(30), 3 + (int)pick(8), true);
      thread_done = true;
    } else if (r <
               54) { /* about 3800 forks a million calls, children's included */
      fork_child(&root, 20 + (int)pick(60), 2 + (int)pick(6), false);
    } else if (r < 58) {
      thread(&root, 10 + (int)pick(30), 3 + (int)pick(8), false);
    } else if (r < 88) {
      interrupted_sleep(&root);
    } else if (r < 108) {
      restarted_read(&root, false);
    } else {
      plain_call(&root, true, false);
    }
  }
  lcall(&root, 231, "exit_group", "0", "?");
  lraw(&root, 231, "+++ exited with 0 +++");
  jentry(&root, 231, "exit_group", z, NULL);
  fprintf(J, "{\"ev\":\"exit\",\"seq\":%ld,\"pid\":1,\"status\":0}\n", ++seq);
  if (fclose(S) || fclose(J) || (expected && fclose(expected))) {
    perror("gen_traces");
    return 2;
  }
  return 0;
}
