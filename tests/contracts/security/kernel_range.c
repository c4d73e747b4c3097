/* security.kernel_range: no memory call reaches kernel space: mapping there
 * is ENOMEM (MAP_FIXED) or lands in user space (a hint), mprotect and
 * mincore say ENOMEM, munmap says EINVAL, madvise ENOMEM, mremap EFAULT. */
#define _GNU_SOURCE
#include "contract.h"

#define K 0xffff800000000000UL

int main(void) {
  unsigned char v;
  expect("mmap MAP_FIXED", mm((long)K, PG, RW, ANON | MAP_FIXED, -1, 0),
         "ENOMEM");
  long h = mm((long)K, PG, RW, ANON, -1, 0);
  check(h > 0 && (unsigned long)h < (1UL << 48), "mmap hint: a user address");
  expect("mprotect", rs(syscall(SYS_mprotect, K, PG, RW)), "ENOMEM");
  expect("munmap", rs(syscall(SYS_munmap, K, PG)), "EINVAL");
  expect("mincore", rs(syscall(SYS_mincore, K, PG, &v)), "ENOMEM");
  expect("madvise", rs(syscall(SYS_madvise, K, PG, MADV_DONTNEED)), "ENOMEM");
  expect("mremap", rs(syscall(SYS_mremap, K, PG, PG, 0)), "EFAULT");
  expect("msync", rs(syscall(SYS_msync, K, PG, MS_SYNC)), "ENOMEM");
  return finish("kernel_range");
}
