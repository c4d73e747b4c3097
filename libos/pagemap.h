/*
 * A sparse map from page index to frame: the contents of an in-memory
 * file. A radix tree of 512-way nodes whose height grows with the highest
 * index stored, so a file with one page at offset 1 TiB costs a few nodes,
 * not a table as large as the offset. Absent pages are holes (read as
 * zeros). Frames are pmm frames; the map holds one reference to each.
 */
#ifndef LIBOS_PAGEMAP_H
#define LIBOS_PAGEMAP_H

#include <stdbool.h>
#include <stdint.h>

struct pagemap {
  void *root;      /* a node, or NULL when empty */
  unsigned height; /* levels below root: index bits = 9 * height */
  uint64_t pages;  /* frames held */
};

#define PAGEMAP_NONE UINT64_MAX

/* An empty map. */
void pagemap_init(struct pagemap *m);

/* The frame at `idx`, or 0 for a hole. */
uint64_t pagemap_get(const struct pagemap *m, uint64_t idx);

/* Store frame `pa` (the map takes over the caller's reference) at `idx`,
 * which MUST be a hole. Returns 0, or -1 when a node could not be
 * allocated (nothing changed). */
int pagemap_set(struct pagemap *m, uint64_t idx, uint64_t pa);

/* Drop every frame at an index >= `from` (truncate); nodes left empty are
 * freed. Returns the number of frames dropped. */
uint64_t pagemap_truncate(struct pagemap *m, uint64_t from);

/* Drop the frames at indices in [from, to); nodes left empty are freed.
 * Returns the number of frames dropped. */
uint64_t pagemap_punch(struct pagemap *m, uint64_t from, uint64_t to);

/* The lowest index >= `idx` holding a frame, or PAGEMAP_NONE. Skips empty
 * subtrees whole. */
uint64_t pagemap_next(const struct pagemap *m, uint64_t idx);

#endif
