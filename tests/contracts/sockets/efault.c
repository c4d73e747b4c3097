/* sockets.efault: bad pointers in socket calls are EFAULT and the
 * kernel keeps going: socketpair's vector (before the family is looked
 * at), bind's and connect's address, sendto's and recvfrom's buffer
 * (kernel addresses at once, unmapped ones when touched), recvfrom's
 * address length, getsockname's length, sendmsg's and recvmsg's msghdr
 * (raw calls: musl copies a msghdr itself),
 * iovec and control buffer, getsockopt's value and length. A datagram
 * received into a bad buffer is gone; a stream's bytes stay. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

#define KERNEL ((void *)0xffff800000001000UL)

int main(void) {
  void *hole = mmap(0, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  expect("socketpair vector", rs(socketpair(AF_UNIX, SOCK_STREAM, 0, hole)),
         "EFAULT");
  expect("socketpair vector, bad family",
         rs(socketpair(AF_UNSPEC, SOCK_STREAM, 0, hole)), "EFAULT");
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  expect("bind address", rs(bind(s, hole, sizeof(struct sockaddr_un))),
         "EFAULT");
  expect("connect address", rs(connect(s, hole, sizeof(struct sockaddr_un))),
         "EFAULT");
  struct sockaddr_un a = {AF_UNIX, "e.sock"};
  bind(s, (void *)&a, sizeof a);
  int c = socket(AF_UNIX, SOCK_DGRAM, 0);
  connect(c, (void *)&a, sizeof a);
  expect("send kernel buffer", rs(send(c, KERNEL, 4, 0)), "EFAULT");
  expect("send unmapped buffer", rs(send(c, hole, 4, 0)), "EFAULT");
  expect("sendto kernel buffer, bad fd", rs(sendto(99, KERNEL, 4, 0, 0, 0)),
         "EFAULT");
  expect("sendto address",
         rs(sendto(c, "x", 1, 0, hole, sizeof(struct sockaddr_un))), "EFAULT");
  send(c, "lost", 4, 0);
  expect("recv unmapped buffer", rs(recv(s, hole, 4, 0)), "EFAULT");
  expect("the datagram is gone", rs(recv(s, &a, 4, MSG_DONTWAIT)), "EAGAIN");
  send(c, "kept", 4, 0);
  char b[8];
  struct sockaddr_un from;
  expect("recvfrom address length",
         rs(recvfrom(s, b, sizeof b, 0, (void *)&from, hole)), "EFAULT");
  socklen_t l = sizeof a;
  expect("getsockname length", rs(getsockname(s, (void *)&a, hole)), "EFAULT");
  expect("getsockname address", rs(getsockname(s, hole, &l)), "EFAULT");
  expect("sendmsg header", rs(syscall(SYS_sendmsg, c, hole, 0)), "EFAULT");
  expect("recvmsg header", rs(syscall(SYS_recvmsg, s, hole, 0)), "EFAULT");
  struct msghdr mh = {0};
  mh.msg_iov = hole;
  mh.msg_iovlen = 1;
  expect("sendmsg iovec", rs(syscall(SYS_sendmsg, c, &mh, 0)), "EFAULT");
  struct iovec iov = {"x", 1};
  mh.msg_iov = &iov;
  mh.msg_control = hole;
  mh.msg_controllen = 32;
  expect("sendmsg control", rs(syscall(SYS_sendmsg, c, &mh, 0)), "EFAULT");
  mh.msg_iovlen = 2000;
  mh.msg_control = 0;
  mh.msg_controllen = 0;
  expect("sendmsg 2000 segments", rs(syscall(SYS_sendmsg, c, &mh, 0)),
         "EMSGSIZE");
  int v;
  expect("getsockopt length", rs(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, hole)),
         "EFAULT");
  l = sizeof v;
  expect("getsockopt value", rs(getsockopt(s, SOL_SOCKET, SO_TYPE, hole, &l)),
         "EFAULT");
  expect("setsockopt value",
         rs(setsockopt(s, SOL_SOCKET, SO_SNDBUF, hole, sizeof v)), "EFAULT");
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  write(sv[0], "stay", 4);
  expect("stream read into a hole", rs(read(sv[1], hole, 4)), "EFAULT");
  memset(b, 0, sizeof b);
  printf("the bytes stayed: %ld %s\n", (long)read(sv[1], b, sizeof b), b);
  return finish("sockets.efault");
}
