/*
 * The CPU: user register frames, entering user mode, kernel stacks and
 * context switches, traps, interrupts, thread pointer and FP state.
 *
 * Model: one CPU. Every user thread has its own kernel stack. A trap, syscall
 * or interrupt from user mode saves the complete user register state in a
 * struct hal_regs at the top of the current kernel stack (the top set with
 * hal_set_kernel_stack()), calls the matching upcall (upcalls.h) with
 * interrupts disabled, and when the upcall returns resumes user mode from
 * that same struct, which the upcall may have changed (return value, signal
 * frame, a new pc). The kernel runs with interrupts disabled except inside
 * hal_cpu_wait().
 */
#ifndef HAL_CPU_H
#define HAL_CPU_H

#include <hal/hal.h>
#include <hal_arch/regs.h> /* struct hal_regs: the arch's full user frame */

/* ---- The user register frame. Accessors work on any struct hal_regs. ---- */

/* Initialise `r` for a first entry to user mode at `pc` with stack `sp`:
 * all other general registers zero, user mode, interrupts enabled. */
void hal_regs_init_user(struct hal_regs *r, uint64_t pc, uint64_t sp);

uint64_t hal_regs_pc(const struct hal_regs *r);
uint64_t hal_regs_sp(const struct hal_regs *r);
void hal_regs_set_pc(struct hal_regs *r, uint64_t pc);
void hal_regs_set_sp(struct hal_regs *r, uint64_t sp);

/* True when the frame was saved from user mode. */
bool hal_regs_from_user(const struct hal_regs *r);

/* Syscall view of a frame saved by a syscall: the number, argument i (0-5)
 * as the arch's Linux ABI passes it, and the return value register. */
uint64_t hal_regs_syscall_nr(const struct hal_regs *r);
uint64_t hal_regs_syscall_arg(const struct hal_regs *r, unsigned i);
void hal_regs_set_return(struct hal_regs *r, uint64_t value);

/* Rewind the frame so that resuming it re-executes the syscall instruction
 * with the original number and arguments (restart after a signal). Only
 * valid on a frame saved by a syscall whose return value was not yet set. */
void hal_regs_restart_syscall(struct hal_regs *r);

/* Format the frame for a panic record: "name=0x... " pairs, NUL-terminated,
 * at most `len` bytes with the NUL. Returns the length written. */
size_t hal_regs_describe(const struct hal_regs *r, char *buf, size_t len);

/* ---- Entering user mode and kernel stacks ---- */

/* Where the next trap from user mode saves its frame: the top (highest
 * address, 16-byte aligned) of the current thread's kernel stack. */
void hal_set_kernel_stack(void *top);

/* Resume user mode from `r`, which MUST lie at the top of the current kernel
 * stack (the place a trap would have saved it). Never returns. */
void hal_enter_user(const struct hal_regs *r) __attribute__((noreturn));

/* Prepare a fresh kernel stack whose top is `stack_top` so that switching to
 * the returned stack pointer calls fn(arg) on it; fn MUST NOT return. */
void *hal_kstack_init(void *stack_top, void (*fn)(void *), void *arg);

/* Save the callee-saved kernel state on the current stack, store the stack
 * pointer in *save_sp, and resume the context whose saved pointer is
 * `next_sp` (from an earlier switch or hal_kstack_init()). Returns when some
 * later switch resumes *save_sp. */
void hal_kstack_switch(void **save_sp, void *next_sp);

/* ---- Thread pointer (x86-64 FS base, arm64 TPIDR_EL0) ---- */

/* Set / read the current user thread pointer. libos saves and restores it
 * across thread switches; the HAL does not. */
void hal_set_tls(uint64_t value);
uint64_t hal_get_tls(void);

/* ---- Floating-point / SIMD state ---- */

/* Size and alignment of the buffer hal_fpu_save() fills. The contents are
 * in the arch's Linux signal-frame format (x86-64: FXSAVE image, 512 bytes,
 * 16-aligned; arm64: see hal_arch/regs.h). */
size_t hal_fpu_state_size(void);
size_t hal_fpu_state_align(void);
void hal_fpu_save(void *buf);
void hal_fpu_restore(const void *buf);
/* Put the FP unit in its reset state (as at a fresh execve). */
void hal_fpu_reset(void);

/* ---- Traps ---- */

enum hal_trap_kind {
  HAL_TRAP_PAGE_FAULT,   /* addr = faulting data/instruction address */
  HAL_TRAP_ILLEGAL,      /* undefined instruction; addr = pc */
  HAL_TRAP_PRIVILEGED,   /* privileged instruction or general protection
                            (x86 #GP, arm64 trapped system access); addr = pc
                            or 0 when unknown */
  HAL_TRAP_BREAKPOINT,   /* int3 / brk; addr = pc */
  HAL_TRAP_DIVIDE,       /* integer divide error (x86 #DE); addr = pc */
  HAL_TRAP_FP,           /* floating-point exception; addr = pc */
  HAL_TRAP_ALIGNMENT,    /* alignment fault (sp or pc misaligned); addr */
  HAL_TRAP_STEP,         /* a single step completed (x86 TF); addr = pc of
                            the next instruction */
  HAL_TRAP_DEBUG,        /* a debug trap with no breakpoint or step behind
                            it (x86 icebp); addr = pc after it */
  HAL_TRAP_LEGACY_SYSCALL, /* the 32-bit syscall gate from 64-bit code (x86
                            int $0x80); addr = pc after it. Not a fault: the
                            kernel sets the return register and resumes */
  HAL_TRAP_OTHER,        /* anything else; addr = pc */
};

#define HAL_ACCESS_READ 0x1u
#define HAL_ACCESS_WRITE 0x2u
#define HAL_ACCESS_EXEC 0x4u

struct hal_trap {
  enum hal_trap_kind kind;
  uint64_t addr;    /* see the kind */
  unsigned access;  /* page faults: one HAL_ACCESS_* */
  bool protection;  /* page faults: a valid entry denied the access (advisory:
                       libos decides MAPERR/ACCERR from its own map) */
  uint64_t code;    /* raw arch detail for logs (x86 vector<<32 | error
                       code, arm64 ESR_EL1) */
};

/* ---- Interrupts and idling ---- */

/* Enable interrupts, wait until at least one has been taken (its upcall has
 * run), and return with interrupts disabled again. */
void hal_cpu_wait(void);

#endif
