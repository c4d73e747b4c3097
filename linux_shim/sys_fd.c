/* Descriptors: pipe/pipe2, close, dup/dup2/dup3, fcntl basics. */
#include <libos/fd.h>
#include <libos/pipe.h>
#include <libos/proc.h>
#include <libos/uaccess.h>
#include <abi.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
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
                    LINUX_O_NOATIME | LINUX_O_DIRECT)

SYSCALL_DEFINE(fcntl) {
  int fd = (int32_t)a0;
  struct fdtable *t = fds();
  struct file *f = fd_get(t, fd);
  if (!f)
    return -EBADF;
  int cmd = (int32_t)a1;
  /* An O_PATH descriptor answers only these (fcntl(2) on O_PATH). */
  if (f->path_only && cmd != LINUX_F_DUPFD && cmd != LINUX_F_DUPFD_CLOEXEC &&
      cmd != LINUX_F_GETFD && cmd != LINUX_F_SETFD && cmd != LINUX_F_GETFL)
    return -EBADF;
  switch (cmd) {
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
  case LINUX_F_GETPIPE_SZ:
    return pipe_nread(f) < 0 ? -EBADF : LINUX_PIPE_SIZE;
  case LINUX_F_SETFL:
    f->flags = (f->flags & ~(unsigned)SETFL_MASK) |
               ((unsigned)a2 & SETFL_MASK);
    return 0;
  default:
    return -EINVAL;
  }
}

/* close_range(first, last, flags): close (or mark close-on-exec) every
 * open descriptor in [first, last]. UNSHARE needs no work: tables are
 * never shared between processes here. */
SYSCALL_DEFINE(close_range) {
  uint32_t first = (uint32_t)a0, last = (uint32_t)a1;
  if (a2 & ~(uint64_t)(LINUX_CLOSE_RANGE_UNSHARE | LINUX_CLOSE_RANGE_CLOEXEC))
    return -EINVAL;
  if (first > last)
    return -EINVAL;
  struct fdtable *t = fds();
  for (uint64_t fd = first; fd <= last && fd < FD_TABLE_SIZE; fd++) {
    if (!t->file[fd])
      continue;
    if (a2 & LINUX_CLOSE_RANGE_CLOEXEC)
      t->cloexec[fd] = true;
    else
      fd_close(t, (int64_t)fd);
  }
  return 0;
}
