/* timerfd files (timerfd_create(2)): a kernel timer (ktimer.h) on one of
 * the clocks of kclock.h whose expirations a read collects. As Linux's
 * fs/timerfd.c: an expiry counts one tick and wakes readers; a periodic
 * timer is moved on by whole intervals only when somebody looks (read,
 * timerfd_gettime, timerfd_settime), the periods it missed adding to the
 * count, so a short interval costs one event per look, not per period.
 * A read needs 8 bytes (EINVAL), takes the count and waits while it is 0
 * (-EAGAIN to the caller, who blocks: sys_io.c). poll: IN|RDNORM while
 * the count is nonzero. All times are ns on the timer's clock. */
#ifndef LIBOS_TIMERFD_H
#define LIBOS_TIMERFD_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/file.h>

struct proc;

/* A new disarmed timerfd on clock `clockid` (one the caller checked),
 * status flags `flags` (O_NONBLOCK), O_RDWR. 0 and *out, or -ENOMEM. */
int timerfd_create(int clockid, unsigned flags, struct file **out);

/* Is `f` a timerfd? */
bool is_timerfd(const struct file *f);

/* The clock id `f` was created on. */
int timerfd_clockid(const struct file *f);

/* Arm (value > 0: relative, or an absolute clock time if `absolute`) or
 * disarm (value 0) with period `interval` (0: one shot). The count is
 * reset. `might_cancel` (the caller's TFD_TIMER_CANCEL_ON_SET rule): a
 * later timerfd_clock_was_set that moved real time cancels the timer
 * (armed or not): one tick for poll, and the next read is -ECANCELED. The old
 * setting (time left, interval) goes to *old_value, *old_interval first. */
void timerfd_settime(struct file *f, bool absolute, bool might_cancel,
                     uint64_t value, uint64_t interval, uint64_t *old_value,
                     uint64_t *old_interval);

/* Keep the caller's settime flags as given, for fdinfo (timerfd_peek). */
void timerfd_note_flags(struct file *f, unsigned flags);

/* The real-time clock was set (wallclock.h): cancel every might_cancel
 * timerfd whose offset of real from monotonic time it changed. A set by
 * zero changes nothing, as on Linux. */
void timerfd_clock_was_set(void);

/* Time left until the next expiry (0 when disarmed or expired) and the
 * interval. */
void timerfd_gettime(struct file *f, uint64_t *value, uint64_t *interval);

/* What fdinfo shows of a timerfd: nothing is forwarded, so an expired
 * periodic timer nobody looked at has 0 left and its ticks so far. */
struct timerfd_view {
  int clockid;
  uint64_t ticks, value, interval;
  unsigned flags; /* timerfd_note_flags' */
};
void timerfd_peek(const struct file *f, struct timerfd_view *v);

#endif
