/* The stat family (stat, lstat, fstat, newfstatat, statx) and statfs. */
#include <libos/fd.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/kstat.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

void kstat_of(const struct inode *ino, struct kstat *k) {
  memset(k, 0, sizeof *k);
  k->dev = ino->sb ? ino->sb->dev : 0;
  k->ino = ino->ino;
  k->mode = ino->mode;
  k->nlink = ino->nlink;
  k->uid = ino->uid;
  k->gid = ino->gid;
  k->rdev = ino->rdev;
  k->size = ino->size;
  k->blksize = ino->sb && ino->sb->blksize ? ino->sb->blksize : 4096;
  k->blocks = inode_blocks(ino);
  k->atime = ino->atime;
  k->mtime = ino->mtime;
  k->ctime = ino->ctime;
  k->btime = ino->btime;
}

static struct file *fd_file(uint64_t fd) {
  return fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
}

/* The inode a stat-like call names: dirfd + path with AT_* flags. */
static int stat_target(int dirfd, uint64_t upath, uint64_t flags,
                       struct inode **out) {
  unsigned lf = (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
  if (flags & LINUX_AT_EMPTY_PATH)
    lf |= LOOKUP_EMPTY;
  return fs_lookup(dirfd, upath, lf, out);
}

static long put_stat_of(struct inode *ino, uint64_t ubuf) {
  struct kstat k;
  kstat_of(ino, &k);
  return arch_put_stat(ubuf, &k);
}

SYSCALL_DEFINE(fstat) {
  struct file *f = fd_file(a0);
  if (!f || !f->inode)
    return -EBADF;
  return put_stat_of(f->inode, a1);
}

static long stat_at(int dirfd, uint64_t upath, uint64_t ubuf, uint64_t flags) {
  if (flags & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH |
                          LINUX_AT_NO_AUTOMOUNT))
    return -EINVAL;
  struct inode *ino;
  int err = stat_target(dirfd, upath, flags, &ino);
  if (err)
    return err;
  long r = put_stat_of(ino, ubuf);
  inode_put(ino);
  return r;
}

SYSCALL_DEFINE(stat) {
  return stat_at(LINUX_AT_FDCWD, a0, a1, 0);
}

SYSCALL_DEFINE(lstat) {
  return stat_at(LINUX_AT_FDCWD, a0, a1, LINUX_AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE(newfstatat) {
  return stat_at((int32_t)a0, a1, a2, a3);
}

static struct linux_statx_timestamp stx_time(struct vtime t) {
  return (struct linux_statx_timestamp){t.sec, t.nsec, 0};
}

/* statx(dirfd, path, flags, mask, buf), as Linux 6.18 answers on tmpfs:
 * the basic stats always, except that mtime and ctime (multigrain
 * timestamps) come, and are filled, only when one of them is asked for;
 * the birth time only when asked; the mount id (STATX_MNT_ID, or
 * STATX_MNT_ID_UNIQUE when asked); the attributes tmpfs supports and
 * the VFS's (AUTOMOUNT, DAX, MOUNT_ROOT), with MOUNT_ROOT set on the
 * root of a mount. */
SYSCALL_DEFINE(statx) {
  uint64_t flags = a2;
  if (flags & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH |
                          LINUX_AT_NO_AUTOMOUNT | LINUX_AT_STATX_SYNC_TYPE))
    return -EINVAL;
  if ((flags & LINUX_AT_STATX_SYNC_TYPE) == LINUX_AT_STATX_SYNC_TYPE)
    return -EINVAL;
  if ((uint32_t)a3 & LINUX_STATX__RESERVED)
    return -EINVAL;
  struct inode *ino;
  int err = stat_target((int32_t)a0, a1, flags, &ino);
  if (err)
    return err;
  struct kstat k;
  kstat_of(ino, &k);
  bool mount_root = ino->sb && ino->sb->root == ino;
  uint64_t mnt_id = ino->sb ? ino->sb->dev + 1 : 0; /* one per mount */
  inode_put(ino);
  uint32_t ask = (uint32_t)a3;
  struct linux_statx x;
  memset(&x, 0, sizeof x);
  x.stx_mask = LINUX_STATX_BASIC_STATS;
  if (!(ask & (LINUX_STATX_MTIME | LINUX_STATX_CTIME))) {
    x.stx_mask &= ~(LINUX_STATX_MTIME | LINUX_STATX_CTIME);
    k.mtime = k.ctime = (struct vtime){0, 0};
  }
  if (ask & LINUX_STATX_BTIME)
    x.stx_mask |= LINUX_STATX_BTIME;
  else
    k.btime = (struct vtime){0, 0};
  x.stx_mask |= (ask & LINUX_STATX_MNT_ID_UNIQUE) ? LINUX_STATX_MNT_ID_UNIQUE
                                                  : LINUX_STATX_MNT_ID;
  x.stx_mnt_id = mnt_id;
  x.stx_attributes_mask =
      LINUX_STATX_ATTR_IMMUTABLE | LINUX_STATX_ATTR_APPEND |
      LINUX_STATX_ATTR_NODUMP | LINUX_STATX_ATTR_AUTOMOUNT |
      LINUX_STATX_ATTR_MOUNT_ROOT | LINUX_STATX_ATTR_DAX;
  if (mount_root)
    x.stx_attributes |= LINUX_STATX_ATTR_MOUNT_ROOT;
  x.stx_blksize = k.blksize;
  x.stx_nlink = k.nlink;
  x.stx_uid = k.uid;
  x.stx_gid = k.gid;
  x.stx_mode = (uint16_t)k.mode;
  x.stx_ino = k.ino;
  x.stx_size = k.size;
  x.stx_blocks = k.blocks;
  x.stx_atime = stx_time(k.atime);
  x.stx_btime = stx_time(k.btime);
  x.stx_ctime = stx_time(k.ctime);
  x.stx_mtime = stx_time(k.mtime);
  x.stx_rdev_major = linux_major(k.rdev);
  x.stx_rdev_minor = linux_minor(k.rdev);
  x.stx_dev_major = linux_major(k.dev);
  x.stx_dev_minor = linux_minor(k.dev);
  return copy_to_user(current_proc()->mm, a4, &x, sizeof x) ? -EFAULT : 0;
}

static long put_statfs(const struct super *sb, uint64_t ubuf) {
  struct linux_statfs s;
  memset(&s, 0, sizeof s);
  s.f_type = sb->magic;
  s.f_bsize = 4096;
  s.f_frsize = 4096;
  s.f_namelen = LINUX_NAME_MAX;
  s.f_flags = LINUX_ST_VALID | LINUX_ST_RELATIME;
  if (sb->max_pages) {
    s.f_blocks = sb->max_pages;
    s.f_bfree = s.f_bavail = sb->max_pages - sb->used_pages;
  }
  if (sb->max_inodes) {
    s.f_files = sb->max_inodes;
    s.f_ffree = sb->max_inodes - sb->used_inodes;
  }
  return copy_to_user(current_proc()->mm, ubuf, &s, sizeof s) ? -EFAULT : 0;
}

SYSCALL_DEFINE(statfs) {
  struct inode *ino;
  int err = fs_lookup(LINUX_AT_FDCWD, a0, LOOKUP_FOLLOW, &ino);
  if (err)
    return err;
  long r = put_statfs(ino->sb, a1);
  inode_put(ino);
  return r;
}

SYSCALL_DEFINE(fstatfs) {
  struct file *f = fd_file(a0);
  if (!f || !f->inode || !f->inode->sb)
    return -EBADF;
  return put_statfs(f->inode->sb, a1);
}
