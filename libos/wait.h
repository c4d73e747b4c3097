/* Blocking with one CPU and one thread: idle in hal_cpu_wait() (the timer
 * tick wakes it) until the awaited condition holds, a signal must be
 * handled, or a deadline passes. */
#ifndef LIBOS_WAIT_H
#define LIBOS_WAIT_H

#include <stdbool.h>
#include <stdint.h>

enum wait_result {
  WAIT_DONE,    /* the condition holds */
  WAIT_SIGNAL,  /* a deliverable signal is pending */
  WAIT_TIMEOUT, /* hal_clock_ns() reached the deadline */
};

#define WAIT_FOREVER UINT64_MAX

/* Wait until cond(arg) (checked first; NULL never holds), a signal, or
 * `deadline` (hal_clock_ns() time, WAIT_FOREVER for none). The time spent
 * counts as blocked, not as CPU time of the process. */
enum wait_result wait_event(bool (*cond)(void *), void *arg,
                            uint64_t deadline);

/* A stopped process: wait until SIGCONT or SIGKILL is pending. */
void wait_stopped(void);

#endif
