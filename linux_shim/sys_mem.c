/* Memory syscalls. */
#include <libos/proc.h>
#include <libos/vm.h>
#include <linux_shim/syscall.h>

SYSCALL_DEFINE(brk) {
  /* Never an error: the new break, or the old one when refused. */
  return (long)vm_brk(&current_proc()->mm, a0);
}
