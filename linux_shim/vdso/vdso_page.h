/* The vDSO's data page: what the kernel publishes, one page below the
 * vDSO's ELF header, for the vDSO's clock code to read (read-only for the
 * program). Shared by the kernel (linux_shim/vdso.c) and the vDSO itself,
 * so freestanding: no kernel or libc headers. */
#ifndef LINUX_VDSO_PAGE_H
#define LINUX_VDSO_PAGE_H

#include <stdint.h>

enum vdso_mode {
  VDSO_MODE_SYSCALL = 0, /* the clock cannot be read in user mode: syscalls */
  VDSO_MODE_COUNTER = 1, /* the fields below give the kernel's clock */
};

struct vdso_page {
  uint32_t mode;         /* enum vdso_mode */
  uint32_t reserved;
  uint64_t cycle_base;   /* counter value at the kernel clock's 0 */
  uint64_t mult;         /* x86-64: ns = (cycles * mult) >> 32 */
  uint64_t freq;         /* arm64: counter frequency in Hz */
  uint64_t wall_base_ns; /* CLOCK_REALTIME - CLOCK_MONOTONIC, in ns */
  uint64_t hres_res_ns;  /* clock_getres of the high-resolution clocks */
  uint64_t coarse_res_ns; /* clock_getres of the *_COARSE clocks */
};

#endif
