/* Descriptors: pipe/pipe2, close, dup/dup2/dup3, fcntl basics. */
#include <abi.h>
#include <libos/fasync.h>
#include <libos/fd.h>
#include <libos/lock.h>
#include <libos/pipe.h>
#include <libos/proc.h>
#include <libos/task.h>
#include <libos/uaccess.h>
#include <libos/vfs.h>
#include <libos/wait.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/memfd.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/io.h>
#include <uapi/signal.h>

static struct fdtable *fds(void) {
  return current_proc()->fds;
}

static long do_pipe2(uint64_t ufds, uint64_t flags) {
  /* O_DIRECT: packet mode (pipe(7)); O_NOTIFICATION_PIPE is not built. */
  if (flags & ~(uint64_t)(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_O_DIRECT))
    return -EINVAL;
  struct file *rd, *wr;
  int err = pipe_create((unsigned)flags, &rd, &wr);
  if (err)
    return err;
  if (flags & LINUX_O_DIRECT) { /* create_pipe_files: the write end only */
    wr->flags |= LINUX_O_DIRECT;
    pipe_set_packets(wr, true);
  }
  bool cloexec = flags & LINUX_O_CLOEXEC;
  int fd[2];
  fd[0] = fd_install(fds(), rd, 0, cloexec, fs_fd_limit());
  fd[1] = fd[0] < 0 ? fd[0] : fd_install(fds(), wr, 0, cloexec, fs_fd_limit());
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
  return fd_install(fds(), f, 0, false, fs_fd_limit());
}

SYSCALL_DEFINE(dup2) {
  int oldfd = (int32_t)a0, newfd = (int32_t)a1;
  if (oldfd == newfd) /* dup2 only checks that oldfd is open */
    return fd_get(fds(), oldfd) ? newfd : -EBADF;
  return fd_dup_to(fds(), oldfd, newfd, false, fs_fd_limit());
}

SYSCALL_DEFINE(dup3) {
  int oldfd = (int32_t)a0, newfd = (int32_t)a1;
  if (a2 & ~(uint64_t)LINUX_O_CLOEXEC)
    return -EINVAL;
  if (oldfd == newfd)
    return -EINVAL;
  return fd_dup_to(fds(), oldfd, newfd, a2 & LINUX_O_CLOEXEC, fs_fd_limit());
}

#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
static long fcntl_lock(struct file *f, int cmd, uint64_t uarg);

/* Status flags F_SETFL may change (others are silently kept). */
#define SETFL_MASK                                                             \
  (LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_ASYNC | LINUX_O_NOATIME |       \
   LINUX_O_DIRECT)

/* setfl: O_ASYNC changing tells the file first; its error keeps the old
 * flags. */
static long fcntl_setfl(struct file *f, int fd, unsigned arg) {
  int err = file_set_async(f, fd, arg & LINUX_O_ASYNC);
  if (err < 0)
    return err;
  f->flags = (f->flags & ~(unsigned)SETFL_MASK) | (arg & SETFL_MASK);
  if (pipe_of(f))
    pipe_set_packets(f, arg & LINUX_O_DIRECT);
  return 0;
}

/* F_SETOWN and friends (fcntl(2) "Managing signals"): the owner is the
 * open file description's, shared by dup and fork. */
static long fcntl_owner(struct file *f, int cmd, uint64_t arg) {
  struct fown *o = &f->owner;
  switch (cmd) {
  case LINUX_F_GETOWN:
    return o->kind == FOWN_GROUP ? -(long)o->id : o->id;
  case LINUX_F_SETOWN: {
    int who = (int32_t)arg;
    if (who == INT32_MIN)
      return -EINVAL; /* cannot be negated */
    return who < 0 ? fown_set(f, FOWN_GROUP, -who)
                   : fown_set(f, FOWN_PROCESS, who);
  }
  case LINUX_F_GETOWN_EX: {
    static const int32_t types[] = {[FOWN_THREAD] = LINUX_F_OWNER_TID,
                                    [FOWN_PROCESS] = LINUX_F_OWNER_PID,
                                    [FOWN_GROUP] = LINUX_F_OWNER_PGRP};
    struct linux_f_owner_ex ex = {types[o->kind], o->id};
    return copy_to_user(current_proc()->mm, arg, &ex, sizeof ex) ? -EFAULT : 0;
  }
  case LINUX_F_SETOWN_EX: {
    struct linux_f_owner_ex ex;
    if (copy_from_user(current_proc()->mm, &ex, arg, sizeof ex))
      return -EFAULT;
    enum fown_kind kind = ex.type == LINUX_F_OWNER_TID   ? FOWN_THREAD
                          : ex.type == LINUX_F_OWNER_PID ? FOWN_PROCESS
                                                         : FOWN_GROUP;
    if (ex.type != LINUX_F_OWNER_TID && ex.type != LINUX_F_OWNER_PID &&
        ex.type != LINUX_F_OWNER_PGRP)
      return -EINVAL;
    if (ex.pid < 0)
      return -ESRCH; /* no negative ids in the _EX form */
    return fown_set(f, kind, ex.pid);
  }
  case LINUX_F_GETSIG:
    return o->sig;
  default: /* F_SETSIG: 0 (plain SIGIO) or a valid signal */
    if (arg > LINUX_NSIG)
      return -EINVAL;
    o->sig = (int)arg;
    return 0;
  }
}

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
    if (min < 0 || min >= fs_fd_limit())
      return -EINVAL;
    return fd_install(t, f, (int)min, (int32_t)a1 == LINUX_F_DUPFD_CLOEXEC,
                      fs_fd_limit());
  }
  case LINUX_F_GETFD:
    return t->cloexec[fd] ? LINUX_FD_CLOEXEC : 0;
  case LINUX_F_SETFD:
    t->cloexec[fd] = a2 & LINUX_FD_CLOEXEC;
    return 0;
  case LINUX_F_GETFL:
    return f->flags;
  case F_GETLK:
  case F_SETLK:
  case F_SETLKW:
  case F_OFD_GETLK:
  case F_OFD_SETLK:
  case F_OFD_SETLKW:
    return fcntl_lock(f, cmd, a2);
  case LINUX_F_ADD_SEALS:
    return memfd_add_seals(f, (uint32_t)a2);
  case LINUX_F_GET_SEALS:
    return memfd_get_seals(f);
  case LINUX_F_GETPIPE_SZ:
    return pipe_get_size(f);
  case LINUX_F_SETPIPE_SZ:
    return pipe_set_size(f, a2, fs_cred()->privileged);
  case LINUX_F_SETFL:
    return fcntl_setfl(f, fd, (unsigned)a2);
  case LINUX_F_GETOWN:
  case LINUX_F_SETOWN:
  case LINUX_F_GETOWN_EX:
  case LINUX_F_SETOWN_EX:
  case LINUX_F_GETSIG:
  case LINUX_F_SETSIG:
    return fcntl_owner(f, cmd, a2);
  default:
    return -EINVAL;
  }
}

/* close_range(first, last, flags): close (or mark close-on-exec) every
 * open descriptor in [first, last]; with UNSHARE, in a copy of a table
 * shared through CLONE_FILES (the copy first, so others keep theirs). */
SYSCALL_DEFINE(close_range) {
  uint32_t first = (uint32_t)a0, last = (uint32_t)a1;
  if (a2 & ~(uint64_t)(LINUX_CLOSE_RANGE_UNSHARE | LINUX_CLOSE_RANGE_CLOEXEC))
    return -EINVAL;
  if (first > last)
    return -EINVAL;
  if ((a2 & LINUX_CLOSE_RANGE_UNSHARE) && fdtable_unshare(&current_proc()->fds))
    return -ENOMEM;
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

/* ---- advisory locks ---- */

/* struct flock on 64-bit Linux (both arches). */
struct linux_flock {
  int16_t l_type, l_whence;
  int32_t pad0;
  int64_t l_start, l_len;
  int32_t l_pid, pad1;
};

#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
struct lock_wait {
  struct inode *ino;
  struct lock_req r;
};

static bool lock_free(void *arg) {
  struct lock_wait *w = arg;
  struct lock_req other;
  return !lock_test(w->ino, &w->r, &other);
}

/* fcntl's lock commands: the range from l_whence/l_start/l_len (a
 * negative length reaches back), the access-mode rule, then test, set or
 * wait. */
static long fcntl_lock(struct file *f, int cmd, uint64_t uarg) {
  struct mm *mm = current_proc()->mm;
  struct linux_flock fl;
  if (copy_from_user(mm, &fl, uarg, sizeof fl))
    return -EFAULT;
  bool ofd = cmd >= F_OFD_GETLK;
  if (ofd && fl.l_pid != 0)
    return -EINVAL;
  if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK)
    return -EINVAL;
  struct inode *ino = f->inode;
  if (!ino || f->path_only)
    return -EBADF;
  int64_t base;
  switch (fl.l_whence) {
  case LINUX_SEEK_SET:
    base = 0;
    break;
  case LINUX_SEEK_CUR:
    base = (int64_t)f->pos;
    break;
  case LINUX_SEEK_END:
    base = (int64_t)ino->size;
    break;
  default:
    return -EINVAL;
  }
  int64_t start = base + fl.l_start, end;
  if (fl.l_len > 0) {
    end = start + fl.l_len - 1;
  } else if (fl.l_len < 0) {
    end = start - 1;
    start += fl.l_len;
  } else {
    end = INT64_MAX;
  }
  if (start < 0 || end < start)
    return -EINVAL;
  struct lock_req r = {fl.l_type == F_RDLCK   ? LOCK_READ
                       : fl.l_type == F_WRLCK ? LOCK_WRITE
                                              : LOCK_NONE,
                       (uint64_t)start,
                       end == INT64_MAX ? LOCK_END : (uint64_t)end,
                       ofd ? (const void *)f : (const void *)fds(),
                       ofd,
                       current_proc()->pid};
  if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
    if (r.type == LOCK_NONE)
      return -EINVAL;
    struct lock_req other;
    if (!lock_test(ino, &r, &other)) {
      fl.l_type = F_UNLCK;
    } else {
      fl.l_type = other.type == LOCK_READ ? F_RDLCK : F_WRLCK;
      fl.l_whence = LINUX_SEEK_SET;
      fl.l_start = (int64_t)other.start;
      fl.l_len =
          other.end == LOCK_END ? 0 : (int64_t)(other.end - other.start + 1);
      fl.l_pid = other.pid;
    }
    return copy_to_user(mm, uarg, &fl, sizeof fl) ? -EFAULT : 0;
  }
  unsigned acc = f->flags & LINUX_O_ACCMODE;
  if ((r.type == LOCK_READ && acc == LINUX_O_WRONLY) ||
      (r.type == LOCK_WRITE && acc == LINUX_O_RDONLY))
    return -EBADF;
  for (;;) {
    int err = lock_set(ino, &r);
    if (err != -EAGAIN || cmd == F_SETLK || cmd == F_OFD_SETLK)
      return err;
    if (lock_deadlocks(ino, &r))
      return -EDEADLK;
    struct lock_wait w = {ino, r};
    struct lock_waiter me = {0, ino, r};
    lock_wait_add(&me);
    enum wait_result got = wait_event(lock_free, &w, WAIT_FOREVER);
    lock_wait_del(&me);
    if (got == WAIT_SIGNAL)
      return -ERESTARTSYS;
  }
}

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

struct flock_wait {
  struct inode *ino;
  struct file *f;
  enum lock_type type;
};

static bool flock_free(void *arg) {
  struct flock_wait *w = arg;
  return lock_flock_free(w->ino, w->f, w->type);
}

SYSCALL_DEFINE(flock) {
  struct file *f = fd_get(fds(), (int32_t)a0);
  if (!f || f->path_only || !f->inode)
    return -EBADF;
  unsigned op = (unsigned)a1 & ~(unsigned)LOCK_NB;
  enum lock_type type = op == LOCK_SH   ? LOCK_READ
                        : op == LOCK_EX ? LOCK_WRITE
                        : op == LOCK_UN ? LOCK_NONE
                                        : (enum lock_type) - 1;
  if ((int)type < 0)
    return -EINVAL;
  for (;;) {
    int err = lock_flock(f->inode, f, type);
    if (err != -EAGAIN || (a1 & LOCK_NB))
      return err;
    struct flock_wait w = {f->inode, f, type};
    if (wait_event(flock_free, &w, WAIT_FOREVER) == WAIT_SIGNAL)
      return -ERESTARTSYS;
  }
}
