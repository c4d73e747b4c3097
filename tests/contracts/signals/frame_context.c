/* signals.frame_context: the handler's ucontext holds the interrupted
 * registers (a callee-saved general register and an FP/SIMD register) and
 * the mask at the time; what the handler writes there is what the program
 * resumes with after rt_sigreturn. */
#define _GNU_SOURCE
#include <stdint.h>
#include <ucontext.h>

#include "contract.h"

#define GPR_IN 0x1111222233334444ULL
#define GPR_OUT 0x5555666677778888ULL
#define FP_IN 0x0123456789abcdefULL
#define FP_OUT 0xfedcba9876543210ULL

static volatile int saw_gpr, saw_fp, saw_mask, saw_info;

#if defined(__x86_64__)
static uint64_t *gpr_slot(ucontext_t *uc) {
  return (uint64_t *)&uc->uc_mcontext.gregs[REG_RBX];
}
static uint64_t *fp_slot(ucontext_t *uc) {
  return (uint64_t *)&uc->uc_mcontext.fpregs->_xmm[1];
}
/* kill(pid, sig) with rbx and xmm1 set around the syscall. */
static long kill_with_regs(long pid, long sig, uint64_t *gpr, uint64_t *fp) {
  long ret;
  uint64_t g = *gpr, f = *fp;
  __asm__ volatile("movq %[fin], %%xmm1\n\tsyscall\n\tmovq %%xmm1, %[fout]"
                   : "=a"(ret), "+b"(g), [fout] "=r"(f)
                   : "a"((long)SYS_kill), "D"(pid), "S"(sig), [fin] "r"(f)
                   : "rcx", "r11", "memory", "xmm1");
  *gpr = g;
  *fp = f;
  return ret;
}
#elif defined(__aarch64__)
struct fpsimd {
  uint32_t magic, size, fpsr, fpcr;
  __uint128_t vregs[32];
};
static uint64_t *gpr_slot(ucontext_t *uc) {
  return (uint64_t *)&uc->uc_mcontext.regs[19];
}
static uint64_t *fp_slot(ucontext_t *uc) {
  unsigned char *p = (unsigned char *)uc->uc_mcontext.__reserved;
  for (;;) {
    struct fpsimd *f = (struct fpsimd *)p;
    if (f->magic == 0x46508001)
      return (uint64_t *)&f->vregs[1];
    if (f->magic == 0 || f->size == 0)
      return NULL;
    p += f->size;
  }
}
static long kill_with_regs(long pid, long sig, uint64_t *gpr, uint64_t *fp) {
  register long x0 __asm__("x0") = pid;
  register long x1 __asm__("x1") = sig;
  register long x8 __asm__("x8") = SYS_kill;
  register uint64_t x19 __asm__("x19") = *gpr;
  uint64_t f = *fp;
  __asm__ volatile("fmov d1, %[fin]\n\tsvc #0\n\tfmov %[fout], d1"
                   : "+r"(x0), "+r"(x19), [fout] "=r"(f)
                   : "r"(x1), "r"(x8), [fin] "r"(f)
                   : "memory", "v1");
  *gpr = x19;
  *fp = f;
  return x0;
}
#endif

static void handler(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  saw_info = si->si_signo == sig;
  saw_mask = sigismember(&uc->uc_sigmask, SIGUSR2) == 1 &&
             sigismember(&uc->uc_sigmask, SIGUSR1) == 0;
  uint64_t *g = gpr_slot(uc), *f = fp_slot(uc);
  saw_gpr = *g == GPR_IN;
  saw_fp = f && *f == FP_IN;
  *g = GPR_OUT;
  if (f)
    *f = FP_OUT;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t usr2;
  sigemptyset(&usr2);
  sigaddset(&usr2, SIGUSR2);
  sigprocmask(SIG_BLOCK, &usr2, NULL);

  uint64_t gpr = GPR_IN, fp = FP_IN;
  long r = kill_with_regs(getpid(), SIGUSR1, &gpr, &fp);
  check(r == 0, "kill returned 0");
  check(saw_info, "siginfo names the signal");
  check(saw_mask, "uc_sigmask is the mask at delivery");
  check(saw_gpr, "handler saw the general register");
  check(saw_fp, "handler saw the FP register");
  check(gpr == GPR_OUT, "general register changed by the handler");
  check(fp == FP_OUT, "FP register changed by the handler");

  return finish("frame_context");
}
