/* security.efault_partial_pipe: stdout is a pipe. A pipe write copies the
 * data a page at a time and commits a page only when all of it was copied:
 * a buffer whose first 10 bytes are readable and the rest not is EFAULT with
 * nothing written, as is a writev whose second buffer is unreadable. (How
 * much of a longer buffer is written depends on how full the pipe is.) */
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
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  memset((void *)p, '.', 3 * PG);
  syscall(SYS_munmap, p + 2 * PG, PG);
  fflush(stdout);
  expect("10 readable bytes then a hole",
         rs(syscall(SYS_write, 1, p + 2 * PG - 10, 100)), "EFAULT");
  struct iovec iv[2] = {{(void *)p, 5}, {(void *)(p + 2 * PG), 5}};
  expect("writev, second buffer unreadable", rs(syscall(SYS_writev, 1, iv, 2)),
         "EFAULT");
  return finish("efault_partial_pipe");
}
