/* signalfd and signalfd4 (fs/signalfd.c): the mask size must be 8
 * (EINVAL before the copy), flags SFD_CLOEXEC and SFD_NONBLOCK (O_CLOEXEC
 * and O_NONBLOCK), SIGKILL and SIGSTOP leave the mask silently; ufd -1
 * makes a new file, another number changes the mask of that signalfd
 * (EBADF, EINVAL for another kind) and keeps its flags. signalfd
 * (x86-64 only) is signalfd4 without flags. The file is
 * libos/signalfd.c. */
#include <libos/fd.h>
#include <libos/proc.h>
#include <libos/signalfd.h>
#include <libos/uaccess.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <linux_shim/timer_abi.h>
#include <uapi/errno.h>
#include <uapi/io.h>

static long do_signalfd4(uint64_t ufd, uint64_t umask, uint64_t size,
                         uint32_t flags) {
  if (size != LINUX_SIGSET_SIZE)
    return -EINVAL;
  linux_sigset_t mask;
  if (copy_from_user(current_proc()->mm, &mask, umask, sizeof mask))
    return -EFAULT;
  if (flags & ~(uint32_t)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK))
    return -EINVAL;
  mask &= ~SIG_UNBLOCKABLE;
  int fd = (int32_t)ufd;
  if (fd != -1) {
    struct file *f = fd_get(current_proc()->fds, fd);
    if (!f || f->path_only)
      return -EBADF;
    if (!is_signalfd(f))
      return -EINVAL;
    signalfd_set_mask(f, mask);
    return fd;
  }
  struct file *f;
  int err = signalfd_create(mask, signalfd_siginfo_fill,
                            sizeof(struct linux_signalfd_siginfo),
                            flags & LINUX_O_NONBLOCK, &f);
  if (err)
    return err;
  return fs_install_new(f, flags & LINUX_O_CLOEXEC);
}

SYSCALL_DEFINE(signalfd4) {
  return do_signalfd4(a0, a1, a2, (uint32_t)a3);
}

SYSCALL_DEFINE(signalfd) {
  return do_signalfd4(a0, a1, a2, 0);
}
