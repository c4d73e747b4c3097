/* kernel_syscall: from the saved frame to a handler and back, with the
 * trace records kdiff compares against strace. */
#include <hal/upcalls.h>
#include <libos/proc.h>
#include <libos/trace.h>
#include <linux_shim/names.h>
#include <linux_shim/syscall_table.h>
#include <linux_shim/uapi/errno.h>

static bool is_error(long ret) {
  return ret < 0 && ret >= -MAX_ERRNO;
}

void kernel_syscall(struct hal_regs *r) {
  struct thread *t = current();
  long nr = (long)hal_regs_syscall_nr(r);
  uint64_t a[6];
  for (unsigned i = 0; i < 6; i++)
    a[i] = hal_regs_syscall_arg(r, i);

  const struct syscall_entry *e = syscall_lookup(nr);
  const char *name = e ? e->name : "unknown";
  bool traced = trace_enabled(TRACE_SYSCALL);
  int pid = t->proc->pid;
  if (traced)
    trace_syscall_entry(pid, t->tid, nr, name, a);

  long ret;
  if (e && syscall_implemented(e)) {
    ret = e->fn(a[0], a[1], a[2], a[3], a[4], a[5]);
  } else {
    trace_unimplemented(pid, t->tid, nr, e ? e->name : 0);
    ret = -ENOSYS;
  }

  if (traced)
    trace_syscall_exit(pid, t->tid, nr, name, ret,
                       is_error(ret) ? linux_errno_name((int)-ret) : 0);
  hal_regs_set_return(r, (uint64_t)ret);
}
