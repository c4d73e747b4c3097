/* scheduling.affinity: sched_getaffinity returns the byte count it wrote
 * and a mask with at least one CPU; a size that is not a multiple of the
 * word is EINVAL; setting the returned mask works, an empty mask is
 * EINVAL, an unknown pid ESRCH. */

#include "contract.h"

static long raw(long nr, long a, long b, void *c) {
  return rs(syscall(nr, a, b, c));
}

int main(void) {
  unsigned long mask[16];
  memset(mask, 0, sizeof mask);
  long n = raw(SYS_sched_getaffinity, 0, sizeof mask, mask);
  check(n > 0 && n % sizeof(long) == 0 && n <= (long)sizeof mask,
        "getaffinity returns a word count of bytes");
  int cpus = 0;
  for (int i = 0; i < 16; i++)
    cpus += __builtin_popcountl(mask[i]);
  check(cpus >= 1, "at least one CPU");
  check(raw(SYS_sched_getaffinity, 0, 4, mask) == -EINVAL, "size 4 EINVAL");
  check(raw(SYS_sched_getaffinity, 0x3ffffff0, sizeof mask, mask) == -ESRCH,
        "unknown pid ESRCH");
  check(raw(SYS_sched_setaffinity, 0, sizeof mask, mask) == 0,
        "set the same mask");
  unsigned long none[16];
  memset(none, 0, sizeof none);
  check(raw(SYS_sched_setaffinity, 0, sizeof none, none) == -EINVAL,
        "empty mask EINVAL");
  check(raw(SYS_sched_getaffinity, 0, sizeof mask, (void *)8) == -EFAULT,
        "bad pointer EFAULT");

  return finish("affinity");
}
