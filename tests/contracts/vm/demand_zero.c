/* vm.demand_zero: a 16 MiB anonymous mapping costs nothing until touched;
 * reading every 16th page makes exactly those pages resident, and every
 * byte read is zero; written bytes read back. */
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
#define PAGES 4096

static unsigned char vec[PAGES];

static int count(long p) {
  if (syscall(SYS_mincore, p, PAGES * PG, vec) != 0)
    return -1;
  int c = 0;
  for (int i = 0; i < PAGES; i++)
    c += vec[i] & 1;
  return c;
}

int main(void) {
  long p = mm(0, PAGES * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 16 MiB");
  check(count(p) == 0, "nothing resident");
  int zero = 1;
  for (int i = 0; i < PAGES; i += 16)
    for (int k = 0; k < PG; k += 512)
      zero &= ((volatile unsigned char *)p)[i * PG + k] == 0;
  check(zero, "every 16th page reads zero");
  check(count(p) == PAGES / 16, "exactly those pages resident");
  for (int i = 0; i < PAGES; i += 16)
    ((unsigned char *)p)[i * PG + i % PG] = (unsigned char)(i / 16 + 1);
  int same = 1;
  for (int i = 0; i < PAGES; i += 16)
    same &= ((unsigned char *)p)[i * PG + i % PG] == (unsigned char)(i / 16 + 1);
  check(same, "written bytes read back");
  check(count(p) == PAGES / 16, "writes to resident pages add none");
  return finish("demand_zero");
}
