/* sockets.msg_oob: out-of-band data on AF_UNIX stream sockets (Linux's
 * CONFIG_AF_UNIX_OOB, on in Debian's kernels, though unix(7) says there
 * is none). The last byte of a MSG_OOB send becomes the receiver's mark:
 * SIOCATMARK, POLLPRI, SIGURG to the F_SETOWN owner. A read stops before
 * the mark; MSG_OOB gets the byte once (then EINVAL). A second mark turns
 * the first byte into data. SO_OOBINLINE reads the byte as data.
 * Datagram and seqpacket sockets and empty sends refuse MSG_OOB
 * (EOPNOTSUPP). What a read does at a mark it steps over, and SIOCATMARK
 * after the byte was read, changed after 6.1: not pinned. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "contract.h"

static volatile int urgs, urg_code;

static void on_urg(int sig, siginfo_t *si, void *u) {
  (void)sig, (void)u;
  urgs++;
  urg_code = si->si_code;
}

static int at_mark(int fd) {
  int v = -1;
  return ioctl(fd, SIOCATMARK, &v) == 0 ? v : -1;
}

static int inq(int fd) {
  int v = -1;
  return ioctl(fd, FIONREAD, &v) == 0 ? v : -1;
}

static int pri(int fd) {
  struct pollfd p = {fd, POLLPRI, 0};
  return poll(&p, 1, 0) == 1 && (p.revents & POLLPRI);
}

/* A normal recv: its bytes, or its errno name. */
static void show_recv(const char *what, int fd) {
  char buf[16] = {0};
  long n = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
  if (n < 0)
    printf("%s: %s\n", what, errno_name(errno));
  else
    printf("%s: \"%s\"\n", what, buf);
}

static void show_oob(const char *what, int fd) {
  char c = 0;
  char ctl[64];
  struct iovec iov = {&c, 1};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctl;
  mh.msg_controllen = sizeof ctl;
  long n = recvmsg(fd, &mh, MSG_OOB | MSG_DONTWAIT);
  if (n < 0)
    printf("%s: %s\n", what, errno_name(errno));
  else
    printf("%s: '%c', msg_flags has MSG_OOB: %s\n", what, c,
           mh.msg_flags & MSG_OOB ? "yes" : "no");
}

/* A fresh connected stream pair: the cases below never start from a
 * queue holding a mark's byte already read, where 6.1 and 6.18 differ. */
static void pair(int sv[2]) {
  check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "a stream pair");
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = on_urg;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGURG, &sa, 0);
  int sv[2];
  pair(sv);
  fcntl(sv[1], F_SETOWN, getpid());
  send(sv[0], "ab", 2, 0);
  expect("send 'X' with MSG_OOB", rs(send(sv[0], "X", 1, MSG_OOB)), "ok");
  printf("SIGURG to the owner: %d, si_code SI_KERNEL: %s\n", urgs,
         urg_code == SI_KERNEL ? "yes" : "no");
  printf("at the mark: %d, POLLPRI: %d, FIONREAD: %d\n", at_mark(sv[1]),
         pri(sv[1]), inq(sv[1]));
  show_recv("recv", sv[1]);
  printf("at the mark: %d, FIONREAD: %d\n", at_mark(sv[1]), inq(sv[1]));
  show_oob("recv MSG_OOB", sv[1]);
  printf("POLLPRI: %d\n", pri(sv[1]));
  show_oob("recv MSG_OOB again", sv[1]);

  /* One send: "cd" as data, 'Y' as the mark. No owner: no SIGURG. */
  pair(sv);
  printf("send \"cdY\" with MSG_OOB: %ld\n",
         (long)send(sv[0], "cdY", 3, MSG_OOB));
  show_oob("recv MSG_OOB first", sv[1]);
  show_recv("recv", sv[1]);

  /* A new mark makes the old byte data. */
  pair(sv);
  send(sv[0], "1", 1, MSG_OOB);
  send(sv[0], "2", 1, MSG_OOB);
  show_recv("two marks, recv", sv[1]);
  show_oob("recv MSG_OOB", sv[1]);

  /* SO_OOBINLINE: the byte is data; a read still stops before it. */
  pair(sv);
  int on = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_OOBINLINE, &on, sizeof on);
  send(sv[0], "eZ", 2, MSG_OOB);
  show_oob("inline, recv MSG_OOB", sv[1]);
  show_recv("inline, recv", sv[1]);
  show_recv("inline, recv again", sv[1]);
  printf("SIGURGs in all: %d\n", urgs);

  expect("MSG_OOB send of nothing", rs(send(sv[0], "", 0, MSG_OOB)),
         "EOPNOTSUPP");
  int d[2], q[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, q);
  expect("MSG_OOB on a datagram socket", rs(send(d[0], "x", 1, MSG_OOB)),
         "EOPNOTSUPP");
  expect("MSG_OOB on a seqpacket socket", rs(send(q[0], "x", 1, MSG_OOB)),
         "EOPNOTSUPP");
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  char c;
  expect("recv MSG_OOB unconnected", rs(recv(u, &c, 1, MSG_OOB)), "EINVAL");
  return finish("msg_oob");
}
