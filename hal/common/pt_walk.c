/* See pt_walk.h. */
#include "pt_walk.h"

#include <hal/mmu.h>
#include <hal/upcalls.h>

#define LEVELS 4
#define LEAF_LEVEL (LEVELS - 1)
#define ENTRIES 512

/* log2 of the bytes one entry at `level` maps. */
static unsigned span_shift(unsigned level) {
  return 39 - 9 * level;
}

static unsigned index_at(uint64_t va, unsigned level) {
  return (va >> span_shift(level)) & (ENTRIES - 1);
}

static pte_t *table_kva(uint64_t pa) {
  return hal_phys_to_virt(pa);
}

/* Follow the tables for `va` from the root down as far as they go. Returns
 * the deepest table reached and stores its level (LEAF_LEVEL: complete). */
static pte_t *descend(pte_t *root, uint64_t va, unsigned *level_out) {
  pte_t *t = root;
  unsigned level = 0;
  for (; level < LEAF_LEVEL; level++) {
    pte_t e = t[index_at(va, level)];
    if (!pt_arch_is_table(e))
      break;
    t = table_kva(pt_arch_table_pa(e));
  }
  *level_out = level;
  return t;
}

pte_t *pt_find(pte_t *root, uint64_t va) {
  unsigned level;
  pte_t *t = descend(root, va, &level);
  return level == LEAF_LEVEL ? &t[index_at(va, LEAF_LEVEL)] : 0;
}

pte_t *pt_prepare(pte_t *root, uint64_t va) {
  unsigned level;
  pte_t *t = descend(root, va, &level);
  if (level == LEAF_LEVEL)
    return &t[index_at(va, LEAF_LEVEL)];
  /* fresh[i] becomes the table at level + 1 + i. */
  uint64_t fresh[LEAF_LEVEL];
  unsigned need = LEAF_LEVEL - level;
  for (unsigned i = 0; i < need; i++) {
    fresh[i] = kernel_page_alloc();
    if (!fresh[i]) {
      while (i--)
        kernel_page_free(fresh[i]);
      return 0;
    }
  }
  /* Chain the new tables bottom up, then hang the chain in with one
   * store, so the MMU never meets a half-built path. */
  for (unsigned i = need - 1; i > 0; i--)
    table_kva(fresh[i - 1])[index_at(va, level + i)] =
        pt_arch_table_entry(fresh[i]);
  t[index_at(va, level)] = pt_arch_table_entry(fresh[0]);
  return &table_kva(fresh[need - 1])[index_at(va, LEAF_LEVEL)];
}

/* The lowest page in [va, end) with a leaf, below table `t` at `level`
 * (which maps va), or `end`. Absent entries are stepped over whole. */
static uint64_t next_below(pte_t *t, unsigned level, uint64_t va,
                           uint64_t end) {
  uint64_t span = 1ULL << span_shift(level);
  for (unsigned i = index_at(va, level); i < ENTRIES && va < end; i++) {
    pte_t e = t[i];
    if (level == LEAF_LEVEL) {
      if (pt_arch_leaf_decode(e, 0, 0))
        return va;
    } else if (pt_arch_is_table(e)) {
      uint64_t found =
          next_below(table_kva(pt_arch_table_pa(e)), level + 1, va, end);
      if (found < end)
        return found;
    }
    va = (va | (span - 1)) + 1; /* the next entry's first address */
  }
  return end;
}

uint64_t pt_next(pte_t *root, uint64_t va, uint64_t end) {
  return va < end ? next_below(root, 0, va, end) : end;
}

static void free_table(pte_t *t, unsigned level) {
  if (level < LEAF_LEVEL)
    for (unsigned i = 0; i < ENTRIES; i++)
      if (pt_arch_is_table(t[i]))
        free_table(table_kva(pt_arch_table_pa(t[i])), level + 1);
  kernel_page_free(hal_virt_to_phys(t));
}

void pt_free(pte_t *root, uint64_t top) {
  unsigned last = index_at(top - 1, 0);
  for (unsigned i = 0; i <= last; i++)
    if (pt_arch_is_table(root[i]))
      free_table(table_kva(pt_arch_table_pa(root[i])), 1);
}
