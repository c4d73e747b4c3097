/* Mappings per address space, named per task (maps.h). A space holds few
 * live mappings (munmap removes them), so lookups are linear, newest
 * first. */
#include "maps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *grow(void *p, size_t n, size_t size) {
  p = realloc(p, n * size);
  if (!p)
    abort();
  return p;
}

static void ensure(struct maps *ms, size_t n) {
  if (n <= ms->cap)
    return;
  size_t cap = ms->cap ? ms->cap : 16;
  while (cap < n)
    cap *= 2;
  ms->sp = grow(ms->sp, cap, sizeof *ms->sp);
  ms->made = grow(ms->made, cap, sizeof *ms->made);
  memset(ms->sp + ms->cap, 0, (cap - ms->cap) * sizeof *ms->sp);
  memset(ms->made + ms->cap, 0, (cap - ms->cap) * sizeof *ms->made);
  ms->cap = cap;
}

struct map_space *maps_space(struct maps *ms, const struct task_map *m,
                             size_t task) {
  ensure(ms, m->n > task ? m->n : task + 1);
  size_t p = m->v[task].proc;
  struct map_space *s = &ms->sp[p];
  if (s->made)
    return s;
  s->made = true;
  size_t parent = m->v[p].parent;
  /* A thread's child forks its process's memory. */
  if (parent != (size_t)-1 && parent < m->n)
    parent = m->v[parent].proc;
  /* A forked child starts with its parent's mappings (under their names:
   * the same memory on both sides, made by the same task) and heap. */
  if (parent != (size_t)-1 && parent < ms->cap && parent != p &&
      ms->sp[parent].made) {
    const struct map_space *from = &ms->sp[parent];
    s->have_brk0 = from->have_brk0;
    s->brk0 = from->brk0;
    s->brk_top = from->brk_top;
    if (from->n) {
      s->cap = s->n = from->n;
      s->v = grow(NULL, s->cap, sizeof *s->v);
      memcpy(s->v, from->v, from->n * sizeof *s->v);
    }
  }
  return s;
}

uint32_t maps_add(struct maps *ms, struct map_space *s,
                  const struct task_map *m, size_t task, uint64_t start,
                  uint64_t len) {
  ensure(ms, task + 1);
  uint32_t k = ++ms->made[task];
  char name[64];
  const char *who = intern_str(m->v[task].id);
  /* The root's keep the short form most traces only ever have. */
  if (!strcmp(who, "1"))
    snprintf(name, sizeof name, "%u", k);
  else
    snprintf(name, sizeof name, "%s:%u", who, k);
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 16;
    s->v = grow(s->v, s->cap, sizeof *s->v);
  }
  uint32_t id = intern(name);
  s->v[s->n++] = (struct mapping){start, len ? len : 1, id};
  return id;
}

const struct mapping *maps_find(const struct map_space *s, uint64_t addr) {
  for (size_t i = s->n; i-- > 0;)
    if (addr >= s->v[i].start && addr - s->v[i].start < s->v[i].len)
      return &s->v[i];
  return NULL;
}

void maps_drop(struct map_space *s, uint64_t start, uint64_t len) {
  for (size_t i = 0; i < s->n; i++)
    if (s->v[i].start == start && s->v[i].len <= len) {
      s->v[i] = s->v[--s->n];
      return;
    }
}

void maps_exec(struct map_space *s) {
  s->n = 0;
  s->have_brk0 = false; /* the new program's heap starts elsewhere */
}

void maps_free(struct maps *ms) {
  for (size_t i = 0; i < ms->cap; i++)
    free(ms->sp[i].v);
  free(ms->sp);
  free(ms->made);
  memset(ms, 0, sizeof *ms);
}
