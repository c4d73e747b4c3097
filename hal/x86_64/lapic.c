/*
 * The local APIC: its periodic timer drives hal_timer_set_periodic(). x2APIC
 * (MSRs) when the CPU has it, else xAPIC through an uncached fixmap page.
 * The legacy 8259 PICs are moved off the exception vectors and masked; the
 * IOAPIC is left as reset (all inputs masked).
 */
#include <hal/time.h>

#include "x86.h"

#define APIC_TPR 0x080
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_ERROR 0x370
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3e0
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)

extern uint64_t x86_tsc_hz;
static volatile uint32_t *xapic;
static uint64_t lapic_hz; /* timer counts per second at divide-by-16 */

static uint32_t apic_read(unsigned reg) {
  if (!xapic)
    return (uint32_t)rdmsr(0x800 + (reg >> 4));
  return xapic[reg / 4];
}

static void apic_write(unsigned reg, uint32_t v) {
  if (!xapic)
    wrmsr(0x800 + (reg >> 4), v);
  else
    xapic[reg / 4] = v;
}

static void pic_disable(void) {
  outb(0x20, 0x11); /* ICW1: init, ICW4 follows */
  outb(0xa0, 0x11);
  outb(0x21, VEC_PIC_BASE);
  outb(0xa1, VEC_PIC_BASE + 8);
  outb(0x21, 4); /* slave on IRQ2 */
  outb(0xa1, 2);
  outb(0x21, 1); /* 8086 mode */
  outb(0xa1, 1);
  outb(0x21, 0xff); /* mask everything */
  outb(0xa1, 0xff);
}

void x86_lapic_init(void) {
  pic_disable();
  uint64_t base = rdmsr(MSR_APIC_BASE);
  if (x86_cpu.x2apic) {
    wrmsr(MSR_APIC_BASE, base | (1u << 11) | (1u << 10)); /* EN, EXTD */
  } else {
    wrmsr(MSR_APIC_BASE, base | (1u << 11));
    xapic = x86_fixmap(base & 0xfffff000ULL);
  }
  apic_write(APIC_TPR, 0);
  apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
  apic_write(APIC_LVT_LINT0, LVT_MASKED);
  apic_write(APIC_LVT_ERROR, LVT_MASKED | VEC_SPURIOUS);
  apic_write(APIC_SVR, 0x100 | VEC_SPURIOUS); /* software enable */
}

void x86_lapic_eoi(void) {
  apic_write(APIC_EOI, 0);
}

/* Count the timer against the (calibrated) TSC for 1 ms. */
static void calibrate(void) {
  apic_write(APIC_TIMER_DIV, 0x3); /* divide by 16 */
  apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
  apic_write(APIC_TIMER_INIT, 0xffffffffu);
  uint64_t t0 = rdtsc(), wait = x86_tsc_hz / 1000, t1;
  while ((t1 = rdtsc()) - t0 < wait)
    __asm__ volatile("pause");
  uint32_t counted = 0xffffffffu - apic_read(APIC_TIMER_CUR);
  apic_write(APIC_TIMER_INIT, 0);
  lapic_hz = (uint64_t)counted * x86_tsc_hz / (t1 - t0);
  if (!lapic_hz)
    hal_panic("LAPIC timer does not count", 0);
}

void hal_timer_set_periodic(uint64_t period_ns) {
  if (period_ns == 0) {
    apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
    apic_write(APIC_TIMER_INIT, 0);
    return;
  }
  if (!lapic_hz)
    calibrate();
  if (period_ns > 100000000000ULL)
    period_ns = 100000000000ULL; /* keeps the product in 64 bits */
  uint64_t count = period_ns * lapic_hz / 1000000000ULL;
  if (count == 0)
    count = 1;
  if (count > 0xffffffffu)
    count = 0xffffffffu; /* ~68 s at 62.5 MHz: longer periods are clamped */
  apic_write(APIC_TIMER_DIV, 0x3);
  apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
  apic_write(APIC_TIMER_INIT, (uint32_t)count);
}
