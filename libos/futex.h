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

struct mm;

struct futex_key {
  const void *space; /* the mm for private futexes, NULL for shared */
  uint64_t addr;     /* user address (private) or physical address */
};

/* What a waiter waits for. Linux never lets the plain calls (WAKE,
 * REQUEUE) touch the other two kinds: they answer EINVAL. */
enum futex_kind {
  FUTEX_PLAIN, /* WAIT, WAIT_BITSET */
  FUTEX_PI,    /* LOCK_PI, LOCK_PI2: to own a PI lock word */
  FUTEX_RQ_PI, /* WAIT_REQUEUE_PI, still on its first word */
};

struct futex_waiter {
  struct futex_key key;
  uint32_t bitset; /* FUTEX_WAIT_BITSET's mask (~0 for WAIT) */
  bool woken;
  bool queued;
  struct futex_waiter *next;
  enum futex_kind kind;
  int tid;      /* the waiting thread (a PI handover writes it) */
  int pi_owner; /* FUTEX_PI: the TID the kernel holds as the lock's owner */
  struct futex_key key2; /* FUTEX_RQ_PI: the PI word it may move to */
  /* FUTEX_PI: the waiter's word as its process sees it (a handover by an
   * owner dying in another process writes it there). */
  struct mm *mm;
  uint64_t uaddr;
};

#define FUTEX_BITSET_ANY 0xffffffffu

/* Put `w` (key and bitset set by the caller) at the tail of its queue. */
void futex_enqueue(struct futex_waiter *w);

/* Take `w` off its queue if it is still there (timeout, signal). Returns
 * true when it was queued (not woken). */
bool futex_dequeue(struct futex_waiter *w);

/* Wake up to `n` waiters on `key` whose bitset meets `bitset`, oldest
 * first; at least one when n <= 0 (Linux's count test follows the wake).
 * Returns how many were woken, or -EINVAL on meeting a waiter that is not
 * FUTEX_PLAIN (those before it stay woken). */
int futex_wake(const struct futex_key *key, int n, uint32_t bitset);

/* Wake up to `nwake` waiters on `from`, then move up to `nmove` of the
 * rest to `to` (kept in order, appended). Returns woken + moved, or
 * -EINVAL on meeting a waiter that is not FUTEX_PLAIN. */
int futex_requeue(const struct futex_key *from, const struct futex_key *to,
                  int nwake, int nmove);

/* wait_event()'s condition for a waiter: has a wake taken it? */
bool futex_woken(void *waiter);

/* The oldest waiter on `key`, or NULL. */
struct futex_waiter *futex_top(const struct futex_key *key);

/* Take `w` (queued) off its queue and mark it woken. */
void futex_wake_waiter(struct futex_waiter *w);

/* Move `w` (queued) to the tail of `to`'s queue as a `kind` waiter. */
void futex_move(struct futex_waiter *w, const struct futex_key *to,
                enum futex_kind kind);

/* Record `tid` as the owner in every FUTEX_PI waiter on `key`. */
void futex_pi_set_owner(const struct futex_key *key, int tid);

/* The oldest FUTEX_PI waiter on a lock that `tid` owns, or NULL. */
struct futex_waiter *futex_pi_owned_by(int tid);

/* Waiters queued on `key` (tests and checks). */
int futex_count(const struct futex_key *key);

/* The key of the futex word at user `uaddr` of `mm` (futex_key.c): a
 * private futex, or any word in private memory, is (mm, uaddr); a shared
 * futex in shared memory is (NULL, physical address) so that processes
 * mapping the same memory meet. Returns 0 or -EFAULT (no memory there). */
int futex_key_user(struct mm *mm, uint64_t uaddr, bool private_,
                   struct futex_key *out);

/* Empty every queue (host tests start over). */
void futex_reset(void);

#endif
