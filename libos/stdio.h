/* The three standard files the first process starts with, as the Linux
 * harness gives them: stdin /dev/null, stdout and stderr one console file
 * that behaves like the write end of a pipe (an S_IFIFO inode; TIOCGWINSZ
 * is ENOTTY, so musl buffers as under the harness). */
#ifndef LIBOS_STDIO_H
#define LIBOS_STDIO_H

#include <libos/fd.h>

/* Install fds 0, 1 and 2 in the empty table `t`. 0 or -ENOMEM. */
int stdio_install(struct fdtable *t);

#endif
