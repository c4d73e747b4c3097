/* vm.mremap_fixed: MREMAP_FIXED moves a mapping to a chosen address,
 * replacing only what lies in the destination range, and can grow it there;
 * overlapping source and destination or an unaligned destination is EINVAL;
 * MREMAP_DONTUNMAP moves the data and leaves the old range mapped and empty. */
#define _GNU_SOURCE
#include "contract.h"

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
