/* Host check, not part of the kernel: a 64-bit PVH kernel that enters
 * ring 3 (MODE 1: iretq, 2: sysretq) and makes ring 3 run `syscall`
 * (MODE 3: `int $0x80` through a DPL-3 gate; 4: int $0x80, then syscall).
 * The syscall entry writes to port 0xe9 with `out`, legal only at CPL 0
 * (IOPL 0, no I/O bitmap): a #GP there means the CPU is still at CPL 3.
 * Every page is user+writable and SMEP/SMAP are off, so nothing else can
 * fault. Build and run: run.sh (see docs/hal-x86_64.md, Known limits). */
  .section .note.Xen, "a", @note
  .balign 4
  .long 4, 4, 18
  .asciz "Xen"
  .long start32

  .text
  .code32
  .globl _start
_start:
start32:
  cli
  movl $pd, %edi            /* 512 x 2 MiB, P|W|U|PS: first GiB */
  movl $0x87, %eax
  movl $512, %ecx
1: movl %eax, (%edi)
  movl $0, 4(%edi)
  addl $0x200000, %eax
  addl $8, %edi
  loop 1b
  movl $(pd + 7), pdpt
  movl $(pdpt + 7), pml4
  movl %cr4, %eax
  orl $0x220, %eax          /* PAE, OSFXSR */
  movl %eax, %cr4
  movl $pml4, %eax
  movl %eax, %cr3
  movl $0xc0000080, %ecx
  rdmsr
  orl $0x101, %eax          /* LME, SCE */
  wrmsr
  movl %cr0, %eax
  orl $0x80000001, %eax
  movl %eax, %cr0
  lgdt gdt_ptr
  ljmp $0x10, $start64

  .code64
start64:
  movl $0x18, %eax
  movl %eax, %ds
  movl %eax, %es
  movl %eax, %ss
  movq $kstack_top, %rsp
  /* TSS descriptor at 0x38 */
  movq $tss, %rax
  movq %rax, %rbx
  shlq $16, %rbx
  movabsq $0xffffff0000, %rdx
  andq %rdx, %rbx
  movq %rax, %rcx
  shrq $24, %rcx
  andq $0xff, %rcx
  shlq $56, %rcx
  orq %rcx, %rbx
  movabsq $0x0000890000000067, %rcx
  orq %rcx, %rbx
  movq %rbx, gdt + 0x38
  movq $kstack_top, tss + 4  /* rsp0 */
  movw $104, tss + 102       /* iomap base = limit+1: no bitmap */
  movw $0x38, %ax
  ltr %ax
  /* IDT: every vector -> stub i (16 bytes apart), 0x80 with DPL 3 */
  xorl %ecx, %ecx
2: movq $vectors, %rax
  movq %rcx, %rdx
  shlq $4, %rdx
  addq %rdx, %rax
  movq %rcx, %rdi
  shlq $4, %rdi
  addq $idt, %rdi
  movw %ax, (%rdi)
  movw $0x10, 2(%rdi)
  movb $0, 4(%rdi)
  movb $0x8e, 5(%rdi)
  cmpl $0x80, %ecx
  jne 3f
  movb $0xee, 5(%rdi)
3: shrq $16, %rax
  movw %ax, 6(%rdi)
  movl $0, 8(%rdi)
  movl $0, 12(%rdi)
  incl %ecx
  cmpl $256, %ecx
  jne 2b
  lidt idt_ptr
  /* STAR: sysret base 0x23 (cs 0x33, ss 0x2b), syscall cs 0x10 ss 0x18 */
  movl $0xc0000081, %ecx
  xorl %eax, %eax
  movl $0x00230010, %edx
  wrmsr
  movl $0xc0000082, %ecx
  movq $syscall_entry, %rax
  movq %rax, %rdx
  shrq $32, %rdx
  wrmsr
  movl $0xc0000084, %ecx
  movl $0x47700, %eax       /* TF DF IF AC NT */
  xorl %edx, %edx
  wrmsr
  leaq msg_boot(%rip), %rsi
  call puts
.if MODE == 2
  movq $user, %rcx
  movq $0x202, %r11
  movq $ustack_top, %rsp
  sysretq
.else
  pushq $0x2b
  pushq $ustack_top
  pushq $0x202
  pushq $0x33
  pushq $user
  iretq
.endif

/* puts(rsi = NUL-terminated) to debugcon */
puts:
  movw $0xe9, %dx
1: lodsb
  testb %al, %al
  jz 2f
  outb %al, %dx
  jmp 1b
2: ret

/* print rax as 16 hex digits */
puthex:
  movw $0xe9, %dx
  movl $16, %ecx
1: rolq $4, %rax
  movq %rax, %rbx
  andl $15, %ebx
  movb hexd(%rbx), %bl
  xchgq %rax, %rbx
  outb %al, %dx
  xchgq %rax, %rbx
  loop 1b
  ret

exit:                        /* exit status in di */
  movw $0x501, %dx
  movw %di, %ax
  outw %ax, %dx
  hlt

syscall_entry:
  movw $0xe9, %dx            /* #GP here if CPL is 3 */
  movb $'K', %al
  outb %al, %dx
  movq %rsp, user_rsp
  movq $kstack_top, %rsp
  pushq %rcx
  leaq msg_sys(%rip), %rsi
  call puts
  movq (%rsp), %rax
  call puthex
  leaq msg_nl(%rip), %rsi
  call puts
  popq %rcx
  movq user_rsp, %rsp
  cmpq $60, %r15             /* user's "done" marker */
  jne 1f
  movw $0, %di
  jmp exit
1: sysretq

trap:                        /* vector on stack top, then [err], rip, cs */
  leaq msg_trap(%rip), %rsi
  call puts
  popq %rax
  movq %rax, %r12
  call puthex
  cmpq $0x80, %r12
  je int80
  cmpq $13, %r12
  je 1f
  cmpq $14, %r12
  jne 2f
1: leaq msg_err(%rip), %rsi
  call puts
  popq %rax
  call puthex
2: leaq msg_rip(%rip), %rsi
  call puts
  movq (%rsp), %rax
  call puthex
  leaq msg_cs(%rip), %rsi
  call puts
  movq 8(%rsp), %rax
  call puthex
  leaq msg_nl(%rip), %rsi
  call puts
  movw $2, %di
  jmp exit
int80:
  leaq msg_cs(%rip), %rsi
  call puts
  movq 8(%rsp), %rax
  call puthex
  leaq msg_nl(%rip), %rsi
  call puts
  iretq

  .balign 16
vectors:
  .set v, 0
  .rept 256
  .balign 16
  pushq $v
  jmp trap
  .set v, v + 1
  .endr

user:
.if MODE == 3 || MODE == 4
  int $0x80
.endif
.if MODE != 3
  xorl %r15d, %r15d
  syscall                    /* first: the entry prints and returns */
  movl $60, %r15d
  syscall                    /* second: the entry exits 0 */
.else
  movl $60, %r15d
  syscall
.endif
1: jmp 1b

  .data
  .balign 16
gdt:
  .quad 0
  .quad 0x00cf9a000000ffff   /* 0x08 */
  .quad 0x00af9a000000ffff   /* 0x10 kernel code */
  .quad 0x00cf92000000ffff   /* 0x18 kernel data */
  .quad 0x00cffa000000ffff   /* 0x20 user code 32 */
  .quad 0x00cff2000000ffff   /* 0x28 user data */
  .quad 0x00affa000000ffff   /* 0x30 user code */
  .quad 0, 0                 /* 0x38 TSS */
gdt_end:
gdt_ptr:
  .word gdt_end - gdt - 1
  .quad gdt
idt_ptr:
  .word 4095
  .quad idt
hexd: .ascii "0123456789abcdef"
msg_boot: .asciz "boot: entering ring 3\n"
msg_sys: .asciz " syscall entry at CPL0, user rip="
msg_trap: .asciz "trap vector="
msg_err: .asciz " err="
msg_rip: .asciz " rip="
msg_cs: .asciz " cs="
msg_nl: .asciz "\n"
user_rsp: .quad 0
  .balign 16
tss: .skip 104

  .bss
  .balign 4096
pml4: .skip 4096
pdpt: .skip 4096
pd: .skip 4096
idt: .skip 4096
  .skip 8192
kstack_top:
  .skip 8192
ustack_top:
  .section .note.GNU-stack, "", @progbits
