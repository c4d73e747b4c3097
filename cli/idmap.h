/* A map from 32-bit keys (raw pids and tids, interned ids) to indices into
 * an array the caller owns: open addressing, linear probing, no deletion.
 * The per-task tables of kdiff (tasks, the aligner's task set, the timing
 * rules' last calls) were arrays searched linearly, which a fork-heavy trace
 * (thousands of tasks) turns into O(events x tasks). */
#ifndef KDIFF_IDMAP_H
#define KDIFF_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap {
  uint32_t *key;
  uint32_t *val; /* 1 + the index; 0: the slot is free */
  size_t n, cap; /* cap: a power of two, or 0 */
};

/* The index stored for key, or -1 when there is none. */
long idmap_get(const struct idmap *m, uint32_t key);

/* Stores index (below 2^32 - 1) for key, replacing any earlier one; aborts
 * when out of memory, like every allocation in kdiff. */
void idmap_put(struct idmap *m, uint32_t key, size_t index);

/* Frees the table; m is empty again. */
void idmap_free(struct idmap *m);

#endif
