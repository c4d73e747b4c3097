/* arm64: what Linux's exception handlers raise for each EL0 exception. */
#include <linux_shim/trap_signal.h>

#include <libos/proc.h>
#include <libos/uaccess.h>
#include <uapi/signal.h>

/* `mrs Xt, S3_0_C0_Cm_op2`: the ID register space Linux's emulate_mrs
 * serves to EL0 (cpufeature.c, is_emulated: op0 3, op1 0, CRn 0, CRm 0 or
 * 2-7). */
#define MRS_ID_MASK 0xfffff000u
#define MRS_ID_BITS 0xd5380000u

#define MRS_ID(crm, op2)                                                       \
  ({                                                                           \
    uint64_t v_;                                                               \
    __asm__ volatile("mrs %0, S3_0_C0_C" #crm "_" #op2 : "=r"(v_));            \
    v_;                                                                        \
  })

/* What Linux shows EL0 for ID register (crm, op2); false: not emulated
 * (SIGILL). CRm 0: MIDR_EL1 as it is, MPIDR_EL1 as its safe value (bit 31
 * only), REVIDR_EL1 as 0. CRm 2-7: Linux's sanitised user view, of which
 * this keeps the fields a static program may probe: ID_AA64PFR0_EL1's FP
 * and AdvSIMD with EL0 = EL1 = AArch64 only, ID_AA64ISAR0_EL1's visible
 * fields (all but TME and TLB); the other registers read as 0 (Linux shows
 * their visible fields; docs/hal-arm64.md). */
static bool id_reg_value(unsigned crm, unsigned op2, uint64_t *v) {
  if (crm == 0) {
    if (op2 == 0)
      *v = MRS_ID(0, 0);
    else if (op2 == 5)
      *v = 1ULL << 31;
    else if (op2 == 6)
      *v = 0;
    else
      return false;
    return true;
  }
  if (crm < 2 || crm > 7)
    return false;
  *v = 0;
  if (crm == 4 && op2 == 0)
    *v = (MRS_ID(4, 0) & 0x00ff0000ULL) | 0x11;
  else if (crm == 6 && op2 == 0)
    *v = MRS_ID(6, 0) & 0xf0fffffff0fffff0ULL;
  return true;
}

bool linux_trap_emulate(struct hal_regs *r, struct hal_trap *t) {
  uint32_t insn;
  uint64_t v;
  if (t->kind != HAL_TRAP_ILLEGAL && t->kind != HAL_TRAP_PRIVILEGED)
    return false;
  if (copy_from_user(current_proc()->mm, &insn, r->pc, 4) != 0 ||
      (insn & MRS_ID_MASK) != MRS_ID_BITS ||
      !id_reg_value((insn >> 8) & 0xf, (insn >> 5) & 7, &v))
    return false;
  unsigned rt = insn & 31;
  if (rt != 31) /* xzr: the value goes nowhere */
    r->x[rt] = v;
  r->pc += 4;
  return true;
}

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
