/* vm.mmap_errors: mmap's EINVAL cases for anonymous memory, in Linux's order:
 * the offset is checked before the descriptor, length 0 before the type,
 * MAP_FIXED's alignment before anything is replaced. Unknown flag and prot
 * bits are ignored by mmap. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  long p = mm(0, 4 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 4 pages");
  ((char *)p)[PG] = 7;
  expect("length 0", mm(0, 0, RW, ANON, -1, 0), "EINVAL");
  expect("offset not page aligned", mm(0, PG, RW, ANON, -1, 1), "EINVAL");
  expect("unaligned offset before a bad fd", mm(0, PG, RW, MAP_PRIVATE, 99, 1),
         "EINVAL");
  expect("neither shared nor private", mm(0, PG, RW, MAP_ANONYMOUS, -1, 0),
         "EINVAL");
  expect("type 0xf", mm(0, PG, RW, 0xf | MAP_ANONYMOUS, -1, 0), "EINVAL");
  expect("MAP_SHARED_VALIDATE anonymous",
         mm(0, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), "EINVAL");
  expect("MAP_SHARED with MAP_GROWSDOWN",
         mm(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0),
         "EINVAL");
  expect("MAP_FIXED unaligned", mm(p + PG + 1, PG, RW, ANON | MAP_FIXED, -1, 0),
         "EINVAL");
  expect("MAP_FIXED_NOREPLACE unaligned",
         mm(p + 1, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), "EINVAL");
  expect("MAP_FIXED with no type",
         mm(p + PG, PG, RW, MAP_ANONYMOUS | MAP_FIXED, -1, 0), "EINVAL");
  check(((char *)p)[PG] == 7, "refused MAP_FIXED left the page alone");
  long q = mm(0, PG, RW, ANON | 0x800000, -1, 0);
  expect("an unknown flag bit is ignored", q, "ok");
  long r = mm(0, PG, 0x100 | PROT_READ, ANON, -1, 0);
  expect("an unknown prot bit is ignored", r, "ok");
  if (r > 0)
    check(*(volatile char *)r == 0, "that page reads zero");
  return finish("mmap_errors");
}
