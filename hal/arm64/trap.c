/* Exception dispatch (called from vectors.S with the saved frame): decode
 * ESR_EL1 into a struct hal_trap, or route svc / IRQ to their upcalls. */
#include <hal/hstring.h>
#include <hal/upcalls.h>

#include "arm64.h"

bool arm64_kernel_started;

#define EC_UNKNOWN 0x00
#define EC_ILLEGAL_STATE 0x0e
#define EC_SVC64 0x15
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25
#define EC_SP_ALIGN 0x26
#define EC_FP_EXC64 0x2c
#define EC_BRK64 0x3c

#define ISS_WNR (1u << 6)
#define ISS_CM (1u << 8)
#define ISS_FNV (1u << 10)

/* Linux reports user fault addresses with the TBI tag byte removed
 * (sign-extension from bit 55), so do we. */
static uint64_t untag(uint64_t va) {
  return (uint64_t)(((int64_t)(va << 8)) >> 8);
}

static void fill_abort(struct hal_trap *t, uint64_t esr, unsigned ec,
                       bool user) {
  unsigned fsc = esr & 0x3f;
  uint64_t far = read_sysreg(far_el1);
  t->addr = (esr & ISS_FNV) ? 0 : (user ? untag(far) : far);
  if ((fsc & 0x3c) == 0x0c) { /* permission fault, level 0-3 */
    t->kind = HAL_TRAP_PAGE_FAULT;
    t->protection = true;
  } else if ((fsc & 0x3c) == 0x04 || (fsc & 0x3c) == 0x08) {
    /* translation or access-flag fault: no usable entry */
    t->kind = HAL_TRAP_PAGE_FAULT;
  } else if (fsc == 0x21) {
    t->kind = HAL_TRAP_ALIGNMENT;
    return;
  } else {
    t->kind = HAL_TRAP_OTHER; /* external abort, TLB conflict, ... */
    return;
  }
  if (ec == EC_IABT_LOW || ec == EC_IABT_CUR)
    t->access = HAL_ACCESS_EXEC;
  else if ((esr & ISS_WNR) && !(esr & ISS_CM))
    t->access = HAL_ACCESS_WRITE;
  else
    t->access = HAL_ACCESS_READ;
}

static void decode(struct hal_regs *r, struct hal_trap *t, bool user) {
  uint64_t esr = r->esr;
  unsigned ec = (esr >> 26) & 0x3f;
  *t = (struct hal_trap){.kind = HAL_TRAP_OTHER, .addr = r->pc, .code = esr};
  switch (ec) {
  case EC_UNKNOWN:
  case EC_ILLEGAL_STATE:
    t->kind = HAL_TRAP_ILLEGAL;
    break;
  case EC_SYSREG:
    t->kind = HAL_TRAP_PRIVILEGED;
    break;
  case EC_BRK64:
    t->kind = HAL_TRAP_BREAKPOINT;
    break;
  case EC_FP_EXC64:
    t->kind = HAL_TRAP_FP;
    break;
  case EC_PC_ALIGN:
    t->kind = HAL_TRAP_ALIGNMENT;
    t->addr = read_sysreg(far_el1);
    break;
  case EC_SP_ALIGN:
    t->kind = HAL_TRAP_ALIGNMENT;
    t->addr = r->sp;
    break;
  case EC_IABT_LOW:
  case EC_IABT_CUR:
  case EC_DABT_LOW:
  case EC_DABT_CUR:
    fill_abort(t, esr, ec, user);
    break;
  default:
    break;
  }
}

static void not_started(struct hal_regs *r, const char *what) {
  char msg[64] = "exception before kernel_main: ";
  hal_strappend(msg, sizeof msg, what);
  hal_panic(msg, r->pc);
}

void arm64_el0_sync(struct hal_regs *r) {
  if (((r->esr >> 26) & 0x3f) == EC_SVC64) {
    kernel_syscall(r);
    return;
  }
  struct hal_trap t;
  decode(r, &t, true);
  kernel_trap(r, &t);
}

/* With semihosting disabled QEMU treats `hlt #0xf000` as undefined: note it,
 * skip the instruction and make the call fail, so trace writes become no-ops
 * and power-off falls through to PSCI instead of faulting forever. */
static bool semihost_missing(struct hal_regs *r) {
  if (((r->esr >> 26) & 0x3f) != EC_UNKNOWN ||
      *(const uint32_t *)r->pc != SEMIHOST_HLT_INSN)
    return false;
  semihost_disable();
  r->x[0] = (uint64_t)-1;
  r->pc += 4;
  return true;
}

void arm64_el1_sync(struct hal_regs *r) {
  if (semihost_missing(r))
    return;
  if (!arm64_kernel_started)
    not_started(r, "synchronous");
  struct hal_trap t;
  decode(r, &t, false);
  uint64_t pc = r->pc;
  kernel_trap(r, &t);
  /* A kernel fault libos did not repair would re-fault forever. */
  if (r->pc == pc)
    hal_panic("kernel_trap returned from an unrepaired kernel fault", pc);
}

void arm64_irq(struct hal_regs *r) {
  if (!arm64_kernel_started)
    not_started(r, "interrupt");
  unsigned intid = gic_ack();
  if (intid >= 1020)
    return; /* spurious */
  if (!timer_handle_irq(intid, r))
    gic_eoi(intid); /* nothing else is enabled; just retire it */
}

void arm64_serror(struct hal_regs *r) {
  if (!arm64_kernel_started)
    not_started(r, "SError");
  struct hal_trap t = {.kind = HAL_TRAP_OTHER, .addr = r->pc, .code = r->esr};
  kernel_trap(r, &t);
  if (!hal_regs_from_user(r))
    hal_panic("kernel_trap returned from a kernel SError", r->pc);
}

void arm64_bad_vector(struct hal_regs *r, unsigned which) {
  static const char *const names[16] = {
      "EL1t sync", "EL1t irq", "EL1t fiq", "EL1t serror", "", "", "EL1 FIQ",
      "",          "",         "",         "EL0 FIQ",     "", "AArch32 sync",
      "AArch32 irq", "AArch32 fiq", "AArch32 serror"};
  char msg[64] = "unexpected exception vector: ";
  hal_strappend(msg, sizeof msg, names[which & 15]);
  hal_panic(msg, r->pc);
}
