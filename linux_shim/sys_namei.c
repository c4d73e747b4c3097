/* Calls that change names: mkdir, mknod, rmdir, unlink, rename, link,
 * symlink (each with its *at form), and readlink. The rules and errno
 * order are rename(2)'s, unlink(2)'s... as Linux applies them. */
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* A resolved parent directory and last name, with the path buffer. */
struct target {
  struct upath path;
  struct walk_ctx w;
  struct inode *dir;
  struct last_name last;
};

/* Resolve everything but the last component of the path at `upath`. */
static int target_get(struct target *t, int dirfd, uint64_t upath) {
  t->dir = 0;
  int err = upath_get(&t->path, upath);
  if (!err)
    err = fs_walk_from(dirfd, t->path.buf, false, &t->w);
  if (!err)
    err = namei_parent(&t->w, t->path.buf, &t->dir, &t->last);
  return err;
}

static void target_put(struct target *t) {
  inode_put(t->dir);
  kfree(t);
}

/* The inode the last name names now (ENOENT when none). */
static int target_child(struct target *t, struct inode **out) {
  return namei_child(&t->w, t->dir, t->last.name, t->last.len, out);
}

/* may_create: the name must not exist; write and search on the dir. */
static int may_create(struct target *t) {
  struct inode *ino;
  int err = target_child(t, &ino);
  if (!err) {
    inode_put(ino);
    return -EEXIST;
  }
  if (err != -ENOENT)
    return err;
  if (t->dir->nlink == 0)
    return -ENOENT; /* a removed directory takes no new names */
  if (!t->dir->ops->create)
    return -ENOENT; /* procfs: a name it lacks is an error of its lookup */
  return inode_permission(t->dir, t->w.cred, LINUX_W_OK | LINUX_X_OK);
}

/* The sticky-bit rule (may_delete): in a sticky directory only the owner
 * of the file or of the directory (or CAP_FOWNER) may remove it. */
static int may_delete(struct target *t, struct inode *victim) {
  int err = inode_permission(t->dir, t->w.cred, LINUX_W_OK | LINUX_X_OK);
  if (err)
    return err;
  if ((t->dir->mode & LINUX_S_ISVTX) && !t->w.cred->privileged &&
      t->w.cred->uid != victim->uid && t->w.cred->uid != t->dir->uid)
    return -EPERM;
  return 0;
}

/* Create the last name of `upath` as `mode` (a device needs CAP_MKNOD,
 * checked after the name and the directory, as vfs_mknod). */
/* make_node's work once the parent is resolved (or err says why not):
 * the new inode is kept in *out when asked for (a reference). */
static long make_node_at(struct target *t, int err, uint32_t mode,
                         uint64_t rdev, const char *target, bool need_cap,
                         struct inode **out) {
  bool dir = (mode & LINUX_S_IFMT) == LINUX_S_IFDIR;
  if (!err && t->last.kind != LAST_NORM)
    err = -EEXIST;
  if (!err && t->last.trailing_slash && !dir) {
    struct inode *ino;
    err = target_child(t, &ino) == 0 ? (inode_put(ino), -EEXIST) : -ENOENT;
  }
  if (!err)
    err = may_create(t);
  if (!err && need_cap && !t->w.cred->privileged)
    err = -EPERM;
  if (!err) {
    struct inode *ino;
    err = t->dir->ops->create(t->dir, t->last.name, t->last.len, mode, rdev,
                              target, t->w.cred, &ino);
    if (!err && out)
      *out = ino;
    else if (!err)
      inode_put(ino);
  }
  target_put(t);
  return err;
}

static long make_node(int dirfd, uint64_t upath, uint32_t mode, uint64_t rdev,
                      const char *target, bool need_cap) {
  struct target *t = kzalloc(sizeof *t);
  if (!t)
    return -ENOMEM;
  int err = target_get(t, dirfd, upath);
  return make_node_at(t, err, mode, rdev, target, need_cap, 0);
}

long fs_mknod_kpath(const char *path, uint32_t mode, struct inode **out) {
  struct target *t = kzalloc(sizeof *t);
  if (!t)
    return -ENOMEM;
  size_t n = strlen(path);
  int err = n < sizeof t->path.buf ? 0 : -ENAMETOOLONG;
  if (!err) {
    memcpy(t->path.buf, path, n + 1);
    err = fs_walk_from(LINUX_AT_FDCWD, t->path.buf, false, &t->w);
  }
  if (!err)
    err = namei_parent(&t->w, t->path.buf, &t->dir, &t->last);
  return make_node_at(t, err, mode, 0, 0, false, out);
}

static uint32_t masked(uint64_t mode, uint32_t bits) {
  return (uint32_t)mode & bits & ~current_proc()->fs->umask;
}

SYSCALL_DEFINE(mkdirat) {
  return make_node((int32_t)a0, a1, LINUX_S_IFDIR | masked(a2, 07777), 0, 0,
                   false);
}

SYSCALL_DEFINE(mkdir) {
  return make_node(LINUX_AT_FDCWD, a0, LINUX_S_IFDIR | masked(a1, 07777), 0, 0,
                   false);
}

/* mknod: regular files and FIFOs (and the mem devices, for root). */
static long do_mknod(int dirfd, uint64_t upath, uint64_t mode, uint64_t dev) {
  uint32_t type = (uint32_t)mode & LINUX_S_IFMT;
  switch (type) {
  case 0:
    type = LINUX_S_IFREG;
    break;
  case LINUX_S_IFREG:
  case LINUX_S_IFIFO:
  case LINUX_S_IFSOCK:
    break;
  case LINUX_S_IFCHR:
  case LINUX_S_IFBLK:
    break; /* CAP_MKNOD: make_node checks it once the name is known */
  case LINUX_S_IFDIR:
    return -EPERM;
  default:
    return -EINVAL;
  }
  /* The user's dev_t is the old 32-bit huge encoding; stat's is ours. */
  uint32_t major = (uint32_t)((dev >> 8) & 0xfff);
  uint32_t minor = (uint32_t)((dev & 0xff) | ((dev >> 12) & 0xfff00));
  uint64_t rdev = type == LINUX_S_IFCHR || type == LINUX_S_IFBLK
                      ? linux_makedev(major, minor)
                      : 0;
  return make_node(dirfd, upath, type | masked(mode, 07777), rdev, 0,
                   type == LINUX_S_IFCHR || type == LINUX_S_IFBLK);
}

SYSCALL_DEFINE(mknodat) {
  return do_mknod((int32_t)a0, a1, a2, a3);
}

SYSCALL_DEFINE(mknod) {
  return do_mknod(LINUX_AT_FDCWD, a0, a1, a2);
}

static long do_symlink(uint64_t utarget, int dirfd, uint64_t upath) {
  struct upath *target = kzalloc(sizeof *target);
  if (!target)
    return -ENOMEM;
  long err = upath_get(target, utarget);
  if (!err && !target->buf[0])
    err = -ENOENT;
  if (!err)
    err = make_node(dirfd, upath, LINUX_S_IFLNK | 0777, 0, target->buf, false);
  kfree(target);
  return err;
}

SYSCALL_DEFINE(symlinkat) {
  return do_symlink(a0, (int32_t)a1, a2);
}

SYSCALL_DEFINE(symlink) {
  return do_symlink(a0, LINUX_AT_FDCWD, a1);
}

/* A directory with entries other than "." and "..". */
static bool dir_busy(const struct inode *ino) {
  return ino->entries != 0;
}

/* An open file's last name is about to go: keep its path for
 * /proc/<pid>/fd's "(deleted)" link (Linux's dentry keeps it). Only for
 * an inode someone else still holds: the others go with the unlink. */
static void remember_path(struct inode *victim) {
  if (victim->refs < 2)
    return;
  char *buf = kzalloc(LINUX_PATH_MAX);
  long n =
      buf ? vfs_inode_path(current_proc()->fs->root, victim, buf, LINUX_PATH_MAX)
          : -ENOMEM;
  char *kept = n > 0 ? kzalloc((size_t)n) : 0;
  if (kept) {
    memcpy(kept, buf, (size_t)n);
    victim->dead_path = kept;
  }
  kfree(buf);
}

static long do_remove(int dirfd, uint64_t upath, bool rmdir) {
  struct target *t = kzalloc(sizeof *t);
  if (!t)
    return -ENOMEM;
  int err = target_get(t, dirfd, upath);
  if (!err && rmdir) {
    if (t->last.kind == LAST_DOT)
      err = -EINVAL;
    else if (t->last.kind == LAST_DOTDOT)
      err = -ENOTEMPTY;
    else if (t->last.kind == LAST_ROOT)
      err = -EBUSY;
  } else if (!err && t->last.kind != LAST_NORM) {
    err = -EISDIR;
  }
  struct inode *victim = 0;
  if (!err)
    err = target_child(t, &victim);
  if (!err) {
    bool dir = inode_is(victim, LINUX_S_IFDIR);
    if (rmdir && !dir)
      err = -ENOTDIR;
    else if (!rmdir && dir)
      err = -EISDIR;
    else if (!rmdir && t->last.trailing_slash)
      err = -ENOTDIR;
    else if (victim->sb != t->dir->sb || victim->mounted)
      err = -EBUSY; /* a mount point, or the root of what is mounted */
    else
      err = may_delete(t, victim);
    if (!err && rmdir && dir_busy(victim))
      err = -ENOTEMPTY;
  }
  if (!err && !t->dir->ops->unlink)
    err = -EPERM; /* vfs_unlink/vfs_rmdir on a filesystem without them */
  if (!err && !rmdir && victim->nlink == 1 && !victim->dead_path)
    remember_path(victim);
  if (!err)
    err = t->dir->ops->unlink(t->dir, t->last.name, t->last.len);
  inode_put(victim);
  target_put(t);
  return err;
}

SYSCALL_DEFINE(unlinkat) {
  if (a2 & ~(uint64_t)LINUX_AT_REMOVEDIR)
    return -EINVAL;
  return do_remove((int32_t)a0, a1, a2 & LINUX_AT_REMOVEDIR);
}

SYSCALL_DEFINE(unlink) {
  return do_remove(LINUX_AT_FDCWD, a0, false);
}

SYSCALL_DEFINE(rmdir) {
  return do_remove(LINUX_AT_FDCWD, a0, true);
}

/* Is `a` `b` or an ancestor of it (within one filesystem)? A root may be
 * its own parent (procfs's): the walk stops there. */
static bool is_ancestor(const struct inode *a, const struct inode *b) {
  for (const struct inode *c = b; c; c = c->parent == c ? 0 : c->parent)
    if (c == a)
      return true;
  return false;
}

static long do_rename(int odirfd, uint64_t opath, int ndirfd, uint64_t npath,
                      uint64_t flags) {
  if (flags & ~(uint64_t)(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE |
                          LINUX_RENAME_WHITEOUT))
    return -EINVAL;
  bool exchange = flags & LINUX_RENAME_EXCHANGE;
  if (exchange && (flags & (LINUX_RENAME_NOREPLACE | LINUX_RENAME_WHITEOUT)))
    return -EINVAL;
  if (flags & LINUX_RENAME_WHITEOUT)
    return -EINVAL; /* tmpfs has no whiteouts for unprivileged... */
  struct target *o = kzalloc(sizeof *o), *n = kzalloc(sizeof *n);
  if (!o || !n) {
    kfree(o);
    kfree(n);
    return -ENOMEM;
  }
  struct inode *src = 0, *dst = 0;
  int err = target_get(o, odirfd, opath);
  if (!err)
    err = target_get(n, ndirfd, npath);
  if (!err && (o->last.kind != LAST_NORM || n->last.kind != LAST_NORM))
    err = o->last.kind == LAST_ROOT || n->last.kind == LAST_ROOT ? -EBUSY
                                                                 : -EINVAL;
  if (!err)
    err = target_child(o, &src);
  if (!err) {
    int e = target_child(n, &dst);
    if (e && e != -ENOENT)
      err = e;
    if (e == -ENOENT && (exchange || !n->dir->ops->create))
      err = -ENOENT; /* procfs: a name it lacks is its lookup's error */
  }
  if (!err && o->dir->sb != n->dir->sb)
    err = -EXDEV;
  bool sdir = src && inode_is(src, LINUX_S_IFDIR);
  if (!err && !sdir && (o->last.trailing_slash || n->last.trailing_slash))
    err = -ENOTDIR;
  if (!err && dst && (flags & LINUX_RENAME_NOREPLACE))
    err = -EEXIST;
  if (!err && dst && dst != src && !exchange) {
    bool ddir = inode_is(dst, LINUX_S_IFDIR);
    if (sdir && !ddir)
      err = -ENOTDIR;
    else if (!sdir && ddir)
      err = -EISDIR;
    else if (ddir && dir_busy(dst))
      err = -ENOTEMPTY;
  }
  /* A directory cannot move below itself. */
  if (!err && sdir && is_ancestor(src, n->dir))
    err = -EINVAL;
  if (!err && exchange && dst && inode_is(dst, LINUX_S_IFDIR) &&
      is_ancestor(dst, o->dir))
    err = -EINVAL;
  /* A mount point (its lookup gives the mounted root: another sb) or the
   * root of what is mounted neither moves nor is replaced. */
  if (!err && (src->mounted || src->sb != o->dir->sb ||
               (dst && (dst->mounted || dst->sb != n->dir->sb))))
    err = -EBUSY;
  /* vfs_rename: the same file under both names is done already (procfs
   * gives each lookup its own inode, with a stable number). */
  bool same =
      dst && (dst == src || (dst->sb == src->sb && dst->ino == src->ino));
  if (!err && same) {
    inode_put(src);
    inode_put(dst);
    target_put(o);
    target_put(n);
    return 0;
  }
  if (!err)
    err = may_delete(o, src);
  if (!err)
    err = dst ? may_delete(n, dst)
              : inode_permission(n->dir, n->w.cred, LINUX_W_OK | LINUX_X_OK);
  if (!err && !o->dir->ops->rename)
    err = -EPERM; /* vfs_rename on a filesystem without it */
  if (!err && src != dst)
    err = o->dir->ops->rename(o->dir, o->last.name, o->last.len, n->dir,
                              n->last.name, n->last.len, exchange);
  inode_put(src);
  inode_put(dst);
  target_put(o);
  target_put(n);
  return err;
}

SYSCALL_DEFINE(rename) {
  return do_rename(LINUX_AT_FDCWD, a0, LINUX_AT_FDCWD, a1, 0);
}

SYSCALL_DEFINE(renameat) {
  return do_rename((int32_t)a0, a1, (int32_t)a2, a3, 0);
}

SYSCALL_DEFINE(renameat2) {
  return do_rename((int32_t)a0, a1, (int32_t)a2, a3, a4);
}

static long do_link(int odirfd, uint64_t opath, int ndirfd, uint64_t npath,
                    uint64_t flags) {
  if (flags & ~(uint64_t)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
    return -EINVAL;
  unsigned lf = (flags & LINUX_AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0;
  if (flags & LINUX_AT_EMPTY_PATH)
    lf |= LOOKUP_EMPTY;
  struct inode *src;
  int err = fs_lookup(odirfd, opath, lf, &src);
  if (err)
    return err;
  struct target *n = kzalloc(sizeof *n);
  if (!n) {
    inode_put(src);
    return -ENOMEM;
  }
  err = target_get(n, ndirfd, npath);
  if (!err && n->last.kind != LAST_NORM)
    err = -EEXIST;
  if (!err && inode_is(src, LINUX_S_IFDIR))
    err = -EPERM;
  if (!err && n->dir->sb != src->sb)
    err = -EXDEV;
  if (!err)
    err = may_create(n);
  /* An O_TMPFILE file with no name may get one (I_LINKABLE, cleared by
   * its first link); a removed one may not, by any path. */
  if (!err && src->nlink == 0 && !src->linkable)
    err = -ENOENT;
  if (!err && !n->dir->ops->link)
    err = -EPERM; /* vfs_link on a filesystem without it */
  if (!err)
    err = n->dir->ops->link(n->dir, n->last.name, n->last.len, src);
  if (!err)
    src->linkable = false;
  inode_put(src);
  target_put(n);
  return err;
}

SYSCALL_DEFINE(link) {
  return do_link(LINUX_AT_FDCWD, a0, LINUX_AT_FDCWD, a1, 0);
}

SYSCALL_DEFINE(linkat) {
  return do_link((int32_t)a0, a1, (int32_t)a2, a3, a4);
}

static long do_readlink(int dirfd, uint64_t upath, uint64_t ubuf,
                        uint64_t size) {
  if ((int64_t)size <= 0)
    return -EINVAL;
  struct inode *ino;
  int err = fs_lookup(dirfd, upath, LOOKUP_EMPTY, &ino);
  if (err)
    return err;
  long r;
  if (!inode_is(ino, LINUX_S_IFLNK)) {
    r = -EINVAL;
  } else {
    /* The target's own length: a /proc link's st_size is not it (0 for
     * most, 64 for fd/N, as Linux). */
    size_t len = strlen(ino->target);
    size_t n = len < size ? len : (size_t)size;
    r = copy_to_user(current_proc()->mm, ubuf, ino->target, n) ? -EFAULT
                                                               : (long)n;
  }
  inode_put(ino);
  return r;
}

SYSCALL_DEFINE(readlinkat) {
  return do_readlink((int32_t)a0, a1, a2, a3);
}

SYSCALL_DEFINE(readlink) {
  return do_readlink(LINUX_AT_FDCWD, a0, a1, a2);
}
