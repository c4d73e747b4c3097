/* clone, fork and vfork. A new thread (CLONE_THREAD) shares everything;
 * a new process gets a copy-on-write copy of memory and a copy of the
 * descriptor table. vfork (CLONE_VM|CLONE_VFORK) runs the child in the
 * parent's address space itself while the calling thread waits until the
 * child execs (and gets its own) or exits. */
#include <abi.h>
#include <libos/proc.h>
#include <libos/trace.h>
#include <libos/uaccess.h>
#include <libos/uts.h>
#include <libos/wait.h>
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
#define CLONE_CHILD_SETTID 0x1000000UL
#define CLONE_IO 0x80000000UL

static bool vfork_done(void *arg) {
  return !((struct thread *)arg)->vfork_wait;
}

static void put_tid(struct mm *mm, uint64_t uaddr, int tid) {
  int32_t v = tid;
  copy_to_user(mm, uaddr, &v, sizeof v); /* a fault is ignored, as Linux */
}

static long do_clone(uint64_t flags, uint64_t stack, uint64_t ptid,
                     uint64_t ctid, uint64_t tls) {
  if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
    return -EINVAL;
  if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
    return -EINVAL;
  if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
    return -EINVAL;
  if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
    return -EINVAL;
  if (flags & (CLONE_IO | CLONE_PIDFD | CLONE_NEWTIME)) {
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
  struct thread *cur = current();
  struct proc *p = cur->proc;
  struct thread *t;
  struct mm *child_mm;
  if (flags & CLONE_THREAD) {
    t = thread_clone(cur);
    if (!t)
      return -ENOMEM;
    t->altstack = (struct linux_stack){0, SS_DISABLE, 0, 0};
    child_mm = p->mm;
  } else {
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
      trace_log("clone: CLONE_VM without CLONE_THREAD or CLONE_VFORK "
                "is not supported");
      return -EINVAL;
    }
    struct uts_ns *uts = 0;
    if ((flags & CLONE_NEWUTS) && !(uts = uts_copy(p->uts)))
      return -ENOMEM;
    struct proc *c =
        proc_fork(cur, (int)(flags & CSIGNAL), (flags & CLONE_VM) != 0);
    if (!c) {
      uts_put(uts);
      return -ENOMEM;
    }
    if (flags & CLONE_PARENT)
      c->parent = p->parent;
    if (uts) { /* the child's own UTS namespace, made before the fork */
      uts_put(c->uts);
      c->uts = uts;
    }
    t = c->threads;
    child_mm = c->mm;
    if (trace_enabled(TRACE_PROCESS))
      trace_process(p->pid, "fork", c->pid);
  }
  hal_regs_set_return(t->uregs, 0);
  if (stack)
    hal_regs_set_sp(t->uregs, stack);
  if (flags & CLONE_SETTLS)
    t->tls = tls;
  if (flags & CLONE_CHILD_CLEARTID)
    t->clear_child_tid = ctid;
  if (flags & CLONE_CHILD_SETTID)
    put_tid(child_mm, ctid, t->tid);
  if (flags & CLONE_PARENT_SETTID)
    put_tid(p->mm, ptid, t->tid);
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

SYSCALL_DEFINE(clone) {
  uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
  return do_clone(a0, a1, a2, a[LINUX_CLONE_ARG_CHILD_TID],
                  a[LINUX_CLONE_ARG_TLS]);
}

SYSCALL_DEFINE(fork) {
  return do_clone(SIGCHLD, 0, 0, 0, 0);
}

SYSCALL_DEFINE(vfork) {
  return do_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}
