/* A process's address space: its VMA map over the HAL page tables, demand
 * zero pages, brk, and the fault path every user access goes through. */
#ifndef LIBOS_VM_H
#define LIBOS_VM_H

#include <hal/mmu.h>
#include <libos/vma.h>

struct mm {
  struct hal_aspace *as;
  struct vma_map *vmas;
  uint64_t brk_start;   /* page aligned end of the program */
  uint64_t brk;         /* current break as the program set it */
  uint64_t mmap_top;    /* mmap searches down from here */
  uint64_t stack_top;   /* top of the initial stack */
  uint64_t data_limit;  /* RLIMIT_DATA in bytes (~0: unlimited) */
  uint64_t stack_limit; /* RLIMIT_STACK: how far a GROWSDOWN area may grow */
  uint64_t vdso_base;   /* the vDSO image's address (0: none or unmapped);
                           follows mremap moves, as Linux's mm->context.vdso */
  /* Where exec laid out the argv and envp strings and the auxv on the
   * initial stack: [start, end) each, 0 before the first exec. /proc's
   * cmdline, environ and auxv read the process's memory there, as Linux's
   * mm->arg_start and friends. */
  uint64_t arg_start, arg_end, env_start, env_end, auxv_start, auxv_end;
  uint64_t start_stack; /* the initial stack pointer (where argc is) */
  /* membarrier(2)'s registrations, Linux's mm->membarrier_state bits
   * (linux_shim/sys_membarrier.c): a fork's copy keeps them (dup_mm), an
   * exec's new space has none (membarrier_exec_mmap). */
  unsigned membarrier;
  /* mlockall(MCL_FUTURE): the VMA_F_LOCKED (and LOCKONFAULT) bits new
   * areas get (Linux's mm->def_flags); neither fork nor exec keeps them. */
  unsigned def_lock;
  struct mm *next_mm, *prev_mm; /* every live address space (vm_unmap_file) */
};

/* The vDSO's areas are Linux's special mappings: never split (a range that
 * covers part of one is EINVAL for munmap, mprotect, mremap, mmap FIXED)
 * and never grown (mremap: EFAULT). */
static inline bool vma_is_special(const struct vma *v) {
  return v->kind == VMA_VDSO || v->kind == VMA_VVAR;
}

/* Linux's mmap_min_addr on these machines: no user page below it. */
#define VM_MIN_ADDR 4096UL

/* Results of vm_fault(). */
enum vm_fault_result {
  VM_FAULT_OK,     /* the access can now proceed */
  VM_FAULT_MAPERR, /* no area there: SEGV_MAPERR */
  VM_FAULT_ACCERR, /* an area denies the access: SEGV_ACCERR */
  VM_FAULT_OOM,    /* no frame for it */
  VM_FAULT_SIGBUS, /* a file page wholly past EOF, or no room in the file's
                      filesystem: SIGBUS (BUS_ADRERR) */
};

/* A fault vm_fault served for the running thread, from the trap or from a
 * user copy: counted for getrusage's minflt (task.c). */
void vm_account_fault(void);

/* An empty address space. Returns 0 or -ENOMEM. */
int mm_init(struct mm *mm);

/* fork: `dst` (uninitialised) becomes a copy of `src`: the same areas
 * (file areas take their own file references); shared areas share their
 * frames (charged shared anonymous areas are populated first, so that all
 * of them is shared); private frames are shared read-only
 * and copied on the first write by either side (vm_fault). Returns 0 or
 * -ENOMEM (dst is left empty). */
int mm_fork(struct mm *dst, struct mm *src);

/* Free every frame, table and the map. */
void mm_destroy(struct mm *mm);

/* Make a page at `addr` accessible for `access` (HAL_ACCESS_*) as the areas
 * allow: maps a zeroed frame for a demand-zero page; a write to a private
 * page whose frame another address space shares (after fork) copies it.
 * File areas map the file's own frame (a hole inside the size gets one);
 * a private one maps it read-only and copies it on the first write. A page
 * at or past the file's last page is VM_FAULT_SIGBUS. */
enum vm_fault_result vm_fault(struct mm *mm, uint64_t addr, unsigned access);

/* Add an area [start, start+len) of `kind` with `prot`, demand-zero. start
 * and len page aligned, range free. Returns 0, -ENOMEM. */
int vm_map(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
           unsigned flags, enum vma_kind kind);

/* vm_map for a file kind (VMA_FILE, VMA_FILE_SHARED): page `pgoff` of
 * `file` at `start`. The area takes a reference on the file. Also for
 * VMA_PROGRAM with `file` NULL: `pgoff` is the segment's page in the
 * program (what maps shows as its offset). */
int vm_map_file(struct mm *mm, uint64_t start, uint64_t len, unsigned prot,
                unsigned flags, enum vma_kind kind, struct inode *file,
                uint64_t pgoff);

/* A file shrinks to `from_idx` pages: unmap its pages from that index on
 * from every area of every address space that maps it, private copies
 * included (Linux's unmap_mapping_range with even_cows), so that the next
 * access faults (SIGBUS, or a fresh page once the file grows again).
 * Walks every address space's areas: O(address spaces x areas); callers
 * skip it when no area maps the file (inode->mmaps == 0). */
void vm_unmap_file(struct inode *file, uint64_t from_idx);

/* A hole is punched in pages [from_idx, to_idx) of `file`: unmap them from
 * every area that maps them, so the next access sees the hole. With
 * `even_cows` false (Linux's punch), pages a private area copied on write
 * stay; its pages still on the file's frames go. */
void vm_unmap_file_range(struct inode *file, uint64_t from_idx, uint64_t to_idx,
                         bool even_cows);

/* Remove whatever is mapped in [start, start+len) (page aligned), freeing
 * frames; removing the vDSO image clears mm->vdso_base. Returns 0,
 * -EINVAL (the range covers only part of a special area: nothing changed)
 * or -ENOMEM (the map could not split). */
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

/* Linux's heuristic overcommit (mode 0): a single request for more pages
 * than the machine has is refused; anything smaller is granted. */
bool vm_enough_memory(uint64_t pages);

/* Bytes of private writable areas (what RLIMIT_DATA limits). */
uint64_t vm_data_bytes(struct mm *mm);

/* A free range of `len` bytes for a new mapping: `hint` (page aligned, or
 * 0) when [hint, hint+len) is free and clear of stack guard gaps, else the
 * highest fitting gap below mm->mmap_top, else the highest anywhere.
 * Returns 0 when the address space has no room. */
uint64_t vm_find_free(struct mm *mm, uint64_t len, uint64_t hint);

/* Set prot (and OR `add_flags` into the flags) of every area and present
 * page in [start, end) (page aligned; holes are skipped). Returns 0,
 * -EINVAL (a special area whose prot or flags would change is only partly
 * covered; nothing changed) or -ENOMEM (the map could not split; nothing
 * changed). */
int vm_protect(struct mm *mm, uint64_t start, uint64_t end, unsigned prot,
               unsigned add_flags);

/* Drop the frames of private areas in [start, end): the next touch gives
 * zeroed pages (MADV_DONTNEED). Shared and program areas keep theirs. */
void vm_discard(struct mm *mm, uint64_t start, uint64_t end);

/* MADV_FREE on [start, end): the pages of anonymous private areas that
 * this space alone maps become lazily freeable (and read-only, so a write
 * is seen). Until memory runs short they keep their contents; a write
 * makes a page ordinary again; vm_reclaim_lazy() drops the rest. */
void vm_free_lazily(struct mm *mm, uint64_t start, uint64_t end);

/* Unmap and free every lazily freeable page nobody wrote since MADV_FREE,
 * in every address space (the next touch gives a zeroed page). Returns
 * how many frames it freed. */
size_t vm_reclaim_lazy(void);

/* A zeroed frame for user memory or file data (count 1): when none is
 * free, lazily freed pages are reclaimed first. 0 when memory is out. */
uint64_t vm_alloc_frame(void);

/* Zero the frames mapped in [start, end) (page aligned, inside a shared
 * anonymous area) where they are: every process sharing them sees the
 * zeros and keeps sharing them (MADV_REMOVE on shared anonymous memory;
 * Linux frees the shmem pages instead, so mincore differs). */
void vm_zero_shared(struct mm *mm, uint64_t start, uint64_t end);

/* True when the page at `va` has a frame (mincore): for a file area, also
 * when the file has the page (Linux reports the page cache there). */
bool vm_resident(struct mm *mm, uint64_t va);

/* Bytes in mlocked areas (Linux's locked_vm: VmLck). */
uint64_t vm_locked_bytes(const struct mm *mm);

/* How many pages of area `v` are lazily freeable now (smaps' LazyFree). */
uint64_t vm_area_lazy(struct mm *mm, const struct vma *v);

/* How many pages of area `v` have a frame mapped now (/proc's RSS).
 * Costs what the area's frames cost, not its size. */
uint64_t vm_area_resident(struct mm *mm, const struct vma *v);

/* Move the pages of [old, old+len) (inside one area) to the free range at
 * `new`, with the area's attributes and contents; the old range is removed,
 * or, with `keep_old`, left mapped and empty (MREMAP_DONTUNMAP). Moving the
 * whole vDSO image moves mm->vdso_base with it. Returns 0, -EINVAL (part of
 * a special area: nothing changed) or -ENOMEM: the map is full (nothing
 * changed) or a page-table page could not be allocated (the pages moved so
 * far stay moved). */
int vm_move(struct mm *mm, uint64_t old, uint64_t len, uint64_t new,
            bool keep_old);

/* Grow the area ending at `end` in place up to `new_end` (the range MUST be
 * free). Returns 0 or -ENOMEM. */
int vm_extend(struct mm *mm, uint64_t end, uint64_t new_end);

#endif
