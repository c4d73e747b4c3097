/* Task identity by creation, not by scheduling. Linux (strace -f) and the
 * library OS interleave processes and threads differently and number them
 * differently, so a task is named by how it was made:
 *   - the root task (the first live event's pid) is "1";
 *   - the k-th successful fork/vfork/clone/clone3 made BY task P (k counted
 *     in P's own sequence, 1-based) creates task "P.k"; the creating call's
 *     return value in P is the child's raw pid/tid on that side.
 * So "1.2" is the second child (process or thread) task 1 made, on both
 * sides, whatever the order the two kernels ran them in. A pid outside the
 * tree (strace's own, the shell's group) is "xN", N in order of appearance.
 *
 * A task is a thread when its creating call had CLONE_THREAD; its process
 * is then its creator's process. Every other task is a process's first
 * thread and stands for that process. */
#ifndef KDIFF_TASKS_H
#define KDIFF_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "idmap.h"
#include "trace.h"

struct task {
  int32_t raw;   /* the pid/tid the trace uses */
  uint32_t id;   /* interned identity: "1", "1.2", or "xN" outside the tree */
  uint32_t made; /* successful creating calls made so far (while building) */
  size_t proc;   /* index of the task standing for its process */
  size_t parent; /* index of the process that created it ((size_t)-1: none) */
  bool thread;   /* created with CLONE_THREAD */
  bool known;    /* in the creation tree */
  int64_t
      last_sys; /* its last live syscall event (-1: none; set by tasks_ends) */
};

struct task_map {
  struct task *v;
  size_t n, cap;
  size_t cache;       /* last task looked up: events come in runs of one task */
  struct idmap index; /* raw -> index in v */
  uint32_t next_ext;  /* "xN" names handed out */
  int32_t root_raw;
};

/* Builds m (zeroed by the caller) from t's live events: the creation tree
 * as described above, then "xN" names for tasks whose creation was not seen.
 * A trace of one pid gets its root without a pass over the events. */
void tasks_build(const struct trace *t, struct task_map *m);

/* The task of raw pid/tid, or NULL when raw never appeared as a task. */
struct task *tasks_find(struct task_map *m, int32_t raw);

/* The identity a pid VALUE names: its task's, else a new or earlier "xN"
 * (never NULL: a pid outside the tree is still named consistently). */
uint32_t tasks_value_id(struct task_map *m, int32_t raw);

/* Makes raw (a pid outside the tree) name the task `id` from now on. Used
 * for the process group and session the root inherits from its launcher:
 * on Linux that is the shell's, in the library OS the root's own. */
void tasks_alias(struct task_map *m, int32_t raw, uint32_t id);

/* Per-task ends (exit events), the same rule on both sides:
 *   - a process (a non-thread task) ends with its group's status: the Linux
 *     `+++ exited/killed +++` of that pid; on the libos side the root's exit
 *     record, and for any other process one is made from what ended it: a
 *     fatal signal record in any of its threads, else the last exit_group
 *     call in any of them, else its own exit call;
 *   - a thread ends with a status of its own only when it called exit()
 *     itself (Linux: its `+++ exited with N +++` is kept only then; libos:
 *     one is made from the exit call); threads swept away by exit_group or a
 *     signal have none on either side.
 * Linux exit events that do not fit are dropped; libos ends are appended to
 * t (at the end: each belongs to its task's sequence, after its events).
 * The libos side's SIGKILL signal records are dropped (ptrace never shows a
 * SIGKILL delivery). Returns nothing; t->ev may move. */
void tasks_ends(struct trace *t, struct task_map *m, bool linux_side);

/* Orders identities: the creation tree in pre-order (1 < 1.1 < 1.1.1 < 1.2
 * < 1.10), then outside tasks ("x1" < "x2"). Returns <0, 0, >0. */
int task_cmp(uint32_t a, uint32_t b);

/* Frees m's arrays. */
void tasks_free(struct task_map *m);

#endif
