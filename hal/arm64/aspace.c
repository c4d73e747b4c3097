/* The machine side of arm64 user address spaces (hal/common/pt_arch.h);
 * hal/common/mmu.c does the rest. User tables go in TTBR0 (48-bit VA);
 * all user entries are non-global with ASID 0, so loading another space
 * flushes the TLB, which is cheap on one CPU with one process. */
#include "arm64.h"
#include "pt_arch.h"
#include "pte.h"

void pt_arch_root_init(pte_t *root) {
  (void)root; /* the kernel half is TTBR1's: nothing is shared */
}

void pt_arch_load(uint64_t root_pa) {
  write_sysreg(ttbr0_el1, root_pa ? root_pa : kmap_empty_ttbr0());
  isb();
  __asm__ volatile("tlbi vmalle1; dsb nsh; isb" ::: "memory");
}

void pt_arch_flush_page(uint64_t va, bool active) {
  /* Even for an inactive space: the dsb also makes the new entry visible
   * to the table walker before anything loads the tables. */
  (void)active;
  __asm__ volatile("dsb ishst; tlbi vae1, %0; dsb ish; isb" ::"r"(va >> 12)
                   : "memory");
}

void pt_arch_sync_exec(uint64_t pa) {
  uint64_t ctr = read_sysreg(ctr_el0);
  if (!(ctr & (1UL << 28))) { /* !IDC: clean D-cache to PoU */
    uint64_t line = 4UL << ((ctr >> 16) & 0xf);
    uint64_t va = (uint64_t)pa_to_kva(pa & DESC_ADDR);
    for (uint64_t a = va; a < va + HAL_PAGE_SIZE; a += line)
      __asm__ volatile("dc cvau, %0" ::"r"(a) : "memory");
    dsb(ish);
  }
  if (!(ctr & (1UL << 29))) /* !DIC */
    __asm__ volatile("ic iallu; dsb ish; isb" ::: "memory");
}
