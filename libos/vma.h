/* A process's map of virtual memory areas: sorted, non-overlapping ranges
 * with their permissions. Pure bookkeeping: no page tables here. */
#ifndef LIBOS_VMA_H
#define LIBOS_VMA_H

#include <stdbool.h>
#include <stdint.h>

#define VMA_MAX 1024 /* Linux's default vm.max_map_count is 65530 */

enum vma_kind {
  VMA_ANON,    /* anonymous private memory (mmap) */
  VMA_SHARED,  /* anonymous shared memory */
  VMA_PROGRAM, /* a segment of the loaded program */
  VMA_HEAP,    /* the brk area */
  VMA_STACK,   /* the initial stack */
  VMA_VDSO,    /* kernel-provided code mapped into the process */
};

struct vma {
  uint64_t start, end; /* [start, end), page aligned */
  unsigned prot;       /* HAL_PROT_* */
  unsigned flags;      /* VMA_F_* */
  enum vma_kind kind;
};

#define VMA_F_GROWSDOWN 0x1u
#define VMA_F_NORESERVE 0x2u

struct vma_map {
  unsigned n;
  struct vma v[VMA_MAX];
};

/* Empty the map. */
void vma_init(struct vma_map *m);

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
 * and have the same prot, flags and kind. Returns 0, or -1 (overlap, or the
 * map is full). */
int vma_insert(struct vma_map *m, const struct vma *v);

/* Remove [start, end) wherever it is mapped, splitting areas at the edges.
 * Returns 0, or -1 if a split needed a slot the map does not have (nothing
 * changed then). */
int vma_remove(struct vma_map *m, uint64_t start, uint64_t end);

/* Set prot on the mapped parts of [start, end), splitting at the edges and
 * merging equal neighbours afterwards. Returns 0 or -1 (map full, nothing
 * changed). */
int vma_protect(struct vma_map *m, uint64_t start, uint64_t end,
                unsigned prot);

/* The highest address `a` with [a, a+len) free, lo <= a and a+len <= hi, or
 * 0 if there is none. len and the bounds are page aligned. */
uint64_t vma_find_gap(const struct vma_map *m, uint64_t len, uint64_t lo,
                      uint64_t hi);

#endif
