/* Power-off and entropy. */
#include <hal/time.h>

#include "arm64.h"

#define PSCI_SYSTEM_OFF 0x84000008u

void hal_poweroff(uint8_t code) {
  semihost_exit(code);
  /* Semihosting disabled: PSCI has no exit code, but the machine stops. */
  register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
  if (arm64_plat.psci_smc)
    __asm__ volatile("smc #0" : "+r"(x0)::"memory");
  else
    __asm__ volatile("hvc #0" : "+r"(x0)::"memory");
  for (;;)
    __asm__ volatile("msr daifset, #0xf; wfi");
}

uint64_t hal_entropy(void) {
  /* The counter's low bits vary with host timing from boot to boot; the RTC
   * varies by the second. Mixed by a multiply-xorshift. */
  uint64_t v = read_sysreg(cntvct_el0) ^ (hal_wallclock_at_boot_ns() << 20);
  v ^= v >> 33;
  v *= 0xff51afd7ed558ccdULL;
  v ^= v >> 33;
  v *= 0xc4ceb9fe1a85ec53ULL;
  v ^= v >> 33;
  return v;
}
