/* The CPU's own tables and modes: GDT (laid out for SYSCALL/SYSRET), TSS
 * (rsp0 and IST stacks), IDT, and the control registers and MSRs. */
#include "x86.h"

struct x86_features x86_cpu;
uint64_t x86_nx_bit;

/* Selectors follow Linux (regs.h): STAR needs user data right below user
 * code, and the 32-bit user code slot right below that. */
enum {
  GDT_KCODE32 = 1,
  GDT_KCODE = 2, /* 0x10 */
  GDT_KDATA = 3, /* 0x18 */
  GDT_UCODE32 = 4,
  GDT_UDATA = 5, /* 0x28 | 3 = 0x2b */
  GDT_UCODE = 6, /* 0x30 | 3 = 0x33 */
  GDT_TSS = 7,   /* 16 bytes: slots 7 and 8 */
  GDT_ENTRIES = 9,
};

struct tss {
  uint32_t reserved0;
  uint64_t rsp[3];
  uint64_t reserved1;
  uint64_t ist[7];
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t iomap_base;
} __attribute__((packed));

struct idt_gate {
  uint16_t off_lo;
  uint16_t sel;
  uint8_t ist;
  uint8_t type;
  uint16_t off_mid;
  uint32_t off_hi;
  uint32_t reserved;
} __attribute__((packed));

struct table_ptr {
  uint16_t limit;
  uint64_t base;
} __attribute__((packed));

static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16))) = {
    [GDT_KCODE32] = 0x00cf9a000000ffffULL,
    [GDT_KCODE] = 0x00af9a000000ffffULL,
    [GDT_KDATA] = 0x00cf92000000ffffULL,
    [GDT_UCODE32] = 0x00cffa000000ffffULL,
    [GDT_UDATA] = 0x00cff2000000ffffULL,
    [GDT_UCODE] = 0x00affa000000ffffULL,
};
static struct tss tss __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));

/* IST stacks: 1 double fault, 2 NMI, 3 machine check. A fault on a broken
 * kernel stack still gets a good stack for its panic record. */
#define IST_SIZE 8192
static uint8_t ist_stacks[3][IST_SIZE] __attribute__((aligned(16)));

void x86_cpu_features(void) {
  struct cpuid l0 = cpuid(0, 0);
  struct cpuid l1 = cpuid(1, 0);
  x86_cpu.rdrand = (l1.c >> 30) & 1;
  x86_cpu.x2apic = (l1.c >> 21) & 1;
  if (l0.a >= 7) {
    struct cpuid l7 = cpuid(7, 0);
    x86_cpu.smep = (l7.b >> 7) & 1;
    x86_cpu.smap = (l7.b >> 20) & 1;
  }
  struct cpuid e1 = cpuid(0x80000001, 0);
  x86_cpu.nx = (e1.d >> 20) & 1;
  x86_cpu.pdpe1gb = (e1.d >> 26) & 1;
  x86_nx_bit = x86_cpu.nx ? PTE_NX : 0;
}

static void set_gate(unsigned vec, unsigned ist, unsigned dpl) {
  uint64_t off = (uint64_t)(x86_vectors + vec * X86_STUB_SIZE);
  idt[vec] = (struct idt_gate){
      .off_lo = (uint16_t)off,
      .sel = HAL_X86_KERNEL_CS,
      .ist = (uint8_t)ist,
      .type = (uint8_t)(0x8e | (dpl << 5)), /* present interrupt gate */
      .off_mid = (uint16_t)(off >> 16),
      .off_hi = (uint32_t)(off >> 32),
  };
}

static void load_tables(void) {
  uint64_t base = (uint64_t)&tss;
  uint64_t limit = sizeof tss - 1;
  gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
                 (0x89ULL << 40) /* present, available 64-bit TSS */ |
                 (((base >> 24) & 0xff) << 56);
  gdt[GDT_TSS + 1] = base >> 32;

  struct table_ptr gp = {sizeof gdt - 1, (uint64_t)gdt};
  struct table_ptr ip = {sizeof idt - 1, (uint64_t)idt};
  __asm__ volatile("lgdt %0\n\t"
                   "pushq %1\n\t"
                   "leaq 1f(%%rip), %%rax\n\t"
                   "pushq %%rax\n\t"
                   "lretq\n"
                   "1:\n\t"
                   "movl %2, %%eax\n\t"
                   "movl %%eax, %%ds\n\t"
                   "movl %%eax, %%es\n\t"
                   "movl %%eax, %%ss\n\t"
                   "ltr %w3\n\t"
                   "lidt %4"
                   :
                   : "m"(gp), "i"(HAL_X86_KERNEL_CS), "i"(HAL_X86_KERNEL_DS),
                     "r"(GDT_TSS * 8), "m"(ip)
                   : "rax", "memory");
}

void x86_set_tss_rsp0(uint64_t top) {
  tss.rsp[0] = top;
}

void x86_cpu_setup(void) {
  for (unsigned v = 0; v < 256; v++)
    set_gate(v, 0, 0);
  set_gate(3, 0, 3); /* int3 from user mode is a breakpoint, not a #GP */
  set_gate(4, 0, 3); /* into */
  set_gate(0x80, 0, 3); /* the i386 syscall gate: HAL_TRAP_LEGACY_SYSCALL */
  set_gate(8, 1, 0);
  set_gate(2, 2, 0);
  set_gate(18, 3, 0);
  for (unsigned i = 0; i < 3; i++)
    tss.ist[i] = (uint64_t)(ist_stacks[i] + IST_SIZE);
  tss.iomap_base = sizeof tss; /* no I/O bitmap: user in/out faults */
  load_tables();

  /* x87/SSE on for user code (the kernel itself never touches them). */
  uint64_t cr0 = read_cr0();
  cr0 &= ~(CR0_EM | CR0_TS);
  cr0 |= CR0_MP | CR0_NE | CR0_WP | CR0_AM; /* AM: user AC works, as on Linux */
  write_cr0(cr0);
  uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_PGE;
  if (x86_cpu.smep)
    cr4 |= CR4_SMEP;
  if (x86_cpu.smap)
    cr4 |= CR4_SMAP;
  write_cr4(cr4);
  hal_fpu_reset();

  uint64_t efer = rdmsr(MSR_EFER) | EFER_SCE;
  if (x86_cpu.nx)
    efer |= EFER_NXE;
  wrmsr(MSR_EFER, efer);
  /* SYSRET: cs = STAR[63:48] + 16, ss = + 8, both with RPL 3. */
  wrmsr(MSR_STAR, ((uint64_t)(GDT_UCODE32 * 8 | 3) << 48) |
                      ((uint64_t)HAL_X86_KERNEL_CS << 32));
  wrmsr(MSR_LSTAR, (uint64_t)x86_syscall_entry);
  /* Clear IF, DF, TF, AC and NT on entry. */
  wrmsr(MSR_FMASK, (1u << 9) | (1u << 10) | (1u << 8) | (1u << 18) |
                       (1u << 14));
  wrmsr(MSR_FS_BASE, 0);
}
