/* time.vdso_clocks: the clocks musl reads through the vDSO agree with the
 * kernel's syscalls: for each clock the vDSO computes, a vDSO read, a raw
 * syscall read and another vDSO read never go backwards; gettimeofday and
 * time() sit between two CLOCK_REALTIME reads; clocks the vDSO does not
 * compute (CPU time, bad ids) still answer as the syscall does. */
#include <sys/auxv.h>
#include <sys/time.h>
#include <time.h>

#include "contract.h"

static long long ns_of(const struct timespec *t) {
  return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* libc's clock_gettime (the vDSO where there is one) and the syscall,
 * interleaved: each value at least the one before. */
static int interleaved_monotonic(clockid_t id) {
  struct timespec a, b, c;
  for (int i = 0; i < 300; i++) {
    if (clock_gettime(id, &a) || syscall(SYS_clock_gettime, id, &b) ||
        clock_gettime(id, &c))
      return 0;
    if (ns_of(&a) > ns_of(&b) || ns_of(&b) > ns_of(&c))
      return 0;
    if (b.tv_nsec < 0 || b.tv_nsec >= 1000000000 || a.tv_nsec < 0 ||
        a.tv_nsec >= 1000000000)
      return 0;
  }
  return 1;
}

int main(void) {
  check(getauxval(AT_SYSINFO_EHDR) != 0, "AT_SYSINFO_EHDR present");

  struct {
    clockid_t id;
    const char *name;
  } ids[] = {
      {CLOCK_REALTIME, "REALTIME"},
      {CLOCK_MONOTONIC, "MONOTONIC"},
      {CLOCK_BOOTTIME, "BOOTTIME"},
      {CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW"},
      {CLOCK_REALTIME_COARSE, "REALTIME_COARSE"},
      {CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE"},
      {CLOCK_TAI, "TAI"},
  };
  char what[96];
  for (unsigned i = 0; i < sizeof ids / sizeof ids[0]; i++) {
    snprintf(what, sizeof what, "%s vdso/syscall/vdso never go back",
             ids[i].name);
    check(interleaved_monotonic(ids[i].id), what);
  }

  /* gettimeofday between two REALTIME reads, at microsecond grain. */
  int tv_ok = 1;
  for (int i = 0; i < 200 && tv_ok; i++) {
    struct timespec r1, r2;
    struct timeval tv;
    clock_gettime(CLOCK_REALTIME, &r1);
    if (gettimeofday(&tv, NULL))
      tv_ok = 0;
    clock_gettime(CLOCK_REALTIME, &r2);
    long long us = (long long)tv.tv_sec * 1000000 + tv.tv_usec;
    if (tv.tv_usec < 0 || tv.tv_usec >= 1000000 || us < ns_of(&r1) / 1000 ||
        us > ns_of(&r2) / 1000)
      tv_ok = 0;
  }
  check(tv_ok, "gettimeofday between REALTIME reads");

  struct timeval tv;
  check(syscall(SYS_gettimeofday, &tv, NULL) == 0, "gettimeofday syscall");

  int t_ok = 1;
  for (int i = 0; i < 200 && t_ok; i++) {
    struct timespec r1, r2;
    clock_gettime(CLOCK_REALTIME, &r1);
    time_t t = time(NULL);
    clock_gettime(CLOCK_REALTIME, &r2);
    if (t < r1.tv_sec || t > r2.tv_sec)
      t_ok = 0;
  }
  check(t_ok, "time() between REALTIME reads");

  /* Clocks the vDSO leaves to the kernel. */
  struct timespec c1, c2;
  check(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1) == 0,
        "PROCESS_CPUTIME_ID works");
  volatile unsigned long spin = 0;
  for (unsigned long i = 0; i < 20000000; i++)
    spin += i;
  check(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c2) == 0 &&
            ns_of(&c2) > ns_of(&c1),
        "PROCESS_CPUTIME_ID advances with work");
  struct timespec ts;
  errno = 0;
  check(clock_gettime(100, &ts) == -1 && errno == EINVAL, "clock 100 EINVAL");
  check(clock_getres(CLOCK_MONOTONIC, &ts) == 0 && ts.tv_sec == 0 &&
            ts.tv_nsec == 1,
        "getres MONOTONIC 1ns");

  return finish("vdso_clocks");
}
