/* Pipes: a 64 KiB ring shared by a read end and a write end. Reads return
 * what is there (0 once no writer is left), writes of up to PIPE_BUF bytes
 * are atomic; both return -EAGAIN where Linux would sleep, and the caller
 * (the syscall) decides whether to wait or fail. */
#ifndef LIBOS_PIPE_H
#define LIBOS_PIPE_H

#include <libos/fd.h>

/* A new pipe. `flags` may hold O_NONBLOCK (both ends get it). Returns 0
 * with one reference to each end, or -ENOMEM. */
int pipe_create(unsigned flags, struct file **rd, struct file **wr);

#endif
