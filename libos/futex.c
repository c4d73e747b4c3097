/* The futex hash table: 64 singly linked FIFO buckets. */
#include <libos/futex.h>

#include <stddef.h>

#include <uapi/errno.h>

#define BUCKETS 64

static struct futex_waiter *bucket[BUCKETS];

static unsigned hash(const struct futex_key *k) {
  uint64_t h =
      k->addr ^ ((uint64_t)(uintptr_t)k->space * 0x9e3779b97f4a7c15ULL);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return (unsigned)(h % BUCKETS);
}

static bool same(const struct futex_key *a, const struct futex_key *b) {
  return a->space == b->space && a->addr == b->addr;
}

void futex_enqueue(struct futex_waiter *w) {
  struct futex_waiter **pp = &bucket[hash(&w->key)];
  while (*pp)
    pp = &(*pp)->next;
  w->next = NULL;
  w->woken = false;
  w->queued = true;
  *pp = w;
}

static void unlink(struct futex_waiter **pp) {
  struct futex_waiter *w = *pp;
  *pp = w->next;
  w->next = NULL;
  w->queued = false;
}

bool futex_dequeue(struct futex_waiter *w) {
  if (!w->queued)
    return false;
  for (struct futex_waiter **pp = &bucket[hash(&w->key)]; *pp;
       pp = &(*pp)->next)
    if (*pp == w) {
      unlink(pp);
      return true;
    }
  w->queued = false;
  return false;
}

int futex_wake(const struct futex_key *key, int n, uint32_t bitset) {
  int woken = 0;
  struct futex_waiter **pp = &bucket[hash(key)];
  while (*pp) {
    struct futex_waiter *w = *pp;
    if (same(&w->key, key) && w->kind != FUTEX_PLAIN)
      return -EINVAL;
    if (!same(&w->key, key) || !(w->bitset & bitset)) {
      pp = &w->next;
      continue;
    }
    unlink(pp);
    w->woken = true;
    if (++woken >= n)
      break;
  }
  return woken;
}

int futex_requeue(const struct futex_key *from, const struct futex_key *to,
                  int nwake, int nmove) {
  int done = 0;
  while (done < nwake) {
    struct futex_waiter *w = futex_top(from);
    if (!w)
      break;
    if (w->kind != FUTEX_PLAIN)
      return -EINVAL;
    futex_wake_waiter(w);
    done++;
  }
  int moved = 0;
  struct futex_waiter **pp = &bucket[hash(from)];
  while (*pp && moved < nmove) {
    struct futex_waiter *w = *pp;
    if (same(&w->key, from)) {
      if (w->kind != FUTEX_PLAIN)
        return -EINVAL;
      unlink(pp);
      w->key = *to;
      futex_enqueue(w);
      moved++;
    } else {
      pp = &w->next;
    }
  }
  return done + moved;
}

bool futex_woken(void *waiter) {
  return ((struct futex_waiter *)waiter)->woken;
}

struct futex_waiter *futex_top(const struct futex_key *key) {
  for (struct futex_waiter *w = bucket[hash(key)]; w; w = w->next)
    if (same(&w->key, key))
      return w;
  return NULL;
}

void futex_wake_waiter(struct futex_waiter *w) {
  futex_dequeue(w);
  w->woken = true;
}

void futex_move(struct futex_waiter *w, const struct futex_key *to,
                enum futex_kind kind) {
  futex_dequeue(w);
  w->key = *to;
  w->kind = kind;
  futex_enqueue(w);
}

void futex_pi_set_owner(const struct futex_key *key, int tid) {
  for (struct futex_waiter *w = bucket[hash(key)]; w; w = w->next)
    if (same(&w->key, key) && w->kind == FUTEX_PI)
      w->pi_owner = tid;
}

struct futex_waiter *futex_pi_owned_by(int tid) {
  for (unsigned i = 0; i < BUCKETS; i++)
    for (struct futex_waiter *w = bucket[i]; w; w = w->next)
      if (w->kind == FUTEX_PI && w->pi_owner == tid)
        return w; /* buckets are FIFO: the oldest of its word */
  return NULL;
}

int futex_count(const struct futex_key *key) {
  int n = 0;
  for (struct futex_waiter *w = bucket[hash(key)]; w; w = w->next)
    if (same(&w->key, key))
      n++;
  return n;
}

void futex_reset(void) {
  for (unsigned i = 0; i < BUCKETS; i++)
    bucket[i] = NULL;
}
