/* sockets.gc_cycles: passed unix sockets that only a cycle of in-flight
 * messages keeps (a socket sent over itself, two sockets each holding the
 * other, every descriptor closed) are freed by Linux's garbage collector
 * once another unix socket closes; one that an open socket still holds
 * in its queue stays. A freed socket's abstract name is gone, so a send
 * to it is ECONNREFUSED; a live one still receives. Linux may collect in
 * the background (6.18 does), so "freed" is looked at for up to 2 s. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#include "contract.h"

static struct sockaddr_un name(const char *n) {
  struct sockaddr_un a = {AF_UNIX, ""};
  memcpy(a.sun_path + 1, n, strlen(n));
  return a;
}

static socklen_t name_len(const char *n) {
  return (socklen_t)(sizeof(sa_family_t) + 1 + strlen(n));
}

static int bound(const char *n) {
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un a = name(n);
  if (bind(s, (void *)&a, name_len(n)))
    printf("bind %s: %s\n", n, errno_name(errno));
  return s;
}

/* Send one byte from s to name n with descriptor fd attached. */
static long pass(int s, const char *n, int fd) {
  char c = 'x';
  struct iovec v = {&c, 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } cb;
  struct sockaddr_un a = name(n);
  struct msghdr m = {.msg_name = &a,
                     .msg_namelen = name_len(n),
                     .msg_iov = &v,
                     .msg_iovlen = 1,
                     .msg_control = cb.buf,
                     .msg_controllen = sizeof cb.buf};
  struct cmsghdr *h = CMSG_FIRSTHDR(&m);
  h->cmsg_level = SOL_SOCKET;
  h->cmsg_type = SCM_RIGHTS;
  h->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(h), &fd, sizeof fd);
  return rs(sendmsg(s, &m, MSG_DONTWAIT));
}

static int probe;

static long send_to(const char *n) {
  struct sockaddr_un a = name(n);
  return rs(sendto(probe, "p", 1, MSG_DONTWAIT, (void *)&a, name_len(n)));
}

/* Is name n gone (ECONNREFUSED) within 2 s? */
static int gone(const char *n) {
  for (int i = 0; i < 200; i++) {
    if (send_to(n) == -ECONNREFUSED)
      return 1;
    struct timespec t = {0, 10000000};
    nanosleep(&t, 0);
  }
  return 0;
}

/* Close an unrelated unix socket: what sets Linux's collector going. */
static void trigger(void) {
  close(socket(AF_UNIX, SOCK_DGRAM, 0));
}

int main(void) {
  probe = socket(AF_UNIX, SOCK_DGRAM, 0);

  int a = bound("gc_self");
  expect("a socket sent over itself", pass(a, "gc_self", a), "ok");
  close(a);
  trigger();
  printf("freed: %d\n", gone("gc_self"));

  int x = bound("gc_x"), y = bound("gc_y");
  expect("x to y", pass(x, "gc_y", x), "ok");
  expect("y to x", pass(y, "gc_x", y), "ok");
  close(x);
  close(y);
  trigger();
  printf("the pair freed: %d %d\n", gone("gc_x"), gone("gc_y"));

  int holder = bound("gc_holder"), live = bound("gc_live");
  expect("live to the holder", pass(live, "gc_holder", live), "ok");
  close(live);
  trigger();
  struct timespec t = {0, 200000000};
  nanosleep(&t, 0);
  expect("held by an open socket, still there", send_to("gc_live"), "ok");
  expect("and its name still taken",
         rs(bind(socket(AF_UNIX, SOCK_DGRAM, 0),
                 (void *)&(struct sockaddr_un){AF_UNIX, "\0gc_live"},
                 name_len("gc_live"))),
         "EADDRINUSE");
  close(holder);
  trigger();
  printf("once the holder closed: freed %d\n", gone("gc_live"));
  int again = bound("gc_self");
  check(again >= 0, "a freed name can be bound again");
  return finish("sockets.gc_cycles");
}
