/* time.clock_ids: clock_gettime works for REALTIME, MONOTONIC, BOOTTIME,
 * PROCESS_CPUTIME_ID and THREAD_CPUTIME_ID and is EINVAL for unknown ids;
 * MONOTONIC never goes back; REALTIME agrees with gettimeofday and time();
 * clock_getres gives 1 ns for the high-resolution clocks. */
#include <sys/time.h>
#include <time.h>

#include "contract.h"

static long raw(long nr, long a, void *b) {
  return rs(syscall(nr, a, b));
}

int main(void) {
  struct {
    int id;
    const char *name;
  } ids[] = {{CLOCK_REALTIME, "REALTIME"},
             {CLOCK_MONOTONIC, "MONOTONIC"},
             {CLOCK_BOOTTIME, "BOOTTIME"},
             {CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID"},
             {CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME_ID"}};
  char what[80];
  for (int i = 0; i < 5; i++) {
    struct timespec ts, res;
    snprintf(what, sizeof what, "clock_gettime %s", ids[i].name);
    check(raw(SYS_clock_gettime, ids[i].id, &ts) == 0 && ts.tv_nsec >= 0 &&
              ts.tv_nsec < 1000000000,
          what);
    snprintf(what, sizeof what, "clock_getres %s is 1ns", ids[i].name);
    check(raw(SYS_clock_getres, ids[i].id, &res) == 0 && res.tv_sec == 0 &&
              res.tv_nsec == 1,
          what);
  }
  struct timespec ts;
  check(raw(SYS_clock_gettime, 100, &ts) == -EINVAL, "clock 100 EINVAL");
  check(raw(SYS_clock_gettime, 10, &ts) == -EINVAL, "clock 10 EINVAL");
  check(raw(SYS_clock_getres, 100, &ts) == -EINVAL, "getres 100 EINVAL");
  check(raw(SYS_clock_getres, CLOCK_MONOTONIC, NULL) == 0, "getres NULL ok");
  check(raw(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8) == -EFAULT,
        "bad pointer EFAULT");

  struct timespec a, b;
  int mono_ok = 1;
  raw(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
  for (int i = 0; i < 1000; i++) {
    raw(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
    if (b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec))
      mono_ok = 0;
    a = b;
  }
  check(mono_ok, "MONOTONIC never goes back");

  struct timespec rt;
  struct timeval tv;
  raw(SYS_clock_gettime, CLOCK_REALTIME, &rt);
  check(syscall(SYS_gettimeofday, &tv, NULL) == 0, "gettimeofday");
  long t = time(NULL);
  check(rt.tv_sec > 1600000000, "REALTIME after 2020");
  check(tv.tv_sec - rt.tv_sec <= 2 && tv.tv_sec >= rt.tv_sec,
        "gettimeofday agrees with REALTIME");
  check(t - rt.tv_sec <= 2 && t >= rt.tv_sec, "time() agrees with REALTIME");

  return finish("clock_ids");
}
