/* memfile.h: reads copy straight from the constant bytes. */
#include <libos/memfile.h>

#include <libos/file.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Unmounted: the inodes are only reached through magic links. */
static struct super memfs = {.dev = 0x10, .magic = 0x858458f6 /* ramfs */};

static long memfile_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                         uint64_t *pos) {
  const struct inode *ino = f->inode;
  if (*pos >= ino->size || n == 0)
    return 0;
  size_t k = ino->size - *pos < n ? (size_t)(ino->size - *pos) : n;
  const char *src = (const char *)ino->fsdata + *pos;
  size_t missed = copy_to_user(mm, ubuf, src, k);
  if (missed == k)
    return -EFAULT;
  *pos += k - missed;
  return (long)(k - missed);
}

/* The bytes are a running program's text: Linux denies writers of an
 * executable in use (deny_write_access) with ETXTBSY. */
static int memfile_open(struct file *f) {
  return (f->flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY ? -ETXTBSY : 0;
}

static const struct file_ops memfile_ops = {.read = memfile_read,
                                            .open = memfile_open};

struct inode *memfile_inode(const void *data, size_t size, uint32_t perm) {
  struct inode *ino = inode_new(&memfs, LINUX_S_IFREG | (perm & 07777), 0);
  if (!ino)
    return 0;
  ino->fsdata = (void *)data;
  ino->size = size;
  ino->nlink = 1;
  ino->anon = true;
  ino->fops = &memfile_ops;
  return ino;
}
