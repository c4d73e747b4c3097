/*
 * First instructions. QEMU enters at the physical e_entry with the MMU off,
 * at EL1 (EL2 with virtualization=on: we drop to EL1). We record the counter,
 * clear BSS, map the kernel's 1 GiB of RAM and the low device GiB with block
 * entries in a boot table used for both halves, turn the MMU on, jump to the
 * high (TTBR1) link address and continue in C (boot.c, arm64_boot).
 */
#define PHYS_OFFSET 0xffff000000000000
#define MAIR_VALUE 0x04ff            /* attr0 normal WB, attr1 Device-nGnRE */
#define TCR_VALUE 0x20b5103510       /* 48-bit both halves, 4K, WB, ISH, TBI0 */
#define SCTLR_MMU_OFF 0x30d00800     /* RES1 bits only */
#define SCTLR_VALUE 0x34d5d81d       /* M C I SA SA0 DZE UCT nTWI nTWE UCI */
#define BLOCK_NORMAL 0x0040000000000701 /* AF, ISH, attr0, UXN, EL1 RW */
#define BLOCK_DEVICE 0x0060000000000405 /* AF, attr1, UXN PXN, EL1 RW */

  .section .text.boot, "ax"
  .globl _start
_start:
  mrs x19, cntvct_el0 /* the clock counts from here */
  mov x20, x0         /* a DTB pointer if a loader passed one */
  adr x1, early_vectors
  mrs x2, CurrentEL
  cmp x2, #(2 << 2)
  b.ne at_el1
  /* EL2: AArch64 EL1, counters open to EL1, no virtual offset, then eret. */
  msr vbar_el2, x1
  mov x2, #(1 << 31)
  msr hcr_el2, x2
  mrs x2, cnthctl_el2
  orr x2, x2, #3
  msr cnthctl_el2, x2
  msr cntvoff_el2, xzr
  mov x2, #0x3c5 /* EL1h, DAIF masked */
  msr spsr_el2, x2
  adr x2, at_el1
  msr elr_el2, x2
  eret
at_el1:
  msr daifset, #0xf
  msr vbar_el1, x1
  ldr x2, =SCTLR_MMU_OFF
  msr sctlr_el1, x2
  isb
  adrp x1, boot_stack_top
  add x1, x1, :lo12:boot_stack_top
  mov sp, x1

  /* BSS (16-byte aligned by kernel.ld); the boot tables live in it. */
  adrp x1, __bss_start
  add x1, x1, :lo12:__bss_start
  adrp x2, __bss_end
  add x2, x2, :lo12:__bss_end
1: cmp x1, x2
  b.hs 2f
  stp xzr, xzr, [x1], #16
  b 1b
2:
  /* boot_l0[0] -> boot_l1; boot_l1[0] = device GiB; boot_l1[kernel GiB]. */
  adrp x1, boot_l0
  adrp x2, boot_l1
  orr x3, x2, #3
  str x3, [x1]
  ldr x3, =BLOCK_DEVICE
  str x3, [x2]
  adr x4, _start
  lsr x5, x4, #30
  lsl x6, x5, #30
  ldr x3, =BLOCK_NORMAL
  orr x3, x3, x6
  str x3, [x2, x5, lsl #3]
  /* The walker reads through the cache: drop stale lines of both tables. */
  dc ivac, x1
  dc ivac, x2
  dsb sy

  ldr x3, =MAIR_VALUE
  msr mair_el1, x3
  ldr x3, =TCR_VALUE
  mrs x4, id_aa64mmfr0_el1
  and x4, x4, #7 /* PARange -> TCR.IPS */
  bfi x3, x4, #32, #3
  msr tcr_el1, x3
  msr ttbr0_el1, x1
  msr ttbr1_el1, x1
  isb
  tlbi vmalle1
  dsb nsh
  ldr x3, =SCTLR_VALUE
  msr sctlr_el1, x3
  isb
  ldr x3, =high_entry
  br x3

high_entry:
  ldr x3, =PHYS_OFFSET
  add sp, sp, x3
  adrp x1, arm64_vectors
  add x1, x1, :lo12:arm64_vectors
  msr vbar_el1, x1
  isb
  mov x0, x19
  mov x1, x20
  mov x29, #0
  mov x30, #0
  bl arm64_boot
  b .

/*
 * void arm64_switch_ttbr1(uint64_t table_pa), called at its PHYSICAL address
 * (the boot identity map in TTBR0 covers it): while it runs nothing is
 * fetched or accessed through TTBR1, so swapping the kernel half from 1 GiB
 * to 2 MiB blocks cannot meet a conflicting TLB entry. Uses no stack.
 */
  .globl arm64_switch_ttbr1
arm64_switch_ttbr1:
  dsb ishst
  msr ttbr1_el1, x0
  isb
  tlbi vmalle1
  dsb nsh
  isb
  ret

/*
 * Exceptions with the MMU still off (nothing but a bug gets here): write a
 * panic record by semihosting (SYS_WRITEC per byte, SYS_WRITE0 for text)
 * and exit with HAL_POWEROFF_PANIC.
 */
  .balign 2048
early_vectors:
  .rept 16
  b early_fault
  .balign 128
  .endr
early_fault:
  mrs x19, elr_el1
  /* A fault inside this handler means semihosting is off: PSCI off. */
  adr x2, early_fault
  adr x3, early_fault_end
  cmp x19, x2
  b.lo 4f
  cmp x19, x3
  b.hs 4f
  ldr x0, =0x84000008 /* PSCI SYSTEM_OFF */
  hvc #0
  b .
4:
  mov w0, #4 /* SYS_WRITE0 */
  adr x1, early_msg
  hlt #0xf000
  mov x20, #60
3: lsr x2, x19, x20
  and x2, x2, #0xf
  cmp x2, #10
  add x3, x2, #'0'
  add x4, x2, #('a' - 10)
  csel x2, x3, x4, lo
  adr x1, early_char
  strb w2, [x1]
  mov w0, #3 /* SYS_WRITEC */
  hlt #0xf000
  subs x20, x20, #4
  b.ge 3b
  mov w0, #4
  adr x1, early_tail
  hlt #0xf000
  mov w0, #0x18 /* SYS_EXIT */
  adr x1, early_exit_block
  hlt #0xf000
early_fault_end:
  b .

  .balign 8
early_exit_block:
  .quad 0x20026, 0x7f
early_char:
  .byte 0
early_msg:
  .asciz "{\"ev\":\"panic\",\"msg\":\"exception with the MMU off\",\"ip\":\"0x"
early_tail:
  .asciz "\"}\n"
  .balign 4
  .ltorg

  .bss
  .balign 4096
  .globl boot_l0
boot_l0:
  .space 4096
boot_l1:
  .space 4096
  .balign 16
boot_stack:
  .space 65536
  .globl boot_stack_top
boot_stack_top:

  .section .note.GNU-stack, "", %progbits
