/* The equivalence rules table (rules.h): its invariants, and every rule on
 * a small pair where it fires and a near miss where it must not, with and
 * without --strict. Four rules run in-process on pair.h specs; the others
 * run the kdiff binary (argv[1]) on hand-made trace pairs in
 * tests/cli/rules, whose --json facts and text `rules:` line are checked. */
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "pair.h"
#include "rules.h"
#include "run_kdiff.h"

static uint32_t hits(const struct pair *p, enum rule_id r) {
  return p->L.fired.n[r] + p->R.fired.n[r] + p->a.fired.n[r];
}

struct rcase {
  enum rule_id rule;
  const char *linux_spec, *libos_spec;
  bool fires;
  const char *kind,
      *strict_kind; /* first divergence: as is, and under --strict */
};

static const struct rcase cases[] = {
    {RULE_RESTART_FOLD,
     "read 0 0 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\nrt_sigreturn 0 = "
     "0\nread 0 0 1 = 1\nEXIT 0",
     "read 0 0 1 = ? ERESTARTSYS\nSIG SIGALRM SI_KERNEL\nrt_sigreturn 0 = "
     "0\nread 0 0 1 = 1\nEXIT 0",
     true, "none", "none"},
    {RULE_RESTART_FOLD, "read 0 0 1 = 1\nEXIT 0", "read 0 0 1 = 1\nEXIT 0",
     false, "none", "none"},
    /* The two spellings of an interrupted sleep the program saw fail. */
    {RULE_EINTR_FOLD,
     "nanosleep 0 0 = ? ERESTART_RESTARTBLOCK\nSIG SIGALRM SI_KERNEL\n"
     "rt_sigreturn 0 = -1 EINTR\nEXIT 0",
     "nanosleep 0 0 = -1 EINTR\nSIG SIGALRM SI_KERNEL\n"
     "rt_sigreturn 0 = -1 EINTR\nEXIT 0",
     true, "none", "errno"},
    /* Near miss: the handler's return restores another result. */
    {RULE_EINTR_FOLD,
     "nanosleep 0 0 = -1 EINTR\nSIG SIGALRM SI_KERNEL\nrt_sigreturn 0 = 0\n"
     "EXIT 0",
     "nanosleep 0 0 = -1 EINTR\nSIG SIGALRM SI_KERNEL\nrt_sigreturn 0 = 0\n"
     "EXIT 0",
     false, "none", "none"},
    {RULE_CLOCK_RESULT, "time 0 = 100\nEXIT 0", "time 0 = 200\nEXIT 0", true,
     "none", "value"},
    {RULE_CLOCK_RESULT, "getuid = 0\nEXIT 0", "getuid = 0\nEXIT 0", false,
     "none", "none"},
    {RULE_CRASH_CONSEQUENCE, "brk 0 = 0x5000\nmprotect 0 0 0 = 0\nEXIT 0",
     "brk 0 = 0x5000\nPANIC boom", true, "crash", "crash"},
    {RULE_CRASH_CONSEQUENCE, "brk 0 = 0x5000\nEXIT 0", "brk 0 = 0x5000\nEXIT 1",
     false, "exit", "exit"},
    {RULE_WILDCARD_ARG, "read 0 0x1000 1 = 1\nEXIT 0",
     "read 0 0x2000 1 = 1\nEXIT 0", true, "none", "none"},
    {RULE_WILDCARD_ARG, "brk 0 = 0x5000\nEXIT 0", "brk 0 = 0x5000\nEXIT 0",
     false, "none", "none"},
    /* A signal's code is always compared: no rule softens it. */
    {RULE_NONE, "SIG SIGSEGV SEGV_MAPERR\nKILL SIGSEGV",
     "SIG SIGSEGV SEGV_ACCERR\nKILL SIGSEGV", false, "signal", "signal"},
};

static void test_table(void) {
  for (int r = 1; r < RULE_COUNT; r++) {
    CHECK(rules[r].name && *rules[r].name && rules[r].matches &&
          *rules[r].matches && rules[r].sound && *rules[r].sound);
    CHECK(rule_by_name(rules[r].name) ==
          (enum rule_id)r); /* names are unique */
    CHECK(strcmp(rule_stage_name(rules[r].stage), "?") != 0);
  }
  CHECK(rule_by_name("no-such-rule") == RULE_NONE);
  struct rule_counts a = {0}, b = {0};
  char buf[256];
  CHECK_STR(rules_fired_str(&a, NULL, NULL, buf, sizeof buf), "none");
  a.n[RULE_RESTART_FOLD] = 2;
  b.n[RULE_RESTART_FOLD] = 1;
  b.n[RULE_IGNORED_SIGNAL] = 1;
  CHECK_STR(rules_fired_str(&a, &b, NULL, buf, sizeof buf),
            "restart-fold 3, ignored-signal 1");
  /* --strict turns off exactly the softening rules. */
  rules_strict = true;
  for (int r = 1; r < RULE_COUNT; r++)
    CHECK(rule_on((enum rule_id)r) == !rules[r].softens);
  rules_strict = false;
  for (int r = 1; r < RULE_COUNT; r++)
    CHECK(rule_on((enum rule_id)r));
}

/* A pair of tests/cli/rules, run as is and under --strict. */
struct fcase {
  const char *rule;                /* the rule under test */
  const char *linux_fx, *libos_fx; /* in tests/cli/rules */
  const char *opt, *optarg;        /* one more option, or NULL */
  int count;                       /* its hits as is: -1 some, else exactly */
  /* The first divergence as is (kind NULL: the runs agree), and under
   * --strict for a softening rule (whose count is then 0); a rule that
   * does not soften gives the same result under --strict. */
  const char *kind, *task;
  long index;
  const char *strict_kind, *strict_task;
  long strict_index;
};

/* What the `rules:` line of the text report must say, from the --json
 * "rules" object, in table order; false if the object names a rule that is
 * not in the table or a count that is not a positive integer. */
static bool rules_line(json_t *ru, char *buf, size_t n) {
  size_t k = 0, named = 0;
  buf[0] = 0;
  for (int r = 1; r < RULE_COUNT; r++) {
    json_t *v = json_object_get(ru, rules[r].name);
    if (!v)
      continue;
    if (!json_is_integer(v) || json_integer_value(v) < 1)
      return false;
    named++;
    k += (size_t)snprintf(buf + k, n - k, "%s%s %lld", k ? ", " : "",
                          rules[r].name, (long long)json_integer_value(v));
  }
  if (!k)
    snprintf(buf, n, "none");
  return named == json_object_size(ru);
}

static void fcase_run(const char *kdiff, const struct fcase *c, bool strict,
                      const char *tmp) {
  char out[256], err[256], json[256], lfx[256], rfx[256];
  snprintf(out, sizeof out, "%s/out", tmp);
  snprintf(err, sizeof err, "%s/err", tmp);
  snprintf(json, sizeof json, "%s/r.json", tmp);
  snprintf(lfx, sizeof lfx, "rules/%s", c->linux_fx);
  snprintf(rfx, sizeof rfx, "rules/%s", c->libos_fx);
  const char *args[12] = {"--linux-trace", fixture(lfx), "--libos-trace",
                          fixture(rfx),    "--json",     json,
                          "--color",       "never"};
  int na = 8;
  if (c->opt) {
    args[na++] = c->opt;
    args[na++] = c->optarg;
  }
  if (strict)
    args[na++] = "--strict";
  args[na] = NULL;
  enum rule_id id = rule_by_name(c->rule);
  bool soft = rules[id].softens;
  const char *kind = strict && soft ? c->strict_kind : c->kind;
  const char *task = strict && soft ? c->strict_task : c->task;
  long index = strict && soft ? c->strict_index : c->index;
  int rc = run_kdiff(kdiff, args, out, err);
  json_t *root = rc == 0 || rc == 1 ? json_load_file(json, 0, NULL) : NULL;
  const char *text = slurp(out);
  json_t *fd = json_object_get(root, "first_divergence");
  const char *gkind = json_string_value(json_object_get(fd, "kind"));
  const char *gtask = json_string_value(json_object_get(fd, "task"));
  long gindex = (long)json_integer_value(json_object_get(fd, "linux_index"));
  json_t *ru = json_object_get(root, "rules");
  long hits = (long)json_integer_value(json_object_get(ru, c->rule));
  bool count_ok = strict && soft ? hits == 0
                  : c->count < 0 ? hits > 0
                                 : hits == c->count;
  bool fd_ok = kind ? gkind && gtask && !strcmp(gkind, kind) &&
                          !strcmp(gtask, task) && gindex == index
                    : json_is_null(fd);
  char line[1024], want[1100];
  bool line_ok = root && rules_line(ru, line, sizeof line);
  snprintf(want, sizeof want, "  rules%s: %s\n",
           strict ? " (--strict: softening rules off)" : "", line);
  line_ok = line_ok && strstr(text, want) != NULL;
  bool strict_ok = json_is_true(json_object_get(root, "strict")) == strict;
  if (id == RULE_NONE || rc != (kind ? 1 : 0) || !root || !count_ok || !fd_ok ||
      !line_ok || !strict_ok) {
    fprintf(
        stderr,
        "rule %s: %s + %s%s%s%s: exit %d, %s %ld hits, first %s task %s #%ld "
        "(want %s task %s #%ld)%s%s\n%s",
        c->rule, c->linux_fx, c->libos_fx, c->opt ? " " : "",
        c->opt ? c->optarg : "", strict ? " --strict" : "", rc, c->rule, hits,
        gkind ? gkind : "none", gtask ? gtask : "-", gindex,
        kind ? kind : "none", task ? task : "-", index,
        line_ok ? "" : ", text rules line differs from --json: want ",
        line_ok ? "" : want, slurp(err));
    check_failures++;
  }
  json_decref(root);
}

#define ARM "--arch", "arm64"
#define NOOPT NULL, NULL
#define AGREE NULL, NULL, 0

/* Linux indices count the Linux calls after the start marker: in the
 * one-thread pairs the root's clone is #0 and the thread's first call #1. */
static const struct fcase fcases[] = {
    /* proc-read-count: reads of /proc/self/stat (and of its dup) agree in
     * any positive count; its end of file against a count, and a /tmp
     * file's count, are still value divergences. */
    {"proc-read-count", "proc-read-count.strace", "proc-read-count.fire.jsonl",
     NOOPT, 4, AGREE, "value", "1", 1},
    {"proc-read-count", "proc-read-count.strace", "proc-read-count.eof.jsonl",
     NOOPT, 3, "value", "1", 4, "value", "1", 1},
    {"proc-read-count", "proc-read-count.strace", "proc-read-count.tmp.jsonl",
     NOOPT, 4, "value", "1", 7, "value", "1", 1},
    /* str-prefix: strace cut the path; the kernel's whole path agrees over
     * the part strace printed, a different prefix is still a value
     * divergence, and --strict compares the cut string as it is. */
    {"str-prefix", "str-prefix.fire.strace", "str-prefix.jsonl", NOOPT, 1,
     AGREE, "value", "1", 1},
    {"str-prefix", "str-prefix.miss.strace", "str-prefix.jsonl", NOOPT, 1,
     "value", "1", 1, "value", "1", 1},
    /* execve-prefix: what comes before the test's exec; a failed exec is no
     * start marker; the sandbox helper's argument must be exact. */
    {"execve-prefix", "execve-prefix.fire.strace", "execve-prefix.jsonl", NOOPT,
     2, AGREE, AGREE},
    {"execve-prefix", "execve-prefix.sandbox.strace", "execve-prefix.jsonl",
     NOOPT, 5, AGREE, AGREE},
    {"execve-prefix", "execve-prefix.sandbox_at.strace", "execve-prefix.jsonl",
     NOOPT, 5, AGREE, AGREE},
    {"execve-prefix", "execve-prefix.sandbox_miss.strace",
     "execve-prefix.jsonl", NOOPT, 1, "missing", "1", 0, AGREE},
    {"execve-prefix", "execve-prefix.miss.strace", "execve-prefix.jsonl", NOOPT,
     0, "missing", "1", 0, AGREE},
    /* filter: the libos's extra getuid is compared once --filter names it. */
    {"filter", "filter.strace", "filter.jsonl", "--filter", "brk", 5, AGREE,
     AGREE},
    {"filter", "filter.strace", "filter.jsonl", "--filter",
     "getpid,getuid,brk,exit_group", 0, "extra", "1", 1, AGREE},
    /* arch-rename: open is openat on arm64; a call arm64 has is compared. */
    {"arch-rename", "arch-rename.fire.strace", "arch-rename.fire.jsonl", ARM, 1,
     AGREE, AGREE},
    {"arch-rename", "arch-rename.miss.strace", "arch-rename.miss.jsonl", ARM, 0,
     "errno", "1", 0, AGREE},
    /* arch-only: arch_prctl left out; getuid (arm64 has it) is not. */
    {"arch-only", "arch-only.fire.strace", "arch-only.jsonl", ARM, 1, AGREE,
     "missing", "1", 0},
    {"arch-only", "arch-only.miss.strace", "arch-only.jsonl", ARM, 0, "missing",
     "1", 1, "missing", "1", 1},
    /* thread-end: a thread swept by exit_group; the same clone without
     * CLONE_THREAD is a process whose end (status 4, not 3) is compared. */
    {"thread-end", "thread-end.fire.strace", "thread-end.fire.jsonl", NOOPT, 1,
     AGREE, AGREE},
    {"thread-end", "thread-end.miss.strace", "thread-end.miss.jsonl", NOOPT, 0,
     "exit", "1.1", 2, AGREE},
    /* cut-short: a read the death cut short; one that returned EINTR did not.
     */
    {"cut-short", "cut-short.strace", "cut-short.fire.jsonl", NOOPT, 1, AGREE,
     "errno", "1", 0},
    {"cut-short", "cut-short.strace", "cut-short.miss.jsonl", NOOPT, 0, "errno",
     "1", 0, "errno", "1", 0},
    /* ignored-signal: SIG_IGN'd on Linux (strace's line), the kernel's
     * action:ignore record; a handled SIGPIPE is compared. */
    {"ignored-signal", "ignored-signal.fire.strace", "ignored-signal.jsonl",
     NOOPT, 1, AGREE, "signal", "1", 2},
    {"ignored-signal", "ignored-signal.libos.strace",
     "ignored-signal.libos.jsonl", NOOPT, 1, AGREE, "signal", "1", 1},
    {"ignored-signal", "ignored-signal.miss.strace", "ignored-signal.jsonl",
     NOOPT, 0, "signal", "1", 2, "signal", "1", 2},
    /* signals-untraced: booted with debug=syscall, and with
       debug=syscall,signal. */
    {"signals-untraced", "signals-untraced.strace",
     "signals-untraced.fire.jsonl", NOOPT, 1, AGREE, "signal", "1", 1},
    {"signals-untraced", "signals-untraced.strace",
     "signals-untraced.miss.jsonl", NOOPT, 0, "signal", "1", 1, "signal", "1",
     1},
    /* sigkill-record: the kernel's SIGKILL record; a SIGTERM's is compared
     * (SI_TKILL against Linux's SI_USER). */
    {"sigkill-record", "sigkill-record.fire.strace",
     "sigkill-record.fire.jsonl", NOOPT, 1, AGREE, "signal", "1.1", 3},
    {"sigkill-record", "sigkill-record.miss.strace",
     "sigkill-record.miss.jsonl", NOOPT, 0, "signal", "1.1", 3, "signal", "1.1",
     3},
    /* killed-timing: the child's getuid before its parent's SIGKILL; before
     * a SIGSEGV of its own making it is a divergence. */
    {"killed-timing", "killed-timing.fire.strace", "killed-timing.fire.jsonl",
     NOOPT, 1, AGREE, "missing", "1.1", 1},
    {"killed-timing", "killed-timing.miss.strace", "killed-timing.miss.jsonl",
     NOOPT, 0, "missing", "1.1", 1, "missing", "1.1", 1},
    /* derived-exit: only pid 1's exit record; with the child's (4, not 3)
     * nothing is derived; nor from an exit_group argument that is no number. */
    {"derived-exit", "derived-exit.strace", "derived-exit.fire.jsonl", NOOPT, 1,
     AGREE, "exit", "1.1", 2},
    {"derived-exit", "derived-exit.strace", "derived-exit.miss.jsonl", NOOPT, 0,
     "exit", "1.1", 2, "exit", "1.1", 2},
    {"derived-exit", "derived-exit.strace", "derived-exit.badarg.jsonl", NOOPT,
     0, "exit", "1.1", 2, "exit", "1.1", 2},
    /* ... nor when the kernel wrote another child's exit record. */
    {"derived-exit", "derived-exit.two.strace",
     "derived-exit.per_process.jsonl", NOOPT, 0, "exit", "1.2", 4, "exit",
     "1.2", 4},
    /* The timing rules, with a root and one thread; their near misses have
     * one task, or a result no interleaving explains. */
    {"timing-yield", "timing-yield.fire.strace", "timing-yield.fire.jsonl",
     NOOPT, 1, AGREE, "missing", "1.1", 1},
    {"timing-yield", "timing-yield.miss.strace", "timing-yield.miss.jsonl",
     NOOPT, 0, "missing", "1", 0, "missing", "1", 0},
    /* timing-futex: a wake nobody waited for. A consumed pair (the root's
     * wait, the thread's wake) with one half missing is a divergence; with
     * both halves missing on one side (there the waiter never slept), either
     * side, the two rows are timing. */
    {"timing-futex", "timing-futex.fire.strace", "timing-futex.fire.jsonl",
     NOOPT, 1, AGREE, "missing", "1.1", 1},
    {"timing-futex", "timing-futex.pair.strace", "timing-futex.no_wake.jsonl",
     NOOPT, 0, "missing", "1.1", 2, "missing", "1.1", 2},
    {"timing-futex", "timing-futex.pair.strace", "timing-futex.no_wait.jsonl",
     NOOPT, 0, "missing", "1", 1, "missing", "1", 1},
    {"timing-futex", "timing-futex.pair.strace", "timing-futex.no_pair.jsonl",
     NOOPT, 2, AGREE, "missing", "1", 1},
    {"timing-futex", "timing-futex.no_pair.strace", "timing-futex.pair.jsonl",
     NOOPT, 2, AGREE, "extra", "1.1", 1},
    /* A wait's EAGAIN is the interleaving's; no interleaving explains EINVAL.
     */
    {"timing-futex", "timing-futex.eagain.strace", "timing-futex.fire.jsonl",
     NOOPT, 1, AGREE, "missing", "1.1", 1},
    {"timing-futex", "timing-futex.einval.strace", "timing-futex.fire.jsonl",
     NOOPT, 0, "missing", "1.1", 1, "missing", "1.1", 1},
    /* timing-wnohang: found nothing (0); ECHILD is compared. */
    {"timing-wnohang", "timing-wnohang.fire.strace", "timing-wnohang.jsonl",
     NOOPT, 1, AGREE, "missing", "1", 1},
    {"timing-wnohang", "timing-wnohang.miss.strace", "timing-wnohang.jsonl",
     NOOPT, 0, "missing", "1", 1, "missing", "1", 1},
    {"timing-sigreturn", "timing-sigreturn.fire.strace",
     "timing-sigreturn.fire.jsonl", NOOPT, 1, AGREE, "missing", "1.1", 1},
    {"timing-sigreturn", "timing-sigreturn.miss.strace",
     "timing-sigreturn.miss.jsonl", NOOPT, 0, "missing", "1", 0, "missing", "1",
     0},
    {"timing-sleep-fold", "timing-sleep-fold.fire.strace",
     "timing-sleep-fold.fire.jsonl", NOOPT, 2, AGREE, "missing", "1.1", 2},
    {"timing-sleep-fold", "timing-sleep-fold.miss.strace",
     "timing-sleep-fold.miss.jsonl", NOOPT, 0, "missing", "1", 1, "missing",
     "1", 1},
    {"timing-sleep-eintr", "timing-sleep-eintr.fire.strace",
     "timing-sleep-eintr.fire.jsonl", NOOPT, 2, AGREE, "errno", "1.1", 1},
    {"timing-sleep-eintr", "timing-sleep-eintr.miss.strace",
     "timing-sleep-eintr.miss.jsonl", NOOPT, 0, "errno", "1", 0, "errno", "1",
     0},
    /* timing-read-fold: 2 + 2 of 4 is one read of 4; EOF (0) stays. */
    {"timing-read-fold", "timing-read-fold.fire.strace",
     "timing-read-fold.fire.jsonl", NOOPT, 1, AGREE, "value", "1.1", 1},
    {"timing-read-fold", "timing-read-fold.miss.strace",
     "timing-read-fold.miss.jsonl", NOOPT, 0, "missing", "1.1", 2, "missing",
     "1.1", 2},
    /* signal-pair: getuid before (Linux) and after (libos) another task's
     * SI_TKILL; around a SI_KERNEL signal it is a divergence. */
    {"signal-pair", "signal-pair.fire.strace", "signal-pair.fire.jsonl", NOOPT,
     1, AGREE, "missing", "1", 1},
    {"signal-pair", "signal-pair.miss.strace", "signal-pair.miss.jsonl", NOOPT,
     0, "missing", "1", 1, "missing", "1", 1},
    /* poll-loop: one more round (a nap, the loop's getuid); a round whose
     * call (getgid) the task made nowhere else is a divergence. */
    {"poll-loop", "poll-loop.fire.strace", "poll-loop.jsonl", NOOPT, 2, AGREE,
     "missing", "1.1", 2},
    {"poll-loop", "poll-loop.miss.strace", "poll-loop.jsonl", NOOPT, 0,
     "missing", "1.1", 2, "missing", "1.1", 2},
};

/* Every rule of the table has a pair here or among the in-process cases. */
static void check_coverage(void) {
  for (int r = 1; r < RULE_COUNT; r++) {
    bool seen = false;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
      seen |= cases[i].rule == (enum rule_id)r;
    for (size_t i = 0; i < sizeof fcases / sizeof fcases[0]; i++)
      seen |= rule_by_name(fcases[i].rule) == (enum rule_id)r;
    if (!seen) {
      fprintf(stderr, "rule %s has no pair\n", rules[r].name);
      check_failures++;
    }
  }
}

int main(int argc, char **argv) {
  test_table();
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct rcase *c = &cases[i];
    for (int strict = 0; strict < 2; strict++) {
      rules_strict = strict;
      struct pair p;
      if (pair_run(&p, c->linux_spec, c->libos_spec, NULL)) {
        check_failures++;
        continue;
      }
      const char *want = strict ? c->strict_kind : c->kind;
      uint32_t n = c->rule ? hits(&p, c->rule) : 0;
      bool on = !strict || !rules[c->rule].softens;
      if (strcmp(pair_kind(&p), want) ||
          (c->rule && (n > 0) != (c->fires && on))) {
        fprintf(stderr,
                "rules case %zu (%s%s): kind %s (want %s), %u hits (want %s)\n",
                i, rules[c->rule].name, strict ? ", --strict" : "",
                pair_kind(&p), want, n, c->fires && on ? "some" : "none");
        check_failures++;
      }
      pair_free(&p);
    }
  }
  rules_strict = false;
  check_coverage();
  if (argc < 2) {
    fprintf(stderr, "usage: test_rules PATH-TO-KDIFF\n");
    return 2;
  }
  char tmp[] = "/tmp/kdiff-rules-XXXXXX";
  if (!mkdtemp(tmp))
    return 2;
  for (size_t i = 0; i < sizeof fcases / sizeof fcases[0]; i++)
    for (int strict = 0; strict < 2; strict++)
      fcase_run(argv[1], &fcases[i], strict, tmp);
  const char *names[] = {"out", "err", "r.json"};
  char path[300];
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", tmp, names[i]);
    unlink(path);
  }
  rmdir(tmp);
  return check_done("rules");
}
