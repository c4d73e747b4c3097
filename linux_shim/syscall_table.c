/* The dispatch table, generated from the one syscall list. Every listed call
 * has an entry; those without a handler alias sys_ni_syscall (ENOSYS), which
 * the dispatcher reports as unimplemented. */
#include <linux_shim/syscall.h>
#include <linux_shim/syscall_table.h>

#include <abi.h>
#include <uapi/errno.h>

long sys_ni_syscall(SYSCALL_PARAMS) {
  return -ENOSYS;
}

#define SYSCALL(nr, name, nargs, kinds)                                    \
  long sys_##name(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,        \
                  uint64_t) __attribute__((weak, alias("sys_ni_syscall")));
#include LINUX_SYSCALL_LIST
#undef SYSCALL

#define SYSCALL(nr, name, nargs, kinds) [nr] = {sys_##name, #name, nargs, kinds},
const struct syscall_entry syscall_table[] = {
#include LINUX_SYSCALL_LIST
};
#undef SYSCALL

const unsigned syscall_table_len =
    sizeof syscall_table / sizeof syscall_table[0];

const struct syscall_entry *syscall_lookup(long nr) {
  if (nr < 0 || (unsigned long)nr >= syscall_table_len ||
      !syscall_table[nr].name)
    return 0;
  return &syscall_table[nr];
}

bool syscall_implemented(const struct syscall_entry *e) {
  return e->fn != sys_ni_syscall;
}

const char *syscall_name(long nr) {
  const struct syscall_entry *e = syscall_lookup(nr);
  return e ? e->name : 0;
}
