/* kernel/ptrace.c __ptrace_may_access, READ_REALCREDS only. */
#include <libos/proc.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/ptrace_access.h>
#include <uapi/errno.h>

static bool same_ids(const struct cred *c, const struct cred *t) {
  return c->ruid == t->euid && c->ruid == t->suid && c->ruid == t->ruid &&
         c->rgid == t->egid && c->rgid == t->sgid && c->rgid == t->rgid;
}

long ptrace_may_read(const struct thread *target) {
  const struct proc *self = current_proc(), *p = target->proc;
  if (p == self)
    return 0;
  bool cap = cred_capable(&self->cred, CAP_SYS_PTRACE);
  if (!same_ids(&self->cred, &p->cred) && !cap)
    return -EPERM;
  /* SUID_DUMP_USER is 1; anything else needs the capability. */
  if (p->dumpable != 1 && !cap)
    return -EPERM;
  return 0;
}
