/* The return path of a signal handler installed without SA_RESTORER:
 * Linux sets the handler's lr here. It enters rt_sigreturn with sp at the
 * signal frame, exactly as the handler found it. */
  .text
  .globl __kernel_rt_sigreturn
  .type __kernel_rt_sigreturn, %function
  .balign 4
  nop /* unwinders look one instruction before the return address */
__kernel_rt_sigreturn:
  mov x8, #139 /* rt_sigreturn */
  svc #0
  .size __kernel_rt_sigreturn, . - __kernel_rt_sigreturn
  .section .note.GNU-stack, "", %progbits
