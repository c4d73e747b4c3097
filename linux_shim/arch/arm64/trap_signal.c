/* arm64: what Linux's exception handlers raise for each EL0 exception. */
#include <linux_shim/trap_signal.h>
#include <uapi/signal.h>

struct trap_signal linux_trap_signal(const struct hal_trap *t) {
  switch (t->kind) {
  case HAL_TRAP_ILLEGAL:
  case HAL_TRAP_PRIVILEGED: /* trapped system register access: undef */
    return (struct trap_signal){SIGILL, ILL_ILLOPC, t->addr};
  case HAL_TRAP_BREAKPOINT: /* brk */
    return (struct trap_signal){SIGTRAP, TRAP_BRKPT, t->addr};
  case HAL_TRAP_DIVIDE: /* arm64 integer division does not trap */
  case HAL_TRAP_FP:
    return (struct trap_signal){SIGFPE, FPE_FLTDIV, t->addr};
  case HAL_TRAP_ALIGNMENT: /* SP or PC alignment */
    return (struct trap_signal){SIGBUS, BUS_ADRALN, t->addr};
  default:
    return (struct trap_signal){SIGILL, ILL_ILLOPC, t->addr};
  }
}
