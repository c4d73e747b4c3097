/* security.read_bad_buffer: stdin is /dev/null: read() reaches end of file
 * without touching the buffer, so a read-only or NULL buffer gives 0; a
 * buffer in kernel space fails read()'s up-front range check (EFAULT); a
 * bad descriptor is EBADF before the buffer is looked at. */
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
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  check(syscall(SYS_read, 0, ro, 10) == 0, "read into a read-only page: 0");
  check(syscall(SYS_read, 0, 0, 10) == 0, "read into NULL: 0");
  expect("read into kernel space (access_ok)",
         rs(syscall(SYS_read, 0, 0xffff800000000000UL, 10)), "EFAULT");
  check(*(volatile char *)ro == 0, "the read-only page is unchanged");
  expect("read, bad fd, bad buffer", rs(syscall(SYS_read, 4000, 0, 10)), "EBADF");
  return finish("read_bad_buffer");
}
