/* Directories and positions: getdents64/getdents, chdir, fchdir, chroot,
 * getcwd, lseek; and the calls on an inode's size and sync state:
 * truncate, ftruncate, fsync, fdatasync, sync, syncfs. */
#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/regfile.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static struct file *fd_file(uint64_t fd) {
  return fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
}

/* ---- getdents ---- */

struct dents {
  uint64_t ubuf;
  size_t size, used;
  bool old; /* getdents' linux_dirent: d_type in the last byte */
  int err;
};

static bool emit(void *ctx, const char *name, size_t len, uint64_t ino,
                 unsigned type, uint64_t next_pos) {
  struct dents *d = ctx;
  size_t head = d->old ? 18 : 19; /* up to d_name */
  size_t reclen = (head + len + 1 + (d->old ? 1 : 0) + 7) & ~(size_t)7;
  if (d->used + reclen > d->size) {
    if (d->used == 0)
      d->err = -EINVAL; /* not even one entry fits */
    return false;
  }
  uint8_t rec[LINUX_NAME_MAX + 32];
  memset(rec, 0, reclen);
  uint16_t rl = (uint16_t)reclen;
  int64_t off = (int64_t)next_pos;
  memcpy(rec, &ino, 8);
  memcpy(rec + 8, &off, 8);
  memcpy(rec + 16, &rl, 2);
  if (d->old) {
    memcpy(rec + 18, name, len);
    rec[reclen - 1] = (uint8_t)type;
  } else {
    rec[18] = (uint8_t)type;
    memcpy(rec + 19, name, len);
  }
  if (copy_to_user(current_proc()->mm, d->ubuf + d->used, rec, reclen)) {
    d->err = -EFAULT;
    return false;
  }
  d->used += reclen;
  return true;
}

static long do_getdents(uint64_t fd, uint64_t ubuf, uint64_t size, bool old) {
  struct file *f = fd_file(fd);
  if (!f || f->path_only)
    return -EBADF;
  if (!f->inode || !inode_is(f->inode, LINUX_S_IFDIR))
    return -ENOTDIR;
  if (!access_ok(ubuf, size))
    return -EFAULT;
  struct inode *dir = f->inode;
  if (dir->nlink == 0)
    return -ENOENT; /* a removed directory lists nothing */
  struct dents d = {ubuf, size > 0x7fffffff ? 0x7fffffff : (size_t)size, 0, old,
                    0};
  if (dir->ops && dir->ops->readdir)
    dir->ops->readdir(dir, &f->pos, emit, &d);
  /* iterate_dir: after every listing, whatever it returns (EINVAL, a
   * fault while copying, the end). */
  file_accessed(f);
  if (d.used)
    return (long)d.used;
  return d.err;
}

SYSCALL_DEFINE(getdents64) {
  return do_getdents(a0, a1, a2, false);
}

SYSCALL_DEFINE(getdents) {
  return do_getdents(a0, a1, a2, true);
}

/* ---- cwd and root ---- */

static long set_dir(struct inode *ino, bool root) {
  struct proc *p = current_proc();
  int err = inode_is(ino, LINUX_S_IFDIR)
                ? inode_permission(ino, fs_cred(), LINUX_X_OK)
                : -ENOTDIR;
  if (!err && root && !fs_cred()->privileged)
    err = -EPERM;
  if (err) {
    inode_put(ino);
    return err;
  }
  struct inode **slot = root ? &p->fs->root : &p->fs->cwd;
  inode_put(*slot);
  *slot = ino;
  return 0;
}

SYSCALL_DEFINE(chdir) {
  struct inode *ino;
  int err = fs_lookup(LINUX_AT_FDCWD, a0, LOOKUP_FOLLOW, &ino);
  return err ? err : set_dir(ino, false);
}

SYSCALL_DEFINE(fchdir) {
  struct file *f = fd_file(a0);
  if (!f || !f->inode)
    return -EBADF;
  return set_dir(inode_get(f->inode), false);
}

SYSCALL_DEFINE(chroot) {
  struct inode *ino;
  int err = fs_lookup(LINUX_AT_FDCWD, a0, LOOKUP_FOLLOW, &ino);
  return err ? err : set_dir(ino, true);
}

SYSCALL_DEFINE(getcwd) {
  struct proc *p = current_proc();
  size_t size = a1 > LINUX_PATH_MAX ? LINUX_PATH_MAX : (size_t)a1;
  char *buf = kzalloc(LINUX_PATH_MAX);
  if (!buf)
    return -ENOMEM;
  long n = vfs_path_of(p->fs->root, p->fs->cwd, buf, LINUX_PATH_MAX);
  if (n > 0 && (size_t)n > size)
    n = -ERANGE;
  if (n > 0 && copy_to_user(p->mm, a0, buf, (size_t)n))
    n = -EFAULT;
  kfree(buf);
  return n;
}

/* ---- positions ---- */

SYSCALL_DEFINE(lseek) {
  struct file *f = fd_file(a0);
  if (!f || f->path_only) /* fdget_pos: no O_PATH descriptors */
    return -EBADF;
  if (f->noop_seek)
    return 0; /* noop_llseek (eventfd, epoll): the position stays 0 */
  if (!f->seekable)
    return -ESPIPE;
  int64_t off = (int64_t)a1;
  if (f->ops->llseek)
    return f->ops->llseek(f, off, (uint32_t)a2);
  struct inode *ino = f->inode;
  bool reg = ino && inode_is(ino, LINUX_S_IFREG);
  if (ino && inode_is(ino, LINUX_S_IFCHR))
    return 0; /* the mem devices: every position is 0 (noop_llseek) */
  int64_t base;
  switch ((uint32_t)a2) {
  case LINUX_SEEK_SET:
    base = 0;
    break;
  case LINUX_SEEK_CUR:
    base = (int64_t)f->pos;
    break;
  case LINUX_SEEK_END:
    if (!reg)
      return -EINVAL;
    base = (int64_t)ino->size;
    break;
  case LINUX_SEEK_DATA:
  case LINUX_SEEK_HOLE: {
    if (!reg || off < 0)
      return off < 0 ? -ENXIO : -EINVAL;
    int64_t r = ino->ops->seek_data
                    ? ino->ops->seek_data(ino, (uint64_t)off,
                                          (uint32_t)a2 == LINUX_SEEK_DATA)
                    : -EINVAL;
    if (r >= 0)
      f->pos = (uint64_t)r;
    return r;
  }
  default:
    return -EINVAL;
  }
  if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
    return -EINVAL;
  f->pos = (uint64_t)(base + off);
  return (long)f->pos;
}

/* ---- size and sync ---- */

static long set_size(struct inode *ino, int64_t len) {
  if (len < 0)
    return -EINVAL;
  if (inode_is(ino, LINUX_S_IFDIR))
    return -EISDIR;
  if (!inode_is(ino, LINUX_S_IFREG))
    return -EINVAL;
  if (((ino->seals & LINUX_F_SEAL_SHRINK) && (uint64_t)len < ino->size) ||
      ((ino->seals & LINUX_F_SEAL_GROW) && (uint64_t)len > ino->size))
    return -EPERM;
  uint64_t limit = current_proc()->rlim[LINUX_RLIMIT_FSIZE].cur;
  if (limit != LINUX_RLIM_INFINITY && (uint64_t)len > limit) {
    regfile_sigxfsz();
    return -EFBIG;
  }
  fs_kill_priv(ino); /* do_truncate: even when the size stays */
  int err = ino->ops->setsize(ino, (uint64_t)len);
  if (!err)
    ino->mtime = ino->ctime = vfs_now();
  return err;
}

SYSCALL_DEFINE(truncate) {
  struct inode *ino;
  int err = fs_lookup(LINUX_AT_FDCWD, a0, LOOKUP_FOLLOW, &ino);
  if (err)
    return err;
  long r = inode_is(ino, LINUX_S_IFDIR)
               ? -EISDIR
               : inode_permission(ino, fs_cred(), LINUX_W_OK);
  if (!r)
    r = set_size(ino, (int64_t)a1);
  inode_put(ino);
  return r;
}

SYSCALL_DEFINE(ftruncate) {
  struct file *f = fd_file(a0);
  if (!f || f->path_only)
    return -EBADF;
  if ((int64_t)a1 < 0)
    return -EINVAL;
  /* Only a regular file open for writing (directories, pipes: EINVAL). */
  if (!f->inode || !inode_is(f->inode, LINUX_S_IFREG) ||
      (f->flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY)
    return -EINVAL;
  return set_size(f->inode, (int64_t)a1);
}

/* Memory is the storage: syncing only checks the descriptor. */
static long sync_fd(uint64_t fd) {
  struct file *f = fd_file(fd);
  if (!f || f->path_only)
    return -EBADF;
  /* Files and directories sync; pipes and devices have no fsync. */
  if (!f->inode ||
      !(inode_is(f->inode, LINUX_S_IFREG) || inode_is(f->inode, LINUX_S_IFDIR)))
    return -EINVAL;
  return 0;
}

SYSCALL_DEFINE(fsync) {
  return sync_fd(a0);
}

SYSCALL_DEFINE(fdatasync) {
  return sync_fd(a0);
}

SYSCALL_DEFINE(sync) {
  return 0;
}

SYSCALL_DEFINE(syncfs) {
  struct file *f = fd_file(a0);
  return f ? 0 : -EBADF;
}

/* fallocate(fd, mode, offset, len), checked in vfs_fallocate's order:
 * the descriptor, the range, the mode as the VFS knows it, write access,
 * the file's kind and size limit, and last the modes tmpfs has
 * (allocation, KEEP_SIZE, PUNCH_HOLE|KEEP_SIZE: shmem_fallocate). */
#define FALLOC_FL_KEEP_SIZE 0x01
#define FALLOC_FL_PUNCH_HOLE 0x02
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE 0x10
#define FALLOC_FL_INSERT_RANGE 0x20
#define FALLOC_FL_UNSHARE_RANGE 0x40
#define FALLOC_FL_WRITE_ZEROES 0x80
#define FALLOC_FL_MODE_MASK 0xfa
#define MAX_FILE_BYTES 0x7fffffffffffffffll

/* The VFS's mode rules: EOPNOTSUPP for a mode no filesystem has. */
static bool falloc_mode_valid(int mode) {
  if (mode & ~(FALLOC_FL_MODE_MASK | FALLOC_FL_KEEP_SIZE))
    return false;
  switch (mode & FALLOC_FL_MODE_MASK) {
  case 0:
  case FALLOC_FL_ZERO_RANGE:
  case FALLOC_FL_UNSHARE_RANGE:
    return true;
  case FALLOC_FL_PUNCH_HOLE:
    return mode & FALLOC_FL_KEEP_SIZE;
  case FALLOC_FL_COLLAPSE_RANGE:
  case FALLOC_FL_INSERT_RANGE:
  case FALLOC_FL_WRITE_ZEROES:
    return !(mode & FALLOC_FL_KEEP_SIZE);
  default:
    return false; /* two range modes at once */
  }
}

SYSCALL_DEFINE(fallocate) {
  int mode = (int32_t)a1;
  int64_t off = (int64_t)a2, len = (int64_t)a3;
  struct file *f = fd_file(a0);
  if (!f || f->path_only)
    return -EBADF;
  if (off < 0 || len <= 0)
    return -EINVAL;
  if (!falloc_mode_valid(mode))
    return -EOPNOTSUPP;
  bool punch = mode & FALLOC_FL_PUNCH_HOLE;
  if ((f->flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY)
    return -EBADF;
  struct inode *ino = f->inode;
  if (!ino || inode_is(ino, LINUX_S_IFIFO))
    return -ESPIPE;
  if (inode_is(ino, LINUX_S_IFDIR))
    return -EISDIR;
  if (!inode_is(ino, LINUX_S_IFREG))
    return -ENODEV;
  if (len > MAX_FILE_BYTES - off)
    return -EFBIG;
  if (!ino->ops->fallocate ||
      (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)))
    return -EOPNOTSUPP;
  /* shmem_fallocate: past the end is growth even with KEEP_SIZE. */
  if ((ino->seals & LINUX_F_SEAL_GROW) && (uint64_t)(off + len) > ino->size)
    return -EPERM;
  if ((ino->seals & (LINUX_F_SEAL_WRITE | LINUX_F_SEAL_FUTURE_WRITE)) && punch)
    return -EPERM;
  fs_kill_priv(ino);
  int err = ino->ops->fallocate(ino, (uint64_t)off, (uint64_t)len,
                                mode & FALLOC_FL_KEEP_SIZE, punch);
  if (!err)
    ino->mtime = ino->ctime = vfs_now();
  return err;
}

/* fadvise64(fd, offset, len, advice): advice is only a hint here. */
SYSCALL_DEFINE(fadvise64) {
  struct file *f = fd_file(a0);
  if (!f || f->path_only)
    return -EBADF;
  if (!f->inode || inode_is(f->inode, LINUX_S_IFIFO))
    return -ESPIPE;
  if ((int64_t)a2 < 0 || (uint32_t)a3 > 5)
    return -EINVAL;
  return 0;
}

/* ksys_readahead: a file open for reading (EBADF) that is a regular file
 * (EINVAL, as 6.1; 6.10 also takes block devices, which this kernel has
 * none of); then POSIX_FADV_WILLNEED, a hint. Any offset is fine. */
SYSCALL_DEFINE(readahead) {
  struct file *f = fd_file(a0);
  if (!f || f->path_only || (f->flags & LINUX_O_ACCMODE) == LINUX_O_WRONLY)
    return -EBADF;
  if (!f->inode || !inode_is(f->inode, LINUX_S_IFREG))
    return -EINVAL;
  return 0;
}

/* sync_file_range(fd, offset, nbytes, flags): the descriptor first
 * (ksys_sync_file_range's fdget), then the flags and the range, then the
 * kind of file (ESPIPE for pipes, sockets, devices). Nothing is cached,
 * so there is nothing to write out. */
#define SYNC_FILE_RANGE_VALID 7u
SYSCALL_DEFINE(sync_file_range) {
  struct file *f = fd_file(a0);
  if (!f || f->path_only)
    return -EBADF;
  int64_t off = (int64_t)a1, n = (int64_t)a2;
  uint64_t end = (uint64_t)off + (uint64_t)n;
  if (((uint32_t)a3 & ~SYNC_FILE_RANGE_VALID) || off < 0 || (int64_t)end < 0 ||
      end < (uint64_t)off)
    return -EINVAL;
  struct inode *ino = f->inode;
  if (!ino || !(inode_is(ino, LINUX_S_IFREG) || inode_is(ino, LINUX_S_IFDIR) ||
                inode_is(ino, LINUX_S_IFLNK)))
    return -ESPIPE;
  return 0;
}
