/*
 * The descriptor table: a descriptor is a slot pointing at an open file
 * description (file.h), with its own close-on-exec bit. Errors are
 * negative Linux errno values.
 */
#ifndef LIBOS_FD_H
#define LIBOS_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libos/file.h>

/* Slots per table; the effective limit is also capped by RLIMIT_NOFILE. */
#define FD_TABLE_SIZE 1024

struct fdtable {
  struct file *file[FD_TABLE_SIZE];
  bool cloexec[FD_TABLE_SIZE];
  /* Linux's fdt->max_fds: the size its table has grown to (64 at first,
   * then as expand_fdtable rounds; never shrinks). select(2) looks at no
   * descriptor beyond it. */
  unsigned max_fds;
  int refs; /* processes sharing it (clone's CLONE_FILES) */
};

/* The table size Linux grows to so that `fd` fits (expand_fdtable). */
unsigned fd_table_size_for(int fd);

/* An empty table. NULL when out of memory. */
struct fdtable *fdtable_create(void);

/* fork: a new table pointing at the same files (each gains a reference),
 * close-on-exec bits included. NULL when out of memory. */
struct fdtable *fdtable_clone(struct fdtable *t);

/* CLONE_FILES: another process uses `t` itself. Returns t. */
struct fdtable *fdtable_share(struct fdtable *t);

/* Drop a process's use of the table (exit); the last one closes every
 * descriptor and frees it. */
void fdtable_destroy(struct fdtable *t);

/* execve's unshare_files: a table another process shares is replaced by
 * a copy of its own (*t changes). 0 or -ENOMEM. */
int fdtable_unshare(struct fdtable **t);

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
int fd_dup_to(struct fdtable *t, int oldfd, int newfd, bool cloexec, int limit);

/* Close `fd`: 0 or -EBADF. */
int fd_close(struct fdtable *t, int64_t fd);

#endif
