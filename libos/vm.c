/* Address spaces: areas are bookkeeping (vma.c), frames appear on first
 * touch. */
#include <libos/vm.h>

#include <hal/cpu.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <linux_shim/uapi/errno.h>

#define PAGE HAL_PAGE_SIZE
#define PAGE_DOWN(a) ((a) & ~(PAGE - 1))
#define PAGE_UP(a) (((a) + PAGE - 1) & ~(PAGE - 1))

int mm_init(struct mm *mm) {
  mm->as = hal_aspace_create();
  mm->vmas = kzalloc(sizeof *mm->vmas);
  if (!mm->as || !mm->vmas) {
    if (mm->as)
      hal_aspace_destroy(mm->as);
    kfree(mm->vmas);
    return -ENOMEM;
  }
  vma_init(mm->vmas);
  mm->brk_start = mm->brk = 0;
  mm->stack_top = hal_user_va_top();
  mm->mmap_top = mm->stack_top;
  return 0;
}

static void unmap_frames(struct mm *mm, uint64_t start, uint64_t end) {
  for (uint64_t va = start; va < end; va += PAGE) {
    uint64_t pa;
    if (hal_unmap_page(mm->as, va, &pa))
      pmm_unref(pa);
  }
}

void mm_destroy(struct mm *mm) {
  for (unsigned i = 0; i < mm->vmas->n; i++)
    unmap_frames(mm, mm->vmas->v[i].start, mm->vmas->v[i].end);
  hal_aspace_destroy(mm->as);
  kfree(mm->vmas);
  mm->as = 0;
  mm->vmas = 0;
}

static bool allows(unsigned prot, unsigned access) {
  if ((access & HAL_ACCESS_WRITE) && !(prot & HAL_PROT_WRITE))
    return false;
  if ((access & HAL_ACCESS_EXEC) && !(prot & HAL_PROT_EXEC))
    return false;
  /* Read access needs some permission; write implies read on both arches. */
  if ((access & HAL_ACCESS_READ) && !prot)
    return false;
  return true;
}

enum vm_fault_result vm_fault(struct mm *mm, uint64_t addr, unsigned access) {
  struct vma *v = vma_find(mm->vmas, addr);
  if (!v)
    return VM_FAULT_MAPERR;
  if (!allows(v->prot, access))
    return VM_FAULT_ACCERR;
  uint64_t va = PAGE_DOWN(addr);
  unsigned prot;
  if (hal_query_page(mm->as, va, 0, &prot)) {
    /* Present with the area's rights: a stale TLB or a racing access. */
    if (prot != v->prot)
      hal_protect_page(mm->as, va, v->prot);
    return VM_FAULT_OK;
  }
  uint64_t pa = pmm_alloc();
  if (!pa)
    return VM_FAULT_OOM;
  if (hal_map_page(mm->as, va, pa, v->prot) != 0) {
    pmm_unref(pa);
    return VM_FAULT_OOM;
  }
  return VM_FAULT_OK;
}

int vm_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
           unsigned flags, enum vma_kind kind) {
  struct vma v = {start, start + len, prot, flags, kind};
  return vma_insert(mm->vmas, &v) == 0 ? 0 : -ENOMEM;
}

int vm_unmap(struct mm *mm, uint64_t start, uint64_t len) {
  if (vma_remove(mm->vmas, start, start + len) != 0)
    return -ENOMEM;
  unmap_frames(mm, start, start + len);
  return 0;
}

int vm_populate(struct mm *mm, uint64_t start, uint64_t len) {
  for (uint64_t va = start; va < start + len; va += PAGE) {
    struct vma *v = vma_find(mm->vmas, va);
    if (!v)
      continue;
    if (hal_query_page(mm->as, va, 0, 0))
      continue;
    uint64_t pa = pmm_alloc();
    if (!pa)
      return -ENOMEM;
    if (hal_map_page(mm->as, va, pa, v->prot) != 0) {
      pmm_unref(pa);
      return -ENOMEM;
    }
  }
  return 0;
}

size_t vm_copy_in(struct mm *mm, uint64_t va, const void *src, size_t n) {
  const uint8_t *s = src;
  while (n) {
    size_t c = PAGE - (va & (PAGE - 1));
    if (c > n)
      c = n;
    uint64_t pa;
    if (!hal_query_page(mm->as, va, &pa, 0)) {
      if (vm_populate(mm, PAGE_DOWN(va), PAGE) != 0 ||
          !hal_query_page(mm->as, va, &pa, 0))
        return n;
    }
    memcpy((uint8_t *)hal_phys_to_virt(PAGE_DOWN(pa)) + (va & (PAGE - 1)), s,
           c);
    s += c;
    va += c;
    n -= c;
  }
  return 0;
}

uint64_t vm_brk(struct mm *mm, uint64_t want) {
  if (want < mm->brk_start)
    return mm->brk;
  uint64_t old_end = PAGE_UP(mm->brk);
  uint64_t new_end = PAGE_UP(want);
  if (new_end < want) /* wrapped */
    return mm->brk;
  if (new_end > old_end) {
    if (new_end > hal_user_va_top() ||
        vma_overlaps(mm->vmas, old_end, new_end))
      return mm->brk;
    struct vma v = {old_end, new_end, HAL_PROT_READ | HAL_PROT_WRITE, 0,
                    VMA_HEAP};
    if (vma_insert(mm->vmas, &v) != 0)
      return mm->brk;
  } else if (new_end < old_end) {
    if (vm_unmap(mm, new_end, old_end - new_end) != 0)
      return mm->brk;
  }
  mm->brk = want;
  return mm->brk;
}
