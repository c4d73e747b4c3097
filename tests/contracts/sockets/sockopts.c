/* sockets.sockopts: SOL_SOCKET options of unix sockets (socket(7)):
 * SO_TYPE (SOCK_RAW is made a datagram socket), SO_DOMAIN, SO_PROTOCOL,
 * SO_ACCEPTCONN, SO_ERROR, SO_PASSCRED; SO_SNDBUF and SO_RCVBUF store
 * twice what is set (only values under the system maximum are printed);
 * a short optlen gets a cut value and that length; unknown names are
 * ENOPROTOOPT, another level EOPNOTSUPP, optlen under an int EINVAL, a
 * negative one EINVAL; a non-socket is ENOTSOCK. */
#define _GNU_SOURCE
#include <sys/socket.h>

#include "contract.h"

static int get(int s, int name) {
  int v = -7;
  socklen_t l = sizeof v;
  if (getsockopt(s, SOL_SOCKET, name, &v, &l) != 0)
    return -1000 - errno;
  return v;
}

int main(void) {
  int st = socket(AF_UNIX, SOCK_STREAM, 0);
  int dg = socket(AF_UNIX, SOCK_DGRAM, 0);
  int sq = socket(AF_UNIX, SOCK_SEQPACKET, PF_UNIX);
  int raw = socket(AF_UNIX, SOCK_RAW, 0);
  printf("SO_TYPE %d %d %d raw %d\n", get(st, SO_TYPE), get(dg, SO_TYPE),
         get(sq, SO_TYPE), get(raw, SO_TYPE));
  printf("SO_DOMAIN %d SO_PROTOCOL %d %d\n", get(st, SO_DOMAIN),
         get(st, SO_PROTOCOL), get(sq, SO_PROTOCOL));
  printf("SO_ACCEPTCONN %d SO_ERROR %d SO_PASSCRED %d\n",
         get(st, SO_ACCEPTCONN), get(st, SO_ERROR), get(st, SO_PASSCRED));
  int v = 10000;
  expect("SO_SNDBUF 10000",
         rs(setsockopt(st, SOL_SOCKET, SO_SNDBUF, &v, sizeof v)), "ok");
  printf("SO_SNDBUF reads %d\n", get(st, SO_SNDBUF));
  v = 50000;
  setsockopt(st, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
  printf("SO_RCVBUF reads %d\n", get(st, SO_RCVBUF));
  v = 1;
  setsockopt(st, SOL_SOCKET, SO_SNDBUF, &v, sizeof v);
  int min = get(st, SO_SNDBUF);
  printf("SO_SNDBUF 1 reads a floor above 2: %d\n", min > 2 && min < 10000);
  setsockopt(st, SOL_SOCKET, SO_PASSCRED, &v, sizeof v);
  printf("SO_PASSCRED now %d\n", get(st, SO_PASSCRED));
  setsockopt(st, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v);
  printf("SO_KEEPALIVE now %d\n", get(st, SO_KEEPALIVE));
  unsigned char c4[4] = {9, 9, 9, 9};
  socklen_t l = 1;
  getsockopt(dg, SOL_SOCKET, SO_TYPE, c4, &l);
  printf("SO_TYPE into 1 byte: len %u bytes %d %d\n", (unsigned)l, c4[0],
         c4[1]);
  l = 0;
  getsockopt(dg, SOL_SOCKET, SO_TYPE, c4, &l);
  printf("into 0 bytes: len %u\n", (unsigned)l);
  l = 64;
  int big[16];
  getsockopt(dg, SOL_SOCKET, SO_TYPE, big, &l);
  printf("into 64 bytes: len %u\n", (unsigned)l);
  l = sizeof v;
  expect("unknown name", rs(getsockopt(st, SOL_SOCKET, 999, &v, &l)),
         "ENOPROTOOPT");
  expect("set unknown", rs(setsockopt(st, SOL_SOCKET, 999, &v, sizeof v)),
         "ENOPROTOOPT");
  expect("set SO_TYPE", rs(setsockopt(st, SOL_SOCKET, SO_TYPE, &v, sizeof v)),
         "ENOPROTOOPT");
  expect("set optlen 2", rs(setsockopt(st, SOL_SOCKET, SO_SNDBUF, &v, 2)),
         "EINVAL");
  expect("set optlen -1", rs(setsockopt(st, SOL_SOCKET, SO_SNDBUF, &v, -1)),
         "EINVAL");
  l = (socklen_t)-1;
  expect("get optlen -1", rs(getsockopt(st, SOL_SOCKET, SO_TYPE, &v, &l)),
         "EINVAL");
  l = sizeof v;
  expect("level IPPROTO_TCP", rs(getsockopt(st, 6, 1, &v, &l)), "EOPNOTSUPP");
  expect("set level IPPROTO_TCP", rs(setsockopt(st, 6, 1, &v, sizeof v)),
         "EOPNOTSUPP");
  int p[2];
  pipe(p);
  expect("a pipe", rs(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &l)),
         "ENOTSOCK");
  expect("a closed fd", rs(getsockopt(99, SOL_SOCKET, SO_TYPE, &v, &l)),
         "EBADF");
  return finish("sockets.sockopts");
}
