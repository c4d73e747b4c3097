/* A bump allocator for the many small strings a trace holds: one free for
 * all of them, and no per-string malloc on the hot parsing path. */
#ifndef KDIFF_ARENA_H
#define KDIFF_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
  struct arena_block *head;
};

/* Returns n bytes (8-aligned) that live until arena_free; aborts on OOM. */
void *arena_alloc(struct arena *a, size_t n);

/* Copies s[0..n) into the arena, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Frees every block; the arena is empty and reusable afterwards. */
void arena_free(struct arena *a);

#endif
