/*
 * Signal-driven I/O (fcntl F_SETOWN, F_SETSIG and O_ASYNC): setting an
 * open file description's owner (struct fown, file.h), and the lists of
 * files a readiness source (a pipe's readers, its writers) signals when
 * it changes. Linux's fown_struct and fasync_struct, in the kernel's own
 * terms.
 */
#ifndef LIBOS_FASYNC_H
#define LIBOS_FASYNC_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/file.h> /* struct fown */

/* One file on a source's list, with the descriptor number O_ASYNC was
 * set through (si_fd). */
struct fasync {
  struct file *file;
  int fd;
  struct fasync *next;
};

/* Make the calling thread's `kind` `id` the owner of `f` (F_SETOWN,
 * F_SETOWN_EX): 0, or -ESRCH when no task or group has that id (0 is
 * always allowed and means nobody). */
int fown_set(struct file *f, enum fown_kind kind, int id);

/* Add `f` (through descriptor `fd`) to `*list` when `on`, or take it off:
 * the fasync file operation's work. Adding a file already there only
 * updates its fd. 0 or -ENOMEM. */
int fasync_update(struct fasync **list, struct file *f, int fd, bool on);

/* Tell every file on `list` that it became ready for `code` (LINUX_POLL_IN,
 * LINUX_POLL_OUT...): each owner gets its F_SETSIG signal with si_code
 * `code`, si_band and si_fd, or SIGIO from the kernel (SI_KERNEL) when
 * none was set or the real-time queue is full, if the owner's setter may
 * signal it. */
void fasync_signal(const struct fasync *list, int code);

/* Out-of-band data arrived on `f`: SIGURG (SI_KERNEL) to its F_SETOWN
 * owner, as send_sigurg, under the same permission rule; nobody when it
 * has none. */
void fown_send_sigurg(const struct file *f);

#endif
