/* The x86-64 vDSO's entry points under Linux's names (version LINUX_2.6,
 * see vdso.map): __vdso_clock_gettime, __vdso_gettimeofday, __vdso_time,
 * __vdso_getcpu, __vdso_clock_getres, each also under its plain name as a
 * weak alias, as Linux exports them. */
#include <vdso/vdso_time.h>

#define EXPORT __attribute__((visibility("default")))
#define ALIAS(name) __attribute__((weak, alias(name), visibility("default")))

EXPORT long __vdso_clock_gettime(int clk, struct vdso_timespec *ts) {
  return vdso_do_clock_gettime(clk, ts);
}
long clock_gettime(int, struct vdso_timespec *) ALIAS("__vdso_clock_gettime");

EXPORT long __vdso_gettimeofday(struct vdso_timeval *tv,
                                struct vdso_timezone *tz) {
  return vdso_do_gettimeofday(tv, tz);
}
long gettimeofday(struct vdso_timeval *, struct vdso_timezone *)
    ALIAS("__vdso_gettimeofday");

EXPORT long __vdso_clock_getres(int clk, struct vdso_timespec *res) {
  return vdso_do_clock_getres(clk, res);
}
long clock_getres(int, struct vdso_timespec *) ALIAS("__vdso_clock_getres");

/* The kernel's time(): whole seconds of CLOCK_REALTIME. */
EXPORT int64_t __vdso_time(int64_t *t) {
  int64_t ns = vdso_clock_ns(VDSO_CLOCK_REALTIME);
  if (ns < 0)
    return vdso_syscall3(VDSO_SYSCALL_TIME, (long)t, 0, 0);
  int64_t sec = ns / VDSO_NS;
  if (t)
    *t = sec;
  return sec;
}
int64_t time(int64_t *) ALIAS("__vdso_time");

/* The machine has one CPU and one node, as the kernel schedules it. */
EXPORT long __vdso_getcpu(unsigned *cpu, unsigned *node, void *unused) {
  (void)unused;
  if (cpu)
    *cpu = 0;
  if (node)
    *node = 0;
  return 0;
}
long getcpu(unsigned *, unsigned *, void *) ALIAS("__vdso_getcpu");
