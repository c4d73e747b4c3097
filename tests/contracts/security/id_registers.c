/* security.id_registers: a program may read the CPU's identification
 * registers. x86-64: cpuid is an unprivileged instruction. arm64: the ID
 * registers (MIDR_EL1, MPIDR_EL1, REVIDR_EL1, ID_AA64*_EL1) are EL1
 * registers, and Linux emulates `mrs` of them at EL0 (emulate_mrs):
 * MPIDR_EL1 reads as its safe value (bit 31 only) and ID_AA64PFR0_EL1
 * shows EL0 and EL1 as AArch64 only. None of the reads is a signal. The
 * values themselves are the machine's and are not printed. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "contract.h"

static volatile int sigills;

static void on_ill(int sig) {
  (void)sig;
  sigills++;
  printf("SIGILL\n");
  fflush(stdout);
  _exit(1);
}

int main(void) {
  signal(SIGILL, on_ill);
  int n = 0, values_ok;
#if defined(__x86_64__)
  uint32_t a, b, c, d, max = 0;
  static const uint32_t leaves[] = {0, 1, 7, 0x80000000, 0x80000001, 0xd};
  for (unsigned i = 0; i < 6; i++, n++) {
    __asm__ volatile("cpuid"
                     : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
                     : "a"(leaves[i]), "c"(0));
    if (i == 0)
      max = a;
  }
  values_ok = max >= 1;
#elif defined(__aarch64__)
  uint64_t midr, mpidr, revidr, pfr0, isar0, mmfr0;
  __asm__ volatile("mrs %0, midr_el1" : "=r"(midr));
  __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
  __asm__ volatile("mrs %0, revidr_el1" : "=r"(revidr));
  __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
  __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
  __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
  (void)midr, (void)revidr, (void)isar0, (void)mmfr0;
  n = 6;
  values_ok = mpidr == 1ULL << 31 && (pfr0 & 0xff) == 0x11;
#endif
  printf("%d identification registers read, %d SIGILL\n", n, sigills);
  check(n == 6 && sigills == 0, "reads");
  check(values_ok, "values as Linux shows them to user mode");
  return finish("id_registers");
}
