/* Turning an inode into an open file description: the operations its
 * type needs (regular file, directory, device by number, FIFO). The
 * syscall layer resolves the path and applies creation flags first. */
#ifndef LIBOS_OPEN_H
#define LIBOS_OPEN_H

#include <stdbool.h>

#include <libos/file.h>

struct inode;

/* Open inode `ino` with open(2)'s access mode and status flags `flags`
 * (creation flags already handled): the right operations for its type
 * (regular file, directory, device, FIFO; O_PATH gives a handle without
 * I/O). Returns 0 with *out holding one reference, -ENXIO for a device
 * without a driver or a socket, -ENOMEM. */
int vfs_open_inode(struct inode *ino, unsigned flags, bool path_only,
                   struct file **out);

#endif
