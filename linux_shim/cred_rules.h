/*
 * The id and capability rules of Linux's kernel/sys.c and
 * security/commoncap.c as pure functions on a struct cred (libos/cred.h),
 * so they can be checked on the host (tests/unit/shim/test_cred_rules.c).
 *
 * Every set function MUST leave the cred untouched when it fails, and
 * returns 0 or a negative errno. The capability fix-ups follow the id
 * changes as capabilities(7) "Effect of user ID changes on capabilities"
 * says: all of ruid/euid/suid becoming nonzero (from one being 0) clears
 * the permitted and effective sets (unless SECBIT_KEEP_CAPS) and the
 * ambient one (none of it with SECBIT_NO_SETUID_FIXUP);
 * euid 0 -> nonzero clears the effective set, nonzero -> 0 restores it
 * from the permitted one; fsuid 0 -> nonzero drops the file capabilities
 * from the effective set, nonzero -> 0 raises those of them permitted.
 */
#ifndef LINUX_SHIM_CRED_RULES_H
#define LINUX_SHIM_CRED_RULES_H

#include <libos/cred.h>

#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_DAC_READ_SEARCH 2
#define CAP_FOWNER 3
#define CAP_FSETID 4
#define CAP_KILL 5
#define CAP_SETGID 6
#define CAP_SETUID 7
#define CAP_SETPCAP 8
#define CAP_LINUX_IMMUTABLE 9
#define CAP_IPC_LOCK 14
#define CAP_SYS_CHROOT 18
#define CAP_SYS_PTRACE 19
#define CAP_SYS_ADMIN 21
#define CAP_SYS_RESOURCE 24
#define CAP_SYS_TIME 25
#define CAP_MKNOD 27
#define CAP_MAC_OVERRIDE 32
#define CAP_SYSLOG 34
#define CAP_CHECKPOINT_RESTORE 40
#define CAP_LAST_CAP 40 /* CAP_CHECKPOINT_RESTORE (Linux 5.9 and later) */
#define CAP_FULL_SET ((1ULL << (CAP_LAST_CAP + 1)) - 1)
#define CAP_BIT(c) (1ULL << (c))

#define CRED_KEEP UINT32_MAX /* -1: leave the id as it is */

/* The first process: uid and gid 0 everywhere, every capability in the
 * effective, permitted and bounding sets, none inheritable or ambient. */
void cred_init_root(struct cred *c);

/* Is `cap` in the effective set? */
bool cred_capable(const struct cred *c, int cap);

long cred_setresuid(struct cred *c, uint32_t r, uint32_t e, uint32_t s);
long cred_setresgid(struct cred *c, uint32_t r, uint32_t e, uint32_t s);
long cred_setreuid(struct cred *c, uint32_t r, uint32_t e);
long cred_setregid(struct cred *c, uint32_t r, uint32_t e);
long cred_setuid(struct cred *c, uint32_t id);
long cred_setgid(struct cred *c, uint32_t id);
/* setfsuid/setfsgid: always the old filesystem id; changed when allowed. */
uint32_t cred_setfsuid(struct cred *c, uint32_t id);
uint32_t cred_setfsgid(struct cred *c, uint32_t id);

/* capset(2)'s rules (cap_capset): -EPERM unless the new inheritable set
 * stays within the old inheritable plus permitted (without CAP_SETPCAP)
 * and within inheritable plus bounding, the new permitted within the
 * old, and the new effective within the new permitted. */
long cred_capset(struct cred *c, uint64_t eff, uint64_t perm, uint64_t inh);

/* execve of a file without set-id bits or file capabilities
 * (cap_bprm_creds_from_file): root (real or effective id 0) gets the
 * bounding set plus the inheritable one, effective when the effective id
 * is 0; anyone else keeps the ambient set only. The saved and filesystem
 * ids follow the effective ones and SECBIT_KEEP_CAPS is cleared. */
void cred_exec(struct cred *c);

/* The securebits word (capabilities(7)): each flag, and its lock one bit
 * above. */
#define SECBIT_NOROOT (1u << 0)
#define SECBIT_NO_SETUID_FIXUP (1u << 2)
#define SECBIT_KEEP_CAPS (1u << 4)
#define SECBIT_NO_CAP_AMBIENT_RAISE (1u << 6)
#define SECBIT_ALL_FLAGS 0x55u
#define SECBIT_ALL_LOCKS 0xaau

/* PR_SET_SECUREBITS: `bits` replaces the word, unless it changes a locked
 * flag, drops a lock, holds an unknown bit or the caller lacks
 * CAP_SETPCAP (each EPERM, as Linux). 0 or -EPERM. */
long cred_set_securebits(struct cred *c, uint64_t bits);

/* PR_CAP_AMBIENT's IS_SET, RAISE, LOWER and CLEAR_ALL (op 1-4) on
 * capability `cap`: 0/1 for IS_SET, 0, -EINVAL for a bad op, capability
 * or non-zero unused argument, -EPERM to raise one that is not both
 * permitted and inheritable, or under SECBIT_NO_CAP_AMBIENT_RAISE. */
long cred_ambient(struct cred *c, uint64_t op, uint64_t cap, uint64_t a4,
                  uint64_t a5);

/* ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS) between two processes
 * (pidfd_getfd): the caller's real uid and gid must be each of the
 * target's real, effective and saved ones, the target dumpable, and its
 * permitted set within the caller's, unless the caller has
 * CAP_SYS_PTRACE. -EPERM or 0; a process may always reach itself. */
long cred_may_attach(const struct cred *c, const struct cred *target,
                     bool target_dumpable);

#endif
