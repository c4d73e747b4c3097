/* sockets.inflight_limit: ETOOMANYREFS (unix(7)): files passed with
 * SCM_RIGHTS and not yet received count against the sending user; once
 * that count is past the sender's RLIMIT_NOFILE soft limit, a send with
 * files fails with ETOOMANYREFS (the check is before the new files join,
 * so a message may take the count past the limit). Receiving the files,
 * or closing the socket that holds them, gives the count back; sends
 * without files are never refused; a privileged sender (CAP_SYS_RESOURCE)
 * has no limit. The unprivileged part runs as uid 4242 in a child. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "contract.h"

/* A one-byte message with room for 8 descriptors of control data. */
static char byte = 'x';
static struct iovec one_byte = {&byte, 1};
static union {
  char buf[CMSG_SPACE(8 * sizeof(int))];
  struct cmsghdr align;
} cb;

static struct msghdr one_msg(size_t controllen) {
  return (struct msghdr){.msg_iov = &one_byte,
                         .msg_iovlen = 1,
                         .msg_control = cb.buf,
                         .msg_controllen = controllen};
}

/* One message carrying n copies of descriptor 0. */
static long send_fds(int s, int n) {
  struct msghdr m = one_msg(CMSG_SPACE(n * sizeof(int)));
  struct cmsghdr *h = CMSG_FIRSTHDR(&m);
  h->cmsg_level = SOL_SOCKET;
  h->cmsg_type = SCM_RIGHTS;
  h->cmsg_len = CMSG_LEN(n * sizeof(int));
  int fds[8] = {0};
  memcpy(CMSG_DATA(h), fds, n * sizeof(int));
  return rs(sendmsg(s, &m, MSG_DONTWAIT));
}

/* Receive one message and close the descriptors it brought. */
static void recv_one(int s) {
  struct msghdr m = one_msg(sizeof cb.buf);
  recvmsg(s, &m, MSG_DONTWAIT);
  for (struct cmsghdr *h = CMSG_FIRSTHDR(&m); h; h = CMSG_NXTHDR(&m, h)) {
    int n = (int)((h->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    int fds[8];
    memcpy(fds, CMSG_DATA(h), n * sizeof(int));
    for (int i = 0; i < n; i++)
      close(fds[i]);
  }
}

/* Single-descriptor sends until one fails: how many went, and why not. */
static void fill(int s, const char *what) {
  int n = 0;
  long r;
  while ((r = send_fds(s, 1)) >= 0 && n < 100)
    n++;
  printf("%s: %d sends, then %s\n", what, n, ename(r));
}

static void unprivileged(void) {
  struct rlimit rl = {10, 10};
  setrlimit(RLIMIT_NOFILE, &rl);
  if (setgid(4242) || setuid(4242)) {
    check(0, "became uid 4242");
    return;
  }
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  fill(sv[0], "limit 10");
  expect("a send without files", rs(send(sv[0], "p", 1, MSG_DONTWAIT)), "ok");
  recv_one(sv[1]);
  expect("after one was received", send_fds(sv[0], 1), "ok");
  expect("and then", send_fds(sv[0], 1), "ETOOMANYREFS");
  recv_one(sv[1]);
  recv_one(sv[1]);
  expect("two received, 5 files at once", send_fds(sv[0], 5), "ok");
  expect("past the limit now", send_fds(sv[0], 1), "ETOOMANYREFS");

  int st[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, st);
  expect("stream send with a file", send_fds(st[0], 1), "ETOOMANYREFS");
  char c;
  expect("nothing arrived", rs(recv(st[1], &c, 1, MSG_DONTWAIT)), "EAGAIN");

  close(sv[1]); /* its queue goes, and the files with it */
  int nv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, nv);
  fill(nv[0], "after the holder closed");
}

int main(void) {
  fflush(stdout);
  run_in_child(unprivileged);
  struct rlimit rl = {10, 10};
  setrlimit(RLIMIT_NOFILE, &rl);
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  int n = 0;
  while (send_fds(sv[0], 1) >= 0 && n < 40)
    n++;
  printf("root with limit 10: %d sends\n", n);
  return finish("sockets.inflight_limit");
}
