/* sockets.sndtimeo: SO_SNDTIMEO on unix sockets (socket(7)): a blocking
 * send that finds no room waits at most the timeout and then fails with
 * EAGAIN (which is EWOULDBLOCK), or returns the bytes it moved when some
 * went; stream, datagram peer, datagram to a full receiver, and connect
 * to a full backlog alike; a signal ends such a wait with EINTR even
 * under SA_RESTART (signal(7)), for SO_RCVTIMEO too. tv_usec outside
 * 0..999999 is EDOM, a short optlen EINVAL, a negative tv_sec means no
 * wait at all (and reads back zero), SO_SNDTIMEO_NEW is the same option.
 * Timeouts are whole multiples of 100 ms, so every CONFIG_HZ keeps them;
 * only "waited at least half the timeout" is printed, never a time. */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>

#include "contract.h"

#define SO_SNDTIMEO_NEW_                                                       \
  67 /* asm-generic/socket.h, the same on both arches                          \
      */

static char big[1 << 20];

static long ms_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static long set_tv(int s, int name, long sec, long usec, socklen_t len) {
  struct timeval tv[2] = {{sec, usec}, {0, 0}};
  return rs(setsockopt(s, SOL_SOCKET, name, tv, len));
}

static void show(int s, int name, socklen_t len, const char *what) {
  struct timeval tv = {-1, -1};
  socklen_t l = len;
  long r = rs(getsockopt(s, SOL_SOCKET, name, &tv, &l));
  if (tv.tv_usec == -1) /* a short buffer gets tv_sec alone */
    printf("%s: %s len %u sec %ld\n", what, ename(r), (unsigned)l,
           (long)tv.tv_sec);
  else
    printf("%s: %s len %u %ld.%06ld\n", what, ename(r), (unsigned)l,
           (long)tv.tv_sec, (long)tv.tv_usec);
}

/* A call that must wait about `ms` and then fail with `want`. */
static long t0;
static void start(void) {
  t0 = ms_now();
}
static void waited(const char *what, long r, const char *want, long ms) {
  expect(what, r, want);
  long e = ms_now() - t0;
  check(e >= ms / 2 && e < 30000, "  waited at least half the timeout");
}

/* A stream pair whose sv[0] has the smallest send buffer, filled. */
static void full_pair(int sv[2]) {
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  int one = 1;
  setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &one, sizeof one);
  while (send(sv[0], big, sizeof big, MSG_DONTWAIT) > 0)
    ;
}

static int alarms;
static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static void alarm_in_100ms(void) {
  struct itimerval it = {{0, 0}, {0, 100000}};
  setitimer(ITIMER_REAL, &it, 0);
}

int main(void) {
  printf("EAGAIN is EWOULDBLOCK: %d\n", EAGAIN == EWOULDBLOCK);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  int one = 1;
  setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &one, sizeof one);
  show(sv[0], SO_SNDTIMEO, sizeof(struct timeval), "default");
  expect("set 200 ms", set_tv(sv[0], SO_SNDTIMEO, 0, 200000, 16), "ok");
  show(sv[0], SO_SNDTIMEO, sizeof(struct timeval), "reads");
  long n = rs(send(sv[0], big, sizeof big, 0));
  check(n > 0 && n < (long)sizeof big, "1 MiB send returns the part it moved");
  start();
  waited("send on the full socket", rs(send(sv[0], big, 100, 0)), "EAGAIN",
         200);
  start();
  waited("write(2)", rs(write(sv[0], big, 100)), "EAGAIN", 200);
  struct iovec v = {big, 100};
  struct msghdr mh = {.msg_iov = &v, .msg_iovlen = 1};
  start();
  waited("sendmsg", rs(sendmsg(sv[0], &mh, 0)), "EAGAIN", 200);
  expect("MSG_DONTWAIT", rs(send(sv[0], big, 100, MSG_DONTWAIT)), "EAGAIN");
  while (recv(sv[1], big, sizeof big, MSG_DONTWAIT) > 0)
    ;
  expect("after the reader drained", rs(send(sv[0], big, 100, 0)), "ok");
  recv(sv[1], big, sizeof big, 0);

  /* The value's checks (sock_set_timeout). */
  expect("usec 1000000", set_tv(sv[0], SO_SNDTIMEO, 1, 1000000, 16), "EDOM");
  expect("usec -1", set_tv(sv[0], SO_SNDTIMEO, 1, -1, 16), "EDOM");
  expect("optlen 8", set_tv(sv[0], SO_SNDTIMEO, 1, 0, 8), "EINVAL");
  expect("optlen 15", set_tv(sv[0], SO_SNDTIMEO, 1, 0, 15), "EINVAL");
  expect("optlen 32", set_tv(sv[0], SO_SNDTIMEO, 1, 0, 32), "ok");
  show(sv[0], SO_SNDTIMEO, sizeof(struct timeval), "after the bad ones");
  show(sv[0], SO_SNDTIMEO, 8, "read with len 8");
  show(sv[0], SO_SNDTIMEO, 32, "read with len 32");
  expect("SO_SNDTIMEO_NEW 3 s",
         set_tv(sv[0], SO_SNDTIMEO_NEW_, 3, 0, sizeof(struct timeval)), "ok");
  show(sv[0], SO_SNDTIMEO, sizeof(struct timeval), "reads as SO_SNDTIMEO");
  show(sv[0], SO_SNDTIMEO_NEW_, sizeof(struct timeval), "and as _NEW");
  expect("tv_sec LONG_MAX", set_tv(sv[0], SO_SNDTIMEO, LONG_MAX, 0, 16), "ok");
  show(sv[0], SO_SNDTIMEO, sizeof(struct timeval), "forever reads");
  expect("tv_sec -1", set_tv(sv[0], SO_SNDTIMEO, -1, 500000, 16), "ok");
  show(sv[0], SO_SNDTIMEO, sizeof(struct timeval), "negative reads");
  while (send(sv[0], big, sizeof big, MSG_DONTWAIT) > 0)
    ;
  expect("then a full send does not wait", rs(send(sv[0], big, 100, 0)),
         "EAGAIN");

  /* A datagram socketpair: the sender's own buffer is what fills. */
  int dg[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
  setsockopt(dg[0], SOL_SOCKET, SO_SNDBUF, &one, sizeof one);
  set_tv(dg[0], SO_SNDTIMEO, 0, 100000, 16);
  int sent = 0;
  while (send(dg[0], "d", 1, MSG_DONTWAIT) == 1 && sent < 100000)
    sent++;
  check(sent > 0 && errno == EAGAIN, "datagram peer filled");
  start();
  waited("datagram send", rs(send(dg[0], "d", 1, 0)), "EAGAIN", 100);

  /* A named receiver that is not our peer holds max_dgram_qlen + 1. */
  struct sockaddr_un a = {AF_UNIX, "rcv.sock"};
  int rcv = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(rcv, (void *)&a, sizeof a);
  int snd = socket(AF_UNIX, SOCK_DGRAM, 0);
  set_tv(snd, SO_SNDTIMEO, 0, 100000, 16);
  while (sendto(snd, "q", 1, MSG_DONTWAIT, (void *)&a, sizeof a) == 1)
    ;
  start();
  waited("sendto a full receiver",
         rs(sendto(snd, "q", 1, 0, (void *)&a, sizeof a)), "EAGAIN", 100);

  /* connect waits for backlog room with the send timeout. */
  struct sockaddr_un la = {AF_UNIX, "\0sndtimeo"};
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(l, (void *)&la, sizeof la);
  listen(l, 0);
  int c1 = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("first connect", rs(connect(c1, (void *)&la, sizeof la)), "ok");
  int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
  set_tv(c2, SO_SNDTIMEO, 0, 100000, 16);
  start();
  waited("connect to a full backlog", rs(connect(c2, (void *)&la, sizeof la)),
         "EAGAIN", 100);

  /* A signal ends a timed wait with EINTR whatever SA_RESTART says. */
  struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = SA_RESTART};
  sigaction(SIGALRM, &sa, 0);
  int fv[2];
  full_pair(fv);
  set_tv(fv[0], SO_SNDTIMEO, 5, 0, 16);
  alarm_in_100ms();
  expect("timed send and a signal", rs(send(fv[0], big, 100, 0)), "EINTR");
  set_tv(fv[1], SO_RCVTIMEO, 5, 0, 16);
  while (recv(fv[1], big, sizeof big, MSG_DONTWAIT) > 0)
    ;
  alarm_in_100ms();
  expect("timed recv and a signal", rs(recv(fv[1], big, 100, 0)), "EINTR");
  printf("handler ran %d times\n", alarms);
  return finish("sockets.sndtimeo");
}
