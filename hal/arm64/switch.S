/* Kernel stack switching: callee-saved registers live on the stack being
 * left; the saved stack pointer is all a context needs. */
  .text
/* void hal_kstack_switch(void **save_sp, void *next_sp) */
  .globl hal_kstack_switch
hal_kstack_switch:
  sub sp, sp, #96
  stp x19, x20, [sp, #0]
  stp x21, x22, [sp, #16]
  stp x23, x24, [sp, #32]
  stp x25, x26, [sp, #48]
  stp x27, x28, [sp, #64]
  stp x29, x30, [sp, #80]
  mov x2, sp
  str x2, [x0]
  mov sp, x1
  ldp x19, x20, [sp, #0]
  ldp x21, x22, [sp, #16]
  ldp x23, x24, [sp, #32]
  ldp x25, x26, [sp, #48]
  ldp x27, x28, [sp, #64]
  ldp x29, x30, [sp, #80]
  add sp, sp, #96
  ret

/* First switch to a stack made by hal_kstack_init: x19 = fn, x20 = arg. */
  .globl arm64_kstack_start
arm64_kstack_start:
  mov x0, x20
  blr x19
  bl arm64_kstack_returned
  b .

  .section .note.GNU-stack, "", %progbits
