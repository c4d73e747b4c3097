/* Socket syscall arguments (sockarg.h). */
#include <linux_shim/sockarg.h>

#include <libos/fd.h>
#include <libos/kstring.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <libos/vfs.h>
#include <linux_shim/fsarg.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

int sock_fd(uint64_t fd, struct usock **out) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
  if (!f)
    return -EBADF;
  *out = usock_of(f);
  return *out ? 0 : -ENOTSOCK;
}

int sock_addr_in(uint64_t uaddr, int64_t len, char *sa) {
  if (len < 0 || len > LINUX_SOCKADDR_STORAGE)
    return -EINVAL;
  memset(sa, 0, LINUX_SOCKADDR_STORAGE + 1);
  if (len && copy_from_user(current_proc()->mm, sa, uaddr, (size_t)len))
    return -EFAULT;
  return 0;
}

int sock_addr_out(const char *sa, int klen, uint64_t uaddr, uint64_t ulen) {
  struct mm *mm = current_proc()->mm;
  int32_t len;
  if (copy_from_user(mm, &len, ulen, sizeof len))
    return -EFAULT;
  if (len > klen)
    len = klen;
  if (len < 0)
    return -EINVAL;
  if (len && copy_to_user(mm, uaddr, sa, (size_t)len))
    return -EFAULT;
  int32_t k = klen;
  if (copy_to_user(mm, ulen, &k, sizeof k))
    return -EFAULT;
  return 0;
}

int sock_addr_check(const char *sa, int64_t len) {
  if (len <= LINUX_SUN_PATH_OFF ||
      len > (int64_t)sizeof(struct linux_sockaddr_un))
    return -EINVAL;
  if (((const uint8_t *)sa)[0] != LINUX_AF_UNIX || sa[1] != 0)
    return -EINVAL;
  return 0;
}

unsigned sock_path_len(char *sa, unsigned len) {
  sa[len] = 0;
  return (unsigned)strlen(sa + LINUX_SUN_PATH_OFF) + LINUX_SUN_PATH_OFF + 1;
}

int sock_dest_get(char *sa, unsigned len, struct unix_dest *d) {
  d->inode = 0;
  d->sa = sa;
  d->len = len;
  if (sa[LINUX_SUN_PATH_OFF] == 0)
    return 0;
  sock_path_len(sa, len);
  struct walk_ctx w;
  const char *path = sa + LINUX_SUN_PATH_OFF;
  int err = fs_walk_from(LINUX_AT_FDCWD, path, false, &w);
  struct inode *ino = 0;
  if (!err)
    err = namei(&w, path, LOOKUP_FOLLOW, &ino);
  if (!err)
    err = inode_permission(ino, w.cred, LINUX_W_OK);
  if (err) {
    if (ino)
      inode_put(ino);
    return err;
  }
  d->inode = ino;
  return 0;
}

void sock_dest_put(struct unix_dest *d) {
  if (d->inode)
    inode_put(d->inode);
  d->inode = 0;
}
