/* The open call of each thread while a trace is read: a reader that sees a
 * call's entry and its exit as two records keeps the entry's event here
 * until the exit comes. Open addressing with linear probing and deletion
 * by backward shift, so that a trace with thousands of threads (each
 * process's exit_group, every blocked parent's wait4) costs O(1) a record,
 * not a search of every open call. */
#ifndef KDIFF_PENDING_H
#define KDIFF_PENDING_H

#include <stddef.h>
#include <stdint.h>

struct pending_slot {
  int64_t tid;
  size_t ev; /* 1 + the event's index; 0: the slot is free */
};

/* Zero-initialised: empty. The open calls are the slots v[0..cap) with a
 * nonzero ev, in no particular order. */
struct pending {
  struct pending_slot *v;
  size_t n, cap; /* cap: a power of two, or 0 */
};

/* The slot holding tid's open call, or NULL. */
struct pending_slot *pending_find(const struct pending *p, int64_t tid);

/* Records event index ev as tid's open call; tid must have none (find and
 * delete the old one first). Aborts when out of memory. */
void pending_put(struct pending *p, int64_t tid, size_t ev);

/* Removes slot s (from pending_find); other slots may move. */
void pending_del(struct pending *p, struct pending_slot *s);

/* Frees the table; p is empty again. */
void pending_free(struct pending *p);

#endif
