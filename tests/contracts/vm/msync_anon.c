/* vm.msync_anon: msync on anonymous memory succeeds for MS_SYNC, MS_ASYNC,
 * MS_INVALIDATE and no flags; unknown flags, MS_SYNC|MS_ASYNC and unaligned
 * starts are EINVAL (flags first); a range with a hole or past the mapping
 * is ENOMEM; length 0 is fine. */
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
static long ms(long a, long l, int f) {
  return rs(syscall(SYS_msync, a, l, f));
}

int main(void) {
  long p = mm(0, 3 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 3 pages");
  ((char *)p)[5] = 1;
  expect("MS_SYNC", ms(p, 3 * PG, MS_SYNC), "ok");
  expect("MS_ASYNC", ms(p, 3 * PG, MS_ASYNC), "ok");
  expect("MS_INVALIDATE", ms(p, PG, MS_INVALIDATE), "ok");
  expect("no flags", ms(p, PG, 0), "ok");
  check(((char *)p)[5] == 1, "data unchanged");
  expect("unknown flag", ms(p, PG, 8), "EINVAL");
  expect("MS_SYNC|MS_ASYNC", ms(p, PG, MS_SYNC | MS_ASYNC), "EINVAL");
  expect("unaligned start", ms(p + 1, PG, MS_SYNC), "EINVAL");
  expect("unaligned start, unknown flag", ms(p + 1, PG, 8), "EINVAL");
  expect("length 0", ms(p, 0, MS_SYNC), "ok");
  syscall(SYS_munmap, p + PG, PG);
  expect("range over a hole", ms(p, 3 * PG, MS_SYNC), "ENOMEM");
  expect("range over a hole, MS_ASYNC", ms(p, 3 * PG, MS_ASYNC), "ENOMEM");
  expect("unmapped page", ms(p + PG, PG, MS_SYNC), "ENOMEM");
  expect("wrapping range", ms(p, -PG, MS_SYNC), "ENOMEM");
  return finish("msync_anon");
}
