/* C side of boot (entry.S calls arm64_boot with the MMU on, running high):
 * read the DTB, build the final kernel map, find free RAM, start the
 * interrupt controller and timer, then hand over to kernel_main. */
#include <hal/hstring.h>
#include <hal/upcalls.h>

#include "arm64.h"

struct arm64_platform arm64_plat = {VIRT_GICD_PA, VIRT_GICC_PA, VIRT_PL011_PA,
                                    VIRT_PL031_PA, false};

static struct hal_boot_info boot_info;
static char cmdline[HAL_CMDLINE_MAX];
static struct hal_mem_region ram[HAL_MAX_MEM_REGIONS];
static unsigned nram;

static void add_ram(void *ctx, uint64_t base, uint64_t size) {
  (void)ctx;
  if (nram < HAL_MAX_MEM_REGIONS)
    ram[nram++] = (struct hal_mem_region){base, size};
}

/* Remove [base, end) from the free list, splitting a region if needed. */
static void carve(uint64_t base, uint64_t end) {
  base &= ~(HAL_PAGE_SIZE - 1);
  end = (end + HAL_PAGE_SIZE - 1) & ~(HAL_PAGE_SIZE - 1);
  struct hal_boot_info *bi = &boot_info;
  for (unsigned i = 0; i < bi->nmem; i++) {
    uint64_t rb = bi->mem[i].base, re = rb + bi->mem[i].size;
    if (end <= rb || base >= re)
      continue;
    if (base > rb && end < re) { /* split in two */
      if (bi->nmem < HAL_MAX_MEM_REGIONS) {
        bi->mem[bi->nmem++] = (struct hal_mem_region){end, re - end};
      }
      bi->mem[i].size = base - rb;
    } else if (base > rb) {
      bi->mem[i].size = base - rb;
    } else if (end < re) {
      bi->mem[i] = (struct hal_mem_region){end, re - end};
    } else {
      bi->mem[i--] = bi->mem[--bi->nmem]; /* gone: look at the moved one */
    }
  }
}

static void carve_reserved(void *ctx, uint64_t base, uint64_t size) {
  (void)ctx;
  carve(base, base + size);
}

static void read_cmdline(const void *fdt) {
  uint32_t len = 0;
  const char *args = fdt_getprop(fdt, "/chosen", "bootargs", &len);
  size_t n = 0;
  if (args) {
    while (n < len && args[n] != '\0')
      n++;
    if (n > HAL_CMDLINE_MAX - 1) {
      n = HAL_CMDLINE_MAX - 1;
      boot_info.cmdline_truncated = true;
    }
    hal_memcpy(cmdline, args, n);
  }
  cmdline[n] = '\0';
  boot_info.cmdline = cmdline;
}

static void read_devices(const void *fdt) {
  uint64_t a;
  if (fdt_compat_reg(fdt, "arm,cortex-a15-gic", 0, &a))
    arm64_plat.gicd = a;
  if (fdt_compat_reg(fdt, "arm,cortex-a15-gic", 1, &a))
    arm64_plat.gicc = a;
  if (fdt_compat_reg(fdt, "arm,pl011", 0, &a))
    arm64_plat.pl011 = a;
  if (fdt_compat_reg(fdt, "arm,pl031", 0, &a))
    arm64_plat.pl031 = a;
  uint32_t len;
  const char *method = fdt_getprop(fdt, "/psci", "method", &len);
  arm64_plat.psci_smc = method && len >= 3 && method[0] == 's';
}

/* The DTB: x0 if a loader passed one, else where QEMU puts it for an ELF
 * (start of RAM). Only the boot map (the kernel's GiB) is reachable yet. */
static const void *find_dtb(uint64_t x0) {
  uint64_t gib = kva_to_pa(_kernel_start) & ~((1UL << 30) - 1);
  uint64_t candidates[2] = {x0, VIRT_DTB_PA};
  for (unsigned i = 0; i < 2; i++) {
    uint64_t pa = candidates[i];
    if (pa >= gib && pa + 64 <= gib + (1UL << 30) && !(pa & 7) &&
        fdt_valid(pa_to_kva(pa)))
      return pa_to_kva(pa);
  }
  hal_panic("no device tree at x0 or at the start of RAM", x0);
}

static void cpu_features(void) {
  /* FP/SIMD usable at EL0 and EL1 without traps (kernel C never uses it). */
  write_sysreg(cpacr_el1, 3UL << 20);
  isb();
  /* PAN: the kernel must never touch user memory directly; make the CPU
   * enforce it where it can (ARMv8.1+; cortex-a57 has none). */
  if ((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) {
    uint64_t sctlr = read_sysreg(sctlr_el1);
    write_sysreg(sctlr_el1, sctlr & ~(1UL << 23)); /* SPAN=0: set on entry */
    __asm__ volatile(".inst 0xd500419f" ::: "memory"); /* msr pan, #1 */
    isb();
  }
}

void arm64_boot(uint64_t counter, uint64_t x0) {
  arm64_boot_counter = counter;
  const void *fdt = find_dtb(x0);
  uint64_t fdt_pa = kva_to_pa(fdt);
  if (fdt_memory(fdt, add_ram, NULL) == 0)
    hal_panic("device tree has no /memory", fdt_pa);
  read_devices(fdt);
  kmap_build(ram, nram);

  boot_info.arch = "arm64";
  read_cmdline(fdt);
  /* Free RAM = what the physmap covers, minus image, DTB and reservations.
   * The HAL's page tables and boot stack are in the image's BSS. */
  for (unsigned i = 0; i < nram; i++) {
    uint64_t b = (ram[i].base + (2UL << 20) - 1) & ~((2UL << 20) - 1);
    uint64_t e = (ram[i].base + ram[i].size) & ~((2UL << 20) - 1);
    if (b < e && boot_info.nmem < HAL_MAX_MEM_REGIONS)
      boot_info.mem[boot_info.nmem++] = (struct hal_mem_region){b, e - b};
  }
  carve(kva_to_pa(_kernel_start), kva_to_pa(_kernel_end));
  carve(fdt_pa, fdt_pa + fdt_total_size(fdt));
  fdt_reserved(fdt, carve_reserved, NULL);
  if (boot_info.nmem == 0)
    hal_panic("no free RAM", 0);

  cpu_features();
  gic_init();
  timer_boot_init();
  arm64_kernel_started = true;
  kernel_main(&boot_info);
}
