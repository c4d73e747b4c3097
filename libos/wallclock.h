/*
 * The wall clock (CLOCK_REALTIME): the HAL's boot-time reading plus an
 * offset that settimeofday and clock_settime move. Its readers are the
 * clock syscalls, file times and the vDSO's data page
 * (linux_shim/vdso.c re-writes the page when the offset changes).
 */
#ifndef LIBOS_WALLCLOCK_H
#define LIBOS_WALLCLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* CLOCK_REALTIME minus hal_clock_ns(), in ns. */
uint64_t wallclock_base_ns(void);

/* CLOCK_REALTIME now, in ns since the epoch. */
uint64_t wallclock_ns(void);

/* Make CLOCK_REALTIME read `ns` now (later reads advance from there).
 * False, and nothing changes, when `ns` is before the time since boot
 * (Linux: the wall clock never goes below the monotonic one). */
bool wallclock_set(uint64_t ns);

#endif
