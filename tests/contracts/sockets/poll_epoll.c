/* sockets.poll_epoll: readiness of unix sockets (poll(2), epoll(7)):
 * a fresh stream socket is OUT|WRBAND|HUP, a listener nothing until a
 * connection waits (IN); a socketpair end OUT, IN with data; a peer gone
 * adds RDHUP|HUP (streams, seqpacket) but not on datagrams. epoll sees
 * a child's write, a connection on a listener, and an edge-triggered
 * item fires once per write. */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "contract.h"

static void show(const char *what, int fd) {
  struct pollfd p = {fd, POLLIN | POLLOUT | POLLRDHUP | POLLWRBAND | POLLPRI,
                     0};
  poll(&p, 1, 0);
  printf("%s:%s%s%s%s%s%s%s\n", what, p.revents & POLLIN ? " IN" : "",
         p.revents & POLLPRI ? " PRI" : "", p.revents & POLLOUT ? " OUT" : "",
         p.revents & POLLWRBAND ? " WRBAND" : "",
         p.revents & POLLRDHUP ? " RDHUP" : "",
         p.revents & POLLHUP ? " HUP" : "", p.revents & POLLERR ? " ERR" : "");
}

int main(void) {
  int types[3] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
  const char *names[3] = {"stream", "dgram", "seqpacket"};
  char b[64];
  for (int i = 0; i < 3; i++) {
    int s = socket(AF_UNIX, types[i], 0);
    snprintf(b, sizeof b, "%s fresh", names[i]);
    show(b, s);
    close(s);
    int sv[2];
    socketpair(AF_UNIX, types[i], 0, sv);
    snprintf(b, sizeof b, "%s pair", names[i]);
    show(b, sv[0]);
    send(sv[1], "x", 1, 0);
    snprintf(b, sizeof b, "%s with data", names[i]);
    show(b, sv[0]);
    close(sv[1]);
    snprintf(b, sizeof b, "%s peer closed", names[i]);
    show(b, sv[0]);
    close(sv[0]);
  }
  struct sockaddr_un a = {AF_UNIX, "p.sock"};
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(l, (void *)&a, sizeof a);
  listen(l, 2);
  show("listener", l);
  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.u32 = 1}};
  epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  ev.data.u32 = 2;
  ev.events = EPOLLIN | EPOLLET;
  epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
  pid_t pid = fork();
  if (pid == 0) {
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(c, (void *)&a, sizeof a);
    write(sv[1], "hi", 2);
    _exit(0);
  }
  int seen = 0;
  struct epoll_event out[4];
  while (seen != 3) {
    int n = epoll_wait(ep, out, 4, -1);
    for (int i = 0; i < n; i++)
      seen |= out[i].data.u32 == 1 ? 1 : 2;
  }
  printf("epoll saw the connection and the data\n");
  show("listener with a connection", l);
  printf("edge-triggered again without a new write: %d\n",
         epoll_wait(ep, out, 4, 0) == 1 ? out[0].data.u32 == 1 : -1);
  waitpid(pid, 0, 0);
  write(sv[1], "!", 1);
  int n = epoll_wait(ep, out, 4, 0);
  int et = 0;
  for (int i = 0; i < n; i++)
    et += out[i].data.u32 == 2;
  printf("edge after a new write: %d\n", et);
  return finish("sockets.poll_epoll");
}
