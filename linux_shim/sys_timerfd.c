/* timerfd_create, timerfd_settime, timerfd_gettime (fs/timerfd.c): the
 * checks in Linux's order; the file is libos/timerfd.c. A realtime timer
 * follows clock_settime; TFD_TIMER_CANCEL_ON_SET counts only on an
 * absolute real-time timer (timerfd_setup_cancel's rule). */
#include <libos/fd.h>
#include <libos/proc.h>
#include <libos/timerfd.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <linux_shim/timer_abi.h>
#include <uapi/errno.h>
#include <uapi/io.h>

static bool is_alarm(int id) {
  return id == LINUX_CLOCK_REALTIME_ALARM || id == LINUX_CLOCK_BOOTTIME_ALARM;
}

/* capable(CAP_WAKE_ALARM): root's capabilities follow the effective id. */
static bool can_wake_alarm(void) {
  return current_proc()->cred.euid == 0;
}

SYSCALL_DEFINE(timerfd_create) {
  int id = (int32_t)a0;
  uint32_t flags = (uint32_t)a1;
  if ((flags & ~(uint32_t)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK)) ||
      (id != LINUX_CLOCK_MONOTONIC && id != LINUX_CLOCK_REALTIME &&
       id != LINUX_CLOCK_BOOTTIME && !is_alarm(id)))
    return -EINVAL;
  if (is_alarm(id) && !can_wake_alarm())
    return -EPERM;
  struct file *f;
  int err = timerfd_create(id, flags & LINUX_O_NONBLOCK, &f);
  if (err)
    return err;
  return fs_install_new(f, flags & LINUX_O_CLOEXEC);
}

/* timerfd_fget: EBADF, then EINVAL for another kind of file. */
static long timerfd_of(uint64_t fd, struct file **out) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
  if (!f || f->path_only)
    return -EBADF;
  if (!is_timerfd(f))
    return -EINVAL;
  *out = f;
  return 0;
}

SYSCALL_DEFINE(timerfd_settime) {
  struct mm *mm = current_proc()->mm;
  struct linux_itimerspec its;
  if (copy_from_user(mm, &its, a2, sizeof its))
    return -EFAULT;
  uint64_t value, interval;
  uint32_t flags = (uint32_t)a1;
  if ((flags &
       ~(uint32_t)(LINUX_TFD_TIMER_ABSTIME | LINUX_TFD_TIMER_CANCEL_ON_SET)) ||
      itimerspec_ns(&its, &value, &interval))
    return -EINVAL;
  struct file *f;
  long err = timerfd_of(a0, &f);
  if (err)
    return err;
  if (is_alarm(timerfd_clockid(f)) && !can_wake_alarm())
    return -EPERM;
  int id = timerfd_clockid(f);
  bool abs = flags & LINUX_TFD_TIMER_ABSTIME;
  bool might_cancel =
      abs && (flags & LINUX_TFD_TIMER_CANCEL_ON_SET) &&
      (id == LINUX_CLOCK_REALTIME || id == LINUX_CLOCK_REALTIME_ALARM);
  uint64_t ov, oi;
  timerfd_settime(f, abs, might_cancel, value, interval, &ov, &oi);
  timerfd_note_flags(f, flags);
  if (a3 && itimerspec_put(mm, a3, ov, oi))
    return -EFAULT;
  return 0;
}

SYSCALL_DEFINE(timerfd_gettime) {
  struct file *f;
  long err = timerfd_of(a0, &f);
  if (err)
    return err;
  uint64_t v, i;
  timerfd_gettime(f, &v, &i);
  return itimerspec_put(current_proc()->mm, a1, v, i);
}
