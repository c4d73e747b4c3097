/* Per-thread and per-process signal state: initial state, the ignore
 * rule and forced (synchronous) signals. Generation and the shared queue
 * are in signal_shared.c. */
#include <libos/signal.h>

#include <libos/kstring.h>
#include <libos/task.h>
#include <uapi/poll.h>

void signal_init_thread(struct thread *t) {
  t->blocked = 0;
  t->saved_mask = 0;
  t->restore_saved_mask = false;
  t->altstack = (struct linux_stack){0, SS_DISABLE, 0, 0};
  sigpending_init(&t->pending);
  t->shared_wake = false;
}

void signal_init_proc(struct proc *p) {
  memset(p->action, 0, LINUX_NSIG * sizeof p->action[0]);
  sigpending_init(&p->shared_pending);
  p->signalfd_wq = (struct waitq){0, 0};
}

void signal_flush_handlers(struct proc *p) {
  for (int i = 0; i < LINUX_NSIG; i++) {
    struct linux_sigaction *a = &p->action[i];
    if (a->handler != LINUX_SIG_IGN)
      a->handler = LINUX_SIG_DFL;
    a->flags = 0;
    a->restorer = 0;
    a->mask = 0;
  }
}

bool signal_is_ignored(const struct proc *p, int sig) {
  if (!p->action)
    return true; /* reaped: nothing is delivered any more */
  uint64_t h = p->action[sig - 1].handler;
  if (h == LINUX_SIG_IGN)
    return true;
  if (h != LINUX_SIG_DFL)
    return false;
  enum sig_default d = sig_default_action(sig);
  return d == SIGDFL_IGNORE || d == SIGDFL_CONT;
}

void signal_force(struct thread *t, const struct linux_siginfo *info) {
  int sig = info->signo;
  struct linux_sigaction *a = &t->proc->action[sig - 1];
  if ((t->blocked & SIGBIT(sig)) || a->handler == LINUX_SIG_IGN) {
    a->handler = LINUX_SIG_DFL;
    t->blocked &= ~SIGBIT(sig);
  }
  sigpending_add(&t->pending, info);
  waitq_wake(&t->proc->signalfd_wq, LINUX_POLLIN); /* signalfd_notify */
}
