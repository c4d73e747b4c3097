/* poll/ppoll on the descriptor table, enough for pipes and the standard
 * files (and for musl's pause(), which is ppoll with no fds on arm64).
 * Neither call is restarted after a handler (signal(7)): both return
 * ERESTARTNOHAND, which is EINTR then and a restart when no handler ran
 * (Linux's poll uses a restart block to keep the deadline; we restart
 * with the original timeout). */
#include <hal/time.h>
#include <libos/fd.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/uaccess.h>
#include <libos/wait.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/time.h>

struct linux_pollfd {
  int32_t fd;
  int16_t events;
  int16_t revents;
};

#define POLLIN 0x1
#define POLLOUT 0x4
#define POLLNVAL 0x20
#define POLL_MAX 64 /* contracts poll a handful of fds */

struct poll_set {
  struct fdtable *table; /* the poller's (cond runs on any thread) */
  struct linux_pollfd fds[POLL_MAX];
  unsigned n;
  int ready;
};

static int poll_scan(struct poll_set *s) {
  struct fdtable *t = s->table;
  int ready = 0;
  for (unsigned i = 0; i < s->n; i++) {
    struct linux_pollfd *p = &s->fds[i];
    p->revents = 0;
    if (p->fd < 0)
      continue;
    struct file *f = fd_get(t, p->fd);
    if (!f) {
      p->revents = POLLNVAL;
    } else {
      if ((p->events & POLLIN) && f->ops->read && f->ops->ready(f, false, 1))
        p->revents |= POLLIN;
      if ((p->events & POLLOUT) && f->ops->write && f->ops->ready(f, true, 1))
        p->revents |= POLLOUT;
    }
    if (p->revents)
      ready++;
  }
  return ready;
}

static bool poll_ready(void *arg) {
  struct poll_set *s = arg;
  s->ready = poll_scan(s);
  return s->ready > 0;
}


/* Poll until `deadline` (0: just look). Returns the ready count or
 * `intr` when a signal came first. */
static long do_poll(uint64_t ufds, uint64_t nfds, uint64_t deadline,
                    long intr) {
  struct mm *mm = current_proc()->mm;
  if (nfds > current_proc()->rlim[LINUX_RLIMIT_NOFILE].cur)
    return -EINVAL;
  if (nfds > POLL_MAX)
    return -ENOMEM;
  struct poll_set pset; /* on this thread's kernel stack (520 bytes) */
  pset.table = current_proc()->fds;
  pset.n = (unsigned)nfds;
  if (copy_from_user(mm, pset.fds, ufds, nfds * sizeof pset.fds[0]))
    return -EFAULT;
  enum wait_result res = WAIT_DONE;
  if (!poll_ready(&pset) && deadline != 0)
    res = wait_event(poll_ready, &pset, deadline);
  if (res == WAIT_SIGNAL)
    return intr;
  if (copy_to_user(mm, ufds, pset.fds, nfds * sizeof pset.fds[0]))
    return -EFAULT;
  return pset.ready;
}

SYSCALL_DEFINE(poll) {
  int64_t ms = (int32_t)a2;
  uint64_t deadline = ms < 0 ? WAIT_FOREVER
                             : hal_clock_ns() + (uint64_t)ms * 1000000;
  if (ms == 0)
    deadline = 0;
  return do_poll(a0, a1, deadline, -ERESTARTNOHAND);
}

SYSCALL_DEFINE(ppoll) {
  struct mm *mm = current_proc()->mm;
  uint64_t deadline = WAIT_FOREVER;
  if (a2) {
    struct linux_timespec ts;
    if (copy_from_user(mm, &ts, a2, sizeof ts))
      return -EFAULT;
    if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
      return -EINVAL;
    uint64_t ns = (uint64_t)ts.sec * 1000000000 + (uint64_t)ts.nsec;
    deadline = ns == 0 ? 0 : hal_clock_ns() + ns;
  }
  struct thread *t = current();
  if (a3) {
    if (a4 != LINUX_SIGSET_SIZE)
      return -EINVAL;
    linux_sigset_t mask;
    if (copy_from_user(mm, &mask, a3, sizeof mask))
      return -EFAULT;
    /* Like sigsuspend: the old mask returns after delivery. */
    t->saved_mask = t->blocked;
    t->restore_saved_mask = true;
    signal_set_blocked(t, mask);
  }
  return do_poll(a0, a1, deadline, -ERESTARTNOHAND);
}
