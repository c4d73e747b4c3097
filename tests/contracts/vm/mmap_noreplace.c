/* vm.mmap_noreplace: MAP_FIXED_NOREPLACE fails with EEXIST on any overlap,
 * exact or partial, before the mapping type is even checked, and leaves the
 * existing memory alone; next to a mapping or in a hole it maps exactly
 * there. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long base = mm(0, 8 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 8 pages");
  syscall(SYS_munmap, base, 8 * PG);
  /* p = pages 2..5 of the freed range, free pages around it. */
  long p = mm(base + 2 * PG, 4 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(p == base + 2 * PG, "NOREPLACE into free space maps there");
  memset((void *)p, 0x5a, 4 * PG);
  int NR = ANON | MAP_FIXED_NOREPLACE;
  expect("the same range", mm(p, 4 * PG, RW, NR, -1, 0), "EEXIST");
  expect("one page inside", mm(p + PG, PG, RW, NR, -1, 0), "EEXIST");
  expect("overlapping the start", mm(p - PG, 2 * PG, RW, NR, -1, 0), "EEXIST");
  expect("overlapping the end", mm(p + 3 * PG, 2 * PG, RW, NR, -1, 0),
         "EEXIST");
  expect("covering it", mm(p - PG, 6 * PG, RW, NR, -1, 0), "EEXIST");
  expect("overlap before a bad type",
         mm(p, PG, RW, MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), "EEXIST");
  int intact = 1;
  for (long i = 0; i < 4 * PG; i++)
    intact &= ((unsigned char *)p)[i] == 0x5a;
  check(intact, "existing pages keep their data");
  long below = mm(p - PG, PG, RW, NR, -1, 0);
  check(below == p - PG, "adjacent below maps there");
  long above = mm(p + 4 * PG, PG, RW, NR, -1, 0);
  check(above == p + 4 * PG, "adjacent above maps there");
  syscall(SYS_munmap, p + PG, PG);
  long hole = mm(p + PG, PG, RW, NR, -1, 0);
  check(hole == p + PG, "a hole just unmapped maps there");
  check(*(volatile char *)(p + PG) == 0, "and reads zero");
  return finish("mmap_noreplace");
}
