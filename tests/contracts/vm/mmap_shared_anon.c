/* vm.mmap_shared_anon: MAP_SHARED|MAP_ANONYMOUS memory is zero-filled and
 * writable; its pages live in a shmem object, so MADV_DONTNEED keeps the
 * data while MADV_REMOVE punches it out; MADV_FREE and MADV_WIPEONFORK are
 * for private memory only (EINVAL), MADV_REMOVE for shared only. */
#define _GNU_SOURCE
#include "contract.h"

int main(void) {
  volatile char *s =
      (char *)mm(0, 4 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  check((long)s > 0, "mmap shared 4 pages");
  check(s[0] == 0 && s[4 * PG - 1] == 0, "zero filled");
  s[0] = 7;
  s[PG] = 9;
  expect("MADV_DONTNEED", rs(syscall(SYS_madvise, s, 4 * PG, MADV_DONTNEED)),
         "ok");
  check(s[0] == 7 && s[PG] == 9, "data survives MADV_DONTNEED");
  expect("MADV_REMOVE page 1",
         rs(syscall(SYS_madvise, s + PG, PG, MADV_REMOVE)), "ok");
  check(s[PG] == 0 && s[0] == 7, "MADV_REMOVE zeroed page 1 only");
  expect("MADV_FREE", rs(syscall(SYS_madvise, s, PG, MADV_FREE)), "EINVAL");
  expect("MADV_WIPEONFORK", rs(syscall(SYS_madvise, s, PG, MADV_WIPEONFORK)),
         "EINVAL");
  long p = mm(0, PG, RW, ANON, -1, 0);
  expect("MADV_REMOVE on private memory",
         rs(syscall(SYS_madvise, p, PG, MADV_REMOVE)), "EINVAL");
  long g = rs(syscall(SYS_mremap, s, 4 * PG, 8 * PG, MREMAP_MAYMOVE));
  expect("mremap grow (may move)", g, "ok");
  if (g > 0)
    check(((volatile char *)g)[0] == 7 && ((volatile char *)g)[PG] == 0,
          "grown shared mapping keeps its data");
  /* (Its new part lies past the shmem object's end: SIGBUS on Linux.) */
  return finish("mmap_shared_anon");
}
