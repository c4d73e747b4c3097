/* x86-64: what Linux's trap handlers raise for each exception. */
#include <linux_shim/trap_signal.h>
#include <uapi/signal.h>

struct trap_signal linux_trap_signal(const struct hal_trap *t) {
  switch (t->kind) {
  case HAL_TRAP_ILLEGAL: /* #UD */
    return (struct trap_signal){SIGILL, ILL_ILLOPN, t->addr};
  case HAL_TRAP_PRIVILEGED: /* #GP: SIGSEGV from the kernel, no address */
    return (struct trap_signal){SIGSEGV, SI_KERNEL, 0};
  case HAL_TRAP_BREAKPOINT: /* int3 */
    return (struct trap_signal){SIGTRAP, SI_KERNEL, 0};
  case HAL_TRAP_DIVIDE: /* #DE */
    return (struct trap_signal){SIGFPE, FPE_INTDIV, t->addr};
  case HAL_TRAP_FP:
    return (struct trap_signal){SIGFPE, FPE_FLTDIV, t->addr};
  case HAL_TRAP_ALIGNMENT: /* #AC */
    return (struct trap_signal){SIGBUS, BUS_ADRALN, t->addr};
  default:
    return (struct trap_signal){SIGSEGV, SI_KERNEL, 0};
  }
}
