/* Blocking: the calling thread waits (others run, see sched.h) until the
 * awaited condition holds, a signal must be handled, or a deadline
 * passes. */
#ifndef LIBOS_WAIT_H
#define LIBOS_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/task.h> /* WAIT_FOREVER */

enum wait_result {
  WAIT_DONE,    /* the condition holds */
  WAIT_SIGNAL,  /* a deliverable signal is pending */
  WAIT_TIMEOUT, /* hal_clock_ns() reached the deadline */
};

/* Wait until cond(arg) (checked first; NULL never holds), a signal, or
 * `deadline` (hal_clock_ns() time, WAIT_FOREVER for none). cond MUST NOT
 * depend on which thread runs (the scheduler calls it from any thread)
 * and MUST NOT block. The time spent is not CPU time. */
enum wait_result wait_event(bool (*cond)(void *), void *arg,
                            uint64_t deadline);

/* Wait until cond(arg) holds; signals do not end this wait (SIGKILL
 * still lets the thread run, to die on its way out). */
void wait_uninterruptible(bool (*cond)(void *), void *arg);

/* A stopped process: wait until it is continued or SIGKILL is pending. */
void wait_stopped(void);

#endif
