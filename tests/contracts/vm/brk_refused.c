/* vm.brk_refused: brk never fails; a refused request returns the unchanged
 * break: below the start, far more than memory, wrapping, or so close to a
 * mapping that no page would be left between them (Linux keeps one). */
#define _GNU_SOURCE
#include "contract.h"

static long brk_(long a) {
  return syscall(SYS_brk, a);
}

int main(void) {
  long b = brk_(0);
  long base = (b + PG - 1) & -PG;
  check(brk_(b - PG) == b, "below the start: unchanged");
  check(brk_(b + (1L << 40)) == b, "1 TiB more: unchanged");
  check(brk_(-PG) == b, "near 2^64: unchanged");
  long m = mm(base + 4 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(m == base + 4 * PG, "a mapping 4 pages after the break");
  check(brk_(base + 4 * PG) == b, "break up to the mapping: unchanged");
  check(brk_(base + 3 * PG + 1) == b,
        "break into the last page before: unchanged");
  check(brk_(base + 3 * PG) == base + 3 * PG, "a page short of it: moved");
  check(brk_(0) == base + 3 * PG, "brk(0) agrees");
  check(brk_(b) == b, "back to the start");
  return finish("brk_refused");
}
