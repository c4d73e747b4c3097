/* security.efault_write: write() from a pointer the program cannot read is
 * EFAULT, never a crash: NULL, an unmapped page, a PROT_NONE page, a kernel
 * address; a bad descriptor is reported first; length 0 reads nothing. */
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
static long wr(int fd, long buf, long n) {
  return rs(syscall(SYS_write, fd, buf, n));
}

int main(void) {
  long p = mm(0, 2 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 2 pages");
  syscall(SYS_munmap, p + PG, PG);
  syscall(SYS_mprotect, p, PG, PROT_NONE);
  fflush(stdout);
  expect("write from NULL", wr(1, 0, 10), "EFAULT");
  expect("write from an unmapped page", wr(1, p + PG, 10), "EFAULT");
  expect("write from a PROT_NONE page", wr(1, p, 10), "EFAULT");
  expect("write from a kernel address", wr(1, (long)0xffff800000000000UL, 10),
         "EFAULT");
  expect("write from just below 2^47",
         wr(1, (long)0x7ffffffffff8UL, 16), "EFAULT");
  expect("bad fd and bad buffer", wr(4000, 0, 10), "EBADF");
  check(wr(1, 0, 0) == 0, "length 0 from NULL writes nothing");
  return finish("efault_write");
}
