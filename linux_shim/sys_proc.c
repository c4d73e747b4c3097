/* Process identity, families and ending: exit/exit_group, the ids, process
 * groups and sessions, set_tid_address and the robust list (identity is
 * sys_cred.c). Checks follow kernel/sys.c's order. */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/wstatus.h>
#include <linux_shim/ptrace_access.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

SYSCALL_DEFINE(exit) {
  /* Only this thread; the process ends with its last thread. */
  thread_exit(wstatus_exited((int)(a0 & 0xff)));
}

SYSCALL_DEFINE(exit_group) {
  proc_group_exit(wstatus_exited((int)(a0 & 0xff)), 0);
}

SYSCALL_DEFINE(getpid) {
  return current_proc()->pid;
}

SYSCALL_DEFINE(gettid) {
  return current()->tid;
}

SYSCALL_DEFINE(getppid) {
  struct proc *parent = current_proc()->parent;
  return parent ? parent->pid : 0;
}

SYSCALL_DEFINE(set_tid_address) {
  current()->clear_child_tid = a0;
  return current()->tid;
}

#define ROBUST_HEAD_SIZE 24 /* struct robust_list_head on 64-bit */

SYSCALL_DEFINE(set_robust_list) {
  if (a1 != ROBUST_HEAD_SIZE)
    return -EINVAL;
  current()->robust_list = a0;
  current()->robust_len = a1;
  return 0;
}

SYSCALL_DEFINE(get_robust_list) {
  int64_t tid = (int32_t)a0;
  struct thread *t = tid ? thread_find((int)tid) : current();
  if (!t)
    return -ESRCH;
  long err = ptrace_may_read(t);
  if (err)
    return err;
  struct mm *mm = current_proc()->mm;
  uint64_t len = ROBUST_HEAD_SIZE;
  if (copy_to_user(mm, a2, &len, sizeof len) ||
      copy_to_user(mm, a1, &t->robust_list, sizeof t->robust_list))
    return -EFAULT;
  return 0;
}

/* ---- Process groups and sessions ---- */

static bool group_in_session(int pgid, int sid) {
  for (struct proc *p = proc_list(); p; p = p->next)
    if (p->pgid == pgid && p->sid == sid && p->state == PROC_ALIVE)
      return true;
  return false;
}

SYSCALL_DEFINE(setpgid) {
  struct proc *self = current_proc();
  int64_t pid = (int32_t)a0, pgid = (int32_t)a1;
  if (!pid)
    pid = self->pid;
  if (!pgid)
    pgid = pid;
  if (pgid < 0)
    return -EINVAL;
  struct proc *p = proc_find((int)pid);
  if (!p)
    return -ESRCH;
  if (p->parent == self) {
    if (p->sid != self->sid)
      return -EPERM;
    if (p->did_exec)
      return -EACCES;
  } else if (p != self) {
    return -ESRCH;
  }
  if (p->sid == p->pid) /* a session leader keeps its group */
    return -EPERM;
  if (pgid != pid && !group_in_session((int)pgid, self->sid))
    return -EPERM;
  p->pgid = (int)pgid;
  return 0;
}

static struct proc *pid_or_self(uint64_t a) {
  int64_t pid = (int32_t)a;
  return pid ? proc_find((int)pid) : current_proc();
}

SYSCALL_DEFINE(getpgid) {
  struct proc *p = pid_or_self(a0);
  return p ? p->pgid : -ESRCH;
}

SYSCALL_DEFINE(getpgrp) {
  return current_proc()->pgid;
}

SYSCALL_DEFINE(getsid) {
  struct proc *p = pid_or_self(a0);
  return p ? p->sid : -ESRCH;
}

SYSCALL_DEFINE(setsid) {
  struct proc *self = current_proc();
  /* A group with our pid as its id exists (we lead one): EPERM. */
  for (struct proc *p = proc_list(); p; p = p->next)
    if (p->pgid == self->pid)
      return -EPERM;
  self->pgid = self->sid = self->pid;
  return self->sid;
}

/* personality(2): 0xffffffff only asks; any other word is taken as it is
 * (Linux's set_personality checks nothing), and the old one is returned.
 * The flags change nothing here (ADDR_NO_RANDOMIZE: nothing is randomised
 * anyway). */
SYSCALL_DEFINE(personality) {
  struct proc *p = current_proc();
  uint32_t old = p->personality;
  if ((uint32_t)a0 != 0xffffffffu)
    p->personality = (uint32_t)a0;
  return old;
}
