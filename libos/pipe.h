/* Pipes: a ring of 16 page slots (F_SETPIPE_SZ changes the count) shared
 * by a read end and a write end, counted as Linux counts them: a write
 * fills a new slot per page, after adding its last partial page to the
 * newest slot when that one has room after its bytes; a write end with
 * O_DIRECT writes packets, each read taking at most one. Reads return
 * what is there (0 once no writer is left), writes of up to PIPE_BUF bytes
 * are atomic; both return -EAGAIN where Linux would sleep, and the caller
 * (the syscall) decides whether to wait or fail. */
#ifndef LIBOS_PIPE_H
#define LIBOS_PIPE_H

#include <libos/file.h>

struct inode;

/* A new pipe. `flags` may hold O_NONBLOCK (both ends get it). Returns 0
 * with one reference to each end, or -ENOMEM. */
int pipe_create(unsigned flags, struct file **rd, struct file **wr);

/* Open FIFO `ino` (mkfifo) with open(2) flags, as fifo(7): O_RDWR at once;
 * a read or write end waits for the other end to be opened unless
 * O_NONBLOCK, where a write end without a reader is -ENXIO. A signal ends
 * the wait with -ERESTARTSYS. The FIFO's data lives while any end is open. */
int pipe_open_fifo(struct inode *ino, unsigned flags, struct file **out);

/* Packet mode (pipe(7), O_DIRECT) for the writes through pipe end `f`:
 * each write's pages become packets, and a read takes at most one. */
void pipe_set_packets(struct file *f, bool on);

/* Bytes waiting in the pipe or FIFO behind `f` (FIONREAD), or -1 when
 * `f` is not one. */
long pipe_nread(const struct file *f);

/* The splice family (sendfile, splice, tee) moves bytes between pipes and
 * files in the kernel; these give it the ring without a user buffer. */
struct pipe;

/* The pipe behind `f` (a pipe end or an open FIFO), or NULL. */
struct pipe *pipe_of(const struct file *f);

/* Bytes in the ring, and bytes that fit before it is full (a page per
 * free slot: the splice family adds whole slots). */
size_t pipe_len(const struct pipe *p);
size_t pipe_room(const struct pipe *p);

/* Is any read (write) end still open? */
bool pipe_has_readers(const struct pipe *p);
bool pipe_has_writers(const struct pipe *p);

/* Copy up to n bytes, starting `skip` bytes after the oldest, to `dst`
 * without taking them out. Returns the count copied. */
size_t pipe_peek(const struct pipe *p, size_t skip, void *dst, size_t n);

/* Take the oldest n bytes (at most pipe_len) out of the ring. */
void pipe_consume(struct pipe *p, size_t n);

/* Add up to n bytes from `src` (as many as fit) in new slots that later
 * writes do not merge into, as spliced pages. Returns the count. */
size_t pipe_append(struct pipe *p, const void *src, size_t n);

/* A new inode in pipefs (S_IFIFO, mode 0600, one reference): what fstat
 * shows for a pipe end or the console. NULL when out of memory. */
struct inode *pipe_anon_inode(void);

/* F_GETPIPE_SZ: the pipe's capacity in bytes, or -EBADF (not a pipe). */
long pipe_get_size(const struct file *f);

/* F_SETPIPE_SZ (pipe_set_size): capacity `arg` (an unsigned int) rounded
 * up to a power of two pages; returns the new capacity, or -EBADF (not a
 * pipe), -EINVAL (over 2^31), -EPERM (past LINUX_PIPE_MAX_SIZE without
 * `privileged`), -EBUSY (the slots in use would not fit), -ENOMEM. */
long pipe_set_size(struct file *f, uint64_t arg, bool privileged);

#endif
