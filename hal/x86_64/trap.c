/*
 * Where every interrupt and exception lands (from entry.S): timer ticks go
 * to kernel_timer_tick(), exceptions are classified into struct hal_trap
 * for kernel_trap(), and fatal machine states (double fault, machine check,
 * any fault before kernel_main or while handling a kernel fault) end in the
 * HAL's own panic record.
 */
#include <hal/upcalls.h>

#include "x86.h"

bool x86_kernel_started;
static volatile uint64_t ticks;
static unsigned kernel_fault_depth;

enum {
  VEC_DE = 0, VEC_DB = 1, VEC_NMI = 2, VEC_BP = 3, VEC_UD = 6, VEC_DF = 8,
  VEC_GP = 13, VEC_PF = 14, VEC_MF = 16, VEC_AC = 17, VEC_MC = 18,
  VEC_XM = 19, VEC_INT80 = 0x80,
};

#define DR6_BS 0x4000ULL /* single step */

static const char *const vector_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
    "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

static struct hal_trap classify(uint64_t vector, uint64_t err,
                                const struct hal_regs *r) {
  struct hal_trap t = {
      .kind = HAL_TRAP_OTHER,
      .addr = r->rip,
      .code = (vector << 32) | (err & 0xffffffffu),
  };
  switch (vector) {
  case VEC_PF:
    t.kind = HAL_TRAP_PAGE_FAULT;
    t.addr = read_cr2();
    t.access = (err & 0x10)  ? HAL_ACCESS_EXEC
               : (err & 0x2) ? HAL_ACCESS_WRITE
                             : HAL_ACCESS_READ;
    t.protection = err & 0x1;
    break;
  case VEC_UD:
    t.kind = HAL_TRAP_ILLEGAL;
    break;
  case VEC_GP:
    t.kind = HAL_TRAP_PRIVILEGED;
    break;
  case VEC_DE:
    t.kind = HAL_TRAP_DIVIDE;
    break;
  case VEC_MF:
  case VEC_XM:
    t.kind = HAL_TRAP_FP;
    break;
  case VEC_BP:
    t.kind = HAL_TRAP_BREAKPOINT; /* rip is after the int3 */
    break;
  case VEC_DB: {
    /* DR6 says why: BS a single step, B0-B3 a hardware breakpoint (none
     * are set), nothing at all icebp. It is sticky: clear it for the next. */
    uint64_t dr6;
    __asm__ volatile("mov %%dr6, %0" : "=r"(dr6));
    __asm__ volatile("mov %0, %%dr6" ::"r"(0xffff0ff0ULL));
    t.kind = (dr6 & DR6_BS) ? HAL_TRAP_STEP
             : (dr6 & 0xf)  ? HAL_TRAP_BREAKPOINT
                            : HAL_TRAP_DEBUG;
    t.code |= dr6 & 0xffffffffu;
    break;
  }
  case VEC_INT80:
    t.kind = HAL_TRAP_LEGACY_SYSCALL;
    break;
  case VEC_AC:
    t.kind = HAL_TRAP_ALIGNMENT;
    break;
  }
  return t;
}

static void fatal(const char *what, uint64_t vector, uint64_t err,
                  const struct hal_regs *r) {
  char msg[160], hex[HAL_HEX_MAX];
  msg[0] = '\0';
  const char *parts[] = {what, " ", vector_names[vector & 31], " err="};
  for (unsigned i = 0; i < 4; i++)
    hal_strappend(msg, 101, parts[i]); /* room left for the numbers */
  hal_hex(hex, err);
  hal_strappend(msg, sizeof msg, hex);
  if (vector == VEC_PF) {
    hal_strappend(msg, sizeof msg, " addr=");
    hal_hex(hex, read_cr2());
    hal_strappend(msg, sizeof msg, hex);
  }
  hal_panic(msg, r->rip);
}

#define RFLAGS_IF 0x200ULL

/*
 * Some hypervisors (the kvm_pvm module, which runs guests at hardware CPL 3
 * and emulates the rest) carry out a user `syscall` only halfway: rip =
 * LSTAR, rcx/r11 loaded and FMASK applied, but CPL still 3, so fetching
 * the supervisor-only entry page faults from user mode. That frame cannot
 * occur on a real CPU: a user-mode frame always has IF set (user code
 * cannot clear it), and only FMASK cleared it here. Such a frame is the
 * syscall it should have been: rcx and r11 hold the user rip and rflags.
 */
static bool syscall_left_at_cpl3(uint64_t vector, uint64_t err,
                                 const struct hal_regs *r) {
  return vector == VEC_PF && (err & 0x4) /* user-mode access */ &&
         hal_regs_from_user(r) && !(r->rflags & RFLAGS_IF) &&
         r->rip == (uint64_t)x86_syscall_entry;
}

void x86_interrupt(uint64_t vector, struct hal_regs *r) {
  uint64_t err = r->orig_rax;
  r->orig_rax = ~0ULL; /* not a syscall */

  if (vector == VEC_TIMER) {
    x86_lapic_eoi();
    ticks++;
    if (x86_kernel_started)
      kernel_timer_tick(r);
    return;
  }
  if (vector == VEC_NMI || (vector >= 32 && vector != VEC_INT80))
    return; /* NMIs and stray (PIC, spurious) vectors carry nothing */
  if (vector == VEC_INT80 && !hal_regs_from_user(r))
    return;
  if (vector == VEC_DF)
    fatal("double fault", vector, err, r);
  if (vector == VEC_MC)
    fatal("machine check", vector, err, r);

  if (syscall_left_at_cpl3(vector, err, r)) {
    r->orig_rax = r->rax;
    r->rip = r->rcx;
    r->rflags = r->r11;
    kernel_syscall(r);
    return; /* x86_return_common sanitises the frame and uses iretq */
  }

  struct hal_trap t = classify(vector, err, r);
  if (hal_regs_from_user(r)) {
    kernel_trap(r, &t);
    return;
  }
  if (!x86_kernel_started)
    fatal("exception before kernel_main:", vector, err, r);
  if (kernel_fault_depth > 0)
    fatal("kernel fault while handling a kernel fault:", vector, err, r);
  kernel_fault_depth++;
  kernel_trap(r, &t); /* libos panics; if it returns, resume the frame */
  kernel_fault_depth--;
}

/* User flags a frame may carry back: CF PF AF ZF SF TF DF OF RF AC ID. */
#define USER_RFLAGS 0x250dd5ULL

static bool canonical(uint64_t va) {
  return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

int x86_prepare_user_return(struct hal_regs *r) {
  for (;;) {
    r->cs = HAL_X86_USER_CS;
    r->ss = HAL_X86_USER_DS;
    r->rflags = (r->rflags & USER_RFLAGS) | RFLAGS_IF | 0x2;
    if (canonical(r->rip))
      break;
    /* iretq would #GP in kernel mode; report it as the user's fault. */
    struct hal_trap t = {.kind = HAL_TRAP_PRIVILEGED,
                         .addr = 0,
                         .code = (uint64_t)VEC_GP << 32};
    kernel_trap(r, &t);
  }
  /* sysret reloads rip from rcx and rflags from r11: only when they agree
   * with the frame, and never for a non-user rip. */
  return r->rcx == r->rip && r->r11 == r->rflags && r->rip < USER_VA_TOP;
}

void hal_cpu_wait(void) {
  uint64_t seen = ticks;
  /* sti's one-instruction shadow: no interrupt slips in before hlt. */
  while (ticks == seen)
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}
