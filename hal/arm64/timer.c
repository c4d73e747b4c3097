/* Clocks and the periodic tick: the EL1 virtual generic timer (CNTV_*)
 * through the GIC, and the PL031 RTC for the wall clock at boot. */
#include <hal/time.h>
#include <hal/upcalls.h>

#include "arm64.h"

#define CNTV_CTL_ENABLE 1u
#define CNTV_CTL_IMASK 2u

uint64_t arm64_boot_counter;
static uint64_t freq;        /* CNTFRQ_EL0, Hz */
static uint64_t period_ticks; /* 0: timer stopped */
static uint64_t next_deadline;
static uint64_t wallclock_ns;
static volatile uint64_t irq_count;

static uint64_t ticks_to_ns(uint64_t t) {
  return (t / freq) * 1000000000ULL + (t % freq) * 1000000000ULL / freq;
}

void timer_boot_init(void) {
  freq = read_sysreg(cntfrq_el0);
  if (freq == 0)
    hal_panic("CNTFRQ_EL0 is 0: generic timer unusable", 0);
  write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
  /* EL0 may read the virtual counter (the vDSO's clock), nothing else. */
  write_sysreg(cntkctl_el1, 1UL << 1);
  /* PL031 data register: seconds since the epoch. */
  wallclock_ns = (uint64_t)mmio_read32(arm64_plat.pl031) * 1000000000ULL;
  gic_enable(TIMER_INTID);
}

uint64_t hal_clock_ns(void) {
  isb(); /* keep the counter read after earlier instructions */
  return ticks_to_ns(read_sysreg(cntvct_el0) - arm64_boot_counter);
}

bool hal_clock_user(struct hal_clock_user *c) {
  /* CNTKCTL_EL1.EL0VCTEN is set at boot, so EL0 reads cntvct_el0. */
  *c = (struct hal_clock_user){.base = arm64_boot_counter, .freq = freq};
  return freq != 0;
}

uint64_t hal_clock_res_ns(void) { return (1000000000ULL + freq - 1) / freq; }

uint64_t hal_wallclock_at_boot_ns(void) { return wallclock_ns; }

void hal_timer_set_periodic(uint64_t period_ns) {
  if (period_ns == 0) {
    period_ticks = 0;
    write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
    return;
  }
  /* Split so nothing overflows (freq < 2^32) and no 128-bit division. */
  uint64_t t = (period_ns / 1000000000ULL) * freq +
               (period_ns % 1000000000ULL) * freq / 1000000000ULL;
  period_ticks = t ? t : 1;
  next_deadline = read_sysreg(cntvct_el0) + period_ticks;
  write_sysreg(cntv_cval_el0, next_deadline);
  write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
  isb();
}

bool timer_handle_irq(unsigned intid, struct hal_regs *r) {
  if (intid != TIMER_INTID)
    return false;
  if (period_ticks == 0) {
    write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
    gic_eoi(intid);
    return true;
  }
  /* Next deadline one period on; ticks missed meanwhile collapse into this
   * one (at most one pending, as the contract says). */
  uint64_t now = read_sysreg(cntvct_el0);
  next_deadline += period_ticks;
  if (next_deadline <= now)
    next_deadline = now + period_ticks;
  write_sysreg(cntv_cval_el0, next_deadline);
  isb();
  /* Retire it before the upcall, which may switch stacks for a long time;
   * the line is already low since the deadline moved. */
  gic_eoi(intid);
  irq_count++;
  kernel_timer_tick(r);
  return true;
}

void hal_cpu_wait(void) {
  uint64_t seen = irq_count;
  /* wfi wakes on a pending interrupt even while it is masked, so the window
   * between the check and the wfi cannot lose a wake-up. */
  while (irq_count == seen) {
    __asm__ volatile("wfi" ::: "memory");
    __asm__ volatile("msr daifclr, #2; isb; msr daifset, #2" ::: "memory");
  }
}
