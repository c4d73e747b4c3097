/* eventfd(2) files: a 64-bit counter. A write of 8 bytes adds to it (the
 * value ULLONG_MAX is EINVAL; a sum that would reach ULLONG_MAX waits, or
 * is -EAGAIN non-blocking), a read of at least 8 bytes takes it all (or 1
 * in semaphore mode) and waits while it is 0. Buffers under 8 bytes are
 * EINVAL, and so is a write of anything but 8 bytes. poll: IN while nonzero,
 * OUT while a write of 1 fits (count < ULLONG_MAX - 1), ERR at ULLONG_MAX
 * (never reached by writes). As Linux's fs/eventfd.c. */
#ifndef LIBOS_EVENTFD_H
#define LIBOS_EVENTFD_H

#include <stdbool.h>
#include <stdint.h>

#include <libos/file.h>

/* A new eventfd file holding `initval`, semaphore mode if `semaphore`,
 * with status flags `flags` (O_NONBLOCK); opened O_RDWR. 0 and *out
 * (one reference), or -ENOMEM. */
int eventfd_create(uint64_t initval, bool semaphore, unsigned flags,
                   struct file **out);

/* An eventfd's state for fdinfo: its count, mode and id (the lowest id no
 * live eventfd holds when it was made, as Linux's eventfd_ida). False if
 * `f` is not an eventfd. */
bool eventfd_peek(const struct file *f, uint64_t *count, bool *semaphore,
                  int *id);

#endif
