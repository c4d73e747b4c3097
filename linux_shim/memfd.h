/* File seals (F_ADD_SEALS, F_GET_SEALS) on memfd files: the fcntl half;
 * the write and size paths check inode.seals themselves. */
#ifndef LINUX_SHIM_MEMFD_H
#define LINUX_SHIM_MEMFD_H

#include <stdint.h>

#include <libos/file.h>
#include <libos/vfs.h>

/* F_ADD_SEALS: -EPERM for a memfd without sealing or already sealed with
 * F_SEAL_SEAL (or opened read-only), -EINVAL for other files or bits. */
long memfd_add_seals(struct file *f, uint64_t seals);

/* F_GET_SEALS: the seals, or -EINVAL for a file that is not a memfd. */
long memfd_get_seals(struct file *f);

#endif
