/* Linux's readiness vocabulary: poll(2) and epoll(7) event bits (the same
 * values on x86-64 and arm64, where the epoll and poll bits coincide),
 * struct pollfd, struct epoll_event, and the eventfd flags. */
#ifndef LINUX_UAPI_POLL_H
#define LINUX_UAPI_POLL_H

#include <stdint.h>

#define LINUX_POLLIN 0x0001
#define LINUX_POLLPRI 0x0002
#define LINUX_POLLOUT 0x0004
#define LINUX_POLLERR 0x0008
#define LINUX_POLLHUP 0x0010
#define LINUX_POLLNVAL 0x0020
#define LINUX_POLLRDNORM 0x0040
#define LINUX_POLLRDBAND 0x0080
#define LINUX_POLLWRNORM 0x0100
#define LINUX_POLLWRBAND 0x0200
#define LINUX_POLLMSG 0x0400
#define LINUX_POLLRDHUP 0x2000

/* What a file without a poll operation reports (Linux's DEFAULT_POLLMASK):
 * regular files, directories, the mem devices. */
#define LINUX_DEFAULT_POLLMASK                                                 \
  (LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM)

struct linux_pollfd {
  int32_t fd;
  int16_t events;
  int16_t revents;
};

/* epoll_ctl operations and the flags beside the event bits. */
#define LINUX_EPOLL_CTL_ADD 1
#define LINUX_EPOLL_CTL_DEL 2
#define LINUX_EPOLL_CTL_MOD 3
#define LINUX_EPOLLEXCLUSIVE (1u << 28)
#define LINUX_EPOLLWAKEUP (1u << 29)
#define LINUX_EPOLLONESHOT (1u << 30)
#define LINUX_EPOLLET (1u << 31)

/* x86-64 packs struct epoll_event (12 bytes); arm64 aligns it (16). The
 * per-arch size is LINUX_EPOLL_EVENT_SIZE in linux_shim/arch/<arch>/abi.h. */

/* eventfd2 flags (EFD_NONBLOCK is O_NONBLOCK, EFD_CLOEXEC O_CLOEXEC). */
#define LINUX_EFD_SEMAPHORE 1

#endif
