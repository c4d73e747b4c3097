/* events.signalfd_poll: a signalfd is readable (POLLIN|POLLRDNORM) while
 * a signal in its mask is pending for the poller: poll and epoll see it
 * when it is raised, not after it is read; a poll blocked in one process
 * returns when another process's kill arrives; epoll_wait on the fd
 * wakes for it too. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include "contract.h"

static const char *mask(short r) {
  return r == (POLLIN | POLLRDNORM) ? "IN|RDNORM"
         : r == 0                   ? "0"
         : r == POLLIN              ? "IN"
                                    : "other";
}

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigprocmask(SIG_BLOCK, &m, 0);
  int fd = signalfd(-1, &m, SFD_NONBLOCK);
  struct pollfd p = {fd, POLLIN | POLLOUT, 0};
  int n = poll(&p, 1, 0);
  printf("nothing pending: %d %s\n", n, mask(p.revents));
  raise(SIGUSR1);
  n = poll(&p, 1, 0);
  printf("SIGUSR1 pending: %d %s\n", n, mask(p.revents));
  struct signalfd_siginfo si;
  read(fd, &si, sizeof si);
  n = poll(&p, 1, 0);
  printf("after the read: %d %s\n", n, mask(p.revents));

  pid_t me = getpid();
  pid_t c = fork();
  if (c == 0) {
    usleep(100000);
    kill(me, SIGUSR1);
    _exit(0);
  }
  n = poll(&p, 1, 10000);
  printf("blocked poll, another process kills: %d %s\n", n, mask(p.revents));
  read(fd, &si, sizeof si);
  printf("sender is the child: %d\n", si.ssi_pid == (uint32_t)c);
  waitpid(c, 0, 0);

  int ep = epoll_create1(0);
  struct epoll_event ev = {EPOLLIN, {.u64 = 7}}, out;
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  printf("epoll, nothing pending: %d\n", epoll_wait(ep, &out, 1, 0));
  c = fork();
  if (c == 0) {
    usleep(100000);
    kill(me, SIGUSR1);
    _exit(0);
  }
  n = epoll_wait(ep, &out, 1, 10000);
  printf("epoll_wait, another process kills: %d data %llu\n", n,
         (unsigned long long)out.data.u64);
  printf("epoll still ready before the read: %d\n", epoll_wait(ep, &out, 1, 0));
  read(fd, &si, sizeof si);
  printf("epoll after the read: %d\n", epoll_wait(ep, &out, 1, 0));
  waitpid(c, 0, 0);
  return finish("events.signalfd_poll");
}
