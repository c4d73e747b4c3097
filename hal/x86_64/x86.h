/* x86-64 HAL internals shared by its files: the memory layout, port and
 * MSR access, CPUID, and the calls between HAL files. Not seen by libos. */
#ifndef HAL_X86_64_X86_H
#define HAL_X86_64_X86_H

#include <hal/cpu.h>
#include <hal/hal.h>
#include <hal/hstring.h>
#include <hal/mmu.h>

#include "pte.h"

/* ---- Memory layout (must match kernel.ld) ---- */
#define KERNEL_VMA 0xffffffff80000000ULL  /* virtual = physical + this */
#define PHYSMAP_BASE 0xffff800000000000ULL /* all RAM, PML4 slot 256 */
#define PHYSMAP_MAX (64ULL << 30)          /* physmap covers RAM below this */
#define FIXMAP_BASE 0xffffffffc0000000ULL  /* MMIO pages (the LAPIC) */

/* ---- Control registers and MSRs ---- */
#define CR0_WP (1ULL << 16)
#define CR0_MP (1ULL << 1)
#define CR0_EM (1ULL << 2)
#define CR0_TS (1ULL << 3)
#define CR0_NE (1ULL << 5)
#define CR0_AM (1ULL << 18)
#define CR4_PGE (1ULL << 7)
#define CR4_OSFXSR (1ULL << 9)
#define CR4_OSXMMEXCPT (1ULL << 10)
#define CR4_SMEP (1ULL << 20)
#define CR4_SMAP (1ULL << 21)
#define MSR_APIC_BASE 0x1b
#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define EFER_SCE (1ULL << 0)
#define EFER_NXE (1ULL << 11)

/* ---- Vectors ---- */
#define VEC_TIMER 0x20
#define VEC_PIC_BASE 0x30 /* the legacy PICs, remapped here and masked */
#define VEC_SPURIOUS 0xff

static inline void outb(uint16_t port, uint8_t v) {
  __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outw(uint16_t port, uint16_t v) {
  __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port) {
  uint8_t v;
  __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}
static inline uint64_t rdmsr(uint32_t msr) {
  uint32_t lo, hi;
  __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
  return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v) {
  __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
                   "d"((uint32_t)(v >> 32)) : "memory");
}
static inline uint64_t rdtsc(void) {
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
}
struct cpuid {
  uint32_t a, b, c, d;
};
static inline struct cpuid cpuid(uint32_t leaf, uint32_t sub) {
  struct cpuid r;
  __asm__ volatile("cpuid"
                   : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
                   : "a"(leaf), "c"(sub));
  return r;
}
static inline uint64_t read_cr0(void) {
  uint64_t v;
  __asm__ volatile("mov %%cr0, %0" : "=r"(v));
  return v;
}
static inline void write_cr0(uint64_t v) {
  __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}
static inline uint64_t read_cr2(void) {
  uint64_t v;
  __asm__ volatile("mov %%cr2, %0" : "=r"(v));
  return v;
}
static inline uint64_t read_cr3(void) {
  uint64_t v;
  __asm__ volatile("mov %%cr3, %0" : "=r"(v));
  return v;
}
static inline void write_cr3(uint64_t v) {
  __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}
static inline uint64_t read_cr4(void) {
  uint64_t v;
  __asm__ volatile("mov %%cr4, %0" : "=r"(v));
  return v;
}
static inline void write_cr4(uint64_t v) {
  __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}
static inline void invlpg(uint64_t va) {
  __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* ---- Between HAL files ---- */

/* CPU features found at boot (cpu_setup.c). */
struct x86_features {
  bool nx, smep, smap, rdrand, x2apic, pdpe1gb;
};
extern struct x86_features x86_cpu;

/* TSC at the kernel's first instruction (boot32.S). */
extern uint64_t x86_boot_tsc;
/* Set once kernel_main has been called: traps go up from then on. */
extern bool x86_kernel_started;

void x86_cpu_features(void);       /* fill x86_cpu */
void x86_cpu_setup(void);          /* GDT, TSS, IDT, CR0/CR4/EFER, MSRs */
/* A RAM range from the firmware's memory map. */
struct x86_ram {
  uint64_t base, size;
};
/* Build the kernel half (physmap of `ram`, the image) and switch to it. */
void x86_paging_setup(const struct x86_ram *ram, unsigned nram);
const uint64_t *x86_kernel_pml4(void); /* entries 256-511 are shared */
extern uint64_t x86_kernel_pml4_pa;
extern uint64_t x86_physmap_end; /* RAM at or above is not in the physmap */
void *x86_fixmap(uint64_t pa);     /* map an uncached MMIO page */
void x86_console_init(void);
void x86_clock_init(void);         /* TSC calibration and the RTC */
void x86_lapic_init(void);
void x86_lapic_eoi(void);

/* Entry points in entry.S. */
extern char x86_vectors[]; /* 256 stubs, X86_STUB_SIZE bytes apart */
#define X86_STUB_SIZE 16
void x86_syscall_entry(void);
void x86_return_to(const struct hal_regs *r) __attribute__((noreturn));
extern uint64_t x86_syscall_kstack; /* kernel stack top for `syscall` */
void x86_set_tss_rsp0(uint64_t top);

/* Called from entry.S. */
void x86_interrupt(uint64_t vector, struct hal_regs *r);
int x86_prepare_user_return(struct hal_regs *r);

#endif
