/*
 * PVH entry and the switch to 64-bit mode.
 *
 * QEMU (-kernel) finds XEN_ELFNOTE_PHYS32_ENTRY below and enters
 * pvh_start32 in 32-bit protected mode, paging off, flat segments, %ebx =
 * physical address of struct hvm_start_info. This file runs at physical
 * addresses (its sections are linked at their load address, see kernel.ld):
 * it zeroes the .bss, builds throw-away page tables (identity map of the low
 * 4 GiB for reading start_info, plus the kernel's high mapping), enables
 * long mode and jumps to x86_boot_main() in the higher half, which builds
 * the real tables. No stack and no calls here, so no faults can nest.
 */
#define EARLY_PAGE_FLAGS 0x83 /* present, writable, 2 MiB page */
#define TABLE_FLAGS 0x03      /* present, writable */

  .section .note.Xen, "a", @note
  .balign 4
  .long 4            /* name size: "Xen\0" */
  .long 4            /* descriptor size */
  .long 18           /* XEN_ELFNOTE_PHYS32_ENTRY */
  .asciz "Xen"
  .long pvh_start32  /* 32-bit physical entry */

  .section .boot.text, "ax"
  .code32
  .globl pvh_start32
pvh_start32:
  cli
  cld
  /* The clock counts from here: take the TSC before anything else. */
  movl %ebx, %esi
  rdtsc
  movl %eax, boot_tsc
  movl %edx, boot_tsc + 4
  movl %esi, boot_start_info

  /* Long mode and PAE are required; without them say so and power off. */
  movl $0x80000000, %eax
  cpuid
  cmpl $0x80000001, %eax
  jb no_long_mode
  movl $0x80000001, %eax
  cpuid
  btl $29, %edx
  jnc no_long_mode
  movl %edx, %ebp        /* keep the NX bit (20) for EFER below */

  /* Zero both .bss areas (the loader may or may not have). */
  xorl %eax, %eax
  movl $__boot_bss_start, %edi
  movl $__boot_bss_end, %ecx
  subl %edi, %ecx
  shrl $2, %ecx
  rep stosl
  movl $__bss_phys_start, %edi
  movl $__bss_phys_end, %ecx
  subl %edi, %ecx
  shrl $2, %ecx
  rep stosl

  /* 2048 2 MiB pages: identity map of [0, 4 GiB). */
  movl $early_pd, %edi
  movl $EARLY_PAGE_FLAGS, %eax
  movl $2048, %ecx
1:
  movl %eax, (%edi)
  addl $0x200000, %eax
  addl $8, %edi
  loop 1b

  movl $(early_pd + TABLE_FLAGS), %eax
  movl %eax, early_pdpt_low
  addl $4096, %eax
  movl %eax, early_pdpt_low + 8
  addl $4096, %eax
  movl %eax, early_pdpt_low + 16
  addl $4096, %eax
  movl %eax, early_pdpt_low + 24
  /* 0xffffffff80000000 (PML4 511, PDPT 510) -> physical 0, first GiB. */
  movl $(early_pd + TABLE_FLAGS), early_pdpt_high + 510 * 8
  movl $(early_pdpt_low + TABLE_FLAGS), early_pml4
  movl $(early_pdpt_high + TABLE_FLAGS), early_pml4 + 511 * 8

  movl %cr4, %eax
  orl $0x20, %eax        /* PAE */
  movl %eax, %cr4
  movl $early_pml4, %eax
  movl %eax, %cr3
  movl $0xc0000080, %ecx /* EFER */
  rdmsr
  orl $0x100, %eax       /* LME */
  btl $20, %ebp
  jnc 2f
  orl $0x800, %eax       /* NXE */
2:
  wrmsr
  movl %cr0, %eax
  orl $0x80010021, %eax  /* PG, WP, NE, PE */
  movl %eax, %cr0
  lgdt boot_gdt_ptr
  ljmp $0x10, $start64

no_long_mode:
  movl $no_lm_msg, %esi
  movl $(no_lm_msg_end - no_lm_msg), %ecx
  movw $0xe9, %dx
  rep outsb
  movw $0x501, %dx
  movw $0x7f, %ax
  outw %ax, %dx
3:
  hlt
  jmp 3b

  .code64
start64:
  movl $0x18, %eax
  movl %eax, %ds
  movl %eax, %es
  movl %eax, %ss
  xorl %eax, %eax
  movl %eax, %fs
  movl %eax, %gs
  movabsq $x86_boot_stack_top, %rsp
  movl boot_start_info(%rip), %edi
  movq boot_tsc(%rip), %rsi
  movabsq $x86_boot_main, %rax
  call *%rax
  ud2

  .section .boot.data, "aw"
  .balign 16
boot_gdt:
  .quad 0
  .quad 0x00cf9a000000ffff /* 0x08: 32-bit code (unused) */
  .quad 0x00af9a000000ffff /* 0x10: 64-bit kernel code */
  .quad 0x00cf92000000ffff /* 0x18: kernel data */
boot_gdt_end:
boot_gdt_ptr:
  .word boot_gdt_end - boot_gdt - 1
  .long boot_gdt
  .balign 8
boot_tsc:
  .quad 0
boot_start_info:
  .long 0
no_lm_msg:
  .ascii "{\"ev\":\"panic\",\"msg\":\"CPU lacks 64-bit long mode\",\"ip\":\"0x0\"}\n"
no_lm_msg_end:

  .section .boot.bss, "aw", @nobits
  .balign 4096
early_pml4:
  .skip 4096
early_pdpt_low:
  .skip 4096
early_pdpt_high:
  .skip 4096
early_pd:
  .skip 4 * 4096

  /* The boot stack, in the higher half, with an unmapped guard page below
   * it (kernel.ld keeps it first in .bss; paging.c leaves it out). */
  .section .bss.boot_stack, "aw", @nobits
  .balign 4096
  .globl x86_boot_stack_guard
x86_boot_stack_guard:
  .skip 4096
  .skip 65536
  .globl x86_boot_stack_top
x86_boot_stack_top:

  .section .note.GNU-stack, "", @progbits
