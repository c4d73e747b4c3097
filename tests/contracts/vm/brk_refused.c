/* vm.brk_refused: brk never fails; a refused request returns the unchanged
 * break: below the start, far more than memory, wrapping, or so close to a
 * mapping that no page would be left between them (Linux keeps one). */
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
  check(brk_(b - PG) == b, "below the start: unchanged");
  check(brk_(b + (1L << 40)) == b, "1 TiB more: unchanged");
  check(brk_(-PG) == b, "near 2^64: unchanged");
  long m = mm(base + 4 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(m == base + 4 * PG, "a mapping 4 pages after the break");
  check(brk_(base + 4 * PG) == b, "break up to the mapping: unchanged");
  check(brk_(base + 3 * PG + 1) == b, "break into the last page before: unchanged");
  check(brk_(base + 3 * PG) == base + 3 * PG, "a page short of it: moved");
  check(brk_(0) == base + 3 * PG, "brk(0) agrees");
  check(brk_(b) == b, "back to the start");
  return finish("brk_refused");
}
