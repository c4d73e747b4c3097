/*
 * The per-arch half of signal delivery (linux_shim/arch/<arch>/sigframe.c):
 * Linux's rt_sigframe for the arch, built on the user stack and read back
 * by rt_sigreturn. The generic half (deliver.c) decides which signal,
 * which mask and which stack.
 */
#ifndef LINUX_SHIM_SIGFRAME_H
#define LINUX_SHIM_SIGFRAME_H

#include <stdbool.h>
#include <stdint.h>

#include <hal/cpu.h>
#include <libos/task.h> /* struct user_fault */
#include <uapi/signal.h>

struct sigframe_args {
  int sig;
  const struct linux_siginfo *info;
  const struct linux_sigaction *act;
  linux_sigset_t uc_mask;      /* the mask rt_sigreturn restores */
  struct linux_stack uc_stack; /* the alternate stack state to save */
  bool on_altstack;            /* build at altstack_top, not below sp */
  uint64_t altstack_top;
  /* The delivering thread's last fault (thread.fault): sigcontext's
   * trapno/err/cr2 on x86-64, fault_address and esr_context on arm64. */
  const struct user_fault *fault;
};

/* Smallest alternate stack sigaltstack accepts (MINSIGSTKSZ). */
extern const uint64_t arch_min_sigstksz;

/* Build the frame and point `r` at the handler (pc, sp, argument
 * registers, return address = the restorer). Returns 0, or -1 when the
 * frame cannot be written (the caller forces SIGSEGV). */
int arch_setup_rt_frame(struct hal_regs *r, const struct sigframe_args *a);

/* rt_sigreturn: read the frame the user sp points at, restore `r` and the
 * FP state, and return the saved mask and uc_stack. Returns 0, or -1 for a
 * bad frame (r may be partly restored, as in Linux). */
int arch_rt_sigreturn(struct hal_regs *r, linux_sigset_t *mask,
                      struct linux_stack *uc_stack);

/* The SIGSEGV Linux raises for a bad rt_sigreturn frame on this arch. */
void arch_sigreturn_fault(struct hal_regs *r, struct linux_siginfo *si);

/* Make a rewound syscall frame call `nr` instead (restart_syscall). */
void arch_set_syscall_nr(struct hal_regs *r, long nr);

/* The return-value register of `r` (after rt_sigreturn: the restored one). */
uint64_t arch_syscall_retval(const struct hal_regs *r);

/* Red zone below the interrupted sp that a frame must skip. */
extern const uint64_t arch_redzone;

#endif
