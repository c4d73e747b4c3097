/* Fixture program: writes, then dies of SIGSEGV (default action). */
#include <unistd.h>

int main(void) {
  write(1, "before\n", 7);
  *(volatile int *)8 = 1;
  return 0;
}
