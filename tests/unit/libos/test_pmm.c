/* The frame allocator over fake physical memory: accounting, zeroing,
 * reference counts, contiguous aligned runs, exhaustion and misuse. */
#include <string.h>

#include "check.h"
#include "fake_phys.h"
#include "libos/pmm.h"
#include <hal/mmu.h>

#define PG HAL_PAGE_SIZE

static bool page_is(uint64_t pa, unsigned char v) {
  const unsigned char *p = hal_phys_to_virt(pa);
  for (size_t i = 0; i < PG; i++)
    if (p[i] != v)
      return false;
  return true;
}

static void test_init(void) {
  /* A region too small for its metadata plus one frame is skipped. */
  fake_phys_reset();
  fake_phys_add(0x100000, PG);
  struct hal_mem_region one = {0x100000, PG};
  CHECK(pmm_init(&one, 1) == -1);
  CHECK(pmm_init(&one, 0) == -1);

  fake_phys_reset();
  fake_phys_add(0x200000, 2 * PG);
  struct hal_mem_region two = {0x200000, 2 * PG};
  CHECK(pmm_init(&two, 1) == 0);
  CHECK(pmm_total_count() == 1 && pmm_free_count() == 1);
  uint64_t pa = pmm_alloc();
  CHECK(pa == 0x201000); /* the metadata took the first frame */
  CHECK(pmm_alloc() == 0);
  CHECK(pmm_free_count() == 0);
}

/* Two regions with a hole between them, allocated to exhaustion. */
static void test_exhaustion_and_zeroing(void) {
  fake_phys_reset();
  fake_phys_add(0x1000000, 64 * PG);
  fake_phys_add(0x4000000, 200 * PG);
  struct hal_mem_region r[2] = {{0x1000000, 64 * PG}, {0x4000000, 200 * PG}};
  CHECK(pmm_init(r, 2) == 0);
  size_t total = pmm_total_count();
  /* Metadata is ~2.1 bytes a frame: one frame per region here. */
  CHECK(total == 63 + 199);
  CHECK(pmm_free_count() == total);

  static uint64_t got[512];
  size_t n = 0;
  for (uint64_t pa; (pa = pmm_alloc());) {
    CHECK(n < 512);
    if (n >= 512)
      break;
    got[n++] = pa;
    CHECK((pa & (PG - 1)) == 0);
    CHECK((pa >= 0x1001000 && pa < 0x1000000 + 64 * PG) ||
          (pa >= 0x4001000 && pa < 0x4000000 + 200 * PG));
    CHECK(page_is(pa, 0)); /* fake RAM starts as 0xa5: pmm zeroed it */
    CHECK(pmm_refcount(pa) == 1);
    memset(hal_phys_to_virt(pa), 0x77, PG); /* dirty it for reuse */
  }
  CHECK(n == total);
  CHECK(pmm_free_count() == 0);
  for (size_t i = 0; i < n; i++)
    for (size_t k = i + 1; k < n; k++)
      if (got[i] == got[k])
        CHECK_MSG(0, "frame 0x%llx handed out twice",
                  (unsigned long long)got[i]);
  /* Free every other one; they come back, zeroed again. */
  for (size_t i = 0; i < n; i += 2)
    pmm_unref(got[i]);
  CHECK(pmm_free_count() == (n + 1) / 2);
  for (size_t i = 0; i < n; i += 2) {
    uint64_t pa = pmm_alloc();
    CHECK(pa != 0 && page_is(pa, 0));
  }
  CHECK(pmm_alloc() == 0);
}

static void test_refcounts(void) {
  fake_phys_reset();
  fake_phys_add(0x800000, 32 * PG);
  struct hal_mem_region r = {0x800000, 32 * PG};
  CHECK(pmm_init(&r, 1) == 0);
  size_t free0 = pmm_free_count();
  uint64_t pa = pmm_alloc();
  CHECK(pmm_refcount(pa) == 1 && pmm_free_count() == free0 - 1);
  pmm_ref(pa);
  pmm_ref(pa);
  CHECK(pmm_refcount(pa) == 3);
  pmm_unref(pa);
  pmm_unref(pa);
  CHECK(pmm_refcount(pa) == 1 && pmm_free_count() == free0 - 1);
  pmm_unref(pa);
  CHECK(pmm_refcount(pa) == 0 && pmm_free_count() == free0);

  /* Misuse panics: a free frame, a frame pmm does not own, a misaligned
   * address, and a count that would overflow 16 bits. */
  CHECK(PANICS(pmm_unref(pa)));
  CHECK(PANICS(pmm_ref(pa)));
  CHECK(PANICS(pmm_unref(0x100000)));
  CHECK(PANICS(pmm_unref(0x800000))); /* the metadata frame is not handed out */
  uint64_t q = pmm_alloc();
  CHECK(PANICS(pmm_unref(q + 8)));
  CHECK(pmm_refcount(q) == 1); /* the failed call changed nothing */
  for (unsigned i = 1; i < 0xffff; i++)
    pmm_ref(q);
  CHECK(pmm_refcount(q) == 0xffff);
  CHECK(PANICS(pmm_ref(q)));
  CHECK(pmm_refcount(q) == 0xffff);
  CHECK(pmm_refcount(0x100000) == 0);
}

static void test_contiguous(void) {
  fake_phys_reset();
  /* Base deliberately not 64 KiB aligned, so alignment is a real demand. */
  fake_phys_add(0x2003000, 300 * PG);
  struct hal_mem_region r = {0x2003000, 300 * PG};
  CHECK(pmm_init(&r, 1) == 0);
  const size_t sizes[] = {1, 2, 3, 4, 5, 8, 13, 16, 33};
  uint64_t runs[9];
  for (size_t i = 0; i < 9; i++) {
    size_t n = sizes[i];
    uint64_t align = 1;
    while (align < n)
      align <<= 1;
    uint64_t pa = pmm_alloc_pages(n);
    runs[i] = pa;
    CHECK_MSG(pa != 0, "run of %zu", n);
    if (!pa)
      continue;
    CHECK_MSG(pa % (align * PG) == 0, "run of %zu at 0x%llx", n,
              (unsigned long long)pa);
    for (size_t k = 0; k < n; k++) {
      CHECK(pmm_refcount(pa + k * PG) == 1);
      CHECK(page_is(pa + k * PG, 0));
      memset(hal_phys_to_virt(pa + k * PG), 0x33, PG);
    }
  }
  /* Runs do not overlap each other. */
  for (size_t i = 0; i < 9; i++)
    for (size_t k = 0; k < 9; k++)
      if (i != k && runs[i] && runs[k])
        CHECK(runs[i] + sizes[i] * PG <= runs[k] ||
              runs[k] + sizes[k] * PG <= runs[i]);
  CHECK(pmm_alloc_pages(0) == 0);
  CHECK(pmm_alloc_pages(pmm_total_count() + 1) == 0);
  CHECK(pmm_alloc_pages(400) == 0);

  /* Fragment: every other frame taken; no run of 2 exists any more. */
  fake_phys_reset();
  fake_phys_add(0x3000000, 40 * PG);
  struct hal_mem_region f = {0x3000000, 40 * PG};
  CHECK(pmm_init(&f, 1) == 0);
  uint64_t all[64];
  size_t n = 0;
  for (uint64_t pa; (pa = pmm_alloc()) && n < 64;)
    all[n++] = pa;
  for (size_t i = 0; i < n; i += 2)
    pmm_unref(all[i]);
  CHECK(pmm_free_count() > 2);
  CHECK(pmm_alloc_pages(2) == 0);
  CHECK(pmm_alloc_pages(1) != 0);
  /* Free a neighbour of a free frame: now an aligned pair may exist. */
  for (size_t i = 1; i < n; i += 2)
    pmm_unref(all[i]);
  uint64_t pair = pmm_alloc_pages(2);
  CHECK(pair != 0 && pair % (2 * PG) == 0);

  /* Next fit: runs go on past the last one, and once the end is reached
   * a run freed behind is found again. */
  fake_phys_reset();
  fake_phys_add(0x4000000, 64 * PG);
  struct hal_mem_region w = {0x4000000, 64 * PG};
  CHECK(pmm_init(&w, 1) == 0);
  uint64_t first = pmm_alloc_pages(2), prev = pmm_alloc_pages(2);
  CHECK(first != 0 && prev > first);
  pmm_unref(first);
  pmm_unref(first + PG);
  size_t runs_taken = 0;
  bool wrapped = false;
  for (uint64_t pa; (pa = pmm_alloc_pages(2)); prev = pa, runs_taken++) {
    if (pa == first) {
      wrapped = true;
      break;
    }
    CHECK(pa > prev);
  }
  CHECK(wrapped && runs_taken > 20 && pmm_alloc_pages(2) == 0);
}

int main(void) {
  test_init();
  test_exhaustion_and_zeroing();
  test_refcounts();
  test_contiguous();
  fake_phys_reset();
  return check_done("test_pmm");
}
