/* The arm64 entries as the MMU reads them (Arm ARM D8.3, stage 1, 4 KiB
 * granule): the conformance test pins the contract, this pins what the
 * hardware is told. */
#include <hal/mmu.h>

#include "check.h"
#include "pt_arch.h"
#include "pte.h"

#define AP(e) (((e) >> 6) & 3) /* AP[2:1] */

void check_port_bits(void) {
  for (unsigned p = 0; p < 8; p++) {
    pte_t e = pt_arch_leaf(0x123456789000ULL, p);
    CHECK((e & DESC_ADDR) == 0x123456789000ULL);
    CHECK((e & 3) == DESC_PAGE); /* valid even with prot 0: a perm fault */
    CHECK((e & ATTR_AF) && (e & ATTR_NG) && (e & ATTR_PXN));
    CHECK((e & ATTR_SH_INNER) == ATTR_SH_INNER);
    CHECK(((e >> 2) & 7) == 0);                 /* AttrIndx 0: normal memory */
    unsigned want_ap = p & HAL_PROT_WRITE  ? 1  /* EL0 RW */
                       : p & HAL_PROT_READ ? 3  /* EL0 RO */
                                           : 2; /* EL0 none */
    CHECK(AP(e) == want_ap);
    CHECK(!(e & ATTR_UXN) == !!(p & HAL_PROT_EXEC));
  }
  pte_t t = pt_arch_table_entry(0xabcdef000ULL);
  CHECK(t == (0xabcdef000ULL | DESC_TABLE)); /* no APTable/XNTable limits */
  CHECK(pt_arch_is_table(t) && pt_arch_table_pa(t) == 0xabcdef000ULL);
  CHECK(!pt_arch_is_table(0) && !pt_arch_leaf_decode(0, 0, 0));
}
