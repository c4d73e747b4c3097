/*
 * hal/mmu.h's address-space contract, checked the same way against each
 * port: this file is built once per arch (tests/unit/hal/CMakeLists.txt)
 * with hal/common's walk and mmu.c, that arch's entry format
 * (hal/<arch>/pte.c) and a fake machine (fake_machine.c). Every table page
 * is accounted for. What the CPU makes of an entry is the port's own
 * business: pte_bits_<arch>.c checks those bits.
 */
#include <hal/mmu.h>
#include <stdlib.h>

#include "check.h"
#include "fake_machine.h"

#define PG HAL_PAGE_SIZE
#define RW (HAL_PROT_READ | HAL_PROT_WRITE)
#define GIB (1ULL << 30)
#define SLOT0 (1ULL << 39) /* what one root entry maps */

/* pte_bits_<arch>.c: the port's entries as the CPU reads them. */
void check_port_bits(void);

static uint64_t top;

static uint64_t pa_of(struct hal_aspace *as) {
  return hal_virt_to_phys(as);
}

/* Each test starts and ends with no space active and no page live. */
static struct hal_aspace *fresh(void) {
  fm_reset();
  struct hal_aspace *as = hal_aspace_create();
  CHECK(as != NULL);
  CHECK(fm_live_pages() == 1);
  return as;
}

static void done(struct hal_aspace *as) {
  hal_aspace_destroy(as);
  hal_aspace_activate(NULL);
  CHECK_MSG(fm_live_pages() == 0, "%u table pages leaked", fm_live_pages());
  CHECK(fm_bad_frees == 0);
}

static bool query(struct hal_aspace *as, uint64_t va, uint64_t *pa,
                  unsigned *prot) {
  *pa = ~0ULL;
  *prot = ~0u;
  return hal_query_page(as, va, pa, prot);
}

static void test_map_query_unmap(void) {
  struct hal_aspace *as = fresh();
  uint64_t va = 0x400000, pa;
  unsigned prot;
  CHECK(!query(as, va, &pa, &prot));
  CHECK(hal_next_mapped(as, PG, top) == top);
  CHECK(hal_map_page(as, va, 0x1234000, RW) == 0);
  CHECK(query(as, va, &pa, &prot) && pa == 0x1234000 && prot == RW);
  CHECK(query(as, va + 0x123, &pa, &prot) && pa == 0x1234000);
  CHECK(hal_query_page(as, va + PG - 1, NULL, NULL));
  CHECK(!hal_query_page(as, va + PG, NULL, NULL));
  CHECK(!hal_query_page(as, va - PG, NULL, NULL));
  CHECK(hal_unmap_page(as, va, &pa) && pa == 0x1234000);
  CHECK(!hal_query_page(as, va, NULL, NULL));
  CHECK(!hal_unmap_page(as, va, &pa));
  CHECK(hal_map_page(as, va, 0x5000, HAL_PROT_READ) == 0);
  CHECK(hal_unmap_page(as, va, NULL));
  /* A frame high in the physical address space survives the encoding. */
  uint64_t high = (1ULL << 47) - PG;
  CHECK(hal_map_page(as, va, high, RW) == 0);
  CHECK(query(as, va, &pa, &prot) && pa == high);
  done(as);
}

/* Every prot, 0 included, comes back exactly as given. */
static void test_every_prot(void) {
  struct hal_aspace *as = fresh();
  for (unsigned p = 0; p < 8; p++) {
    uint64_t va = 0x10000000 + p * PG, pa;
    unsigned prot;
    CHECK(hal_map_page(as, va, 0x200000 + p * PG, p) == 0);
    CHECK_MSG(query(as, va, &pa, &prot) && prot == p && pa == 0x200000 + p * PG,
              "prot %u came back as %u", p, prot);
    CHECK(hal_next_mapped(as, va, top) == va);
  }
  for (unsigned p = 0; p < 8; p++) {
    uint64_t va = 0x10000000 + p * PG, pa;
    unsigned prot;
    CHECK(hal_protect_page(as, va, 7 - p));
    CHECK(query(as, va, &pa, &prot) && prot == 7 - p &&
          pa == 0x200000 + p * PG);
  }
  done(as);
}

static void test_protect(void) {
  struct hal_aspace *as = fresh();
  uint64_t va = 0x7000000, pa;
  unsigned prot;
  unsigned pages = fm_live_pages();
  CHECK(!hal_protect_page(as, va, RW)); /* nothing there: no tables added */
  CHECK(fm_live_pages() == pages);
  CHECK(hal_map_page(as, va, 0x9000, RW) == 0);
  CHECK(!hal_protect_page(as, va + PG, RW)); /* its neighbour is empty */
  CHECK(hal_protect_page(as, va, 0));
  CHECK(query(as, va, &pa, &prot) && pa == 0x9000 && prot == 0);
  CHECK(hal_next_mapped(as, PG, top) == va); /* prot 0 still counts */
  CHECK(hal_protect_page(as, va + 0x800, HAL_PROT_READ)); /* any address */
  CHECK(query(as, va, &pa, &prot) && pa == 0x9000 && prot == HAL_PROT_READ);
  CHECK(hal_unmap_page(as, va, &pa) && pa == 0x9000);
  CHECK(!hal_protect_page(as, va, RW));
  done(as);
}

static bool flushed_since(unsigned from, uint64_t va, bool active) {
  for (unsigned i = from; i < fm_nflushes; i++)
    if (fm_flushes[i % FM_MAX_EVENTS].va == va &&
        fm_flushes[i % FM_MAX_EVENTS].active == active)
      return true;
  return false;
}

/* Replace, protect and unmap flush the page; the port learns whether its
 * space is the loaded one. */
static void test_flushes(void) {
  struct hal_aspace *as = fresh();
  uint64_t va = 0x600000, pa;
  unsigned prot;
  hal_aspace_activate(as);
  CHECK(fm_loaded_root == pa_of(as) && fm_loads == 1);
  hal_aspace_activate(as);
  CHECK(fm_loads == 1); /* already loaded */
  unsigned n = fm_nflushes;
  CHECK(hal_map_page(as, va, 0x1000, RW) == 0);
  CHECK(flushed_since(n, va, true));
  n = fm_nflushes;
  CHECK(hal_map_page(as, va, 0x2000, HAL_PROT_READ) == 0); /* replace */
  CHECK(flushed_since(n, va, true));
  CHECK(query(as, va, &pa, &prot) && pa == 0x2000 && prot == HAL_PROT_READ);
  n = fm_nflushes;
  CHECK(hal_protect_page(as, va, RW));
  CHECK(flushed_since(n, va, true));
  n = fm_nflushes;
  CHECK(hal_unmap_page(as, va + 5, &pa) && pa == 0x2000);
  CHECK(flushed_since(n, va, true)); /* the page, whatever address named it */
  hal_aspace_activate(NULL);
  CHECK(fm_loaded_root == 0 && fm_loads == 2);
  n = fm_nflushes;
  CHECK(hal_map_page(as, va, 0x3000, RW) == 0);
  CHECK(flushed_since(n, va, false)); /* the port decides what it needs */
  done(as);
}

/* Frames become executable only after the port synced them. */
static void test_exec_sync(void) {
  struct hal_aspace *as = fresh();
  unsigned n = fm_nsynced;
  CHECK(hal_map_page(as, 0x400000, 0x8000, RW) == 0);
  CHECK(fm_nsynced == n);
  CHECK(hal_map_page(as, 0x401000, 0x9000, HAL_PROT_READ | HAL_PROT_EXEC) == 0);
  CHECK(fm_nsynced == n + 1 && fm_synced[n % FM_MAX_EVENTS] == 0x9000);
  CHECK(hal_protect_page(as, 0x400000, HAL_PROT_EXEC));
  CHECK(fm_nsynced == n + 2 && fm_synced[(n + 1) % FM_MAX_EVENTS] == 0x8000);
  done(as);
}

/* The user half ends at hal_user_va_top(); nothing above is the walk's. */
static void test_bounds(void) {
  struct hal_aspace *as = fresh();
  unsigned pages = fm_live_pages();
  CHECK(hal_map_page(as, top, 0x1000, RW) == -1);
  CHECK(hal_map_page(as, ~0ULL & ~(PG - 1), 0x1000, RW) == -1);
  CHECK(fm_live_pages() == pages);
  CHECK(!hal_query_page(as, top, NULL, NULL));
  CHECK(!hal_protect_page(as, top, RW));
  CHECK(!hal_unmap_page(as, top, NULL));
  CHECK(hal_map_page(as, top - PG, 0x1000, RW) == 0);
  CHECK(hal_query_page(as, top - 1, NULL, NULL));
  CHECK(hal_next_mapped(as, PG, ~0ULL) == top - PG);
  CHECK(hal_next_mapped(as, top - PG + 1, ~0ULL) == top - PG); /* aligned */
  CHECK(hal_next_mapped(as, top - PG, top - PG) == top - PG);  /* empty */
  CHECK(hal_next_mapped(as, PG, top - PG) == top - PG);        /* excl. */
  CHECK(hal_next_mapped(as, top, ~0ULL) == top);
  CHECK(hal_map_page(as, PG, 0x2000, RW) == 0);
  CHECK(hal_next_mapped(as, PG, top) == PG);
  CHECK(hal_next_mapped(as, 2 * PG, top) == top - PG);
  done(as);
}

/* Four levels of 512: what a new mapping costs in table pages. */
static void test_table_shape(void) {
  struct hal_aspace *as = fresh();
  unsigned base = fm_live_pages();
  const struct {
    uint64_t va;
    unsigned new_tables;
  } steps[] = {
      {GIB + 0x200000, 3}, /* first: L1, L2 and L3 */
      {GIB + 0x201000, 0}, /* same 2 MiB */
      {GIB + 0x3ff000, 0}, /* still the same 2 MiB */
      {GIB + 0x400000, 1}, /* next 2 MiB: an L3 */
      {2 * GIB, 2},        /* next GiB: an L2 and an L3 */
      {SLOT0 + GIB, 3},    /* next root slot: all three */
      {SLOT0 + GIB + 0x1000, 0},
  };
  unsigned expect = base;
  for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    CHECK(hal_map_page(as, steps[i].va, 0x1000 * (i + 1), RW) == 0);
    expect += steps[i].new_tables;
    CHECK_MSG(fm_live_pages() == expect, "step %u: %u pages, want %u", i,
              fm_live_pages(), expect);
  }
  /* Unmapping and replacing never allocate. */
  CHECK(hal_map_page(as, GIB + 0x200000, 0x7000, HAL_PROT_READ) == 0);
  CHECK(hal_unmap_page(as, GIB + 0x201000, NULL));
  CHECK(fm_live_pages() == expect);
  done(as);
}

static unsigned count_mapped(struct hal_aspace *as) {
  unsigned n = 0;
  for (uint64_t va = PG; (va = hal_next_mapped(as, va, top)) < top; va += PG)
    n++;
  return n;
}

/* A failed map (or create) changes nothing and keeps no page, whichever
 * of the needed table allocations fails. */
static void test_failed_map(void) {
  fm_reset();
  fm_allocs_left = 0;
  CHECK(hal_aspace_create() == NULL);
  CHECK(fm_live_pages() == 0);

  struct hal_aspace *as = fresh();
  CHECK(hal_map_page(as, 0x400000, 0x1000, RW) == 0);
  unsigned pages = fm_live_pages();
  const struct {
    uint64_t va;
    int needs; /* table pages a success would add */
  } cases[] = {
      {0x400000 + 0x200000, 1}, /* next 2 MiB: L3 */
      {0x400000 + GIB, 2},      /* next GiB: L2 + L3 */
      {SLOT0 + 0x400000, 3},    /* next root slot: L1 + L2 + L3 */
  };
  for (unsigned c = 0; c < 3; c++) {
    for (int ok = 0; ok < cases[c].needs; ok++) {
      fm_allocs_left = ok; /* the (ok+1)-th allocation fails */
      CHECK_MSG(hal_map_page(as, cases[c].va, 0x2000, RW) == -1,
                "case %u, failing allocation %d", c, ok + 1);
      CHECK_MSG(fm_live_pages() == pages,
                "case %u, failing allocation %d: "
                "%u table pages, want %u",
                c, ok + 1, fm_live_pages(), pages);
      CHECK(!hal_query_page(as, cases[c].va, NULL, NULL));
      CHECK(count_mapped(as) == c + 1);
    }
    /* With memory it works and costs exactly what it needs: no table
     * from a failed attempt was left linked in. */
    fm_allocs_left = -1;
    CHECK(hal_map_page(as, cases[c].va, 0x2000, RW) == 0);
    pages += (unsigned)cases[c].needs;
    CHECK_MSG(fm_live_pages() == pages, "case %u: %u table pages, want %u", c,
              fm_live_pages(), pages);
  }
  /* A replace needs no memory. */
  fm_allocs_left = 0;
  CHECK(hal_map_page(as, 0x400000, 0x3000, HAL_PROT_READ) == 0);
  fm_allocs_left = -1;
  done(as);
}

/* hal_next_mapped over sparse ranges, and what it costs. */
static void test_next_mapped(void) {
  struct hal_aspace *as = fresh();
  const uint64_t vas[] = {
      PG,    0x200000 - PG,          0x200000, GIB + 5 * PG, SLOT0 - PG,
      SLOT0, 3 * SLOT0 + 0x12345000, top - PG};
  const unsigned n = sizeof vas / sizeof vas[0];
  for (unsigned i = 0; i < n; i++)
    CHECK(hal_map_page(as, vas[i], 0x1000 * (i + 1), i == 3 ? 0 : RW) == 0);
  uint64_t va = PG;
  for (unsigned i = 0; i < n; i++) {
    va = hal_next_mapped(as, va, top);
    CHECK_MSG(va == vas[i], "entry %u: got 0x%llx", i, (unsigned long long)va);
    va += PG;
  }
  CHECK(hal_next_mapped(as, va, top) == top);
  for (unsigned i = 0; i + 1 < n; i++) { /* between two entries: none */
    CHECK(hal_next_mapped(as, vas[i] + PG, vas[i + 1]) == vas[i + 1]);
    CHECK(hal_next_mapped(as, vas[i] + 1, top) == vas[i]); /* aligned */
  }
  /* The cost requirement: walking the whole user half past 8 entries (9
   * calls) enters a few tables per call, not one per page or per absent
   * entry (re-walking from the root at each gap costs thousands). */
  fm_translations = 0;
  for (va = PG; (va = hal_next_mapped(as, va, top)) < top; va += PG)
    ;
  CHECK_MSG(fm_translations <= 9 * 6, "%lu table visits", fm_translations);
  fm_translations = 0; /* empty root slots, then one path */
  CHECK(hal_next_mapped(as, 4 * SLOT0, top - PG) == top - PG);
  CHECK_MSG(fm_translations <= 3, "%lu table visits", fm_translations);
  done(as);
}

/* Two spaces never see each other's entries or tables. */
static void test_isolation(void) {
  struct hal_aspace *a = fresh(), *b = hal_aspace_create();
  CHECK(b != NULL && b != a);
  CHECK(hal_map_page(a, 0x400000, 0x1000, RW) == 0);
  CHECK(hal_map_page(b, 0x401000, 0x2000, RW) == 0);
  CHECK(!hal_query_page(b, 0x400000, NULL, NULL));
  CHECK(!hal_query_page(a, 0x401000, NULL, NULL));
  CHECK(hal_next_mapped(b, PG, top) == 0x401000);
  hal_aspace_destroy(b);
  uint64_t pa;
  CHECK(hal_query_page(a, 0x400000, &pa, NULL) && pa == 0x1000);
  CHECK(fm_live_pages() == 4);
  done(a);
}

/* Destroy frees every table page, root included, and nothing shared. */
static void test_destroy(void) {
  struct hal_aspace *as = fresh();
  const unsigned char *shared = hal_phys_to_virt(fm_shared_table);
  const uint64_t stride = (SLOT0 / 5 + 0x12345000) & ~(PG - 1);
  for (uint64_t i = 0; i < 64; i++)
    CHECK(hal_map_page(as, PG + i * stride % (top - 2 * PG), 0x1000,
                       (unsigned)i & 7) == 0);
  CHECK(fm_live_pages() > 64);
  hal_aspace_destroy(NULL); /* ignored */
  done(as);
  for (unsigned i = 0; i < HAL_PAGE_SIZE; i++)
    if (shared[i]) {
      CHECK_MSG(false, "the shared table changed at byte %u", i);
      break;
    }
}

/* Destroying the active space switches to none before anything is freed
 * (fake_machine counts a free of the loaded root as bad). */
static void test_destroy_active(void) {
  struct hal_aspace *as = fresh();
  CHECK(hal_map_page(as, 0x400000, 0x1000, RW) == 0);
  hal_aspace_activate(as);
  CHECK(fm_loaded_root == pa_of(as));
  unsigned loads = fm_loads;
  hal_aspace_destroy(as);
  CHECK(fm_loaded_root == 0 && fm_loads == loads + 1);
  CHECK(fm_live_pages() == 0 && fm_bad_frees == 0);
  hal_aspace_activate(NULL); /* already none */
  CHECK(fm_loads == loads + 1);
  struct hal_aspace *next = hal_aspace_create(); /* and life goes on */
  CHECK(next != NULL);
  hal_aspace_activate(next);
  CHECK(fm_loaded_root == pa_of(next));
  done(next);
}

/* Random edits against a model, some with allocations failing. */
#define SLOTS 96
static void test_random(void) {
  struct hal_aspace *as = fresh();
  struct {
    bool on;
    uint64_t pa;
    unsigned prot;
  } model[SLOTS] = {{0}};
  uint64_t va_of[SLOTS];
  srand(1234);
  for (unsigned i = 0; i < SLOTS; i++) /* clusters that share tables */
    va_of[i] = (i % 4) * SLOT0 + (i % 3) * GIB + (i / 12) * 0x200000 +
               (i % 7 + 1) * PG;
  for (unsigned step = 0; step < 20000; step++) {
    unsigned i = (unsigned)rand() % SLOTS, p = (unsigned)rand() % 8;
    uint64_t va = va_of[i], pa = (uint64_t)(rand() % 100000 + 1) * PG;
    unsigned pages = fm_live_pages();
    switch (rand() % 4) {
    case 0:
      fm_allocs_left = rand() % 8 == 0 ? rand() % 3 : -1;
      if (hal_map_page(as, va, pa, p) == 0) {
        model[i].on = true, model[i].pa = pa, model[i].prot = p;
      } else {
        CHECK(fm_allocs_left == 0 && fm_live_pages() == pages);
      }
      fm_allocs_left = -1;
      break;
    case 1: {
      uint64_t got = 0;
      CHECK(hal_unmap_page(as, va, &got) == model[i].on);
      CHECK(!model[i].on || got == model[i].pa);
      model[i].on = false;
      CHECK(fm_live_pages() == pages);
      break;
    }
    case 2:
      CHECK(hal_protect_page(as, va, p) == model[i].on);
      if (model[i].on)
        model[i].prot = p;
      CHECK(fm_live_pages() == pages);
      break;
    default: {
      uint64_t got_pa;
      unsigned got_prot;
      bool on = query(as, va, &got_pa, &got_prot);
      CHECK(on == model[i].on);
      CHECK(!on || (got_pa == model[i].pa && got_prot == model[i].prot));
      break;
    }
    }
  }
  /* next_mapped agrees with the model everywhere. */
  for (unsigned i = 0; i < SLOTS; i++) {
    uint64_t want = top;
    for (unsigned j = 0; j < SLOTS; j++)
      if (model[j].on && va_of[j] >= va_of[i] && va_of[j] < want)
        want = va_of[j];
    CHECK(hal_next_mapped(as, va_of[i], top) == want);
  }
  done(as);
}

int main(void) {
  top = hal_user_va_top();
  CHECK(top > SLOT0 * 4 && top <= 1ULL << 48 && !(top & (PG - 1)));
  test_map_query_unmap();
  test_every_prot();
  test_protect();
  test_flushes();
  test_exec_sync();
  test_bounds();
  test_table_shape();
  test_failed_map();
  test_next_mapped();
  test_isolation();
  test_destroy();
  test_destroy_active();
  test_random();
  check_port_bits();
  return check_done("hal mmu (" KDIFF_TEST_ARCH ")");
}
