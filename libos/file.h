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
struct poll_table;
struct epitem;

/* Signal-driven I/O (fasync.h): whom O_ASYNC signals, none (id 0), a
 * thread, a process or a process group. */
enum fown_kind { FOWN_THREAD, FOWN_PROCESS, FOWN_GROUP };

struct fown {
  enum fown_kind kind;
  int id;             /* tid, pid or pgid; 0: nobody */
  int sig;            /* F_SETSIG's signal; 0: plain SIGIO */
  uint32_t uid, euid; /* the setter's, for the permission test */
};

struct file_ops {
  /* Move up to n bytes to/from user memory at `ubuf`, at offset *pos
   * (advanced by what moved; files without offsets ignore it). Return the
   * count, 0 for end of file, -EAGAIN when the call would have to wait, or
   * another negative errno. NULL: the file is not open for that. */
  long (*read)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
               uint64_t *pos);
  long (*write)(struct file *f, struct mm *mm, uint64_t ubuf, size_t n,
                uint64_t *pos);
  /* Readiness (poll.h): the LINUX_POLL* mask of what read and write
   * would do now, calling poll_wait() on every wait queue whose wakes can
   * change it. A read or write that returns -EAGAIN MUST leave its bit
   * (POLLIN, POLLOUT) clear here, and the file MUST wake those queues when
   * the bit can turn on. NULL: always ready (Linux's DEFAULT_POLLMASK). */
  unsigned (*poll)(struct file *f, struct poll_table *pt);
  /* The last reference is gone. */
  void (*release)(struct file *f);
  /* O_ASYNC turned on (through descriptor `fd`) or off: put `f` on, or
   * take it off, the lists its source signals (fasync.h). 0 or -errno.
   * NULL: the flag changes and nothing is ever signalled (as Linux). */
  int (*fasync)(struct file *f, int fd, bool on);
  /* Optional: called once by open (open.h) on the new file; an error
   * fails the open. */
  int (*open)(struct file *f);
  /* Optional: lseek for a file whose positions are its own (procfs's
   * seq_file rule); returns the new position or a negative errno. */
  int64_t (*llseek)(struct file *f, int64_t off, unsigned whence);
  /* A blocking write goes on until every byte is in (pipes); otherwise
   * one successful write operation is the call's result (eventfd). */
  bool stream_write;
  /* Files on the shared anon inode: the name Linux gives them
   * ("[eventfd]"), which /proc/<pid>/fd shows as "anon_inode:[eventfd]". */
  const char *anon_name;
  /* A write's -EPIPE is not SIGPIPE (datagram and seqpacket sockets;
   * stream sockets and pipes raise it). */
  bool no_sigpipe;
  /* read and write do their own waiting (sockets: SO_RCVTIMEO and
   * SO_SNDTIMEO end it), so their -EAGAIN is the call's answer even on a
   * blocking file, never a cue to wait for readiness and try again. */
  bool waits_itself;
};

struct file {
  const struct file_ops *ops;
  unsigned flags; /* access mode and status flags (O_NONBLOCK, ...) */
  int refs;
  void *priv;
  struct inode *inode;    /* what fstat describes (a reference), or NULL */
  uint64_t pos;           /* the shared offset */
  bool seekable;          /* lseek and pread/pwrite work (not pipes) */
  bool path_only;         /* O_PATH: a handle, no I/O */
  bool noop_seek;         /* lseek succeeds and stays at 0 (anon inodes) */
  unsigned version;       /* FIFO read ends: writer opens seen at open */
  struct epitem *epitems; /* the epoll items watching it (epoll.c) */
  struct fown owner;      /* F_SETOWN/F_SETSIG: whom O_ASYNC signals */
  bool pipe_packets;      /* a pipe write end in packet mode (pipe.h) */
};

/* A new file with one reference. NULL when out of memory. */
struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv);

/* Turn O_ASYNC on or off (through descriptor `fd`), telling the file's
 * fasync operation first: 0, or its error with the flag unchanged. */
int file_set_async(struct file *f, int fd, bool on);

/* Take another reference. */
void file_get(struct file *f);
/* Drop a reference; the last one releases the file (and its inode). */
void file_put(struct file *f);

/* The file's data was read (a read, a getdents): its inode's atime moves
 * to now under relatime's rule (only when atime is not after mtime or
 * ctime, or is a day old), never for O_NOATIME or without an inode. */
void file_accessed(struct file *f);

/* epoll's half of the last close (defined in epoll.c, declared here so
 * that file.c need not include epoll.h, which includes this header): the
 * items watching f leave their sets. */
void epoll_file_gone(struct file *f);

#endif
