/* sockets.scm_rights: SCM_RIGHTS passes open file descriptions
 * (unix(7), cmsg(3)): a child receives a pipe's write end and a file
 * opened by its parent and uses them (the offset is shared); several
 * descriptors in one message arrive in order as new numbers;
 * MSG_CMSG_CLOEXEC sets FD_CLOEXEC (and shows in msg_flags); a control
 * buffer too small for all of them keeps what fits and says MSG_CTRUNC;
 * without a control buffer they are dropped (MSG_CTRUNC); MSG_PEEK
 * passes copies; a socket closed with descriptors still queued releases
 * them (the pipe's reader sees EOF). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "contract.h"

static long send_fds(int s, const int *fds, int n) {
  char ctl[CMSG_SPACE(sizeof(int) * 8)];
  memset(ctl, 0, sizeof ctl);
  struct iovec iov = {"F", 1};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = ctl;
  mh.msg_controllen = CMSG_SPACE(sizeof(int) * n);
  struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * n);
  memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
  return rs(sendmsg(s, &mh, 0));
}

/* Receive into a control buffer of `room` bytes; returns the count of
 * descriptors in fds. */
static int recv_fds(int s, int *fds, size_t room, int flags, int *mflags) {
  char ctl[256] __attribute__((aligned(8)));
  char b[4];
  struct iovec iov = {b, sizeof b};
  struct msghdr mh = {0};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = room ? ctl : 0;
  mh.msg_controllen = room;
  if (recvmsg(s, &mh, flags) < 0)
    return -1;
  *mflags = mh.msg_flags;
  int n = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
      memcpy(fds + n, CMSG_DATA(c), sizeof(int) * k);
      n += k;
    }
  return n;
}

int main(void) {
  int sv[2], p[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pipe(p);
  int f = open("shared", O_CREAT | O_RDWR, 0600);
  pid_t pid = fork();
  if (pid == 0) {
    close(p[1]);
    close(f);
    int got[4], fl;
    int n = recv_fds(sv[1], got, CMSG_SPACE(sizeof(int) * 2), 0, &fl);
    if (n != 2)
      _exit(10);
    write(got[0], "via pipe", 8);
    write(got[1], "0123", 4);
    _exit(0);
  }
  int two[2] = {p[1], f};
  expect("send two descriptors", send_fds(sv[0], two, 2), "ok");
  close(p[1]);
  waitpid(pid, 0, 0);
  char b[16] = {0};
  printf("pipe got: %.*s\n", (int)read(p[0], b, sizeof b), b);
  printf("shared offset moved by the child: %ld\n",
         (long)lseek(f, 0, SEEK_CUR));
  printf("pipe writer gone: read %ld\n", (long)read(p[0], b, sizeof b));

  int q[2];
  pipe(q);
  int three[3] = {q[0], q[1], q[0]};
  send_fds(sv[0], three, 3);
  int got[8], fl = 0;
  int n = recv_fds(sv[1], got, sizeof(int) * 64, MSG_CMSG_CLOEXEC, &fl);
  printf("got %d, new numbers %d, CLOEXEC %d %d %d, msg_flags CLOEXEC %d\n", n,
         got[0] != q[0] && got[1] != q[1], fcntl(got[0], F_GETFD),
         fcntl(got[1], F_GETFD), fcntl(got[2], F_GETFD),
         !!(fl & MSG_CMSG_CLOEXEC));
  write(got[1], "k", 1);
  printf("through the passed pair: %ld\n", (long)read(got[2], b, 1));

  send_fds(sv[0], three, 3);
  n = recv_fds(sv[1], got, CMSG_LEN(sizeof(int) * 2), 0, &fl);
  printf("room for 2 of 3: got %d CTRUNC %d\n", n, !!(fl & MSG_CTRUNC));
  send_fds(sv[0], three, 3);
  n = recv_fds(sv[1], got, 0, 0, &fl);
  printf("no control buffer: got %d CTRUNC %d\n", n, !!(fl & MSG_CTRUNC));
  send_fds(sv[0], three, 1);
  n = recv_fds(sv[1], got, 64, MSG_PEEK, &fl);
  int m = recv_fds(sv[1], got + 1, 64, 0, &fl);
  printf("peek got %d, then read got %d, distinct %d\n", n, m,
         got[0] != got[1]);

  int r[2], t[2];
  pipe(r);
  socketpair(AF_UNIX, SOCK_DGRAM, 0, t);
  send_fds(t[0], &r[1], 1);
  close(r[1]);
  printf("writer queued in a socket: read would wait %d\n",
         fcntl(r[0], F_SETFL, O_NONBLOCK) == 0 && read(r[0], b, 1) < 0 &&
             errno == EAGAIN);
  close(t[1]);
  printf("receiver closed: EOF %ld\n", (long)read(r[0], b, 1));
  return finish("sockets.scm_rights");
}
