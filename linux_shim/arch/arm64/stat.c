/* arm64's struct stat: asm-generic's (128 bytes, mode before nlink, a
 * 32-bit st_blksize). */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/kstat.h>
#include <uapi/errno.h>

struct linux_stat {
  uint64_t st_dev, st_ino;
  uint32_t st_mode, st_nlink, st_uid, st_gid;
  uint64_t st_rdev, pad1;
  int64_t st_size;
  int32_t st_blksize, pad2;
  int64_t st_blocks;
  int64_t st_atime;
  uint64_t st_atime_nsec;
  int64_t st_mtime;
  uint64_t st_mtime_nsec;
  int64_t st_ctime;
  uint64_t st_ctime_nsec;
  uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct linux_stat) == 128, "arm64 struct stat");

int arch_put_stat(uint64_t uaddr, const struct kstat *k) {
  struct linux_stat s = {
      .st_dev = k->dev, .st_ino = k->ino, .st_mode = k->mode,
      .st_nlink = k->nlink, .st_uid = k->uid, .st_gid = k->gid,
      .st_rdev = k->rdev, .st_size = (int64_t)k->size,
      .st_blksize = (int32_t)k->blksize, .st_blocks = (int64_t)k->blocks,
      .st_atime = k->atime.sec, .st_atime_nsec = k->atime.nsec,
      .st_mtime = k->mtime.sec, .st_mtime_nsec = k->mtime.nsec,
      .st_ctime = k->ctime.sec, .st_ctime_nsec = k->ctime.nsec};
  return copy_to_user(current_proc()->mm, uaddr, &s, sizeof s) ? -EFAULT : 0;
}
