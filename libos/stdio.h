/* The three standard files the first process starts with, as the Linux
 * harness gives them: stdin /dev/null (or a file: stdio_set_input), stdout and
 * stderr one console file that behaves like the write end of a pipe (an S_IFIFO
 * inode; TIOCGWINSZ is ENOTTY, so musl buffers as under the harness). */
#ifndef LIBOS_STDIO_H
#define LIBOS_STDIO_H

#include <libos/fd.h>

/* What fd 0 reads from now on: `len` bytes at `data` (kept, not copied
 * until stdio_install) as an unlinked read-only regular file opened with
 * O_RDONLY | open_flags, the way a shell's `< FILE` gives a program a
 * file; len 0 keeps /dev/null. */
void stdio_set_input(const void *data, size_t len, unsigned open_flags);

/* Install fds 0, 1 and 2 in the empty table `t`. 0 or -ENOMEM. */
int stdio_install(struct fdtable *t);

#endif
