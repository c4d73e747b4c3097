/* x86-64: what Linux's trap handlers raise for each exception. */
#include <linux_shim/trap_signal.h>

#include <libos/proc.h>
#include <libos/uaccess.h>
#include <uapi/signal.h>

#define ICEBP 0xf1

/* icebp (int1) is a #DB trap on a CPU, but QEMU's TCG (without
 * WANT_ICEBP) raises #UD for it: the #UD of an 0xf1 byte is the trap after
 * it. */
bool linux_trap_emulate(struct hal_regs *r, struct hal_trap *t) {
  uint8_t insn;
  if (t->kind == HAL_TRAP_ILLEGAL &&
      copy_from_user(current_proc()->mm, &insn, hal_regs_pc(r), 1) == 0 &&
      insn == ICEBP) {
    hal_regs_set_pc(r, hal_regs_pc(r) + 1);
    t->kind = HAL_TRAP_DEBUG;
    t->addr = hal_regs_pc(r);
  }
  return false;
}

struct trap_signal linux_trap_signal(const struct hal_trap *t) {
  switch (t->kind) {
  case HAL_TRAP_ILLEGAL: /* #UD */
    return (struct trap_signal){SIGILL, ILL_ILLOPN, t->addr};
  case HAL_TRAP_PRIVILEGED: /* #GP: SIGSEGV from the kernel, no address */
    return (struct trap_signal){SIGSEGV, SI_KERNEL, 0};
  case HAL_TRAP_BREAKPOINT: /* int3 */
    return (struct trap_signal){SIGTRAP, SI_KERNEL, 0};
  case HAL_TRAP_STEP: /* #DB with DR6.BS: exc_debug_user's get_si_code */
    return (struct trap_signal){SIGTRAP, TRAP_TRACE, t->addr};
  case HAL_TRAP_DEBUG: /* icebp: a #DB with no DR6 reason */
    return (struct trap_signal){SIGTRAP, TRAP_BRKPT, t->addr};
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
