/* Private to hal/arm64: memory layout, sysreg access, and the pieces' internal
 * interfaces. Nothing outside hal/arm64 includes this. */
#ifndef HAL_ARM64_PRIVATE_H
#define HAL_ARM64_PRIVATE_H

#include <hal/hal.h>
#include <hal/cpu.h>

/* The kernel half: VA = PHYS_OFFSET + PA for all RAM, the devices and the
 * kernel image itself (linked at PHYS_OFFSET + its load address). */
#define PHYS_OFFSET 0xffff000000000000UL

/* Defaults for QEMU virt, overridden by what the DTB says. */
#define VIRT_GICD_PA 0x08000000UL
#define VIRT_GICC_PA 0x08010000UL
#define VIRT_PL011_PA 0x09000000UL
#define VIRT_PL031_PA 0x09010000UL
#define VIRT_DTB_PA 0x40000000UL

#define TIMER_INTID 27 /* EL1 virtual timer PPI (architectural) */

#define read_sysreg(r)                                                         \
  ({                                                                           \
    uint64_t v_;                                                               \
    __asm__ volatile("mrs %0, " #r : "=r"(v_));                                \
    v_;                                                                        \
  })
#define write_sysreg(r, v)                                                     \
  __asm__ volatile("msr " #r ", %0" ::"r"((uint64_t)(v)) : "memory")
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")

static inline void *pa_to_kva(uint64_t pa) { return (void *)(pa + PHYS_OFFSET); }
static inline uint64_t kva_to_pa(const void *kva) {
  return (uint64_t)kva - PHYS_OFFSET;
}

static inline uint32_t mmio_read32(uint64_t pa) {
  return *(volatile uint32_t *)pa_to_kva(pa);
}
static inline void mmio_write32(uint64_t pa, uint32_t v) {
  *(volatile uint32_t *)pa_to_kva(pa) = v;
}

/* Linker symbols (kernel.ld). */
extern char _kernel_start[], _kernel_end[];

/* Device addresses found at boot (boot.c). */
struct arm64_platform {
  uint64_t gicd, gicc, pl011, pl031;
  bool psci_smc; /* PSCI conduit: smc instead of hvc */
};
extern struct arm64_platform arm64_plat;

/* Counter value at the first instruction (entry.S stores it). */
extern uint64_t arm64_boot_counter;

/* Set once kernel_main is about to run: before it, exceptions are fatal and
 * reported by the HAL itself. */
extern bool arm64_kernel_started;

/* semihost.c */
#define SEMIHOST_HLT_INSN 0xd45e0000u /* hlt #0xf000 */
void semihost_disable(void); /* the hlt trapped: no semihosting here */
void semihost_write(const void *buf, size_t len);
void semihost_exit(uint8_t code);

/* kmap.c: the kernel half (TTBR1): physmap of `nram` RAM ranges + devices. */
void kmap_build(const struct hal_mem_region *ram, unsigned nram);
/* The 2 MiB-granular physmap actually built, to clip free regions to. */
bool kmap_covers(uint64_t pa, uint64_t size);
/* An empty top-level table for TTBR0 when no user space is active. */
uint64_t kmap_empty_ttbr0(void);

/* gic.c */
void gic_init(void);
void gic_enable(unsigned intid);
unsigned gic_ack(void); /* returns INTID, 1023 when spurious */
void gic_eoi(unsigned intid);

/* timer.c: called by trap.c for each IRQ; false when not the timer. */
bool timer_handle_irq(unsigned intid, struct hal_regs *r);
void timer_boot_init(void);

/* fdt.c: a minimal flattened device tree reader. */
bool fdt_valid(const void *fdt);
uint32_t fdt_total_size(const void *fdt);
/* Calls fn for each /memory reg range. Returns the number found. */
unsigned fdt_memory(const void *fdt,
                    void (*fn)(void *ctx, uint64_t base, uint64_t size),
                    void *ctx);
/* Calls fn for each entry of the memory reservation block. */
void fdt_reserved(const void *fdt,
                  void (*fn)(void *ctx, uint64_t base, uint64_t size),
                  void *ctx);
/* Property `name` of the node at `path` (e.g. "/chosen"); NULL if absent. */
const void *fdt_getprop(const void *fdt, const char *path, const char *name,
                        uint32_t *len);
/* First reg entry #index of the first node whose "compatible" contains
 * `compat` (root-level nodes, 2 address + 2 size cells). */
bool fdt_compat_reg(const void *fdt, const char *compat, unsigned index,
                    uint64_t *base);

#endif
