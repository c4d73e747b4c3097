/* The futex operations beyond the plain queue ones (sys_futex.c
 * dispatches; each file holds one family), and what they share. Every
 * call returns what the program sees: a count, 0, or a negative errno. */
#ifndef LINUX_SHIM_FUTEX_OPS_H
#define LINUX_SHIM_FUTEX_OPS_H

#include <stdbool.h>
#include <stdint.h>

struct futex_key;
struct thread;
struct mm;

#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

/* sys_futex.c: the key of the word at `uaddr` (EINVAL unaligned, EFAULT
 * outside user space or, shared, unmapped); two keys, the first's error
 * first; whether the word still holds `val` (0, -EAGAIN, -EFAULT). */
long futex_get_key(uint64_t uaddr, bool priv, struct futex_key *k);
long futex_get_keys(uint64_t uaddr, uint64_t uaddr2, bool priv,
                    struct futex_key *k, struct futex_key *k2);
long futex_check_word(uint64_t uaddr, uint32_t val);

/* futex_wake_op.c: FUTEX_WAKE_OP. */
long futex_wake_op(uint64_t uaddr, bool priv, uint64_t uaddr2, int nr_wake,
                   int nr_wake2, uint32_t encoded_op);

/* futex_pi.c: LOCK_PI/LOCK_PI2 (deadline in hal_clock_ns time or
 * WAIT_FOREVER), TRYLOCK_PI, UNLOCK_PI. */
long futex_lock_pi(uint64_t uaddr, bool priv, uint64_t deadline, bool trylock);
long futex_unlock_pi(uint64_t uaddr, bool priv);

/* futex_requeue_pi.c: WAIT_REQUEUE_PI and CMP_REQUEUE_PI. */
long futex_wait_requeue_pi(uint64_t uaddr, bool priv, uint32_t val,
                           uint64_t deadline, uint64_t uaddr2);
long futex_cmp_requeue_pi(uint64_t uaddr, bool priv, uint64_t uaddr2,
                          int nr_wake, int nr_requeue, uint32_t cmpval);

/* futex_pi.c, for futex_requeue_pi.c: futex_lock_pi_atomic's answer for
 * `tid` taking the PI word at `uaddr` of `mm` (key `k`): 1 taken (with
 * FUTEX_WAITERS too when `set_waiters`), 0 held by *owner (FUTEX_WAITERS
 * now set), or -EFAULT, -EDEADLK, -ESRCH, -EINVAL. */
long futex_pi_try_take(struct mm *mm, uint64_t uaddr, const struct futex_key *k,
                       int tid, bool set_waiters, int *owner);

/* Linux's futex_cleanup for a dying thread (exit, or its old image at
 * execve): the robust list walk, then every PI lock it owns with waiters
 * goes to the oldest waiter. */
void futex_exit_release(struct thread *t, struct mm *mm);

#endif
