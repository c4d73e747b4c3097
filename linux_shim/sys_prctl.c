/* prctl(2): the options a program meets, with kernel/sys.c's and
 * cap_task_prctl's argument checks; every other option is EINVAL, as
 * Linux answers an option it does not know. */
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_GET_KEEPCAPS 7
#define PR_SET_KEEPCAPS 8
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_CAPBSET_READ 23
#define PR_CAPBSET_DROP 24
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#define PR_CAP_AMBIENT 47
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define PR_GET_TID_ADDRESS 40

static long put_int(uint64_t uaddr, int v) {
  return copy_to_user(current_proc()->mm, uaddr, &v, sizeof v) ? -EFAULT : 0;
}

/* PR_SET_CHILD_SUBREAPER: every descendant now has one above it. */
static void mark_descendants(struct proc *top) {
  for (struct proc *q = proc_list(); q; q = q->next)
    for (struct proc *a = q->parent; a; a = a->parent)
      if (a == top) {
        q->has_child_subreaper = true;
        break;
      }
}

/* The capability options (cap_task_prctl); -ENOSYS for the others. */
static long cap_prctl(int op, uint64_t a2, uint64_t a3, uint64_t a4,
                      uint64_t a5) {
  struct cred *c = &current_proc()->cred;
  switch (op) {
  case PR_CAPBSET_READ:
    if (a2 > CAP_LAST_CAP)
      return -EINVAL;
    return (c->cap_bset & CAP_BIT(a2)) != 0;
  case PR_CAPBSET_DROP:
    if (!cred_capable(c, CAP_SETPCAP))
      return -EPERM;
    if (a2 > CAP_LAST_CAP)
      return -EINVAL;
    c->cap_bset &= ~CAP_BIT(a2);
    return 0;
  case PR_GET_SECUREBITS:
    return c->securebits;
  case PR_SET_SECUREBITS:
    return cred_set_securebits(c, a2);
  case PR_GET_KEEPCAPS:
    return (c->securebits & SECBIT_KEEP_CAPS) != 0;
  case PR_SET_KEEPCAPS:
    if (a2 > 1)
      return -EINVAL;
    if (c->securebits & (SECBIT_KEEP_CAPS << 1)) /* its lock */
      return -EPERM;
    c->securebits =
        (c->securebits & ~SECBIT_KEEP_CAPS) | (a2 ? SECBIT_KEEP_CAPS : 0);
    return 0;
  case PR_CAP_AMBIENT:
    return cred_ambient(c, a2, a3, a4, a5);
  default:
    return -ENOSYS;
  }
}

SYSCALL_DEFINE(prctl) {
  int op = (int)a0;
  struct thread *t = current();
  struct proc *p = t->proc;
  long r = cap_prctl(op, a1, a2, a3, a4);
  if (r != -ENOSYS)
    return r;
  switch (op) {
  case PR_SET_PDEATHSIG:
    if (a1 > LINUX_NSIG)
      return -EINVAL;
    p->pdeath_signal = (int)a1;
    return 0;
  case PR_GET_PDEATHSIG:
    return put_int(a1, p->pdeath_signal);
  case PR_GET_DUMPABLE:
    return p->dumpable;
  case PR_SET_DUMPABLE:
    if (a1 > 1)
      return -EINVAL;
    p->dumpable = (int)a1;
    return 0;
  case PR_SET_NAME: {
    /* At most 15 bytes are read: a longer name is cut, not refused. */
    char comm[sizeof t->comm];
    memset(comm, 0, sizeof comm);
    for (size_t i = 0; i < sizeof comm - 1; i++) {
      if (copy_from_user(p->mm, &comm[i], a1 + i, 1))
        return -EFAULT;
      if (!comm[i])
        break;
    }
    thread_set_comm(t, comm, sizeof comm);
    return 0;
  }
  case PR_GET_NAME:
    return copy_to_user(p->mm, a1, t->comm, sizeof t->comm) ? -EFAULT : 0;
  case PR_SET_CHILD_SUBREAPER:
    p->child_subreaper = a1 != 0;
    if (a1)
      mark_descendants(p);
    return 0;
  case PR_GET_CHILD_SUBREAPER:
    return put_int(a1, p->child_subreaper);
  case PR_SET_NO_NEW_PRIVS:
    if (a1 != 1 || a2 || a3 || a4)
      return -EINVAL;
    p->no_new_privs = true;
    return 0;
  case PR_GET_NO_NEW_PRIVS:
    if (a1 || a2 || a3 || a4)
      return -EINVAL;
    return p->no_new_privs;
  case PR_GET_TID_ADDRESS: /* CONFIG_CHECKPOINT_RESTORE, as Debian's */
    return copy_to_user(p->mm, a1, &t->clear_child_tid,
                        sizeof t->clear_child_tid)
               ? -EFAULT
               : 0;
  default:
    return -EINVAL;
  }
}
