/* vm.mmap_fixed_replace: MAP_FIXED replaces whatever is in its range (parts
 * of two mappings and the hole between them) with fresh zero pages, with
 * the new protection; pages outside the range keep their data. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long b = mm(0, 8 * PG, RW, ANON, -1, 0);
  check(b > 0, "mmap 8 pages");
  memset((void *)b, 0x11, 8 * PG);
  check(syscall(SYS_munmap, b + 3 * PG, PG) == 0, "unmap page 3");
  check(syscall(SYS_mprotect, b + 4 * PG, PG, PROT_READ) == 0,
        "page 4 read-only");
  long q = mm(b + 2 * PG, 3 * PG, RW, ANON | MAP_FIXED, -1, 0);
  check(q == b + 2 * PG, "MAP_FIXED over pages 2-4 maps there");
  unsigned char v[8];
  check(syscall(SYS_mincore, b, 8 * PG, v) == 0, "no hole left in 0-7");
  check(!(v[2] & 1) && !(v[3] & 1) && !(v[4] & 1) && (v[1] & 1) && (v[5] & 1),
        "new pages not resident, neighbours are");
  int zero = 1;
  for (long i = 2 * PG; i < 5 * PG; i++)
    zero &= ((unsigned char *)b)[i] == 0;
  check(zero, "replaced pages read zero");
  ((volatile char *)b)[4 * PG] = 1;
  check(((volatile char *)b)[4 * PG] == 1, "former read-only page writable");
  check(((unsigned char *)b)[PG + 4095] == 0x11 &&
            ((unsigned char *)b)[5 * PG] == 0x11,
        "pages 1 and 5 keep their data");
  return finish("mmap_fixed_replace");
}
