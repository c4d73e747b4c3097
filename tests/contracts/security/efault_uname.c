/* security.efault_uname: uname() into memory the program cannot write is
 * EFAULT: NULL, unmapped, read-only, the program's own text, kernel space. */
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
#include <sys/utsname.h>
int main(void) {
  long ro = mm(0, PG, PROT_READ, ANON, -1, 0);
  long un = mm(0, PG, RW, ANON, -1, 0);
  syscall(SYS_munmap, un, PG);
  expect("uname(NULL)", rs(syscall(SYS_uname, 0)), "EFAULT");
  expect("uname(unmapped)", rs(syscall(SYS_uname, un)), "EFAULT");
  expect("uname(read-only page)", rs(syscall(SYS_uname, ro)), "EFAULT");
  expect("uname(program text)", rs(syscall(SYS_uname, (long)&main)), "EFAULT");
  expect("uname(kernel address)", rs(syscall(SYS_uname, 0xffff800000000000UL)),
         "EFAULT");
  /* A struct that starts in a writable page and runs into a read-only one. */
  long two = mm(0, 2 * PG, RW, ANON, -1, 0);
  syscall(SYS_mprotect, two + PG, PG, PROT_READ);
  expect("uname across into a read-only page",
         rs(syscall(SYS_uname, two + PG - 100)), "EFAULT");
  struct utsname u;
  expect("uname(good)", rs(syscall(SYS_uname, &u)), "ok");
  return finish("efault_uname");
}
