/* vm.mmap_hint: a hint is only a hint. A free page-aligned hint is used as
 * it is; an occupied one gives some other free range (never replacing what
 * is there); a hint in kernel space gives an ordinary user address. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long base = mm(0, 64 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 64 pages");
  syscall(SYS_munmap, base, 64 * PG);
  long r = mm(base + 16 * PG, 4 * PG, RW, ANON, -1, 0);
  check(r == base + 16 * PG, "a free hint is taken as it is");
  memset((void *)r, 0x33, 4 * PG);
  long r2 = mm(base + 17 * PG, 4 * PG, RW, ANON, -1, 0);
  check(r2 > 0 && r2 != base + 17 * PG, "an occupied hint is moved");
  check(r2 + 4 * PG <= r || r2 >= r + 4 * PG, "the moved range is disjoint");
  check(((unsigned char *)r)[PG] == 0x33, "the occupant keeps its data");
  check(((volatile unsigned char *)r2)[0] == 0, "the moved range reads zero");
  long k = mm((long)0xffff800000000000UL, PG, RW, ANON, -1, 0);
  check(k > 0 && (unsigned long)k < 0x1000000000000UL,
        "a kernel-space hint gives a user address");
  return finish("mmap_hint");
}
