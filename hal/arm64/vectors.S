/*
 * Exception vectors. Every exception saves a full struct hal_regs (see
 * hal_arch/regs.h for the offsets) on the current SP_EL1 stack: for traps
 * from EL0 that is the top of the thread's kernel stack, because we eret to
 * EL0 with SP_EL1 at that top (hal_enter_user, ret_to_user). Then trap.c
 * decides which upcall runs.
 */
#define FRAME 0x120

.macro save_frame el
  sub sp, sp, #FRAME
  stp x0, x1, [sp, #16 * 0]
  stp x2, x3, [sp, #16 * 1]
  stp x4, x5, [sp, #16 * 2]
  stp x6, x7, [sp, #16 * 3]
  stp x8, x9, [sp, #16 * 4]
  stp x10, x11, [sp, #16 * 5]
  stp x12, x13, [sp, #16 * 6]
  stp x14, x15, [sp, #16 * 7]
  stp x16, x17, [sp, #16 * 8]
  stp x18, x19, [sp, #16 * 9]
  stp x20, x21, [sp, #16 * 10]
  stp x22, x23, [sp, #16 * 11]
  stp x24, x25, [sp, #16 * 12]
  stp x26, x27, [sp, #16 * 13]
  stp x28, x29, [sp, #16 * 14]
  .if \el == 0
  mrs x21, sp_el0
  .else
  add x21, sp, #FRAME
  .endif
  stp x30, x21, [sp, #0xf0]
  mrs x22, elr_el1
  mrs x23, spsr_el1
  stp x22, x23, [sp, #0x100]
  mrs x24, esr_el1
  stp x0, x24, [sp, #0x110]
  mov x29, #0 /* end of the frame-pointer chain for backtraces */
  mov x0, sp
.endm

.macro vector handler el
  .balign 128
  save_frame \el
  bl \handler
  .if \el == 0
  b ret_to_user
  .else
  b ret_to_kernel
  .endif
.endm

.macro bad_vector which
  .balign 128
  save_frame 1
  mov x1, #\which
  bl arm64_bad_vector
  b .
.endm

  .text
  .balign 2048
  .globl arm64_vectors
arm64_vectors:
  bad_vector 0 /* EL1 with SP_EL0: never used */
  bad_vector 1
  bad_vector 2
  bad_vector 3
  vector arm64_el1_sync 1
  vector arm64_irq 1
  bad_vector 6 /* FIQ */
  vector arm64_serror 1
  vector arm64_el0_sync 0
  vector arm64_irq 0
  bad_vector 10
  vector arm64_serror 0
  bad_vector 12 /* AArch32 EL0: never enabled */
  bad_vector 13
  bad_vector 14
  bad_vector 15

/* Restore the frame at sp and eret. Interrupts are masked here. */
  .globl ret_to_user
ret_to_user:
  ldr x21, [sp, #0xf8]
  msr sp_el0, x21
ret_to_kernel:
  ldp x22, x23, [sp, #0x100]
  msr elr_el1, x22
  msr spsr_el1, x23
  ldp x0, x1, [sp, #16 * 0]
  ldp x2, x3, [sp, #16 * 1]
  ldp x4, x5, [sp, #16 * 2]
  ldp x6, x7, [sp, #16 * 3]
  ldp x8, x9, [sp, #16 * 4]
  ldp x10, x11, [sp, #16 * 5]
  ldp x12, x13, [sp, #16 * 6]
  ldp x14, x15, [sp, #16 * 7]
  ldp x16, x17, [sp, #16 * 8]
  ldp x18, x19, [sp, #16 * 9]
  ldp x20, x21, [sp, #16 * 10]
  ldp x22, x23, [sp, #16 * 11]
  ldp x24, x25, [sp, #16 * 12]
  ldp x26, x27, [sp, #16 * 13]
  ldp x28, x29, [sp, #16 * 14]
  ldr x30, [sp, #0xf0]
  add sp, sp, #FRAME
  eret

/* void hal_enter_user(const struct hal_regs *r): r is the top frame of the
 * current kernel stack, so after popping it SP_EL1 is that stack's top. */
  .globl hal_enter_user
hal_enter_user:
  msr daifset, #2
  mov sp, x0
  b ret_to_user

  .section .note.GNU-stack, "", %progbits
