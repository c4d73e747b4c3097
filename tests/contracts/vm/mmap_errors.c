/* vm.mmap_errors: mmap's EINVAL cases for anonymous memory, in Linux's order:
 * the offset is checked before the descriptor, length 0 before the type,
 * MAP_FIXED's alignment before anything is replaced. Unknown flag and prot
 * bits are ignored by mmap. */
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
  long p = mm(0, 4 * PG, RW, ANON, -1, 0);
  check(p > 0, "mmap 4 pages");
  ((char *)p)[PG] = 7;
  expect("length 0", mm(0, 0, RW, ANON, -1, 0), "EINVAL");
  expect("offset not page aligned", mm(0, PG, RW, ANON, -1, 1), "EINVAL");
  expect("unaligned offset before a bad fd", mm(0, PG, RW, MAP_PRIVATE, 99, 1),
         "EINVAL");
  expect("neither shared nor private", mm(0, PG, RW, MAP_ANONYMOUS, -1, 0),
         "EINVAL");
  expect("type 0xf", mm(0, PG, RW, 0xf | MAP_ANONYMOUS, -1, 0), "EINVAL");
  expect("MAP_SHARED_VALIDATE anonymous",
         mm(0, PG, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), "EINVAL");
  expect("MAP_SHARED with MAP_GROWSDOWN",
         mm(0, PG, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0),
         "EINVAL");
  expect("MAP_FIXED unaligned", mm(p + PG + 1, PG, RW, ANON | MAP_FIXED, -1, 0),
         "EINVAL");
  expect("MAP_FIXED_NOREPLACE unaligned",
         mm(p + 1, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0), "EINVAL");
  expect("MAP_FIXED with no type",
         mm(p + PG, PG, RW, MAP_ANONYMOUS | MAP_FIXED, -1, 0), "EINVAL");
  check(((char *)p)[PG] == 7, "refused MAP_FIXED left the page alone");
  long q = mm(0, PG, RW, ANON | 0x800000, -1, 0);
  expect("an unknown flag bit is ignored", q, "ok");
  long r = mm(0, PG, 0x100 | PROT_READ, ANON, -1, 0);
  expect("an unknown prot bit is ignored", r, "ok");
  if (r > 0)
    check(*(volatile char *)r == 0, "that page reads zero");
  return finish("mmap_errors");
}
