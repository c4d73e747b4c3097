/* Scheduling calls for one process on one CPU: nice values, policies and
 * affinity are recorded and reported exactly as Linux checks them, though
 * with one runnable thread they change nothing. The process runs as root,
 * so raising priority is allowed (CAP_SYS_NICE). */
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/sched.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <uapi/time.h>

static struct mm *umm(void) {
  return current_proc()->mm;
}

/* Does (which, who) name our process? -EINVAL for a bad `which`. */
static int prio_target(int64_t which, int64_t who) {
  struct proc *p = current_proc();
  switch (which) {
  case LINUX_PRIO_PROCESS:
  case LINUX_PRIO_PGRP: /* our group has us alone, id = our pid */
    return who == 0 || who == p->pid;
  case LINUX_PRIO_USER: /* root's processes: just this one */
    return who == 0;
  default:
    return -EINVAL;
  }
}

SYSCALL_DEFINE(getpriority) {
  int t = prio_target((int32_t)a0, (int32_t)a1);
  if (t < 0)
    return t;
  if (!t)
    return -ESRCH;
  /* The raw call returns 20 - nice so that it is never negative. */
  return 20 - current_proc()->nice;
}

SYSCALL_DEFINE(setpriority) {
  int64_t which = (int32_t)a0, who = (int32_t)a1, nice = (int32_t)a2;
  int t = prio_target(which, who);
  if (t < 0)
    return t;
  if (nice < -20)
    nice = -20;
  if (nice > 19)
    nice = 19;
  if (!t)
    return -ESRCH;
  current_proc()->nice = (int)nice;
  return 0;
}

SYSCALL_DEFINE(sched_yield) {
  sched_yield(); /* every other runnable thread goes first */
  return 0;
}

/* The pid argument of the sched_* calls: 0 or ours. */
static long sched_pid(int64_t pid) {
  if (pid < 0)
    return -EINVAL;
  return pid == 0 || pid == current_proc()->pid ? 0 : -ESRCH;
}

#define CPUMASK_BYTES 8 /* one unsigned long holds every CPU we have */

SYSCALL_DEFINE(sched_getaffinity) {
  int64_t pid = (int32_t)a0;
  uint64_t len = a1;
  if (len * 8 < 1 || (len & (sizeof(long) - 1)))
    return -EINVAL;
  if (pid < 0 || (pid && pid != current_proc()->pid))
    return -ESRCH;
  uint64_t mask = 1; /* CPU 0 */
  size_t n = len < CPUMASK_BYTES ? (size_t)len : CPUMASK_BYTES;
  if (copy_to_user(umm(), a2, &mask, n))
    return -EFAULT;
  return (long)n;
}

SYSCALL_DEFINE(sched_setaffinity) {
  int64_t pid = (int32_t)a0;
  uint64_t mask = 0;
  size_t n = a1 < CPUMASK_BYTES ? (size_t)a1 : CPUMASK_BYTES;
  if (copy_from_user(umm(), &mask, a2, n))
    return -EFAULT;
  if (pid < 0 || (pid && pid != current_proc()->pid))
    return -ESRCH;
  if (!(mask & 1)) /* no CPU we have */
    return -EINVAL;
  return 0;
}

static bool valid_policy(int64_t policy) {
  switch (policy) {
  case LINUX_SCHED_OTHER: case LINUX_SCHED_FIFO: case LINUX_SCHED_RR:
  case LINUX_SCHED_BATCH: case LINUX_SCHED_IDLE:
    return true;
  default:
    return false;
  }
}

static bool rt_policy(int64_t policy) {
  return policy == LINUX_SCHED_FIFO || policy == LINUX_SCHED_RR;
}

SYSCALL_DEFINE(sched_getscheduler) {
  long err = sched_pid((int32_t)a0);
  if (err)
    return err;
  return current_proc()->sched_policy;
}

static long set_sched(int64_t pid, int64_t policy, uint64_t uparam,
                      bool keep_policy) {
  if (!uparam || pid < 0)
    return -EINVAL;
  int32_t prio;
  if (copy_from_user(umm(), &prio, uparam, sizeof prio))
    return -EFAULT;
  long err = sched_pid(pid);
  if (err)
    return err;
  struct proc *p = current_proc();
  int reset = 0;
  if (keep_policy) {
    policy = p->sched_policy & ~LINUX_SCHED_RESET_ON_FORK;
    reset = p->sched_policy & LINUX_SCHED_RESET_ON_FORK;
  } else {
    reset = (int)(policy & LINUX_SCHED_RESET_ON_FORK);
    policy &= ~(int64_t)LINUX_SCHED_RESET_ON_FORK;
    if (!valid_policy(policy))
      return -EINVAL;
  }
  if (prio < 0 || prio > 99 || rt_policy(policy) != (prio != 0))
    return -EINVAL;
  p->sched_policy = (int)policy | reset;
  p->sched_prio = prio;
  return 0;
}

SYSCALL_DEFINE(sched_setscheduler) {
  return set_sched((int32_t)a0, (int32_t)a1, a2, false);
}

SYSCALL_DEFINE(sched_setparam) {
  return set_sched((int32_t)a0, 0, a1, true);
}

SYSCALL_DEFINE(sched_getparam) {
  int64_t pid = (int32_t)a0;
  if (!a1 || pid < 0)
    return -EINVAL;
  long err = sched_pid(pid);
  if (err)
    return err;
  int32_t prio = current_proc()->sched_prio;
  return copy_to_user(umm(), a1, &prio, sizeof prio) ? -EFAULT : 0;
}

SYSCALL_DEFINE(sched_get_priority_max) {
  int64_t policy = (int32_t)a0;
  if (rt_policy(policy))
    return 99;
  return valid_policy(policy) || policy == LINUX_SCHED_DEADLINE ? 0 : -EINVAL;
}

SYSCALL_DEFINE(sched_get_priority_min) {
  int64_t policy = (int32_t)a0;
  if (rt_policy(policy))
    return 1;
  return valid_policy(policy) || policy == LINUX_SCHED_DEADLINE ? 0 : -EINVAL;
}

/* sched_rr_get_interval: SCHED_RR's time slice (RR_TIMESLICE, 100 ms);
 * 0 for SCHED_FIFO, and for the fair policies what an idle run queue
 * gives (Linux's answer for them depends on the load and HZ). */
#define RR_TIMESLICE_NS 100000000ULL

SYSCALL_DEFINE(sched_rr_get_interval) {
  long err = sched_pid((int32_t)a0);
  if (err)
    return err;
  int policy = current_proc()->sched_policy & 0xff; /* not RESET_ON_FORK */
  uint64_t ns = policy == LINUX_SCHED_RR ? RR_TIMESLICE_NS : 0;
  struct linux_timespec ts = {(int64_t)(ns / 1000000000ULL),
                              (int64_t)(ns % 1000000000ULL)};
  return copy_to_user(umm(), a1, &ts, sizeof ts) ? -EFAULT : 0;
}
