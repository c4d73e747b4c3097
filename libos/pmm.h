/* Physical page frames: allocation and reference counts. */
#ifndef LIBOS_PMM_H
#define LIBOS_PMM_H

#include <hal/hal.h>

/*
 * Take ownership of the free RAM regions. The allocator's own metadata (two
 * bitmaps and a 16-bit reference count per frame) is carved from the regions
 * themselves (the first frames of each region) and reached through
 * hal_phys_to_virt(). Regions too small to hold their own metadata and one
 * frame are skipped. Calling it again starts over (host tests do). Returns
 * 0, or -1 if no region can even hold its metadata.
 */
int pmm_init(const struct hal_mem_region *regions, unsigned n);

/* One zeroed frame with reference count 1; 0 when memory is exhausted. */
uint64_t pmm_alloc(void);

/* `n` physically contiguous zeroed frames (each with count 1), the first
 * one aligned to `n` pages rounded up to a power of two; 0 if none. They
 * are separate frames afterwards: free them with pmm_unref() each. */
uint64_t pmm_alloc_pages(size_t n);

/* Add a reference to an allocated frame. Panics if `pa` is not the
 * page-aligned address of an allocated frame, or the count would pass
 * 65535. */
void pmm_ref(uint64_t pa);

/* Drop a reference; the frame is free again when the count reaches 0.
 * Dropping a free frame or one pmm does not own is a kernel bug: panics. */
void pmm_unref(uint64_t pa);

/* Reference count of the frame holding `pa` (0 if free or not pmm's). */
unsigned pmm_refcount(uint64_t pa);

/* Mark an allocated frame lazily freeable (MADV_FREE: its contents may be
 * dropped under memory pressure) or not. Panics on a free frame. Freeing
 * the frame clears the mark. */
void pmm_set_lazy(uint64_t pa, bool lazy);

/* Is the frame holding `pa` allocated and marked lazily freeable? */
bool pmm_is_lazy(uint64_t pa);

/* Frames currently free, and frames managed in all. */
size_t pmm_free_count(void);
size_t pmm_total_count(void);

#endif
