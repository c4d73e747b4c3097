/* sockets.shutdown_sigpipe: shutdown(2) on unix sockets. SHUT_WR: the
 * peer reads what was sent and then 0, our sends are EPIPE; on a stream
 * socket with SIGPIPE (SI_USER, our pid), not with MSG_NOSIGNAL, never on
 * datagram or seqpacket sockets. SHUT_RD: the peer's sends are EPIPE,
 * data already queued can still be read. A closed peer: stream reads
 * drain and then give 0, writes EPIPE + SIGPIPE. poll masks follow
 * (POLLRDHUP, POLLHUP once both ways are shut). Bad `how` is EINVAL;
 * shutdown needs no connection. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include "contract.h"

static int pipes, code_user, pid_ok;

static void on_pipe(int sig, siginfo_t *si, void *u) {
  (void)sig;
  (void)u;
  pipes++;
  code_user = si->si_code == SI_USER;
  pid_ok = si->si_pid == getpid();
}

static const char *mask(int fd) {
  static char b[64];
  struct pollfd p = {fd, POLLIN | POLLOUT | POLLRDHUP, 0};
  poll(&p, 1, 0);
  snprintf(b, sizeof b, "%s%s%s%s%s", p.revents & POLLIN ? "IN " : "",
           p.revents & POLLOUT ? "OUT " : "",
           p.revents & POLLRDHUP ? "RDHUP " : "",
           p.revents & POLLHUP ? "HUP " : "", p.revents & POLLERR ? "ERR" : "");
  return b;
}

static void type_rules(int type, const char *name) {
  int sv[2];
  char b[8];
  socketpair(AF_UNIX, type, 0, sv);
  send(sv[0], "ab", 2, 0);
  expect("shutdown SHUT_WR", rs(shutdown(sv[0], SHUT_WR)), "ok");
  printf("%s writer after SHUT_WR: %s\n", name, mask(sv[0]));
  printf("%s reader: %s\n", name, mask(sv[1]));
  pipes = 0;
  expect("send after SHUT_WR", rs(send(sv[0], "x", 1, 0)), "EPIPE");
  printf("%s SIGPIPE count %d\n", name, pipes);
  if (pipes)
    printf("SI_USER %d from ourselves %d\n", code_user, pid_ok);
  pipes = 0;
  expect("send MSG_NOSIGNAL", rs(send(sv[0], "x", 1, MSG_NOSIGNAL)), "EPIPE");
  printf("%s SIGPIPE with MSG_NOSIGNAL %d\n", name, pipes);
  long n = recv(sv[1], b, sizeof b, 0);
  printf("%s reader gets %ld\n", name, n);
  n = rs(recv(sv[1], b, sizeof b, MSG_DONTWAIT));
  printf("%s then %s\n", name, n < 0 ? ename(n) : n ? "data" : "0");
  expect("peer still sends back", rs(send(sv[1], "y", 1, 0)), "ok");
  expect("shutdown SHUT_RD", rs(shutdown(sv[0], SHUT_RD)), "ok");
  printf("%s both ways shut: %s\n", name, mask(sv[0]));
  printf("%s queued data still read: %ld\n", name,
         (long)recv(sv[0], b, sizeof b, MSG_DONTWAIT));
  pipes = 0;
  expect("peer sends after our SHUT_RD", rs(send(sv[1], "z", 1, 0)), "EPIPE");
  printf("%s SIGPIPE count %d\n", name, pipes);
  close(sv[0]);
  close(sv[1]);
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = on_pipe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGPIPE, &sa, 0);
  type_rules(SOCK_STREAM, "stream");
  type_rules(SOCK_SEQPACKET, "seqpacket");
  type_rules(SOCK_DGRAM, "dgram");

  int sv[2];
  char b[8];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  write(sv[1], "last", 4);
  close(sv[1]);
  printf("peer closed: %s\n", mask(sv[0]));
  printf("read %ld\n", (long)read(sv[0], b, sizeof b));
  printf("read %ld\n", (long)read(sv[0], b, sizeof b));
  pipes = 0;
  expect("write to a closed peer", rs(write(sv[0], "x", 1)), "EPIPE");
  printf("SIGPIPE count %d\n", pipes);
  expect("how 3", rs(shutdown(sv[0], 3)), "EINVAL");
  expect("how -1", rs(shutdown(sv[0], -1)), "EINVAL");
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  expect("shutdown unconnected", rs(shutdown(u, SHUT_RDWR)), "ok");
  printf("unconnected after SHUT_RDWR: %s\n", mask(u));
  signal(SIGPIPE, SIG_DFL);
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  close(sv[1]);
  printf("write with SIGPIPE default: the process dies\n");
  fflush(stdout);
  write(sv[0], "x", 1);
  printf("not reached\n");
  return finish("sockets.shutdown_sigpipe");
}
