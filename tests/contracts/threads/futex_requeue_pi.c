/* threads.futex_requeue_pi: FUTEX_WAIT_REQUEUE_PI (EINVAL for one word
 * as both, EAGAIN when the value differs, ETIMEDOUT at its absolute
 * deadline) and FUTEX_CMP_REQUEUE_PI (EINVAL unless nr_wake is 1, for
 * one word as both, a negative count, plain waiters; EAGAIN when the
 * value differs; 0 with no waiters). A free lock is taken for the oldest
 * waiter, which wakes owning it; the rest, or all when the lock is held,
 * move onto the lock word and get it in turn from UNLOCK_PI. FUTEX_WAKE
 * on a word with requeue-PI waiters is EINVAL. */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "contract.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define PRIV 128
#define WAITERS 0x80000000u
#define TID_MASK 0x3fffffffu

static uint32_t cond, lock_word;

static long wait_rq(uint32_t *c, uint32_t val, const struct timespec *t,
                    uint32_t *l) {
  return rs(syscall(SYS_futex, c, FUTEX_WAIT_REQUEUE_PI | PRIV, val, t, l, 0));
}

static long cmp_rq(uint32_t *c, int nwake, long nmove, uint32_t *l,
                   uint32_t cmp) {
  return rs(syscall(SYS_futex, c, FUTEX_CMP_REQUEUE_PI | PRIV, nwake,
                    (void *)nmove, l, cmp));
}

static long pi(uint32_t *l, int op) {
  return rs(syscall(SYS_futex, l, op | PRIV, 0, 0, 0, 0));
}

struct waiter {
  volatile long tid;
  int statfd;
  long result;
  int owned; /* the lock word held its TID on return */
  long unlocked;
};

static void *waiter_thread(void *arg) {
  struct waiter *w = arg;
  w->statfd = thread_stat_fd();
  w->tid = syscall(SYS_gettid);
  w->result = wait_rq(&cond, 0, 0, &lock_word);
  w->owned = (lock_word & TID_MASK) == (uint32_t)w->tid;
  w->unlocked = w->result == 0 ? pi(&lock_word, FUTEX_UNLOCK_PI) : 1;
  return 0;
}

static void start(pthread_t *t, struct waiter *w) {
  *w = (struct waiter){0};
  pthread_create(t, 0, waiter_thread, w);
  while (!w->tid)
    sched_yield();
  if (!wait_asleep(w->statfd))
    printf("waiter never slept\n");
}

static void report(const char *what, pthread_t t, struct waiter *w) {
  pthread_join(t, 0);
  printf("%s: %s, %s, unlock %s\n", what, ename(w->result),
         w->owned ? "owning the lock" : "not owning it", ename(w->unlocked));
}

static void *plain_wait(void *arg) {
  struct waiter *w = arg;
  w->statfd = thread_stat_fd();
  w->tid = syscall(SYS_gettid);
  syscall(SYS_futex, &cond, FUTEX_WAIT | PRIV, 0, 0, 0, 0);
  return 0;
}

int main(void) {
  expect("wait, one word as both", wait_rq(&cond, 0, 0, &cond), "EINVAL");
  expect("wait, value differs", wait_rq(&cond, 1, 0, &lock_word), "EAGAIN");
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  t.tv_nsec += 30 * 1000000;
  t.tv_sec += t.tv_nsec / 1000000000;
  t.tv_nsec %= 1000000000;
  expect("wait, absolute deadline", wait_rq(&cond, 0, &t, &lock_word),
         "ETIMEDOUT");
  expect("requeue nr_wake 0", cmp_rq(&cond, 0, 1, &lock_word, 0), "EINVAL");
  expect("requeue nr_wake 2", cmp_rq(&cond, 2, 1, &lock_word, 0), "EINVAL");
  expect("requeue nr_requeue -1", cmp_rq(&cond, 1, -1, &lock_word, 0),
         "EINVAL");
  expect("requeue one word as both", cmp_rq(&cond, 1, 1, &cond, 0), "EINVAL");
  expect("requeue value differs", cmp_rq(&cond, 1, 1, &lock_word, 7), "EAGAIN");
  long r = cmp_rq(&cond, 1, 1, &lock_word, 0);
  printf("requeue with no waiters: %ld\n", r);
  check(r == 0, "counts 0");

  pthread_t t1, t2;
  struct waiter a, b;
  start(&t1, &a);
  expect("FUTEX_WAKE on a requeue-PI waiter",
         rs(syscall(SYS_futex, &cond, FUTEX_WAKE | PRIV, 1, 0, 0, 0)),
         "EINVAL");
  r = cmp_rq(&cond, 1, 0, &lock_word, 0);
  printf("free lock, nr_requeue 0: %ld\n", r);
  report("  waiter", t1, &a);
  check(lock_word == 0, "lock free again");

  /* The lock held: both move to it; unlocks hand it on in order. */
  expect("main locks", pi(&lock_word, FUTEX_LOCK_PI), "ok");
  start(&t1, &a);
  start(&t2, &b);
  r = cmp_rq(&cond, 1, 1, &lock_word, 0);
  printf("held lock, nr_requeue 1: %ld, lock word %s\n", r,
         lock_word & WAITERS ? "has WAITERS" : "has no WAITERS");
  expect("main unlocks", pi(&lock_word, FUTEX_UNLOCK_PI), "ok");
  report("  first waiter", t1, &a);
  report("  second waiter", t2, &b);
  check(lock_word == 0, "lock free again");

  /* The lock free with two waiters: the first takes it, one moves. */
  start(&t1, &a);
  start(&t2, &b);
  r = cmp_rq(&cond, 1, 1, &lock_word, 0);
  printf("free lock, two waiters, nr_requeue 1: %ld\n", r);
  report("  first waiter", t1, &a);
  report("  second waiter", t2, &b);
  check(lock_word == 0, "lock free again");

  /* A plain waiter on the first word. */
  struct waiter p = {0};
  pthread_create(&t1, 0, plain_wait, &p);
  while (!p.tid)
    sched_yield();
  if (!wait_asleep(p.statfd))
    printf("plain waiter never slept\n");
  expect("requeue-PI of a plain waiter", cmp_rq(&cond, 1, 1, &lock_word, 0),
         "EINVAL");
  syscall(SYS_futex, &cond, FUTEX_WAKE | PRIV, 1, 0, 0, 0);
  pthread_join(t1, 0);
  return finish("futex_requeue_pi");
}
