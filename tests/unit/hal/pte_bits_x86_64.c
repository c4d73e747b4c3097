/* The x86-64 entries as the CPU reads them (Intel SDM vol. 3 4.5): the
 * conformance test pins the contract, this pins what the hardware is told. */
#include <hal/mmu.h>

#include "check.h"
#include "pt_arch.h"
#include "pte.h"

uint64_t x86_nx_bit = PTE_NX; /* cpu_setup.c's, as on a CPU with NX */

static void leaves(uint64_t nx) {
  x86_nx_bit = nx;
  for (unsigned p = 0; p < 8; p++) {
    pte_t e = pt_arch_leaf(0x123456789000ULL, p);
    CHECK((e & PTE_ADDR) == 0x123456789000ULL);
    CHECK(!(e & PTE_P) == (p == 0)); /* prot 0: not present */
    if (!p)
      continue;
    CHECK(e & PTE_U);
    CHECK(!(e & PTE_W) == !(p & HAL_PROT_WRITE));
    CHECK(!(e & PTE_NX) == ((p & HAL_PROT_EXEC) || !nx));
    CHECK(!(e & (PTE_G | PTE_PS | PTE_PCD | PTE_PWT)));
  }
}

void check_port_bits(void) {
  leaves(PTE_NX);
  leaves(0); /* no NX on the CPU: the bit is reserved, never set */
  x86_nx_bit = PTE_NX;
  pte_t t = pt_arch_table_entry(0xabcdef000ULL);
  CHECK(t == (0xabcdef000ULL | PTE_P | PTE_W | PTE_U)); /* leaves decide */
  CHECK(pt_arch_is_table(t) && pt_arch_table_pa(t) == 0xabcdef000ULL);
  CHECK(!pt_arch_is_table(0) && !pt_arch_leaf_decode(0, 0, 0));
}
