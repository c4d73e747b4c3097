/* Descriptors: pipe/pipe2, close, dup/dup2/dup3, fcntl basics. */
#include <libos/fd.h>
#include <libos/pipe.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>

static struct fdtable *fds(void) {
  return current_proc()->fds;
}

/* RLIMIT_NOFILE's soft limit, as a slot count. */
static int fd_limit(void) {
  uint64_t cur = current_proc()->rlim[LINUX_RLIMIT_NOFILE].cur;
  return cur > FD_TABLE_SIZE ? FD_TABLE_SIZE : (int)cur;
}

static long do_pipe2(uint64_t ufds, uint64_t flags) {
  if (flags & ~(uint64_t)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK))
    return -EINVAL;
  struct file *rd, *wr;
  int err = pipe_create((unsigned)flags, &rd, &wr);
  if (err)
    return err;
  bool cloexec = flags & LINUX_O_CLOEXEC;
  int fd[2];
  fd[0] = fd_install(fds(), rd, 0, cloexec, fd_limit());
  fd[1] = fd[0] < 0 ? fd[0] : fd_install(fds(), wr, 0, cloexec, fd_limit());
  long ret = 0;
  if (fd[1] < 0) {
    ret = fd[1];
  } else if (copy_to_user(current_proc()->mm, ufds, fd, sizeof fd)) {
    ret = -EFAULT;
  }
  if (ret) {
    if (fd[0] >= 0)
      fd_close(fds(), fd[0]);
    if (fd[1] >= 0)
      fd_close(fds(), fd[1]);
  }
  file_put(rd); /* the table holds the references now */
  file_put(wr);
  return ret;
}

SYSCALL_DEFINE(pipe) {
  return do_pipe2(a0, 0);
}

SYSCALL_DEFINE(pipe2) {
  return do_pipe2(a0, a1);
}

SYSCALL_DEFINE(close) {
  return fd_close(fds(), (int64_t)(int32_t)a0);
}

SYSCALL_DEFINE(dup) {
  struct file *f = fd_get(fds(), (int64_t)(int32_t)a0);
  if (!f)
    return -EBADF;
  return fd_install(fds(), f, 0, false, fd_limit());
}

SYSCALL_DEFINE(dup2) {
  int oldfd = (int32_t)a0, newfd = (int32_t)a1;
  if (oldfd == newfd) /* dup2 only checks that oldfd is open */
    return fd_get(fds(), oldfd) ? newfd : -EBADF;
  return fd_dup_to(fds(), oldfd, newfd, false, fd_limit());
}

SYSCALL_DEFINE(dup3) {
  int oldfd = (int32_t)a0, newfd = (int32_t)a1;
  if (a2 & ~(uint64_t)LINUX_O_CLOEXEC)
    return -EINVAL;
  if (oldfd == newfd)
    return -EINVAL;
  return fd_dup_to(fds(), oldfd, newfd, a2 & LINUX_O_CLOEXEC, fd_limit());
}

/* Status flags F_SETFL may change (others are silently kept). */
#define SETFL_MASK (LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_ASYNC | \
                    LINUX_O_NOATIME)

SYSCALL_DEFINE(fcntl) {
  int fd = (int32_t)a0;
  struct fdtable *t = fds();
  struct file *f = fd_get(t, fd);
  if (!f)
    return -EBADF;
  switch ((int32_t)a1) {
  case LINUX_F_DUPFD:
  case LINUX_F_DUPFD_CLOEXEC: {
    int64_t min = (int32_t)a2;
    if (min < 0 || min >= fd_limit())
      return -EINVAL;
    return fd_install(t, f, (int)min, (int32_t)a1 == LINUX_F_DUPFD_CLOEXEC,
                      fd_limit());
  }
  case LINUX_F_GETFD:
    return t->cloexec[fd] ? LINUX_FD_CLOEXEC : 0;
  case LINUX_F_SETFD:
    t->cloexec[fd] = a2 & LINUX_FD_CLOEXEC;
    return 0;
  case LINUX_F_GETFL:
    return f->flags;
  case LINUX_F_SETFL:
    f->flags = (f->flags & ~(unsigned)SETFL_MASK) |
               ((unsigned)a2 & SETFL_MASK);
    return 0;
  default:
    return -EINVAL;
  }
}
