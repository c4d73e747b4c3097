/* vm.vdso_unmap_rules: the vDSO and its data area are special mappings:
 * munmap, mprotect (when it changes something), mremap and MAP_FIXED of
 * part of either are EINVAL and change nothing; neither grows (EFAULT);
 * the data may not become writable or executable (EACCES) nor be
 * discarded; the whole image or the whole data area may be re-protected,
 * moved and unmapped. The image is AT_SYSINFO_EHDR and spans 2 pages; its
 * data area is the 2 pages just below it (Linux 6.18's [vvar_vclock]). */
#define _GNU_SOURCE
#include <sys/auxv.h>
#include <time.h>

#include "contract.h"

#define P 4096UL

static unsigned long V, T;

static long sys(long n, long a, long b, long c, long d, long e) {
  return rs(syscall(n, a, b, c, d, e, 0));
}

/* A sys() result: "0", an errno name, or which known address it is. */
static const char *res(long r) {
  if (r <= 0)
    return r == 0 ? "0" : ename(r);
  if ((unsigned long)r == V)
    return "addr=vdso";
  if ((unsigned long)r == T)
    return "addr=target";
  if ((unsigned long)r == T - 2 * P)
    return "addr=target-2p";
  return "addr=other";
}

static void expect_res(const char *what, long r, const char *want) {
  expect_str(what, res(r), want);
}

/* Which of the 4 pages [base-2p, base+2p) are mapped, as a 4-letter map. */
static void layout(const char *what, unsigned long base, const char *want) {
  char got[5];
  for (int i = 0; i < 4; i++)
    got[i] = mapped(base - 2 * P + (unsigned long)i * P) ? 'm' : '-';
  got[4] = 0;
  expect_str(what, got, want);
}

int main(void) {
  V = getauxval(AT_SYSINFO_EHDR);
  if (!V) {
    printf("CONTRACT_FAIL vdso_unmap_rules: no AT_SYSINFO_EHDR\n");
    return 1;
  }
  /* The vDSO works before the test (and musl resolves it now). */
  struct timespec ts;
  expect_res("clock_gettime first", clock_gettime(CLOCK_MONOTONIC, &ts), "0");
  layout("start", V, "mmmm");

  /* Part of the image or the data area: EINVAL, nothing changes. */
  expect_res("munmap image first page", sys(SYS_munmap, V, P, 0, 0, 0),
             "EINVAL");
  expect_res("munmap image last page", sys(SYS_munmap, V + P, P, 0, 0, 0),
             "EINVAL");
  expect_res("munmap data last page", sys(SYS_munmap, V - P, P, 0, 0, 0),
             "EINVAL");
  expect_res("munmap across data and image",
             sys(SYS_munmap, V - P, 2 * P, 0, 0, 0), "EINVAL");
  expect_res("munmap whole data and part of image",
             sys(SYS_munmap, V - 2 * P, 3 * P, 0, 0, 0), "EINVAL");
  layout("after partial munmaps", V, "mmmm");
  expect_res("mprotect image page R", sys(SYS_mprotect, V, P, PROT_READ, 0, 0),
             "EINVAL");
  expect_res("mprotect image page RX (unchanged)",
             sys(SYS_mprotect, V, P, PROT_READ | PROT_EXEC, 0, 0), "0");
  expect_res("mprotect data page R (unchanged)",
             sys(SYS_mprotect, V - P, P, PROT_READ, 0, 0), "0");
  expect_res("mprotect data page NONE",
             sys(SYS_mprotect, V - P, P, PROT_NONE, 0, 0), "EINVAL");
  expect_res("mprotect data page RW",
             sys(SYS_mprotect, V - P, P, PROT_READ | PROT_WRITE, 0, 0),
             "EACCES");
  expect_res("mprotect data RW",
             sys(SYS_mprotect, V - 2 * P, 2 * P, PROT_READ | PROT_WRITE, 0, 0),
             "EACCES");
  expect_res("mprotect data RX",
             sys(SYS_mprotect, V - 2 * P, 2 * P, PROT_READ | PROT_EXEC, 0, 0),
             "EACCES");
  expect_res("madvise data DONTNEED",
             sys(SYS_madvise, V - P, P, MADV_DONTNEED, 0, 0), "EINVAL");
  expect_res("mmap FIXED over image page",
             sys(SYS_mmap, V, P, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1),
             "EINVAL");
  expect_res("mremap image same size", sys(SYS_mremap, V, 2 * P, 2 * P, 0, 0),
             "addr=vdso");
  expect_res("mremap image page same size", sys(SYS_mremap, V, P, P, 0, 0),
             "addr=vdso");
  expect_res("mremap image grow", sys(SYS_mremap, V, 2 * P, 3 * P, 0, 0),
             "EFAULT");
  expect_res("mremap image grow MAYMOVE",
             sys(SYS_mremap, V, 2 * P, 3 * P, MREMAP_MAYMOVE, 0), "EFAULT");
  expect_res("mremap image page grow", sys(SYS_mremap, V, P, 2 * P, 0, 0),
             "EFAULT");
  expect_res("mremap image shrink", sys(SYS_mremap, V, 2 * P, P, 0, 0),
             "EINVAL");
  expect_res("mremap data shrink", sys(SYS_mremap, V - 2 * P, 2 * P, P, 0, 0),
             "EINVAL");
  expect_res(
      "mremap image DONTUNMAP",
      sys(SYS_mremap, V, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0),
      "EINVAL");
  layout("after refusals", V, "mmmm");
  expect_res("clock_gettime after refusals",
             clock_gettime(CLOCK_MONOTONIC, &ts), "0");

  /* The whole image may be re-protected (and back). */
  expect_res("mprotect image R", sys(SYS_mprotect, V, 2 * P, PROT_READ, 0, 0),
             "0");
  expect_res("mprotect image RX",
             sys(SYS_mprotect, V, 2 * P, PROT_READ | PROT_EXEC, 0, 0), "0");
  expect_res("clock_gettime after re-protect",
             clock_gettime(CLOCK_MONOTONIC, &ts), "0");
  expect_res("mprotect data NONE",
             sys(SYS_mprotect, V - 2 * P, 2 * P, PROT_NONE, 0, 0), "0");
  expect_res("mprotect data R",
             sys(SYS_mprotect, V - 2 * P, 2 * P, PROT_READ, 0, 0), "0");

  /* A free 6-page range for the moves (from here on the vDSO is not
   * called: its clock code would look for data it no longer finds). */
  long free6 =
      sys(SYS_mmap, 0, 6 * P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
  if (free6 < 0) {
    printf("CONTRACT_FAIL vdso_unmap_rules: mmap failed\n");
    return 1;
  }
  sys(SYS_munmap, free6, 6 * P, 0, 0, 0);
  T = (unsigned long)free6 + 3 * P;
  expect_res("mremap image page FIXED",
             sys(SYS_mremap, V, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)T),
             "EINVAL");
  expect_res(
      "mremap image FIXED shrink",
      sys(SYS_mremap, V, 2 * P, P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)T),
      "EINVAL");
  expect_res(
      "mremap image FIXED grow",
      sys(SYS_mremap, V, 2 * P, 3 * P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)T),
      "EFAULT");
  expect_res("mremap data page FIXED",
             sys(SYS_mremap, V - P, P, P, MREMAP_MAYMOVE | MREMAP_FIXED,
                 (long)T - 2 * P),
             "EINVAL");
  layout("source after refused moves", V, "mmmm");
  layout("target after refused moves", T, "----");
  expect_res(
      "mremap image FIXED whole",
      sys(SYS_mremap, V, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)T),
      "addr=target");
  expect_res("mremap data FIXED whole",
             sys(SYS_mremap, V - 2 * P, 2 * P, 2 * P,
                 MREMAP_MAYMOVE | MREMAP_FIXED, (long)T - 2 * P),
             "addr=target-2p");
  layout("source after moves", V, "----");
  layout("target after moves", T, "mmmm");
  /* The moved areas keep their rules. */
  expect_res("munmap moved image page", sys(SYS_munmap, T, P, 0, 0, 0),
             "EINVAL");
  expect_res("mprotect moved data RW",
             sys(SYS_mprotect, T - 2 * P, 2 * P, PROT_READ | PROT_WRITE, 0, 0),
             "EACCES");
  /* Whole areas go. */
  expect_res("munmap whole image", sys(SYS_munmap, T, 2 * P, 0, 0, 0), "0");
  layout("after image unmapped", T, "mm--");
  expect_res("munmap data with a hole around",
             sys(SYS_munmap, T - 3 * P, 4 * P, 0, 0, 0), "0");
  layout("after data unmapped", T, "----");
  expect_res("mmap FIXED where the image was",
             sys(SYS_mmap, (long)T, 2 * P, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1),
             "addr=target");
  layout("after mmap", T, "--mm");

  return finish("vdso_unmap_rules");
}
