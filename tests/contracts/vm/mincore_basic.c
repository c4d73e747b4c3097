/* vm.mincore_basic: mincore reports one byte per page (a partial page
 * counts), 1 for touched pages of anonymous memory and 0 for untouched ones;
 * unaligned start EINVAL, unmapped range ENOMEM (checked before the vector),
 * unwritable vector EFAULT, length 0 is fine anywhere. */
#define _GNU_SOURCE
#include "contract.h"

static long mc(long a, long l, void *v) {
  return rs(syscall(SYS_mincore, a, l, v));
}

int main(void) {
  long p = mm(0, 4 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 4 pages");
  unsigned char v[5];
  memset(v, 0xee, sizeof v);
  expect("mincore 2 pages + 1 byte", mc(p, 2 * PG + 1, v), "ok");
  check((v[0] & 1) == 0 && (v[1] & 1) == 0 && (v[2] & 1) == 0 && v[3] == 0xee,
        "3 entries, none resident, 4th byte untouched");
  (void)((volatile char *)p)[0];
  ((volatile char *)p)[2 * PG] = 1;
  mc(p, 4 * PG, v);
  check((v[0] & 1) && !(v[1] & 1) && (v[2] & 1) && !(v[3] & 1),
        "read page and written page resident, others not");
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  expect("unaligned start", mc(p + 1, PG, v), "EINVAL");
  expect("length 0, unmapped", mc(p + 4 * PG + PG * 1000, 0, v), "ok");
  syscall(SYS_munmap, p + 3 * PG, PG);
  expect("range into a hole", mc(p, 4 * PG, v), "ENOMEM");
  expect("unmapped, bad vector", mc(p + 3 * PG, PG, (void *)16), "ENOMEM");
  expect("NULL vector", mc(p, PG, 0), "EFAULT");
  expect("read-only vector", mc(p, PG, (void *)ro), "EFAULT");
  expect("kernel address", mc((long)0xffff800000000000UL, PG, v), "ENOMEM");
  expect("wrapping range", mc(p, -PG, v), "ENOMEM");
  return finish("mincore_basic");
}
