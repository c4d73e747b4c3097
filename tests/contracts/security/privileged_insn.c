/* security.privileged_insn: a privileged instruction in user mode is
 * refused and kills the program (x86-64: hlt raises #GP, Linux sends
 * SIGSEGV; arm64: an EL1 system register access is undefined at EL0, Linux
 * sends SIGILL). Ends by the signal. */
#include <stdio.h>

int main(void) {
  printf("executing a privileged instruction\n");
  fflush(stdout);
#if defined(__x86_64__)
  __asm__ volatile("hlt");
#elif defined(__aarch64__)
  unsigned long v;
  __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
  (void)v;
#endif
  printf("CONTRACT_FAIL privileged_insn: the instruction ran\n");
  return 1;
}
