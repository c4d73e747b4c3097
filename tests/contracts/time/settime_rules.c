/* time.settime_rules: clock_settime and settimeofday's answers that
 * never change the clock (the host's clock must not move under a test):
 * only CLOCK_REALTIME can be set (other clocks EINVAL; CPU clocks are left
 * out: their answer changed between Linux versions),
 * a value out of range is EINVAL before any permission check, root may
 * call settimeofday(NULL, NULL), and without CAP_SYS_TIME every set (even
 * of nothing) is EPERM. Root setting a valid time is left out on purpose:
 * on Linux it would step the host's clock. */
#include "contract.h"
#include <sys/time.h>
#include <time.h>

static long cs(int clock, const struct timespec *ts) {
  return rs(syscall(SYS_clock_settime, clock, ts));
}

static long std(const struct timeval *tv) {
  return rs(syscall(SYS_settimeofday, tv, 0));
}

static void run(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  struct timespec bad_ns = {1, 1000000000}, neg = {-1, 0};
  expect("CLOCK_MONOTONIC", cs(CLOCK_MONOTONIC, &now), "EINVAL");
  expect("CLOCK_MONOTONIC NULL", cs(CLOCK_MONOTONIC, 0), "EINVAL");
  expect("CLOCK_BOOTTIME", cs(CLOCK_BOOTTIME, &now), "EINVAL");
  expect("CLOCK_MONOTONIC_RAW", cs(CLOCK_MONOTONIC_RAW, &now), "EINVAL");
  expect("CLOCK_REALTIME_COARSE", cs(CLOCK_REALTIME_COARSE, &now), "EINVAL");
  expect("clock 99", cs(99, &now), "EINVAL");
  expect("CLOCK_REALTIME NULL", cs(CLOCK_REALTIME, 0), "EFAULT");
  expect("CLOCK_REALTIME nsec 1e9", cs(CLOCK_REALTIME, &bad_ns), "EINVAL");
  expect("CLOCK_REALTIME sec -1", cs(CLOCK_REALTIME, &neg), "EINVAL");
  struct timeval bad_us = {1, 2000000}, neg_tv = {-1, 0};
  expect("settimeofday usec 2e6", std(&bad_us), "EINVAL");
  expect("settimeofday sec -1", std(&neg_tv), "EINVAL");
  expect("settimeofday bad pointer", std((struct timeval *)8), "EFAULT");
  expect("settimeofday(NULL, NULL)", std(0), "ok");

  expect("drop to uid 1000", rs(syscall(SYS_setresuid, 1000, 1000, 1000)),
         "ok");
  struct timespec real;
  clock_gettime(CLOCK_REALTIME, &real);
  struct timeval tv = {real.tv_sec, 0};
  expect("CLOCK_REALTIME unprivileged", cs(CLOCK_REALTIME, &real), "EPERM");
  expect("nsec 1e9 unprivileged", cs(CLOCK_REALTIME, &bad_ns), "EINVAL");
  expect("CLOCK_MONOTONIC unprivileged", cs(CLOCK_MONOTONIC, &now), "EINVAL");
  expect("settimeofday unprivileged", std(&tv), "EPERM");
  expect("settimeofday(NULL, NULL) unprivileged", std(0), "EPERM");
  expect("settimeofday usec 2e6 unprivileged", std(&bad_us), "EINVAL");
}

int main(void) {
  run_in_child(run);
  return finish("settime_rules");
}
