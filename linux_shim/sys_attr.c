/* An inode's attributes: umask, access/faccessat(2), chmod, chown and
 * timestamps (utimensat and its older forms). */
#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/time.h>

SYSCALL_DEFINE(umask) {
  struct proc *p = current_proc();
  uint32_t old = p->fs->umask;
  p->fs->umask = (uint32_t)a0 & 0777;
  return old;
}

static long do_access(int dirfd, uint64_t upath, uint64_t mode,
                      uint64_t flags) {
  if (mode & ~(uint64_t)(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
    return -EINVAL;
  if (flags & ~(uint64_t)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW |
                          LINUX_AT_EMPTY_PATH))
    return -EINVAL;
  unsigned lf = (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
  if (flags & LINUX_AT_EMPTY_PATH)
    lf |= LOOKUP_EMPTY;
  /* The walk and the check both use the real ids, as Linux's
   * access_override_creds. */
  const struct vfs_cred *c =
      (flags & LINUX_AT_EACCESS) ? fs_cred() : fs_cred_real();
  struct upath *p = kzalloc(sizeof *p);
  if (!p)
    return -ENOMEM;
  struct walk_ctx w;
  struct inode *ino = 0;
  int err = upath_get(p, upath);
  if (!err)
    err = fs_walk_from(dirfd, p->buf, lf & LOOKUP_EMPTY, &w);
  if (!err) {
    w.cred = c;
    err = namei(&w, p->buf, lf, &ino);
  }
  kfree(p);
  if (!err && mode)
    err = inode_permission(ino, c, (int)mode);
  inode_put(ino);
  return err;
}

SYSCALL_DEFINE(access) {
  return do_access(LINUX_AT_FDCWD, a0, a1, 0);
}

SYSCALL_DEFINE(faccessat) {
  return do_access((int32_t)a0, a1, a2, 0);
}

SYSCALL_DEFINE(faccessat2) {
  return do_access((int32_t)a0, a1, a2, a3);
}

static long set_mode(struct inode *ino, uint64_t mode) {
  const struct vfs_cred *c = fs_cred();
  if (!inode_owner_or_capable(ino, c))
    return -EPERM;
  /* setattr_copy: set-group-ID only for a member of the file's group
   * (or with CAP_FSETID); otherwise it is quietly dropped. */
  if (!c->privileged && !vfs_in_group(c, ino->gid))
    mode &= ~(uint64_t)LINUX_S_ISGID;
  ino->mode = (ino->mode & LINUX_S_IFMT) | ((uint32_t)mode & 07777);
  ino->ctime = vfs_now();
  return 0;
}

static long path_attr(int dirfd, uint64_t upath, unsigned lf,
                      long (*fn)(struct inode *, uint64_t, uint64_t),
                      uint64_t x, uint64_t y) {
  struct inode *ino;
  int err = fs_lookup(dirfd, upath, lf, &ino);
  if (err)
    return err;
  long r = fn(ino, x, y);
  inode_put(ino);
  return r;
}

static long mode_fn(struct inode *ino, uint64_t mode, uint64_t unused) {
  (void)unused;
  if ((ino->mode & LINUX_S_IFMT) == LINUX_S_IFLNK)
    return -EOPNOTSUPP;
  return set_mode(ino, mode);
}

SYSCALL_DEFINE(chmod) {
  return path_attr(LINUX_AT_FDCWD, a0, LOOKUP_FOLLOW, mode_fn, a1, 0);
}

SYSCALL_DEFINE(fchmodat) {
  return path_attr((int32_t)a0, a1, LOOKUP_FOLLOW, mode_fn, a2, 0);
}

SYSCALL_DEFINE(fchmod) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)a0);
  if (!f || !f->inode || f->path_only)
    return -EBADF;
  return set_mode(f->inode, a1);
}

/* chown_common: root may give a file to anyone; the owner may only change
 * its group to one of its own. A change clears set-user-ID and (with
 * group execute) set-group-ID, as Linux does for non-directories. */
static long own_fn(struct inode *ino, uint64_t uid, uint64_t gid) {
  const struct vfs_cred *c = fs_cred();
  bool uid_set = (uint32_t)uid != UINT32_MAX,
       gid_set = (uint32_t)gid != UINT32_MAX;
  if (!c->privileged) {
    if ((uid_set && (uint32_t)uid != ino->uid) || c->uid != ino->uid)
      return -EPERM;
    if (gid_set && (uint32_t)gid != c->gid)
      return -EPERM;
  }
  if (uid_set)
    ino->uid = (uint32_t)uid;
  if (gid_set)
    ino->gid = (uint32_t)gid;
  if ((uid_set || gid_set) && (ino->mode & LINUX_S_IFMT) != LINUX_S_IFDIR) {
    ino->mode &= ~(uint32_t)LINUX_S_ISUID;
    if (ino->mode & LINUX_S_IXGRP)
      ino->mode &= ~(uint32_t)LINUX_S_ISGID;
  }
  ino->ctime = vfs_now();
  return 0;
}

SYSCALL_DEFINE(chown) {
  return path_attr(LINUX_AT_FDCWD, a0, LOOKUP_FOLLOW, own_fn, a1, a2);
}

SYSCALL_DEFINE(lchown) {
  return path_attr(LINUX_AT_FDCWD, a0, 0, own_fn, a1, a2);
}

SYSCALL_DEFINE(fchownat) {
  if (a4 & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
    return -EINVAL;
  unsigned lf = (a4 & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
  if (a4 & LINUX_AT_EMPTY_PATH)
    lf |= LOOKUP_EMPTY;
  return path_attr((int32_t)a0, a1, lf, own_fn, a2, a3);
}

SYSCALL_DEFINE(fchown) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)a0);
  if (!f || !f->inode || f->path_only)
    return -EBADF;
  return own_fn(f->inode, a1, a2);
}

/* ---- timestamps ---- */

/* One utimensat time: UTIME_NOW, UTIME_OMIT or a valid timespec. Returns
 * 0 and sets *set and *t, or -EINVAL. */
static int pick_time(const struct linux_timespec *ts, bool *set,
                     struct vtime *t) {
  if (ts->nsec == LINUX_UTIME_OMIT) {
    *set = false;
    return 0;
  }
  *set = true;
  if (ts->nsec == LINUX_UTIME_NOW) {
    *t = vfs_now();
    return 0;
  }
  if (ts->nsec < 0 || ts->nsec >= 1000000000)
    return -EINVAL;
  *t = (struct vtime){ts->sec, (uint32_t)ts->nsec};
  return 0;
}

static long set_times(struct inode *ino, const struct linux_timespec *ts) {
  const struct vfs_cred *c = fs_cred();
  bool seta = true, setm = true;
  struct vtime a = vfs_now(), m = a;
  if (ts) {
    if (pick_time(&ts[0], &seta, &a) || pick_time(&ts[1], &setm, &m))
      return -EINVAL;
  }
  /* vfs_utimes: both UTIME_NOW is the same as no times (ATTR_TOUCH: the
   * owner, or write permission); anything else given, even one
   * UTIME_NOW beside a UTIME_OMIT, is ATTR_TIMES_SET: the owner only. */
  bool touch =
      !ts || (ts[0].nsec == LINUX_UTIME_NOW && ts[1].nsec == LINUX_UTIME_NOW);
  if (!touch && !inode_owner_or_capable(ino, c))
    return -EPERM;
  if (touch && !inode_owner_or_capable(ino, c) &&
      inode_permission(ino, c, LINUX_W_OK))
    return -EACCES;
  if (seta)
    ino->atime = a;
  if (setm)
    ino->mtime = m;
  if (seta || setm)
    ino->ctime = vfs_now();
  return 0;
}

/* do_utimes: the times `tp` (NULL: now) of dirfd's file when upath is
 * NULL and dirfd is not AT_FDCWD (futimens, futimesat(fd, NULL)), else
 * of the file upath names. */
static long do_utimes(int dirfd, uint64_t upath,
                      const struct linux_timespec *tp, uint64_t flags) {
  struct inode *ino;
  if (!upath && dirfd != LINUX_AT_FDCWD) {
    if (flags) /* do_utimes_fd takes no flags */
      return -EINVAL;
    struct file *f = fd_get(current_proc()->fds, (int64_t)dirfd);
    if (!f || !f->inode || f->path_only)
      return -EBADF;
    ino = inode_get(f->inode);
  } else {
    unsigned lf = (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
    if (flags & LINUX_AT_EMPTY_PATH)
      lf |= LOOKUP_EMPTY;
    int err = fs_lookup(dirfd, upath, lf, &ino);
    if (err)
      return err;
  }
  long r = set_times(ino, tp);
  inode_put(ino);
  return r;
}

SYSCALL_DEFINE(utimensat) {
  if (a3 & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
    return -EINVAL;
  struct linux_timespec ts[2], *tp = 0;
  if (a2) {
    if (copy_from_user(current_proc()->mm, ts, a2, sizeof ts))
      return -EFAULT;
    tp = ts;
    /* Nothing to do: not even the path is looked at. */
    if (ts[0].nsec == LINUX_UTIME_OMIT && ts[1].nsec == LINUX_UTIME_OMIT)
      return 0;
  }
  return do_utimes((int32_t)a0, a1, tp, a3);
}

/* futimesat and utimes (fs/utimes.c's do_futimesat): microseconds, each
 * in [0, 1000000) (so UTIME_NOW and UTIME_OMIT are EINVAL here). */
static long do_futimesat(int dirfd, uint64_t upath, uint64_t utv) {
  struct linux_timespec ts[2];
  if (utv) {
    int64_t tv[4]; /* two struct timeval: seconds, microseconds */
    if (copy_from_user(current_proc()->mm, tv, utv, sizeof tv))
      return -EFAULT;
    if (tv[1] < 0 || tv[1] >= 1000000 || tv[3] < 0 || tv[3] >= 1000000)
      return -EINVAL;
    ts[0] = (struct linux_timespec){tv[0], tv[1] * 1000};
    ts[1] = (struct linux_timespec){tv[2], tv[3] * 1000};
  }
  return do_utimes(dirfd, upath, utv ? ts : 0, 0);
}

SYSCALL_DEFINE(futimesat) {
  return do_futimesat((int32_t)a0, a1, a2);
}

SYSCALL_DEFINE(utimes) {
  return do_futimesat(LINUX_AT_FDCWD, a0, a1);
}

/* utime: whole seconds from a struct utimbuf (actime, modtime). */
SYSCALL_DEFINE(utime) {
  struct linux_timespec ts[2];
  if (a1) {
    int64_t t[2];
    if (copy_from_user(current_proc()->mm, t, a1, sizeof t))
      return -EFAULT;
    ts[0] = (struct linux_timespec){t[0], 0};
    ts[1] = (struct linux_timespec){t[1], 0};
  }
  return do_utimes(LINUX_AT_FDCWD, a0, a1 ? ts : 0, 0);
}
