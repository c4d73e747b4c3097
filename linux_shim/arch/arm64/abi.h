/* The arm64 Linux ABI facts the generic shim needs. */
#ifndef LINUX_ARCH_ABI_H
#define LINUX_ARCH_ABI_H

#define LINUX_ARCH_NAME "arm64"
#define LINUX_SYSCALL_LIST "syscalls_arm64.inc"
#define LINUX_ELF_MACHINE 183 /* EM_AARCH64 */
#define LINUX_UNAME_MACHINE "aarch64"
#define LINUX_PLATFORM "aarch64"
/* HWCAP_FP | HWCAP_ASIMD: what every CPU the HAL accepts has. */
#define LINUX_HWCAP 0x3UL
/* Linux's ELF_ET_DYN_BASE for 48-bit VA (2/3 of TASK_SIZE), page aligned. */
#define LINUX_PIE_BASE 0xaaaaaaaaa000UL

/* clone's argument order: flags, stack, parent_tid, tls, child_tid. */
#define LINUX_CLONE_ARG_CHILD_TID 4
#define LINUX_CLONE_ARG_TLS 3

/* The open flags whose values differ between arches (asm/fcntl.h). */
#define LINUX_O_DIRECT 0200000
#define LINUX_O_LARGEFILE 0400000
#define LINUX_O_DIRECTORY 040000
#define LINUX_O_NOFOLLOW 0100000

/* struct epoll_event { u32 events; u64 data; }: arm64 aligns it: 16 bytes, data
 * at 8. */
#define LINUX_EPOLL_EVENT_SIZE 16
#define LINUX_EPOLL_DATA_OFFSET 8

/* /proc/<pid>/status: whether it has the untag_mask line (x86-64's
 * address masking) and how many 32-bit words Mems_allowed prints:
 * one 32-bit word (not checked on an arm64 Linux). */
#define LINUX_STATUS_UNTAG_MASK 0
#define LINUX_MEMS_ALLOWED_WORDS 1

#endif
