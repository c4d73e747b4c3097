/*
 * Open file descriptions: what open(), pipe() and friends create and every
 * descriptor that dup() or fork() makes shares: the operations, the status
 * flags (O_APPEND, O_NONBLOCK...), the offset, the inode. Errors are
 * negative Linux errno values.
 */
#ifndef LIBOS_FILE_H
#define LIBOS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mm;
struct file;
struct inode;

struct file_ops {
  /* Move up to n bytes to/from user memory at `ubuf`, at offset *pos
   * (advanced by what moved; files without offsets ignore it). Return the
   * count, 0 for end of file, -EAGAIN when the call would have to wait, or
   * another negative errno. NULL: the file is not open for that. */
  long (*read)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
               uint64_t *pos);
  long (*write)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                uint64_t *pos);
  /* True when read/write of n bytes would now make progress (or fail)
   * rather than return -EAGAIN. */
  bool (*ready)(struct file *f, bool for_write, size_t n);
  /* The last reference is gone. */
  void (*release)(struct file *f);
  /* Optional: called once by open (open.h) on the new file; an error
   * fails the open. */
  int (*open)(struct file *f);
  /* Optional: lseek for a file whose positions are its own (procfs's
   * seq_file rule); returns the new position or a negative errno. */
  int64_t (*llseek)(struct file *f, int64_t off, unsigned whence);
};

struct file {
  const struct file_ops *ops;
  unsigned flags; /* access mode and status flags (O_NONBLOCK, ...) */
  int refs;
  void *priv;
  struct inode *inode; /* what fstat describes (a reference), or NULL */
  uint64_t pos;        /* the shared offset */
  bool seekable;       /* lseek and pread/pwrite work (not pipes) */
  bool path_only;      /* O_PATH: a handle, no I/O */
};

/* A new file with one reference. NULL when out of memory. */
struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv);
void file_get(struct file *f);
/* Drop a reference; the last one releases the file (and its inode). */
void file_put(struct file *f);

#endif
