/* Open-addressing hash table of strings behind a mutex, plus a small
 * per-thread cache in front so that the two trace readers, which run in
 * parallel and intern the same few dozen names millions of times, rarely
 * touch the lock. Strings are never freed; ids index a two-level table whose
 * top level never moves, so intern_str() needs no lock. */
#include "intern.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 1024
#define NCHUNKS 4096 /* up to 4M distinct names */

static char **chunks[NCHUNKS]; /* chunks[id / CHUNK][id % CHUNK] */
static uint32_t nstrs = 1;     /* next id; 0 is "none" */
static uint32_t *slots;        /* 0: empty, else id */
static uint32_t nslots;        /* power of two */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void oom(void) {
  fputs("kdiff: out of memory\n", stderr);
  abort();
}

static const char *str_of(uint32_t id) { return chunks[id / CHUNK][id % CHUNK]; }

static uint32_t hash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static uint32_t *find(const char *s, size_t n, uint32_t h) {
  uint32_t i = h & (nslots - 1);
  for (;;) {
    uint32_t id = slots[i];
    if (!id) return &slots[i];
    const char *t = str_of(id);
    /* strnlen first: `s` may hold a NUL, and t may be shorter than n. */
    if (strnlen(t, n + 1) == n && memcmp(t, s, n) == 0)
      return &slots[i];
    i = (i + 1) & (nslots - 1);
  }
}

static void grow(void) {
  uint32_t old = nslots;
  uint32_t *olds = slots;
  nslots = old ? old * 2 : 1024;
  slots = calloc(nslots, sizeof *slots);
  if (!slots)
    oom();
  for (uint32_t i = 0; i < old; i++)
    if (olds[i]) {
      const char *t = str_of(olds[i]);
      *find(t, strlen(t), hash(t, strlen(t))) = olds[i];
    }
  free(olds);
}

static uint32_t intern_locked(const char *s, size_t n, uint32_t h) {
  if (!nslots || (nstrs + 1) * 2 > nslots)
    grow();
  uint32_t *slot = find(s, n, h);
  if (*slot)
    return *slot;
  if (nstrs / CHUNK >= NCHUNKS) {
    fputs("kdiff: too many distinct names\n", stderr);
    abort();
  }
  if (!chunks[nstrs / CHUNK] && !(chunks[nstrs / CHUNK] = calloc(CHUNK, sizeof(char *))))
    oom();
  char *copy = malloc(n + 1);
  if (!copy)
    oom();
  memcpy(copy, s, n);
  copy[n] = 0;
  chunks[nstrs / CHUNK][nstrs % CHUNK] = copy;
  *slot = nstrs;
  return nstrs++;
}

/* Per-thread direct-mapped cache: hash -> (string, id). */
#define CACHE 256
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
  const char *str = str_of(id);
  pthread_mutex_unlock(&lock);
  cache[c].s = str;
  cache[c].len = (uint32_t)n;
  cache[c].id = id;
  return id;
}

uint32_t intern(const char *s) { return intern_n(s, strlen(s)); }

uint32_t intern_lookup(const char *s) {
  pthread_mutex_lock(&lock);
  uint32_t id = nslots ? *find(s, strlen(s), hash(s, strlen(s))) : 0;
  pthread_mutex_unlock(&lock);
  return id;
}

const char *intern_str(uint32_t id) {
  /* Ids come from intern_n, which published the string under the lock. */
  if (!id || id / CHUNK >= NCHUNKS || !chunks[id / CHUNK] || !str_of(id))
    return "";
  return str_of(id);
}
