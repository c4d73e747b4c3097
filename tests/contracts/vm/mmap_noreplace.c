/* vm.mmap_noreplace: MAP_FIXED_NOREPLACE fails with EEXIST on any overlap,
 * exact or partial, before the mapping type is even checked, and leaves the
 * existing memory alone; next to a mapping or in a hole it maps exactly
 * there. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096L

static int failed;

__attribute__((unused)) static void check(int ok, const char *what) {
  printf("%s %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failed = 1;
}

/* A raw syscall's result: the value, or -errno. */
__attribute__((unused)) static long rs(long r) {
  return r == -1 ? -errno : r;
}

static const char *ename(long r) {
  switch (-r) {
  case EPERM: return "EPERM";
  case EBADF: return "EBADF";
  case ENOMEM: return "ENOMEM";
  case EACCES: return "EACCES";
  case EFAULT: return "EFAULT";
  case EEXIST: return "EEXIST";
  case ENODEV: return "ENODEV";
  case EINVAL: return "EINVAL";
  case EOPNOTSUPP: return "EOPNOTSUPP";
  default: return r < 0 && r > -4096 ? "E?" : "ok";
  }
}

/* Print "what: RESULT" and fail unless the result is `want` ("ok" for any
 * success). */
__attribute__((unused)) static void expect(const char *what, long r, const char *want) {
  const char *got = ename(r);
  printf("%s: %s\n", what, got);
  if (strcmp(got, want) != 0) {
    printf("  expected %s\n", want);
    failed = 1;
  }
}

__attribute__((unused)) static long mm(long addr, long len, int prot, int flags, int fd, long off) {
  return rs(syscall(SYS_mmap, addr, len, prot, flags, fd, off));
}

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

__attribute__((unused)) static int finish(const char *name) {
  if (failed) {
    printf("CONTRACT_FAIL %s: see lines above\n", name);
    return 1;
  }
  printf("CONTRACT_PASS %s\n", name);
  return 0;
}
int main(void) {
  long base = mm(0, 8 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 8 pages");
  syscall(SYS_munmap, base, 8 * PG);
  /* p = pages 2..5 of the freed range, free pages around it. */
  long p = mm(base + 2 * PG, 4 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(p == base + 2 * PG, "NOREPLACE into free space maps there");
  memset((void *)p, 0x5a, 4 * PG);
  int NR = ANON | MAP_FIXED_NOREPLACE;
  expect("the same range", mm(p, 4 * PG, RW, NR, -1, 0), "EEXIST");
  expect("one page inside", mm(p + PG, PG, RW, NR, -1, 0), "EEXIST");
  expect("overlapping the start", mm(p - PG, 2 * PG, RW, NR, -1, 0), "EEXIST");
  expect("overlapping the end", mm(p + 3 * PG, 2 * PG, RW, NR, -1, 0),
         "EEXIST");
  expect("covering it", mm(p - PG, 6 * PG, RW, NR, -1, 0), "EEXIST");
  expect("overlap before a bad type",
         mm(p, PG, RW, MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), "EEXIST");
  int intact = 1;
  for (long i = 0; i < 4 * PG; i++)
    intact &= ((unsigned char *)p)[i] == 0x5a;
  check(intact, "existing pages keep their data");
  long below = mm(p - PG, PG, RW, NR, -1, 0);
  check(below == p - PG, "adjacent below maps there");
  long above = mm(p + 4 * PG, PG, RW, NR, -1, 0);
  check(above == p + 4 * PG, "adjacent above maps there");
  syscall(SYS_munmap, p + PG, PG);
  long hole = mm(p + PG, PG, RW, NR, -1, 0);
  check(hole == p + PG, "a hole just unmapped maps there");
  check(*(volatile char *)(p + PG) == 0, "and reads zero");
  return finish("mmap_noreplace");
}
