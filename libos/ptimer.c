/* POSIX timers (ptimer.h), after kernel/time/posix-timers.c of 6.x:
 * common_timer_set, common_timer_get, posix_timer_fn and posixtimer_rearm
 * in that order below. */
#include <libos/ptimer.h>

#include <libos/kclock.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/ktimer.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/tick.h>
#include <uapi/errno.h>

#define PTIMER_MAX                                                             \
  1024 /* per process; Linux counts them in RLIMIT_SIGPENDING */
#define INT_MAX_ 0x7fffffff

struct ptimer {
  struct ptimer *next; /* the process's timers */
  int id;
  struct proc *proc;
  struct ktimer k;
  struct kclock clock;
  struct ptimer_spec spec;
  uint64_t interval;
  int64_t overrun;      /* it_overrun: -1 until the timer is moved on */
  int64_t overrun_last; /* what the last signal said */
  bool active;          /* armed with a signal to send (it_active) */
  bool sig_queued;      /* its signal waits to be taken: not re-armed */
};

static struct ptimer *find(struct proc *p, int id) {
  for (struct ptimer *t = p->ptimers; t; t = t->next)
    if (t->id == id)
      return t;
  return 0;
}

static uint64_t pt_now(struct ktimer *k) {
  struct ptimer *t = k->priv;
  return kclock_now(&t->clock);
}

/* The thread whose mask judges the signal: the target thread, else the
 * leader as Linux's PIDTYPE_TGID lookup, else any. */
static struct thread *judge(struct ptimer *t) {
  if (t->spec.notify == PTIMER_SIGNAL_THREAD) {
    struct thread *th = thread_find(t->spec.tid);
    return th && th->proc == t->proc ? th : 0;
  }
  struct thread *l = thread_find(t->proc->pid);
  return l && l->proc == t->proc ? l : t->proc->threads;
}

/* posix_timer_fn: send the signal; a periodic timer whose signal is
 * ignored is moved on at once (nobody will take the signal to do it). */
static void pt_fire(struct ktimer *k, uint64_t now) {
  struct ptimer *t = k->priv;
  t->active = false;
  struct thread *to = judge(t);
  int sig = t->spec.signo;
  if (!to)
    return; /* the thread has gone: Linux finds no task to signal */
  if (signal_is_ignored(t->proc, sig) && !(to->blocked & SIGBIT(sig))) {
    if (t->interval) {
      t->overrun += (int64_t)ktimer_forward(&k->expire, t->interval, now);
      ktimer_arm(k, k->expire);
      t->active = true;
    }
    return;
  }
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = sig;
  si.code = SI_TIMER;
  si.u.timer.tid = t->id;
  si.u.timer.value = t->spec.value_is_id ? (uint64_t)t->id : t->spec.value;
  t->sig_queued = true;
  if (t->spec.notify == PTIMER_SIGNAL_THREAD)
    signal_send(to, &si);
  else
    signal_send_group(t->proc, &si, 0);
}

int ptimer_create(struct proc *p, struct thread *creator,
                  const struct ptimer_spec *spec) {
  unsigned n = 0;
  for (struct ptimer *t = p->ptimers; t; t = t->next)
    n++;
  if (n >= PTIMER_MAX)
    return -EAGAIN;
  struct ptimer *t = kzalloc(sizeof *t);
  if (!t)
    return -EAGAIN; /* Linux: alloc_posix_timer failing */
  /* posix_timer_add: the next id after the last one given, skipping ids
   * in use, wrapping at INT_MAX. */
  int id = p->ptimer_next_id;
  while (find(p, id))
    id = id == INT_MAX_ ? 0 : id + 1;
  p->ptimer_next_id = id == INT_MAX_ ? 0 : id + 1;
  t->id = id;
  t->proc = p;
  t->spec = *spec;
  t->clock = (struct kclock){spec->clockid, p, creator->tid};
  t->k.clock = pt_now;
  t->k.fire = pt_fire;
  t->k.priv = t;
  t->overrun = -1;
  t->next = p->ptimers;
  p->ptimers = t;
  return id;
}

/* common_timer_get */
static void get(struct ptimer *t, uint64_t *value, uint64_t *interval) {
  bool none = t->spec.notify == PTIMER_NONE;
  *value = 0;
  *interval = t->interval;
  if (!t->interval && !t->active && !none)
    return;
  uint64_t now = pt_now(&t->k);
  if ((t->interval && t->sig_queued) || none)
    t->overrun += (int64_t)ktimer_forward(&t->k.expire, t->interval, now);
  if (t->k.expire > now)
    *value = t->k.expire - now;
  else if (!none)
    *value = 1; /* the signal is not taken yet: still running */
}

int ptimer_gettime(struct proc *p, int id, uint64_t *value,
                   uint64_t *interval) {
  struct ptimer *t = find(p, id);
  if (!t)
    return -EINVAL;
  get(t, value, interval);
  return 0;
}

/* common_timer_set */
int ptimer_settime(struct proc *p, int id, bool absolute, uint64_t value,
                   uint64_t interval, uint64_t *old_value,
                   uint64_t *old_interval) {
  struct ptimer *t = find(p, id);
  if (!t)
    return -EINVAL;
  if (old_value) {
    uint64_t ov, oi;
    get(t, &ov, &oi);
    *old_value = ov;
    *old_interval = oi;
  }
  ktimer_cancel(&t->k);
  t->interval = 0;
  t->active = false;
  t->sig_queued = false; /* a queued signal no longer re-arms anything */
  t->overrun_last = 0;
  t->overrun = -1;
  t->k.expire = 0;
  if (!value)
    return 0;
  t->interval = interval;
  uint64_t now = pt_now(&t->k);
  t->k.expire = absolute ? value : ktimer_after(now, value);
  if (t->spec.notify == PTIMER_NONE)
    return 0; /* the expiry is kept for gettime; nothing fires */
  t->active = true;
  ktimer_arm(&t->k, t->k.expire);
  tick_need();
  if (now >= t->k.expire) { /* already past: fires now, as hrtimer_start */
    ktimer_cancel(&t->k);
    pt_fire(&t->k, now);
  }
  return 0;
}

int ptimer_getoverrun(struct proc *p, int id) {
  struct ptimer *t = find(p, id);
  if (!t)
    return -EINVAL;
  return t->overrun_last > INT_MAX_ ? INT_MAX_ : (int)t->overrun_last;
}

static void destroy(struct ptimer *t) {
  ktimer_cancel(&t->k);
  kfree(t);
}

int ptimer_delete(struct proc *p, int id) {
  for (struct ptimer **pp = &p->ptimers; *pp; pp = &(*pp)->next)
    if ((*pp)->id == id) {
      struct ptimer *t = *pp;
      *pp = t->next;
      destroy(t);
      return 0;
    }
  return -EINVAL;
}

void ptimer_delete_all(struct proc *p) {
  while (p->ptimers) {
    struct ptimer *t = p->ptimers;
    p->ptimers = t->next;
    destroy(t);
  }
}

/* posixtimer_rearm: only a periodic timer whose signal this is. */
void ptimer_signal_taken(struct thread *th, struct linux_siginfo *si) {
  if (si->code != SI_TIMER)
    return;
  struct ptimer *t = find(th->proc, si->u.timer.tid);
  if (!t || !t->sig_queued || t->spec.signo != si->signo)
    return;
  t->sig_queued = false;
  if (!t->interval)
    return;
  t->overrun +=
      (int64_t)ktimer_forward(&t->k.expire, t->interval, pt_now(&t->k));
  ktimer_arm(&t->k, t->k.expire);
  t->active = true;
  t->overrun_last = t->overrun;
  t->overrun = -1;
  int64_t sum = t->overrun_last + si->u.timer.overrun;
  si->u.timer.overrun = sum > INT_MAX_ ? INT_MAX_ : (int32_t)sum;
}
