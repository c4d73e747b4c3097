/*
 * The kernel half of every address space, built once at boot:
 *  - PML4 256: the physmap, all RAM at PHYSMAP_BASE + pa, 2 MiB pages,
 *    read/write, never executable;
 *  - PML4 511: the image at KERNEL_VMA + pa with 4 KiB pages and per-section
 *    rights (text RX, rodata R, data/bss RW, boot stack guard unmapped), and
 *    a fixmap slot for MMIO (the LAPIC).
 * All supervisor-only and global. The boot identity map is dropped.
 */
#include <hal/mmu.h>

#include "x86.h"

extern char __image_phys_start[], __text_start[], __text_end[],
    __rodata_start[], __rodata_end[], __image_end[];
extern char x86_boot_stack_guard[];

#define IMAGE_PT_PAGES 32 /* 64 MiB of image (kernel.ld asserts it) */
#define PHYSMAP_PD_PAGES (PHYSMAP_MAX >> 30)

typedef uint64_t table_t[512];
static table_t kernel_pml4 __attribute__((aligned(4096)));
static table_t physmap_pdpt __attribute__((aligned(4096)));
static table_t physmap_pd[PHYSMAP_PD_PAGES] __attribute__((aligned(4096)));
static table_t image_pdpt __attribute__((aligned(4096)));
static table_t image_pd __attribute__((aligned(4096)));
static table_t image_pt[IMAGE_PT_PAGES] __attribute__((aligned(4096)));
static table_t fixmap_pd __attribute__((aligned(4096)));
static table_t fixmap_pt __attribute__((aligned(4096)));
static unsigned fixmap_used;

uint64_t x86_kernel_pml4_pa;
uint64_t x86_physmap_end; /* RAM below this is in the physmap */

void *hal_phys_to_virt(uint64_t pa) {
  return (void *)(PHYSMAP_BASE + pa);
}

uint64_t hal_virt_to_phys(const void *kva) {
  uint64_t va = (uint64_t)kva;
  if (va >= KERNEL_VMA)
    return va - KERNEL_VMA;
  return va - PHYSMAP_BASE;
}

const uint64_t *x86_kernel_pml4(void) {
  return kernel_pml4;
}

static uint64_t table_entry(const void *table) {
  return hal_virt_to_phys(table) | PTE_P | PTE_W;
}

static void map_physmap(const struct x86_ram *ram, unsigned nram) {
  const uint64_t big = 2ULL << 20;
  for (unsigned i = 0; i < nram; i++) {
    uint64_t start = ram[i].base & ~(big - 1);
    uint64_t end = ram[i].base + ram[i].size;
    if (end > PHYSMAP_MAX)
      end = PHYSMAP_MAX;
    end = (end + big - 1) & ~(big - 1);
    for (uint64_t pa = start; pa < end; pa += big) {
      uint64_t gib = pa >> 30;
      physmap_pd[gib][(pa >> 21) & 511] = pa | PTE_P | PTE_W | PTE_PS |
                                          PTE_A | PTE_D | PTE_G | x86_nx_bit;
      physmap_pdpt[gib] = table_entry(physmap_pd[gib]);
    }
    if (end > x86_physmap_end)
      x86_physmap_end = end;
  }
  kernel_pml4[256] = table_entry(physmap_pdpt);
}

static void map_image(void) {
  uint64_t start = (uint64_t)__image_phys_start;
  uint64_t end = hal_virt_to_phys(__image_end);
  if (end > (uint64_t)IMAGE_PT_PAGES * 512 * HAL_PAGE_SIZE)
    hal_panic("kernel image larger than its page table pool", 0);
  for (uint64_t pa = start; pa < end; pa += HAL_PAGE_SIZE) {
    uint64_t va = KERNEL_VMA + pa;
    uint64_t flags = PTE_P | PTE_G | PTE_A;
    if (va >= (uint64_t)__text_start && va < (uint64_t)__text_end)
      ; /* read + execute */
    else if (va >= (uint64_t)__rodata_start && va < (uint64_t)__rodata_end)
      flags |= x86_nx_bit;
    else if (va == (uint64_t)x86_boot_stack_guard)
      continue; /* a boot stack overflow faults instead of corrupting */
    else
      flags |= PTE_W | PTE_D | x86_nx_bit;
    uint64_t pti = pa >> 12;
    image_pt[pti / 512][pti % 512] = pa | flags;
    image_pd[(pa >> 21) & 511] = table_entry(image_pt[pti / 512]);
  }
  image_pdpt[510] = table_entry(image_pd);
  image_pdpt[511] = table_entry(fixmap_pd);
  fixmap_pd[0] = table_entry(fixmap_pt);
  kernel_pml4[511] = table_entry(image_pdpt);
}

void *x86_fixmap(uint64_t pa) {
  if (fixmap_used >= 512)
    hal_panic("fixmap full", pa);
  unsigned slot = fixmap_used++;
  fixmap_pt[slot] = (pa & PTE_ADDR) | PTE_P | PTE_W | PTE_PCD | PTE_PWT |
                    PTE_G | PTE_A | PTE_D | x86_nx_bit;
  uint64_t va = FIXMAP_BASE + (uint64_t)slot * HAL_PAGE_SIZE;
  invlpg(va);
  return (void *)(va + (pa & (HAL_PAGE_SIZE - 1)));
}

void x86_paging_setup(const struct x86_ram *ram, unsigned nram) {
  map_physmap(ram, nram);
  map_image();
  x86_kernel_pml4_pa = hal_virt_to_phys(kernel_pml4);
  write_cr3(x86_kernel_pml4_pa);
  /* Global entries survive a CR3 write; toggling PGE drops them all. */
  uint64_t cr4 = read_cr4();
  write_cr4(cr4 & ~CR4_PGE);
  write_cr4(cr4);
}
