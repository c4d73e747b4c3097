/* Requeue-PI (kernel/futex/requeue.c): a condition variable's waiters
 * sleep on a plain word with FUTEX_WAIT_REQUEUE_PI, naming the PI lock
 * they want next; FUTEX_CMP_REQUEUE_PI takes the lock for the oldest
 * one when it is free (that one wakes owning it) and moves the rest, as
 * FUTEX_PI waiters, onto the lock word, so an unlock hands it on. */
#include <libos/futex.h>
#include <libos/proc.h>
#include <libos/wait.h>
#include <linux_shim/futex_ops.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

static bool same_key(const struct futex_key *a, const struct futex_key *b) {
  return a->space == b->space && a->addr == b->addr;
}

long futex_wait_requeue_pi(uint64_t uaddr, bool priv, uint32_t val,
                           uint64_t deadline, uint64_t uaddr2) {
  struct thread *me = current();
  if (uaddr == uaddr2)
    return -EINVAL;
  struct futex_waiter w = {.bitset = FUTEX_BITSET_ANY,
                           .kind = FUTEX_RQ_PI,
                           .tid = me->tid,
                           .mm = me->proc->mm,
                           .uaddr = uaddr2};
  /* The lock's key first, then the wait's value check, as Linux. */
  long err = futex_get_keys(uaddr2, uaddr, priv, &w.key2, &w.key);
  if (!err)
    err = futex_check_word(uaddr, val);
  if (err)
    return err;
  if (same_key(&w.key, &w.key2))
    return -EINVAL; /* two mappings of one shared word */
  futex_enqueue(&w);
  enum wait_result res = wait_event(futex_woken, &w, deadline);
  bool moved = w.kind == FUTEX_PI;
  if (!futex_dequeue(&w) && w.woken)
    return 0; /* woken owning the lock */
  if (res == WAIT_TIMEOUT)
    return -ETIMEDOUT;
  /* Once moved, a restart would find the first word changed: Linux
   * answers EAGAIN at once. */
  return moved ? -EAGAIN : -ERESTARTNOINTR;
}

long futex_cmp_requeue_pi(uint64_t uaddr, bool priv, uint64_t uaddr2,
                          int nr_wake, int nr_requeue, uint32_t cmpval) {
  if (nr_wake < 0 || nr_requeue < 0 || uaddr == uaddr2 || nr_wake != 1)
    return -EINVAL;
  struct futex_key k1, k2;
  long err = futex_get_keys(uaddr, uaddr2, priv, &k1, &k2);
  if (!err && same_key(&k1, &k2))
    err = -EINVAL;
  if (!err)
    err = futex_check_word(uaddr, cmpval);
  if (err)
    return err;
  struct futex_waiter *top = futex_top(&k1);
  if (!top)
    return 0;
  if (top->kind != FUTEX_RQ_PI || !same_key(&top->key2, &k2))
    return -EINVAL;
  int owner = 0, count = 0;
  long r = futex_pi_try_take(current_proc()->mm, uaddr2, &k2, top->tid,
                             nr_requeue != 0, &owner);
  if (r < 0)
    return r;
  if (r == 1) {
    futex_wake_waiter(top);
    owner = top->tid;
    count = 1;
  }
  /* nr_requeue more, and the top one as well when it must wait. */
  struct futex_waiter *w;
  while (count - nr_wake < nr_requeue && (w = futex_top(&k1))) {
    if (w->kind != FUTEX_RQ_PI || !same_key(&w->key2, &k2))
      return -EINVAL;
    w->pi_owner = owner;
    futex_move(w, &k2, FUTEX_PI);
    count++;
  }
  return count;
}
