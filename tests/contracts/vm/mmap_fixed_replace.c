/* vm.mmap_fixed_replace: MAP_FIXED replaces whatever is in its range (parts
 * of two mappings and the hole between them) with fresh zero pages, with
 * the new protection; pages outside the range keep their data. */
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
  long b = mm(0, 8 * PG, RW, ANON, -1, 0);
  check(b > 0, "mmap 8 pages");
  memset((void *)b, 0x11, 8 * PG);
  check(syscall(SYS_munmap, b + 3 * PG, PG) == 0, "unmap page 3");
  check(syscall(SYS_mprotect, b + 4 * PG, PG, PROT_READ) == 0,
        "page 4 read-only");
  long q = mm(b + 2 * PG, 3 * PG, RW, ANON | MAP_FIXED, -1, 0);
  check(q == b + 2 * PG, "MAP_FIXED over pages 2-4 maps there");
  unsigned char v[8];
  check(syscall(SYS_mincore, b, 8 * PG, v) == 0, "no hole left in 0-7");
  check(!(v[2] & 1) && !(v[3] & 1) && !(v[4] & 1) && (v[1] & 1) && (v[5] & 1),
        "new pages not resident, neighbours are");
  int zero = 1;
  for (long i = 2 * PG; i < 5 * PG; i++)
    zero &= ((unsigned char *)b)[i] == 0;
  check(zero, "replaced pages read zero");
  ((volatile char *)b)[4 * PG] = 1;
  check(((volatile char *)b)[4 * PG] == 1, "former read-only page writable");
  check(((unsigned char *)b)[PG + 4095] == 0x11 &&
            ((unsigned char *)b)[5 * PG] == 0x11,
        "pages 1 and 5 keep their data");
  return finish("mmap_fixed_replace");
}
