/* vm.mmap_populate: anonymous memory is demand-zero (nothing resident until
 * touched; a read or a write makes exactly that page resident); MAP_POPULATE
 * makes every page resident at once, but not with MAP_NONBLOCK and not for
 * PROT_NONE. */
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
static int resident(long p, int n) {
  unsigned char v[64];
  if (syscall(SYS_mincore, p, n * PG, v) != 0)
    return -1;
  int c = 0;
  for (int i = 0; i < n; i++)
    c += v[i] & 1;
  return c;
}

int main(void) {
  long p = mm(0, 8 * PG, RW, ANON | MAP_POPULATE, -1, 0);
  check(p > 0 && resident(p, 8) == 8, "MAP_POPULATE: 8 of 8 resident");
  long q = mm(0, 8 * PG, RW, ANON, -1, 0);
  check(q > 0 && resident(q, 8) == 0, "plain: 0 of 8 resident");
  (void)*(volatile char *)(q + 3 * PG);
  check(resident(q, 8) == 1, "a read makes one page resident");
  *(volatile char *)(q + 5 * PG + 7) = 1;
  unsigned char v[8];
  syscall(SYS_mincore, q, 8 * PG, v);
  check(resident(q, 8) == 2 && (v[3] & 1) && (v[5] & 1),
        "a write makes its page resident too");
  long n = mm(0, 8 * PG, RW, ANON | MAP_POPULATE | MAP_NONBLOCK, -1, 0);
  check(n > 0 && resident(n, 8) == 0, "MAP_NONBLOCK cancels MAP_POPULATE");
  long z = mm(0, 8 * PG, PROT_NONE, ANON | MAP_POPULATE, -1, 0);
  check(z > 0 && resident(z, 8) == 0, "PROT_NONE is not populated");
  return finish("mmap_populate");
}
