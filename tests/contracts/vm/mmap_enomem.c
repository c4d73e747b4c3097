/* vm.mmap_enomem: out of address space or over the overcommit heuristic is
 * ENOMEM. One private writable request larger than RAM + swap is refused,
 * MAP_NORESERVE or read-only is not charged (until made writable), shared
 * anonymous memory is always charged. Lengths and fixed addresses past the
 * top of user space are ENOMEM. */
#define _GNU_SOURCE
#include "contract.h"

#define TIB (1L << 40)

int main(void) {
  expect("1 TiB private writable", mm(0, TIB, RW, ANON, -1, 0), "ENOMEM");
  long r = mm(0, TIB, RW, ANON | MAP_NORESERVE, -1, 0);
  expect("1 TiB private writable MAP_NORESERVE", r, "ok");
  if (r > 0) {
    volatile char *c = (char *)r;
    c[0] = 1;
    c[1 << 20] = 2;
    check(c[0] == 1 && c[1 << 20] == 2 && c[4096] == 0,
          "its pages work on demand");
    expect("munmap it", rs(syscall(SYS_munmap, r, TIB)), "ok");
  }
  r = mm(0, TIB, PROT_READ, ANON, -1, 0);
  expect("1 TiB private read-only", r, "ok");
  if (r > 0) {
    expect("mprotect it writable", rs(syscall(SYS_mprotect, r, TIB, RW)),
           "ENOMEM");
    expect("mprotect one page of it writable",
           rs(syscall(SYS_mprotect, r, PG, RW)), "ok");
    expect("munmap it", rs(syscall(SYS_munmap, r, TIB)), "ok");
  }
  expect("1 TiB shared", mm(0, TIB, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0),
         "ENOMEM");
  expect("1 TiB shared read-only",
         mm(0, TIB, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0), "ENOMEM");
  expect("length 2^48", mm(0, 1L << 48, RW, ANON | MAP_NORESERVE, -1, 0),
         "ENOMEM");
  expect("length rounding past 2^64", mm(0, -PG, RW, ANON, -1, 0), "ENOMEM");
  expect("MAP_FIXED across the top of user space",
         mm((1L << 48) - PG, 2 * PG, RW, ANON | MAP_FIXED, -1, 0), "ENOMEM");
  expect("MAP_FIXED at a kernel address",
         mm((long)0xffff800000000000UL, PG, RW, ANON | MAP_FIXED, -1, 0),
         "ENOMEM");
  long s = mm(0, PG, RW, ANON, -1, 0);
  expect("a small mapping still works", s, "ok");
  return finish("mmap_enomem");
}
