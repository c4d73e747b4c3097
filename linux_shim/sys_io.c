/* read/write and their vector forms through the descriptor table. A call
 * that would block waits (libos/wait.h) unless the file is O_NONBLOCK; a
 * signal ends the wait with -ERESTARTSYS when nothing moved yet, which the
 * dispatcher turns into a restart (SA_RESTART) or EINTR (signal(7)). */
#include <libos/fd.h>
#include <libos/kstring.h>
#include <libos/pipe.h>
#include <libos/poll.h>
#include <libos/proc.h>
#include <libos/signal.h>
#include <libos/uaccess.h>
#include <libos/unix_sock.h>
#include <libos/vfs.h>
#include <libos/wait.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/io.h>

void io_raise_sigpipe(void) {
  struct thread *t = current();
  struct linux_siginfo si;
  memset(&si, 0, sizeof si);
  si.signo = SIGPIPE;
  si.code = SI_USER;
  si.u.kill.pid = t->proc->pid;
  signal_send(t, &si);
}

/* How one call moves bytes: O_APPEND and O_NONBLOCK of the file and
 * whether its kind raises SIGPIPE, or what preadv2/pwritev2's RWF_* flags
 * make of them for that call. */
enum { IO_APPEND = 1, IO_NOWAIT = 2, IO_NOSIGNAL = 4 };

static unsigned io_how(const struct file *f) {
  return (f->flags & LINUX_O_APPEND ? IO_APPEND : 0) |
         (f->flags & LINUX_O_NONBLOCK ? IO_NOWAIT : 0) |
         (f->ops->no_sigpipe ? IO_NOSIGNAL : 0);
}

/* Move n bytes at `buf` through `f` at *pos, blocking as `how` demands. */
static long file_io(struct file *f, bool write, uint64_t buf, size_t n,
                    uint64_t *pos, unsigned how) {
  struct mm *mm = current_proc()->mm;
  size_t done = 0;
  /* A signal came while waiting: Linux's waits test their condition
   * before the signal, so the operation is tried once more (a signalfd
   * read takes the very signal that woke it) and only then interrupted. */
  bool interrupted = false;
  if (write && n && f->inode)
    fs_kill_priv(f->inode); /* before the copy: a fault still clears */
  /* An appending write goes to the end whatever the offset, pwrite's too
   * (pwrite(2) BUGS); a file without offsets ignores it. */
  if (write && (how & IO_APPEND) && f->seekable && f->inode)
    *pos = f->inode->size;
  for (;;) {
    long r = write ? f->ops->write(f, mm, buf + done, n - done, pos)
                   : f->ops->read(f, mm, buf, n, pos);
    if (r == -EAGAIN) {
      if ((how & IO_NOWAIT) || f->ops->waits_itself)
        return done ? (long)done : -EAGAIN;
      if (interrupted)
        return done ? (long)done : -ERESTARTSYS;
      unsigned want = write ? LINUX_POLLOUT : LINUX_POLLIN;
      interrupted = poll_wait_file(f, want) == WAIT_SIGNAL;
      continue;
    }
    if (r == -EPIPE && !(how & IO_NOSIGNAL))
      io_raise_sigpipe();
    if (r < 0)
      return done ? (long)done : r;
    if (!write || !f->ops->stream_write)
      return r; /* done is 0: only stream writes go round */
    done += (size_t)r;
    if (done == n || interrupted)
      return (long)done;
  }
}

/* The file behind fd if it is open for reading (writing): a file opened
 * O_WRONLY has no read access even when its kind could read. */
static struct file *io_file(uint64_t fd, bool write) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
  if (!f || f->path_only || !(write ? f->ops->write : f->ops->read))
    return 0;
  unsigned acc = f->flags & LINUX_O_ACCMODE;
  if (f->inode && acc != LINUX_O_RDWR &&
      acc != (write ? LINUX_O_WRONLY : LINUX_O_RDONLY))
    return 0;
  return f;
}

/* Why io_file() refused: vfs_read/vfs_write's EBADF when the descriptor
 * is not open for it, EINVAL when it is but the file kind cannot do it
 * (no FMODE_CAN_READ/WRITE: a timerfd or signalfd written, an epoll file
 * read). */
static long io_file_error(uint64_t fd, bool write) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
  if (!f || f->path_only)
    return -EBADF;
  unsigned acc = f->flags & LINUX_O_ACCMODE;
  bool open_for =
      acc == LINUX_O_RDWR || acc == (write ? LINUX_O_WRONLY : LINUX_O_RDONLY);
  return open_for && !(write ? f->ops->write : f->ops->read) ? -EINVAL : -EBADF;
}

/* Where a transfer happens: the shared offset, or pread's own (-1: none
 * given). Returns 0 or -ESPIPE / -EINVAL. */
static long io_pos(struct file *f, int64_t at, uint64_t *local,
                   uint64_t **pos) {
  if (at < -1)
    return -EINVAL;
  if (at == -1) {
    *pos = &f->pos;
    return 0;
  }
  if (!f->seekable)
    return -ESPIPE;
  *local = (uint64_t)at;
  *pos = local;
  return 0;
}

/* rw_verify_area: on a file with a position, offset + count must stay
 * at most INT64_MAX (pos <= INT64_MAX and n <= INT64_MAX: no wrap). */
static bool past_max_offset(const struct file *f, const uint64_t *pos,
                            uint64_t n) {
  return f->seekable && (int64_t)(*pos + n) < 0;
}

static long rw(uint64_t fd, uint64_t buf, uint64_t len, bool write,
               int64_t at) {
  struct file *f = io_file(fd, write);
  if (!f)
    return io_file_error(fd, write);
  uint64_t local, *pos;
  long err = io_pos(f, at, &local, &pos);
  if (err)
    return err;
  if (!access_ok(buf, len))
    return -EFAULT;
  /* rw_verify_area: a position plus count past LLONG_MAX is EINVAL. */
  if ((int64_t)len < 0 || past_max_offset(f, pos, len))
    return -EINVAL;
  if (len > MAX_RW_COUNT)
    len = MAX_RW_COUNT;
  return file_io(f, write, buf, (size_t)len, pos, io_how(f));
}

SYSCALL_DEFINE(write) {
  return rw(a0, a1, a2, true, -1);
}

SYSCALL_DEFINE(read) {
  return rw(a0, a1, a2, false, -1);
}

/* pread64/pwrite64: a negative offset is EINVAL (-1 included). */
SYSCALL_DEFINE(pread64) {
  if ((int64_t)a3 < 0)
    return io_file(a0, false) ? -EINVAL : -EBADF;
  return rw(a0, a1, a2, false, (int64_t)a3);
}

SYSCALL_DEFINE(pwrite64) {
  if ((int64_t)a3 < 0)
    return io_file(a0, true) ? -EINVAL : -EBADF;
  return rw(a0, a1, a2, true, (int64_t)a3);
}

static bool first_page_readable(struct mm *mm, uint64_t iov, int64_t cnt) {
  static char scratch[LINUX_PIPE_BUF];
  size_t room = sizeof scratch;
  for (int64_t i = 0; i < cnt && room; i++) {
    struct linux_iovec v;
    if (copy_from_user(mm, &v, iov + i * sizeof v, sizeof v))
      return false;
    size_t k = v.len < room ? (size_t)v.len : room;
    if (copy_from_user(mm, scratch, v.base, k))
      return false;
    room -= k;
  }
  return true;
}

static long rw_flags(const struct file *f, uint64_t rwf, unsigned *how);

/* The vector forms; `rwf` is preadv2/pwritev2's flags (0 for the rest),
 * looked at as Linux's kiocb_set_rw_flags does: after the descriptor,
 * offset and vector checks, and never for a transfer of 0 bytes. */
static long rwv(uint64_t fd, uint64_t iov, uint64_t cnt64, bool write,
                int64_t at, uint64_t rwf) {
  struct file *f = io_file(fd, write);
  if (!f)
    return io_file_error(fd, write);
  uint64_t local, *pos;
  long perr = io_pos(f, at, &local, &pos);
  if (perr)
    return perr;
  if (cnt64 > LINUX_UIO_MAXIOV) /* unsigned: a "negative" count lands here */
    return -EINVAL;
  struct mm *mm = current_proc()->mm;
  int64_t cnt = (int64_t)cnt64;
  struct linux_iovec v[16];
  uint64_t total = 0;
  /* import_iovec: every length is checked first (a negative one is
   * EINVAL), then every segment must lie in user memory (EFAULT), and
   * the total is cut at MAX_RW_COUNT, never an overflow. */
  for (int64_t i = 0; i < cnt; i += 16) {
    int64_t n = cnt - i < 16 ? cnt - i : 16;
    if (copy_from_user(mm, v, iov + i * sizeof v[0], n * sizeof v[0]))
      return -EFAULT;
    for (int64_t k = 0; k < n; k++)
      if ((int64_t)v[k].len < 0)
        return -EINVAL;
  }
  for (int64_t i = 0; i < cnt; i += 16) {
    int64_t n = cnt - i < 16 ? cnt - i : 16;
    if (copy_from_user(mm, v, iov + i * sizeof v[0], n * sizeof v[0]))
      return -EFAULT;
    for (int64_t k = 0; k < n; k++) {
      if (!access_ok(v[k].base, v[k].len))
        return -EFAULT;
      total +=
          v[k].len < MAX_RW_COUNT - total ? v[k].len : MAX_RW_COUNT - total;
    }
  }
  if (past_max_offset(f, pos, total))
    return -EINVAL;
  if (total == 0)
    return 0;
  unsigned how;
  long ferr = rw_flags(f, rwf, &how);
  if (ferr)
    return ferr;
  /* Pipes fill their first page from all segments at once: a fault in
   * that page fails the whole call before anything moves. */
  if (write && (!f->inode || !f->inode->ops) &&
      !first_page_readable(mm, iov, cnt))
    return -EFAULT;
  long done = 0;
  for (int64_t i = 0; i < cnt && (uint64_t)done < total; i += 16) {
    int64_t n = cnt - i < 16 ? cnt - i : 16;
    if (copy_from_user(mm, v, iov + i * sizeof v[0], n * sizeof v[0]))
      return done ? done : -EFAULT;
    for (int64_t k = 0; k < n; k++) {
      uint64_t len =
          v[k].len < total - (uint64_t)done ? v[k].len : total - (uint64_t)done;
      if (len == 0)
        continue;
      long r = file_io(f, write, v[k].base, (size_t)len, pos, how);
      if (r < 0)
        return done ? done : r;
      done += r;
      if ((uint64_t)r < len)
        return done;
    }
  }
  return done;
}

SYSCALL_DEFINE(writev) {
  return rwv(a0, a1, a2, true, -1, 0);
}

SYSCALL_DEFINE(readv) {
  return rwv(a0, a1, a2, false, -1, 0);
}

/* preadv/pwritev: the offset comes as two halves (pos_l, pos_h); on
 * 64-bit machines pos_l holds it all. */
SYSCALL_DEFINE(preadv) {
  if ((int64_t)a3 < 0)
    return io_file(a0, false) ? -EINVAL : -EBADF;
  return rwv(a0, a1, a2, false, (int64_t)a3, 0);
}

SYSCALL_DEFINE(pwritev) {
  if ((int64_t)a3 < 0)
    return io_file(a0, true) ? -EINVAL : -EBADF;
  return rwv(a0, a1, a2, true, (int64_t)a3, 0);
}

/* preadv2/pwritev2's RWF_* flags (linux/fs.h). */
#define RWF_HIPRI 0x01u
#define RWF_DSYNC 0x02u
#define RWF_SYNC 0x04u
#define RWF_NOWAIT 0x08u
#define RWF_APPEND 0x10u
#define RWF_NOAPPEND 0x20u
#define RWF_NOSIGNAL 0x100u
/* RWF_ATOMIC (0x40) and RWF_DONTCACHE (0x80) need O_DIRECT and a page
 * cache: no file here supports them, which Linux says as it says an
 * unknown bit. */
#define RWF_KNOWN 0x13fu

/* kiocb_set_rw_flags: unknown bits are EOPNOTSUPP, APPEND with NOAPPEND
 * EINVAL, NOWAIT on a file that cannot promise it (tmpfs files and
 * directories: shmem has no FMODE_NOWAIT) EOPNOTSUPP; APPEND and
 * NOAPPEND change O_APPEND for this call, NOSIGNAL keeps an EPIPE write
 * from raising SIGPIPE; HIPRI, DSYNC and SYNC change nothing on a memory
 * filesystem. */
static long rw_flags(const struct file *f, uint64_t rwf, unsigned *how) {
  *how = io_how(f);
  if (!rwf)
    return 0;
  if (rwf & ~(uint64_t)RWF_KNOWN)
    return -EOPNOTSUPP;
  if ((rwf & RWF_APPEND) && (rwf & RWF_NOAPPEND))
    return -EINVAL;
  if (rwf & RWF_NOWAIT) {
    unsigned kind = f->inode ? f->inode->mode & LINUX_S_IFMT : 0;
    if (kind == LINUX_S_IFREG || kind == LINUX_S_IFDIR)
      return -EOPNOTSUPP;
    *how |= IO_NOWAIT;
  }
  if (rwf & RWF_APPEND)
    *how |= IO_APPEND;
  if (rwf & RWF_NOAPPEND)
    *how &= ~(unsigned)IO_APPEND;
  if (rwf & RWF_NOSIGNAL)
    *how |= IO_NOSIGNAL;
  return 0;
}

/* preadv2/pwritev2: offset -1 means the file's own. */
static long rwv2(uint64_t fd, uint64_t iov, uint64_t cnt, int64_t at,
                 uint64_t flags, bool write) {
  if (at < -1)
    return io_file(fd, write) ? -EINVAL : -EBADF;
  return rwv(fd, iov, cnt, write, at, flags);
}

SYSCALL_DEFINE(preadv2) {
  return rwv2(a0, a1, a2, (int64_t)a3, a5, false);
}

SYSCALL_DEFINE(pwritev2) {
  return rwv2(a0, a1, a2, (int64_t)a3, a5, true);
}

/* The generic ioctls every file has (do_vfs_ioctl). */
#define FIONBIO 0x5421
#define FIONREAD 0x541b
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIOASYNC 0x5452
/* The socket ones (unix_ioctl): SIOCINQ is FIONREAD, SIOCOUTQ TIOCOUTQ. */
#define SIOCOUTQ 0x5411
#define SIOCATMARK 0x8905

/* A unix socket's answer to FIONREAD, SIOCOUTQ or SIOCATMARK, an int. */
static long socket_ioctl(struct usock *s, uint32_t cmd, uint64_t uarg) {
  int which = cmd == FIONREAD   ? USOCK_IOC_INQ
              : cmd == SIOCOUTQ ? USOCK_IOC_OUTQ
                                : USOCK_IOC_ATMARK;
  long v;
  int err = usock_ioctl(s, which, &v);
  if (err)
    return err;
  int iv = v > 0x7fffffff ? 0x7fffffff : (int)v;
  return copy_to_user(current_proc()->mm, uarg, &iv, sizeof iv) ? -EFAULT : 0;
}

SYSCALL_DEFINE(ioctl) {
  struct fdtable *t = current_proc()->fds;
  int fd = (int32_t)a0;
  struct file *f = fd_get(t, fd);
  if (!f || f->path_only)
    return -EBADF;
  struct mm *mm = current_proc()->mm;
  int on;
  struct usock *sock = usock_of(f);
  uint32_t cmd = (uint32_t)a1;
  if (sock && (cmd == FIONREAD || cmd == SIOCOUTQ || cmd == SIOCATMARK))
    return socket_ioctl(sock, cmd, a2);
  switch ((uint32_t)a1) {
  case FIOCLEX:
  case FIONCLEX:
    t->cloexec[fd] = (uint32_t)a1 == FIOCLEX;
    return 0;
  case FIONBIO:
  case FIOASYNC: {
    if (copy_from_user(mm, &on, a2, sizeof on))
      return -EFAULT;
    if ((uint32_t)a1 == FIOASYNC)
      return file_set_async(f, fd, on); /* ioctl_fioasync */
    f->flags = on ? f->flags | LINUX_O_NONBLOCK : f->flags & ~LINUX_O_NONBLOCK;
    return 0;
  }
  case FIONREAD: {
    long n = pipe_nread(f);
    if (n < 0 && f->inode && (f->inode->mode & LINUX_S_IFMT) == LINUX_S_IFREG)
      n = f->inode->size > f->pos ? (long)(f->inode->size - f->pos) : 0;
    if (n < 0)
      return -ENOTTY;
    int v = n > 0x7fffffff ? 0x7fffffff : (int)n;
    return copy_to_user(mm, a2, &v, sizeof v) ? -EFAULT : 0;
  }
  default:
    /* No file here is a terminal: every tty request is ENOTTY. */
    return -ENOTTY;
  }
}
