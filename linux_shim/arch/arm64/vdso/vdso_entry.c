/* The arm64 vDSO's clock entry points under Linux's names (version
 * LINUX_2.6.39, see vdso.map); __kernel_rt_sigreturn is in sigreturn.S. */
#include <vdso/vdso_time.h>

#define EXPORT __attribute__((visibility("default")))

EXPORT long __kernel_clock_gettime(int clk, struct vdso_timespec *ts) {
  return vdso_do_clock_gettime(clk, ts);
}

EXPORT long __kernel_gettimeofday(struct vdso_timeval *tv,
                                  struct vdso_timezone *tz) {
  return vdso_do_gettimeofday(tv, tz);
}

EXPORT long __kernel_clock_getres(int clk, struct vdso_timespec *res) {
  return vdso_do_clock_getres(clk, res);
}
