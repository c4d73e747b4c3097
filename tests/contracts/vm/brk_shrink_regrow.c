/* vm.brk_shrink_regrow: the raw brk returns exactly the break asked for,
 * page aligned or not; shrinking frees the pages (mincore: ENOMEM), so
 * growing again gives zeros, while the pages kept keep their data. */
#define _GNU_SOURCE
#include "contract.h"

static long brk_(long a) {
  return syscall(SYS_brk, a);
}

int main(void) {
  long b = brk_(0);
  long base = (b + PG - 1) & -PG;
  check(brk_(base + 3 * PG + 100) == base + 3 * PG + 100,
        "grow to an unaligned break: exact");
  memset((void *)base, 0x42, 3 * PG + 100);
  check(brk_(0) == base + 3 * PG + 100, "brk(0) reports it");
  check(brk_(base + PG + 7) == base + PG + 7, "shrink to an unaligned break");
  unsigned char v;
  expect("page after the new break",
         rs(syscall(SYS_mincore, base + 2 * PG, PG, &v)), "ENOMEM");
  check(brk_(base + 3 * PG) == base + 3 * PG, "grow again");
  volatile unsigned char *c = (unsigned char *)base;
  check(c[0] == 0x42 && c[PG + 6] == 0x42 && c[2 * PG - 1] == 0x42,
        "the page kept keeps its data (to its end)");
  check(c[2 * PG] == 0 && c[3 * PG - 1] == 0, "regrown pages read zero");
  check(brk_(b) == b, "back to the start");
  return finish("brk_shrink_regrow");
}
