/* Kernel side: the arm64 clock calibration the vDSO needs, as
 * hal/arm64/timer.c keeps it. The HAL has no public call for this yet
 * (docs/vdso.md asks for one), so this reads the HAL's exported boot
 * counter and CNTFRQ_EL0 itself; vdso.c then checks the result against
 * hal_clock_ns() and falls back to syscalls if they ever disagree. */
#include <linux_shim/vdso.h>

extern uint64_t arm64_boot_counter;

bool vdso_arch_clock(struct vdso_page *p) {
  uint64_t f;
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
  if (!f || f >> 32)
    return false;
  p->cycle_base = arm64_boot_counter;
  p->freq = f;
  return true;
}
