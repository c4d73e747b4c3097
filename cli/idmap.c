/* Open-addressing map of 32-bit keys to indices (idmap.h). */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(uint32_t key, size_t cap) {
  return (size_t)((key * 0x9e3779b1u) >> 7 ^ key) & (cap - 1);
}

long idmap_get(const struct idmap *m, uint32_t key) {
  if (!m->cap)
    return -1;
  for (size_t h = slot_of(key, m->cap); m->val[h]; h = (h + 1) & (m->cap - 1))
    if (m->key[h] == key)
      return (long)m->val[h] - 1;
  return -1;
}

/* Stores into a table known to have room. */
static void put(struct idmap *m, uint32_t key, uint32_t val) {
  size_t h = slot_of(key, m->cap);
  while (m->val[h] && m->key[h] != key)
    h = (h + 1) & (m->cap - 1);
  m->n += !m->val[h];
  m->key[h] = key;
  m->val[h] = val;
}

void idmap_put(struct idmap *m, uint32_t key, size_t index) {
  if (2 * (m->n + 1) > m->cap) { /* at most half full: probes stay short */
    struct idmap old = *m;
    m->cap = old.cap ? 2 * old.cap : 64;
    m->n = 0;
    m->key = malloc(m->cap * sizeof *m->key);
    m->val = calloc(m->cap, sizeof *m->val);
    if (!m->key || !m->val)
      abort();
    for (size_t i = 0; i < old.cap; i++)
      if (old.val[i])
        put(m, old.key[i], old.val[i]);
    idmap_free(&old);
  }
  put(m, key, (uint32_t)(index + 1));
}

void idmap_free(struct idmap *m) {
  free(m->key);
  free(m->val);
  memset(m, 0, sizeof *m);
}
