/* timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete (kernel/time/posix-timers.c): the sigevent and clock rules
 * in Linux's order; the timers are libos/ptimer.c. */
#include <libos/proc.h>
#include <libos/ptimer.h>
#include <libos/task.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <linux_shim/timer_abi.h>
#include <uapi/errno.h>

static struct mm *umm(void) {
  return current_proc()->mm;
}

/* clockid_to_kclock: 0 for a clock with timers, -EOPNOTSUPP for one
 * without (the raw and coarse clocks; the alarm clocks, as on a machine
 * whose RTC cannot wake it), -EINVAL for no clock. Other processes' CPU
 * clocks (negative ids) are not provided. */
static int timer_clock_ok(int id) {
  switch (id) {
  case LINUX_CLOCK_REALTIME:
  case LINUX_CLOCK_MONOTONIC:
  case LINUX_CLOCK_PROCESS_CPUTIME_ID:
  case LINUX_CLOCK_THREAD_CPUTIME_ID:
  case LINUX_CLOCK_BOOTTIME:
  case LINUX_CLOCK_TAI:
    return 0;
  case LINUX_CLOCK_MONOTONIC_RAW:
  case LINUX_CLOCK_REALTIME_COARSE:
  case LINUX_CLOCK_MONOTONIC_COARSE:
  case LINUX_CLOCK_REALTIME_ALARM:
  case LINUX_CLOCK_BOOTTIME_ALARM:
    return -EOPNOTSUPP;
  default:
    return -EINVAL;
  }
}

/* good_sigevent: the notification a sigevent asks for, or -EINVAL. */
static int sigevent_spec(const struct linux_sigevent *ev,
                         struct ptimer_spec *spec) {
  struct proc *p = current_proc();
  switch (ev->notify) {
  case LINUX_SIGEV_SIGNAL | LINUX_SIGEV_THREAD_ID: {
    struct thread *t = thread_find(ev->u.tid);
    if (!t || t->proc != p)
      return -EINVAL;
    spec->notify = PTIMER_SIGNAL_THREAD;
    spec->tid = ev->u.tid;
    break;
  }
  case LINUX_SIGEV_SIGNAL:
  case LINUX_SIGEV_THREAD: /* the kernel's part of it is a signal */
    spec->notify = PTIMER_SIGNAL_PROC;
    break;
  case LINUX_SIGEV_NONE:
    spec->notify = PTIMER_NONE;
    break;
  default:
    return -EINVAL;
  }
  if (spec->notify != PTIMER_NONE && (ev->signo <= 0 || ev->signo > LINUX_NSIG))
    return -EINVAL;
  spec->signo = ev->signo;
  spec->value = ev->value;
  spec->value_is_id = false;
  return 0;
}

SYSCALL_DEFINE(timer_create) {
  struct linux_sigevent ev;
  if (a1 && copy_from_user(umm(), &ev, a1, sizeof ev))
    return -EFAULT;
  int clockid = (int32_t)a0;
  int err = timer_clock_ok(clockid);
  if (err)
    return err;
  /* No sigevent: SIGALRM to the process, si_value the timer's id. */
  struct ptimer_spec spec = {clockid, PTIMER_SIGNAL_PROC, SIGALRM, 0, 0, true};
  if (a1 && (err = sigevent_spec(&ev, &spec)) != 0)
    return err;
  struct proc *p = current_proc();
  int id = ptimer_create(p, current(), &spec);
  if (id < 0)
    return id;
  int32_t uid = id;
  if (copy_to_user(umm(), a2, &uid, sizeof uid)) {
    ptimer_delete(p, id); /* the id stays used up, as Linux's */
    return -EFAULT;
  }
  return 0;
}

SYSCALL_DEFINE(timer_settime) {
  if (!a2)
    return -EINVAL;
  struct linux_itimerspec its;
  if (copy_from_user(umm(), &its, a2, sizeof its))
    return -EFAULT;
  uint64_t value, interval;
  if (itimerspec_ns(&its, &value, &interval))
    return -EINVAL;
  uint64_t ov = 0, oi = 0;
  int err =
      ptimer_settime(current_proc(), (int32_t)a0, a1 & LINUX_TIMER_ABSTIME,
                     value, interval, a3 ? &ov : 0, &oi);
  if (err)
    return err;
  if (a3 && itimerspec_put(umm(), a3, ov, oi))
    return -EFAULT;
  return 0;
}

SYSCALL_DEFINE(timer_gettime) {
  uint64_t v, i;
  int err = ptimer_gettime(current_proc(), (int32_t)a0, &v, &i);
  if (err)
    return err;
  return itimerspec_put(umm(), a1, v, i);
}

SYSCALL_DEFINE(timer_getoverrun) {
  return ptimer_getoverrun(current_proc(), (int32_t)a0);
}

SYSCALL_DEFINE(timer_delete) {
  return ptimer_delete(current_proc(), (int32_t)a0);
}
