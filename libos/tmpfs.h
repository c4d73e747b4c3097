/* tmpfs: the in-memory filesystem every file of the image lives on. Its
 * semantics follow Linux's shmem: directory sizes in 20-byte "bogo"
 * entries, newest entries listed first, short symlinks stored inline,
 * sparse files, data limited by the mount's size (ENOSPC, never a panic
 * when memory runs out). */
#ifndef LIBOS_TMPFS_H
#define LIBOS_TMPFS_H

#include <libos/vfs.h>

/* A new, empty tmpfs whose root directory has `mode` (type bits added)
 * and at most `max_pages` pages of data. NULL when out of memory. */
struct super *tmpfs_create(uint32_t root_mode, uint64_t max_pages);

#endif
