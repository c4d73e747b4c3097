/* Linux I/O structures and limits. */
#ifndef LINUX_UAPI_IO_H
#define LINUX_UAPI_IO_H

#include <stdint.h>

struct linux_iovec {
  uint64_t base;
  uint64_t len;
};

#define LINUX_UIO_MAXIOV 1024

#endif
