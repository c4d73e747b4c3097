/* signals.forged_frame: a handler that forges the saved processor state in
 * its frame. Linux keeps what user code may set, drops what it may not, and
 * refuses a frame that would return to a privileged or invalid state:
 *   - a reserved/privileged flag (x86-64: IOPL=3 in eflags, outside
 *     FIX_EFLAGS; arm64: PSTATE.IL, a RES0 bit valid_native_regs clears)
 *     is ignored: the program continues;
 *   - a kernel mode (x86-64: cs = 0x08, the kernel's code selector; arm64:
 *     PSTATE.M = EL1h) is refused: SIGSEGV;
 *   - an invalid stack or mask state (x86-64: ss = 0 with
 *     UC_STRICT_RESTORE_SS; arm64: PSTATE.I, interrupts masked) is refused:
 *     SIGSEGV.
 * Each case runs in a child; the parent prints how it ended. */
#define _GNU_SOURCE /* REG_* */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "contract.h"

enum forgery { RESERVED_FLAG, KERNEL_MODE, BAD_STATE };
static const char *const names[] = {"reserved flag", "kernel mode",
                                    "invalid stack or mask state"};
static volatile enum forgery which;

static void forge(ucontext_t *uc) {
#if defined(__x86_64__)
  greg_t *g = uc->uc_mcontext.gregs;
  /* REG_CSGSFS: cs in bits 0-15, gs 16-31, fs 32-47, ss 48-63. */
  if (which == RESERVED_FLAG)
    g[REG_EFL] |= 0x3000; /* IOPL 3 */
  else if (which == KERNEL_MODE)
    g[REG_CSGSFS] = (g[REG_CSGSFS] & ~0xffffLL) | 0x08;
  else
    g[REG_CSGSFS] &= ~(0xffffLL << 48);
#elif defined(__aarch64__)
  if (which == RESERVED_FLAG)
    uc->uc_mcontext.pstate |= 1u << 20; /* PSTATE.IL */
  else if (which == KERNEL_MODE)
    uc->uc_mcontext.pstate =
        (uc->uc_mcontext.pstate & ~0xfULL) | 0x5; /* EL1h */
  else
    uc->uc_mcontext.pstate |= 1u << 7; /* PSTATE.I */
#endif
}

static void on_usr1(int sig, siginfo_t *si, void *ctx) {
  (void)sig, (void)si;
  forge(ctx);
}

static void child(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  _exit(7); /* continued after the handler */
}

int main(void) {
  const char *want[] = {"continued", "killed by SIGSEGV", "killed by SIGSEGV"};
  for (int i = 0; i < 3; i++) {
    fflush(stdout);
    which = (enum forgery)i;
    pid_t pid = fork();
    if (pid == 0)
      child();
    int st = 0;
    waitpid(pid, &st, 0);
    const char *got =
        WIFEXITED(st) && WEXITSTATUS(st) == 7        ? "continued"
        : WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV ? "killed by SIGSEGV"
        : WIFSIGNALED(st) && WTERMSIG(st) == SIGILL  ? "killed by SIGILL"
                                                     : "ended otherwise";
    printf("forged %s: %s\n", names[i], got);
    check(strcmp(got, want[i]) == 0, names[i]);
  }
  return finish("forged_frame");
}
