/* The standard files (stdio.h). */
#include <libos/stdio.h>

#include <libos/devices.h>
#include <libos/open.h>
#include <libos/pipe.h>
#include <libos/uaccess.h>
#include <libos/vfs.h>
#include <uapi/errno.h>
#include <uapi/io.h>

static const char *input_data;
static size_t input_len;
static unsigned input_flags;

void stdio_set_input(const void *data, size_t len, unsigned open_flags) {
  input_data = data;
  input_len = len;
  input_flags = open_flags;
}

/* fd 0 as a file holding the input: an anonymous tmpfs inode (as memfd's)
 * filled through the filesystem's own rw operation (no process exists yet
 * to write it), then opened read-only at offset 0. */
static struct file *input_file(void) {
  struct super *sb = vfs_shm();
  static const struct vfs_cred c = {.privileged = true};
  struct inode *ino = sb ? inode_new(sb, LINUX_S_IFREG | 0644, &c) : 0;
  if (!ino)
    return 0;
  ino->ops = sb->root->ops;
  ino->nlink = 1; /* a file someone else's directory holds */
  ino->anon = true;
  size_t done = 0;
  while (done < input_len) {
    long n = ino->ops->rw(ino, &kernel_buffer_mm,
                          (uint64_t)(uintptr_t)(input_data + done),
                          input_len - done, done, true);
    if (n <= 0)
      break;
    done += (size_t)n;
  }
  struct file *r = 0;
  if (done != input_len ||
      vfs_open_inode(ino, LINUX_O_RDONLY | input_flags, false, &r) != 0)
    r = 0;
  inode_put(ino);
  return r;
}

/* /dev/null straight from the device tree: nothing can have moved it. */
static struct file *null_file(void) {
  struct inode *null = 0, *dev = vfs_root();
  if (dev && dev->ops->lookup(dev, "dev", 3, &dev) == 0) {
    struct inode *mounted = dev->mounted ? inode_get(dev->mounted->root) : 0;
    inode_put(dev);
    if (mounted && mounted->ops->lookup(mounted, "null", 4, &null) != 0)
      null = 0;
    inode_put(mounted);
  }
  struct file *in = 0;
  if (!null || vfs_open_inode(null, LINUX_O_RDONLY, false, &in) != 0)
    in = 0;
  inode_put(null);
  return in;
}

int stdio_install(struct fdtable *t) {
  struct file *in = input_len ? input_file() : null_file(), *out = 0;
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
