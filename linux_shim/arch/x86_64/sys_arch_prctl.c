/* arch_prctl: the x86-64 thread pointer (FS base) and GS base. */
#include <hal/cpu.h>
#include <hal/mmu.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

SYSCALL_DEFINE(arch_prctl) {
  struct thread *t = current();
  switch (a0) {
  case ARCH_SET_FS:
    /* Linux refuses bases outside user space with EPERM. */
    if (a1 >= hal_user_va_top())
      return -EPERM;
    t->tls = a1;
    hal_set_tls(a1);
    return 0;
  case ARCH_GET_FS:
    if (copy_to_user(t->proc->mm, a1, &t->tls, sizeof t->tls))
      return -EFAULT;
    return 0;
  case ARCH_SET_GS:
  case ARCH_GET_GS:
    return -EINVAL; /* GS is not offered yet */
  default:
    return -EINVAL;
  }
}
