/* sockets.peek_off: SO_PEEK_OFF on unix sockets (socket(7)): -1 on a new
 * socket (peeking starts at the front, as always); once set to 0 or more,
 * MSG_PEEK reads from that offset and moves it on by what it copied, a
 * normal read moves it back by what it took (not below 0). On a stream the
 * offset counts bytes across messages; on a datagram (and seqpacket)
 * socket it skips whole datagrams it covers and starts inside the next.
 * A peek past everything queued waits like any read: EAGAIN with
 * MSG_DONTWAIT; once a peek has copied something it never waits, even
 * with MSG_WAITALL. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

static int off(int s) {
  int v = 12345;
  socklen_t l = sizeof v;
  if (getsockopt(s, SOL_SOCKET, SO_PEEK_OFF, &v, &l) < 0)
    return -9999;
  return v;
}

static void set(int s, int v) {
  long r = rs(setsockopt(s, SOL_SOCKET, SO_PEEK_OFF, &v, sizeof v));
  if (r)
    printf("set %d: %s\n", v, ename(r));
}

/* One recv: what came (or the error), its msg_flags' MSG_TRUNC, and the
 * offset after it. */
static void rd(int s, size_t n, int flags, const char *what) {
  char buf[64];
  struct iovec v = {buf, n};
  struct msghdr m = {.msg_iov = &v, .msg_iovlen = 1};
  long r = rs(recvmsg(s, &m, flags | MSG_DONTWAIT));
  if (r < 0)
    printf("%s: %s, offset %d\n", what, ename(r), off(s));
  else
    printf("%s: %ld \"%.*s\"%s, offset %d\n", what, r,
           (int)(r < (long)n ? r : (long)n), buf,
           m.msg_flags & MSG_TRUNC ? " MSG_TRUNC" : "", off(s));
}

static void stream(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  printf("stream: new socket offset %d\n", off(sv[1]));
  write(sv[0], "abcdefghij", 10);
  rd(sv[1], 3, MSG_PEEK, "peek 3 with offset -1");
  rd(sv[1], 3, MSG_PEEK, "again");
  set(sv[1], 0);
  printf("set 0: offset %d\n", off(sv[1]));
  rd(sv[1], 3, MSG_PEEK, "peek 3");
  rd(sv[1], 3, MSG_PEEK, "peek 3");
  rd(sv[1], 2, 0, "read 2");
  rd(sv[1], 3, MSG_PEEK, "peek 3");
  rd(sv[1], 20, MSG_PEEK, "peek the rest");
  rd(sv[1], 20, MSG_PEEK, "peek past the end");
  rd(sv[1], 20, 0, "read all");
  write(sv[0], "12", 2);
  write(sv[0], "34", 2);
  write(sv[0], "56", 2);
  set(sv[1], 1);
  rd(sv[1], 4, MSG_PEEK, "offset 1, peek 4 across writes");
  rd(sv[1], 1, 0, "read 1");
  set(sv[1], -1);
  printf("set -1: offset %d\n", off(sv[1]));
  rd(sv[1], 2, MSG_PEEK, "peek 2");
  rd(sv[1], 2, 0, "read 2");
  set(sv[1], 100);
  rd(sv[1], 2, MSG_PEEK, "offset 100, peek");
  rd(sv[1], 2, 0, "read 2");
  rd(sv[1], 1, 0, "read 1 more");
  /* A peek copies what is queued and never waits for more once it has
   * some, MSG_WAITALL or not (a blocking call here). */
  write(sv[0], "ab", 2);
  write(sv[0], "cd", 2);
  set(sv[1], 1);
  char b[16];
  long r = rs(recv(sv[1], b, sizeof b, MSG_PEEK | MSG_WAITALL));
  printf("blocking MSG_PEEK|MSG_WAITALL of 16 at offset 1: %ld \"%.*s\"\n", r,
         r > 0 ? (int)r : 0, b);
  rd(sv[1], 16, 0, "read all");
}

static void packets(int type, const char *name) {
  int sv[2];
  socketpair(AF_UNIX, type, 0, sv);
  printf("%s: new socket offset %d\n", name, off(sv[1]));
  send(sv[0], "hello", 5, 0);
  send(sv[0], "world!", 6, 0);
  set(sv[1], 0);
  rd(sv[1], 3, MSG_PEEK, "peek 3");
  rd(sv[1], 10, MSG_PEEK, "peek 10");
  rd(sv[1], 10, MSG_PEEK, "peek 10");
  rd(sv[1], 10, MSG_PEEK, "peek past the end");
  rd(sv[1], 10, 0, "read");
  rd(sv[1], 10, MSG_PEEK, "peek 10");
  rd(sv[1], 10, 0, "read");
  send(sv[0], "abcdef", 6, 0);
  set(sv[1], 2);
  rd(sv[1], 2, MSG_PEEK, "offset 2, peek 2");
  rd(sv[1], 2, MSG_PEEK | MSG_TRUNC, "peek 2 MSG_TRUNC");
  rd(sv[1], 2, 0, "read 2 of 6");
  set(sv[1], -1);
  rd(sv[1], 2, MSG_PEEK, "offset -1, peek");
}

int main(void) {
  stream();
  packets(SOCK_DGRAM, "dgram");
  packets(SOCK_SEQPACKET, "seqpacket");
  int dg[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
  send(dg[0], "xyz", 3, 0);
  set(dg[1], -5);
  printf("set -5: offset %d\n", off(dg[1]));
  rd(dg[1], 8, MSG_PEEK, "peek with -5");
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  listen(l, 1);
  set(l, 7);
  printf("listener offset %d\n", off(l));
  return finish("sockets.peek_off");
}
