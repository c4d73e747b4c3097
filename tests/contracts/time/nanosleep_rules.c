/* time.nanosleep_rules: nanosleep sleeps at least the time asked, rejects
 * a negative or out-of-range timespec with EINVAL; clock_nanosleep with
 * TIMER_ABSTIME sleeps until the deadline (at once for a past one); the
 * thread CPU clock cannot be slept on (EOPNOTSUPP), an unknown clock is
 * EINVAL. */
#include <time.h>

#include "contract.h"

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long raw(long nr, long a, long b, void *c, void *d) {
  return rs(syscall(nr, a, b, c, d));
}

int main(void) {
  struct timespec req = {0, 20 * 1000000};
  long long t0 = now_ns();
  check(syscall(SYS_nanosleep, &req, NULL) == 0, "nanosleep 20ms");
  check(now_ns() - t0 >= 20000000, "elapsed>=20ms");

  struct timespec bad = {0, 1000000000};
  errno = 0;
  check(syscall(SYS_nanosleep, &bad, NULL) == -1 && errno == EINVAL,
        "nsec 1e9 EINVAL");
  struct timespec neg = {-1, 0};
  errno = 0;
  check(syscall(SYS_nanosleep, &neg, NULL) == -1 && errno == EINVAL,
        "negative sec EINVAL");
  errno = 0;
  check(syscall(SYS_nanosleep, (void *)8, NULL) == -1 && errno == EFAULT,
        "bad pointer EFAULT");

  struct timespec dl;
  clock_gettime(CLOCK_MONOTONIC, &dl);
  dl.tv_nsec += 30 * 1000000;
  if (dl.tv_nsec >= 1000000000) {
    dl.tv_sec++;
    dl.tv_nsec -= 1000000000;
  }
  t0 = now_ns();
  check(raw(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL) ==
            0,
        "absolute sleep");
  long long deadline = dl.tv_sec * 1000000000LL + dl.tv_nsec;
  check(now_ns() >= deadline, "woke after the deadline");
  struct timespec past = {0, 1};
  t0 = now_ns();
  check(raw(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL) ==
                0 &&
            now_ns() - t0 < 1000000000LL,
        "past deadline returns at once");
  check(raw(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL) ==
            -EOPNOTSUPP,
        "thread CPU clock EOPNOTSUPP");
  check(raw(SYS_clock_nanosleep, 100, 0, &req, NULL) == -EINVAL,
        "unknown clock EINVAL");
  check(raw(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &req, NULL) == 0,
        "relative REALTIME sleep");

  return finish("nanosleep_rules");
}
