/* Conversions of the timer ABI (timer_abi.h). */
#include <linux_shim/timer_abi.h>

#include <libos/kstring.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>

#define NS 1000000000ULL
#define KTIME_SEC_MAX (UINT64_MAX / NS / 2) /* ktime_t is signed */

static int ts_ns(const struct linux_timespec *ts, uint64_t *out) {
  if (ts->sec < 0 || ts->nsec < 0 || ts->nsec >= (int64_t)NS)
    return -EINVAL;
  *out = (uint64_t)ts->sec >= KTIME_SEC_MAX
             ? UINT64_MAX / 2
             : (uint64_t)ts->sec * NS + (uint64_t)ts->nsec;
  return 0;
}

int itimerspec_ns(const struct linux_itimerspec *its, uint64_t *value,
                  uint64_t *interval) {
  if (ts_ns(&its->value, value) || ts_ns(&its->interval, interval))
    return -EINVAL;
  return 0;
}

int itimerspec_put(struct mm *mm, uint64_t uaddr, uint64_t value,
                   uint64_t interval) {
  struct linux_itimerspec its = {
      {(int64_t)(interval / NS), (int64_t)(interval % NS)},
      {(int64_t)(value / NS), (int64_t)(value % NS)}};
  return copy_to_user(mm, uaddr, &its, sizeof its) ? -EFAULT : 0;
}

/* kernel/signal.c's siginfo_layout, for the layouts signalfd copies. */
enum layout {
  SIL_KILL,
  SIL_TIMER,
  SIL_POLL,
  SIL_FAULT,
  SIL_CHLD,
  SIL_RT,
  SIL_SYS
};

/* The signals whose positive si_codes name their own layout, and how many
 * codes each has (Linux's sig_specific_sicodes: NSIGILL, NSIGFPE...). */
static const struct {
  int sig;
  int limit;
  enum layout layout;
} specific[] = {
    {SIGILL, 11, SIL_FAULT}, {SIGFPE, 15, SIL_FAULT}, {SIGSEGV, 10, SIL_FAULT},
    {SIGBUS, 5, SIL_FAULT},  {SIGTRAP, 6, SIL_FAULT}, {SIGCHLD, 6, SIL_CHLD},
    {SIGIO, 6, SIL_POLL},    {SIGSYS, 2, SIL_SYS},
};
#define NSIGPOLL 6

static enum layout layout_of(int sig, int code) {
  if (code > SI_USER && code < SI_KERNEL) {
    for (unsigned i = 0; i < sizeof specific / sizeof specific[0]; i++)
      if (specific[i].sig == sig && code <= specific[i].limit)
        return specific[i].layout;
    return code <= NSIGPOLL ? SIL_POLL : SIL_KILL;
  }
  if (code == SI_TIMER)
    return SIL_TIMER;
  if (code == SI_SIGIO)
    return SIL_POLL;
  return code < 0 ? SIL_RT : SIL_KILL;
}

void signalfd_siginfo_fill(const struct linux_siginfo *si, void *out) {
  struct linux_signalfd_siginfo r;
  memset(&r, 0, sizeof r);
  r.signo = (uint32_t)si->signo;
  r.errno_ = si->errno_;
  r.code = si->code;
  switch (layout_of(si->signo, si->code)) {
  case SIL_RT: /* sigqueue's and tkill's: a sender and a value */
    r.ptr = si->u.kill.value;
    r.int_ = (int32_t)si->u.kill.value;
    /* fall through */
  case SIL_KILL:
    r.pid = (uint32_t)si->u.kill.pid;
    r.uid = si->u.kill.uid;
    break;
  case SIL_TIMER:
    r.tid = (uint32_t)si->u.timer.tid;
    r.overrun = (uint32_t)si->u.timer.overrun;
    r.ptr = si->u.timer.value;
    r.int_ = (int32_t)si->u.timer.value;
    break;
  case SIL_POLL: /* si_band (a long), then si_fd */
    memcpy(&r.band, si->u.raw, sizeof r.band);
    memcpy(&r.fd, si->u.raw + 8, sizeof r.fd);
    break;
  case SIL_FAULT:
    r.addr = si->u.fault.addr;
    break;
  case SIL_CHLD:
    r.pid = (uint32_t)si->u.chld.pid;
    r.uid = si->u.chld.uid;
    r.status = si->u.chld.status;
    r.utime = (uint64_t)si->u.chld.utime;
    r.stime = (uint64_t)si->u.chld.stime;
    break;
  case SIL_SYS: /* si_call_addr, si_syscall, si_arch */
    memcpy(&r.call_addr, si->u.raw, sizeof r.call_addr);
    memcpy(&r.syscall, si->u.raw + 8, sizeof r.syscall);
    memcpy(&r.arch, si->u.raw + 12, sizeof r.arch);
    break;
  }
  memcpy(out, &r, sizeof r);
}
