/* Linux's ptrace_may_access() for PTRACE_MODE_READ_REALCREDS, the rule
 * behind reading another task's details (get_robust_list; Linux also
 * uses it for kcmp, some /proc files and process_vm_readv). */
#ifndef LINUX_SHIM_PTRACE_ACCESS_H
#define LINUX_SHIM_PTRACE_ACCESS_H

struct thread;

/* 0 when the current thread may read `target`, else -EPERM: always
 * within one thread group; otherwise the caller's real uid and gid MUST
 * equal the target's real, effective and saved ones, or the caller has
 * CAP_SYS_PTRACE; a target that is not dumpable, or that holds a
 * permitted capability the caller lacks, needs CAP_SYS_PTRACE as well
 * (cred_may_attach). No LSM: Yama's ptrace_scope does not govern READ
 * modes. */
long ptrace_may_read(const struct thread *target);

#endif
