/* Memory mappings as normalise.c names them (normalise.h, step 7): kept per
 * address space, numbered per task.
 *
 * Two kernels schedule threads differently, so a number handed out in file
 * order would name two concurrent threads' mappings the other way round on
 * the other side. A mapping is named by the task that made it and its
 * place in that task's own sequence: the root task's third mapping is
 * "3" (shown map#3), task 1.2's first is "1.2:1" (map#1.2:1). The names are
 * interned, so the two sides compare them as integers.
 *
 * Addresses are looked up in the address space of the task that uses them:
 * threads share their process's; a forked child gets a copy of its
 * parent's as it was at the fork (made at the parent's successful creating
 * call, or at the child's first event when that comes first in the file);
 * a successful execve empties it. The heap's base is kept the same way. A
 * CLONE_VM child that is not a thread (vfork) is treated as forked: a mapping
 * it makes before its execve is not seen by its parent. */
#ifndef KDIFF_MAPS_H
#define KDIFF_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tasks.h"

struct mapping {
  uint64_t start, len;
  uint32_t id; /* interned name, see above */
};

struct map_space {
  struct mapping *v;
  size_t n, cap;
  bool made; /* created (empty, or copied from the parent's) */
  /* The heap: the first break the program saw (its brk(0)) and the
   * highest since; a fork copies them, an execve forgets them. */
  bool have_brk0;
  uint64_t brk0, brk_top;
};

/* Per trace: indexed by task index in the task_map (spaces by the index
 * of the task standing for the process). Zero-initialise before use. */
struct maps {
  struct map_space *sp;
  uint32_t *made; /* mappings each task made so far */
  size_t cap;
};

/* The address space task m->v[task] uses, created on first use (a copy of
 * its parent process's, if that exists). Never NULL. The pointer is valid
 * until the next maps_space call. */
struct map_space *maps_space(struct maps *ms, const struct task_map *m,
                             size_t task);

/* Records a mapping of len bytes (0: one byte) at start that task made in
 * space s, and returns its interned name. */
uint32_t maps_add(struct maps *ms, struct map_space *s,
                  const struct task_map *m, size_t task, uint64_t start,
                  uint64_t len);

/* A mapping of s holding addr (MAP_FIXED may overlap them), or NULL. */
const struct mapping *maps_find(const struct map_space *s, uint64_t addr);

/* munmap(start, len): forgets the mapping that starts at start and is no
 * longer than len. */
void maps_drop(struct map_space *s, uint64_t start, uint64_t len);

/* A successful execve: the process starts with no mappings and no heap. */
void maps_exec(struct map_space *s);

/* Frees everything ms holds. */
void maps_free(struct maps *ms);

#endif
