/* vm.mremap_fixed: MREMAP_FIXED moves a mapping to a chosen address,
 * replacing only what lies in the destination range, and can grow it there;
 * overlapping source and destination or an unaligned destination is EINVAL;
 * MREMAP_DONTUNMAP moves the data and leaves the old range mapped and empty. */
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

#define MF (MREMAP_MAYMOVE | MREMAP_FIXED)

int main(void) {
  long base = mm(0, 32 * PG, RW, ANON, -1, 0);
  check(base > 0, "mmap 32 pages");
  syscall(SYS_munmap, base, 32 * PG);
  long src = mm(base, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  long dst = mm(base + 8 * PG, 3 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
  check(src == base && dst == base + 8 * PG, "source and destination mapped");
  memset((void *)src, 0x11, 2 * PG);
  memset((void *)dst, 0x22, 3 * PG);
  check(mr(src, 2 * PG, 2 * PG, MF, dst) == dst, "moved onto the destination");
  check(((unsigned char *)dst)[PG] == 0x11 &&
            ((unsigned char *)dst)[2 * PG] == 0x22,
        "moved data there, the third page keeps its own");
  check(!mapped(src), "source unmapped");
  long far = base + 20 * PG;
  check(mr(dst, 2 * PG, 4 * PG, MF, far) == far, "moved and grown to 4 pages");
  check(((unsigned char *)far)[0] == 0x11 &&
            ((volatile unsigned char *)far)[3 * PG] == 0,
        "data kept, grown part zero");
  expect("overlapping destination", mr(far, 2 * PG, 2 * PG, MF, far + PG),
         "EINVAL");
  expect("unaligned destination", mr(far, PG, PG, MF, base + 1), "EINVAL");
  expect("destination past user space",
         mr(far, PG, PG, MF, (long)0xffff800000000000UL), "EINVAL");
  expect("unmapped source", mr(base + 4 * PG, PG, PG, MF, base + 12 * PG),
         "EFAULT");
  long keep = mr(far, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
  check(keep > 0 && keep != far, "MREMAP_DONTUNMAP moves");
  check(keep > 0 && ((unsigned char *)keep)[0] == 0x11, "the data moved");
  check(mapped(far) && ((volatile unsigned char *)far)[0] == 0,
        "the old range stays mapped, reading zero");
  expect("MREMAP_DONTUNMAP with a new size",
         mr(far, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0), "EINVAL");
  expect("MREMAP_DONTUNMAP without MAYMOVE",
         mr(far, PG, PG, MREMAP_DONTUNMAP, 0), "EINVAL");
  return finish("mremap_fixed");
}
