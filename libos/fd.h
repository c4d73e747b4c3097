/*
 * Open files and the descriptor table. A file is a reference-counted object
 * with operations on user memory; a descriptor is a slot pointing at one,
 * with its own close-on-exec bit. Errors are negative Linux errno values.
 */
#ifndef LIBOS_FD_H
#define LIBOS_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mm;
struct file;

struct file_ops {
  /* Move up to n bytes to/from user memory at `ubuf`. Return the count,
   * 0 for end of file, -EAGAIN when the call would have to wait, or
   * another negative errno. NULL: the file is not open for that. */
  long (*read)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n);
  long (*write)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n);
  /* True when read/write of n bytes would now make progress (or fail)
   * rather than return -EAGAIN. */
  bool (*ready)(struct file *f, bool for_write, size_t n);
  /* The last reference is gone. */
  void (*release)(struct file *f);
};

struct file {
  const struct file_ops *ops;
  unsigned flags; /* access mode and status flags (O_NONBLOCK, ...) */
  int refs;
  void *priv;
};

/* Slots per table; the effective limit is also capped by RLIMIT_NOFILE. */
#define FD_TABLE_SIZE 1024

struct fdtable {
  struct file *file[FD_TABLE_SIZE];
  bool cloexec[FD_TABLE_SIZE];
};

/* A new file with one reference. NULL when out of memory. */
struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv);
void file_get(struct file *f);
/* Drop a reference; the last one releases the file. */
void file_put(struct file *f);

/* A table with fds 0 (stdin: reads give end of file), 1 and 2 (the console,
 * write-only, like the write end of a pipe). NULL when out of memory. */
struct fdtable *fdtable_create(void);

/* fork: a new table pointing at the same files (each gains a reference),
 * close-on-exec bits included. NULL when out of memory. */
struct fdtable *fdtable_clone(struct fdtable *t);

/* Close every descriptor and free the table (process exit). */
void fdtable_destroy(struct fdtable *t);

/* execve: close the descriptors marked close-on-exec. */
void fd_close_on_exec(struct fdtable *t);

/* The file behind `fd`, or NULL (EBADF). No reference is taken. */
struct file *fd_get(struct fdtable *t, int64_t fd);

/* Put `f` in the lowest free slot >= min_fd below `limit`, taking a
 * reference. Returns the fd or -EMFILE (-EINVAL when min_fd >= limit). */
int fd_install(struct fdtable *t, struct file *f, int min_fd, bool cloexec,
               int limit);

/* Point `newfd` (< limit) at `oldfd`'s file, closing what newfd held.
 * Returns newfd, -EBADF (bad oldfd or newfd out of range). */
int fd_dup_to(struct fdtable *t, int oldfd, int newfd, bool cloexec,
              int limit);

/* Close `fd`: 0 or -EBADF. */
int fd_close(struct fdtable *t, int64_t fd);

#endif
