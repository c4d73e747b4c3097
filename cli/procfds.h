/* Which descriptors of each process name files under /proc, for rule
 * proc-read-count (rules.h): a process's set starts as its creator's (a
 * fork's descriptors are its parent's) the first time it is looked at,
 * as maps.h does for memory. */
#ifndef KDIFF_PROCFDS_H
#define KDIFF_PROCFDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tasks.h"

#define PROCFDS_MAX 1024 /* descriptors tracked per process (higher: never) */

struct procfds {
  struct fdset {
    bool made;
    uint64_t bits[PROCFDS_MAX / 64];
  } * sets; /* indexed by a task_map index (the process's task) */
  size_t cap;
};

/* Does descriptor `fd` of `task`'s process name a /proc file? */
bool procfds_is(struct procfds *p, const struct task_map *m, size_t task,
                int64_t fd);

/* Descriptor `fd` of `task`'s process now names a /proc file or not
 * (open, close, dup). */
void procfds_set(struct procfds *p, const struct task_map *m, size_t task,
                 int64_t fd, bool is_proc);

/* True when `path` (opened relative to a /proc descriptor if `at_proc`)
 * names something under /proc. */
bool procfds_path_is_proc(const char *path, bool at_proc);

void procfds_free(struct procfds *p);

#endif
