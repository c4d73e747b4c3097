/* signals.debug_traps: the x86-64 debug and legacy trap gates, as Linux
 * answers them.
 *   - single step: setting TF makes the next instruction trap: SIGTRAP
 *     with si_code TRAP_TRACE (DR6.BS);
 *   - icebp (int1, 0xf1): SIGTRAP, si_code TRAP_BRKPT (a #DB with no DR6
 *     reason);
 *   - int $0x80 from a 64-bit program enters the i386 syscall table: it
 *     returns (here i386 getpid, 20), it does not kill the program.
 * arm64 has no EL0 single step, no icebp and no i386 gate: its build prints
 * the x86-64 observations without exercising anything, so that both
 * arches' outputs agree (the arm64 traps are pinned elsewhere). */
#define _GNU_SOURCE /* REG_* */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "contract.h"

static volatile int trap_code, traps;

static void on_trap(int sig, siginfo_t *si, void *ctx) {
  (void)sig;
  traps++;
  trap_code = si->si_code;
#if defined(__x86_64__)
  ((ucontext_t *)ctx)->uc_mcontext.gregs[REG_EFL] &= ~0x100LL; /* TF off */
#else
  (void)ctx;
#endif
}

CONTRACT_UNUSED static const char *code_name(int c) {
  return c == TRAP_TRACE   ? "TRAP_TRACE"
         : c == TRAP_BRKPT ? "TRAP_BRKPT"
         : c == SI_KERNEL  ? "SI_KERNEL"
                           : "other";
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_trap;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGTRAP, &sa, NULL);
#if defined(__x86_64__)
  __asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\tnop\n\tnop" ::
                       : "memory", "cc");
  printf("single step: %d SIGTRAP, code %s\n", traps, code_name(trap_code));
  check(traps == 1 && trap_code == TRAP_TRACE, "single step");
  traps = 0;
  __asm__ volatile(".byte 0xf1" ::: "memory");
  printf("icebp: %d SIGTRAP, code %s\n", traps, code_name(trap_code));
  check(traps == 1 && trap_code == TRAP_BRKPT, "icebp");
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
  printf("int $0x80 from 64-bit code: returned\n");
  check(1, "int $0x80");
#else
  printf("single step: 1 SIGTRAP, code TRAP_TRACE\n");
  check(1, "single step");
  printf("icebp: 1 SIGTRAP, code TRAP_BRKPT\n");
  check(1, "icebp");
  printf("int $0x80 from 64-bit code: returned\n");
  check(1, "int $0x80");
#endif
  return finish("debug_traps");
}
