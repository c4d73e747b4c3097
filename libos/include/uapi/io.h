/* Linux I/O structures and limits. */
#ifndef LINUX_UAPI_IO_H
#define LINUX_UAPI_IO_H

#include <stdint.h>

struct linux_iovec {
  uint64_t base;
  uint64_t len;
};

#define LINUX_UIO_MAXIOV 1024

/* open/pipe2/fcntl flags (the same values on x86-64 and arm64). */
#define LINUX_O_RDONLY 0
#define LINUX_O_WRONLY 01
#define LINUX_O_RDWR 02
#define LINUX_O_ACCMODE 03
#define LINUX_O_APPEND 02000
#define LINUX_O_NONBLOCK 04000
#define LINUX_O_CLOEXEC 02000000
#define LINUX_O_NOATIME 01000000
#define LINUX_O_ASYNC 020000
/* pipe2 also takes O_DIRECT (packet mode) and O_NOTIFICATION_PIPE. */

#define LINUX_F_DUPFD 0
#define LINUX_F_GETFD 1
#define LINUX_F_SETFD 2
#define LINUX_F_GETFL 3
#define LINUX_F_SETFL 4
#define LINUX_F_SETOWN 8
#define LINUX_F_GETOWN 9
#define LINUX_F_SETSIG 10
#define LINUX_F_GETSIG 11
#define LINUX_F_SETOWN_EX 15
#define LINUX_F_GETOWN_EX 16
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_F_SETPIPE_SZ 1031
#define LINUX_F_GETPIPE_SZ 1032
#define LINUX_FD_CLOEXEC 1

/* struct f_owner_ex and its types (F_SETOWN_EX, F_GETOWN_EX). */
struct linux_f_owner_ex {
  int32_t type;
  int32_t pid;
};
#define LINUX_F_OWNER_TID 0
#define LINUX_F_OWNER_PID 1
#define LINUX_F_OWNER_PGRP 2

/* si_code of a queued SIGIO-style signal: why the file is ready. */
#define LINUX_POLL_IN 1
#define LINUX_POLL_OUT 2
#define LINUX_POLL_MSG 3
#define LINUX_POLL_ERR 4
#define LINUX_POLL_PRI 5
#define LINUX_POLL_HUP 6

/* Bytes a pipe write moves atomically, and a pipe's default capacity. */
#define LINUX_PIPE_BUF 4096
#define LINUX_PIPE_SIZE 65536
#define LINUX_PIPE_MAX_SIZE 1048576 /* /proc/sys/fs/pipe-max-size */

/* splice(2) and tee(2) flags; any other bit is EINVAL. */
#define LINUX_SPLICE_F_MOVE 1
#define LINUX_SPLICE_F_NONBLOCK 2
#define LINUX_SPLICE_F_MORE 4
#define LINUX_SPLICE_F_GIFT 8
#define LINUX_SPLICE_F_ALL 15

#endif
