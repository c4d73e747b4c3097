/*
 * The clocks timers count on (clock_gettime(2)'s ids, uapi/time.h): real
 * time and the monotonic clocks from hal_clock_ns(), and CPU time of a
 * process or of one thread (sched.h). Nothing sets the real-time clock
 * (no clock_settime), so real time is the monotonic clock plus the
 * wall-clock time at boot, and CLOCK_BOOTTIME is CLOCK_MONOTONIC (the
 * machine never suspends).
 */
#ifndef LIBOS_KCLOCK_H
#define LIBOS_KCLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include <uapi/time.h>

struct proc;

/* What a timer needs to read its clock: the clock id, and for the CPU
 * clocks whose time it is (the process, or the thread by tid: a thread
 * that has gone stands still at 0). */
struct kclock {
  int id;
  struct proc *proc;
  int tid;
};

/* The clock's time now, in ns. */
uint64_t kclock_now(const struct kclock *c);

/* Is `id` one of the CPU-time clocks? */
static inline bool kclock_is_cpu(int id) {
  return id == LINUX_CLOCK_PROCESS_CPUTIME_ID ||
         id == LINUX_CLOCK_THREAD_CPUTIME_ID;
}

#endif
