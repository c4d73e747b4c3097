/* Linux's socket vocabulary: address families, socket types, message
 * flags, SOL_SOCKET options, and the layouts of sockaddr_un, msghdr,
 * mmsghdr, cmsghdr and ucred (include/linux/socket.h, uapi/linux/un.h,
 * asm-generic/socket.h: the same values on x86-64 and arm64). */
#ifndef LINUX_UAPI_SOCKET_H
#define LINUX_UAPI_SOCKET_H

#include <stdint.h>

#define LINUX_AF_UNSPEC 0
#define LINUX_AF_UNIX 1
#define LINUX_AF_MAX 46 /* NPROTO: families at or above are EAFNOSUPPORT */

#define LINUX_SOCK_STREAM 1
#define LINUX_SOCK_DGRAM 2
#define LINUX_SOCK_RAW 3
#define LINUX_SOCK_SEQPACKET 5
#define LINUX_SOCK_MAX 11
#define LINUX_SOCK_TYPE_MASK 0xf
#define LINUX_SOCK_NONBLOCK 04000   /* O_NONBLOCK */
#define LINUX_SOCK_CLOEXEC 02000000 /* O_CLOEXEC */

#define LINUX_MSG_OOB 0x1
#define LINUX_MSG_PEEK 0x2
#define LINUX_MSG_CTRUNC 0x8
#define LINUX_MSG_TRUNC 0x20
#define LINUX_MSG_DONTWAIT 0x40
#define LINUX_MSG_EOR 0x80
#define LINUX_MSG_WAITALL 0x100
#define LINUX_MSG_NOSIGNAL 0x4000
#define LINUX_MSG_WAITFORONE 0x10000
#define LINUX_MSG_CMSG_CLOEXEC 0x40000000

#define LINUX_SHUT_RD 0
#define LINUX_SHUT_WR 1
#define LINUX_SHUT_RDWR 2

#define LINUX_SOL_SOCKET 1
#define LINUX_SO_DEBUG 1
#define LINUX_SO_REUSEADDR 2
#define LINUX_SO_TYPE 3
#define LINUX_SO_ERROR 4
#define LINUX_SO_DONTROUTE 5
#define LINUX_SO_BROADCAST 6
#define LINUX_SO_SNDBUF 7
#define LINUX_SO_RCVBUF 8
#define LINUX_SO_KEEPALIVE 9
#define LINUX_SO_OOBINLINE 10
#define LINUX_SO_PRIORITY 12
#define LINUX_SO_LINGER 13
#define LINUX_SO_REUSEPORT 15
#define LINUX_SO_PASSCRED 16
#define LINUX_SO_PEERCRED 17
#define LINUX_SO_RCVLOWAT 18
#define LINUX_SO_SNDLOWAT 19
#define LINUX_SO_RCVTIMEO_OLD 20
#define LINUX_SO_SNDTIMEO_OLD 21
#define LINUX_SO_ACCEPTCONN 30
#define LINUX_SO_SNDBUFFORCE 32
#define LINUX_SO_RCVBUFFORCE 33
#define LINUX_SO_PROTOCOL 38
#define LINUX_SO_DOMAIN 39
#define LINUX_SO_PEEK_OFF 42
#define LINUX_SO_RCVTIMEO_NEW 66
#define LINUX_SO_SNDTIMEO_NEW 67

/* SO_LINGER's value. */
struct linux_linger {
  int32_t onoff;
  int32_t linger;
};

#define LINUX_SCM_RIGHTS 1
#define LINUX_SCM_CREDENTIALS 2
#define LINUX_SCM_MAX_FD 253

#define LINUX_UNIX_PATH_MAX 108

struct linux_sockaddr_un {
  uint16_t family;
  char path[LINUX_UNIX_PATH_MAX];
};

/* offsetof(struct sockaddr_un, sun_path): an unnamed socket's length. */
#define LINUX_SUN_PATH_OFF 2
/* sizeof(struct sockaddr_storage): the most an address argument takes. */
#define LINUX_SOCKADDR_STORAGE 128

struct linux_msghdr {
  uint64_t name;
  uint32_t namelen;
  uint32_t pad0;
  uint64_t iov;
  uint64_t iovlen;
  uint64_t control;
  uint64_t controllen;
  uint32_t flags;
  uint32_t pad1;
};

struct linux_mmsghdr {
  struct linux_msghdr hdr;
  uint32_t len;
  uint32_t pad;
};

struct linux_cmsghdr {
  uint64_t len;
  int32_t level;
  int32_t type;
};

struct linux_ucred {
  uint32_t pid, uid, gid;
};

/* CMSG_ALIGN, CMSG_LEN and CMSG_SPACE of a 64-bit kernel. */
#define LINUX_CMSG_ALIGN(n) (((n) + 7) & ~(uint64_t)7)
#define LINUX_CMSG_LEN(n) (sizeof(struct linux_cmsghdr) + (n))
#define LINUX_CMSG_SPACE(n) (sizeof(struct linux_cmsghdr) + LINUX_CMSG_ALIGN(n))

_Static_assert(sizeof(struct linux_msghdr) == 56, "msghdr");
_Static_assert(sizeof(struct linux_mmsghdr) == 64, "mmsghdr");
_Static_assert(sizeof(struct linux_cmsghdr) == 16, "cmsghdr");
_Static_assert(sizeof(struct linux_sockaddr_un) == 110, "sockaddr_un");

#endif
