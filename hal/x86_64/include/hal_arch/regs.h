/*
 * x86-64 user register frame and FP buffer format.
 *
 * struct hal_regs is the complete user state a trap, interrupt or syscall
 * saves. Its layout (and field order) is Linux's struct pt_regs, so
 * linux_shim's rt_sigframe code can copy it field by field into a
 * struct sigcontext and back. The last five fields are exactly the frame
 * `iretq` consumes (rip, cs, rflags, rsp, ss), so the HAL resumes user mode
 * straight from this struct.
 *
 * A frame saved from user mode sits at the top of the kernel stack given to
 * hal_set_kernel_stack(): it occupies [top - sizeof(struct hal_regs), top).
 * sizeof(struct hal_regs) is 168 (21 * 8), so a frame there is 8 mod 16.
 *
 * What resuming a user frame enforces (the HAL sanitises, Linux does the
 * same in sigreturn): cs is forced to 0x33 and ss to 0x2b; rflags keeps
 * only the user-changeable bits (CF PF AF ZF SF TF DF OF RF AC ID) with IF
 * and the reserved bit 1 set. A non-canonical rip is not resumed: it is
 * reported to kernel_trap() as HAL_TRAP_PRIVILEGED (what the CPU's #GP
 * would say) on the same frame.
 *
 * FP/SIMD buffer (hal_fpu_save/restore): the 64-bit FXSAVE image, 512 bytes,
 * 16-byte aligned, i.e. Linux's struct _fpstate_64 / user_fxsr_struct:
 *   0 fcw (u16)  2 fsw (u16)  4 ftw (u8, abridged)  6 fop (u16)
 *   8 rip (u64)  16 rdp (u64)  24 mxcsr (u32)  28 mxcsr_mask (u32)
 *   32 st0..st7 (8 x 16 bytes)  160 xmm0..xmm15 (16 x 16 bytes)
 *   416..511 reserved: the CPU neither reads nor writes them; Linux puts its
 *   fx_sw_bytes (the XSAVE magic) at 464. This HAL never uses XSAVE, so a
 *   signal frame built from this buffer carries no extended state and the
 *   shim should leave the magic out (or zero) so user code sees "FXSAVE
 *   only", which is the truth.
 */
#ifndef HAL_ARCH_REGS_H
#define HAL_ARCH_REGS_H

#include <stdint.h>

struct hal_regs {
  /* Callee-saved and scratch general registers, as user code left them. */
  uint64_t r15;
  uint64_t r14;
  uint64_t r13;
  uint64_t r12;
  uint64_t rbp;
  uint64_t rbx;
  uint64_t r11; /* after a syscall: the user rflags (the CPU put it there) */
  uint64_t r10; /* syscall argument 3 */
  uint64_t r9;  /* syscall argument 5 */
  uint64_t r8;  /* syscall argument 4 */
  uint64_t rax; /* syscall number on entry, return value on exit */
  uint64_t rcx; /* after a syscall: the user rip (the CPU put it there) */
  uint64_t rdx; /* syscall argument 2 */
  uint64_t rsi; /* syscall argument 1 */
  uint64_t rdi; /* syscall argument 0 */
  /* The syscall number as it entered (kept when rax takes the return value,
   * so the call can be restarted); all ones (-1) in a frame saved by a trap
   * or an interrupt, as in Linux. */
  uint64_t orig_rax;
  /* The iretq frame. */
  uint64_t rip;    /* user pc: the next instruction (after a syscall: the one
                      after the `syscall`; after a fault: the faulting one) */
  uint64_t cs;     /* 0x33 in user mode (ring 3), 0x10 in kernel mode */
  uint64_t rflags; /* user flags; IF always set in user mode */
  uint64_t rsp;    /* user stack pointer */
  uint64_t ss;     /* 0x2b in user mode, 0x18 in kernel mode */
};

/* Segment selectors, Linux's values (visible to user code in sigcontext). */
#define HAL_X86_KERNEL_CS 0x10
#define HAL_X86_KERNEL_DS 0x18
#define HAL_X86_USER_CS 0x33
#define HAL_X86_USER_DS 0x2b

#endif
