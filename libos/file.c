/* Open file descriptions (file.h). */
#include <libos/file.h>

#include <libos/kheap.h>
#include <libos/lock.h>
#include <libos/vfs.h>
#include <uapi/fcntl.h>

struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv) {
  struct file *f = kzalloc(sizeof *f);
  if (!f)
    return 0;
  f->ops = ops;
  f->flags = flags;
  f->refs = 1;
  f->priv = priv;
  return f;
}

int file_set_async(struct file *f, int fd, bool on) {
  if (on == !!(f->flags & LINUX_O_ASYNC))
    return 0;
  if (f->ops->fasync) {
    int err = f->ops->fasync(f, fd, on);
    if (err < 0)
      return err;
  }
  f->flags = on ? f->flags | LINUX_O_ASYNC : f->flags & ~LINUX_O_ASYNC;
  return 0;
}

void file_get(struct file *f) {
  f->refs++;
}

void file_put(struct file *f) {
  if (--f->refs > 0)
    return;
  /* epoll watches open file descriptions: the last close takes this one
   * out of every set (Linux's eventpoll_release). */
  if (f->epitems)
    epoll_file_gone(f);
  if ((f->flags & LINUX_O_ASYNC) && f->ops->fasync)
    f->ops->fasync(f, -1, false);
  if (f->ops->release)
    f->ops->release(f);
  if (f->inode)
    lock_file_gone(f->inode, f);
  inode_put(f->inode);
  kfree(f);
}

static bool vtime_le(struct vtime a, struct vtime b) {
  return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

/* touch_atime under relatime (the default mount option, and the tmpfs
 * the harness mounts on /tmp natively). */
void file_accessed(struct file *f) {
  struct inode *ino = f->inode;
  if (!ino || (f->flags & LINUX_O_NOATIME))
    return;
  struct vtime now = vfs_now();
  if (vtime_le(ino->atime, ino->mtime) || vtime_le(ino->atime, ino->ctime) ||
      now.sec - ino->atime.sec >= 24 * 60 * 60)
    ino->atime = now;
}
