/* vm.mremap_grow: mremap grows in place when the space after is free (same
 * address, data kept, new part zero); when blocked it is ENOMEM without
 * MREMAP_MAYMOVE and moves with it (old address unmapped); shrinking keeps
 * the address and unmaps the tail; argument errors in Linux's order. */
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
static int mapped(long a) {
  unsigned char v;
  return syscall(SYS_mincore, a, PG, &v) == 0;
}

static long mr(long a, long o, long n, long f, long na) {
  return rs(syscall(SYS_mremap, a, o, n, f, na));
}

int main(void) {
  long base = mm(0, 16 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 16 pages");
  syscall(SYS_munmap, base, 16 * PG);
  long a = mm(base, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(a == base, "2 pages at the start of a free range");
  memset((void *)a, 0x44, 2 * PG);
  long r = mr(a, 2 * PG, 4 * PG, 0, 0);
  check(r == a, "grown to 4 pages in place");
  check(((unsigned char *)a)[2 * PG - 1] == 0x44 &&
            ((volatile unsigned char *)a)[3 * PG] == 0,
        "old data kept, new pages zero");
  long b = mm(a + 4 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(b == a + 4 * PG, "a blocker right after it");
  ((char *)b)[0] = 'B';
  expect("grow when blocked, no MAYMOVE", mr(a, 4 * PG, 6 * PG, 0, 0),
         "ENOMEM");
  r = mr(a, 4 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
  check(r > 0 && r != a, "grow with MAYMOVE moves");
  check(r > 0 && ((unsigned char *)r)[PG] == 0x44 &&
            ((volatile unsigned char *)r)[5 * PG] == 0,
        "moved data kept, new pages zero");
  check(!mapped(a), "old address unmapped");
  check(((char *)b)[0] == 'B', "the blocker is untouched");
  check(mr(r, 6 * PG, 2 * PG, 0, 0) == r, "shrink keeps the address");
  check(mapped(r + PG) && !mapped(r + 2 * PG), "tail unmapped");
  check(mr(r, 2 * PG, 2 * PG, 0, 0) == r, "same size is a no-op");
  expect("unmapped address", mr(base + 8 * PG, PG, 2 * PG, MREMAP_MAYMOVE, 0),
         "EFAULT");
  expect("grow a range past its mapping", mr(r, 3 * PG, 4 * PG, MREMAP_MAYMOVE, 0),
         "EFAULT");
  expect("new length 0", mr(r, PG, 0, 0, 0), "EINVAL");
  expect("unknown flag", mr(r, PG, PG, 8, 0), "EINVAL");
  expect("MREMAP_FIXED without MAYMOVE", mr(r, PG, PG, MREMAP_FIXED, base), "EINVAL");
  expect("unaligned address", mr(r + 1, PG, PG, 0, 0), "EINVAL");
  expect("old length 0 of private memory", mr(r, 0, PG, MREMAP_MAYMOVE, 0),
         "EINVAL");
  expect("new length 2^49", mr(r, PG, 1L << 49, MREMAP_MAYMOVE, 0),
         "EINVAL");
  return finish("mremap_grow");
}
