/* Open-addressing hash table of strings behind a mutex, plus a small
 * per-thread cache in front so that the two trace readers, which run in
 * parallel and intern the same few dozen names millions of times, rarely
 * touch the lock. Strings are never freed; ids index a two-level table whose
 * top level never moves, so intern_str() needs no lock.
 *
 * A trace's str arguments make many distinct strings (a path per open on
 * the bench pair: 138k), so a miss must be cheap too: each slot keeps its
 * string's hash beside its id (a probe touches a string only when the
 * hashes agree), the lengths are kept (no strnlen), and the strings are
 * carved from big blocks, not malloc'd one by one. */
#include "intern.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 1024
#define NCHUNKS 4096 /* up to 4M distinct names */
#define STRBLOCK (256u << 10)

struct entry {
  const char *s;
  uint32_t len;
};

struct slot {
  uint32_t id; /* 0: empty */
  uint32_t hash;
};

static struct entry *chunks[NCHUNKS]; /* chunks[id / CHUNK][id % CHUNK] */
static uint32_t nstrs = 1;            /* next id; 0 is "none" */
static struct slot *slots;
static uint32_t nslots; /* power of two */
static char *block;     /* where the next string's copy goes */
static size_t block_left;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void oom(void) {
  fputs("kdiff: out of memory\n", stderr);
  abort();
}

static const struct entry *entry_of(uint32_t id) {
  return &chunks[id / CHUNK][id % CHUNK];
}

static uint64_t load64(const char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w;
}

static uint32_t load32(const char *s) {
  uint32_t w;
  memcpy(&w, s, 4);
  return w;
}

/* Eight bytes a step, then a final mix so that the low bits (the table's
 * and the cache's index) depend on every byte: byte-wise FNV-1a was a
 * multiply per byte on every name of every line. The last bytes are read
 * as whole (overlapping) words, not one by one. Ids do not depend on the
 * hash (they count insertions), so neither does any output. */
static inline uint32_t hash(const char *s, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
  if (n >= 8) {
    size_t k = 0;
    for (; k + 8 < n; k += 8)
      h = ((h ^ load64(s + k)) * 0xff51afd7ed558ccdull) ^
          (h >> 29); /* the last step always reads the final 8 bytes */
    w = load64(s + n - 8);
  } else if (n >= 4) {
    w = (uint64_t)load32(s) << 32 | load32(s + n - 4);
  } else if (n) {
    w = (uint64_t)(unsigned char)s[0] << 16 |
        (uint64_t)(unsigned char)s[n / 2] << 8 | (unsigned char)s[n - 1];
  } else {
    w = 0;
  }
  h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 32;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 29;
  return (uint32_t)h;
}

static struct slot *find(const char *s, size_t n, uint32_t h) {
  uint32_t i = h & (nslots - 1);
  for (;;) {
    struct slot *sl = &slots[i];
    if (!sl->id)
      return sl;
    if (sl->hash == h) {
      const struct entry *t = entry_of(sl->id);
      if (t->len == n && memcmp(t->s, s, n) == 0)
        return sl;
    }
    i = (i + 1) & (nslots - 1);
  }
}

static void grow(void) {
  uint32_t old = nslots;
  struct slot *olds = slots;
  nslots = old ? old * 2 : 1024;
  slots = calloc(nslots, sizeof *slots);
  if (!slots)
    oom();
  for (uint32_t i = 0; i < old; i++)
    if (olds[i].id) {
      uint32_t k = olds[i].hash & (nslots - 1);
      while (slots[k].id)
        k = (k + 1) & (nslots - 1);
      slots[k] = olds[i];
    }
  free(olds);
}

/* A NUL-terminated copy of s[0..n) that lives for good. */
static const char *keep(const char *s, size_t n) {
  char *copy;
  if (n + 1 > STRBLOCK / 4) {
    copy = malloc(n + 1); /* a long string: a block of its own */
    if (!copy)
      oom();
  } else {
    if (block_left < n + 1) {
      block = malloc(STRBLOCK);
      if (!block)
        oom();
      block_left = STRBLOCK;
    }
    copy = block;
    block += n + 1;
    block_left -= n + 1;
  }
  memcpy(copy, s, n);
  copy[n] = 0;
  return copy;
}

static uint32_t intern_locked(const char *s, size_t n, uint32_t h) {
  if (!nslots || (nstrs + 1) * 2 > nslots)
    grow();
  struct slot *slot = find(s, n, h);
  if (slot->id)
    return slot->id;
  if (nstrs / CHUNK >= NCHUNKS || n > UINT32_MAX) {
    fputs("kdiff: too many distinct names\n", stderr);
    abort();
  }
  if (!chunks[nstrs / CHUNK] &&
      !(chunks[nstrs / CHUNK] = calloc(CHUNK, sizeof(struct entry))))
    oom();
  struct entry *en = &chunks[nstrs / CHUNK][nstrs % CHUNK];
  en->s = keep(s, n);
  /* Its C length: a string holding a NUL never matches itself again (each
   * intern of it is a new id), as intern_str can only give its head. */
  en->len = (uint32_t)strnlen(en->s, n);
  slot->id = nstrs;
  slot->hash = h;
  return nstrs++;
}

/* Per-thread direct-mapped cache: hash -> (string, id). */
#define CACHE 4096
static __thread struct {
  const char *s;
  uint32_t len, id;
} cache[CACHE];

uint32_t intern_n(const char *s, size_t n) {
  uint32_t h = hash(s, n);
  unsigned c = (h ^ (h >> 16)) & (CACHE - 1);
  if (cache[c].s && cache[c].len == n && memcmp(cache[c].s, s, n) == 0)
    return cache[c].id;
  pthread_mutex_lock(&lock);
  uint32_t id = intern_locked(s, n, h);
  const char *str = entry_of(id)->s;
  pthread_mutex_unlock(&lock);
  cache[c].s = str;
  cache[c].len = (uint32_t)n;
  cache[c].id = id;
  return id;
}

uint32_t intern(const char *s) {
  return intern_n(s, strlen(s));
}

uint32_t intern_lookup(const char *s) {
  pthread_mutex_lock(&lock);
  uint32_t id = nslots ? find(s, strlen(s), hash(s, strlen(s)))->id : 0;
  pthread_mutex_unlock(&lock);
  return id;
}

const char *intern_str(uint32_t id) {
  /* Ids come from intern_n, which published the string under the lock. */
  if (!id || id / CHUNK >= NCHUNKS || !chunks[id / CHUNK] || !entry_of(id)->s)
    return "";
  return entry_of(id)->s;
}

bool intern_is(uint32_t id, const char *s, size_t n) {
  if (!id || id / CHUNK >= NCHUNKS || !chunks[id / CHUNK])
    return false;
  const struct entry *en = entry_of(id);
  /* len is the C length: a string holding a NUL matches nothing, as in
   * find(). */
  return en->s && en->len == n && memcmp(en->s, s, n) == 0;
}
