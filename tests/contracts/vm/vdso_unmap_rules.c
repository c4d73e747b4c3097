/* vm.vdso_unmap_rules: the vDSO and its data area are special mappings:
 * munmap, mprotect (when it changes something), mremap and MAP_FIXED of
 * part of either are EINVAL and change nothing; neither grows (EFAULT);
 * the data may not become writable or executable (EACCES) nor be
 * discarded; the whole image or the whole data area may be re-protected,
 * moved and unmapped. The image is AT_SYSINFO_EHDR and spans 2 pages; its
 * data area is the 2 pages just below it (Linux 6.18's [vvar_vclock]). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define P 4096UL

static int failed;
static unsigned long V, T;

static long sys(long n, long a, long b, long c, long d, long e) {
  long r = syscall(n, a, b, c, d, e, 0);
  return r == -1 ? -errno : r;
}

static const char *res(long r) {
  switch (r) {
  case 0: return "0";
  case -EINVAL: return "EINVAL";
  case -EFAULT: return "EFAULT";
  case -EACCES: return "EACCES";
  case -ENOMEM: return "ENOMEM";
  case -EPERM: return "EPERM";
  }
  if (r > 0 && (unsigned long)r == V) return "addr=vdso";
  if (r > 0 && (unsigned long)r == T) return "addr=target";
  if (r > 0 && (unsigned long)r == T - 2 * P) return "addr=target-2p";
  return r > 0 ? "addr=other" : "errno=other";
}

static void expect(const char *what, long r, const char *want) {
  const char *got = res(r);
  int ok = strcmp(got, want) == 0;
  printf("%s: %s%s\n", what, got, ok ? "" : " FAILED");
  if (!ok)
    failed = 1;
}

static int mapped(unsigned long a) {
  unsigned char v;
  return sys(SYS_mincore, (long)a, P, (long)&v, 0, 0) == 0;
}

/* Which of the 4 pages [base-2p, base+2p) are mapped, as a 4-letter map. */
static void layout(const char *what, unsigned long base, const char *want) {
  char got[5];
  for (int i = 0; i < 4; i++)
    got[i] = mapped(base - 2 * P + (unsigned long)i * P) ? 'm' : '-';
  got[4] = 0;
  int ok = strcmp(got, want) == 0;
  printf("%s: %s%s\n", what, got, ok ? "" : " FAILED");
  if (!ok)
    failed = 1;
}

int main(void) {
  V = getauxval(AT_SYSINFO_EHDR);
  if (!V) {
    printf("CONTRACT_FAIL vdso_unmap_rules: no AT_SYSINFO_EHDR\n");
    return 1;
  }
  /* The vDSO works before the test (and musl resolves it now). */
  struct timespec ts;
  expect("clock_gettime first", clock_gettime(CLOCK_MONOTONIC, &ts), "0");
  layout("start", V, "mmmm");

  /* Part of the image or the data area: EINVAL, nothing changes. */
  expect("munmap image first page", sys(SYS_munmap, V, P, 0, 0, 0), "EINVAL");
  expect("munmap image last page", sys(SYS_munmap, V + P, P, 0, 0, 0),
         "EINVAL");
  expect("munmap data last page", sys(SYS_munmap, V - P, P, 0, 0, 0),
         "EINVAL");
  expect("munmap across data and image",
         sys(SYS_munmap, V - P, 2 * P, 0, 0, 0), "EINVAL");
  expect("munmap whole data and part of image",
         sys(SYS_munmap, V - 2 * P, 3 * P, 0, 0, 0), "EINVAL");
  layout("after partial munmaps", V, "mmmm");
  expect("mprotect image page R", sys(SYS_mprotect, V, P, PROT_READ, 0, 0),
         "EINVAL");
  expect("mprotect image page RX (unchanged)",
         sys(SYS_mprotect, V, P, PROT_READ | PROT_EXEC, 0, 0), "0");
  expect("mprotect data page R (unchanged)",
         sys(SYS_mprotect, V - P, P, PROT_READ, 0, 0), "0");
  expect("mprotect data page NONE",
         sys(SYS_mprotect, V - P, P, PROT_NONE, 0, 0), "EINVAL");
  expect("mprotect data page RW",
         sys(SYS_mprotect, V - P, P, PROT_READ | PROT_WRITE, 0, 0), "EACCES");
  expect("mprotect data RW", sys(SYS_mprotect, V - 2 * P, 2 * P,
                                 PROT_READ | PROT_WRITE, 0, 0), "EACCES");
  expect("mprotect data RX", sys(SYS_mprotect, V - 2 * P, 2 * P,
                                 PROT_READ | PROT_EXEC, 0, 0), "EACCES");
  expect("madvise data DONTNEED",
         sys(SYS_madvise, V - P, P, MADV_DONTNEED, 0, 0), "EINVAL");
  expect("mmap FIXED over image page",
         sys(SYS_mmap, V, P, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1), "EINVAL");
  expect("mremap image same size", sys(SYS_mremap, V, 2 * P, 2 * P, 0, 0),
         "addr=vdso");
  expect("mremap image page same size", sys(SYS_mremap, V, P, P, 0, 0),
         "addr=vdso");
  expect("mremap image grow", sys(SYS_mremap, V, 2 * P, 3 * P, 0, 0),
         "EFAULT");
  expect("mremap image grow MAYMOVE",
         sys(SYS_mremap, V, 2 * P, 3 * P, MREMAP_MAYMOVE, 0), "EFAULT");
  expect("mremap image page grow", sys(SYS_mremap, V, P, 2 * P, 0, 0),
         "EFAULT");
  expect("mremap image shrink", sys(SYS_mremap, V, 2 * P, P, 0, 0), "EINVAL");
  expect("mremap data shrink", sys(SYS_mremap, V - 2 * P, 2 * P, P, 0, 0),
         "EINVAL");
  expect("mremap image DONTUNMAP",
         sys(SYS_mremap, V, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
             0), "EINVAL");
  layout("after refusals", V, "mmmm");
  expect("clock_gettime after refusals",
         clock_gettime(CLOCK_MONOTONIC, &ts), "0");

  /* The whole image may be re-protected (and back). */
  expect("mprotect image R", sys(SYS_mprotect, V, 2 * P, PROT_READ, 0, 0),
         "0");
  expect("mprotect image RX",
         sys(SYS_mprotect, V, 2 * P, PROT_READ | PROT_EXEC, 0, 0), "0");
  expect("clock_gettime after re-protect",
         clock_gettime(CLOCK_MONOTONIC, &ts), "0");
  expect("mprotect data NONE",
         sys(SYS_mprotect, V - 2 * P, 2 * P, PROT_NONE, 0, 0), "0");
  expect("mprotect data R",
         sys(SYS_mprotect, V - 2 * P, 2 * P, PROT_READ, 0, 0), "0");

  /* A free 6-page range for the moves (from here on the vDSO is not
   * called: its clock code would look for data it no longer finds). */
  long free6 = sys(SYS_mmap, 0, 6 * P, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1);
  if (free6 < 0) {
    printf("CONTRACT_FAIL vdso_unmap_rules: mmap failed\n");
    return 1;
  }
  sys(SYS_munmap, free6, 6 * P, 0, 0, 0);
  T = (unsigned long)free6 + 3 * P;
  expect("mremap image page FIXED",
         sys(SYS_mremap, V, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)T),
         "EINVAL");
  expect("mremap image FIXED shrink",
         sys(SYS_mremap, V, 2 * P, P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)T),
         "EINVAL");
  expect("mremap image FIXED grow",
         sys(SYS_mremap, V, 2 * P, 3 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
             (long)T), "EFAULT");
  expect("mremap data page FIXED",
         sys(SYS_mremap, V - P, P, P, MREMAP_MAYMOVE | MREMAP_FIXED,
             (long)T - 2 * P), "EINVAL");
  layout("source after refused moves", V, "mmmm");
  layout("target after refused moves", T, "----");
  expect("mremap image FIXED whole",
         sys(SYS_mremap, V, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
             (long)T), "addr=target");
  expect("mremap data FIXED whole",
         sys(SYS_mremap, V - 2 * P, 2 * P, 2 * P,
             MREMAP_MAYMOVE | MREMAP_FIXED, (long)T - 2 * P),
         "addr=target-2p");
  layout("source after moves", V, "----");
  layout("target after moves", T, "mmmm");
  /* The moved areas keep their rules. */
  expect("munmap moved image page", sys(SYS_munmap, T, P, 0, 0, 0), "EINVAL");
  expect("mprotect moved data RW", sys(SYS_mprotect, T - 2 * P, 2 * P,
                                       PROT_READ | PROT_WRITE, 0, 0),
         "EACCES");
  /* Whole areas go. */
  expect("munmap whole image", sys(SYS_munmap, T, 2 * P, 0, 0, 0), "0");
  layout("after image unmapped", T, "mm--");
  expect("munmap data with a hole around",
         sys(SYS_munmap, T - 3 * P, 4 * P, 0, 0, 0), "0");
  layout("after data unmapped", T, "----");
  expect("mmap FIXED where the image was",
         sys(SYS_mmap, (long)T, 2 * P, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1), "addr=target");
  layout("after mmap", T, "--mm");

  if (failed) {
    printf("CONTRACT_FAIL vdso_unmap_rules: see lines above\n");
    return 1;
  }
  printf("CONTRACT_PASS vdso_unmap_rules\n");
  return 0;
}
