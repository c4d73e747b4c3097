/*
 * Futex wait queues: waiters keyed by (address space, user address) for
 * process-private memory or (NULL, physical address) for shared memory,
 * in a small hash table. A waiter lives on its thread's kernel stack and
 * is marked `woken` when a wake or requeue takes it off the queue; the
 * thread's wait condition is that flag. Pure bookkeeping (no HAL), so the
 * host unit tests drive it directly.
 */
#ifndef LIBOS_FUTEX_H
#define LIBOS_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

struct futex_key {
  const void *space; /* the mm for private futexes, NULL for shared */
  uint64_t addr;     /* user address (private) or physical address */
};

struct futex_waiter {
  struct futex_key key;
  uint32_t bitset;         /* FUTEX_WAIT_BITSET's mask (~0 for WAIT) */
  bool woken;
  bool queued;
  struct futex_waiter *next;
};

#define FUTEX_BITSET_ANY 0xffffffffu

/* Put `w` (key and bitset set by the caller) at the tail of its queue. */
void futex_enqueue(struct futex_waiter *w);

/* Take `w` off its queue if it is still there (timeout, signal). Returns
 * true when it was queued (not woken). */
bool futex_dequeue(struct futex_waiter *w);

/* Wake up to `n` waiters on `key` whose bitset meets `bitset`, oldest
 * first. Returns how many were woken. */
int futex_wake(const struct futex_key *key, int n, uint32_t bitset);

/* Wake up to `nwake` waiters on `from`, then move up to `nmove` of the
 * rest to `to` (kept in order, appended). Returns woken + moved. */
int futex_requeue(const struct futex_key *from, const struct futex_key *to,
                  int nwake, int nmove);

/* Waiters queued on `key` (tests and checks). */
int futex_count(const struct futex_key *key);

struct mm;

/* The key of the futex word at user `uaddr` of `mm` (futex_key.c): a
 * private futex, or any word in private memory, is (mm, uaddr); a shared
 * futex in shared memory is (NULL, physical address) so that processes
 * mapping the same memory meet. Returns 0 or -EFAULT (no memory there). */
int futex_key_user(struct mm *mm, uint64_t uaddr, bool private_,
                   struct futex_key *out);

/* Empty every queue (host tests start over). */
void futex_reset(void);

#endif
