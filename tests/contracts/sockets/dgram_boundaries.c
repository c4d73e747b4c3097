/* sockets.dgram_boundaries: datagram and seqpacket socketpairs keep
 * message boundaries (unix(7)): one send is one receive, a short buffer
 * truncates the message and loses the rest (MSG_TRUNC in msg_flags;
 * with the MSG_TRUNC flag the call returns the real length), a
 * zero-length datagram is a message of its own. SOCK_SEQPACKET reads 0
 * once the peer is gone. */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "contract.h"

static void boundaries(int type, const char *name) {
  int sv[2];
  socketpair(AF_UNIX, type, 0, sv);
  send(sv[0], "first", 5, 0);
  send(sv[0], "second!", 7, 0);
  send(sv[0], "", 0, 0);
  send(sv[0], "third message", 13, 0);
  send(sv[0], "fourth", 6, 0);
  char buf[64] = {0};
  long n = recv(sv[1], buf, sizeof buf, 0);
  printf("%s recv 1: %ld %.*s\n", name, n, (int)n, buf);
  n = recv(sv[1], buf, sizeof buf, 0);
  printf("%s recv 2: %ld %.*s\n", name, n, (int)n, buf);
  n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
  printf("%s recv empty: %ld\n", name, n);
  struct iovec iov = {buf, 5};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  n = recvmsg(sv[1], &mh, 0);
  printf("%s recvmsg 5 of 13: %ld %.5s trunc=%d\n", name, n, buf,
         !!(mh.msg_flags & MSG_TRUNC));
  n = recv(sv[1], buf, 2, MSG_TRUNC);
  printf("%s recv 2 with MSG_TRUNC: %ld %.2s\n", name, n, buf);
  expect("nothing left", rs(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT)),
         "EAGAIN");
  close(sv[0]);
  n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
  printf("%s after peer close: %s\n", name, n < 0 ? errno_name(errno) : "0");
  close(sv[1]);
}

int main(void) {
  boundaries(SOCK_DGRAM, "dgram");
  boundaries(SOCK_SEQPACKET, "seqpacket");
  return finish("sockets.dgram_boundaries");
}
