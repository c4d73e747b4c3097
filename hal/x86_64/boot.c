/*
 * From boot32.S to kernel_main(): CPU tables, console, the PVH start info
 * (command line and memory map, copied before the boot identity map goes),
 * the kernel's page tables, clock and timer, and the free RAM list.
 */
#include <hal/upcalls.h>

#include "x86.h"

#define PVH_MAGIC 0x336ec578u
#define E820_RAM 1
#define MAX_RAM 64

/* Xen's struct hvm_start_info (version 1) and its memory map entries. */
struct hvm_start_info {
  uint32_t magic, version, flags, nr_modules;
  uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
  uint64_t memmap_paddr;
  uint32_t memmap_entries, reserved;
};
struct hvm_memmap_entry {
  uint64_t addr, size;
  uint32_t type, reserved;
};

extern char __image_phys_start[], __image_end[], x86_boot_stack_top[];

static struct hal_boot_info boot_info;
static char cmdline[HAL_CMDLINE_MAX];
static struct x86_ram ram[MAX_RAM];
static unsigned nram;

/* Physical ranges libos must not get, besides what lies outside RAM. */
static struct x86_ram reserved[8];
static unsigned nreserved;

static void reserve(uint64_t base, uint64_t size) {
  if (size && nreserved < sizeof reserved / sizeof reserved[0])
    reserved[nreserved++] = (struct x86_ram){base, size};
}

static void add_free(uint64_t base, uint64_t end, unsigned from) {
  for (unsigned i = from; i < nreserved; i++) {
    uint64_t rb = reserved[i].base, re = rb + reserved[i].size;
    if (re <= base || rb >= end)
      continue;
    if (rb > base)
      add_free(base, rb, i + 1);
    if (re < end)
      add_free(re, end, i + 1);
    return;
  }
  base = (base + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1);
  end &= ~(HAL_PAGE_SIZE - 1);
  if (end <= base || boot_info.nmem >= HAL_MAX_MEM_REGIONS)
    return;
  boot_info.mem[boot_info.nmem++] = (struct hal_mem_region){base, end - base};
}

/* Reads the start info through the boot identity map (low 4 GiB). */
static void read_start_info(uint32_t pa) {
  const struct hvm_start_info *si = (const void *)(uint64_t)pa;
  if (!pa || si->magic != PVH_MAGIC)
    hal_panic("no PVH start info (bad magic)", pa);
  reserve(pa, sizeof *si);

  size_t n = 0;
  if (si->cmdline_paddr && si->cmdline_paddr < (4ULL << 30)) {
    const char *src = (const char *)si->cmdline_paddr;
    while (src[n] && n < HAL_CMDLINE_MAX - 1) {
      cmdline[n] = src[n];
      n++;
    }
    boot_info.cmdline_truncated = src[n] != '\0';
    reserve(si->cmdline_paddr, n + 1);
  }
  cmdline[n] = '\0';

  if (si->version < 1 || !si->memmap_paddr || !si->memmap_entries)
    hal_panic("PVH start info has no memory map", si->version);
  const struct hvm_memmap_entry *mm = (const void *)si->memmap_paddr;
  reserve(si->memmap_paddr, (uint64_t)si->memmap_entries * sizeof *mm);
  for (uint32_t i = 0; i < si->memmap_entries && nram < MAX_RAM; i++)
    if (mm[i].type == E820_RAM && mm[i].size)
      ram[nram++] = (struct x86_ram){mm[i].addr, mm[i].size};
  if (!nram)
    hal_panic("PVH memory map lists no RAM", si->memmap_entries);
}

void x86_boot_main(uint32_t start_info_pa, uint64_t tsc0)
    __attribute__((noreturn));
void x86_boot_main(uint32_t start_info_pa, uint64_t tsc0) {
  x86_boot_tsc = tsc0;
  x86_cpu_features();
  x86_cpu_setup(); /* faults from here on end in a panic record */
  x86_console_init();
  read_start_info(start_info_pa);
  x86_paging_setup(ram, nram);
  x86_clock_init();
  x86_lapic_init();

  reserve(0, 1ULL << 20); /* real-mode era: firmware, tables, holes */
  reserve((uint64_t)__image_phys_start,
          hal_virt_to_phys(__image_end) - (uint64_t)__image_phys_start);
  for (unsigned i = 0; i < nram; i++) {
    uint64_t end = ram[i].base + ram[i].size;
    if (end > x86_physmap_end)
      end = x86_physmap_end; /* libos reaches RAM only via the physmap */
    if (ram[i].base < end)
      add_free(ram[i].base, end, 0);
  }
  boot_info.arch = "x86_64";
  boot_info.cmdline = cmdline;
  hal_set_kernel_stack(x86_boot_stack_top);
  x86_kernel_started = true;
  kernel_main(&boot_info);
}
