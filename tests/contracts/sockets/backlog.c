/* sockets.backlog: a listener's backlog (listen(2), af_unix.c):
 * connect succeeds before accept while fewer than backlog + 1
 * connections wait; after that a nonblocking connect is EAGAIN (unix
 * sockets never say EINPROGRESS); accepting one makes room. A client
 * whose connection was never accepted sees ECONNRESET once the listener
 * closes, then end of file. A seqpacket listener works the same way and
 * keeps record boundaries across accept. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

static struct sockaddr_un a = {AF_UNIX, "b.sock"};

static int client(int nonblock) {
  int c = socket(AF_UNIX, SOCK_STREAM | (nonblock ? SOCK_NONBLOCK : 0), 0);
  long r = rs(connect(c, (void *)&a, sizeof a));
  if (r < 0) {
    printf("connect: %s\n", ename(r));
    close(c);
    return -1;
  }
  return c;
}

int main(void) {
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(l, (void *)&a, sizeof a);
  listen(l, 2);
  int c[4];
  for (int i = 0; i < 3; i++)
    c[i] = client(1);
  printf("three connected before accept: %d\n",
         c[0] >= 0 && c[1] >= 0 && c[2] >= 0);
  c[3] = client(1);
  printf("fourth refused: %d\n", c[3] < 0);
  write(c[0], "first", 5);
  int s = accept(l, 0, 0);
  char b[16] = {0};
  printf("accepted the oldest: %ld %s\n", (long)read(s, b, sizeof b), b);
  c[3] = client(1);
  printf("room again: %d\n", c[3] >= 0);
  expect("listen with backlog 0 again", rs(listen(l, 0)), "ok");
  close(l);
  expect("never accepted, listener closed", rs(read(c[1], b, sizeof b)),
         "ECONNRESET");
  expect("then", rs(read(c[1], b, sizeof b)), "ok");
  expect("the accepted one lives", rs(write(s, "x", 1)), "ok");
  printf("and its client reads %ld\n", (long)read(c[0], b, sizeof b));

  struct sockaddr_un q = {AF_UNIX, "q.sock"};
  int ql = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  bind(ql, (void *)&q, sizeof q);
  listen(ql, 1);
  int qc = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  expect("seqpacket connect", rs(connect(qc, (void *)&q, sizeof q)), "ok");
  send(qc, "rec1", 4, 0);
  send(qc, "record2", 7, 0);
  int qs = accept(ql, 0, 0);
  printf("seqpacket records: %ld", (long)recv(qs, b, sizeof b, 0));
  printf(" %ld\n", (long)recv(qs, b, sizeof b, 0));
  close(qc);
  printf("seqpacket after the client closed: %ld\n",
         (long)recv(qs, b, sizeof b, 0));
  return finish("sockets.backlog");
}
