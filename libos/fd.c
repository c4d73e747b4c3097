/* The descriptor table (fd.h). */
#include <libos/fd.h>

#include <libos/kheap.h>
#include <libos/lock.h>
#include <uapi/errno.h>

#define FD_TABLE_FIRST 64 /* NR_OPEN_DEFAULT: BITS_PER_LONG */

unsigned fd_table_size_for(int fd) {
  if (fd < FD_TABLE_FIRST)
    return FD_TABLE_FIRST;
  /* Units of 1024 bytes of pointers, a power of two of them. */
  unsigned units = (unsigned)fd / 128 + 1, p = 1;
  while (p < units)
    p <<= 1;
  unsigned n = p * 128;
  return n > FD_TABLE_SIZE ? FD_TABLE_SIZE : n;
}

static void table_fit(struct fdtable *t, int fd) {
  if ((unsigned)fd >= t->max_fds)
    t->max_fds = fd_table_size_for(fd);
}

struct fdtable *fdtable_create(void) {
  struct fdtable *t = kzalloc(sizeof(struct fdtable));
  if (t) {
    t->max_fds = FD_TABLE_FIRST;
    t->refs = 1;
  }
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
    table_fit(t, fd);
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
  table_fit(t, newfd);
  if (old) {
    if (old->inode)
      lock_release(old->inode, t);
    file_put(old);
  }
  return newfd;
}

int fd_close(struct fdtable *t, int64_t fd) {
  struct file *f = fd_get(t, fd);
  if (!f)
    return -EBADF;
  /* POSIX locks belong to the table: any close of the file drops them. */
  if (f->inode)
    lock_release(f->inode, t);
  t->file[fd] = 0;
  t->cloexec[fd] = false;
  file_put(f);
  return 0;
}

struct fdtable *fdtable_clone(struct fdtable *t) {
  struct fdtable *n = kzalloc(sizeof *n);
  if (!n)
    return 0;
  /* dup_fd: the copy is sized for the highest open descriptor. */
  n->max_fds = FD_TABLE_FIRST;
  n->refs = 1;
  for (int fd = 0; fd < FD_TABLE_SIZE; fd++) {
    if (!t->file[fd])
      continue;
    file_get(t->file[fd]);
    n->file[fd] = t->file[fd];
    n->cloexec[fd] = t->cloexec[fd];
    table_fit(n, fd);
  }
  return n;
}

struct fdtable *fdtable_share(struct fdtable *t) {
  t->refs++;
  return t;
}

int fdtable_unshare(struct fdtable **t) {
  if ((*t)->refs == 1)
    return 0;
  struct fdtable *n = fdtable_clone(*t);
  if (!n)
    return -ENOMEM;
  (*t)->refs--;
  *t = n;
  return 0;
}

void fdtable_destroy(struct fdtable *t) {
  if (--t->refs > 0)
    return;
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
