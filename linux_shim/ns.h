/*
 * Namespaces as clone(2) and unshare(2) see them. Only the UTS namespace
 * exists (libos/uts.h); the other namespace flags are refused: EPERM
 * without CAP_SYS_ADMIN (Linux's answer to an unprivileged caller, and,
 * for CLONE_NEWUSER, a Debian kernel's with unprivileged user namespaces
 * off), EINVAL with it (a kernel built without that namespace's
 * CONFIG_*_NS), each with a `log` record.
 */
#ifndef LINUX_SHIM_NS_H
#define LINUX_SHIM_NS_H

#include <stdint.h>

#define CLONE_NEWTIME 0x80UL
#define CLONE_NEWNS 0x20000UL
#define CLONE_NEWCGROUP 0x02000000UL
#define CLONE_NEWUTS 0x04000000UL
#define CLONE_NEWIPC 0x08000000UL
#define CLONE_NEWUSER 0x10000000UL
#define CLONE_NEWPID 0x20000000UL
#define CLONE_NEWNET 0x40000000UL
#define CLONE_NS_FLAGS                                                         \
  (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |               \
   CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* May the current process create the namespaces in `flags` (any of
 * CLONE_NS_FLAGS, CLONE_NEWTIME)? 0, -EPERM or -EINVAL as above; `call`
 * names the syscall in the log record. */
long ns_check(uint64_t flags, const char *call);

#endif
