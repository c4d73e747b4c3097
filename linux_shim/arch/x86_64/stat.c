/* x86-64's struct stat (144 bytes, nlink before mode). */
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/kstat.h>
#include <uapi/errno.h>

struct linux_stat {
  uint64_t st_dev, st_ino, st_nlink;
  uint32_t st_mode, st_uid, st_gid, pad0;
  uint64_t st_rdev;
  int64_t st_size, st_blksize, st_blocks;
  int64_t st_atime;
  uint64_t st_atime_nsec;
  int64_t st_mtime;
  uint64_t st_mtime_nsec;
  int64_t st_ctime;
  uint64_t st_ctime_nsec;
  int64_t unused[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "x86-64 struct stat");

int arch_put_stat(uint64_t uaddr, const struct kstat *k) {
  struct linux_stat s = {
      .st_dev = k->dev, .st_ino = k->ino, .st_nlink = k->nlink,
      .st_mode = k->mode, .st_uid = k->uid, .st_gid = k->gid,
      .st_rdev = k->rdev, .st_size = (int64_t)k->size,
      .st_blksize = k->blksize, .st_blocks = (int64_t)k->blocks,
      .st_atime = k->atime.sec, .st_atime_nsec = k->atime.nsec,
      .st_mtime = k->mtime.sec, .st_mtime_nsec = k->mtime.nsec,
      .st_ctime = k->ctime.sec, .st_ctime_nsec = k->ctime.nsec};
  return copy_to_user(current_proc()->mm, uaddr, &s, sizeof s) ? -EFAULT : 0;
}
