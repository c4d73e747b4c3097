/* The open calls by thread (pending.h). */
#include "pending.h"

#include <stdlib.h>

static size_t slot_of(int64_t tid, size_t cap) {
  return (size_t)(((uint64_t)tid * 0x9e3779b97f4a7c15ull) >> 17) & (cap - 1);
}

struct pending_slot *pending_find(const struct pending *p, int64_t tid) {
  if (!p->cap)
    return NULL;
  for (size_t i = slot_of(tid, p->cap);; i = (i + 1) & (p->cap - 1)) {
    if (!p->v[i].ev)
      return NULL;
    if (p->v[i].tid == tid)
      return &p->v[i];
  }
}

void pending_put(struct pending *p, int64_t tid, size_t ev) {
  if (2 * (p->n + 1) > p->cap) {
    struct pending_slot *old = p->v;
    size_t oldcap = p->cap;
    p->cap = oldcap ? 2 * oldcap : 64;
    p->v = calloc(p->cap, sizeof *p->v);
    if (!p->v)
      abort();
    p->n = 0;
    for (size_t i = 0; i < oldcap; i++)
      if (old[i].ev)
        pending_put(p, old[i].tid, old[i].ev - 1);
    free(old);
  }
  size_t i = slot_of(tid, p->cap);
  while (p->v[i].ev)
    i = (i + 1) & (p->cap - 1);
  p->v[i].tid = tid;
  p->v[i].ev = ev + 1;
  p->n++;
}

/* Frees slot s, moving back the entries of its probe run that hashed at
 * or before it, so that every lookup still finds its entry. */
void pending_del(struct pending *p, struct pending_slot *s) {
  size_t mask = p->cap - 1, hole = (size_t)(s - p->v);
  for (size_t i = (hole + 1) & mask; p->v[i].ev; i = (i + 1) & mask) {
    size_t home = slot_of(p->v[i].tid, p->cap);
    /* The entry at i may move to the hole when its home is not in (hole, i]. */
    if (((i - home) & mask) >= ((i - hole) & mask)) {
      p->v[hole] = p->v[i];
      hole = i;
    }
  }
  p->v[hole].ev = 0;
  p->n--;
}

void pending_free(struct pending *p) {
  free(p->v);
  p->v = NULL;
  p->n = p->cap = 0;
}
