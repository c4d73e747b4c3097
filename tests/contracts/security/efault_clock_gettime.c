/* security.efault_clock_gettime: the raw clock_gettime syscall into memory
 * the program cannot write is EFAULT; an invalid clock is EINVAL first. */
#define _GNU_SOURCE
#include <time.h>

#include "contract.h"

int main(void) {
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  expect("NULL", rs(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, 0)), "EFAULT");
  expect("read-only page", rs(syscall(SYS_clock_gettime, CLOCK_REALTIME, ro)),
         "EFAULT");
  expect("kernel address",
         rs(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, 0xffff800000000000UL)),
         "EFAULT");
  expect("bad clock and bad pointer", rs(syscall(SYS_clock_gettime, 99, 0)),
         "EINVAL");
  struct timespec ts;
  expect("good", rs(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts)), "ok");
  return finish("efault_clock_gettime");
}
