/*
 * Interval timers (setitimer): each counts on its own clock (real time,
 * the process's user time or its CPU time, libos/sched.h) and fires with
 * tick granularity (libos/tick.h), sending its signal to the process.
 */
#ifndef LIBOS_TIMER_H
#define LIBOS_TIMER_H

#include <stdint.h>

struct proc;

/* The clock timer `which` counts on: REAL hal_clock_ns(), VIRTUAL user
 * time, PROF CPU time. */
uint64_t itimer_clock(const struct proc *p, int which);

/* Arm (value > 0) or disarm timer `which`; returns its old remaining
 * value and interval through the pointers (either may be NULL). */
void itimer_set(struct proc *p, int which, uint64_t value, uint64_t interval,
                uint64_t *old_value, uint64_t *old_interval);

/* Remaining time and interval of timer `which` (0, 0 when disarmed). */
void itimer_get(const struct proc *p, int which, uint64_t *value,
                uint64_t *interval);

/* One tick: run the kernel timers (ktimer.h: timerfds, POSIX timers),
 * then fire expired itimers of every process (SIGALRM, SIGVTALRM, SIGPROF
 * with SI_KERNEL) and re-arm interval ones. */
void timer_tick(void);

#endif
