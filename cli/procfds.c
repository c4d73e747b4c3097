/* procfds.h: a bitset per process, made on first use from the creator's. */
#include "procfds.h"

#include <stdlib.h>
#include <string.h>

static struct fdset *set_of(struct procfds *p, const struct task_map *m,
                            size_t task) {
  size_t need = m->n > task ? m->n : task + 1;
  if (need > p->cap) {
    size_t cap = need + 64;
    struct fdset *s = realloc(p->sets, cap * sizeof *s);
    if (!s)
      abort();
    memset(s + p->cap, 0, (cap - p->cap) * sizeof *s);
    p->sets = s;
    p->cap = cap;
  }
  size_t proc = m->v[task].proc;
  struct fdset *s = &p->sets[proc];
  if (s->made)
    return s;
  s->made = true;
  size_t parent = m->v[proc].parent;
  if (parent != (size_t)-1 && parent < m->n)
    parent = m->v[parent].proc;
  if (parent != (size_t)-1 && parent < p->cap && parent != proc &&
      p->sets[parent].made)
    memcpy(s->bits, p->sets[parent].bits, sizeof s->bits);
  return s;
}

bool procfds_is(struct procfds *p, const struct task_map *m, size_t task,
                int64_t fd) {
  if (fd < 0 || fd >= PROCFDS_MAX || task >= m->n)
    return false;
  const struct fdset *s = set_of(p, m, task);
  return (s->bits[fd / 64] >> (fd % 64)) & 1;
}

void procfds_set(struct procfds *p, const struct task_map *m, size_t task,
                 int64_t fd, bool is_proc) {
  if (fd < 0 || fd >= PROCFDS_MAX || task >= m->n)
    return;
  struct fdset *s = set_of(p, m, task);
  uint64_t bit = 1ull << (fd % 64);
  if (is_proc)
    s->bits[fd / 64] |= bit;
  else
    s->bits[fd / 64] &= ~bit;
}

bool procfds_path_is_proc(const char *path, bool at_proc) {
  if (path[0] != '/')
    return at_proc;
  while (path[1] == '/')
    path++;
  return strncmp(path, "/proc", 5) == 0 && (path[5] == '/' || !path[5]);
}

void procfds_free(struct procfds *p) {
  free(p->sets);
  p->sets = NULL;
  p->cap = 0;
}
