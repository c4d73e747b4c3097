/* security.kernel_read: a user load from the kernel half (the physmap on
 * both arches) is killed by SIGSEGV; nothing of the kernel is readable. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  printf("reading the kernel half\n");
  fflush(stdout);
  volatile const uint64_t *p = (const uint64_t *)0xffff800000100000UL;
  uint64_t v = *p;
  printf("CONTRACT_FAIL kernel_read: read %s\n", v ? "data" : "zero");
  return 1;
}
