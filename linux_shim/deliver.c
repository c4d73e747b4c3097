/* Signal delivery on the way back to user mode (deliver.h): the default
 * actions, the restart rules of signal(7) for an interrupted syscall, and
 * handler frames (the arch builds them: sigframe.h). Linux's
 * get_signal/handle_signal/setup_rt_frame, in that order. */
#include <linux_shim/deliver.h>

#include <libos/jobctl.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/ptimer.h>
#include <libos/signal.h>
#include <libos/trace.h>
#include <libos/wait.h>
#include <libos/wstatus.h>
#include <linux_shim/names.h>
#include <linux_shim/sigframe.h>
#include <uapi/errno.h>

static const char *action_word(enum sig_default d) {
  switch (d) {
  case SIGDFL_CORE: return "core";
  case SIGDFL_STOP: return "stop";
  case SIGDFL_IGNORE:
  case SIGDFL_CONT: return "ignore";
  default: return "terminate";
  }
}

static void trace_delivery(struct thread *t, const struct linux_siginfo *si,
                           const char *action) {
  if (!trace_enabled(TRACE_SIGNAL))
    return;
  int sig = si->signo;
  bool fault = sig_is_synchronous(sig) && si->code > 0;
  trace_signal(t->proc->pid, t->tid, linux_signal_name(sig),
               linux_sicode_name(sig, si->code), si->code, fault, si->u.fault.addr,
               action);
}

/* Apply the restart rules once, for the first handler or for none. */
static void finish_syscall(struct hal_regs *r, long ret, bool handler,
                           const struct linux_sigaction *act) {
  struct thread *t = current();
  switch (-ret) {
  case ERESTARTNOHAND:
  case ERESTART_RESTARTBLOCK:
    if (handler)
      break;
    if (-ret == ERESTART_RESTARTBLOCK) {
      hal_regs_restart_syscall(r);
      arch_set_syscall_nr(r, t->restart_nr);
      return;
    }
    hal_regs_restart_syscall(r);
    return;
  case ERESTARTSYS:
    if (handler && !(act->flags & SA_RESTART))
      break;
    hal_regs_restart_syscall(r);
    return;
  case ERESTARTNOINTR:
    hal_regs_restart_syscall(r);
    return;
  default:
    hal_regs_set_return(r, (uint64_t)ret);
    return;
  }
  hal_regs_set_return(r, (uint64_t)-EINTR);
}

/* The frame could not be written: Linux's force_sigsegv. */
static void frame_failed(struct thread *t, int sig) {
  if (sig == SIGSEGV)
    t->proc->action[SIGSEGV - 1].handler = LINUX_SIG_DFL;
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = SIGSEGV;
  si.code = SI_KERNEL;
  signal_force(t, &si);
}

static bool on_altstack(const struct thread *t, uint64_t sp) {
  const struct linux_stack *s = &t->altstack;
  if (s->flags & (int32_t)SS_AUTODISARM)
    return false;
  return sp > s->sp && sp - s->sp <= s->size;
}

static void run_handler(struct hal_regs *r, struct thread *t,
                        const struct linux_siginfo *si) {
  int sig = si->signo;
  struct linux_sigaction act = t->proc->action[sig - 1];
  struct sigframe_args fa = {.sig = sig, .info = si, .act = &act};
  fa.uc_mask = t->restore_saved_mask ? t->saved_mask : t->blocked;
  fa.uc_stack = t->altstack;
  fa.fault = &t->fault;
  uint64_t sp = hal_regs_sp(r);
  if ((act.flags & SA_ONSTACK) && t->altstack.size && !on_altstack(t, sp)) {
    fa.on_altstack = true;
    fa.altstack_top = t->altstack.sp + t->altstack.size;
  }
  if (arch_setup_rt_frame(r, &fa) != 0) {
    frame_failed(t, sig);
    return;
  }
  if (t->altstack.flags & (int32_t)SS_AUTODISARM)
    t->altstack = (struct linux_stack){0, SS_DISABLE, 0, 0};
  t->restore_saved_mask = false;
  linux_sigset_t m = t->blocked | act.mask;
  if (!(act.flags & SA_NODEFER))
    m |= SIGBIT(sig);
  signal_set_blocked(t, m);
  if (act.flags & SA_RESETHAND)
    t->proc->action[sig - 1].handler = LINUX_SIG_DFL;
}

void signal_deliver(struct hal_regs *r, bool in_syscall, long ret) {
  struct thread *t = current();
  struct proc *p = t->proc;
  bool pending_ret = in_syscall;
  for (;;) {
    /* Another thread ended the group (or execve clears the way). */
    if (p->exiting)
      thread_exit(0);
    if (p->stopped) {
      wait_stopped();
      continue;
    }
    struct linux_siginfo si;
    linux_sigset_t allowed = ~(t->blocked & ~SIG_UNBLOCKABLE);
    if (!signal_dequeue(t, allowed, &si))
      break;
    ptimer_signal_taken(t, &si);
    int sig = si.signo;
    const struct linux_sigaction *act = &p->action[sig - 1];
    if (act->handler == LINUX_SIG_IGN) {
      trace_delivery(t, &si, "ignore");
      continue;
    }
    if (act->handler == LINUX_SIG_DFL || sig == SIGKILL || sig == SIGSTOP) {
      enum sig_default d = sig_default_action(sig);
      trace_delivery(t, &si, action_word(d));
      if (d == SIGDFL_IGNORE || d == SIGDFL_CONT)
        continue;
      if (d == SIGDFL_STOP) {
        jobctl_stop(sig); /* until SIGCONT or SIGKILL */
        continue;
      }
      proc_group_exit(wstatus_signaled(sig, d == SIGDFL_CORE),
                      linux_signal_name(sig));
    }
    trace_delivery(t, &si, "handler");
    if (pending_ret) {
      finish_syscall(r, ret, true, act);
      pending_ret = false;
    }
    run_handler(r, t, &si);
  }
  if (pending_ret)
    finish_syscall(r, ret, false, 0);
  /* No handler ran: sigsuspend's temporary mask ends here. */
  if (t->restore_saved_mask) {
    t->restore_saved_mask = false;
    signal_set_blocked(t, t->saved_mask);
  }
}
