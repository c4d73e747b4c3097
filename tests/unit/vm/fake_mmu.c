/* A fake HAL MMU for host tests of libos/vm.c and libos/uaccess.c: one
 * address space at a time as a hash table from user page to (frame, prot),
 * table pages counted through kernel_page_alloc() so leaks show, an
 * optional failure injection for hal_map_page(), and kzalloc/kfree on the
 * host heap. Physical memory itself is tests/unit/libos/fake_phys.c. */
#include "fake_mmu.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS (1u << 16)

struct entry {
  uint64_t va; /* 0: empty slot (page 0 is never a user page) */
  uint64_t pa;
  unsigned prot;
  bool dead; /* tombstone */
};

struct hal_aspace {
  struct entry e[SLOTS];
  unsigned n;
};

int fake_mmu_fail_maps; /* hal_map_page() fails while this is > 0 */

uint64_t hal_user_va_top(void) {
  return 0x7ffffffff000ULL;
}

struct hal_aspace *hal_aspace_create(void) {
  return calloc(1, sizeof(struct hal_aspace));
}

void hal_aspace_destroy(struct hal_aspace *as) {
  free(as);
}

void hal_aspace_activate(struct hal_aspace *as) {
  (void)as;
}

static unsigned hash(uint64_t va) {
  return (unsigned)((va >> 12) * 0x9e3779b97f4a7c15ULL >> 48) & (SLOTS - 1);
}

static struct entry *lookup(struct hal_aspace *as, uint64_t va) {
  va &= ~0xfffULL;
  for (unsigned i = hash(va), k = 0; k < SLOTS; i = (i + 1) & (SLOTS - 1), k++) {
    struct entry *e = &as->e[i];
    if (!e->va && !e->dead)
      return 0;
    if (!e->dead && e->va == va)
      return e;
  }
  return 0;
}

int hal_map_page(struct hal_aspace *as, uint64_t va, uint64_t pa,
                 unsigned prot) {
  if (fake_mmu_fail_maps > 0) {
    fake_mmu_fail_maps--;
    return -1;
  }
  struct entry *e = lookup(as, va);
  if (!e) {
    if (as->n >= SLOTS / 2)
      abort(); /* the tests never map that much */
    for (unsigned i = hash(va);; i = (i + 1) & (SLOTS - 1))
      if (!as->e[i].va || as->e[i].dead) {
        e = &as->e[i];
        break;
      }
    as->n++;
  }
  *e = (struct entry){va & ~0xfffULL, pa, prot, false};
  return 0;
}

bool hal_unmap_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out) {
  struct entry *e = lookup(as, va);
  if (!e)
    return false;
  if (pa_out)
    *pa_out = e->pa;
  e->dead = true;
  e->va = 0;
  as->n--;
  return true;
}

bool hal_query_page(struct hal_aspace *as, uint64_t va, uint64_t *pa_out,
                    unsigned *prot_out) {
  struct entry *e = lookup(as, va);
  if (!e)
    return false;
  if (pa_out)
    *pa_out = e->pa;
  if (prot_out)
    *prot_out = e->prot;
  return true;
}

uint64_t hal_next_mapped(struct hal_aspace *as, uint64_t va, uint64_t end) {
  uint64_t best = end;
  va &= ~0xfffULL;
  for (unsigned i = 0; i < SLOTS; i++) {
    const struct entry *e = &as->e[i];
    if (e->va && !e->dead && e->va >= va && e->va < best)
      best = e->va;
  }
  return best;
}

bool hal_protect_page(struct hal_aspace *as, uint64_t va, unsigned prot) {
  struct entry *e = lookup(as, va);
  if (!e)
    return false;
  e->prot = prot;
  return true;
}

unsigned fake_mmu_count(struct hal_aspace *as) {
  return as->n;
}

void *kzalloc(size_t size) {
  return calloc(1, size);
}

void kfree(void *p) {
  free(p);
}
