/* security.efault_partial_pipe: stdout is a pipe. A pipe write copies the
 * data a page at a time and commits a page only when all of it was copied:
 * a buffer whose first 10 bytes are readable and the rest not is EFAULT with
 * nothing written, as is a writev whose second buffer is unreadable. (How
 * much of a longer buffer is written depends on how full the pipe is.) */
#define _GNU_SOURCE
#include <sys/uio.h>

#include "contract.h"

int main(void) {
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  memset((void *)p, '.', 3 * PG);
  syscall(SYS_munmap, p + 2 * PG, PG);
  fflush(stdout);
  expect("10 readable bytes then a hole",
         rs(syscall(SYS_write, 1, p + 2 * PG - 10, 100)), "EFAULT");
  struct iovec iv[2] = {{(void *)p, 5}, {(void *)(p + 2 * PG), 5}};
  expect("writev, second buffer unreadable", rs(syscall(SYS_writev, 1, iv, 2)),
         "EFAULT");
  return finish("efault_partial_pipe");
}
