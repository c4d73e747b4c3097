/* security.efault_uname: uname() into memory the program cannot write is
 * EFAULT: NULL, unmapped, read-only, the program's own text, kernel space. */
#define _GNU_SOURCE
#include <sys/utsname.h>

#include "contract.h"

int main(void) {
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  long un = mm(0, PG, RW, ANON, -1, 0);
  syscall(SYS_munmap, un, PG);
  expect("uname(NULL)", rs(syscall(SYS_uname, 0)), "EFAULT");
  expect("uname(unmapped)", rs(syscall(SYS_uname, un)), "EFAULT");
  expect("uname(read-only page)", rs(syscall(SYS_uname, ro)), "EFAULT");
  expect("uname(program text)", rs(syscall(SYS_uname, (long)&main)), "EFAULT");
  expect("uname(kernel address)", rs(syscall(SYS_uname, 0xffff800000000000UL)),
         "EFAULT");
  /* A struct that starts in a writable page and runs into a read-only one. */
  long two = mm(0, 2 * PG, RW, ANON, -1, 0);
  syscall(SYS_mprotect, two + PG, PG, PROT_READ);
  expect("uname across into a read-only page",
         rs(syscall(SYS_uname, two + PG - 100)), "EFAULT");
  struct utsname u;
  expect("uname(good)", rs(syscall(SYS_uname, &u)), "ok");
  return finish("efault_uname");
}
