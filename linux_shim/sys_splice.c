/* Moving bytes between descriptors inside the kernel: sendfile, splice,
 * tee and copy_file_range. The file operations are written for user
 * memory, so the data goes through one kernel page (kernel_buffer_mm);
 * pipes are read and filled directly. The order of the checks, and so
 * which errno a bad call gets, follows Linux's fs/splice.c and
 * fs/read_write.c. */
#include <libos/fd.h>
#include <libos/pipe.h>
#include <libos/proc.h>
#include <libos/procfs.h>
#include <libos/regfile.h>
#include <libos/uaccess.h>
#include <libos/unix_sock.h>
#include <libos/vfs.h>
#include <libos/wait.h>
#include <linux_shim/fsarg.h>
#include <linux_shim/syscall.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/io.h>
#include <uapi/resource.h>
#include <uapi/stat.h>

/* One page at a time, as Linux moves pipe buffers. The kernel runs one
 * thread at a time and never waits between filling and draining it. */
static char bounce[LINUX_PIPE_BUF];

static size_t min_sz(size_t a, size_t b) {
  return a < b ? a : b;
}

/* fdget(): O_PATH descriptors are not found (EBADF). */
static struct file *splice_fd(uint64_t fd) {
  struct file *f = fd_get(current_proc()->fds, (int64_t)(int32_t)fd);
  return f && !f->path_only ? f : 0;
}

/* FMODE_READ / FMODE_WRITE: the open mode, not the kind of file. */
/* FMODE_READ: the open mode alone (an epoll file passes, then has no
 * splice_read). */
static bool can_read(const struct file *f) {
  return (f->flags & LINUX_O_ACCMODE) != LINUX_O_WRONLY;
}

static bool can_write(const struct file *f) {
  return f->ops->write && (f->flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY;
}

static bool is_type(const struct file *f, uint32_t type) {
  return f->inode && inode_is(f->inode, type);
}

/* Files Linux can splice from (->splice_read): not pipes, not
 * directories, none on the anon inode (eventfd, timerfd, signalfd,
 * epoll), not /dev/null (char 1:3), and of /proc only the files whose
 * node says so (procfs.h). */
static bool splice_readable(const struct file *f) {
  if (!f->ops->read || pipe_of(f) || is_type(f, LINUX_S_IFDIR) ||
      f->ops->anon_name)
    return false;
  if (is_type(f, LINUX_S_IFCHR) && linux_major(f->inode->rdev) == 1 &&
      linux_minor(f->inode->rdev) == 3)
    return false;
  return !procfs_is_file(f) || procfs_splice_read(f);
}

/* Files Linux can splice to (->splice_write): /dev/full (char 1:7) has
 * none, unlike /dev/null and /dev/zero. */
static bool splice_writable(const struct file *f) {
  return !(is_type(f, LINUX_S_IFCHR) && linux_major(f->inode->rdev) == 1 &&
           linux_minor(f->inode->rdev) == 7);
}

/* rw_verify_area: a negative count or position, or one whose end passes
 * INT64_MAX, is EINVAL. */
static long verify_area(int64_t pos, uint64_t count) {
  if ((int64_t)count < 0 || pos < 0 || (int64_t)((uint64_t)pos + count) < 0)
    return -EINVAL;
  return 0;
}

struct pipe_wait {
  struct pipe *p;
};

static bool has_room(void *arg) {
  struct pipe *p = ((struct pipe_wait *)arg)->p;
  return pipe_room(p) > 0 || !pipe_has_readers(p);
}

static bool has_data(void *arg) {
  struct pipe *p = ((struct pipe_wait *)arg)->p;
  return pipe_len(p) > 0 || !pipe_has_writers(p);
}

/* wait_for_space: EPIPE (and SIGPIPE) without readers, else wait for
 * room unless non-blocking. */
static long wait_room(struct pipe *p, bool nonblock) {
  for (;;) {
    if (!pipe_has_readers(p)) {
      io_raise_sigpipe();
      return -EPIPE;
    }
    if (pipe_room(p))
      return 0;
    if (nonblock)
      return -EAGAIN;
    struct pipe_wait w = {p};
    if (wait_event(has_room, &w, WAIT_FOREVER) == WAIT_SIGNAL)
      return -ERESTARTSYS;
  }
}

/* ipipe_prep: wait for data; an empty pipe without writers is 0 (end of
 * file), 1 when there is data. */
static long wait_data(struct pipe *p, bool nonblock) {
  for (;;) {
    if (pipe_len(p))
      return 1;
    if (!pipe_has_writers(p))
      return 0;
    if (nonblock)
      return -EAGAIN;
    struct pipe_wait w = {p};
    if (wait_event(has_data, &w, WAIT_FOREVER) == WAIT_SIGNAL)
      return -ERESTARTSYS;
  }
}

/* do_splice_direct between two files (sendfile, copy_file_range): read a
 * page, write it. A short write moves the input position back to what
 * was written, so no byte is lost. */
static long file_to_file(struct file *in, uint64_t *ipos, struct file *out,
                         uint64_t *opos, size_t len) {
  size_t done = 0;
  if (len && out->inode)
    fs_kill_priv(out->inode);
  while (done < len) {
    long r = in->ops->read(in, &kernel_buffer_mm, (uint64_t)(uintptr_t)bounce,
                           min_sz(len - done, sizeof bounce), ipos);
    if (r <= 0)
      return done ? (long)done : r;
    long w = out->ops->write(out, &kernel_buffer_mm,
                             (uint64_t)(uintptr_t)bounce, (size_t)r, opos);
    if (w < r)
      *ipos -= (uint64_t)(r - (w > 0 ? w : 0));
    if (w <= 0)
      return done ? (long)done : w;
    done += (size_t)w;
    if (w < r)
      break;
  }
  return (long)done;
}

/* splice_file_to_pipe: wait for room, then read what fits (never waiting
 * again once something moved). */
static long file_to_pipe(struct file *in, uint64_t *pos, struct pipe *p,
                         size_t len, bool nonblock) {
  long err = wait_room(p, nonblock);
  if (err)
    return err;
  len = min_sz(len, pipe_room(p));
  if (verify_area((int64_t)*pos, len))
    return -EINVAL;
  if (len > MAX_RW_COUNT)
    len = MAX_RW_COUNT;
  if (!splice_readable(in))
    return -EINVAL;
  size_t done = 0;
  while (done < len) {
    long r = in->ops->read(in, &kernel_buffer_mm, (uint64_t)(uintptr_t)bounce,
                           min_sz(len - done, sizeof bounce), pos);
    if (r <= 0)
      return done ? (long)done : r;
    pipe_append(p, bounce, (size_t)r);
    done += (size_t)r;
  }
  return (long)done;
}

/* iter_file_splice_write: wait for data (0 when the pipe is empty and has
 * no writers), then write what is there; bytes leave the pipe only once
 * written. */
static long pipe_to_file(struct pipe *p, struct file *out, uint64_t *pos,
                         size_t len, bool nonblock) {
  long ready = wait_data(p, nonblock);
  if (ready <= 0)
    return ready;
  if (out->inode)
    fs_kill_priv(out->inode);
  size_t done = 0;
  while (done < len) {
    size_t k = pipe_peek(p, 0, bounce, min_sz(len - done, sizeof bounce));
    if (k == 0)
      break;
    long w = out->ops->write(out, &kernel_buffer_mm,
                             (uint64_t)(uintptr_t)bounce, k, pos);
    if (w <= 0)
      return done ? (long)done : w;
    pipe_consume(p, (size_t)w);
    done += (size_t)w;
    if ((size_t)w < k)
      break;
  }
  return (long)done;
}

/* splice_pipe_to_pipe, or link_pipe for tee (`keep`: the input keeps its
 * bytes). Waits for input, then for room, then moves what it can. */
static long pipe_to_pipe(struct pipe *ip, struct pipe *op, size_t len,
                         bool nonblock, bool keep) {
  long ready = wait_data(ip, nonblock);
  if (ready < 0)
    return ready;
  long err = wait_room(op, nonblock);
  if (err)
    return err;
  size_t n = min_sz(len, min_sz(pipe_len(ip), pipe_room(op)));
  for (size_t done = 0; done < n;) {
    size_t k =
        pipe_peek(ip, keep ? done : 0, bounce, min_sz(n - done, sizeof bounce));
    pipe_append(op, bounce, k);
    if (!keep)
      pipe_consume(ip, k);
    done += k;
  }
  return (long)n;
}

/* do_sendfile with the offset already copied in (NULL: the input's own
 * position). */
static long do_sendfile(uint64_t out_fd, uint64_t in_fd, int64_t *ppos,
                        uint64_t count) {
  struct file *in = splice_fd(in_fd);
  if (!in || !can_read(in))
    return -EBADF;
  int64_t pos = (int64_t)in->pos;
  if (ppos) {
    pos = *ppos;
    if (!in->seekable)
      return -ESPIPE;
  }
  if (verify_area(pos, count))
    return -EINVAL;
  if (count > MAX_RW_COUNT)
    count = MAX_RW_COUNT;
  struct file *out = splice_fd(out_fd);
  if (!out || !can_write(out))
    return -EBADF;
  if (verify_area((int64_t)out->pos, count))
    return -EINVAL;
  bool nonblock = in->flags & LINUX_O_NONBLOCK;
  struct pipe *op = pipe_of(out);
  uint64_t ipos = (uint64_t)pos;
  long r;
  file_get(in);
  file_get(out);
  if (op) {
    nonblock |= out->flags & LINUX_O_NONBLOCK;
    r = file_to_pipe(in, &ipos, op, (size_t)count, nonblock);
  } else if ((out->flags & LINUX_O_APPEND) || !splice_readable(in) ||
             usock_of(in) || !splice_writable(out)) {
    /* A socket can fill a pipe, but sendfile(2) wants an mmap-like
     * input when it goes through its own pipe to a file. */
    r = -EINVAL;
  } else {
    uint64_t opos = out->pos;
    r = file_to_file(in, &ipos, out, &opos, (size_t)count);
    out->pos = opos;
  }
  if (ppos)
    *ppos = (int64_t)ipos;
  else
    in->pos = ipos;
  file_put(out);
  file_put(in);
  return r;
}

/* sendfile(out_fd, in_fd, off_t *offset, count): the offset is read
 * before anything else and written back even when the call fails. */
SYSCALL_DEFINE(sendfile) {
  struct mm *mm = current_proc()->mm;
  int64_t off;
  if (a2 && copy_from_user(mm, &off, a2, sizeof off))
    return -EFAULT;
  long r = do_sendfile(a0, a1, a2 ? &off : 0, a3);
  if (a2 && copy_to_user(mm, a2, &off, sizeof off))
    return -EFAULT;
  return r;
}

/* do_splice with the offsets copied in (NULL where none was given). */
static long do_splice(struct file *in, int64_t *off_in, struct file *out,
                      int64_t *off_out, size_t len, unsigned flags) {
  if (!can_read(in) || !can_write(out))
    return -EBADF;
  struct pipe *ip = pipe_of(in), *op = pipe_of(out);
  bool nonblock = flags & LINUX_SPLICE_F_NONBLOCK;
  if (ip && op) {
    if (ip == op)
      return -EINVAL;
    nonblock |= (in->flags | out->flags) & LINUX_O_NONBLOCK;
    return pipe_to_pipe(ip, op, len, nonblock, false);
  }
  uint64_t pos;
  long r;
  if (ip) {
    if (off_out && !out->seekable)
      return -EINVAL;
    pos = off_out ? (uint64_t)*off_out : out->pos;
    if (out->flags & LINUX_O_APPEND)
      return -EINVAL;
    if (verify_area((int64_t)pos, len) || !splice_writable(out))
      return -EINVAL;
    nonblock |= in->flags & LINUX_O_NONBLOCK;
    r = pipe_to_file(ip, out, &pos, len, nonblock);
    if (off_out)
      *off_out = (int64_t)pos;
    else
      out->pos = pos;
    return r;
  }
  if (!op)
    return -EINVAL; /* one side must be a pipe */
  if (off_in && !in->seekable)
    return -EINVAL;
  pos = off_in ? (uint64_t)*off_in : in->pos;
  nonblock |= out->flags & LINUX_O_NONBLOCK;
  r = file_to_pipe(in, &pos, op, len, nonblock);
  if (off_in)
    *off_in = (int64_t)pos;
  else
    in->pos = pos;
  return r;
}

/* splice(fd_in, off_in, fd_out, off_out, len, flags): a pipe side may
 * not have an offset (ESPIPE, checked before the open modes). */
SYSCALL_DEFINE(splice) {
  size_t len = (size_t)a4;
  unsigned flags = (unsigned)a5;
  if (!len)
    return 0;
  if (flags & ~LINUX_SPLICE_F_ALL)
    return -EINVAL;
  struct file *in = splice_fd(a0), *out = in ? splice_fd(a2) : 0;
  if (!in || !out)
    return -EBADF;
  if ((pipe_of(in) && a1) || (pipe_of(out) && a3))
    return -ESPIPE;
  struct mm *mm = current_proc()->mm;
  int64_t oin, oout;
  if (a3 && copy_from_user(mm, &oout, a3, sizeof oout))
    return -EFAULT;
  if (a1 && copy_from_user(mm, &oin, a1, sizeof oin))
    return -EFAULT;
  file_get(in);
  file_get(out);
  long r = do_splice(in, a1 ? &oin : 0, out, a3 ? &oout : 0, len, flags);
  file_put(out);
  file_put(in);
  if (r < 0)
    return r;
  if (a3 && copy_to_user(mm, a3, &oout, sizeof oout))
    return -EFAULT;
  if (a1 && copy_to_user(mm, a1, &oin, sizeof oin))
    return -EFAULT;
  return r;
}

/* tee(fd_in, fd_out, len, flags): copy between two different pipes,
 * leaving the input as it was. */
SYSCALL_DEFINE(tee) {
  size_t len = (size_t)a2;
  unsigned flags = (unsigned)a3;
  if (flags & ~LINUX_SPLICE_F_ALL)
    return -EINVAL;
  if (!len)
    return 0;
  struct file *in = splice_fd(a0), *out = in ? splice_fd(a1) : 0;
  if (!in || !out)
    return -EBADF;
  if (!can_read(in) || !can_write(out))
    return -EBADF;
  struct pipe *ip = pipe_of(in), *op = pipe_of(out);
  if (!ip || !op || ip == op)
    return -EINVAL;
  bool nonblock = (flags & LINUX_SPLICE_F_NONBLOCK) ||
                  ((in->flags | out->flags) & LINUX_O_NONBLOCK);
  file_get(in);
  file_get(out);
  long r = pipe_to_pipe(ip, op, len, nonblock, true);
  file_put(out);
  file_put(in);
  return r;
}

/* generic_copy_file_checks, then rw_verify_area on both sides; *count is
 * cut to what the input holds and what RLIMIT_FSIZE allows. */
static long copy_checks(struct file *in, int64_t pin, struct file *out,
                        int64_t pout, uint64_t *count) {
  if (is_type(in, LINUX_S_IFDIR) || is_type(out, LINUX_S_IFDIR))
    return -EISDIR;
  if (!is_type(in, LINUX_S_IFREG) || !is_type(out, LINUX_S_IFREG))
    return -EINVAL;
  if (!can_read(in) || !can_write(out) || (out->flags & LINUX_O_APPEND))
    return -EBADF;
  /* tmpfs has no copy method of its own: across filesystems is EXDEV,
   * and 6.18 says so before it looks at offsets or the count. */
  if (in->inode->sb != out->inode->sb)
    return -EXDEV;
  uint64_t n = *count;
  if ((uint64_t)pin + n < (uint64_t)pin || (uint64_t)pout + n < (uint64_t)pout)
    return -EOVERFLOW;
  int64_t size_in = (int64_t)in->inode->size;
  n = pin >= size_in ? 0 : min_sz(n, (uint64_t)size_in - (uint64_t)pin);
  /* generic_write_check_limits */
  uint64_t limit = current_proc()->rlim[LINUX_RLIMIT_FSIZE].cur;
  if (limit != LINUX_RLIM_INFINITY) {
    if (pout >= (int64_t)limit) {
      regfile_sigxfsz();
      return -EFBIG;
    }
    n = min_sz(n, limit - (uint64_t)pout);
  }
  if (in->inode == out->inode && pout + (int64_t)n > pin &&
      pout < pin + (int64_t)n)
    return -EINVAL; /* overlapping ranges of one file */
  if (verify_area(pin, n) || verify_area(pout, n))
    return -EINVAL;
  *count = n;
  return 0;
}

/* copy_file_range(fd_in, off_in, fd_out, off_out, len, flags): between
 * regular files of one filesystem; offsets are written back only when bytes
 * moved. */
SYSCALL_DEFINE(copy_file_range) {
  struct file *in = splice_fd(a0), *out = in ? splice_fd(a2) : 0;
  if (!in || !out)
    return -EBADF;
  struct mm *mm = current_proc()->mm;
  int64_t pin = (int64_t)in->pos, pout = (int64_t)out->pos;
  if (a1 && copy_from_user(mm, &pin, a1, sizeof pin))
    return -EFAULT;
  if (a3 && copy_from_user(mm, &pout, a3, sizeof pout))
    return -EFAULT;
  if (a5)
    return -EINVAL;
  uint64_t count = a4;
  long r = copy_checks(in, pin, out, pout, &count);
  if (r)
    return r;
  if (count == 0)
    return 0;
  uint64_t ipos = (uint64_t)pin, opos = (uint64_t)pout;
  file_get(in);
  file_get(out);
  r = file_to_file(in, &ipos, out, &opos, min_sz(count, MAX_RW_COUNT));
  file_put(out);
  file_put(in);
  if (r <= 0)
    return r;
  pin += r;
  pout += r;
  if (a1 ? copy_to_user(mm, a1, &pin, sizeof pin) != 0
         : (in->pos = (uint64_t)pin, false))
    return -EFAULT;
  if (a3 ? copy_to_user(mm, a3, &pout, sizeof pout) != 0
         : (out->pos = (uint64_t)pout, false))
    return -EFAULT;
  return r;
}
