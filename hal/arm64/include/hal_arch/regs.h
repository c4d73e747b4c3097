/*
 * arm64 user register frame and FP buffer format (the arch half of
 * hal/include/hal/cpu.h). linux_shim's arm64 rt_sigframe code reads and
 * writes these directly, so the layout is part of the contract.
 */
#ifndef HAL_ARCH_REGS_H
#define HAL_ARCH_REGS_H

#include <stdint.h>

/*
 * The frame a trap, syscall or interrupt saves (288 bytes, a multiple of 16
 * so the kernel stack stays aligned). Offsets are fixed: the vector code in
 * hal/arm64/vectors.S uses them.
 */
struct hal_regs {
  uint64_t x[31];   /* 0x000: x0..x30 as they were at the trap (x30 = lr).
                       A syscall's number is x[8], its args x[0]..x[5], its
                       return value goes in x[0]. */
  uint64_t sp;      /* 0x0f8: user frames: SP_EL0 (the user stack pointer);
                       kernel frames: the kernel SP before the trap. */
  uint64_t pc;      /* 0x100: ELR_EL1: where execution resumes. After svc it
                       already points past the svc instruction; after a fault
                       it points at the faulting instruction. */
  uint64_t pstate;  /* 0x108: SPSR_EL1: NZCV flags (bits 31:28), DAIF
                       (9:6), mode M[3:0] (0 = EL0t for user frames). Linux's
                       sigcontext.pstate is this value. */
  uint64_t orig_x0; /* 0x110: x0 at syscall entry (x[0] is overwritten by the
                       return value); used to restart the syscall. Equal to
                       x[0] at entry for other traps. */
  uint64_t esr;     /* 0x118: ESR_EL1 of the exception that saved the frame,
                       0 for interrupts. Linux's esr_context can use it. */
};

#define HAL_REGS_OFF_SP 0xf8
#define HAL_REGS_OFF_PC 0x100
#define HAL_REGS_OFF_PSTATE 0x108
#define HAL_REGS_OFF_ORIG_X0 0x110
#define HAL_REGS_OFF_ESR 0x118
#define HAL_REGS_SIZE 0x120

_Static_assert(sizeof(struct hal_regs) == HAL_REGS_SIZE, "frame layout");

/*
 * FP/SIMD buffer filled by hal_fpu_save() / read by hal_fpu_restore():
 * 528 bytes, 16-byte aligned.
 *   offset 0:  uint32_t fpsr
 *   offset 4:  uint32_t fpcr
 *   offset 8:  8 bytes reserved (saved as 0, ignored on restore)
 *   offset 16: v0..v31, 16 bytes each (__uint128_t, little-endian q regs)
 * This is Linux's struct fpsimd_context minus its 8-byte _aarch64_ctx head:
 * copy fpsr/fpcr to context+8 and vregs to context+16 (same offsets+8).
 */
struct hal_fpu_state {
  uint32_t fpsr;
  uint32_t fpcr;
  uint64_t reserved;
  uint64_t v[32][2]; /* v[n][0] = low 64 bits, v[n][1] = high 64 bits */
} __attribute__((aligned(16)));

#define HAL_FPU_STATE_SIZE 528
_Static_assert(sizeof(struct hal_fpu_state) == HAL_FPU_STATE_SIZE, "fp layout");

#endif
