/* signals.bad_sigreturn: a handler that corrupts its frame (the FP state
 * pointer on x86-64, the fpsimd record on arm64) makes rt_sigreturn fail,
 * and Linux answers with SIGSEGV, which a SIGSEGV handler catches. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static void corrupt(ucontext_t *uc) {
#if defined(__x86_64__)
  uc->uc_mcontext.fpregs = (void *)16; /* not mapped */
#elif defined(__aarch64__)
  uint32_t *magic = (uint32_t *)uc->uc_mcontext.__reserved;
  *magic = 0x12345678; /* the fpsimd_context record's magic */
#endif
}

static void on_usr1(int sig, siginfo_t *si, void *ctx) {
  (void)sig, (void)si;
  printf("handler corrupts its frame\n");
  corrupt(ctx);
}

static void on_segv(int sig) {
  (void)sig;
  printf("SIGSEGV after the corrupt rt_sigreturn\n");
  printf("CONTRACT_PASS bad_sigreturn\n");
  fflush(stdout);
  _exit(0);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, NULL);
  signal(SIGSEGV, on_segv);
  raise(SIGUSR1);
  printf("CONTRACT_FAIL bad_sigreturn: returned normally\n");
  return 1;
}
