/*
 * The one checked path between the kernel and user memory. Every access goes
 * through the current process's areas and page tables (via the physmap), so
 * a bad, unmapped or kernel pointer is an error value, never a kernel fault.
 */
#ifndef LIBOS_UACCESS_H
#define LIBOS_UACCESS_H

#include <stddef.h>
#include <stdint.h>

#include <stdbool.h>

struct mm;

/* Not an address space: passed as `mm` to the copies below, it says the
 * "user" address is a kernel buffer, so a file operation written for user
 * memory can fill or drain a kernel buffer (sendfile, splice). Never given
 * a user-supplied address. */
extern struct mm kernel_buffer_mm;

/* Linux's access_ok(): [addr, addr+n) lies below the top of user space
 * without wrapping. Calls that check a whole buffer up front (read, write)
 * answer EFAULT for a kernel-space buffer even when they would not touch
 * it. */
bool access_ok(uint64_t addr, uint64_t n);

/* Copy n bytes from user `src` to kernel `dst`. Returns the number of bytes
 * NOT copied (0 on success); the copied prefix is valid. */
size_t copy_from_user(struct mm *mm, void *dst, uint64_t src, size_t n);

/* Copy n bytes from kernel `src` to user `dst` (needs write permission).
 * Returns the number of bytes NOT copied. */
size_t copy_to_user(struct mm *mm, uint64_t dst, const void *src, size_t n);

/* Zero n user bytes at `dst`. Returns the number of bytes NOT cleared. */
size_t clear_user(struct mm *mm, uint64_t dst, size_t n);

/* Copy a NUL-terminated user string of at most max-1 bytes plus the NUL.
 * Returns its length, -EFAULT, or -ENAMETOOLONG when no NUL fits. */
long strncpy_from_user(struct mm *mm, char *dst, uint64_t src, size_t max);

#endif
