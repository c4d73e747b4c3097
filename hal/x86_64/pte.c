/*
 * The x86-64 user entry format for the shared walk (hal/common/pt_arch.h).
 * x86 cannot express write-only or execute-only pages: any non-zero prot
 * is readable and WRITE implies READ, as on Linux; the prot given is kept
 * in software bits and returned as given.
 */
#include <hal/mmu.h>

#include "pt_arch.h"
#include "pte.h"

/* Tables allow everything; the leaves decide. */
#define USER_TABLE (PTE_P | PTE_W | PTE_U)

uint64_t hal_user_va_top(void) {
  return USER_VA_TOP;
}

bool pt_arch_is_table(pte_t e) {
  return e & PTE_P;
}

pte_t pt_arch_table_entry(uint64_t pa) {
  return (pa & PTE_ADDR) | USER_TABLE;
}

uint64_t pt_arch_table_pa(pte_t e) {
  return e & PTE_ADDR;
}

pte_t pt_arch_leaf(uint64_t pa, unsigned prot) {
  pte_t e = (pa & PTE_ADDR) | PTE_SW_EXISTS |
            ((uint64_t)(prot & 7) << PTE_SW_PROT_SHIFT);
  if (prot == 0)
    return e; /* not present: every access faults, the frame stays */
  e |= PTE_P | PTE_U | PTE_A;
  if (prot & HAL_PROT_WRITE)
    e |= PTE_W | PTE_D;
  if (!(prot & HAL_PROT_EXEC))
    e |= x86_nx_bit;
  return e;
}

bool pt_arch_leaf_decode(pte_t e, uint64_t *pa, unsigned *prot) {
  if (!(e & PTE_SW_EXISTS))
    return false;
  if (pa)
    *pa = e & PTE_ADDR;
  if (prot)
    *prot = (unsigned)(e >> PTE_SW_PROT_SHIFT) & 7;
  return true;
}
