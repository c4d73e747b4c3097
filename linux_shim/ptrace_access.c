/* kernel/ptrace.c __ptrace_may_access, the REALCREDS modes: the rules
 * are cred_rules.c's cred_may_attach (read and attach modes check the
 * same things when no LSM is loaded). */
#include <libos/proc.h>
#include <linux_shim/cred_rules.h>
#include <linux_shim/ptrace_access.h>

long ptrace_may_read(const struct thread *target) {
  const struct proc *self = current_proc(), *p = target->proc;
  if (p == self)
    return 0;
  /* SUID_DUMP_USER is 1; anything else needs the capability. */
  return cred_may_attach(&self->cred, &p->cred, p->dumpable == 1);
}
