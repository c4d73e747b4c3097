/*
 * The machine side of x86-64 user address spaces (hal/common/pt_arch.h);
 * hal/common/mmu.c does the rest. PML4 slots 0-255 are the user's; 256-511
 * are the kernel half, copied into every root and never changed. No PCIDs:
 * a CR3 write flushes all non-global entries, so an inactive space has
 * nothing in the TLB.
 */
#include "pt_arch.h"
#include "x86.h"

void pt_arch_root_init(pte_t *root) {
  const uint64_t *k = x86_kernel_pml4();
  for (unsigned i = 256; i < 512; i++)
    root[i] = k[i];
}

void pt_arch_load(uint64_t root_pa) {
  uint64_t pa = root_pa ? root_pa : x86_kernel_pml4_pa;
  if (read_cr3() != pa)
    write_cr3(pa);
}

void pt_arch_flush_page(uint64_t va, bool active) {
  if (active)
    invlpg(va);
}

void pt_arch_sync_exec(uint64_t pa) {
  (void)pa; /* instruction fetch snoops data writes on x86 */
}
