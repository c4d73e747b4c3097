/* vm.min_addr: mmap_min_addr binds every way of placing a mapping. Whether
 * page 0 may be mapped at all depends on the caller (CAP_SYS_RAWIO allows
 * it on Linux), so this pins only that mmap(MAP_FIXED),
 * mmap(MAP_FIXED_NOREPLACE) and mremap(MREMAP_FIXED) agree about page 0:
 * all refused with EPERM (the mapping to be moved stays where it was,
 * whole), or all allowed (the data moves there). */
#define _GNU_SOURCE
#include "contract.h"

static long mr(long a, long o, long n, long f, long na) {
  return rs(syscall(SYS_mremap, a, o, n, f, na));
}

#define MF (MREMAP_MAYMOVE | MREMAP_FIXED)

/* A call at page 0 succeeded (and its mapping is gone again), or failed
 * with EPERM: 1, 0; anything else: -1. */
static int placed(long r) {
  if (r == 0) {
    syscall(SYS_munmap, 0, 4 * PG);
    return 1;
  }
  return r == -EPERM ? 0 : -1;
}

int main(void) {
  int fixed = placed(mm(0, PG, RW, ANON | MAP_FIXED, -1, 0));
  int noreplace = placed(mm(0, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0));
  check(fixed >= 0 && noreplace == fixed,
        "MAP_FIXED and MAP_FIXED_NOREPLACE agree at page 0");
  long src = mm(0, 2 * PG, RW, ANON, -1, 0);
  check(src > 0, "a hint of 0 maps elsewhere");
  memset((void *)src, 0x5a, 2 * PG);
  long r = mr(src, 2 * PG, 2 * PG, MF, 0);
  check(placed(r) == fixed, "MREMAP_FIXED to page 0 agrees with mmap");
  /* Refused: the mapping is where it was, whole. Moved (and unmapped
   * again by placed()): map a source anew. */
  int whole = r == 0 || (mapped(src) && mapped(src + PG) &&
                         ((unsigned char *)src)[PG] == 0x5a);
  if (r == 0) {
    src = mm(0, 2 * PG, RW, ANON, -1, 0);
    memset((void *)src, 0x5a, 2 * PG);
  }
  check(whole, "a refused move leaves the mapping whole");
  check(placed(mr(src, PG, 3 * PG, MF, 0)) == fixed,
        "growing to page 0 agrees too");
  if (fixed) {
    src = mm(0, 2 * PG, RW, ANON, -1, 0);
    memset((void *)src, 0x5a, 2 * PG);
  }
  check(!mapped(0), "page 0 is not left mapped");
  long far = mm(0, 4 * PG, RW, ANON, -1, 0);
  check(far > 0 && syscall(SYS_munmap, far, 4 * PG) == 0, "a free range");
  check(mr(src, 2 * PG, 2 * PG, MF, far) == far &&
            ((unsigned char *)far)[0] == 0x5a,
        "MREMAP_FIXED above it still moves");
  return finish("min_addr");
}
