/*
 * User address spaces: 4-level tables whose PML4 page is the struct
 * hal_aspace itself (seen through the physmap). Slots 0-255 are the user's;
 * 256-511 are copied from the kernel's at creation and never change.
 *
 * Leaf entries keep the frame and the libos prot in software bits, so an
 * entry with prot 0 (not present to the CPU) still answers
 * hal_query_page(). x86 cannot express write-only or execute-only: any
 * non-zero prot is readable, and WRITE implies READ, as on Linux.
 */
#include <hal/mmu.h>
#include <hal/upcalls.h>

#include "x86.h"

#define PTE_SW_EXISTS (1ULL << 9)  /* an entry libos created */
#define PTE_SW_PROT_SHIFT 52       /* bits 52-54: HAL_PROT_* as given */
#define USER_TABLE (PTE_P | PTE_W | PTE_U)

uint64_t hal_user_va_top(void) {
  return USER_VA_TOP;
}

static uint64_t *table_at(uint64_t entry) {
  return hal_phys_to_virt(entry & PTE_ADDR);
}

struct hal_aspace *hal_aspace_create(void) {
  uint64_t pa = kernel_page_alloc();
  if (!pa)
    return 0;
  uint64_t *pml4 = hal_phys_to_virt(pa);
  const uint64_t *k = x86_kernel_pml4();
  for (unsigned i = 0; i < 256; i++)
    pml4[i] = 0;
  for (unsigned i = 256; i < 512; i++)
    pml4[i] = k[i];
  return (struct hal_aspace *)pml4;
}

static void free_level(uint64_t *table, int level) {
  for (unsigned i = 0; i < 512; i++) {
    if (!(table[i] & PTE_P))
      continue;
    if (level > 1)
      free_level(table_at(table[i]), level - 1);
  }
  if (level < 4) /* the PML4 is freed by the caller */
    kernel_page_free(hal_virt_to_phys(table));
}

void hal_aspace_destroy(struct hal_aspace *as) {
  if (!as)
    return;
  uint64_t *pml4 = (uint64_t *)as;
  for (unsigned i = 0; i < 256; i++)
    if (pml4[i] & PTE_P)
      free_level(table_at(pml4[i]), 3);
  kernel_page_free(hal_virt_to_phys(pml4));
}

void hal_aspace_activate(struct hal_aspace *as) {
  uint64_t pa = as ? hal_virt_to_phys(as) : x86_kernel_pml4_pa;
  if (read_cr3() != pa)
    write_cr3(pa);
}

static bool is_active(struct hal_aspace *as) {
  return read_cr3() == hal_virt_to_phys(as);
}

/* The leaf entry for `va`, creating tables when `create`; NULL if absent
 * or out of memory. */
static uint64_t *walk(struct hal_aspace *as, uint64_t va, bool create) {
  uint64_t *table = (uint64_t *)as;
  for (int shift = 39; shift > 12; shift -= 9) {
    uint64_t *e = &table[(va >> shift) & 511];
    if (!(*e & PTE_P)) {
      if (!create)
        return 0;
      uint64_t pa = kernel_page_alloc();
      if (!pa)
        return 0;
      *e = pa | USER_TABLE;
    }
    table = table_at(*e);
  }
  return &table[(va >> 12) & 511];
}

static uint64_t leaf(uint64_t pa, unsigned prot) {
  uint64_t e = (pa & PTE_ADDR) | PTE_SW_EXISTS |
               ((uint64_t)(prot & 7) << PTE_SW_PROT_SHIFT);
  if (prot == 0)
    return e; /* not present: every access faults, the frame stays */
  e |= PTE_P | PTE_U | PTE_A;
  if (prot & HAL_PROT_WRITE)
    e |= PTE_W | PTE_D;
  if (!(prot & HAL_PROT_EXEC))
    e |= x86_nx_bit;
  return e;
}

static bool user_va(uint64_t va) {
  return va < USER_VA_TOP;
}

static void flush(struct hal_aspace *as, uint64_t va) {
  /* Without PCIDs an inactive space has nothing in the TLB. */
  if (is_active(as))
    invlpg(va);
}

int hal_map_page(struct hal_aspace *as, uint64_t va, uint64_t pa,
                 unsigned prot) {
  va &= ~(HAL_PAGE_SIZE - 1);
  if (!as || !user_va(va))
    return -1;
  uint64_t *e = walk(as, va, true);
  if (!e)
    return -1;
  *e = leaf(pa, prot);
  flush(as, va);
  return 0;
}

bool hal_unmap_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out) {
  va &= ~(HAL_PAGE_SIZE - 1);
  if (!as || !user_va(va))
    return false;
  uint64_t *e = walk(as, va, false);
  if (!e || !(*e & PTE_SW_EXISTS))
    return false;
  if (pa_out)
    *pa_out = *e & PTE_ADDR;
  *e = 0;
  flush(as, va);
  return true;
}

bool hal_query_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out,
                    unsigned *prot_out) {
  if (!as || !user_va(va))
    return false;
  uint64_t *e = walk(as, va, false);
  if (!e || !(*e & PTE_SW_EXISTS))
    return false;
  if (pa_out)
    *pa_out = *e & PTE_ADDR;
  if (prot_out)
    *prot_out = (unsigned)(*e >> PTE_SW_PROT_SHIFT) & 7;
  return true;
}

bool hal_protect_page(struct hal_aspace *as, uint64_t va, unsigned prot) {
  va &= ~(HAL_PAGE_SIZE - 1);
  if (!as || !user_va(va))
    return false;
  uint64_t *e = walk(as, va, false);
  if (!e || !(*e & PTE_SW_EXISTS))
    return false;
  *e = leaf(*e & PTE_ADDR, prot);
  flush(as, va);
  return true;
}

uint64_t hal_next_mapped(struct hal_aspace *as, uint64_t va, uint64_t end) {
  if (end > USER_VA_TOP)
    end = USER_VA_TOP;
  va &= ~(HAL_PAGE_SIZE - 1);
  while (va < end) {
    uint64_t *table = (uint64_t *)as;
    int shift = 39;
    for (; shift > 12; shift -= 9) {
      uint64_t e = table[(va >> shift) & 511];
      if (!(e & PTE_P))
        break;
      table = table_at(e);
    }
    if (shift > 12) { /* no table below: jump to the next entry's range */
      uint64_t next = (va | ((1ULL << shift) - 1)) + 1;
      if (next <= va)
        return end;
      va = next;
      continue;
    }
    for (unsigned i = (va >> 12) & 511; i < 512 && va < end;
         i++, va += HAL_PAGE_SIZE)
      if (table[i] & PTE_SW_EXISTS)
        return va;
  }
  return end;
}
