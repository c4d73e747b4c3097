/* A read-only regular file whose bytes are constant kernel memory (the
 * image's embedded program): an inode in no directory of an unmounted
 * filesystem, for what must be openable without a name, such as
 * /proc/<pid>/exe. */
#ifndef LIBOS_MEMFILE_H
#define LIBOS_MEMFILE_H

#include <stddef.h>
#include <stdint.h>

#include <libos/vfs.h>

/* A new inode (one reference) of `size` bytes at `data`, which must stay
 * for as long as the kernel runs, with permission bits `perm`. Opening it
 * gives a file that reads and seeks; opening it for writing is ETXTBSY
 * (what it holds is a running program). NULL when out of memory. */
struct inode *memfile_inode(const void *data, size_t size, uint32_t perm);

#endif
