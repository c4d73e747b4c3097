/* The standard files (stdio.h). */
#include <libos/stdio.h>

#include <libos/devices.h>
#include <libos/open.h>
#include <libos/pipe.h>
#include <libos/vfs.h>
#include <uapi/errno.h>
#include <uapi/io.h>

int stdio_install(struct fdtable *t) {
  struct inode *null = 0, *dev = vfs_root();
  /* /dev/null straight from the device tree: nothing can have moved it. */
  if (dev && dev->ops->lookup(dev, "dev", 3, &dev) == 0) {
    struct inode *mounted = dev->mounted ? inode_get(dev->mounted->root) : 0;
    inode_put(dev);
    if (mounted && mounted->ops->lookup(mounted, "null", 4, &null) != 0)
      null = 0;
    inode_put(mounted);
  }
  struct file *in = 0, *out = 0;
  if (!null || vfs_open_inode(null, LINUX_O_RDONLY, false, &in) != 0)
    in = 0;
  inode_put(null);
  struct inode *fifo = pipe_anon_inode();
  out = fifo ? file_new(&console_ops, LINUX_O_WRONLY, 0) : 0;
  if (!in || !out) {
    if (in)
      file_put(in);
    if (out)
      file_put(out);
    inode_put(fifo);
    return -ENOMEM;
  }
  out->inode = fifo;
  fd_install(t, in, 0, false, FD_TABLE_SIZE);
  fd_install(t, out, 1, false, FD_TABLE_SIZE);
  fd_install(t, out, 2, false, FD_TABLE_SIZE);
  file_put(in); /* the table holds the references now */
  file_put(out);
  return 0;
}
