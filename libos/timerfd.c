/* timerfd files (timerfd.h), following fs/timerfd.c: the timer fires once
 * (ticks++, expired), and whoever looks next forwards a periodic one. */
#include <libos/timerfd.h>

#include <libos/anon_inode.h>
#include <libos/kclock.h>
#include <libos/kheap.h>
#include <libos/ktimer.h>
#include <libos/poll.h>
#include <libos/tick.h>
#include <libos/uaccess.h>
#include <libos/wallclock.h>
#include <uapi/errno.h>
#include <uapi/io.h>

struct timerfd {
  struct ktimer k;
  struct kclock clock;
  uint64_t ticks;    /* expirations nobody has read */
  uint64_t interval; /* 0: one shot */
  bool expired;      /* fired and not forwarded since */
  unsigned flags;    /* the last settime's flags, as given (fdinfo) */
  struct waitq wq;
  /* TFD_TIMER_CANCEL_ON_SET (Linux's might_cancel and moffs): the real
   * time's offset from the monotonic clock when armed; a clock set that
   * changes it marks the timer cancelled (moffs CANCELLED) until a read
   * says ECANCELED or the timer is set again. */
  bool might_cancel;
  uint64_t moffs;
  struct timerfd *cancel_next; /* on cancel_list while might_cancel */
};

#define CANCELLED UINT64_MAX

/* The timerfds that a clock set may cancel: few, so a list. */
static struct timerfd *cancel_list;

static void cancel_unlink(struct timerfd *t) {
  for (struct timerfd **pp = &cancel_list; *pp; pp = &(*pp)->cancel_next)
    if (*pp == t) {
      *pp = t->cancel_next;
      break;
    }
  t->cancel_next = 0;
}

/* timerfd_setup_cancel: join or leave the list, and note the offset. */
static void cancel_setup(struct timerfd *t, bool might_cancel) {
  if (might_cancel && !t->might_cancel) {
    t->cancel_next = cancel_list;
    cancel_list = t;
  } else if (!might_cancel && t->might_cancel) {
    cancel_unlink(t);
  }
  t->might_cancel = might_cancel;
  t->moffs = wallclock_base_ns();
}

/* timerfd_canceled: true once after a set, taking the new offset. */
static bool cancel_taken(struct timerfd *t) {
  if (!t->might_cancel || t->moffs != CANCELLED)
    return false;
  t->moffs = wallclock_base_ns();
  return true;
}

void timerfd_clock_was_set(void) {
  uint64_t moffs = wallclock_base_ns();
  for (struct timerfd *t = cancel_list; t; t = t->cancel_next)
    if (t->moffs != moffs) {
      t->moffs = CANCELLED;
      t->ticks++;
      waitq_wake(&t->wq, LINUX_POLLIN);
    }
}

static uint64_t tfd_now(struct ktimer *k) {
  struct timerfd *t = k->priv;
  return kclock_now(&t->clock);
}

static void tfd_fire(struct ktimer *k, uint64_t now) {
  (void)now;
  struct timerfd *t = k->priv;
  t->expired = true;
  t->ticks++;
  waitq_wake(&t->wq, LINUX_POLLIN);
}

/* A periodic timer that fired: count the periods it missed and arm it for
 * the next one (Linux: hrtimer_forward_now, then restart). */
static void tfd_forward(struct timerfd *t) {
  if (!t->expired || !t->interval)
    return;
  t->expired = false;
  t->ticks += ktimer_forward(&t->k.expire, t->interval, tfd_now(&t->k)) - 1;
  ktimer_arm(&t->k, t->k.expire);
}

static long tfd_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                     uint64_t *pos) {
  (void)pos;
  struct timerfd *t = f->priv;
  if (n < sizeof(uint64_t))
    return -EINVAL;
  /* Linux looks for a cancel after the wait, so even a read that would
   * find no tick says ECANCELED; the count goes and the timer stays. */
  if (cancel_taken(t)) {
    t->ticks = 0;
    t->expired = false;
    return -ECANCELED;
  }
  if (!t->ticks)
    return -EAGAIN;
  tfd_forward(t);
  uint64_t v = t->ticks;
  t->ticks = 0;
  t->expired = false;
  return copy_to_user(mm, ubuf, &v, sizeof v) ? -EFAULT : (long)sizeof v;
}

static unsigned tfd_poll(struct file *f, struct poll_table *pt) {
  struct timerfd *t = f->priv;
  poll_wait(f, &t->wq, pt);
  return t->ticks ? LINUX_POLLIN | LINUX_POLLRDNORM : 0;
}

static void tfd_release(struct file *f) {
  struct timerfd *t = f->priv;
  ktimer_cancel(&t->k);
  cancel_setup(t, false);
  kfree(t);
}

static const struct file_ops timerfd_ops = {.read = tfd_read,
                                            .poll = tfd_poll,
                                            .release = tfd_release,
                                            .anon_name = "[timerfd]"};

bool is_timerfd(const struct file *f) {
  return f->ops == &timerfd_ops;
}

int timerfd_clockid(const struct file *f) {
  const struct timerfd *t = f->priv;
  return t->clock.id;
}

void timerfd_peek(const struct file *f, struct timerfd_view *v) {
  struct timerfd *t = f->priv;
  v->clockid = t->clock.id;
  v->ticks = t->ticks;
  v->value = ktimer_remaining(t->k.expire, tfd_now(&t->k));
  v->interval = t->interval;
  v->flags = t->flags;
}

void timerfd_note_flags(struct file *f, unsigned flags) {
  struct timerfd *t = f->priv;
  t->flags = flags;
}

int timerfd_create(int clockid, unsigned flags, struct file **out) {
  struct timerfd *t = kzalloc(sizeof *t);
  if (!t)
    return -ENOMEM;
  t->clock.id = clockid;
  t->k.clock = tfd_now;
  t->k.fire = tfd_fire;
  t->k.priv = t;
  struct file *f = anon_file_new(&timerfd_ops, LINUX_O_RDWR | flags, t);
  if (!f) {
    kfree(t);
    return -ENOMEM;
  }
  *out = f;
  return 0;
}

void timerfd_gettime(struct file *f, uint64_t *value, uint64_t *interval) {
  struct timerfd *t = f->priv;
  tfd_forward(t);
  *value = ktimer_remaining(t->k.expire, tfd_now(&t->k));
  *interval = t->interval;
}

void timerfd_settime(struct file *f, bool absolute, bool might_cancel,
                     uint64_t value, uint64_t interval, uint64_t *old_value,
                     uint64_t *old_interval) {
  struct timerfd *t = f->priv;
  cancel_setup(t, might_cancel);
  /* Linux forwards without counting: the count is reset below. */
  if (t->expired && t->interval)
    ktimer_forward(&t->k.expire, t->interval, tfd_now(&t->k));
  *old_value = ktimer_remaining(t->k.expire, tfd_now(&t->k));
  *old_interval = t->interval;
  ktimer_cancel(&t->k);
  t->ticks = 0;
  t->expired = false;
  t->interval = interval;
  t->k.expire = 0;
  if (!value)
    return;
  uint64_t now = tfd_now(&t->k);
  uint64_t expire = absolute ? value : ktimer_after(now, value);
  ktimer_arm(&t->k, expire);
  tick_need();
  if (now >= expire) { /* a time already past fires at once, as Linux's */
    ktimer_cancel(&t->k);
    tfd_fire(&t->k, now);
  }
}
