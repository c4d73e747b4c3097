/* Process and thread creation (proc.h). Exits are in proc_exit.c;
 * lookup and freeing in task.c. */
#include <libos/proc.h>

#include <hal/time.h>
#include <libos/fd.h>
#include <libos/fsctx.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/sched.h>
#include <libos/sighand.h>
#include <libos/signal.h>
#include <libos/stdio.h>
#include <libos/uts.h>
#include <libos/vfs.h>

static struct thread *thread_alloc(struct proc *p) {
  struct thread *t = kzalloc(sizeof *t);
  if (!t)
    return 0;
  t->fpu = kzalloc(hal_fpu_state_size());
  uint64_t pa = pmm_alloc_pages(KSTACK_PAGES);
  if (!pa || !t->fpu) {
    task_free_thread(t);
    return 0;
  }
  t->kstack_pa = pa;
  t->kstack_top = (char *)hal_phys_to_virt(pa) + KSTACK_PAGES * HAL_PAGE_SIZE;
  t->uregs = (struct hal_regs *)t->kstack_top - 1;
  t->proc = p;
  signal_init_thread(t);
  return t;
}

/* Append `t` to its process's threads. */
static void thread_link(struct thread *t) {
  struct proc *p = t->proc;
  struct thread **pp = &p->threads;
  while (*pp)
    pp = &(*pp)->next_in_proc;
  *pp = t;
  t->next_in_proc = 0;
  p->nthreads++;
}

/* Linux's defaults for a process started by init on a stock system. */
static void init_limits(struct proc *p) {
  for (int i = 0; i < LINUX_RLIM_NLIMITS; i++)
    p->rlim[i] =
        (struct linux_rlimit){LINUX_RLIM_INFINITY, LINUX_RLIM_INFINITY};
  p->rlim[LINUX_RLIMIT_STACK] =
      (struct linux_rlimit){8UL << 20, LINUX_RLIM_INFINITY};
  p->rlim[LINUX_RLIMIT_CORE].cur = 0;
  p->rlim[LINUX_RLIMIT_NOFILE] = (struct linux_rlimit){1024, 4096};
  p->rlim[LINUX_RLIMIT_MEMLOCK] = (struct linux_rlimit){8UL << 20, 8UL << 20};
  p->rlim[LINUX_RLIMIT_NPROC] = (struct linux_rlimit){63422, 63422};
  p->rlim[LINUX_RLIMIT_SIGPENDING] = (struct linux_rlimit){63422, 63422};
  p->rlim[LINUX_RLIMIT_MSGQUEUE] = (struct linux_rlimit){819200, 819200};
  p->rlim[LINUX_RLIMIT_NICE] = (struct linux_rlimit){0, 0};
  p->rlim[LINUX_RLIMIT_RTPRIO] = (struct linux_rlimit){0, 0};
}

struct proc *proc_create_first(const char *name) {
  struct proc *p = kzalloc(sizeof *p);
  if (!p)
    return 0;
  p->pid = p->pgid = p->sid = task_new_id();
  size_t n = strnlen(name, sizeof p->name - 1);
  memcpy(p->name, name, n);
  p->mm = &p->own_mm;
  if (mm_init(p->mm) != 0) {
    kfree(p);
    return 0;
  }
  p->mm_live = true;
  p->fds = fdtable_create();
  if (p->fds && stdio_install(p->fds) != 0) {
    fdtable_destroy(p->fds);
    p->fds = 0;
  }
  /* The program starts in /tmp, as under the harness on Linux. */
  if (p->fds)
    p->fs = fsctx_new(inode_get(vfs_root()), vfs_tmp_dir(), 022);
  struct thread *t = p->fs && sighand_give(p, 0) == 0 ? thread_alloc(p) : 0;
  if (!t) {
    kfree(p->fds);
    fsctx_put(p->fs);
    sighand_drop(p);
    mm_destroy(p->mm);
    kfree(p);
    return 0;
  }
  t->tid = p->pid;
  thread_link(t);
  p->main = t;
  proc_set_comm(t, name);
  p->uts = uts_initial();
  p->dumpable = 1;
  signal_init_proc(p);
  init_limits(p);
  p->exit_signal = SIGCHLD;
  p->start_ns = hal_clock_ns();
  task_add_proc(p);
  sched_add(t);
  sched_set_running(t);
  hal_aspace_activate(p->mm->as);
  return p;
}

/* The new thread continues `from`'s user context: same frame, its thread
 * pointer and FP registers as they are now (from is running). */
static void copy_context(struct thread *t, struct thread *from) {
  *t->uregs = *from->uregs;
  t->tls = hal_get_tls();
  hal_fpu_save(t->fpu);
  t->blocked = from->blocked;
  t->fault = from->fault; /* Linux copies thread_struct whole */
}

struct proc *proc_fork(struct thread *pt, int exit_signal, bool share_vm) {
  struct proc *pp = pt->proc;
  struct proc *c = kzalloc(sizeof *c);
  if (!c)
    return 0;
  if (share_vm) {
    c->mm = pp->mm; /* vfork: until exec or exit */
  } else {
    c->mm = &c->own_mm;
    if (mm_fork(c->mm, pp->mm) != 0) {
      kfree(c);
      return 0;
    }
    c->mm_live = true;
  }
  c->fds = fdtable_clone(pp->fds);
  c->fs = c->fds ? fsctx_copy(pp->fs) : 0;
  struct thread *t = c->fs && sighand_give(c, pp) == 0 ? thread_alloc(c) : 0;
  if (!t) {
    fsctx_put(c->fs);
    sighand_drop(c);
    if (c->fds)
      fdtable_destroy(c->fds);
    if (c->mm_live)
      mm_destroy(c->mm);
    kfree(c);
    return 0;
  }
  c->pid = t->tid = task_new_id();
  c->pgid = pp->pgid;
  c->sid = pp->sid;
  c->parent = pp;
  memcpy(c->exe_path, pp->exe_path, sizeof c->exe_path);
  c->oom_score_adj = pp->oom_score_adj;
  memcpy(c->rlim, pp->rlim, sizeof c->rlim);
  c->cred = pp->cred;
  c->uts = uts_get(pp->uts);
  /* The pdeath signal is not inherited; the rest of prctl's state is. */
  c->has_child_subreaper = pp->has_child_subreaper || pp->child_subreaper;
  c->no_new_privs = pp->no_new_privs;
  c->dumpable = pp->dumpable;
  c->personality = pp->personality;
  thread_set_comm(t, pt->comm, sizeof pt->comm); /* the forking thread's */
  c->nice = pp->nice;
  c->sched_policy = pp->sched_policy;
  c->sched_prio = pp->sched_prio;
  c->exit_signal = exit_signal;
  c->start_ns = hal_clock_ns();
  copy_context(t, pt);
  t->altstack = pt->altstack; /* fork keeps the alternate stack */
  if (!share_vm) { /* the copy of the area stays registered (rseq_fork) */
    t->rseq = pt->rseq;
    t->rseq_len = pt->rseq_len;
    t->rseq_sig = pt->rseq_sig;
  }
  thread_link(t);
  c->main = t;
  task_add_proc(c);
  return c;
}

void thread_set_comm(struct thread *t, const char *name, size_t n) {
  n = strnlen(name, n < sizeof t->comm - 1 ? n : sizeof t->comm - 1);
  memset(t->comm, 0, sizeof t->comm);
  memcpy(t->comm, name, n);
  struct proc *p = t->proc;
  if (t->tid == p->pid) {
    memset(p->name, 0, sizeof p->name);
    memcpy(p->name, t->comm, n);
  }
}

void proc_set_comm(struct thread *t, const char *path) {
  const char *base = path;
  for (const char *s = path; *s; s++)
    if (*s == '/')
      base = s + 1;
  thread_set_comm(t, base, sizeof t->comm - 1);
}

struct thread *thread_clone(struct thread *from) {
  struct thread *t = thread_alloc(from->proc);
  if (!t)
    return 0;
  t->tid = task_new_id();
  copy_context(t, from);
  memcpy(t->comm, from->comm, sizeof t->comm);
  thread_link(t);
  return t;
}

/* First code of a new thread, on its own kernel stack. */
static void thread_entry(void *arg) {
  sched_collect_dead();
  proc_enter_user(arg);
}

void thread_start(struct thread *t) {
  t->ksp = hal_kstack_init((void *)t->uregs, thread_entry, t);
  sched_add(t);
}

void proc_enter_user(struct thread *t) {
  sched_set_running(t);
  hal_set_kernel_stack(t->kstack_top);
  hal_set_tls(t->tls);
  hal_enter_user(t->uregs);
}
