/* vm.munmap_partial: munmap of a middle page leaves a hole (mincore: ENOMEM)
 * and the rest keeps its data; head and tail can go too; a range over holes
 * or over nothing is fine; an unaligned address, length 0, a kernel address
 * or a wrapping range is EINVAL; an unaligned length rounds up. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long p = mm(0, 5 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 5 pages");
  for (int i = 0; i < 5; i++)
    memset((char *)p + i * PG, 'a' + i, PG);
  expect("munmap page 2", rs(syscall(SYS_munmap, p + 2 * PG, PG)), "ok");
  check(!mapped(p + 2 * PG) && mapped(p + PG) && mapped(p + 3 * PG),
        "page 2 is a hole, 1 and 3 mapped");
  expect("mincore over the hole",
         rs(syscall(SYS_mincore, p + 2 * PG, PG, (unsigned char[1]){0})),
         "ENOMEM");
  expect("munmap head", rs(syscall(SYS_munmap, p, PG)), "ok");
  expect("munmap tail", rs(syscall(SYS_munmap, p + 4 * PG, PG)), "ok");
  check(((char *)p)[PG] == 'b' && ((char *)p)[3 * PG + 4095] == 'd',
        "pages 1 and 3 keep their data");
  expect("munmap the same page again", rs(syscall(SYS_munmap, p, PG)), "ok");
  expect("munmap unaligned", rs(syscall(SYS_munmap, p + PG + 1, PG)), "EINVAL");
  expect("munmap length 0", rs(syscall(SYS_munmap, p + PG, 0)), "EINVAL");
  expect("munmap kernel address",
         rs(syscall(SYS_munmap, 0xffff800000000000UL, PG)), "EINVAL");
  expect("munmap wrapping range", rs(syscall(SYS_munmap, p, -PG)), "EINVAL");
  check(mapped(p + PG) && mapped(p + 3 * PG), "refused calls changed nothing");
  expect("munmap all five over holes", rs(syscall(SYS_munmap, p, 5 * PG)),
         "ok");
  check(!mapped(p + PG) && !mapped(p + 3 * PG), "all gone");
  long q = mm(0, 2 * PG, RW, ANON, -1, 0);
  expect("munmap one page plus one byte", rs(syscall(SYS_munmap, q, PG + 1)),
         "ok");
  check(!mapped(q + PG), "the length rounded up to two pages");
  return finish("munmap_partial");
}
