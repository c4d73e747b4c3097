/* The tree a program starts in (vfs.h's vfs_init): a root tmpfs with
 * /tmp (a tmpfs of its own, mode 1777), /dev (a tmpfs holding the device
 * files, as devtmpfs) and /proc (an empty directory the personality
 * mounts its procfs on, vfs_mount_at). Each
 * tmpfs may hold half the machine's memory, as Linux's default size. */
#include <libos/vfs.h>

#include <libos/devices.h>
#include <libos/kstring.h>
#include <libos/pmm.h>
#include <libos/tmpfs.h>
#include <uapi/errno.h>

static struct inode *root;
static struct super *tmp_sb, *shm_sb;

struct super *vfs_shm(void) {
  return shm_sb;
}

struct inode *vfs_root(void) {
  return root;
}

struct inode *vfs_tmp_dir(void) {
  return inode_get(tmp_sb->root);
}

static const struct vfs_cred boot_cred = {.privileged = true};

static int make(struct inode *dir, const char *name, uint32_t mode,
                uint64_t rdev, const char *target, struct inode **out) {
  struct inode *ino;
  int err = dir->ops->create(dir, name, strlen(name), mode, rdev, target,
                             &boot_cred, &ino);
  if (err)
    return err;
  if (out)
    *out = ino;
  else
    inode_put(ino);
  return 0;
}

/* Mount `sb` on directory `on` (which keeps a reference to it). */
static void mount_on(struct inode *on, struct super *sb) {
  on->mounted = sb;
  sb->mountpoint = on;
}

int vfs_mount_at(const char *name, struct super *sb) {
  struct inode *dir;
  int err = root->ops->lookup(root, name, strlen(name), &dir);
  if (err)
    return err;
  if (!inode_is(dir, LINUX_S_IFDIR)) {
    inode_put(dir);
    return -ENOTDIR;
  }
  mount_on(dir, sb);
  inode_put(dir); /* the root's entry keeps it */
  return 0;
}

int vfs_init(void) {
  uint64_t half = pmm_total_count() / 2;
  struct super *rootfs = tmpfs_create(0755, half);
  struct super *tmp = tmpfs_create(01777, half);
  struct super *dev = tmpfs_create(0755, 64);
  shm_sb = tmpfs_create(01777, half);
  if (!rootfs || !tmp || !dev || !shm_sb)
    return -ENOMEM;
  root = rootfs->root;
  struct inode *tmpdir, *devdir;
  if (make(root, "tmp", LINUX_S_IFDIR | 01777, 0, 0, &tmpdir) ||
      make(root, "dev", LINUX_S_IFDIR | 0755, 0, 0, &devdir) ||
      make(root, "proc", LINUX_S_IFDIR | 0555, 0, 0, 0))
    return -ENOMEM;
  mount_on(tmpdir, tmp);
  tmp_sb = tmp;
  mount_on(devdir, dev);
  static const struct {
    const char *name;
    uint32_t minor;
  } nodes[] = {
      {"null", 3}, {"zero", 5}, {"full", 7}, {"random", 8}, {"urandom", 9}};
  for (unsigned i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
    if (make(dev->root, nodes[i].name, LINUX_S_IFCHR | 0666,
             linux_makedev(DEV_MEM_MAJOR, nodes[i].minor), 0, 0))
      return -ENOMEM;
  static const struct {
    const char *name, *target;
  } links[] = {{"fd", "/proc/self/fd"},
               {"stdin", "/proc/self/fd/0"},
               {"stdout", "/proc/self/fd/1"},
               {"stderr", "/proc/self/fd/2"}};
  for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++)
    if (make(dev->root, links[i].name, LINUX_S_IFLNK | 0777, 0, links[i].target,
             0))
      return -ENOMEM;
  return 0;
}
