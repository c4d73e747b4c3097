/* Clocks and the periodic timer. */
#ifndef HAL_TIME_H
#define HAL_TIME_H

#include <hal/hal.h>

/* Monotonic nanoseconds since the kernel's first instruction (x86-64: TSC,
 * calibrated at boot; arm64: generic timer). Never goes backwards. */
uint64_t hal_clock_ns(void);

/* How user mode (the vDSO) reproduces hal_clock_ns() from the counter it
 * can read itself (x86-64: rdtsc; arm64: cntvct_el0). With t = counter -
 * base, hal_clock_ns() is exactly:
 *   mult != 0:  (t * mult) >> 32, with a 128-bit product;
 *   freq != 0:  (t / freq) * 10^9 + (t % freq) * 10^9 / freq.
 * Exactly one of mult and freq is non-zero. */
struct hal_clock_user {
  uint64_t base, mult, freq;
};

/* Fill *c and return true when user mode can read the counter and the
 * clock is calibrated; false otherwise (user code must then ask the kernel).
 */
bool hal_clock_user(struct hal_clock_user *c);

/* Resolution of hal_clock_ns() in nanoseconds (at least 1). */
uint64_t hal_clock_res_ns(void);

/* Wall-clock time at boot, Unix epoch nanoseconds, read from the machine's
 * RTC once; 0 when the machine has none. */
uint64_t hal_wallclock_at_boot_ns(void);

/* Start (period_ns > 0) or stop (0) a periodic timer interrupt; each tick
 * calls kernel_timer_tick(). Ticks that fire while interrupts are disabled
 * are delivered late, at most one pending at a time. */
void hal_timer_set_periodic(uint64_t period_ns);

#endif
