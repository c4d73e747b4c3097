/* open, openat, openat2, creat: path, creation flags and permission
 * checks as open(2) describes them, then an open file description from
 * libos/open.h in the lowest free descriptor. */
#include <abi.h>
#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/kstring.h>
#include <libos/open.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* The flags open(2) knows (others are ignored by open/openat and refused
 * by openat2). */
#define OPEN_KNOWN                                                             \
  (LINUX_O_ACCMODE | LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY |           \
   LINUX_O_TRUNC | LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_DSYNC |         \
   LINUX_O_ASYNC | LINUX_O_DIRECT | LINUX_O_LARGEFILE | LINUX_O_DIRECTORY |    \
   LINUX_O_NOFOLLOW | LINUX_O_NOATIME | LINUX_O_CLOEXEC | LINUX_O_SYNC |       \
   LINUX_O_PATH | LINUX_O_TMPFILE_BIT)
#define O_TMPFILE_ (LINUX_O_TMPFILE_BIT | LINUX_O_DIRECTORY)
/* What stays in the file's flags (F_GETFL): creation flags go. */
#define OPEN_KEPT                                                              \
  (OPEN_KNOWN & ~(LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY |              \
                  LINUX_O_TRUNC | LINUX_O_CLOEXEC | LINUX_O_TMPFILE_BIT))

/* The permission bits open asks for, as may_open: the access mode, and
 * write for O_TRUNC. */
static int open_mask(uint64_t flags) {
  unsigned acc = flags & LINUX_O_ACCMODE;
  int mask = acc == LINUX_O_RDONLY   ? LINUX_R_OK
             : acc == LINUX_O_WRONLY ? LINUX_W_OK
                                     : LINUX_R_OK | LINUX_W_OK;
  if (flags & LINUX_O_TRUNC)
    mask |= LINUX_W_OK;
  return mask;
}

/* Create or find the last component for O_CREAT (and follow a symlink
 * there, to create what a dangling one names). */
static int open_create(struct walk_ctx *w, const char *path, uint64_t flags,
                       uint32_t mode, struct inode **out, bool *created) {
  struct last_name *last = kzalloc(sizeof *last);
  char *next = kzalloc(LINUX_PATH_MAX);
  if (!last || !next) {
    kfree(last);
    kfree(next);
    return -ENOMEM;
  }
  struct inode *held = 0; /* the directory a followed link lives in */
  int err = 0;
  for (int links = 0;; links++) {
    struct inode *dir;
    err = namei_parent(w, path, &dir, last);
    if (err)
      break;
    if (last->kind != LAST_NORM) {
      inode_put(dir);
      err = -EISDIR;
      break;
    }
    struct inode *ino = 0;
    err = namei_child(w, dir, last->name, last->len, &ino);
    if (err == -ENOENT)
      err = 0;
    if (!err && ino) {
      if (flags & LINUX_O_EXCL) {
        err = -EEXIST;
      } else if (inode_is(ino, LINUX_S_IFLNK) && !last->trailing_slash) {
        if (flags & LINUX_O_NOFOLLOW) {
          err = -ELOOP;
        } else if (w->limits & WALK_NO_SYMLINKS) {
          err = -ELOOP;
        } else if (links >= LINUX_MAXSYMLINKS) {
          err = -ELOOP;
        } else {
          /* Go on with the link's target, from the link's directory. */
          size_t n = strnlen(ino->target, LINUX_PATH_MAX - 1);
          memcpy(next, ino->target, n);
          next[n] = '\0';
          inode_put(ino);
          inode_put(held);
          held = dir;
          w->start = dir;
          path = next;
          continue;
        }
      } else {
        *out = ino;
        ino = 0;
      }
      inode_put(ino);
      inode_put(dir);
      break;
    }
    if (!err && last->trailing_slash)
      err = -EISDIR;
    if (!err && (dir->nlink == 0 || !dir->ops->create))
      err = -ENOENT; /* a removed directory takes no new names; procfs's
                        lookup fails for a name it lacks */
    if (!err)
      err = inode_permission(dir, w->cred, LINUX_W_OK | LINUX_X_OK);
    if (!err) {
      uint32_t m = (mode & ~current_proc()->fs->umask & 07777) | LINUX_S_IFREG;
      err = dir->ops->create(dir, last->name, last->len, m, 0, 0, w->cred, out);
      *created = !err;
    }
    inode_put(dir);
    break;
  }
  inode_put(held);
  kfree(last);
  kfree(next);
  return err;
}

/* O_TMPFILE: an unnamed regular file in directory `dir`. */
static int open_tmpfile(struct walk_ctx *w, const char *path, uint32_t mode,
                        bool excl, struct inode **out) {
  struct inode *dir;
  int err = namei(w, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
  if (err)
    return err;
  err = inode_permission(dir, w->cred, LINUX_W_OK | LINUX_X_OK);
  if (!err) {
    uint32_t m = (mode & ~current_proc()->fs->umask & 07777) | LINUX_S_IFREG;
    struct inode *ino = inode_new(dir->sb, m, w->cred);
    if (!ino) {
      err = -ENOSPC;
    } else {
      ino->ops = dir->ops;
      ino->linkable = !excl; /* I_LINKABLE */
      *out = ino;
    }
  }
  inode_put(dir);
  return err;
}

/* openat2's RESOLVE_* bits. */
#define RESOLVE_NO_XDEV 0x01
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_BENEATH 0x08
#define RESOLVE_IN_ROOT 0x10
#define RESOLVE_CACHED 0x20 /* tmpfs is all in memory: always "cached" */
#define RESOLVE_KNOWN 0x3f

/* Apply `resolve` to a walk fs_walk_from set up. BENEATH and IN_ROOT
 * confine it to the dirfd (or the cwd), which becomes its root, even for
 * an absolute path (fs_walk_from skipped the dirfd then). */
static int resolve_limits(struct walk_ctx *w, int dirfd, const char *path,
                          uint64_t resolve) {
  w->limits = ((resolve & RESOLVE_NO_XDEV) ? WALK_NO_XDEV : 0) |
              ((resolve & RESOLVE_NO_SYMLINKS) ? WALK_NO_SYMLINKS : 0) |
              ((resolve & RESOLVE_BENEATH) ? WALK_BENEATH : 0) |
              ((resolve & RESOLVE_NO_MAGICLINKS) ? WALK_NO_MAGICLINKS : 0) |
              ((resolve & RESOLVE_IN_ROOT) ? WALK_SCOPED : 0);
  if (!(resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)))
    return 0;
  if (path[0] == '/' && dirfd != LINUX_AT_FDCWD) {
    struct file *f = fd_get(current_proc()->fds, dirfd);
    if (!f || !f->inode)
      return -EBADF;
    if (!inode_is(f->inode, LINUX_S_IFDIR))
      return -ENOTDIR;
    w->start = f->inode;
  }
  w->root = w->start;
  return 0;
}

static long do_open(int dirfd, uint64_t upath, uint64_t flags, uint32_t mode,
                    uint64_t resolve) {
  bool path_only = flags & LINUX_O_PATH;
  if (path_only) /* only these mean something with O_PATH */
    flags &=
        LINUX_O_PATH | LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW | LINUX_O_CLOEXEC;
  bool tmpfile = (flags & O_TMPFILE_) == O_TMPFILE_;
  if (tmpfile && (flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY)
    return -EINVAL;
  if ((flags & LINUX_O_TMPFILE_BIT) && !tmpfile)
    return -EINVAL;
  struct upath *p = kzalloc(sizeof *p);
  if (!p)
    return -ENOMEM;
  struct walk_ctx w;
  struct inode *ino = 0;
  bool created = false;
  long err = upath_get(p, upath);
  if (!err)
    err = fs_walk_from(dirfd, p->buf, false, &w);
  if (!err && resolve)
    err = resolve_limits(&w, dirfd, p->buf, resolve);
  if (!err && tmpfile) {
    err = open_tmpfile(&w, p->buf, mode, flags & LINUX_O_EXCL, &ino);
    created = true;
  } else if (!err && (flags & LINUX_O_CREAT) && !path_only) {
    err = open_create(&w, p->buf, flags, mode, &ino, &created);
  } else if (!err) {
    unsigned lf = (flags & LINUX_O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
    if (flags & LINUX_O_DIRECTORY)
      lf |= LOOKUP_DIRECTORY;
    err = namei(&w, p->buf, lf, &ino);
    if (!err && inode_is(ino, LINUX_S_IFLNK) && !path_only)
      err = -ELOOP; /* O_NOFOLLOW met a symlink */
  }
  kfree(p);
  if (err) {
    inode_put(ino);
    return err;
  }
  unsigned acc = flags & LINUX_O_ACCMODE;
  if (!created && !path_only) {
    if ((flags & LINUX_O_DIRECTORY) && !inode_is(ino, LINUX_S_IFDIR))
      err = -ENOTDIR;
    else if (inode_is(ino, LINUX_S_IFDIR) &&
             (acc != LINUX_O_RDONLY || (flags & LINUX_O_CREAT)))
      err = -EISDIR;
    else
      err = inode_permission(ino, fs_cred(), open_mask(flags));
    if (!err && (flags & LINUX_O_TRUNC) && inode_is(ino, LINUX_S_IFREG)) {
      err = ino->ops->setsize ? ino->ops->setsize(ino, 0) : -EINVAL;
      ino->mtime = ino->ctime = vfs_now();
    }
  } else if (path_only && (flags & LINUX_O_DIRECTORY) &&
             !inode_is(ino, LINUX_S_IFDIR)) {
    err = -ENOTDIR;
  }
  struct file *f = 0;
  unsigned kept = (unsigned)(flags & OPEN_KEPT);
  if (!path_only)
    kept |= LINUX_O_LARGEFILE; /* 64-bit kernels force it */
  if (tmpfile)
    kept &= ~(unsigned)LINUX_O_DIRECTORY;
  if (!err)
    err = vfs_open_inode(ino, kept, path_only, &f);
  inode_put(ino);
  if (err)
    return err;
  long fd = fd_install(current_proc()->fds, f, 0, flags & LINUX_O_CLOEXEC,
                       fs_fd_limit());
  file_put(f);
  return fd;
}

SYSCALL_DEFINE(open) {
  return do_open(LINUX_AT_FDCWD, a0, a1 & OPEN_KNOWN, (uint32_t)a2, 0);
}

SYSCALL_DEFINE(openat) {
  return do_open((int32_t)a0, a1, a2 & OPEN_KNOWN, (uint32_t)a3, 0);
}

SYSCALL_DEFINE(creat) {
  return do_open(LINUX_AT_FDCWD, a0,
                 LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC, (uint32_t)a1,
                 0);
}

/* openat2: struct open_how, checked strictly (openat2(2)). */
SYSCALL_DEFINE(openat2) {
  struct linux_open_how how;
  if (a3 < sizeof how)
    return -EINVAL;
  if (a3 > 4096)
    return -E2BIG;
  if (copy_from_user(current_proc()->mm, &how, a2, sizeof how))
    return -EFAULT;
  /* Bytes past the struct we know must be zero. */
  for (uint64_t off = sizeof how; off < a3; off++) {
    uint8_t b;
    if (copy_from_user(current_proc()->mm, &b, a2 + off, 1))
      return -EFAULT;
    if (b)
      return -E2BIG;
  }
  if (how.flags & ~(uint64_t)OPEN_KNOWN)
    return -EINVAL;
  if (how.mode & ~(uint64_t)07777)
    return -EINVAL;
  if (how.mode && !(how.flags & (LINUX_O_CREAT | LINUX_O_TMPFILE_BIT)))
    return -EINVAL;
  if (how.resolve & ~(uint64_t)RESOLVE_KNOWN)
    return -EINVAL;
  if ((how.resolve & RESOLVE_BENEATH) && (how.resolve & RESOLVE_IN_ROOT))
    return -EINVAL;
  /* RESOLVE_CACHED never tries what might have to wait. */
  if ((how.resolve & RESOLVE_CACHED) &&
      (how.flags & (LINUX_O_TRUNC | LINUX_O_CREAT | LINUX_O_TMPFILE_BIT)))
    return -EAGAIN;
  return do_open((int32_t)a0, a1, how.flags, (uint32_t)how.mode, how.resolve);
}
