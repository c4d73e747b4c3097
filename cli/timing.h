/* What only the timing between tasks decides, so that two correct kernels
 * that interleave tasks differently still compare equal. Applied only to a
 * trace with more than one task (a single task's signals come from itself
 * or its timers, and its calls are compared exactly as they were), per
 * task (ev->pid), in file order, after restarts are folded. Each is a rule
 * of rules.h (timing-*), off under --strict, counted in t->fired:
 *   - dropped: sched_yield; a wait4 with WNOHANG that found nothing (0); a
 *     successful rt_sigreturn (the handler's end: strace shows it as a call
 *     only when the signal came between calls, and when a signal from
 *     another task comes is timing);
 *   - timing rows (timing-futex, marked ev->rule, applied by align.c): a
 *     futex call whose outcome the interleaving decides. A wait that
 *     returned 0 while exactly one wake of the same word was made by
 *     another task of its process (the wake started between the wait's
 *     entry and its return) and that wake are a pair (ev->partner links
 *     them): both are compared exactly, unless the other side made neither
 *     call (align.c: both rows timing). Every other successful futex call, and
 * EAGAIN, EINTR and ERESTART*, is marked: where it differs from the other side,
 * or is on one side only, its row is timing;
 *   - folded: consecutive nanosleep/clock_nanosleep calls of a task into the
 *     first (a polling loop's number of naps), and a short read followed by
 *     more reads of the same fd into one read returning the total while the
 *     total is short of the first read's count (a pipe's writer decides
 *     how the data is split);
 *   - softened: a sleep's EINTR and 0 compare equal (whether another
 *     task's signal came during the nap or between naps).
 * Kept, because no interleaving explains them: futex errors such as EINVAL,
 * EFAULT, ETIMEDOUT or ENOSYS; a wait that reaped; every exit status and
 * signal; a sleep's other errors; a read's EOF (0) and errors. */
#ifndef KDIFF_TIMING_H
#define KDIFF_TIMING_H

#include <stdbool.h>

#include "idmap.h"
#include "trace.h"

struct timing_last {
  int32_t raw; /* the task's raw pid/tid */
  size_t ev;   /* its last live event, (size_t)-1: none yet */
};

struct timing {
  bool on; /* more than one task */
  uint32_t yield, futex, wait4, sigreturn, nanosleep, clock_nanosleep, read;
  uint32_t eagain, eintr;
  struct timing_last *last;
  size_t n, cap, cache;
  struct idmap index; /* raw -> index in last */
};

/* Interns the names the rules need; ntasks is the trace's task count
 * (the rules apply only when it is over 1). */
void timing_init(struct timing *z, size_t ntasks);

struct task_map;

/* Marks t's futex calls whose outcome is timing (ev->rule =
 * RULE_TIMING_FUTEX), before values are normalised; m names t's tasks. */
void timing_futex_classify(struct timing *z, struct trace *t,
                           struct task_map *m);

/* For live event i of t, before its values are normalised (raw results and
 * arguments): true when it is to be dropped (an artefact, or folded into
 * the task's previous event, which then carries the merged result). */
bool timing_drop(struct timing *z, struct trace *t, size_t i);

/* After the values of e (an event of t) are normalised: a sleep's EINTR and
 * 0 become one "?" result (not compared). */
void timing_soften(const struct timing *z, struct trace *t, struct event *e);

/* Frees z's table. */
void timing_free(struct timing *z);

#endif
