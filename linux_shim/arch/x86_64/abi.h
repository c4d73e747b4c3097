/* The x86-64 Linux ABI facts the generic shim needs. */
#ifndef LINUX_ARCH_ABI_H
#define LINUX_ARCH_ABI_H

#define LINUX_ARCH_NAME "x86_64" /* trace and kdiff arch name */
#define LINUX_SYSCALL_LIST "syscalls_x86_64.inc"
#define LINUX_ELF_MACHINE 62 /* EM_X86_64 */
#define LINUX_UNAME_MACHINE "x86_64"
#define LINUX_PLATFORM "x86_64" /* AT_PLATFORM */
/* AT_HWCAP is CPUID.1:EDX on x86-64; we report the x86-64 baseline every
 * CPU the HAL accepts has: FPU TSC CX8 CMOV MMX FXSR SSE SSE2. */
#define LINUX_HWCAP 0x07808111UL
/* Where a static-PIE program is placed (Linux's ELF_ET_DYN_BASE without
 * randomisation). */
#define LINUX_PIE_BASE 0x555555554000UL

/* clone's argument order: flags, stack, parent_tid, child_tid, tls. */
#define LINUX_CLONE_ARG_CHILD_TID 3
#define LINUX_CLONE_ARG_TLS 4

/* The open flags whose values differ between arches (asm/fcntl.h). */
#define LINUX_O_DIRECT 040000
#define LINUX_O_LARGEFILE 0100000
#define LINUX_O_DIRECTORY 0200000
#define LINUX_O_NOFOLLOW 0400000

/* struct epoll_event { u32 events; u64 data; }: x86-64 packs it: 12 bytes, data
 * at 4. */
#define LINUX_EPOLL_EVENT_SIZE 12
#define LINUX_EPOLL_DATA_OFFSET 4

/* /proc/<pid>/status: whether it has the untag_mask line (x86-64's
 * address masking) and how many 32-bit words Mems_allowed prints:
 * MAX_NUMNODES 1024 (checked on the 6.18 host). */
#define LINUX_STATUS_UNTAG_MASK 1
#define LINUX_MEMS_ALLOWED_WORDS 32

#endif
