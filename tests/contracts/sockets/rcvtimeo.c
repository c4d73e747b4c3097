/* sockets.rcvtimeo: SO_RCVTIMEO and SO_SNDTIMEO (socket(7)) on unix
 * sockets: a timeout set (in whole 100 ms, so Linux's jiffy rounding keeps
 * it) reads back as set, zero means forever, tv_usec out of range is
 * EDOM; a blocking recv, read and accept give EAGAIN once the receive
 * timeout passed, a blocking send to a full peer EAGAIN after the send
 * timeout; SO_LINGER reads back with l_onoff as 0 or 1. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#include "contract.h"

static long ms_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void set_tv(int s, int name, long sec, long usec, const char *what,
                   const char *want) {
  struct timeval tv = {sec, usec};
  expect(what, rs(setsockopt(s, SOL_SOCKET, name, &tv, sizeof tv)), want);
}

static void show(int s, int name, const char *what) {
  struct timeval tv = {-1, -1};
  socklen_t l = sizeof tv;
  long r = rs(getsockopt(s, SOL_SOCKET, name, &tv, &l));
  printf("%s: %s len %u %ld.%06ld\n", what, ename(r), (unsigned)l,
         (long)tv.tv_sec, (long)tv.tv_usec);
}

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  show(sv[0], SO_RCVTIMEO, "default SO_RCVTIMEO");
  set_tv(sv[0], SO_RCVTIMEO, 1, 500000, "set 1.5 s", "ok");
  show(sv[0], SO_RCVTIMEO, "SO_RCVTIMEO");
  show(sv[0], SO_SNDTIMEO, "SO_SNDTIMEO untouched");
  struct timeval tv = {0, 1000000};
  check(setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0 &&
            errno == EDOM,
        "usec 1000000 is EDOM");
  tv.tv_usec = -1;
  check(setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0 &&
            errno == EDOM,
        "usec -1 is EDOM");
  tv = (struct timeval){1, 0};
  expect("short optlen", rs(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, 8)),
         "EINVAL");
  set_tv(sv[0], SO_RCVTIMEO, 0, 0, "set zero", "ok");
  show(sv[0], SO_RCVTIMEO, "zero reads");

  char buf[64];
  set_tv(sv[0], SO_RCVTIMEO, 0, 50000, "set 50 ms", "ok");
  long t0 = ms_now();
  expect("stream recv", rs(recv(sv[0], buf, sizeof buf, 0)), "EAGAIN");
  check(ms_now() - t0 >= 49, "waited at least the timeout");
  expect("stream read", rs(read(sv[0], buf, sizeof buf)), "EAGAIN");
  write(sv[1], "hi", 2);
  expect("data still comes", rs(recv(sv[0], buf, sizeof buf, 0)), "ok");

  int dg[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
  set_tv(dg[0], SO_RCVTIMEO, 0, 30000, "dgram 30 ms", "ok");
  expect("dgram recv", rs(recv(dg[0], buf, sizeof buf, 0)), "EAGAIN");

  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = {AF_UNIX, "\0rcvtimeo"};
  bind(l, (struct sockaddr *)&a, sizeof a);
  listen(l, 1);
  set_tv(l, SO_RCVTIMEO, 0, 30000, "listener 30 ms", "ok");
  expect("accept", rs(accept(l, 0, 0)), "EAGAIN");

  /* A full peer: a send of more than fits moves part of it, then the
   * next one waits out the send timeout. */
  int one = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &one, sizeof one);
  set_tv(sv[1], SO_SNDTIMEO, 0, 30000, "send 30 ms", "ok");
  static char big[1 << 20];
  long n = rs(send(sv[1], big, sizeof big, 0));
  check(n > 0 && n < (long)sizeof big, "first send moved part");
  expect("second send", rs(send(sv[1], big, sizeof big, 0)), "EAGAIN");

  struct linger lg = {5, 7};
  expect("SO_LINGER on",
         rs(setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, sizeof lg)), "ok");
  struct linger g = {-1, -1};
  socklen_t gl = sizeof g;
  getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &g, &gl);
  printf("SO_LINGER reads %d %d len %u\n", g.l_onoff, g.l_linger, (unsigned)gl);
  lg = (struct linger){0, 9};
  setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &g, &gl);
  printf("off reads %d %d\n", g.l_onoff, g.l_linger);
  expect("SO_LINGER short",
         rs(setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, 4)), "EINVAL");
  return finish("sockets.rcvtimeo");
}
