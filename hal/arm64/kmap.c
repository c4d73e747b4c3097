/* The kernel half of every address space (TTBR1): all RAM at PHYS_OFFSET + pa
 * with 2 MiB blocks (the kernel image is part of it), and the few device
 * blocks we use, Device-nGnRE. Tables come from a static pool in BSS, so
 * they are inside the kernel image and never handed to libos. */
#include "arm64.h"
#include "pte.h"

#define POOL_PAGES 64 /* L0 + L1s + one L2 per GiB of RAM: ~60 GiB */
#define BLOCK_2M (2UL << 20)
#define BLOCK_NORMAL (DESC_BLOCK | ATTR_IDX_NORMAL | ATTR_SH_INNER | ATTR_AF | ATTR_UXN)
#define BLOCK_DEVICE (DESC_BLOCK | ATTR_IDX_DEVICE | ATTR_AF | ATTR_UXN | ATTR_PXN)

static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned pool_used;
static uint64_t *l0;
static uint64_t empty_l0_pa;

struct covered {
  uint64_t base, end;
};
static struct covered covered[HAL_MAX_MEM_REGIONS];
static unsigned ncovered;

void arm64_switch_ttbr1(uint64_t table_pa);

static uint64_t *pool_page(void) {
  if (pool_used == POOL_PAGES)
    hal_panic("kernel page-table pool exhausted (too much RAM)", 0);
  return pool[pool_used++]; /* BSS: already zero */
}

/* The L2 table covering kernel VA `va`, created on demand. */
static uint64_t *l2_for(uint64_t va) {
  uint64_t *l1, *l2;
  unsigned i0 = (va >> 39) & 511, i1 = (va >> 30) & 511;
  if (!(l0[i0] & DESC_VALID)) {
    l1 = pool_page();
    l0[i0] = kva_to_pa(l1) | DESC_TABLE;
  } else {
    l1 = pa_to_kva(l0[i0] & DESC_ADDR);
  }
  if (!(l1[i1] & DESC_VALID)) {
    l2 = pool_page();
    l1[i1] = kva_to_pa(l2) | DESC_TABLE;
  } else {
    l2 = pa_to_kva(l1[i1] & DESC_ADDR);
  }
  return l2;
}

static void map_block(uint64_t pa, uint64_t attrs) {
  uint64_t va = PHYS_OFFSET + pa;
  l2_for(va)[(va >> 21) & 511] = (pa & ~(BLOCK_2M - 1)) | attrs;
}

void kmap_build(const struct hal_mem_region *ram, unsigned nram) {
  l0 = pool_page();
  empty_l0_pa = kva_to_pa(pool_page());
  for (unsigned i = 0; i < nram; i++) {
    uint64_t b = (ram[i].base + BLOCK_2M - 1) & ~(BLOCK_2M - 1);
    uint64_t e = (ram[i].base + ram[i].size) & ~(BLOCK_2M - 1);
    for (uint64_t pa = b; pa < e; pa += BLOCK_2M)
      map_block(pa, BLOCK_NORMAL);
    if (b < e && ncovered < HAL_MAX_MEM_REGIONS)
      covered[ncovered++] = (struct covered){b, e};
  }
  uint64_t dev[] = {arm64_plat.gicd, arm64_plat.gicc, arm64_plat.pl011,
                    arm64_plat.pl031};
  for (unsigned i = 0; i < sizeof(dev) / sizeof(dev[0]); i++)
    map_block(dev[i], BLOCK_DEVICE);
  /* The running image must be inside what we just mapped. */
  if (!kmap_covers(kva_to_pa(_kernel_start),
                   (uint64_t)(_kernel_end - _kernel_start)))
    hal_panic("kernel image outside the RAM the DTB lists",
              (uint64_t)_kernel_start);
  void (*sw)(uint64_t) = (void (*)(uint64_t))kva_to_pa((void *)arm64_switch_ttbr1);
  sw(kva_to_pa(l0));
  /* The boot identity map is no longer needed: kernel NULL derefs fault. */
  write_sysreg(ttbr0_el1, empty_l0_pa);
  isb();
  __asm__ volatile("tlbi vmalle1; dsb nsh; isb" ::: "memory");
}

bool kmap_covers(uint64_t pa, uint64_t size) {
  for (unsigned i = 0; i < ncovered; i++)
    if (pa >= covered[i].base && pa + size <= covered[i].end)
      return true;
  return false;
}

uint64_t kmap_empty_ttbr0(void) { return empty_l0_pa; }

void *hal_phys_to_virt(uint64_t pa) { return pa_to_kva(pa); }

uint64_t hal_virt_to_phys(const void *kva) { return kva_to_pa(kva); }
