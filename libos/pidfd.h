/* Process file descriptors: a file on the anon inode ("[pidfd]") that
 * names one process for as long as it is open, also once the process has
 * exited and been reaped (Linux keeps its struct pid; here the file keeps
 * the pid and the process's serial, so a pid given again by clone3's
 * set_tid is not mistaken for the old one). poll: POLLIN|POLLRDNORM once
 * the process has exited (a zombie too), POLLHUP added once it is reaped
 * (as Linux 6.9 and later); never POLLOUT. read and write are EINVAL. */
#ifndef LIBOS_PIDFD_H
#define LIBOS_PIDFD_H

#include <stdbool.h>

#include <libos/fd.h>
#include <libos/file.h>
#include <libos/task.h>

/* A new pidfd for `p` (alive or a zombie; NULL: bound later with
 * pidfd_bind) with status flags `flags` (O_NONBLOCK), opened O_RDWR. 0
 * and *out (one reference), or -ENOMEM. */
int pidfd_create(struct proc *p, unsigned flags, struct file **out);

/* Point pidfd `f` at `p` (a pidfd made before the process, clone's
 * CLONE_PIDFD, which needs its descriptor before the fork). */
void pidfd_bind(struct file *f, struct proc *p);

/* Is `f` a pidfd? */
bool file_is_pidfd(const struct file *f);

/* The pidfd behind descriptor `fd` of table `t` (no reference taken), or
 * NULL when `fd` is not open or not a pidfd (both EBADF in Linux). */
struct file *fd_get_pidfd(struct fdtable *t, int64_t fd);

/* The process pidfd `f` names while it exists (alive or a zombie not yet
 * reaped); NULL once it is reaped. */
struct proc *pidfd_proc(const struct file *f);

/* A process exited or was reaped: pollers of every pidfd look again. */
void pidfd_notify(void);

#endif
