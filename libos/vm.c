/* Address spaces: areas are bookkeeping (vma.c), frames appear on first
 * touch. Edits to the map and to the page tables go together here. */
#include <libos/vm.h>

#include <hal/cpu.h>

#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

#define PAGE HAL_PAGE_SIZE
#define PAGE_DOWN(a) ((a) & ~(PAGE - 1))
#define PAGE_UP(a) (((a) + PAGE - 1) & ~(PAGE - 1))

/* Every live address space, for vm_unmap_file. */
static struct mm *all_mms;

static void mm_link(struct mm *mm) {
  mm->prev_mm = 0;
  mm->next_mm = all_mms;
  if (all_mms)
    all_mms->prev_mm = mm;
  all_mms = mm;
}

static void mm_unlink(struct mm *mm) {
  if (mm->prev_mm)
    mm->prev_mm->next_mm = mm->next_mm;
  else if (all_mms == mm)
    all_mms = mm->next_mm;
  if (mm->next_mm)
    mm->next_mm->prev_mm = mm->prev_mm;
  mm->next_mm = mm->prev_mm = 0;
}

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
  mm->data_limit = ~0ULL;
  mm->stack_limit = 8UL << 20;
  mm->vdso_base = 0;
  mm->arg_start = mm->arg_end = mm->env_start = mm->env_end = 0;
  mm->auxv_start = mm->auxv_end = mm->start_stack = 0;
  mm->membarrier = 0;
  mm->def_lock = 0;
  mm_link(mm);
  return 0;
}

/* The part of [start, end) where area `v` may have frames. */
static bool touched_part(const struct vma *v, uint64_t *start, uint64_t *end) {
  uint64_t s = *start > v->start ? *start : v->start;
  uint64_t e = *end < v->end ? *end : v->end;
  if (v->touched_lo > s)
    s = v->touched_lo;
  if (v->touched_hi < e)
    e = v->touched_hi;
  *start = s;
  *end = e;
  return s < e;
}

/* Every page of [s, e) that has an entry, skipping empty tables: a sparse
 * terabyte area costs what its frames cost, not what its size does. */
#define for_each_mapped(as, va, s, e)                                          \
  for (uint64_t va = hal_next_mapped(as, s, e); va < (e);                      \
       va = hal_next_mapped(as, va + PAGE, e))

static void unmap_frames(struct mm *mm, uint64_t start, uint64_t end) {
  for_each_mapped(mm->as, va, start, end) {
    uint64_t pa;
    if (hal_unmap_page(mm->as, va, &pa))
      pmm_unref(pa);
  }
}

/* Free the frames of every area part inside [start, end). */
static void unmap_area_frames(struct mm *mm, uint64_t start, uint64_t end) {
  struct vma_map *m = mm->vmas;
  for (struct vma *v = vma_next(m, start);
       v && v < m->v + m->n && v->start < end; v++) {
    uint64_t s = start, e = end;
    if (touched_part(v, &s, &e))
      unmap_frames(mm, s, e);
  }
}

/* The file's frame for the page at `va` of file area `v`, or 0. */
static uint64_t file_frame(const struct vma *v, uint64_t va) {
  struct inode *ino = v->file;
  uint64_t pa = 0;
  if (!ino->ops || !ino->ops->getpage ||
      ino->ops->getpage(ino, vma_file_index(v, va), false, &pa) != 0)
    return 0;
  return pa;
}

/* Private writable memory with a frame someone else maps (another space
 * after fork, or the file itself): read-only until the copy on write. A
 * lazily freed frame is read-only too, so that the first write, which
 * makes its contents worth keeping again, is seen (vm_fault). */
static unsigned page_prot(const struct vma *v, uint64_t va, unsigned prot,
                          uint64_t pa) {
  if (vma_is_shared(v) || !(prot & HAL_PROT_WRITE))
    return prot;
  if (pmm_refcount(pa) > 1 || pmm_is_lazy(pa) ||
      (v->kind == VMA_FILE && file_frame(v, va) == pa))
    return prot & ~HAL_PROT_WRITE;
  return prot;
}

/* Anonymous memory whose dropped pages read as zeros: what MADV_FREE may
 * reclaim (a program segment would read back from the file). */
static bool lazy_freeable(const struct vma *v) {
  return v->kind == VMA_ANON || v->kind == VMA_HEAP || v->kind == VMA_STACK;
}

/* What a walk over lazily freeable pages does with one mapped page (its
 * frame page aligned); true when it counts. */
typedef bool (*lazy_page_fn)(struct mm *mm, uint64_t va, uint64_t pa,
                             unsigned prot);

/* Calls fn on every mapped page of [start, end) in the lazily freeable
 * areas of mm. Returns how many calls returned true. */
static size_t each_lazy_page(struct mm *mm, uint64_t start, uint64_t end,
                             lazy_page_fn fn) {
  size_t n = 0;
  struct vma_map *m = mm->vmas;
  for (struct vma *v = vma_next(m, start);
       v && v < m->v + m->n && v->start < end; v++) {
    uint64_t s = start, e = end;
    if (!lazy_freeable(v) || !touched_part(v, &s, &e))
      continue;
    for_each_mapped(mm->as, va, s, e) {
      uint64_t pa;
      unsigned prot;
      if (hal_query_page(mm->as, va, &pa, &prot) &&
          fn(mm, va, PAGE_DOWN(pa), prot))
        n++;
    }
  }
  return n;
}

/* madvise_free_pte_range skips pages another space maps too. */
static bool mark_lazy(struct mm *mm, uint64_t va, uint64_t pa, unsigned prot) {
  if (pmm_refcount(pa) != 1)
    return false;
  pmm_set_lazy(pa, true);
  if (prot & HAL_PROT_WRITE)
    hal_protect_page(mm->as, va, prot & ~HAL_PROT_WRITE);
  return true;
}

/* Still unwritten since MADV_FREE (a write clears the mark) and mapped
 * here alone: dropped, so the next touch finds a zeroed page. */
static bool drop_lazy(struct mm *mm, uint64_t va, uint64_t pa, unsigned prot) {
  (void)prot;
  if (!pmm_is_lazy(pa) || pmm_refcount(pa) != 1 ||
      !hal_unmap_page(mm->as, va, &pa))
    return false;
  pmm_unref(PAGE_DOWN(pa));
  return true;
}

static bool is_lazy(struct mm *mm, uint64_t va, uint64_t pa, unsigned prot) {
  (void)mm, (void)va, (void)prot;
  return pmm_is_lazy(pa);
}

void vm_free_lazily(struct mm *mm, uint64_t start, uint64_t end) {
  each_lazy_page(mm, start, end, mark_lazy);
}

size_t vm_reclaim_lazy(void) {
  size_t freed = 0;
  for (struct mm *mm = all_mms; mm; mm = mm->next_mm)
    freed += each_lazy_page(mm, 0, ~0ULL, drop_lazy);
  return freed;
}

uint64_t vm_alloc_frame(void) {
  uint64_t pa = pmm_alloc();
  if (!pa && vm_reclaim_lazy())
    pa = pmm_alloc();
  return pa;
}

int mm_fork(struct mm *dst, struct mm *src) {
  /* Shared anonymous memory has no object of its own (Linux's shmem):
   * give every page a frame now, so both sides share all of it. Charged
   * areas only (MAP_NORESERVE ones share what was touched). */
  for (unsigned i = 0; i < src->vmas->n; i++) {
    const struct vma *v = &src->vmas->v[i];
    if (v->kind == VMA_SHARED && v->prot && !(v->flags & VMA_F_NORESERVE) &&
        vm_populate(src, v->start, v->end - v->start) != 0)
      return -ENOMEM;
  }
  if (mm_init(dst) != 0)
    return -ENOMEM;
  struct vma_map *vmas = dst->vmas;
  struct hal_aspace *as = dst->as;
  struct mm *next = dst->next_mm, *prev = dst->prev_mm;
  *dst = *src;
  dst->vmas = vmas;
  dst->as = as;
  dst->next_mm = next;
  dst->prev_mm = prev;
  dst->def_lock = 0; /* dup_mmap: a child locks nothing */
  if (vma_copy(dst->vmas, src->vmas) != 0) {
    mm_destroy(dst);
    return -ENOMEM;
  }
  struct vma_map *m = src->vmas;
  for (unsigned i = 0; i < m->n; i++) {
    if (m->v[i].file)
      vma_file_ref(m->v[i].file); /* the copy's areas hold their own */
    dst->vmas->v[i].flags &= ~(VMA_F_LOCKED | VMA_F_LOCKONFAULT);
  }
  for (unsigned i = 0; i < m->n; i++) {
    const struct vma *v = &m->v[i];
    /* A split copies the touched range: clip it to the area, or a page
     * would be shared once per area whose range covers it. */
    uint64_t s = v->start, e = v->end;
    if (!touched_part(v, &s, &e))
      continue;
    for_each_mapped(src->as, va, s, e) {
      uint64_t pa;
      unsigned prot;
      if (!hal_query_page(src->as, va, &pa, &prot))
        continue;
      pa = PAGE_DOWN(pa);
      pmm_ref(pa);
      unsigned cprot = page_prot(v, va, prot, pa);
      if (hal_map_page(dst->as, va, pa, cprot) != 0) {
        pmm_unref(pa);
        mm_destroy(dst);
        return -ENOMEM;
      }
      if (cprot != prot)
        hal_protect_page(src->as, va, cprot);
    }
  }
  return 0;
}

void mm_destroy(struct mm *mm) {
  unmap_area_frames(mm, 0, ~0ULL);
  vma_remove(mm->vmas, 0, ~0ULL); /* drops the areas' file references */
  mm_unlink(mm);
  hal_aspace_destroy(mm->as);
  vma_destroy(mm->vmas);
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

/* Linux's expand_downwards(): a fault below a stack area grows it, unless
 * that would come within the guard gap of the area below or exceed the
 * stack limit. Returns the grown area or NULL. */
static struct vma *grow_stack(struct mm *mm, uint64_t addr) {
  struct vma_map *m = mm->vmas;
  struct vma *v = vma_next(m, addr);
  if (!v || !(v->flags & VMA_F_GROWSDOWN) || addr < VM_MIN_ADDR)
    return 0;
  uint64_t start = PAGE_DOWN(addr);
  if (v->end - start > mm->stack_limit)
    return 0;
  if (v > m->v) {
    const struct vma *prev = v - 1;
    if (!(prev->flags & VMA_F_GROWSDOWN) && prev->prot &&
        start - prev->end < VMA_GUARD_GAP)
      return 0;
  }
  v->start = start;
  return v;
}

/* Map frame `pa` (the caller's reference goes to the mapping) at `va` in
 * area `v`; on failure the reference is dropped. */
static enum vm_fault_result install(struct mm *mm, struct vma *v, uint64_t va,
                                    uint64_t pa, unsigned prot) {
  /* The map may need a table page: lazily freed memory goes first. */
  if (hal_map_page(mm->as, va, pa, prot) != 0 &&
      (!vm_reclaim_lazy() || hal_map_page(mm->as, va, pa, prot) != 0)) {
    pmm_unref(pa);
    return VM_FAULT_OOM;
  }
  vma_touch(v, va);
  return VM_FAULT_OK;
}

/* Give the page at `va` in area `v` a zeroed frame. */
static enum vm_fault_result map_new_page(struct mm *mm, struct vma *v,
                                         uint64_t va) {
  uint64_t pa = vm_alloc_frame();
  if (!pa)
    return VM_FAULT_OOM;
  return install(mm, v, va, pa, v->prot);
}

/* A write to a shared private frame: give this space its own copy. */
static enum vm_fault_result copy_on_write(struct mm *mm, struct vma *v,
                                          uint64_t va, uint64_t pa) {
  uint64_t npa = vm_alloc_frame();
  if (!npa)
    return VM_FAULT_OOM;
  memcpy(hal_phys_to_virt(npa), hal_phys_to_virt(pa), PAGE);
  if (hal_map_page(mm->as, va, npa, v->prot) != 0) {
    pmm_unref(npa);
    return VM_FAULT_OOM;
  }
  pmm_unref(pa);
  return VM_FAULT_OK;
}

/* A page of a file area with no entry yet: the file's frame (a hole gets
 * one), or for a private write a copy of it. Past the page holding EOF:
 * SIGBUS, as Linux's filemap/shmem fault. */
static enum vm_fault_result map_file_page(struct mm *mm, struct vma *v,
                                          uint64_t va, unsigned access) {
  struct inode *ino = v->file;
  uint64_t idx = vma_file_index(v, va);
  if (idx >= (ino->size + PAGE - 1) / PAGE || !ino->ops || !ino->ops->getpage)
    return VM_FAULT_SIGBUS;
  uint64_t pa;
  int err = ino->ops->getpage(ino, idx, true, &pa);
  if (err)
    return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
  if (v->kind == VMA_FILE && (access & HAL_ACCESS_WRITE)) {
    uint64_t npa = vm_alloc_frame();
    if (!npa)
      return VM_FAULT_OOM;
    memcpy(hal_phys_to_virt(npa), hal_phys_to_virt(pa), PAGE);
    pa = npa;
  } else {
    pmm_ref(pa); /* the mapping's reference; the file keeps its own */
  }
  return install(mm, v, va, pa, page_prot(v, va, v->prot, pa));
}

/* Map a page not present yet, as its area's kind says. */
static enum vm_fault_result map_page(struct mm *mm, struct vma *v, uint64_t va,
                                     unsigned access) {
  if (vma_is_file(v))
    return map_file_page(mm, v, va, access);
  return map_new_page(mm, v, va);
}

enum vm_fault_result vm_fault(struct mm *mm, uint64_t addr, unsigned access) {
  struct vma *v = vma_find(mm->vmas, addr);
  if (!v && !(v = grow_stack(mm, addr)))
    return VM_FAULT_MAPERR;
  if (!allows(v->prot, access))
    return VM_FAULT_ACCERR;
  uint64_t va = PAGE_DOWN(addr);
  unsigned prot;
  uint64_t pa;
  if (hal_query_page(mm->as, va, &pa, &prot)) {
    pa = PAGE_DOWN(pa);
    if ((access & HAL_ACCESS_WRITE) && pmm_is_lazy(pa))
      pmm_set_lazy(pa, false); /* written again: worth keeping */
    unsigned want = page_prot(v, va, v->prot, pa);
    if ((access & HAL_ACCESS_WRITE) && !(prot & HAL_PROT_WRITE) &&
        want != v->prot)
      return copy_on_write(mm, v, va, pa);
    /* Present with other rights: a stale TLB, or the last sharer of a
     * copy-on-write frame writes (it may keep the frame). */
    if (prot != want)
      hal_protect_page(mm->as, va, want);
    return VM_FAULT_OK;
  }
  return map_page(mm, v, va, access);
}

int vm_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
           unsigned flags, enum vma_kind kind) {
  if (!vma_is_special(&(struct vma){.kind = kind}))
    flags |= mm->def_lock; /* mlockall(MCL_FUTURE) */
  struct vma v = {start, start + len, prot, flags, kind, 0, 0, 0, 0};
  return vma_insert(mm->vmas, &v) == 0 ? 0 : -ENOMEM;
}

int vm_map_file(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
                unsigned flags, enum vma_kind kind, struct inode *file,
                uint64_t pgoff) {
  flags |= mm->def_lock;
  struct vma v = {start, start + len, prot, flags, kind, 0, 0, file, pgoff};
  return vma_insert(mm->vmas, &v) == 0 ? 0 : -ENOMEM;
}

void vm_unmap_file_range(struct inode *file, uint64_t from_idx, uint64_t to_idx,
                         bool even_cows) {
  for (struct mm *mm = all_mms; mm; mm = mm->next_mm) {
    struct vma_map *m = mm->vmas;
    for (unsigned i = 0; i < m->n; i++) {
      const struct vma *v = &m->v[i];
      if (v->file != file)
        continue;
      uint64_t pages = (v->end - v->start) / PAGE;
      if (from_idx >= v->pgoff + pages || to_idx <= v->pgoff)
        continue; /* the area maps none of the range */
      uint64_t s = v->start, e = v->end;
      if (from_idx > v->pgoff)
        s = v->start + (from_idx - v->pgoff) * PAGE;
      if (to_idx - v->pgoff < pages)
        e = v->start + (to_idx - v->pgoff) * PAGE;
      if (!touched_part(v, &s, &e))
        continue;
      if (even_cows || vma_is_shared(v)) {
        unmap_frames(mm, s, e);
        continue;
      }
      /* A private area: only pages still on the file's own frames go; a
       * copy made on write is the process's and stays. */
      for_each_mapped(mm->as, va, s, e) {
        uint64_t pa;
        unsigned prot;
        if (!hal_query_page(mm->as, va, &pa, &prot) ||
            (pa & ~(PAGE - 1)) != file_frame(v, va))
          continue;
        if (hal_unmap_page(mm->as, va, &pa))
          pmm_unref(pa);
      }
    }
  }
}

void vm_unmap_file(struct inode *file, uint64_t from_idx) {
  vm_unmap_file_range(file, from_idx, UINT64_MAX, true);
}

/* True when [start, end) covers part, not all, of a special area that the
 * edit would change (`prot` ~0u: any edit; else a re-protect, which leaves
 * areas that already have `prot` and `flags` alone, as Linux's mprotect
 * does). Linux's special mappings refuse the split (EINVAL). */
static bool cuts_special(struct vma_map *m, uint64_t start, uint64_t end,
                         unsigned prot, unsigned flags) {
  for (struct vma *v = vma_next(m, start);
       v && v < m->v + m->n && v->start < end; v++)
    if (vma_is_special(v) && (v->start < start || v->end > end) &&
        (v->prot != prot || (v->flags | flags) != v->flags))
      return true;
  return false;
}

int vm_unmap(struct mm *mm, uint64_t start, uint64_t len) {
  uint64_t end = start + len;
  if (cuts_special(mm->vmas, start, end, ~0u, 0))
    return -EINVAL;
  if (!vma_splits_fit(mm->vmas, start, end))
    return -ENOMEM;
  unmap_area_frames(mm, start, end);
  vma_remove(mm->vmas, start, end);
  if (mm->vdso_base >= start && mm->vdso_base < end)
    mm->vdso_base = 0;
  return 0;
}

int vm_populate(struct mm *mm, uint64_t start, uint64_t len) {
  for (uint64_t va = start; va < start + len; va += PAGE) {
    struct vma *v = vma_find(mm->vmas, va);
    if (!v)
      continue;
    if (hal_query_page(mm->as, va, 0, 0))
      continue;
    /* A file page past EOF stays unmapped (it faults when touched). */
    enum vm_fault_result r = map_page(mm, v, va, HAL_ACCESS_READ);
    if (r == VM_FAULT_SIGBUS)
      break;
    if (r != VM_FAULT_OK)
      return -ENOMEM;
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

bool vm_enough_memory(uint64_t pages) {
  return pages <= pmm_total_count();
}

static bool is_data(const struct vma *v) {
  return (v->prot & HAL_PROT_WRITE) && !vma_is_shared(v) &&
         !(v->flags & VMA_F_GROWSDOWN);
}

uint64_t vm_data_bytes(struct mm *mm) {
  uint64_t sum = 0;
  for (unsigned i = 0; i < mm->vmas->n; i++)
    if (is_data(&mm->vmas->v[i]))
      sum += mm->vmas->v[i].end - mm->vmas->v[i].start;
  return sum;
}

/* Linux's brk: the new break must stay at least a page below the next area
 * (and its guard gap), within RLIMIT_DATA and the overcommit heuristic. */
uint64_t vm_brk(struct mm *mm, uint64_t want) {
  if (want < mm->brk_start)
    return mm->brk;
  uint64_t old_end = PAGE_UP(mm->brk);
  uint64_t new_end = PAGE_UP(want);
  if (new_end < want) /* wrapped */
    return mm->brk;
  if (mm->data_limit != ~0ULL && want - mm->brk_start > mm->data_limit)
    return mm->brk;
  if (new_end > old_end) {
    if (new_end > hal_user_va_top() - PAGE)
      return mm->brk;
    if (!vma_fits_guarded(mm->vmas, old_end, new_end + PAGE))
      return mm->brk;
    if (!vm_enough_memory((new_end - old_end) / PAGE))
      return mm->brk;
    struct vma v = {old_end,
                    new_end,
                    HAL_PROT_READ | HAL_PROT_WRITE,
                    VMA_F_ACCOUNT | mm->def_lock,
                    VMA_HEAP,
                    0,
                    0,
                    0,
                    0};
    if (vma_insert(mm->vmas, &v) != 0)
      return mm->brk;
  } else if (new_end < old_end) {
    if (vm_unmap(mm, new_end, old_end - new_end) != 0)
      return mm->brk;
  }
  mm->brk = want;
  return mm->brk;
}

uint64_t vm_find_free(struct mm *mm, uint64_t len, uint64_t hint) {
  uint64_t top = hal_user_va_top();
  if (len > top - VM_MIN_ADDR)
    return 0;
  if (hint && hint <= top - len && hint >= VM_MIN_ADDR &&
      vma_fits_guarded(mm->vmas, hint, hint + len))
    return hint;
  uint64_t a = vma_find_gap_guarded(mm->vmas, len, VM_MIN_ADDR, mm->mmap_top);
  if (!a) /* Linux falls back to a bottom-up search of the whole space */
    a = vma_find_gap_guarded(mm->vmas, len, VM_MIN_ADDR, top);
  return a;
}

int vm_protect(struct mm *mm, uint64_t start, uint64_t end, unsigned prot,
               unsigned add_flags) {
  struct vma_map *m = mm->vmas;
  if (cuts_special(m, start, end, prot, add_flags))
    return -EINVAL;
  if (!vma_splits_fit(m, start, end))
    return -ENOMEM;
  for (struct vma *v = vma_next(m, start);
       v && v < m->v + m->n && v->start < end; v++) {
    uint64_t s = start, e = end;
    if (!touched_part(v, &s, &e))
      continue;
    for_each_mapped(mm->as, va, s, e) {
      uint64_t pa;
      if (hal_query_page(mm->as, va, &pa, 0))
        hal_protect_page(mm->as, va, page_prot(v, va, prot, PAGE_DOWN(pa)));
    }
  }
  return vma_protect_flags(m, start, end, prot, add_flags);
}

/* Private memory: dropped pages read as zeros again, or as the file. */
static bool discardable(const struct vma *v) {
  return v->kind == VMA_ANON || v->kind == VMA_HEAP || v->kind == VMA_STACK ||
         v->kind == VMA_FILE;
}

void vm_discard(struct mm *mm, uint64_t start, uint64_t end) {
  struct vma_map *m = mm->vmas;
  for (struct vma *v = vma_next(m, start);
       v && v < m->v + m->n && v->start < end; v++) {
    uint64_t s = start, e = end;
    if (discardable(v) && touched_part(v, &s, &e))
      unmap_frames(mm, s, e);
  }
}

void vm_zero_shared(struct mm *mm, uint64_t start, uint64_t end) {
  for_each_mapped(mm->as, va, start, end) {
    uint64_t pa;
    if (hal_query_page(mm->as, va, &pa, 0))
      memset(hal_phys_to_virt(pa), 0, PAGE);
  }
}

bool vm_resident(struct mm *mm, uint64_t va) {
  va = PAGE_DOWN(va);
  if (hal_query_page(mm->as, va, 0, 0))
    return true;
  struct vma *v = vma_find(mm->vmas, va);
  return v && vma_is_file(v) && file_frame(v, va) != 0;
}

int vm_move(struct mm *mm, uint64_t old, uint64_t len, uint64_t new,
            bool keep_old) {
  struct vma *v = vma_find(mm->vmas, old);
  if (!v || old + len > v->end)
    return -ENOMEM;
  if (vma_is_special(v) && (old != v->start || old + len != v->end))
    return -EINVAL;
  struct vma moved = *v;
  moved.start = new;
  moved.end = new + len;
  if (vma_has_offset(&moved))
    moved.pgoff = vma_file_index(v, old);
  moved.touched_lo = moved.touched_hi = 0;
  uint64_t s = old, e = old + len;
  bool any = touched_part(v, &s, &e);
  /* Room for the new area and for splitting the old one, checked first so
   * that no frame moves unless the map edit succeeds. */
  if (!vma_reserve(mm->vmas, 1 + (keep_old ? 0 : 2)))
    return -ENOMEM; /* v is stale from here on */
  if (moved.file)   /* the file must outlive its old area's removal */
    vma_file_ref(moved.file);
  if (!keep_old)
    vma_remove(mm->vmas, old, old + len);
  int inserted = vma_insert(mm->vmas, &moved);
  if (moved.file)
    vma_file_unref(moved.file);
  if (inserted != 0)
    return -ENOMEM; /* cannot happen: the range is free and room reserved */
  struct vma *nv = vma_find(mm->vmas, new);
  if (mm->vdso_base == old)
    mm->vdso_base = new; /* the program's vDSO is now there */
  for_each_mapped(mm->as, va, any ? s : e, e) {
    uint64_t pa;
    unsigned prot;
    if (!hal_query_page(mm->as, va, &pa, &prot))
      continue;
    /* Table pages for `new` may be missing: map before unmapping so a
     * failure leaves the frame where it was. */
    if (hal_map_page(mm->as, new + (va - old), PAGE_DOWN(pa), prot) != 0)
      return -ENOMEM;
    hal_unmap_page(mm->as, va, 0);
    vma_touch(nv, new + (va - old));
  }
  return 0;
}

int vm_extend(struct mm *mm, uint64_t end, uint64_t new_end) {
  struct vma *v = vma_find(mm->vmas, end - 1);
  if (!v || v->end != end)
    return -ENOMEM;
  struct vma grown = *v;
  grown.start = end;
  grown.end = new_end;
  if (vma_has_offset(&grown))
    grown.pgoff = vma_file_index(v, end);
  grown.touched_lo = grown.touched_hi = 0;
  return vma_insert(mm->vmas, &grown) == 0 ? 0 : -ENOMEM;
}

uint64_t vm_area_resident(struct mm *mm, const struct vma *v) {
  uint64_t s = v->start, e = v->end, n = 0;
  if (!touched_part(v, &s, &e))
    return 0;
  for_each_mapped(mm->as, va, s, e) n++;
  return n;
}

uint64_t vm_locked_bytes(const struct mm *mm) {
  uint64_t n = 0;
  for (unsigned i = 0; i < mm->vmas->n; i++)
    if (mm->vmas->v[i].flags & VMA_F_LOCKED)
      n += mm->vmas->v[i].end - mm->vmas->v[i].start;
  return n;
}

uint64_t vm_area_lazy(struct mm *mm, const struct vma *v) {
  return each_lazy_page(mm, v->start, v->end, is_lazy);
}
