/* Timeouts and masks of the poll family (pollarg.h), after Linux's
 * fs/select.c: poll_select_set_timeout, poll_select_finish,
 * set_user_sigmask. */
#include <linux_shim/pollarg.h>

#include <hal/time.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/task.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <uapi/signal.h>
#include <uapi/time.h>

#define NS 1000000000ULL

_Static_assert(POLL_NO_TIMEOUT == WAIT_FOREVER,
               "a poll deadline is a wait deadline");

int poll_deadline(int64_t sec, int64_t nsec, uint64_t *deadline) {
  if (sec < 0 || nsec < 0 || nsec >= (int64_t)NS)
    return -EINVAL;
  if (sec == 0 && nsec == 0) {
    *deadline = POLL_ZERO;
    return 0;
  }
  uint64_t now = hal_clock_ns();
  /* Linux saturates (timespec64_add_safe); so do we, below "forever". */
  uint64_t room = (POLL_NO_TIMEOUT - 1 - now);
  uint64_t ns = (uint64_t)sec > room / NS ? room : (uint64_t)sec * NS;
  ns = ns + (uint64_t)nsec > room ? room : ns + (uint64_t)nsec;
  *deadline = now + ns;
  return 0;
}

void poll_sigmask_restore_unless(bool interrupted) {
  struct thread *t = current();
  if (!interrupted && t->restore_saved_mask) {
    t->restore_saved_mask = false;
    signal_set_blocked(t, t->saved_mask);
  }
}

long poll_finish(uint64_t deadline, uint64_t uaddr, enum poll_time_kind kind,
                 long ret) {
  poll_sigmask_restore_unless(ret == -ERESTARTNOHAND);
  if (!uaddr || deadline == POLL_ZERO || deadline == POLL_NO_TIMEOUT)
    return ret;
  uint64_t now = hal_clock_ns();
  uint64_t left = deadline > now ? deadline - now : 0;
  size_t missed;
  if (kind == PT_TIMEVAL) {
    struct linux_timeval tv = {(int64_t)(left / NS),
                               (int64_t)(left % NS) / 1000};
    missed = copy_to_user(current_proc()->mm, uaddr, &tv, sizeof tv);
  } else {
    struct linux_timespec ts = {(int64_t)(left / NS), (int64_t)(left % NS)};
    missed = copy_to_user(current_proc()->mm, uaddr, &ts, sizeof ts);
  }
  if (missed && ret == -ERESTARTNOHAND)
    return -EINTR;
  return ret;
}

int poll_sigmask_set(uint64_t umask, uint64_t size) {
  if (!umask)
    return 0;
  if (size != LINUX_SIGSET_SIZE)
    return -EINVAL;
  linux_sigset_t mask;
  if (copy_from_user(current_proc()->mm, &mask, umask, sizeof mask))
    return -EFAULT;
  struct thread *t = current();
  t->saved_mask = t->blocked;
  t->restore_saved_mask = true;
  signal_set_blocked(t, mask);
  return 0;
}
