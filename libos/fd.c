/* Descriptor table and the three standard files. */
#include <libos/fd.h>

#include <hal/console.h>
#include <libos/kheap.h>
#include <libos/uaccess.h>
#include <uapi/errno.h>
#include <uapi/io.h>

struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv) {
  struct file *f = kzalloc(sizeof *f);
  if (!f)
    return 0;
  f->ops = ops;
  f->flags = flags;
  f->refs = 1;
  f->priv = priv;
  return f;
}

void file_get(struct file *f) {
  f->refs++;
}

void file_put(struct file *f) {
  if (--f->refs > 0)
    return;
  if (f->ops->release)
    f->ops->release(f);
  kfree(f);
}

/* stdin: /dev/null, end of file at once. */
static long null_read(struct file *f, struct mm *mm, uint64_t ubuf, size_t n) {
  (void)f, (void)mm, (void)ubuf, (void)n;
  return 0;
}

static bool always_ready(struct file *f, bool for_write, size_t n) {
  (void)f, (void)for_write, (void)n;
  return true;
}

/* stdout/stderr behave like the pipe the Linux harness gives: bytes move a
 * page at a time and a page that cannot be read whole is not written, so a
 * fault is EFAULT unless earlier pages went out. */
static long console_write(struct file *f, struct mm *mm, uint64_t ubuf,
                          size_t n) {
  (void)f;
  static char page[4096];
  size_t done = 0;
  while (done < n) {
    size_t k = n - done < sizeof page ? n - done : sizeof page;
    if (copy_from_user(mm, page, ubuf + done, k))
      return done ? (long)done : -EFAULT;
    hal_console_write(page, k);
    done += k;
  }
  return (long)done;
}

static const struct file_ops null_ops = {.read = null_read,
                                         .ready = always_ready};
static const struct file_ops console_ops = {.write = console_write,
                                            .ready = always_ready};

struct fdtable *fdtable_create(void) {
  struct fdtable *t = kzalloc(sizeof *t);
  if (!t)
    return 0;
  struct file *in = file_new(&null_ops, LINUX_O_RDONLY, 0);
  struct file *out = file_new(&console_ops, LINUX_O_WRONLY, 0);
  if (!in || !out) {
    kfree(in);
    kfree(out);
    kfree(t);
    return 0;
  }
  t->file[0] = in;
  t->file[1] = out;
  t->file[2] = out;
  out->refs = 2;
  return t;
}

struct file *fd_get(struct fdtable *t, int64_t fd) {
  if (fd < 0 || fd >= FD_TABLE_SIZE)
    return 0;
  return t->file[fd];
}

int fd_install(struct fdtable *t, struct file *f, int min_fd, bool cloexec,
               int limit) {
  if (limit > FD_TABLE_SIZE)
    limit = FD_TABLE_SIZE;
  if (min_fd < 0 || min_fd >= limit)
    return -EINVAL;
  for (int fd = min_fd; fd < limit; fd++) {
    if (t->file[fd])
      continue;
    file_get(f);
    t->file[fd] = f;
    t->cloexec[fd] = cloexec;
    return fd;
  }
  return -EMFILE;
}

int fd_dup_to(struct fdtable *t, int oldfd, int newfd, bool cloexec,
              int limit) {
  struct file *f = fd_get(t, oldfd);
  if (!f)
    return -EBADF;
  if (limit > FD_TABLE_SIZE)
    limit = FD_TABLE_SIZE;
  if (newfd < 0 || newfd >= limit)
    return -EBADF;
  file_get(f);
  struct file *old = t->file[newfd];
  t->file[newfd] = f;
  t->cloexec[newfd] = cloexec;
  if (old)
    file_put(old);
  return newfd;
}

int fd_close(struct fdtable *t, int64_t fd) {
  struct file *f = fd_get(t, fd);
  if (!f)
    return -EBADF;
  t->file[fd] = 0;
  t->cloexec[fd] = false;
  file_put(f);
  return 0;
}

struct fdtable *fdtable_clone(struct fdtable *t) {
  struct fdtable *n = kzalloc(sizeof *n);
  if (!n)
    return 0;
  for (int fd = 0; fd < FD_TABLE_SIZE; fd++) {
    if (!t->file[fd])
      continue;
    file_get(t->file[fd]);
    n->file[fd] = t->file[fd];
    n->cloexec[fd] = t->cloexec[fd];
  }
  return n;
}

void fdtable_destroy(struct fdtable *t) {
  for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
    if (t->file[fd])
      fd_close(t, fd);
  kfree(t);
}

void fd_close_on_exec(struct fdtable *t) {
  for (int fd = 0; fd < FD_TABLE_SIZE; fd++)
    if (t->file[fd] && t->cloexec[fd])
      fd_close(t, fd);
}
