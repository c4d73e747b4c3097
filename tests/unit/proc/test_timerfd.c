/* TFD_TIMER_CANCEL_ON_SET (libos/timerfd.c) on the host, with the clocks
 * faked: a clock set that moves real time against the monotonic clock
 * cancels every absolute real-time timerfd that asked for it (one tick for
 * poll, then one ECANCELED read), a set by zero cancels nothing (Linux's
 * moffs comparison), and timers that did not ask, or were set again, or
 * were closed, are left alone. A contract cannot pin this: on Linux it
 * would step the host's clock. */
#include <libos/anon_inode.h>
#include <libos/kclock.h>
#include <libos/kheap.h>
#include <libos/poll.h>
#include <libos/tick.h>
#include <libos/timerfd.h>
#include <libos/uaccess.h>
#include <libos/wallclock.h>
#include <uapi/errno.h>

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* The fakes: monotonic time and the real-time offset, moved by the test. */
static uint64_t mono = 1000000000, base = 1700000000000000000ull;

uint64_t wallclock_base_ns(void) {
  return base;
}
uint64_t kclock_now(const struct kclock *c) {
  return c->id == LINUX_CLOCK_REALTIME ? mono + base : mono;
}
void tick_need(void) {}
void *kzalloc(size_t size) {
  return calloc(1, size);
}
/* Freed memory is poisoned and kept, so a timer left on the cancel list
 * after release sends the next clock set through garbage (a crash). */
void kfree(void *p) {
  if (p)
    memset(p, 0xa5, malloc_usable_size(p));
}
struct file *anon_file_new(const struct file_ops *ops, unsigned flags,
                           void *priv) {
  struct file *f = calloc(1, sizeof *f);
  f->ops = ops;
  f->flags = flags;
  f->refs = 1;
  f->priv = priv;
  return f;
}
size_t copy_to_user(struct mm *mm, uint64_t dst, const void *src, size_t n) {
  (void)mm;
  memcpy((void *)(uintptr_t)dst, src, n);
  return 0;
}

static struct file *mk(int clock) {
  struct file *f = 0;
  CHECK(timerfd_create(clock, 0, &f) == 0 && f);
  return f;
}

/* Arm `f` an hour ahead, absolute when asked, so it never fires here. */
static void arm(struct file *f, bool absolute, bool cancel) {
  uint64_t ov, oi, hour = 3600000000000ull;
  uint64_t v =
      absolute ? kclock_now(&(struct kclock){.id = timerfd_clockid(f)}) + hour
               : hour;
  timerfd_settime(f, absolute, cancel, v, 0, &ov, &oi);
}

static long rd(struct file *f) {
  uint64_t v = 0;
  return f->ops->read(f, 0, (uint64_t)(uintptr_t)&v, sizeof v, 0);
}

static bool ready(struct file *f) {
  return f->ops->poll(f, 0) & LINUX_POLLIN;
}

static void release(struct file *f) {
  f->ops->release(f);
  free(f);
}

int main(void) {
  struct file *asked = mk(LINUX_CLOCK_REALTIME);
  struct file *plain = mk(LINUX_CLOCK_REALTIME);
  struct file *gone = mk(LINUX_CLOCK_REALTIME);
  arm(asked, true, true);
  arm(plain, true, false);
  arm(gone, true, true);
  release(gone); /* must leave the cancel list */

  CHECK(!ready(asked) && rd(asked) == -EAGAIN);

  /* A set by zero: nothing moved, nothing cancelled. */
  timerfd_clock_was_set();
  CHECK(!ready(asked) && rd(asked) == -EAGAIN);

  /* A step: the asking timer is ready, reads ECANCELED once, then is
   * an armed timer again; the other one never noticed. */
  base += 5000000000ull;
  timerfd_clock_was_set();
  CHECK(ready(asked));
  CHECK(rd(asked) == -ECANCELED);
  CHECK(!ready(asked) && rd(asked) == -EAGAIN);
  CHECK(!ready(plain) && rd(plain) == -EAGAIN);
  uint64_t left, iv;
  timerfd_gettime(asked, &left, &iv);
  CHECK(left > 0); /* still armed */

  /* Two steps before a read: still one ECANCELED. */
  base -= 1000;
  timerfd_clock_was_set();
  base -= 1000;
  timerfd_clock_was_set();
  CHECK(rd(asked) == -ECANCELED && rd(asked) == -EAGAIN);

  /* Set again without the flag: off the list. */
  arm(asked, true, false);
  base += 7;
  timerfd_clock_was_set();
  CHECK(!ready(asked) && rd(asked) == -EAGAIN);

  /* A step before a re-arm with the flag is forgotten: the offset is
   * taken when armed. */
  base += 9;
  arm(asked, true, true);
  timerfd_clock_was_set();
  CHECK(!ready(asked) && rd(asked) == -EAGAIN);

  release(asked);
  release(plain);
  return check_done("timerfd");
}
