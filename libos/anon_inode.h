/* Linux's anon_inodefs: the one inode every eventfd, epoll and (later)
 * timerfd and signalfd file shares, as Linux's anon_inode_getfile gives
 * them (fstat: mode 0600 without a file type, one link, size 0, the same
 * st_dev and st_ino for all; statfs ANON_INODE_FS_MAGIC). */
#ifndef LIBOS_ANON_INODE_H
#define LIBOS_ANON_INODE_H

#include <libos/file.h>

/* A new file of `ops` on the shared anon inode (a reference to it is
 * taken) with open flags `flags`. NULL when out of memory. */
struct file *anon_file_new(const struct file_ops *ops, unsigned flags,
                           void *priv);

#endif
