/* security.efault_writev: writev with an unreadable iovec array or an
 * unreadable first buffer is EFAULT and writes nothing. */
#define _GNU_SOURCE
#include <sys/uio.h>

#include "contract.h"

int main(void) {
  long p = mm(0, PG, RW, ANON, -1, 0);
  check(p > 0, "mmap a page");
  syscall(SYS_munmap, p, PG);
  fflush(stdout);
  char ok[] = "x";
  struct iovec bad_first[2] = {{(void *)p, 5}, {ok, 1}};
  expect("iovec array NULL", rs(syscall(SYS_writev, 1, 0, 2)), "EFAULT");
  expect("iovec array unmapped", rs(syscall(SYS_writev, 1, p, 2)), "EFAULT");
  expect("iovec array in kernel space",
         rs(syscall(SYS_writev, 1, 0xffff800000000000UL, 1)), "EFAULT");
  expect("first buffer unmapped", rs(syscall(SYS_writev, 1, bad_first, 2)),
         "EFAULT");
  expect("bad fd and bad array", rs(syscall(SYS_writev, 4000, 0, 2)), "EBADF");
  return finish("efault_writev");
}
