/* vm.brk_rlimit: RLIMIT_DATA limits the heap and private writable mappings:
 * brk past it returns the unchanged break, mmap of private writable memory
 * past it is ENOMEM (even with MAP_NORESERVE), read-only and shared memory
 * are not counted. */
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
#include <sys/resource.h>
int main(void) {
  struct rlimit rl = {1 << 20, 1 << 20};
  expect("setrlimit RLIMIT_DATA 1 MiB", setrlimit(RLIMIT_DATA, &rl) ? -errno : 0,
         "ok");
  long b = syscall(SYS_brk, 0);
  check(syscall(SYS_brk, b + (256 << 10)) == b + (256 << 10), "brk +256 KiB moves");
  check(syscall(SYS_brk, b + (2 << 20)) == b + (256 << 10),
        "brk +2 MiB refused, unchanged");
  expect("mmap 2 MiB private writable", mm(0, 2 << 20, RW, ANON, -1, 0), "ENOMEM");
  expect("same with MAP_NORESERVE",
         mm(0, 2 << 20, RW, ANON | MAP_NORESERVE, -1, 0), "ENOMEM");
  expect("mmap 2 MiB read-only", mm(0, 2 << 20, PROT_READ, ANON, -1, 0), "ok");
  expect("mmap 2 MiB shared",
         mm(0, 2 << 20, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0), "ok");
  expect("mmap 64 KiB private writable", mm(0, 64 << 10, RW, ANON, -1, 0), "ok");
  return finish("brk_rlimit");
}
