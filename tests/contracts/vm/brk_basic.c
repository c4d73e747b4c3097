/* vm.brk_basic: the raw brk syscall. brk(0) reports the current break;
 * growing it by 8192 returns the new break; the new bytes read as zero and
 * keep what is written to them. (musl's sbrk(n) for n != 0 never enters the
 * kernel, so the raw syscall is used.) */
#include <stdint.h>

#include "contract.h"

int main(void) {
  uintptr_t base = (uintptr_t)syscall(SYS_brk, 0);
  check(base != 0, "brk(0) nonzero");

  uintptr_t grown = (uintptr_t)syscall(SYS_brk, base + 8192);
  check(grown == base + 8192, "brk grew 8192");

  unsigned char *p = (unsigned char *)base;
  int zero = 1;
  for (int i = 0; i < 8192; i++)
    if (p[i] != 0)
      zero = 0;
  check(zero, "new bytes zero");

  for (int i = 0; i < 8192; i++)
    p[i] = (unsigned char)(i * 7);
  int same = 1;
  for (int i = 0; i < 8192; i++)
    if (p[i] != (unsigned char)(i * 7))
      same = 0;
  check(same, "written bytes read back");

  uintptr_t again = (uintptr_t)syscall(SYS_brk, 0);
  check(again == grown, "brk(0) reports the new break");

  return finish("brk_basic");
}
