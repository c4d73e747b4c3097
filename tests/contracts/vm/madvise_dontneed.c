/* vm.madvise_dontneed: MADV_DONTNEED on private anonymous memory drops the
 * pages (zero and not resident afterwards); over a hole it still does so on
 * both sides and returns ENOMEM; the other hints Linux accepts leave the data
 * alone; invalid advice, unaligned starts and wrapping ranges are EINVAL
 * before the range is looked at. */
#define _GNU_SOURCE
#include "contract.h"

static long adv(long a, long l, int advice) {
  return rs(syscall(SYS_madvise, a, l, advice));
}

int main(void) {
  long p = mm(0, 4 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 4 pages");
  memset((void *)p, 0x66, 4 * PG);
  expect("MADV_DONTNEED pages 1-2", adv(p + PG, 2 * PG, MADV_DONTNEED), "ok");
  unsigned char v[4];
  syscall(SYS_mincore, p, 4 * PG, v);
  check((v[0] & 1) && !(v[1] & 1) && !(v[2] & 1) && (v[3] & 1),
        "pages 1-2 no longer resident");
  volatile unsigned char *c = (unsigned char *)p;
  check(c[PG] == 0 && c[3 * PG - 1] == 0, "and read zero");
  check(c[0] == 0x66 && c[3 * PG] == 0x66, "pages 0 and 3 keep their data");

  c[0] = c[2 * PG] = 0x77;
  syscall(SYS_munmap, p + PG, PG);
  expect("MADV_DONTNEED over a hole", adv(p, 3 * PG, MADV_DONTNEED), "ENOMEM");
  check(c[0] == 0 && c[2 * PG] == 0, "both sides of the hole dropped");

  c[3 * PG] = 0x55;
  static const int hints[] = {MADV_NORMAL,     MADV_RANDOM,   MADV_SEQUENTIAL,
                              MADV_WILLNEED,   MADV_DONTFORK, MADV_DOFORK,
                              MADV_DONTDUMP,   MADV_DODUMP,   MADV_WIPEONFORK,
                              MADV_KEEPONFORK, MADV_COLD,     MADV_FREE};
  int all = 1;
  for (unsigned i = 0; i < sizeof hints / sizeof hints[0]; i++)
    all &= adv(p + 3 * PG, PG, hints[i]) == 0;
  check(all, "12 other hints accepted");
  check(c[3 * PG] == 0x55, "and the data is still there");
  expect("advice 5", adv(p, PG, 5), "EINVAL");
  expect("advice 999", adv(p, PG, 999), "EINVAL");
  expect("invalid advice on unmapped memory", adv(p + PG, PG, 999), "EINVAL");
  expect("unaligned start", adv(p + 1, PG, MADV_DONTNEED), "EINVAL");
  expect("wrapping range", adv(p, -PG, MADV_DONTNEED), "EINVAL");
  expect("length 0", adv(p + PG, 0, MADV_DONTNEED), "ok");
  expect("unmapped range", adv(p + PG, PG, MADV_DONTNEED), "ENOMEM");
  expect("kernel address", adv((long)0xffff800000000000UL, PG, MADV_NORMAL),
         "ENOMEM");
  return finish("madvise_dontneed");
}
