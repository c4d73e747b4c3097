/* arm64 pieces of the vDSO's clock: the virtual counter CNTVCT_EL0 (EL0
 * access enabled by the HAL through CNTKCTL_EL1.EL0VCTEN), the kernel's
 * ticks->ns rule, svc, and the Linux names of the entry points. Used by the
 * vDSO and by the kernel's own check of the published page. */
#ifndef LINUX_VDSO_ARCH_H
#define LINUX_VDSO_ARCH_H

#include <stdint.h>
/* struct vdso_page (vdso/vdso_page.h) must be defined before this. */

#define VDSO_SYSCALL_CLOCK_GETTIME 113
#define VDSO_SYSCALL_CLOCK_GETRES 114
#define VDSO_SYSCALL_GETTIMEOFDAY 169

static inline uint64_t vdso_read_counter(void) {
  uint64_t v;
  /* isb: the read may not be hoisted above earlier instructions. */
  __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
  return v;
}

/* Exactly hal_clock_ns()'s rule (hal/arm64/timer.c): split so nothing
 * overflows for a frequency below 2^32 Hz. */
static inline uint64_t vdso_cycles_to_ns(const volatile struct vdso_page *p,
                                         uint64_t t) {
  uint64_t f = p->freq;
  return (t / f) * 1000000000ULL + (t % f) * 1000000000ULL / f;
}

static inline long vdso_syscall3(long nr, long a, long b, long c) {
  register long x8 __asm__("x8") = nr;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}

#endif
