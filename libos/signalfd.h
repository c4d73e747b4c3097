/* signalfd files (signalfd(2)): a signal mask through which the reading
 * thread takes its own pending signals (thread-directed first, then its
 * process's, the order of delivery) instead of having them delivered. As
 * Linux's fs/signalfd.c, the file holds only the mask: what it reads and
 * what poll reports are the signals of whoever reads or polls, so a
 * forked child reading an inherited signalfd takes the child's signals.
 * A read needs room for one record (EINVAL), takes up to as many signals
 * as fit, waiting only for the first (-EAGAIN to the caller, who blocks:
 * sys_io.c). poll: IN|RDNORM while a signal in the mask is pending for
 * the poller. */
#ifndef LIBOS_SIGNALFD_H
#define LIBOS_SIGNALFD_H

#include <stdbool.h>
#include <stddef.h>

#include <libos/file.h>
#include <uapi/signal.h>

struct proc;

/* The user-visible record of one signal (signalfd_siginfo: the ABI's, so
 * the caller's): writes `size` bytes for `si` into `out`. */
typedef void (*signalfd_format_fn)(const struct linux_siginfo *si, void *out);

/* A new signalfd reading the signals in `mask` (SIGKILL and SIGSTOP
 * already out), records of `size` bytes made by `format`, status flags
 * `flags` (O_NONBLOCK), O_RDWR. 0 and *out, or -ENOMEM. */
int signalfd_create(linux_sigset_t mask, signalfd_format_fn format, size_t size,
                    unsigned flags, struct file **out);

/* Is `f` a signalfd? */
bool is_signalfd(const struct file *f);

/* The signals signalfd `f` reads. */
linux_sigset_t signalfd_mask(const struct file *f);

/* Replace the mask of signalfd `f` (readers and pollers look again). */
void signalfd_set_mask(struct file *f, linux_sigset_t mask);

/* The last thread of `p` is gone: nothing will wake its signalfd waiters
 * any more, so they leave its queue (Linux's signalfd_cleanup). */
void signalfd_proc_gone(struct proc *p);

#endif
