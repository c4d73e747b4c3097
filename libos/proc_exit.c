/* How processes and threads end and what the parent is told (SIGCHLD,
 * zombies, reparenting to a subreaper or pid 1, the children's pdeath
 * signal). The machine powers off when pid 1 ends.
 * Stop and continue are libos/jobctl.c's. */
#include <libos/proc.h>

#include <hal/hal.h>
#include <libos/fd.h>
#include <libos/fsctx.h>
#include <libos/futex.h>
#include <libos/jobctl.h>
#include <libos/kstring.h>
#include <libos/panic.h>
#include <libos/pidfd.h>
#include <libos/ptimer.h>
#include <libos/sched.h>
#include <libos/sighand.h>
#include <libos/signal.h>
#include <libos/signalfd.h>
#include <libos/trace.h>
#include <libos/uaccess.h>
#include <libos/uts.h>
#include <libos/vfs.h>
#include <libos/wait.h>
#include <libos/wstatus.h>

/* Linux's do_notify_parent: the exit signal goes to the parent; with
 * SIGCHLD ignored (SIG_IGN) or SA_NOCLDWAIT, nobody waits for the zombie.
 * Returns true when the zombie reaps itself. */
static bool notify_parent_exit(struct proc *p) {
  struct proc *parent = p->parent;
  int sig = p->exit_signal;
  if (!parent)
    return true;
  bool autoreap = false;
  const struct linux_sigaction *a = &parent->action[SIGCHLD - 1];
  if (sig == SIGCHLD &&
      (a->handler == LINUX_SIG_IGN || (a->flags & SA_NOCLDWAIT))) {
    autoreap = true;
    if (a->handler == LINUX_SIG_IGN)
      sig = 0;
  }
  if (sig > 0 && sig <= LINUX_NSIG) {
    struct linux_siginfo si = jobctl_chld_info(p, wstatus_cld_code(p->wstatus),
                                               wstatus_cld_status(p->wstatus));
    si.signo = sig;
    jobctl_send(parent, &si);
  }
  return autoreap;
}

static struct proc *init_proc(void) {
  return proc_find(1);
}

void proc_vfork_release(struct proc *p) {
  if (p->vfork_parent) {
    p->vfork_parent->vfork_wait = false;
    p->vfork_parent = 0;
  }
}

/* Linux's find_new_reaper: the nearest living ancestor that is a child
 * subreaper (PR_SET_CHILD_SUBREAPER), else init. */
static struct proc *new_reaper(struct proc *p) {
  if (p->has_child_subreaper)
    for (struct proc *a = p->parent; a && a->pid != 1; a = a->parent)
      if (a->child_subreaper && a->state == PROC_ALIVE && !a->exiting)
        return a;
  return init_proc();
}

/* PR_SET_PDEATHSIG: the child hears of its parent's end as a signal sent
 * by the parent (SI_USER), as reparent_leader sends it. */
static void send_pdeath(struct proc *child, const struct proc *parent) {
  if (!child->pdeath_signal || child->state != PROC_ALIVE)
    return;
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = child->pdeath_signal;
  si.code = SI_USER;
  si.u.kill.pid = parent->pid;
  si.u.kill.uid = parent->cred.ruid;
  jobctl_send(child, &si);
}

/* Nobody will wait for `p` any more: its dispositions go (release_task's
 * __cleanup_sighand; a zombie keeps them for /proc). */
static void mark_reaped(struct proc *p) {
  p->reaped = true;
  sighand_drop(p);
}

/* The last thread is gone: close files, hand children to a reaper, become
 * a zombie and tell the parent. */
static void proc_finish(struct proc *p) {
  if (p->fds) {
    fdtable_destroy(p->fds);
    p->fds = 0;
  }
  fsctx_put(p->fs);
  p->fs = 0;
  uts_put(p->uts);
  p->uts = 0;
  memset(p->itimer, 0, sizeof p->itimer);
  ptimer_delete_all(p);
  signalfd_proc_gone(p);
  /* The wait status is final: what wait4 will reap is what the record says. */
  int w = p->wstatus;
  bool signaled = (w & 0x7f) != 0;
  trace_exit(p->pid, signaled ? 0 : (w >> 8) & 0xff,
             signaled ? p->death_signame : 0, signaled && (w & 0x80));
  if (p->pid == 1) {
    /* init's namespace ends: the machine powers off, as Linux does when
     * init exits (everything else dies with it). */
    hal_poweroff((uint8_t)(signaled ? 128 + (w & 0x7f) : (w >> 8) & 0xff));
  }
  proc_vfork_release(p);
  p->state = PROC_ZOMBIE;
  struct proc *reaper = new_reaper(p);
  for (struct proc *c = proc_list(); c; c = c->next) {
    if (c->parent != p)
      continue;
    c->parent = reaper;
    send_pdeath(c, p);
    if (c->state == PROC_ZOMBIE && !c->reaped && notify_parent_exit(c))
      mark_reaped(c);
  }
  if (notify_parent_exit(p))
    mark_reaped(p);
  pidfd_notify(); /* Linux's do_notify_pidfd, with the parent's signal */
}

static void unlink_thread(struct thread *t) {
  struct proc *p = t->proc;
  for (struct thread **pp = &p->threads; *pp; pp = &(*pp)->next_in_proc)
    if (*pp == t) {
      *pp = t->next_in_proc;
      p->nthreads--;
      return;
    }
}

void (*thread_exit_release)(struct thread *t, struct mm *mm);

void thread_exit(int wstatus) {
  struct thread *t = current();
  struct proc *p = t->proc;
  /* The ABI's user-memory cleanup first (robust futexes), as Linux's
   * mm_release does before clearing the TID word. */
  if (thread_exit_release && (p->mm_live || p->mm != &p->own_mm))
    thread_exit_release(t, p->mm);
  /* CLONE_CHILD_CLEARTID: zero the word and wake one joiner, as Linux's
   * mm_release (a fault is ignored). */
  if (t->clear_child_tid && (p->mm_live || p->mm != &p->own_mm)) {
    uint32_t zero = 0;
    struct futex_key k;
    if (!copy_to_user(p->mm, t->clear_child_tid, &zero, sizeof zero) &&
        futex_key_user(p->mm, t->clear_child_tid, false, &k) == 0)
      futex_wake(&k, 1, FUTEX_BITSET_ANY);
  }
  /* A vfork child whose parent thread dies must not touch it later. */
  for (struct proc *q = proc_list(); q; q = q->next)
    if (q->vfork_parent == t)
      q->vfork_parent = 0;
  if (!p->exiting)
    signal_thread_gone(t);
  unlink_thread(t);
  t->state = THREAD_DEAD;
  if (p->nthreads == 0) {
    if (!p->exiting)
      p->wstatus = wstatus;
    proc_finish(p);
  }
  schedule();
  kpanic("a dead thread ran again");
}

static void kill_thread(struct thread *o) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = SIGKILL;
  si.code = SI_KERNEL;
  sigpending_add(&o->pending, &si);
}

void proc_group_exit(int wstatus, const char *signame) {
  struct thread *t = current();
  struct proc *p = t->proc;
  if (!p->exiting) {
    p->exiting = true;
    p->wstatus = wstatus;
    p->death_signame = signame;
    for (struct thread *o = p->threads; o; o = o->next_in_proc)
      if (o != t)
        kill_thread(o);
  }
  thread_exit(wstatus);
}

static bool alone(void *arg) {
  return ((struct proc *)arg)->nthreads == 1;
}

void proc_kill_other_threads(void) {
  struct thread *t = current();
  struct proc *p = t->proc;
  if (p->nthreads == 1)
    return;
  /* Like a group exit whose survivor is the caller (Linux's de_thread). */
  p->exiting = true;
  for (struct thread *o = p->threads; o; o = o->next_in_proc)
    if (o != t)
      kill_thread(o);
  while (!alone(p)) {
    t->wcond = alone;
    t->warg = p;
    t->wdeadline = UINT64_MAX;
    t->wsignals = false;
    t->state = THREAD_WAITING;
    schedule();
    t->state = THREAD_RUNNABLE;
  }
  p->exiting = false;
  /* The caller becomes the leader: its tid is the pid from now on. */
  t->tid = p->pid;
}

void proc_reap(struct proc *p) {
  /* wait_task_zombie: the reaper adds the child's times and those of the
   * children the child waited for (times' cutime, RUSAGE_CHILDREN). */
  if (p->parent) {
    p->parent->child_user_ns += proc_user_ns(p) + p->child_user_ns;
    p->parent->child_sys_ns += proc_sys_ns(p) + p->child_sys_ns;
    struct ru_counts *pc = &p->parent->child_counts;
    pc->minflt += p->counts.minflt + p->child_counts.minflt;
    pc->nvcsw += p->counts.nvcsw + p->child_counts.nvcsw;
    pc->nivcsw += p->counts.nivcsw + p->child_counts.nivcsw;
  }
  mark_reaped(p);
  pidfd_notify(); /* its pidfds now say POLLHUP too */
  sched_collect_dead();
}
