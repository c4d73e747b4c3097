/* The vDSO's clock code, shared by both arches: each arch's vdso_entry.c
 * includes this and exports the functions under Linux's names. Clocks the
 * vDSO handles are read from the counter with the kernel's calibration
 * (vdso_page.h); every other clock goes to the real syscall, as Linux's
 * vDSO does, so a trace shows the same calls as on Linux. Freestanding. */
#ifndef LINUX_VDSO_TIME_H
#define LINUX_VDSO_TIME_H

#include <stddef.h>
#include <stdint.h>
#include <vdso/vdso_page.h>
#include <vdso_arch.h>

#define VDSO_NS 1000000000LL
#define VDSO_PAGE_SIZE 4096

/* Linux clock ids. */
#define VDSO_CLOCK_REALTIME 0
#define VDSO_CLOCK_MONOTONIC 1
#define VDSO_CLOCK_MONOTONIC_RAW 4
#define VDSO_CLOCK_REALTIME_COARSE 5
#define VDSO_CLOCK_MONOTONIC_COARSE 6
#define VDSO_CLOCK_BOOTTIME 7
#define VDSO_CLOCK_TAI 11

/* What Linux's vDSO computes in user mode (VDSO_HRES, VDSO_COARSE,
 * VDSO_RAW); the rest (the ALARM and CPU-time clocks, bad ids) are
 * syscalls. */
#define VDSO_HRES_MASK                                                        \
  ((1u << VDSO_CLOCK_REALTIME) | (1u << VDSO_CLOCK_MONOTONIC) |               \
   (1u << VDSO_CLOCK_BOOTTIME) | (1u << VDSO_CLOCK_TAI) |                     \
   (1u << VDSO_CLOCK_MONOTONIC_RAW))
#define VDSO_COARSE_MASK                                                      \
  ((1u << VDSO_CLOCK_REALTIME_COARSE) | (1u << VDSO_CLOCK_MONOTONIC_COARSE))
/* Of those, the clocks that count from the epoch (the kernel's
 * clock_ns() adds the boot wall clock to exactly these). */
#define VDSO_WALL_MASK                                                        \
  ((1u << VDSO_CLOCK_REALTIME) | (1u << VDSO_CLOCK_REALTIME_COARSE) |         \
   (1u << VDSO_CLOCK_TAI))

struct vdso_timespec {
  int64_t sec, nsec;
};
struct vdso_timeval {
  int64_t sec, usec;
};
struct vdso_timezone {
  int32_t minuteswest, dsttime;
};

/* The ELF header of this vDSO; the data page is the page below it. */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static inline const volatile struct vdso_page *vdso_page(void) {
  uintptr_t base = (uintptr_t)__ehdr_start;
  return (const volatile struct vdso_page *)(base - VDSO_PAGE_SIZE);
}

/* The clock's value in ns, or -1 when it is not one the vDSO computes. */
static inline int64_t vdso_clock_ns(uint32_t clk) {
  const volatile struct vdso_page *p = vdso_page();
  if (p->mode != VDSO_MODE_COUNTER || clk >= 32 ||
      !((VDSO_HRES_MASK | VDSO_COARSE_MASK) & (1u << clk)))
    return -1;
  uint64_t ns = vdso_cycles_to_ns(p, vdso_read_counter() - p->cycle_base);
  if (VDSO_WALL_MASK & (1u << clk))
    ns += p->wall_base_ns;
  return (int64_t)ns;
}

static inline long vdso_do_clock_gettime(int clk, struct vdso_timespec *ts) {
  int64_t ns = vdso_clock_ns((uint32_t)clk);
  if (ns < 0)
    return vdso_syscall3(VDSO_SYSCALL_CLOCK_GETTIME, clk, (long)ts, 0);
  ts->sec = ns / VDSO_NS;
  ts->nsec = ns % VDSO_NS;
  return 0;
}

static inline long vdso_do_gettimeofday(struct vdso_timeval *tv,
                                        struct vdso_timezone *tz) {
  int64_t ns = vdso_clock_ns(VDSO_CLOCK_REALTIME);
  if (ns < 0)
    return vdso_syscall3(VDSO_SYSCALL_GETTIMEOFDAY, (long)tv, (long)tz, 0);
  if (tv) {
    tv->sec = ns / VDSO_NS;
    tv->usec = ns % VDSO_NS / 1000;
  }
  if (tz) { /* the kernel's: UTC, no DST */
    tz->minuteswest = 0;
    tz->dsttime = 0;
  }
  return 0;
}

static inline long vdso_do_clock_getres(int clk, struct vdso_timespec *res) {
  const volatile struct vdso_page *p = vdso_page();
  uint32_t c = (uint32_t)clk;
  if (p->mode != VDSO_MODE_COUNTER || c >= 32 ||
      !((VDSO_HRES_MASK | VDSO_COARSE_MASK) & (1u << c)))
    return vdso_syscall3(VDSO_SYSCALL_CLOCK_GETRES, clk, (long)res, 0);
  if (res) {
    res->sec = 0;
    res->nsec = (int64_t)((VDSO_COARSE_MASK & (1u << c)) ? p->coarse_res_ns
                                                         : p->hres_res_ns);
  }
  return 0;
}

#endif
