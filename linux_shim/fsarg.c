/* Path and dirfd arguments (fsarg.h). */
#include <linux_shim/fsarg.h>

#include <libos/fd.h>
#include <libos/kheap.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>

int upath_get(struct upath *p, uint64_t uptr) {
  long n = strncpy_from_user(current_proc()->mm, p->buf, uptr, sizeof p->buf);
  return n < 0 ? (int)n : 0;
}

int fs_walk_from(int dirfd, const char *path, bool empty_ok,
                 struct walk_ctx *w) {
  struct proc *p = current_proc();
  w->cred = fs_cred();
  w->root = p->fs->root;
  w->start = p->fs->cwd;
  w->limits = 0;
  if (path[0] == '\0' && !empty_ok)
    return -ENOENT; /* getname's answer, before the dirfd is looked at */
  if (path[0] == '/' || dirfd == LINUX_AT_FDCWD)
    return 0;
  struct file *f = fd_get(p->fds, dirfd);
  if (!f || !f->inode)
    return -EBADF;
  if ((f->inode->mode & LINUX_S_IFMT) != LINUX_S_IFDIR &&
      !(empty_ok && path[0] == '\0'))
    return -ENOTDIR;
  w->start = f->inode;
  return 0;
}

int fs_lookup(int dirfd, uint64_t uptr, unsigned flags, struct inode **out) {
  struct upath *p = kzalloc(sizeof *p);
  if (!p)
    return -ENOMEM;
  int err = upath_get(p, uptr);
  struct walk_ctx w;
  if (!err)
    err = fs_walk_from(dirfd, p->buf, flags & LOOKUP_EMPTY, &w);
  if (!err)
    err = namei(&w, p->buf, flags, out);
  kfree(p);
  return err;
}

void fs_kill_priv(struct inode *ino) {
  if (!inode_is(ino, LINUX_S_IFREG) ||
      !(ino->mode & (LINUX_S_ISUID | LINUX_S_ISGID)))
    return;
  const struct vfs_cred *c = fs_cred();
  if (c->privileged)
    return;
  uint32_t kill = ino->mode & LINUX_S_ISUID;
  if ((ino->mode & LINUX_S_ISGID) &&
      ((ino->mode & LINUX_S_IXGRP) || !vfs_in_group(c, ino->gid)))
    kill |= LINUX_S_ISGID;
  if (kill) {
    ino->mode &= ~kill;
    ino->ctime = vfs_now();
  }
}

int fs_fd_limit(void) {
  uint64_t cur = current_proc()->rlim[LINUX_RLIMIT_NOFILE].cur;
  return cur > FD_TABLE_SIZE ? FD_TABLE_SIZE : (int)cur;
}

int fs_install_new(struct file *f, bool cloexec) {
  int fd = fd_install(current_proc()->fds, f, 0, cloexec, fs_fd_limit());
  file_put(f); /* the table holds it now, or nobody */
  return fd;
}
