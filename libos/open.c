/* vfs_open_inode (open.h). */
#include <libos/open.h>

#include <libos/devices.h>
#include <libos/pipe.h>
#include <libos/regfile.h>
#include <libos/vfs.h>
#include <uapi/errno.h>

static const struct file_ops path_ops; /* O_PATH: no I/O at all */

int vfs_open_inode(struct inode *ino, unsigned flags, bool path_only,
                   struct file **out) {
  if (!path_only && (ino->mode & LINUX_S_IFMT) == LINUX_S_IFIFO)
    return pipe_open_fifo(ino, flags, out);
  const struct file_ops *ops = &path_ops;
  bool seekable = true;
  if (!path_only) {
    switch (ino->mode & LINUX_S_IFMT) {
    case LINUX_S_IFREG:
      ops = ino->fops ? ino->fops : &regfile_ops;
      break;
    case LINUX_S_IFDIR:
      ops = &dir_ops;
      break;
    case LINUX_S_IFCHR:
      ops = device_ops(ino->rdev);
      break;
    default:
      ops = 0;
      break; /* sockets, block devices: no driver */
    }
    if (!ops)
      return -ENXIO;
  }
  struct file *f = file_new(ops, flags, 0);
  if (!f)
    return -ENOMEM;
  f->inode = inode_get(ino);
  f->seekable = seekable;
  f->path_only = path_only;
  if (!path_only && ops->open) {
    int err = ops->open(f);
    if (err) {
      file_put(f);
      return err;
    }
  }
  *out = f;
  return 0;
}
