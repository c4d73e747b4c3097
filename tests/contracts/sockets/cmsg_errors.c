/* sockets.cmsg_errors: control-message lengths as the kernel checks
 * them (cmsg(3), net/core/scm.c): a cmsg_len under the header or past
 * msg_controllen is EINVAL, a control buffer shorter than one header is
 * ignored, another level is skipped, an unknown SOL_SOCKET type is
 * EINVAL, SCM_RIGHTS with a closed descriptor is EBADF, an SCM_RIGHTS without
 * descriptors is fine; nothing is sent when the call fails. Files sent on a
 * zero-byte stream write go nowhere. */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "contract.h"

static char ctl[4096] __attribute__((aligned(8)));

static long sendc(int s, size_t controllen, size_t len0, int level, int type,
                  const int *fds, int nfds) {
  memset(ctl, 0, sizeof ctl);
  struct iovec iov = {"d", 1};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctl;
  mh.msg_controllen = controllen;
  struct cmsghdr *c = (struct cmsghdr *)ctl;
  c->cmsg_len = len0;
  c->cmsg_level = level;
  c->cmsg_type = type;
  if (nfds)
    memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
  return rs(sendmsg(s, &mh, 0));
}

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  int fd1[1] = {1};
  expect("cmsg_len 8", sendc(sv[0], 64, 8, SOL_SOCKET, SCM_RIGHTS, 0, 0),
         "EINVAL");
  expect("cmsg_len past the buffer",
         sendc(sv[0], 24, 32, SOL_SOCKET, SCM_RIGHTS, fd1, 1), "EINVAL");
  expect("control of 8 bytes is ignored",
         sendc(sv[0], 8, 99, SOL_SOCKET, SCM_RIGHTS, 0, 0), "ok");
  expect("level 6 skipped", sendc(sv[0], 24, 20, 6, 1, fd1, 1), "ok");
  expect("a zeroed header after it", sendc(sv[0], 64, 20, 6, 1, fd1, 1),
         "EINVAL");
  expect("unknown SOL_SOCKET type",
         sendc(sv[0], 64, CMSG_LEN(4), SOL_SOCKET, 77, fd1, 1), "EINVAL");
  int bad[1] = {99};
  expect("closed descriptor",
         sendc(sv[0], 64, CMSG_LEN(4), SOL_SOCKET, SCM_RIGHTS, bad, 1),
         "EBADF");
  int neg[1] = {-1};
  expect("descriptor -1",
         sendc(sv[0], 64, CMSG_LEN(4), SOL_SOCKET, SCM_RIGHTS, neg, 1),
         "EBADF");
  expect("no descriptors",
         sendc(sv[0], CMSG_LEN(0), CMSG_LEN(0), SOL_SOCKET, SCM_RIGHTS, 0, 0),
         "ok");
  int got = 0;
  char b[4];
  while (recv(sv[1], b, sizeof b, MSG_DONTWAIT) == 1)
    got++;
  printf("datagrams that arrived: %d\n", got);

  int st[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, st);
  struct iovec iov = {"", 0};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctl;
  mh.msg_controllen = CMSG_SPACE(4);
  struct cmsghdr *c = (struct cmsghdr *)ctl;
  c->cmsg_len = CMSG_LEN(4);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  memcpy(CMSG_DATA(c), fd1, 4);
  expect("zero bytes with a file on a stream", rs(sendmsg(st[0], &mh, 0)),
         "ok");
  expect("nothing to read", rs(recv(st[1], b, 1, MSG_DONTWAIT)), "EAGAIN");
  return finish("sockets.cmsg_errors");
}
