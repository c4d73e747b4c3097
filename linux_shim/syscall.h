/* Writing a syscall handler: SYSCALL_DEFINE(name) { ... } defines
 * sys_<name> with the raw arguments a0..a5; it returns the value the
 * program sees (a negative errno for errors). The dispatch table comes from
 * linux_shim/syscalls.list: a name there without a handler is ENOSYS. */
#ifndef LINUX_SHIM_SYSCALL_H
#define LINUX_SHIM_SYSCALL_H

#include <stdint.h>

#define SYSCALL_PARAMS                                                         \
  uint64_t a0 __attribute__((unused)), uint64_t a1 __attribute__((unused)),    \
      uint64_t a2 __attribute__((unused)),                                     \
      uint64_t a3 __attribute__((unused)),                                     \
      uint64_t a4 __attribute__((unused)), uint64_t a5 __attribute__((unused))

#define SYSCALL_DEFINE(name) long sys_##name(SYSCALL_PARAMS)

typedef long (*syscall_fn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                           uint64_t);

struct thread;

/* Arm Linux's restart block: a signal without a handler then resumes the
 * call through restart_syscall, which runs fn(t) (state kept in t's
 * restart_* fields). Returns -ERESTART_RESTARTBLOCK for the caller to
 * return. */
long restart_block_set(struct thread *t, long (*fn)(struct thread *));

/* The strace name of syscall `nr` on this arch, or NULL if unknown. */
const char *syscall_name(long nr);

#endif
