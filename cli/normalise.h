/* Turns a raw trace into the sequence kdiff compares, in place (events are
 * marked EVF_DROP, never moved):
 *  1. Linux side: drops everything up to and including the first successful
 *     execve (the start marker); when that execve is kdiff's sandbox helper
 *     (its argv has "--kdiff-sandbox", cli/run/sandbox.h), up to and
 *     including the helper's own successful execve or execveat of the test.
 *  2. Folds interrupted calls, both spellings (restart.h): "call = ?
 *     ERESTART*", the signal(s), rt_sigreturn, and the call again (or
 *     restart_syscall) become ONE call event at the first call's place
 *     carrying the final result; when the call is not restarted,
 *     rt_sigreturn's result (EINTR) is the call's. "call = -1 EINTR", the
 *     signal and an rt_sigreturn returning that EINTR become the one failed
 *     call. The signal events stay.
 *     Before folding, Linux side: signals the program ignores (SIG_IGN, or
 *     SIG_DFL of SIGCHLD, SIGURG, SIGWINCH, SIGCONT) are dropped: only ptrace
 *     sees them (sigdisp.h; the JSONL reader drops "action":"ignore" records
 *     likewise).
 *  3. Names tasks by creation (tasks.h: "1", "1.2", ...) and keeps one
 *     end per task (tasks_ends: a process's group status, a thread's own
 *     exit() only), making the libos side's from what ended each process;
 *     appends an EV_CRASH when the trace ends with neither exit nor panic.
 *     With more than one task, what only the interleaving decides is
 *     dropped, folded or softened (timing.h), each event after step 4
 *     numbered it.
 *  4. Numbers the remaining syscalls: ev->idx (the Linux index of --json).
 *  5. Maps x86-64 names to arm64 equivalents when asked (Linux side).
 *  6. Applies the --filter name set (signals, exits, crashes always stay).
 *  7. Normalises values: pids/tids to task identities (ev->pid too), brk
 *     results and arguments relative to the side's first brk ("brk0+0x2000"),
 *     mmap results as mappings named per task (maps.h: map#N, map#1.2:N)
 *     and later addresses inside them, in the task's address space, as
 *     map#N+off, and erases what cannot be compared across machines
 *     (pointers, strings, symbolic arguments, time values).
 *  8. Computes ev->key: a hash of kind, name, errno and si_code/exit
 *     signal, equal for events norm_equal() calls equal. */
#ifndef KDIFF_NORMALISE_H
#define KDIFF_NORMALISE_H

#include <stdbool.h>

#include "trace.h"

struct norm_opts {
  bool linux_side;        /* apply the start marker */
  bool map_to_arm64;      /* rename x86-64-only calls to arm64 equivalents */
  const uint32_t *filter; /* interned names to keep (NULL: keep all) */
  size_t nfilter;
};

/* Normalises t in place as described above. */
void normalise(struct trace *t, const struct norm_opts *o);

/* True when a (Linux) and b (libos) are the same logical event: same kind,
 * name, errno name, si_code or killing signal, normalised result (unless one
 * side's is not comparable: EVF_NORESULT), and every argument that both
 * sides know. */
bool norm_equal(const struct event *a, const struct event *b);

/* True when normalised values a and b agree (strings: exactly, or over
 * the common prefix under rule str-prefix when one is cut). */
bool norm_val_equal(const struct kval *a, const struct kval *b);

/* Leaves every signal of t out of the comparison (rule signals-untraced:
 * the other side was recorded without signal records); nothing under
 * --strict. */
void norm_drop_signals(struct trace *t);

/* Formats a normalised value ("42", "brk0+0x2000", "map#2+0x1000", "pid#1",
 * "?") into buf. Returns buf. */
const char *norm_value_str(const struct kval *v, char *buf, size_t n);

#endif
