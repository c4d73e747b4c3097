/* security.efault_write: write() from a pointer the program cannot read is
 * EFAULT, never a crash: NULL, an unmapped page, a PROT_NONE page, a kernel
 * address; a bad descriptor is reported first; length 0 reads nothing. */
#define _GNU_SOURCE
#include "contract.h"

static long wr(int fd, long buf, long n) {
  return rs(syscall(SYS_write, fd, buf, n));
}

int main(void) {
  long p = mm(0, 2 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 2 pages");
  syscall(SYS_munmap, p + PG, PG);
  syscall(SYS_mprotect, p, PG, PROT_NONE);
  fflush(stdout);
  expect("write from NULL", wr(1, 0, 10), "EFAULT");
  expect("write from an unmapped page", wr(1, p + PG, 10), "EFAULT");
  expect("write from a PROT_NONE page", wr(1, p, 10), "EFAULT");
  expect("write from a kernel address", wr(1, (long)0xffff800000000000UL, 10),
         "EFAULT");
  expect("write from just below 2^47", wr(1, (long)0x7ffffffffff8UL, 16),
         "EFAULT");
  expect("bad fd and bad buffer", wr(4000, 0, 10), "EBADF");
  check(wr(1, 0, 0) == 0, "length 0 from NULL writes nothing");
  return finish("efault_write");
}
