/* vm.msync_anon: msync on anonymous memory succeeds for MS_SYNC, MS_ASYNC,
 * MS_INVALIDATE and no flags; unknown flags, MS_SYNC|MS_ASYNC and unaligned
 * starts are EINVAL (flags first); a range with a hole or past the mapping
 * is ENOMEM; length 0 is fine. */
#define _GNU_SOURCE
#include "contract.h"

static long ms(long a, long l, int f) {
  return rs(syscall(SYS_msync, a, l, f));
}

int main(void) {
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  ((char *)p)[5] = 1;
  expect("MS_SYNC", ms(p, 3 * PG, MS_SYNC), "ok");
  expect("MS_ASYNC", ms(p, 3 * PG, MS_ASYNC), "ok");
  expect("MS_INVALIDATE", ms(p, PG, MS_INVALIDATE), "ok");
  expect("no flags", ms(p, PG, 0), "ok");
  check(((char *)p)[5] == 1, "data unchanged");
  expect("unknown flag", ms(p, PG, 8), "EINVAL");
  expect("MS_SYNC|MS_ASYNC", ms(p, PG, MS_SYNC | MS_ASYNC), "EINVAL");
  expect("unaligned start", ms(p + 1, PG, MS_SYNC), "EINVAL");
  expect("unaligned start, unknown flag", ms(p + 1, PG, 8), "EINVAL");
  expect("length 0", ms(p, 0, MS_SYNC), "ok");
  syscall(SYS_munmap, p + PG, PG);
  expect("range over a hole", ms(p, 3 * PG, MS_SYNC), "ENOMEM");
  expect("range over a hole, MS_ASYNC", ms(p, 3 * PG, MS_ASYNC), "ENOMEM");
  expect("unmapped page", ms(p + PG, PG, MS_SYNC), "ENOMEM");
  expect("wrapping range", ms(p, -PG, MS_SYNC), "ENOMEM");
  return finish("msync_anon");
}
