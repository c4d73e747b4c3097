/* vm.brk_shrink_regrow: the raw brk returns exactly the break asked for,
 * page aligned or not; shrinking frees the pages (mincore: ENOMEM), so
 * growing again gives zeros, while the pages kept keep their data. */
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
static long brk_(long a) {
  return syscall(SYS_brk, a);
}

int main(void) {
  long b = brk_(0);
  long base = (b + PG - 1) & -PG;
  check(brk_(base + 3 * PG + 100) == base + 3 * PG + 100,
        "grow to an unaligned break: exact");
  memset((void *)base, 0x42, 3 * PG + 100);
  check(brk_(0) == base + 3 * PG + 100, "brk(0) reports it");
  check(brk_(base + PG + 7) == base + PG + 7, "shrink to an unaligned break");
  unsigned char v;
  expect("page after the new break", rs(syscall(SYS_mincore, base + 2 * PG, PG, &v)),
         "ENOMEM");
  check(brk_(base + 3 * PG) == base + 3 * PG, "grow again");
  volatile unsigned char *c = (unsigned char *)base;
  check(c[0] == 0x42 && c[PG + 6] == 0x42 && c[2 * PG - 1] == 0x42,
        "the page kept keeps its data (to its end)");
  check(c[2 * PG] == 0 && c[3 * PG - 1] == 0, "regrown pages read zero");
  check(brk_(b) == b, "back to the start");
  return finish("brk_shrink_regrow");
}
