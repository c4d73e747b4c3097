/*
 * POSIX per-process timers (timer_create(2)), as kernel/time/posix-timers.c
 * keeps them: ids 0, 1, 2... per process (the next unused one after the
 * last given), a kernel timer (ktimer.h) on one of kclock.h's clocks, and
 * a notification: a signal to the process, a signal to one of its threads,
 * or none. The signal carries si_code SI_TIMER, si_timerid (the id) and
 * si_value; a periodic timer is not re-armed while its signal is pending:
 * it is moved on when the signal is taken (ptimer_signal_taken), and the
 * periods it missed become that signal's si_overrun and what
 * timer_getoverrun says. Times are ns on the timer's clock. Errors are
 * negative errno values.
 */
#ifndef LIBOS_PTIMER_H
#define LIBOS_PTIMER_H

#include <stdbool.h>
#include <stdint.h>

#include <uapi/signal.h>

struct proc;
struct thread;

/* How a timer notifies (sigevent's kernel meaning). */
enum ptimer_notify {
  PTIMER_SIGNAL_PROC,   /* SIGEV_SIGNAL (and SIGEV_THREAD): the process */
  PTIMER_SIGNAL_THREAD, /* SIGEV_THREAD_ID: one thread of the process */
  PTIMER_NONE,          /* SIGEV_NONE: nothing; only gettime sees time */
};

struct ptimer_spec {
  int clockid;
  enum ptimer_notify notify;
  int signo;        /* 1..64 unless PTIMER_NONE */
  int tid;          /* PTIMER_SIGNAL_THREAD's thread */
  uint64_t value;   /* si_value */
  bool value_is_id; /* no sigevent: si_value is the timer id */
};

/* Create a disarmed timer for `p`, its CPU-time clock being `p`'s or
 * `creator`'s (THREAD_CPUTIME_ID). The id, or -EAGAIN (no memory, or the
 * per-process limit). */
int ptimer_create(struct proc *p, struct thread *creator,
                  const struct ptimer_spec *spec);

/* Arm (value > 0; relative or absolute) or disarm timer `id`, period
 * `interval`; the old setting first into *old_value, *old_interval (may
 * be NULL). -EINVAL for an unknown id. */
int ptimer_settime(struct proc *p, int id, bool absolute, uint64_t value,
                   uint64_t interval, uint64_t *old_value,
                   uint64_t *old_interval);

/* The time left (a pending signal's expiry reads 1 ns) and the interval. */
int ptimer_gettime(struct proc *p, int id, uint64_t *value, uint64_t *interval);

/* Overruns of the last signal taken (capped at INT_MAX), or -EINVAL. */
int ptimer_getoverrun(struct proc *p, int id);

/* Delete timer `id` (-EINVAL when unknown). A signal it queued stays. */
int ptimer_delete(struct proc *p, int id);

/* Delete every timer of `p` (exec, exit). */
void ptimer_delete_all(struct proc *p);

/* `t` took signal `si` off a queue (delivery, sigtimedwait, signalfd): a
 * timer's signal re-arms its periodic timer and gets its si_overrun. */
void ptimer_signal_taken(struct thread *t, struct linux_siginfo *si);

#endif
