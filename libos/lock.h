/*
 * Advisory file locks (fcntl(2) "Advisory record locking", flock(2)):
 * byte-range locks owned by a descriptor table (classic POSIX locks: one
 * owner per process, released when the process closes ANY descriptor of
 * the file) or by an open file description (OFD locks), and whole-file
 * flock locks owned by the open file description. Nothing here waits: a
 * conflict is -EAGAIN and the syscall layer decides whether to wait.
 */
#ifndef LIBOS_LOCK_H
#define LIBOS_LOCK_H

#include <stdbool.h>
#include <stdint.h>

struct inode;
struct file;

#define LOCK_END UINT64_MAX /* a range that runs to the end of the file */

enum lock_type { LOCK_READ, LOCK_WRITE, LOCK_NONE };

/* A byte-range request: [start, end] inclusive. */
struct lock_req {
  enum lock_type type;
  uint64_t start, end;
  const void *owner; /* the fdtable (POSIX) or the file (OFD) */
  bool ofd;
  int pid; /* reported by F_GETLK for POSIX locks */
};

/* The first lock of another owner that conflicts with `r`: true and *out
 * filled (its type, range, pid; pid -1 for OFD locks), or false. */
bool lock_test(struct inode *ino, const struct lock_req *r,
               struct lock_req *out);

/* Take, change or (LOCK_NONE) drop `r`'s range for its owner: the owner's
 * locks in the range are replaced, pieces outside it kept. -EAGAIN on a
 * conflict with another owner (nothing changed), -ENOMEM. */
int lock_set(struct inode *ino, const struct lock_req *r);

/* Drop every byte-range lock `owner` holds on `ino` (a POSIX owner closed
 * a descriptor of it; an OFD owner went away). */
void lock_release(struct inode *ino, const void *owner);

/* flock(2) on `f`'s inode: exclusive or shared (LOCK_UN-like `type`
 * LOCK_NONE drops it). A lock `f` holds is converted. -EAGAIN on a
 * conflict, -ENOMEM. */
int lock_flock(struct inode *ino, const struct file *f, enum lock_type type);

/* Would lock_flock(ino, f, type) succeed now? */
bool lock_flock_free(struct inode *ino, const struct file *f,
                     enum lock_type type);

/* A POSIX F_SETLKW request that is waiting, as the deadlock check sees
 * it. The waiter's storage is the caller's (on its kernel stack). */
struct lock_waiter {
  struct lock_waiter *next;
  struct inode *ino;
  struct lock_req r;
};

/* Register / unregister a waiting request. */
void lock_wait_add(struct lock_waiter *w);
void lock_wait_del(struct lock_waiter *w);

/* Would waiting for `r` (a POSIX request that conflicts now) close a
 * cycle: the holder of the lock in its way waits for a lock whose holder
 * waits... for one `r`'s owner holds? Linux's posix_locks_deadlock, with
 * its limit of ten steps; OFD requests are never refused. */
bool lock_deadlocks(struct inode *ino, const struct lock_req *r);

/* `f` is being released: its flock and OFD locks go. */
void lock_file_gone(struct inode *ino, const struct file *f);

#endif
