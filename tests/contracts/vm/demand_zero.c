/* vm.demand_zero: a 16 MiB anonymous mapping costs nothing until touched;
 * reading every 16th page makes exactly those pages resident, and every
 * byte read is zero; written bytes read back. */
#define _GNU_SOURCE
#include "contract.h"

#define PAGES 4096

int main(void) {
  long p = mm(0, PAGES * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 16 MiB");
  check(resident(p, PAGES) == 0, "nothing resident");
  int zero = 1;
  for (int i = 0; i < PAGES; i += 16)
    for (int k = 0; k < PG; k += 512)
      zero &= ((volatile unsigned char *)p)[i * PG + k] == 0;
  check(zero, "every 16th page reads zero");
  check(resident(p, PAGES) == PAGES / 16, "exactly those pages resident");
  for (int i = 0; i < PAGES; i += 16)
    ((unsigned char *)p)[i * PG + i % PG] = (unsigned char)(i / 16 + 1);
  int same = 1;
  for (int i = 0; i < PAGES; i += 16)
    same &=
        ((unsigned char *)p)[i * PG + i % PG] == (unsigned char)(i / 16 + 1);
  check(same, "written bytes read back");
  check(resident(p, PAGES) == PAGES / 16, "writes to resident pages add none");
  return finish("demand_zero");
}
