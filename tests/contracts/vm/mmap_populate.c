/* vm.mmap_populate: anonymous memory is demand-zero (nothing resident until
 * touched; a read or a write makes exactly that page resident); MAP_POPULATE
 * makes every page resident at once, but not with MAP_NONBLOCK and not for
 * PROT_NONE. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long p = mm(0, 8 * PG, RW, ANON | MAP_POPULATE, -1, 0);
  check(p > 0 && resident(p, 8) == 8, "MAP_POPULATE: 8 of 8 resident");
  long q = mm(0, 8 * PG, RW, ANON, -1, 0);
  check(q > 0 && resident(q, 8) == 0, "plain: 0 of 8 resident");
  (void)*(volatile char *)(q + 3 * PG);
  check(resident(q, 8) == 1, "a read makes one page resident");
  *(volatile char *)(q + 5 * PG + 7) = 1;
  unsigned char v[8];
  syscall(SYS_mincore, q, 8 * PG, v);
  check(resident(q, 8) == 2 && (v[3] & 1) && (v[5] & 1),
        "a write makes its page resident too");
  long n = mm(0, 8 * PG, RW, ANON | MAP_POPULATE | MAP_NONBLOCK, -1, 0);
  check(n > 0 && resident(n, 8) == 0, "MAP_NONBLOCK cancels MAP_POPULATE");
  long z = mm(0, 8 * PG, PROT_NONE, ANON | MAP_POPULATE, -1, 0);
  check(z > 0 && resident(z, 8) == 0, "PROT_NONE is not populated");
  return finish("mmap_populate");
}
