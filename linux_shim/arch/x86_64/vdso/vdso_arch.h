/* x86-64 pieces of the vDSO's clock: the TSC, the kernel's tsc->ns rule,
 * the syscall instruction, and the Linux names of the entry points. Used by
 * the vDSO and by the kernel's own check of the published page. */
#ifndef LINUX_VDSO_ARCH_H
#define LINUX_VDSO_ARCH_H

#include <stdint.h>
/* struct vdso_page (vdso/vdso_page.h) must be defined before this. */

#define VDSO_SYSCALL_CLOCK_GETTIME 228
#define VDSO_SYSCALL_CLOCK_GETRES 229
#define VDSO_SYSCALL_GETTIMEOFDAY 96
#define VDSO_SYSCALL_TIME 201
#define VDSO_SYSCALL_GETCPU 309

/* The TSC, ordered after earlier loads (Linux's rdtsc_ordered) so a read
 * never lands before a syscall that returned an earlier value. */
static inline uint64_t vdso_read_counter(void) {
  uint32_t lo, hi;
  __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return ((uint64_t)hi << 32) | lo;
}

/* Exactly hal_clock_ns()'s rule (hal/x86_64/clock.c). */
static inline uint64_t vdso_cycles_to_ns(const volatile struct vdso_page *p,
                                         uint64_t cycles) {
  return (uint64_t)(((unsigned __int128)cycles * p->mult) >> 32);
}

static inline long vdso_syscall3(long nr, long a, long b, long c) {
  long ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(nr), "D"(a), "S"(b), "d"(c)
                   : "rcx", "r11", "memory");
  return ret;
}

#endif
