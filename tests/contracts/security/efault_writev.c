/* security.efault_writev: writev with an unreadable iovec array or an
 * unreadable first buffer is EFAULT and writes nothing. */
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
#include <sys/uio.h>
int main(void) {
  long p = mm(0, PG, RW, ANON, -1, 0);
  check(p > 0, "mmap a page");
  syscall(SYS_munmap, p, PG);
  fflush(stdout);
  char ok[] = "x";
  struct iovec bad_first[2] = {{(void *)p, 5}, {ok, 1}};
  expect("iovec array NULL", rs(syscall(SYS_writev, 1, 0, 2)), "EFAULT");
  expect("iovec array unmapped", rs(syscall(SYS_writev, 1, p, 2)), "EFAULT");
  expect("iovec array in kernel space",
         rs(syscall(SYS_writev, 1, 0xffff800000000000UL, 1)), "EFAULT");
  expect("first buffer unmapped", rs(syscall(SYS_writev, 1, bad_first, 2)),
         "EFAULT");
  expect("bad fd and bad array", rs(syscall(SYS_writev, 4000, 0, 2)), "EBADF");
  return finish("efault_writev");
}
