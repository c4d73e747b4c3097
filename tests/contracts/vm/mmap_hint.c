/* vm.mmap_hint: a hint is only a hint. A free page-aligned hint is used as
 * it is; an occupied one gives some other free range (never replacing what
 * is there); a hint in kernel space gives an ordinary user address. */
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
  long base = mm(0, 64 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 64 pages");
  syscall(SYS_munmap, base, 64 * PG);
  long r = mm(base + 16 * PG, 4 * PG, RW, ANON, -1, 0);
  check(r == base + 16 * PG, "a free hint is taken as it is");
  memset((void *)r, 0x33, 4 * PG);
  long r2 = mm(base + 17 * PG, 4 * PG, RW, ANON, -1, 0);
  check(r2 > 0 && r2 != base + 17 * PG, "an occupied hint is moved");
  check(r2 + 4 * PG <= r || r2 >= r + 4 * PG, "the moved range is disjoint");
  check(((unsigned char *)r)[PG] == 0x33, "the occupant keeps its data");
  check(((volatile unsigned char *)r2)[0] == 0, "the moved range reads zero");
  long k = mm((long)0xffff800000000000UL, PG, RW, ANON, -1, 0);
  check(k > 0 && (unsigned long)k < 0x1000000000000UL,
        "a kernel-space hint gives a user address");
  return finish("mmap_hint");
}
