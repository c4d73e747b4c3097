/* Character devices by number, as Linux's mem driver (major 1) defines
 * them: /dev/null (1:3), zero (1:5), full (1:7), random (1:8) and urandom
 * (1:9). Reads, writes and readiness are Linux's: null reads end of file
 * and takes every write, zero and full read zeros, full refuses writes
 * with ENOSPC, random and urandom read pseudo-random bytes and take
 * writes; all are always ready (no poll operation: Linux's
 * DEFAULT_POLLMASK, whatever the open mode). */
#ifndef LIBOS_DEVICES_H
#define LIBOS_DEVICES_H

#include <libos/file.h>

#define DEV_MEM_MAJOR 1

/* The operations of device `rdev` (stat's encoding), or NULL when no
 * driver has that number (open gives ENXIO). */
const struct file_ops *device_ops(uint64_t rdev);

/* The console: write-only, bytes go to the first serial port (fds 1 and
 * 2), like the write end of the pipe the Linux harness gives. */
extern const struct file_ops console_ops;

#endif
