/*
 * The arm64 user entry format for the shared walk (hal/common/pt_arch.h):
 * TTBR0 tables, 4 KiB granule. User pages are non-global (ASID 0), PXN
 * always, UXN unless HAL_PROT_EXEC, AF preset (no access-flag faults).
 * Write implies read, as Linux on arm64; EXEC alone is execute-only; prot 0
 * is a valid entry EL0 cannot use, so it faults as a permission fault.
 */
#include <hal/mmu.h>

#include "pt_arch.h"
#include "pte.h"

uint64_t hal_user_va_top(void) {
  return USER_VA_TOP;
}

bool pt_arch_is_table(pte_t e) {
  return e & DESC_VALID;
}

pte_t pt_arch_table_entry(uint64_t pa) {
  return (pa & DESC_ADDR) | DESC_TABLE;
}

uint64_t pt_arch_table_pa(pte_t e) {
  return e & DESC_ADDR;
}

pte_t pt_arch_leaf(uint64_t pa, unsigned prot) {
  pte_t d = (pa & DESC_ADDR) | DESC_PAGE | ATTR_SH_INNER | ATTR_AF | ATTR_NG |
            ATTR_PXN | ((uint64_t)(prot & 7) << SW_PROT_SHIFT);
  if (prot & HAL_PROT_WRITE)
    d |= ATTR_AP_EL0; /* EL0 RW */
  else if (prot & HAL_PROT_READ)
    d |= ATTR_AP_EL0 | ATTR_AP_RO; /* EL0 RO */
  else
    d |= ATTR_AP_RO; /* EL0 none (exec-only or prot 0) */
  if (!(prot & HAL_PROT_EXEC))
    d |= ATTR_UXN;
  return d;
}

bool pt_arch_leaf_decode(pte_t e, uint64_t *pa, unsigned *prot) {
  if (!(e & DESC_VALID))
    return false;
  if (pa)
    *pa = e & DESC_ADDR;
  if (prot)
    *prot = (unsigned)((e & SW_PROT_MASK) >> SW_PROT_SHIFT);
  return true;
}
