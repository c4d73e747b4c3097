/* User address spaces: 4-level, 4 KiB-granule tables in TTBR0 (48-bit VA).
 * A struct hal_aspace is its own L0 table page (seen through the physmap).
 * All user entries are non-global with ASID 0; switching address spaces
 * flushes the TLB, which is cheap on one CPU with one process. */
#include <hal/mmu.h>
#include <hal/upcalls.h>

#include "arm64.h"

#define USER_VA_TOP (1UL << 48)
#define ADDR_MASK 0x0000fffffffff000UL
#define DESC_VALID 1UL
#define DESC_TABLE 3UL
#define DESC_PAGE 3UL
#define ATTR_AP_EL0 (1UL << 6)  /* AP[1]: EL0 may access */
#define ATTR_AP_RO (1UL << 7)   /* AP[2]: read-only */
#define ATTR_SH_INNER (3UL << 8)
#define ATTR_AF (1UL << 10)
#define ATTR_NG (1UL << 11)
#define ATTR_PXN (1UL << 53)
#define ATTR_UXN (1UL << 54)
#define SW_PROT_SHIFT 55 /* bits 55-58 are ignored by the MMU: keep prot */
#define SW_PROT_MASK (7UL << SW_PROT_SHIFT)

static struct hal_aspace *current_as;

static uint64_t *table_kva(uint64_t desc) { return pa_to_kva(desc & ADDR_MASK); }

static unsigned idx(uint64_t va, unsigned level) {
  return (va >> (39 - 9 * level)) & 511;
}

/* The page descriptor for `prot`. Linux semantics: write implies read. */
static uint64_t page_desc(uint64_t pa, unsigned prot) {
  uint64_t d = (pa & ADDR_MASK) | DESC_PAGE | ATTR_SH_INNER | ATTR_AF | ATTR_NG |
               ATTR_PXN | ((uint64_t)(prot & 7) << SW_PROT_SHIFT);
  if (prot & HAL_PROT_WRITE)
    d |= ATTR_AP_EL0;                /* EL0 RW */
  else if (prot & HAL_PROT_READ)
    d |= ATTR_AP_EL0 | ATTR_AP_RO;   /* EL0 RO */
  else
    d |= ATTR_AP_RO;                 /* EL0 none (exec-only or prot 0) */
  if (!(prot & HAL_PROT_EXEC))
    d |= ATTR_UXN;
  return d;
}

static void flush_va(uint64_t va) {
  __asm__ volatile("dsb ishst; tlbi vae1, %0; dsb ish; isb" ::"r"(va >> 12)
                   : "memory");
}

void sync_icache_page(uint64_t pa) {
  uint64_t ctr = read_sysreg(ctr_el0);
  if (!(ctr & (1UL << 28))) { /* !IDC: clean D-cache to PoU */
    uint64_t line = 4UL << ((ctr >> 16) & 0xf);
    uint64_t va = (uint64_t)pa_to_kva(pa & ADDR_MASK);
    for (uint64_t a = va; a < va + HAL_PAGE_SIZE; a += line)
      __asm__ volatile("dc cvau, %0" ::"r"(a) : "memory");
    dsb(ish);
  }
  if (!(ctr & (1UL << 29))) /* !DIC */
    __asm__ volatile("ic iallu; dsb ish; isb" ::: "memory");
}

uint64_t hal_user_va_top(void) { return USER_VA_TOP; }

struct hal_aspace *hal_aspace_create(void) {
  uint64_t pa = kernel_page_alloc();
  return pa ? (struct hal_aspace *)pa_to_kva(pa) : NULL;
}

static void free_level(uint64_t *t, unsigned level) {
  if (level < 3)
    for (unsigned i = 0; i < 512; i++)
      if (t[i] & DESC_VALID)
        free_level(table_kva(t[i]), level + 1);
  kernel_page_free(kva_to_pa(t));
}

void hal_aspace_destroy(struct hal_aspace *as) {
  if (as == current_as)
    return; /* contract violation: leave it rather than free live tables */
  uint64_t *l0 = (uint64_t *)as;
  for (unsigned i = 0; i < 512; i++)
    if (l0[i] & DESC_VALID)
      free_level(table_kva(l0[i]), 1);
  kernel_page_free(kva_to_pa(l0));
}

void hal_aspace_activate(struct hal_aspace *as) {
  if (as == current_as)
    return;
  current_as = as;
  write_sysreg(ttbr0_el1, as ? kva_to_pa(as) : kmap_empty_ttbr0());
  isb();
  __asm__ volatile("tlbi vmalle1; dsb nsh; isb" ::: "memory");
}

/* The L3 entry for `va`, or NULL when a table on the way is missing. */
static uint64_t *find_pte(struct hal_aspace *as, uint64_t va) {
  uint64_t *t = (uint64_t *)as;
  for (unsigned level = 0; level < 3; level++) {
    uint64_t d = t[idx(va, level)];
    if (!(d & DESC_VALID))
      return NULL;
    t = table_kva(d);
  }
  return &t[idx(va, 3)];
}

int hal_map_page(struct hal_aspace *as, uint64_t va, uint64_t pa,
                 unsigned prot) {
  if ((va & (HAL_PAGE_SIZE - 1)) || va >= USER_VA_TOP)
    return -1;
  /* Allocate every missing table first so failure changes nothing. */
  uint64_t fresh[3] = {0, 0, 0};
  uint64_t *t = (uint64_t *)as;
  unsigned missing_from = 3;
  for (unsigned level = 0; level < 3; level++) {
    uint64_t d = t[idx(va, level)];
    if (!(d & DESC_VALID)) {
      missing_from = level;
      break;
    }
    t = table_kva(d);
  }
  for (unsigned level = missing_from; level < 3; level++) {
    fresh[level] = kernel_page_alloc();
    if (!fresh[level]) {
      for (unsigned j = missing_from; j < level; j++)
        kernel_page_free(fresh[j]);
      return -1;
    }
  }
  for (unsigned level = missing_from; level < 3; level++) {
    t[idx(va, level)] = fresh[level] | DESC_TABLE;
    t = pa_to_kva(fresh[level]);
  }
  uint64_t *pte = &t[idx(va, 3)];
  if (*pte & DESC_VALID) { /* break before make */
    *pte = 0;
    flush_va(va);
  }
  if (prot & HAL_PROT_EXEC)
    sync_icache_page(pa);
  *pte = page_desc(pa, prot);
  flush_va(va);
  return 0;
}

bool hal_unmap_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out) {
  if (va >= USER_VA_TOP)
    return false;
  uint64_t *pte = find_pte(as, va & ~(HAL_PAGE_SIZE - 1));
  if (!pte || !(*pte & DESC_VALID))
    return false;
  if (pa_out)
    *pa_out = *pte & ADDR_MASK;
  *pte = 0;
  flush_va(va);
  return true;
}

bool hal_query_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out,
                    unsigned *prot_out) {
  if (va >= USER_VA_TOP)
    return false;
  uint64_t *pte = find_pte(as, va);
  if (!pte || !(*pte & DESC_VALID))
    return false;
  if (pa_out)
    *pa_out = *pte & ADDR_MASK;
  if (prot_out)
    *prot_out = (unsigned)((*pte & SW_PROT_MASK) >> SW_PROT_SHIFT);
  return true;
}

bool hal_protect_page(struct hal_aspace *as, uint64_t va, unsigned prot) {
  if (va >= USER_VA_TOP)
    return false;
  uint64_t *pte = find_pte(as, va);
  if (!pte || !(*pte & DESC_VALID))
    return false;
  uint64_t pa = *pte & ADDR_MASK;
  if (prot & HAL_PROT_EXEC)
    sync_icache_page(pa);
  /* Same frame, only permissions change: no break-before-make needed. */
  *pte = page_desc(pa, prot);
  flush_va(va);
  return true;
}

uint64_t hal_next_mapped(struct hal_aspace *as, uint64_t va, uint64_t end) {
  if (end > USER_VA_TOP)
    end = USER_VA_TOP;
  va &= ~(HAL_PAGE_SIZE - 1);
  while (va < end) {
    uint64_t *t = (uint64_t *)as;
    unsigned level = 0;
    for (; level < 3; level++) {
      uint64_t d = t[idx(va, level)];
      if (!(d & DESC_VALID))
        break;
      t = table_kva(d);
    }
    if (level < 3) { /* no table below: jump to the next entry's range */
      uint64_t span = 1UL << (39 - 9 * level);
      uint64_t next = (va | (span - 1)) + 1;
      if (next <= va)
        return end;
      va = next;
      continue;
    }
    for (unsigned i = idx(va, 3); i < 512 && va < end;
         i++, va += HAL_PAGE_SIZE)
      if (t[i] & DESC_VALID)
        return va;
  }
  return end;
}
