/* Clocks, sleeping, interval timers and process times as syscalls. musl
 * reads the clocks through the vDSO (linux_shim/vdso.c) when it can; these
 * serve raw syscall() callers, clocks the vDSO leaves to the kernel, and
 * the same answers for both. */
#include <abi.h>
#include <hal/time.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/sched.h>
#include <libos/tick.h>
#include <libos/timer.h>
#include <libos/timerfd.h>
#include <libos/uaccess.h>
#include <libos/wait.h>
#include <libos/wallclock.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/realtime_set.h>
#include <linux_shim/syscall.h>
#include <linux_shim/vdso.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <uapi/signal.h>
#include <uapi/time.h>

#define NS 1000000000LL

/* This arch's syscall numbers, for restart_syscall. */
#define SYSCALL(nr, name, nargs, kinds) NR_##name = nr,
enum {
#include LINUX_SYSCALL_LIST
};
#undef SYSCALL

static struct mm *umm(void) {
  return current_proc()->mm;
}

/* The clock's value in ns, or -EINVAL for a clock Linux does not have. */
static int64_t clock_ns(int64_t id) {
  uint64_t now = hal_clock_ns();
  switch (id) {
  case LINUX_CLOCK_REALTIME:
  case LINUX_CLOCK_REALTIME_COARSE:
  case LINUX_CLOCK_REALTIME_ALARM:
  case LINUX_CLOCK_TAI: /* Linux's TAI offset is 0 until someone sets it */
    return (int64_t)(wallclock_base_ns() + now);
  case LINUX_CLOCK_MONOTONIC:
  case LINUX_CLOCK_MONOTONIC_RAW:
  case LINUX_CLOCK_MONOTONIC_COARSE:
  case LINUX_CLOCK_BOOTTIME:
  case LINUX_CLOCK_BOOTTIME_ALARM:
    return (int64_t)now;
  case LINUX_CLOCK_PROCESS_CPUTIME_ID:
    return (int64_t)proc_cpu_ns(current_proc());
  case LINUX_CLOCK_THREAD_CPUTIME_ID:
    return (int64_t)thread_cpu_ns(current());
  default:
    return -EINVAL;
  }
}

static int put_timespec(uint64_t uaddr, int64_t ns) {
  struct linux_timespec ts = {ns / NS, ns % NS};
  return copy_to_user(umm(), uaddr, &ts, sizeof ts) ? -EFAULT : 0;
}

/* A user timespec as ns: -EFAULT, or -EINVAL when out of range. */
static int64_t get_timespec(uint64_t uaddr) {
  struct linux_timespec ts;
  if (copy_from_user(umm(), &ts, uaddr, sizeof ts))
    return -EFAULT;
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= NS)
    return -EINVAL;
  if (ts.sec >= INT64_MAX / NS - 1)
    return INT64_MAX;
  return ts.sec * NS + ts.nsec;
}

SYSCALL_DEFINE(clock_gettime) {
  int64_t ns = clock_ns((int32_t)a0);
  if (ns < 0)
    return ns;
  return put_timespec(a1, ns);
}

SYSCALL_DEFINE(clock_getres) {
  int64_t id = (int32_t)a0;
  if (clock_ns(id) < 0)
    return -EINVAL;
  if (!a1)
    return 0;
  /* High-resolution clocks say 1 ns, the coarse ones a tick (Linux). */
  bool coarse =
      id == LINUX_CLOCK_REALTIME_COARSE || id == LINUX_CLOCK_MONOTONIC_COARSE;
  return put_timespec(a1, coarse ? (int64_t)TICK_NS : 1);
}

SYSCALL_DEFINE(gettimeofday) {
  int64_t ns = clock_ns(LINUX_CLOCK_REALTIME);
  if (a0) {
    struct linux_timeval tv = {ns / NS, (ns % NS) / 1000};
    if (copy_to_user(umm(), a0, &tv, sizeof tv))
      return -EFAULT;
  }
  if (a1) {
    int32_t tz[2] = {0, 0}; /* UTC, no DST */
    if (copy_to_user(umm(), a1, tz, sizeof tz))
      return -EFAULT;
  }
  return 0;
}

/* do_sys_settimeofday64's order: the time's range (EINVAL), then
 * CAP_SYS_TIME (asked even when nothing is set), then the zone's range,
 * then the set, which may not go below the time since boot (EINVAL).
 * The zone is not kept: gettimeofday reports UTC. NULL `ns`: no time. */
static long set_time_of_day(const int64_t *ns, const int32_t *tz) {
  if (ns && *ns < 0)
    return -EINVAL;
  if (!cred_capable(&current_proc()->cred, CAP_SYS_TIME))
    return -EPERM;
  if (tz && (tz[0] < -15 * 60 || tz[0] > 15 * 60))
    return -EINVAL;
  if (!ns)
    return 0;
  return realtime_set((uint64_t)*ns);
}

long realtime_set(uint64_t ns) {
  if (!wallclock_set(ns))
    return -EINVAL;
  vdso_wall_changed();
  timerfd_clock_was_set(); /* Linux's clock_was_set */
  return 0;
}

static bool valid_settod(int64_t sec, int64_t frac, int64_t unit) {
  return sec >= 0 && sec < INT64_MAX / NS - 1 && frac >= 0 && frac < unit;
}

/* clock_settime: only CLOCK_REALTIME has a setter; every other clock is
 * EINVAL before the copy (the host's Linux 6.18 answers so for the CPU
 * clocks too). */
SYSCALL_DEFINE(clock_settime) {
  if ((int32_t)a0 != LINUX_CLOCK_REALTIME)
    return -EINVAL;
  struct linux_timespec ts;
  if (copy_from_user(umm(), &ts, a1, sizeof ts))
    return -EFAULT;
  int64_t ns = ts.sec * NS + ts.nsec;
  if (!valid_settod(ts.sec, ts.nsec, NS))
    ns = -1;
  return set_time_of_day(&ns, 0);
}

SYSCALL_DEFINE(settimeofday) {
  struct linux_timeval tv;
  int32_t tz[2];
  int64_t ns = 0;
  if (a0) {
    if (copy_from_user(umm(), &tv, a0, sizeof tv))
      return -EFAULT;
    ns = valid_settod(tv.sec, tv.usec, 1000000) ? tv.sec * NS + tv.usec * 1000
                                                : -1;
  }
  if (a1 && copy_from_user(umm(), tz, a1, sizeof tz))
    return -EFAULT;
  return set_time_of_day(a0 ? &ns : 0, a1 ? tz : 0);
}

SYSCALL_DEFINE(time) {
  int64_t sec = clock_ns(LINUX_CLOCK_REALTIME) / NS;
  if (a0 && copy_to_user(umm(), a0, &sec, sizeof sec))
    return -EFAULT;
  return sec;
}

long restart_block_set(struct thread *t, long (*fn)(struct thread *)) {
  t->restart_nr = NR_restart_syscall;
  t->restart_fn = fn;
  return -ERESTART_RESTARTBLOCK;
}

static long sleep_until(uint64_t deadline, uint64_t rem, bool absolute);

static long resume_sleep(struct thread *t) {
  return sleep_until(t->restart_deadline, t->restart_rem_uaddr, false);
}

/* Sleep until `deadline` on hal_clock_ns(); on a signal store the time
 * left in `rem` (relative sleeps) and ask for a restart: a handler makes
 * it EINTR, a signal without one resumes through restart_syscall. */
static long sleep_until(uint64_t deadline, uint64_t rem, bool absolute) {
  if (wait_event(0, 0, deadline) != WAIT_SIGNAL)
    return 0;
  if (absolute)
    return -ERESTARTNOHAND;
  uint64_t now = hal_clock_ns();
  if (rem && put_timespec(rem, deadline > now ? (int64_t)(deadline - now) : 0))
    return -EFAULT;
  struct thread *t = current();
  t->restart_deadline = deadline;
  t->restart_rem_uaddr = rem;
  return restart_block_set(t, resume_sleep);
}

static uint64_t deadline_after(int64_t ns) {
  uint64_t now = hal_clock_ns();
  return ns == INT64_MAX || now + (uint64_t)ns < now ? WAIT_FOREVER
                                                     : now + (uint64_t)ns;
}

SYSCALL_DEFINE(nanosleep) {
  int64_t ns = get_timespec(a0);
  if (ns < 0)
    return ns;
  return sleep_until(deadline_after(ns), a1, false);
}

#define TIMER_ABSTIME 1

SYSCALL_DEFINE(clock_nanosleep) {
  int64_t id = (int32_t)a0;
  if (clock_ns(id) < 0)
    return -EINVAL;
  /* Clocks without a sleep method (Linux: kc->nsleep is NULL). */
  if (id == LINUX_CLOCK_THREAD_CPUTIME_ID || id == LINUX_CLOCK_MONOTONIC_RAW ||
      id == LINUX_CLOCK_REALTIME_COARSE || id == LINUX_CLOCK_MONOTONIC_COARSE)
    return -EOPNOTSUPP;
  int64_t ns = get_timespec(a2);
  if (ns < 0)
    return ns;
  if (id == LINUX_CLOCK_PROCESS_CPUTIME_ID) {
    /* The only thread sleeps, so the process clock stands still: Linux
     * sleeps until a signal. */
    wait_event(0, 0, WAIT_FOREVER);
    return -ERESTARTNOHAND;
  }
  bool absolute = a1 & TIMER_ABSTIME;
  uint64_t deadline;
  if (absolute) {
    int64_t now = clock_ns(id);
    deadline = ns <= now ? 0 : deadline_after(ns - now);
  } else {
    deadline = deadline_after(ns);
  }
  return sleep_until(deadline, a3, absolute);
}

SYSCALL_DEFINE(restart_syscall) {
  struct thread *t = current();
  long (*fn)(struct thread *) = t->restart_fn;
  /* Nothing to resume (a forged call): Linux's do_no_restart_syscall. */
  return fn ? fn(t) : -EINTR;
}

/* ---- Interval timers ---- */

struct linux_itimerval {
  struct linux_timeval interval;
  struct linux_timeval value;
};

static void to_tv(struct linux_timeval *tv, uint64_t ns) {
  tv->sec = (int64_t)(ns / NS);
  tv->usec = (int64_t)(ns % NS) / 1000;
}

static int64_t tv_ns(const struct linux_timeval *tv) {
  if (tv->sec < 0 || tv->usec < 0 || tv->usec >= 1000000)
    return -EINVAL;
  return tv->sec * NS + tv->usec * 1000;
}

SYSCALL_DEFINE(getitimer) {
  int64_t which = (int32_t)a0;
  if (which < 0 || which > 2)
    return -EINVAL;
  uint64_t v, i;
  itimer_get(current_proc(), (int)which, &v, &i);
  struct linux_itimerval it;
  to_tv(&it.value, v);
  to_tv(&it.interval, i);
  return copy_to_user(umm(), a1, &it, sizeof it) ? -EFAULT : 0;
}

SYSCALL_DEFINE(setitimer) {
  int64_t which = (int32_t)a0;
  struct linux_itimerval nv = {{0, 0}, {0, 0}};
  if (a1 && copy_from_user(umm(), &nv, a1, sizeof nv))
    return -EFAULT;
  if (which < 0 || which > 2)
    return -EINVAL;
  int64_t v = tv_ns(&nv.value), i = tv_ns(&nv.interval);
  if (v < 0 || i < 0)
    return -EINVAL;
  uint64_t ov, oi;
  itimer_set(current_proc(), (int)which, (uint64_t)v, (uint64_t)i, &ov, &oi);
  if (a2) {
    struct linux_itimerval old;
    to_tv(&old.value, ov);
    to_tv(&old.interval, oi);
    if (copy_to_user(umm(), a2, &old, sizeof old))
      return -EFAULT;
  }
  return 0;
}

SYSCALL_DEFINE(alarm) {
  uint64_t ov;
  itimer_set(current_proc(), ITIMER_REAL_, (uint64_t)(uint32_t)a0 * NS, 0, &ov,
             0);
  struct linux_timeval tv;
  to_tv(&tv, ov);
  /* Linux rounds to the nearest second, and never reports 0 for an alarm
   * that was still pending. */
  if ((!tv.sec && tv.usec) || tv.usec >= 500000)
    tv.sec++;
  return tv.sec;
}

/* ---- Process times ---- */

#define USER_HZ 100
#define CLOCK_T(ns) ((int64_t)((ns) / (NS / USER_HZ)))

SYSCALL_DEFINE(times) {
  struct proc *p = current_proc();
  if (a0) {
    struct linux_tms t = {CLOCK_T(proc_user_ns(p)), CLOCK_T(proc_sys_ns(p)),
                          CLOCK_T(p->child_user_ns), CLOCK_T(p->child_sys_ns)};
    if (copy_to_user(umm(), a0, &t, sizeof t))
      return -EFAULT;
  }
  /* Linux counts from INITIAL_JIFFIES, 300 s before the 32-bit wrap. */
  int64_t base = ((1LL << 32) - 300LL * 1000) / (1000 / USER_HZ);
  return base + CLOCK_T(hal_clock_ns());
}

SYSCALL_DEFINE(getrusage) {
  int64_t who = (int32_t)a0;
  if (who != LINUX_RUSAGE_SELF && who != LINUX_RUSAGE_CHILDREN &&
      who != LINUX_RUSAGE_THREAD)
    return -EINVAL;
  struct linux_rusage ru;
  memset(&ru, 0, sizeof ru);
  struct proc *p = current_proc();
  if (who != LINUX_RUSAGE_CHILDREN) {
    uint64_t u = proc_user_ns(p), s = proc_sys_ns(p);
    to_tv(&ru.utime, u);
    to_tv(&ru.stime, s);
    ru.maxrss = (int64_t)(vm_data_bytes(p->mm) / 1024) + 1;
  } else {
    to_tv(&ru.utime, p->child_user_ns);
    to_tv(&ru.stime, p->child_sys_ns);
  }
  /* RUSAGE_THREAD gets the process's counts: they are kept per process. */
  const struct ru_counts *c =
      who == LINUX_RUSAGE_CHILDREN ? &p->child_counts : &p->counts;
  ru.minflt = (int64_t)c->minflt;
  ru.nvcsw = (int64_t)c->nvcsw;
  ru.nivcsw = (int64_t)c->nivcsw;
  return copy_to_user(umm(), a1, &ru, sizeof ru) ? -EFAULT : 0;
}
