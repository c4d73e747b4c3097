/* sockets.family_errors: socket(2) and socketpair(2) answers for what
 * is not an AF_UNIX socket of a known type (socket(2), af_unix.c):
 * EAFNOSUPPORT for AF_UNSPEC, a negative family or one past AF_MAX;
 * EINVAL for a type past SOCK_MAX or unknown flag bits; EPROTONOSUPPORT
 * for a protocol other than 0 and PF_UNIX; ESOCKTNOSUPPORT for SOCK_RDM,
 * SOCK_DCCP, SOCK_PACKET and type 0. Socket calls on a pipe are
 * ENOTSOCK, on a closed descriptor EBADF. */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "contract.h"

static long sock(int d, int t, int p) {
  long r = rs(socket(d, t, p));
  if (r >= 0)
    close((int)r);
  return r;
}

static long pair(int d, int t, int p) {
  int sv[2];
  return rs(socketpair(d, t, p, sv));
}

int main(void) {
  expect("AF_UNSPEC", sock(AF_UNSPEC, SOCK_STREAM, 0), "EAFNOSUPPORT");
  expect("family -1", sock(-1, SOCK_STREAM, 0), "EAFNOSUPPORT");
  expect("family 46", sock(46, SOCK_STREAM, 0), "EAFNOSUPPORT");
  expect("family 1000", sock(1000, SOCK_STREAM, 0), "EAFNOSUPPORT");
  expect("type 11", sock(AF_UNIX, 11, 0), "EINVAL");
  expect("type 15", sock(AF_UNIX, 15, 0), "EINVAL");
  expect("flag bit 0x10", sock(AF_UNIX, SOCK_STREAM | 0x10, 0), "EINVAL");
  expect("family 46 and bad flags", sock(46, SOCK_STREAM | 0x100, 0), "EINVAL");
  expect("protocol 2", sock(AF_UNIX, SOCK_STREAM, 2), "EPROTONOSUPPORT");
  expect("protocol -1", sock(AF_UNIX, SOCK_DGRAM, -1), "EPROTONOSUPPORT");
  expect("protocol PF_UNIX", sock(AF_UNIX, SOCK_STREAM, PF_UNIX), "ok");
  expect("SOCK_RDM", sock(AF_UNIX, SOCK_RDM, 0), "ESOCKTNOSUPPORT");
  expect("SOCK_DCCP", sock(AF_UNIX, SOCK_DCCP, 0), "ESOCKTNOSUPPORT");
  expect("SOCK_PACKET", sock(AF_UNIX, SOCK_PACKET, 0), "ESOCKTNOSUPPORT");
  expect("type 0", sock(AF_UNIX, 0, 0), "ESOCKTNOSUPPORT");
  expect("type 7", sock(AF_UNIX, 7, 0), "ESOCKTNOSUPPORT");
  expect("SOCK_RAW", sock(AF_UNIX, SOCK_RAW, 0), "ok");
  expect("bad protocol and type", sock(AF_UNIX, SOCK_RDM, 5),
         "EPROTONOSUPPORT");
  expect("socketpair AF_UNSPEC", pair(AF_UNSPEC, SOCK_STREAM, 0),
         "EAFNOSUPPORT");
  expect("socketpair type 12", pair(AF_UNIX, 12, 0), "EINVAL");
  expect("socketpair protocol 3", pair(AF_UNIX, SOCK_DGRAM, 3),
         "EPROTONOSUPPORT");
  expect("socketpair SOCK_RDM", pair(AF_UNIX, SOCK_RDM, 0), "ESOCKTNOSUPPORT");
  expect("socketpair SOCK_RAW", pair(AF_UNIX, SOCK_RAW, 0), "ok");
  expect("socketpair bad flags", pair(AF_UNIX, SOCK_STREAM | 0x20, 0),
         "EINVAL");
  int p[2];
  pipe(p);
  struct sockaddr sa = {AF_UNIX, {0}};
  socklen_t l = sizeof sa;
  char b[4];
  expect("bind on a pipe", rs(bind(p[0], &sa, sizeof sa)), "ENOTSOCK");
  expect("listen on a pipe", rs(listen(p[0], 1)), "ENOTSOCK");
  expect("accept on a pipe", rs(accept(p[0], 0, 0)), "ENOTSOCK");
  expect("connect on a pipe", rs(connect(p[0], &sa, sizeof sa)), "ENOTSOCK");
  expect("getsockname on a pipe", rs(getsockname(p[0], &sa, &l)), "ENOTSOCK");
  expect("send on a pipe", rs(send(p[1], "x", 1, 0)), "ENOTSOCK");
  expect("recv on a pipe", rs(recv(p[0], b, 1, 0)), "ENOTSOCK");
  expect("shutdown on a pipe", rs(shutdown(p[0], SHUT_RD)), "ENOTSOCK");
  expect("bind on a closed fd", rs(bind(77, &sa, sizeof sa)), "EBADF");
  expect("shutdown on a closed fd", rs(shutdown(77, SHUT_RD)), "EBADF");
  expect("accept4 bad flags on a closed fd", rs(accept4(77, 0, 0, 0x1)),
         "EBADF");
  expect("accept4 bad flags on a pipe", rs(accept4(p[0], 0, 0, 0x1)),
         "ENOTSOCK");
  expect("accept4 bad flags on a socket",
         rs(accept4(socket(AF_UNIX, SOCK_STREAM, 0), 0, 0, 0x1)), "EINVAL");
  return finish("sockets.family_errors");
}
