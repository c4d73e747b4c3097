/* Kernel side: the x86-64 clock calibration the vDSO needs, as
 * hal/x86_64/clock.c keeps it. The HAL has no public call for this yet
 * (docs/vdso.md asks for one), so this reads the HAL's exported globals and
 * repeats its multiplier rule; vdso.c then checks the result against
 * hal_clock_ns() and falls back to syscalls if they ever disagree. */
#include <linux_shim/vdso.h>

extern uint64_t x86_boot_tsc;
extern uint64_t x86_tsc_hz;

bool vdso_arch_clock(struct vdso_page *p) {
  if (!x86_tsc_hz)
    return false;
  p->cycle_base = x86_boot_tsc;
  p->mult = (1000000000ULL << 32) / x86_tsc_hz;
  return true;
}
