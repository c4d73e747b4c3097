/* Generation and the process-wide side of signal state: a thread's own
 * queue (tkill, faults) and the process's shared queue (kill, SIGCHLD,
 * itimers, SIGPIPE), which thread is woken for a shared signal, and how
 * masks and exits hand it on. Follows kernel/signal.c: prepare_signal,
 * complete_signal, dequeue_signal, recalc/retarget_shared_pending. */
#include <libos/signal.h>

#include <libos/task.h>
#include <uapi/poll.h>

#define STOP_SIGNALS                                                           \
  (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

static linux_sigset_t unblocked(const struct thread *t) {
  return ~(t->blocked & ~SIG_UNBLOCKABLE);
}

void signal_flush_group(struct proc *p, linux_sigset_t which) {
  sigpending_flush(&p->shared_pending, which);
  for (struct thread *o = p->threads; o; o = o->next_in_proc)
    sigpending_flush(&o->pending, which);
}

/* prepare_signal: a stop cancels a pending continue and the other way
 * round, in the shared queue and every thread's. */
static void cancel_stop_cont(struct proc *p, int sig) {
  if (sig == SIGCONT || sig == SIGKILL)
    signal_flush_group(p, STOP_SIGNALS);
  else if (STOP_SIGNALS & SIGBIT(sig))
    signal_flush_group(p, SIGBIT(SIGCONT));
}

/* Ignored signals vanish unless blocked: the handler may change before
 * they are unblocked. */
static bool dropped(const struct thread *t, int sig) {
  return !(t->blocked & SIGBIT(sig)) && signal_is_ignored(t->proc, sig);
}

/* A signal was queued in `p`: its signalfd readers and pollers look
 * again (Linux's signalfd_notify). */
static void notify(struct proc *p) {
  waitq_wake(&p->signalfd_wq, LINUX_POLLIN);
}

int signal_send(struct thread *t, const struct linux_siginfo *info) {
  int sig = info->signo;
  cancel_stop_cont(t->proc, sig);
  if (dropped(t, sig))
    return 0;
  int r = sigpending_add(&t->pending, info) < 0 ? -1 : 0;
  notify(t->proc);
  return r;
}

/* The thread whose tid is the pid, if still alive. */
static struct thread *leader(struct proc *p) {
  for (struct thread *o = p->threads; o; o = o->next_in_proc)
    if (o->tid == p->pid)
      return o;
  return 0;
}

/* wants_signal: may `t` be woken for shared `sig`? Not when it blocks it,
 * its process is stopped (SIGKILL aside), or it already has a signal to
 * handle (it will see the shared one then). */
static bool wants(const struct thread *t, int sig) {
  if (t->state == THREAD_DEAD || (t->blocked & SIGBIT(sig) & ~SIG_UNBLOCKABLE))
    return false;
  if (sig != SIGKILL && t->proc->stopped)
    return false;
  return !signal_interrupts(t);
}

/* complete_signal's choice: `prefer` when it wants the signal, else the
 * first thread in order that does. No thread: the signal waits in the
 * shared queue for one that unblocks it. */
static void choose_thread(struct proc *p, int sig, struct thread *prefer) {
  struct thread *t = prefer && wants(prefer, sig) ? prefer : 0;
  for (struct thread *o = p->threads; o && !t; o = o->next_in_proc)
    if (wants(o, sig))
      t = o;
  if (t)
    t->shared_wake = true;
}

int signal_send_group(struct proc *p, const struct linux_siginfo *info,
                      struct thread *prefer) {
  int sig = info->signo;
  if (!prefer)
    prefer = leader(p);
  cancel_stop_cont(p, sig);
  if (sig == SIGCONT && !p->stopped) {
    /* A stop woke nobody for what arrived meanwhile: choose now (the
     * caller has just resumed the process). */
    for (linux_sigset_t left = p->shared_pending.set; left; left &= left - 1)
      choose_thread(p, __builtin_ctzll(left) + 1, prefer);
  }
  struct thread *judge = prefer ? prefer : p->threads;
  if (!judge || dropped(judge, sig))
    return 0;
  if (sig == SIGKILL) {
    /* Linux's fatal shortcut: every thread gets it and dies. */
    for (struct thread *o = p->threads; o; o = o->next_in_proc)
      sigpending_add(&o->pending, info);
    notify(p);
    return 0;
  }
  if (sigpending_add(&p->shared_pending, info) < 0)
    return -1;
  choose_thread(p, sig, prefer);
  notify(p);
  return 0;
}

linux_sigset_t signal_pending(const struct thread *t) {
  return t->pending.set | t->proc->shared_pending.set;
}

linux_sigset_t signal_deliverable(const struct thread *t) {
  return signal_pending(t) & unblocked(t);
}

bool signal_interrupts(const struct thread *t) {
  if (t->pending.set & unblocked(t))
    return true;
  return t->shared_wake && (t->proc->shared_pending.set & unblocked(t));
}

/* recalc_sigpending for the shared part: `t` stays chosen while the
 * shared queue holds something it does not block. */
static void recalc(struct thread *t) {
  t->shared_wake = (t->proc->shared_pending.set & unblocked(t)) != 0;
}

bool signal_dequeue(struct thread *t, linux_sigset_t allowed,
                    struct linux_siginfo *out) {
  bool got = sigpending_take(&t->pending, allowed, out) ||
             sigpending_take(&t->proc->shared_pending, allowed, out);
  recalc(t);
  return got;
}

/* retarget_shared_pending: the shared signals in `which` that `t` will
 * not take wake other threads that do not block them. */
static void retarget(struct thread *t, linux_sigset_t which) {
  linux_sigset_t left = t->proc->shared_pending.set & which;
  for (struct thread *o = t->proc->threads; o && left; o = o->next_in_proc) {
    if (o == t || o->state == THREAD_DEAD || !(left & unblocked(o)))
      continue;
    left &= ~unblocked(o);
    o->shared_wake = true;
  }
}

void signal_set_blocked(struct thread *t, linux_sigset_t mask) {
  linux_sigset_t newly = mask & ~t->blocked & ~SIG_UNBLOCKABLE;
  t->blocked = mask & ~SIG_UNBLOCKABLE;
  recalc(t);
  if (newly)
    retarget(t, newly);
}

void signal_thread_gone(struct thread *t) {
  t->shared_wake = false;
  retarget(t, unblocked(t));
}
