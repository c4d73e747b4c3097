/* vm.madvise_free: MADV_FREE frees private anonymous pages lazily. With
 * no memory pressure (a test run has none) the data stays and the pages
 * stay resident; a write after the advice is kept for good, also in a
 * forked child; pages never touched still read zero. Over a hole it frees
 * the rest and returns ENOMEM; shared, file-backed and PROT_NONE areas
 * answer as Linux's madvise_free_single_vma (EINVAL unless anonymous). */
#define _GNU_SOURCE
#include <fcntl.h>

#include "contract.h"

#define PAGES 16

static long adv(long a, long l, int advice) {
  return rs(syscall(SYS_madvise, a, l, advice));
}

int main(void) {
  long p = mm(0, PAGES * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 16 pages");
  memset((void *)p, 0x5a, (PAGES - 2) * PG); /* the last two stay untouched */
  expect("MADV_FREE of all 16", adv(p, PAGES * PG, MADV_FREE), "ok");
  unsigned char v[PAGES];
  syscall(SYS_mincore, p, PAGES * PG, v);
  int resident = 0;
  for (int i = 0; i < PAGES - 2; i++)
    resident += v[i] & 1;
  printf("written pages still resident after MADV_FREE: %d of %d\n", resident,
         PAGES - 2);
  check(all_bytes((void *)p, (PAGES - 2) * PG, 0x5a),
        "their data is still there");
  check(all_bytes((void *)(p + (PAGES - 2) * PG), 2 * PG, 0),
        "untouched pages read 0");

  /* Written again after the advice: those bytes are the page's for good. */
  volatile unsigned char *c = (unsigned char *)p;
  c[0] = 1;
  c[3 * PG + 7] = 2;
  expect("MADV_FREE again", adv(p, PAGES * PG, MADV_FREE), "ok");
  c[PG] = 3;
  pid_t pid = fork();
  if (pid == 0)
    _exit(c[0] == 1 && c[3 * PG + 7] == 2 && c[PG] == 3 ? 0 : 1);
  int st;
  waitpid(pid, &st, 0);
  check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
        "a forked child sees the writes made around the advice");
  expect("MADV_FREE after fork (pages shared with nobody now)",
         adv(p, PAGES * PG, MADV_FREE), "ok");
  check(c[0] == 1 && c[PG] == 3, "the data is still there");

  syscall(SYS_munmap, p + 4 * PG, PG);
  expect("MADV_FREE over a hole", adv(p, 8 * PG, MADV_FREE), "ENOMEM");

  long s = mm(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  expect("MADV_FREE on shared anonymous memory", adv(s, PG, MADV_FREE),
         "EINVAL");
  int fd = open("f", O_RDWR | O_CREAT, 0600);
  check(ftruncate(fd, PG) == 0, "a one-page file");
  long f = mm(0, PG, RW, MAP_PRIVATE, fd, 0);
  ((volatile char *)f)[0] = 1; /* an anonymous copy of the file's page */
  expect("MADV_FREE on a private file mapping", adv(f, PG, MADV_FREE),
         "EINVAL");
  long n = mm(0, PG, 0, ANON, -1, 0);
  expect("MADV_FREE on PROT_NONE anonymous memory", adv(n, PG, MADV_FREE),
         "ok");
  return finish("madvise_free");
}
