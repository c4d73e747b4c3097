/*
 * hal/mmu.h's user address spaces, once for every port: the tables are
 * walked by pt_walk.c, entries are encoded by the port (pt_arch.h), and
 * the rules about when to flush live here.
 *
 *  - A leaf that may be cached is cleared and flushed before it gets a new
 *    frame (break before make: arm64 requires it, x86-64 does not mind).
 *  - A changed leaf is flushed; the port knows whether an inactive space
 *    needs it.
 *  - Tables the MMU may be walking are never freed: destroying the active
 *    space first switches to none.
 */
#include <hal/mmu.h>
#include <hal/upcalls.h>

#include "pt_walk.h"

static struct hal_aspace *active; /* the space pt_arch_load() last got */

static pte_t *root_of(struct hal_aspace *as) {
  return (pte_t *)as;
}

static bool user_page(uint64_t va) {
  return va < hal_user_va_top();
}

static void changed(struct hal_aspace *as, uint64_t va) {
  pt_arch_flush_page(va, as == active);
}

struct hal_aspace *hal_aspace_create(void) {
  uint64_t pa = kernel_page_alloc();
  if (!pa)
    return 0;
  pte_t *root = hal_phys_to_virt(pa);
  pt_arch_root_init(root);
  return (struct hal_aspace *)root;
}

void hal_aspace_destroy(struct hal_aspace *as) {
  if (!as)
    return;
  if (as == active)
    hal_aspace_activate(0);
  pt_free(root_of(as), hal_user_va_top());
  kernel_page_free(hal_virt_to_phys(as));
}

void hal_aspace_activate(struct hal_aspace *as) {
  if (as == active)
    return;
  active = as;
  pt_arch_load(as ? hal_virt_to_phys(as) : 0);
}

int hal_map_page(struct hal_aspace *as, uint64_t va, uint64_t pa,
                 unsigned prot) {
  va &= ~(HAL_PAGE_SIZE - 1);
  if (!as || !user_page(va))
    return -1;
  pte_t *e = pt_prepare(root_of(as), va);
  if (!e)
    return -1;
  if (pt_arch_leaf_decode(*e, 0, 0)) {
    *e = 0;
    changed(as, va);
  }
  if (prot & HAL_PROT_EXEC)
    pt_arch_sync_exec(pa);
  *e = pt_arch_leaf(pa, prot);
  changed(as, va);
  return 0;
}

/* The leaf slot of an existing entry for `va`, or NULL. */
static pte_t *existing(struct hal_aspace *as, uint64_t va, uint64_t *pa,
                       unsigned *prot) {
  if (!as || !user_page(va))
    return 0;
  pte_t *e = pt_find(root_of(as), va);
  return e && pt_arch_leaf_decode(*e, pa, prot) ? e : 0;
}

bool hal_unmap_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out) {
  va &= ~(HAL_PAGE_SIZE - 1);
  pte_t *e = existing(as, va, pa_out, 0);
  if (!e)
    return false;
  *e = 0;
  changed(as, va);
  return true;
}

bool hal_query_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out,
                    unsigned *prot_out) {
  return existing(as, va, pa_out, prot_out) != 0;
}

bool hal_protect_page(struct hal_aspace *as, uint64_t va, unsigned prot) {
  va &= ~(HAL_PAGE_SIZE - 1);
  uint64_t pa;
  pte_t *e = existing(as, va, &pa, 0);
  if (!e)
    return false;
  if (prot & HAL_PROT_EXEC)
    pt_arch_sync_exec(pa);
  /* Same frame, new permissions: no break before make needed. */
  *e = pt_arch_leaf(pa, prot);
  changed(as, va);
  return true;
}

uint64_t hal_next_mapped(struct hal_aspace *as, uint64_t va, uint64_t end) {
  if (end > hal_user_va_top())
    end = hal_user_va_top();
  if (!as)
    return end;
  return pt_next(root_of(as), va & ~(HAL_PAGE_SIZE - 1), end);
}
