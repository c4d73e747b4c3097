/* vm.mremap_grow: mremap grows in place when the space after is free (same
 * address, data kept, new part zero); when blocked it is ENOMEM without
 * MREMAP_MAYMOVE and moves with it (old address unmapped); shrinking keeps
 * the address and unmaps the tail; argument errors in Linux's order. */
#define _GNU_SOURCE
#include "contract.h"

static long mr(long a, long o, long n, long f, long na) {
  return rs(syscall(SYS_mremap, a, o, n, f, na));
}

int main(void) {
  long base = mm(0, 16 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 16 pages");
  syscall(SYS_munmap, base, 16 * PG);
  long a = mm(base, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(a == base, "2 pages at the start of a free range");
  memset((void *)a, 0x44, 2 * PG);
  long r = mr(a, 2 * PG, 4 * PG, 0, 0);
  check(r == a, "grown to 4 pages in place");
  check(((unsigned char *)a)[2 * PG - 1] == 0x44 &&
            ((volatile unsigned char *)a)[3 * PG] == 0,
        "old data kept, new pages zero");
  long b = mm(a + 4 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(b == a + 4 * PG, "a blocker right after it");
  ((char *)b)[0] = 'B';
  expect("grow when blocked, no MAYMOVE", mr(a, 4 * PG, 6 * PG, 0, 0),
         "ENOMEM");
  r = mr(a, 4 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
  check(r > 0 && r != a, "grow with MAYMOVE moves");
  check(r > 0 && ((unsigned char *)r)[PG] == 0x44 &&
            ((volatile unsigned char *)r)[5 * PG] == 0,
        "moved data kept, new pages zero");
  check(!mapped(a), "old address unmapped");
  check(((char *)b)[0] == 'B', "the blocker is untouched");
  check(mr(r, 6 * PG, 2 * PG, 0, 0) == r, "shrink keeps the address");
  check(mapped(r + PG) && !mapped(r + 2 * PG), "tail unmapped");
  check(mr(r, 2 * PG, 2 * PG, 0, 0) == r, "same size is a no-op");
  expect("unmapped address", mr(base + 8 * PG, PG, 2 * PG, MREMAP_MAYMOVE, 0),
         "EFAULT");
  expect("grow a range past its mapping",
         mr(r, 3 * PG, 4 * PG, MREMAP_MAYMOVE, 0), "EFAULT");
  expect("new length 0", mr(r, PG, 0, 0, 0), "EINVAL");
  expect("unknown flag", mr(r, PG, PG, 8, 0), "EINVAL");
  expect("MREMAP_FIXED without MAYMOVE", mr(r, PG, PG, MREMAP_FIXED, base),
         "EINVAL");
  expect("unaligned address", mr(r + 1, PG, PG, 0, 0), "EINVAL");
  expect("old length 0 of private memory", mr(r, 0, PG, MREMAP_MAYMOVE, 0),
         "EINVAL");
  /* A length past the address space: 6.18 says EINVAL, 6.1 ENOMEM, so the
   * test takes one that rounds up to 0, EINVAL on both (docs/reference.md). */
  expect("new length 2^64-1 (rounds up to 0)",
         mr(r, PG, -1L, MREMAP_MAYMOVE, 0), "EINVAL");
  return finish("mremap_grow");
}
