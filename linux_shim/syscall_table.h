/* The generated per-arch syscall table. */
#ifndef LINUX_SHIM_SYSCALL_TABLE_H
#define LINUX_SHIM_SYSCALL_TABLE_H

#include <stdbool.h>

#include <linux_shim/syscall.h>

struct syscall_entry {
  syscall_fn fn;
  const char *name; /* strace's name; NULL for holes in the numbering */
  unsigned nargs;
  const char *kinds; /* the list's argument kinds, "fd,str,hex,oct" or "" */
};

/* The entry for `nr`, or NULL when the arch has no such number. */
const struct syscall_entry *syscall_lookup(long nr);

/* False when the entry has no handler (it returns ENOSYS). */
bool syscall_implemented(const struct syscall_entry *e);

#endif
