/* The signal syscalls: dispositions, masks, waiting for signals, the
 * alternate stack, sending, and rt_sigreturn. Checks come in Linux's order
 * (kernel/signal.c) so the first error is the same. */
#include <hal/time.h>
#include <libos/jobctl.h>
#include <libos/kstring.h>
#include <libos/pidfd.h>
#include <libos/proc.h>
#include <libos/ptimer.h>
#include <libos/signal.h>
#include <libos/uaccess.h>
#include <libos/wait.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/sigframe.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/time.h>

static struct mm *umm(void) {
  return current_proc()->mm;
}

static bool valid_sig(int64_t sig) {
  return sig >= 1 && sig <= LINUX_NSIG;
}

SYSCALL_DEFINE(rt_sigaction) {
  int64_t sig = (int32_t)a0;
  if (a3 != LINUX_SIGSET_SIZE)
    return -EINVAL;
  struct linux_sigaction nact, oact;
  if (a1 && copy_from_user(umm(), &nact, a1, sizeof nact))
    return -EFAULT;
  if (!valid_sig(sig) || (a1 && (sig == SIGKILL || sig == SIGSTOP)))
    return -EINVAL;
  struct thread *t = current();
  struct linux_sigaction *cur = &t->proc->action[sig - 1];
  oact = *cur;
  if (a1) {
    nact.flags &= SA_KNOWN_FLAGS;
    nact.mask &= ~SIG_UNBLOCKABLE;
    *cur = nact;
    /* POSIX: setting a disposition that ignores discards what is pending. */
    if (signal_is_ignored(t->proc, (int)sig))
      signal_flush_group(t->proc, SIGBIT(sig));
  }
  if (a2 && copy_to_user(umm(), a2, &oact, sizeof oact))
    return -EFAULT;
  return 0;
}

SYSCALL_DEFINE(rt_sigprocmask) {
  if (a3 != LINUX_SIGSET_SIZE)
    return -EINVAL;
  struct thread *t = current();
  linux_sigset_t old = t->blocked, set;
  if (a1) {
    if (copy_from_user(umm(), &set, a1, sizeof set))
      return -EFAULT;
    switch (a0) {
    case LINUX_SIG_BLOCK:
      set = old | set;
      break;
    case LINUX_SIG_UNBLOCK:
      set = old & ~set;
      break;
    case LINUX_SIG_SETMASK:
      break;
    default:
      return -EINVAL;
    }
    signal_set_blocked(t, set);
  }
  if (a2 && copy_to_user(umm(), a2, &old, sizeof old))
    return -EFAULT;
  return 0;
}

SYSCALL_DEFINE(rt_sigpending) {
  if (a1 > LINUX_SIGSET_SIZE)
    return -EINVAL;
  struct thread *t = current();
  linux_sigset_t set = signal_pending(t) & t->blocked;
  if (copy_to_user(umm(), a0, &set, a1))
    return -EFAULT;
  return 0;
}

/* Wait with a temporary mask until a handler is due. The mask is put back
 * after delivery (the frame saves the old one). */
static long suspend_with(linux_sigset_t mask) {
  struct thread *t = current();
  t->saved_mask = t->blocked;
  t->restore_saved_mask = true;
  signal_set_blocked(t, mask);
  wait_event(0, 0, WAIT_FOREVER);
  return -ERESTARTNOHAND;
}

SYSCALL_DEFINE(rt_sigsuspend) {
  if (a1 != LINUX_SIGSET_SIZE)
    return -EINVAL;
  linux_sigset_t mask;
  if (copy_from_user(umm(), &mask, a0, sizeof mask))
    return -EFAULT;
  return suspend_with(mask);
}

SYSCALL_DEFINE(pause) {
  wait_event(0, 0, WAIT_FOREVER);
  return -ERESTARTNOHAND;
}

/* A user timespec as ns; -EFAULT / -EINVAL as Linux checks it. */
static int64_t timespec_ns(uint64_t uts) {
  struct linux_timespec ts;
  if (copy_from_user(umm(), &ts, uts, sizeof ts))
    return -EFAULT;
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
    return -EINVAL;
  if (ts.sec > (INT64_MAX / 1000000000) - 1)
    return INT64_MAX;
  return ts.sec * 1000000000 + ts.nsec;
}

struct sigwait_arg {
  struct thread *t;
  linux_sigset_t set;
};

static bool sig_arrived(void *p) {
  struct sigwait_arg *w = p;
  return (signal_pending(w->t) & w->set) != 0;
}

SYSCALL_DEFINE(rt_sigtimedwait) {
  if (a3 != LINUX_SIGSET_SIZE)
    return -EINVAL;
  linux_sigset_t set;
  if (copy_from_user(umm(), &set, a0, sizeof set))
    return -EFAULT;
  uint64_t deadline = WAIT_FOREVER;
  if (a2) {
    int64_t ns = timespec_ns(a2);
    if (ns < 0)
      return ns;
    deadline = ns == INT64_MAX ? WAIT_FOREVER : hal_clock_ns() + (uint64_t)ns;
  }
  struct thread *t = current();
  set &= ~SIG_UNBLOCKABLE;
  struct sigwait_arg w = {t, set};
  /* The awaited signals are taken here, never delivered: unblock them only
   * for the wait, as Linux does. Another thread may take a shared signal
   * first: then wait again. */
  linux_sigset_t old = t->blocked;
  struct linux_siginfo si;
  while (!signal_dequeue(t, set, &si)) {
    t->blocked &= ~set;
    enum wait_result res = wait_event(sig_arrived, &w, deadline);
    signal_set_blocked(t, old);
    if (res == WAIT_TIMEOUT)
      return -EAGAIN;
    if (res == WAIT_SIGNAL && !sig_arrived(&w))
      return -EINTR;
  }
  ptimer_signal_taken(t, &si);
  if (a1 && copy_to_user(umm(), a1, &si, sizeof si))
    return -EFAULT;
  return si.signo;
}

SYSCALL_DEFINE(sigaltstack) {
  struct thread *t = current();
  uint64_t sp = hal_regs_sp(t->uregs);
  struct linux_stack *cur = &t->altstack;
  bool on = !(cur->flags & (int32_t)SS_AUTODISARM) && sp > cur->sp &&
            sp - cur->sp <= cur->size;
  struct linux_stack old = {cur->sp, 0, 0, cur->size};
  old.flags = (cur->size == 0 ? SS_DISABLE
               : on           ? SS_ONSTACK
                              : 0) |
              (cur->flags & (int32_t)SS_AUTODISARM);
  if (a0) {
    struct linux_stack ss;
    if (copy_from_user(umm(), &ss, a0, sizeof ss))
      return -EFAULT;
    if (on)
      return -EPERM;
    int32_t mode = ss.flags & ~(int32_t)SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
      return -EINVAL;
    if (mode == SS_DISABLE) {
      ss.sp = 0;
      ss.size = 0;
    } else if (ss.size < arch_min_sigstksz) {
      return -ENOMEM;
    }
    *cur = (struct linux_stack){ss.sp, ss.flags, 0, ss.size};
  }
  if (a1 && copy_to_user(umm(), a1, &old, sizeof old))
    return -EFAULT;
  return 0;
}

SYSCALL_DEFINE(rt_sigreturn) {
  struct thread *t = current();
  struct hal_regs *r = t->uregs;
  linux_sigset_t mask = t->blocked;
  struct linux_stack st;
  int bad = arch_rt_sigreturn(r, &mask, &st);
  signal_set_blocked(t, mask);
  t->in_sigreturn = true;
  if (bad) {
    struct linux_siginfo si;
    memset(&si, 0, sizeof si);
    arch_sigreturn_fault(r, &si);
    signal_force(t, &si);
    return 0;
  }
  /* restore_altstack: errors other than a fault are ignored. */
  uint64_t sp = hal_regs_sp(r);
  struct linux_stack *cur = &t->altstack;
  bool on = !(cur->flags & (int32_t)SS_AUTODISARM) && sp > cur->sp &&
            sp - cur->sp <= cur->size;
  int32_t mode = st.flags & ~(int32_t)SS_AUTODISARM;
  if (!on && (mode == 0 || mode == SS_ONSTACK || mode == SS_DISABLE)) {
    if (mode == SS_DISABLE)
      *cur = (struct linux_stack){0, st.flags, 0, 0};
    else if (st.size >= arch_min_sigstksz)
      *cur = (struct linux_stack){st.sp, st.flags, 0, st.size};
  }
  return (long)arch_syscall_retval(r);
}

/* ---- Sending ---- */

static struct linux_siginfo user_info(int sig, int code) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = sig;
  si.code = code;
  si.u.kill.pid = current_proc()->pid;
  si.u.kill.uid = current_proc()->cred.ruid;
  return si;
}

/* check_kill_permission: a process may signal itself, a process whose
 * real or saved uid is its own real or effective uid, any process with
 * CAP_KILL, and SIGCONT any process of its session. Signal 0 is checked
 * too. */
static bool may_kill(const struct proc *t, int sig) {
  const struct proc *me = current_proc();
  const struct cred *c = &me->cred, *tc = &t->cred;
  if (t == me || c->euid == tc->suid || c->euid == tc->ruid ||
      c->ruid == tc->suid || c->ruid == tc->ruid || cred_capable(c, CAP_KILL))
    return true;
  return sig == SIGCONT && t->sid == me->sid;
}

/* Signal 0 only checks that `p` exists and may be signalled. */
static long send_proc(struct proc *p, const struct linux_siginfo *si) {
  if (!may_kill(p, si->signo))
    return -EPERM;
  if (si->signo == 0)
    return 0;
  return jobctl_send(p, si) < 0 ? -EAGAIN : 0;
}

/* Linux's __kill_pgrp_info: every member, success if any took it. */
static long kill_group(int pgid, const struct linux_siginfo *si) {
  long ret = -ESRCH;
  for (struct proc *p = proc_list(); p; p = p->next) {
    if (p->pgid != pgid)
      continue;
    long r = send_proc(p, si);
    if (ret != 0)
      ret = r;
  }
  return ret;
}

SYSCALL_DEFINE(kill) {
  int64_t pid = (int32_t)a0;
  int64_t sig = (int32_t)a1;
  if (sig < 0 || sig > LINUX_NSIG)
    return -EINVAL;
  struct proc *self = current_proc();
  struct linux_siginfo si = user_info((int)sig, SI_USER);
  if (pid > 0) {
    struct proc *p = proc_find((int)pid);
    return p ? send_proc(p, &si) : -ESRCH;
  }
  if (pid == 0)
    return kill_group(self->pgid, &si);
  if (pid < -1)
    return pid == INT32_MIN ? -ESRCH : kill_group((int)-pid, &si);
  /* -1: everyone but init and ourselves. */
  long ret = 0;
  int count = 0;
  for (struct proc *p = proc_list(); p; p = p->next) {
    if (p->pid <= 1 || p == self)
      continue;
    count++;
    long r = send_proc(p, &si);
    if (r != -EPERM)
      ret = r;
  }
  return count ? ret : -ESRCH;
}

static long send_thread(struct thread *t, int sig) {
  if (!may_kill(t->proc, sig))
    return -EPERM;
  if (sig == 0)
    return 0;
  struct linux_siginfo si = user_info(sig, SI_TKILL);
  return signal_send(t, &si) < 0 ? -EAGAIN : 0;
}

SYSCALL_DEFINE(tkill) {
  int64_t tid = (int32_t)a0;
  int64_t sig = (int32_t)a1;
  if (tid <= 0)
    return -EINVAL;
  if (sig < 0 || sig > LINUX_NSIG)
    return -EINVAL;
  struct thread *t = thread_find((int)tid);
  return t ? send_thread(t, (int)sig) : -ESRCH;
}

SYSCALL_DEFINE(tgkill) {
  int64_t tgid = (int32_t)a0, tid = (int32_t)a1, sig = (int32_t)a2;
  if (tgid <= 0 || tid <= 0)
    return -EINVAL;
  if (sig < 0 || sig > LINUX_NSIG)
    return -EINVAL;
  struct thread *t = thread_find((int)tid);
  if (!t || t->proc->pid != tgid)
    return -ESRCH;
  return send_thread(t, (int)sig);
}

SYSCALL_DEFINE(rt_sigqueueinfo) {
  int64_t pid = (int32_t)a0, sig = (int32_t)a1;
  struct linux_siginfo si;
  if (copy_from_user(umm(), &si, a2, sizeof si))
    return -EFAULT;
  if (sig < 0 || sig > LINUX_NSIG)
    return -EINVAL;
  struct proc *self = current_proc();
  /* Only the kernel may claim kernel or tkill origins for another. */
  if ((si.code >= 0 || si.code == SI_TKILL) && pid != self->pid)
    return -EPERM;
  struct proc *p = proc_find((int)pid);
  if (!p)
    return -ESRCH;
  si.signo = (int)sig;
  return send_proc(p, &si);
}

/* do_rt_tgsigqueueinfo, then do_send_specific: one thread of one
 * process; kernel or tkill origins only towards the calling thread. */
SYSCALL_DEFINE(rt_tgsigqueueinfo) {
  int64_t tgid = (int32_t)a0, tid = (int32_t)a1, sig = (int32_t)a2;
  struct linux_siginfo si;
  if (copy_from_user(umm(), &si, a3, sizeof si))
    return -EFAULT;
  if (tid <= 0 || tgid <= 0)
    return -EINVAL;
  if ((si.code >= 0 || si.code == SI_TKILL) && tid != current()->tid)
    return -EPERM;
  struct thread *t = thread_find((int)tid);
  if (!t || t->proc->pid != tgid)
    return -ESRCH;
  if (sig < 0 || sig > LINUX_NSIG) /* check_kill_permission */
    return -EINVAL;
  if (!may_kill(t->proc, (int)sig))
    return -EPERM;
  if (sig == 0)
    return 0;
  si.signo = (int)sig;
  return signal_send(t, &si) < 0 ? -EAGAIN : 0;
}

/* pidfd_send_signal (kernel/signal.c, 6.18): at most one scope flag;
 * without one the whole process; a siginfo of the caller's own must
 * match the signal and may claim kernel or tkill origins only towards
 * the caller itself. A reaped process is ESRCH. */
#define PIDFD_SIGNAL_THREAD 1
#define PIDFD_SIGNAL_THREAD_GROUP 2
#define PIDFD_SIGNAL_PROCESS_GROUP 4

SYSCALL_DEFINE(pidfd_send_signal) {
  int64_t sig = (int32_t)a1;
  unsigned flags = (unsigned)a3;
  const unsigned all = PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP |
                       PIDFD_SIGNAL_PROCESS_GROUP;
  if ((flags & ~all) || (flags & (flags - 1)))
    return -EINVAL;
  struct file *f = fd_get_pidfd(current_proc()->fds, (int32_t)a0);
  if (!f)
    return -EBADF;
  struct proc *p = pidfd_proc(f);
  struct linux_siginfo si;
  if (a2) {
    if (copy_from_user(umm(), &si, a2, sizeof si))
      return -EFAULT;
    if (si.signo != sig)
      return -EINVAL;
    bool to_self = p && p->pid == current()->tid;
    if ((!to_self || flags == PIDFD_SIGNAL_PROCESS_GROUP) &&
        (si.code >= 0 || si.code == SI_TKILL))
      return -EPERM;
  } else {
    si = user_info((int)sig, flags == PIDFD_SIGNAL_THREAD ? SI_TKILL : SI_USER);
  }
  if (!p)
    return -ESRCH;
  if (sig < 0 || sig > LINUX_NSIG)
    return -EINVAL;
  if (flags == PIDFD_SIGNAL_PROCESS_GROUP)
    return kill_group(p->pid, &si); /* the group p's pid names, as Linux */
  if (flags == PIDFD_SIGNAL_THREAD) {
    struct thread *t = thread_find(p->pid);
    if (t) {
      if (!may_kill(p, (int)sig))
        return -EPERM;
      if (sig == 0)
        return 0;
      return signal_send(t, &si) < 0 ? -EAGAIN : 0;
    }
  }
  return send_proc(p, &si);
}
