/* Priority-inheritance futexes (kernel/futex/pi.c): the word holds the
 * owner's TID, FUTEX_WAITERS while the kernel queues waiters, and
 * FUTEX_OWNER_DIED once a robust owner died. The kernel's view of the
 * owner (Linux's pi_state) is each waiter's pi_owner; it is checked
 * against the word, as Linux does, so a word user space scribbled on is
 * EINVAL rather than a wrong handover. An unlock with waiters hands the
 * lock straight to the oldest (the word gets its TID and FUTEX_WAITERS).
 * Priority boosting itself is a no-op: the scheduler is round robin and
 * priorities do not order it, so there is nothing to lend. */
#include <libos/futex.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/wait.h>
#include <linux_shim/futex_ops.h>
#include <linux_shim/robust_list.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

static bool put_word(struct mm *mm, uint64_t uaddr, uint32_t v) {
  return copy_to_user(mm, uaddr, &v, sizeof v) == 0;
}

/* attach_to_pi_state: waiters exist, so the word must agree with the
 * owner they wait on. */
static long attach_state(uint32_t v, const struct futex_waiter *top,
                         int *owner) {
  if (top->kind != FUTEX_PI)
    return -EINVAL; /* plain waiters on a PI word: user space mixed them */
  uint32_t pid = v & FUTEX_TID_MASK;
  if (!(v & FUTEX_OWNER_DIED) || pid)
    if (pid != (uint32_t)top->pi_owner)
      return -EINVAL;
  *owner = top->pi_owner;
  return 0;
}

/* attach_to_pi_owner's test: the TID names a live thread. */
static bool tid_alive(uint32_t pid) {
  struct thread *o = thread_find((int)pid);
  return o && o->state != THREAD_DEAD;
}

long futex_pi_try_take(struct mm *mm, uint64_t uaddr, const struct futex_key *k,
                       int tid, bool set_waiters, int *owner) {
  uint32_t v;
  if (copy_from_user(mm, &v, uaddr, sizeof v))
    return -EFAULT;
  if ((v & FUTEX_TID_MASK) == (uint32_t)tid)
    return -EDEADLK;
  struct futex_waiter *top = futex_top(k);
  if (top)
    return attach_state(v, top, owner);
  if (!(v & FUTEX_TID_MASK)) {
    /* Free (maybe with a stale WAITERS bit): take it, keeping the news
     * that the last owner died. */
    uint32_t nv = (v & FUTEX_OWNER_DIED) | (uint32_t)tid;
    if (set_waiters)
      nv |= FUTEX_WAITERS;
    return put_word(mm, uaddr, nv) ? 1 : -EFAULT;
  }
  /* The first waiter: the owner must come into the kernel to unlock.
   * The bit stays even when the owner turns out not to exist. */
  if (!put_word(mm, uaddr, v | FUTEX_WAITERS))
    return -EFAULT;
  if (!tid_alive(v & FUTEX_TID_MASK))
    return -ESRCH;
  *owner = (int)(v & FUTEX_TID_MASK);
  return 0;
}

long futex_lock_pi(uint64_t uaddr, bool priv, uint64_t deadline, bool trylock) {
  struct thread *me = current();
  struct futex_waiter w = {.bitset = FUTEX_BITSET_ANY,
                           .kind = FUTEX_PI,
                           .tid = me->tid,
                           .mm = me->proc->mm,
                           .uaddr = uaddr};
  long err = futex_get_key(uaddr, priv, &w.key);
  if (err)
    return err;
  long r = futex_pi_try_take(w.mm, uaddr, &w.key, me->tid, false, &w.pi_owner);
  if (r != 0)
    return r == 1 ? 0 : r;
  if (trylock)
    return -EAGAIN; /* the owner holds it (FUTEX_WAITERS stays set) */
  futex_enqueue(&w);
  enum wait_result res = wait_event(futex_woken, &w, deadline);
  if (!futex_dequeue(&w) && w.woken)
    return 0; /* handed over: the word holds our TID */
  if (res == WAIT_TIMEOUT)
    return -ETIMEDOUT;
  /* Linux restarts the lock after any handler (its deadline is
   * absolute). */
  return -ERESTARTNOINTR;
}

/* wake_futex_pi: the oldest waiter owns the lock from now on. */
static long hand_over(struct futex_waiter *top, uint32_t keep) {
  if (!put_word(top->mm, top->uaddr, keep | FUTEX_WAITERS | (uint32_t)top->tid))
    return -EFAULT;
  futex_wake_waiter(top);
  futex_pi_set_owner(&top->key, top->tid);
  return 0;
}

long futex_unlock_pi(uint64_t uaddr, bool priv) {
  struct thread *me = current();
  struct mm *mm = me->proc->mm;
  uint32_t v;
  if (copy_from_user(mm, &v, uaddr, sizeof v))
    return -EFAULT;
  if ((v & FUTEX_TID_MASK) != (uint32_t)me->tid)
    return -EPERM;
  struct futex_key k;
  long err = futex_get_key(uaddr, priv, &k);
  if (err)
    return err;
  struct futex_waiter *top = futex_top(&k);
  if (top) {
    if (top->kind != FUTEX_PI || top->pi_owner != me->tid)
      return -EINVAL;
    return hand_over(top, 0);
  }
  /* No waiters: free, dropping FUTEX_WAITERS and FUTEX_OWNER_DIED. */
  return put_word(mm, uaddr, 0) ? 0 : -EFAULT;
}

/* exit_pi_state_list: each PI lock the thread owned with waiters queued
 * goes to the oldest waiter, and the word says FUTEX_OWNER_DIED whether
 * or not a robust list named it (Linux's fixup of an owner-less
 * pi_state). */
static void pi_exit(struct thread *t) {
  struct futex_waiter *w;
  while ((w = futex_pi_owned_by(t->tid))) {
    if (hand_over(w, FUTEX_OWNER_DIED)) {
      /* The word is gone: the waiter gets the lock all the same. */
      futex_wake_waiter(w);
      futex_pi_set_owner(&w->key, w->tid);
    }
  }
}

void futex_exit_release(struct thread *t, struct mm *mm) {
  robust_list_release(t, mm);
  pi_exit(t);
}
