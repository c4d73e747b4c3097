/* sockets.dgram_rules: unconnected and connected datagram sockets
 * (unix(7), af_unix.c): sendto a bound path or name, recvfrom says who
 * sent it; send without a peer is ENOTCONN; a peer that closed is
 * ECONNREFUSED once, then ENOTCONN; sending to a socket connected to
 * another socket is EPERM; a receiver that shut SHUT_RD gives EPIPE
 * without SIGPIPE; a datagram larger than the send buffer is EMSGSIZE;
 * connect with AF_UNSPEC forgets the peer; connect may change peers. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

static struct sockaddr_un un(const char *p) {
  struct sockaddr_un a = {AF_UNIX, ""};
  strcpy(a.sun_path, p);
  return a;
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  struct sockaddr_un ra = un("r.sock"), sa = un("s.sock"), oa = un("o.sock");
  int r = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(r, (void *)&ra, sizeof ra);
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(s, (void *)&sa, sizeof sa);
  expect("send unconnected", rs(send(s, "x", 1, 0)), "ENOTCONN");
  expect("sendto a bound path",
         rs(sendto(s, "hello", 5, 0, (void *)&ra, sizeof ra)), "ok");
  static char b[300000];
  struct sockaddr_un from;
  socklen_t fl = sizeof from;
  long n = recvfrom(r, b, sizeof b, 0, (void *)&from, &fl);
  printf("recvfrom %ld from %s len %u\n", n, from.sun_path, (unsigned)fl);
  struct sockaddr_un none = un("none.sock");
  expect("sendto a missing path",
         rs(sendto(s, "x", 1, 0, (void *)&none, sizeof none)), "ENOENT");
  expect("sendto length 1", rs(sendto(s, "x", 1, 0, (void *)&ra, 1)), "EINVAL");
  expect("connect to r", rs(connect(s, (void *)&ra, sizeof ra)), "ok");
  expect("send connected", rs(send(s, "one", 3, 0)), "ok");
  fl = sizeof from;
  getpeername(s, (void *)&from, &fl);
  printf("getpeername %s\n", from.sun_path);
  int o = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(o, (void *)&oa, sizeof oa);
  expect("r connects to o", rs(connect(r, (void *)&oa, sizeof oa)), "ok");
  expect("s sends to r, now o's", rs(send(s, "two", 3, 0)), "EPERM");
  expect("connect to a socket connected elsewhere",
         rs(connect(s, (void *)&ra, sizeof ra)), "EPERM");
  expect("o sends to r (its peer is o)",
         rs(sendto(o, "three", 5, 0, (void *)&ra, sizeof ra)), "ok");
  struct sockaddr unspec = {AF_UNSPEC, {0}};
  expect("r forgets o", rs(connect(r, &unspec, sizeof unspec)), "ok");
  expect("r unconnected", rs(send(r, "x", 1, 0)), "ENOTCONN");
  expect("s reconnects to r", rs(connect(s, (void *)&ra, sizeof ra)), "ok");
  expect("shutdown r SHUT_RD", rs(shutdown(r, SHUT_RD)), "ok");
  expect("send to a reader shut down", rs(send(s, "x", 1, 0)), "EPIPE");
  expect("unconnected, over the send buffer", rs(send(o, b, sizeof b, 0)),
         "EMSGSIZE");
  struct sockaddr_un ba = un("big.sock");
  int big_r = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(big_r, (void *)&ba, sizeof ba);
  int big = 10000;
  setsockopt(o, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  expect("20001 bytes with SO_SNDBUF 20000",
         rs(sendto(o, b, 20001, 0, (void *)&ba, sizeof ba)), "EMSGSIZE");
  expect("19968 bytes fit", rs(sendto(o, b, 19968, 0, (void *)&ba, sizeof ba)),
         "ok");
  expect("19969 do not", rs(sendto(o, b, 19969, 0, (void *)&ba, sizeof ba)),
         "EMSGSIZE");

  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  close(sv[1]);
  expect("peer closed", rs(send(sv[0], "x", 1, 0)), "ECONNREFUSED");
  expect("then", rs(send(sv[0], "x", 1, 0)), "ENOTCONN");
  fl = sizeof from;
  expect("getpeername then", rs(getpeername(sv[0], (void *)&from, &fl)),
         "ENOTCONN");
  return finish("sockets.dgram_rules");
}
