/* security.read_bad_buffer: stdin is /dev/null: read() reaches end of file
 * without touching the buffer, so a read-only or NULL buffer gives 0; a
 * buffer in kernel space fails read()'s up-front range check (EFAULT); a
 * bad descriptor is EBADF before the buffer is looked at. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  check(syscall(SYS_read, 0, ro, 10) == 0, "read into a read-only page: 0");
  check(syscall(SYS_read, 0, 0, 10) == 0, "read into NULL: 0");
  expect("read into kernel space (access_ok)",
         rs(syscall(SYS_read, 0, 0xffff800000000000UL, 10)), "EFAULT");
  check(*(volatile char *)ro == 0, "the read-only page is unchanged");
  expect("read, bad fd, bad buffer", rs(syscall(SYS_read, 4000, 0, 10)),
         "EBADF");
  return finish("read_bad_buffer");
}
