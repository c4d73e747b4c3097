/*
 * Kernel timers: the one mechanism under timerfd and POSIX timers. A
 * ktimer has an expiry on a clock of its own (monotonic, real time, a
 * process's or a thread's CPU time: whatever `now` says) and a function
 * to run when that clock reaches it. Armed timers sit on one list that
 * ktimer_run() scans at every tick (libos/tick.h): expiries have tick
 * granularity, like the itimers beside them (timer.h).
 *
 * This file knows no clock, process or signal: it is host-testable
 * arithmetic (hrtimer_forward's overrun rule) plus the armed list.
 */
#ifndef LIBOS_KTIMER_H
#define LIBOS_KTIMER_H

#include <stdbool.h>
#include <stdint.h>

struct ktimer;

/* The timer's clock now, in ns. */
typedef uint64_t (*ktimer_clock_fn)(struct ktimer *k);
/* The clock reached the expiry; the timer is disarmed already and MAY be
 * armed again (or any other timer armed or cancelled) from here. */
typedef void (*ktimer_fire_fn)(struct ktimer *k, uint64_t now);

struct ktimer {
  struct ktimer *next; /* on the armed list */
  bool armed;
  unsigned generation; /* the ktimer_run() call current when armed */
  uint64_t expire;     /* on the timer's clock */
  ktimer_clock_fn clock;
  ktimer_fire_fn fire;
  void *priv;
};

/* Arm `k` (clock, fire set) to fire once its clock reaches `expire`;
 * re-arming an armed timer moves it. */
void ktimer_arm(struct ktimer *k, uint64_t expire);

/* Disarm `k` (nothing when it is not armed). */
void ktimer_cancel(struct ktimer *k);

/* Fire every armed timer whose clock has reached its expiry, each once
 * per call, in list order. */
void ktimer_run(void);

/* hrtimer_forward: move a periodic expiry past `now` by whole intervals.
 * Returns how many intervals were added (0 when *expire > now already or
 * interval is 0); *expire is then the first expiry after now. */
uint64_t ktimer_forward(uint64_t *expire, uint64_t interval, uint64_t now);

/* Time left until `expire` at `now` (0 once reached). */
static inline uint64_t ktimer_remaining(uint64_t expire, uint64_t now) {
  return expire > now ? expire - now : 0;
}

/* `now + delta`, saturating (an expiry that far away never comes). */
static inline uint64_t ktimer_after(uint64_t now, uint64_t delta) {
  return now + delta < now ? UINT64_MAX : now + delta;
}

#endif
