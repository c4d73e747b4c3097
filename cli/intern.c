/* Open-addressing hash table of strings; ids index a growing string array. */
#include "intern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **strs;      /* strs[id], id >= 1 */
static uint32_t nstrs;   /* ids in use + 1 */
static uint32_t strcap;
static uint32_t *slots;  /* 0: empty, else id */
static uint32_t nslots;  /* power of two */

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n);
  if (!p) {
    fputs("kdiff: out of memory\n", stderr);
    abort();
  }
  return p;
}

static uint32_t hash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static uint32_t *find(const char *s, size_t n) {
  uint32_t i = hash(s, n) & (nslots - 1);
  for (;;) {
    uint32_t id = slots[i];
    if (!id || (strncmp(strs[id], s, n) == 0 && strs[id][n] == 0))
      return &slots[i];
    i = (i + 1) & (nslots - 1);
  }
}

static void grow(void) {
  uint32_t old = nslots;
  uint32_t *olds = slots;
  nslots = old ? old * 2 : 1024;
  slots = calloc(nslots, sizeof *slots);
  if (!slots) {
    fputs("kdiff: out of memory\n", stderr);
    abort();
  }
  for (uint32_t i = 0; i < old; i++)
    if (olds[i])
      *find(strs[olds[i]], strlen(strs[olds[i]])) = olds[i];
  free(olds);
}

uint32_t intern_n(const char *s, size_t n) {
  if (!nslots || (nstrs + 1) * 2 > nslots)
    grow();
  uint32_t *slot = find(s, n);
  if (*slot)
    return *slot;
  if (nstrs == 0)
    nstrs = 1;
  if (nstrs >= strcap) {
    strcap = strcap ? strcap * 2 : 256;
    strs = xrealloc(strs, strcap * sizeof *strs);
  }
  char *copy = xrealloc(NULL, n + 1);
  memcpy(copy, s, n);
  copy[n] = 0;
  strs[nstrs] = copy;
  *slot = nstrs;
  return nstrs++;
}

uint32_t intern(const char *s) { return intern_n(s, strlen(s)); }

uint32_t intern_lookup(const char *s) {
  if (!nslots)
    return 0;
  return *find(s, strlen(s));
}

const char *intern_str(uint32_t id) {
  return id && id < nstrs ? strs[id] : "";
}
