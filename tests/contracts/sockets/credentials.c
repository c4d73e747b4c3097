/* sockets.credentials: SO_PEERCRED and SCM_CREDENTIALS (unix(7)).
 * SO_PEERCRED of a socketpair end is its creator; of a connected
 * client the process that called listen, of the accepted end the one
 * that called connect; of an unconnected socket pid 0 and ids -1. With
 * SO_PASSCRED a receiver gets the sender's pid, uid and gid; a sender may
 * state its own; another process's pid is ESRCH when there is none; a
 * bad SCM_CREDENTIALS length is EINVAL. No control buffer: MSG_CTRUNC. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "contract.h"

static struct ucred peer(int s) {
  struct ucred c;
  memset(&c, 0x55, sizeof c);
  socklen_t l = sizeof c;
  getsockopt(s, SOL_SOCKET, SO_PEERCRED, &c, &l);
  return c;
}

static long send_cred(int s, pid_t pid, uid_t uid, gid_t gid, size_t len) {
  char ctl[CMSG_SPACE(sizeof(struct ucred)) + 8];
  memset(ctl, 0, sizeof ctl);
  struct iovec iov = {"c", 1};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctl;
  mh.msg_controllen = CMSG_SPACE(sizeof(struct ucred));
  struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_CREDENTIALS;
  c->cmsg_len = len;
  struct ucred u = {pid, uid, gid};
  memcpy(CMSG_DATA(c), &u, sizeof u);
  return rs(sendmsg(s, &mh, 0));
}

static int recv_cred(int s, struct ucred *u, int *flags, int noctl) {
  char ctl[64] __attribute__((aligned(8)));
  char b[4];
  struct iovec iov = {b, sizeof b};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = noctl ? 0 : ctl;
  mh.msg_controllen = noctl ? 0 : sizeof ctl;
  if (recvmsg(s, &mh, 0) < 0)
    return -1;
  *flags = mh.msg_flags;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
    if (c->cmsg_type == SCM_CREDENTIALS) {
      memcpy(u, CMSG_DATA(c), sizeof *u);
      return 1;
    }
  return 0;
}

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  struct ucred c = peer(sv[0]);
  printf("socketpair peer: pid self %d uid %d gid %d\n", c.pid == getpid(),
         c.uid == geteuid(), c.gid == getegid());
  int u = socket(AF_UNIX, SOCK_STREAM, 0);
  c = peer(u);
  printf("unconnected: pid %d uid %d gid %d\n", c.pid, (int)c.uid, (int)c.gid);
  struct ucred small;
  socklen_t l = 4;
  getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &small, &l);
  printf("SO_PEERCRED into 4 bytes: len %u\n", (unsigned)l);

  int one = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
  send(sv[0], "x", 1, 0);
  struct ucred got;
  int fl;
  int k = recv_cred(sv[1], &got, &fl, 0);
  printf("implicit credentials %d: pid %d uid %d gid %d\n", k,
         got.pid == getpid(), got.uid == getuid(), got.gid == getgid());
  expect("state own credentials",
         send_cred(sv[0], getpid(), getuid(), getgid(),
                   CMSG_LEN(sizeof(struct ucred))),
         "ok");
  k = recv_cred(sv[1], &got, &fl, 0);
  printf("stated credentials %d: pid %d\n", k, got.pid == getpid());
  expect("bad length",
         send_cred(sv[0], getpid(), getuid(), getgid(),
                   CMSG_LEN(sizeof(struct ucred)) + 4),
         "EINVAL");
  expect("a pid nobody has",
         send_cred(sv[0], 0x3ffffff0, getuid(), getgid(),
                   CMSG_LEN(sizeof(struct ucred))),
         "ESRCH");
  send(sv[0], "y", 1, 0);
  k = recv_cred(sv[1], &got, &fl, 1);
  printf("no control buffer: %d CTRUNC %d\n", k, !!(fl & MSG_CTRUNC));
  send(sv[1], "z", 1, 0);
  k = recv_cred(sv[0], &got, &fl, 0);
  printf("receiver without SO_PASSCRED: %d CTRUNC %d\n", k,
         !!(fl & MSG_CTRUNC));

  struct sockaddr_un a = {AF_UNIX, "cred.sock"};
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(s, (void *)&a, sizeof a);
  pid_t lp = fork();
  if (lp == 0) { /* the child listens, the parent connects */
    listen(s, 1);
    int x = accept(s, 0, 0);
    struct ucred pc = peer(x);
    char r = pc.pid == getppid() ? 'y' : 'n';
    write(x, &r, 1);
    read(x, &r, 1);
    _exit(0);
  }
  int cl = socket(AF_UNIX, SOCK_STREAM, 0);
  while (connect(cl, (void *)&a, sizeof a) != 0)
    usleep(1000);
  c = peer(cl);
  printf("client's peer is the listener: %d\n", c.pid == lp);
  char r = 0;
  read(cl, &r, 1);
  printf("accepted end's peer is the connector: %c\n", r);
  write(cl, "q", 1);
  waitpid(lp, 0, 0);
  return finish("sockets.credentials");
}
