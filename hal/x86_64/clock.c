/*
 * Time: the TSC as the monotonic clock (counting from the TSC value taken
 * at the first instruction), its frequency found once at boot, the CMOS RTC
 * for the wall clock at boot, and entropy.
 *
 * TSC frequency, first source that answers:
 *  1. CPUID 0x15 (crystal ratio, when the crystal frequency is given);
 *  2. the hypervisor timing leaf 0x40000010 (TSC kHz);
 *  3. KVM's pvclock (its tsc->ns multiplier), read once then switched off;
 *  4. the i8254 PIT, channel 0 polled by counter latch (works on microvm
 *     without the port 0x61 gate that channel 2 would need).
 */
#include <hal/time.h>

#include "x86.h"

uint64_t x86_boot_tsc;
uint64_t x86_tsc_hz;
static uint64_t ns_mult; /* ns = (ticks * ns_mult) >> 32 */
static uint64_t wallclock_ns;

static uint64_t tsc_from_cpuid15(void) {
  if (cpuid(0, 0).a < 0x15)
    return 0;
  struct cpuid l = cpuid(0x15, 0);
  if (!l.a || !l.b || !l.c)
    return 0;
  return (uint64_t)l.c * l.b / l.a;
}

static uint32_t hypervisor_max_leaf(char sig[13]) {
  if (!((cpuid(1, 0).c >> 31) & 1))
    return 0;
  struct cpuid h = cpuid(0x40000000, 0);
  uint32_t w[3] = {h.b, h.c, h.d};
  for (int i = 0; i < 12; i++)
    sig[i] = (char)(w[i / 4] >> (8 * (i % 4)));
  sig[12] = '\0';
  return h.a;
}

static bool same(const char *a, const char *b) {
  while (*a && *a == *b)
    a++, b++;
  return *a == *b;
}

/* KVM pvclock record (the ABI of MSR_KVM_SYSTEM_TIME_NEW). */
struct pvclock {
  uint32_t version, pad0;
  uint64_t tsc_timestamp, system_time;
  uint32_t mul;
  int8_t shift;
  uint8_t flags, pad[2];
} __attribute__((packed, aligned(32)));
static volatile struct pvclock pvclock;

static uint64_t tsc_from_hypervisor(void) {
  char sig[13];
  uint32_t max = hypervisor_max_leaf(sig);
  if (max >= 0x40000010) {
    uint32_t khz = cpuid(0x40000010, 0).a;
    if (khz)
      return (uint64_t)khz * 1000;
  }
  if (max < 0x40000001 || !same(sig, "KVMKVMKVM"))
    return 0;
  if (!((cpuid(0x40000001, 0).a >> 3) & 1)) /* KVM_FEATURE_CLOCKSOURCE2 */
    return 0;
  const uint32_t msr = 0x4b564d01;
  wrmsr(msr, hal_virt_to_phys((const void *)&pvclock) | 1);
  uint32_t v, mul;
  int8_t shift;
  unsigned tries = 0;
  do {
    v = pvclock.version;
    __asm__ volatile("" ::: "memory");
    mul = pvclock.mul;
    shift = pvclock.shift;
    __asm__ volatile("" ::: "memory");
  } while (((v & 1) || v != pvclock.version || !mul) && ++tries < 1000000);
  wrmsr(msr, 0);
  if (!mul)
    return 0;
  /* ns = ((tsc << shift) * mul) >> 32, so hz = 2^32 * 1e9 / (mul << shift) */
  uint64_t base = (1000000000ULL << 32) / mul;
  return shift >= 0 ? base >> shift : base << -shift;
}

static uint16_t pit_read(void) {
  outb(0x43, 0x00); /* latch channel 0 */
  uint8_t lo = inb(0x40);
  uint8_t hi = inb(0x40);
  return (uint16_t)(lo | (hi << 8));
}

/* One PIT reading and the TSC at its middle. A reading that took long (the
 * vCPU was preempted, an I/O exit was slow) has an uncertain time, so the
 * window's two ends are each the quickest of several readings. */
struct pit_sample {
  uint64_t tsc, latency;
  uint16_t count;
};

static struct pit_sample pit_sample(void) {
  uint64_t before = rdtsc();
  uint16_t c = pit_read();
  uint64_t after = rdtsc();
  return (struct pit_sample){before + (after - before) / 2, after - before, c};
}

static struct pit_sample pit_best_of(unsigned n) {
  struct pit_sample best = pit_sample();
  for (unsigned i = 1; i < n; i++) {
    struct pit_sample s = pit_sample();
    if (s.latency < best.latency)
      best = s;
  }
  return best;
}

static uint64_t tsc_from_pit(void) {
  const uint32_t pit_hz = 1193182;
  const uint32_t window = pit_hz / 400; /* 2.5 ms */
  outb(0x43, 0x34); /* channel 0, lo/hi, mode 2 (rate generator) */
  outb(0x40, 0xff);
  outb(0x40, 0xff);
  uint16_t c0 = pit_read();
  unsigned spins = 0;
  while (pit_read() == c0)
    if (++spins > 100000)
      return 0; /* a counter that never moves: no PIT */
  struct pit_sample start = pit_best_of(8);
  uint16_t prev = start.count;
  uint32_t elapsed = 0; /* counts down, wraps at 65536: add up the steps */
  while (elapsed < window) {
    uint16_t now = pit_read();
    elapsed += (uint16_t)(prev - now);
    prev = now;
  }
  struct pit_sample end = pit_best_of(8);
  elapsed += (uint16_t)(prev - end.count);
  return (end.tsc - start.tsc) * pit_hz / elapsed;
}

/* ---- CMOS RTC ---- */

static uint8_t cmos(uint8_t reg) {
  outb(0x70, reg | 0x80); /* keep NMIs masked at the CMOS gate */
  return inb(0x71);
}

static unsigned from_bcd(uint8_t v, bool bcd) {
  return bcd ? (v >> 4) * 10u + (v & 15u) : v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), counting in eras of
 * 400 years starting each March so leap days fall at the year's end. */
static int64_t days_since_epoch(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  uint64_t yoe = (uint64_t)(y - era * 400);
  uint64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  uint64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

static bool same_bytes(const uint8_t *a, const uint8_t *b, unsigned n) {
  for (unsigned i = 0; i < n; i++)
    if (a[i] != b[i])
      return false;
  return true;
}

static uint64_t read_rtc(void) {
  if (cmos(0x0a) == 0xff)
    return 0; /* no RTC */
  uint8_t a[7], b[7];
  const uint8_t regs[7] = {0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32};
  unsigned tries = 0;
  do {
    for (unsigned spins = 0; (cmos(0x0a) & 0x80) && spins < 1000000;)
      spins++; /* update in progress */
    for (int i = 0; i < 7; i++)
      a[i] = cmos(regs[i]);
    for (int i = 0; i < 7; i++)
      b[i] = cmos(regs[i]);
  } while (!same_bytes(a, b, 7) && ++tries < 10);
  uint8_t status_b = cmos(0x0b);
  bool bcd = !(status_b & 0x04);
  unsigned sec = from_bcd(a[0], bcd), min = from_bcd(a[1], bcd);
  unsigned hour = from_bcd(a[2] & 0x7f, bcd);
  if (!(status_b & 0x02)) { /* 12-hour clock: bit 7 is PM */
    hour %= 12;
    if (a[2] & 0x80)
      hour += 12;
  }
  unsigned day = from_bcd(a[3], bcd), mon = from_bcd(a[4], bcd);
  unsigned year = from_bcd(a[5], bcd);
  unsigned century = from_bcd(a[6], bcd);
  year += (century >= 19 && century <= 30) ? century * 100 : 2000;
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 ||
      sec > 60)
    return 0;
  int64_t days = days_since_epoch(year, mon, day);
  if (days < 0)
    return 0;
  uint64_t s = (uint64_t)days * 86400 + hour * 3600 + min * 60 + sec;
  return s * 1000000000ULL;
}

void x86_clock_init(void) {
  uint64_t hz = tsc_from_cpuid15();
  if (!hz)
    hz = tsc_from_hypervisor();
  if (!hz)
    hz = tsc_from_pit();
  if (!hz)
    hal_panic("no way to calibrate the TSC (no CPUID leaf, pvclock or PIT)", 0);
  x86_tsc_hz = hz;
  ns_mult = (1000000000ULL << 32) / hz;
  wallclock_ns = read_rtc();
}

uint64_t hal_clock_ns(void) {
  uint64_t ticks = rdtsc() - x86_boot_tsc;
  return (uint64_t)(((unsigned __int128)ticks * ns_mult) >> 32);
}

bool hal_clock_user(struct hal_clock_user *c) {
  if (!ns_mult)
    return false;
  *c = (struct hal_clock_user){.base = x86_boot_tsc, .mult = ns_mult};
  return true; /* CR4.TSD is clear: rdtsc works in ring 3 */
}

uint64_t hal_clock_res_ns(void) {
  uint64_t res = 1000000000ULL / x86_tsc_hz;
  return res ? res : 1;
}

uint64_t hal_wallclock_at_boot_ns(void) {
  return wallclock_ns;
}

/* ---- Entropy ---- */

static uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t hal_entropy(void) {
  static uint64_t counter;
  uint64_t v = rdtsc() ^ (++counter * 0x9e3779b97f4a7c15ULL);
  if (x86_cpu.rdrand) {
    for (int i = 0; i < 10; i++) {
      uint64_t r;
      uint8_t ok;
      __asm__ volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
      if (ok) {
        v ^= r;
        break;
      }
    }
  }
  return mix(v ^ wallclock_ns);
}
