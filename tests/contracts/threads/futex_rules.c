/* threads.futex_rules: raw futex calls: EAGAIN when the word differs,
 * ETIMEDOUT after a relative (WAIT) or absolute (WAIT_BITSET) timeout,
 * EINVAL for an unaligned word or a zero bitset, ENOSYS for an unknown
 * op, WAKE counts, WAKE_BITSET selecting by bits, REQUEUE and
 * CMP_REQUEUE moving waiters (EAGAIN when the value differs). */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "contract.h"

/* linux/futex.h's values (musl ships no kernel headers). */
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129
#define FUTEX_CMP_REQUEUE_PRIVATE (4 | 128)
#define FUTEX_WAIT_BITSET_PRIVATE (9 | 128)
#define FUTEX_WAKE_BITSET_PRIVATE (10 | 128)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

static long fx(void *u, int op, uint32_t val, const void *t, void *u2,
               uint32_t v3) {
  return syscall(SYS_futex, u, op, val, t, u2, v3);
}

static const char *en(long r) {
  return r >= 0 ? "ok" : errno_name(errno);
}

static uint32_t word, word2, bits_word;
static volatile int woke[4];

struct waiter {
  uint32_t *addr;
  uint32_t bitset;
  int slot;
};

static void *wait_thread(void *arg) {
  struct waiter *w = arg;
  long r = w->bitset
               ? fx(w->addr, FUTEX_WAIT_BITSET_PRIVATE, 0, 0, 0, w->bitset)
               : fx(w->addr, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
  woke[w->slot] = r == 0 ? 1 : -1;
  return 0;
}

/* Wake until `n` waiters were woken on `addr` (they may not be queued
 * yet when we start). */
static int wake_all(uint32_t *addr, int n, int op, uint32_t bits) {
  int done = 0;
  for (int tries = 0; done < n && tries < 100000; tries++) {
    done += (int)fx(addr, op, 1, 0, 0, bits);
    if (done < n)
      sched_yield();
  }
  return done;
}

static void spin_until_queued(uint32_t *addr, int n) {
  /* REQUEUE of 0 waiters moves nothing and reports how many it saw on a
   * CMP mismatch-free call: use WAKE with 0 instead, which counts none, so
   * just give the waiters time to block. */
  (void)addr, (void)n;
  for (int i = 0; i < 200; i++)
    sched_yield();
  struct timespec ts = {0, 20 * 1000 * 1000};
  nanosleep(&ts, 0);
}

int main(void) {
  word = 1;
  long r = fx(&word, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
  printf("wait on a different value: %s\n", en(r));
  check(r == -1 && errno == EAGAIN, "EAGAIN");
  struct timespec rel = {0, 30 * 1000 * 1000};
  r = fx(&word, FUTEX_WAIT_PRIVATE, 1, &rel, 0, 0);
  printf("relative timeout: %s\n", en(r));
  check(r == -1 && errno == ETIMEDOUT, "WAIT times out");
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  now.tv_nsec += 20 * 1000 * 1000;
  if (now.tv_nsec >= 1000000000) {
    now.tv_sec++;
    now.tv_nsec -= 1000000000;
  }
  r = fx(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, &now, 0, FUTEX_BITSET_MATCH_ANY);
  printf("absolute timeout: %s\n", en(r));
  check(r == -1 && errno == ETIMEDOUT, "WAIT_BITSET times out");
  struct timespec bad = {0, 1000000000};
  r = fx(&word, FUTEX_WAIT_PRIVATE, 1, &bad, 0, 0);
  printf("bad timespec: %s\n", en(r));
  check(r == -1 && errno == EINVAL, "EINVAL timespec");
  r = fx((char *)&word + 1, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
  printf("unaligned: %s\n", en(r));
  check(r == -1 && errno == EINVAL, "EINVAL unaligned");
  r = fx(&word, FUTEX_WAIT_BITSET_PRIVATE, 1, 0, 0, 0);
  printf("zero bitset wait: %s\n", en(r));
  check(r == -1 && errno == EINVAL, "EINVAL bitset 0");
  r = fx(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, 0, 0);
  printf("zero bitset wake: %s\n", en(r));
  check(r == -1 && errno == EINVAL, "EINVAL wake bitset 0");
  r = fx(&word, 99, 0, 0, 0, 0);
  printf("unknown op: %s\n", en(r));
  check(r == -1 && errno == ENOSYS, "ENOSYS");
  r = fx(&word, FUTEX_WAKE_PRIVATE, 5, 0, 0, 0);
  printf("wake with no waiters: %ld\n", r);
  check(r == 0, "wake counts 0");

  /* Two waiters with different bits: WAKE_BITSET picks one. */
  word = 0;
  pthread_t t[4];
  struct waiter w[4] = {
      {&bits_word, 1, 0}, {&bits_word, 2, 1}, {&word, 0, 2}, {&word, 0, 3}};
  pthread_create(&t[0], 0, wait_thread, &w[0]);
  pthread_create(&t[1], 0, wait_thread, &w[1]);
  spin_until_queued(&bits_word, 2);
  r = fx(&bits_word, FUTEX_WAKE_BITSET_PRIVATE, 2, 0, 0, 2);
  pthread_join(t[1], 0);
  printf("WAKE_BITSET bit 2 woke %ld, waiter 2 %s, waiter 1 %s\n", r,
         woke[1] == 1 ? "woken" : "not", woke[0] ? "woken" : "asleep");
  check(r == 1 && woke[1] == 1 && woke[0] == 0, "bitset selects");
  check(wake_all(&bits_word, 1, FUTEX_WAKE_PRIVATE, 0) == 1, "wake the rest");
  pthread_join(t[0], 0);

  /* REQUEUE: two waiters on word, wake none, move both to word2. */
  pthread_create(&t[2], 0, wait_thread, &w[2]);
  pthread_create(&t[3], 0, wait_thread, &w[3]);
  spin_until_queued(&word, 2);
  r = fx(&word, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2, &word2, 1);
  printf("CMP_REQUEUE with a stale value: %s\n", en(r));
  check(r == -1 && errno == EAGAIN, "CMP_REQUEUE EAGAIN");
  r = fx(&word, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2, &word2, 0);
  printf("CMP_REQUEUE moved %ld\n", r);
  check(r == 2, "both moved");
  r = fx(&word, FUTEX_WAKE_PRIVATE, 2, 0, 0, 0);
  printf("wake on the old word: %ld\n", r);
  check(r == 0, "old word empty");
  r = fx(&word2, FUTEX_WAKE_PRIVATE, 2, 0, 0, 0);
  printf("wake on the new word: %ld\n", r);
  check(r == 2, "woken on the new word");
  pthread_join(t[2], 0);
  pthread_join(t[3], 0);
  check(woke[2] == 1 && woke[3] == 1, "waiters returned 0");
  return finish("futex_rules");
}
