/* memfd_create and file seals (memfd_create(2), fcntl(2) "File
 * sealing"): an anonymous tmpfs file, and the F_SEAL_* rules that the
 * write and size paths enforce. */
#include <abi.h>
#include <libos/fd.h>
#include <libos/kstring.h>
#include <libos/open.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/memfd.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define MFD_CLOEXEC 0x1u
#define MFD_ALLOW_SEALING 0x2u
#define MFD_HUGETLB 0x4u
#define MFD_NOEXEC_SEAL 0x8u
#define MFD_EXEC 0x10u
#define MFD_NAME_MAX 249 /* NAME_MAX minus "memfd:" */

SYSCALL_DEFINE(memfd_create) {
  uint64_t flags = a1;
  if (flags & ~(uint64_t)(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB |
                          MFD_NOEXEC_SEAL | MFD_EXEC))
    return -EINVAL;
  if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
    return -EINVAL;
  if (flags & MFD_HUGETLB)
    return -EINVAL; /* no hugetlbfs */
  char name[MFD_NAME_MAX + 1]; /* 249 bytes and the NUL */
  long n = strncpy_from_user(current_proc()->mm, name, a0, sizeof name);
  if (n == -ENAMETOOLONG)
    return -EINVAL;
  if (n < 0)
    return n;
  struct super *sb = vfs_shm();
  static const struct vfs_cred c = {.privileged = true};
  struct inode *ino = inode_new(sb, LINUX_S_IFREG | 0777, &c);
  if (!ino)
    return -ENOMEM;
  ino->ops = sb->root->ops;
  ino->uid = current_proc()->cred.fsuid;
  ino->gid = current_proc()->cred.fsgid;
  ino->nlink = 0; /* a shmem file is born without a link (fstat: 0) */
  ino->anon = true;
  if (flags & MFD_NOEXEC_SEAL) {
    ino->mode &= ~0111u;
    ino->sealable = true;
    ino->seals = LINUX_F_SEAL_EXEC;
  } else if (flags & MFD_ALLOW_SEALING) {
    ino->sealable = true;
  }
  struct file *f;
  int err = vfs_open_inode(ino, LINUX_O_RDWR | LINUX_O_LARGEFILE, false, &f);
  inode_put(ino);
  if (err)
    return err;
  long fd = fd_install(current_proc()->fds, f, 0, flags & MFD_CLOEXEC,
                       fs_fd_limit());
  file_put(f);
  return fd;
}

/* Seals exist on every tmpfs regular file (shmem): a file that is not a
 * sealable memfd carries F_SEAL_SEAL. Other files have none (EINVAL). */
static bool shmem_file(const struct inode *ino) {
  return ino && ino->sb && ino->sb->magic == LINUX_TMPFS_MAGIC &&
         (ino->mode & LINUX_S_IFMT) == LINUX_S_IFREG;
}

long memfd_add_seals(struct file *f, uint64_t seals) {
  struct inode *ino = f->inode;
  if (!shmem_file(ino))
    return -EINVAL;
  if (!ino->sealable)
    return -EPERM;
  if (seals & ~(uint64_t)LINUX_F_SEAL_ALL)
    return -EINVAL;
  if ((f->flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY)
    return -EPERM;
  if (ino->seals & LINUX_F_SEAL_SEAL)
    return -EPERM;
  ino->seals |= (unsigned)seals;
  return 0;
}

long memfd_get_seals(struct file *f) {
  struct inode *ino = f->inode;
  if (!shmem_file(ino))
    return -EINVAL;
  return ino->sealable ? ino->seals : LINUX_F_SEAL_SEAL;
}
