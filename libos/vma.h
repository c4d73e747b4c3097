/* A process's map of virtual memory areas: sorted, non-overlapping ranges
 * with their permissions. Pure bookkeeping: no page tables here. An area
 * of a file kind refers to its inode: the map holds one reference per such
 * area (vma_file_ref/vma_file_unref, below), taken when an area appears
 * (insert, split) and dropped when one goes (remove, merge). */
#ifndef LIBOS_VMA_H
#define LIBOS_VMA_H

#include <stdbool.h>
#include <stdint.h>

#define VMA_MAX 65530 /* Linux's default vm.max_map_count */

enum vma_kind {
  VMA_ANON,        /* anonymous private memory (mmap) */
  VMA_SHARED,      /* anonymous shared memory */
  VMA_PROGRAM,     /* a segment of the loaded program */
  VMA_HEAP,        /* the brk area */
  VMA_STACK,       /* the initial stack */
  VMA_VDSO,        /* kernel-provided code mapped into the process */
  VMA_VVAR,        /* the vDSO's read-only data page(s) */
  VMA_FILE,        /* a private (copy-on-write) mapping of a regular file */
  VMA_FILE_SHARED, /* a shared mapping of a regular file: its own pages */
};

struct inode;

struct vma {
  uint64_t start, end; /* [start, end), page aligned */
  unsigned prot;       /* HAL_PROT_* */
  unsigned flags;      /* VMA_F_* */
  enum vma_kind kind;
  /* Pages in [touched_lo, touched_hi) may have frames; none outside it. The
   * range only bounds page-table walks (huge sparse areas stay cheap); it is
   * not part of an area's identity, so merges join it and splits copy it. */
  uint64_t touched_lo, touched_hi;
  /* File kinds: the inode, and the file page index at `start` (an area
   * split or moved keeps each page at its index). NULL and 0 otherwise. */
  struct inode *file;
  uint64_t pgoff;
};

#define VMA_F_GROWSDOWN 0x1u /* a stack: faults just below grow it */
#define VMA_F_NORESERVE                                                        \
  0x2u                     /* never charged against memory (MAP_NORESERVE)     \
                            */
#define VMA_F_ACCOUNT 0x4u /* charged against memory (Linux's VM_ACCOUNT) */
/* Never writable: a shared mapping of a file not open for writing (Linux
 * clears VM_MAYWRITE); mprotect adding PROT_WRITE is EACCES. */
#define VMA_F_NOWRITE 0x8u
/* mlock: Linux's VM_LOCKED, and VM_LOCKONFAULT (mlock2's MLOCK_ONFAULT,
 * MCL_ONFAULT: pages are locked as they are faulted in, not all at once). */
#define VMA_F_LOCKED 0x10u
#define VMA_F_LOCKONFAULT 0x20u

/* Shared memory: stores are seen by every mapping of the same pages. */
static inline bool vma_is_shared(const struct vma *v) {
  return v->kind == VMA_SHARED || v->kind == VMA_FILE_SHARED;
}

/* A mapping of a file (its pages come from the inode). */
static inline bool vma_is_file(const struct vma *v) {
  return v->kind == VMA_FILE || v->kind == VMA_FILE_SHARED;
}

/* Areas whose pages stand at an offset of something: files, and the
 * program's segments (their offset in the program, which /proc's maps
 * shows). Splits, moves and merges keep each page at its index. */
static inline bool vma_has_offset(const struct vma *v) {
  return v->file || v->kind == VMA_PROGRAM;
}

/* The file page index the page at `va` (inside v) maps. */
static inline uint64_t vma_file_index(const struct vma *v, uint64_t va) {
  return v->pgoff + (va - v->start) / 4096;
}

/* Supplied by the kernel (libos/filemap.c; the host tests have their own):
 * take or drop the reference an area holds on its file. */
void vma_file_ref(struct inode *file);
void vma_file_unref(struct inode *file);

/* Linux's stack_guard_gap: no other area within 256 pages below a stack. */
#define VMA_GUARD_GAP (256UL * 4096UL)

/* The areas in address order, in an array that grows on demand (most
 * address spaces have a few dozen areas; Linux allows VMA_MAX). */
struct vma_map {
  unsigned n, cap;
  struct vma *v;
};

/* Empty the map (its array is kept for reuse). */
void vma_init(struct vma_map *m);

/* Free the map's array; the map must be empty (vma_remove of everything).
 * The map may be used again after vma_init. */
void vma_destroy(struct vma_map *m);

/* Room for `more` areas beyond the current ones (the array grows when
 * needed; pointers into the map are then stale): false at VMA_MAX or
 * when out of memory. */
bool vma_reserve(struct vma_map *m, unsigned more);

/* Make `dst` (empty) an exact copy of `src`'s areas, without taking file
 * references. 0, or -1 when out of memory. */
int vma_copy(struct vma_map *dst, const struct vma_map *src);

/* The area containing `addr`, or NULL. */
struct vma *vma_find(struct vma_map *m, uint64_t addr);

/* The first area ending above `addr` (the one containing it or the next one
 * up), or NULL. */
struct vma *vma_next(struct vma_map *m, uint64_t addr);

/* True when any area intersects [start, end). */
bool vma_overlaps(const struct vma_map *m, uint64_t start, uint64_t end);

/* True when [start, end) is entirely covered by areas (holes make it false). */
bool vma_covered(const struct vma_map *m, uint64_t start, uint64_t end);

/* Add an area that overlaps nothing; it merges with neighbours that touch it
 * and have the same prot, flags and kind (and, for files, the same file at
 * contiguous offsets). A file area takes its own reference on the file.
 * Returns 0, or -1 (overlap, or the map is full). */
int vma_insert(struct vma_map *m, const struct vma *v);

/* Remove [start, end) wherever it is mapped, splitting areas at the edges.
 * Returns 0, or -1 if a split needed a slot the map does not have (nothing
 * changed then). */
int vma_remove(struct vma_map *m, uint64_t start, uint64_t end);

/* Set prot on the mapped parts of [start, end), splitting at the edges and
 * merging equal neighbours afterwards. Returns 0 or -1 (map full, nothing
 * changed). */
int vma_protect(struct vma_map *m, uint64_t start, uint64_t end, unsigned prot);

/* Replace the `mask` bits of the flags of the areas in [start, end) with
 * `set` (keeping each area's prot), splitting at the edges and merging
 * equal neighbours afterwards. 0 or -1 (map full, nothing changed). */
int vma_set_flags(struct vma_map *m, uint64_t start, uint64_t end,
                  unsigned mask, unsigned set);

/* vma_protect that also ORs `add_flags` into the areas' flags. */
int vma_protect_flags(struct vma_map *m, uint64_t start, uint64_t end,
                      unsigned prot, unsigned add_flags);

/* The highest address `a` with [a, a+len) free, lo <= a and a+len <= hi, or
 * 0 if there is none. len and the bounds are page aligned. */
uint64_t vma_find_gap(const struct vma_map *m, uint64_t len, uint64_t lo,
                      uint64_t hi);

/* vma_find_gap, but the gap must also stay VMA_GUARD_GAP clear below any
 * VMA_F_GROWSDOWN area (Linux's vm_start_gap()). */
uint64_t vma_find_gap_guarded(const struct vma_map *m, uint64_t len,
                              uint64_t lo, uint64_t hi);

/* True when [start, end) is free and keeps VMA_GUARD_GAP below any
 * VMA_F_GROWSDOWN area above it (a hint Linux would take as it is). */
bool vma_fits_guarded(const struct vma_map *m, uint64_t start, uint64_t end);

/* True when removing or re-protecting [start, end) has the slots its edge
 * splits need (so the edit cannot fail half-way). */
bool vma_splits_fit(struct vma_map *m, uint64_t start, uint64_t end);

/* Record that the page at `va` inside area `v` now has a frame. */
void vma_touch(struct vma *v, uint64_t va);

#endif
