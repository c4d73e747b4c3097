/* What stat reports about an inode, arch-neutral; each arch lays it out
 * as its struct stat (linux_shim/arch/<arch>/stat.c). */
#ifndef LINUX_SHIM_KSTAT_H
#define LINUX_SHIM_KSTAT_H

#include <libos/vfs.h>

struct kstat {
  uint64_t dev, ino, rdev, size, blocks;
  uint32_t mode, nlink, uid, gid, blksize;
  struct vtime atime, mtime, ctime, btime;
};

/* The stat of `ino`. */
void kstat_of(const struct inode *ino, struct kstat *k);

/* Write `k` to user memory at `uaddr` as this arch's struct stat. 0 or
 * -EFAULT. */
int arch_put_stat(uint64_t uaddr, const struct kstat *k);

#endif
