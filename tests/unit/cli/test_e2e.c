/* End to end: the kdiff binary on recorded fixture pairs (tests/cli),
 * checking its exit status and the facts of its --json output, and that
 * bad input is exit 2 with a message naming the file and line. */
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "run_kdiff.h"

static const char *kdiff;

/* Runs kdiff with args (see run_kdiff.h). */
static int run(const char *const *args, const char *out, const char *err) {
  return run_kdiff(kdiff, args, out, err);
}

struct pcase {
  const char *linux_fx, *libos_fx, *filter, *arch;
  int rc;
  const char *kind; /* NULL: first_divergence must be null */
  long index;
  const char *name;
  const char *task; /* NULL: not checked; else first_divergence.task and the text's "task X" */
};

static void check_case(const struct pcase *c, const char *tmp) {
  char out[256], err[256], json[256];
  snprintf(out, sizeof out, "%s/out", tmp);
  snprintf(err, sizeof err, "%s/err", tmp);
  snprintf(json, sizeof json, "%s/r.json", tmp);
  const char *args[14] = {"--linux-trace", fixture(c->linux_fx), "--libos-trace", fixture(c->libos_fx),
                          "--json", json, "--color", "never"};
  int n = 8;
  if (c->filter) {
    args[n++] = "--filter";
    args[n++] = c->filter;
  }
  if (c->arch) {
    args[n++] = "--arch";
    args[n++] = c->arch;
  }
  args[n] = NULL;
  int rc = run(args, out, err);
  if (rc != c->rc) {
    fprintf(stderr, "%s + %s: exit %d, want %d\n%s", c->linux_fx, c->libos_fx, rc, c->rc, slurp(err));
    check_failures++;
    return;
  }
  json_error_t je;
  json_t *root = json_load_file(json, 0, &je);
  CHECK(root != NULL);
  if (!root)
    return;
  json_t *fd = json_object_get(root, "first_divergence");
  CHECK(json_is_object(json_object_get(root, "counts")));
  CHECK(json_is_array(json_object_get(root, "pairs")));
  if (!c->kind) {
    CHECK(json_is_null(fd));
    CHECK(strstr(slurp(out), "Divergences: 0") != NULL);
  } else {
    const char *kind = json_string_value(json_object_get(fd, "kind"));
    const char *name = json_string_value(json_object_get(fd, "name"));
    long idx = (long)json_integer_value(json_object_get(fd, "linux_index"));
    if (!kind || strcmp(kind, c->kind) || !name || strcmp(name, c->name) || idx != c->index) {
      fprintf(stderr, "%s + %s: got %s %s at %ld, want %s %s at %ld\n", c->linux_fx, c->libos_fx,
              kind ? kind : "?", name ? name : "?", idx, c->kind, c->name, c->index);
      check_failures++;
    }
    char want[128];
    snprintf(want, sizeof want, "ROOT CAUSE CANDIDATE: %s", c->name);
    CHECK(strstr(slurp(out), want) != NULL);
    if (c->task) {
      const char *task = json_string_value(json_object_get(fd, "task"));
      if (!task || strcmp(task, c->task)) {
        fprintf(stderr, "%s + %s: task %s, want %s\n", c->linux_fx, c->libos_fx,
                task ? task : "?", c->task);
        check_failures++;
      }
      snprintf(want, sizeof want, "task %s, Linux #%ld", c->task, c->index);
      CHECK(strstr(slurp(out), want) != NULL);
    }
  }
  json_decref(root);
}

/* The rules a clean comparison rests on are in both reports, and
 * --strict turns the softening ones off: the same pair then exits
 * strict_rc (1 where the rule hid a difference; 0 where, as for restarts,
 * the two raw sequences agree anyway). */
static void check_rules(const char *linux_fx, const char *libos_fx, const char *rule,
                        int strict_rc, const char *tmp) {
  char out[256], err[256], json[256];
  snprintf(out, sizeof out, "%s/out", tmp);
  snprintf(err, sizeof err, "%s/err", tmp);
  snprintf(json, sizeof json, "%s/r.json", tmp);
  for (int strict = 0; strict < 2; strict++) {
    const char *args[] = {"--linux-trace", fixture(linux_fx), "--libos-trace", fixture(libos_fx),
                          "--json", json, "--all", strict ? "--strict" : NULL, NULL};
    CHECK_INT(run(args, out, err), strict ? strict_rc : 0);
    json_t *root = json_load_file(json, 0, NULL);
    CHECK(root != NULL);
    if (!root)
      return;
    json_t *hits = json_object_get(json_object_get(root, "rules"), rule);
    CHECK(json_is_true(json_object_get(root, "strict")) == (strict == 1));
    CHECK(strict ? hits == NULL : json_integer_value(hits) > 0);
    char want[64];
    snprintf(want, sizeof want, "%s %lld", rule, (long long)json_integer_value(hits));
    const char *text = slurp(out);
    CHECK(strict ? strstr(text, "rules (--strict") != NULL : strstr(text, want) != NULL);
    /* A timing row names its rule. */
    json_t *row;
    size_t i;
    json_array_foreach(json_object_get(root, "pairs"), i, row) {
      const char *st = json_string_value(json_object_get(row, "status"));
      if (st && !strcmp(st, "timing"))
        CHECK(json_is_string(json_object_get(row, "rule")));
    }
    json_decref(root);
  }
}

static void check_trouble(const char *linux_fx, const char *libos_fx, const char *want,
                          const char *tmp) {
  char out[256], err[256];
  snprintf(out, sizeof out, "%s/out", tmp);
  snprintf(err, sizeof err, "%s/err", tmp);
  const char *args[] = {"--linux-trace", linux_fx, "--libos-trace", libos_fx, NULL};
  int rc = run(args, out, err);
  const char *msg = slurp(err);
  if (rc != 2 || !strstr(msg, want)) {
    fprintf(stderr, "trouble case: exit %d, stderr \"%s\", want 2 and \"%s\"\n", rc, msg, want);
    check_failures++;
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_e2e PATH-TO-KDIFF\n");
    return 2;
  }
  kdiff = argv[1];
  char tmp[] = "/tmp/kdiff-e2e-XXXXXX";
  if (!mkdtemp(tmp))
    return 2;
  static const struct pcase cases[] = {
      {"brk_mmap.strace", "brk_mmap.ok.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"brk_mmap.strace", "brk_mmap.ok.jsonl", "brk", NULL, 0, NULL, 0, NULL, NULL},
      {"brk_mmap.strace", "pairs/brk_unchanged.jsonl", "brk", NULL, 1, "value", 3, "brk", "1"},
      {"brk_mmap.strace", "pairs/open_eacces.jsonl", NULL, NULL, 1, "errno", 5, "open", "1"},
      {"brk_mmap.strace", "pairs/open_eacces.jsonl", "brk,mmap", NULL, 0, NULL, 0, NULL, NULL},
      {"brk_mmap.strace", "pairs/no_mprotect.jsonl", NULL, NULL, 1, "missing", 7, "mprotect", "1"},
      {"brk_mmap.strace", "pairs/extra_getpid.jsonl", NULL, NULL, 1, "extra", 9, "getpid", "1"},
      {"brk_mmap.strace", "pairs/panic_in_mprotect.jsonl", NULL, NULL, 1, "crash", 7, "mprotect", "1"},
      {"brk_mmap.strace", "pairs/exit1.jsonl", NULL, NULL, 1, "exit", 11, "exit", "1"},
      {"sig_restart.strace", "sig_restart.ok.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"sig_restart.strace", "pairs/segv_accerr.jsonl", NULL, NULL, 1, "signal", 15, "SIGSEGV", "1"},
      {"sig_restart.strace", "pairs/no_restart.jsonl", NULL, NULL, 1, "errno", 6, "read", "1"},
      {"killed.strace", "killed.ok.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"killed.strace", "pairs/killed_exit0.jsonl", NULL, NULL, 1, "exit", 3, "exit", "1"},
      {"strings.strace", "strings.ok.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"strings_x.strace", "strings.ok.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      /* Booted with debug=syscall only: signals are left out on both sides. */
      {"sig_restart.strace", "pairs/sig_restart_nosignals.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      /* Interrupted calls (restart.h), real traces of signals.no_restart_calls:
       * Linux's ERESTART* spelling against the library OS's (the same), and
       * against a kernel without restart machinery (plain -EINTR, derived
       * from the library OS's trace: tests/cli/real/restart/README.md) with
       * one real divergence after both interruptions, in both directions. */
      {"real/restart/no_restart_calls.strace", "real/restart/no_restart_calls.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"real/restart/no_restart_calls.strace", "real/restart/no_restart_calls.eintr.jsonl", NULL, NULL, 1, "value", 10, "writev", "1"},
      {"real/restart/no_restart_calls.eintr.jsonl", "real/restart/no_restart_calls.strace", NULL, NULL, 1, "value", 10, "writev", "1"},
      /* Real traces of the arm64 library OS against x86-64 Linux. */
      {"real/signals.sa_restart.strace", "real/signals.sa_restart.arm64.jsonl", NULL, "arm64", 0, NULL, 0, NULL, NULL},
      {"real/signals.no_restart_calls.strace", "real/signals.no_restart_calls.arm64.jsonl", NULL, "arm64", 0, NULL, 0, NULL, NULL},
      {"real/vm.brk_refused.strace", "real/vm.brk_refused.arm64.jsonl", NULL, "arm64", 0, NULL, 0, NULL, NULL},
      /* Real x86-64 kernel traces: ignored signals only ptrace sees are left out. */
      {"real/signals.sigpipe_epipe.strace", "real/signals.sigpipe_epipe.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"real/signals.default_ignore.strace", "real/signals.default_ignore.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      /* Several processes and threads, real traces of both kernels: strace -f
       * and the library OS run the tasks in other orders (a child's first
       * lines before its parent's fork returns, unfinished/resumed halves). */
      {"real/mt_procs.strace", "real/mt_procs.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      /* str arguments: the kernel's strings against strace's (fs.symlinks,
       * recorded on this tree), and the same with one path changed. */
      {"real/fs.symlinks.strace", "real/fs.symlinks.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"real/fs.symlinks.strace", "pairs/fs_symlinks_path.jsonl", NULL, NULL, 1, "value", 6, "symlink", "1"},
      {"real/mt_procs.strace", "real/mt_procs.arm64.jsonl", NULL, "arm64", 0, NULL, 0, NULL, NULL},
      {"real/mt_threads.strace", "real/mt_threads.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"real/mt_threads.strace", "real/mt_threads.arm64.jsonl", NULL, "arm64", 0, NULL, 0, NULL, NULL},
      /* Hand-made from the x86-64 ones: the first child exits 4 (its
       * exit_group, Linux call 21, in task 1.1); its close fails with EPERM
       * (call 12); the second thread (1.2) skips its getpid (call 22). */
      {"real/mt_procs.strace", "pairs/mt_procs_child_status.jsonl", NULL, NULL, 1, "value", 21, "exit_group", "1.1"},
      {"real/mt_procs.strace", "pairs/mt_procs_child_errno.jsonl", NULL, NULL, 1, "errno", 12, "close", "1.1"},
      {"real/mt_threads.strace", "pairs/mt_threads_missing.jsonl", NULL, NULL, 1, "missing", 22, "getpid", "1.2"},
      /* The timing rules hide no end: a child without its exit_group. */
      {"real/mt_procs.strace", "pairs/mt_procs_no_exit_group.jsonl", NULL, NULL, 1, "missing", 21, "exit_group", "1.1"},
      /* Contract runs where the interleaving shows: a child killed by its
       * parent stops wherever it was (timing rows, not divergences), and
       * SIGCHLD comes before a wait4 on Linux, after it in the library OS.
       * A different killing signal still shows, in the child's task. */
      {"real/process.fork_wait_signal.strace", "real/process.fork_wait_signal.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"real/process.wait_stopped.strace", "real/process.wait_stopped.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      /* ... and a run where the library OS's child died before its first call. */
      {"real/process.fork_wait_signal.early_kill.strace", "real/process.fork_wait_signal.early_kill.x86_64.jsonl", NULL, NULL, 0, NULL, 0, NULL, NULL},
      {"real/process.fork_wait_signal.strace", "pairs/fork_wait_signal_sigint.jsonl", NULL, NULL, 1, "signal", 13, "SIGTERM", "1.1"},
      /* Two divergences: the root's last write (task 1, first in task
       * order) and the child's close (earlier in the Linux file): the
       * earliest in the Linux file is the one reported. */
      {"real/mt_procs.strace", "pairs/mt_procs_two.jsonl", NULL, NULL, 1, "errno", 12, "close", "1.1"},
      /* Edits that change what the program observed are never clean: the
       * kernel's FUTEX_WAKE that the root's wait consumed deleted, or its
       * count made 0; a signal record without its si_code; a child's exit
       * record (its reaped wait status) that differs from its exit_group. */
      {"real/mt_threads.strace", "pairs/mt_threads_no_wake.jsonl", NULL, NULL, 1, "missing", 23, "futex", "1.1"},
      {"real/mt_threads.strace", "pairs/mt_threads_wake0.jsonl", NULL, NULL, 1, "value", 23, "futex", "1.1"},
      {"real/process.fork_wait_signal.strace", "pairs/fork_wait_signal_nocode.jsonl", NULL, NULL, 1, "signal", 46, "SIGSEGV", "1.4"},
      {"real/mt_procs.strace", "pairs/mt_procs_exit_record.jsonl", NULL, NULL, 1, "exit", 25, "exit", "1.1"},
      /* ... and without the arch mapping: x86-64's arch_prctl is missing. */
      {"real/signals.sa_restart.strace", "real/signals.sa_restart.arm64.jsonl", NULL, NULL, 1, "missing", 0, "arch_prctl", "1"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case(&cases[i], tmp);
  check_rules("real/mt_threads.strace", "real/mt_threads.x86_64.jsonl", "timing-futex", 1, tmp);
  check_rules("sig_restart.strace", "sig_restart.ok.jsonl", "restart-fold", 0, tmp);
  check_rules("real/signals.default_ignore.strace", "real/signals.default_ignore.x86_64.jsonl",
              "ignored-signal", 1, tmp);
  check_rules("real/process.fork_wait_signal.strace", "real/process.fork_wait_signal.x86_64.jsonl",
              "killed-timing", 1, tmp);
  check_trouble(fixture("brk_mmap.strace"), fixture("pairs/malformed.jsonl"),
                "pairs/malformed.jsonl:3: malformed JSON", tmp);
  check_trouble(fixture("pairs/truncated.strace"), fixture("brk_mmap.ok.jsonl"),
                "pairs/truncated.strace:14: ", tmp);
  /* strace given as the candidate side is read as strace (it used to be
   * read as JSONL console text: zero records), bad line and all. */
  check_trouble(fixture("brk_mmap.ok.jsonl"), fixture("pairs/truncated.strace"),
                "pairs/truncated.strace:14: ", tmp);
  check_trouble("/nonexistent/trace", fixture("brk_mmap.ok.jsonl"), "/nonexistent/trace: cannot open",
                tmp);
  /* Options. */
  char out[256], err[256];
  snprintf(out, sizeof out, "%s/out", tmp);
  snprintf(err, sizeof err, "%s/err", tmp);
  const char *bad_arch[] = {"--arch", "mips", "--linux-trace", "a", "--libos-trace", "b", NULL};
  CHECK_INT(run(bad_arch, out, err), 2);
  const char *help[] = {"--help", NULL};
  CHECK_INT(run(help, out, err), 0);
  CHECK(strstr(slurp(out), "--linux-trace") != NULL);
  const char *nothing[] = {NULL};
  CHECK_INT(run(nothing, out, err), 2);
  /* The runner, Linux side for real (strace), libos side recorded. */
  if (argc > 2 && access(argv[2], X_OK) == 0) {
    setenv("TMPDIR", tmp, 1); /* kdiff keeps its traces there */
    const char *agree[] = {"brk_basic", "--filter", "brk", "--libos-trace",
                           fixture("brk_basic.libos.jsonl"), NULL};
    int rc = run(agree, out, err);
    if (rc != 0)
      fprintf(stderr, "kdiff brk_basic --filter brk: exit %d\n%s", rc, slurp(err));
    CHECK_INT(rc, 0);
    CHECK(strstr(slurp(err), "traces kept in") == NULL); /* agreeing runs leave nothing */
    const char *differ[] = {"vm.brk_basic", "--libos-trace", fixture("brk_mmap.ok.jsonl"), NULL};
    CHECK_INT(run(differ, out, err), 1);
    CHECK(strstr(slurp(err), "traces kept in") != NULL);
  } else {
    printf("e2e: %s not built, runner case skipped\n", argc > 2 ? argv[2] : "(no program)");
  }
  const char *unknown[] = {"no_such_test_anywhere", NULL};
  CHECK_INT(run(unknown, out, err), 2);
  CHECK(strstr(slurp(err), "no such contract test") != NULL);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmp);
  return check_done("e2e");
}
