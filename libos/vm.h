/* A process's address space: its VMA map over the HAL page tables, demand
 * zero pages, brk, and the fault path every user access goes through. */
#ifndef LIBOS_VM_H
#define LIBOS_VM_H

#include <hal/mmu.h>
#include <libos/vma.h>

struct mm {
  struct hal_aspace *as;
  struct vma_map *vmas;
  uint64_t brk_start; /* page aligned end of the program */
  uint64_t brk;       /* current break as the program set it */
  uint64_t mmap_top;  /* mmap searches down from here */
  uint64_t stack_top; /* top of the initial stack */
};

/* Results of vm_fault(). */
enum vm_fault_result {
  VM_FAULT_OK,     /* the access can now proceed */
  VM_FAULT_MAPERR, /* no area there: SEGV_MAPERR */
  VM_FAULT_ACCERR, /* an area denies the access: SEGV_ACCERR */
  VM_FAULT_OOM,    /* no frame for it */
};

/* An empty address space. Returns 0 or -ENOMEM. */
int mm_init(struct mm *mm);

/* Free every frame, table and the map. */
void mm_destroy(struct mm *mm);

/* Make a page at `addr` accessible for `access` (HAL_ACCESS_*) as the areas
 * allow: maps a zeroed frame for a demand-zero page. */
enum vm_fault_result vm_fault(struct mm *mm, uint64_t addr, unsigned access);

/* Add an area [start, start+len) of `kind` with `prot`, demand-zero. start
 * and len page aligned, range free. Returns 0, -ENOMEM. */
int vm_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
           unsigned flags, enum vma_kind kind);

/* Remove whatever is mapped in [start, start+len) (page aligned), freeing
 * frames. Returns 0 or -ENOMEM (the map could not split). */
int vm_unmap(struct mm *mm, uint64_t start, uint64_t len);

/* Map frames for every page of [start, start+len) now. Returns 0 or
 * -ENOMEM. */
int vm_populate(struct mm *mm, uint64_t start, uint64_t len);

/* Write n bytes at user `va` with the kernel's rights (ignoring the areas'
 * prot, e.g. to load read-only code), faulting pages in. The range MUST lie
 * in areas. Returns the number of bytes NOT written. */
size_t vm_copy_in(struct mm *mm, uint64_t va, const void *src, size_t n);

/* brk semantics: move the break to `want` if that is allowed (above
 * brk_start, no collision with another area, memory available); return the
 * break afterwards (unchanged when refused, as Linux does). Shrinking frees
 * the pages, so growing again gives zeros. */
uint64_t vm_brk(struct mm *mm, uint64_t want);

#endif
