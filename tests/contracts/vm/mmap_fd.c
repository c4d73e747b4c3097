/* vm.mmap_fd: mmap of a descriptor that cannot be mapped. Under the contract
 * harness fd 0 is /dev/null opened read-only (no mmap: ENODEV; shared
 * writable: EACCES), fds 1 and 2 are pipe write ends (not readable: EACCES),
 * a pipe's read end has no mmap (ENODEV), and a closed descriptor is EBADF,
 * checked before the length. */
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
  expect("fd 0 private read", mm(0, PG, PROT_READ, MAP_PRIVATE, 0, 0),
         "ENODEV");
  expect("fd 0 shared read", mm(0, PG, PROT_READ, MAP_SHARED, 0, 0), "ENODEV");
  expect("fd 0 shared write", mm(0, PG, RW, MAP_SHARED, 0, 0), "EACCES");
  expect("fd 1 private read", mm(0, PG, PROT_READ, MAP_PRIVATE, 1, 0),
         "EACCES");
  expect("fd 2 shared read", mm(0, PG, PROT_READ, MAP_SHARED, 2, 0), "EACCES");
  expect("fd 99 (not open)", mm(0, PG, PROT_READ, MAP_PRIVATE, 99, 0), "EBADF");
  expect("fd -1 without MAP_ANONYMOUS", mm(0, PG, PROT_READ, MAP_PRIVATE, -1, 0),
         "EBADF");
  expect("bad fd before length 0", mm(0, 0, PROT_READ, MAP_PRIVATE, 99, 0),
         "EBADF");
  expect("fd 0 with length 0", mm(0, 0, PROT_READ, MAP_PRIVATE, 0, 0),
         "EINVAL");
  expect("fd 0 with no type", mm(0, PG, PROT_READ, 0, 0, 0), "EINVAL");
  int pfd[2];
  expect("pipe", pipe(pfd) ? -errno : 0, "ok");
  expect("pipe read end private read", mm(0, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0),
         "ENODEV");
  expect("pipe read end shared write", mm(0, PG, RW, MAP_SHARED, pfd[0], 0),
         "EACCES");
  expect("pipe write end private read",
         mm(0, PG, PROT_READ, MAP_PRIVATE, pfd[1], 0), "EACCES");
  close(pfd[0]);
  expect("a closed pipe fd", mm(0, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0),
         "EBADF");
  expect("MAP_ANONYMOUS ignores the fd", mm(0, PG, RW, ANON, 99, 0), "ok");
  return finish("mmap_fd");
}
