/* clone, clone3, fork and vfork. A new thread (CLONE_THREAD) shares
 * everything; a new process gets a copy-on-write copy of memory, of the
 * descriptor table, of the signal dispositions and of root, cwd and
 * umask, or with CLONE_VM, CLONE_FILES, CLONE_SIGHAND and CLONE_FS the
 * parent's own. vfork
 * (CLONE_VM|CLONE_VFORK) runs the child in the parent's address space itself
 * while the calling thread waits until the child execs (and gets its own) or
 * exits. CLONE_PIDFD gives the parent a pidfd (libos/pidfd.h); clone3's set_tid
 * chooses the pid. Both entries fill one request (Linux's kernel_clone_args),
 * checked in kernel/fork.c's order. */
#include <abi.h>
#include <libos/fd.h>
#include <libos/fsctx.h>
#include <libos/kstring.h>
#include <libos/pidfd.h>
#include <libos/proc.h>
#include <libos/sighand.h>
#include <libos/signal.h>
#include <libos/trace.h>
#include <libos/uaccess.h>
#include <libos/uts.h>
#include <libos/wait.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/ns.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define CSIGNAL 0xffUL
#define CLONE_VM 0x100UL
#define CLONE_FS 0x200UL
#define CLONE_FILES 0x400UL
#define CLONE_SIGHAND 0x800UL
#define CLONE_PIDFD 0x1000UL
#define CLONE_VFORK 0x4000UL
#define CLONE_PARENT 0x8000UL
#define CLONE_THREAD 0x10000UL
#define CLONE_SETTLS 0x80000UL
#define CLONE_PARENT_SETTID 0x100000UL
#define CLONE_CHILD_CLEARTID 0x200000UL
#define CLONE_DETACHED 0x400000UL
#define CLONE_CHILD_SETTID 0x1000000UL
#define CLONE_IO 0x80000000UL
#define CLONE_LEGACY_FLAGS 0xffffffffUL
#define CLONE_CLEAR_SIGHAND 0x100000000UL
#define CLONE_INTO_CGROUP 0x200000000UL

/* struct clone_args's sizes: VER0, VER1 (set_tid), VER2 (cgroup). */
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER2 88
#define MAX_PID_NS_LEVEL 32
#define PID_MAX 32768 /* what /proc/sys/kernel/pid_max says */

struct clone_args {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size,
      tls, set_tid, set_tid_size, cgroup;
};
_Static_assert(sizeof(struct clone_args) == CLONE_ARGS_SIZE_VER2,
               "clone_args is VER2");

/* One clone request, whichever call made it. */
struct kclone {
  uint64_t flags; /* without the exit signal */
  int exit_signal;
  uint64_t pidfd, child_tid, parent_tid;
  uint64_t stack; /* the new stack pointer (0: the caller's) */
  uint64_t tls;
  /* clone3's set_tid: how many pids were given (0: a new one), and the
   * one for this (the only) pid namespace. */
  uint64_t set_tid_size;
  int set_tid;
};

static bool vfork_done(void *arg) {
  return !((struct thread *)arg)->vfork_wait;
}

static void put_tid(struct mm *mm, uint64_t uaddr, int tid) {
  int32_t v = tid;
  copy_to_user(mm, uaddr, &v, sizeof v); /* a fault is ignored, as Linux */
}

/* copy_process's flag checks, in its order. */
static long check_flags(uint64_t flags) {
  if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
    return -EINVAL;
  if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
    return -EINVAL;
  if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
    return -EINVAL;
  if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
    return -EINVAL;
  if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
    return -EINVAL;
  /* Linux 6.1 refuses a thread's pidfd (6.9 gives one); so does this. */
  if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
    return -EINVAL;
  if (flags & (CLONE_IO | CLONE_NEWTIME | CLONE_INTO_CGROUP)) {
    trace_log("clone: flags 0x%llx not supported", (unsigned long long)flags);
    return -EINVAL;
  }
  long err = ns_check(flags & CLONE_NS_FLAGS, "clone");
  if (err)
    return err;
  if ((flags & CLONE_THREAD) && (flags & CLONE_NS_FLAGS)) {
    trace_log("clone: a thread in a new namespace is not supported");
    return -EINVAL;
  }
  return 0;
}

/* alloc_pid's checks of a chosen pid (one pid namespace, level 0). */
static long check_set_tid(const struct kclone *k) {
  int tid = k->set_tid;
  if (k->set_tid_size > 1)
    return -EINVAL;
  if (tid < 1 || tid >= PID_MAX)
    return -EINVAL;
  const struct cred *c = &current_proc()->cred;
  if (!cred_capable(c, CAP_SYS_ADMIN) &&
      !cred_capable(c, CAP_CHECKPOINT_RESTORE))
    return -EPERM;
  struct proc *p = proc_find(tid);
  if ((p && !p->reaped) || thread_find(tid))
    return -EEXIST;
  return 0;
}

/* The new process or thread, not yet running. */
static struct thread *make_child(const struct kclone *k, struct thread *cur,
                                 struct mm **child_mm) {
  struct proc *p = cur->proc;
  if (k->flags & CLONE_THREAD) {
    struct thread *t = thread_clone(cur);
    if (!t)
      return 0;
    t->altstack = (struct linux_stack){0, SS_DISABLE, 0, 0};
    if (k->set_tid_size)
      t->tid = k->set_tid; /* checked free above */
    *child_mm = p->mm;
    return t;
  }
  struct uts_ns *uts = 0;
  if ((k->flags & CLONE_NEWUTS) && !(uts = uts_copy(p->uts)))
    return 0;
  struct proc *c = proc_fork(cur, k->exit_signal, (k->flags & CLONE_VM) != 0);
  if (!c) {
    uts_put(uts);
    return 0;
  }
  if (k->set_tid_size)
    c->pid = c->threads->tid = k->set_tid; /* checked free above */
  if (k->flags & CLONE_PARENT)
    c->parent = p->parent;
  if (uts) { /* the child's own UTS namespace, made before the fork */
    uts_put(c->uts);
    c->uts = uts;
  }
  if (k->flags & CLONE_CLEAR_SIGHAND)
    signal_flush_handlers(c);
  if (k->flags & CLONE_FILES) { /* the table itself, not a copy */
    fdtable_destroy(c->fds);
    c->fds = fdtable_share(p->fds);
  }
  if (k->flags & CLONE_SIGHAND) /* the dispositions themselves too */
    sighand_share(c, p);
  if (k->flags & CLONE_FS) { /* and root, cwd and umask */
    fsctx_put(c->fs);
    c->fs = fsctx_share(p->fs);
  }
  *child_mm = c->mm;
  if (trace_enabled(TRACE_PROCESS))
    trace_process(p->pid, "fork", c->pid);
  return c->threads;
}

static long do_clone(const struct kclone *k) {
  uint64_t flags = k->flags;
  if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID) &&
      k->pidfd == k->parent_tid)
    return -EINVAL;
  long err = check_flags(flags);
  if (err)
    return err;
  if (k->set_tid_size && (err = check_set_tid(k)))
    return err;
  struct thread *cur = current();
  struct proc *p = cur->proc;
  /* CLONE_PIDFD: the descriptor comes before the child (EMFILE fails the
   * clone) and the address must take it (EFAULT fails it too, and no
   * child is left): probed by writing back what is there, which nothing
   * can change before the real write (the kernel is not preemptive). */
  struct file *pidfd = 0;
  int pidfd_nr = -1;
  if (flags & CLONE_PIDFD) {
    if ((err = pidfd_create(0, 0, &pidfd)))
      return err;
    pidfd_nr = fd_install(p->fds, pidfd, 0, true, fs_fd_limit());
    file_put(pidfd); /* the table's reference, if any, keeps it */
    if (pidfd_nr < 0)
      return pidfd_nr;
    int32_t old;
    if (copy_from_user(p->mm, &old, k->pidfd, sizeof old) ||
        copy_to_user(p->mm, k->pidfd, &old, sizeof old)) {
      fd_close(p->fds, pidfd_nr);
      return -EFAULT;
    }
  }
  struct mm *child_mm;
  struct thread *t = make_child(k, cur, &child_mm);
  if (!t) {
    if (pidfd)
      fd_close(p->fds, pidfd_nr);
    return -ENOMEM;
  }
  if (pidfd) { /* the child's copy of the table must not have it */
    if (t->proc->fds != p->fds)
      fd_close(t->proc->fds, pidfd_nr);
    pidfd_bind(pidfd, t->proc);
    put_tid(p->mm, k->pidfd, pidfd_nr);
  }
  hal_regs_set_return(t->uregs, 0);
  if (k->stack)
    hal_regs_set_sp(t->uregs, k->stack);
  if (flags & CLONE_SETTLS)
    t->tls = k->tls;
  if (flags & CLONE_CHILD_CLEARTID)
    t->clear_child_tid = k->child_tid;
  if (flags & CLONE_CHILD_SETTID)
    put_tid(child_mm, k->child_tid, t->tid);
  if (flags & CLONE_PARENT_SETTID)
    put_tid(p->mm, k->parent_tid, t->tid);
  int id = t->tid;
  if (flags & CLONE_VFORK) {
    t->proc->vfork_parent = cur;
    cur->vfork_wait = true;
  }
  thread_start(t);
  if (flags & CLONE_VFORK)
    wait_uninterruptible(vfork_done, cur);
  return id;
}

/* The legacy clone: only the low 32 bits of flags count, the exit signal
 * is their low byte, and CLONE_PIDFD's pidfd goes to parent_tid. */
SYSCALL_DEFINE(clone) {
  uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
  uint32_t flags = (uint32_t)a0;
  struct kclone k = {.flags = flags & ~(uint32_t)CSIGNAL,
                     .exit_signal = (int)(flags & CSIGNAL),
                     .pidfd = a2,
                     .child_tid = a[LINUX_CLONE_ARG_CHILD_TID],
                     .parent_tid = a2,
                     .stack = a1,
                     .tls = a[LINUX_CLONE_ARG_TLS]};
  return do_clone(&k);
}

/* copy_clone_args_from_user and clone3_args_valid, in their order. */
static long clone3_args(uint64_t uargs, uint64_t size, struct kclone *k) {
  struct mm *mm = current_proc()->mm;
  if (size > HAL_PAGE_SIZE)
    return -E2BIG;
  if (size < CLONE_ARGS_SIZE_VER0)
    return -EINVAL;
  struct clone_args a;
  memset(&a, 0, sizeof a);
  size_t n = size < sizeof a ? size : sizeof a;
  if (copy_from_user(mm, &a, uargs, n))
    return -EFAULT;
  /* copy_struct_from_user: a larger struct's tail must be zeros. */
  for (uint64_t off = sizeof a; off < size; off += 8) {
    uint64_t chunk = 0;
    size_t len = size - off < 8 ? size - off : 8;
    if (copy_from_user(mm, &chunk, uargs + off, len))
      return -EFAULT;
    if (chunk)
      return -E2BIG;
  }
  if (a.set_tid_size > MAX_PID_NS_LEVEL)
    return -EINVAL;
  if (!a.set_tid != !a.set_tid_size)
    return -EINVAL;
  if ((a.exit_signal & ~(uint64_t)CSIGNAL) || a.exit_signal > LINUX_NSIG)
    return -EINVAL;
  if ((a.flags & CLONE_INTO_CGROUP) &&
      (a.cgroup > INT32_MAX || size < CLONE_ARGS_SIZE_VER2))
    return -EINVAL;
  int32_t tids[MAX_PID_NS_LEVEL];
  if (a.set_tid && copy_from_user(mm, tids, a.set_tid, a.set_tid_size * 4))
    return -EFAULT;
  /* clone3_args_valid: clone3 reuses CSIGNAL and CLONE_DETACHED. */
  if (a.flags & ~(CLONE_LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
    return -EINVAL;
  if (a.flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
    return -EINVAL;
  if ((a.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) ==
      (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
    return -EINVAL;
  if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal)
    return -EINVAL;
  if (!a.stack != !a.stack_size)
    return -EINVAL;
  if (a.stack && !access_ok(a.stack, a.stack_size))
    return -EINVAL;
  *k = (struct kclone){.flags = a.flags,
                       .exit_signal = (int)a.exit_signal,
                       .pidfd = a.pidfd,
                       .child_tid = a.child_tid,
                       .parent_tid = a.parent_tid,
                       .stack = a.stack ? a.stack + a.stack_size : 0,
                       .tls = a.tls,
                       .set_tid_size = a.set_tid_size,
                       .set_tid = a.set_tid ? tids[0] : 0};
  return 0;
}

SYSCALL_DEFINE(clone3) {
  struct kclone k;
  long err = clone3_args(a0, a1, &k);
  return err ? err : do_clone(&k);
}

SYSCALL_DEFINE(fork) {
  struct kclone k = {.exit_signal = SIGCHLD};
  return do_clone(&k);
}

SYSCALL_DEFINE(vfork) {
  struct kclone k = {.flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD};
  return do_clone(&k);
}
