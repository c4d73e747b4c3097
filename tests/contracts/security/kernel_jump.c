/* security.kernel_jump: user code that jumps into the kernel half is
 * killed by SIGSEGV (the kernel's text is not executable from user mode);
 * the machine reports it cleanly. Ends by the signal, as on Linux. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  printf("jumping into the kernel half\n");
  fflush(stdout);
  void (*target)(void) = (void (*)(void))(uintptr_t)0xffffffff80100000UL;
  target();
  printf("CONTRACT_FAIL kernel_jump: came back from kernel text\n");
  return 1;
}
