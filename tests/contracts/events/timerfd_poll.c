/* events.timerfd_poll: a timerfd is readable (POLLIN|POLLRDNORM) exactly
 * while expirations are unread: poll and select time out before the
 * expiry, a blocking poll, select and epoll_wait return at it, a read
 * clears it; an EPOLLET item reports each new expiry once. A thread
 * blocked in read is woken by the expiry while another thread runs. */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/timerfd.h>

#include "contract.h"

static void arm(int fd, long ms) {
  struct itimerspec its = {{0, 0}, {ms / 1000, (ms % 1000) * 1000000}};
  timerfd_settime(fd, 0, &its, 0);
}

static uint64_t got;
static void *reader(void *a) {
  int fd = *(int *)a;
  read(fd, &got, 8);
  return 0;
}

int main(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct pollfd p = {fd, POLLIN | POLLOUT, 0};
  printf("poll disarmed: %d\n", poll(&p, 1, 0));
  arm(fd, 400); /* far enough that a slow machine still polls before it */
  printf("poll before expiry, 10 ms: %d\n", poll(&p, 1, 10));
  int n = poll(&p, 1, 5000);
  printf("poll until expiry: %d revents %s\n", n,
         p.revents == (POLLIN | POLLRDNORM) ? "IN|RDNORM"
         : p.revents == POLLIN              ? "IN"
                                            : "other");
  uint64_t v;
  read(fd, &v, 8);
  printf("poll after read: %d\n", poll(&p, 1, 0));

  arm(fd, 80);
  fd_set rs_;
  FD_ZERO(&rs_);
  FD_SET(fd, &rs_);
  struct timeval tv = {5, 0};
  n = select(fd + 1, &rs_, 0, 0, &tv);
  printf("select until expiry: %d, set %d\n", n, FD_ISSET(fd, &rs_) != 0);
  read(fd, &v, 8);

  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN | EPOLLET, {.u64 = 42}}, out[2];
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  printf("epoll before arming: %d\n", epoll_wait(ep, out, 2, 0));
  arm(fd, 80);
  n = epoll_wait(ep, out, 2, 5000);
  printf("epoll until expiry: %d data %llu in %d\n", n,
         (unsigned long long)out[0].data.u64, (out[0].events & EPOLLIN) != 0);
  printf("epoll again, edge-triggered: %d\n", epoll_wait(ep, out, 2, 0));
  read(fd, &v, 8);
  arm(fd, 50);
  printf("next expiry, edge-triggered: %d\n", epoll_wait(ep, out, 2, 5000));

  int bfd = timerfd_create(CLOCK_MONOTONIC, 0);
  pthread_t th;
  pthread_create(&th, 0, reader, &bfd);
  arm(bfd, 100);
  pthread_join(th, 0);
  printf("thread's blocking read: %llu expiration\n", (unsigned long long)got);
  return finish("events.timerfd_poll");
}
