/* Kernel timers (libos/ktimer.c): hrtimer_forward's arithmetic against a
 * step-by-step model, and the armed list over random arms, cancels and
 * clock moves: a timer fires exactly when its clock has reached its
 * expiry, once per run, and one armed from its own fire function waits
 * for the next run. */
#include <libos/ktimer.h>

#include <stdlib.h>

#include "check.h"

/* The model: add intervals one at a time until past now. */
static uint64_t model_forward(uint64_t *expire, uint64_t interval,
                              uint64_t now) {
  uint64_t n = 0;
  if (!interval)
    return 0;
  while (*expire <= now) {
    *expire += interval;
    n++;
  }
  return n;
}

static void test_forward(void) {
  uint64_t e = 100;
  CHECK(ktimer_forward(&e, 10, 99) == 0 && e == 100);  /* not reached yet */
  CHECK(ktimer_forward(&e, 10, 100) == 1 && e == 110); /* exactly reached */
  e = 100;
  CHECK(ktimer_forward(&e, 10, 135) == 4 && e == 140); /* missed 110..130 */
  e = 100;
  CHECK(ktimer_forward(&e, 0, 1000) == 0 && e == 100); /* one shot */
  e = UINT64_MAX - 5;
  CHECK(ktimer_forward(&e, 10, UINT64_MAX - 1) == 1 && e == UINT64_MAX);
  for (int i = 0; i < 20000; i++) {
    uint64_t start = (uint64_t)rand() % 10000, iv = 1 + (uint64_t)rand() % 50;
    uint64_t now = (uint64_t)rand() % 12000;
    uint64_t a = start, b = start;
    uint64_t na = ktimer_forward(&a, iv, now), nb = model_forward(&b, iv, now);
    CHECK_MSG(na == nb && a == b, "start %llu iv %llu now %llu",
              (unsigned long long)start, (unsigned long long)iv,
              (unsigned long long)now);
    CHECK(na == 0 || a > now);
  }
  CHECK(ktimer_remaining(50, 20) == 30 && ktimer_remaining(50, 50) == 0 &&
        ktimer_remaining(50, 70) == 0);
  CHECK(ktimer_after(10, 5) == 15 &&
        ktimer_after(UINT64_MAX - 1, 5) == UINT64_MAX);
}

#define N 16
static uint64_t clocks[2]; /* two clocks: timers on either */
static struct ktimer ts[N];
static int fired[N];
static bool rearm_self[N];

static uint64_t clock_of(struct ktimer *k) {
  return clocks[(int)(k - ts) % 2];
}

static void fire(struct ktimer *k, uint64_t now) {
  int i = (int)(k - ts);
  CHECK(!k->armed && now >= k->expire);
  fired[i]++;
  if (rearm_self[i])
    ktimer_arm(k, now); /* due at once: must wait for the next run */
}

static void test_list(void) {
  for (int i = 0; i < N; i++)
    ts[i] = (struct ktimer){.clock = clock_of, .fire = fire};
  bool armed[N] = {0};
  uint64_t expire[N] = {0};
  for (int step = 0; step < 50000; step++) {
    int i = rand() % N;
    switch (rand() % 4) {
    case 0:
      expire[i] = clocks[i % 2] + (uint64_t)(rand() % 20);
      ktimer_arm(&ts[i], expire[i]);
      armed[i] = true;
      rearm_self[i] = rand() % 4 == 0;
      break;
    case 1:
      ktimer_cancel(&ts[i]);
      armed[i] = false;
      break;
    case 2:
      clocks[rand() % 2] += (uint64_t)(rand() % 8);
      break;
    default: {
      int before[N];
      for (int j = 0; j < N; j++)
        before[j] = fired[j];
      ktimer_run();
      for (int j = 0; j < N; j++) {
        bool due = armed[j] && clocks[j % 2] >= expire[j];
        CHECK_MSG(fired[j] - before[j] == (due ? 1 : 0), "timer %d", j);
        if (due) {
          armed[j] = rearm_self[j];
          expire[j] = clocks[j % 2];
        }
        CHECK(ts[j].armed == armed[j]);
      }
    }
    }
  }
}

int main(void) {
  srand(13);
  test_forward();
  test_list();
  return check_done("unit.proc.ktimer");
}
