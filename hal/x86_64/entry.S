/*
 * Kernel entries from the CPU: the 256 interrupt/exception stubs, the
 * `syscall` entry, the way back to user mode, and kernel stack switches.
 *
 * Every entry builds a struct hal_regs (hal_arch/regs.h) on the stack: the
 * CPU pushes ss, rsp, rflags, cs, rip (and an error code into the orig_rax
 * slot for some exceptions); the stub fills the rest. From user mode the
 * CPU switched to TSS.rsp0, so the frame lands at the top of the thread's
 * kernel stack; `syscall` switches to x86_syscall_kstack itself (the same
 * value, see hal_set_kernel_stack). The kernel never uses %gs, so there is
 * no swapgs.
 */
#define FRAME_CS 136     /* offsetof(struct hal_regs, cs) */
#define FRAME_ORIG 120   /* offsetof(struct hal_regs, orig_rax) */
#define USER_CS 0x33
#define USER_DS 0x2b

  .text
  .code64

  /* Pushes the general registers below orig_rax, in hal_regs order. */
  .macro SAVE_GPRS_FROM_RSI
  pushq %rsi
  pushq %rdx
  pushq %rcx
  pushq %rax
  pushq %r8
  pushq %r9
  pushq %r10
  pushq %r11
  pushq %rbx
  pushq %rbp
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  .endm

  .macro RESTORE_GPRS
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbp
  popq %rbx
  popq %r11
  popq %r10
  popq %r9
  popq %r8
  popq %rax
  popq %rcx
  popq %rdx
  popq %rsi
  popq %rdi
  .endm

  /* 256 stubs, 16 bytes apart. Vectors without a CPU error code push a 0
   * so every frame has the same shape; the vector travels in %edi. */
  .balign 16
  .globl x86_vectors
x86_vectors:
  .set vec, 0
  .rept 256
  .balign 16
  .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
  .else
  pushq $0
  .endif
  pushq %rdi
  movl $vec, %edi
  jmp x86_trap_common
  .set vec, vec + 1
  .endr

x86_trap_common:
  SAVE_GPRS_FROM_RSI
  cld
  /* A user AC flag must not weaken SMAP while in the kernel. */
  pushfq
  andq $~0x40000, (%rsp)
  popfq
  movq %rsp, %rsi          /* struct hal_regs * */
  movq %rsp, %rbx
  andq $-16, %rsp
  call x86_interrupt       /* (vector, regs) */
  movq %rbx, %rsp
  jmp x86_return_common

/* Resume the frame at %rsp: user frames are checked and sanitised first. */
x86_return_common:
  testb $3, FRAME_CS(%rsp)
  jz .Lpop_iret
  movq %rsp, %rdi
  movq %rsp, %rbx
  andq $-16, %rsp
  call x86_prepare_user_return
  movq %rbx, %rsp
.Lpop_iret:
  RESTORE_GPRS
  addq $8, %rsp            /* orig_rax */
  iretq

/* void x86_return_to(const struct hal_regs *r): noreturn. */
  .globl x86_return_to
x86_return_to:
  movq %rdi, %rsp
  jmp x86_return_common

/*
 * `syscall` from user mode: rcx = user rip, r11 = user rflags, interrupts
 * off (FMASK). Single CPU and IF=0, so a global scratch slot holds the user
 * rsp while switching stacks.
 */
  .globl x86_syscall_entry
x86_syscall_entry:
  movq %rsp, x86_syscall_user_rsp(%rip)
  movq x86_syscall_kstack(%rip), %rsp
  pushq $USER_DS
  pushq x86_syscall_user_rsp(%rip)
  pushq %r11               /* rflags */
  pushq $USER_CS
  pushq %rcx               /* rip */
  pushq %rax               /* orig_rax */
  pushq %rdi
  SAVE_GPRS_FROM_RSI
  movq %rsp, %rdi
  movq %rsp, %rbx
  andq $-16, %rsp
  call kernel_syscall
  movq %rbx, %rdi
  call x86_prepare_user_return /* 1: sysret can restore this frame */
  movq %rbx, %rsp
  testl %eax, %eax
  jz .Lpop_iret
  RESTORE_GPRS             /* rcx == rip, r11 == rflags: checked */
  movq 32(%rsp), %rsp      /* frame rsp (orig_rax is at 0) */
  sysretq

/* void hal_kstack_switch(void **save_sp, void *next_sp) */
  .globl hal_kstack_switch
hal_kstack_switch:
  pushq %rbp
  pushq %rbx
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  movq %rsp, (%rdi)
  movq %rsi, %rsp
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %rbx
  popq %rbp
  ret

/* First code on a stack from hal_kstack_init(): r12 = fn, r13 = arg. */
  .globl x86_kstack_trampoline
x86_kstack_trampoline:
  movq %r13, %rdi
  call *%r12
  ud2

  .bss
  .balign 8
  .globl x86_syscall_kstack
x86_syscall_kstack:
  .quad 0
x86_syscall_user_rsp:
  .quad 0

  .section .note.GNU-stack, "", @progbits
