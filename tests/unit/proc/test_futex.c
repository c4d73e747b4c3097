/* The futex queues: FIFO wake order, key separation (space and address),
 * bitsets, wake counts, requeue moving in order, dequeue after a wake. */
#include <libos/futex.h>

#include <uapi/errno.h>

#include "check.h"

static struct futex_waiter mk(const void *space, uint64_t addr, uint32_t bits) {
  struct futex_waiter w = {.key = {space, addr}, .bitset = bits};
  return w;
}

static void test_fifo_and_keys(void) {
  futex_reset();
  int mm1, mm2;
  struct futex_waiter a = mk(&mm1, 0x1000, FUTEX_BITSET_ANY);
  struct futex_waiter b = mk(&mm1, 0x1000, FUTEX_BITSET_ANY);
  struct futex_waiter c = mk(&mm2, 0x1000, FUTEX_BITSET_ANY); /* other mm */
  struct futex_waiter d = mk(&mm1, 0x1004, FUTEX_BITSET_ANY); /* other word */
  futex_enqueue(&a);
  futex_enqueue(&c);
  futex_enqueue(&b);
  futex_enqueue(&d);
  struct futex_key k = {&mm1, 0x1000};
  CHECK(futex_count(&k) == 2);
  CHECK(futex_wake(&k, 1, FUTEX_BITSET_ANY) == 1);
  CHECK(a.woken && !b.woken && !c.woken && !d.woken); /* oldest first */
  CHECK(futex_wake(&k, 5, FUTEX_BITSET_ANY) == 1);
  CHECK(b.woken && !c.woken && !d.woken);
  CHECK(futex_wake(&k, 5, FUTEX_BITSET_ANY) == 0);
  CHECK(!futex_dequeue(&a)); /* woken: no longer queued */
  CHECK(futex_dequeue(&c) && !c.woken);
  CHECK(futex_dequeue(&d));
  struct futex_key kc = {&mm2, 0x1000};
  CHECK(futex_count(&kc) == 0);
}

static void test_bitset(void) {
  futex_reset();
  struct futex_waiter a = mk(0, 0x2000, 0x1);
  struct futex_waiter b = mk(0, 0x2000, 0x2);
  struct futex_waiter c = mk(0, 0x2000, 0x3);
  futex_enqueue(&a);
  futex_enqueue(&b);
  futex_enqueue(&c);
  struct futex_key k = {0, 0x2000};
  CHECK(futex_wake(&k, 10, 0x2) == 2);
  CHECK(!a.woken && b.woken && c.woken);
  CHECK(futex_wake(&k, 10, 0x4) == 0);
  CHECK(futex_wake(&k, 10, FUTEX_BITSET_ANY) == 1 && a.woken);
}

static void test_requeue(void) {
  futex_reset();
  int mm;
  struct futex_waiter w[5];
  for (int i = 0; i < 5; i++) {
    w[i] = mk(&mm, 0x3000, FUTEX_BITSET_ANY);
    futex_enqueue(&w[i]);
  }
  struct futex_waiter other = mk(&mm, 0x4000, FUTEX_BITSET_ANY);
  futex_enqueue(&other); /* already waiting on the target */
  struct futex_key from = {&mm, 0x3000}, to = {&mm, 0x4000};
  /* Wake one, move two: w0 woken, w1 and w2 moved behind `other`. */
  CHECK(futex_requeue(&from, &to, 1, 2) == 3);
  CHECK(w[0].woken && !w[1].woken && !w[2].woken);
  CHECK(futex_count(&from) == 2 && futex_count(&to) == 3);
  CHECK(futex_wake(&to, 1, FUTEX_BITSET_ANY) == 1 && other.woken);
  CHECK(futex_wake(&to, 1, FUTEX_BITSET_ANY) == 1 && w[1].woken);
  CHECK(!w[2].woken && w[2].key.addr == 0x4000);
  CHECK(futex_dequeue(&w[2]));
  CHECK(futex_wake(&from, 10, FUTEX_BITSET_ANY) == 2);
  CHECK(w[3].woken && w[4].woken);
}

/* Many keys spread over the buckets: each wake only sees its own. */
static void test_many(void) {
  futex_reset();
  static struct futex_waiter w[1000];
  int mm;
  for (int i = 0; i < 1000; i++) {
    w[i] = mk(&mm, 0x10000 + (uint64_t)(i % 100) * 4, FUTEX_BITSET_ANY);
    futex_enqueue(&w[i]);
  }
  for (int k = 0; k < 100; k++) {
    struct futex_key key = {&mm, 0x10000 + (uint64_t)k * 4};
    CHECK(futex_count(&key) == 10);
    CHECK(futex_wake(&key, 100, FUTEX_BITSET_ANY) == 10);
  }
  for (int i = 0; i < 1000; i++)
    CHECK(w[i].woken && !w[i].queued);
}

/* Linux's wake counts: 0 (or less) still wakes one. */
static void test_wake_zero(void) {
  futex_reset();
  struct futex_waiter a = mk(0, 0x5000, FUTEX_BITSET_ANY);
  struct futex_waiter b = mk(0, 0x5000, FUTEX_BITSET_ANY);
  futex_enqueue(&a);
  futex_enqueue(&b);
  struct futex_key k = {0, 0x5000};
  CHECK(futex_wake(&k, 0, FUTEX_BITSET_ANY) == 1 && a.woken && !b.woken);
  CHECK(futex_wake(&k, -1, FUTEX_BITSET_ANY) == 1 && b.woken);
  CHECK(futex_wake(&k, 0, FUTEX_BITSET_ANY) == 0);
}

/* PI waiters: plain wakes and requeues refuse them; the owner's record
 * moves with a handover; an owner's waiters are found oldest first. */
static void test_pi(void) {
  futex_reset();
  int mm;
  struct futex_waiter p1 = mk(&mm, 0x6000, FUTEX_BITSET_ANY);
  struct futex_waiter p2 = mk(&mm, 0x6000, FUTEX_BITSET_ANY);
  struct futex_waiter q = mk(&mm, 0x6004, FUTEX_BITSET_ANY);
  p1.kind = p2.kind = q.kind = FUTEX_PI;
  p1.tid = 11, p2.tid = 12, q.tid = 13;
  p1.pi_owner = p2.pi_owner = 7;
  q.pi_owner = 8;
  futex_enqueue(&p1);
  futex_enqueue(&q);
  futex_enqueue(&p2);
  struct futex_key k = {&mm, 0x6000}, k2 = {&mm, 0x6008};
  CHECK(futex_wake(&k, 1, FUTEX_BITSET_ANY) == -EINVAL && !p1.woken);
  CHECK(futex_requeue(&k, &k2, 0, 1) == -EINVAL && futex_count(&k) == 2);
  CHECK(futex_top(&k) == &p1);
  CHECK(futex_pi_owned_by(7) == &p1 && futex_pi_owned_by(8) == &q);
  CHECK(futex_pi_owned_by(9) == 0);
  futex_wake_waiter(&p1);
  futex_pi_set_owner(&k, p1.tid);
  CHECK(p1.woken && !p1.queued && p2.pi_owner == 11 && q.pi_owner == 8);
  CHECK(futex_pi_owned_by(7) == 0 && futex_pi_owned_by(11) == &p2);
  /* A requeue-PI waiter becomes a PI waiter on its lock word. */
  struct futex_waiter r = mk(&mm, 0x7000, FUTEX_BITSET_ANY);
  r.kind = FUTEX_RQ_PI;
  futex_enqueue(&r);
  struct futex_key kr = {&mm, 0x7000};
  CHECK(futex_wake(&kr, 1, FUTEX_BITSET_ANY) == -EINVAL);
  futex_move(&r, &k, FUTEX_PI);
  CHECK(futex_count(&kr) == 0 && futex_count(&k) == 2 && r.kind == FUTEX_PI);
  CHECK(futex_top(&k) == &p2);
}

int main(void) {
  test_fifo_and_keys();
  test_wake_zero();
  test_pi();
  test_bitset();
  test_requeue();
  test_many();
  return check_done("futex");
}
