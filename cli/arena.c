/* Bump allocator: 1 MiB blocks, bigger requests get a block of their own. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
  struct arena_block *next;
  size_t used, size;
  char data[];
};

#define ARENA_BLOCK (1u << 20)

void *arena_alloc(struct arena *a, size_t n) {
  n = (n + 7) & ~(size_t)7;
  struct arena_block *b = a->head;
  if (!b || b->size - b->used < n) {
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = malloc(sizeof *b + size);
    if (!b) {
      fputs("kdiff: out of memory\n", stderr);
      abort();
    }
    b->used = 0;
    b->size = size;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

void arena_free(struct arena *a) {
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}
