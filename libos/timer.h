/*
 * Process clocks and interval timers. CPU time is the time the process
 * spent on the CPU (sched.c charges it); system time is
 * what its syscalls took outside waits; user time is the rest. The periodic
 * tick (kernel_timer_tick) runs only once something needs it (a wait or an
 * armed timer) and checks expiries; timers fire with tick granularity.
 */
#ifndef LIBOS_TIMER_H
#define LIBOS_TIMER_H

#include <stdint.h>

struct proc;

#define TICK_NS 1000000ULL /* 1 ms */

/* The three setitimer timers. */
enum itimer_which { ITIMER_REAL_ = 0, ITIMER_VIRTUAL_ = 1, ITIMER_PROF_ = 2 };

/* An interval timer: `expire` on the timer's own clock (itimer_clock()),
 * 0 when disarmed; `interval` 0 for one shot. */
struct itimer {
  uint64_t expire;
  uint64_t interval;
};

/* Start the periodic tick if it is not running yet. */
void timer_need_tick(void);

/* Process times in ns. */
uint64_t proc_cpu_ns(const struct proc *p);
uint64_t proc_user_ns(const struct proc *p);
uint64_t proc_sys_ns(const struct proc *p);

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

/* One tick: fire expired timers of every process (SIGALRM,
 * SIGVTALRM, SIGPROF with SI_KERNEL) and re-arm interval ones. */
void timer_tick(void);

#endif
