/* security.kernel_range: no memory call reaches kernel space: mapping there
 * is ENOMEM (MAP_FIXED) or lands in user space (a hint), mprotect and
 * mincore say ENOMEM, munmap says EINVAL, madvise ENOMEM, mremap EFAULT. */
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
#define K 0xffff800000000000UL

int main(void) {
  unsigned char v;
  expect("mmap MAP_FIXED", mm((long)K, PG, RW, ANON | MAP_FIXED, -1, 0),
         "ENOMEM");
  long h = mm((long)K, PG, RW, ANON, -1, 0);
  check(h > 0 && (unsigned long)h < (1UL << 48), "mmap hint: a user address");
  expect("mprotect", rs(syscall(SYS_mprotect, K, PG, RW)), "ENOMEM");
  expect("munmap", rs(syscall(SYS_munmap, K, PG)), "EINVAL");
  expect("mincore", rs(syscall(SYS_mincore, K, PG, &v)), "ENOMEM");
  expect("madvise", rs(syscall(SYS_madvise, K, PG, MADV_DONTNEED)), "ENOMEM");
  expect("mremap", rs(syscall(SYS_mremap, K, PG, PG, 0)), "EFAULT");
  expect("msync", rs(syscall(SYS_msync, K, PG, MS_SYNC)), "ENOMEM");
  return finish("kernel_range");
}
