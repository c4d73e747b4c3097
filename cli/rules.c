/* The equivalence rules (rules.h): the one table, and its small helpers.
 * docs/kdiff.md ("Equivalence rules") lists the same table. */
#include "rules.h"

#include <stdio.h>
#include <string.h>

bool rules_strict;

#define R(id, nm, st, soft, m, why) [id] = {nm, st, soft, m, why}

const struct rule rules[RULE_COUNT] = {
    R(RULE_NONE, "none", STAGE_NORMALISE, false, "nothing", "placeholder"),
    /* Not softening: the two traces would not describe the same thing. */
    R(RULE_EXECVE_PREFIX, "execve-prefix", STAGE_NORMALISE, false,
      "Linux events up to the test's first successful execve (after the "
      "sandbox "
      "helper's, when kdiff-sandbox ran it)",
      "they are strace's and the launcher's calls: the image starts at the "
      "test's first "
      "instruction"),
    R(RULE_FILTER, "filter", STAGE_NORMALISE, false,
      "syscalls not named by --filter (signals, exits and crashes stay)",
      "the user asked"),
    R(RULE_ARCH_RENAME, "arch-rename", STAGE_NORMALISE, false,
      "an x86-64 call arm64 lacks, renamed to what musl calls there; its "
      "arguments (and a "
      "stand-in's result) are not compared",
      "the same libc function on the other arch; the argument lists differ"),
    R(RULE_ARCH_ONLY, "arch-only", STAGE_NORMALISE, true,
      "an x86-64 call with no arm64 counterpart (arch_prctl), against an arm64 "
      "image",
      "arm64 does the same without a call (the thread pointer is a register)"),
    R(RULE_WILDCARD_ARG, "wildcard-arg", STAGE_NORMALISE, false,
      "an argument of kind ptr (compared only as NULL or not), str or "
      "undescribed, or one "
      "strace printed symbolically, or an address outside every known region",
      "strace records text and the kernel raw registers: nothing to compare "
      "them with"),
    R(RULE_THREAD_END, "thread-end", STAGE_TASKS, false,
      "a thread's end when it did not call exit() itself (swept away by "
      "exit_group or a "
      "signal): strace's per-thread `+++ exited +++` is left out",
      "the kernel records ends per process; the process's end is compared"),
    R(RULE_CRASH_CONSEQUENCE, "crash-consequence", STAGE_ALIGN, false,
      "a first divergence that only follows from a libos crash (Linux calls "
      "missing after "
      "it, the call it died in) is reported as the crash",
      "the divergence is still reported, under the kind that explains it"),
    /* Softening: --strict turns them off. */
    R(RULE_RESTART_FOLD, "restart-fold", STAGE_NORMALISE, true,
      "call = ? ERESTART*, the signal, the handler's calls, rt_sigreturn and "
      "the call again "
      "(or restart_syscall): one call with the final result, [restarted]",
      "both kernels show the same sequence; a restart where Linux does not is "
      "still a "
      "different result at that call"),
    R(RULE_EINTR_FOLD, "eintr-fold", STAGE_NORMALISE, true,
      "call = -1 EINTR, then at once the signal, the handler's calls and the "
      "rt_sigreturn popping that signal's frame, returning EINTR: one call "
      "failing with EINTR (a kernel without restart machinery, or a Linux "
      "call never restarted)",
      "rt_sigreturn only restores the interrupted context, whose return "
      "register holds the call's -EINTR; the call's EINTR is still compared, "
      "so against a restart that succeeded it is an errno divergence"),
    R(RULE_CUT_SHORT, "cut-short", STAGE_NORMALISE, true,
      "a call its task's end cut short: strace's `= ?` and the kernel's "
      "ERESTART* both read ?",
      "the call never returned to the program on either side"),
    R(RULE_IGNORED_SIGNAL, "ignored-signal", STAGE_READ, true,
      "a signal the program ignores (SIG_IGN, or SIG_DFL of "
      "SIGCHLD/SIGURG/SIGWINCH/SIGCONT): "
      "strace's --- SIG ---, the kernel's action:ignore record",
      "the program never sees it: only ptrace does"),
    R(RULE_SIGNALS_UNTRACED, "signals-untraced", STAGE_NORMALISE, true,
      "every signal on both sides, when the image booted with a debug= without "
      "signal",
      "one side has no signal records: comparing would report every signal"),
    R(RULE_SIGKILL_RECORD, "sigkill-record", STAGE_TASKS, true,
      "the kernel's SIGKILL signal records",
      "ptrace never shows a SIGKILL delivery; the death itself is the exit "
      "record"),
    R(RULE_DERIVED_EXIT, "derived-exit", STAGE_TASKS, true,
      "a libos trace with an exit record for pid 1 only (a kernel older than "
      "per-process "
      "exit records): other processes' ends made from a fatal signal record, "
      "else their "
      "last exit_group, else their exit",
      "what such a kernel computed the wait status from; never applied when "
      "the trace has "
      "per-process exit records"),
    R(RULE_CLOCK_RESULT, "clock-result", STAGE_NORMALISE, true,
      "the results of time() and times(), and of a successful rt_sigreturn",
      "a clock, and the interrupted context's return register"),
    R(RULE_TIMING_YIELD, "timing-yield", STAGE_TIMING, true,
      "sched_yield, with several tasks",
      "it only says how the scheduler ran the tasks"),
    R(RULE_TIMING_FUTEX, "timing-futex", STAGE_TIMING, true,
      "with several tasks, a futex call whose outcome the interleaving "
      "decides: a wake no "
      "wait provably consumed, a wait no matching wake explains, EAGAIN, "
      "EINTR, "
      "ERESTART*, and a consumed wake/wait pair the other side made neither "
      "call of; its rows are timing, not divergences",
      "whether a waiter had slept yet is the scheduler's choice; a consumed "
      "wake/wait pair is compared wherever the other side made either call, "
      "and EINVAL/EFAULT/ETIMEDOUT always"),
    R(RULE_TIMING_WNOHANG, "timing-wnohang", STAGE_TIMING, true,
      "a wait4 with WNOHANG that found nothing, with several tasks",
      "whether the child had ended yet is timing; the wait that reaps is "
      "compared"),
    R(RULE_TIMING_SIGRETURN, "timing-sigreturn", STAGE_TIMING, true,
      "a successful rt_sigreturn, with several tasks",
      "strace shows it only when the signal came between calls, which is "
      "timing"),
    R(RULE_TIMING_SLEEP_FOLD, "timing-sleep-fold", STAGE_TIMING, true,
      "consecutive nanosleep/clock_nanosleep calls of a task, folded into the "
      "first",
      "a polling loop's number of naps is timing"),
    R(RULE_TIMING_SLEEP_EINTR, "timing-sleep-eintr", STAGE_TIMING, true,
      "a sleep's 0 and EINTR compare equal, with several tasks",
      "whether another task's signal came during the nap or between naps is "
      "timing"),
    R(RULE_TIMING_READ_FOLD, "timing-read-fold", STAGE_TIMING, true,
      "a short read and the next reads of the same fd, folded while the total "
      "is short",
      "a pipe's writer decides how the data is split; EOF and errors stay"),
    R(RULE_KILLED_TIMING, "killed-timing", STAGE_ALIGN, true,
      "one-sided calls just before an equal death by a signal another task "
      "sent",
      "the victim stops wherever it was; the death and its signal are "
      "compared"),
    R(RULE_SIGNAL_PAIR, "signal-pair", STAGE_ALIGN, true,
      "a call one side made just before and the other just after another "
      "task's signal: "
      "one equal pair",
      "where an asynchronous signal lands is timing; the call and the signal "
      "are compared"),
    R(RULE_POLL_LOOP, "poll-loop", STAGE_ALIGN, true,
      "extra or missing rounds of a polling loop (a sleep and calls the task "
      "also made "
      "elsewhere): timing rows",
      "how many rounds a loop waits for another task is timing"),
    R(RULE_STR_PREFIX, "str-prefix", STAGE_NORMALISE, true,
      "a string argument one side cut short (strace's \"...\"..., the "
      "kernel's str_cut past 4096 bytes): compared over the common prefix",
      "neither side recorded the rest; the bytes both recorded must agree"),
    R(RULE_PROC_READ_COUNT, "proc-read-count", STAGE_NORMALISE, true,
      "the byte count of a successful read, pread64, readv, preadv or "
      "preadv2 of a descriptor opened under /proc: any positive count "
      "equals any other (0, end of file, and errors are still compared)",
      "procfs text holds pids, times, addresses and sizes that differ "
      "between any two runs; the program's output, which the verdict "
      "compares, shows what it made of the text"),
};

enum rule_id rule_by_name(const char *name) {
  for (int r = 1; r < RULE_COUNT; r++)
    if (!strcmp(rules[r].name, name))
      return (enum rule_id)r;
  return RULE_NONE;
}

const char *rule_stage_name(enum rule_stage s) {
  static const char *const names[] = {
      [STAGE_READ] = "read",   [STAGE_NORMALISE] = "normalise",
      [STAGE_TASKS] = "tasks", [STAGE_TIMING] = "timing",
      [STAGE_ALIGN] = "align",
  };
  return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

const char *rules_fired_str(const struct rule_counts *a,
                            const struct rule_counts *b,
                            const struct rule_counts *c, char *buf, size_t n) {
  size_t k = 0;
  buf[0] = '\0';
  for (int r = 1; r < RULE_COUNT; r++) {
    uint64_t hits = (a ? a->n[r] : 0) + (b ? b->n[r] : 0) + (c ? c->n[r] : 0);
    if (hits && k < n)
      k += (size_t)snprintf(buf + k, n - k, "%s%s %llu", k ? ", " : "",
                            rules[r].name, (unsigned long long)hits);
  }
  if (!k)
    snprintf(buf, n, "none");
  return buf;
}
